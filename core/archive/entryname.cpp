// SPDX-License-Identifier: MIT
// Archive entry name safety checks.
#include "core/archive/entryname.h"

#include <QHash>
#include <QSet>
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

std::optional<QString> EntryName::clash(const QList<QString> &names)
{
    QSet<QString> seen;
    QHash<QString, qsizetype> folders; // every folder a name implies -> the first name implying it
    seen.reserve(names.size());
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString &name = names.at(i);
        if (seen.contains(name))
            return tr("the name \"%1\" appears twice (duplicate entry names)").arg(name);
        seen.insert(name);
        const bool folder = name.endsWith(QLatin1Char('/'));
        const QString path = folder ? name.chopped(1) : name;
        if (folder && !folders.contains(path))
            folders.insert(path, i);
        for (qsizetype slash = path.indexOf(QLatin1Char('/')); slash >= 0;
             slash = path.indexOf(QLatin1Char('/'), slash + 1)) {
            const QString parent = path.left(slash);
            if (!folders.contains(parent))
                folders.insert(parent, i);
        }
    }
    for (const QString &name : names) {
        if (name.endsWith(QLatin1Char('/')))
            continue;
        const auto folder = folders.constFind(name);
        if (folder != folders.cend())
            return tr("\"%1\" is a file, but \"%2\" uses it as a folder").arg(name, names.at(*folder));
    }
    return std::nullopt;
}

} // namespace tapedeck
