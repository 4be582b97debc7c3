// SPDX-License-Identifier: MIT
// Opening user-named files never blocks and refuses what is not a regular file: FIFOs (whose opening waits
// for a writer forever), sockets, devices and folders; FileReader and DiffFile open files this way.
#include "core/common/filereader.h"
#include "core/common/regularfile.h"
#include "core/diff/diffside.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace tapedeck;

class TestRegularFile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(test::writeFile(path(QStringLiteral("file.txt")), "content\n"));
        QCOMPARE(test::run(QStringLiteral("mkfifo"), { path(QStringLiteral("fifo")) }).exitCode, 0);
        QCOMPARE(
            test::run(QStringLiteral("/usr/bin/python3"),
                { QStringLiteral("-c"),
                    QStringLiteral("import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])"),
                    path(QStringLiteral("socket")) })
                .exitCode,
            0);
        QVERIFY(QFile::link(path(QStringLiteral("file.txt")), path(QStringLiteral("link"))));
        QVERIFY(QFile::link(path(QStringLiteral("fifo")), path(QStringLiteral("link-to-fifo"))));
    }

    void open_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("refuseLinks");
        QTest::addColumn<QString>("refusal"); // empty: opens
        QTest::addRow("regular file") << QStringLiteral("file.txt") << true << QString();
        QTest::addRow("link followed") << QStringLiteral("link") << false << QString();
        QTest::addRow("link refused") << QStringLiteral("link") << true << QStringLiteral("symbolic link");
        QTest::addRow("FIFO") << QStringLiteral("fifo") << false
                              << QStringLiteral("is a FIFO (named pipe), not a regular file");
        QTest::addRow("link to a FIFO")
            << QStringLiteral("link-to-fifo") << false << QStringLiteral("is a FIFO");
        QTest::addRow("socket") << QStringLiteral("socket") << false << QStringLiteral("could not be opened");
        QTest::addRow("folder") << QString() << false << QStringLiteral("is a folder, not a regular file");
        QTest::addRow("device") << QStringLiteral("/dev/null") << false
                                << QStringLiteral("is a character device, not a regular file");
        QTest::addRow("missing") << QStringLiteral("absent") << false
                                 << QStringLiteral("could not be opened");
    }

    void open()
    {
        QFETCH(QString, name);
        QFETCH(bool, refuseLinks);
        QFETCH(QString, refusal);
        const QString file = name.startsWith(QLatin1Char('/')) ? name : path(name);
        const Result<int> fd
            = RegularFile::open(file, refuseLinks ? RegularFile::Links::Refuse : RegularFile::Links::Follow);
        if (refusal.isEmpty()) {
            QVERIFY2(fd.ok(), qPrintable(fd.ok() ? QString() : fd.error().message));
            char buffer[8] = {};
            QCOMPARE(::read(*fd, buffer, sizeof buffer), 8);
            QCOMPARE(QByteArray(buffer, 8), QByteArray("content\n"));
            ::close(*fd);
            return;
        }
        QVERIFY(!fd.ok());
        QCOMPARE(fd.error().code, ErrorCode::Io);
        QVERIFY2(fd.error().message.startsWith(file), qPrintable(fd.error().message));
        QVERIFY2(fd.error().message.contains(refusal), qPrintable(fd.error().message));
    }

    // The readers built on it: `events FIFO`, `diff FIFO …` end with the message instead of waiting.
    void readersRefuseFifos()
    {
        const Result<QByteArray> all = FileReader::readAll(path(QStringLiteral("fifo")));
        QVERIFY(!all.ok());
        QVERIFY2(all.error().message.contains(QLatin1String("FIFO")), qPrintable(all.error().message));
        const Result<std::shared_ptr<DiffFile>> diffFile = DiffFile::open(path(QStringLiteral("fifo")));
        QVERIFY(!diffFile.ok());
        QVERIFY2(
            diffFile.error().message.contains(QLatin1String("FIFO")), qPrintable(diffFile.error().message));
        const Result<QByteArray> regular = FileReader::readAll(path(QStringLiteral("file.txt")));
        QVERIFY(regular.ok());
        QCOMPARE(*regular, QByteArray("content\n"));
    }

private:
    QString path(const QString &name) const { return name.isEmpty() ? m_dir.path() : m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestRegularFile)
#include "tst_regularfile.moc"
