// SPDX-License-Identifier: MIT
// Human byte sizes: parsing "512M"-style limits given on the command line and formatting sizes for display.
#pragma once

#include <QString>

#include <optional>

namespace tapedeck {

// Accepts a plain byte count or a number with a K/M/G/T suffix (binary multiples, optional "iB"/"B") that
// comes to a whole number of bytes ("1.5K" is 1536); NaN, infinities, negative numbers and fractions of a
// byte ("0.5", "1e-9") are refused.
std::optional<qint64> parseByteSize(const QString &text);

// "1.5 MiB"-style text, or "123 B" below one KiB.
QString formatByteSize(qint64 bytes);

} // namespace tapedeck
