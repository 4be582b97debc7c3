// SPDX-License-Identifier: MIT
// End-to-end tests of tapedeck-cli info/extract/pack/list and --help through the real binary, against 7z and
// aeszip.py.
#include "app/cli/commandtable.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/stat.h>

using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

const QString RunId = u"looker-2025_11_18-09_41_07-k3x9qa"_s;
const QString CassetteName = u"http/cassette.yaml"_s;
const QString QueriesName = u"db/queries.jsonl"_s;
const QString WrongPassword = u"not-the-password"_s;
// A bomb entry: this many zero bytes compress (LZMA) to about 28 KiB, far over the default ratio limit.
constexpr qsizetype BombSize = qsizetype(200) << 20;

QString describe(const ProcessResult &r)
{
    return u"exit %1%2\n--- stderr ---\n%3\n--- stdout (start) ---\n%4"_s.arg(r.exitCode)
        .arg(r.crashed ? u" (CRASHED)"_s : QString(), QString::fromUtf8(r.err),
            QString::fromUtf8(r.out.left(3000)));
}

// Checks the exit code and that the process did not crash; prints both streams on failure.
#define VERIFY_EXIT(result, expected)                                                                        \
    do {                                                                                                     \
        const ProcessResult &r_ = (result);                                                                  \
        QVERIFY2(!r_.crashed, qPrintable(describe(r_)));                                                     \
        QVERIFY2(r_.exitCode == (expected),                                                                  \
            qPrintable(u"expected exit %1, got "_s.arg(expected) + describe(r_)));                           \
    } while (false)

