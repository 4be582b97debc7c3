// SPDX-License-Identifier: MIT
// DateBound: the dates and ages --since/--until and the Recordings window's search take.
#include "core/storage/datebound.h"

#include <QTest>

using namespace tapedeck;
using namespace Qt::StringLiterals;

class TstDateBound : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
};

void TstDateBound::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("until");
    QTest::addColumn<QString>("expected"); // UTC, ISO with milliseconds
    QTest::addRow("a day, since") << u"2026-11-30"_s << false << u"2026-11-30T00:00:00.000Z"_s;
    QTest::addRow("a day, until: the whole day") << u"2026-11-30"_s << true << u"2026-11-30T23:59:59.999Z"_s;
    QTest::addRow("a leap day, until") << u"2028-02-29"_s << true << u"2028-02-29T23:59:59.999Z"_s;
    QTest::addRow("minutes, UTC") << u"2026-11-30T14:05"_s << false << u"2026-11-30T14:05:00.000Z"_s;
    QTest::addRow("a space instead of T") << u"2026-11-30 14:05:09"_s << true << u"2026-11-30T14:05:09.000Z"_s;
    QTest::addRow("Z") << u"2026-11-30T14:05:09Z"_s << false << u"2026-11-30T14:05:09.000Z"_s;
    QTest::addRow("an offset") << u"2026-11-30T14:05:09+02:00"_s << false << u"2026-11-30T12:05:09.000Z"_s;
    QTest::addRow("a negative offset across midnight")
        << u"2026-11-30T22:30-03:00"_s << false << u"2026-12-01T01:30:00.000Z"_s;
    QTest::addRow("microseconds as Python writes them")
        << u"2025-11-18T09:41:41.168244+00:00"_s << false << u"2025-11-18T09:41:41.168Z"_s;
    QTest::addRow("surrounding spaces") << u"  2026-11-30 "_s << false << u"2026-11-30T00:00:00.000Z"_s;
    // Ages count back from the fixed "now" of the test: 2026-12-03T12:00:00Z.
    QTest::addRow("90 minutes") << u"90m"_s << false << u"2026-12-03T10:30:00.000Z"_s;
    QTest::addRow("36 hours") << u"36h"_s << false << u"2026-12-02T00:00:00.000Z"_s;
    QTest::addRow("7 days") << u"7d"_s << true << u"2026-11-26T12:00:00.000Z"_s;
    QTest::addRow("2 weeks") << u"2w"_s << false << u"2026-11-19T12:00:00.000Z"_s;
    QTest::addRow("0 days: now") << u"0d"_s << false << u"2026-12-03T12:00:00.000Z"_s;
}

void TstDateBound::parses()
{
    QFETCH(QString, text);
    QFETCH(bool, until);
    QFETCH(QString, expected);
    const QDateTime now(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC);
    const Result<QDateTime> parsed = DateBound::parse(text, until ? DateBound::Side::Until : DateBound::Side::Since, now);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->toUTC().toString(Qt::ISODateWithMs), expected);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
}

void TstDateBound::refuses_data()
{
    QTest::addColumn<QString>("text");
    for (const char *bad : { "", "yesterday", "2026-13-01", "2026-02-30", "2026-11-30T25:00", "30.11.2026",
             "7", "7 d", "-7d", "7y", "2026-11-30T14:05+2", "2026-11-30T14:05:09.1234567Z junk", "1234567d" })
        QTest::addRow("%s", bad) << QString::fromLatin1(bad);
}

void TstDateBound::refuses()
{
    QFETCH(QString, text);
    const Result<QDateTime> parsed = DateBound::parse(text, DateBound::Side::Since);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::Usage);
    QVERIFY2(parsed.error().message.contains(u"7d"_s), qPrintable(parsed.error().message)); // names the forms
}

QTEST_GUILESS_MAIN(TstDateBound)
#include "tst_datebound.moc"
