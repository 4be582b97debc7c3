// SPDX-License-Identifier: MIT
// Limits against decompression bombs: per-entry and total uncompressed size, and expansion ratio.
#pragma once

#include "core/archive/zipentry.h"
#include "core/common/result.h"

#include <QList>

namespace tapedeck {

struct ExtractionLimits
{
    Q_DECLARE_TR_FUNCTIONS(ExtractionLimits)

public:
    // Generous enough for recordings of several gigabytes, tight enough that a small hostile archive
    // cannot exhaust memory or disk. Zero disables a limit.
    static constexpr qint64 DefaultMaxEntrySize = qint64(4) << 30;
    static constexpr qint64 DefaultMaxTotalSize = qint64(8) << 30;
    static constexpr double DefaultMaxRatio = 1000.0;
    // Below this size an entry's ratio is not checked: tiny files compress absurdly well and harmlessly.
    static constexpr qint64 RatioFloor = qint64(1) << 20;

    qint64 maxEntrySize = DefaultMaxEntrySize;
    qint64 maxTotalSize = DefaultMaxTotalSize;
    double maxRatio = DefaultMaxRatio;

    // Checks the sizes the archive declares. Reading enforces that no entry produces more than it
    // declares, so the declared sizes bound the real output.
    Status check(const QList<ZipEntry> &entries, const QString &archiveName) const;
};

} // namespace tapedeck
