// SPDX-License-Identifier: MIT
// Exporting a timeline's HTTP events as HAR 1.2 with one set of rules for `tapedeck-cli export-har` and
// the GUI's Export HTTP as HAR: HarWriter's entry rules, undated entries before the first Date header
// counted from the manifest's recording_start_time (the epoch only when the recording has none), an
// optional filter expression, and the log's comment carrying every warning and every fault that stopped
// reading, so the file says what is missing from it.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/recording/filterexpression.h"
#include "core/recording/harwriter.h"
#include "core/recording/timeline.h"
#include "core/recording/timelinesubject.h"

#include <QIODevice>

#include <memory>

namespace tapedeck {

class HarExport
{
    Q_DECLARE_TR_FUNCTIONS(HarExport)

public:
    struct Options
    {
        QString recordingStartTime; // the manifest's recording_start_time as written (may be empty)
        FilterExpression filter; // empty: every HTTP event
    };

    HarExport(QIODevice &device, Options options);
    HarExport(const HarExport &) = delete;
    HarExport &operator=(const HarExport &) = delete;

    Status begin();
    // Writes event seq when it is an HTTP event the filter lets through; other events are passed over. A
    // filter that gives up on the event (FilterExpression::Outcome::GaveUp) is a Usage error.
    Status add(const Timeline &timeline, qsizetype seq);
    // Closes the HAR with the timeline's warnings and faults as the log's comment.
    Status finish(const Timeline &timeline);
    qsizetype entryCount() const { return m_writer.entryCount(); }

    // Every event of a finished timeline, with progress and cancellation (ErrorCode::Cancelled).
    static Status exportTimeline(
        QIODevice &device, const Timeline &timeline, Options options, ProgressReporter *progress = nullptr);
    // recording_start_time (Python's isoformat) as a QDateTime; invalid when empty or unreadable.
    static QDateTime parseRecordingStart(const QString &text);

private:
    HarWriter m_writer;
    FilterExpression m_filter;
    std::unique_ptr<TimelineSubject> m_subject; // made on first use, for the timeline being exported
};

} // namespace tapedeck
