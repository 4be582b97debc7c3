// SPDX-License-Identifier: MIT
// Archive entry name safety checks.
#include "core/archive/entryname.h"

#include <QStringList>

namespace tapedeck {

std::optional<QString> EntryName::unsafeReason(const QString &name)
{
    if (name.isEmpty())
        return tr("the entry name is empty");
    if (name.startsWith(QLatin1Char('/')))
        return tr("the entry name is an absolute path");
    if (name.size() >= 2 && name.at(1) == QLatin1Char(':') && name.at(0).isLetter())
        return tr("the entry name starts with a drive letter");
    if (name.contains(QLatin1Char('\\')))
        return tr("the entry name contains a backslash");
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return tr("the entry name contains a control character");
    }
    QStringView path(name);
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    for (const QStringView segment : path.split(QLatin1Char('/'))) {
        if (segment.isEmpty())
            return tr("the entry name contains an empty path segment");
        if (segment == QLatin1String("..") || segment == QLatin1String("."))
            return tr("the entry name contains a \"%1\" segment").arg(segment);
    }
    return std::nullopt;
}

} // namespace tapedeck
