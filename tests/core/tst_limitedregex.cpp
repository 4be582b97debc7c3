// SPDX-License-Identifier: MIT
// Tests LimitedRegex: a lowered match limit that is reported (not taken as "no match"), pattern error
// offsets of the pattern as given, subjects that are not valid UTF-16, ordinary patterns on long text.
#include "core/common/limitedregex.h"

#include <QTest>

using namespace tapedeck;

class TestLimitedRegex : public QObject
{
    Q_OBJECT

private slots:
    void givesUpInsteadOfNoMatch()
    {
        // Nested repetition, and an alternative so that PCRE cannot rule the subject out early.
        const QString pattern = QStringLiteral("(a+)+c|a!");
        const LimitedRegex regex(pattern);
        QVERIFY(regex.isValid());
        QCOMPARE(regex.pattern(), pattern);
        QCOMPARE(regex.match(QStringLiteral("aaaa!")), LimitedRegex::Outcome::Match);
        QCOMPARE(regex.match(QStringLiteral("bbbb")), LimitedRegex::Outcome::NoMatch);
        const QString hostile = QString(40, QLatin1Char('a')) + QLatin1Char('!');
        QCOMPARE(regex.match(hostile), LimitedRegex::Outcome::GaveUp);
        // QRegularExpression itself cannot tell: it answers "no match".
        QVERIFY(!QRegularExpression(pattern).match(hostile).hasMatch());
    }

    // The limit is below PCRE's default (10,000,000): a subject PCRE alone would still finish makes this one
    // give up, unless the pattern raises the limit itself.
    void limitIsLowered()
    {
        const QString pattern = QStringLiteral("(a+)+c|a!");
        const QString subject = QString(21, QLatin1Char('a')) + QLatin1Char('!');
        const QRegularExpressionMatch plain = QRegularExpression(pattern).match(subject);
        QVERIFY(plain.isValid());
        QVERIFY(plain.hasMatch());
        QCOMPARE(LimitedRegex(pattern).match(subject), LimitedRegex::Outcome::GaveUp);
        QCOMPARE(LimitedRegex(QStringLiteral("(*LIMIT_MATCH=10000000)") + pattern).match(subject),
            LimitedRegex::Outcome::Match);
    }

    void errorOffsetsOfThePatternAsGiven()
    {
        const LimitedRegex regex(QStringLiteral("ab(c"));
        QVERIFY(!regex.isValid());
        QVERIFY(!regex.errorString().isEmpty());
        QCOMPARE(regex.patternErrorOffset(), 4);
        QCOMPARE(LimitedRegex(QStringLiteral("a)")).patternErrorOffset(), 1);
        QCOMPARE(LimitedRegex(QStringLiteral("abc")).patternErrorOffset(), -1);
    }

    void loneSurrogatesAreMatchedNotRefused()
    {
        const LimitedRegex regex(QStringLiteral("x.y"));
        const QString subject = QStringLiteral("x") + QChar(0xd800) + QStringLiteral("y");
        QCOMPARE(regex.match(subject), LimitedRegex::Outcome::Match);
        QCOMPARE(LimitedRegex(QStringLiteral("z")).match(subject), LimitedRegex::Outcome::NoMatch);
        const QString pair = QStringLiteral("\U0001F600");
        QCOMPARE(LimitedRegex(QStringLiteral("^.$")).match(pair), LimitedRegex::Outcome::Match);
    }

    void ordinaryPatternsOnLongText()
    {
        const QString url = QString(1 << 20, QLatin1Char('x')) + QStringLiteral("/looks/42");
        QCOMPARE(LimitedRegex(QStringLiteral("looks/\\d+$")).match(url), LimitedRegex::Outcome::Match);
        QCOMPARE(LimitedRegex(QStringLiteral("looks/\\d+/x$")).match(url), LimitedRegex::Outcome::NoMatch);
        QCOMPARE(LimitedRegex(QStringLiteral("x.*looks")).match(url), LimitedRegex::Outcome::Match);
    }

    void reasonNamesTheLimit()
    {
        QVERIFY(LimitedRegex::gaveUpReason().contains(QString::number(LimitedRegex::MatchLimit)));
    }
};

QTEST_GUILESS_MAIN(TestLimitedRegex)
#include "tst_limitedregex.moc"