// Calls a void helper that uses QVERIFY and stops the test function when it failed.
#define CHECK(call)                                                                                          \
    do {                                                                                                     \
        call;                                                                                                \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

// "a|b" matches when either alternative occurs (case-insensitive).
bool containsAny(const QString &text, const QString &alternatives)
{
    const QStringList options = alternatives.split(u'|');
    return std::any_of(options.cbegin(), options.cend(),
        [&](const QString &o) { return text.contains(o, Qt::CaseInsensitive); });
}

// stderr must be one line "tapedeck-cli: …" that names the file and holds every keyword (after the file name
// is taken out, so a keyword never matches the name). Returns a description of what is wrong, empty when
// fine.
QString errorLineProblem(const ProcessResult &r, const QString &named, const QStringList &keywords)
{
    const QString err = QString::fromUtf8(r.err).trimmed();
    if (err.isEmpty())
        return u"stderr is empty"_s;
    if (err.contains(u'\n'))
        return u"stderr is not one line:\n"_s + err;
    if (!err.startsWith(u"tapedeck-cli: "_s))
        return u"stderr does not start with \"tapedeck-cli: \": "_s + err;
    for (const char *noise :
        { "Traceback", "terminate called", "Assertion", "Segmentation", "ASSERT", "qFatal" }) {
        if (err.contains(QLatin1String(noise)))
            return u"stderr looks like a crash report: "_s + err;
    }
    QString rest = err;
    if (!named.isEmpty()) {
        if (!err.contains(named))
            return u"stderr does not name \"%1\": %2"_s.arg(named, err);
        rest.remove(named);
    }
    for (const QString &keyword : keywords) {
        if (!containsAny(rest, keyword))
            return u"stderr lacks \"%1\": %2"_s.arg(keyword, err);
    }
    return {};
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QJsonObject readJsonObject(const QString &path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

bool writeJson(const QString &path, const QJsonObject &object)
{
    return writeFile(path, QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QString jsonText(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
}

bool copyDir(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QString &file : listFiles(from)) {
        const QString target = to + u'/' + file;
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(from + u'/' + file, target))
            return false;
    }
    return true;
}

// Everything (files, folders, hidden staging folders) below dir, as relative paths, sorted.
QStringList listEverything(const QString &dir)
{
    QStringList all;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (it.hasNext())
        all.append(QDir(dir).relativeFilePath(it.next()));
    all.sort();
    return all;
}

int permissionBits(const QString &path)
{
    struct stat st
    {
    };
    if (lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

// The local headers of a ZIP without data descriptors (what pyzipper and aeszip.py write).
struct LocalEntry
{
    QByteArray name;
    qsizetype headerOffset = 0;
    qsizetype dataOffset = 0;
    qsizetype dataSize = 0;
    quint16 method = 0;
};

quint16 u16At(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint16>(b.constData() + at);
}

quint32 u32At(const QByteArray &b, qsizetype at)
{
    return qFromLittleEndian<quint32>(b.constData() + at);
}

QList<LocalEntry> localEntries(const QByteArray &zip)
{
    QList<LocalEntry> entries;
    qsizetype at = 0;
    while (at + 30 <= zip.size() && zip.mid(at, 4) == QByteArray("PK\x03\x04", 4)) {
        LocalEntry e;
        e.headerOffset = at;
        e.method = u16At(zip, at + 8);
        e.dataSize = qsizetype(u32At(zip, at + 18));
        const qsizetype nameLength = u16At(zip, at + 26);
        const qsizetype extraLength = u16At(zip, at + 28);
        e.name = zip.mid(at + 30, nameLength);
        e.dataOffset = at + 30 + nameLength + extraLength;
        entries.append(e);
        at = e.dataOffset + e.dataSize;
    }
    return entries;
}

std::optional<LocalEntry> localEntry(const QByteArray &zip, const QString &name)
{
    for (const LocalEntry &e : localEntries(zip)) {
        if (e.name == name.toUtf8())
            return e;
    }
    return std::nullopt;
}

// Rewrites the uncompressed size an entry declares, in its local and its central header (so the two agree).
bool patchDeclaredSize(QByteArray &zip, const QString &name, quint32 size)
{
    const std::optional<LocalEntry> local = localEntry(zip, name);
    const qsizetype eocd = zip.size() - 22;
    if (!local || eocd < 0 || zip.mid(eocd, 4) != QByteArray("PK\x05\x06", 4))
        return false;
    qToLittleEndian<quint32>(size, zip.data() + local->headerOffset + 22);
    qsizetype at = qsizetype(u32At(zip, eocd + 16));
    for (int i = 0; i < u16At(zip, eocd + 10); ++i) {
        if (zip.mid(at, 4) != QByteArray("PK\x01\x02", 4))
            return false;
        const qsizetype nameLength = u16At(zip, at + 28);
        if (zip.mid(at + 46, nameLength) == name.toUtf8()) {
            qToLittleEndian<quint32>(size, zip.data() + at + 24);
            return true;
        }
        at += 46 + nameLength + u16At(zip, at + 30) + u16At(zip, at + 32);
    }
    return false;
}

// aeszip.py write from NAME=FILE pairs; fails the calling test when aeszip.py fails.
QString aeszipWriteProblem(const QString &output, const QStringList &entries, const QStringList &extra = {})
{
    const ProcessResult r = aeszip(
        QStringList { u"write"_s, u"--password"_s, SamplePassword, u"--output"_s, output } + extra + entries);
    return r.exitCode == 0 && !r.crashed ? QString() : u"aeszip.py write failed: "_s + describe(r);
}

} // namespace

class TstCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // 0. the command overview
    void helpListsEveryCommand();
    // 1. bad input
    void badInput_data();
    void badInput();
    void usageErrors_data();
    void usageErrors();
    void checksumMismatchReportedPerEntry();
    void checksumMismatchExtractsWithIgnoreChecksums();
    void missingManifestStillListsEntries();
    void bombPassesWithLimitsLifted();
    // 2. password sources
    void passwordSources_data();
    void passwordSources();
    // 3. info
    void infoText();
    void infoJson();
    void infoOnFolderMatchesArchive();
    void checksumPrefix_data();
    void checksumPrefix();
    void derivedManifestFields_data();
    void derivedManifestFields();
    // 4. extract
    void extract_data();
    void extract();
    void extractRefusesNonEmptyFolder();
    void extractForceReplacesSameNamedFiles();
    // 5. pack
    void pack_data();
    void pack();
    void packRefusesExistingArchive();
    // 6. list
    void listText_data();
    void listText();
    void listJson_data();
    void listJson();

    void passwordPrompt_data();
    void passwordPrompt();
    void packPromptConfirms_data();
    void packPromptConfirms();

private:
    QString fixture(const QString &name) const { return m_fixtures.path() + u'/' + name; }
    void verifyMatchesSevenZip(const QString &dir);
    void verifyPrivateModes(const QString &dir);

    QTemporaryDir m_fixtures;
    QString m_sample; // copy of the bundled sample archive
    QString m_extracted; // the sample, extracted by aeszip.py (pyzipper's reader rules)
    QString m_sevenZipped; // the sample, extracted by 7z x; empty when 7z is missing
    QJsonObject m_manifest; // the sample's manifest.json
    QHash<QString, qint64> m_compressedSizes; // from aeszip.py inspect
    QString m_listDir;
    bool m_absExisted = false;
};

void TstCli::initTestCase()
{
    QVERIFY(m_fixtures.isValid());
    m_absExisted = QFileInfo::exists(u"/abs.txt"_s);

    m_sample = fixture(u"sample-recording.zip"_s);
    QVERIFY(QFile::copy(samplePath(), m_sample));
    const QByteArray sample = readFile(m_sample);
    QVERIFY(sample.size() > 1000);

    // The sample, read independently of Tapedeck.
    m_extracted = fixture(u"extracted"_s);
    ProcessResult r
        = aeszip({ u"read"_s, u"--password"_s, SamplePassword, u"--output-dir"_s, m_extracted, m_sample });
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(listFiles(m_extracted),
        (QStringList { QueriesName, CassetteName, u"manifest.json"_s, u"recipe.yaml"_s }));
    m_manifest = readJsonObject(m_extracted + u"/manifest.json"_s);
    QCOMPARE(m_manifest.value(u"run_id"_s).toString(), RunId);
    r = aeszip({ u"inspect"_s, m_sample });
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> fields = line.split('\t');
        for (const QByteArray &field : fields) {
            if (field.startsWith("compressed_size="))
                m_compressedSizes.insert(QString::fromUtf8(fields.first()), field.mid(16).toLongLong());
        }
    }
    QCOMPARE(m_compressedSizes.size(), 4);
    if (!sevenZip().isEmpty()) {
        m_sevenZipped = fixture(u"sevenzipped"_s);
        r = run(sevenZip(), { u"x"_s, u"-y"_s, u"-p"_s + SamplePassword, u"-o"_s + m_sevenZipped, m_sample });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    // Damaged copies of the sample.
    QVERIFY(writeFile(fixture(u"truncated.zip"_s), sample.left(sample.size() / 2)));
    const std::optional<LocalEntry> cassette = localEntry(sample, CassetteName);
    QVERIFY2(cassette, "the sample has no local header for http/cassette.yaml");
    QCOMPARE(cassette->method, quint16(99)); // WinZip AES: salt(16) + verifier(2) + ciphertext + HMAC(10)
    const qsizetype ciphertext = cassette->dataSize - 16 - 2 - 10;
    QVERIFY(ciphertext > 100);
    QByteArray flipped = sample;
    flipped[cassette->dataOffset + 16 + 2 + ciphertext / 2] ^= char(0x01);
    QVERIFY(writeFile(fixture(u"flipped-ciphertext.zip"_s), flipped));
    flipped = sample;
    flipped[cassette->dataOffset + cassette->dataSize - 4] ^= char(0x01);
    QVERIFY(writeFile(fixture(u"flipped-hmac.zip"_s), flipped));

    // A stored checksum with one hex digit changed, written as pyzipper would.
    const QString tamperedDir = fixture(u"tampered-checksum"_s);
    QVERIFY(copyDir(m_extracted, tamperedDir));
    QJsonObject manifest = m_manifest;
    QJsonObject checksums = manifest.value(u"checksums"_s).toObject();
    QString digest = checksums.value(CassetteName).toString();
    QCOMPARE(digest.size(), 64);
    digest[10] = digest.at(10) == u'0' ? u'1' : u'0';
    checksums.insert(CassetteName, digest);
    manifest.insert(u"checksums"_s, checksums);
    QVERIFY(writeJson(tamperedDir + u"/manifest.json"_s, manifest));
    QString problem
        = aeszipWriteProblem(fixture(u"tampered-checksum.zip"_s), {}, { u"--from-dir"_s, tamperedDir });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QVERIFY(writeFile(fixture(u"plain-text.zip"_s), "This is a text file, not a recording.\nSecond line.\n"));
    QVERIFY(writeFile(fixture(u"empty.zip"_s), QByteArray()));
    QVERIFY(writeFile(fixture(u"empty-password-file.txt"_s), QByteArray()));
    QVERIFY(writeFile(fixture(u"password-lf.txt"_s), SamplePassword.toUtf8() + '\n'));
    QVERIFY(writeFile(fixture(u"password-crlf.txt"_s), SamplePassword.toUtf8() + "\r\n"));
    QVERIFY(writeFile(fixture(u"password-bare.txt"_s), SamplePassword.toUtf8()));
    QVERIFY(writeFile(fixture(u"wrong-password.txt"_s), WrongPassword.toUtf8() + '\n'));

    const QString extracted = m_extracted + u'/';
    problem = aeszipWriteProblem(fixture(u"no-manifest.zip"_s),
        { u"recipe.yaml="_s + extracted + u"recipe.yaml"_s, CassetteName + u'=' + extracted + CassetteName,
            QueriesName + u'=' + extracted + QueriesName });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(writeFile(fixture(u"not-json-manifest.json"_s), "{\"run_id\": \"looker-\n"));
    problem = aeszipWriteProblem(fixture(u"bad-manifest.zip"_s),
        { u"manifest.json="_s + fixture(u"not-json-manifest.json"_s),
            CassetteName + u'=' + extracted + CassetteName });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // Hostile archives carry a manifest whose checksum table is empty, so the hostile entry is the only
    // problem.
    QJsonObject plain = m_manifest;
    plain.insert(u"checksums"_s, QJsonObject());
    const QString plainManifest = fixture(u"plain-manifest.json"_s);
    QVERIFY(writeJson(plainManifest, plain));
    const QString evil = fixture(u"evil.txt"_s);
    QVERIFY(writeFile(evil, "written where it must not be\n"));
    const QList<std::pair<QString, QString>> escapes { { u"escape-dotdot.zip"_s, u"../evil.txt"_s },
        { u"escape-absolute.zip"_s, u"/abs.txt"_s }, { u"escape-drive.zip"_s, u"C:/x.txt"_s },
        { u"escape-backslash.zip"_s, u"a\\b.txt"_s } };
    for (const auto &[file, entry] : escapes) {
        problem
            = aeszipWriteProblem(fixture(file), { u"manifest.json="_s + plainManifest, entry + u'=' + evil });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY(writeFile(fixture(u"link-target"_s), "/etc/passwd"));
    problem = aeszipWriteProblem(fixture(u"symlink.zip"_s),
        { u"manifest.json="_s + plainManifest, u"evil-link="_s + fixture(u"link-target"_s) },
        { u"--symlink"_s, u"evil-link"_s });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // The bomb: ~200 MB of zeros in one LZMA entry, with a manifest that lists its true checksum, so it is a
    // valid recording once the limits are lifted.
    {
        const QString zeros = fixture(u"zeros.bin"_s);
        const QByteArray data(BombSize, '\0');
        QVERIFY(writeFile(zeros, data));
        QJsonObject bombManifest = m_manifest;
        bombManifest.insert(u"checksums"_s, QJsonObject { { u"data/zeros.bin"_s, sha256Hex(data) } });
        QVERIFY(writeJson(fixture(u"bomb-manifest.json"_s), bombManifest));
        problem = aeszipWriteProblem(fixture(u"bomb.zip"_s),
            { u"manifest.json="_s + fixture(u"bomb-manifest.json"_s), u"data/zeros.bin="_s + zeros },
            { u"--method"_s, u"lzma"_s });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(QFile::remove(zeros));
        QVERIFY(QFileInfo(fixture(u"bomb.zip"_s)).size() < 1 << 20);
    }
    // An entry that declares 2000 bytes but holds 3 MB: the declared size must bound the output. It is one
    // Tapedeck reads (info decodes no other entries).
    {
        const QString zeros = fixture(u"zeros-small.bin"_s);
        QVERIFY(writeFile(zeros, QByteArray(3 << 20, '\0')));
        problem = aeszipWriteProblem(fixture(u"lying-size.zip"_s),
            { u"manifest.json="_s + plainManifest, QueriesName + u'=' + zeros });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QByteArray lying = readFile(fixture(u"lying-size.zip"_s));
        QVERIFY(patchDeclaredSize(lying, QueriesName, 2000));
        QVERIFY(writeFile(fixture(u"lying-size.zip"_s), lying));
    }

    // A folder for list: the sample as DataHub names it, an extracted recording, a corrupt archive, a stray
    // file.
    m_listDir = fixture(u"artifacts"_s);
    QVERIFY(QDir().mkpath(m_listDir));
    QVERIFY(QFile::copy(m_sample, m_listDir + u"/recording-"_s + RunId + u".zip"_s));
    QVERIFY(copyDir(m_extracted, m_listDir + u"/extracted-run"_s));
    QVERIFY(writeFile(m_listDir + u"/corrupt.zip"_s, sample.left(sample.size() / 2)));
    QVERIFY(writeFile(m_listDir + u"/notes.txt"_s, "not a recording\n"));
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Bad input: every row runs once with info and once with extract.

void TstCli::helpListsEveryCommand()
{
    const ProcessResult r = runCli({ u"--help"_s });
    VERIFY_EXIT(r, 0);
    // The overview's "Commands:" section: one command a line, its name first.
    const QStringList lines = QString::fromUtf8(r.out).split(u'\n');
    const qsizetype heading = lines.indexOf(u"Commands:"_s);
    QVERIFY2(heading >= 0, qPrintable(describe(r)));
    QStringList listed;
    for (qsizetype i = heading + 1; i < lines.size() && !lines.at(i).isEmpty(); ++i)
        listed << lines.at(i).section(u' ', 2, 2);

    QStringList dispatched;
    for (const tapedeck::CliCommand &command : tapedeck::cliCommands()) {
        const QString name = QString::fromLatin1(command.name);
        // The executable dispatches it to the command's own parser, whose usage line names it.
        const ProcessResult own = runCli({ name, u"--help"_s });
        VERIFY_EXIT(own, 0);
        QVERIFY2(QString::fromUtf8(own.out).section(u'\n', 0, 0).contains(u" "_s + name + u" "_s),
            qPrintable(describe(own)));
        dispatched << name;
    }
    QCOMPARE(listed, dispatched);
    // The commands DESIGN.md and the README promise; a table that lost one fails here too.
    for (const QString &promised : { u"info"_s, u"extract"_s, u"pack"_s, u"list"_s, u"events"_s, u"show"_s,
             u"mcps"_s, u"export-har"_s, u"diff"_s, u"ca"_s })
        QVERIFY2(dispatched.contains(promised), qPrintable(promised));
}

void TstCli::badInput_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("named");
    QTest::addColumn<QStringList>("keywords");

    const QStringList password { u"--password"_s, SamplePassword };
    const QString sampleName = u"sample-recording.zip"_s;
    const auto add = [](const char *name, const QString &input, const QStringList &options, int exitCode,
                         const QString &named, const QStringList &keywords) {
        for (const char *command : { "info", "extract" })
            QTest::addRow("%s/%s", name, command)
                << QString::fromLatin1(command) << input << options << exitCode << named << keywords;
    };
    add("wrong password", m_sample, { u"--password"_s, WrongPassword }, 3, sampleName,
        { u"wrong password"_s });
    add("missing password, stdin not a terminal", m_sample, {}, 3, sampleName,
        { u"password"_s, u"encrypted|no password|needs"_s });
    add("truncated archive", fixture(u"truncated.zip"_s), password, 4, u"truncated.zip"_s,
        { u"truncated|damaged|incomplete"_s });
    add("flipped ciphertext byte", fixture(u"flipped-ciphertext.zip"_s), password, 4,
        u"flipped-ciphertext.zip"_s, { CassetteName, u"HMAC|authenticat|tamper"_s });
    add("flipped HMAC byte", fixture(u"flipped-hmac.zip"_s), password, 4, u"flipped-hmac.zip"_s,
        { CassetteName, u"HMAC|authenticat|tamper"_s });
    add("flipped checksum digit", fixture(u"tampered-checksum.zip"_s), password, 4,
        u"tampered-checksum.zip"_s, { u"checksum"_s, u"mismatch"_s, CassetteName });
    add("not a ZIP", fixture(u"plain-text.zip"_s), password, 4, u"plain-text.zip"_s, { u"not a ZIP"_s });
    add("empty file", fixture(u"empty.zip"_s), password, 4, u"empty.zip"_s, { u"empty"_s });
    add("missing manifest", fixture(u"no-manifest.zip"_s), password, 4, u"no-manifest.zip"_s,
        { u"manifest"_s });
    add("manifest is not JSON", fixture(u"bad-manifest.zip"_s), password, 4, u"bad-manifest.zip"_s,
        { u"manifest"_s, u"JSON|invalid|corrupt"_s });
    add("entry ../evil.txt", fixture(u"escape-dotdot.zip"_s), password, 4, u"escape-dotdot.zip"_s,
        { u"../evil.txt"_s, u"refused|unsafe|escape|not allowed"_s });
    add("entry /abs.txt", fixture(u"escape-absolute.zip"_s), password, 4, u"escape-absolute.zip"_s,
        { u"/abs.txt"_s, u"refused|unsafe|escape|not allowed"_s });
    add("entry C:/x.txt", fixture(u"escape-drive.zip"_s), password, 4, u"escape-drive.zip"_s,
        { u"C:/x.txt"_s, u"refused|unsafe|escape|not allowed"_s });
    add("entry a\\b.txt", fixture(u"escape-backslash.zip"_s), password, 4, u"escape-backslash.zip"_s,
        { u"a\\b.txt"_s, u"refused|unsafe|escape|not allowed"_s });
    add("symlink entry", fixture(u"symlink.zip"_s), password, 4, u"symlink.zip"_s,
        { u"evil-link"_s, u"symbolic link|symlink"_s });
    add("decompression bomb", fixture(u"bomb.zip"_s), password, 4, u"bomb.zip"_s,
        { u"data/zeros.bin"_s, u"ratio"_s });
    add("entry larger than it declares", fixture(u"lying-size.zip"_s), password, 4, u"lying-size.zip"_s,
        { QueriesName, u"corrupt|declare"_s });
    add("entry over --max-entry-size 1K", m_sample, password + QStringList { u"--max-entry-size"_s, u"1K"_s },
        4, sampleName, { u"limit|max-entry-size"_s });
    add("nonexistent path", fixture(u"does-not-exist.zip"_s), password, 5, u"does-not-exist.zip"_s,
        { u"does not exist|no such file|not found"_s });
    add("missing --password-file", m_sample,
        { u"--password-file"_s, fixture(u"no-such-password-file.txt"_s) }, 5, u"no-such-password-file.txt"_s,
        { u"password"_s, u"could not be read|does not exist|no such|not found"_s });
    add("empty password file", m_sample, { u"--password-file"_s, fixture(u"empty-password-file.txt"_s) }, 3,
        u"empty-password-file.txt"_s, { u"empty"_s });
}

void TstCli::badInput()
{
    QFETCH(QString, command);
    QFETCH(QString, input);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, named);
    QFETCH(QStringList, keywords);

    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString work = scratch.path() + u"/work"_s;
    QVERIFY(QDir().mkpath(work));
    const QString output = work + u"/out"_s;
    QStringList arguments = QStringList { command, input } + options;
    if (command == u"extract"_s)
        arguments << u"--output-dir"_s << output;

    const ProcessResult r = runCli(arguments);
    VERIFY_EXIT(r, exitCode);
    const QString problem = errorLineProblem(r, named, keywords);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // Nothing written anywhere: no output folder, no staging folder, nothing escaped beside them.
    QVERIFY2(!QFileInfo::exists(output),
        qPrintable(u"the output folder exists: "_s + listEverything(output).join(u", "_s)));
    QCOMPARE(listEverything(work), QStringList());
    QCOMPARE(listEverything(scratch.path()), QStringList { u"work"_s });
    if (!m_absExisted)
        QVERIFY2(!QFileInfo::exists(u"/abs.txt"_s), "an absolute entry name was written to /abs.txt");
}

void TstCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("keyword");

    const QString out = fixture(u"usage-out"_s);
    QTest::addRow("no arguments") << QStringList() << u"usage"_s;
    QTest::addRow("unknown command") << QStringList { u"frobnicate"_s } << u"frobnicate"_s;
    QTest::addRow("unknown option (info)") << QStringList { u"info"_s, u"--bogus"_s, m_sample } << u"bogus"_s;
    QTest::addRow("unknown option (extract)")
        << QStringList { u"extract"_s, u"--bogus"_s, m_sample, u"--output-dir"_s, out } << u"bogus"_s;
    QTest::addRow("extract without --output-dir")
        << QStringList { u"extract"_s, m_sample, u"--password"_s, SamplePassword } << u"--output-dir"_s;
    QTest::addRow("info without a source") << QStringList { u"info"_s } << u"info"_s;
    QTest::addRow("info with two sources") << QStringList { u"info"_s, m_sample, m_sample } << u"info"_s;
    QTest::addRow("pack without --output")
        << QStringList { u"pack"_s, m_extracted, u"--password"_s, SamplePassword } << u"--output"_s;
    QTest::addRow("list without a folder or INGESTION_ARTIFACT_DIR")
        << QStringList { u"list"_s } << u"INGESTION_ARTIFACT_DIR"_s;
    QTest::addRow("bad --max-ratio") << QStringList { u"info"_s, m_sample, u"--password"_s, SamplePassword,
        u"--max-ratio"_s, u"lots"_s } << u"max-ratio"_s;
    // NaN, infinities, negative numbers and fractions of a byte switched a limit off (NaN compares false,
    // 0.5 bytes rounded to 0 = no limit): every command that takes the limits refuses them.
    const QList<std::pair<QString, QStringList>> values {
        { u"max-entry-size"_s, { u"nan"_s, u"0.5"_s, u"1e-9"_s, u"inf"_s, u"-1"_s, u"-0"_s, u"0.3K"_s } },
        { u"max-total-size"_s, { u"NaN"_s, u"-inf"_s, u"0.25"_s, u"1e30"_s } },
        { u"max-ratio"_s, { u"nan"_s, u"inf"_s, u"-inf"_s, u"-1"_s, u"-0"_s } },
    };
    const QList<QStringList> commands { { u"info"_s, m_sample },
        { u"extract"_s, m_sample, u"--output-dir"_s, out }, { u"events"_s, m_sample },
        { u"show"_s, m_sample, u"0"_s }, { u"mcps"_s, m_sample },
        { u"export-har"_s, m_sample, u"--output"_s, out }, { u"diff"_s, m_sample, m_sample } };
    for (const QStringList &command : commands) {
        for (const auto &[option, bad] : values) {
            for (const QString &value : bad) {
                QTest::addRow(
                    "%s --%s %s", qPrintable(command.first()), qPrintable(option), qPrintable(value))
                    << command + QStringList { u"--password"_s, SamplePassword, u"--"_s + option, value }
                    << u"--"_s + option;
            }
        }
    }
    // Event numbers are digits only.
    for (const QString &seq : { u"1.5"_s, u"1e1"_s, u"+3"_s, u"nan"_s, u" 3"_s })
        QTest::addRow("show %s", qPrintable(seq))
            << QStringList { u"show"_s, m_sample, seq, u"--password"_s, SamplePassword } << u"event number"_s;
}

void TstCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, keyword);

    const ProcessResult r = runCli(arguments);
    VERIFY_EXIT(r, 2);
    QVERIFY2(r.out.isEmpty(), qPrintable(describe(r)));
    // A usage error may be followed by the command's help, but its first line says what is wrong.
    const QString firstLine = QString::fromUtf8(r.err).section(u'\n', 0, 0);
    QVERIFY2(firstLine.contains(keyword, Qt::CaseInsensitive), qPrintable(describe(r)));
    QVERIFY(!QFileInfo::exists(fixture(u"usage-out"_s)));
}

