// SPDX-License-Identifier: MIT
// RangeDevice over an in-memory "remote" object: any seek/read pattern returns the object's bytes, each
// byte is fetched at most once, missing blocks are fetched together, and fetch errors surface.
#include "core/storage/rangedevice.h"
#include "testsupport.h"

#include <QTest>

#include <random>

using namespace tapedeck;

namespace {

// A fetch over data that records every request and can be told to fail.
struct Remote
{
    explicit Remote(QByteArray bytes)
        : data(std::move(bytes))
    { }

    QByteArray data;
    QList<QPair<qint64, qint64>> calls; // (offset, length)
    int failAt = -1; // the request number (0-based) that fails
    bool shortAnswer = false;

    RangeDevice::Fetch fetch()
    {
        return [this](qint64 offset, qint64 length) -> Result<QByteArray> {
            const int n = int(calls.size());
            calls.append({ offset, length });
            if (n == failAt)
                return makeError(ErrorCode::Io, QStringLiteral("s3://b/k: 503 SlowDown"));
            if (offset < 0 || length <= 0 || offset + length > data.size())
                return makeError(ErrorCode::InvalidInput, QStringLiteral("out of range"));
            return data.mid(offset, shortAnswer ? length - 1 : length);
        };
    }
    // No byte asked for twice, nothing outside the object.
    bool disjoint() const
    {
        QList<QPair<qint64, qint64>> sorted = calls;
        std::sort(sorted.begin(), sorted.end());
        for (qsizetype i = 1; i < sorted.size(); ++i) {
            if (sorted.at(i).first < sorted.at(i - 1).first + sorted.at(i - 1).second)
                return false;
        }
        return true;
    }
};

} // namespace

class TestRangeDevice : public QObject
{
    Q_OBJECT

private slots:
    void randomAccessEqualsTheObject_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("blockSize");
        QTest::addColumn<quint64>("seed");
        QTest::addRow("1 MB, 64 KiB blocks") << qint64(1'000'003) << qint64(64 * 1024) << quint64(1);
        QTest::addRow("1 MB, 4 KiB blocks") << qint64(1'000'003) << qint64(4096) << quint64(2);
        QTest::addRow("100 KB, 7-byte blocks") << qint64(100'000) << qint64(7) << quint64(3);
        QTest::addRow("100 KB, 1-byte blocks") << qint64(100'000) << qint64(1) << quint64(4);
        QTest::addRow("block bigger than object") << qint64(5000) << qint64(1 << 20) << quint64(5);
        QTest::addRow("one byte") << qint64(1) << qint64(64 * 1024) << quint64(6);
    }
    void randomAccessEqualsTheObject()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, blockSize);
        QFETCH(quint64, seed);
        Remote remote { test::pseudoRandom(size, seed) };
        RangeDevice device(size, remote.fetch(), blockSize);
        QVERIFY(device.isOpen());
        QVERIFY(!device.isSequential());
        QCOMPARE(device.size(), size);

        std::mt19937_64 random(seed);
        for (int i = 0; i < 400; ++i) {
            const qint64 offset = qint64(random() % quint64(size + 10)); // sometimes past the end
            const qint64 length = qint64(random() % quint64(std::min<qint64>(size, 3 * blockSize) + 1));
            if (i % 7 == 0)
                QVERIFY(device.prefetch(qint64(random() % quint64(size)), length));
            QVERIFY(device.seek(offset));
            const QByteArray got = device.read(length);
            const QByteArray want = offset >= size ? QByteArray() : remote.data.mid(offset, length);
            QCOMPARE(got.size(), want.size());
            QVERIFY2(got == want, qPrintable(QStringLiteral("read %1 at %2").arg(length).arg(offset)));
            QCOMPARE(device.pos(), offset + want.size());
        }
        QVERIFY(remote.disjoint());
        qint64 fetched = 0;
        for (const auto &call : std::as_const(remote.calls))
            fetched += call.second;
        QCOMPARE(device.bytesFetched(), fetched);
        QCOMPARE(device.requests(), remote.calls.size());
        QVERIFY(device.bytesFetched() <= size);
        QVERIFY(!device.lastError());

