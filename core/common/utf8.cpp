// SPDX-License-Identifier: MIT
// UTF-8 encoding and strict decoding.
#include "core/common/utf8.h"

#include <QStringDecoder>

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

std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace tapedeck
