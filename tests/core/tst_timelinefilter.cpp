// SPDX-License-Identifier: MIT
// The timeline's matching loop in core: filter expressions and kind toggles over the sample (the same
// counts as `tapedeck-cli events --filter`), parts split over a pool giving exactly the one-thread result,
// cancellation, a regex that gives up, search with wrap-around in both directions, free-text escaping,
// `served:` answered from a replay's coverage snapshot.
#include "core/recording/filterexpression.h"
#include "core/recording/timelinefilter.h"
#include "core/recording/timelinesubject.h"
#include "testsupport.h"
#include "timelinesupport.h"

#include <QTest>
#include <QThreadPool>

#include <atomic>

using namespace tapedeck;

namespace {

FilterExpression parsed(const QString &text)
{
    Result<FilterExpression> e = FilterExpression::parse(text);
    if (!e)
        qWarning("%s", qPrintable(e.error().message));
    return e ? std::move(e).value() : FilterExpression();
}

} // namespace

class TestTimelineFilter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sampleExpressions_data();
    void sampleExpressions();
    void kindMask();
    void partsOnAPoolEqualOneThread();
    void cancelledStopsEarly();
    void gaveUpStopsAtTheFirstEvent();
    void findRowWraps();
    void freeText();
    void servedFromCoverage();
    void coverageOnAPoolEqualsOneThread();

private:
    std::shared_ptr<Timeline> m_sample;
};

void TestTimelineFilter::initTestCase()
{
    m_sample = test::sampleTimeline();
    QVERIFY(m_sample);
    QCOMPARE(m_sample->count(), 41);
}

void TestTimelineFilter::sampleExpressions_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("expected");
    QTest::addRow("everything") << QString() << 41;
    QTest::addRow("kind:http") << QStringLiteral("kind:http") << 12;
    QTest::addRow("failed http") << QStringLiteral("kind:http status:>=400") << 1;
    QTest::addRow("error") << QStringLiteral("error") << 2;
    QTest::addRow("free text") << QStringLiteral("orders") << 7;
    QTest::addRow("urn glob") << QStringLiteral("urn:*orders*") << 5;
    QTest::addRow("or and not") << QStringLiteral("(kind:sql or kind:mcp) -aspect:status") << 23;
    QTest::addRow("seq range") << QStringLiteral("seq:10..19") << 10;
    QTest::addRow("nothing") << QStringLiteral("warning") << 0;
    // No replay here (nor in the CLI): replay terms match nothing, their negations everything.
    QTest::addRow("served:0 without a replay") << QStringLiteral("served:0") << 0;
    QTest::addRow("served:* without a replay") << QStringLiteral("served:*") << 0;
    QTest::addRow("-served:* without a replay") << QStringLiteral("-served:*") << 41;
    QTest::addRow("outcome:* on the timeline") << QStringLiteral("outcome:*") << 0;
    QTest::addRow("matched on the timeline") << QStringLiteral("matched or unmatched or held or edited") << 0;
    QTest::addRow("not matched") << QStringLiteral("kind:sql -matched") << 5;
}

void TestTimelineFilter::sampleExpressions()
{
    QFETCH(QString, filter);
    QFETCH(int, expected);
    const FilterExpression expression = parsed(filter);
    const std::vector<quint32> seqs
        = TimelineFilter::match(*m_sample, expression, AllKinds, 0, m_sample->count()).seqs;
    QCOMPARE(int(seqs.size()), expected);
    QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));
    // Exactly the events the expression matches one by one.
    TimelineSubject subject(*m_sample);
    int matching = 0;
    for (qsizetype seq = 0; seq < m_sample->count(); ++seq) {
        subject.setRow(seq);
        matching += expression.match(subject) == FilterExpression::Outcome::Match;
    }
    QCOMPARE(matching, expected);
    // The CLI's events --filter lists as many.
    if (!filter.isEmpty()) {
        const test::ProcessResult cli = test::runCli({ QStringLiteral("events"), test::sampleRecordingPath(),
            QStringLiteral("--filter"), filter, QStringLiteral("--jsonl"), QStringLiteral("--password"),
            test::SamplePassword });
        QCOMPARE(cli.exitCode, 0);
        QCOMPARE(int(cli.out.count('\n')), expected);
    }
}

