// SPDX-License-Identifier: MIT
// One recorded HTTP interaction (request and response) with its bodies as exact bytes.
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

namespace tapedeck {

struct HttpHeader
{
    QString name;
    QString value;
};

struct HttpExchange
{
    Q_DECLARE_TR_FUNCTIONS(HttpExchange)

public:
    QString method;
    QString uri;
    QList<HttpHeader> requestHeaders; // in recorded order; a repeated header appears once per value
    std::optional<QByteArray> requestBody; // nullopt: recorded as null
    int status = 0; // 0 when none was recorded (see hasStatus)
    QString statusMessage;
    QString httpVersion; // only the httpx shape records it
    QList<HttpHeader> responseHeaders;
    std::optional<QByteArray> responseBody;
    QStringList warnings; // what was odd about this interaction (unknown tags, missing keys, …)

    // A status was recorded: one that is absent, null or not a positive number is none, shown as null in
    // JSON, as a dash on the timeline, and never matched by a status filter.
    bool hasStatus() const { return status > 0; }

    // Decoding is bounded as a whole: what every layer of a stacked Content-Encoding produces counts against
    // one budget (a gzip inside a gzip cannot multiply it), the layers stream into each other so that only
    // the final output is held, and at most MaxCodings codings are undone (urllib3 and curl stop at 5 as
    // well; each layer holds a decoder window, up to 16 MiB for brotli).
    static constexpr qint64 MaxDecodedSize = qint64(512) << 20;
    static constexpr int MaxCodings = 5;

    // Every value of a header, matched case-insensitively (VCR.py mixes "content-length" and "Content-Type").
    static QStringList headerValues(const QList<HttpHeader> &headers, QStringView name);
    static QString headerValue(const QList<HttpHeader> &headers, QStringView name);
    // Every Content-Encoding of the headers in the order applied, as one list ("gzip, br"); a repeated
    // header adds its codings after the earlier ones, as HTTP combines repeated fields.
    static QString contentEncoding(const QList<HttpHeader> &headers);

    // The body with its Content-Encoding (gzip, x-gzip, deflate, br, identity; comma-separated chains)
    // undone, for display. Without a Content-Encoding the raw bytes are returned. maxSize bounds the bytes
    // all layers produce together.
    static Result<QByteArray> decodeContent(
        const QByteArray &raw, const QString &contentEncoding, qint64 maxSize = MaxDecodedSize);
};

} // namespace tapedeck
