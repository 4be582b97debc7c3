// SPDX-License-Identifier: MIT
// The mock layer's HTTP server (MockHttpServer: the http-parser glue, the proxy and CONNECT state machine,
// answers in request order, holding, timeouts, limits) driven in-process by hostile loopback clients, with
// a handler that asks a real replay::Matcher (match, and nearest on a miss) about every request.
//
// Input: a byte choosing the timeouts and the output limit (fuzzLimits), then a script of actions, each an
// opcode byte (modulo 10) and its operands:
//   0 open       target byte (even: the proxy, odd: the reverse endpoint); at most 6 clients
//   1 write      client byte, length (2 bytes, modulo 4096), that many bytes
//   2 connect    client byte, host byte, port (2 bytes): "CONNECT host:port HTTP/1.1" and its Host
//   3 close      client byte, how byte (even: reset, odd: half-close)
//   4 time       how byte: runs the server's sweep, after sleeping 1 ms when how is odd (once per input)
//   5 answer     which byte (of the requests held), kind byte (recorded/miss, close, large, 204, …)
//   6 drop       which byte
//   7 read       client byte: the client reads what it was sent
//   8 hold       switches between answering at once and holding
//   9 events     turns the event loop a few times
// The server's limits are small (4 connections, 4 pipelined requests, 4 or 64 KiB of queued output,
// timeouts that expire at the next sweep or never), its sweep timer stopped (only `time` sweeps) and the
// tunnel's leaf made once, so an input runs in well under a millisecond unless it sleeps.
// Invariants:
// - every request handed out has an absolute http(s) URI that starts with its origin, lower-case scheme
//   and host, a path after the origin; a tunnel's are https; its endpoint is one of ours; its method is not
//   CONNECT; its body and headers are within limits; ids are handed out once;
// - the matcher's answers (match, peek, nearest) name recorded interactions only;
// - requests pending never exceed maxPipelined per connection ever opened; connections never exceed
//   maxConnections;
// - abandoned(id) names a request handed out and not answered, once;
// - protocol events say what happened (detail set; statuses 400/413/431/505, 408 or 0);
// - a plain client (no CONNECT) reads only HTTP/1.1 answers;
// - once every client has gone, the server holds no connection and no pending request.
#include "core/replay/certificateauthority.h"
#include "core/replay/matcher.h"
#include "core/replay/mockhttpserver.h"
#include "fuzzsupport.h"

#include <QCoreApplication>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace tapedeck;
using namespace tapedeck::fuzz;
using namespace tapedeck::replay;

namespace {

constexpr int MaxClients = 6;
constexpr int MaxSleeps = 1;
const QString ReverseOrigin = QStringLiteral("https://looker.example.com");

// The input's first byte picks which timeouts have expired by the next `time` (-1: at once, without
// sleeping; 0: after the millisecond `time` sleeps; else not within an input).
MockHttpServer::Limits fuzzLimits(quint8 choice = 0)
{
    static const int timeouts[] = { -1, 0, 60'000, 60'000 };
    MockHttpServer::Limits l;
    l.request = { 64 << 10, 16 };
    l.maxConnections = 4;
    l.requestTimeoutMs = timeouts[choice & 3];
    l.idleTimeoutMs = timeouts[(choice >> 2) & 3];
    l.handshakeTimeoutMs = timeouts[(choice >> 4) & 3];
    l.maxQueuedOutput = (choice & 0x40) ? (64 << 10) : (4 << 10);
    l.maxPipelined = 4;
    return l;
}

// What the process keeps between inputs: the application, and one leaf for every tunnel (a CA made per
// input would cost milliseconds).
struct Process
{
    int argc = 1;
    char name[16] = "fuzz";
    char *argv[2] = { name, nullptr };
    QCoreApplication app { argc, argv };
    QTemporaryDir dir;
    std::optional<MockHttpServer::TlsIdentity> leaf;

