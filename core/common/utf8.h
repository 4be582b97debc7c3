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

// A code point as Unicode writes it in prose: "U+001B", "U+1F600".
QString codePointName(char32_t codePoint);

// Where a byte offset into UTF-8 text is, as Python's json module reports it: the line (1-based, counting
// '\n') and the column (1-based, in characters of the line decoded as decodeUtf8 decodes it; a character
// outside the BMP is one column, not two UTF-16 units).
struct TextPosition
{
    qsizetype line = 1;
    qsizetype column = 1;
};
TextPosition textPosition(QByteArrayView text, qsizetype offset);

// UTF-16 to UTF-8 through appendUtf8.
QByteArray toUtf8(QStringView text);

// Decodes the UTF-8 sequence at p (p < end) and advances p past it. Malformed input yields nullopt and
// advances p past its maximal ill-formed subpart (Unicode's "best practice", which Python's decoder
// follows): the caller writes one U+FFFD for it.
std::optional<char32_t> nextUtf8(const char *&p, const char *end);

// UTF-8 as text the way Python's bytes.decode("utf-8", "replace") reads it: one U+FFFD per maximal
// ill-formed subpart, and a U+FEFF that starts the text kept. Use it, not QString::fromUtf8, for every
// byte string that came from a recording: QString::fromUtf8 drops a leading U+FEFF and writes one U+FFFD
// per bad byte, so two readers of the same bytes would disagree.
QString decodeUtf8(QByteArrayView bytes);

// Appends bytes to out with every maximal ill-formed subpart replaced by U+FFFD's three bytes: out gets
// toUtf8(decodeUtf8(bytes)), without building the text.
void appendValidUtf8(QByteArray &out, QByteArrayView bytes);

// Valid UTF-8 as text (a leading U+FEFF kept), else nullopt (no replacement characters).
std::optional<QString> strictUtf8(QByteArrayView bytes);

} // namespace tapedeck
