// SPDX-License-Identifier: MIT
// Renders the README's screenshots: the main window with the bundled sample open, on the overview and on
// the timeline with a filter in use and an HTTP, a SQL and an MCP event selected. The sample is opened the
// way the README's Run command opens it, from the source tree by its relative path, so the status bar
// shows resources/samples/sample-recording.zip rather than wherever the generator ran.
// Usage: tapedeck-screenshots <output-folder>   (QT_QPA_PLATFORM=offscreen, or under xvfb-run)
#include "ui/details/detailstack.h"
#include "ui/timeline/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"

#include <QApplication>
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
    return ok ? 0 : 1;
}
