// SPDX-License-Identifier: MIT
// Tests the mock layer's request parsing: every split of a stream, pipelining, chunked bodies, Expect,
// CONNECT, and hostile input (bad request lines, header floods, huge or endless bodies, HTTP/2 preambles).
#include "core/replay/httprequestparser.h"

#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;

namespace {

using State = HttpRequestParser::State;

std::vector<HttpRequest> parseAll(const QByteArray &stream, qsizetype piece, HttpRequestParser &parser)
{
    std::vector<HttpRequest> all;
    for (qsizetype at = 0; at < stream.size(); at += piece) {
        parser.feed(QByteArrayView(stream).sliced(at, std::min(piece, stream.size() - at)));
        for (HttpRequest &r : parser.takeRequests())
            all.push_back(std::move(r));
    }
    return all;
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void pipelinedRequestsInAnySplit()
    {
        const QByteArray stream = "GET /api/4.0/dashboards/3?fields=id HTTP/1.1\r\nHost: looker.example.com\r\n"
                                  "Accept: */*\r\nX-Multi: a\r\nX-Multi: b\r\n\r\n"
                                  "POST http://gms.example.com:8080/aspects?action=ingestProposal HTTP/1.1\r\n"
                                  "Host: gms.example.com:8080\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
                                  "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n"
                                  "POST /empty HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n";
        for (const qsizetype piece : { qsizetype(1), qsizetype(2), qsizetype(7), qsizetype(64), stream.size() }) {
            HttpRequestParser parser;
            const std::vector<HttpRequest> r = parseAll(stream, piece, parser);
            QCOMPARE(parser.state(), State::Reading);
            QCOMPARE(r.size(), size_t(4));
            QCOMPARE(r[0].method, QByteArray("GET"));
            QCOMPARE(r[0].target, QByteArray("/api/4.0/dashboards/3?fields=id"));
            QCOMPARE(r[0].header("host"), QByteArray("looker.example.com"));
            QCOMPARE(r[0].headers.size(), 4);
            QCOMPARE(r[0].headers.at(3), (std::pair<QByteArray, QByteArray>("X-Multi", "b")));
            QVERIFY(!r[0].body.has_value());
            QVERIFY(r[0].keepAlive);
            QCOMPARE(r[1].target, QByteArray("http://gms.example.com:8080/aspects?action=ingestProposal"));
            QCOMPARE(r[1].body, std::optional<QByteArray>("{\"a\":1}"));
            QCOMPARE(r[2].body, std::optional<QByteArray>("abcde"));
            QVERIFY(!r[3].body.has_value()); // no body bytes: what VCR.py records as None
        }
    }

    void connectionCloseEndsTheStream()
    {
        HttpRequestParser parser;
        parser.feed("GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        const std::vector<HttpRequest> r = parser.takeRequests();
        QCOMPARE(r.size(), size_t(1));
        QVERIFY(!r[0].keepAlive);
        QVERIFY(parser.state() != State::Reading);
        QCOMPARE(parser.errorStatus(), 0);
        HttpRequestParser old;
        old.feed("GET /a HTTP/1.0\r\nHost: h\r\n\r\n");
        QVERIFY(!old.takeRequests().front().keepAlive);
    }

    void expectContinue()
    {
        HttpRequestParser parser;
        parser.feed("PUT /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        QVERIFY(parser.takeContinueWanted());
        QVERIFY(!parser.takeContinueWanted());
        QVERIFY(parser.takeRequests().empty());
        parser.feed("xyz");
        QCOMPARE(parser.takeRequests().front().body, std::optional<QByteArray>("xyz"));
    }

    void feedOneStopsAfterEachRequest()
    {
        const QByteArray one = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
        const QByteArray two = "POST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz";
        const QByteArray stream = one + two + "GET /c HTTP/1.1\r\n\r\nGET /d HT";
        HttpRequestParser parser;
        qsizetype at = 0;
        QList<QByteArray> targets;
        while (at < stream.size()) {
            const qsizetype used = parser.feedOne(QByteArrayView(stream).sliced(at));
            QVERIFY(used >= 0 && at + used <= stream.size());
            const std::vector<HttpRequest> r = parser.takeRequests();
            QVERIFY(r.size() <= 1);
            if (r.empty())
                QCOMPARE(at + used, stream.size()); // only the end of the data stops it without a request
            for (const HttpRequest &x : r)
                targets << x.target;
            at += used;
        }
        QCOMPARE(targets, QList<QByteArray>({ "/a", "/b", "/c" }));
        QVERIFY(parser.midRequest());
        QCOMPARE(parser.state(), State::Reading);
        parser.feedOne("TP/1.1\r\n\r\n");
        QCOMPARE(parser.takeRequests().front().target, QByteArray("/d"));
    }

    void connectHandsTheRestToTheTunnel()
    {
        HttpRequestParser parser;
        const QByteArray stream = QByteArray("CONNECT looker.example.com:443 HTTP/1.1\r\nHost: looker.example.com:443\r\n\r\n")
            + QByteArray("\x16\x03\x01\x02\x00", 5);
        parser.feed(stream);
        QCOMPARE(parser.state(), State::Tunnel);
        const std::vector<HttpRequest> r = parser.takeRequests();
        QCOMPARE(r.size(), size_t(1));
        QVERIFY(r[0].isConnect());
        QCOMPARE(r[0].target, QByteArray("looker.example.com:443"));
        QCOMPARE(parser.takeTunnelData(), QByteArray("\x16\x03\x01\x02\x00", 5));
        parser.feed("more"); // the tunnel's, not the parser's
        QVERIFY(parser.takeRequests().empty());
    }

    void hostileInput_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x00\x10hello") << 400;
        QTest::newRow("bad request line") << QByteArray("GET\r\n\r\n") << 400;
        QTest::newRow("unknown method") << QByteArray("BREW /pot HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0 request") << QByteArray("GET / HTTP/2.0\r\nHost: h\r\n\r\n") << 505;
        QTest::newRow("header flood") << "GET / HTTP/1.1\r\n" + QByteArray("X-A: b\r\n").repeated(20000) << 431;
        QTest::newRow("one huge header") << "GET / HTTP/1.1\r\nX: " + QByteArray(100 << 10, 'a') << 431;
        QTest::newRow("too many headers") << "GET / HTTP/1.1\r\n" + QByteArray("X: 1\r\n").repeated(300) + "\r\n" << 431;
        QTest::newRow("10 GB body declared") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 10000000000\r\n\r\n") << 413;
        QTest::newRow("endless chunks")
            << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + QByteArray("ffff\r\n" + QByteArray(0xffff, 'x') + "\r\n").repeated(20)
            << 413;
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("POST / HTTP/1.1\r\nContent-Length : 2\r\n\r\nab") << 400;
        QTest::newRow("tab in a name") << QByteArray("GET / HTTP/1.1\r\nTransfer-Encoding\t: chunked\r\n\r\n") << 400;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
    }

    void hostileInput()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, status);
        HttpRequestParser parser({ 1 << 20, 256 });
        parser.feed(stream);
        QCOMPARE(parser.state(), State::Failed);
        QCOMPARE(parser.errorStatus(), status);
        QVERIFY(!parser.errorText().isEmpty());
        parser.feed("GET / HTTP/1.1\r\n\r\n"); // nothing more is read
        QVERIFY(parser.takeRequests().empty());
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