    Process()
    {
        auto ca = CertificateAuthority::openOrCreate(dir.path());
        FUZZ_CHECK(ca.ok(), ca ? QString() : ca.error().message);
        auto made = ca->leafFor(QStringLiteral("looker.example.com"));
        FUZZ_CHECK(made.ok(), made ? QString() : made.error().message);
        leaf = MockHttpServer::TlsIdentity { made->certificate, made->key };
    }
};

// TAPEDECK_FUZZ_VERBOSE=1: what the server handed out and refused, for triage.
bool verbose()
{
    static const bool on = qEnvironmentVariableIntValue("TAPEDECK_FUZZ_VERBOSE") != 0;
    return on;
}

Process &process()
{
    static Process p;
    return p;
}

std::vector<RequestKey> recordedKeys()
{
    return {
        { QStringLiteral("GET"),
            QStringLiteral("https://looker.example.com/api/4.0/dashboards/1?fields=id,title"), std::nullopt },
        { QStringLiteral("POST"), QStringLiteral("https://looker.example.com/api/4.0/login"),
            QByteArray("client_id=a&client_secret=b") },
        { QStringLiteral("GET"), QStringLiteral("http://localhost:8080/config"), std::nullopt },
        { QStringLiteral("POST"), QStringLiteral("http://localhost:8080/aspects?action=ingestProposal"),
            QByteArray(
                R"({"proposal":{"entityType":"dataset","aspectName":"status","aspect":{"value":"{\"removed\":false}"}}})") },
        { QStringLiteral("GET"), QStringLiteral("http://h.example/p?q=1&r=2"), std::nullopt },
    };
}

// A loopback client on a raw socket: connect() completes in the kernel, sends never block, and a reset
// on close leaves no TIME_WAIT behind (thousands of inputs a second would run out of ports).
class Client
{
public:
    explicit Client(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_fd >= 0 && ::connect(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0)
            ::fcntl(m_fd, F_SETFL, O_NONBLOCK);
        else
            reset();
    }
    ~Client() { reset(); }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    bool open() const { return m_fd >= 0; }
    void send(QByteArrayView data)
    {
        if (m_fd >= 0 && !data.isEmpty())
            (void)::send(m_fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
    }
    void halfClose()
    {
        if (m_fd >= 0)
            ::shutdown(m_fd, SHUT_WR);
    }
    void reset()
    {
        if (m_fd < 0)
            return;
        const linger hard { 1, 0 };
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        ::close(m_fd);
        m_fd = -1;
    }
    // Reads what is there; the first bytes are kept for the checks.
    void read()
    {
        char buffer[16384];
        while (m_fd >= 0) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                return;
            if (head.size() < 16)
                head += QByteArrayView(buffer, std::min<qsizetype>(n, 16 - head.size()));
        }
    }

    bool tunnel = false; // sent a CONNECT: TLS may follow the answer
    QByteArray head;

private:
    int m_fd = -1;
};

