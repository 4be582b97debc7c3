// SPDX-License-Identifier: MIT
// S3 ranged GETs behind a RangeDevice.
#include "core/storage/s3summary.h"

#include "core/storage/s3client.h"

namespace tapedeck {

std::shared_ptr<RangeDevice> S3Summary::device(S3Client &client, const S3Location &object, qint64 size,
    const QString &etag, ProgressReporter *progress, qint64 blockSize)
{
    return std::make_shared<RangeDevice>(
        size,
        [&client, object, etag, progress](
            qint64 offset, qint64 length) { return client.getRange(object, offset, length, etag, progress); },
        blockSize);
}

RangedSummary S3Summary::read(S3Client &client, const S3Location &object, qint64 size,
    const QString &etag, const QDateTime &modified, const std::optional<QString> &password,
    ProgressReporter *progress)
{
    RecordingSummary base;
    base.path = object.toString();
    base.size = size;
    base.modified = modified;
    return RemoteSummary::read(device(client, object, size, etag, progress), std::move(base), password);
}

} // namespace tapedeck