void TestTimelineFilter::kindMask()
{
    const FilterExpression none;
    QCOMPARE(
        TimelineFilter::match(*m_sample, none, kindBit(EventKind::Sql), 0, m_sample->count()).seqs.size(),
        size_t(5));
    QCOMPARE(TimelineFilter::match(
                 *m_sample, none, kindBit(EventKind::Http) | kindBit(EventKind::Sql), 0, m_sample->count())
                 .seqs.size(),
        size_t(17));
    QVERIFY(TimelineFilter::match(*m_sample, none, 0, 0, m_sample->count()).seqs.empty());
    const std::vector<quint32> sqlErrors = TimelineFilter::match(
        *m_sample, parsed(QStringLiteral("error")), kindBit(EventKind::Sql), 0, m_sample->count())
                                               .seqs;
    QCOMPARE(sqlErrors, std::vector<quint32>({ 39 }));
    // A sub-range.
    QCOMPARE(TimelineFilter::match(*m_sample, none, AllKinds, 10, 20).seqs.front(), 10u);
    QVERIFY(TimelineFilter::match(*m_sample, none, AllKinds, 20, 20).seqs.empty());
}

void TestTimelineFilter::partsOnAPoolEqualOneThread()
{
    Timeline big;
    const qsizetype n = TimelineFilter::MinPartSize * 3 + 123;
    for (qsizetype i = 0; i < n; ++i)
        test::appendSynthetic(big, i);
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    for (const QString &text : { QStringLiteral("status:500"), QStringLiteral("aspect:schemaMetadata"),
             QStringLiteral("orders_1* or method:POST") }) {
        const FilterExpression e = parsed(text);
        const std::vector<quint32> one = TimelineFilter::match(big, e, AllKinds, 0, n).seqs;
        const std::vector<quint32> split = TimelineFilter::match(big, e, AllKinds, 0, n, &pool).seqs;
        QVERIFY(!one.empty());
        QCOMPARE(split, one);
    }
}

void TestTimelineFilter::cancelledStopsEarly()
{
    Timeline big;
    const qsizetype n = TimelineFilter::MinPartSize;
    for (qsizetype i = 0; i < n; ++i)
        test::appendSynthetic(big, i);
    std::atomic<int> polls = 0;
    const std::vector<quint32> seqs = TimelineFilter::match(big, parsed(QStringLiteral("kind:http")),
        AllKinds, 0, n, nullptr,
        [&] { return ++polls > 1; }).seqs;
    QVERIFY(polls >= 2);
    QVERIFY(seqs.size() < size_t(n / 2)); // half are HTTP: stopped well before the end
    QCOMPARE(TimelineFilter::findRow(big, parsed(QStringLiteral("nothing-matches-this")), [](qsizetype r) { return r; },
                 n, 0, true, [] { return true; }),
        -1);
}

