// SPDX-License-Identifier: MIT
// Decides whether archive entry names are safe to map onto paths below an extraction folder.
#pragma once

#include <QCoreApplication>
#include <QList>
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
    // Returns why the names of one archive cannot all become paths, or nullopt: a name that appears twice,
    // or a file whose name another entry uses as a folder ("http" and "http/cassette.yaml").
    static std::optional<QString> clash(const QList<QString> &names);
};

} // namespace tapedeck
