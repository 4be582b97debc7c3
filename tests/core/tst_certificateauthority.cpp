// SPDX-License-Identifier: MIT
// Tests the replay CA (DESIGN.md §7): its files and their permissions, refusal of unsafe, corrupt or
// mismatched files, and its leaves checked by real peers — `openssl verify -x509_strict`, a Qt TLS handshake
// and Debian's Python ssl with VERIFY_X509_STRICT.
#include "core/replay/certificateauthority.h"
#include "testsupport.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <sys/stat.h>
#include <thread>
#include <vector>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

const QString Python = u"/usr/bin/python3"_s;

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QString octal(int mode)
{
    return u"0"_s + QString::number(mode, 8);
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

ProcessResult openssl(const QStringList &arguments)
{
    return run(u"openssl"_s, arguments);
}

QString describe(const ProcessResult &r)
{
    return u"exit %1\n--- stdout ---\n%2\n--- stderr ---\n%3"_s.arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

// A leaf served by a QSslServer on 127.0.0.1 (one port, any number of connections).
class LeafServer
{
public:
    explicit LeafServer(const CertificateAuthority::Leaf &leaf)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(leaf.certificate);
        config.setPrivateKey(leaf.key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(config);
        QObject::connect(&m_server, &QSslServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                // Anything the client says is answered with "ok\n", then the server closes.
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("ok\n");
                    socket->disconnectFromHost();
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

private:
    QSslServer m_server;
};

struct HandshakeOutcome
{
    bool encrypted = false;
    QStringList errors;
};

HandshakeOutcome handshake(quint16 port, const QSslCertificate &trusted, const QString &peerName)
{
    QSslSocket client;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({ trusted }); // this CA only, not the system's
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    client.setSslConfiguration(config);
    HandshakeOutcome outcome;
    QObject::connect(&client, &QSslSocket::sslErrors, &client, [&](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            outcome.errors << e.errorString();
    });
    bool failed = false;
    QByteArray answer;
    QObject::connect(&client, &QSslSocket::errorOccurred, &client, [&] { failed = true; });
    QObject::connect(&client, &QSslSocket::encrypted, &client, [&] {
        outcome.encrypted = true;
        client.write("hello\n");
    });
    QObject::connect(&client, &QSslSocket::readyRead, &client, [&] { answer += client.readAll(); });
    // The server shares this thread: everything is driven by the event loop, nothing blocks.
    client.connectToHostEncrypted(u"127.0.0.1"_s, port, peerName);
    if (!QTest::qWaitFor([&] { return failed || answer == "ok\n"; }, 10000))
        outcome.errors << u"timed out"_s;
    if (failed && outcome.errors.isEmpty())
        outcome.errors << client.errorString();
    if (answer != "ok\n")
        outcome.encrypted = false;
    return outcome;
}

// Debian's Python: ssl.create_default_context(cafile=…) with VERIFY_X509_STRICT against the server; prints
// the protocol version.
const char *PythonClient = R"(import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[1])
ctx.verify_flags |= ssl.VERIFY_X509_STRICT
with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=10) as raw:
    with ctx.wrap_socket(raw, server_hostname=sys.argv[3]) as tls:
        tls.sendall(b"hello\n")
        print(tls.version(), tls.recv(16).decode().strip())
)";

} // namespace

class TestCertificateAuthority : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultDirectory();
    void createsFilesWithTheirPermissions_data();
    void createsFilesWithTheirPermissions();
    void reopenLoadsTheSameCa();
    void concurrentCreationEndsWithOneCa();
    void refusesKeyOthersMayRead_data();
    void refusesKeyOthersMayRead();
    void refusesFolderOthersMayWrite();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void leafVerifies_data();
    void leafVerifies();
    void invalidHostsRefused_data();
    void invalidHostsRefused();
    void leavesAreCached();
    void tlsHandshake_data();
    void tlsHandshake();
    void pythonStrictVerification_data();
    void pythonStrictVerification();

private:
    QTemporaryDir m_home;
    QString m_caDir;
    QString m_otherCaDir;
};

