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
    int status = 0;
    QString statusMessage;
    QString httpVersion; // only the httpx shape records it
    QList<HttpHeader> responseHeaders;
    std::optional<QByteArray> responseBody;
    QStringList warnings; // what was odd about this interaction (unknown tags, missing keys, …)

    // Every value of a header, matched case-insensitively (VCR.py mixes "content-length" and "Content-Type").
    static QStringList headerValues(const QList<HttpHeader> &headers, QStringView name);
    static QString headerValue(const QList<HttpHeader> &headers, QStringView name);

    // The body with its Content-Encoding (gzip, deflate, br, identity; comma-separated chains) undone,
    // for display. Without a Content-Encoding the raw bytes are returned. maxSize bounds the output.
    static Result<QByteArray> decodeContent(
        const QByteArray &raw, const QString &contentEncoding, qint64 maxSize = qint64(512) << 20);
};

} // namespace tapedeck
