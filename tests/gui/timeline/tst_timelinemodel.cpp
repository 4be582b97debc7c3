// SPDX-License-Identifier: MIT
// Tests TimelineModel (under QAbstractItemModelTester): the sample's rows and cells, filtering by
// expression and kind off the GUI thread (checked against tapedeck-cli events), a filter that gives up,
// growth while another thread indexes, free-text search, the panel that wires it to the filter bar
// (errors shown inline: a filter nested too deep, a regex that gives up), and a replay's coverage: marks,
// tooltips, `served:` filters matched again on every snapshot without a reset.
#include "core/common/nesting.h"
#include "core/recording/timelinesubject.h"
#include "guitestmain.h"
#include "jobsupport.h"
#include "testsupport.h"
#include "timelinesupport.h"
#include "ui/timeline/filterbar.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"

#include <QAbstractItemModelTester>
#include <QFuture>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableView>
#include <QToolButton>
#include <QtConcurrent>

#include <functional>

using namespace tapedeck;

namespace {

FilterExpression parsed(const QString &text)
{
    Result<FilterExpression> e = FilterExpression::parse(text);
    if (!e)
        qFatal("test filter does not parse: %s", qPrintable(e.error().message));
    return *e;
}

QString cell(const TimelineModel &model, qsizetype seq, int column, int role = Qt::DisplayRole)
{
    return model.index(model.rowOfSeq(seq), column).data(role).toString();
}

// Synthetic events with one HTTP event at `hostile` whose URI makes ^(a+)+$ reach the regex match limit.
std::shared_ptr<Timeline> timelineWithHostileUri(qsizetype count, qsizetype hostile)
{
    auto timeline = std::make_shared<Timeline>();
    for (qsizetype i = 0; i < count; ++i) {
        if (i != hostile) {
            test::appendSynthetic(*timeline, i);
            continue;
        }
        EventRecord r;
        r.kind = EventKind::Http;
        r.number = 200;
        const QString uri = QString(40, QLatin1Char('a')) + QLatin1Char('!');
        timeline->append(r, { QStringLiteral("GET"), uri, QString(), QString() });
    }
    timeline->setComplete();
    return timeline;
}

const QString HostileFilter = QStringLiteral("kind:sql or url:~\"^(a+)+$\"");

// A coverage snapshot as the replay side hands it over: `served(seq)` for HTTP and SQL events, MCP events
// not servable.
std::shared_ptr<const EventCoverage> coverageOf(
    const Timeline &timeline, const std::function<quint32(qsizetype)> &served)
{
    auto coverage = std::make_shared<EventCoverage>();
    for (qsizetype seq = 0; seq < timeline.count(); ++seq) {
        coverage->served.push_back(
            timeline.record(seq).kind == EventKind::Mcp ? EventCoverage::NotServable : served(seq));
    }
    return coverage;
}

// The HTTP and SQL seqs that `coverage` says were never served.
std::vector<qsizetype> neverServed(const Timeline &timeline, const EventCoverage &coverage)
{
    std::vector<qsizetype> seqs;
    for (qsizetype seq = 0; seq < timeline.count(); ++seq) {
        if (coverage.servedOf(seq) == 0)
            seqs.push_back(seq);
    }
    return seqs;
}

std::vector<qsizetype> shownSeqs(const TimelineModel &model)
{
    std::vector<qsizetype> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs.push_back(model.seqAt(row));
    return seqs;
}

// Sets a filter and waits until the model shows it.
bool applyFilter(TimelineModel &model, const QString &text)
{
    QSignalSpy applied(&model, &TimelineModel::filterApplied);
    model.setFilter(parsed(text));
    return applied.count() > 0 || applied.wait(10000);
}

} // namespace

class TestTimelineModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sampleRowsAndCells();
    void errorsAndWarningsAreMarked();
    void headerToolTips();
    void filterByExpression_data();
    void filterByExpression();
    void kindToggles();
    void newerFilterWins();
    void filterGivesUp();
    void growsWhileIndexing();
    void growsWhileIndexingWithFilter();
    void indexerOnAnotherThread();
    void search();
    void panelFiltersAndSearches();
    void panelShowsFilterErrorsInline();
    void coverageMarksEvents();
    void coverageKeepsRowsOfOtherFilters();
    void coverageRematchesServedFilter();
    void coverageDuringPendingFilter();
    void panelKeepsSelectionAndScrollOnCoverage();

private:
    std::shared_ptr<Timeline> m_sample;
};

void TestTimelineModel::initTestCase()
{
    m_sample = test::sampleTimeline();
    QVERIFY(m_sample);
    QCOMPARE(m_sample->count(), 41);
}

