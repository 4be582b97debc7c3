// SPDX-License-Identifier: MIT
// UTF-8 encoding, and decoding: lenient (Python's "replace") for recorded text, strict where asked.
#include "core/common/utf8.h"

#include <algorithm>


namespace tapedeck {

int encodeUtf8(char32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = char(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = char(0xc0 | (cp >> 6));
        out[1] = char(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        if (cp >= 0xd800 && cp <= 0xdfff)
            cp = 0xfffd;
        out[0] = char(0xe0 | (cp >> 12));
        out[1] = char(0x80 | ((cp >> 6) & 0x3f));
        out[2] = char(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = char(0xf0 | (cp >> 18));
    out[1] = char(0x80 | ((cp >> 12) & 0x3f));
    out[2] = char(0x80 | ((cp >> 6) & 0x3f));
    out[3] = char(0x80 | (cp & 0x3f));
    return 4;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
        return;
    }
    char bytes[4];
    out.append(bytes, encodeUtf8(cp, bytes));
}

TextPosition textPosition(QByteArrayView text, qsizetype offset)
{
    const QByteArrayView head = text.first(std::clamp<qsizetype>(offset, 0, text.size()));
    TextPosition at;
    at.line = head.count('\n') + 1;
    const char *p = head.data() + (head.lastIndexOf('\n') + 1);
    const char *end = head.data() + head.size();
    while (p < end) {
        nextUtf8(p, end); // a character, or a malformed subpart that decodes to one U+FFFD
        ++at.column;
    }
    return at;
}

QString codePointName(char32_t codePoint)
{
    return QStringLiteral("U+") + QString::number(uint(codePoint), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

char32_t nextCodePoint(QStringView text, qsizetype &i)
{
    const char16_t u = text[i++].unicode();
    if (QChar::isHighSurrogate(u) && i < text.size() && QChar::isLowSurrogate(text[i].unicode()))
        return QChar::surrogateToUcs4(u, text[i++].unicode());
    return u;
}

QByteArray toUtf8(QStringView text)
{
    QByteArray out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const char16_t u = text[i].unicode();
        if (u < 0x80) {
            out += char(u);
            ++i;
            continue;
        }
        appendUtf8(out, nextCodePoint(text, i));
    }
    return out;
}

std::optional<char32_t> nextUtf8(const char *&p, const char *end)
{
    const uchar b0 = uchar(*p);
    if (b0 < 0x80) {
        ++p;
        return b0;
    }
    int length = 0;
    uchar low = 0x80, high = 0xbf; // the second byte's range; later bytes are always 80..bf
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        length = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        length = 3;
        if (b0 == 0xe0)
            low = 0xa0; // no overlong forms
        else if (b0 == 0xed)
            high = 0x9f; // no surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        length = 4;
        if (b0 == 0xf0)
            low = 0x90;
        else if (b0 == 0xf4)
            high = 0x8f; // nothing above U+10FFFF
    }
    if (length == 0) {
        ++p;
        return std::nullopt;
    }
    char32_t cp = b0 & (0xff >> (length + 1));
    for (int k = 1; k < length; ++k) {
        const bool inside = p + k < end;
        const uchar b = inside ? uchar(p[k]) : 0;
        if (!inside || b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xbf)) {
            p += k;
            return std::nullopt;
        }
        cp = (cp << 6) | (b & 0x3f);
    }
    p += length;
    return cp;
}

QString decodeUtf8(QByteArrayView bytes)
{
    if (bytes.isValidUtf8()) {
        // QString::fromUtf8 takes exactly one leading U+FEFF for a byte order mark and drops it.
        if (bytes.startsWith("\xef\xbb\xbf"))
            return QChar(0xfeff) + QString::fromUtf8(bytes);
        return QString::fromUtf8(bytes);
    }
    QString out;
    out.reserve(bytes.size());
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    while (p < end) {
        const std::optional<char32_t> cp = nextUtf8(p, end);
        if (!cp)
            out += QChar(QChar::ReplacementCharacter);
        else if (*cp < 0x10000)
            out += QChar(char16_t(*cp));
        else
            out += QStringView(QChar::fromUcs4(*cp));
    }
    return out;
}

void appendValidUtf8(QByteArray &out, QByteArrayView bytes)
{
    if (bytes.isValidUtf8()) {
        out.append(bytes);
        return;
    }
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    while (p < end) {
        const char *start = p;
        if (nextUtf8(p, end))
            out.append(start, p - start);
        else
            out.append("\xef\xbf\xbd", 3);
    }
}

std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    if (!bytes.isValidUtf8())
        return std::nullopt;
    return decodeUtf8(bytes);
}

} // namespace tapedeck
