// SPDX-License-Identifier: MIT
// "Copy as cURL": a POSIX shell command line that repeats a recorded HTTP request with curl.
#pragma once

#include "core/recording/httpexchange.h"

#include <QString>

namespace tapedeck {

class CurlCommand
{
public:
    // curl with the method, the URL, every recorded request header and the body exactly as recorded:
    // `--data-binary 'text'` for UTF-8 text, or bytes piped in through printf octal escapes
    // (`printf '\001…' | curl … --data-binary @-`) when the body is binary or starts with '@'. Content-Length
    // is left to curl; Accept-Encoding becomes --compressed so that the answer prints decoded. Lines are
    // joined with " \".
    static QString build(const HttpExchange &exchange);

    // One shell word in single quotes ('it'\''s'); words made only of safe characters stay bare.
    static QString shellQuote(QStringView word);
    // A printf format string (already shell-quoted) that prints exactly `bytes`.
    static QString printfFormat(const QByteArray &bytes);
    // Whether `bytes` can be passed as a shell argument as they are: UTF-8 without NUL and without control
    // characters other than tab, CR and LF.
    static bool isPlainText(const QByteArray &bytes);
};

} // namespace tapedeck
