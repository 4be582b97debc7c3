// SPDX-License-Identifier: MIT
// Fills a Timeline from a recording's sources, off the calling thread's hands: events are published in
// small batches while parsing goes on, so the first ones can be shown before the rest is read.
#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "recording/timeline.h"

#include <QCoreApplication>

namespace tapedeck {

class TimelineIndexer
{
    Q_DECLARE_TR_FUNCTIONS(TimelineIndexer)

public:
    // HTTP events for every interaction of a VCR.py cassette. A malformed cassette keeps every event
    // read before the fault and records the fault (file, line, column) as a timeline warning.
    static Status indexCassette(Timeline &timeline, const QString &name, const QByteArray &yaml,
                                ProgressReporter *progress = nullptr);

    // How many events are indexed between two publications.
    static constexpr qsizetype PublishEvery = 64;
};

} // namespace tapedeck
