// SPDX-License-Identifier: MIT
// Tests the mock layer's HTTP server in-process against well-behaved, slow and hostile clients (Qt sockets,
// raw sockets that never read, curl and Debian's python3): keep-alive, pipelining, HEAD, HTTP/1.0, chunked
// bodies, Expect, connection limits, malformed streams, timeouts, output a client never reads, CONNECT
// tunnels with the replay CA, held answers, URI reconstruction and loopback-only listening. Every hostile
// case also proves that a second, well-behaved connection is served meanwhile.
#include "core/replay/certificateauthority.h"
#include "core/replay/mockhttpserver.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <deque>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

using Kind = HttpProtocolEvent::Kind;

// One answer as a client reads it.
struct Answer
{
    int status = 0;
    QByteArray reason;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
};

// Turns the event loop until pred holds or ms pass (QTest::qWaitFor sleeps 10 ms between turns, which makes
// a thousand round trips take half a minute).
template<typename Pred> bool waitUntil(Pred pred, int ms)
{
    if (pred())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (pred())
            loop.quit();
    });
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    poll.start(1);
    loop.exec();
    return pred();
}

// A client connection: everything it reads is split into answers (Content-Length bodies, none for 1xx,
// 204, 304 and answers to HEAD, which the test announces with expectHead()).
class Peer
{
public:
    explicit Peer(quint16 port)
    {
        QObject::connect(&socket, &QSslSocket::readyRead, &socket, [this] {
            in += socket.readAll();
            parse();
        });
        QObject::connect(&socket, &QSslSocket::disconnected, &socket, [this] { closed = true; });
        QObject::connect(
            &socket, &QSslSocket::errorOccurred, &socket, [this](QAbstractSocket::SocketError e) {
                if (e == QAbstractSocket::RemoteHostClosedError
                    || e == QAbstractSocket::ConnectionRefusedError)
                    closed = true;
            });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool waitConnected()
    {
        return waitUntil([this] { return socket.state() == QAbstractSocket::ConnectedState || closed; }, 5000)
            && !closed;
    }
    void send(const QByteArray &data) { socket.write(data); }
    void expectHead() { heads.push_back(got.size() + qsizetype(heads.size())); }
    bool waitAnswers(qsizetype n, int ms = 5000)
    {
        return waitUntil([&] { return got.size() >= n || closed; }, ms) && got.size() >= n;
    }
    bool waitClosed(int ms = 5000)
    {
        return waitUntil([this] { return closed; }, ms);
    }

    QSslSocket socket;
    QByteArray in; // not yet split into answers
    QList<Answer> got;
    bool closed = false;

private:
    void parse()
    {
        for (;;) {
            const qsizetype end = in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = in.first(end).split('\n');
            Answer a;
            const QByteArray statusLine = lines.front().trimmed();
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                a.status = -1; // not an answer: the test fails on it
                got.append(a);
                in.clear();
                return;
            }
            a.status = statusLine.mid(9, 3).toInt();
            a.reason = statusLine.mid(13);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                a.headers.append({ line.first(colon), line.sliced(colon + 1).trimmed() });
            }
            const bool head = !heads.empty() && heads.front() == got.size();
            qsizetype length
                = a.header("Content-Length").isEmpty() ? 0 : a.header("Content-Length").toLongLong();
            if (head || a.status < 200 || a.status == 204 || a.status == 304)
                length = 0;
            if (in.size() < end + 4 + length)
                return;
            a.body = in.mid(end + 4, length);
            in.remove(0, end + 4 + length);
            if (head)
                heads.pop_front();
            got.append(a);
        }
    }
    std::deque<qsizetype> heads;
};

// A raw loopback client: sends without Qt, and reads nothing unless asked (a client that never reads).
class RawClient
{
public:
    explicit RawClient(quint16 port, int receiveBuffer)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
        ::fcntl(m_fd, F_SETFL, O_NONBLOCK);
    }
    ~RawClient() { ::close(m_fd); }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;
    bool connected() const { return m_connected; }
    // Sends what the kernel takes now; returns the bytes sent (-1 once the server reset the connection).
    qsizetype sendSome(QByteArrayView data)
    {
        const ssize_t n = ::send(m_fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
        return qsizetype(n);
    }
    // Whether the server closed within ms: reads (and discards) what the kernel still holds for the client,
    // then sees the end or a reset.
    bool closedByServer(int ms)
    {
        char buffer[65536];
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n == 0)
                return true;
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                return true;
            if (n < 0)
                QTest::qWait(5);
        }
        return false;
    }

private:
    int m_fd = -1;
    bool m_connected = false;
};

MockHttpServer::Limits testLimits()
{
    MockHttpServer::Limits l;
    l.request = { qint64(1) << 20, 64 };
    l.maxConnections = 256;
    l.requestTimeoutMs = 600;
    l.idleTimeoutMs = 800;
    l.handshakeTimeoutMs = 600;
    l.maxQueuedOutput = qint64(256) << 10;
    l.maxPipelined = 16;
    return l;
}

QByteArray get(const QByteArray &target, const QByteArray &extra = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: h.example\r\n" + extra + "\r\n";
}

const QString OtherPath = u"/__other"_s; // always answered at once, even when the test holds requests

} // namespace

// A second, well-behaved connection is served at once, whatever the test's connection is doing.
#define VERIFY_OTHER_SERVED()                                                                                \
    do {                                                                                                     \
        const QString why = otherServed();                                                                   \
        QVERIFY2(why.isEmpty(), qPrintable(why));                                                            \
    } while (false)

namespace { } // namespace

class TestMockHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void keepAliveThousandRequests();
    void pipelinedAnsweredInOrder();
    void headHasNoBody();
    void connectionCloseClosesAfterAnswer();
    void http10();
    void upgradeIsAnsweredThenClosed();
    void chunkedBody();
    void expectContinueByHand();
    void expectContinueCurl();
    void manyConcurrentConnections();
    void tooManyConnections();
    void malformed_data();
    void malformed();
    void bareLineFeeds();
    void slowLoris();
    void idleConnectionsClosed();
    void pipelinedRequestsBeyondTheLimitWait();
    void clientThatNeverReads_data();
    void clientThatNeverReads();
    void tunnel_data();
    void tunnel();
    void tunnelCurl();
    void tunnelPython();
    void connectRefused();
    void tlsGarbageAfterConnect();
    void handshakeNeverStarts();
    void connectWithoutPort();
    void clientHelloBeforeTheAnswer();
    void tunnelNeverDialsOut();
    void heldRequestDoesNotBlockOthers();
    void abandonedWhileHeld();
    void dropClosesOnlyItsConnection();
    void uri_data();
    void uri();
    void listensOnLoopbackOnly_data();
    void listensOnLoopbackOnly();

private:
    void makeServer(MockHttpServer::Limits limits);
    // A second, well-behaved connection is served at once (empty when it was; else what went wrong).
    QString otherServed();
    QString openTunnel(Peer &peer, const QString &authority, const QString &verifyName);
    bool hasEvent(Kind kind, int status = -1) const;

    QTemporaryDir m_caDir;
    std::optional<CertificateAuthority> m_ca;
    std::unique_ptr<MockHttpServer> m_server;
    quint16 m_proxy = 0;
    quint16 m_reverse = 0;
    bool m_hold = false;
    qsizetype m_answerSize = 0; // pad answers' bodies to this size
    QList<IncomingHttpRequest> m_arrived; // everything handed to the handler (bodies included)
    QList<quint64> m_held;
    QList<HttpProtocolEvent> m_events;
    QList<quint64> m_abandoned;
};

void TestMockHttpServer::initTestCase()
{
    QVERIFY(m_caDir.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    auto ca = CertificateAuthority::openOrCreate(m_caDir.path());
    QVERIFY2(ca, qPrintable(ca ? QString() : ca.error().message));
    m_ca.emplace(std::move(ca).value());
}

void TestMockHttpServer::init()
{
    makeServer(testLimits());
}

void TestMockHttpServer::cleanup()
{
    m_server.reset();
    m_hold = false;
    m_answerSize = 0;
    m_arrived.clear();
    m_held.clear();
    m_events.clear();
    m_abandoned.clear();
}

void TestMockHttpServer::makeServer(MockHttpServer::Limits limits)
{
    m_server.reset();
    m_server = std::make_unique<MockHttpServer>(limits);
    m_server->setHandler([this](IncomingHttpRequest &&r) {
        m_arrived.append(r);
        if (m_hold && !r.uri.endsWith(OtherPath)) {
            m_held.append(r.id);
            return;
        }
        QByteArray body = r.http.method + ' ' + r.uri.toUtf8() + '\n';
        if (body.size() < m_answerSize && !r.uri.endsWith(OtherPath))
            body += QByteArray(m_answerSize - body.size(), '.');
        m_server->answer(r.id, HttpAnswer { 200, {}, { { "Content-Type", "text/plain" } }, body, false });
    });
    m_server->setTlsProvider([this](const QString &host) -> Result<MockHttpServer::TlsIdentity> {
        auto leaf = m_ca->leafFor(host);
        if (!leaf)
            return leaf.error();
        return MockHttpServer::TlsIdentity { leaf->certificate, leaf->key };
    });
    m_server->setConnectPolicy([](const QString &host, quint16) {
        return host == u"looker.example.com"_s || host == u"127.0.0.1"_s ? QString() : u"not recorded"_s;
    });
    QObject::connect(m_server.get(), &MockHttpServer::protocolEvent, m_server.get(),
        [this](const HttpProtocolEvent &e) { m_events.append(e); });
    QObject::connect(m_server.get(), &MockHttpServer::abandoned, m_server.get(),
        [this](quint64 id) { m_abandoned.append(id); });
    auto proxy = m_server->listenProxy(QHostAddress::LocalHost);
    QVERIFY(proxy);
    QCOMPARE(*proxy, 0);
    auto reverse = m_server->listenReverse(u"https://looker.example.com"_s, QHostAddress::LocalHost);
    QVERIFY(reverse);
    QCOMPARE(*reverse, 1);
    m_proxy = m_server->endpoints()[0].port;
    m_reverse = m_server->endpoints()[1].port;
}

QString TestMockHttpServer::otherServed()
{
    Peer other(m_proxy);
    other.send(get("http://other.example" + OtherPath.toLatin1()));
    if (!other.waitAnswers(1, 3000))
        return u"the other connection got no answer (closed: %1)"_s.arg(other.closed);
    const Answer &a = other.got.front();
    if (a.status != 200 || a.body != "GET http://other.example/__other\n")
        return u"the other connection got %1: %2"_s.arg(a.status).arg(QString::fromUtf8(a.body));
    return {};
}

bool TestMockHttpServer::hasEvent(Kind kind, int status) const
{
    return std::any_of(m_events.cbegin(), m_events.cend(), [&](const HttpProtocolEvent &e) {
        return e.kind == kind && (status < 0 || e.status == status) && !e.detail.isEmpty();
    });
}

QString TestMockHttpServer::openTunnel(Peer &peer, const QString &authority, const QString &verifyName)
{
    peer.send("CONNECT " + authority.toLatin1() + " HTTP/1.1\r\nHost: " + authority.toLatin1() + "\r\n\r\n");
    if (!peer.waitAnswers(1))
        return u"no answer to CONNECT"_s;
    if (peer.got.front().status != 200 || peer.got.front().reason != "Connection Established")
        return u"CONNECT answered %1"_s.arg(peer.got.front().status);
    peer.got.clear();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({ m_ca->certificate() }); // this CA only
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    peer.socket.setSslConfiguration(config);
    peer.socket.setPeerVerifyName(verifyName);
    QStringList errors;
    QObject::connect(&peer.socket, &QSslSocket::sslErrors, &peer.socket, [&](const QList<QSslError> &e) {
        for (const QSslError &x : e)
            errors << x.errorString();
    });
    peer.socket.startClientEncryption();
    if (!waitUntil([&] { return peer.socket.isEncrypted() || peer.closed; }, 5000)
        || !peer.socket.isEncrypted())
        return u"no TLS: "_s + errors.join(u"; "_s) + peer.socket.errorString();
    return {};
}

void TestMockHttpServer::keepAliveThousandRequests()
{
    Peer p(m_proxy);
    QVERIFY(p.waitConnected());
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 1000; ++i) {
        p.send(get("http://h.example/k?i=" + QByteArray::number(i)));
        QVERIFY2(p.waitAnswers(i + 1), qPrintable(u"request %1"_s.arg(i)));
        QCOMPARE(p.got.last().status, 200);
        QCOMPARE(p.got.last().body, "GET http://h.example/k?i=" + QByteArray::number(i) + '\n');
        if (i == 500)
            VERIFY_OTHER_SERVED();
    }
    QVERIFY(!p.closed);
    QTRY_COMPARE(m_server->connectionCount(), 1); // the other connection has gone; this one served them all
    QCOMPARE(m_arrived.size(), 1001);
    qDebug("1000 keep-alive requests in %lld ms", t.elapsed());
}

