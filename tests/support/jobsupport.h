// SPDX-License-Identifier: MIT
// For widget tests of background work: waiting until nothing more can arrive from a widget's jobs.
#pragma once

#include "ui/jobs/jobtracker.h"

#include <QTest>

#include <algorithm>

namespace tapedeck::test {

// Waits until no JobTracker in owner (or below it) has a job running or an answer on its way back: from then
// on nothing can be delivered or dropped any more, so a test can check that a superseded result never landed.
inline bool waitForJobs(const QObject *owner, int timeoutMs = 20000)
{
    return QTest::qWaitFor(
        [owner] {
            const QList<JobTracker *> trackers = owner->findChildren<JobTracker *>();
            return std::all_of(
                trackers.cbegin(), trackers.cend(), [](const JobTracker *tracker) { return tracker->isIdle(); });
        },
        timeoutMs);
}

} // namespace tapedeck::test