void TestCertificateAuthority::initTestCase()
{
    QVERIFY(m_home.isValid());
    m_caDir = m_home.filePath(u"ca"_s);
    m_otherCaDir = m_home.filePath(u"other-ca"_s);
    QVERIFY2(!QStandardPaths::findExecutable(u"openssl"_s).isEmpty(), "the openssl binary is needed");
}

void TestCertificateAuthority::defaultDirectory()
{
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", "/srv/data");
    QCOMPARE(CertificateAuthority::defaultDirectory(), u"/srv/data/tapedeck/ca"_s);
    qputenv("XDG_DATA_HOME", "relative/data");
    QCOMPARE(CertificateAuthority::defaultDirectory(), QDir::homePath() + u"/.local/share/tapedeck/ca"_s);
    qunsetenv("XDG_DATA_HOME");
    QCOMPARE(CertificateAuthority::defaultDirectory(), QDir::homePath() + u"/.local/share/tapedeck/ca"_s);
    if (!saved.isNull())
        qputenv("XDG_DATA_HOME", saved);
}

void TestCertificateAuthority::createsFilesWithTheirPermissions_data()
{
    QTest::addColumn<int>("umask");
    QTest::addRow("umask 022") << 022;
    QTest::addRow("umask 077") << 077;
    QTest::addRow("umask 000") << 0;
}

