// SPDX-License-Identifier: MIT
// Hexadecimal digits, read and written: the one decoder behind JSON's \u escapes, YAML's \x/\u/\U escapes
// and every other hex text Tapedeck reads.
#pragma once

#include <QByteArrayView>

#include <optional>

namespace tapedeck {

// 0..15 for '0'-'9', 'a'-'f', 'A'-'F'; -1 for anything else.
constexpr int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The value of up to eight hex digits; nullopt when digits is empty, longer than 8 or holds a non-digit.
std::optional<quint32> parseHex(QByteArrayView digits);

} // namespace tapedeck
