// SPDX-License-Identifier: MIT
// How responsive the main window stays while a big recording loads: opens a recording (archive or folder)
// in the real MainWindow and, until its timeline is fully indexed, measures the GUI thread's longest
// stall with a 1 ms probe timer (stallprobe.h). Also reports when the first events were on screen. One
// JSON line.
// Usage: DATAHUB_RECORDING_PASSWORD=… bench_gui_load <recording>   (QT_QPA_PLATFORM=offscreen or xvfb)
#include "tests/bench/stallprobe.h"
#include "ui/mainwindow.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"

#include <QApplication>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

using namespace tapedeck;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("tapedeck-bench"));
    QSettings().clear();
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_gui_load <recording>\n");
        return 2;
    }
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.tabs()->setCurrentIndex(MainWindow::TimelineTab); // rows are painted as they arrive

    bench::StallProbe probe;
    qint64 firstRows = -1;
    qint64 shown = -1;
    probe.onTick = [&](qint64 now) {
        if (firstRows < 0 && window.timelinePanel()->model()->rowCount() > 0)
            firstRows = now;
    };
    bool failed = false;
    QObject::connect(&window, &MainWindow::openFailed, [&](const QString &, const QString &message) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(message));
        failed = true;
        QCoreApplication::quit();
    });
    QObject::connect(&window, &MainWindow::recordingShown, [&] { shown = probe.elapsedNs(); });
    qint64 events = 0;
    QObject::connect(&window, &MainWindow::timelineIndexed, [&](qsizetype count) {
        events = count;
        // Let the last rows be taken in and painted before stopping the clock.
        QTimer::singleShot(200, &app, &QCoreApplication::quit);
    });
    QTimer::singleShot(0, [&] {
        probe.start();
        window.openRecording(QString::fromLocal8Bit(argv[1]));
    });
    QApplication::exec();
    if (failed || probe.ticks() == 0)
        return 4;
    using bench::toMs;
    std::printf(
        "{\"events\": %lld, \"decrypted_s\": %.3f, \"first_rows_s\": %.3f, \"total_s\": %.3f, "
        "\"probes\": %zu, \"longest_stall_ms\": %.1f, \"longest_stall_end_s\": %.3f, \"p99_gap_ms\": %.2f, "
        "\"median_gap_ms\": %.2f}\n",
        static_cast<long long>(events), toMs(shown) / 1e3, toMs(firstRows) / 1e3,
        toMs(probe.lastTickNs()) / 1e3, size_t(probe.ticks()), toMs(probe.longestNs()),
        toMs(probe.longestEndNs()) / 1e3, toMs(probe.percentileNs(99)), toMs(probe.percentileNs(50)));
    return 0;
}
