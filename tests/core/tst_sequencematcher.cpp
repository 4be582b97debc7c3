// SPDX-License-Identifier: MIT
// SequenceMatcher against Python's own difflib (Debian's /usr/bin/python3) on thousands of generated pairs:
// SQL-like texts and edits of them, tiny alphabets (ties), strings of 200 characters and more (autojunk),
// characters beyond the BMP and lone surrogates, empty strings. The matching-character count and the ratio
// must be identical, bit for bit; ratioIfAtLeast must agree wherever the ratio reaches its threshold.
#include "core/common/jsonvalue.h"
#include "core/replay/sequencematcher.h"
#include "testsupport.h"

#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

class TestSequenceMatcher : public QObject
{
    Q_OBJECT

private slots:
    void knownValues()
    {
        // difflib's documentation example, and the edge cases.
        QCOMPARE(SequenceMatcher(u"abcd").ratio(u"bcde"), 0.75);
        QCOMPARE(SequenceMatcher(u"").ratio(u""), 1.0);
        QCOMPARE(SequenceMatcher(u"abc").ratio(u""), 0.0);
        // A surrogate pair is one element.
        QCOMPARE(SequenceMatcher(QStringView(u"\U0001F600")).matches(QStringView(u"\U0001F600x")), 1);
        QCOMPARE(SequenceMatcher::codePoints(u"a\U0001F600").size(), size_t(2));
    }

    void agreesWithPythonDifflib()
    {
        const ProcessResult generated = run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/difflib_pairs.py"), QStringLiteral("4000"), QStringLiteral("20261202") });
        QVERIFY2(generated.exitCode == 0, generated.err.constData());
        const QList<QByteArray> lines = generated.out.split('\n');
        qsizetype compared = 0;
        qsizetype autojunk = 0;
        qsizetype aboveThreshold = 0;
        for (const QByteArray &line : lines) {
            if (line.isEmpty())
                continue;
            const Result<JsonValue> pair = JsonValue::parse(line);
            QVERIFY2(pair.ok(), line.constData());
            const QString a = pair->value(u"a").toString();
            const QString b = pair->value(u"b").toString();
            const qint64 wanted = pair->value(u"matches").toInt64().value_or(-1);
            const double wantedRatio = pair->value(u"ratio").toString().toDouble();
            const SequenceMatcher matcher(b);
            const qsizetype got = matcher.matches(a);
            if (got != wanted)
                QFAIL(qPrintable(QStringLiteral("matches %1, difflib %2 for\n a=%3\n b=%4").arg(got).arg(wanted).arg(a, b)));
            // repr() is the shortest text that reads back as the same double.
            QCOMPARE(matcher.ratio(a), wantedRatio);
            const double thresholded = matcher.ratioIfAtLeast(a, 0.85);
            if (wantedRatio >= 0.85) {
                QCOMPARE(thresholded, wantedRatio);
                ++aboveThreshold;
            } else {
                QVERIFY(thresholded < 0.85);
            }
            autojunk += SequenceMatcher::codePoints(b).size() >= 200 ? 1 : 0;
            ++compared;
        }
        QCOMPARE(compared, 4000);
        // The pairs reach what they are meant to: popular characters and ratios on both sides of 0.85.
        QVERIFY2(autojunk > 500, qPrintable(QString::number(autojunk)));
        QVERIFY2(aboveThreshold > 300 && aboveThreshold < 3700, qPrintable(QString::number(aboveThreshold)));
    }
};

QTEST_GUILESS_MAIN(TestSequenceMatcher)
#include "tst_sequencematcher.moc"
