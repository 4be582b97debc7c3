// SPDX-License-Identifier: MIT
// A recording's summary (manifest and recipe) read through ranged reads, without downloading the archive:
// its end (directory) in one request, then the local headers and manifest.json and recipe.yaml only.
#pragma once

#include "core/recording/recordinglist.h"
#include "core/storage/rangedevice.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace tapedeck {

struct RangedSummary
{
    RecordingSummary summary;
    qint64 bytesFetched = 0; // what the ranged reads cost
    int requests = 0;
};

class RemoteSummary
{
    Q_DECLARE_TR_FUNCTIONS(RemoteSummary)

public:
    // What libzip 1.7 reads to find the directory (MAXCOMLEN 65536, the end record, a ZIP64 locator), more
    // than our own reader's 22 + 65535: the first request covers both, so a recording's directory comes in one.
    static constexpr qint64 TailSize = 65536 + 22 + 20;
    // Reads nobody planned (a local extra field longer than the central one) fetch blocks this big.
    static constexpr qint64 BlockSize = 16 * 1024;

    // Reads the summary of the archive behind device into base (path, size and modified set by the caller;
    // path names it in messages). Errors are in summary.problem, a fetch error in preference to what it
    // caused. The password stays in memory.
    static RangedSummary read(const std::shared_ptr<RangeDevice> &device, RecordingSummary base,
        const std::optional<QString> &password);
};

} // namespace tapedeck
