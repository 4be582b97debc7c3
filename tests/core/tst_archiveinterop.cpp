// SPDX-License-Identifier: MIT
// Interoperability with real writers and readers: 7-Zip archives (every AES strength × method), archives
// in pyzipper 0.3.6's layout (AE-1 with real CRC, LZMA with end marker), and packed archives read back by
// 7-Zip and by pyzipper's reader rules.
#include "core/archive/packer.h"
#include "core/archive/ziparchive.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace tapedeck;

namespace {

// 7-Zip refuses non-ASCII passwords for ZIP AES (E_INVALIDARG); the UTF-8 case runs with pyzipper layout.
const QString Password = QStringLiteral("p455-w0rd");
const QString Utf8Password = QStringLiteral("pä55-wört-密码");

struct Tree
{
    QTemporaryDir dir;
    QStringList names;
};

// Files of every interesting shape: tiny, empty, multi-megabyte compressible, incompressible, non-ASCII.
void fillTree(const QString &root)
{
    test::writeFile(root + QStringLiteral("/tiny.txt"), "hi\n");
    test::writeFile(root + QStringLiteral("/empty.json"), QByteArray());
    test::writeFile(root + QStringLiteral("/http/cassette.yaml"), test::jsonLines(3 * 1024 * 1024, 1));
    test::writeFile(root + QStringLiteral("/db/noise.bin"), test::pseudoRandom(1024 * 1024 + 17, 2));
    test::writeFile(root + QStringLiteral("/daten/Umsätze-売上.json"), "{\"Umsätze\": \"売上\"}\n");
}

Result<QByteArray> readEntry(ZipArchive &archive, const QString &name)
{
    const ZipEntry *e = archive.find(name);
    if (!e)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no entry ") + name);
    return archive.readAll(*e);
}

// Compares every file below expectedRoot with the archive's entry of the same name.
void compareWithTree(ZipArchive &archive, const QString &expectedRoot)
{
    const QStringList files = test::listFiles(expectedRoot);
    QVERIFY(!files.isEmpty());
    int compared = 0;
    for (const QString &file : files) {
        const Result<QByteArray> data = readEntry(archive, file);
        QVERIFY2(data.ok(),
            qPrintable(file + QStringLiteral(": ") + (data.ok() ? QString() : data.error().message)));
        QVERIFY2(*data == test::readFile(expectedRoot + QLatin1Char('/') + file), qPrintable(file));
        ++compared;
    }
    QCOMPARE(compared, files.size());
}

// Finds the central directory header of the named entry (test archives are small and simple).
qsizetype centralHeader(const QByteArray &zip, const QByteArray &name)
{
    for (qsizetype at = zip.lastIndexOf("PK\x01\x02"); at >= 0; at = zip.lastIndexOf("PK\x01\x02", at - 1)) {
        const quint16 nameLength = qFromLittleEndian<quint16>(zip.constData() + at + 28);
        if (zip.mid(at + 46, nameLength) == name)
            return at;
    }
    return -1;
}

} // namespace

class TestArchiveInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::sevenZip().isEmpty(), "7z is missing: run packaging/install-deps.sh");
        QVERIFY2(test::aeszip({ QStringLiteral("--help") }).exitCode == 0,
            "Debian's python3 with python3-cryptography is missing");
        fillTree(m_tree.path());
    }

    void sevenZip_data()
    {
        QTest::addColumn<QString>("encryption");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("expectedMethod");
        for (const char *e : { "AES128", "AES192", "AES256" }) {
            QTest::addRow("%s store", e) << QString::fromLatin1(e) << QStringLiteral("Copy") << 0;
            QTest::addRow("%s deflate", e) << QString::fromLatin1(e) << QStringLiteral("Deflate") << 8;
            QTest::addRow("%s lzma", e) << QString::fromLatin1(e) << QStringLiteral("LZMA") << 14;
            QTest::addRow("%s bzip2", e) << QString::fromLatin1(e) << QStringLiteral("BZip2") << 12;
        }
    }

    void sevenZip()
    {
        QFETCH(QString, encryption);
        QFETCH(QString, method);
        QFETCH(int, expectedMethod);
        QTemporaryDir work;
        const QString zip = work.filePath(QStringLiteral("7z.zip"));
        const test::ProcessResult made = test::run(test::sevenZip(),
            { QStringLiteral("a"), QStringLiteral("-tzip"), QStringLiteral("-mm=") + method,
                QStringLiteral("-mem=") + encryption, QStringLiteral("-p") + Password,
                QStringLiteral("-mcu=on"), zip, QStringLiteral("*") },
            m_tree.path());
        QVERIFY2(made.exitCode == 0, made.err.constData());
        // 7-Zip's own extraction is the reference.
        const QString reference = work.filePath(QStringLiteral("x"));
        const test::ProcessResult extracted = test::run(test::sevenZip(),
            { QStringLiteral("x"), QStringLiteral("-o") + reference, QStringLiteral("-p") + Password, zip });
        QVERIFY2(extracted.exitCode == 0, extracted.err.constData());

        auto archive = ZipArchive::open(zip);
        QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().message));
        QVERIFY((*archive)->isEncrypted());
        (*archive)->setPassword(Password);
        QVERIFY((*archive)->verifyPassword().ok());
        compareWithTree(**archive, reference);

        const ZipEntry *big = (*archive)->find(QStringLiteral("http/cassette.yaml"));
        QVERIFY(big);
        QCOMPARE(int(big->method), expectedMethod);
        QCOMPARE(big->aesVendorVersion, 2); // 7-Zip writes AE-2 with a zero CRC
        QVERIFY(!big->verifiesCrc);
        const Encryption expected = encryption == QLatin1String("AES128") ? Encryption::Aes128
            : encryption == QLatin1String("AES192")                       ? Encryption::Aes192
                                                                          : Encryption::Aes256;
        QCOMPARE(big->encryption, expected);
        QVERIFY((*archive)->find(QStringLiteral("daten/Umsätze-売上.json")));
    }

    void pyzipperLayout_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("strength");
        QTest::addColumn<int>("aeVersion");
        for (const char *m : { "lzma", "deflate", "bzip2", "store" }) {
            for (const int strength : { 1, 2, 3 }) {
                QTest::addRow("%s AES-%d AE-1", m, 64 + 64 * strength)
                    << QString::fromLatin1(m) << strength << 1;
                QTest::addRow("%s AES-%d AE-2", m, 64 + 64 * strength)
                    << QString::fromLatin1(m) << strength << 2;
            }
        }
    }

    void pyzipperLayout()
    {
        QFETCH(QString, method);
        QFETCH(int, strength);
        QFETCH(int, aeVersion);
        QTemporaryDir work;
        const QString zip = work.filePath(QStringLiteral("py.zip"));
        const test::ProcessResult made = test::aeszip({ QStringLiteral("write"), QStringLiteral("--password"),
            Utf8Password, QStringLiteral("--method"), method, QStringLiteral("--strength"),
            QString::number(strength), QStringLiteral("--ae-version"), QString::number(aeVersion),
            QStringLiteral("--output"), zip, QStringLiteral("--from-dir"), m_tree.path() });
        QVERIFY2(made.exitCode == 0, made.err.constData());
        auto archive = ZipArchive::open(zip);
        QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().message));
        (*archive)->setPassword(Utf8Password);
        compareWithTree(**archive, m_tree.path());
        const ZipEntry *big = (*archive)->find(QStringLiteral("http/cassette.yaml"));
        QCOMPARE(big->aesVendorVersion, aeVersion);
        QCOMPARE(big->verifiesCrc, aeVersion == 1);
        if (aeVersion == 1)
            QVERIFY(big->crc != 0);
        if (method == QLatin1String("lzma"))
            QCOMPARE(int(big->flags), 0x0003);
    }

    void ae1CrcIsChecked()
    {
        // pyzipper 0.3.6 stores the real CRC with AE-1: a wrong one must be caught after decryption.
        QTemporaryDir work;
        const QString zip = work.filePath(QStringLiteral("crc.zip"));
        QVERIFY(
            test::aeszip({ QStringLiteral("write"), QStringLiteral("--password"), Password,
                             QStringLiteral("--output"), zip, QStringLiteral("--from-dir"), m_tree.path() })
                .exitCode
            == 0);
        QByteArray bytes = test::readFile(zip);
        const qsizetype central = centralHeader(bytes, "http/cassette.yaml");
        QVERIFY(central > 0);
        const quint32 localOffset = qFromLittleEndian<quint32>(bytes.constData() + central + 42);
        bytes[central + 16] = char(bytes.at(central + 16) ^ 0x01);
        bytes[qsizetype(localOffset) + 14] = char(bytes.at(qsizetype(localOffset) + 14) ^ 0x01);
        QVERIFY(test::writeFile(zip, bytes));
        auto archive = ZipArchive::open(zip);
        QVERIFY(archive.ok());
        (*archive)->setPassword(Password);
        const Result<QByteArray> data = readEntry(**archive, QStringLiteral("http/cassette.yaml"));
        QVERIFY(!data.ok());
        QCOMPARE(data.error().code, ErrorCode::InvalidInput);
        QVERIFY2(data.error().message.contains(QLatin1String("CRC")), qPrintable(data.error().message));
        QVERIFY(readEntry(**archive, QStringLiteral("tiny.txt")).ok());
    }

    void plainZipAndMemory()
    {
        QTemporaryDir work;
        const QString zip = work.filePath(QStringLiteral("plain.zip"));
        QVERIFY(
            test::aeszip({ QStringLiteral("write"), QStringLiteral("--no-encrypt"),
                             QStringLiteral("--method"), QStringLiteral("lzma"), QStringLiteral("--output"),
                             zip, QStringLiteral("--from-dir"), m_tree.path() })
                .exitCode
            == 0);
        auto archive = ZipArchive::fromData(test::readFile(zip), QStringLiteral("plain.zip"));
        QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().message));
        QVERIFY(!(*archive)->isEncrypted());
        QVERIFY((*archive)->verifyPassword().ok());
        compareWithTree(**archive, m_tree.path());
    }

    void packIsReadBySevenZipAndPyzipperRules_data()
    {
        QTest::addColumn<bool>("store");
        QTest::addRow("deflate") << false;
        QTest::addRow("store") << true;
    }

    void packIsReadBySevenZipAndPyzipperRules()
    {
        QFETCH(bool, store);
        QTemporaryDir work;
        const QString source = work.filePath(QStringLiteral("rec"));
        fillTree(source);
        QVERIFY(test::writeFile(source + QStringLiteral("/manifest.json"),
            "{\"format_version\": \"1.0.0\", \"run_id\": \"r1\", \"checksums\": {}}"));
        QVERIFY(test::writeFile(source + QStringLiteral("/recipe.yaml"), "source:\n  type: looker\n"));
        const QString zip = work.filePath(QStringLiteral("packed.zip"));
        PackOptions options;
        options.sourceDir = source;
        options.output = zip;
        options.password = Password;
        options.store = store;
        const Result<PackReport> report = Packer::pack(options);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->files.mid(0, 2),
            (QStringList { QStringLiteral("manifest.json"), QStringLiteral("recipe.yaml") }));
        QVERIFY(!report->checksums.contains(QStringLiteral("manifest.json")));
        QVERIFY(!report->checksums.contains(QStringLiteral("recipe.yaml")));
        QCOMPARE(report->checksums.size(), 5);

        const QString out = work.filePath(QStringLiteral("7z-out"));
        const test::ProcessResult extracted = test::run(test::sevenZip(),
            { QStringLiteral("x"), QStringLiteral("-o") + out, QStringLiteral("-p") + Password, zip });
        QVERIFY2(extracted.exitCode == 0, extracted.err.constData());
        const QStringList files = test::listFiles(source);
        QCOMPARE(test::listFiles(out), files);
        for (const QString &f : files) {
            if (f != QLatin1String("manifest.json"))
                QVERIFY2(test::readFile(out + QLatin1Char('/') + f)
                        == test::readFile(source + QLatin1Char('/') + f),
                    qPrintable(f));
        }
        // The manifest gained a fresh checksum table that matches what 7-Zip extracted.
        const QByteArray manifest = test::readFile(out + QStringLiteral("/manifest.json"));
        QVERIFY(manifest.contains("\"run_id\": \"r1\""));
        const QByteArray expectedLine = QByteArray("\"http/cassette.yaml\": \"")
            + Sha256Hex(test::readFile(source + QStringLiteral("/http/cassette.yaml")));
        QVERIFY(manifest.contains(expectedLine));

        const test::ProcessResult pyzipper
            = test::aeszip({ QStringLiteral("read"), QStringLiteral("--password"), Password, zip });
        QVERIFY2(pyzipper.exitCode == 0, pyzipper.err.constData());
        QCOMPARE(pyzipper.out.count('\n'), qsizetype(files.size()));
        QVERIFY(!test::aeszip(
                    { QStringLiteral("read"), QStringLiteral("--password"), QStringLiteral("wrong"), zip })
                     .exitCode
            == 0);

        auto archive = ZipArchive::open(zip);
        QVERIFY(archive.ok());
        QCOMPARE(int((*archive)->find(QStringLiteral("http/cassette.yaml"))->method), store ? 0 : 8);
        QCOMPARE((*archive)->find(QStringLiteral("http/cassette.yaml"))->encryption, Encryption::Aes256);
    }

    void damage()
    {
        QTemporaryDir work;
        const QString zip = work.filePath(QStringLiteral("d.zip"));
        QVERIFY(
            test::aeszip({ QStringLiteral("write"), QStringLiteral("--password"), Password,
                             QStringLiteral("--output"), zip, QStringLiteral("--from-dir"), m_tree.path() })
                .exitCode
            == 0);
        const QByteArray good = test::readFile(zip);

        // Wrong and missing passwords are password errors, caught by the verifier before any decryption.
        auto archive = ZipArchive::open(zip);
        QVERIFY(archive.ok());
        const Status missing = (*archive)->verifyPassword();
        QCOMPARE(missing.error().code, ErrorCode::Password);
        (*archive)->setPassword(QStringLiteral("wrong"));
        const Status wrong = (*archive)->verifyPassword();
        QCOMPARE(wrong.error().code, ErrorCode::Password);
        QVERIFY(wrong.error().message.contains(QLatin1String("wrong password")));

        // A flipped ciphertext byte fails the HMAC.
        QByteArray flipped = good;
        const qsizetype central = centralHeader(flipped, "http/cassette.yaml");
        const quint32 local = qFromLittleEndian<quint32>(flipped.constData() + central + 42);
        const qsizetype dataStart = qsizetype(local) + 30
            + qFromLittleEndian<quint16>(flipped.constData() + local + 26)
            + qFromLittleEndian<quint16>(flipped.constData() + local + 28);
        flipped[dataStart + 16 + 2 + 1000] = char(flipped.at(dataStart + 16 + 2 + 1000) ^ 0x20);
        QVERIFY(test::writeFile(zip, flipped));
        archive = ZipArchive::open(zip);
        QVERIFY(archive.ok());
        (*archive)->setPassword(Password);
        const Result<QByteArray> tampered = readEntry(**archive, QStringLiteral("http/cassette.yaml"));
        QVERIFY(!tampered.ok());
        QCOMPARE(tampered.error().code, ErrorCode::InvalidInput);
        QVERIFY2(
            tampered.error().message.contains(QLatin1String("HMAC")), qPrintable(tampered.error().message));
        QVERIFY(readEntry(**archive, QStringLiteral("tiny.txt")).ok());

        // Truncated: the directory is gone.
        QVERIFY(test::writeFile(zip, good.left(good.size() / 2)));
        const auto truncated = ZipArchive::open(zip);
        QVERIFY(!truncated.ok());
        QCOMPARE(truncated.error().code, ErrorCode::InvalidInput);
        QVERIFY2(truncated.error().message.contains(QLatin1String("truncated")),
            qPrintable(truncated.error().message));

        // Not a ZIP at all.
        QVERIFY(test::writeFile(zip, "just some text\n"));
        const auto text = ZipArchive::open(zip);
        QVERIFY(!text.ok());
        QVERIFY2(text.error().message.contains(QLatin1String("not a ZIP")), qPrintable(text.error().message));
    }

private:
    static QByteArray Sha256Hex(const QByteArray &data);
    QTemporaryDir m_tree;
};

QByteArray TestArchiveInterop::Sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QTEST_GUILESS_MAIN(TestArchiveInterop)
#include "tst_archiveinterop.moc"
