// SPDX-License-Identifier: MIT
// Renders the README's screenshots: the main window with the bundled sample open, on the overview and on
// the timeline with a filter in use and an HTTP, a SQL and an MCP event selected. The sample is opened the
// way the README's Run command opens it, from the source tree by its relative path, so the status bar
// shows resources/samples/sample-recording.zip rather than wherever the generator ran.
// Usage: tapedeck-screenshots <output-folder>   (QT_QPA_PLATFORM=offscreen, or under xvfb-run)
#include "core/replay/replaycontroller.h"
#include "ui/details/detailstack.h"
#include "ui/replay/breakpointmodel.h"
#include "ui/replay/heldmodel.h"
#include "ui/replay/replaydetailsview.h"
#include "ui/replay/replaypanel.h"
#include "ui/replay/replaysetupview.h"
#include "ui/timeline/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/storage/recordingswindow.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QTemporaryDir>
#include <QDir>
#include <QProcessEnvironment>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace tapedeck;

namespace {

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void settle(int ms = 400)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool save(QWidget &window, const QString &path)
{
    settle();
    const bool ok = window.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

// Filters the timeline and selects the first event of the given kind that the filter shows.
bool showFiltered(MainWindow &window, const QString &filter, EventKind kind, int nth = 0)
{
    TimelinePanel *panel = window.timelinePanel();
    panel->filterBar()->setFilterText(filter);
    if (!waitFor([&] { return !panel->model()->isFilterPending(); }))
        return false;
    const TimelineModel *model = panel->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const qsizetype seq = model->seqAt(row);
        if (EventKind(model->index(row, 0).data(TimelineModel::KindRole).toInt()) == kind && nth-- == 0) {
            panel->selectSeq(seq);
            return waitFor([&] { return window.detailStack()->currentSeq() == seq; });
        }
    }
    return false;
}

// Runs a replay of the sample in the Replay tab with command and breakpoint until something is held.
bool replayUntilHeld(MainWindow &window, const QString &command, const QString &breakpoint)
{
    window.tabs()->setCurrentIndex(MainWindow::ReplayTab);
    ReplayPanel *panel = window.replayPanel();
    panel->setup()->setCommandText(command);
    panel->breakpoints()->setTexts({ breakpoint });
    panel->startAction()->trigger();
    return waitFor([&] { return panel->heldModel()->rowCount() == 1; }, 60000)
        && waitFor([&] { return panel->details()->details() && panel->details()->details()->entry == panel->heldModel()->entryAt(0); });
}

bool finishReplay(MainWindow &window)
{
    ReplayPanel *panel = window.replayPanel();
    panel->breakpoints()->setTexts({});
    panel->startAction()->trigger(); // Continue
    return waitFor([&] { return !panel->isRunning(); }, 120000);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("tapedeck-screenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("tapedeck"));
    QSettings().clear(); // default layout, no recent files from elsewhere
    if (argc != 2) {
        std::fprintf(stderr, "usage: tapedeck-screenshots <output-folder>\n");
        return 2;
    }
    // Absolute before the working folder changes, since the folder may be given relative to it.
    const QDir out(QDir(QString::fromLocal8Bit(argv[1])).absolutePath());
    QDir().mkpath(out.path());
    if (!QDir::setCurrent(QStringLiteral(TAPEDECK_SOURCE_DIR))) {
        std::fprintf(stderr, "cannot change to the source tree %s\n", TAPEDECK_SOURCE_DIR);
        return 1;
    }

    // Tapedeck's replay CA in a throwaway place, not the user's.
    QTemporaryDir data;
    qputenv("XDG_DATA_HOME", data.path().toUtf8());

    MainWindow window;
    // The README's password, and no other password source from the environment the generator ran in.
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), QStringLiteral("tapedeck-sample"));
    window.setEnvironment(environment);
    window.resize(1440, 900);
    window.show();
    QSignalSpy indexed(&window, &MainWindow::timelineIndexed);
    window.openRecording(QStringLiteral("resources/samples/sample-recording.zip"));
    if (!waitFor([&] { return indexed.size() > 0; })) {
        std::fprintf(stderr, "the sample did not open\n");
        return 1;
    }
    bool ok = true;
    window.tabs()->setCurrentIndex(MainWindow::OverviewTab);
    ok &= save(window, out.filePath(QStringLiteral("main-window.png")));

    window.tabs()->setCurrentIndex(MainWindow::TimelineTab);
    ok &= showFiltered(window, QStringLiteral("kind:http not url:~ingestProposal"), EventKind::Http, 9);
    ok &= save(window, out.filePath(QStringLiteral("timeline-http.png")));
    ok &= showFiltered(window, QStringLiteral("kind:sql"), EventKind::Sql, 1);
    ok &= save(window, out.filePath(QStringLiteral("timeline-sql.png")));
    ok &= showFiltered(window, QStringLiteral("aspect:schemaMetadata"), EventKind::Mcp);
    ok &= save(window, out.filePath(QStringLiteral("timeline-mcp.png")));
    window.timelinePanel()->filterBar()->setFilterText(QString());

    // The Replay tab: a miss held by the `unmatched` breakpoint, its nearest recorded requests and what if.
    ReplayPanel *replay = window.replayPanel();
    ok &= replayUntilHeld(window,
        QStringLiteral("/usr/bin/curl -s -o /dev/null http://looker.acme-corp.example/api/4.0/dashboards/1?extra=1"),
        QStringLiteral("unmatched"));
    replay->details()->tabs()->setCurrentIndex(2);
    for (QCheckBox *box : replay->details()->whatIfBoxes()) {
        if (box->text().contains(QLatin1String("extra")))
            box->setChecked(true);
    }
    ok &= waitFor([&] { return replay->details()->whatIfResult()->text().contains(QLatin1String("would match")); });
    ok &= save(window, out.filePath(QStringLiteral("replay-unmatched.png")));
    ok &= finishReplay(window);

    // The sample's own client held at the dashboard that failed, its answer open for editing.
    ok &= replayUntilHeld(window, QStringLiteral("/usr/bin/python3 resources/samples/make_sample.py --replay {recipe}"),
        QStringLiteral("url:~/dashboards/3$"));
    ok &= save(window, out.filePath(QStringLiteral("replay-held.png")));
    ok &= finishReplay(window);

    // Coverage: how often the replay served each recorded event.
    window.tabs()->setCurrentIndex(MainWindow::TimelineTab);
    ok &= waitFor([&] { return window.timelinePanel()->model()->coverage() != nullptr; });
    ok &= showFiltered(window, QStringLiteral("kind:http,sql"), EventKind::Http, 11);
    ok &= save(window, out.filePath(QStringLiteral("timeline-coverage.png")));

    // File › Browse Recordings…: the samples folder as a location (the catalog in the throwaway data folder).
    window.showRecordingsWindow();
    RecordingsWindow *recordings = window.recordingsWindow();
    ok &= recordings->addLocation(CatalogLocation { QDir(QStringLiteral("resources/samples")).absolutePath(), {} }).ok();
    ok &= waitFor([&] {
        return !recordings->isRefreshing() && !recordings->isSearching() && recordings->model()->rowCount() > 0;
    });
    recordings->resize(1440, 520);
    ok &= save(*recordings, out.filePath(QStringLiteral("recordings.png")));
    return ok ? 0 : 1;
}
