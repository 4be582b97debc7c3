// SPDX-License-Identifier: MIT
// SqlMatcher against DataHub's SQL replay lookup written out in Python (tests/tools/sqllookup_oracle.py:
// hashlib keys, DataHub's normalisation patterns under Python's re, difflib): for generated recordings
// (duplicate keys, normalised twins, parameters as lists, objects and None) and 600 live statements per
// seed, the same recording and the same rule — exact (last wins), normalised (first wins), fuzzy (≥ 0.85,
// differing parameters skipped, first wins a tie) or none. And the sequential policy on duplicates.
#include "core/common/jsonvalue.h"
#include "core/replay/sqlmatcher.h"
#include "testsupport.h"

#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

namespace {

QString ruleName(SqlMatch::Rule rule)
{
    switch (rule) {
    case SqlMatch::Rule::Exact: return QStringLiteral("exact");
    case SqlMatch::Rule::Normalized: return QStringLiteral("normalized");
    case SqlMatch::Rule::Fuzzy: return QStringLiteral("fuzzy");
    case SqlMatch::Rule::None: break;
    }
    return QString();
}

} // namespace

class TestSqlMatcher : public QObject
{
    Q_OBJECT

private slots:
    void agreesWithDataHub_data()
    {
        QTest::addColumn<QString>("seed");
        for (const char *seed : { "1", "2", "3" })
            QTest::addRow("seed %s", seed) << QString::fromLatin1(seed);
    }

    void agreesWithDataHub()
    {
        QFETCH(QString, seed);
        const ProcessResult generated
            = run(QStringLiteral("/usr/bin/python3"), { QStringLiteral(TAPEDECK_TEST_TOOLS "/sqllookup_oracle.py"), seed });
        QVERIFY2(generated.exitCode == 0, generated.err.constData());
        const Result<JsonValue> parsed = JsonValue::parse(generated.out);
        QVERIFY(parsed.ok());
        std::vector<RecordedQuery> recorded;
        // (value() returns a copy: keep it alive while its array is walked.)
        const JsonValue recordedList = parsed->value(u"recorded");
        const JsonValue liveList = parsed->value(u"live");
        for (const JsonValue &r : recordedList.toArray())
            recorded.push_back({ r.value(u"query").toString(), r.value(u"parameters") });
        SqlMatcher matcher(std::move(recorded), MatchPolicy::DataHub);
        QHash<QString, int> rules;
        for (const JsonValue &live : liveList.toArray()) {
            const QString query = live.value(u"query").toString();
            const SqlMatch m = matcher.match(query, live.value(u"parameters"));
            const qsizetype expected = live.value(u"expected").isNull() ? -1 : qsizetype(*live.value(u"expected").toInt64());
            const QString rule = live.value(u"rule").isNull() ? QString() : live.value(u"rule").toString();
            if (m.record != expected || ruleName(m.rule) != rule)
                QFAIL(qPrintable(QStringLiteral("%1\nDataHub: %2 (%3), Tapedeck: %4 (%5, ratio %6)")
                                     .arg(query, QString::number(expected), rule, QString::number(m.record), ruleName(m.rule))
                                     .arg(m.ratio)));
            ++rules[rule];
        }
        // Every step of the lookup was taken.
        QVERIFY2(rules.value(QStringLiteral("exact")) > 50 && rules.value(QStringLiteral("normalized")) > 50
                && rules.value(QStringLiteral("fuzzy")) > 50,
            qPrintable(QStringLiteral("%1 %2 %3").arg(rules.value(QStringLiteral("exact"))).arg(rules.value(QStringLiteral("normalized"))).arg(rules.value(QStringLiteral("fuzzy")))));
    }

    void sequentialHandsDuplicatesOutInOrder()
    {
        const JsonValue none;
        std::vector<RecordedQuery> recorded { { QStringLiteral("SELECT 1"), none }, { QStringLiteral("SELECT 2"), none },
            { QStringLiteral("SELECT 1"), none }, { QStringLiteral("SELECT 1"), none } };
        SqlMatcher datahub(recorded, MatchPolicy::DataHub);
        QCOMPARE(datahub.match(QStringLiteral("SELECT 1"), none).record, 3); // the last recording of a key
        QCOMPARE(datahub.match(QStringLiteral("SELECT 1"), none).record, 3);
        SqlMatcher sequential(recorded, MatchPolicy::Sequential);
        QList<qsizetype> got;
        for (int k = 0; k < 4; ++k)
            got.append(sequential.match(QStringLiteral("SELECT 1"), none).record);
        QCOMPARE(got, (QList<qsizetype> { 0, 2, 3, 3 }));
        QCOMPARE(sequential.ambiguousGroups(), (QList<QList<qsizetype>> { { 0, 2, 3 } }));
        QCOMPARE(sequential.served().at(3), 2);
        // Nothing near: no match, and the nearest recordings ranked.
        QCOMPARE(datahub.match(QStringLiteral("DELETE FROM x"), none).record, -1);
        const QList<SqlCandidate> near = datahub.nearest(QStringLiteral("SELECT 3"), none, 2);
        QCOMPARE(near.size(), 2);
        QVERIFY(near.first().ratio >= near.last().ratio);
    }
};

QTEST_GUILESS_MAIN(TestSqlMatcher)
#include "tst_sqlmatcher.moc"
