// SPDX-License-Identifier: MIT
// UTF-8 and UTF-16 conversions with the rules Tapedeck relies on everywhere: strict decoding, and lone
// surrogates (which Python's str can hold but UTF-8 cannot encode) written as U+FFFD.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace tapedeck {

// Appends one code point as UTF-8; a lone surrogate (U+D800..U+DFFF) becomes U+FFFD. The diff engine
// hashes strings through this encoding from two sides (parsed JSON values and raw \u escapes), so every
// encoder in Tapedeck must be this one.
void appendUtf8(QByteArray &out, char32_t codePoint);
// The same into a buffer of four bytes, for writers that are not QByteArrays; returns how many it wrote.
int encodeUtf8(char32_t codePoint, char out[4]);

// The next code point of UTF-16 text at i (advanced past it); a lone surrogate is returned as itself.
char32_t nextCodePoint(QStringView text, qsizetype &i);

// UTF-16 to UTF-8 through appendUtf8.
QByteArray toUtf8(QStringView text);

// Valid UTF-8 as text, else nullopt (no replacement characters).
std::optional<QString> strictUtf8(QByteArrayView bytes);

} // namespace tapedeck
