// SPDX-License-Identifier: MIT
// JSON string escapes and syntax-error messages.
#include "core/common/jsonstring.h"

#include "core/common/hex.h"
#include "core/common/utf8.h"

#include <cstring>

namespace tapedeck {

std::optional<JsonEscape> decodeJsonEscape(const char *p, const char *end)
{
    if (end - p < 2)
        return std::nullopt;
    switch (p[1]) {
    case '"':
        return JsonEscape { u'"', 2 };
    case '\\':
        return JsonEscape { u'\\', 2 };
    case '/':
        return JsonEscape { u'/', 2 };
    case 'b':
        return JsonEscape { u'\b', 2 };
    case 'f':
        return JsonEscape { u'\f', 2 };
    case 'n':
        return JsonEscape { u'\n', 2 };
    case 'r':
        return JsonEscape { u'\r', 2 };
    case 't':
        return JsonEscape { u'\t', 2 };
    case 'u': {
        if (end - p < 6)
            return std::nullopt;
        int value = 0;
        for (int k = 2; k < 6; ++k) {
            const int digit = hexDigitValue(p[k]);
            if (digit < 0)
                return std::nullopt;
            value = value * 16 + digit;
        }
        return JsonEscape { char16_t(value), 6 };
    }
    default:
        return std::nullopt;
    }
}

QString unescapeJsonString(QByteArrayView inner)
{
    if (inner.isEmpty())
        return {}; // memchr must not see the null data of an empty view
    const char *p = inner.data();
    const char *end = p + inner.size();
    const char *slash = static_cast<const char *>(std::memchr(p, '\\', size_t(inner.size())));
    if (!slash)
        return decodeUtf8(inner);
    QString out;
    out.reserve(inner.size());
    const char *run = p;
    p = slash;
    while (p < end) {
        if (*p != '\\') {
            ++p;
            continue;
        }
        out += decodeUtf8(QByteArrayView(run, p - run));
        const std::optional<JsonEscape> e = decodeJsonEscape(p, end);
        if (!e) {
            out += QLatin1Char('\\');
            run = ++p;
            continue;
        }
        out += QChar(e->unit);
        p += e->length;
        run = p;
    }
    out += decodeUtf8(QByteArrayView(run, end - run));
    return out;
}

void appendUnescapedJsonUtf8(QByteArrayView inner, QByteArray &out)
{
    const char *p = inner.data();
    const char *end = p + inner.size();
    const char *run = p;
    while (p < end) {
        const char *slash = static_cast<const char *>(std::memchr(p, '\\', size_t(end - p)));
        if (!slash)
            break;
        p = slash;
        appendValidUtf8(out, QByteArrayView(run, p - run));
        const std::optional<JsonEscape> e = decodeJsonEscape(p, end);
        if (!e) {
            out += '\\';
            run = ++p;
            continue;
        }
        p += e->length;
        char32_t codePoint = e->unit;
        if (QChar::isHighSurrogate(codePoint) && p < end && *p == '\\') {
            const std::optional<JsonEscape> low = decodeJsonEscape(p, end);
            if (low && QChar::isLowSurrogate(low->unit)) {
                codePoint = QChar::surrogateToUcs4(char16_t(codePoint), low->unit);
                p += low->length;
            }
        }
        appendUtf8(out, codePoint);
        run = p;
    }
    appendValidUtf8(out, QByteArrayView(run, end - run));
}

QString JsonSyntax::message(Problem problem, const QString &arg)
{
    switch (problem) {
    case Problem::ValueMissing:
        return tr("the data ends where a value should be");
    case Problem::EndInsideObject:
        return tr("the data ends inside an object");
    case Problem::EndInsideArray:
        return tr("the data ends inside an array");
    case Problem::ExpectedColon:
        return tr("expected ':' but found %1").arg(arg);
    case Problem::ExpectedCommaOrBracket:
        return tr("expected ',' or ']' but found %1").arg(arg);
    case Problem::ExpectedCommaOrBrace:
        return tr("expected ',' or '}' but found %1").arg(arg);
    case Problem::Unexpected:
        return tr("unexpected %1").arg(arg);
    case Problem::UnterminatedString:
        return tr("the string starting here is not terminated");
    case Problem::InvalidUnicodeEscape:
        return tr("invalid \\u escape in a string");
    case Problem::InvalidEscape:
        return tr("invalid escape \\%1 in a string").arg(arg);
    case Problem::ControlCharacter:
        return tr("control character %1 in a string").arg(arg);
    case Problem::FractionDigits:
        return tr("a number needs digits after '.'");
    case Problem::ExponentDigits:
        return tr("a number needs digits in its exponent");
    }
    return {};
}

} // namespace tapedeck