        // Everything held by now or not, reading the whole object in one go equals it.
        QVERIFY(device.seek(0));
        QCOMPARE(device.readAll(), remote.data);
        QVERIFY(remote.disjoint());
        QCOMPARE(device.bytesFetched(), size);
    }

    void requestsAreBlockAlignedAndCoalesced()
    {
        Remote remote { test::pseudoRandom(1000, 9) };
        RangeDevice device(1000, remote.fetch(), 100);

        // One byte: its whole block.
        QVERIFY(device.seek(150));
        QCOMPARE(device.read(1), remote.data.mid(150, 1));
        QCOMPARE(remote.calls, (QList<QPair<qint64, qint64>> { { 100, 100 } }));
        // Held: no request.
        QVERIFY(device.seek(100));
        QCOMPARE(device.read(100), remote.data.mid(100, 100));
        QCOMPARE(device.requests(), 1);
        // Three missing adjacent blocks on each side of the held one: one request each side.
        QVERIFY(device.seek(0));
        QCOMPARE(device.read(500), remote.data.first(500));
        QCOMPARE(remote.calls, (QList<QPair<qint64, qint64>> { { 100, 100 }, { 0, 100 }, { 200, 300 } }));
        // The last block is shorter; reading past the end stops there.
        QVERIFY(device.seek(950));
        QCOMPARE(device.read(200), remote.data.mid(950));
        QCOMPARE(remote.calls.constLast(), (QPair<qint64, qint64>(900, 100)));
        QCOMPARE(device.requests(), 4);
        QCOMPARE(device.bytesFetched(), 600);

        // A prefetch is one request from its first missing byte to its last, held bytes in between
        // included; the held bytes before and after it are not asked for.
        QVERIFY(device.prefetch(450, 500));
        QCOMPARE(remote.calls.constLast(), (QPair<qint64, qint64>(500, 400)));
        QVERIFY(device.prefetch(0, 1000)); // all held
        QCOMPARE(device.requests(), 5);
        QVERIFY(device.isHeld(0, 1000));
        QVERIFY(remote.disjoint());
    }

    void prefetchedSpansBoundTheBlocks()
    {
        // A read next to a prefetched span fetches whole blocks but not the span's bytes again.
        Remote remote { test::pseudoRandom(1000, 10) };
        RangeDevice device(1000, remote.fetch(), 100);
        QVERIFY(device.prefetch(130, 40)); // 130..170
        QVERIFY(!device.isHeld(120, 20));
        QVERIFY(device.seek(120));
        QCOMPARE(device.read(60), remote.data.mid(120, 60));
        QCOMPARE(remote.calls, (QList<QPair<qint64, qint64>> { { 130, 40 }, { 100, 30 }, { 170, 30 } }));
        QVERIFY(remote.disjoint());
    }

    void readsPastTheEnd()
    {
        Remote remote { test::pseudoRandom(300, 11) };
        RangeDevice device(300, remote.fetch(), 128);
        QVERIFY(device.seek(300));
        QCOMPARE(device.read(10), QByteArray());
        QVERIFY(device.atEnd());
        QVERIFY(device.seek(5000));
        QCOMPARE(device.read(10), QByteArray());
        QVERIFY(device.prefetch(290, 100));
        QCOMPARE(remote.calls, (QList<QPair<qint64, qint64>> { { 290, 10 } }));
        QVERIFY(device.prefetch(400, 100)); // wholly past the end: nothing to do
        QVERIFY(device.prefetch(-50, 60)); // clipped to [0, 10)
        QCOMPARE(remote.calls.constLast(), (QPair<qint64, qint64>(0, 10)));
        QCOMPARE(device.requests(), 2);

        RangeDevice empty(0, remote.fetch());
        QCOMPARE(empty.readAll(), QByteArray());
        QCOMPARE(empty.requests(), 0);
    }

    void fetchErrorsSurface()
    {
        Remote remote { test::pseudoRandom(1000, 12) };
        remote.failAt = 1;
        RangeDevice device(1000, remote.fetch(), 100);
        QVERIFY(device.seek(0));
        QCOMPARE(device.read(10), remote.data.first(10));
        QVERIFY(device.seek(500));
        QCOMPARE(device.read(10), QByteArray());
        QVERIFY(device.lastError());
        QCOMPARE(device.lastError()->code, ErrorCode::Io);
        QCOMPARE(device.lastError()->message, QStringLiteral("s3://b/k: 503 SlowDown"));
        QCOMPARE(device.errorString(), QStringLiteral("s3://b/k: 503 SlowDown"));
        // The error sticks: no more requests, but held bytes are still served.
        QVERIFY(device.seek(700));
        QCOMPARE(device.read(1), QByteArray());
        const Status prefetched = device.prefetch(800, 10);
        QVERIFY(!prefetched);
        QCOMPARE(prefetched.error().message, QStringLiteral("s3://b/k: 503 SlowDown"));
        QCOMPARE(device.requests(), 2);
        QVERIFY(device.seek(5));
        QCOMPARE(device.read(5), remote.data.mid(5, 5));
        QCOMPARE(device.bytesFetched(), 100);
    }

    void shortAnswersAreErrors()
    {
        Remote remote { test::pseudoRandom(1000, 13) };
        remote.shortAnswer = true;
        RangeDevice device(1000, remote.fetch(), 100);
        QCOMPARE(device.read(10), QByteArray());
        QVERIFY(device.lastError());
        QCOMPARE(device.lastError()->code, ErrorCode::Io);
        QVERIFY2(device.lastError()->message.contains(QLatin1String("returned 99 bytes")),
            qPrintable(device.lastError()->message));
        QVERIFY(!device.isHeld(0, 1));
    }
};

QTEST_GUILESS_MAIN(TestRangeDevice)
#include "tst_rangedevice.moc"
