// SPDX-License-Identifier: MIT
// "Copy as cURL".
#include "core/recording/curlcommand.h"

#include "core/common/utf8.h"

namespace tapedeck {

QString CurlCommand::shellQuote(QStringView word)
{
    static const QLatin1StringView safe(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+%");
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) { return safe.contains(c); }))
        return word.toString();
    QString out = QStringLiteral("'");
    for (const QChar c : word) {
        if (c == u'\'')
            out += QLatin1String("'\\''");
        else
            out += c;
    }
    return out + QLatin1Char('\'');
}

bool CurlCommand::isPlainText(const QByteArray &bytes)
{
    for (const char ch : bytes) {
        const uchar c = uchar(ch);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return false;
    }
    return strictUtf8(bytes).has_value();
}

QString CurlCommand::printfFormat(const QByteArray &bytes)
{
    QString out = QStringLiteral("'");
    for (const char ch : bytes) {
        const uchar c = uchar(ch);
        if (c == '%') {
            out += QLatin1String("%%");
        } else if (c == '\\') {
            out += QLatin1String("\\\\");
        } else if (c >= 0x20 && c < 0x7f && c != '\'') {
            out += QLatin1Char(char(c));
        } else {
            // Three octal digits always: "\0011" would otherwise read as \001 followed by "1" or as \0011.
            out += QLatin1Char('\\');
            out += QLatin1Char(char('0' + ((c >> 6) & 7)));
            out += QLatin1Char(char('0' + ((c >> 3) & 7)));
            out += QLatin1Char(char('0' + (c & 7)));
        }
    }
    return out + QLatin1Char('\'');
}

QString CurlCommand::build(const HttpExchange &exchange)
{
    // The first line holds curl, the method and the URL; each header and the body get a line of their own.
    QStringList first { QStringLiteral("curl") };
    QStringList more;
    const QString method = exchange.method.isEmpty() ? QStringLiteral("GET") : exchange.method.toUpper();
    const bool hasBody = exchange.requestBody && !exchange.requestBody->isEmpty();
    if (method == u"HEAD" && !hasBody)
        first.append(QStringLiteral("--head"));
    else if (!(method == u"GET" && !hasBody) && !(method == u"POST" && hasBody))
        first.append(QStringLiteral("-X ") + shellQuote(exchange.method));
    // [] and {} in a URL are curl's own globbing syntax unless it is turned off.
    const bool glob = std::any_of(exchange.uri.begin(), exchange.uri.end(),
        [](QChar c) { return c == u'[' || c == u']' || c == u'{' || c == u'}'; });
    if (glob)
        first.append(QStringLiteral("--globoff"));
    first.append(shellQuote(exchange.uri));
    bool compressed = false;
    for (const HttpHeader &header : exchange.requestHeaders) {
        const QString name = header.name.trimmed();
        if (name.isEmpty() || name.startsWith(u':') // HTTP/2 pseudo-headers are curl's to write
            || name.compare(u"content-length", Qt::CaseInsensitive) == 0)
            continue;
        if (name.compare(u"accept-encoding", Qt::CaseInsensitive) == 0) {
            const QString value = header.value.toLower();
            if (value.contains(u"gzip") || value.contains(u"deflate") || value.contains(u"br")) {
                compressed = true;
                continue;
            }
        }
        // "Name:" would make curl drop the header; "Name;" sends it with an empty value.
        const QString line = header.value.isEmpty() ? QString(name + QLatin1Char(';'))
                                                    : QString(name + QLatin1String(": ") + header.value);
        more.append(QStringLiteral("-H ") + shellQuote(line));
    }
    if (compressed)
        more.append(QStringLiteral("--compressed"));
    QString pipe;
    if (hasBody) {
        const QByteArray &body = *exchange.requestBody;
        // curl reads "@name" as a file name even in --data-binary: such bodies go through the pipe too.
        if (isPlainText(body) && !body.startsWith('@')) {
            more.append(QStringLiteral("--data-binary ") + shellQuote(decodeUtf8(body)));
        } else {
            pipe = QStringLiteral("printf ") + printfFormat(body) + QStringLiteral(" | ");
            more.append(QStringLiteral("--data-binary @-"));
        }
    }
    QString out = pipe + first.join(QLatin1Char(' '));
    for (const QString &word : std::as_const(more))
        out += QLatin1String(" \\\n  ") + word;
    return out;
}

} // namespace tapedeck
