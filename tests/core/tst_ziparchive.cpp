// SPDX-License-Identifier: MIT
// What ZipArchive accepts when it opens an archive: overlapping entries (zip bombs), entries running into the
// directory, duplicate and clashing names are refused with a message naming the entries; layouts real
// writers produce (data descriptors, ZIP64, any entry order, a comment holding a signature) are read.
#include "core/archive/ziparchive.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

QString messageOf(const Result<std::unique_ptr<ZipArchive>> &archive)
{
    return archive ? QString() : archive.error().message;
}

} // namespace

class TestZipArchive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(test::writeFile(
            path(QStringLiteral("manifest.json")), "{\"run_id\": \"r1\", \"checksums\": {}}\n"));
        QVERIFY(test::writeFile(path(QStringLiteral("cassette.yaml")), test::jsonLines(200 * 1024, 7)));
        QVERIFY(test::writeFile(path(QStringLiteral("queries.jsonl")), test::jsonLines(50 * 1024, 8)));
    }

    // David Fifield's overlapping bomb: every junk entry holds the next one's header and the shared kernel.
    void overlappingEntriesAreRefused()
    {
        const QString zip = path(QStringLiteral("overlap.zip"));
        QVERIFY(made(test::oddzip(
            { QStringLiteral("overlap"), QStringLiteral("--output"), zip, QStringLiteral("--count"),
                QStringLiteral("12"), QStringLiteral("--kernel-size"), QStringLiteral("200000"),
                entry(QStringLiteral("manifest.json"), QStringLiteral("manifest.json")) })));
        // unzip (Info-ZIP 6.0 with the CVE-2019-13232 fix) is the reference: it refuses the archive too.
        // (packaging/install-deps.sh installs it: a missing unzip fails here rather than skipping the check)
        const test::ProcessResult unzip = test::run(QStringLiteral("unzip"), { QStringLiteral("-t"), zip });
        QVERIFY2(unzip.exitCode > 0, qPrintable(QStringLiteral("unzip -t: exit %1").arg(unzip.exitCode)));
        QVERIFY2(unzip.out.contains("overlapped components"), unzip.out.constData());

        const auto archive = ZipArchive::open(zip);
        QVERIFY(!archive.ok());
        QCOMPARE(archive.error().code, ErrorCode::InvalidInput);
        const QString message = messageOf(archive);
        QVERIFY2(message.startsWith(QLatin1String("overlap.zip:")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("\"junk/0000.bin\" and \"junk/0001.bin\" overlap")),
            qPrintable(message));

        // The same from memory (downloads are opened with fromData).
        const auto inMemory = ZipArchive::fromData(test::readFile(zip), QStringLiteral("download.zip"));
        QVERIFY(!inMemory.ok());
        QCOMPARE(inMemory.error().code, ErrorCode::InvalidInput);
        QVERIFY2(messageOf(inMemory).contains(QLatin1String("overlap")), qPrintable(messageOf(inMemory)));
    }

    // Declared sizes that make an entry run into the next one or into the directory: libzip itself only
    // notices the second, as "not a zip archive".
    void entriesRunningIntoOthers_data()
    {
        QTest::addColumn<QString>("grown");
        QTest::addColumn<QString>("expected");
        QTest::addRow("into the next entry")
            << QStringLiteral("manifest.json")
            << QStringLiteral("entries \"manifest.json\" and \"http/cassette.yaml\" overlap");
        QTest::addRow("into the directory") << QStringLiteral(
            "db/queries.jsonl") << QStringLiteral("entry \"db/queries.jsonl\" overlaps the ZIP directory");
    }

    void entriesRunningIntoOthers()
    {
        QFETCH(QString, grown);
        QFETCH(QString, expected);
        const QString plain = path(QStringLiteral("plain.zip"));
        QVERIFY(made(test::oddzip({ QStringLiteral("zip"), QStringLiteral("--output"), plain,
            entry(QStringLiteral("manifest.json"), QStringLiteral("manifest.json")),
            entry(QStringLiteral("http/cassette.yaml"), QStringLiteral("cassette.yaml")),
            entry(QStringLiteral("db/queries.jsonl"), QStringLiteral("queries.jsonl")) })));
        QVERIFY(ZipArchive::open(plain).ok());
        const QString zip = path(QStringLiteral("grown.zip"));
        QVERIFY(made(test::oddzip(
            { QStringLiteral("grow"), QStringLiteral("--input"), plain, QStringLiteral("--output"), zip,
                QStringLiteral("--name"), grown, QStringLiteral("--by"), QStringLiteral("10") })));
        const auto archive = ZipArchive::open(zip);
        QVERIFY(!archive.ok());
        QCOMPARE(archive.error().code, ErrorCode::InvalidInput);
        QVERIFY2(messageOf(archive).contains(expected), qPrintable(messageOf(archive)));
    }

    // Layouts real writers produce are read, entry by entry.
    void writersLayoutsAreRead_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("reorder");
        const QStringList entries { entry(QStringLiteral("manifest.json"), QStringLiteral("manifest.json")),
            entry(QStringLiteral("http/cassette.yaml"), QStringLiteral("cassette.yaml")),
            entry(QStringLiteral("db/queries.jsonl"), QStringLiteral("queries.jsonl")) };
        QTest::addRow("zipfile") << QStringList { QStringLiteral("zip") } + entries << false;
        // Written to a pipe: data descriptors after every entry.
        QTest::addRow("zipfile streamed")
            << QStringList { QStringLiteral("zip"), QStringLiteral("--stream") } + entries << false;
        // No writer we know lists entries out of order, but every reader (unzip, 7-Zip, zipfile) accepts it
        // and overlap, not order, is what makes a bomb: any order is read.
        QTest::addRow("directory in reverse order")
            << QStringList { QStringLiteral("zip") } + entries << true;
    }

    void writersLayoutsAreRead()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, reorder);
        QString zip = path(QStringLiteral("written.zip"));
        QVERIFY(made(test::oddzip(arguments + QStringList { QStringLiteral("--output"), zip })));
        if (reorder) {
            const QString reordered = path(QStringLiteral("reordered.zip"));
            QVERIFY(made(test::oddzip({ QStringLiteral("reorder"), QStringLiteral("--input"), zip,
                QStringLiteral("--output"), reordered })));
            zip = reordered;
            QCOMPARE(
                test::run(QStringLiteral("/usr/bin/python3"),
                    { QStringLiteral("-c"),
                        QStringLiteral("import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() "
                                       "is not None)"),
                        zip })
                    .exitCode,
                0);
        }
        auto archive = ZipArchive::open(zip);
        QVERIFY2(archive.ok(), qPrintable(messageOf(archive)));
        QCOMPARE((*archive)->entries().size(), 3);
        for (const auto &[name, file] :
            { std::pair { QStringLiteral("manifest.json"), QStringLiteral("manifest.json") },
                std::pair { QStringLiteral("http/cassette.yaml"), QStringLiteral("cassette.yaml") },
                std::pair { QStringLiteral("db/queries.jsonl"), QStringLiteral("queries.jsonl") } }) {
            const ZipEntry *e = (*archive)->find(name);
            QVERIFY2(e, qPrintable(name));
            const Result<QByteArray> data = (*archive)->readAll(*e);
            QVERIFY2(data.ok(), qPrintable(data.ok() ? QString() : data.error().message));
            QCOMPARE(*data, test::readFile(path(file)));
        }
    }

    // ZIP64 records (zipfile's force_zip64) and an end-of-directory signature inside the archive comment.
    void zip64AndCommentsAreRead()
    {
        const QString zip = path(QStringLiteral("zip64.zip"));
        const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"),
                QStringLiteral(
                    "import sys, zipfile\n"
                    "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
                    "    for name in ('manifest.json', 'http/cassette.yaml'):\n"
                    "        with z.open(name, 'w', force_zip64=True) as w:\n"
                    "            w.write(open(sys.argv[2 + (name != 'manifest.json')], 'rb').read())\n"
                    "    z.comment = b'PK\\x05\\x06' + bytes(range(18)) + b' a comment'\n"),
                zip, path(QStringLiteral("manifest.json")), path(QStringLiteral("cassette.yaml")) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto archive = ZipArchive::open(zip);
        QVERIFY2(archive.ok(), qPrintable(messageOf(archive)));
        const ZipEntry *cassette = (*archive)->find(QStringLiteral("http/cassette.yaml"));
        QVERIFY(cassette);
        const Result<QByteArray> data = (*archive)->readAll(*cassette);
        QVERIFY(data.ok());
        QCOMPARE(*data, test::readFile(path(QStringLiteral("cassette.yaml"))));
    }

    // Names that cannot all become paths, as Python's zipfile writes them.
    void clashingNamesAreRefused_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("expected");
        QTest::addRow("duplicate") << QStringList {
            QStringLiteral("manifest.json"), QStringLiteral("recipe.yaml"), QStringLiteral("manifest.json")
        } << QStringLiteral("the name \"manifest.json\" appears twice (duplicate entry names)");
        QTest::addRow("file used as a folder") << QStringList {
            QStringLiteral("http"), QStringLiteral("manifest.json"), QStringLiteral("http/cassette.yaml")
        } << QStringLiteral("\"http\" is a file, but \"http/cassette.yaml\" uses it as a folder");
        QTest::addRow("file and folder entry")
            << QStringList { QStringLiteral("manifest.json"), QStringLiteral("db/"), QStringLiteral("db") }
            << QStringLiteral("\"db\" is a file, but \"db/\" uses it as a folder");
    }

    void clashingNamesAreRefused()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, expected);
        QStringList arguments { QStringLiteral("zip"), QStringLiteral("--output"),
            path(QStringLiteral("clash.zip")) };
        for (const QString &name : std::as_const(names))
            arguments.append(entry(name, QStringLiteral("manifest.json")));
        QVERIFY(made(test::oddzip(arguments)));
        for (const bool inMemory : { false, true }) {
            const auto archive = inMemory
                ? ZipArchive::fromData(
                    test::readFile(path(QStringLiteral("clash.zip"))), QStringLiteral("clash.zip"))
                : ZipArchive::open(path(QStringLiteral("clash.zip")));
            QVERIFY(!archive.ok());
            QCOMPARE(archive.error().code, ErrorCode::InvalidInput);
            QCOMPARE(archive.error().message, QStringLiteral("clash.zip is invalid: ") + expected);
        }
    }

    // PKWARE Strong Encryption (flag bits 6 and 13) is refused before libzip opens the entry (libzip 1.7.3
    // leaks there; the core-only-asan build's LeakSanitizer holds this test to that).
    void strongEncryptionIsRefused_data()
    {
        QTest::addColumn<quint16>("flags");
        QTest::newRow("strong encryption") << quint16(0x0041);
        QTest::newRow("encrypted directory") << quint16(0x2001);
    }

    void strongEncryptionIsRefused()
    {
        QFETCH(quint16, flags);
        const QString plain = path(QStringLiteral("plain-strong.zip"));
        QVERIFY(made(test::oddzip({ QStringLiteral("zip"), QStringLiteral("--output"), plain,
            entry(QStringLiteral("manifest.json"), QStringLiteral("manifest.json")) })));
        QByteArray bytes = test::readFile(plain);
        // The general-purpose flags of the local header (offset 6) and the central header (offset 8).
        const auto setFlags = [&](const QByteArray &signature, qsizetype offset) {
            const qsizetype at = bytes.indexOf(signature);
            QVERIFY(at >= 0);
            bytes[at + offset] = char(flags & 0xff);
            bytes[at + offset + 1] = char(flags >> 8);
        };
        setFlags(QByteArray("PK\x03\x04", 4), 6);
        setFlags(QByteArray("PK\x01\x02", 4), 8);
        const auto archive = ZipArchive::fromData(bytes, QStringLiteral("strong.zip"));
        QVERIFY(!archive.ok());
        QCOMPARE(archive.error().code, ErrorCode::InvalidInput);
        QVERIFY2(messageOf(archive).contains(QLatin1String("\"manifest.json\" uses PKWARE Strong Encryption")),
            qPrintable(messageOf(archive)));
    }

    // A FIFO given as the archive is refused without being opened for reading (which would wait forever).
    void fifoIsRefused()
    {
        const QString fifo = path(QStringLiteral("fifo.zip"));
        QCOMPARE(test::run(QStringLiteral("mkfifo"), { fifo }).exitCode, 0);
        const auto archive = ZipArchive::open(fifo);
        QVERIFY(!archive.ok());
        QCOMPARE(archive.error().code, ErrorCode::Io);
        QVERIFY2(messageOf(archive).contains(QLatin1String("FIFO")), qPrintable(messageOf(archive)));
    }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString entry(const QString &name, const QString &file) const
    {
        return name + QLatin1Char('=') + path(file);
    }
    static bool made(const test::ProcessResult &r)
    {
        if (r.exitCode != 0 || r.crashed)
            qWarning("oddzip.py failed: %s", r.err.constData());
        return r.exitCode == 0 && !r.crashed;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestZipArchive)
#include "tst_ziparchive.moc"