void TstCli::checksumMismatchReportedPerEntry()
{
    const ProcessResult r = runCli(
        { u"info"_s, fixture(u"tampered-checksum.zip"_s), u"--password"_s, SamplePassword, u"--json"_s });
    VERIFY_EXIT(r, 4);
    const QString problem = errorLineProblem(r, u"tampered-checksum.zip"_s, { u"mismatch"_s, CassetteName });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QJsonParseError error {};
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + describe(r)));
    QCOMPARE(o.value(u"checksums_ok"_s), QJsonValue(false));
    QHash<QString, QString> states;
    for (const QJsonValue &e : o.value(u"entries"_s).toArray())
        states.insert(e[u"name"_s].toString(), e[u"checksum"_s].toString());
    QCOMPARE(states.value(CassetteName), u"mismatch"_s);
    QCOMPARE(states.value(QueriesName), u"ok"_s);
    QCOMPARE(states.value(u"manifest.json"_s), u"unlisted"_s);
    // The readable rest is still shown.
    QCOMPARE(o.value(u"run_id"_s).toString(), RunId);
}

void TstCli::checksumMismatchExtractsWithIgnoreChecksums()
{
    QTemporaryDir scratch;
    const QString output = scratch.path() + u"/out"_s;
    const ProcessResult r = runCli({ u"extract"_s, fixture(u"tampered-checksum.zip"_s), u"--password"_s,
        SamplePassword, u"--output-dir"_s, output, u"--ignore-checksums"_s });
    VERIFY_EXIT(r, 0);
    QCOMPARE(listFiles(output), listFiles(m_extracted));
    QCOMPARE(readFile(output + u'/' + CassetteName), readFile(m_extracted + u'/' + CassetteName));
    QCOMPARE(listEverything(scratch.path()).filter(u".tapedeck-extract-"_s), QStringList());
}

