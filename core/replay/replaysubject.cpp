// SPDX-License-Identifier: MIT
#include "core/replay/replaysubject.h"

#include "core/recording/timelinesubject.h"
#include "core/replay/replaycontroller.h"
#include "core/replay/sqlreplay.h"

namespace tapedeck::replay {

ReplayState replayStateOf(ReplayOutcome outcome)
{
    switch (outcome) {
    case ReplayOutcome::Pending: return ReplayState::Pending;
    case ReplayOutcome::Held: return ReplayState::Held;
    case ReplayOutcome::Matched: return ReplayState::Matched;
    case ReplayOutcome::Synthesized: return ReplayState::Synthesized;
    case ReplayOutcome::Edited: return ReplayState::Edited;
    case ReplayOutcome::Errored: return ReplayState::Errored;
    case ReplayOutcome::Unmatched: return ReplayState::Unmatched;
    case ReplayOutcome::Abandoned: return ReplayState::Abandoned;
    case ReplayOutcome::Builtin: return ReplayState::Builtin;
    }
    return ReplayState::None;
}

void ReplaySubject::setHttp(const ReplayHttpEvent &event, qsizetype sequence)
{
    m_http = &event;
    m_sql = nullptr;
    m_sequence = sequence;
    m_override = ReplayState::None;
}

void ReplaySubject::setSql(const ReplaySqlEvent &event, qsizetype sequence)
{
    m_sql = &event;
    m_http = nullptr;
    m_sequence = sequence;
    m_override = ReplayState::None;
}

EventKind ReplaySubject::kind() const
{
    return m_sql ? EventKind::Sql : EventKind::Http;
}

int ReplaySubject::status() const
{
    return m_http ? m_http->status : 0;
}

bool ReplaySubject::hasError() const
{
    const ReplayState state = replayState();
    if (state == ReplayState::Unmatched || state == ReplayState::Errored)
        return true;
    if (m_http)
        return m_http->status >= 400;
    return m_sql && !m_sql->error.isEmpty();
}

QAnyStringView ReplaySubject::text(FilterField field) const
{
    if (m_http) {
        switch (field) {
        case FilterField::Method: return m_http->method;
        case FilterField::Url: return m_http->uri;
        case FilterField::Host: return TimelineSubject::hostOf(m_http->uri);
        case FilterField::Path: return TimelineSubject::pathOf(m_http->uri);
        default: return {};
        }
    }
    if (m_sql) {
        switch (field) {
        case FilterField::Sql: return m_sql->statement;
        case FilterField::Message: return m_sql->error;
        default: return {};
        }
    }
    return {};
}

ReplayState ReplaySubject::replayState() const
{
    if (m_override != ReplayState::None)
        return m_override;
    if (m_http)
        return replayStateOf(m_http->outcome);
    if (m_sql)
        return replayStateOf(m_sql->outcome);
    return ReplayState::None;
}

qint64 ReplaySubject::served() const
{
    if (m_http)
        return m_http->interaction >= 0 ? m_http->served : -1;
    if (m_sql)
        return m_sql->record >= 0 ? m_sql->served : -1;
    return -1;
}

EventKind ReplayRowSubject::kind() const
{
    return m_row->ref.kind == ReplayKind::Sql ? EventKind::Sql : EventKind::Http;
}

qint64 ReplayRowSubject::sequence() const
{
    return m_row->entry;
}

int ReplayRowSubject::status() const
{
    return m_row->status;
}

bool ReplayRowSubject::hasError() const
{
    return m_row->failed || m_row->outcome == ReplayOutcome::Unmatched || m_row->outcome == ReplayOutcome::Errored;
}

QAnyStringView ReplayRowSubject::text(FilterField field) const
{
    if (m_row->ref.kind == ReplayKind::Http) {
        switch (field) {
        case FilterField::Method: return m_row->method;
        case FilterField::Url: return m_row->target;
        case FilterField::Host: return TimelineSubject::hostOf(m_row->target);
        case FilterField::Path: return TimelineSubject::pathOf(m_row->target);
        default: return {};
        }
    }
    switch (field) {
    case FilterField::Sql: return m_row->target;
    case FilterField::Message: return m_row->failed ? QAnyStringView(m_row->message) : QAnyStringView();
    default: return {};
    }
}

ReplayState ReplayRowSubject::replayState() const
{
    return replayStateOf(m_row->outcome);
}

qint64 ReplayRowSubject::served() const
{
    return m_row->served;
}

} // namespace tapedeck::replay
