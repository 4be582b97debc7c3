// SPDX-License-Identifier: MIT
// Tests RecentFilesMenu: newest first, each recording once, at most MaxEntries, files gone since shown
// disabled, kept in the settings for the next menu, cleared on request, and a click asks to open it.
#include "guitestmain.h"
#include "ui/recentfilesmenu.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace tapedeck;

namespace {

// The menu's recording actions (not the separator, "Clear Menu" or the placeholder), in order.
QList<QAction *> recordingActions(const QMenu &menu)
{
    QList<QAction *> actions;
    for (QAction *action : menu.actions()) {
        if (!action->isSeparator() && action->toolTip().contains(QDir::separator()))
            actions << action;
    }
    return actions;
}

} // namespace

class TestRecentFilesMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void newestFirstOnceAndBounded();
    void missingFilesAreDisabled();
    void clearMenu();
    void clickAsksToOpen();

private:
    QString file(const QString &name) const;
    QTemporaryDir m_dir;
};

void TestRecentFilesMenu::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("tapedeck-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_recentfilesmenu"));
}

void TestRecentFilesMenu::init()
{
    QSettings().clear();
}

QString TestRecentFilesMenu::file(const QString &name) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.exists() && f.open(QIODevice::WriteOnly))
        f.write("x");
    return path;
}

void TestRecentFilesMenu::newestFirstOnceAndBounded()
{
    RecentFilesMenu menu;
    QCOMPARE(menu.objectName(), QStringLiteral("recentMenu"));
    QCOMPARE(menu.actions().size(), 1);
    QCOMPARE(menu.actions().first()->text(), QStringLiteral("No recent recordings"));
    QVERIFY(!menu.actions().first()->isEnabled());

    for (int i = 0; i < RecentFilesMenu::MaxEntries + 2; ++i)
        menu.add(file(QStringLiteral("recording-%1.zip").arg(i)));
    menu.add(file(QStringLiteral("recording-5.zip"))); // again: moves to the front, listed once
    const QList<QAction *> actions = recordingActions(menu);
    QCOMPARE(actions.size(), RecentFilesMenu::MaxEntries);
    QCOMPARE(actions.first()->text(), QStringLiteral("&1 recording-5.zip"));
    QCOMPARE(actions.at(1)->text(), QStringLiteral("&2 recording-11.zip"));
    QCOMPARE(actions.last()->text(), QStringLiteral("recording-2.zip")); // the tenth has no mnemonic
    QCOMPARE(RecentFilesMenu::recordings().count(
                 QFileInfo(file(QStringLiteral("recording-5.zip"))).absoluteFilePath()),
        1);

    // Kept in the settings: a new menu (the next session) lists the same.
    RecentFilesMenu again;
    QCOMPARE(recordingActions(again).size(), RecentFilesMenu::MaxEntries);
    QCOMPARE(recordingActions(again).first()->text(), QStringLiteral("&1 recording-5.zip"));
}

void TestRecentFilesMenu::missingFilesAreDisabled()
{
    RecentFilesMenu menu;
    const QString gone = file(QStringLiteral("gone.zip"));
    menu.add(gone);
    QVERIFY(QFile::remove(gone));
    menu.add(file(QStringLiteral("here.zip")));
    const QList<QAction *> actions = recordingActions(menu);
    QCOMPARE(actions.size(), 2);
    QVERIFY(actions.at(0)->isEnabled());
    QCOMPARE(actions.at(1)->text(), QStringLiteral("&2 gone.zip (missing)"));
    QVERIFY(!actions.at(1)->isEnabled());
}

void TestRecentFilesMenu::clearMenu()
{
    RecentFilesMenu menu;
    menu.add(file(QStringLiteral("a.zip")));
    QAction *clear = nullptr;
    for (QAction *action : menu.actions()) {
        if (action->text() == QStringLiteral("&Clear Menu"))
            clear = action;
    }
    QVERIFY(clear);
    clear->trigger();
    QVERIFY(RecentFilesMenu::recordings().isEmpty());
    QCOMPARE(menu.actions().size(), 1);
    QCOMPARE(menu.actions().first()->text(), QStringLiteral("No recent recordings"));
}

void TestRecentFilesMenu::clickAsksToOpen()
{
    RecentFilesMenu menu;
    const QString path = file(QStringLiteral("open-me.zip"));
    menu.add(path);
    QSignalSpy requested(&menu, &RecentFilesMenu::openRequested);
    recordingActions(menu).first()->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), QFileInfo(path).absoluteFilePath());
}

TAPEDECK_GUI_TEST_MAIN(TestRecentFilesMenu)
#include "tst_recentfilesmenu.moc"