void TstCli::missingManifestStillListsEntries()
{
    const ProcessResult r
        = runCli({ u"info"_s, fixture(u"no-manifest.zip"_s), u"--password"_s, SamplePassword, u"--json"_s });
    VERIFY_EXIT(r, 4);
    const QString problem = errorLineProblem(r, u"no-manifest.zip"_s, { u"manifest"_s });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QJsonParseError error {};
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + describe(r)));
    QStringList names;
    for (const QJsonValue &e : o.value(u"entries"_s).toArray()) {
        names.append(e[u"name"_s].toString());
        QCOMPARE(e[u"encryption"_s].toString(), u"aes-256"_s);
    }
    names.sort();
    QCOMPARE(names, (QStringList { QueriesName, CassetteName, u"recipe.yaml"_s }));
}

void TstCli::bombPassesWithLimitsLifted()
{
    const ProcessResult r = runCli({ u"info"_s, fixture(u"bomb.zip"_s), u"--password"_s, SamplePassword,
        u"--max-ratio"_s, u"0"_s, u"--max-entry-size"_s, u"0"_s, u"--json"_s });
    VERIFY_EXIT(r, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    bool found = false;
    for (const QJsonValue &e : o.value(u"entries"_s).toArray()) {
        if (e[u"name"_s].toString() != u"data/zeros.bin"_s)
            continue;
        found = true;
        QCOMPARE(e[u"size"_s].toInteger(), qint64(BombSize));
        QCOMPARE(e[u"checksum"_s].toString(), u"ok"_s);
    }
    QVERIFY2(found, qPrintable(describe(r)));
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Password sources: --password, --password-file, DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD, in that
// order.

void TstCli::passwordSources_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("environment"); // NAME=VALUE
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("origin"); // the source a wrong-password message names

    const QStringList right { u"--password"_s, SamplePassword };
    const QStringList wrong { u"--password"_s, WrongPassword };
    const QStringList rightFile { u"--password-file"_s, fixture(u"password-lf.txt"_s) };
    const QStringList wrongFile { u"--password-file"_s, fixture(u"wrong-password.txt"_s) };
    const QString rightRecording = u"DATAHUB_RECORDING_PASSWORD="_s + SamplePassword;
    const QString wrongRecording = u"DATAHUB_RECORDING_PASSWORD="_s + WrongPassword;
    const QString rightAdmin = u"ADMIN_PASSWORD="_s + SamplePassword;
    const QString wrongAdmin = u"ADMIN_PASSWORD="_s + WrongPassword;

    QTest::addRow("--password right beats --password-file wrong")
        << right + wrongFile << QStringList() << 0 << QString();
    QTest::addRow("--password wrong beats --password-file right")
        << wrong + rightFile << QStringList() << 3 << u"--password"_s;
    QTest::addRow("--password right beats both variables wrong")
        << right << QStringList { wrongRecording, wrongAdmin } << 0 << QString();
    QTest::addRow("--password wrong beats both variables right")
        << wrong << QStringList { rightRecording, rightAdmin } << 3 << u"--password"_s;
    QTest::addRow("--password-file right beats DATAHUB_RECORDING_PASSWORD wrong")
        << rightFile << QStringList { wrongRecording } << 0 << QString();
    QTest::addRow("--password-file wrong beats DATAHUB_RECORDING_PASSWORD right")
        << wrongFile << QStringList { rightRecording, rightAdmin } << 3 << u"--password-file"_s;
    QTest::addRow("DATAHUB_RECORDING_PASSWORD right beats ADMIN_PASSWORD wrong")
        << QStringList() << QStringList { rightRecording, wrongAdmin } << 0 << QString();
    QTest::addRow("DATAHUB_RECORDING_PASSWORD wrong beats ADMIN_PASSWORD right")
        << QStringList() << QStringList { wrongRecording, rightAdmin } << 3
        << u"DATAHUB_RECORDING_PASSWORD"_s;
    QTest::addRow("ADMIN_PASSWORD alone, right")
        << QStringList() << QStringList { rightAdmin } << 0 << QString();
    QTest::addRow("ADMIN_PASSWORD alone, wrong")
        << QStringList() << QStringList { wrongAdmin } << 3 << u"ADMIN_PASSWORD"_s;
    QTest::addRow("empty DATAHUB_RECORDING_PASSWORD falls through to ADMIN_PASSWORD right")
        << QStringList() << QStringList { u"DATAHUB_RECORDING_PASSWORD="_s, rightAdmin } << 0 << QString();
    QTest::addRow("empty DATAHUB_RECORDING_PASSWORD falls through to ADMIN_PASSWORD wrong")
        << QStringList() << QStringList { u"DATAHUB_RECORDING_PASSWORD="_s, wrongAdmin } << 3
        << u"ADMIN_PASSWORD"_s;
    QTest::addRow("password file with a trailing newline") << rightFile << QStringList() << 0 << QString();
    QTest::addRow("password file with a trailing CRLF")
        << QStringList { u"--password-file"_s, fixture(u"password-crlf.txt"_s) } << QStringList() << 0
        << QString();
    QTest::addRow("password file without a newline")
        << QStringList { u"--password-file"_s, fixture(u"password-bare.txt"_s) } << QStringList() << 0
        << QString();
}

void TstCli::passwordSources()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, environment);
    QFETCH(int, exitCode);
    QFETCH(QString, origin);

    QProcessEnvironment env;
    for (const QString &assignment : std::as_const(environment))
        env.insert(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
    const ProcessResult r = runCli(QStringList { u"info"_s, m_sample } + options, env);
    VERIFY_EXIT(r, exitCode);
    if (exitCode == 0) {
        QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
        QVERIFY2(r.out.contains(RunId.toUtf8()), qPrintable(describe(r)));
        return;
    }
    const QString problem = errorLineProblem(r, u"sample-recording.zip"_s, { u"wrong password"_s });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The message names the source that was used, which proves the order from the other side.
    const QRegularExpression named(QRegularExpression::escape(origin) + u"(?![-_A-Za-z])"_s);
    QVERIFY2(QString::fromUtf8(r.err).contains(named),
        qPrintable(u"the message does not name "_s + origin + u": "_s + describe(r)));
}

