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
    // Unencoded names and values, sent in this order (the signature sorts them). A value-less parameter
    // (?lifecycle, ?uploads) has a null value and is sent as the bare name; an empty but non-null value
    // (QStringLiteral("")) is sent as "name=", as botocore sends prefix="". Both sign as "name=".
    QList<QPair<QString, QString>> query;
    // Extra headers (Range, If-Match, Content-MD5, …), all signed, as botocore signs every header but
    // User-Agent, Expect and X-Amzn-Trace-Id. Leave out what the transport adds (Content-Length, Connection).
    // A Date header replaces X-Amz-Date (botocore rewrites its value to the signing time).
    HeaderList headers;
    QByteArray payload; // the body; GET/HEAD have none
};

// The request ready to send: the exact URL (path and query already percent-encoded as signed) and every
// header to send, the signature's among them.
struct SignedRequest
{
    QByteArray method;
    QByteArray
        url; // scheme://host[:port]/encoded-path?encoded-query, sent as is (QUrl::fromEncoded, StrictMode)
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
    // The same with the canonical request and string to sign (url is what presign returns; headers are the
    // request's own, which a client of the URL must send as they are).
    static SignedRequest presignRequest(
        const S3Request &request, const S3Config &config, const QDateTime &now, int expiresSeconds);

    // The last steps of sign() for a canonical request built elsewhere: the string to sign (into
    // stringToSign when given) and the hex signature. For AWS's published examples, whose requests botocore
    // would not send as they are (a Date header beside X-Amz-Date).
    static QByteArray signCanonical(const QByteArray &canonicalRequest, const AwsCredentials &credentials,
        const QString &region, const QDateTime &now, QByteArray *stringToSign = nullptr);

    // RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, everything else %XX
    // (upper-case), '/' kept when keepSlash.
    static QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);

    // Whether the request goes to bucket.host (virtual-host style) rather than host/bucket, as botocore
    // 1.29 decides: with a custom endpoint only when addressing is Virtual, on AWS's endpoint unless it is
    // Path; never for an IP-address endpoint or a bucket name that is not one DNS label (3-63 characters of
    // a-z, 0-9 and '-', no '.': dotted names would break TLS certificate checks).
    static bool virtualHostStyle(const QString &bucket, const S3Config &config);
    // The endpoint used: config.endpoint, or https://s3.<region>.amazonaws.com when it is empty.
    static QUrl endpoint(const S3Config &config);
};

} // namespace tapedeck
