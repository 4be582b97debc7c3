// SPDX-License-Identifier: MIT
// The filter language's view of one timeline event: a reusable adapter pointed at row after row.
#pragma once

#include "core/recording/eventcoverage.h"
#include "core/recording/filtersubject.h"
#include "core/recording/timeline.h"

namespace tapedeck {

class TimelineSubject final : public FilterSubject
{
public:
    // `coverage` (optional) answers served(); without it every event answers -1 (no replay information).
    // It must outlive the subject.
    explicit TimelineSubject(const Timeline &timeline, const EventCoverage *coverage = nullptr)
        : m_timeline(timeline)
        , m_coverage(coverage)
    { }

    void setRow(qsizetype seq);

    EventKind kind() const override;
    qint64 sequence() const override { return m_seq; }
    int status() const override;
    bool hasError() const override;
    bool hasWarning() const override;
    QAnyStringView text(FilterField field) const override;
    // Recorded events were not replayed themselves: replayState() stays None.
    qint64 served() const override { return m_coverage ? m_coverage->servedOf(m_seq) : -1; }

    // Host and path of a request URI, as views into it (no allocation).
    static QStringView hostOf(QStringView uri);
    static QStringView pathOf(QStringView uri);

private:
    // The HTTP event behind this row: itself, or the request that carried an MCP.
    qsizetype httpRow() const;

    const Timeline &m_timeline;
    const EventCoverage *m_coverage = nullptr;
    qsizetype m_seq = 0;
};

} // namespace tapedeck