// ---------------------------------------------------------------------------------------------------------------
// 3. info

void TstCli::infoText()
{
    const ProcessResult r = runCli({ u"info"_s, m_sample, u"--password"_s, SamplePassword });
    VERIFY_EXIT(r, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(RunId), qPrintable(out));
    const QJsonObject exception = m_manifest.value(u"exception_info"_s).toObject();
    const QString type = exception.value(u"type"_s).toString();
    const QString message = exception.value(u"message"_s).toString();
    QCOMPARE(type, u"SDKError"_s);
    QVERIFY(message.contains(u"Looker API returned 500"_s));
    QVERIFY2(out.contains(type), qPrintable(out));
    QVERIFY2(out.contains(message), qPrintable(out));
    // Prominent: the failure comes before the entry table, and in the first lines of the output.
    const qsizetype failure = out.indexOf(type);
    QVERIFY2(failure < out.indexOf(CassetteName), qPrintable(out));
    QVERIFY2(out.left(failure).count(u'\n') < 20, qPrintable(out));
    QVERIFY2(out.indexOf(message) < out.indexOf(CassetteName), qPrintable(out));
    // The entries with their checksum state are listed.
    for (const QString &name : { CassetteName, QueriesName, u"manifest.json"_s, u"recipe.yaml"_s })
        QVERIFY2(out.contains(name), qPrintable(out));
    QVERIFY2(!out.contains(u"mismatch"_s), qPrintable(out));
}

void TstCli::infoJson()
{
    const ProcessResult r = runCli({ u"info"_s, m_sample, u"--password"_s, SamplePassword, u"--json"_s });
    VERIFY_EXIT(r, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
    QJsonParseError error {};
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + describe(r)));

    for (auto it = m_manifest.constBegin(); it != m_manifest.constEnd(); ++it)
        QVERIFY2(o.value(it.key()) == it.value(),
            qPrintable(u"%1: %2 != %3"_s.arg(it.key(), jsonText(o.value(it.key())), jsonText(it.value()))));
    QCOMPARE(o.value(u"has_exception"_s), QJsonValue(true));
    QCOMPARE(o.value(u"checksums_ok"_s), QJsonValue(true));

    const QHash<QString, QString> expectedStates { { CassetteName, u"ok"_s }, { QueriesName, u"ok"_s },
        { u"manifest.json"_s, u"unlisted"_s }, { u"recipe.yaml"_s, u"unlisted"_s } };
    const QJsonArray entries = o.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 4);
    QSet<QString> seen;
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        const QString name = e.value(u"name"_s).toString();
        QVERIFY2(expectedStates.contains(name), qPrintable(name));
        seen.insert(name);
        for (const QString &key :
            { u"size"_s, u"compressed_size"_s, u"encryption"_s, u"method"_s, u"checksum"_s })
            QVERIFY2(e.contains(key), qPrintable(name + u" has no "_s + key));
        QCOMPARE(e.value(u"size"_s).toInteger(), QFileInfo(m_extracted + u'/' + name).size());
        QCOMPARE(e.value(u"compressed_size"_s).toInteger(), m_compressedSizes.value(name));
        QCOMPARE(e.value(u"encryption"_s).toString(), u"aes-256"_s);
        QCOMPARE(e.value(u"method"_s).toString(), u"lzma"_s);
        QCOMPARE(e.value(u"checksum"_s).toString(), expectedStates.value(name));
    }
    QCOMPARE(seen.size(), 4);
}

void TstCli::infoOnFolderMatchesArchive()
{
    const ProcessResult archive
        = runCli({ u"info"_s, m_sample, u"--password"_s, SamplePassword, u"--json"_s });
    VERIFY_EXIT(archive, 0);
    const ProcessResult folder = runCli({ u"info"_s, m_extracted, u"--json"_s });
    VERIFY_EXIT(folder, 0);
    QVERIFY2(folder.err.isEmpty(), qPrintable(describe(folder)));
    const QJsonObject a = QJsonDocument::fromJson(archive.out).object();
    const QJsonObject f = QJsonDocument::fromJson(folder.out).object();
    QVERIFY(!f.isEmpty());
    QStringList keys = m_manifest.keys();
    keys << u"has_exception"_s << u"checksums_ok"_s << u"files"_s;
    for (const QString &key : std::as_const(keys)) {
        QVERIFY2(f.contains(key), qPrintable(key));
        QVERIFY2(f.value(key) == a.value(key),
            qPrintable(
                u"%1: folder %2, archive %3"_s.arg(key, jsonText(f.value(key)), jsonText(a.value(key)))));
    }
    QCOMPARE(f.value(u"has_exception"_s), QJsonValue(true));
    QCOMPARE(f.value(u"checksums_ok"_s), QJsonValue(true));
    QHash<QString, QString> states;
    for (const QJsonValue &e : f.value(u"entries"_s).toArray())
        states.insert(e[u"name"_s].toString(), e[u"checksum"_s].toString());
    QCOMPARE(states.value(CassetteName), u"ok"_s);
    QCOMPARE(states.value(QueriesName), u"ok"_s);
}

