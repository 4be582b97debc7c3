// SPDX-License-Identifier: MIT
// The recent recordings menu.
#include "ui/recentfilesmenu.h"

#include "ui/displayname.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace tapedeck {

namespace {

const QString SettingsKey = QStringLiteral("recentRecordings");

} // namespace

RecentFilesMenu::RecentFilesMenu(QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
{
    setObjectName(QStringLiteral("recentMenu"));
    rebuild();
}

QStringList RecentFilesMenu::recordings()
{
    return QSettings().value(SettingsKey).toStringList();
}

void RecentFilesMenu::add(const QString &path)
{
    QStringList recent = recordings();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxEntries)
        recent.removeLast();
    QSettings().setValue(SettingsKey, recent);
    rebuild();
}

void RecentFilesMenu::rebuild()
{
    clear();
    const QStringList recent = recordings();
    int number = 0;
    for (const QString &path : recent) {
        ++number;
        const bool exists = QFileInfo::exists(path);
        const QString label = number < 10 ? QStringLiteral("&%1 %2").arg(number).arg(displayFileName(path))
                                          : displayFileName(path);
        QAction *action = addAction(exists ? label : tr("%1 (missing)").arg(label), this,
            [this, path] { Q_EMIT openRequested(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setEnabled(exists);
    }
    if (recent.isEmpty()) {
        addAction(tr("No recent recordings"))->setEnabled(false);
        return;
    }
    addSeparator();
    addAction(tr("&Clear Menu"), this, [this] {
        QSettings().remove(SettingsKey);
        rebuild();
    });
}

} // namespace tapedeck
