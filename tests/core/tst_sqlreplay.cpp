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