void TstCli::checksumPrefix_data()
{
    QTest::addColumn<bool>("asArchive");
    QTest::addRow("extracted folder") << false;
    QTest::addRow("aeszip archive") << true;
}

void TstCli::checksumPrefix()
{
    QFETCH(bool, asArchive);
    QTemporaryDir scratch;
    const QString dir = scratch.path() + u"/prefixed"_s;
    QVERIFY(copyDir(m_extracted, dir));
    QJsonObject manifest = m_manifest;
    QJsonObject checksums;
    const QJsonObject original = m_manifest.value(u"checksums"_s).toObject();
    for (auto it = original.constBegin(); it != original.constEnd(); ++it)
        checksums.insert(it.key(), QString(u"sha256:"_s + it.value().toString()));
    QCOMPARE(checksums.size(), 2);
    manifest.insert(u"checksums"_s, checksums);
    QVERIFY(writeJson(dir + u"/manifest.json"_s, manifest));
    QString source = dir;
    if (asArchive) {
        source = scratch.path() + u"/prefixed.zip"_s;
        const QString problem = aeszipWriteProblem(source, {}, { u"--from-dir"_s, dir });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    const ProcessResult r = runCli({ u"info"_s, source, u"--password"_s, SamplePassword, u"--json"_s });
    VERIFY_EXIT(r, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"checksums_ok"_s), QJsonValue(true));
    QHash<QString, QString> states;
    for (const QJsonValue &e : o.value(u"entries"_s).toArray())
        states.insert(e[u"name"_s].toString(), e[u"checksum"_s].toString());
    QCOMPARE(states.value(CassetteName), u"ok"_s);
    QCOMPARE(states.value(QueriesName), u"ok"_s);
}

void TstCli::derivedManifestFields_data()
{
    QTest::addColumn<QStringList>("remove");
    QTest::addColumn<QJsonObject>("set");
    QTest::addColumn<bool>("hasException");
    QTest::addColumn<QStringList>("files");

    const QStringList derivedFiles { QueriesName, CassetteName };
    QTest::addRow("exception_info, no has_exception or files")
        << QStringList { u"has_exception"_s, u"files"_s } << QJsonObject() << true << derivedFiles;
    QTest::addRow("no exception_info, no has_exception or files")
        << QStringList { u"has_exception"_s, u"files"_s, u"exception_info"_s } << QJsonObject() << false
        << derivedFiles;
    QTest::addRow("explicit files and has_exception are kept")
        << QStringList { u"exception_info"_s }
        << QJsonObject { { u"files"_s, QJsonArray { CassetteName } }, { u"has_exception"_s, true } } << true
        << QStringList { CassetteName };
}

void TstCli::derivedManifestFields()
{
    QFETCH(QStringList, remove);
    QFETCH(QJsonObject, set);
    QFETCH(bool, hasException);
    QFETCH(QStringList, files);

    QTemporaryDir scratch;
    const QString dir = scratch.path() + u"/recording"_s;
    QVERIFY(copyDir(m_extracted, dir));
    QJsonObject manifest = m_manifest;
    for (const QString &key : std::as_const(remove))
        manifest.remove(key);
    for (auto it = set.constBegin(); it != set.constEnd(); ++it)
        manifest.insert(it.key(), it.value());
    QVERIFY(writeJson(dir + u"/manifest.json"_s, manifest));

    const ProcessResult r = runCli({ u"info"_s, dir, u"--json"_s });
    VERIFY_EXIT(r, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"has_exception"_s), QJsonValue(hasException));
    QStringList listed;
    for (const QJsonValue &f : o.value(u"files"_s).toArray())
        listed.append(f.toString());
    if (!set.contains(u"files"_s))
        listed.sort();
    QCOMPARE(listed, files);
    QCOMPARE(o.value(u"run_id"_s).toString(), RunId);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. extract

void TstCli::verifyMatchesSevenZip(const QString &dir)
{
    QVERIFY2(
        !m_sevenZipped.isEmpty(), "7z (p7zip-full) is not installed; packaging/install-deps.sh installs it");
    const QStringList files = listFiles(m_sevenZipped);
    QCOMPARE(listFiles(dir), files);
    for (const QString &file : files)
        QVERIFY2(readFile(dir + u'/' + file) == readFile(m_sevenZipped + u'/' + file),
            qPrintable(file + u" differs from 7z x"_s));
}

void TstCli::verifyPrivateModes(const QString &dir)
{
    QCOMPARE(permissionBits(dir), 0700);
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const int expected = it.fileInfo().isDir() ? 0700 : 0600;
        QVERIFY2(permissionBits(path) == expected,
            qPrintable(u"%1 has mode %2, expected %3"_s.arg(path)
                           .arg(permissionBits(path), 0, 8)
                           .arg(expected, 0, 8)));
    }
}

void TstCli::extract_data()
{
    QTest::addColumn<QString>("relativeOutput");
    QTest::addColumn<bool>("precreate");
    QTest::addRow("new folder") << u"out"_s << false;
    QTest::addRow("existing empty folder") << u"out"_s << true;
    QTest::addRow("missing parent folders") << u"a/b/out"_s << false;
}

