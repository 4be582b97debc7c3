// SPDX-License-Identifier: MIT
// The three kinds of events on a recording's timeline.
#pragma once

#include <QtGlobal>

namespace tapedeck {

enum class EventKind : quint8 { Http, Sql, Mcp };

} // namespace tapedeck
