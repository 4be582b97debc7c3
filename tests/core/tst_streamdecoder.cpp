// SPDX-License-Identifier: MIT
// Tests the streaming decoders against zlib/libbz2/liblzma encoders, fed in pieces of every size.
#include "core/archive/streamdecoder.h"
#include "testsupport.h"

#include <QTest>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>

using namespace tapedeck;

namespace {

QByteArray deflateRaw(const QByteArray &input)
{
    z_stream s {};
    deflateInit2(&s, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&s, uLong(input.size()))), Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
    s.avail_in = uInt(input.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.truncate(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

QByteArray bzip2(const QByteArray &input)
{
    QByteArray out(input.size() + input.size() / 100 + 600, Qt::Uninitialized);
    unsigned int length = unsigned(out.size());
    BZ2_bzBuffToBuffCompress(
        out.data(), &length, const_cast<char *>(input.constData()), unsigned(input.size()), 9, 0, 0);
    out.truncate(qsizetype(length));
    return out;
}

// ZIP method 14 payload: version 9.4, properties size 5, properties, raw LZMA1 with or without end marker.
QByteArray zipLzma(const QByteArray &input, bool endMarker)
{
    lzma_options_lzma options;
    lzma_lzma_preset(&options, 6);
    if (!endMarker) {
        options.ext_flags = 0;
        options.ext_size_low = uint32_t(input.size());
        options.ext_size_high = 0;
    }
    lzma_filter filters[2] = { { endMarker ? LZMA_FILTER_LZMA1 : LZMA_FILTER_LZMA1EXT, &options },
        { LZMA_VLI_UNKNOWN, nullptr } };
    uint8_t properties[5];
    lzma_filter propertyFilter { LZMA_FILTER_LZMA1, &options };
    lzma_properties_encode(&propertyFilter, properties);
    lzma_stream s = LZMA_STREAM_INIT;
    if (lzma_raw_encoder(&s, filters) != LZMA_OK)
        return {};
    QByteArray out(input.size() + input.size() / 2 + 1024, Qt::Uninitialized);
    s.next_in = reinterpret_cast<const uint8_t *>(input.constData());
    s.avail_in = size_t(input.size());
    s.next_out = reinterpret_cast<uint8_t *>(out.data());
    s.avail_out = size_t(out.size());
    if (lzma_code(&s, LZMA_FINISH) != LZMA_STREAM_END)
        out.clear();
    out.truncate(qsizetype(s.total_out));
    lzma_end(&s);
    return QByteArray("\x09\x04\x05\x00", 4) + QByteArray(reinterpret_cast<const char *>(properties), 5)
        + out;
}

struct Decoded
{
    Status status = success();
    QByteArray data;
};

Decoded decode(
    quint16 method, const QByteArray &compressed, qint64 expectedSize, qsizetype piece, bool endMarker = true)
{
    Decoded result;
    auto decoder = StreamDecoder::create(method, expectedSize, endMarker);
    if (!decoder) {
        result.status = decoder.error();
        return result;
    }
    const ChunkSink sink = [&](QByteArrayView chunk) {
        result.data.append(chunk);
        return success();
    };
    for (qsizetype at = 0; at < compressed.size(); at += piece) {
        result.status = (*decoder)->feed(
            QByteArrayView(compressed).sliced(at, std::min(piece, compressed.size() - at)), sink);
        if (!result.status)
            return result;
    }
    result.status = (*decoder)->finish(sink);
    return result;
}

QByteArray compress(quint16 method, const QByteArray &data, bool endMarker = true)
{
    switch (method) {
    case StreamDecoder::Store:
        return data;
    case StreamDecoder::Deflate:
        return deflateRaw(data);
    case StreamDecoder::BZip2:
        return bzip2(data);
    case StreamDecoder::Lzma:
        return zipLzma(data, endMarker);
    default:
        return {};
    }
}

} // namespace

class TestStreamDecoder : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<bool>("endMarker");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("piece");
        const QByteArray text = test::jsonLines(600 * 1024, 7);
        const QByteArray noise = test::pseudoRandom(300 * 1024, 11);
        const struct
        {
            const char *name;
            int method;
            bool endMarker;
        } methods[] = { { "store", 0, true }, { "deflate", 8, true }, { "bzip2", 12, true },
            { "lzma-eos", 14, true }, { "lzma-no-eos", 14, false } };
        for (const auto &m : methods) {
            for (const int piece : { 1, 5, 9, 4096, 1 << 30 }) {
                // Byte-by-byte over hundreds of kilobytes is slow for no extra insight: use small inputs
                // there.
                const bool tiny = piece < 16;
                QTest::addRow("%s text piece %d", m.name, piece)
                    << m.method << m.endMarker << (tiny ? text.left(20000) : text) << piece;
                QTest::addRow("%s noise piece %d", m.name, piece)
                    << m.method << m.endMarker << (tiny ? noise.left(9000) : noise) << piece;
            }
            QTest::addRow("%s empty", m.name) << m.method << m.endMarker << QByteArray() << 4096;
            QTest::addRow("%s one byte", m.name) << m.method << m.endMarker << QByteArray("x") << 1;
        }
    }

