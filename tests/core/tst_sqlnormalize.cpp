// SPDX-License-Identifier: MIT
// normalizeQueryForMatching against DataHub's patterns run by Python's own re (Debian's /usr/bin/python3):
// thousands of generated queries mixing every pattern's matches and near misses, Unicode digits and
// whitespace (including the separators U+001C–U+001F and U+0085 that Python's \s takes and PCRE2's does
// not), mixed case.
#include "core/common/jsonvalue.h"
#include "core/replay/sqlnormalize.h"
#include "testsupport.h"

#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

class TestSqlNormalize : public QObject
{
    Q_OBJECT

private slots:
    void examples()
    {
        QCOMPARE(normalizeQueryForMatching(QStringLiteral("SELECT *\n  FROM t WHERE ts > to_timestamp(1700000000)  ")),
            QStringLiteral("SELECT * FROM t WHERE ts > to_timestamp(?)"));
        QCOMPARE(normalizeQueryForMatching(QStringLiteral("WHERE d = '2025-11-17' AND n > NOW() - INTERVAL '7 days'")),
            QStringLiteral("WHERE d = '?DATE?' AND n > ?CURRENT_TIME?"));
        // [^)]+\) stops at the first ')': DataHub leaves the call's closing parenthesis behind.
        QCOMPARE(normalizeQueryForMatching(QStringLiteral("DATEADD(day,-30,CURRENT_TIMESTAMP())")), QStringLiteral("DATEADD(?))"));
        QCOMPARE(normalizeQueryForMatching(QStringLiteral("x = 1700000000123 or y = 1700000000")),
            QStringLiteral("x = ?EPOCH_MS? or y = ?EPOCH_S?"));
    }

    void agreesWithDataHubUnderPythonRe()
    {
        const ProcessResult generated = run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/sqlnormalize_oracle.py"), QStringLiteral("5000"), QStringLiteral("20261202") });
        QVERIFY2(generated.exitCode == 0, generated.err.constData());
        qsizetype compared = 0;
        qsizetype changed = 0;
        for (const QByteArray &line : generated.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const Result<JsonValue> row = JsonValue::parse(line);
            QVERIFY2(row.ok(), line.constData());
            const QString query = row->value(u"q").toString();
            const QString wanted = row->value(u"n").toString();
            const QString got = normalizeQueryForMatching(query);
            if (got != wanted)
                QFAIL(qPrintable(QStringLiteral("query   %1\nwanted  %2\ngot     %3").arg(query, wanted, got)));
            changed += wanted.contains(u'?') ? 1 : 0;
            ++compared;
        }
        QCOMPARE(compared, 5000);
        QVERIFY2(changed > 2000, qPrintable(QString::number(changed))); // the patterns did fire
    }
};

QTEST_GUILESS_MAIN(TestSqlNormalize)
#include "tst_sqlnormalize.moc"
