// SPDX-License-Identifier: MIT
// The application's own icons (embedded SVGs), looked up by meaning rather than by resource path.
#pragma once

#include "core/recording/eventkind.h"
#include "core/recording/recording.h"

#include <QIcon>

namespace tapedeck::icons {

QIcon application();
QIcon checksum(ChecksumState state);
QIcon error();
QIcon warning();
QIcon information();
QIcon locked();
QIcon unlocked();
QIcon redacted();
QIcon showPassword();
QIcon hidePassword();
// The timeline's kind column: HTTP exchange, SQL query, MCP.
QIcon eventKind(EventKind kind);

} // namespace tapedeck::icons