    void roundTrip()
    {
        QFETCH(int, method);
        QFETCH(bool, endMarker);
        QFETCH(QByteArray, data);
        QFETCH(int, piece);
        const QByteArray compressed = compress(quint16(method), data, endMarker);
        QVERIFY(method == 0 || !compressed.isEmpty());
        const Decoded d = decode(quint16(method), compressed, data.size(), piece, endMarker);
        QVERIFY2(d.status.ok(), qPrintable(d.status.ok() ? QString() : d.status.error().message));
        QCOMPARE(d.data.size(), data.size());
        QVERIFY(d.data == data);
    }

    void corrupt_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<QByteArray>("compressed");
        QTest::addColumn<qint64>("expectedSize");
        QTest::addColumn<QString>("expectedText");
        const QByteArray text = test::jsonLines(100 * 1024, 3);
        for (const int method : { 8, 12, 14 }) {
            const QByteArray good = compress(quint16(method), text);
            const QByteArray name = method == 8 ? "deflate" : method == 12 ? "bzip2" : "lzma";
            QTest::addRow("%s truncated", name.constData())
                << method << good.left(good.size() / 2) << qint64(text.size())
                << QStringLiteral("ends early");
            QTest::addRow("%s trailing garbage", name.constData())
                << method << good + QByteArray("garbage") << qint64(text.size())
                << QStringLiteral("after the end");
            QByteArray flipped = good;
            flipped[flipped.size() / 3] = char(flipped.at(flipped.size() / 3) ^ 0x55);
            QTest::addRow("%s flipped byte", name.constData())
                << method << flipped << qint64(text.size()) << QString();
            QTest::addRow("%s garbage", name.constData())
                << method << test::pseudoRandom(5000, 5) << qint64(text.size()) << QString();
        }
        QTest::addRow("lzma bad properties size")
            << 14 << QByteArray("\x09\x04\x07\x00\x5d\x00\x00\x10\x00\x00\x00", 11) << qint64(10)
            << QStringLiteral("properties size");
        QTest::addRow("lzma header only")
            << 14 << QByteArray("\x09\x04", 2) << qint64(10) << QStringLiteral("header");
        QTest::addRow("lzma invalid lc/lp/pb")
            << 14 << QByteArray("\x09\x04\x05\x00\xff\x00\x00\x10\x00", 9) + QByteArray(16, 'x') << qint64(10)
            << QStringLiteral("properties");
    }

    void corrupt()
    {
        QFETCH(int, method);
        QFETCH(QByteArray, compressed);
        QFETCH(qint64, expectedSize);
        QFETCH(QString, expectedText);
        const Decoded d = decode(quint16(method), compressed, expectedSize, 4096);
        // A flipped byte may still decode to *something*; then it must differ or the size must be off
        // (the archive layer rejects both: CRC and size checks).
        if (d.status.ok()) {
            QVERIFY(expectedText.isEmpty());
            QVERIFY(d.data.size() != expectedSize || d.data != test::jsonLines(100 * 1024, 3));
            return;
        }
        QCOMPARE(d.status.error().code, ErrorCode::InvalidInput);
        QVERIFY2(d.status.error().message.contains(expectedText), qPrintable(d.status.error().message));
    }

    void lzmaFlaggedMarkerMissing()
    {
        // Flag bit 1 promises an end marker but the writer stopped at the declared size: accepted.
        const QByteArray data = test::jsonLines(50000, 9);
        const Decoded d
            = decode(StreamDecoder::Lzma, compress(StreamDecoder::Lzma, data, false), data.size(), 777, true);
        QVERIFY2(d.status.ok(), qPrintable(d.status.ok() ? QString() : d.status.error().message));
        QVERIFY(d.data == data);
        // Cut short of the declared size it is still an error.
        const QByteArray cut = compress(StreamDecoder::Lzma, data, false);
        QVERIFY(!decode(StreamDecoder::Lzma, cut.left(cut.size() - 50), data.size(), 777, true).status.ok());
    }

    void lzmaDictionaryIsBounded()
    {
        // A header asking for a 4 GiB dictionary must not make a tiny entry allocate it.
        QByteArray data = compress(StreamDecoder::Lzma, QByteArray("hello hello hello"));
        data[4 + 1] = char(0xff);
        data[4 + 2] = char(0xff);
        data[4 + 3] = char(0xff);
        data[4 + 4] = char(0xff);
        const Decoded d = decode(StreamDecoder::Lzma, data, 17, 4096);
        QVERIFY2(d.status.ok(), qPrintable(d.status.ok() ? QString() : d.status.error().message));
        QCOMPARE(d.data, QByteArray("hello hello hello"));
    }

    void unsupportedMethod()
    {
        const auto decoder = StreamDecoder::create(95, 10);
        QVERIFY(!decoder.ok());
        QVERIFY(decoder.error().message.contains(QLatin1String("95")));
        QVERIFY(!StreamDecoder::isSupported(93));
        QVERIFY(StreamDecoder::isSupported(14));
    }
};

QTEST_GUILESS_MAIN(TestStreamDecoder)
#include "tst_streamdecoder.moc"