void TestTimelineModel::sampleRowsAndCells()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy kinds(&model, &TimelineModel::kindCountsChanged);
    QSignalSpy counts(&model, &TimelineModel::countsChanged);
    model.setTimeline(m_sample);
    QCOMPARE(model.rowCount(), 41);
    QCOMPARE(model.columnCount(), int(TimelineModel::ColumnCount));
    QCOMPARE(model.kindCount(EventKind::Http), 12);
    QCOMPARE(model.kindCount(EventKind::Sql), 5);
    QCOMPARE(model.kindCount(EventKind::Mcp), 24);
    QVERIFY(!kinds.isEmpty());
    QCOMPARE(kinds.last().at(0).value<qsizetype>(), 12);
    QCOMPARE(kinds.last().at(1).value<qsizetype>(), 5);
    QCOMPARE(kinds.last().at(2).value<qsizetype>(), 24);
    QCOMPARE(counts.last().at(0).value<qsizetype>(), 41);
    QCOMPARE(counts.last().at(1).value<qsizetype>(), 41);

    // HTTP: method, URL, status, sizes.
    QCOMPARE(cell(model, 0, TimelineModel::SeqColumn), QStringLiteral("0"));
    QCOMPARE(cell(model, 0, TimelineModel::KindColumn), QStringLiteral("HTTP"));
    QCOMPARE(cell(model, 0, TimelineModel::OperationColumn), QStringLiteral("GET"));
    QCOMPARE(cell(model, 0, TimelineModel::TargetColumn),
        QStringLiteral("http://datahub-gms.acme-corp.example:8080/config"));
    QCOMPARE(cell(model, 0, TimelineModel::ResultColumn), QStringLiteral("200"));
    QCOMPARE(cell(model, 0, TimelineModel::SizeColumn), QStringLiteral("458 B")); // no request body
    QCOMPARE(cell(model, 1, TimelineModel::SizeColumn), QStringLiteral("76 B / 123 B"));
    QCOMPARE(cell(model, 11, TimelineModel::SizeColumn), QStringLiteral("14.3 KiB / 1.1 KiB"));
    QVERIFY(
        cell(model, 1, TimelineModel::SizeColumn, Qt::ToolTipRole).contains(QStringLiteral("Request body")));
    QVERIFY(!model.index(0, TimelineModel::KindColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(0, 0).data(TimelineModel::SeqRole).toLongLong(), 0);
    QCOMPARE(model.index(0, 0).data(TimelineModel::KindRole).toInt(), int(EventKind::Http));
    // SQL: statement type, summary, row count.
    QCOMPARE(cell(model, 36, TimelineModel::KindColumn), QStringLiteral("SQL"));
    QCOMPARE(cell(model, 36, TimelineModel::OperationColumn), QStringLiteral("SELECT"));
    QVERIFY(cell(model, 36, TimelineModel::TargetColumn)
                .startsWith(QStringLiteral("SELECT TABLE_CATALOG, TABLE_SCHEMA")));
    QCOMPARE(cell(model, 36, TimelineModel::ResultColumn), QStringLiteral("3 rows"));
    QCOMPARE(cell(model, 40, TimelineModel::ResultColumn), QStringLiteral("1 row"));
    // MCP: change type, aspect and URN, aspect size.
    QCOMPARE(cell(model, 14, TimelineModel::KindColumn), QStringLiteral("MCP"));
    QCOMPARE(cell(model, 14, TimelineModel::OperationColumn), QStringLiteral("UPSERT"));
    QCOMPARE(cell(model, 14, TimelineModel::TargetColumn),
        QStringLiteral(
            "schemaMetadata · urn:li:dataset:(urn:li:dataPlatform:looker,sales.explore.orders,PROD)"));
    QVERIFY(!cell(model, 14, TimelineModel::SizeColumn).isEmpty());
    QVERIFY(
        cell(model, 14, TimelineModel::ResultColumn, Qt::ToolTipRole).contains(QStringLiteral("event 11")));
    QVERIFY(cell(model, 11, TimelineModel::ResultColumn, Qt::ToolTipRole).contains(QStringLiteral("23")));
    // Identity mode: row == seq.
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.seqAt(row), qsizetype(row));
        QCOMPARE(model.rowOfSeq(row), row);
    }
    QCOMPARE(model.rowOfSeq(41), -1);
    QCOMPARE(model.seqAt(41), -1);
}

