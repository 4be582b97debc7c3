// SPDX-License-Identifier: MIT
// Extraction is all or nothing: with --force (every destination checked first, a failed move undone), when
// cancelled, and for the parent folders it had to create.
#include "core/archive/extractor.h"
#include "core/archive/ziparchive.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <climits>

using namespace tapedeck;

namespace {

// Cancels once the extraction has made some progress, as the GUI's Cancel button or a signal would.
class CancelAfterStart final : public ProgressReporter
{
public:
    void setProgress(qint64 done, qint64) override
    {
        if (done > 0)
            m_cancelled = true;
    }
    bool isCancelled() const override { return m_cancelled; }

private:
    bool m_cancelled = false;
};

// Every path below dir (folders end in '/'), sorted, hidden ones included.
QStringList everything(const QString &dir)
{
    QStringList found;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        found.append(QDir(dir).relativeFilePath(it.filePath())
            + (it.fileInfo().isDir() ? QStringLiteral("/") : QString()));
    }
    found.sort();
    return found;
}

} // namespace

class TestExtractor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cassette = test::jsonLines(300 * 1024, 3);
        const QByteArray digest = QCryptographicHash::hash(m_cassette, QCryptographicHash::Sha256).toHex();
        QVERIFY(writeManifest(QStringLiteral("manifest.json"), QString::fromLatin1(digest)));
        QVERIFY(writeManifest(QStringLiteral("wrong-manifest.json"), QString(64, QLatin1Char('0'))));
        QVERIFY(test::writeFile(path(QStringLiteral("recipe.yaml")), "source:\n  type: looker\n"));
        QVERIFY(test::writeFile(path(QStringLiteral("cassette.yaml")), m_cassette));
        QVERIFY(zip(QStringLiteral("recording.zip"),
            { QStringLiteral("manifest.json=manifest.json"), QStringLiteral("recipe.yaml=recipe.yaml"),
                QStringLiteral("http/cassette.yaml=cassette.yaml") }));
        QVERIFY(zip(QStringLiteral("mismatch.zip"),
            { QStringLiteral("manifest.json=wrong-manifest.json"), QStringLiteral("recipe.yaml=recipe.yaml"),
                QStringLiteral("http/cassette.yaml=cassette.yaml") }));
    }

    // The finding: recipe.yaml is a folder in the target, and manifest.json had already been moved in.
    void forceChecksEveryDestinationFirst()
    {
        QTemporaryDir work;
        const QString target = work.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(target + QStringLiteral("/recipe.yaml")));
        QVERIFY(test::writeFile(target + QStringLiteral("/manifest.json"), "old manifest\n"));
        const QStringList before = everything(work.path());

        const Result<ExtractReport> report = extract(QStringLiteral("recording.zip"), target, true);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ErrorCode::Io);
        QVERIFY2(report.error().message.contains(target + QStringLiteral("/recipe.yaml")),
            qPrintable(report.error().message));
        QCOMPARE(everything(work.path()), before);
        QCOMPARE(test::readFile(target + QStringLiteral("/manifest.json")), QByteArray("old manifest\n"));
    }

    // A move that fails after others succeeded: the files moved in go, the files they replaced come back.
    // The entry's path fits below the staging folder but not below the (longer) target path, so moving it
    // fails with ENAMETOOLONG after manifest.json and recipe.yaml replaced their old versions.
    void forceUndoesAFailedMove()
    {
        QTemporaryDir work;
        const QString target = work.filePath(QString(240, QLatin1Char('t')));
        const qsizetype room = PATH_MAX - 1 - work.path().size();
        const qsizetype length = room - 120; // staging: 26 + length < room; target: 241 + length > room
        QStringList segments;
        for (qsizetype left = length; left > 0; left -= 201)
            segments.append(QString(std::min<qsizetype>(200, left), QLatin1Char('d')));
        const QString deep = segments.join(QLatin1Char('/'));
        QVERIFY(zip(QStringLiteral("deep.zip"),
            { QStringLiteral("manifest.json=manifest.json"), QStringLiteral("recipe.yaml=recipe.yaml"),
                deep + QStringLiteral("=recipe.yaml") }));

        QVERIFY(QDir().mkpath(target));
        QVERIFY(test::writeFile(target + QStringLiteral("/manifest.json"), "old manifest\n"));
        QVERIFY(test::writeFile(target + QStringLiteral("/recipe.yaml"), "old recipe\n"));
        QVERIFY(test::writeFile(target + QStringLiteral("/notes.txt"), "kept\n"));
        const QStringList before = everything(work.path());

        const Result<ExtractReport> report = extract(QStringLiteral("deep.zip"), target, true);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ErrorCode::Io);
        QVERIFY2(report.error().message.contains(QLatin1String("nothing was changed")),
            qPrintable(report.error().message));
        QCOMPARE(everything(work.path()), before);
        QCOMPARE(test::readFile(target + QStringLiteral("/manifest.json")), QByteArray("old manifest\n"));
        QCOMPARE(test::readFile(target + QStringLiteral("/recipe.yaml")), QByteArray("old recipe\n"));
    }

    // --force replacing files, the way it works when nothing fails.
    void forceReplacesFiles()
    {
        QTemporaryDir work;
        const QString target = work.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(target));
        QVERIFY(test::writeFile(target + QStringLiteral("/manifest.json"), "old manifest\n"));
        QVERIFY(test::writeFile(target + QStringLiteral("/notes.txt"), "kept\n"));
        const Result<ExtractReport> report = extract(QStringLiteral("recording.zip"), target, true);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(test::readFile(target + QStringLiteral("/manifest.json")),
            test::readFile(path(QStringLiteral("manifest.json"))));
        QCOMPARE(test::readFile(target + QStringLiteral("/http/cassette.yaml")), m_cassette);
        QCOMPARE(test::readFile(target + QStringLiteral("/notes.txt")), QByteArray("kept\n"));
        QCOMPARE(everything(work.path()),
            QStringList({ QStringLiteral("out/"), QStringLiteral("out/http/"),
                QStringLiteral("out/http/cassette.yaml"), QStringLiteral("out/manifest.json"),
                QStringLiteral("out/notes.txt"), QStringLiteral("out/recipe.yaml") }));
    }

    // Parent folders are created for the extraction and removed again when it fails.
    void failureRemovesCreatedParents_data()
    {
        QTest::addColumn<QString>("archive");
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<int>("code");
        QTest::addRow("checksum mismatch")
            << QStringLiteral("mismatch.zip") << false << int(ErrorCode::InvalidInput);
        QTest::addRow("cancelled") << QStringLiteral("recording.zip") << true << int(ErrorCode::Cancelled);
    }

    void failureRemovesCreatedParents()
    {
        QFETCH(QString, archive);
        QFETCH(bool, cancel);
        QFETCH(int, code);
        QTemporaryDir work;
        QVERIFY(QDir().mkpath(work.filePath(QStringLiteral("p"))));
        const QString target = work.filePath(QStringLiteral("p/a/b/out"));
        CancelAfterStart canceller;
        const Result<ExtractReport> report = extract(archive, target, false, cancel ? &canceller : nullptr);
        QVERIFY(!report.ok());
        QCOMPARE(int(report.error().code), code);
        QVERIFY2(report.error().message.contains(QLatin1String("nothing was extracted")),
            qPrintable(report.error().message));
        // p existed before and stays; a, b and the staging folder in b are gone.
        QCOMPARE(everything(work.path()), QStringList { QStringLiteral("p/") });

        // The same extraction succeeds and keeps the folders it created.
        const Result<ExtractReport> retry = extract(QStringLiteral("recording.zip"), target, false);
        QVERIFY2(retry.ok(), qPrintable(retry.ok() ? QString() : retry.error().message));
        QVERIFY(QFileInfo(target + QStringLiteral("/http/cassette.yaml")).isFile());
    }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool writeManifest(const QString &name, const QString &cassetteDigest)
    {
        const QJsonObject manifest { { QStringLiteral("run_id"), QStringLiteral("r1") },
            { QStringLiteral("checksums"),
                QJsonObject { { QStringLiteral("http/cassette.yaml"), cassetteDigest } } } };
        return test::writeFile(path(name), QJsonDocument(manifest).toJson());
    }

    // Python's zipfile, from NAME=FILE pairs whose files are in m_dir.
    bool zip(const QString &name, const QStringList &entries)
    {
        QStringList arguments { QStringLiteral("zip"), QStringLiteral("--output"), path(name) };
        for (const QString &e : entries)
            arguments.append(
                e.section(QLatin1Char('='), 0, 0) + QLatin1Char('=') + path(e.section(QLatin1Char('='), 1)));
        const test::ProcessResult r = test::oddzip(arguments);
        if (r.exitCode != 0)
            qWarning("oddzip.py failed: %s", r.err.constData());
        return r.exitCode == 0;
    }

    Result<ExtractReport> extract(
        const QString &archive, const QString &target, bool force, ProgressReporter *progress = nullptr)
    {
        auto opened = ZipArchive::open(path(archive));
        if (!opened)
            return opened.error();
        ExtractOptions options;
        options.outputDir = target;
        options.force = force;
        return Extractor::extract(**opened, options, progress);
    }

    QTemporaryDir m_dir;
    QByteArray m_cassette;
};

QTEST_GUILESS_MAIN(TestExtractor)
#include "tst_extractor.moc"
