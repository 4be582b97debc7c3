// SPDX-License-Identifier: MIT
// Tests Content-Encoding decoding (gzip, deflate both ways, br, chains) and header lookup.
#include "core/recording/httpexchange.h"
#include "testsupport.h"

#include <QTest>

#include <brotli/encode.h>
#include <zlib.h>

using namespace tapedeck;

namespace {

QByteArray zlibCompress(const QByteArray &data, int windowBits)
{
    z_stream s {};
    deflateInit2(&s, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&s, uLong(data.size()))) + 64, Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.truncate(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

QByteArray brotli(const QByteArray &data)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size())) + 64;
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
            size_t(data.size()), reinterpret_cast<const uint8_t *>(data.constData()), &size,
            reinterpret_cast<uint8_t *>(out.data())))
        return {};
    out.truncate(qsizetype(size));
    return out;
}

} // namespace

class TestHttpExchange : public QObject
{
    Q_OBJECT

private slots:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QString>("encoding");
        const QByteArray body = test::jsonLines(200000, 5);
        QTest::addRow("identity") << body << QStringLiteral("identity");
        QTest::addRow("none") << body << QString();
        QTest::addRow("gzip") << zlibCompress(body, 16 + MAX_WBITS) << QStringLiteral("gzip");
        QTest::addRow("x-gzip, upper case") << zlibCompress(body, 16 + MAX_WBITS) << QStringLiteral("X-GZIP");
        QTest::addRow("deflate (zlib)") << zlibCompress(body, MAX_WBITS) << QStringLiteral("deflate");
        QTest::addRow("deflate (raw, as some servers send)")
            << zlibCompress(body, -MAX_WBITS) << QStringLiteral("deflate");
        QTest::addRow("br") << brotli(body) << QStringLiteral("br");
        QTest::addRow("gzip then br")
            << brotli(zlibCompress(body, 16 + MAX_WBITS)) << QStringLiteral("gzip, br");
        QTest::addRow("gzip inside gzip")
            << zlibCompress(zlibCompress(body, 16 + MAX_WBITS), 16 + MAX_WBITS) << QStringLiteral("gzip, gzip");
        QTest::addRow("raw deflate, identity, gzip, br")
            << brotli(zlibCompress(zlibCompress(body, -MAX_WBITS), 16 + MAX_WBITS))
            << QStringLiteral("deflate, identity, gzip, br");
        QTest::addRow("five codings") << zlibCompress(zlibCompress(zlibCompress(zlibCompress(zlibCompress(body,
                                         16 + MAX_WBITS), MAX_WBITS), -MAX_WBITS), 16 + MAX_WBITS), MAX_WBITS)
                                      << QStringLiteral("gzip, deflate, deflate, gzip, deflate");
        // Two gzip members, the first holding one byte: the deflate layer gets its first byte alone and
        // must wait for the second to tell raw deflate from zlib.
        const QByteArray rawDeflate = zlibCompress(body, -MAX_WBITS);
        QTest::addRow("raw deflate arriving a byte at a time")
            << zlibCompress(rawDeflate.left(1), 16 + MAX_WBITS) + zlibCompress(rawDeflate.mid(1), 16 + MAX_WBITS)
            << QStringLiteral("deflate, gzip");
        const QByteArray zlibDeflate = zlibCompress(body, MAX_WBITS);
        QTest::addRow("zlib deflate arriving a byte at a time")
            << zlibCompress(zlibDeflate.left(1), 16 + MAX_WBITS) + zlibCompress(zlibDeflate.mid(1), 16 + MAX_WBITS)
            << QStringLiteral("deflate, gzip");
        QTest::addRow("two gzip members")
            << zlibCompress(body.left(1000), 16 + MAX_WBITS) + zlibCompress(body.mid(1000), 16 + MAX_WBITS)
            << QStringLiteral("gzip");
    }

    void decodes()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QString, encoding);
        QVERIFY(!encoded.isEmpty());
        const Result<QByteArray> decoded = HttpExchange::decodeContent(encoded, encoding);
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        QVERIFY(*decoded == test::jsonLines(200000, 5));
    }

    void failsClearly_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("expected");
        const QByteArray body = test::jsonLines(50000, 6);
        const QByteArray gz = zlibCompress(body, 16 + MAX_WBITS);
        QTest::addRow("truncated gzip")
            << gz.left(gz.size() / 2) << QStringLiteral("gzip") << QStringLiteral("does not decode");
        QTest::addRow("not brotli") << body << QStringLiteral("br") << QStringLiteral("brotli");
        QTest::addRow("unknown coding") << body << QStringLiteral("zstd") << QStringLiteral("zstd");
        QTest::addRow("truncated inner gzip")
            << zlibCompress(gz.left(gz.size() / 2), 16 + MAX_WBITS) << QStringLiteral("gzip, gzip")
            << QStringLiteral("truncated stream");
        QTest::addRow("truncated brotli")
            << brotli(body).left(100) << QStringLiteral("br") << QStringLiteral("truncated");
        QTest::addRow("garbage after a gzip member")
            << gz + QByteArray("garbage") << QStringLiteral("gzip") << QStringLiteral("does not decode");
    }

    void failsClearly()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QString, encoding);
        QFETCH(QString, expected);
        const Result<QByteArray> decoded = HttpExchange::decodeContent(encoded, encoding);
        QVERIFY(!decoded.ok());
        QVERIFY2(decoded.error().message.contains(expected), qPrintable(decoded.error().message));
    }

    void boundsTheOutput()
    {
        // 64 MiB of zeros compress to ~64 KiB: with a 1 MiB cap decoding stops instead of inflating it all.
        const QByteArray bomb = zlibCompress(QByteArray(64 << 20, '\0'), 16 + MAX_WBITS);
        const Result<QByteArray> capped = HttpExchange::decodeContent(bomb, QStringLiteral("gzip"), 1 << 20);
        QVERIFY(!capped.ok());
        QVERIFY2(capped.error().message.contains(QLatin1String("larger than")),
            qPrintable(capped.error().message));
        const Result<QByteArray> brCapped
            = HttpExchange::decodeContent(brotli(QByteArray(8 << 20, 'a')), QStringLiteral("br"), 1 << 20);
        QVERIFY(!brCapped.ok());
    }

    void capsAllLayersTogether()
    {
        // Each layer produces less than the cap, both together more: one budget for the whole chain, not one
        // per layer (a gzip inside a gzip used to get the cap twice).
        QByteArray noise(600 * 1024, Qt::Uninitialized);
        quint32 x = 2463534242u;
        for (char &c : noise) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = char(x);
        }
        const QByteArray inner = zlibCompress(noise, 16 + MAX_WBITS);
        const QByteArray twice = zlibCompress(inner, 16 + MAX_WBITS);
        QVERIFY(inner.size() < (1 << 20) && noise.size() < (1 << 20));
        QVERIFY(inner.size() + noise.size() > (1 << 20));
        const Result<QByteArray> capped = HttpExchange::decodeContent(twice, QStringLiteral("gzip, gzip"), 1 << 20);
        QVERIFY(!capped.ok());
        QVERIFY2(capped.error().message.contains(QLatin1String("all Content-Encoding layers together")),
            qPrintable(capped.error().message));
        const Result<QByteArray> whole = HttpExchange::decodeContent(twice, QStringLiteral("gzip, gzip"), 2 << 20);
        QVERIFY(whole.ok());
        QCOMPARE(*whole, noise);
    }

    void decodesLargeBodiesWhole()
    {
        // Large outputs are measured on a first pass and decoded again into a buffer of their size: the
        // result is the same bytes, and the cap still counts every layer.
        QByteArray big;
        for (int i = 0; big.size() < (40 << 20); ++i)
            big += "line " + QByteArray::number(i) + " of a body larger than the first pass keeps\n";
        const QByteArray encoded = brotli(zlibCompress(big, 16 + MAX_WBITS));
        const Result<QByteArray> decoded = HttpExchange::decodeContent(encoded, QStringLiteral("gzip, br"));
        QVERIFY(decoded.ok());
        QVERIFY(*decoded == big);
        QVERIFY(!HttpExchange::decodeContent(encoded, QStringLiteral("gzip, br"), big.size()).ok());
        const Result<QByteArray> truncated
            = HttpExchange::decodeContent(zlibCompress(big, 16 + MAX_WBITS).chopped(100), QStringLiteral("gzip"));
        QVERIFY(!truncated.ok());
        QVERIFY2(truncated.error().message.contains(QLatin1String("truncated")), qPrintable(truncated.error().message));
    }

    void refusesTooManyCodings()
    {
        QByteArray encoded("{}");
        QStringList codings;
        for (int i = 0; i <= HttpExchange::MaxCodings; ++i) {
            encoded = zlibCompress(encoded, 16 + MAX_WBITS);
            codings.append(QStringLiteral("gzip"));
        }
        const Result<QByteArray> decoded = HttpExchange::decodeContent(encoded, codings.join(QLatin1String(", ")));
        QVERIFY(!decoded.ok());
        QVERIFY2(decoded.error().message.contains(QLatin1String("more than 5 times")),
            qPrintable(decoded.error().message));
        // identity needs no decoder and does not count.
        codings.removeLast();
        codings.append({ QStringLiteral("identity"), QStringLiteral("identity") });
        QVERIFY(HttpExchange::decodeContent(zlibCompress(zlibCompress(zlibCompress(zlibCompress(zlibCompress(
                                                QByteArray("{}"), 16 + MAX_WBITS), 16 + MAX_WBITS), 16 + MAX_WBITS),
                                                16 + MAX_WBITS), 16 + MAX_WBITS),
            codings.join(QLatin1String(", ")))
                    .ok());
    }

    void contentEncodingOfRepeatedHeaders()
    {
        // VCR.py records a repeated header as a list: Content-Encoding: [gzip, br] is two header values.
        const QList<HttpHeader> headers { { QStringLiteral("Content-Encoding"), QStringLiteral("gzip") },
            { QStringLiteral("Content-Type"), QStringLiteral("text/plain") },
            { QStringLiteral("content-encoding"), QStringLiteral("br") } };
        QCOMPARE(HttpExchange::contentEncoding(headers), QStringLiteral("gzip, br"));
        QVERIFY(HttpExchange::contentEncoding({}).isEmpty());
    }

    void headerLookupIgnoresCase()
    {
        const QList<HttpHeader> headers { { QStringLiteral("Set-Cookie"), QStringLiteral("a=1") },
            { QStringLiteral("content-length"), QStringLiteral("10") },
            { QStringLiteral("set-cookie"), QStringLiteral("b=2") } };
        QCOMPARE(HttpExchange::headerValues(headers, u"SET-COOKIE"),
            (QStringList { QStringLiteral("a=1"), QStringLiteral("b=2") }));
        QCOMPARE(HttpExchange::headerValue(headers, u"Content-Length"), QStringLiteral("10"));
        QVERIFY(HttpExchange::headerValue(headers, u"Location").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpExchange)
#include "tst_httpexchange.moc"