void TestTimelineModel::errorsAndWarningsAreMarked()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(m_sample);
    // HTTP 500 and the failed SQL query: error icon, red status, tinted row.
    for (const qsizetype seq : { qsizetype(35), qsizetype(39) }) {
        const QModelIndex seqCell = model.index(model.rowOfSeq(seq), TimelineModel::SeqColumn);
        QVERIFY(seqCell.data(TimelineModel::FlagsRole).toInt() & ErrorFlag);
        QVERIFY(!seqCell.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(seqCell.data(Qt::BackgroundRole).value<QColor>().isValid());
        const QModelIndex result = model.index(model.rowOfSeq(seq), TimelineModel::ResultColumn);
        QVERIFY(result.data(Qt::ForegroundRole).value<QColor>().isValid());
        QVERIFY(!seqCell.data(Qt::ToolTipRole).toString().isEmpty()); // the error message
    }
    QCOMPARE(cell(model, 35, TimelineModel::ResultColumn), QStringLiteral("500"));
    QVERIFY(cell(model, 35, TimelineModel::ResultColumn, Qt::ToolTipRole)
                .contains(QStringLiteral("Internal Server Error")));
    QCOMPARE(cell(model, 39, TimelineModel::ResultColumn), QStringLiteral("error"));
    QVERIFY(!model.index(39, 0).data(TimelineModel::MessageRole).toString().isEmpty());
    // A successful event is not marked.
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.index(0, 0).data(Qt::DecorationRole).isNull());

    // A warning: amber row and warning icon (no error colours).
    auto timeline = std::make_shared<Timeline>();
    EventRecord r;
    r.kind = EventKind::Sql;
    r.flags = WarningFlag;
    timeline->append(r, { QStringLiteral("select 1"), QStringLiteral("missing key \"description\"") });
    timeline->setComplete();
    model.setTimeline(timeline);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex warned = model.index(0, TimelineModel::SeqColumn);
    QVERIFY(!warned.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(warned.data(Qt::BackgroundRole).value<QColor>().isValid());
    QVERIFY(warned.data(Qt::BackgroundRole).value<QColor>()
        != model.index(0, 0).data(Qt::ForegroundRole).value<QColor>());
    QCOMPARE(warned.data(Qt::ToolTipRole).toString(), QStringLiteral("missing key \"description\""));
}

void TestTimelineModel::headerToolTips()
{
    TimelineModel model;
    for (int c = 0; c < TimelineModel::ColumnCount; ++c) {
        QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().isEmpty());
        QVERIFY2(!model.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty(),
            qPrintable(QString::number(c)));
    }
}

void TestTimelineModel::filterByExpression_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("expected");
    QTest::addRow("kind:http") << QStringLiteral("kind:http") << 12;
    QTest::addRow("kind:sql") << QStringLiteral("kind:sql") << 5;
    QTest::addRow("kind:mcp") << QStringLiteral("kind:mcp") << 24;
    QTest::addRow("failed http") << QStringLiteral("kind:http status:>=400") << 1;
    QTest::addRow("error") << QStringLiteral("error") << 2;
    QTest::addRow("aspect") << QStringLiteral("aspect:status") << 6;
    QTest::addRow("free text") << QStringLiteral("orders") << 7;
    QTest::addRow("sql field") << QStringLiteral("sql:information_schema") << 4;
    QTest::addRow("urn glob") << QStringLiteral("urn:*orders*") << 5;
    QTest::addRow("host") << QStringLiteral("host:looker.acme-corp.example") << 9;
    QTest::addRow("nothing") << QStringLiteral("warning") << 0;
    QTest::addRow("or and not") << QStringLiteral("(kind:sql or kind:mcp) -aspect:status") << 23;
    QTest::addRow("seq range") << QStringLiteral("seq:10..19") << 10;
}

void TestTimelineModel::filterByExpression()
{
    QFETCH(QString, filter);
    QFETCH(int, expected);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(m_sample);
    QSignalSpy counts(&model, &TimelineModel::countsChanged);
    QVERIFY(applyFilter(model, filter));
    QVERIFY(!model.isFilterPending());
    QCOMPARE(model.rowCount(), expected);
    QCOMPARE(model.shownCount(), qsizetype(expected));
    QCOMPARE(model.totalCount(), 41);
    QVERIFY(!counts.isEmpty());
    QCOMPARE(counts.last().at(0).value<qsizetype>(), qsizetype(expected));
    QCOMPARE(counts.last().at(1).value<qsizetype>(), 41);
    // Every row shown matches, in timeline order, and rowOfSeq() inverts seqAt().
    TimelineSubject subject(*m_sample);
    const FilterExpression expression = parsed(filter);
    qsizetype previous = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const qsizetype seq = model.seqAt(row);
        QVERIFY(seq > previous);
        previous = seq;
        subject.setRow(seq);
        QVERIFY(expression.match(subject) == FilterExpression::Outcome::Match);
        QCOMPARE(model.rowOfSeq(seq), row);
    }
    // The CLI's events --filter lists the same events.
    const test::ProcessResult cli = test::runCli(
        { QStringLiteral("events"), test::sampleRecordingPath(), QStringLiteral("--filter"), filter,
            QStringLiteral("--jsonl"), QStringLiteral("--password"), QStringLiteral("tapedeck-sample") });
    QCOMPARE(cli.exitCode, 0);
    QCOMPARE(int(cli.out.count('\n')), expected);
    // Back to everything.
    QVERIFY(applyFilter(model, QString()));
    QCOMPARE(model.rowCount(), 41);
}