void TstCli::extract()
{
    QFETCH(QString, relativeOutput);
    QFETCH(bool, precreate);
    QTemporaryDir scratch;
    const QString output = scratch.path() + u'/' + relativeOutput;
    if (precreate)
        QVERIFY(QDir().mkpath(output));

    const ProcessResult r
        = runCli({ u"extract"_s, m_sample, u"--password"_s, SamplePassword, u"--output-dir"_s, output });
    VERIFY_EXIT(r, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
    CHECK(verifyMatchesSevenZip(output));
    CHECK(verifyPrivateModes(output));
    // The staging folder is gone: the output's parent holds the output only.
    QCOMPARE(QDir(QFileInfo(output).absolutePath())
                 .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
        QStringList { u"out"_s });
}

void TstCli::extractRefusesNonEmptyFolder()
{
    QTemporaryDir scratch;
    const QString output = scratch.path() + u"/out"_s;
    QVERIFY(writeFile(output + u"/manifest.json"_s, "mine\n"));
    QVERIFY(writeFile(output + u"/keep.txt"_s, "keep me\n"));
    QVERIFY(writeFile(output + u'/' + CassetteName, "old cassette\n"));
    const QStringList before = listEverything(scratch.path());

    const ProcessResult r
        = runCli({ u"extract"_s, m_sample, u"--password"_s, SamplePassword, u"--output-dir"_s, output });
    VERIFY_EXIT(r, 5);
    const QString problem = errorLineProblem(r, output, { u"not empty|exists"_s, u"--force"_s });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(listEverything(scratch.path()), before);
    QCOMPARE(readFile(output + u"/manifest.json"_s), QByteArray("mine\n"));
    QCOMPARE(readFile(output + u"/keep.txt"_s), QByteArray("keep me\n"));
    QCOMPARE(readFile(output + u'/' + CassetteName), QByteArray("old cassette\n"));
}

void TstCli::extractForceReplacesSameNamedFiles()
{
    QVERIFY2(!m_sevenZipped.isEmpty(), "7z (p7zip-full) is not installed");
    QTemporaryDir scratch;
    const QString output = scratch.path() + u"/out"_s;
    QVERIFY(writeFile(output + u"/manifest.json"_s, "mine\n"));
    QVERIFY(writeFile(output + u"/keep.txt"_s, "keep me\n"));
    QVERIFY(writeFile(output + u'/' + CassetteName, "old cassette\n"));

    const ProcessResult r = runCli(
        { u"extract"_s, m_sample, u"--password"_s, SamplePassword, u"--output-dir"_s, output, u"--force"_s });
    VERIFY_EXIT(r, 0);
    QCOMPARE(listFiles(output),
        (QStringList { QueriesName, CassetteName, u"keep.txt"_s, u"manifest.json"_s, u"recipe.yaml"_s }));
    for (const QString &file : listFiles(m_sevenZipped)) {
        QVERIFY2(readFile(output + u'/' + file) == readFile(m_sevenZipped + u'/' + file), qPrintable(file));
        QCOMPARE(permissionBits(output + u'/' + file), 0600);
    }
    QCOMPARE(readFile(output + u"/keep.txt"_s), QByteArray("keep me\n"));
    QCOMPARE(listEverything(scratch.path()).filter(u".tapedeck-extract-"_s), QStringList());
    QCOMPARE(QDir(scratch.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList { u"out"_s });
}

// ---------------------------------------------------------------------------------------------------------------
// 5. pack

void TstCli::pack_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("method");
    QTest::addRow("default (deflate)") << QStringList() << u"deflate"_s;
    QTest::addRow("--store") << QStringList { u"--store"_s } << u"store"_s;
}

void TstCli::pack()
{
    QFETCH(QStringList, options);
    QFETCH(QString, method);
    QVERIFY2(!sevenZip().isEmpty(), "7z (p7zip-full) is not installed");
    const QString password = u"pack-password"_s;

    // The extracted sample with a stale checksum table (a wrong digest, a vanished file, a new file not
    // listed) and an unknown manifest key that must survive.
    QTemporaryDir scratch;
    const QString source = scratch.path() + u"/source"_s;
    QVERIFY(copyDir(m_extracted, source));
    QVERIFY(writeFile(source + u"/http/extra.bin"_s, pseudoRandom(5000, 7)));
    QJsonObject manifest = m_manifest;
    QJsonObject stale = manifest.value(u"checksums"_s).toObject();
    stale.insert(CassetteName, QString(64, u'0'));
    stale.insert(u"gone.txt"_s, QString(64, u'1'));
    manifest.insert(u"checksums"_s, stale);
    manifest.insert(u"custom_note"_s, QJsonObject { { u"kept"_s, true }, { u"by"_s, u"pack"_s } });
    QVERIFY(writeJson(source + u"/manifest.json"_s, manifest));

    const QString outDir = scratch.path() + u"/packed"_s;
    QVERIFY(QDir().mkpath(outDir));
    const QString archive = outDir + u"/recording.zip"_s;
    const ProcessResult r = runCli(
        QStringList { u"pack"_s, source, u"--output"_s, archive, u"--password"_s, password } + options);
    VERIFY_EXIT(r, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
    QCOMPARE(listEverything(outDir), QStringList { u"recording.zip"_s }); // no temporary files beside it

    // 7-Zip reads it byte-identically, except the manifest whose checksum table is fresh.
    const QString unpacked = scratch.path() + u"/7z"_s;
    const ProcessResult x
        = run(sevenZip(), { u"x"_s, u"-y"_s, u"-p"_s + password, u"-o"_s + unpacked, archive });
    QVERIFY2(x.exitCode == 0, qPrintable(describe(x)));
    const QStringList files = listFiles(source);
    QCOMPARE(listFiles(unpacked), files);
    for (const QString &file : files) {
        if (file != u"manifest.json"_s)
            QVERIFY2(readFile(unpacked + u'/' + file) == readFile(source + u'/' + file), qPrintable(file));
    }
    QJsonParseError error {};
    const QJsonObject packed
        = QJsonDocument::fromJson(readFile(unpacked + u"/manifest.json"_s), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject checksums = packed.value(u"checksums"_s).toObject();
    for (auto it = checksums.constBegin(); it != checksums.constEnd(); ++it) {
        QVERIFY2(files.contains(it.key()) && it.key() != u"manifest.json"_s,
            qPrintable(u"stale checksum entry "_s + it.key()));
        QCOMPARE(it.value().toString(), sha256Hex(readFile(source + u'/' + it.key())));
    }
    for (const QString &file : files) {
        if (file != u"manifest.json"_s && file != u"recipe.yaml"_s)
            QVERIFY2(checksums.contains(file), qPrintable(file + u" is not in the fresh checksum table"_s));
    }
    for (auto it = manifest.constBegin(); it != manifest.constEnd(); ++it) {
        if (it.key() != u"checksums"_s)
            QVERIFY2(packed.value(it.key()) == it.value(),
                qPrintable(u"%1 was not preserved: %2"_s.arg(it.key(), jsonText(packed.value(it.key())))));
    }

    // pyzipper's reader rules accept it.
    const ProcessResult read = aeszip({ u"read"_s, u"--password"_s, password, archive });
    QVERIFY2(read.exitCode == 0, qPrintable(describe(read)));
    QStringList readNames;
    for (const QByteArray &line : read.out.trimmed().split('\n')) {
        const QList<QByteArray> fields = line.split('\t');
        QCOMPARE(fields.size(), 3);
        const QString name = QString::fromUtf8(fields.at(0));
        readNames.append(name);
        QCOMPARE(QString::fromLatin1(fields.at(2)), sha256Hex(readFile(unpacked + u'/' + name)));
    }
    readNames.sort();
    QCOMPARE(readNames, files);

    // Tapedeck reads it back with the requested method, AES-256 and matching checksums.
    const ProcessResult info = runCli({ u"info"_s, archive, u"--password"_s, password, u"--json"_s });
    VERIFY_EXIT(info, 0);
    const QJsonObject o = QJsonDocument::fromJson(info.out).object();
    QCOMPARE(o.value(u"checksums_ok"_s), QJsonValue(true));
    const QJsonArray entries = o.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), files.size());
    for (const QJsonValue &e : entries) {
        QCOMPARE(e[u"method"_s].toString(), method);
        QCOMPARE(e[u"encryption"_s].toString(), u"aes-256"_s);
    }
}

void TstCli::packRefusesExistingArchive()
{
    QTemporaryDir scratch;
    const QString archive = scratch.path() + u"/existing.zip"_s;
    QVERIFY(writeFile(archive, "an older archive\n"));

    ProcessResult r
        = runCli({ u"pack"_s, m_extracted, u"--output"_s, archive, u"--password"_s, SamplePassword });
    VERIFY_EXIT(r, 5);
    const QString problem = errorLineProblem(r, u"existing.zip"_s, { u"exists"_s, u"--force"_s });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(readFile(archive), QByteArray("an older archive\n"));
    QCOMPARE(listEverything(scratch.path()), QStringList { u"existing.zip"_s });

    r = runCli(
        { u"pack"_s, m_extracted, u"--output"_s, archive, u"--password"_s, SamplePassword, u"--force"_s });
    VERIFY_EXIT(r, 0);
    QCOMPARE(listEverything(scratch.path()), QStringList { u"existing.zip"_s });
    r = runCli({ u"info"_s, archive, u"--password"_s, SamplePassword });
    VERIFY_EXIT(r, 0);
    QVERIFY2(r.out.contains(RunId.toUtf8()), qPrintable(describe(r)));
}

// ---------------------------------------------------------------------------------------------------------------
// 6. list

void TstCli::listText_data()
{
    QTest::addColumn<bool>("withPassword");
    QTest::addRow("without a password") << false;
    QTest::addRow("with DATAHUB_RECORDING_PASSWORD") << true;
}

void TstCli::listText()
{
    QFETCH(bool, withPassword);
    QProcessEnvironment env;
    if (withPassword)
        env.insert(u"DATAHUB_RECORDING_PASSWORD"_s, SamplePassword);
    // A catalog of its own: one that read the archive with a password before remembers its manifest.
    const QTemporaryDir catalog;
    env.insert(u"TAPEDECK_CATALOG"_s, catalog.filePath(u"catalog.sqlite"_s));
    const ProcessResult r = runCli({ u"list"_s, m_listDir }, env);
    VERIFY_EXIT(r, 0);
    const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
    const auto lineOf = [&](const QString &file) {
        const QStringList found
            = lines.filter(QRegularExpression(QRegularExpression::escape(file) + u"\\s*$"_s));
        return found.size() == 1 ? found.first() : QString();
    };
    const QString createdAt = m_manifest.value(u"created_at"_s).toString();
    QVERIFY(!createdAt.isEmpty());

    const QString archiveLine = lineOf(u"recording-"_s + RunId + u".zip"_s);
    QVERIFY2(!archiveLine.isEmpty(), qPrintable(describe(r)));
    QVERIFY2(archiveLine.startsWith(RunId),
        qPrintable(archiveLine)); // the run id column, from the file name when locked
    if (withPassword) {
        QVERIFY2(archiveLine.contains(u" looker "_s), qPrintable(archiveLine));
        QVERIFY2(archiveLine.contains(createdAt), qPrintable(archiveLine));
        QVERIFY2(archiveLine.contains(u"FAILED"_s), qPrintable(archiveLine));
    } else {
        QVERIFY2(archiveLine.contains(u"locked"_s, Qt::CaseInsensitive), qPrintable(archiveLine));
        QVERIFY2(!archiveLine.contains(createdAt), qPrintable(archiveLine));
    }
    const QString folderLine = lineOf(u"extracted-run"_s);
    QVERIFY2(folderLine.startsWith(RunId), qPrintable(describe(r)));
    QVERIFY2(folderLine.contains(u" looker "_s) && folderLine.contains(createdAt)
            && folderLine.contains(u"FAILED"_s),
        qPrintable(folderLine));
    QVERIFY2(!lineOf(u"corrupt.zip"_s).isEmpty(), qPrintable(describe(r)));
    QVERIFY2(!r.out.contains("notes.txt"), qPrintable(describe(r)));

    // The corrupt archive is reported in one clear line that names it once.
    const QString problem = errorLineProblem(r, u"corrupt.zip"_s, { u"truncated|damaged|corrupt"_s });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(QString::fromUtf8(r.err).count(u"corrupt.zip"_s) == 1,
        qPrintable(u"the file is named twice: "_s + describe(r)));
}

void TstCli::listJson_data()
{
    QTest::addColumn<bool>("withPassword");
    QTest::addColumn<bool>("fromEnvironment");
    QTest::addRow("folder argument, no password") << false << false;
    QTest::addRow("folder argument, DATAHUB_RECORDING_PASSWORD") << true << false;
    QTest::addRow("INGESTION_ARTIFACT_DIR, no password") << false << true;
    QTest::addRow("INGESTION_ARTIFACT_DIR, DATAHUB_RECORDING_PASSWORD") << true << true;
}

void TstCli::listJson()
{
    QFETCH(bool, withPassword);
    QFETCH(bool, fromEnvironment);
    QProcessEnvironment env;
    if (withPassword)
        env.insert(u"DATAHUB_RECORDING_PASSWORD"_s, SamplePassword);
    QStringList arguments { u"list"_s, u"--json"_s };
    if (fromEnvironment)
        env.insert(u"INGESTION_ARTIFACT_DIR"_s, m_listDir);
    else
        arguments.append(m_listDir);
    const QTemporaryDir catalog; // a catalog of its own (see listText)
    env.insert(u"TAPEDECK_CATALOG"_s, catalog.filePath(u"catalog.sqlite"_s));
    const ProcessResult r = runCli(arguments, env);
    VERIFY_EXIT(r, 0);

    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && doc.isArray(),
        qPrintable(error.errorString() + describe(r)));
    QHash<QString, QJsonObject> byFile;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        for (const QString &key :
            { u"path"_s, u"run_id"_s, u"source_type"_s, u"created_at"_s, u"has_exception"_s })
            QVERIFY2(o.contains(key), qPrintable(u"no \"%1\" in %2"_s.arg(key, jsonText(o))));
        byFile.insert(QFileInfo(o.value(u"path"_s).toString()).fileName(), o);
    }
    const QString archiveName = u"recording-"_s + RunId + u".zip"_s;
    QCOMPARE(QSet<QString>(byFile.keyBegin(), byFile.keyEnd()),
        (QSet<QString> { archiveName, u"extracted-run"_s, u"corrupt.zip"_s }));

    const QString createdAt = m_manifest.value(u"created_at"_s).toString();
    const QJsonObject archive = byFile.value(archiveName);
    QCOMPARE(archive.value(u"run_id"_s).toString(), RunId);
    if (withPassword) {
        QCOMPARE(archive.value(u"source_type"_s).toString(), u"looker"_s);
        QCOMPARE(archive.value(u"created_at"_s).toString(), createdAt);
        QCOMPARE(archive.value(u"has_exception"_s), QJsonValue(true));
    } else {
        // Locked: only what the file name tells; nothing is guessed.
        QVERIFY2(archive.value(u"source_type"_s).isNull(), qPrintable(jsonText(archive)));
        QVERIFY2(archive.value(u"created_at"_s).isNull(), qPrintable(jsonText(archive)));
        QVERIFY2(archive.value(u"has_exception"_s).isNull(), qPrintable(jsonText(archive)));
    }
    const QJsonObject folder = byFile.value(u"extracted-run"_s);
    QCOMPARE(folder.value(u"run_id"_s).toString(), RunId);
    QCOMPARE(folder.value(u"source_type"_s).toString(), u"looker"_s);
    QCOMPARE(folder.value(u"created_at"_s).toString(), createdAt);
    QCOMPARE(folder.value(u"has_exception"_s), QJsonValue(true));
    QVERIFY2(byFile.value(u"corrupt.zip"_s).value(u"run_id"_s).isNull(),
        qPrintable(jsonText(byFile.value(u"corrupt.zip"_s))));
}

