// SPDX-License-Identifier: MIT
// tapedeck-cli on hostile archives, folders and password files: overlapping or clashing entries are invalid
// (exit 4) in info, events and extract alike; extraction is all or nothing with --force, on SIGINT/SIGTERM
// and for parent folders; FIFOs are never opened blocking; a password file gives its first line, bounded.
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace tapedeck;
using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

QString describe(const ProcessResult &r)
{
    return u"exit %1%2\n--- stderr ---\n%3\n--- stdout ---\n%4"_s.arg(r.exitCode)
        .arg(r.crashed ? u" (crashed)"_s : QString(), QString::fromUtf8(r.err),
            QString::fromUtf8(r.out.left(2000)));
}

#define VERIFY_EXIT(r, code) QVERIFY2((r).exitCode == (code) && !(r).crashed, qPrintable(describe(r)))

// Every path below dir, hidden ones included, sorted.
QStringList everything(const QString &dir)
{
    QStringList found;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        found.append(QDir(dir).relativeFilePath(it.filePath()));
    }
    found.sort();
    return found;
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool makeFifo(const QString &path)
{
    return run(u"mkfifo"_s, { path }).exitCode == 0;
}

QStringList passwordOptions()
{
    return { u"--password"_s, SamplePassword };
}

} // namespace

class TstHostileArchives final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void invalidArchives_data();
    void invalidArchives();
    void unusedEntriesAreNotDecoded();
    void checksumThatIsNoDigest();
    void extractForceIsAllOrNothing();
    void extractLeavesNoParentFolders();
    void interruptedExtraction_data();
    void interruptedExtraction();
    void passwordFiles_data();
    void passwordFiles();
    void passwordFromFifo();
    void fifoInFolder_data();
    void fifoInFolder();
    void fifoAsSource_data();
    void fifoAsSource();
    void listOfAFile();

private:
    QString fixture(const QString &name) const { return m_fixtures.filePath(name); }
    // Python's zipfile archive of the extracted sample's files (NAME=relative path in m_extracted, or
    // NAME=absolute path).
    QString zipOf(const QString &name, const QStringList &entries, const QStringList &options = {});

    QTemporaryDir m_fixtures;
    QString m_extracted;
};

void TstHostileArchives::initTestCase()
{
    QVERIFY(m_fixtures.isValid());
    m_extracted = fixture(u"sample"_s);
    const ProcessResult r = aeszip(
        { u"read"_s, u"--password"_s, SamplePassword, u"--output-dir"_s, m_extracted, samplePath() });
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
}

QString TstHostileArchives::zipOf(const QString &name, const QStringList &entries, const QStringList &options)
{
    QStringList arguments = QStringList { u"zip"_s, u"--output"_s, fixture(name) } + options;
    for (const QString &e : entries) {
        const QString file = e.section(u'=', 1);
        arguments.append(
            e.section(u'=', 0, 0) + u'=' + (file.startsWith(u'/') ? file : m_extracted + u'/' + file));
    }
    const ProcessResult r = oddzip(arguments);
    if (r.exitCode != 0)
        qWarning("oddzip.py failed: %s", r.err.constData());
    return fixture(name);
}

