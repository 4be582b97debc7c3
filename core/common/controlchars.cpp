// SPDX-License-Identifier: MIT
// Escaping control characters for human-readable output.
#include "core/common/controlchars.h"

namespace tapedeck {

namespace {

bool isBidiFormat(char16_t c)
{
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
}

// Whether the unit at i must be escaped; i is advanced past a surrogate pair.
bool needsEscape(const QString &text, qsizetype &i, LineBreaks lineBreaks)
{
    const char16_t c = text[i].unicode();
    if (c < 0x20 || c == 0x7f) {
        if (lineBreaks == LineBreaks::Escape)
            return true;
        if (c == u'\n' || c == u'\t')
            return false;
        return !(c == u'\r' && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'));
    }
    if (c < 0x7f)
        return false;
    if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
        ++i;
        return false;
    }
    return (c >= 0x80 && c < 0xa0) || QChar::isSurrogate(c) || c == 0x2028 || c == 0x2029 || isBidiFormat(c);
}

} // namespace

QString escapeControls(const QString &text, LineBreaks lineBreaks)
{
    qsizetype first = 0;
    for (; first < text.size(); ++first) {
        qsizetype i = first;
        if (needsEscape(text, i, lineBreaks))
            break;
        first = i;
    }
    if (first == text.size())
        return text;
    QString out = text.first(first);
    for (qsizetype i = first; i < text.size(); ++i) {
        const qsizetype start = i;
        if (!needsEscape(text, i, lineBreaks)) {
            out += QStringView(text).sliced(start, i - start + 1);
            continue;
        }
        const char16_t c = text[i].unicode();
        switch (c) {
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            out += c < 0x100 ? QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'))
                             : QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
            break;
        }
    }
    return out;
}

} // namespace tapedeck
