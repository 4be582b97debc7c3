// SPDX-License-Identifier: MIT
// Decompression bomb limits.
#include "core/archive/extractionlimits.h"

#include "core/common/bytesize.h"

namespace tapedeck {

Status ExtractionLimits::check(const QList<ZipEntry> &entries, const QString &archiveName) const
{
    qint64 total = 0;
    for (const ZipEntry &e : entries) {
        if (maxEntrySize > 0 && e.size > maxEntrySize) {
            return makeError(ErrorCode::InvalidInput,
                tr("%1: entry \"%2\" would expand to %3, over the per-entry limit of %4 "
                   "(raise it with --max-entry-size if you trust the archive)")
                    .arg(archiveName, e.name, formatByteSize(e.size), formatByteSize(maxEntrySize)));
        }
        if (maxRatio > 0 && e.size >= RatioFloor) {
            const double ratio = double(e.size) / double(std::max<qint64>(e.compressedSize, 1));
            if (ratio > maxRatio) {
                return makeError(ErrorCode::InvalidInput,
                    tr("%1: entry \"%2\" expands %3 times (%4 from %5), over the ratio limit of %6 "
                       "(a decompression bomb? raise it with --max-ratio if you trust the archive)")
                        .arg(archiveName, e.name, QString::number(ratio, 'f', 0), formatByteSize(e.size),
                            formatByteSize(e.compressedSize), QString::number(maxRatio, 'g')));
            }
        }
        total += e.size;
        if (maxTotalSize > 0 && total > maxTotalSize) {
            return makeError(ErrorCode::InvalidInput,
                tr("%1: the entries would expand to more than the total limit of %2 "
                   "(raise it with --max-total-size if you trust the archive)")
                    .arg(archiveName, formatByteSize(maxTotalSize)));
        }
    }
    return success();
}

} // namespace tapedeck