// One core reader: info, events and extract refuse the same archives with the same message.
void TstHostileArchives::invalidArchives_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("archive");
    QTest::addColumn<QString>("message");

    const QStringList recording { u"manifest.json=manifest.json"_s, u"recipe.yaml=recipe.yaml"_s,
        u"http/cassette.yaml=http/cassette.yaml"_s, u"db/queries.jsonl=db/queries.jsonl"_s };
    QStringList overlapArguments { u"overlap"_s, u"--output"_s, fixture(u"overlap-bomb.zip"_s), u"--count"_s,
        u"30"_s, u"--kernel-size"_s, u"1000000"_s };
    for (const QString &e : recording)
        overlapArguments.append(e.section(u'=', 0, 0) + u'=' + m_extracted + u'/' + e.section(u'=', 1));
    QVERIFY(oddzip(overlapArguments).exitCode == 0);
    const QString clash = zipOf(u"file-dir-clash.zip"_s, QStringList { u"http=recipe.yaml"_s } + recording);
    const QString duplicate
        = zipOf(u"dup-manifest.zip"_s, recording + QStringList { u"manifest.json=recipe.yaml"_s });

    for (const QString &command : { u"info"_s, u"events"_s, u"extract"_s }) {
        QTest::addRow("overlap, %s", qPrintable(command))
            << command << fixture(u"overlap-bomb.zip"_s)
            << u"overlap-bomb.zip: entries \"junk/0000.bin\" and \"junk/0001.bin\" overlap (they share bytes "
               u"of the "
               u"archive, as in a zip bomb)"_s;
        QTest::addRow("file/folder clash, %s", qPrintable(command))
            << command << clash
            << u"file-dir-clash.zip is invalid: \"http\" is a file, but \"http/cassette.yaml\" uses it as a folder"_s;
        QTest::addRow("duplicate names, %s", qPrintable(command))
            << command << duplicate
            << u"dup-manifest.zip is invalid: the name \"manifest.json\" appears twice (duplicate entry names)"_s;
    }
}

void TstHostileArchives::invalidArchives()
{
    QFETCH(QString, command);
    QFETCH(QString, archive);
    QFETCH(QString, message);
    QTemporaryDir work;
    QStringList arguments { command, archive };
    if (command == u"extract"_s)
        arguments << u"--output-dir"_s << work.filePath(u"out"_s);
    const ProcessResult r = runCli(arguments);
    VERIFY_EXIT(r, 4);
    QCOMPARE(QString::fromUtf8(r.err), u"tapedeck-cli: "_s + message + u'\n');
    QVERIFY(r.out.isEmpty());
    QCOMPARE(everything(work.path()), QStringList());
}

// info and events decode only what Tapedeck uses: a broken entry nobody lists is not even noticed, while
// extract, which writes every entry, decodes and refuses it.
void TstHostileArchives::unusedEntriesAreNotDecoded()
{
    // An entry whose deflate stream is garbage: 200 KB of noise declared as deflate.
    const QString noise = fixture(u"noise.bin"_s);
    QVERIFY(writeFile(noise, pseudoRandom(200 * 1024, 5)));
    const QString zip = zipOf(u"junk.zip"_s,
        { u"manifest.json=manifest.json"_s, u"recipe.yaml=recipe.yaml"_s,
            u"http/cassette.yaml=http/cassette.yaml"_s, u"db/queries.jsonl=db/queries.jsonl"_s,
            u"junk/noise.bin="_s + noise });
    QByteArray data = readFile(zip);
    const qsizetype local = data.indexOf("junk/noise.bin");
    QVERIFY(local > 30);
    // Flip bytes inside its compressed data (after the 30-byte header and the name).
    for (qsizetype at = local + 14 + 1000; at < local + 14 + 1100; ++at)
        data[at] = char(~data.at(at));
    QVERIFY(writeFile(zip, data));

    const ProcessResult info = runCli({ u"info"_s, u"--json"_s, zip });
    VERIFY_EXIT(info, 0);
    const QJsonObject json = QJsonDocument::fromJson(info.out).object();
    bool listed = false;
    for (const QJsonValue v : json.value(u"entries"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(u"name"_s).toString() != u"junk/noise.bin"_s)
            continue;
        listed = true;
        QCOMPARE(e.value(u"checksum"_s).toString(), u"unlisted"_s);
        QVERIFY(!e.contains(u"sha256"_s)); // not decoded, so not hashed
        QCOMPARE(e.value(u"size"_s).toInteger(), 200 * 1024);
    }
    QVERIFY(listed);
    const ProcessResult events = runCli({ u"events"_s, zip });
    VERIFY_EXIT(events, 0);

    QTemporaryDir work;
    const ProcessResult extract = runCli({ u"extract"_s, zip, u"--output-dir"_s, work.filePath(u"out"_s) });
    VERIFY_EXIT(extract, 4);
    QVERIFY2(extract.err.contains("junk/noise.bin"), qPrintable(describe(extract)));
    QCOMPARE(everything(work.path()), QStringList());
}