void TestMockHttpServer::pipelinedAnsweredInOrder()
{
    m_hold = true;
    Peer p(m_proxy);
    QByteArray burst;
    for (int i = 0; i < 10; ++i)
        burst += get("http://h.example/p" + QByteArray::number(i));
    p.send(burst);
    QTRY_COMPARE(m_held.size(), 10);
    const QList<quint64> ids = m_held;
    // Answered in reverse: nothing can go out before the first.
    for (int i = 9; i >= 1; --i)
        m_server->answer(ids[i], HttpAnswer { 200, {}, {}, "answer " + QByteArray::number(i), false });
    VERIFY_OTHER_SERVED();
    QTest::qWait(100);
    QVERIFY(p.got.isEmpty());
    m_server->answer(ids[0], HttpAnswer { 200, {}, {}, "answer 0", false });
    QVERIFY(p.waitAnswers(10));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(p.got[i].body, "answer " + QByteArray::number(i));
    m_server->answer(ids[3], HttpAnswer { 500, {}, {}, "late", false }); // a second answer is ignored
    QTest::qWait(50);
    QCOMPARE(p.got.size(), 10);
    QCOMPARE(m_server->pendingCount(), 0);
}

void TestMockHttpServer::headHasNoBody()
{
    Peer p(m_proxy);
    p.expectHead();
    p.send("HEAD http://h.example/head HTTP/1.1\r\nHost: h.example\r\n\r\n" + get("http://h.example/after"));
    QVERIFY(p.waitAnswers(2));
    QCOMPARE(p.got[0].status, 200);
    QCOMPARE(p.got[0].header("Content-Length"),
        QByteArray::number(qsizetype(sizeof "HEAD http://h.example/head\n") - 1));
    QVERIFY(p.got[0].body.isEmpty());
    // Had the body gone out, it would stand where the second answer's status line is.
    QCOMPARE(p.got[1].status, 200);
    QCOMPARE(p.got[1].body, "GET http://h.example/after\n");
    QVERIFY(p.in.isEmpty());
}

