// SPDX-License-Identifier: MIT
// The three kinds of event on a recording's timeline, with their stable names (CLI, JSONL, filters).
#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <optional>

namespace tapedeck {

enum class EventKind : quint8 { Http, Sql, Mcp };

inline constexpr int EventKindCount = 3;

// "http", "sql", "mcp": the names `events --jsonl` writes and `kind:` accepts.
inline constexpr QLatin1StringView eventKindName(EventKind kind) noexcept
{
    switch (kind) {
    case EventKind::Http:
        return QLatin1StringView("http");
    case EventKind::Sql:
        return QLatin1StringView("sql");
    case EventKind::Mcp:
        return QLatin1StringView("mcp");
    }
    return QLatin1StringView();
}

// The inverse of eventKindName(), case-insensitive.
inline std::optional<EventKind> eventKindFromName(QStringView name) noexcept
{
    for (const EventKind kind : { EventKind::Http, EventKind::Sql, EventKind::Mcp }) {
        if (name.compare(eventKindName(kind), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

} // namespace tapedeck