void TestTimelineModel::kindToggles()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(m_sample);
    QSignalSpy applied(&model, &TimelineModel::filterApplied);
    // A quick job may be answered before the setter returns: count what arrived, then wait for more.
    const auto setAndWait = [&](const std::function<void()> &set) {
        const qsizetype before = applied.count();
        set();
        return applied.count() > before || applied.wait(10000);
    };
    QVERIFY(setAndWait([&] { model.setKinds(kindBit(EventKind::Http) | kindBit(EventKind::Sql)); }));
    QCOMPARE(model.rowCount(), 17);
    QVERIFY(setAndWait([&] { model.setFilter(parsed(QStringLiteral("error"))); }));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(setAndWait([&] { model.setKinds(kindBit(EventKind::Sql)); }));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.seqAt(0), 39);
    QVERIFY(setAndWait([&] { model.setKinds(0); }));
    QCOMPARE(model.rowCount(), 0);
    // All kinds and no filter again: row == seq, at once.
    model.setFilter(FilterExpression());
    model.setKinds(AllKinds);
    QCOMPARE(model.rowCount(), 41);
    QVERIFY(!model.isFilterPending());
}

void TestTimelineModel::newerFilterWins()
{
    // Big enough that the jobs are still running when the next filter arrives.
    auto timeline = std::make_shared<Timeline>();
    for (qsizetype i = 0; i < 400000; ++i)
        test::appendSynthetic(*timeline, i);
    timeline->setComplete();
    TimelineModel model;
    model.setTimeline(timeline);
    QList<int> resets;
    connect(&model, &QAbstractItemModel::modelReset, this, [&] { resets.append(model.rowCount()); });
    model.setFilter(parsed(QStringLiteral("kind:mcp")));
    model.setFilter(parsed(QStringLiteral("kind:http")));
    model.setFilter(parsed(QStringLiteral("kind:sql")));
    QTRY_VERIFY_WITH_TIMEOUT(!model.isFilterPending(), 20000);
    QVERIFY(test::waitForJobs(&model)); // a superseded result that was already on its way must not land
    QCOMPARE(model.rowCount(), 100000);
    QCOMPARE(resets.last(), 100000);
    QVERIFY(!resets.contains(200000)); // kind:http never showed: it was cancelled or dropped
    QCOMPARE(model.filter().text(), QStringLiteral("kind:sql"));
}

// A writer thread appends and publishes batches while the model takes them in; the test decides when each
// batch is published, so every step is checked.
void TestTimelineModel::growsWhileIndexing()
{
    auto timeline = std::make_shared<Timeline>();
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(0);
    model.setTimeline(timeline);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy complete(&model, &TimelineModel::timelineComplete);
    constexpr int Batches = 5;
    constexpr int BatchSize = 300;
    QSemaphore published;
    QSemaphore go;
    QFuture<void> writer = QtConcurrent::run([&] {
        for (int b = 0; b < Batches; ++b) {
            for (int i = 0; i < BatchSize; ++i)
                test::appendSynthetic(*timeline, qsizetype(b) * BatchSize + i);
            if (b + 1 == Batches)
                timeline->setComplete();
            else
                timeline->publish();
            published.release();
            go.acquire();
        }
    });
    for (int b = 0; b < Batches; ++b) {
        QVERIFY(published.tryAcquire(1, 10000));
        model.refresh();
        QCOMPARE(model.rowCount(), (b + 1) * BatchSize);
        QCOMPARE(inserted.count(), b + 1);
        QCOMPARE(inserted.last().at(1).toInt(), b * BatchSize);
        QCOMPARE(inserted.last().at(2).toInt(), (b + 1) * BatchSize - 1);
        QCOMPARE(complete.count(), b + 1 == Batches ? 1 : 0);
        // Rows already shown keep their content while the writer appends more.
        QCOMPARE(model.index(0, TimelineModel::OperationColumn).data().toString(), QStringLiteral("GET"));
        go.release();
    }
    writer.waitForFinished();
    QCOMPARE(model.kindCount(EventKind::Sql), Batches * BatchSize / 4);
}

void TestTimelineModel::growsWhileIndexingWithFilter()
{
    auto timeline = std::make_shared<Timeline>();
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(0);
    model.setTimeline(timeline);
    QSignalSpy applied(&model, &TimelineModel::filterApplied);
    model.setFilter(parsed(QStringLiteral("kind:sql")));
    QVERIFY(applied.count() == 1 || applied.wait(10000));
    QSignalSpy counts(&model, &TimelineModel::countsChanged);
    for (int b = 0; b < 4; ++b) {
        for (int i = 0; i < 400; ++i)
            test::appendSynthetic(*timeline, qsizetype(b) * 400 + i);
        timeline->publish();
        model.refresh();
        // The new events are matched off the GUI thread and appended.
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), (b + 1) * 100, 10000);
        QCOMPARE(model.totalCount(), (b + 1) * 400);
    }
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(TimelineModel::KindRole).toInt(), int(EventKind::Sql));
    QCOMPARE(counts.last().at(0).value<qsizetype>(), 400);
    QCOMPARE(counts.last().at(1).value<qsizetype>(), 1600);
}

