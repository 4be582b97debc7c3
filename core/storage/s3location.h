// SPDX-License-Identifier: MIT
// An S3 address as users write it: s3://bucket/key (an object) or s3://bucket/prefix/ (a folder).
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QString>

namespace tapedeck {

struct S3Location
{
    Q_DECLARE_TR_FUNCTIONS(S3Location)

public:
    QString bucket;
    QString key; // without the leading '/'; empty for the whole bucket

    // Whether text starts with "s3://" (case-insensitive), i.e. is meant as an S3 address.
    static bool isS3Url(QStringView text);
    // Parses s3://bucket[/key]: a Usage error naming what is wrong (no bucket, a bucket name S3 refuses,
    // a key longer than 1,024 UTF-8 bytes, control characters).
    static Result<S3Location> parse(const QString &url);

    // A prefix (a "folder"): the whole bucket or a key ending in '/'.
    bool isPrefix() const { return key.isEmpty() || key.endsWith(QLatin1Char('/')); }
    // s3://bucket/key
    QString toString() const;
    // The key's last component ("recording-1.zip"); the bucket for an empty key.
    QString fileName() const;
};

} // namespace tapedeck