// Interactive entry on a real pseudo-terminal (tests/tools/ptydrive.py answers the prompts).
static ProcessResult onTerminal(const QStringList &answers, const QStringList &command)
{
    QStringList arguments { QStringLiteral(TAPEDECK_TEST_TOOLS "/ptydrive.py") };
    for (const QString &a : answers)
        arguments << u"--answer"_s << a;
    arguments << u"--"_s << QStringLiteral(TAPEDECK_CLI) << command;
    return run(u"/usr/bin/python3"_s, arguments, {}, cliEnvironment());
}

void TstCli::passwordPrompt_data()
{
    QTest::addColumn<QStringList>("answers");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("prompts");
    QTest::addRow("right first") << QStringList { SamplePassword } << 0 << 1;
    QTest::addRow("wrong, then right") << QStringList { u"nope-4711"_s, SamplePassword } << 0 << 2;
    QTest::addRow("three wrong") << QStringList { u"nope-4711"_s, u"nope-4712"_s, u"nope-4713"_s } << 3 << 3;
}

void TstCli::passwordPrompt()
{
    QFETCH(QStringList, answers);
    QFETCH(int, exitCode);
    QFETCH(int, prompts);
    const ProcessResult r = onTerminal(answers, { u"info"_s, m_sample });
    QCOMPARE(r.exitCode, exitCode);
    const QString transcript = QString::fromUtf8(r.out);
    QCOMPARE(transcript.count(u"Password for sample-recording.zip"_s), prompts);
    // Echo is off: nothing typed appears on the terminal.
    for (const QString &a : answers)
        QVERIFY2(!transcript.contains(a), qPrintable(transcript));
    if (exitCode == 0)
        QVERIFY(transcript.contains(RunId));
    else
        QVERIFY(transcript.contains(u"wrong password"_s));
}

void TstCli::packPromptConfirms_data()
{
    QTest::addColumn<QString>("repeat");
    QTest::addColumn<int>("exitCode");
    QTest::addRow("matching") << u"n3w-Passwört"_s << 0;
    QTest::addRow("differing") << u"something-else"_s << 3;
}

void TstCli::packPromptConfirms()
{
    QFETCH(QString, repeat);
    QFETCH(int, exitCode);
    QTemporaryDir work;
    const QString source = work.filePath(u"rec"_s);
    QCOMPARE(runCli({ u"extract"_s, m_sample, u"--output-dir"_s, source, u"--password"_s, SamplePassword })
                 .exitCode,
        0);
    const QString zip = work.filePath(u"packed.zip"_s);
    const ProcessResult r
        = onTerminal({ u"n3w-Passwört"_s, repeat }, { u"pack"_s, source, u"--output"_s, zip });
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(!QString::fromUtf8(r.out).contains(u"n3w-Passw"_s));
    QCOMPARE(QFileInfo::exists(zip), exitCode == 0);
    if (exitCode == 0) {
        const ProcessResult info = runCli({ u"info"_s, zip, u"--password"_s, u"n3w-Passwört"_s });
        QCOMPARE(info.exitCode, 0);
    } else {
        QVERIFY(QString::fromUtf8(r.out).contains(u"differ"_s));
    }
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
