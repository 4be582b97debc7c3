// SPDX-License-Identifier: MIT
// Tests parseByteSize(): the sizes --max-entry-size and --max-total-size take, and the ones they refuse
// (NaN or a fraction of a byte would turn the limit off).
#include "core/common/bytesize.h"

#include <QTest>

using namespace tapedeck;

class TestByteSize : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes"); // -1: refused
        const auto row = [](const char *text, qint64 bytes) {
            QTest::addRow("%s", text) << QString::fromUtf8(text) << bytes;
        };
        row("0", 0);
        row("512", 512);
        row(" 512 ", 512);
        row("1K", 1024);
        row("1.5K", 1536);
        row("512M", qint64(512) << 20);
        row("8g", qint64(8) << 30);
        row("2TiB", qint64(2) << 40);
        row("100B", 100);
        row("1e3", 1000);
        row("nan", -1);
        row("NaN", -1);
        row("-nan", -1);
        row("inf", -1);
        row("infinity", -1);
        row("-inf", -1);
        row("0.5", -1);
        row("1e-9", -1);
        row("0.3K", -1); // 307.2 bytes
        row("-1", -1);
        row("-0", -1);
        row("1e30", -1);
        row("8388608T", -1); // 2^63
        row("", -1);
        row("lots", -1);
        row("0x10", -1);
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        const std::optional<qint64> parsed = parseByteSize(text);
        if (bytes < 0)
            QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(0))));
        else
            QCOMPARE(parsed, std::optional<qint64>(bytes));
    }
};

QTEST_GUILESS_MAIN(TestByteSize)
#include "tst_bytesize.moc"
