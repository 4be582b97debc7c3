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
