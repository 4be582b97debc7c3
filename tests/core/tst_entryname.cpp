// SPDX-License-Identifier: MIT
// Tests the entry-name safety rules used before anything is written to disk, one name and all names together.
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

    void clash_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("expected"); // empty: no clash
        QTest::addRow("recording") << QStringList { QStringLiteral("manifest.json"),
            QStringLiteral("recipe.yaml"), QStringLiteral("http/cassette.yaml"),
            QStringLiteral("db/queries.jsonl") }
                                   << QString();
        QTest::addRow("folder entries and their files") << QStringList { QStringLiteral("http/"),
            QStringLiteral("http/cassette.yaml"), QStringLiteral("db/"), QStringLiteral("db/x/"),
            QStringLiteral("db/x/y") } << QString();
        QTest::addRow("names sharing a prefix")
            << QStringList { QStringLiteral("http"), QStringLiteral("http2/x"), QStringLiteral("httpx") }
            << QString();
        QTest::addRow("duplicate file") << QStringList { QStringLiteral("a"), QStringLiteral("b"),
            QStringLiteral("a") } << QStringLiteral("the name \"a\" appears twice (duplicate entry names)");
        QTest::addRow("duplicate folder") << QStringList { QStringLiteral("d/"),
            QStringLiteral("d/") } << QStringLiteral("the name \"d/\" appears twice (duplicate entry names)");
        QTest::addRow("file, then a file below it")
            << QStringList { QStringLiteral("http"), QStringLiteral("http/cassette.yaml") }
            << QStringLiteral("\"http\" is a file, but \"http/cassette.yaml\" uses it as a folder");
        QTest::addRow("deep file below a file")
            << QStringList { QStringLiteral("a/b/c/d"), QStringLiteral("a/b") }
            << QStringLiteral("\"a/b\" is a file, but \"a/b/c/d\" uses it as a folder");
        QTest::addRow("folder entry named like a file") << QStringList { QStringLiteral("db"),
            QStringLiteral("db/") } << QStringLiteral("\"db\" is a file, but \"db/\" uses it as a folder");
    }

    void clash()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, expected);
        QCOMPARE(EntryName::clash(names).value_or(QString()), expected);
    }
};

QTEST_GUILESS_MAIN(TestEntryName)
#include "tst_entryname.moc"
