// SPDX-License-Identifier: MIT
// How the GUI names a file in its messages, menus and dialogs.
#pragma once

#include <QString>

namespace tapedeck {

// The file name of path, or path itself when it has none (a folder path ending in a slash, a root).
QString displayFileName(const QString &path);

} // namespace tapedeck
