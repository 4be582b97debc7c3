// SPDX-License-Identifier: MIT
// How responsive the Replay tab stays while a client hammers the replay's proxy: opens a recording in the
// real MainWindow, sets a filter in the Replay tab's filter bar, starts a replay without a command (it
// serves until Stop) and prints `READY {"proxy": URL}`. A load tool in another process (bench_gui_replay.py
// runs wrk) then sends requests through the proxy while the GUI thread is probed every millisecond
// (stallprobe.h). The driver writes `stop COMPLETED` on standard input when the load is over (COMPLETED:
// the requests its tool finished); the list's rows are counted then, the bench waits for the list to catch
// up with COMPLETED, presses Stop and times the report. Prints a table, then one JSON line.
// Usage: DATAHUB_RECORDING_PASSWORD=… bench_gui_replay <recording> [filter]
//        (QT_QPA_PLATFORM=offscreen unless set; XDG_DATA_HOME and XDG_CONFIG_HOME are set to a temporary
//        folder, so the replay's CA and the settings never touch the user's home)
#include "core/replay/replaycontroller.h"
#include "tests/bench/stallprobe.h"
#include "ui/mainwindow.h"
#include "ui/replay/replaylogmodel.h"
#include "ui/replay/replaypanel.h"
#include "ui/replay/replaysetupview.h"
#include "ui/timeline/filterbar.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unistd.h>
#include <vector>

using namespace tapedeck;
using namespace tapedeck::replay;
using tapedeck::bench::StallProbe;
using tapedeck::bench::toMs;

namespace {

struct PhaseStats
{
    StallProbe::Gap longest;
    StallProbe::Gap busiest;
    StallProbe::Gap longestOwn;
    double p99Ms = 0;
    double medianMs = 0;
    qsizetype ticks = 0;
    qsizetype over16 = 0; // gaps of more than a frame at 60 Hz
    qsizetype over50 = 0;
    double seconds = 0;
    double cpuS = 0;
    double waitS = -1;

