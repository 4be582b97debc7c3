// SPDX-License-Identifier: MIT
// The application's own icons (embedded SVGs), looked up by meaning rather than by resource path.
#pragma once

#include "recording/recording.h"

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

} // namespace tapedeck::icons
