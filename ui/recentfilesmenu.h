// SPDX-License-Identifier: MIT
// File › Open Recent: the recordings opened last, kept in the settings; files gone since are shown disabled.
#pragma once

#include <QMenu>

namespace tapedeck {

class RecentFilesMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFilesMenu)

public:
    static constexpr int MaxEntries = 10;

    explicit RecentFilesMenu(QWidget *parent = nullptr);

    // Puts path first (absolute, once), forgetting the oldest beyond MaxEntries.
    void add(const QString &path);
    // Absolute paths, the most recent first.
    static QStringList recordings();

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuild();
};

} // namespace tapedeck
