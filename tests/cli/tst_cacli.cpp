// SPDX-License-Identifier: MIT
// End-to-end tests of tapedeck-cli ca through the real binary, with XDG_DATA_HOME in a temporary folder:
// creation on first use, PEM/fingerprint/path output, --output, refusals and exit codes, concurrent first
// use.
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

QString describe(const ProcessResult &r)
{
    return u"exit %1%2\n--- stderr ---\n%3\n--- stdout ---\n%4"_s.arg(r.exitCode)
        .arg(r.crashed ? u" (CRASHED)"_s : QString(), QString::fromUtf8(r.err), QString::fromUtf8(r.out));
}

#define VERIFY_EXIT(result, expected)                                                                        \
    do {                                                                                                     \
        const ProcessResult &r_ = (result);                                                                  \
        QVERIFY2(!r_.crashed, qPrintable(describe(r_)));                                                     \
        QVERIFY2(r_.exitCode == (expected),                                                                  \
            qPrintable(u"expected exit %1, got "_s.arg(expected) + describe(r_)));                           \
    } while (false)

// stderr is one line "tapedeck-cli: …" holding every part.
#define VERIFY_ERROR_LINE(result, ...)                                                                       \
    do {                                                                                                     \
        const QString err_ = QString::fromUtf8((result).err).trimmed();                                      \
        QVERIFY2(err_.startsWith(u"tapedeck-cli: "_s) && !err_.contains(u'\n'), qPrintable(err_));           \
        for (const QString &part_ : QStringList { __VA_ARGS__ })                                             \
            QVERIFY2(err_.contains(part_), qPrintable(part_ + u" missing from: "_s + err_));                 \
    } while (false)

QProcessEnvironment dataHome(const QString &dir)
{
    QProcessEnvironment env;
    env.insert(u"XDG_DATA_HOME"_s, dir);
    return env;
}

} // namespace

class TestCaCli : public QObject
{
    Q_OBJECT

private slots:
    void firstUseCreatesThenReuses();
    void fingerprintMatchesOpenssl();
    void pathAndRelativeDataHome();
    void output();
    void outputUnwritable();
    void usageErrors_data();
    void usageErrors();
    void refusesKeyOthersMayRead();
    void refusesCorruptCertificate();
    void concurrentFirstUse();
};

void TestCaCli::firstUseCreatesThenReuses()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString caDir = tmp.path() + u"/tapedeck/ca"_s;
    const ProcessResult first = runCli({ u"ca"_s }, dataHome(tmp.path()));
    VERIFY_EXIT(first, 0);
    QVERIFY2(first.out.startsWith("-----BEGIN CERTIFICATE-----\n"), qPrintable(describe(first)));
    QVERIFY(first.out.endsWith("-----END CERTIFICATE-----\n"));
    QVERIFY(!first.out.contains("PRIVATE"));
    QCOMPARE(first.out, readFile(caDir + u"/ca.pem"_s));
    QVERIFY2(QString::fromUtf8(first.err).contains(caDir), qPrintable(describe(first)));
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(caDir + u"/ca-key.pem"_s).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);

    const ProcessResult second = runCli({ u"ca"_s }, dataHome(tmp.path()));
    VERIFY_EXIT(second, 0);
    QCOMPARE(second.out, first.out);
    QCOMPARE(second.err, QByteArray()); // nothing created, nothing said
}

void TestCaCli::fingerprintMatchesOpenssl()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const ProcessResult r = runCli({ u"ca"_s, u"--fingerprint"_s }, dataHome(tmp.path()));
    VERIFY_EXIT(r, 0);
    const QString fingerprint = QString::fromUtf8(r.out).trimmed();
    QVERIFY2(fingerprint.contains(QRegularExpression(u"^([0-9A-F]{2}:){31}[0-9A-F]{2}$"_s)), r.out);
    const ProcessResult ref = run(u"openssl"_s,
        { u"x509"_s, u"-in"_s, tmp.path() + u"/tapedeck/ca/ca.pem"_s, u"-noout"_s, u"-fingerprint"_s,
            u"-sha256"_s });
    QVERIFY2(ref.exitCode == 0, ref.err);
    QCOMPARE(QString::fromUtf8(ref.out).trimmed().section(u'=', 1), fingerprint);
}

void TestCaCli::pathAndRelativeDataHome()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const ProcessResult r = runCli({ u"ca"_s, u"--path"_s }, dataHome(tmp.path()));
    VERIFY_EXIT(r, 0);
    QCOMPARE(QString::fromUtf8(r.out), tmp.path() + u"/tapedeck/ca/ca.pem\n"_s);

    // A relative XDG_DATA_HOME is ignored, as the XDG spec says: ~/.local/share is used.
    QProcessEnvironment env;
    env.insert(u"HOME"_s, tmp.path());
    env.insert(u"XDG_DATA_HOME"_s, u"relative/share"_s);
    const ProcessResult relative = runCli({ u"ca"_s, u"--path"_s }, env);
    VERIFY_EXIT(relative, 0);
    QCOMPARE(QString::fromUtf8(relative.out), tmp.path() + u"/.local/share/tapedeck/ca/ca.pem\n"_s);
    QVERIFY(QFileInfo::exists(tmp.path() + u"/.local/share/tapedeck/ca/ca-key.pem"_s));
}