// A regex term that reaches its match limit stops the matching at that event, on one thread or split over a
// pool: the matches before it are kept, the error names the event, and nothing after it is added.
void TestTimelineFilter::gaveUpStopsAtTheFirstEvent()
{
    Timeline big;
    const qsizetype n = TimelineFilter::MinPartSize * 3 + 123;
    // Two hostile URIs, in the second and the last part: the first one decides.
    const qsizetype first = TimelineFilter::MinPartSize + 1000;
    const qsizetype second = n - 10;
    QCOMPARE(first % 4, 0); // appendSynthetic() makes an HTTP event there, not an SQL one
    for (qsizetype i = 0; i < n; ++i) {
        if (i != first && i != second) {
            test::appendSynthetic(big, i);
            continue;
        }
        EventRecord r;
        r.kind = EventKind::Http;
        r.number = 200;
        const QString uri = QString(40, QLatin1Char('a')) + QLatin1Char('!');
        big.append(r, { QStringLiteral("GET"), uri, QString(), QString() });
    }
    // kind:sql is cheaper, so it is tried first: SQL events match without running the regex.
    const FilterExpression e = parsed(QStringLiteral("kind:sql or url:~\"^(a+)+$\""));
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    for (QThreadPool *threads : { static_cast<QThreadPool *>(nullptr), &pool }) {
        const TimelineFilter::Matches matches = TimelineFilter::match(big, e, AllKinds, 0, n, threads);
        QVERIFY(matches.gaveUp);
        QVERIFY2(matches.gaveUp->message.contains(QStringLiteral("event %1").arg(first)),
            qPrintable(matches.gaveUp->message));
        QCOMPARE(matches.gaveUp->position, 12);
        // Every SQL event before the hostile one, and nothing after it.
        std::vector<quint32> expected;
        for (qsizetype i = 2; i < first; i += 4)
            expected.push_back(quint32(i));
        QCOMPARE(matches.seqs, expected);
    }
    // Without the hostile events the same filter runs to the end.
    const TimelineFilter::Matches tail = TimelineFilter::match(big, e, AllKinds, first + 1, second, &pool);
    QVERIFY(!tail.gaveUp);
    QVERIFY(!tail.seqs.empty());
}

void TestTimelineFilter::findRowWraps()
{
    const FilterExpression orders = parsed(TimelineFilter::freeTextExpression(QStringLiteral("orders")));
    const auto identity = [](qsizetype row) { return row; };
    const qsizetype count = m_sample->count();
    const qsizetype first = TimelineFilter::findRow(*m_sample, orders, identity, count, 0, true);
    QCOMPARE(first, 6);
    QCOMPARE(TimelineFilter::findRow(*m_sample, orders, identity, count, 7, true), 12);
    const qsizetype last = TimelineFilter::findRow(*m_sample, orders, identity, count, 5, false); // wraps back
    QCOMPARE(last, 40);
    QCOMPARE(TimelineFilter::findRow(*m_sample, orders, identity, count, 41, true), first); // start past the end
    // Over a view's rows: the answer is a row, not a seq.
    const std::vector<quint32> sql
        = TimelineFilter::match(*m_sample, FilterExpression(), kindBit(EventKind::Sql), 0, count).seqs;
    const auto sqlSeq = [&](qsizetype row) { return qsizetype(sql[size_t(row)]); };
    QCOMPARE(TimelineFilter::findRow(*m_sample, orders, sqlSeq, qsizetype(sql.size()), 0, true), 4);
    QCOMPARE(TimelineFilter::findRow(*m_sample, orders, identity, 0, 0, true), -1);
}

void TestTimelineFilter::freeText()
{
    QCOMPARE(TimelineFilter::freeTextExpression(QStringLiteral("a\"b\\c")), QStringLiteral("\"a\\\"b\\\\c\""));
    // Parsed back, it is one literal term: keywords and fields are not read from it.
    const FilterExpression e = parsed(TimelineFilter::freeTextExpression(QStringLiteral("kind:http or")));
    QVERIFY(TimelineFilter::match(*m_sample, e, AllKinds, 0, m_sample->count()).seqs.empty());
}

