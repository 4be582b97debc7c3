// SPDX-License-Identifier: MIT
// How responsive the main window stays while a big recording loads: opens a recording (archive or folder)
// in the real MainWindow and, until its timeline is fully indexed, measures the GUI thread's longest
// stall with a 1 ms probe timer. Also reports when the first events were on screen. One JSON line.
// Usage: DATAHUB_RECORDING_PASSWORD=… bench_gui_load <recording>   (QT_QPA_PLATFORM=offscreen or xvfb)
#include "ui/mainwindow.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

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

    QElapsedTimer clock;
    std::vector<qint64> gaps;
    qint64 last = 0;
    qint64 longestAt = 0; // when the longest stall ended
    qint64 longest = 0;
    qint64 firstRows = -1;
    qint64 shown = -1;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(now - last);
        if (now - last > longest) {
            longest = now - last;
            longestAt = now;
        }
        last = now;
        if (firstRows < 0 && window.timelinePanel()->model()->rowCount() > 0)
            firstRows = now;
    });
    bool failed = false;
    QObject::connect(&window, &MainWindow::openFailed, [&](const QString &, const QString &message) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(message));
        failed = true;
        QCoreApplication::quit();
    });
    QObject::connect(&window, &MainWindow::recordingShown, [&] { shown = clock.nsecsElapsed(); });
    qint64 events = 0;
    QObject::connect(&window, &MainWindow::timelineIndexed, [&](qsizetype count) {
        events = count;
        // Let the last rows be taken in and painted before stopping the clock.
        QTimer::singleShot(200, &app, &QCoreApplication::quit);
    });
    QTimer::singleShot(0, [&] {
        clock.start();
        last = 0;
        probe.start();
        window.openRecording(QString::fromLocal8Bit(argv[1]));
    });
    QApplication::exec();
    if (failed || gaps.empty())
        return 4;
    std::sort(gaps.begin(), gaps.end());
    const auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    std::printf(
        "{\"events\": %lld, \"decrypted_s\": %.3f, \"first_rows_s\": %.3f, \"total_s\": %.3f, "
        "\"probes\": %zu, \"longest_stall_ms\": %.1f, \"longest_stall_end_s\": %.3f, \"p99_gap_ms\": %.2f, "
        "\"median_gap_ms\": %.2f}\n",
        static_cast<long long>(events), ms(shown) / 1e3, ms(firstRows) / 1e3, ms(last) / 1e3, gaps.size(),
        ms(gaps.back()), ms(longestAt) / 1e3, ms(gaps[gaps.size() * 99 / 100]), ms(gaps[gaps.size() / 2]));
    return 0;
}