    static PhaseStats of(const StallProbe &probe)
    {
        PhaseStats s;
        s.longest = probe.longest();
        s.busiest = probe.busiest();
        s.longestOwn = probe.longestOwn();
        s.p99Ms = toMs(probe.percentileNs(99));
        s.medianMs = toMs(probe.percentileNs(50));
        s.ticks = probe.ticks();
        s.over16 = probe.gapsOver(16'000'000);
        s.over50 = probe.gapsOver(50'000'000);
        s.seconds = toMs(probe.elapsedNs()) / 1e3;
        s.cpuS = toMs(probe.cpuNs()) / 1e3;
        s.waitS = probe.waitNs() >= 0 ? toMs(probe.waitNs()) / 1e3 : -1;
        return s;
    }
    static QJsonObject json(const StallProbe::Gap &gap)
    {
        return { { QStringLiteral("ms"), toMs(gap.wallNs) }, { QStringLiteral("cpu_ms"), toMs(gap.cpuNs) },
            { QStringLiteral("wait_ms"), gap.waitNs >= 0 ? toMs(gap.waitNs) : -1.0 },
            { QStringLiteral("end_s"), toMs(gap.endNs) / 1e3 } };
    }
    QJsonObject json() const
    {
        return { { QStringLiteral("longest_stall_ms"), toMs(longest.wallNs) },
            { QStringLiteral("longest"), json(longest) }, { QStringLiteral("busiest"), json(busiest) },
            { QStringLiteral("longest_own"), json(longestOwn) }, { QStringLiteral("p99_gap_ms"), p99Ms },
            { QStringLiteral("median_gap_ms"), medianMs }, { QStringLiteral("probes"), qint64(ticks) },
            { QStringLiteral("gaps_over_16ms"), qint64(over16) },
            { QStringLiteral("gaps_over_50ms"), qint64(over50) }, { QStringLiteral("seconds"), seconds },
            { QStringLiteral("gui_cpu_s"), cpuS }, { QStringLiteral("gui_wait_s"), waitS } };
    }
};

// The value below which `percent` of values lie.
qint64 percentile(std::vector<qint64> values, double percent)
{
    if (values.empty())
        return 0;
    const size_t at = std::min(values.size() - 1, size_t(double(values.size()) * percent / 100.0));
    std::nth_element(values.begin(), values.begin() + qsizetype(at), values.end());
    return values[at];
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("tapedeck-bench"));
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: bench_gui_replay <recording> [filter]\n");
        return 2;
    }
    const QString filterText
        = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("url:~dashboards -status:5xx");
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!environment.contains(QStringLiteral("DATAHUB_RECORDING_PASSWORD"))) {
        std::fprintf(stderr, "set DATAHUB_RECORDING_PASSWORD\n");
        return 2;
    }

    MainWindow window;
    window.setEnvironment(environment);
    window.resize(1400, 900);
    window.show();
    ReplayPanel *panel = window.replayPanel();
    ReplayLogModel *model = panel->model();

    int exitCode = 0;
    auto fail = [&](const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        exitCode = 3;
        QCoreApplication::exit(3);
    };
    QObject::connect(&window, &MainWindow::openFailed,
        [&](const QString &, const QString &message) { fail(QStringLiteral("open failed: ") + message); });

    StallProbe probe;
    QElapsedTimer clock; // from READY
    // Rows of the list: how long after its request arrived each row reached the list (ms).
    std::vector<qint64> rowDelays;
    rowDelays.reserve(1 << 18);
    qsizetype batches = 0;
    qsizetype largestBatch = 0;
    qint64 startedAtMs = 0;
    qint64 probeOriginNs = 0; // the probe's clock on CLOCK_MONOTONIC (to line up with `perf record -k mono`)

    // Phase 1: serving under load, until the driver's "stop".
    PhaseStats load;
    qsizetype completed = -1;
    qsizetype rowsAtStop = 0;
    qsizetype shownAtStop = 0;
    qint64 loadEndMs = 0;
    // Phase 2: the list catching up, then Stop and the report.
    qint64 caughtUpMs = -1;
    qint64 stopPressedMs = -1;
    qint64 finishedMs = -1; // controller's finished()
    qint64 reportShownMs = -1; // the panel's replayFinished(): the report is in its tab
    PhaseStats drain;
    qsizetype rowsAtEnd = 0;
    qsizetype shownAtEnd = 0;
    bool finishSuccess = false;

    QTimer catchUp;
    catchUp.setInterval(5);
    auto pressStop = [&] {
        catchUp.stop();
        stopPressedMs = clock.elapsed();
        panel->stopAction()->trigger();
    };
    QObject::connect(&catchUp, &QTimer::timeout, [&] {
        if (model->totalCount() >= completed) {
            caughtUpMs = clock.elapsed();
            pressStop();
        } else if (clock.elapsed() - loadEndMs > 30'000) {
            std::fprintf(stderr, "the list did not catch up within 30 s (%lld of %lld rows)\n",
                qlonglong(model->totalCount()), qlonglong(completed));
            pressStop();
        }
    });
    QObject::connect(panel, &ReplayPanel::replayFinished, [&](bool success) {
        reportShownMs = clock.elapsed();
        finishSuccess = success;
        rowsAtEnd = model->totalCount();
        shownAtEnd = model->rowCount();
        // Let what the report queued be painted before the probe stops.
        QTimer::singleShot(100, &app, [&] {
            probe.stop();
            drain = PhaseStats::of(probe);
            QCoreApplication::quit();
        });
    });

    // The driver's commands on standard input.
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    input.setEnabled(false);
    QByteArray pending;
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            input.setEnabled(false);
            if (completed < 0)
                fail(QStringLiteral("standard input closed before \"stop\""));
            return;
        }
        pending.append(buffer, qsizetype(n));
        const qsizetype newline = pending.indexOf('\n');
        if (newline < 0 || completed >= 0)
            return;
        const QList<QByteArray> words = pending.left(newline).trimmed().split(' ');
        if (words.size() != 2 || words[0] != "stop") {
            fail(QStringLiteral("expected \"stop COMPLETED\" on standard input"));
            return;
        }
        completed = words[1].toLongLong();
        loadEndMs = clock.elapsed();
        rowsAtStop = model->totalCount();
        shownAtStop = model->rowCount();
        probe.stop();
        load = PhaseStats::of(probe);
        probe.start();
        catchUp.start();
    });

    auto onStarted = [&](const Status &status) {
        if (!status) {
            fail(QStringLiteral("the replay did not start: ") + status.error().message);
            return;
        }
        const ReplayEndpoints &endpoints = panel->controller()->endpoints();
        startedAtMs = endpoints.startedAtMs;
        clock.start();
        probe.start();
        timespec now {};
        clock_gettime(CLOCK_MONOTONIC, &now);
        probeOriginNs = qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec - probe.elapsedNs();
        input.setEnabled(true);
        const QJsonObject ready { { QStringLiteral("proxy"), endpoints.proxyUrl },
            { QStringLiteral("interactions"), qint64(endpoints.interactions) } };
        std::printf("READY %s\n", QJsonDocument(ready).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    };

    auto start = [&] {
        window.tabs()->setCurrentIndex(MainWindow::ReplayTab);
        panel->filterBar()->setFilterText(filterText);
        if (panel->filterBar()->filterError()) {
            fail(QStringLiteral("the filter does not parse: ") + panel->filterBar()->filterError()->message);
            return;
        }
        panel->setup()->setCommandText(QString()); // no command: it serves until Stop
        if (!panel->startAction()->isEnabled()) {
            fail(QStringLiteral("the replay cannot start"));
            return;
        }
        panel->startAction()->trigger();
        ReplayController *controller = panel->controller();
        if (!controller) {
            fail(QStringLiteral("no replay controller"));
            return;
        }
        QObject::connect(controller, &ReplayController::started, &app, onStarted);
        // After the panel's own connection: the rows are in the model when this runs.
        QObject::connect(controller, &ReplayController::rowsAdded, &app, [&](const QList<ReplayRow> &rows) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            ++batches;
            largestBatch = std::max(largestBatch, rows.size());
            for (const ReplayRow &r : rows)
                rowDelays.push_back(now - (startedAtMs + r.arrivedMs));
        });
        QObject::connect(
            controller, &ReplayController::finished, &app, [&] { finishedMs = clock.elapsed(); });
    };
    QObject::connect(
        &window, &MainWindow::timelineIndexed, &app, [&] { QTimer::singleShot(0, &app, start); });
    QTimer::singleShot(0, &app, [&] { window.openRecording(QString::fromLocal8Bit(argv[1])); });

    if (QApplication::exec() != 0 || exitCode != 0)
        return exitCode ? exitCode : 3;

    const double loadSeconds = double(loadEndMs) / 1e3;
    const qsizetype lagRows = completed - rowsAtStop;
    std::printf(
        "\nReplay tab under load (filter \"%s\", %.1f s of load)\n", qPrintable(filterText), loadSeconds);
    std::printf("%-26s %12s %8s %9s %12s %12s %8s %7s %7s %7s %8s\n", "GUI thread", "longest (ms)", "on CPU",
        "no core", "own longest", "busiest CPU", "p99 gap", "median", "probes", ">50 ms", "CPU (s)");
    for (const auto &[name, s] :
        { std::pair { "serving the load", load }, std::pair { "catching up, Stop, report", drain } }) {
        const auto wait = [](const StallProbe::Gap &g) { return g.waitNs >= 0 ? toMs(g.waitNs) : -1.0; };
        std::printf("%-26s %12.1f %8.1f %9.1f %12.1f %12.1f %8.2f %7.2f %7lld %7lld %8.2f\n", name,
            toMs(s.longest.wallNs), toMs(s.longest.cpuNs), wait(s.longest),
            toMs(s.longestOwn.wallNs - std::max<qint64>(0, s.longestOwn.waitNs)), toMs(s.busiest.cpuNs),
            s.p99Ms, s.medianMs, qlonglong(s.ticks), qlonglong(s.over50), s.cpuS);
    }
    std::printf(
        "(longest: the longest gap between two 1 ms ticks; of it on CPU: the GUI thread ran; no core: it was "
        "runnable\n but another thread had the core; own longest: the longest gap less its wait for a core; "
        "busiest CPU: the\n most CPU time within one gap)\n");
    std::printf(
        "\nrows in the list when the load ended: %lld (%lld shown under the filter, %.1f %%); the load tool "
        "completed %lld: the list was %lld rows behind\n",
        qlonglong(rowsAtStop), qlonglong(shownAtStop),
        rowsAtStop ? 100.0 * double(shownAtStop) / double(rowsAtStop) : 0.0, qlonglong(completed),
        qlonglong(lagRows));
    std::printf(
        "a request's row reached the list after: median %lld ms, p99 %lld ms, max %lld ms (%lld batches, "
        "largest %lld rows)\n",
        qlonglong(percentile(rowDelays, 50)), qlonglong(percentile(rowDelays, 99)),
        qlonglong(percentile(rowDelays, 100)), qlonglong(batches), qlonglong(largestBatch));
    std::printf(
        "caught up %s; Stop to report on screen: %lld ms (finished() after %lld ms); rows at the end %lld "
        "(%lld shown)\n",
        caughtUpMs >= 0 ? qPrintable(QStringLiteral("after %1 ms").arg(caughtUpMs - loadEndMs)) : "never",
        qlonglong(reportShownMs - stopPressedMs), qlonglong(finishedMs - stopPressedMs), qlonglong(rowsAtEnd),
        qlonglong(shownAtEnd));

    const QJsonObject summary { { QStringLiteral("filter"), filterText },
        { QStringLiteral("load_s"), loadSeconds }, { QStringLiteral("load"), load.json() },
        { QStringLiteral("drain"), drain.json() },
        { QStringLiteral("longest_stall_ms"), toMs(load.longest.wallNs) },
        { QStringLiteral("longest_own_stall_ms"),
            toMs(load.longestOwn.wallNs - std::max<qint64>(0, load.longestOwn.waitNs)) },
        { QStringLiteral("busiest_cpu_ms"), toMs(load.busiest.cpuNs) },
        { QStringLiteral("p99_gap_ms"), load.p99Ms }, { QStringLiteral("probes"), qint64(load.ticks) },
        { QStringLiteral("completed"), qint64(completed) },
        { QStringLiteral("rows_at_stop"), qint64(rowsAtStop) },
        { QStringLiteral("shown_at_stop"), qint64(shownAtStop) },
        { QStringLiteral("lag_rows"), qint64(lagRows) },
        { QStringLiteral("row_delay_median_ms"), percentile(rowDelays, 50) },
        { QStringLiteral("row_delay_p99_ms"), percentile(rowDelays, 99) },
        { QStringLiteral("row_delay_max_ms"), percentile(rowDelays, 100) },
        { QStringLiteral("batches"), qint64(batches) },
        { QStringLiteral("largest_batch"), qint64(largestBatch) },
        { QStringLiteral("catch_up_ms"), caughtUpMs >= 0 ? caughtUpMs - loadEndMs : -1 },
        { QStringLiteral("stop_to_finished_ms"), finishedMs - stopPressedMs },
        { QStringLiteral("stop_to_report_ms"), reportShownMs - stopPressedMs },
        { QStringLiteral("rows_at_end"), qint64(rowsAtEnd) },
        { QStringLiteral("shown_at_end"), qint64(shownAtEnd) }, { QStringLiteral("success"), finishSuccess },
        { QStringLiteral("probe_origin_monotonic_s"), double(probeOriginNs) / 1e9 } };
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
