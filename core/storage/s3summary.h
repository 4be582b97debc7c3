// SPDX-License-Identifier: MIT
// Ranged reads of one S3 object as a RangeDevice (pinned to the ETag it was listed with), and a recording's
// summary read through them.
#pragma once

#include "core/common/progress.h"
#include "core/storage/remotesummary.h"
#include "core/storage/s3location.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace tapedeck {

class S3Client;

class S3Summary
{
public:
    // A device over s3://bucket/key of the given size through client, which must outlive it and be used by
    // the calling thread only. With an etag, a replaced object fails the reads ("changed on the server")
    // rather than mixing two versions. progress (may be null) cancels the requests.
    static std::shared_ptr<RangeDevice> device(S3Client &client, const S3Location &object, qint64 size,
        const QString &etag, ProgressReporter *progress = nullptr,
        qint64 blockSize = RemoteSummary::BlockSize);

    // The summary of the recording s3://bucket/key: its end and its manifest and recipe, nothing else.
    static RangedSummary read(S3Client &client, const S3Location &object, qint64 size, const QString &etag,
        const QDateTime &modified, const std::optional<QString> &password,
        ProgressReporter *progress = nullptr);
};

} // namespace tapedeck