void TestTimelineModel::indexerOnAnotherThread()
{
    std::shared_ptr<const Recording> recording;
    QVERIFY(test::sampleTimeline(&recording));
    auto timeline = std::make_shared<Timeline>();
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(1);
    model.setFilter(parsed(QStringLiteral("-kind:mcp")));
    model.setTimeline(timeline);
    QSignalSpy complete(&model, &TimelineModel::timelineComplete);
    QFuture<Status> indexing = QtConcurrent::run(
        [timeline, recording] { return TimelineIndexer::indexRecording(*timeline, *recording); });
    QVERIFY(complete.wait(10000));
    QVERIFY(indexing.result().ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 17, 10000);
    QCOMPARE(model.totalCount(), 41);
}

void TestTimelineModel::search()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(m_sample);
    QSignalSpy found(&model, &TimelineModel::searchFinished);
    const auto find = [&](const QString &text, int from, bool forward) -> qsizetype {
        model.find(text, from, forward);
        if (found.isEmpty() && !found.wait(10000))
            return -2;
        return found.takeFirst().at(1).value<qsizetype>();
    };
    // "orders" (any case): the explore URL (6), then the orders dataset's MCPs (12…), last the SQL at 40.
    QCOMPARE(find(QStringLiteral("ORDERS"), -1, true), 6);
    QCOMPARE(find(QStringLiteral("orders"), 6, true), 12);
    QCOMPARE(find(QStringLiteral("orders"), 6, false), 40); // wraps around backwards
    QCOMPARE(find(QStringLiteral("orders"), 40, true), 6); // and forwards
    QCOMPARE(find(QStringLiteral("no such text anywhere"), 0, true), -1);
    QCOMPARE(find(QString(), 0, true), -1);
    // Quotes and backslashes are searched literally, not parsed as the filter language.
    QCOMPARE(find(QStringLiteral("\"kind:http"), 0, true), -1);
    QCOMPARE(find(QStringLiteral("dashboards/3"), -1, true), 35);
    // In a filtered view only the rows shown are searched, and the answer is still a seq.
    QVERIFY(applyFilter(model, QStringLiteral("kind:sql")));
    QCOMPARE(find(QStringLiteral("orders"), -1, true), 40);
    QCOMPARE(model.rowOfSeq(40), 4);
}

// A regex term that gives up stops the matching: the rows before the event are shown, the error says
// which event, and a new filter starts afresh.
void TestTimelineModel::filterGivesUp()
{
    const qsizetype hostile = 401; // an HTTP slot of appendSynthetic()
    const auto timeline = timelineWithHostileUri(1000, hostile);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(timeline);
    QTRY_COMPARE(model.totalCount(), 1000);
    QSignalSpy gaveUp(&model, &TimelineModel::filterGaveUp);
    QVERIFY(applyFilter(model, HostileFilter));
    QTRY_COMPARE(gaveUp.count(), 1);
    const FilterError error = gaveUp.first().at(0).value<FilterError>();
    QVERIFY2(error.message.contains(QStringLiteral("gave up on event %1").arg(hostile)),
        qPrintable(error.message));
    QCOMPARE(error.position, 12);
    // The SQL events before it (every fourth, from 2), nothing after it.
    QCOMPARE(model.rowCount(), int(hostile / 4));
    QCOMPARE(model.seqAt(model.rowCount() - 1), 398);
    model.refresh();
    QTest::qWait(50);
    QCOMPARE(gaveUp.count(), 1);
    QCOMPARE(model.rowCount(), int(hostile / 4));
    // Another filter matches everything again.
    QVERIFY(applyFilter(model, QStringLiteral("kind:sql")));
    QCOMPARE(model.rowCount(), 250);
    QCOMPARE(gaveUp.count(), 1);
}