void TestMockHttpServer::connectionCloseClosesAfterAnswer()
{
    Peer p(m_proxy);
    p.send(get("http://h.example/c", "Connection: close\r\n") + get("http://h.example/never"));
    QVERIFY(p.waitClosed());
    QCOMPARE(p.got.size(), 1);
    QCOMPARE(p.got[0].status, 200);
    QCOMPARE(p.got[0].header("Connection"), "close");
    QCOMPARE(m_arrived.size(), 1); // the request after the close is not read
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::http10()
{
    Peer old(m_proxy);
    old.send("GET http://h.example/10 HTTP/1.0\r\n\r\n");
    QVERIFY(old.waitClosed());
    QCOMPARE(old.got.size(), 1);
    QCOMPARE(old.got[0].status, 200);
    QCOMPARE(old.got[0].body, "GET http://h.example/10\n");
    QCOMPARE(m_arrived.front().http.versionMinor, 0);

    Peer kept(m_proxy);
    kept.send("GET http://h.example/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(kept.waitAnswers(1));
    QVERIFY(!kept.closed);
    kept.send("GET http://h.example/b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(kept.waitAnswers(2));
    QCOMPARE(kept.got[1].body, "GET http://h.example/b\n");
}

void TestMockHttpServer::upgradeIsAnsweredThenClosed()
{
    // No protocol switch is offered: the request is answered and the connection ends (not left open with
    // everything after it ignored).
    Peer p(m_proxy);
    p.send(get("http://h.example/ws", "Connection: Upgrade\r\nUpgrade: websocket\r\n")
        + get("http://h.example/more"));
    QVERIFY(p.waitClosed(3000));
    QCOMPARE(p.got.size(), 1);
    QCOMPARE(p.got[0].status, 200);
    QCOMPARE(p.got[0].header("Connection"), "close");
}

void TestMockHttpServer::chunkedBody()
{
    Peer p(m_proxy);
    p.send("POST http://h.example/chunked HTTP/1.1\r\nHost: h.example\r\nTransfer-Encoding: "
           "chunked\r\n\r\n4\r\nabcd\r\n");
    QVERIFY(p.waitConnected());
    QTest::qWait(50);
    QVERIFY(m_arrived.isEmpty());
    p.send("3;ext=1\r\nefg\r\n0\r\nTrailer: x\r\n\r\n");
    QVERIFY(p.waitAnswers(1));
    QCOMPARE(p.got[0].status, 200);
    QCOMPARE(m_arrived.size(), 1);
    QCOMPARE(m_arrived[0].http.body, std::optional<QByteArray>("abcdefg"));
}

void TestMockHttpServer::expectContinueByHand()
{
    Peer p(m_proxy);
    const QByteArray body(2048, 'b');
    p.send("PUT http://h.example/up HTTP/1.1\r\nHost: h.example\r\nExpect: 100-continue\r\nContent-Length: "
           "2048\r\n\r\n");
    QVERIFY(p.waitAnswers(1));
    QCOMPARE(p.got[0].status, 100);
    QCOMPARE(p.got[0].reason, "Continue");
    QVERIFY(m_arrived.isEmpty());
    p.send(body);
    QVERIFY(p.waitAnswers(2));
    QCOMPARE(p.got[1].status, 200);
    QCOMPARE(m_arrived.size(), 1);
    QCOMPARE(m_arrived[0].http.body, std::optional<QByteArray>(body));
}

void TestMockHttpServer::expectContinueCurl()
{
    // curl 7.88 does not ask by itself for a 3,000-byte body, so the header is given; curl then waits up to a
    // second for the 100 before it sends the body.
    QProcess curl;
    curl.start(u"curl"_s,
        { u"-sS"_s, u"-v"_s, u"--max-time"_s, u"10"_s, u"-x"_s, u"http://127.0.0.1:%1"_s.arg(m_proxy),
            u"-H"_s, u"Expect: 100-continue"_s, u"--data-binary"_s, QString(3000, u'x'),
            u"http://h.example/curl"_s });
    if (!curl.waitForStarted())
        QSKIP("curl is not installed");
    QElapsedTimer t;
    t.start();
    QTRY_VERIFY_WITH_TIMEOUT(curl.state() == QProcess::NotRunning, 15000);
    const QString err = QString::fromUtf8(curl.readAllStandardError());
    QCOMPARE(curl.exitCode(), 0);
    QCOMPARE(curl.readAllStandardOutput(), "POST http://h.example/curl\n");
    QVERIFY2(err.contains(u"Expect: 100-continue"_s), qPrintable(err));
    QVERIFY2(err.contains(u"HTTP/1.1 100 Continue"_s), qPrintable(err));
    QVERIFY2(t.elapsed() < 900, qPrintable(u"curl took %1 ms: it waited for the 100"_s.arg(t.elapsed())));
    QCOMPARE(m_arrived.size(), 1);
    QCOMPARE(m_arrived[0].http.body->size(), 3000);
}

void TestMockHttpServer::manyConcurrentConnections()
{
    MockHttpServer::Limits limits = testLimits();
    limits.idleTimeoutMs = 30'000; // none of them is idle long enough to be closed while the others connect
    makeServer(limits);
    std::vector<std::unique_ptr<Peer>> peers;
    for (int i = 0; i < 200; ++i) {
        peers.push_back(std::make_unique<Peer>(i % 2 ? m_proxy : m_reverse));
        peers.back()->send(
            i % 2 ? get("http://h.example/c" + QByteArray::number(i)) : get("/c" + QByteArray::number(i)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(peers.cbegin(), peers.cend(), [](const auto &p) { return !p->got.isEmpty(); }), 10000);
    for (int i = 0; i < 200; ++i) {
        const QByteArray uri
            = (i % 2 ? "http://h.example/c" : "https://looker.example.com/c") + QByteArray::number(i);
        QCOMPARE(peers[size_t(i)]->got.front().body, "GET " + uri + '\n');
        QVERIFY(!peers[size_t(i)]->closed);
    }
    QCOMPARE(m_server->connectionCount(), 200);
    QVERIFY(m_events.isEmpty());
}

void TestMockHttpServer::tooManyConnections()
{
    MockHttpServer::Limits limits = testLimits();
    limits.maxConnections = 4;
    makeServer(limits);
    std::vector<std::unique_ptr<Peer>> peers;
    for (int i = 0; i < 4; ++i) {
        peers.push_back(std::make_unique<Peer>(m_proxy));
        peers.back()->send(get("http://h.example/first"));
        QVERIFY(peers.back()->waitAnswers(1));
    }
    Peer extra(m_proxy);
    extra.send(get("http://h.example/extra"));
    QVERIFY(extra.waitClosed());
    QVERIFY(extra.got.isEmpty());
    QVERIFY(hasEvent(Kind::TooManyConnections));
    for (auto &p : peers) {
        p->send(get("http://h.example/second"));
        QVERIFY(p->waitAnswers(2));
        QCOMPARE(p->got[1].body, "GET http://h.example/second\n");
    }
    QCOMPARE(m_arrived.size(), 8);
    // Once one leaves, a new connection is served.
    peers.front()->socket.disconnectFromHost();
    QTRY_COMPARE(m_server->connectionCount(), 3);
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::malformed_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("status");
    QTest::addRow("garbage request line") << QByteArray("\x16\x03\x01 hello there\r\n\r\n") << 400;
    QTest::addRow("no version (HTTP/0.9)") << QByteArray("GET /\r\n\r\n") << 505;
    QTest::addRow("target without a scheme") << get("h.example/x") << 400;
    QTest::addRow("300 headers") << get("http://h.example/", QByteArray("X-A: b\r\n").repeated(300)) << 431;
    QTest::addRow("81 KiB of headers")
        << "GET http://h.example/ HTTP/1.1\r\nX-Big: " + QByteArray(81 << 10, 'a') + "\r\n\r\n"
        << 431;
    // No body follows: the refusal must not wait for one.
    QTest::addRow("10 GB declared") << QByteArray(
        "POST http://h.example/ HTTP/1.1\r\nHost: h.example\r\nContent-Length: 10000000000\r\n\r\n")
                                    << 413;
    QTest::addRow("endless chunks")
        << "POST http://h.example/ HTTP/1.1\r\nHost: h.example\r\nTransfer-Encoding: chunked\r\n\r\n"
            + QByteArray("10000\r\n" + QByteArray(0x10000, 'x') + "\r\n").repeated(24)
        << 413;
    QTest::addRow("HTTP/2.0") << QByteArray("GET http://h.example/ HTTP/2.0\r\nHost: h.example\r\n\r\n")
                              << 505;
    QTest::addRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400;
    QTest::addRow("NUL in a header value")
        << get("http://h.example/", QByteArray("X-A: a\0b\r\n", 10)) << 400;
    QTest::addRow("NUL in a header name") << get("http://h.example/", QByteArray("X\0A: b\r\n", 8)) << 400;
    QTest::addRow("NUL in the target") << QByteArray("GET http://h.example/\0 HTTP/1.1\r\n\r\n", 35) << 400;
    QTest::addRow("two Content-Lengths")
        << QByteArray("POST http://h.example/ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
        << 400;
    QTest::addRow("bad chunk size") << QByteArray(
        "POST http://h.example/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << 400;
    QTest::addRow("space before colon") << get("http://h.example/", "X-A : b\r\n") << 400;
    // http-parser would frame by neither (and read "abc" as the next request).
    QTest::addRow("Content-Length with a space")
        << QByteArray("POST http://h.example/ HTTP/1.1\r\nContent-Length : 3\r\n\r\nabc") << 400;
}

void TestMockHttpServer::malformed()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    Peer p(m_proxy);
    QVERIFY(p.waitConnected());
    p.send(stream);
    QVERIFY2(p.waitClosed(3000), "the connection stayed open");
    QCOMPARE(p.got.size(), 1);
    QCOMPARE(p.got[0].status, status);
    QCOMPARE(p.got[0].header("Connection"), "close");
    QVERIFY(!p.got[0].body.isEmpty()); // says why
    QVERIFY(m_arrived.isEmpty());
    QVERIFY(hasEvent(Kind::BadRequest, status));
    VERIFY_OTHER_SERVED();
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void TestMockHttpServer::bareLineFeeds()
{
    // http-parser takes a bare LF as a line end (as most servers do): the request is read as it was meant,
    // nothing of it leaks into the next one.
    Peer p(m_proxy);
    p.send("GET http://h.example/lf HTTP/1.1\nHost: h.example\nX-A: 1\n\nGET http://h.example/lf2 "
           "HTTP/1.1\r\n\r\n");
    QVERIFY(p.waitAnswers(2));
    QCOMPARE(p.got[0].body, "GET http://h.example/lf\n");
    QCOMPARE(p.got[1].body, "GET http://h.example/lf2\n");
    QCOMPARE(m_arrived[0].http.headers.size(), 2);
    QCOMPARE(m_arrived[0].http.header("X-A"), "1");
    // A bare CR is not a line end.
    Peer cr(m_proxy);
    cr.send("GET http://h.example/cr HTTP/1.1\rHost: h\r\r");
    QVERIFY(cr.waitClosed(3000));
    QCOMPARE(cr.got.size(), 1);
    QCOMPARE(cr.got[0].status, 400);
}

void TestMockHttpServer::slowLoris()
{
    Peer p(m_proxy);
    QVERIFY(p.waitConnected());
    const QByteArray stream = get("http://h.example/slow", QByteArray("X-Slow: ") + QByteArray(200, 's'));
    qsizetype sent = 0;
    QTimer trickle;
    QObject::connect(&trickle, &QTimer::timeout, &trickle, [&] {
        if (sent < stream.size() - 4 && !p.closed)
            p.send(stream.mid(sent++, 1));
    });
    trickle.start(100);
    QElapsedTimer t;
    t.start();
    QTest::qWait(300);
    VERIFY_OTHER_SERVED();
    QVERIFY(p.waitClosed(3000));
    const qint64 elapsed = t.elapsed();
    QVERIFY2(elapsed >= 600 && elapsed < 1500, qPrintable(u"closed after %1 ms"_s.arg(elapsed)));
    QCOMPARE(p.got.size(), 1);
    QCOMPARE(p.got[0].status, 408);
    QVERIFY(hasEvent(Kind::Timeout, 408));
    QVERIFY(m_arrived.size() == 1 && m_arrived[0].uri.endsWith(OtherPath));
}

void TestMockHttpServer::idleConnectionsClosed()
{
    Peer used(m_proxy);
    used.send(get("http://h.example/once"));
    QVERIFY(used.waitAnswers(1));
    Peer silent(m_proxy);
    QVERIFY(silent.waitConnected());
    QElapsedTimer t;
    t.start();
    QVERIFY(used.waitClosed(3000));
    QVERIFY(silent.waitClosed(3000));
    QVERIFY2(t.elapsed() >= 700 && t.elapsed() < 2500, qPrintable(u"closed after %1 ms"_s.arg(t.elapsed())));
    QCOMPARE(used.got.size(), 1); // closed without an answer: nothing was asked
    QTRY_COMPARE(m_server->connectionCount(), 0);
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::pipelinedRequestsBeyondTheLimitWait()
{
    // 400 requests in one write: no more than maxPipelined are handed out before answers go out, so what one
    // connection can queue stays bounded.
    m_hold = true;
    Peer p(m_proxy);
    QByteArray burst;
    for (int i = 0; i < 400; ++i)
        burst += get("http://h.example/b" + QByteArray::number(i));
    p.send(burst);
    QTRY_VERIFY(!m_held.isEmpty());
    QTest::qWait(100);
    QCOMPARE(m_held.size(), 16);
    VERIFY_OTHER_SERVED();
    m_hold = false;
    for (const quint64 id : std::as_const(m_held))
        m_server->answer(id, HttpAnswer { 200, {}, {}, "held", false });
    QVERIFY(p.waitAnswers(400, 10000));
    for (int i = 16; i < 400; ++i)
        QCOMPARE(p.got[i].body, "GET http://h.example/b" + QByteArray::number(i) + '\n');
}

void TestMockHttpServer::clientThatNeverReads_data()
{
    QTest::addColumn<bool>("closeAtEnd");
    QTest::addRow("keep-alive") << false;
    QTest::addRow("Connection: close with a large answer") << true;
}

void TestMockHttpServer::clientThatNeverReads()
{
    QFETCH(bool, closeAtEnd);
    m_answerSize = closeAtEnd ? (qsizetype(16) << 20) : (qsizetype(64) << 10);
    RawClient raw(m_proxy, 4096);
    QVERIFY(raw.connected());
    QByteArray stream;
    const int requests = closeAtEnd ? 1 : 4000;
    for (int i = 0; i < requests; ++i)
        stream += get(
            "http://h.example/n?i=" + QByteArray::number(i), closeAtEnd ? "Connection: close\r\n" : "");
    qsizetype sent = 0;
    QElapsedTimer t;
    t.start();
    while (sent < stream.size() && t.elapsed() < 2000) {
        const qsizetype n = raw.sendSome(QByteArrayView(stream).sliced(sent));
        if (n < 0)
            break;
        sent += n;
        QTest::qWait(5);
    }
    VERIFY_OTHER_SERVED();
    QTRY_VERIFY_WITH_TIMEOUT(hasEvent(Kind::TooMuchOutput), 4000);
    // What was handed out (and so answered into the queue) is bounded by the kernel's socket buffers,
    // maxQueuedOutput and maxPipelined, not by what the client sent.
    const qint64 answered = qint64(m_arrived.size() - 1) * m_answerSize;
    QVERIFY2(answered <= (qint64(24) << 20),
        qPrintable(u"%1 requests handed out (%2 bytes of answers) of %3 bytes sent"_s.arg(m_arrived.size())
                       .arg(answered)
                       .arg(sent)));
    QTRY_COMPARE(m_server->connectionCount(), 0);
    QVERIFY(raw.closedByServer(5000));
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::tunnel_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("origin");
    QTest::addRow("443") << u"looker.example.com:443"_s << u"https://looker.example.com"_s;
    QTest::addRow("8443") << u"looker.example.com:8443"_s << u"https://looker.example.com:8443"_s;
    QTest::addRow("upper case") << u"LOOKER.example.COM:443"_s << u"https://looker.example.com"_s;
}

void TestMockHttpServer::tunnel()
{
    QFETCH(QString, authority);
    QFETCH(QString, origin);
    Peer p(m_proxy);
    const QString why = openTunnel(p, authority, u"looker.example.com"_s);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    VERIFY_OTHER_SERVED();
    p.send("GET /api/4.0/x?y=1 HTTP/1.1\r\nHost: looker.example.com\r\n\r\n"
           "POST /api/4.0/z HTTP/1.1\r\nHost: looker.example.com\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY(p.waitAnswers(2));
    QCOMPARE(p.got[0].body, "GET " + origin.toUtf8() + "/api/4.0/x?y=1\n");
    QCOMPARE(p.got[1].body, "POST " + origin.toUtf8() + "/api/4.0/z\n");
    QCOMPARE(m_arrived.size(), 3);
    QVERIFY(m_arrived[1].viaTunnel && m_arrived[2].viaTunnel);
    QCOMPARE(m_arrived[1].origin, origin);
    QCOMPARE(m_arrived[1].endpoint, 0);
    QVERIFY(m_events.isEmpty());
}

void TestMockHttpServer::tunnelCurl()
{
    QProcess curl;
    curl.start(u"curl"_s,
        { u"-sS"_s, u"--max-time"_s, u"10"_s, u"--cacert"_s, m_ca->certificatePath(), u"-x"_s,
            u"http://127.0.0.1:%1"_s.arg(m_proxy), u"https://looker.example.com/api/4.0/me?fields=id"_s });
    if (!curl.waitForStarted())
        QSKIP("curl is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(curl.state() == QProcess::NotRunning, 15000);
    QVERIFY2(curl.exitCode() == 0, curl.readAllStandardError().constData());
    QCOMPARE(curl.readAllStandardOutput(), "GET https://looker.example.com/api/4.0/me?fields=id\n");
    QVERIFY(m_arrived.front().viaTunnel);
}

void TestMockHttpServer::tunnelPython()
{
    if (!QFileInfo::exists(u"/usr/bin/python3"_s))
        QSKIP("Debian's /usr/bin/python3 is not installed");
    // http.client's own CONNECT tunnel, verifying against the CA alone.
    const char *script = R"(import http.client, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[1])
c = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[2]), context=ctx, timeout=10)
c.set_tunnel("looker.example.com", 8443)
for path in ("/a?x=1", "/b"):
    c.request("GET", path)
    r = c.getresponse()
    sys.stdout.write("%d %s" % (r.status, r.read().decode()))
)";
    QProcess python;
    python.start(u"/usr/bin/python3"_s,
        { u"-c"_s, QString::fromUtf8(script), m_ca->certificatePath(), QString::number(m_proxy) });
    QVERIFY(python.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 15000);
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    QCOMPARE(python.readAllStandardOutput(),
        "200 GET https://looker.example.com:8443/a?x=1\n200 GET https://looker.example.com:8443/b\n");
}

void TestMockHttpServer::connectRefused()
{
    Peer p(m_proxy);
    p.send("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n");
    QVERIFY(p.waitClosed());
    QCOMPARE(p.got.size(), 1);
    QCOMPARE(p.got[0].status, 503);
    QCOMPARE(p.got[0].header("X-Tapedeck-Unmatched"), "1");
    QCOMPARE(p.got[0].body, "not recorded\n");
    QVERIFY(hasEvent(Kind::ConnectRefused, 503));
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::tlsGarbageAfterConnect()
{
    Peer p(m_proxy);
    p.send("CONNECT looker.example.com:443 HTTP/1.1\r\n\r\n");
    QVERIFY(p.waitAnswers(1));
    QCOMPARE(p.got[0].status, 200);
    p.send("GET / HTTP/1.1\r\nHost: looker.example.com\r\n\r\n"); // plain HTTP where TLS is due
    QVERIFY(p.waitClosed());
    QCOMPARE(p.got.size(), 1);
    QVERIFY(hasEvent(Kind::TlsFailed));
    QVERIFY(m_arrived.isEmpty());
    VERIFY_OTHER_SERVED();
    Peer good(m_proxy);
    const QString why = openTunnel(good, u"looker.example.com:443"_s, u"looker.example.com"_s);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestMockHttpServer::handshakeNeverStarts()
{
    Peer p(m_proxy);
    p.send("CONNECT looker.example.com:443 HTTP/1.1\r\n\r\n");
    QVERIFY(p.waitAnswers(1));
    QElapsedTimer t;
    t.start();
    VERIFY_OTHER_SERVED();
    QVERIFY(p.waitClosed(3000));
    QVERIFY2(t.elapsed() >= 450 && t.elapsed() < 1500, qPrintable(u"closed after %1 ms"_s.arg(t.elapsed())));
    QVERIFY(hasEvent(Kind::Timeout));
}

void TestMockHttpServer::connectWithoutPort()
{
    Peer p(m_proxy);
    p.send("CONNECT looker.example.com HTTP/1.1\r\nHost: looker.example.com\r\n\r\n");
    QVERIFY(p.waitClosed());
    QCOMPARE(p.got.size(), 1);
    QCOMPARE(p.got[0].status, 400);
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::clientHelloBeforeTheAnswer()
{
    Peer p(m_proxy);
    p.send("CONNECT looker.example.com:443 HTTP/1.1\r\n\r\n" + QByteArray("\x16\x03\x01\x00\x05hello", 10));
    QVERIFY(p.waitClosed());
    QVERIFY(hasEvent(Kind::TlsFailed));
    QVERIFY(m_arrived.isEmpty());
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::tunnelNeverDialsOut()
{
    QTcpServer sentinel;
    QVERIFY(sentinel.listen(QHostAddress::LocalHost, 0));
    int dialled = 0;
    QObject::connect(&sentinel, &QTcpServer::newConnection, &sentinel, [&] { ++dialled; });
    const QString authority = u"127.0.0.1:%1"_s.arg(sentinel.serverPort());
    Peer p(m_proxy);
    const QString why = openTunnel(p, authority, u"127.0.0.1"_s);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    p.send("GET /x HTTP/1.1\r\nHost: " + authority.toLatin1() + "\r\n\r\n");
    QVERIFY(p.waitAnswers(1));
    QCOMPARE(p.got[0].body, "GET https://" + authority.toLatin1() + "/x\n");
    QTest::qWait(100);
    QCOMPARE(dialled, 0);
    QVERIFY(!sentinel.hasPendingConnections());
}

void TestMockHttpServer::heldRequestDoesNotBlockOthers()
{
    m_hold = true;
    Peer p(m_proxy);
    p.send(get("http://h.example/held"));
    QTRY_COMPARE(m_held.size(), 1);
    QCOMPARE(m_server->pendingCount(), 1);
    for (int i = 0; i < 3; ++i)
        VERIFY_OTHER_SERVED();
    QVERIFY(p.got.isEmpty());
    QTest::qWait(900); // past the idle timeout: a connection waiting for its answer is not idle
    QVERIFY(!p.closed);
    m_server->answer(m_held[0], HttpAnswer { 201, "Made", { { "X-A", "b" } }, "later", false });
    QVERIFY(p.waitAnswers(1));
    QCOMPARE(p.got[0].status, 201);
    QCOMPARE(p.got[0].reason, "Made");
    QCOMPARE(p.got[0].header("X-A"), "b");
    QCOMPARE(p.got[0].body, "later");
    QCOMPARE(m_server->pendingCount(), 0);
}

void TestMockHttpServer::abandonedWhileHeld()
{
    m_hold = true;
    auto p = std::make_unique<Peer>(m_proxy);
    p->send(get("http://h.example/gone"));
    QTRY_COMPARE(m_held.size(), 1);
    p->socket.abort();
    p.reset();
    QTRY_COMPARE(m_abandoned, QList<quint64>({ m_held[0] }));
    QCOMPARE(m_server->pendingCount(), 0);
    m_server->answer(m_held[0], HttpAnswer { 200, {}, {}, "too late", false }); // nothing to answer: no-op
    m_server->drop(m_held[0]);
    QTRY_COMPARE(m_server->connectionCount(), 0);
    VERIFY_OTHER_SERVED();
}

void TestMockHttpServer::dropClosesOnlyItsConnection()
{
    m_hold = true;
    Peer a(m_proxy);
    Peer b(m_proxy);
    a.send(get("http://h.example/a"));
    QTRY_COMPARE(m_held.size(), 1);
    b.send(get("http://h.example/b"));
    QTRY_COMPARE(m_held.size(), 2);
    m_server->drop(m_held[0]);
    QVERIFY(a.waitClosed());
    QVERIFY(a.got.isEmpty());
    QTest::qWait(50);
    QVERIFY(!b.closed);
    QVERIFY(m_abandoned.isEmpty()); // dropped, not abandoned
    m_server->answer(m_held[1], HttpAnswer { 200, {}, {}, "b", false });
    QVERIFY(b.waitAnswers(1));
    QCOMPARE(b.got[0].body, "b");
}

void TestMockHttpServer::uri_data()
{
    QTest::addColumn<bool>("reverse"); // sent to the reverse endpoint (else the proxy)
    QTest::addColumn<QByteArray>("request"); // {rev}: the reverse endpoint's port
    QTest::addColumn<QString>("uri"); // empty: refused with 400
    QTest::addColumn<int>("endpoint");
    const auto row
        = [](const char *name, bool reverse, const QByteArray &request, const QString &uri,
              int endpoint = 0) { QTest::addRow("%s", name) << reverse << request << uri << endpoint; };
    row("absolute, default port", false, get("http://Example.COM:80/p?q"), u"http://example.com/p?q"_s);
    row("path and query verbatim", false, get("http://h.example/A%2Fb/C?X=Y&x=%20&&"),
        u"http://h.example/A%2Fb/C?X=Y&x=%20&&"_s);
    row("fragment left out", false, get("http://h.example/p?q#frag"), u"http://h.example/p?q"_s);
    row("no path", false, get("http://h.example"), u"http://h.example/"_s);
    row("other port kept", false, get("http://h:8080/"), u"http://h:8080/"_s);
    row("https default port", false, get("HTTPS://h.example:443/x"), u"https://h.example/x"_s);
    row("https port 80 kept", false, get("https://h.example:80/x"), u"https://h.example:80/x"_s);
    row("IPv6 literal", false, get("http://[::1]:9/x"), u"http://[::1]:9/x"_s);
    row("IPv6 literal, default port", false, get("http://[2001:DB8::1]/x"), u"http://[2001:db8::1]/x"_s);
    row("origin form at the proxy: Host", false, "GET /a?b HTTP/1.1\r\nHost: Looker.Example.com\r\n\r\n",
        u"http://looker.example.com/a?b"_s);
    row("origin form at the proxy: Host with port", false, "GET /a HTTP/1.1\r\nHost: h.example:8080\r\n\r\n",
        u"http://h.example:8080/a"_s);
    row("origin form at the proxy: Host with port 80", false, "GET /a HTTP/1.1\r\nHost: h.example:80\r\n\r\n",
        u"http://h.example/a"_s);
    row("origin form at the proxy: IPv6 Host", false, "GET /a HTTP/1.1\r\nHost: [::1]:81\r\n\r\n",
        u"http://[::1]:81/a"_s);
    row("origin form at the proxy: no Host", false, "GET /a HTTP/1.1\r\n\r\n", QString());
    row("origin form at the proxy: Host with a path", false, "GET /a HTTP/1.1\r\nHost: h.example/x\r\n\r\n",
        QString());
    row("origin form at the proxy: Host with user", false, "GET /a HTTP/1.1\r\nHost: u@h.example\r\n\r\n",
        QString());
    row("origin form at the proxy: our reverse endpoint", false,
        "GET /p HTTP/1.1\r\nHost: 127.0.0.1:{rev}\r\n\r\n", u"https://looker.example.com/p"_s, 1);
    row("origin form at a reverse endpoint", true,
        "GET /api/4.0/x?y HTTP/1.1\r\nHost: 127.0.0.1:{rev}\r\n\r\n",
        u"https://looker.example.com/api/4.0/x?y"_s, 1);
    row("origin form at a reverse endpoint, any Host", true, "GET /z HTTP/1.1\r\nHost: elsewhere\r\n\r\n",
        u"https://looker.example.com/z"_s, 1);
    row("OPTIONS * at a reverse endpoint", true, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
        u"https://looker.example.com/"_s, 1);
    row("absolute form for our reverse endpoint", false, get("http://127.0.0.1:{rev}/api?z"),
        u"https://looker.example.com/api?z"_s, 1);
    row("absolute form for our reverse endpoint as localhost", false, get("http://LOCALHOST:{rev}/api"),
        u"https://looker.example.com/api"_s, 1);
    row("absolute form for another loopback port", false, get("http://127.0.0.1:1/api"),
        u"http://127.0.0.1:1/api"_s);
    row("ftp", false, get("ftp://x/"), QString());
}

void TestMockHttpServer::uri()
{
    QFETCH(bool, reverse);
    QFETCH(QByteArray, request);
    QFETCH(QString, uri);
    QFETCH(int, endpoint);
    request.replace("{rev}", QByteArray::number(m_reverse));
    Peer p(reverse ? m_reverse : m_proxy);
    p.send(request + get("http://h.example/next"));
    QVERIFY(p.waitAnswers(2));
    if (uri.isEmpty()) {
        QCOMPARE(p.got[0].status, 400);
        QCOMPARE(m_arrived.size(), 1);
    } else {
        QCOMPARE(p.got[0].status, 200);
        QCOMPARE(m_arrived.size(), 2);
        QCOMPARE(m_arrived[0].uri, uri);
        QCOMPARE(m_arrived[0].endpoint, endpoint);
        QVERIFY(!m_arrived[0].viaTunnel);
    }
    // Not a broken stream: the next request on the connection is served.
    QCOMPARE(p.got[1].status, 200);
    QCOMPARE(m_arrived.last().uri, u"http://h.example/next"_s);
}

void TestMockHttpServer::listensOnLoopbackOnly_data()
{
    QTest::addColumn<QString>("address");
    QTest::addRow("any IPv4") << u"0.0.0.0"_s;
    QTest::addRow("any IPv6") << u"::"_s;
    QTest::addRow("LAN") << u"192.168.1.10"_s;
    QTest::addRow("private") << u"10.0.0.1"_s;
    QTest::addRow("public IPv6") << u"2001:db8::1"_s;
}

void TestMockHttpServer::listensOnLoopbackOnly()
{
    QFETCH(QString, address);
    quint16 port = 0;
    {
        QTcpServer probe; // a port free right now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    MockHttpServer server;
    const Result<int> proxy = server.listenProxy(QHostAddress(address), port);
    QVERIFY(!proxy);
    QCOMPARE(proxy.error().code, ErrorCode::Usage);
    QVERIFY(proxy.error().message.contains(u"loopback"_s));
    const Result<int> reverse = server.listenReverse(u"https://h.example"_s, QHostAddress(address), port);
    QVERIFY(!reverse);
    QCOMPARE(reverse.error().code, ErrorCode::Usage);
    QVERIFY(server.endpoints().empty());
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(1000)); // nothing listens
}

QTEST_GUILESS_MAIN(TestMockHttpServer)
#include "tst_mockhttpserver.moc"
