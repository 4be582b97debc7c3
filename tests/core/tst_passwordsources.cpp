// SPDX-License-Identifier: MIT
// Tests the password source order: option, file, DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD.
#include "core/archive/passwordsources.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

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
    }
};

QTEST_GUILESS_MAIN(TestPasswordSources)
#include "tst_passwordsources.moc"