// A checksum that is no SHA-256 digest is quoted as the manifest writes it, never as an empty field.
void TstHostileArchives::checksumThatIsNoDigest()
{
    const QString manifest = fixture(u"weird-manifest.json"_s);
    QVERIFY(writeFile(manifest,
        R"({"checksums": {"../../etc/passwd": "00", "http/cassette.yaml": ["a"], "db/queries.jsonl": {"x": 1}}})"));
    const QString zip = zipOf(u"manifest-checksums-weird.zip"_s,
        { u"manifest.json="_s + manifest, u"http/cassette.yaml=http/cassette.yaml"_s,
            u"db/queries.jsonl=db/queries.jsonl"_s });
    const ProcessResult r = runCli({ u"info"_s, zip });
    VERIFY_EXIT(r, 4);
    const QString cassette = sha256(readFile(m_extracted + u"/http/cassette.yaml"_s));
    QCOMPARE(QString::fromUtf8(r.err),
        u"tapedeck-cli: manifest-checksums-weird.zip: checksum mismatch for http/cassette.yaml (the manifest "
        u"says "
        u"[\"a\"], which is not a SHA-256 digest; the content hashes to "_s
            + cassette + u")\n"_s);
    QVERIFY2(
        r.out.contains("the manifest says {\"x\": 1}, which is not a SHA-256 digest"), r.out.constData());
    QVERIFY2(!r.out.contains("the manifest says ,"), r.out.constData());
}

// The finding: with --force, recipe.yaml being a folder in the target made extract fail after manifest.json
// had been moved in.
void TstHostileArchives::extractForceIsAllOrNothing()
{
    QTemporaryDir work;
    const QString target = work.filePath(u"f10"_s);
    QVERIFY(QDir().mkpath(target + u"/recipe.yaml"_s));
    QVERIFY(writeFile(target + u"/notes.txt"_s, "mine\n"));
    const ProcessResult r
        = runCli(QStringList { u"extract"_s, samplePath(), u"--output-dir"_s, target, u"--force"_s }
            + passwordOptions());
    VERIFY_EXIT(r, 5);
    QVERIFY2(
        r.err.contains("recipe.yaml is a folder and cannot be replaced by a file; nothing was extracted"),
        qPrintable(describe(r)));
    QCOMPARE(everything(work.path()), QStringList({ u"f10"_s, u"f10/notes.txt"_s, u"f10/recipe.yaml"_s }));
}

// A failed extraction into p/a/b/out leaves no p/a/b: the folders it created are removed again.
void TstHostileArchives::extractLeavesNoParentFolders()
{
    QJsonObject manifest = QJsonDocument::fromJson(readFile(m_extracted + u"/manifest.json"_s)).object();
    manifest.insert(u"checksums"_s, QJsonObject { { u"http/cassette.yaml"_s, QString(64, u'0') } });
    const QString wrong = fixture(u"wrong-checksum.json"_s);
    QVERIFY(writeFile(wrong, QJsonDocument(manifest).toJson()));
    const QString zip = zipOf(
        u"mismatch.zip"_s, { u"manifest.json="_s + wrong, u"http/cassette.yaml=http/cassette.yaml"_s });
    const QString noManifest = zipOf(u"no-manifest.zip"_s, { u"http/cassette.yaml=http/cassette.yaml"_s });

    QTemporaryDir work;
    for (const QString &archive : { zip, noManifest }) {
        const ProcessResult r
            = runCli({ u"extract"_s, archive, u"--output-dir"_s, work.filePath(u"p12/a/b/out"_s) });
        VERIFY_EXIT(r, 4);
        QVERIFY2(r.err.contains("nothing was extracted"), qPrintable(describe(r)));
        QCOMPARE(everything(work.path()), QStringList());
    }
    const ProcessResult ok = runCli(QStringList { u"extract"_s, samplePath(), u"--output-dir"_s,
                                        work.filePath(u"p12/a/b/out"_s), u"-q"_s }
        + passwordOptions());
    VERIFY_EXIT(ok, 0);
    QVERIFY(QFileInfo(work.filePath(u"p12/a/b/out/manifest.json"_s)).isFile());
}