// A replay's coverage (filled by hand here, as the replay side will build it) answers `served:`: served:0
// lists the recorded HTTP and SQL events the replay never served. MCP events and seqs past the snapshot
// are NotServable and match no served term.
void TestTimelineFilter::servedFromCoverage()
{
    const qsizetype count = m_sample->count();
    EventCoverage coverage;
    // Every HTTP and SQL event in turn served 0, 1, 2 times; the last five events are not in the snapshot.
    std::vector<quint32> never, once, many;
    qsizetype servable = 0;
    for (qsizetype seq = 0; seq < count - 5; ++seq) {
        if (m_sample->record(seq).kind == EventKind::Mcp) {
            coverage.served.push_back(EventCoverage::NotServable);
            continue;
        }
        const quint32 served = quint32(servable++ % 3);
        coverage.served.push_back(served);
        (served == 0 ? never : served == 1 ? once : many).push_back(quint32(seq));
    }
    QVERIFY(!never.empty() && !once.empty() && !many.empty());
    QCOMPARE(coverage.servedOf(count - 1), -1);
    QCOMPARE(coverage.servedOf(-1), -1);

    const auto matching = [&](const QString &text, const EventCoverage *with) {
        return TimelineFilter::match(*m_sample, parsed(text), AllKinds, 0, count, nullptr, {}, with).seqs;
    };
    QCOMPARE(matching(QStringLiteral("served:0"), &coverage), never);
    QCOMPARE(matching(QStringLiteral("served:1"), &coverage), once);
    QCOMPARE(matching(QStringLiteral("served:>1"), &coverage), many);
    std::vector<quint32> all = never;
    all.insert(all.end(), once.begin(), once.end());
    all.insert(all.end(), many.begin(), many.end());
    std::sort(all.begin(), all.end());
    QCOMPARE(matching(QStringLiteral("served:*"), &coverage), all);
    QCOMPARE(matching(QStringLiteral("served:* -kind:mcp"), &coverage).size(), all.size());
    QVERIFY(matching(QStringLiteral("served:* kind:mcp"), &coverage).empty());
    // The last five events (past the snapshot) are never served:0, however they are recorded.
    for (qsizetype seq = count - 5; seq < count; ++seq)
        QVERIFY(!std::binary_search(never.begin(), never.end(), quint32(seq)));
    // Replay states are not the timeline's: a coverage does not make anything "matched".
    QVERIFY(matching(QStringLiteral("matched or outcome:*"), &coverage).empty());
    // Without coverage, nothing is served.
    QVERIFY(matching(QStringLiteral("served:0"), nullptr).empty());

    // The subject answers the same one event at a time; findRow takes the coverage too.
    TimelineSubject subject(*m_sample, &coverage);
    subject.setRow(never.front());
    QCOMPARE(subject.served(), 0);
    QCOMPARE(subject.replayState(), ReplayState::None);
    subject.setRow(many.front());
    QCOMPARE(subject.served(), 2);
    const auto identity = [](qsizetype row) { return row; };
    QCOMPARE(TimelineFilter::findRow(
                 *m_sample, parsed(QStringLiteral("served:2")), identity, count, 0, true, {}, &coverage),
        qsizetype(many.front()));
    QCOMPARE(
        TimelineFilter::findRow(*m_sample, parsed(QStringLiteral("served:2")), identity, count, 0, true), -1);
}

void TestTimelineFilter::coverageOnAPoolEqualsOneThread()
{
    Timeline big;
    const qsizetype n = TimelineFilter::MinPartSize * 3 + 123;
    EventCoverage coverage;
    for (qsizetype i = 0; i < n; ++i) {
        test::appendSynthetic(big, i);
        coverage.served.push_back(
            big.record(i).kind == EventKind::Mcp ? EventCoverage::NotServable : quint32((i / 7) % 4));
    }
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    for (const QString &text : { QStringLiteral("served:0"), QStringLiteral("served:>=2 kind:sql") }) {
        const FilterExpression e = parsed(text);
        const std::vector<quint32> one
            = TimelineFilter::match(big, e, AllKinds, 0, n, nullptr, {}, &coverage).seqs;
        const std::vector<quint32> split
            = TimelineFilter::match(big, e, AllKinds, 0, n, &pool, {}, &coverage).seqs;
        QVERIFY(!one.empty());
        QCOMPARE(split, one);
        for (const quint32 seq : one)
            QVERIFY(coverage.servedOf(seq) == 0 || coverage.servedOf(seq) >= 2);
    }
}

QTEST_GUILESS_MAIN(TestTimelineFilter)
#include "tst_timelinefilter.moc"