void TestTimelineModel::panelFiltersAndSearches()
{
    TimelinePanel panel;
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QApplication::setActiveWindow(&panel); // F3 and Ctrl+F are window shortcuts
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy current(&panel, &TimelinePanel::currentEventChanged);
    panel.setTimeline(m_sample);
    auto *counts = panel.findChild<QLabel *>(QStringLiteral("countsLabel"));
    QVERIFY(counts);
    QCOMPARE(counts->text(), QStringLiteral("41 / 41 events"));
    auto *sqlToggle = panel.findChild<QToolButton *>(QStringLiteral("sqlToggle"));
    QVERIFY(sqlToggle);
    QCOMPARE(sqlToggle->text(), QStringLiteral("SQL 5"));

    QVERIFY(panel.selectSeq(14));
    QCOMPARE(current.last().at(0).value<qsizetype>(), 14);
    // Typing a filter: debounced, applied off the GUI thread, the selected event stays selected.
    auto *filter = panel.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    QTest::keyClicks(filter, QStringLiteral("urn:*orders*"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 5, 10000);
    QTRY_COMPARE(counts->text(), QStringLiteral("5 / 41 events"));
    QCOMPARE(panel.view()->currentIndex().row(), panel.model()->rowOfSeq(14));
    QCOMPARE(panel.currentSeq(), 14);

    // Search: Enter in the search field finds the next match and selects it.
    filter->clear();
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 41, 10000);
    auto *search = panel.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("dashboards/"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(panel.currentSeq(), 35, 10000); // after 14, wrapping to the end
    QTest::keyClick(search, Qt::Key_Return, Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(panel.currentSeq(), 9, 10000);
    QTest::keyClick(&panel, Qt::Key_F3);
    QTRY_COMPARE_WITH_TIMEOUT(panel.currentSeq(), 35, 10000);
    // Nothing found: the field says so and the selection stays.
    search->clear();
    QTest::keyClicks(search, QStringLiteral("zzzz"));
    QTest::keyClick(search, Qt::Key_Return);
    auto *status = panel.findChild<QLabel *>(QStringLiteral("searchStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("No match"), 10000);
    QCOMPARE(panel.currentSeq(), 35);
}

// The GUI's filter bar uses the same parser and matcher as the CLI: a filter nested too deep and a regex
// that gives up are both shown inline on the bar, and the panel keeps working.
void TestTimelineModel::panelShowsFilterErrorsInline()
{
    TimelinePanel panel;
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setTimeline(timelineWithHostileUri(1000, 401));
    QTRY_COMPARE(panel.model()->rowCount(), 1000);
    FilterBar *bar = panel.filterBar();
    auto *label = panel.findChild<QLabel *>(QStringLiteral("filterErrorLabel"));
    QVERIFY(label);

    // 10,000 parentheses and 30,000 "not": refused with the nesting limit, nothing applied.
    for (const QString &deep : QStringList {
             QStringLiteral("(").repeated(10000) + QStringLiteral("x") + QStringLiteral(")").repeated(10000),
             QStringLiteral("not ").repeated(30000) + QStringLiteral("x") }) {
        bar->setFilterText(deep);
        QVERIFY(bar->filterError());
        QVERIFY2(bar->filterError()->message.contains(Nesting::tooDeep()),
            qPrintable(bar->filterError()->message));
        QVERIFY(label->isVisible());
        QCOMPARE(panel.model()->rowCount(), 1000);
    }

    // The regex gives up on event 401: the bar says so, under the term.
    bar->setFilterText(HostileFilter);
    QTRY_VERIFY_WITH_TIMEOUT(bar->filterError().has_value(), 10000);
    QVERIFY2(bar->filterError()->message.contains(QStringLiteral("gave up on event 401")),
        qPrintable(bar->filterError()->message));
    QCOMPARE(bar->filterError()->position, 12);
    QVERIFY(label->isVisible());
    QVERIFY(label->text().startsWith(QStringLiteral("Column 13: ")));
    QCOMPARE(panel.model()->rowCount(), 100);

    // A good filter clears the error.
    bar->setFilterText(QStringLiteral("kind:sql"));
    QVERIFY(!bar->filterError());
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 250, 10000);
    QVERIFY(label->isHidden());
}

// A coverage marks every servable event never / once / many times served (icon and tooltip in the Result
// column, ServedRole everywhere); MCP events get nothing. Setting or dropping one is one dataChanged.
void TestTimelineModel::coverageMarksEvents()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(m_sample);
    const auto result
        = [&](qsizetype seq) { return model.index(model.rowOfSeq(seq), TimelineModel::ResultColumn); };
    // Without a replay: nothing to mark.
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(
            model.index(row, TimelineModel::SizeColumn).data(TimelineModel::ServedRole).toLongLong(), -1);
        QVERIFY(result(row).data(Qt::DecorationRole).isNull());
        QVERIFY(!result(row).data(Qt::ToolTipRole).toString().contains(QStringLiteral("replay")));
    }

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    // Events 0 (HTTP) and 36 (SQL) never served, 1 once, 35 (the HTTP 500) three times.
    const auto coverage = coverageOf(*m_sample, [](qsizetype seq) -> quint32 {
        switch (seq) {
        case 0:
        case 36:
            return 0;
        case 35:
            return 3;
        default:
            return 1;
        }
    });
    model.setCoverage(coverage);
    QCOMPARE(model.coverage(), coverage);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>(), model.index(0, 0));
    QCOMPARE(changed.first().at(1).value<QModelIndex>(), model.index(40, TimelineModel::ColumnCount - 1));
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(TimelineModel::ServedRole));
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(Qt::DecorationRole));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 0);
    QCOMPARE(model.rowCount(), 41);

    QCOMPARE(model.index(0, TimelineModel::TargetColumn).data(TimelineModel::ServedRole).toLongLong(), 0);
    QCOMPARE(model.index(1, TimelineModel::SeqColumn).data(TimelineModel::ServedRole).toLongLong(), 1);
    QCOMPARE(model.index(35, TimelineModel::KindColumn).data(TimelineModel::ServedRole).toLongLong(), 3);
    QCOMPARE(
        model.index(14, TimelineModel::SeqColumn).data(TimelineModel::ServedRole).toLongLong(), -1); // MCP
    QVERIFY(
        result(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Never served by the replay")));
    QVERIFY(
        result(36).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Never served by the replay")));
    QVERIFY(result(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Served once by the replay")));
    const QString many = result(35).data(Qt::ToolTipRole).toString();
    QVERIFY2(many.contains(QStringLiteral("Served 3 times by the replay")), qPrintable(many));
    QVERIFY(many.contains(QStringLiteral("Internal Server Error"))); // the message stays
    QVERIFY(model.index(0, TimelineModel::SeqColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("Never served")));
    QVERIFY(!result(14).data(Qt::ToolTipRole).toString().contains(QStringLiteral("served")));

    // Three different marks; MCP events and other columns have none.
    const auto image = [&](qsizetype seq) {
        const QIcon icon = result(seq).data(Qt::DecorationRole).value<QIcon>();
        return icon.isNull() ? QImage() : icon.pixmap(16, 16).toImage();
    };
    QVERIFY(!image(0).isNull());
    QVERIFY(!image(1).isNull());
    QVERIFY(!image(35).isNull());
    QCOMPARE(image(36), image(0));
    QVERIFY(image(0) != image(1));
    QVERIFY(image(1) != image(35));
    QVERIFY(image(0) != image(35));
    QVERIFY(result(14).data(Qt::DecorationRole).isNull());
    QVERIFY(model.index(1, TimelineModel::TargetColumn).data(Qt::DecorationRole).isNull());
    // The error icon in the seq column is still there.
    QVERIFY(!model.index(35, TimelineModel::SeqColumn).data(Qt::DecorationRole).value<QIcon>().isNull());

    // Setting the same snapshot again changes nothing; dropping it is one more dataChanged.
    model.setCoverage(coverage);
    QCOMPARE(changed.count(), 1);
    model.setCoverage(nullptr);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.index(0, 0).data(TimelineModel::ServedRole).toLongLong(), -1);
    QVERIFY(result(0).data(Qt::DecorationRole).isNull());
    // A new timeline drops the coverage: its seqs are another recording's.
    model.setCoverage(coverage);
    model.setTimeline(m_sample);
    QVERIFY(!model.coverage());
    QCOMPARE(model.index(0, 0).data(TimelineModel::ServedRole).toLongLong(), -1);
    QCOMPARE(resets.count(), 1);
}

// A filter without replay terms is not matched again for a coverage: the rows stay, only the marks change.
void TestTimelineModel::coverageKeepsRowsOfOtherFilters()
{
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(m_sample);
    QVERIFY(applyFilter(model, QStringLiteral("kind:http")));
    const std::vector<qsizetype> before = shownSeqs(model);
    QCOMPARE(before.size(), size_t(12));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy applied(&model, &TimelineModel::coverageApplied);
    for (quint32 round = 0; round < 3; ++round)
        model.setCoverage(coverageOf(*m_sample, [round](qsizetype seq) { return quint32(seq % 2) * round; }));
    QVERIFY(test::waitForJobs(&model));
    QTest::qWait(20);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.last().at(1).value<QModelIndex>().row(), 11);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 0);
    QCOMPARE(applied.count(), 0);
    QCOMPARE(shownSeqs(model), before);
    QCOMPARE(model.index(1, 0).data(TimelineModel::ServedRole).toLongLong(), 2); // seq 1, round 2
}

// `served:0` lists the events never served; each new snapshot matches it again off the GUI thread and swaps
// the rows in with a layout change: persistent indexes (the view's selection) follow their event.
void TestTimelineModel::coverageRematchesServedFilter()
{
    auto timeline = std::make_shared<Timeline>();
    for (qsizetype i = 0; i < 4000; ++i)
        test::appendSynthetic(*timeline, i);
    timeline->setComplete();
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTimeline(timeline);
    QTRY_COMPARE(model.totalCount(), 4000);

    // Without a replay, served:0 shows nothing.
    QVERIFY(applyFilter(model, QStringLiteral("served:0")));
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy applied(&model, &TimelineModel::coverageApplied);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Nothing served yet: every HTTP and SQL event.
    auto first = coverageOf(*timeline, [](qsizetype) { return 0u; });
    model.setCoverage(first);
    QVERIFY(applied.wait(10000));
    QCOMPARE(model.rowCount(), 3000);
    QCOMPARE(shownSeqs(model), neverServed(*timeline, *first));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(changed.count(), 0); // no rows shown when it was set

    // The replay served the first thousand events: they leave, the others stay where their events are.
    const QPersistentModelIndex stays = model.index(model.rowOfSeq(2001), TimelineModel::TargetColumn);
    const QPersistentModelIndex goes = model.index(model.rowOfSeq(5), TimelineModel::SeqColumn);
    QVERIFY(stays.isValid() && goes.isValid());
    auto second = coverageOf(*timeline, [](qsizetype seq) { return seq < 1000 ? 1u : 0u; });
    model.setCoverage(second);
    QCOMPARE(changed.count(), 1); // the marks of the rows shown, at once
    QVERIFY(applied.wait(10000));
    QCOMPARE(shownSeqs(model), neverServed(*timeline, *second));
    QCOMPARE(model.rowCount(), 2250);
    QVERIFY(stays.isValid());
    QCOMPARE(model.seqAt(stays.row()), 2001);
    QCOMPARE(stays.column(), int(TimelineModel::TargetColumn));
    QVERIFY(!goes.isValid());
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 2);

    // Rows come back too (a snapshot may say less than the one before, e.g. a new replay).
    model.setCoverage(first);
    QVERIFY(applied.wait(10000));
    QCOMPARE(model.rowCount(), 3000);
    QCOMPARE(model.seqAt(stays.row()), 2001);

    // Snapshots faster than the matching: the last one wins, and no result was starved.
    for (quint32 round = 1; round <= 20; ++round) {
        model.setCoverage(
            coverageOf(*timeline, [round](qsizetype seq) { return seq < round * 100 ? 1u : 0u; }));
    }
    QVERIFY(test::waitForJobs(&model));
    QTRY_COMPARE_WITH_TIMEOUT(shownSeqs(model), neverServed(*timeline, *model.coverage()), 10000);
    QCOMPARE(model.seqAt(0), 2000); // the last snapshot served everything below 2000
    QCOMPARE(resets.count(), 0);

    // outcome: terms depend on replays too, though timeline events never have a replay state.
    QVERIFY(applyFilter(model, QStringLiteral("served:0 or outcome:*")));
    const qsizetype layoutsBefore = layouts.count();
    model.setCoverage(first);
    QVERIFY(applied.wait(10000));
    QCOMPARE(model.rowCount(), 3000);
    QCOMPARE(layouts.count(), layoutsBefore + 1);
}

