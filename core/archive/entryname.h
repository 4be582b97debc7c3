// SPDX-License-Identifier: MIT
// Decides whether an archive entry name is safe to map onto a path below an extraction folder.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace tapedeck {

class EntryName
{
    Q_DECLARE_TR_FUNCTIONS(EntryName)

public:
    // Returns why the name is unsafe, or nullopt when it is a plain relative path. Directory entries may
    // end in '/'. Refused: empty names, absolute paths, drive letters, backslashes, "." or ".." segments,
    // empty segments and control characters.
    static std::optional<QString> unsafeReason(const QString &name);
};

} // namespace tapedeck
