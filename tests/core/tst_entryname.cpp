// SPDX-License-Identifier: MIT
// Tests the entry-name safety rules used before anything is written to disk.
#include "core/archive/entryname.h"

#include <QTest>

using namespace tapedeck;

class TestEntryName : public QObject
{
    Q_OBJECT

private slots:
    void check_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("safe");
        QTest::addRow("plain") << QStringLiteral("manifest.json") << true;
        QTest::addRow("nested") << QStringLiteral("http/cassette.yaml") << true;
        QTest::addRow("directory") << QStringLiteral("db/") << true;
        QTest::addRow("non-ascii") << QStringLiteral("daten/Umsätze-売上.json") << true;
        QTest::addRow("dots inside a name") << QStringLiteral("a..b/c...d") << true;
        QTest::addRow("parent") << QStringLiteral("../evil.txt") << false;
        QTest::addRow("nested parent") << QStringLiteral("http/../../evil.txt") << false;
        QTest::addRow("trailing parent") << QStringLiteral("http/..") << false;
        QTest::addRow("dot segment") << QStringLiteral("./x") << false;
        QTest::addRow("absolute") << QStringLiteral("/etc/passwd") << false;
        QTest::addRow("drive letter") << QStringLiteral("C:/x.txt") << false;
        QTest::addRow("drive relative") << QStringLiteral("c:x.txt") << false;
        QTest::addRow("backslash") << QStringLiteral("a\\b.txt") << false;
        QTest::addRow("backslash parent") << QStringLiteral("..\\evil.txt") << false;
        QTest::addRow("empty") << QString() << false;
        QTest::addRow("empty segment") << QStringLiteral("a//b") << false;
        QTest::addRow("control character") << QStringLiteral("a\nb") << false;
        QTest::addRow("nul") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << false;
    }

    void check()
    {
        QFETCH(QString, name);
        QFETCH(bool, safe);
        const std::optional<QString> reason = EntryName::unsafeReason(name);
        QCOMPARE(!reason.has_value(), safe);
        if (reason)
            QVERIFY(!reason->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEntryName)
#include "tst_entryname.moc"
