// SPDX-License-Identifier: MIT
// JSON string escapes, decoded once for every JSON reader in Tapedeck (JsonValue's parser, the MCP
// extractor and the diff's MCP scanner), and the syntax-error messages those readers share.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace tapedeck {

struct JsonEscape
{
    char16_t unit = 0; // one UTF-16 unit: a \uD83D\uDE00 pair is two escapes
    int length = 0; // bytes the escape takes, backslash included (2, or 6 for \uXXXX)
};

// The escape at p (which points at a backslash); nullopt for an unknown letter, a \u without four hex
// digits, or an escape cut by the end.
std::optional<JsonEscape> decodeJsonEscape(const char *p, const char *end);

// The text between a string literal's quotes with its escapes undone, as UTF-16: surrogate escapes stay
// UTF-16 units, so a pair forms its character and a lone one stays lone, as in the str Python builds.
// Invalid escapes (the caller validated the literal, or does not care) are kept as written; malformed
// UTF-8 is read as Python reads it (decodeUtf8).
QString unescapeJsonString(QByteArrayView inner);

// The same as UTF-8, appended to out: a pair of surrogate escapes is one code point, a lone surrogate and
// malformed UTF-8 are U+FFFD (appendUtf8, appendValidUtf8), so the bytes equal
// toUtf8(unescapeJsonString(inner)).
void appendUnescapedJsonUtf8(QByteArrayView inner, QByteArray &out);

// Syntax errors the JSON readers report, worded (and translated) once.
class JsonSyntax
{
    Q_DECLARE_TR_FUNCTIONS(JsonSyntax)

public:
    enum class Problem {
        ValueMissing, // the data ends where a value should be
        EndInsideObject,
        EndInsideArray,
        ExpectedColon, // arg: what was found
        ExpectedCommaOrBracket, // arg: what was found
        ExpectedCommaOrBrace, // arg: what was found
        Unexpected, // arg: what was found
        UnterminatedString,
        InvalidUnicodeEscape,
        InvalidEscape, // arg: the escape letter
        ControlCharacter, // arg: the character
        FractionDigits,
        ExponentDigits,
    };
    static QString message(Problem problem, const QString &arg = {});
};

} // namespace tapedeck
