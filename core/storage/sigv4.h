// SPDX-License-Identifier: MIT
// AWS Signature Version 4 for S3 on OpenSSL, byte for byte what botocore's S3SigV4Auth produces (checked
// by tst_sigv4 against python3-botocore with a frozen clock, and against AWS's published examples).
#pragma once

#include "core/storage/awsconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QUrl>

namespace tapedeck {

using HeaderList = QList<QPair<QByteArray, QByteArray>>; // name (as sent), value; order kept

// One S3 request as the client means it, before addressing and signing.
struct S3Request
{
    QByteArray method = "GET";
    QString bucket; // empty for ListBuckets
    QString key; // the object key, unencoded; empty for bucket-level requests
    QList<QPair<QString, QString>> query; // unencoded names and values; a value-less parameter has ""
    HeaderList headers; // extra headers (Range, If-Match, …), signed like botocore signs them
    QByteArray payload; // the body; GET/HEAD have none
};

// The request ready to send: the exact URL (path and query already percent-encoded as signed) and every
// header to send, the signature's among them.
struct SignedRequest
{
    QByteArray method;
    QByteArray url; // scheme://host[:port]/encoded-path?encoded-query, sent as is (QUrl::fromEncoded, StrictMode)
    HeaderList headers; // Host is included only when it must differ from the URL's
    // For tests and diagnostics; never logged with the signature's secret inputs.
    QByteArray canonicalRequest;
    QByteArray stringToSign;
};

class SigV4
{
public:
    // Addresses request (path-style or virtual-host as config.addressing and botocore's rules for the
    // endpoint and bucket name decide), encodes the key and query as botocore does, and signs it for
    // "s3" in config.region at time now (UTC). Adds x-amz-date, x-amz-content-sha256 (the payload's SHA-256
    // over http, UNSIGNED-PAYLOAD over https, as botocore), x-amz-security-token when there is a session
    // token, and Authorization.
    static SignedRequest sign(const S3Request &request, const S3Config &config, const QDateTime &now);

    // A presigned GET URL valid for expiresSeconds (query-string authentication), as botocore's
    // generate_presigned_url makes it.
    static QByteArray presign(
        const S3Request &request, const S3Config &config, const QDateTime &now, int expiresSeconds);

    // RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, everything else %XX
    // (upper-case), '/' kept when keepSlash.
    static QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
};

} // namespace tapedeck
