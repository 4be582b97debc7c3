// SPDX-License-Identifier: MIT
// Tests TimelineModel (under QAbstractItemModelTester): the sample's rows and cells, filtering by
// expression and kind off the GUI thread (checked against tapedeck-cli events), a filter that gives up,
// growth while another thread indexes, free-text search, and the panel that wires it to the filter bar
// (errors shown inline: a filter nested too deep, a regex that gives up).
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
#include <QLabel>
#include <QLineEdit>
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

TAPEDECK_GUI_TEST_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