// A real signal to a real tapedeck-cli while it extracts: the staging folder of decrypted files goes, the
// exit code is the signal's (128 + its number).
void TstHostileArchives::interruptedExtraction_data()
{
    QTest::addColumn<int>("signal");
    QTest::addRow("SIGINT") << int(SIGINT);
    QTest::addRow("SIGTERM") << int(SIGTERM);
}

void TstHostileArchives::interruptedExtraction()
{
    QFETCH(int, signal);
    // 1 GiB of zeros deflates to 1 MB: extracting it takes long enough to be interrupted halfway.
    const QString zip = fixture(u"big.zip"_s);
    if (!QFileInfo::exists(zip)) {
        const ProcessResult made = run(u"/usr/bin/python3"_s,
            { u"-c"_s, uR"(import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.write(sys.argv[2], 'manifest.json')
    with z.open('db/zeros.bin', 'w') as w:
        block = bytes(1 << 24)
        for _ in range(64):
            w.write(block)
)"_s,
                zip, m_extracted + u"/manifest.json"_s });
        QVERIFY2(made.exitCode == 0, qPrintable(describe(made)));
    }
    QTemporaryDir work;
    const QString target = work.filePath(u"out"_s);
    QProcess child;
    child.setProcessEnvironment(cliEnvironment());
    child.start(QStringLiteral(TAPEDECK_CLI),
        { u"extract"_s, zip, u"--output-dir"_s, target, u"--max-ratio"_s, u"0"_s });
    QVERIFY(child.waitForStarted());
    // The signal goes once the staging folder exists, i.e. while decrypted data is being written.
    bool staging = false;
    while (!staging && child.state() == QProcess::Running) {
        staging
            = !QDir(work.path()).entryList({ u".tapedeck-extract-*"_s }, QDir::Dirs | QDir::Hidden).isEmpty();
        if (!staging)
            QThread::usleep(200);
    }
    QVERIFY2(staging, "the extraction ended before its staging folder was seen");
    QCOMPARE(::kill(pid_t(child.processId()), signal), 0);
    QVERIFY(child.waitForFinished(60000));
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit, err.constData());
    QCOMPARE(child.exitCode(), 128 + signal);
    QVERIFY2(err.contains("cancelled; nothing was extracted"), err.constData());
    QCOMPARE(everything(work.path()), QStringList());
}

void TstHostileArchives::passwordFiles_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: /dev/zero
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("two lines") << SamplePassword.toUtf8() + "\nsecond line\n" << 0 << QString();
    QTest::addRow("crlf, two lines") << SamplePassword.toUtf8() + "\r\nsecond\r\n" << 0 << QString();
    QTest::addRow("/dev/zero") << QByteArray() << 3 << u"is longer than 4096 bytes"_s;
}

void TstHostileArchives::passwordFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QString file = u"/dev/zero"_s;
    if (!content.isEmpty()) {
        file = fixture(u"password.txt"_s);
        QVERIFY(writeFile(file, content));
    }
    const ProcessResult r = runCli({ u"info"_s, samplePath(), u"--password-file"_s, file });
    VERIFY_EXIT(r, exitCode);
    if (!message.isEmpty())
        QVERIFY2(QString::fromUtf8(r.err).contains(message), qPrintable(describe(r)));
}

// A password given through a FIFO (as "echo pw > fifo" or a process substitution would) is read.
void TstHostileArchives::passwordFromFifo()
{
    QTemporaryDir work;
    const QString fifo = work.filePath(u"pw"_s);
    QVERIFY(makeFifo(fifo));
    std::thread writer([&] {
        // Opening for writing without blocking works once tapedeck-cli has opened its end.
        for (int attempt = 0; attempt < 60000; ++attempt) {
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0) {
                const QByteArray line = SamplePassword.toUtf8() + '\n';
                const ssize_t written = ::write(fd, line.constData(), size_t(line.size()));
                Q_UNUSED(written);
                ::close(fd);
                return;
            }
            QThread::usleep(500);
        }
    });
    const ProcessResult r = runCli({ u"info"_s, samplePath(), u"--password-file"_s, fifo });
    writer.join();
    VERIFY_EXIT(r, 0);
}

