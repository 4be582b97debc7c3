// SPDX-License-Identifier: MIT
// Downloads one S3 object with parallel ranged GETs into a preallocated file: progress and cancel, retries,
// resume after an interruption (the partial file and its state stay in the cache), ETag and size checked
// on every part (an object replaced on the server is an error, never a mix of two versions).
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/storage/s3cache.h"
#include "core/storage/s3client.h"

#include <QCoreApplication>

#include <optional>

namespace tapedeck {

struct S3DownloadOptions
{
    int parallel = 6; // ranged GETs in flight, 1 to 6 (Qt's connections per host)
    qint64 partSize = 8 * 1024 * 1024; // bytes per ranged GET
    // Into the cache (resumable) when empty; else to this file (written to "<output>.part" first, renamed
    // when complete and checked; 0600).
    QString output;
    bool useCache = true; // false: --no-cache, a temporary file that the caller removes (see S3Fetched)
    // Hash the whole file and compare it with the ETag when the ETag is an MD5 (single-part uploads without
    // KMS): an end-to-end check beyond the ETag every part must carry. Off by default: it costs a core for
    // ~0.2 s per 100 MiB (about half the download on loopback), and a recording's entries are authenticated
    // by their HMACs when read anyway. `fetch --verify-md5` turns it on.
    bool checkMd5 = false;
};

struct S3Fetched
{
    QString path; // the complete local file
    S3Object object; // what was downloaded (size, ETag)
    bool fromCache = false; // nothing was transferred
    bool temporary = false; // --no-cache: the caller deletes path when done
    qint64 bytesTransferred = 0;
    qint64 bytesResumed = 0; // taken over from an interrupted download
};

class S3Download
{
    Q_DECLARE_TR_FUNCTIONS(S3Download)

public:
    // HEADs the object, returns the cached copy when there is one, else downloads (resuming a partial
    // download of the same version). progress counts bytes of the object. A failure leaves nothing
    // half-written where a complete file is expected: only the .part file and its state, which a later
    // download resumes or the cache evicts; a changed object (another ETag or size) discards the partial
    // download and is an InvalidInput error.
    static Result<S3Fetched> fetch(S3Client &client, const S3Location &location,
        const S3DownloadOptions &options, ProgressReporter *progress = nullptr,
        const S3Cache &cache = S3Cache());
};

} // namespace tapedeck