// A coverage that arrives while a new filter is still being matched (with the coverage before it) is
// matched again right after, without superseding that filter's result.
void TestTimelineModel::coverageDuringPendingFilter()
{
    auto timeline = std::make_shared<Timeline>();
    for (qsizetype i = 0; i < 400000; ++i)
        test::appendSynthetic(*timeline, i);
    timeline->setComplete();
    TimelineModel model;
    model.setTimeline(timeline);
    QSignalSpy filterApplied(&model, &TimelineModel::filterApplied);
    QSignalSpy coverageApplied(&model, &TimelineModel::coverageApplied);
    model.setFilter(parsed(QStringLiteral("served:0 url:*looks*")));
    QVERIFY(model.isFilterPending());
    const auto last = coverageOf(*timeline, [](qsizetype seq) { return seq % 8 == 0 ? 0u : 1u; });
    model.setCoverage(last);
    QVERIFY(filterApplied.count() == 1 || filterApplied.wait(20000));
    QVERIFY(coverageApplied.count() == 1 || coverageApplied.wait(20000));
    QVERIFY(test::waitForJobs(&model));
    QCOMPARE(filterApplied.count(), 1);
    QCOMPARE(coverageApplied.count(), 1);
    QCOMPARE(model.rowCount(), 50000); // the HTTP events at multiples of 8
    QCOMPARE(model.seqAt(1), 8);
}

