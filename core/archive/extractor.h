// SPDX-License-Identifier: MIT
// Safe extraction of a recording archive into a folder: no path escapes, no links, private permissions,
// all or nothing.
#pragma once

#include "core/archive/extractionlimits.h"
#include "core/common/progress.h"
#include "core/common/result.h"

#include <QMap>
#include <QStringList>

namespace tapedeck {

class ZipArchive;

struct ExtractOptions
{
    QString outputDir;
    bool force = false; // replace files in an existing, non-empty folder
    bool ignoreChecksums = false; // keep files whose checksum does not match the manifest
    ExtractionLimits limits;
};

struct ExtractReport
{
    QString outputDir;
    QStringList files;
    qint64 bytes = 0;
    QMap<QString, QString> checksumState; // file -> "ok" | "mismatch" | "unlisted"
};

class Extractor
{
    Q_DECLARE_TR_FUNCTIONS(Extractor)

public:
    // Everything is written to a private staging folder beside the target and moved into place only
    // when every entry decoded and verified, so a failure leaves nothing behind. Files are 0600, folders
    // 0700, and files are created with O_EXCL|O_NOFOLLOW so no pre-existing link is ever written through.
    static Result<ExtractReport> extract(
        ZipArchive &archive, const ExtractOptions &options, ProgressReporter *progress = nullptr);
};

} // namespace tapedeck
