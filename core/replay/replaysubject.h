// SPDX-License-Identifier: MIT
// The filter language's view of one replayed request or statement (the Replay tab's live list and its
// breakpoints): kind, method, URL, statement, status, error text, outcome and served count.
#pragma once

#include "core/recording/filtersubject.h"
#include "core/replay/replaysession.h"

#include <QString>

namespace tapedeck::replay {

struct ReplaySqlEvent;
struct ReplayRow;

ReplayState replayStateOf(ReplayOutcome outcome);

class ReplaySubject final : public FilterSubject
{
public:
    // sequence: the entry's place in the replay's arrival order.
    void setHttp(const ReplayHttpEvent &event, qsizetype sequence);
    void setSql(const ReplaySqlEvent &event, qsizetype sequence);
    // Answers state instead of the event's own outcome (a breakpoint looks at what a request would get).
    void overrideState(ReplayState state) { m_override = state; }

    EventKind kind() const override;
    qint64 sequence() const override { return m_sequence; }
    int status() const override;
    bool hasError() const override;
    bool hasWarning() const override { return false; }
    QAnyStringView text(FilterField field) const override;
    ReplayState replayState() const override;
    qint64 served() const override;

private:
    const ReplayHttpEvent *m_http = nullptr;
    const ReplaySqlEvent *m_sql = nullptr;
    qsizetype m_sequence = 0;
    ReplayState m_override = ReplayState::None;
};

// The same view of a live list's row (ReplayRow: a copy, its text cut at ReplayRow::MaxTarget characters).
class ReplayRowSubject final : public FilterSubject
{
public:
    void setRow(const ReplayRow &row) { m_row = &row; }

    EventKind kind() const override;
    qint64 sequence() const override;
    int status() const override;
    bool hasError() const override;
    bool hasWarning() const override { return false; }
    QAnyStringView text(FilterField field) const override;
    ReplayState replayState() const override;
    qint64 served() const override;

private:
    const ReplayRow *m_row = nullptr;
};

} // namespace tapedeck::replay
