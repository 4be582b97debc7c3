// SPDX-License-Identifier: MIT
// Hexadecimal text.
#include "core/common/hex.h"

namespace tapedeck {

std::optional<quint32> parseHex(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 8)
        return std::nullopt;
    quint32 value = 0;
    for (const char c : digits) {
        const int d = hexDigitValue(c);
        if (d < 0)
            return std::nullopt;
        value = value * 16 + quint32(d);
    }
    return value;
}

} // namespace tapedeck
