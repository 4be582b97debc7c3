// SPDX-License-Identifier: MIT
// CompactJsonObject writes what QJsonDocument::toJson(QJsonDocument::Compact) writes for the same QJsonObject
// (every UTF-16 code unit, surrogate pairs, integers, booleans, null), except that a lone surrogate is
// U+FFFD, as in every other JSON text Tapedeck writes (appendUtf8), where Qt writes a \uXXXX escape.
#include "core/common/compactjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>
#include <random>

using namespace tapedeck;

namespace {

QByteArray qtCompact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The text with each surrogate that has no partner replaced by U+FFFD.
QString withoutLoneSurrogates(const QString &text)
{
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (c.isHighSurrogate() && i + 1 < out.size() && out.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate())
            out[i] = QChar(QChar::ReplacementCharacter);
    }
    return out;
}

// What one string member must be written as.
QByteArray expectedFor(const QString &value)
{
    return qtCompact(QJsonObject { { QStringLiteral("s"), withoutLoneSurrogates(value) } });
}

QByteArray oneString(const QString &value)
{
    QByteArray out;
    CompactJsonObject o(out);
    o.string(QLatin1StringView("s"), value);
    o.finish();
    return out;
}

} // namespace

class TestCompactJson : public QObject
{
    Q_OBJECT

private slots:
    void everyCodeUnit()
    {
        for (uint u = 0; u <= 0xffff; ++u) {
            const QString value = QString(QChar(char16_t(u))) + QStringLiteral("x");
            const QByteArray expected = expectedFor(value);
            QVERIFY2(oneString(value) == expected, qPrintable(QString::number(u, 16)));
        }
    }

    void surrogates_data()
    {
        QTest::addColumn<QString>("value");
        const QChar high(char16_t(0xd83d));
        const QChar low(char16_t(0xde00));
        QTest::newRow("pair") << (QString(high) + low);
        QTest::newRow("pair then text") << (QString(high) + low + QStringLiteral("a"));
        QTest::newRow("reversed") << (QString(low) + high);
        QTest::newRow("high at the end") << (QStringLiteral("a") + high);
        QTest::newRow("two highs") << (QString(high) + high + low);
        QTest::newRow("high before ASCII") << (QString(high) + QStringLiteral("a"));
        QTest::newRow("lone low") << (QStringLiteral("a") + low + QStringLiteral("b"));
        QTest::newRow("highest pair") << (QString(QChar(char16_t(0xdbff))) + QChar(char16_t(0xdfff)));
    }

    void loneSurrogateIsReplacementCharacter()
    {
        QCOMPARE(oneString(QStringLiteral("a") + QChar(char16_t(0xd83d))), QByteArray("{\"s\":\"a\xef\xbf\xbd\"}"));
    }

    void surrogates()
    {
        QFETCH(QString, value);
        QCOMPARE(oneString(value), expectedFor(value));
    }

    void randomStrings()
    {
        std::mt19937 rng(20261202);
        const QList<QString> pieces = { QStringLiteral("word "), QStringLiteral("\""), QStringLiteral("\\"),
            QStringLiteral("/"), QStringLiteral("\n"), QStringLiteral("\t\r\b\f"), QStringLiteral("\x01\x1f\x7f"),
            QString::fromUtf8("caf\xc3\xa9"), QString::fromUtf8("\xe5\xa3\xb2\xe4\xb8\x8a"),
            QString::fromUtf8("\xf0\x9f\x98\x80"), QString(QChar(char16_t(0xd800))), QString(QChar(char16_t(0xfffe))),
            QString(QChar(char16_t(0xffff))), QString(QChar(char16_t(0xfeff))), QStringLiteral("\u2028") };
        for (int round = 0; round < 2000; ++round) {
            QString value;
            const int count = int(rng() % 40);
            for (int k = 0; k < count; ++k)
                value += pieces.at(int(rng() % pieces.size()));
            QVERIFY2(oneString(value) == expectedFor(value),
                qPrintable(value));
        }
    }

    void valuesAndOrder()
    {
        // Members in the order QJsonObject keeps them (sorted), of every kind used.
        for (const qint64 n : { qint64(0), qint64(-1), qint64(42), qint64(1) << 53, (qint64(1) << 53) + 1,
                 std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min() }) {
            QByteArray out;
            CompactJsonObject o(out);
            o.boolean(QLatin1StringView("a_flag"), true);
            o.null(QLatin1StringView("b_none"));
            o.integer(QLatin1StringView("count"), n);
            o.boolean(QLatin1StringView("has_error"), false);
            o.string(QLatin1StringView("kind"), QString());
            o.string(QLatin1StringView("uri"), QStringLiteral("http://a.test/p?q=1&r=\"2\""));
            o.finish();
            const QJsonObject expected { { QStringLiteral("uri"), QStringLiteral("http://a.test/p?q=1&r=\"2\"") },
                { QStringLiteral("count"), n }, { QStringLiteral("kind"), QString() },
                { QStringLiteral("has_error"), false }, { QStringLiteral("b_none"), QJsonValue() },
                { QStringLiteral("a_flag"), true } };
            QCOMPARE(out, qtCompact(expected));
        }
    }
};

QTEST_GUILESS_MAIN(TestCompactJson)
#include "tst_compactjson.moc"
