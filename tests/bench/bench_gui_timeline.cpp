// SPDX-License-Identifier: MIT
// The timeline view with 1,000,000 events: builds a Timeline of synthetic HTTP, SQL and MCP events through
// its writer API, then measures, through TimelineModel and a QTableView, (1) applying filter expressions
// (from setFilter() to filterApplied(), i.e. matching off the GUI thread plus the model reset) and the GUI
// thread's longest stall meanwhile (1 ms probe timer), (2) scrolling the table to the end and painting it,
// (3) free-text search across every row. Prints a table, then one JSON line.
// Usage: bench_gui_timeline [events] [runs]   (QT_QPA_PLATFORM=offscreen unless set)
#include "core/recording/timeline.h"
#include "core/recording/timelinefilter.h"
#include "tests/bench/stallprobe.h"
#include "ui/timeline/timelinemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QTableView>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace tapedeck;

namespace {

// A mix like a Looker ingestion run: GMS proposals dominate, a few queries, some failures.
void appendEvent(Timeline &t, qsizetype i)
{
    EventRecord r;
    const QString n = QString::number(i);
    switch (i % 8) {
    case 0:
    case 1:
    case 2: {
        r.kind = EventKind::Http;
        r.number = i % 211 == 0 ? 503 : (i % 97 == 0 ? 404 : 200);
        if (r.number >= 400)
            r.flags |= ErrorFlag;
        r.sizeA = quint32(i % 3 == 0 ? 0 : 900);
        r.sizeB = quint32(200 + i % 9000);
        const QString uri = i % 3 == 0
            ? QStringLiteral("https://acme.cloud.looker.example/api/4.0/dashboards/") + n
                + QStringLiteral("?fields=id,title")
            : QStringLiteral("http://datahub-gms.acme.example:8080/aspects?action=ingestProposalBatch");
        const QString method = i % 3 == 0 ? QStringLiteral("GET") : QStringLiteral("POST");
        const QString message = r.number >= 400 ? QStringLiteral("Service Unavailable") : QString();
        t.append(r, { method, uri, QStringLiteral("application/json"), message });
        break;
    }
    case 3: {
        r.kind = EventKind::Sql;
        r.number = int(i % 50);
        if (i % 1001 == 3) {
            r.flags |= ErrorFlag;
        }
        const QString query
            = QStringLiteral("SELECT COLUMN_NAME, DATA_TYPE FROM ANALYTICS.INFORMATION_SCHEMA.COLUMNS "
                             "WHERE TABLE_SCHEMA = %(schema)s AND TABLE_NAME = 'ORDERS_")
            + n + QStringLiteral("'");
        const QString error
            = (r.flags & ErrorFlag) ? QStringLiteral("002003 (02000): Schema does not exist") : QString();
        t.append(r, { query, error });
        break;
    }
    default: {
        r.kind = EventKind::Mcp;
        r.related = EventRecord::NoCarrier;
        r.sizeA = quint32(100 + i % 4000);
        static const QString aspects[] = { QStringLiteral("status"), QStringLiteral("schemaMetadata"),
            QStringLiteral("upstreamLineage"), QStringLiteral("browsePathsV2") };
        const QString urn
            = QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.sales.table_")
            + QString::number(i / 4) + QStringLiteral(",PROD)");
        t.append(r, { QStringLiteral("dataset"), urn, aspects[i % 4], QStringLiteral("UPSERT"), QString() });
        break;
    }
    }
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// Runs the event loop until `done` is true.
void runUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // sleeps until an event comes
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qsizetype events = argc > 1 ? QString::fromLocal8Bit(argv[1]).toLongLong() : 1000000;
    const int runs = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 5;

    QElapsedTimer clock;
    clock.start();
    auto timeline = std::make_shared<Timeline>();
    for (qsizetype i = 0; i < events; ++i)
        appendEvent(*timeline, i);
    timeline->setComplete();
    const qint64 buildNs = clock.nsecsElapsed();

    TimelineModel model;
    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(22);
    view.verticalHeader()->hide();
    view.horizontalHeader()->setSectionResizeMode(TimelineModel::TargetColumn, QHeaderView::Stretch);
    view.setWordWrap(false);
    view.resize(1280, 800);
    view.show();
    clock.restart();
    model.setTimeline(timeline);
    QCoreApplication::processEvents();
    const qint64 showNs = clock.nsecsElapsed();

    std::printf(
        "%lld events built in %.0f ms (index %.1f MiB); model + first paint %.1f ms; %d matching threads\n",
        qlonglong(timeline->count()), ms(buildNs), double(timeline->indexBytes()) / 1048576.0, ms(showNs),
        std::max(2, QThread::idealThreadCount()));

    const QStringList filters { QStringLiteral("kind:http status:>=400"), QStringLiteral("error"),
        QStringLiteral("orders_4242"), QStringLiteral("host:*.looker.example"),
        QStringLiteral("urn:*table_1234*"), QStringLiteral("aspect:schemaMetadata,upstreamLineage"),
        QStringLiteral("sql:~\"ORDERS_9[0-9]{5}'\""), QStringLiteral("-kind:mcp"), QString() };
    QJsonArray filterResults;
    double worstFilter = 0;
    double worstStall = 0;
    std::printf("\n%-40s %9s %12s %10s %12s %10s %11s\n", "filter (setFilter -> filterApplied)", "rows",
        "median (ms)", "max (ms)", "match: pool", "1 thread", "GUI stall");
    bench::StallProbe probe;
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    const auto applyAndWait = [&](const FilterExpression &filter) {
        bool applied = false;
        const QMetaObject::Connection c
            = QObject::connect(&model, &TimelineModel::filterApplied, [&applied] { applied = true; });
        model.setFilter(filter);
        runUntil([&] { return applied; });
        QObject::disconnect(c);
    };
    for (const QString &text : filters) {
        Result<FilterExpression> filter = FilterExpression::parse(text);
        if (!filter) {
            std::fprintf(stderr, "bad filter %s\n", qPrintable(text));
            return 2;
        }
        std::vector<double> times;
        for (int run = 0; run < runs; ++run) {
            // Start from everything shown, as when the user types a new filter.
            model.setFilter(FilterExpression());
            QCoreApplication::processEvents();
            clock.restart();
            applyAndWait(*filter);
            times.push_back(ms(clock.nsecsElapsed()));
        }
        // Once more with the stall probe ticking (it costs the GUI thread a wake-up every millisecond, so it
        // is not part of the timed runs).
        model.setFilter(FilterExpression());
        QCoreApplication::processEvents();
        probe.start();
        applyAndWait(*filter);
        probe.stop();
        const double stall = ms(probe.longestNs());
        // The matching loop alone, split over the pool as the model does it, and on one thread.
        clock.restart();
        const auto parallel
            = TimelineFilter::match(*timeline, *filter, AllKinds, 0, timeline->count(), &pool).seqs;
        const double poolMs = ms(clock.nsecsElapsed());
        clock.restart();
        const auto single = TimelineFilter::match(*timeline, *filter, AllKinds, 0, timeline->count()).seqs;
        const double singleMs = ms(clock.nsecsElapsed());
        if (qsizetype(single.size()) != model.rowCount() || parallel != single) {
            std::fprintf(stderr, "row count mismatch for %s\n", qPrintable(text));
            return 3;
        }
        std::sort(times.begin(), times.end());
        const double median = times[times.size() / 2];
        worstFilter = std::max(worstFilter, median);
        worstStall = std::max(worstStall, stall);
        std::printf("%-40s %9d %12.1f %10.1f %12.1f %10.1f %11.1f\n",
            qPrintable(text.isEmpty() ? QStringLiteral("(none)") : text), model.rowCount(), median,
            times.back(), poolMs, singleMs, stall);
        filterResults.append(QJsonObject { { QStringLiteral("filter"), text },
            { QStringLiteral("rows"), model.rowCount() }, { QStringLiteral("median_ms"), median },
            { QStringLiteral("max_ms"), times.back() }, { QStringLiteral("match_pool_ms"), poolMs },
            { QStringLiteral("match_single_thread_ms"), singleMs },
            { QStringLiteral("gui_stall_ms"), stall } });
    }

    // Back to every event: the model switches at once (no matching), the view takes in 1,000,000 rows.
    applyAndWait(*FilterExpression::parse(QStringLiteral("kind:sql")));
    clock.restart();
    model.setFilter(FilterExpression());
    const double resetMs = ms(clock.nsecsElapsed());
    QCoreApplication::processEvents();
    std::printf("\nclearing the filter (model reset to %d rows, on the GUI thread): %.1f ms\n",
        model.rowCount(), resetMs);

    // Scrolling: to the end and back, each painted.
    const auto scroll = [&](bool toEnd) {
        clock.restart();
        if (toEnd)
            view.scrollToBottom();
        else
            view.scrollToTop();
        view.viewport()->repaint();
        return ms(clock.nsecsElapsed());
    };
    std::vector<double> scrolls;
    for (int run = 0; run < runs; ++run) {
        scrolls.push_back(scroll(true));
        scroll(false);
    }
    std::sort(scrolls.begin(), scrolls.end());
    scroll(true);
    const int lastRow = view.rowAt(view.viewport()->height() - 2);
    // Dragging the scroll bar through the whole range, 100 steps, each painted.
    clock.restart();
    QScrollBar *bar = view.verticalScrollBar();
    for (int step = 0; step <= 100; ++step) {
        bar->setValue(int(qint64(bar->maximum()) * step / 100));
        view.viewport()->repaint();
    }
    const double dragMs = ms(clock.nsecsElapsed()) / 101;
    std::printf("\nscroll to the end and paint: median %.2f ms, max %.2f ms (last row shown: %d); scroll-bar "
                "drag: %.2f ms "
                "a step\n",
        scrolls[scrolls.size() / 2], scrolls.back(), lastRow, dragMs);

    // Search: free text found only near the end, from the top.
    bool found = false;
    qsizetype foundSeq = -1;
    QObject::connect(&model, &TimelineModel::searchFinished, [&](const QString &, qsizetype seq) {
        found = true;
        foundSeq = seq;
    });
    const QString needle = QStringLiteral("ORDERS_") + QString::number(events - 5);
    probe.start();
    clock.restart();
    model.find(needle, -1, true);
    runUntil([&] { return found; });
    const double searchMs = ms(clock.nsecsElapsed());
    probe.stop();
    std::printf("search \"%s\" from the top: %.1f ms (found event %lld), GUI stall %.1f ms\n",
        qPrintable(needle), searchMs, qlonglong(foundSeq), ms(probe.longestNs()));

    std::printf(
        "\nslowest filter: %.1f ms (target < 100 ms: %s); longest GUI stall while filtering: %.1f ms\n",
        worstFilter, worstFilter < 100 ? "met" : "NOT met", worstStall);
    const QJsonObject summary { { QStringLiteral("events"), qint64(events) },
        { QStringLiteral("build_ms"), ms(buildNs) }, { QStringLiteral("filters"), filterResults },
        { QStringLiteral("slowest_filter_ms"), worstFilter }, { QStringLiteral("gui_stall_ms"), worstStall },
        { QStringLiteral("scroll_to_end_ms"), scrolls[scrolls.size() / 2] },
        { QStringLiteral("scroll_drag_step_ms"), dragMs }, { QStringLiteral("search_ms"), searchMs },
        { QStringLiteral("clear_filter_ms"), resetMs } };
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