void turn(int rounds = 2)
{
    for (int i = 0; i < rounds; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
}

class Run
{
public:
    explicit Run(quint8 limits)
        : m_limits(fuzzLimits(limits))
        , m_server(m_limits)
        , m_matcher(recordedKeys(), MatchOptions {})
    {
        m_server.setHandler([this](IncomingHttpRequest &&r) { arrived(std::move(r)); });
        m_server.setTlsProvider([](const QString &host) -> Result<MockHttpServer::TlsIdentity> {
            if (host.startsWith(QLatin1String("fail")))
                return makeError(ErrorCode::InvalidInput, QStringLiteral("no leaf for %1").arg(host));
            return *process().leaf;
        });
        m_server.setConnectPolicy([](const QString &host, quint16) {
            return host == u"looker.example.com" || host == u"localhost" || host.startsWith(u"fail")
                ? QString()
                : QStringLiteral("not recorded");
        });
        QObject::connect(
            &m_server, &MockHttpServer::protocolEvent, &m_server, [](const HttpProtocolEvent &e) {
                if (verbose())
                    std::fprintf(stderr, "  event %d %d %s\n", int(e.kind), e.status, qPrintable(e.detail));
                FUZZ_CHECK(
                    !e.detail.isEmpty() && !e.peer.isEmpty(), QStringLiteral("an event without its detail"));
                if (e.kind == HttpProtocolEvent::Kind::BadRequest)
                    FUZZ_CHECK(e.status == 400 || e.status == 413 || e.status == 431 || e.status == 505,
                        QStringLiteral("refused with %1: %2").arg(e.status).arg(e.detail));
                else
                    FUZZ_CHECK(e.status == 0 || e.status == 408 || e.status == 503,
                        QStringLiteral("status %1").arg(e.status));
            });
        QObject::connect(&m_server, &MockHttpServer::abandoned, &m_server, [this](quint64 id) {
            FUZZ_CHECK(m_handedOut.contains(id) && !m_answered.contains(id),
                QStringLiteral("abandoned(%1): not handed out, or answered already").arg(id));
            m_answered.insert(id);
            m_held.removeOne(id);
        });
        const Result<int> proxy = m_server.listenProxy(QHostAddress::LocalHost);
        const Result<int> reverse = m_server.listenReverse(ReverseOrigin, QHostAddress::LocalHost);
        FUZZ_CHECK(proxy.ok() && reverse.ok(), QStringLiteral("cannot listen"));
        m_ports[0] = m_server.endpoints()[0].port;
        m_ports[1] = m_server.endpoints()[1].port;
        m_sweep = m_server.findChild<QTimer *>(QString(), Qt::FindDirectChildrenOnly);
        FUZZ_CHECK(m_sweep, QStringLiteral("no sweep timer"));
        m_sweep->stop(); // only `time` sweeps: inputs replay alike
    }

    void play(FuzzInput &in)
    {
        while (!in.isEmpty()) {
            const quint8 op = in.byte() % 10;
            switch (op) {
            case 0: {
                const quint8 target = in.byte();
                if (m_clients.size() < MaxClients) {
                    m_clients.push_back(std::make_unique<Client>(m_ports[target & 1]));
                    ++m_opened;
                }
                break;
            }
            case 1: {
                Client *c = client(in.byte());
                const QByteArrayView data = in.take(qsizetype(in.number(0xffff) % 4096));
                if (c)
                    c->send(data);
                break;
            }
            case 2: {
                Client *c = client(in.byte());
                static const char *const hosts[] = { "looker.example.com", "LOCALHOST", "fail.example",
                    "evil.example", "[::1]", "127.0.0.1", "", "looker.example.com:1" };
                const QByteArray host = hosts[in.byte() % std::size(hosts)];
                const QByteArray authority = host + ':' + QByteArray::number(in.number(0xffff));
                if (c) {
                    c->tunnel = true;
                    c->send(
                        QByteArray("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"));
                }
                break;
            }
            case 3: {
                Client *c = client(in.byte());
                const quint8 how = in.byte();
                if (c && (how & 1))
                    c->halfClose();
                else if (c)
                    c->reset();
                break;
            }
            case 4: {
                const quint8 how = in.byte();
                if ((how & 1) && m_sleeps++ < MaxSleeps) {
                    QThread::usleep(1100);
                    turn();
                }
                QMetaObject::invokeMethod(m_sweep, "timeout");
                break;
            }
            case 5: {
                const quint8 which = in.byte();
                const quint8 kind = in.byte();
                if (!m_held.isEmpty())
                    answer(m_held.takeAt(which % m_held.size()), kind);
                break;
            }
            case 6: {
                const quint8 which = in.byte();
                if (!m_held.isEmpty()) {
                    const quint64 id = m_held.takeAt(which % m_held.size());
                    m_answered.insert(id);
                    m_server.drop(id);
                }
                break;
            }
            case 7:
                if (Client *c = client(in.byte()))
                    c->read();
                break;
            case 8:
                m_hold = !m_hold;
                break;
            case 9:
                turn(4);
                break;
            }
            turn();
            check();
        }
    }

    void finish()
    {
        turn(4);
        for (auto &c : m_clients) {
            c->read();
            const qsizetype n = std::min<qsizetype>(9, c->head.size());
            FUZZ_CHECK(c->tunnel || c->head.first(n) == QByteArrayView("HTTP/1.1 ").first(n),
                QStringLiteral("a plain client read %1").arg(QString::fromLatin1(c->head.toHex())));
            c->reset();
        }
        // Every client has gone: nothing of theirs may stay.
        for (int i = 0; i < 50 && (m_server.connectionCount() > 0 || m_server.pendingCount() > 0); ++i)
            turn();
        FUZZ_CHECK(m_server.connectionCount() == 0,
            QStringLiteral("%1 connections left after every client went").arg(m_server.connectionCount()));
        FUZZ_CHECK(m_server.pendingCount() == 0,
            QStringLiteral("%1 requests still pending").arg(m_server.pendingCount()));
        // Whatever was held and not abandoned is answered into the void without harm.
        for (const quint64 id : std::as_const(m_held))
            m_server.answer(id, HttpAnswer {});
        m_server.close();
        turn();
    }

private:
    Client *client(quint8 index)
    {
        if (m_clients.empty())
            return nullptr;
        Client *c = m_clients[index % m_clients.size()].get();
        return c->open() ? c : nullptr;
    }

    void check()
    {
        FUZZ_CHECK(m_server.connectionCount() <= m_limits.maxConnections,
            QStringLiteral("%1 connections").arg(m_server.connectionCount()));
        FUZZ_CHECK(m_server.pendingCount() <= qsizetype(m_opened) * m_limits.maxPipelined,
            QStringLiteral("%1 requests pending on %2 connections")
                .arg(m_server.pendingCount())
                .arg(m_opened));
    }

    void arrived(IncomingHttpRequest &&r)
    {
        const QString where = QStringLiteral("%1 (origin %2)").arg(r.uri, r.origin);
        if (verbose())
            std::fprintf(stderr, "  request %llu %s %s endpoint %d%s\n", r.id, r.http.method.constData(),
                qPrintable(r.uri), r.endpoint, r.viaTunnel ? " (tunnel)" : "");
        FUZZ_CHECK(!m_handedOut.contains(r.id), QStringLiteral("id %1 handed out twice").arg(r.id));
        m_handedOut.insert(r.id);
        FUZZ_CHECK(
            r.origin.startsWith(QLatin1String("http://")) || r.origin.startsWith(QLatin1String("https://")),
            where);
        FUZZ_CHECK(r.uri.startsWith(r.origin) && r.uri.mid(r.origin.size()).startsWith(u'/'), where);
        FUZZ_CHECK(r.origin == r.origin.toLower(), where);
        FUZZ_CHECK(!r.origin.mid(r.origin.indexOf(u':') + 3).isEmpty(), where);
        FUZZ_CHECK(!r.viaTunnel || r.origin.startsWith(QLatin1String("https://")), where);
        FUZZ_CHECK(r.endpoint == 0 || r.endpoint == 1, where);
        FUZZ_CHECK(!r.http.method.isEmpty() && !r.http.isConnect(), QString::fromLatin1(r.http.method));
        FUZZ_CHECK(r.http.headers.size() <= m_limits.request.maxHeaders,
            QStringLiteral("%1 headers").arg(r.http.headers.size()));
        FUZZ_CHECK(!r.http.body || r.http.body->size() <= m_limits.request.maxBodyBytes,
            QStringLiteral("a body of %1 bytes").arg(r.http.body->size()));

        const RequestKey key { QString::fromLatin1(r.http.method), r.uri, r.http.body };
        const MatchResult peek = m_matcher.peek(key);
        FUZZ_CHECK(peek.interaction >= -1 && peek.interaction < m_matcher.size(),
            QStringLiteral("peek %1").arg(peek.interaction));
        if (m_hold) {
            m_held.append(r.id);
            return;
        }
        answer(r.id, 0, &key);
    }

    // kind: 0–3 as the matcher decides (recorded, or 503 with the nearest), 4 closes after it, 5 a body
    // larger than the queued-output limit, 6 204, 7 a status with header values that need cleaning.
    void answer(quint64 id, quint8 kind, const RequestKey *key = nullptr)
    {
        m_answered.insert(id);
        HttpAnswer a;
        switch (kind % 8) {
        case 4:
            a.close = true;
            break;
        case 5:
            a.body = QByteArray(32 << 10, 'x');
            break;
        case 6:
            a.status = 204;
            break;
        case 7:
            a.status = 599;
            a.reason = "Odd\r\nX-Injected: 1";
            a.headers = { { "X-A", "b\r\nc" }, { "Content-Length", "5" }, { "", "x" }, { "Bad:Name", "y" } };
            break;
        default:
            if (key) {
                const MatchResult m = m_matcher.match(*key);
                FUZZ_CHECK(m.interaction >= -1 && m.interaction < m_matcher.size(),
                    QStringLiteral("match %1").arg(m.interaction));
                if (m.interaction >= 0) {
                    a.body = m_matcher.recorded(m.interaction).uri.toUtf8();
                } else {
                    a.status = 503;
                    a.headers = { { "X-Tapedeck-Unmatched", "1" } };
                    const QList<Candidate> near = m_matcher.nearest(*key, 3);
                    FUZZ_CHECK(near.size() <= 3, QStringLiteral("%1 candidates").arg(near.size()));
                    for (const Candidate &c : near) {
                        FUZZ_CHECK(c.interaction >= 0 && c.interaction < m_matcher.size(),
                            QStringLiteral("candidate %1").arg(c.interaction));
                        a.body += m_matcher.recorded(c.interaction).uri.toUtf8() + '\n';
                    }
                }
            }
        }
        m_server.answer(id, std::move(a));
    }

    MockHttpServer::Limits m_limits;
    MockHttpServer m_server;
    Matcher m_matcher;
    quint16 m_ports[2] = {};
    QTimer *m_sweep = nullptr;
    std::vector<std::unique_ptr<Client>> m_clients;
    int m_opened = 0;
    int m_sleeps = 0;
    bool m_hold = false;
    QList<quint64> m_held;
    QSet<quint64> m_handedOut;
    QSet<quint64> m_answered;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    process();
    FuzzInput in(data, size);
    Run run(in.byte());
    run.play(in);
    run.finish();
    return 0;
}