void TestCertificateAuthority::createsFilesWithTheirPermissions()
{
    QFETCH(int, umask);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(u"share/tapedeck/ca"_s); // parents created too
    const mode_t saved = ::umask(mode_t(umask));
    auto ca = CertificateAuthority::openOrCreate(dir);
    ::umask(saved);
    QVERIFY2(ca, qPrintable(ca ? QString() : ca.error().message));
    QVERIFY(ca->created());
    QCOMPARE(ca->certificatePath(), dir + u"/ca.pem"_s);
    QCOMPARE(octal(modeOf(dir)), u"0700"_s);
    QCOMPARE(octal(modeOf(dir + u"/ca-key.pem"_s)), u"0600"_s);
    QCOMPARE(octal(modeOf(dir + u"/ca.pem"_s)), u"0644"_s);
    // No temporary file is left behind; the lock file holds nothing.
    QCOMPARE(entries(dir), QStringList({ u".ca.lock"_s, u"ca-key.pem"_s, u"ca.pem"_s }));
    QCOMPARE(QFileInfo(dir + u"/.ca.lock"_s).size(), 0);

    QCOMPARE(readFile(ca->certificatePath()), ca->certificatePem());
    QVERIFY(!ca->certificatePem().contains("PRIVATE"));
    QVERIFY(readFile(dir + u"/ca-key.pem"_s).startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(!ca->certificate().isNull());
    QVERIFY(ca->certificate().isSelfSigned());
    QVERIFY(ca->certificate()
                .subjectInfo(QSslCertificate::CommonName)
                .value(0)
                .startsWith(u"Tapedeck Replay CA"_s));
    QCOMPARE(ca->certificate().publicKey().algorithm(), QSsl::Ec);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(ca->certificate().effectiveDate() < now);
    QVERIFY(ca->certificate().expiryDate() > now.addDays(3650));

    // The fingerprint is openssl's, in its spelling.
    const ProcessResult fp = openssl(
        { u"x509"_s, u"-in"_s, ca->certificatePath(), u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s });
    QVERIFY2(fp.exitCode == 0, qPrintable(describe(fp)));
    QCOMPARE(QString::fromUtf8(fp.out).trimmed().section(u'=', 1), ca->fingerprintSha256());
    QVERIFY(ca->fingerprintSha256().contains(QRegularExpression(u"^([0-9A-F]{2}:){31}[0-9A-F]{2}$"_s)));

    // The extensions strict verifiers want on a CA, and a self-check under -x509_strict.
    const ProcessResult ext = openssl({ u"x509"_s, u"-in"_s, ca->certificatePath(), u"-noout"_s, u"-ext"_s,
        u"basicConstraints,keyUsage,subjectKeyIdentifier,authorityKeyIdentifier"_s });
    QVERIFY2(ext.exitCode == 0, qPrintable(describe(ext)));
    const QString text = QString::fromUtf8(ext.out);
    QVERIFY2(
        text.contains(u"X509v3 Basic Constraints: critical\n    CA:TRUE, pathlen:0"_s), qPrintable(text));
    QVERIFY2(
        text.contains(u"X509v3 Key Usage: critical\n    Certificate Sign, CRL Sign"_s), qPrintable(text));
    QVERIFY2(text.contains(u"X509v3 Subject Key Identifier"_s), qPrintable(text));
    QVERIFY2(text.contains(u"X509v3 Authority Key Identifier"_s), qPrintable(text));
    const ProcessResult self = openssl(
        { u"verify"_s, u"-x509_strict"_s, u"-CAfile"_s, ca->certificatePath(), ca->certificatePath() });
    QVERIFY2(self.exitCode == 0, qPrintable(describe(self)));
}

void TestCertificateAuthority::reopenLoadsTheSameCa()
{
    auto first = CertificateAuthority::openOrCreate(m_caDir);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    const QByteArray key = readFile(m_caDir + u"/ca-key.pem"_s);
    auto second = CertificateAuthority::openOrCreate(m_caDir);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    QVERIFY(!second->created());
    QCOMPARE(second->fingerprintSha256(), first->fingerprintSha256());
    QCOMPARE(second->certificate(), first->certificate());
    QCOMPARE(second->certificatePem(), first->certificatePem());
    QCOMPARE(readFile(m_caDir + u"/ca-key.pem"_s), key);
    // A leaf of the reopened CA verifies against the file the first one wrote.
    auto leaf = second->leafFor(u"reopened.example"_s);
    QVERIFY2(leaf, qPrintable(leaf ? QString() : leaf.error().message));
    QCOMPARE(leaf->certificate.issuerInfo(QSslCertificate::CommonName),
        first->certificate().subjectInfo(QSslCertificate::CommonName));
}

void TestCertificateAuthority::concurrentCreationEndsWithOneCa()
{
    // Threads open their own lock descriptors, so they contend as processes do (tst_cacli runs processes).
    for (int round = 0; round < 5; ++round) {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.filePath(u"ca"_s);
        constexpr int Count = 8;
        std::vector<QString> fingerprints(Count);
        std::vector<QString> errors(Count);
        std::vector<int> created(Count, 0);
        std::vector<std::thread> threads;
        for (int i = 0; i < Count; ++i) {
            threads.emplace_back([&, i] {
                auto ca = CertificateAuthority::openOrCreate(dir);
                if (!ca) {
                    errors[size_t(i)] = ca.error().message;
                    return;
                }
                fingerprints[size_t(i)] = ca->fingerprintSha256();
                created[size_t(i)] = ca->created() ? 1 : 0;
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (const QString &e : errors)
            QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(std::count(created.cbegin(), created.cend(), 1), 1);
        for (const QString &f : fingerprints)
            QCOMPARE(f, fingerprints.front());
        auto reopened = CertificateAuthority::openOrCreate(dir); // the pair on disk matches
        QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
        QCOMPARE(reopened->fingerprintSha256(), fingerprints.front());
    }
}

void TestCertificateAuthority::refusesKeyOthersMayRead_data()
{
    QTest::addColumn<int>("mode");
    QTest::addRow("0644") << 0644;
    QTest::addRow("0640") << 0640;
    QTest::addRow("0604") << 0604;
    QTest::addRow("0660") << 0660;
    QTest::addRow("0601") << 0601;
}

void TestCertificateAuthority::refusesKeyOthersMayRead()
{
    QFETCH(int, mode);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(u"ca"_s);
    QVERIFY(CertificateAuthority::openOrCreate(dir));
    const QString keyPath = dir + u"/ca-key.pem"_s;
    const QByteArray key = readFile(keyPath);
    QCOMPARE(::chmod(QFile::encodeName(keyPath).constData(), mode_t(mode)), 0);
    auto ca = CertificateAuthority::openOrCreate(dir);
    QVERIFY(!ca);
    QVERIFY2(ca.error().message.contains(keyPath), qPrintable(ca.error().message));
    QVERIFY2(ca.error().message.contains(u"chmod 600"_s), qPrintable(ca.error().message));
    QVERIFY2(ca.error().message.contains(octal(mode)), qPrintable(ca.error().message));
    QCOMPARE(octal(modeOf(keyPath)), octal(mode)); // reported, not silently repaired
    QCOMPARE(readFile(keyPath), key);
    QCOMPARE(::chmod(QFile::encodeName(keyPath).constData(), 0600), 0);
    QVERIFY(CertificateAuthority::openOrCreate(dir));
}

void TestCertificateAuthority::refusesFolderOthersMayWrite()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(u"ca"_s);
    QVERIFY(QDir().mkpath(dir));
    QCOMPARE(::chmod(QFile::encodeName(dir).constData(), 0775), 0);
    auto ca = CertificateAuthority::openOrCreate(dir);
    QVERIFY(!ca);
    QVERIFY2(ca.error().message.contains(u"chmod 700"_s), qPrintable(ca.error().message));
    QVERIFY(entries(dir).isEmpty());
}

void TestCertificateAuthority::refusesBadFiles_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("named"); // the file the message must name
    QTest::addRow("garbage certificate") << u"garbage-cert"_s << u"ca.pem"_s;
    QTest::addRow("truncated certificate") << u"truncated-cert"_s << u"ca.pem"_s;
    QTest::addRow("empty certificate") << u"empty-cert"_s << u"ca.pem"_s;
    QTest::addRow("garbage key") << u"garbage-key"_s << u"ca-key.pem"_s;
    QTest::addRow("empty key") << u"empty-key"_s << u"ca-key.pem"_s;
    QTest::addRow("encrypted key") << u"encrypted-key"_s << u"ca-key.pem"_s;
    QTest::addRow("key of another CA") << u"other-key"_s << u"ca.pem"_s;
    QTest::addRow("certificate of another CA") << u"other-cert"_s << u"ca-key.pem"_s;
    QTest::addRow("a leaf, not a CA") << u"leaf"_s << u"ca.pem"_s;
    QTest::addRow("certificate missing") << u"no-cert"_s << u"ca.pem"_s;
    QTest::addRow("key missing") << u"no-key"_s << u"ca-key.pem"_s;
}

void TestCertificateAuthority::refusesBadFiles()
{
    QFETCH(QString, damage);
    QFETCH(QString, named);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(u"ca"_s);
    const QString certPath = dir + u"/ca.pem"_s;
    const QString keyPath = dir + u"/ca-key.pem"_s;
    auto original = CertificateAuthority::openOrCreate(dir);
    QVERIFY(original);
    auto other = CertificateAuthority::openOrCreate(m_otherCaDir);
    QVERIFY(other);

    const QByteArray cert = readFile(certPath);
    if (damage == u"garbage-cert"_s) {
        QVERIFY(writeFile(certPath, "not a certificate\n"));
    } else if (damage == u"truncated-cert"_s) {
        QVERIFY(writeFile(certPath, cert.left(cert.size() / 2)));
    } else if (damage == u"empty-cert"_s) {
        QVERIFY(writeFile(certPath, {}));
    } else if (damage == u"garbage-key"_s) {
        QVERIFY(writeFile(keyPath, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    } else if (damage == u"empty-key"_s) {
        QVERIFY(writeFile(keyPath, {}));
    } else if (damage == u"encrypted-key"_s) {
        const ProcessResult r = openssl({ u"pkey"_s, u"-in"_s, keyPath, u"-aes256"_s, u"-passout"_s,
            u"pass:secret"_s, u"-out"_s, keyPath + u".enc"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(QFile::remove(keyPath));
        QVERIFY(QFile::rename(keyPath + u".enc"_s, keyPath));
    } else if (damage == u"other-key"_s) {
        QVERIFY(writeFile(keyPath, readFile(m_otherCaDir + u"/ca-key.pem"_s)));
    } else if (damage == u"other-cert"_s) {
        QVERIFY(writeFile(certPath, readFile(m_otherCaDir + u"/ca.pem"_s)));
    } else if (damage == u"leaf"_s) {
        auto leaf = other->leafFor(u"leaf.example"_s);
        QVERIFY(leaf);
        QVERIFY(writeFile(certPath, leaf->certificate.toPem()));
        QVERIFY(writeFile(keyPath, leaf->key.toPem()));
    } else if (damage == u"no-cert"_s) {
        QVERIFY(QFile::remove(certPath));
    } else if (damage == u"no-key"_s) {
        QVERIFY(QFile::remove(keyPath));
    } else {
        QFAIL("unknown damage");
    }
    if (QFileInfo::exists(keyPath))
        QCOMPARE(::chmod(QFile::encodeName(keyPath).constData(), 0600), 0);
    const QStringList before = entries(dir);
    const QByteArray certBefore = QFileInfo::exists(certPath) ? readFile(certPath) : QByteArray();
    const QByteArray keyBefore = QFileInfo::exists(keyPath) ? readFile(keyPath) : QByteArray();

    auto ca = CertificateAuthority::openOrCreate(dir);
    QVERIFY2(!ca, qPrintable(damage));
    QCOMPARE(ca.error().code, ErrorCode::InvalidInput);
    QVERIFY2(ca.error().message.contains(dir + u'/' + named), qPrintable(ca.error().message));
    QVERIFY2(!ca.error().message.contains(u"BEGIN"_s), qPrintable(ca.error().message));
    // Nothing was overwritten, created or removed.
    QCOMPARE(entries(dir), before);
    if (QFileInfo::exists(certPath))
        QCOMPARE(readFile(certPath), certBefore);
    if (QFileInfo::exists(keyPath))
        QCOMPARE(readFile(keyPath), keyBefore);
}

void TestCertificateAuthority::leafVerifies_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("expected"); // the subjectAltName value
    QTest::addColumn<bool>("isAddress");
    QTest::addRow("localhost") << u"localhost"_s << u"localhost"_s << false;
    QTest::addRow("dns") << u"looker.example.com"_s << u"looker.example.com"_s << false;
    QTest::addRow("upper case") << u"API.Example.COM"_s << u"api.example.com"_s << false;
    QTest::addRow("trailing dot") << u"gms.example."_s << u"gms.example"_s << false;
    QTest::addRow("idn a-label") << u"xn--bcher-kva.example"_s << u"xn--bcher-kva.example"_s << false;
    QTest::addRow("underscore") << u"my_host.internal"_s << u"my_host.internal"_s << false;
    QTest::addRow("longer than a CN")
        << QString(u"a"_s.repeated(63) + u'.' + u"b"_s.repeated(63) + u".example"_s)
        << QString(u"a"_s.repeated(63) + u'.' + u"b"_s.repeated(63) + u".example"_s) << false;
    QTest::addRow("ipv4") << u"127.0.0.1"_s << u"127.0.0.1"_s << true;
    QTest::addRow("ipv6 loopback") << u"::1"_s << u"::1"_s << true;
    QTest::addRow("ipv6") << u"2001:DB8::42"_s << u"2001:db8::42"_s << true;
}

void TestCertificateAuthority::leafVerifies()
{
    QFETCH(QString, host);
    QFETCH(QString, expected);
    QFETCH(bool, isAddress);
    auto ca = CertificateAuthority::openOrCreate(m_caDir);
    QVERIFY(ca);
    auto leaf = ca->leafFor(host);
    QVERIFY2(leaf, qPrintable(leaf ? QString() : leaf.error().message));
    QVERIFY(!leaf->certificate.isNull());
    QVERIFY(!leaf->key.isNull());
    QCOMPARE(leaf->key.algorithm(), QSsl::Ec);
    QCOMPARE(leaf->key.type(), QSsl::PrivateKey);

    const auto sans = leaf->certificate.subjectAlternativeNames();
    QCOMPARE(sans.size(), 1);
    QCOMPARE(sans.firstKey(), isAddress ? QSsl::IpAddressEntry : QSsl::DnsEntry);
    QCOMPARE(
        QHostAddress(sans.first()).isNull() ? sans.first() : QHostAddress(sans.first()).toString(), expected);
    QCOMPARE(leaf->certificate.subjectInfo(QSslCertificate::CommonName),
        expected.size() <= 64 ? QStringList { expected } : QStringList {});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(leaf->certificate.effectiveDate().secsTo(now.addDays(-1))) < 120);
    QVERIFY(qAbs(leaf->certificate.expiryDate().secsTo(now.addDays(397))) < 120);
    QVERIFY(leaf->certificate.serialNumber().count(':') >= 15); // 128 bits: 16 or 17 bytes

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString leafPath = tmp.filePath(u"leaf.pem"_s);
    const QString keyPath = tmp.filePath(u"leaf-key.pem"_s);
    QVERIFY(writeFile(leafPath, leaf->certificate.toPem()));
    QVERIFY(writeFile(keyPath, leaf->key.toPem()));

    QStringList verify { u"verify"_s, u"-x509_strict"_s, u"-CAfile"_s, ca->certificatePath(), u"-purpose"_s,
        u"sslserver"_s };
    verify << (isAddress ? u"-verify_ip"_s : u"-verify_hostname"_s) << expected << leafPath;
    const ProcessResult ok = openssl(verify);
    QVERIFY2(
        ok.exitCode == 0 && ok.out.trimmed() == (leafPath + u": OK"_s).toUtf8(), qPrintable(describe(ok)));
    // Another name or another CA does not verify.
    verify[verify.size() - 2] = isAddress ? u"127.0.0.2"_s : u"other.example"_s;
    QVERIFY2(openssl(verify).exitCode != 0, "a leaf verified for a name it was not made for");
    auto other = CertificateAuthority::openOrCreate(m_otherCaDir);
    QVERIFY(other);
    const ProcessResult wrongCa = openssl(
        { u"verify"_s, u"-CAfile"_s, other->certificatePath(), u"-purpose"_s, u"sslserver"_s, leafPath });
    QVERIFY2(wrongCa.exitCode != 0, qPrintable(describe(wrongCa)));

    const ProcessResult ext = openssl({ u"x509"_s, u"-in"_s, leafPath, u"-noout"_s, u"-ext"_s,
        u"basicConstraints,keyUsage,extendedKeyUsage,authorityKeyIdentifier,subjectKeyIdentifier"_s });
    const QString text = QString::fromUtf8(ext.out);
    QVERIFY2(text.contains(u"CA:FALSE"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Digital Signature"_s), qPrintable(text));
    QVERIFY2(text.contains(u"TLS Web Server Authentication"_s), qPrintable(text));
    QVERIFY2(text.contains(u"X509v3 Authority Key Identifier"_s), qPrintable(text));
    const ProcessResult sig = openssl({ u"x509"_s, u"-in"_s, leafPath, u"-noout"_s, u"-text"_s });
    QVERIFY2(
        QString::fromUtf8(sig.out).contains(u"Signature Algorithm: ecdsa-with-SHA256"_s), sig.out.left(400));

    // The key is the certificate's.
    const ProcessResult certPub = openssl({ u"x509"_s, u"-in"_s, leafPath, u"-noout"_s, u"-pubkey"_s });
    const ProcessResult keyPub = openssl({ u"pkey"_s, u"-in"_s, keyPath, u"-pubout"_s });
    QVERIFY2(certPub.exitCode == 0 && keyPub.exitCode == 0, qPrintable(describe(keyPub)));
    QCOMPARE(certPub.out, keyPub.out);
}

void TestCertificateAuthority::invalidHostsRefused_data()
{
    QTest::addColumn<QString>("host");
    QTest::addRow("empty") << QString();
    QTest::addRow("space") << u" "_s;
    QTest::addRow("inner space") << u"exa mple.com"_s;
    QTest::addRow("leading space") << u" example.com"_s;
    QTest::addRow("tab") << u"a\tb"_s;
    QTest::addRow("newline") << u"example.com\n"_s;
    QTest::addRow("nul") << QString(u"example"_s + QChar(0) + u".com"_s);
    QTest::addRow("escape") << u"exa\x1bmple.com"_s;
    QTest::addRow("bidi override") << u"exa\u202emple.com"_s;
    QTest::addRow("non-ascii") << u"bücher.example"_s;
    QTest::addRow("wildcard") << u"*.example.com"_s;
    QTest::addRow("star") << u"*"_s;
    QTest::addRow("inner star") << u"exa*mple.com"_s;
    QTest::addRow("empty label") << u"a..b"_s;
    QTest::addRow("leading dot") << u".example.com"_s;
    QTest::addRow("just a dot") << u"."_s;
    QTest::addRow("two trailing dots") << u"example.com.."_s;
    QTest::addRow("leading hyphen") << u"-a.example.com"_s;
    QTest::addRow("trailing hyphen") << u"a-.example.com"_s;
    QTest::addRow("slash") << u"example.com/path"_s;
    QTest::addRow("port") << u"example.com:443"_s;
    QTest::addRow("at") << u"user@example.com"_s;
    QTest::addRow("comma") << u"a.example,DNS:b.example"_s;
    QTest::addRow("label of 64") << QString(u"a"_s.repeated(64) + u".example"_s);
    QTest::addRow("254 characters") << QString(u"a"_s.repeated(62) + u'.').repeated(4) + u"ab"_s;
    QTest::addRow("very long") << u"a"_s.repeated(100000);
    QTest::addRow("bracketed ipv6") << u"[::1]"_s;
    QTest::addRow("ipv6 zone") << u"fe80::1%eth0"_s;
    QTest::addRow("bad ipv6") << u"1:2:3:4:5:6:7:8:9"_s;
    QTest::addRow("ipv4 out of range") << u"256.1.1.1"_s;
    QTest::addRow("ipv4 short") << u"127.1"_s;
    QTest::addRow("ipv4 leading zero") << u"127.0.0.01"_s;
    QTest::addRow("numeric") << u"12345"_s;
}

void TestCertificateAuthority::invalidHostsRefused()
{
    QFETCH(QString, host);
    auto ca = CertificateAuthority::openOrCreate(m_caDir);
    QVERIFY(ca);
    auto leaf = ca->leafFor(host);
    QVERIFY2(!leaf, qPrintable(host.left(100)));
    QCOMPARE(leaf.error().code, ErrorCode::InvalidInput);
    QVERIFY(!leaf.error().message.isEmpty());
    QVERIFY(leaf.error().message.size() < 400); // the host is shortened in the message
}

void TestCertificateAuthority::leavesAreCached()
{
    auto ca = CertificateAuthority::openOrCreate(m_caDir);
    QVERIFY(ca);
    auto a = ca->leafFor(u"cache.example"_s);
    auto b = ca->leafFor(u"CACHE.example."_s);
    auto c = ca->leafFor(u"other.cache.example"_s);
    QVERIFY(a && b && c);
    QCOMPARE(b->certificate, a->certificate);
    QCOMPARE(b->key, a->key);
    QVERIFY(c->certificate != a->certificate);
    QVERIFY(c->certificate.serialNumber() != a->certificate.serialNumber());
    auto v6 = ca->leafFor(u"::1"_s);
    auto v6Long = ca->leafFor(u"0:0:0:0:0:0:0:1"_s);
    QVERIFY(v6 && v6Long);
    QCOMPARE(v6Long->certificate, v6->certificate);

    // Threads asking at once all get the one leaf per host.
    constexpr int Threads = 8;
    constexpr int Hosts = 16;
    std::vector<std::vector<QSslCertificate>> seen(Threads, std::vector<QSslCertificate>(Hosts));
    std::vector<std::thread> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back([&, t] {
            for (int h = 0; h < Hosts; ++h) {
                auto leaf = ca->leafFor(u"host%1.threads.example"_s.arg((h + t) % Hosts));
                if (leaf)
                    seen[size_t(t)][size_t((h + t) % Hosts)] = leaf->certificate;
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (int h = 0; h < Hosts; ++h) {
        QVERIFY(!seen[0][size_t(h)].isNull());
        for (int t = 1; t < Threads; ++t)
            QCOMPARE(seen[size_t(t)][size_t(h)], seen[0][size_t(h)]);
    }
}

void TestCertificateAuthority::tlsHandshake_data()
{
    QTest::addColumn<QString>("host");
    QTest::addRow("localhost") << u"localhost"_s;
    QTest::addRow("dns") << u"gms.replay.example"_s;
    QTest::addRow("ipv4") << u"127.0.0.1"_s;
}

void TestCertificateAuthority::tlsHandshake()
{
    QFETCH(QString, host);
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    auto ca = CertificateAuthority::openOrCreate(m_caDir);
    QVERIFY(ca);
    auto leaf = ca->leafFor(host);
    QVERIFY2(leaf, qPrintable(leaf ? QString() : leaf.error().message));
    LeafServer server(*leaf);
    QVERIFY(server.listen());

    const HandshakeOutcome good = handshake(server.port(), ca->certificate(), host);
    QVERIFY2(good.encrypted, qPrintable(good.errors.join(u"; "_s)));

    auto other = CertificateAuthority::openOrCreate(m_otherCaDir);
    QVERIFY(other);
    const HandshakeOutcome untrusted = handshake(server.port(), other->certificate(), host);
    QVERIFY(!untrusted.encrypted);
    QVERIFY(!untrusted.errors.isEmpty());
    const HandshakeOutcome wrongName = handshake(server.port(), ca->certificate(), u"elsewhere.example"_s);
    QVERIFY(!wrongName.encrypted);
    QVERIFY2(wrongName.errors.join(u' ').contains(u"host name"_s, Qt::CaseInsensitive),
        qPrintable(wrongName.errors.join(u"; "_s)));
}

void TestCertificateAuthority::pythonStrictVerification_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("trusted");
    QTest::addRow("localhost") << u"localhost"_s << true;
    QTest::addRow("ipv4") << u"127.0.0.1"_s << true;
    QTest::addRow("another CA") << u"localhost"_s << false;
}

void TestCertificateAuthority::pythonStrictVerification()
{
    QFETCH(QString, host);
    QFETCH(bool, trusted);
    if (!QFileInfo::exists(Python))
        QSKIP("Debian's /usr/bin/python3 is not installed");
    auto ca = CertificateAuthority::openOrCreate(m_caDir);
    QVERIFY(ca);
    auto other = CertificateAuthority::openOrCreate(m_otherCaDir);
    QVERIFY(other);
    auto leaf = ca->leafFor(host);
    QVERIFY(leaf);
    LeafServer server(*leaf);
    QVERIFY(server.listen());

    // The server runs on this thread's event loop while Python connects.
    QProcess python;
    python.setProgram(Python);
    python.setArguments({ u"-c"_s, QString::fromUtf8(PythonClient), (trusted ? ca : other)->certificatePath(),
        QString::number(server.port()), host });
    python.start();
    QVERIFY(python.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 30000);
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    const QString err = QString::fromUtf8(python.readAllStandardError());
    if (trusted) {
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, qPrintable(err));
        QVERIFY2(out.startsWith(u"TLSv1.3 ok"_s) || out.startsWith(u"TLSv1.2 ok"_s), qPrintable(out));
    } else {
        QVERIFY(python.exitCode() != 0);
        QVERIFY2(err.contains(u"CERTIFICATE_VERIFY_FAILED"_s), qPrintable(err));
    }
}

QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "tst_certificateauthority.moc"
