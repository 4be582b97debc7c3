// SPDX-License-Identifier: MIT
// Tests the password source order (option, file, DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD) and the
// password file: its first line, bounded, never a hang on a FIFO.
#include "core/archive/passwordsources.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace tapedeck;
using Origin = PasswordSources::Origin;

class TestPasswordSources : public QObject
{
    Q_OBJECT

private slots:
    void order_data()
    {
        QTest::addColumn<bool>("option");
        QTest::addColumn<bool>("file");
        QTest::addColumn<QString>("recordingEnv");
        QTest::addColumn<QString>("adminEnv");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("origin");
        QTest::addRow("option beats all") << true << true << "env"
                                          << "admin"
                                          << "opt" << int(Origin::Option);
        QTest::addRow("file beats env") << false << true << "env"
                                        << "admin"
                                        << "from file" << int(Origin::File);
        QTest::addRow("recording env beats admin") << false << false << "env"
                                                   << "admin"
                                                   << "env" << int(Origin::RecordingEnvironment);
        QTest::addRow("empty recording env falls through") << false << false << ""
                                                           << "admin"
                                                           << "admin" << int(Origin::AdminEnvironment);
        QTest::addRow("admin alone") << false << false << QString() << "admin"
                                     << "admin" << int(Origin::AdminEnvironment);
        QTest::addRow("nothing") << false << false << QString() << QString() << QString() << -1;
    }

    void order()
    {
        QFETCH(bool, option);
        QFETCH(bool, file);
        QFETCH(QString, recordingEnv);
        QFETCH(QString, adminEnv);
        QFETCH(QString, expected);
        QFETCH(int, origin);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pw"));
        QVERIFY(test::writeFile(path, "from file\n"));
        PasswordOptions options;
        if (option)
            options.password = QStringLiteral("opt");
        if (file)
            options.passwordFile = path;
        QProcessEnvironment env;
        if (!recordingEnv.isNull())
            env.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), recordingEnv);
        if (!adminEnv.isNull())
            env.insert(QStringLiteral("ADMIN_PASSWORD"), adminEnv);
        const auto resolved = PasswordSources::resolve(options, env);
        QVERIFY(resolved.ok());
        if (origin < 0) {
            QVERIFY(!resolved->has_value());
            return;
        }
        QVERIFY(resolved->has_value());
        QCOMPARE((*resolved)->password, expected);
        QCOMPARE(int((*resolved)->origin), origin);
    }

    void passwordFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::addRow("newline") << QByteArray("secret\n") << QStringLiteral("secret");
        QTest::addRow("crlf") << QByteArray("secret\r\n") << QStringLiteral("secret");
        QTest::addRow("no newline") << QByteArray("secret") << QStringLiteral("secret");
        QTest::addRow("spaces kept") << QByteArray(" se cret \n") << QStringLiteral(" se cret ");
        QTest::addRow("utf-8") << QByteArray("Passwört-密码\n") << QStringLiteral("Passwört-密码");
        // The first line only, as the README says.
        QTest::addRow("two lines") << QByteArray("secret\nsecond line\n") << QStringLiteral("secret");
        QTest::addRow("two crlf lines") << QByteArray("secret\r\nsecond\r\n") << QStringLiteral("secret");
        QTest::addRow("longest line")
            << QByteArray(PasswordSources::MaxLineLength, 'x') + "\n" + QByteArray(1 << 20, 'y')
            << QString(PasswordSources::MaxLineLength, QLatin1Char('x'));
    }

    void passwordFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pw"));
        QVERIFY(test::writeFile(path, content));
        PasswordOptions options;
        options.passwordFile = path;
        const auto resolved = PasswordSources::resolve(options, QProcessEnvironment());
        QVERIFY(resolved.ok() && resolved->has_value());
        QCOMPARE((*resolved)->password, expected);
    }

    void badPasswordFiles()
    {
        QTemporaryDir dir;
        PasswordOptions missing;
        missing.passwordFile = dir.filePath(QStringLiteral("absent"));
        const auto a = PasswordSources::resolve(missing, QProcessEnvironment());
        QVERIFY(!a.ok());
        QCOMPARE(a.error().code, ErrorCode::Io);
        QVERIFY(a.error().message.contains(QLatin1String("absent")));

        const QString emptyPath = dir.filePath(QStringLiteral("empty"));
        QVERIFY(test::writeFile(emptyPath, "\n"));
        PasswordOptions empty;
        empty.passwordFile = emptyPath;
        const auto b = PasswordSources::resolve(empty, QProcessEnvironment());
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, ErrorCode::Password);
        QVERIFY(b.error().message.contains(QLatin1String("empty")));

        PasswordOptions folder;
        folder.passwordFile = dir.path();
        const auto c = PasswordSources::resolve(folder, QProcessEnvironment());
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, ErrorCode::Io);
        QVERIFY2(c.error().message.contains(QLatin1String("folder")), qPrintable(c.error().message));
    }

    // A first line longer than MaxLineLength is refused after reading just past it: /dev/zero has no end.
    void endlessPasswordFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addRow("/dev/zero") << QStringLiteral("/dev/zero");
        QTest::addRow("long line") << QString();
    }

    void endlessPasswordFiles()
    {
        QFETCH(QString, path);
        QTemporaryDir dir;
        if (path.isEmpty()) {
            path = dir.filePath(QStringLiteral("long"));
            QVERIFY(test::writeFile(path, QByteArray(PasswordSources::MaxLineLength + 1, 'x') + "\n"));
        }
        if (!QFileInfo::exists(path))
            QSKIP("no such device here");
        PasswordOptions options;
        options.passwordFile = path;
        const auto resolved = PasswordSources::resolve(options, QProcessEnvironment());
        QVERIFY(!resolved.ok());
        QCOMPARE(resolved.error().code, ErrorCode::Password);
        QVERIFY2(resolved.error().message.contains(
                     QStringLiteral("longer than %1 bytes").arg(PasswordSources::MaxLineLength)),
            qPrintable(resolved.error().message));
    }

    // A FIFO: read when a writer delivers a line, an error (not a hang) when none comes.
    void fifoPasswordFile()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pw.fifo"));
        QCOMPARE(test::run(QStringLiteral("mkfifo"), { fifo }).exitCode, 0);
        PasswordOptions options;
        options.passwordFile = fifo;

        // The writer opens the FIFO once the reader waits on it, as "echo pw > fifo" from elsewhere would.
        // Opening for writing without blocking fails (ENXIO) until a reader is there; give up after a while
        // rather than hang the test if the reader never comes.
        std::thread writer([&] {
            for (int attempt = 0; attempt < 10000; ++attempt) {
                const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
                if (fd >= 0) {
                    const QByteArray line("from a fifo\nignored\n");
                    const ssize_t written = ::write(fd, line.constData(), size_t(line.size()));
                    Q_UNUSED(written);
                    ::close(fd);
                    return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        const auto resolved = PasswordSources::resolve(options, QProcessEnvironment());
        writer.join();
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
        QVERIFY(resolved->has_value());
        QCOMPARE((*resolved)->password, QStringLiteral("from a fifo"));

        // Nobody writes: the wait ends with an error naming the file.
        options.pipeWaitMs = 100;
        const auto unanswered = PasswordSources::resolve(options, QProcessEnvironment());
        QVERIFY(!unanswered.ok());
        QCOMPARE(unanswered.error().code, ErrorCode::Io);
        QVERIFY2(unanswered.error().message.contains(fifo), qPrintable(unanswered.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPasswordSources)
#include "tst_passwordsources.moc"