void TestCaCli::output()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString target = tmp.filePath(u"replay-ca.crt"_s);
    const ProcessResult r = runCli({ u"ca"_s, u"--output"_s, target }, dataHome(tmp.path()));
    VERIFY_EXIT(r, 0);
    QCOMPARE(r.out, QByteArray());
    QVERIFY2(QString::fromUtf8(r.err).contains(target), qPrintable(describe(r)));
    QCOMPARE(readFile(target), readFile(tmp.path() + u"/tapedeck/ca/ca.pem"_s));
    QVERIFY(!readFile(target).contains("PRIVATE"));
    // The written file is what openssl reads as the CA.
    const ProcessResult verify
        = run(u"openssl"_s, { u"verify"_s, u"-x509_strict"_s, u"-CAfile"_s, target, target });
    QVERIFY2(verify.exitCode == 0, qPrintable(describe(verify)));
}

void TestCaCli::outputUnwritable()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString target = tmp.filePath(u"missing-folder/ca.crt"_s);
    const ProcessResult r = runCli({ u"ca"_s, u"-o"_s, target }, dataHome(tmp.path()));
    VERIFY_EXIT(r, 5);
    QVERIFY(!QFileInfo::exists(target));
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.endsWith(u"\n"_s), qPrintable(err));
    // The first line says the CA was created; the last names the file that could not be written.
    QVERIFY2(err.trimmed().section(u'\n', -1).startsWith(u"tapedeck-cli: "_s + target), qPrintable(err));
}

void TestCaCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("two modes") << QStringList { u"--fingerprint"_s, u"--path"_s };
    QTest::addRow("output and fingerprint") << QStringList { u"--output"_s, u"x.pem"_s, u"--fingerprint"_s };
    QTest::addRow("an argument") << QStringList { u"extra"_s };
    QTest::addRow("unknown option") << QStringList { u"--key"_s };
    QTest::addRow("output without file") << QStringList { u"--output"_s };
}

void TestCaCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const ProcessResult r = runCli(QStringList { u"ca"_s } + arguments, dataHome(tmp.path()));
    VERIFY_EXIT(r, 2);
    VERIFY_ERROR_LINE(r, u"--help"_s);
    QCOMPARE(r.out, QByteArray());
    QVERIFY(!QFileInfo::exists(tmp.path() + u"/tapedeck"_s)); // nothing made on a usage error
}

void TestCaCli::refusesKeyOthersMayRead()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    VERIFY_EXIT(runCli({ u"ca"_s, u"--path"_s }, dataHome(tmp.path())), 0);
    const QString key = tmp.path() + u"/tapedeck/ca/ca-key.pem"_s;
    QCOMPARE(::chmod(QFile::encodeName(key).constData(), 0644), 0);
    const ProcessResult r = runCli({ u"ca"_s }, dataHome(tmp.path()));
    VERIFY_EXIT(r, 5);
    VERIFY_ERROR_LINE(r, key, u"chmod 600"_s);
    QCOMPARE(r.out, QByteArray());
}

void TestCaCli::refusesCorruptCertificate()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    VERIFY_EXIT(runCli({ u"ca"_s, u"--path"_s }, dataHome(tmp.path())), 0);
    const QString cert = tmp.path() + u"/tapedeck/ca/ca.pem"_s;
    QVERIFY(writeFile(cert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n"));
    const ProcessResult r = runCli({ u"ca"_s, u"--fingerprint"_s }, dataHome(tmp.path()));
    VERIFY_EXIT(r, 4);
    VERIFY_ERROR_LINE(r, cert);
    QCOMPARE(readFile(cert), QByteArray("-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n"));
}

void TestCaCli::concurrentFirstUse()
{
    // Processes starting at once on an empty folder end with one CA, and each prints its fingerprint.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QProcessEnvironment env = cliEnvironment();
    env.insert(u"XDG_DATA_HOME"_s, tmp.path());
    constexpr int Count = 6;
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < Count; ++i) {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env);
        p->setProgram(QStringLiteral(TAPEDECK_CLI));
        p->setArguments({ u"ca"_s, u"--fingerprint"_s });
        processes.push_back(std::move(p));
    }
    for (auto &p : processes)
        p->start();
    int created = 0;
    QString fingerprint;
    for (auto &p : processes) {
        QVERIFY(p->waitForFinished(60000));
        const QString err = QString::fromUtf8(p->readAllStandardError());
        QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, qPrintable(err));
        created += err.contains(u"created"_s) ? 1 : 0;
        const QString out = QString::fromUtf8(p->readAllStandardOutput()).trimmed();
        if (fingerprint.isEmpty())
            fingerprint = out;
        QCOMPARE(out, fingerprint);
    }
    QCOMPARE(created, 1);
    const ProcessResult again = runCli({ u"ca"_s, u"--fingerprint"_s }, dataHome(tmp.path()));
    VERIFY_EXIT(again, 0);
    QCOMPARE(QString::fromUtf8(again.out).trimmed(), fingerprint);
}

QTEST_GUILESS_MAIN(TestCaCli)
#include "tst_cacli.moc"