// In the panel, a new snapshot neither moves the view nor loses the selected event, and the table's rows
// follow the new count.
void TestTimelineModel::panelKeepsSelectionAndScrollOnCoverage()
{
    auto timeline = std::make_shared<Timeline>();
    for (qsizetype i = 0; i < 4000; ++i)
        test::appendSynthetic(*timeline, i);
    timeline->setComplete();
    TimelinePanel panel;
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setTimeline(timeline);
    QTRY_COMPARE(panel.model()->totalCount(), 4000);
    QSignalSpy applied(panel.model(), &TimelineModel::coverageApplied);
    panel.setCoverage(coverageOf(*timeline, [](qsizetype) { return 0u; }));
    QCOMPARE(applied.count(), 0); // no filter on replays yet
    panel.filterBar()->setFilterText(QStringLiteral("served:0"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 3000, 10000);

    QVERIFY(panel.selectSeq(2501));
    QScrollBar *scroll = panel.view()->verticalScrollBar();
    scroll->setValue(scroll->value() - 5); // not where selecting put it: a reset would recenter
    const int value = scroll->value();
    QSignalSpy current(&panel, &TimelinePanel::currentEventChanged);

    // Served: everything below 1000, and 2500 (beside the selected event).
    panel.setCoverage(
        coverageOf(*timeline, [](qsizetype seq) { return seq < 1000 || seq == 2500 ? 2u : 0u; }));
    QVERIFY(applied.wait(10000));
    QCOMPARE(panel.model()->rowCount(), 2249);
    QCOMPARE(panel.view()->verticalHeader()->count(), 2249);
    QCOMPARE(panel.currentSeq(), 2501);
    QCOMPARE(panel.view()->currentIndex().row(), panel.model()->rowOfSeq(2501));
    QVERIFY(panel.view()->selectionModel()->isRowSelected(panel.model()->rowOfSeq(2501), {}));
    QCOMPARE(scroll->value(), value);
    QCOMPARE(current.count(), 0);
    // The last row is there to be shown.
    panel.view()->scrollToBottom();
    QTRY_VERIFY(panel.view()->indexAt(QPoint(5, panel.view()->viewport()->height() - 5)).row() > 2200);
}

TAPEDECK_GUI_TEST_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