// A FIFO inside a recording folder: every command finishes, naming it; none opens it.
void TstHostileArchives::fifoInFolder_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString folder = fixture(u"f18"_s);
    QTest::addRow("events") << QStringList { u"events"_s,
        folder } << 4 << u"f18: \"db/x.fifo\" is a FIFO (named pipe), not a regular file; it is not read"_s;
    QTest::addRow("info") << QStringList { u"info"_s,
        folder } << 4 << u"f18: \"db/x.fifo\" is a FIFO (named pipe), not a regular file; it is not read"_s;
    QTest::addRow("pack") << QStringList { u"pack"_s, folder, u"--output"_s, fixture(u"f18.zip"_s),
        u"--password"_s, SamplePassword }
                          << 4 << u"db/x.fifo is a FIFO (named pipe); recordings hold regular files only"_s;
    QTest::addRow("list") << QStringList { u"list"_s, fixture(u"l18"_s) } << 0
                          << u"a.zip is a FIFO (named pipe)"_s;
}

void TstHostileArchives::fifoInFolder()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString folder = fixture(u"f18"_s);
    if (!QFileInfo::exists(folder)) {
        QCOMPARE(run(u"cp"_s, { u"-r"_s, m_extracted, folder }).exitCode, 0);
        QVERIFY(makeFifo(folder + u"/db/x.fifo"_s));
        QVERIFY(QDir().mkpath(fixture(u"l18"_s)));
        QVERIFY(makeFifo(fixture(u"l18/a.zip"_s)));
        QCOMPARE(run(u"cp"_s, { u"-r"_s, m_extracted, fixture(u"l18/extracted"_s) }).exitCode, 0);
    }
    const ProcessResult r = runCli(arguments);
    VERIFY_EXIT(r, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), qPrintable(describe(r)));
    QVERIFY(!QFileInfo::exists(fixture(u"f18.zip"_s)));
}

// A FIFO given as the source itself.
void TstHostileArchives::fifoAsSource_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("name");
    QTest::addRow("info") << u"info"_s << u"direct.zip"_s;
    QTest::addRow("events, archive") << u"events"_s << u"direct.zip"_s;
    QTest::addRow("events, cassette") << u"events"_s << u"direct.yaml"_s;
    QTest::addRow("show") << u"show"_s << u"direct.yaml"_s;
    QTest::addRow("mcps") << u"mcps"_s << u"direct.json"_s;
    QTest::addRow("extract") << u"extract"_s << u"direct.zip"_s;
}

void TstHostileArchives::fifoAsSource()
{
    QFETCH(QString, command);
    QFETCH(QString, name);
    QTemporaryDir work;
    const QString fifo = work.filePath(name);
    QVERIFY(makeFifo(fifo));
    QStringList arguments { command, fifo };
    if (command == u"show"_s)
        arguments << u"0"_s;
    if (command == u"extract"_s)
        arguments << u"--output-dir"_s << work.filePath(u"out"_s);
    const ProcessResult r = runCli(arguments);
    VERIFY_EXIT(r, 5);
    QVERIFY2(r.err.contains("is a FIFO (named pipe), not a regular file"), qPrintable(describe(r)));
    QVERIFY2(r.err.contains(name.toUtf8()), qPrintable(describe(r)));
}

void TstHostileArchives::listOfAFile()
{
    const QString file = m_extracted + u"/manifest.json"_s;
    const ProcessResult r = runCli({ u"list"_s, file });
    VERIFY_EXIT(r, 5);
    QCOMPARE(QString::fromUtf8(r.err), u"tapedeck-cli: "_s + file + u" is not a folder\n"_s);
}

QTEST_GUILESS_MAIN(TstHostileArchives)
#include "tst_hostilearchives.moc"
