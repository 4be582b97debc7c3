// SPDX-License-Identifier: MIT
// Tests the decompression-bomb limits: declared sizes, ratio, totals, and entries that lie about their size.
#include "core/archive/extractionlimits.h"
#include "core/archive/ziparchive.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace tapedeck;

namespace {

ZipEntry entry(const QString &name, qint64 size, qint64 compressed)
{
    ZipEntry e;
    e.name = name;
    e.size = size;
    e.compressedSize = compressed;
    return e;
}

constexpr qint64 MiB = qint64(1) << 20;

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT

private slots:
    void check_data()
    {
        QTest::addColumn<qint64>("maxEntry");
        QTest::addColumn<qint64>("maxTotal");
        QTest::addColumn<double>("maxRatio");
        QTest::addColumn<QList<ZipEntry>>("entries");
        QTest::addColumn<QString>("expected"); // empty = accepted
        const QList<ZipEntry> normal { entry(QStringLiteral("a"), 200 * MiB, 20 * MiB),
            entry(QStringLiteral("b"), 10, 30) };
        QTest::addRow("defaults accept a realistic recording")
            << ExtractionLimits::DefaultMaxEntrySize << ExtractionLimits::DefaultMaxTotalSize
            << ExtractionLimits::DefaultMaxRatio << normal << QString();
        QTest::addRow("entry too large")
            << 100 * MiB << qint64(0) << 0.0 << normal << QStringLiteral("per-entry limit");
        QTest::addRow("total too large") << qint64(0) << 150 * MiB << 0.0
                                         << QList<ZipEntry> { entry(QStringLiteral("a"), 100 * MiB, 50 * MiB),
                                                entry(QStringLiteral("b"), 100 * MiB, 50 * MiB) }
                                         << QStringLiteral("total limit");
        QTest::addRow("ratio too high") << qint64(0) << qint64(0) << 1000.0
                                        << QList<ZipEntry> { entry(QStringLiteral("zeros"), 2000 * MiB, MiB) }
                                        << QStringLiteral("ratio limit");
        QTest::addRow("tiny entries are not ratio-checked")
            << qint64(0) << qint64(0) << 10.0 << QList<ZipEntry> { entry(QStringLiteral("t"), 100000, 10) }
            << QString();
        QTest::addRow("zero disables every limit")
            << qint64(0) << qint64(0) << 0.0
            << QList<ZipEntry> { entry(QStringLiteral("z"), qint64(1) << 40, 1) } << QString();
    }

    void check()
    {
        QFETCH(qint64, maxEntry);
        QFETCH(qint64, maxTotal);
        QFETCH(double, maxRatio);
        QFETCH(QList<ZipEntry>, entries);
        QFETCH(QString, expected);
        ExtractionLimits limits;
        limits.maxEntrySize = maxEntry;
        limits.maxTotalSize = maxTotal;
        limits.maxRatio = maxRatio;
        const Status s = limits.check(entries, QStringLiteral("x.zip"));
        if (expected.isEmpty()) {
            QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
            return;
        }
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QVERIFY2(s.error().message.contains(expected), qPrintable(s.error().message));
        QVERIFY(s.error().message.contains(QLatin1String("x.zip")));
    }

    void realBombIsRefusedBeforeInflating()
    {
        QTemporaryDir work;
        const QString zeros = work.filePath(QStringLiteral("zeros.bin"));
        QVERIFY(test::writeFile(zeros, QByteArray(64 * MiB, '\0')));
        const QString zip = work.filePath(QStringLiteral("bomb.zip"));
        QVERIFY(
            test::aeszip({ QStringLiteral("write"), QStringLiteral("--password"), QStringLiteral("pw"),
                             QStringLiteral("--output"), zip, QStringLiteral("http/cassette.yaml=") + zeros })
                .exitCode
            == 0);
        auto source = RecordingSource::open(zip);
        QVERIFY(source.ok());
        QVERIFY((*source)->unlock(QStringLiteral("pw")).ok());
        const Result<Recording> refused = Recording::load(**source);
        QVERIFY(!refused.ok());
        QVERIFY2(
            refused.error().message.contains(QLatin1String("ratio")), qPrintable(refused.error().message));

        ExtractionLimits lenient;
        lenient.maxRatio = 0;
        const Result<Recording> accepted = Recording::load(**source, lenient);
        QVERIFY(accepted.ok());
        QCOMPARE(accepted->contents.value(QStringLiteral("http/cassette.yaml")).size(), 64 * MiB);
    }

    void entryLyingAboutItsSizeIsStopped()
    {
        // Declared 1000 bytes, really 1 MiB: decoding stops at the declared size instead of trusting it.
        QTemporaryDir work;
        const QString big = work.filePath(QStringLiteral("big.txt"));
        QVERIFY(test::writeFile(big, test::jsonLines(MiB, 4)));
        const QString zip = work.filePath(QStringLiteral("liar.zip"));
        QVERIFY(test::aeszip({ QStringLiteral("write"), QStringLiteral("--password"), QStringLiteral("pw"),
                                 QStringLiteral("--output"), zip, QStringLiteral("big.txt=") + big })
                    .exitCode
            == 0);
        QByteArray bytes = test::readFile(zip);
        const qsizetype central = bytes.lastIndexOf("PK\x01\x02");
        const quint32 local = qFromLittleEndian<quint32>(bytes.constData() + central + 42);
        qToLittleEndian<quint32>(1000, bytes.data() + central + 24);
        qToLittleEndian<quint32>(1000, bytes.data() + local + 22);
        QVERIFY(test::writeFile(zip, bytes));
        auto archive = ZipArchive::open(zip);
        QVERIFY2(archive.ok(), qPrintable(archive.ok() ? QString() : archive.error().message));
        (*archive)->setPassword(QStringLiteral("pw"));
        qint64 received = 0;
        const Status s = (*archive)->read((*archive)->entries().at(0), [&](QByteArrayView chunk) {
            received += chunk.size();
            return success();
        });
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QLatin1String("more data than")), qPrintable(s.error().message));
        QVERIFY(received <= 1000);
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
