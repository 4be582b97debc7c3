// SPDX-License-Identifier: MIT
// SqlReplay in-process, driven by psql 15 over loopback: DataHub's policy answers a repeated statement
// with the same recording (remembered by its text, the served count still moving), `sequential` hands a
// key's recordings out in order, a recorded error comes back with its fields (the position libpq's caret
// pointed at), a long replay lets the oldest statements' texts go past its budget, and the report says it.
#include "core/recording/sqlquery.h"
#include "core/replay/replayreport.h"
#include "core/replay/sqlreplay.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

namespace {

// Three recordings of one key (rows 1, 2, 3), a recorded error with libpq's LINE/caret lines, and a
// parameterised template.
const QByteArray Queries = "{\"query\": \"SELECT n FROM t\", \"parameters\": null, \"results\": [{\"n\": 1}], \"row_count\": 1, "
                           "\"description\": [\"Column(name='n', type_code=23)\"], \"error\": null}\n"
                           "{\"query\": \"SELECT n FROM t\", \"parameters\": null, \"results\": [{\"n\": 2}], \"row_count\": 1, "
                           "\"description\": [\"Column(name='n', type_code=23)\"], \"error\": null}\n"
                           "{\"query\": \"SELECT n FROM t\", \"parameters\": null, \"results\": [{\"n\": 3}], \"row_count\": 1, "
                           "\"description\": [\"Column(name='n', type_code=23)\"], \"error\": null}\n"
                           "{\"query\": \"SELECT id, missing FROM u\", \"parameters\": null, \"results\": [], \"row_count\": null, "
                           "\"description\": null, \"error\": \"column \\\"missing\\\" does not exist\\nLINE 1: SELECT id, missing FROM u\\n"
                           "                   ^\\n\"}\n"
                           "{\"query\": \"SELECT name FROM v WHERE id = %s\", \"parameters\": [7], \"results\": [{\"name\": \"seven\"}], "
                           "\"row_count\": 1, \"description\": [\"Column(name='name', type_code=25)\"], \"error\": null}\n";

struct Psql
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// psql run while this thread's event loop serves it.
Psql psql(const QString &url, const QStringList &commands, const QString &file = {})
{
    QProcess p;
    QStringList args { QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"), QStringLiteral("-d"), url };
    for (const QString &c : commands)
        args << QStringLiteral("-c") << c;
    if (!file.isEmpty())
        args << QStringLiteral("-v") << QStringLiteral("ON_ERROR_STOP=1") << QStringLiteral("-f") << file;
    p.start(QStringLiteral("psql"), args);
    Psql r;
    if (!p.waitForStarted())
        return r;
    // The event loop turns (the replay answers) while psql runs.
    QElapsedTimer clock;
    clock.start();
    while (p.state() != QProcess::NotRunning && clock.elapsed() < 60'000)
        QTest::qWait(10);
    r.exitCode = p.state() == QProcess::NotRunning ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

std::shared_ptr<const QueryLog> queryLog()
{
    Result<QueryLog> log = QueryLog::parse(Queries, QStringLiteral("queries.jsonl"));
    return log ? std::make_shared<const QueryLog>(std::move(log).value()) : nullptr;
}

} // namespace

class TestSqlReplay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/psql")))
            QSKIP("psql (postgresql-client-15) is not installed; packaging/install-deps.sh installs it");
        QVERIFY(queryLog());
    }

    void heldStatementsWaitAndAreAnsweredLater()
    {
        SqlReplay replay(queryLog(), SqlReplay::Options());
        QVERIFY(replay.start().ok());
        QList<ReplaySqlEvent> seen;
        replay.setHoldPredicate([&](const ReplaySqlEvent &e) {
            seen.append(e);
            return true;
        });
        QSignalSpy held(&replay, &SqlReplay::statementHeld);
        QSignalSpy arrived(&replay, &SqlReplay::statementArrived);
        QProcess p;
        p.start(QStringLiteral("psql"), { QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"), QStringLiteral("-d"),
                                            replay.url(), QStringLiteral("-c"), QStringLiteral("SELECT n FROM t; SELECT name FROM v WHERE id = 7") });
        QTRY_COMPARE_WITH_TIMEOUT(held.size(), 1, 30'000);
        // One event for the whole Query while it waits, with what it would get: nothing served yet.
        QCOMPARE(replay.held(), QList<qsizetype> { 0 });
        QCOMPARE(replay.events().size(), size_t(1));
        QCOMPARE(replay.events().front().outcome, ReplayOutcome::Held);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().outcome, ReplayOutcome::Unmatched); // the two statements together are not recorded
        QTest::qWait(100);
        QCOMPARE(p.state(), QProcess::Running);
        replay.release(0);
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 30'000);
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("3\nseven\n"));
        // Released: the held event became the first statement's, the second arrived as it was answered.
        QCOMPARE(replay.events().size(), size_t(2));
        QCOMPARE(replay.events()[0].outcome, ReplayOutcome::Matched);
        QCOMPARE(replay.events()[0].statement, QStringLiteral("SELECT n FROM t"));
        QCOMPARE(replay.events()[0].record, 2);
        QCOMPARE(replay.events()[1].record, 4);
        QCOMPARE(arrived.size(), 2);
        QVERIFY(replay.held().isEmpty());
    }

