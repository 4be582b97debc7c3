// SPDX-License-Identifier: MIT
// Recording sources and loading on unusual input: FIFOs and sockets in folders are listed but never opened,
// entries Tapedeck does not use are not decoded, and folder listings say what is wrong with a path.
#include "core/recording/recording.h"
#include "core/recording/recordinglist.h"
#include "core/recording/recordingsource.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace tapedeck;

namespace {

bool makeFifo(const QString &path)
{
    return test::run(QStringLiteral("mkfifo"), { path }).exitCode == 0;
}

bool makeSocket(const QString &path)
{
    return test::run(QStringLiteral("/usr/bin/python3"),
               { QStringLiteral("-c"),
                   QStringLiteral("import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])"),
                   path })
               .exitCode
        == 0;
}

// Changes the CRC-32 an entry declares (local and central header), so decoding it fails.
bool breakCrc(QByteArray &zip, const QByteArray &name)
{
    for (qsizetype at = zip.indexOf("PK\x01\x02"); at >= 0; at = zip.indexOf("PK\x01\x02", at + 1)) {
        const quint16 nameLength = qFromLittleEndian<quint16>(zip.constData() + at + 28);
        if (zip.mid(at + 46, nameLength) != name)
            continue;
        const quint32 local = qFromLittleEndian<quint32>(zip.constData() + at + 42);
        for (const qsizetype field : { at + 16, qsizetype(local) + 14 })
            zip[field] = char(zip.at(field) ^ 0x5a);
        return true;
    }
    return false;
}

} // namespace

class TestRecordingSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cassette = test::jsonLines(100 * 1024, 11);
        m_junk = test::pseudoRandom(64 * 1024, 12);
        QVERIFY(test::writeFile(path(QStringLiteral("cassette.yaml")), m_cassette));
        QVERIFY(test::writeFile(path(QStringLiteral("junk.bin")), m_junk));
    }

    // A folder with a FIFO and a socket: listed, never opened (opening the FIFO would wait for a writer
    // forever), reported as problems; the rest of the recording still loads.
    void specialFilesInFolders()
    {
        QTemporaryDir folder;
        QVERIFY(writeManifest(folder.filePath(QStringLiteral("manifest.json")), {}));
        QVERIFY(test::writeFile(folder.filePath(QStringLiteral("http/cassette.yaml")), m_cassette));
        QVERIFY(QDir().mkpath(folder.filePath(QStringLiteral("db"))));
        QVERIFY(makeFifo(folder.filePath(QStringLiteral("db/queries.jsonl"))));
        QVERIFY(makeSocket(folder.filePath(QStringLiteral("db/socket"))));

        auto source = RecordingSource::open(folder.path());
        QVERIFY(source.ok());
        const SourceEntry *fifo = (*source)->find(QStringLiteral("db/queries.jsonl"));
        QVERIFY(fifo);
        QVERIFY2(fifo->specialKind.contains(QLatin1String("FIFO")), qPrintable(fifo->specialKind));
        QVERIFY((*source)->find(QStringLiteral("db/socket")));
        QVERIFY((*source)->find(QStringLiteral("db/socket"))->specialKind.contains(QLatin1String("socket")));
        QVERIFY((*source)->find(QStringLiteral("manifest.json"))->specialKind.isEmpty());

        const Result<QByteArray> read = (*source)->readAll(QStringLiteral("db/queries.jsonl"));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::InvalidInput);
        QVERIFY2(read.error().message.contains(QLatin1String("not a regular file")),
            qPrintable(read.error().message));

        const Result<Recording> loaded = Recording::load(**source);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->contents.value(Recording::CassetteFileName), m_cassette);
        QVERIFY(!loaded->contents.contains(QStringLiteral("db/queries.jsonl")));
        QStringList problems;
        for (const Error &e : loaded->problems)
            problems.append(e.message);
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems.join(QLatin1Char('\n')).contains(QLatin1String("\"db/queries.jsonl\" is a FIFO")),
            qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QLatin1String("\"db/socket\" is a socket")));
    }

    // Entries Tapedeck does not use are not decoded to show a summary. Their data is broken here (a wrong
    // CRC-32), which only decoding would notice; once the manifest lists them, they are decoded and checked.
    void unusedEntriesAreNotDecoded_data()
    {
        QTest::addColumn<bool>("listed");
        QTest::addRow("not in the manifest") << false;
        QTest::addRow("listed in the manifest") << true;
    }

    void unusedEntriesAreNotDecoded()
    {
        QFETCH(bool, listed);
        QJsonObject checksums { { QStringLiteral("http/cassette.yaml"), sha256(m_cassette) } };
        if (listed)
            checksums.insert(QStringLiteral("junk/data.bin"), sha256(m_junk));
        QVERIFY(writeManifest(path(QStringLiteral("manifest.json")), checksums));
        const QString zip = path(QStringLiteral("junk.zip"));
        const test::ProcessResult made = test::oddzip({ QStringLiteral("zip"), QStringLiteral("--output"),
            zip, QStringLiteral("manifest.json=") + path(QStringLiteral("manifest.json")),
            QStringLiteral("http/cassette.yaml=") + path(QStringLiteral("cassette.yaml")),
            QStringLiteral("junk/data.bin=") + path(QStringLiteral("junk.bin")) });
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QByteArray data = test::readFile(zip);
        QVERIFY(breakCrc(data, "junk/data.bin"));
        QVERIFY(test::writeFile(zip, data));

        auto source = RecordingSource::open(zip);
        QVERIFY(source.ok());
        const Result<Recording> loaded = Recording::load(**source);
        QVERIFY(loaded.ok());
        QVERIFY(!loaded->contents.contains(QStringLiteral("junk/data.bin")));
        QCOMPARE(loaded->contents.value(Recording::CassetteFileName), m_cassette);
        const auto junk = std::find_if(loaded->entries.cbegin(), loaded->entries.cend(),
            [](const EntryCheck &c) { return c.entry.name == QLatin1String("junk/data.bin"); });
        QVERIFY(junk != loaded->entries.cend());
        QCOMPARE(junk->entry.size, m_junk.size()); // still listed with what the directory says
        if (!listed) {
            QCOMPARE(junk->checksum, ChecksumState::Unlisted);
            QVERIFY(junk->actual.isEmpty());
            QVERIFY2(loaded->problems.isEmpty(), qPrintable(loaded->problems.value(0).message));
        } else {
            QCOMPARE(junk->checksum, ChecksumState::Unreadable);
            QCOMPARE(loaded->problems.size(), 1);
            QVERIFY2(loaded->problems.first().message.contains(QLatin1String("CRC")),
                qPrintable(loaded->problems.first().message));
        }
    }

    // A manifest checksum that is no digest is quoted as written, never as an empty string.
    void checksumsThatAreNoDigest()
    {
        const QString folder = path(QStringLiteral("odd-checksums"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/http")));
        QVERIFY(test::writeFile(folder + QStringLiteral("/manifest.json"),
            "{\"checksums\": {\"http/cassette.yaml\": [\"a\"], \"recipe.yaml\": \"\"}}"));
        QVERIFY(test::writeFile(folder + QStringLiteral("/http/cassette.yaml"), m_cassette));
        QVERIFY(test::writeFile(folder + QStringLiteral("/recipe.yaml"), "source: {}\n"));
        auto source = RecordingSource::open(folder);
        QVERIFY(source.ok());
        const Result<Recording> loaded = Recording::load(**source);
        QVERIFY(loaded.ok());
        QStringList problems;
        for (const Error &e : loaded->problems)
            problems.append(e.message);
        QCOMPARE(problems,
            QStringList(
                { QStringLiteral("odd-checksums: checksum mismatch for http/cassette.yaml (the manifest says "
                                 "[\"a\"], which is not a SHA-256 digest; the content hashes to ")
                        + QString::fromLatin1(sha256(m_cassette).toLatin1()) + QLatin1Char(')'),
                    QStringLiteral(
                        "odd-checksums: checksum mismatch for recipe.yaml (the manifest says \"\", which "
                        "is not a SHA-256 digest; the content hashes to ")
                        + sha256("source: {}\n") + QLatin1Char(')') }));
    }

    void listingOddPaths()
    {
        // A file is not a folder, and the message says so.
        const Result<QList<RecordingSummary>> file
            = RecordingList::scan(path(QStringLiteral("cassette.yaml")), {});
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, ErrorCode::Io);
        QCOMPARE(
            file.error().message, path(QStringLiteral("cassette.yaml")) + QStringLiteral(" is not a folder"));
        const Result<QList<RecordingSummary>> missing
            = RecordingList::scan(path(QStringLiteral("absent")), {});
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QLatin1String("does not exist")),
            qPrintable(missing.error().message));

        // A FIFO named like an archive and a recording folder whose manifest is a FIFO: listed, not opened.
        QTemporaryDir folder;
        QVERIFY(makeFifo(folder.filePath(QStringLiteral("recording-fifo.zip"))));
        QVERIFY(QDir().mkpath(folder.filePath(QStringLiteral("extracted"))));
        QVERIFY(makeFifo(folder.filePath(QStringLiteral("extracted/manifest.json"))));
        const Result<QList<RecordingSummary>> list = RecordingList::scan(folder.path(), {});
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 2);
        for (const RecordingSummary &s : *list) {
            QVERIFY(!s.manifestRead);
            QVERIFY(s.problem);
            QVERIFY2(s.problem->message.contains(QLatin1String("FIFO")), qPrintable(s.problem->message));
        }
    }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    static QString sha256(const QByteArray &data)
    {
        return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    }
    static bool writeManifest(const QString &file, const QJsonObject &checksums)
    {
        const QJsonObject manifest { { QStringLiteral("run_id"), QStringLiteral("r1") },
            { QStringLiteral("checksums"), checksums } };
        return test::writeFile(file, QJsonDocument(manifest).toJson());
    }

    QTemporaryDir m_dir;
    QByteArray m_cassette;
    QByteArray m_junk;
};

QTEST_GUILESS_MAIN(TestRecordingSource)
#include "tst_recordingsource.moc"
