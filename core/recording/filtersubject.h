// SPDX-License-Identifier: MIT
// What the filter language needs to know about one event: the interface the timeline implements.
#pragma once

#include "core/recording/eventkind.h"

#include <QAnyStringView>
#include <QLatin1StringView>
#include <QStringView>

#include <optional>

namespace tapedeck {

// The text fields a filter can look at. Free text (a bare word in a filter) searches the fields marked
// "free text"; Host and Path are parts of Url and are only searched through their own field names.
enum class FilterField : quint8 {
    Method, // HTTP method as recorded ("GET"). Free text.
    Url, // HTTP request URI as recorded, with scheme, host and query. Free text.
    Host, // host name of Url, without user info or port ("api.looker.com").
    Path, // path of Url, without query or fragment ("/api/4.0/looks/42").
    Sql, // SQL statement text. Free text.
    Urn, // MCP entity URN. Free text.
    Aspect, // MCP aspect name ("schemaMetadata"). Free text.
    Entity, // MCP entity type ("dataset"). Free text.
    Change, // MCP change type ("UPSERT"). Free text.
    Message, // error and warning text: the SQL error, the HTTP reason phrase of a failed response, reader
             // warnings (several may be joined with "\n"). Free text.
};

inline constexpr int FilterFieldCount = int(FilterField::Message) + 1;

// What a replay did with the event. The Replay tab's live requests and statements answer their outcome;
// timeline events None.
enum class ReplayState : quint8 {
    None,
    Pending,
    Held,
    Matched,
    Synthesized,
    Edited,
    Errored,
    Unmatched,
    Abandoned,
    Builtin
};

inline constexpr int ReplayStateCount = int(ReplayState::Builtin) + 1;

// "pending", "held", …: the names `outcome:` accepts; None has none (an empty view).
inline constexpr QLatin1StringView replayStateName(ReplayState state) noexcept
{
    switch (state) {
    case ReplayState::None:
        break;
    case ReplayState::Pending:
        return QLatin1StringView("pending");
    case ReplayState::Held:
        return QLatin1StringView("held");
    case ReplayState::Matched:
        return QLatin1StringView("matched");
    case ReplayState::Synthesized:
        return QLatin1StringView("synthesized");
    case ReplayState::Edited:
        return QLatin1StringView("edited");
    case ReplayState::Errored:
        return QLatin1StringView("errored");
    case ReplayState::Unmatched:
        return QLatin1StringView("unmatched");
    case ReplayState::Abandoned:
        return QLatin1StringView("abandoned");
    case ReplayState::Builtin:
        return QLatin1StringView("builtin");
    }
    return QLatin1StringView();
}

// The inverse of replayStateName(), case-insensitive; never None.
inline std::optional<ReplayState> replayStateFromName(QStringView name) noexcept
{
    for (int i = 1; i < ReplayStateCount; ++i) {
        if (name.compare(replayStateName(ReplayState(i)), Qt::CaseInsensitive) == 0)
            return ReplayState(i);
    }
    return std::nullopt;
}

// One event as the filter sees it. The timeline implements this over its compact records, typically with
// one reusable adapter object per thread that is pointed at row after row, so that evaluating a filter
// over a million events allocates nothing:
//
//     TimelineSubject subject(timeline);            // implements FilterSubject
//     for (qsizetype row = 0; row < timeline.size(); ++row) {
//         subject.setRow(row);
//         if (filter.matches(subject))
//             visible.push_back(row);
//     }
//
// FilterExpression::matches() only calls the const functions below, never stores the subject, and may
// run on several threads at once as long as each thread has its own subject.
class FilterSubject
{
public:
    virtual ~FilterSubject() = default;

    virtual EventKind kind() const = 0;

    // The global sequence number shown in the timeline (`seq:`).
    virtual qint64 sequence() const = 0;

    // HTTP status code, or 0 when the event has none (SQL and MCP events, HTTP exchanges without a
    // recorded response). A status term never matches 0.
    virtual int status() const = 0;

    // The `error` flag. HTTP: status >= 400, or no response was recorded. SQL: the recorded `error` is
    // not null. MCP: the request that carried it failed (status >= 400 or no response).
    virtual bool hasError() const = 0;

    // The `warning` flag: the reader attached a warning to the event (unknown YAML tag, invalid UTF-8,
    // missing keys, undecodable body, …).
    virtual bool hasWarning() const = 0;

    // The field's text, or an empty view when the event has no such field (an SQL event has no Url). Any
    // encoding QAnyStringView can carry works (UTF-16 from a QString, Latin-1, UTF-8 slices of the
    // decompressed buffers); UTF-16 and pure-ASCII text are matched without any conversion. The view only
    // has to stay valid until the next call of text() on this subject, so an implementation may decode
    // into a member buffer it reuses. MCP events may answer Method/Url/Host/Path with the request that
    // carried them.
    virtual QAnyStringView text(FilterField field) const = 0;

    // What a replay did with the event (`outcome:`, `matched`, `held`, …). Defaults to None: no replay.
    virtual ReplayState replayState() const { return ReplayState::None; }

    // How often a replay served it (`served:`): for a live request, how many times its recorded event had
    // been served including this one; for a recorded event on the timeline, how often the replay served
    // it. -1: no replay information (a `served` term never matches it).
    virtual qint64 served() const { return -1; }

protected:
    FilterSubject() = default;
    FilterSubject(const FilterSubject &) = default;
    FilterSubject &operator=(const FilterSubject &) = default;
};

} // namespace tapedeck
