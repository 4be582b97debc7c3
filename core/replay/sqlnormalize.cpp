// SPDX-License-Identifier: MIT
// DataHub's query normalisation, on PCRE2 with Python's character classes.
#include "core/replay/sqlnormalize.h"

#include <QRegularExpression>

#include <array>

namespace tapedeck::replay {

namespace {

// Python's \s on str: the characters str.isspace() accepts (PCRE2's Unicode \s differs at U+001C–U+001F
// and U+0085).
#define PY_SPACE "\\t\\n\\x{0b}\\f\\r\\x{1c}-\\x{1f} \\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}"
#define S "[" PY_SPACE "]"

struct Rule
{
    const char *pattern;
    const char *replacement;
};

// db_proxy.py's _TIMESTAMP_PATTERNS, in its order, \s spelled as Python reads it.
constexpr std::array<Rule, 7> Rules { {
    { "to_timestamp(?:_ltz|_ntz|_tz)?" S "*\\(" S "*[\\d]+" S "*(?:," S "*[\\d]+" S "*)?\\)", "to_timestamp(?)" },
    { "DATEADD" S "*\\(" S "*\\w+" S "*," S "*-?\\d+" S "*," S "*[^)]+\\)", "DATEADD(?)" },
    { "'\\d{4}-\\d{2}-\\d{2}[T" PY_SPACE "]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?'", "'?TIMESTAMP?'" },
    { "'\\d{4}-\\d{2}-\\d{2}'", "'?DATE?'" },
    { "\\b\\d{13}\\b", "?EPOCH_MS?" },
    { "\\b\\d{10}\\b(?!\\d)", "?EPOCH_S?" },
    { "(?:CURRENT_TIMESTAMP|NOW|GETDATE|SYSDATE)" S "*\\(" S "*\\)" S "*(?:-" S "*INTERVAL" S "+'[^']+'" S "*)?",
        "?CURRENT_TIME?" },
} };

#undef S

const std::array<QRegularExpression, Rules.size()> &compiled()
{
    static const std::array<QRegularExpression, Rules.size()> expressions = [] {
        std::array<QRegularExpression, Rules.size()> out;
        for (size_t k = 0; k < Rules.size(); ++k) {
            out[k] = QRegularExpression(QString::fromLatin1(Rules[k].pattern),
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
            out[k].optimize();
        }
        return out;
    }();
    return expressions;
}

const QRegularExpression &whitespaceRun()
{
    static const QRegularExpression run(QStringLiteral("[" PY_SPACE "]+"), QRegularExpression::UseUnicodePropertiesOption);
    return run;
}

bool isPythonSpace(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x20) || u == 0x85 || u == 0xa0 || u == 0x1680
        || (u >= 0x2000 && u <= 0x200a) || u == 0x2028 || u == 0x2029 || u == 0x202f || u == 0x205f || u == 0x3000;
}

} // namespace

QString normalizeQueryForMatching(const QString &query)
{
    QString s = query;
    const auto &expressions = compiled();
    for (size_t k = 0; k < Rules.size(); ++k)
        s.replace(expressions[k], QString::fromLatin1(Rules[k].replacement));
    s.replace(whitespaceRun(), QStringLiteral(" "));
    // str.strip(): Python's whitespace at both ends.
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && isPythonSpace(s.at(begin)))
        ++begin;
    while (end > begin && isPythonSpace(s.at(end - 1)))
        --end;
    return s.mid(begin, end - begin);
}

} // namespace tapedeck::replay
