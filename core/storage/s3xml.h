// SPDX-License-Identifier: MIT
// S3's XML answers read with QXmlStreamReader: one ListObjectsV2 page and an error body (Code, Message, …).
#pragma once

#include "core/common/result.h"
#include "core/storage/s3client.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace tapedeck {

// What S3 says in an error response's body; every field may be empty.
struct S3ErrorBody
{
    QString code; // "NoSuchKey", "SignatureDoesNotMatch", …
    QString message;
    QString region; // PermanentRedirect, AuthorizationHeaderMalformed
    QString endpoint; // PermanentRedirect
    QString bucket;
    QString key;
};

class S3Xml
{
    Q_DECLARE_TR_FUNCTIONS(S3Xml)

public:
    // A ListBucketResult of ListObjectsV2. Keys and prefixes are decoded when the page says EncodingType url
    // (as botocore decodes them: '+' is a space, then %XX); ETags lose their quotes. A page that is not
    // well-formed XML, has a DTD, is not a ListBucketResult, has an object without a key or with a size that
    // is not a non-negative number, or is truncated without a continuation token is an InvalidInput error.
    static Result<S3ListPage> parseListObjectsV2(QByteArrayView xml);
    // The <Error> document S3 sends with a failure; nullopt when the body is not one.
    static std::optional<S3ErrorBody> parseError(QByteArrayView xml);

    // "abc" → abc (S3 sends ETags quoted; W/ weak prefixes are dropped too).
    static QString normalizeEtag(QStringView etag);
    // application/x-www-form-urlencoded decoding as Python's unquote_plus does it ('+' → ' ', %XX → byte,
    // malformed escapes kept as they are, the bytes read as UTF-8).
    static QString urlDecode(QStringView encoded);
};

} // namespace tapedeck