    void aHeldStatementSeesWhatItWouldGet()
    {
        SqlReplay replay(queryLog(), SqlReplay::Options());
        QVERIFY(replay.start().ok());
        QList<ReplaySqlEvent> seen;
        replay.setHoldPredicate([&](const ReplaySqlEvent &e) {
            seen.append(e);
            return false;
        });
        const Psql r = psql(replay.url(), { QStringLiteral("SELECT n FROM t"), QStringLiteral("BEGIN"), QStringLiteral("SELECT nothing FROM here") });
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen[0].outcome, ReplayOutcome::Matched);
        QCOMPARE(seen[0].record, 2);
        QCOMPARE(seen[0].rule, SqlMatch::Rule::Exact);
        QCOMPARE(seen[1].outcome, ReplayOutcome::Builtin);
        QCOMPARE(seen[2].outcome, ReplayOutcome::Unmatched);
        QVERIFY(!seen[2].candidates.isEmpty());
        // Not held: answered at once, as without a predicate.
        QCOMPARE(replay.events()[0].outcome, ReplayOutcome::Matched);
        QCOMPARE(replay.events()[2].outcome, ReplayOutcome::Unmatched);
        QVERIFY(r.out.startsWith("3\n"));
    }

    void aHeldStatementAnsweredWithAnErrorOrLeftByItsClient()
    {
        SqlReplay replay(queryLog(), SqlReplay::Options());
        QVERIFY(replay.start().ok());
        replay.setHoldPredicate([](const ReplaySqlEvent &) { return true; });
        QSignalSpy held(&replay, &SqlReplay::statementHeld);
        QSignalSpy answered(&replay, &SqlReplay::statementAnswered);
        QProcess p;
        p.start(QStringLiteral("psql"), { QStringLiteral("-X"), QStringLiteral("-d"), replay.url(), QStringLiteral("-c"), QStringLiteral("SELECT n FROM t") });
        QTRY_COMPARE_WITH_TIMEOUT(held.size(), 1, 30'000);
        replay.answerError(0, QStringLiteral("chosen by the user"), "42501");
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 30'000);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(p.readAllStandardError().contains("ERROR:  chosen by the user"), "psql shows the chosen error");
        QCOMPARE(replay.events()[0].outcome, ReplayOutcome::Errored);
        QCOMPARE(replay.events()[0].error, QStringLiteral("chosen by the user"));
        QCOMPARE(answered.size(), 1);
        // Nothing was served from the recording.
        QCOMPARE(replay.matcher().served().at(2), 0);

        QProcess gone;
        gone.start(QStringLiteral("psql"), { QStringLiteral("-X"), QStringLiteral("-d"), replay.url(), QStringLiteral("-c"), QStringLiteral("SELECT n FROM t") });
        QTRY_COMPARE_WITH_TIMEOUT(held.size(), 2, 30'000);
        gone.kill();
        gone.waitForFinished();
        QTRY_COMPARE_WITH_TIMEOUT(replay.events()[1].outcome, ReplayOutcome::Abandoned, 30'000);
        QVERIFY(replay.held().isEmpty());
        replay.release(1); // no longer held: nothing happens
        QCOMPARE(replay.events()[1].outcome, ReplayOutcome::Abandoned);
    }

    void datahubServesTheLastOfAKeyEveryTime()
    {
        SqlReplay replay(queryLog(), SqlReplay::Options());
        QVERIFY(replay.start());
        const Psql r = psql(replay.url(), { QStringLiteral("SELECT n FROM t"), QStringLiteral("SELECT n FROM t"), QStringLiteral("SELECT n FROM t") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // DataHub's dict keeps the last recording of a key: 3, three times (the second and third from the
        // remembered decision).
        QCOMPARE(r.out, QByteArray("3\n3\n3\n"));
        QCOMPARE(replay.events().size(), size_t(3));
        for (const ReplaySqlEvent &e : replay.events()) {
            QCOMPARE(e.record, 2);
            QCOMPARE(e.rule, SqlMatch::Rule::Exact);
            QCOMPARE(e.sameKey, 3);
        }
        QCOMPARE(replay.events()[2].served, 3);
        QCOMPARE(replay.matcher().served()[2], 3);
        QCOMPARE(replay.matcher().served()[0], 0);
    }

    void sequentialHandsThemOutInOrder()
    {
        SqlReplay::Options options;
        options.policy = MatchPolicy::Sequential;
        SqlReplay replay(queryLog(), options);
        QVERIFY(replay.start());
        const Psql r = psql(replay.url(),
            { QStringLiteral("SELECT n FROM t"), QStringLiteral("SELECT n FROM t"), QStringLiteral("SELECT n FROM t"), QStringLiteral("SELECT n FROM t") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("1\n2\n3\n3\n")); // the last one repeats when they run out
    }

    void recordedErrorKeepsItsPosition()
    {
        SqlReplay replay(queryLog(), SqlReplay::Options());
        QVERIFY(replay.start());
        const Psql r = psql(replay.url(), { QStringLiteral("SELECT id, missing FROM u") });
        QCOMPARE(r.exitCode, 1);
        // psql shows what the real server's answer made it show: the message, then LINE 1 and the caret
        // under "missing", composed from the position Tapedeck sent.
        QVERIFY2(r.err.contains("ERROR:  column \"missing\" does not exist\nLINE 1: SELECT id, missing FROM u\n                   ^"),
            r.err.constData());
        QCOMPARE(replay.events().back().outcome, ReplayOutcome::Matched);
        QCOMPARE(replay.events().back().record, 3);
    }

    void literalsAreMappedBackOntoTheTemplate()
    {
        SqlReplay replay(queryLog(), SqlReplay::Options());
        QVERIFY(replay.start());
        const Psql r = psql(replay.url(), { QStringLiteral("SELECT name FROM v WHERE id = 7"), QStringLiteral("SELECT name FROM v WHERE id = 8") });
        QCOMPARE(r.out, QByteArray("seven\n"));
        QVERIFY(r.err.contains("Query not found in recordings"));
        QCOMPARE(replay.events()[0].mapping, QStringLiteral("literals"));
        QCOMPARE(replay.events()[0].query, QStringLiteral("SELECT name FROM v WHERE id = %s"));
        QCOMPARE(replay.events()[1].outcome, ReplayOutcome::Unmatched);
        QCOMPARE(replay.unmatchedCount(), 1);
        // Beyond a megabyte a text is looked up as it is, not mapped (its work would hold up the others).
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("huge.sql")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("SELECT name FROM v WHERE id =" + QByteArray(1'100'000, ' ') + "7;\n");
        file.close();
        const Psql huge = psql(replay.url(), {}, file.fileName());
        QVERIFY2(huge.exitCode == 0, huge.err.left(300).constData());
        // Not mapped: DataHub's fuzzy rule compares its normalised text with the template's ("… id = 7"
        // against "… id = %s").
        QCOMPARE(huge.out, QByteArray("seven\n"));
        QCOMPARE(replay.events().back().mapping, QStringLiteral("unmapped"));
        QCOMPARE(replay.events().back().rule, SqlMatch::Rule::Fuzzy);
    }

    void longReplaysLetOldTextsGo()
    {
        SqlReplay::Options options;
        options.payloadBudget = 1024; // bytes of statement and query texts (2 bytes a character)
        SqlReplay replay(queryLog(), options);
        QVERIFY(replay.start());
        QStringList commands;
        for (int i = 0; i < 60; ++i)
            commands << QStringLiteral("SELECT n FROM t");
        const Psql r = psql(replay.url(), commands);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(replay.events().size(), size_t(60));
        // 60 statements of 60 bytes of text each (statement and query): the oldest let theirs go, the newest
        // keep them, and every one keeps its outcome and record.
        QVERIFY(replay.events().front().payloadDropped);
        QVERIFY(replay.events().front().statement.isEmpty());
        QVERIFY(!replay.events().back().payloadDropped);
        QCOMPARE(replay.events().back().statement, QStringLiteral("SELECT n FROM t"));
        qint64 kept = 0;
        for (const ReplaySqlEvent &e : replay.events()) {
            QCOMPARE(e.record, 2);
            if (!e.payloadDropped)
                kept += (e.statement.size() + e.query.size()) * 2;
        }
        QVERIFY2(kept <= options.payloadBudget, qPrintable(QString::number(kept)));
    }
};

QTEST_GUILESS_MAIN(TestSqlReplay)
#include "tst_sqlreplay.moc"
