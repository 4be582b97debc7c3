// SPDX-License-Identifier: MIT
// Connections of the mock layer's HTTP endpoints: read, parse, hand out, answer in order, tunnel.
#include "core/replay/mockhttpserver.h"

#include "core/replay/serversupport.h"

#include <QElapsedTimer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <http_parser.h>

#include <algorithm>
#include <deque>
#include <iterator>

#include <unistd.h>

namespace tapedeck::replay {

namespace {

quint16 defaultPort(QStringView scheme)
{
    return scheme == u"https" ? 443 : 80;
}

QString hostForUri(QString host)
{
    host = host.toLower();
    if (host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('[')))
        return QLatin1Char('[') + host + QLatin1Char(']'); // an IPv6 literal
    return host;
}

QString originOf(QStringView scheme, const QString &host, quint16 port)
{
    QString origin = scheme.toString() + QLatin1String("://") + hostForUri(host);
    if (port != 0 && port != defaultPort(scheme))
        origin += QLatin1Char(':') + QString::number(port);
    return origin;
}

// An http-parser URL field, or a null view.
QByteArrayView field(const QByteArray &url, const http_parser_url &u, http_parser_url_fields f)
{
    if (!(u.field_set & (1 << f)))
        return {};
    return QByteArrayView(url).sliced(u.field_data[f].off, u.field_data[f].len);
}

struct Authority
{
    QString scheme;
    QString host;
    quint16 port = 0;
    QByteArray rest; // path and query of an absolute URI ("/" when it had none)
};

// Splits an absolute-form target ("http://Host:8080/p?q") or, for CONNECT, an authority ("host:443").
std::optional<Authority> splitTarget(const QByteArray &target, bool connect)
{
    http_parser_url u;
    http_parser_url_init(&u);
    if (target.isEmpty() || http_parser_parse_url(target.constData(), size_t(target.size()), connect ? 1 : 0, &u) != 0)
        return std::nullopt;
    Authority a;
    a.host = QString::fromUtf8(field(target, u, UF_HOST));
    if (a.host.isEmpty())
        return std::nullopt;
    a.port = (u.field_set & (1 << UF_PORT)) ? u.port : 0;
    if (connect)
        return a;
    a.scheme = QString::fromLatin1(field(target, u, UF_SCHEMA)).toLower();
    if (a.scheme != u"http" && a.scheme != u"https")
        return std::nullopt;
    const QByteArrayView path = field(target, u, UF_PATH);
    a.rest = path.isEmpty() ? QByteArray("/") : path.toByteArray();
    if (u.field_set & (1 << UF_QUERY))
        a.rest += '?' + field(target, u, UF_QUERY).toByteArray();
    return a;
}

bool isHopByHop(QByteArrayView name)
{
    static const char *const names[] = { "connection", "keep-alive", "proxy-connection", "transfer-encoding",
        "content-length", "te", "trailer", "upgrade", "proxy-authenticate" };
    for (const char *n : names) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// The authority a Host header names ("h", "h:8080", "[::1]:81"), read by http-parser as the authority of
// an http URL; anything beyond an authority (a path, user info, a query) is refused.
std::optional<Authority> splitHost(const QByteArray &host)
{
    static const char forbidden[] = { '/', '?', '#', '@', '\\' };
    if (host.isEmpty() || std::any_of(std::begin(forbidden), std::end(forbidden), [&](char c) { return host.contains(c); }))
        return std::nullopt;
    std::optional<Authority> a = splitTarget("http://" + host + '/', false);
    if (!a || a->rest != "/")
        return std::nullopt;
    return a;
}

} // namespace

QString MockHttpServer::Endpoint::url() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return QLatin1String("http://") + host + QLatin1Char(':') + QString::number(port);
}

// One client connection: a QSslSocket that stays plain until a CONNECT tunnel asks for TLS.
class MockHttpServer::Connection : public QObject
{
public:
    Connection(MockHttpServer &server, int endpoint, QSslSocket *socket)
        : m_server(server)
        , m_endpoint(endpoint)
        , m_socket(socket)
        , m_parser(std::make_unique<HttpRequestParser>(server.m_limits.request))
    {
        socket->setParent(this);
        m_peer = socket->peerAddress().toString() + QLatin1Char(':') + QString::number(socket->peerPort());
        // Qt stops reading from the kernel once this much is buffered and not taken: a client pushing
        // requests faster than they are answered is slowed down by TCP, not by our memory.
        socket->setReadBufferSize(256 * 1024);
        m_lastActivity = monotonicMs();
        connect(socket, &QSslSocket::readyRead, this, &Connection::readIncoming);
        connect(socket, &QSslSocket::bytesWritten, this, [this] {
            m_lastWrite = monotonicMs();
            if (m_readPaused && m_socket->bytesToWrite() < m_server.m_limits.maxQueuedOutput / 2)
                readIncoming();
        });
        connect(socket, &QSslSocket::disconnected, this, [this] { closeNow(); });
        connect(socket, &QSslSocket::encrypted, this, [this] {
            m_handshaking = false;
            m_lastActivity = monotonicMs();
            readIncoming();
        });
        connect(socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::RemoteHostClosedError) {
                closeNow();
                return;
            }
            if (m_handshaking)
                report(HttpProtocolEvent::Kind::TlsFailed, 0,
                    QStringLiteral("TLS handshake for %1 failed: %2").arg(m_tunnelHost, m_socket->errorString()));
            closeNow();
        });
    }

    void readIncoming();
    void setAnswer(quint64 id, const HttpAnswer &answer);
    void dropped(quint64 id);
    void sweep(qint64 now);
    void closeNow();
    const QString &peer() const { return m_peer; }

private:
    struct Slot
    {
        quint64 id = 0;
        bool ready = false;
        QByteArray bytes;
        bool close = false; // close once written
        bool head = false;
        bool keepAlive = true;
        bool tunnel = false; // a CONNECT that was allowed: start TLS once written
    };

    // Hands out what the parser completed and answers its errors; false when reading stops here.
    bool step(qint64 now);
    void handle(HttpRequest &&request);
    void handleConnect(HttpRequest &&request);
    void refuse(int status, const QString &text, bool closeAfter = true);
    // An answer the server makes itself (an error, a CONNECT's), queued after the requests before it.
    void pushReady(QByteArray bytes, bool close, bool tunnel = false);
    void flush();
    void startTls();
    void report(HttpProtocolEvent::Kind kind, int status, QString detail)
    {
        emit m_server.protocolEvent(HttpProtocolEvent { kind, status, m_peer, std::move(detail) });
    }
    Slot *slotOf(quint64 id)
    {
        for (Slot &s : m_slots) {
            if (s.id == id)
                return &s;
        }
        return nullptr;
    }

    MockHttpServer &m_server;
    int m_endpoint;
    QSslSocket *m_socket;
    std::unique_ptr<HttpRequestParser> m_parser;
    std::deque<Slot> m_slots;
    QByteArray m_unread; // read from the socket, not parsed yet (from m_unreadAt)
    qsizetype m_unreadAt = 0;
    QString m_peer;
    QString m_tunnelHost; // after CONNECT
    quint16 m_tunnelPort = 0;
    bool m_inTunnel = false;
    bool m_handshaking = false;
    bool m_closing = false;
    bool m_readPaused = false;
    bool m_noMoreRequests = false; // the client said Connection: close, or the stream failed
    qint64 m_requestBegan = 0;
    qint64 m_lastActivity = 0;
    qint64 m_lastWrite = 0;
    qint64 m_handshakeBegan = 0;
};

void MockHttpServer::Connection::readIncoming()
{
    if (m_closing || m_handshaking)
        return;
    const Limits &limits = m_server.m_limits;
    if (m_noMoreRequests) {
        m_unread.clear();
        m_unreadAt = 0;
        m_socket->skip(m_socket->bytesAvailable()); // nothing after a close or an error is read
        return;
    }
    // One request at a time: a read can hold thousands of pipelined requests, and each handed out may be
    // answered at once with a large body, so the limits are checked again before every request.
    for (;;) {
        if (qsizetype(m_slots.size()) >= limits.maxPipelined || m_socket->bytesToWrite() > limits.maxQueuedOutput) {
            m_readPaused = true; // resumed when answers go out
            return;
        }
        m_readPaused = false;
        if (m_unreadAt >= m_unread.size()) {
            m_unread = m_socket->readAll(); // at most the read buffer's 256 KiB
            m_unreadAt = 0;
            if (m_unread.isEmpty())
                break;
        }
        const qint64 now = monotonicMs();
        m_lastActivity = now;
        const qsizetype used = m_parser->feedOne(QByteArrayView(m_unread).sliced(m_unreadAt));
        m_unreadAt += used;
        if (m_unreadAt >= m_unread.size()) {
            m_unread.clear();
            m_unreadAt = 0;
        }
        if (!step(now))
            return;
    }
}

bool MockHttpServer::Connection::step(qint64 now)
{
    std::vector<HttpRequest> requests = m_parser->takeRequests();
    if (m_parser->takeContinueWanted()) {
        if (m_slots.empty() && requests.empty())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        // Else an earlier answer is still due (pipelining): the client sends its body after its own wait.
    }
    const HttpRequestParser::State state = m_parser->state();
    // Taken before the requests are handled: an allowed CONNECT replaces the parser.
    const QByteArray early = m_parser->takeTunnelData();
    const int errorStatus = m_parser->errorStatus();
    const QString errorText = m_parser->errorText();
    if (state == HttpRequestParser::State::Tunnel && !requests.empty() && !requests.back().isConnect())
        requests.back().keepAlive = false; // an Upgrade nothing here speaks: answered, then the connection ends
    for (HttpRequest &request : requests) {
        if (m_closing)
            return false;
        if (request.isConnect())
            handleConnect(std::move(request));
        else
            handle(std::move(request));
    }
    if (m_closing)
        return false;
    if (state == HttpRequestParser::State::Failed) {
        m_noMoreRequests = true;
        m_requestBegan = 0;
        m_unread.clear();
        m_unreadAt = 0;
        if (errorStatus != 0) {
            report(HttpProtocolEvent::Kind::BadRequest, errorStatus, errorText);
            refuse(errorStatus, errorText);
        }
        flush();
        return false;
    }
    if (state == HttpRequestParser::State::Tunnel) {
        m_unread.clear(); // the parser handed it all to the tunnel
        m_unreadAt = 0;
        if (!m_handshaking) {
            // A CONNECT refused or answered after earlier requests, or an Upgrade: the connection ends there.
            m_noMoreRequests = true;
        } else if (!early.isEmpty()) {
            // TLS bytes sent before the tunnel was answered were read as HTTP's and cannot be handed to the
            // TLS layer; every real client waits for the 200 first.
            report(HttpProtocolEvent::Kind::TlsFailed, 0,
                QStringLiteral("data sent into the tunnel to %1 before its CONNECT was answered").arg(m_tunnelHost));
            closeNow();
        }
        return false;
    }
    m_requestBegan = m_parser->midRequest() ? (m_requestBegan ? m_requestBegan : now) : 0;
    return true;
}

void MockHttpServer::Connection::handle(HttpRequest &&request)
{
    IncomingHttpRequest in;
    in.http = std::move(request);
    in.arrived = QDateTime::currentDateTimeUtc();
    in.viaTunnel = m_inTunnel;
    in.endpoint = m_endpoint;
    const Endpoint &endpoint = m_server.m_endpoints[size_t(m_endpoint)];
    const QByteArray &target = in.http.target;
    if (target.startsWith('/') || target == "*") {
        if (m_inTunnel) {
            in.origin = originOf(u"https", m_tunnelHost, m_tunnelPort);
        } else if (endpoint.kind == Endpoint::Kind::Reverse) {
            in.origin = endpoint.origin;
        } else {
            // Origin form at the proxy: a client that took the proxy for a server; Host names the origin.
            // (Not CONNECT's authority form, which http-parser reads only with a port.)
            const std::optional<Authority> host = splitHost(in.http.header("Host"));
            if (!host) {
                refuse(400, QStringLiteral("a request in origin form without a usable Host header"), false);
                return;
            }
            const int own = m_server.endpointFor(host->host, host->port ? host->port : defaultPort(u"http"));
            if (own >= 0 && m_server.m_endpoints[size_t(own)].kind == Endpoint::Kind::Reverse) {
                in.endpoint = own;
                in.origin = m_server.m_endpoints[size_t(own)].origin;
            } else {
                in.origin = originOf(u"http", host->host, host->port);
            }
        }
        in.uri = in.origin + QString::fromUtf8(target == "*" ? QByteArray("/") : target);
    } else {
        const std::optional<Authority> a = splitTarget(target, false);
        if (!a) {
            refuse(400, QStringLiteral("the request target is not an http or https URL"), false);
            return;
        }
        const int own = m_server.endpointFor(a->host, a->port ? a->port : defaultPort(a->scheme));
        if (own >= 0 && m_server.m_endpoints[size_t(own)].kind == Endpoint::Kind::Reverse) {
            // A proxied request for one of our own reverse endpoints (a client whose proxy settings also
            // cover 127.0.0.1): it is that endpoint's request.
            in.endpoint = own;
            in.origin = m_server.m_endpoints[size_t(own)].origin;
        } else {
            in.origin = originOf(a->scheme, a->host, a->port);
        }
        in.uri = in.origin + QString::fromUtf8(a->rest);
    }
    Slot slot;
    slot.id = m_server.m_nextId++;
    slot.head = in.http.method == "HEAD";
    slot.keepAlive = in.http.keepAlive;
    if (!in.http.keepAlive)
        m_noMoreRequests = true;
    in.id = slot.id;
    m_slots.push_back(slot);
    m_server.m_pending.insert(slot.id, this);
    if (m_server.m_handler)
        m_server.m_handler(std::move(in));
    else
        m_server.answer(slot.id, HttpAnswer { 503, {}, {}, "no handler\n", false });
}

void MockHttpServer::Connection::handleConnect(HttpRequest &&request)
{
    const std::optional<Authority> a = splitTarget(request.target, true);
    if (!a || a->port == 0) {
        refuse(400, QStringLiteral("CONNECT needs host:port"));
        return;
    }
    if (m_inTunnel) {
        refuse(400, QStringLiteral("CONNECT inside a tunnel"));
        return;
    }
    m_tunnelHost = a->host.toLower();
    m_tunnelPort = a->port;
    const QString why = m_server.m_connectPolicy ? m_server.m_connectPolicy(m_tunnelHost, m_tunnelPort) : QString();
    if (!why.isEmpty() || !m_server.m_tls) {
        const QString text = why.isEmpty() ? QStringLiteral("TLS is not set up") : why;
        report(HttpProtocolEvent::Kind::ConnectRefused, 503, QStringLiteral("CONNECT %1:%2: %3").arg(m_tunnelHost).arg(m_tunnelPort).arg(text));
        const HttpAnswer answer { 503, {}, { { "X-Tapedeck-Unmatched", "1" }, { "Content-Type", "text/plain; charset=utf-8" } },
            text.toUtf8() + '\n', true };
        pushReady(serialize(answer, false, true), true);
        return;
    }
    pushReady("HTTP/1.1 200 Connection Established\r\n\r\n", false, true);
}

void MockHttpServer::Connection::refuse(int status, const QString &text, bool closeAfter)
{
    const HttpAnswer answer { status, {}, { { "Content-Type", "text/plain; charset=utf-8" } }, text.toUtf8() + '\n', closeAfter };
    pushReady(serialize(answer, false, closeAfter), closeAfter);
}

void MockHttpServer::Connection::pushReady(QByteArray bytes, bool close, bool tunnel)
{
    Slot slot;
    slot.id = m_server.m_nextId++;
    slot.ready = true;
    slot.close = close;
    slot.tunnel = tunnel;
    slot.bytes = std::move(bytes);
    m_slots.push_back(std::move(slot));
    if (close)
        m_noMoreRequests = true;
    flush();
}

void MockHttpServer::Connection::setAnswer(quint64 id, const HttpAnswer &answer)
{
    Slot *slot = slotOf(id);
    if (!slot || slot->ready)
        return;
    slot->ready = true;
    slot->close = answer.close || !slot->keepAlive;
    slot->bytes = serialize(answer, slot->head, slot->close);
    flush();
}

void MockHttpServer::Connection::dropped(quint64 id)
{
    if (slotOf(id))
        closeNow();
}

void MockHttpServer::Connection::flush()
{
    while (!m_closing && !m_slots.empty() && m_slots.front().ready) {
        Slot slot = std::move(m_slots.front());
        m_slots.pop_front();
        m_socket->write(slot.bytes);
        m_lastActivity = monotonicMs();
        if (slot.tunnel) {
            startTls();
            return;
        }
        if (slot.close) {
            m_closing = true;
            for (const Slot &s : m_slots)
                m_server.m_pending.remove(s.id);
            m_slots.clear();
            m_socket->disconnectFromHost(); // after the queued bytes are written
            return;
        }
    }
    if (m_readPaused && !m_closing)
        QTimer::singleShot(0, this, &Connection::readIncoming);
}

void MockHttpServer::Connection::startTls()
{
    const Result<TlsIdentity> identity = m_server.m_tls(m_tunnelHost);
    if (!identity) {
        report(HttpProtocolEvent::Kind::TlsFailed, 0, identity.error().message);
        closeNow();
        return;
    }
    m_parser = std::make_unique<HttpRequestParser>(m_server.m_limits.request);
    m_inTunnel = true;
    m_noMoreRequests = false;
    m_handshaking = true;
    m_handshakeBegan = monotonicMs();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(identity->certificate);
    config.setPrivateKey(identity->key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    // HTTP/1.1 only: a client offering h2 must not pick it.
    config.setAllowedNextProtocols({ QByteArrayLiteral("http/1.1") });
    m_socket->setSslConfiguration(config);
    m_socket->startServerEncryption();
}

void MockHttpServer::Connection::sweep(qint64 now)
{
    const Limits &limits = m_server.m_limits;
    if (m_closing) {
        // Closing after its last answer is written: a client that never reads it would keep the connection
        // (and its queued answer) for ever.
        if (m_socket && m_socket->bytesToWrite() > 0 && now - std::max(m_lastWrite, m_lastActivity) > limits.requestTimeoutMs) {
            report(HttpProtocolEvent::Kind::TooMuchOutput, 0,
                QStringLiteral("the client did not read its last answer for %1 ms").arg(limits.requestTimeoutMs));
            closeNow();
        }
        return;
    }
    if (m_handshaking) {
        if (now - m_handshakeBegan > limits.handshakeTimeoutMs) {
            report(HttpProtocolEvent::Kind::Timeout, 0,
                QStringLiteral("the TLS handshake for %1 did not finish in %2 ms").arg(m_tunnelHost).arg(limits.handshakeTimeoutMs));
            closeNow();
        }
        return;
    }
    if (m_requestBegan && now - m_requestBegan > limits.requestTimeoutMs) {
        report(HttpProtocolEvent::Kind::Timeout, 408,
            QStringLiteral("a request not completed within %1 ms").arg(limits.requestTimeoutMs));
        m_requestBegan = 0;
        if (m_slots.empty()) {
            m_noMoreRequests = true;
            refuse(408, QStringLiteral("the request was not completed in time"));
        } else {
            closeNow();
        }
        return;
    }
    if (m_socket->bytesToWrite() > 0 && now - std::max(m_lastWrite, m_lastActivity) > limits.requestTimeoutMs) {
        report(HttpProtocolEvent::Kind::TooMuchOutput, 0,
            QStringLiteral("the client did not read its answers for %1 ms").arg(limits.requestTimeoutMs));
        closeNow();
        return;
    }
    if (m_slots.empty() && !m_requestBegan && now - m_lastActivity > limits.idleTimeoutMs)
        closeNow();
}

void MockHttpServer::Connection::closeNow()
{
    if (m_closing && !m_socket)
        return;
    m_closing = true;
    QList<quint64> abandoned;
    for (const Slot &s : m_slots) {
        if (m_server.m_pending.remove(s.id) > 0)
            abandoned.append(s.id);
    }
    m_slots.clear();
    for (const quint64 id : abandoned)
        emit m_server.abandoned(id);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket = nullptr;
    }
    m_server.forget(this);
    deleteLater();
}

MockHttpServer::MockHttpServer(Limits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_sweep(new QTimer(this))
{
    qRegisterMetaType<HttpProtocolEvent>();
    m_sweep->setInterval(std::clamp(std::min(m_limits.requestTimeoutMs, m_limits.handshakeTimeoutMs) / 4, 50, 1000));
    connect(m_sweep, &QTimer::timeout, this, &MockHttpServer::sweep);
}

MockHttpServer::MockHttpServer()
    : MockHttpServer(Limits {})
{ }

MockHttpServer::~MockHttpServer()
{
    close();
}

bool MockHttpServer::isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

Result<int> MockHttpServer::listenProxy(const QHostAddress &address, quint16 port)
{
    return listen(Endpoint { Endpoint::Kind::Proxy, {}, address, port });
}

Result<int> MockHttpServer::listenReverse(const QString &origin, const QHostAddress &address, quint16 port)
{
    return listen(Endpoint { Endpoint::Kind::Reverse, origin, address, port });
}

Result<int> MockHttpServer::listen(Endpoint endpoint)
{
    if (!isLoopback(endpoint.address))
        return makeError(ErrorCode::Usage,
            QCoreApplication::translate("MockHttpServer", "%1 is not a loopback address: the mock layer listens on loopback only")
                .arg(endpoint.address.toString()));
    const int index = int(m_endpoints.size());
    auto *server = new DescriptorListener([this, index](qintptr descriptor) { accept(index, descriptor); }, this);
    if (!server->listen(endpoint.address, endpoint.port)) {
        const QString why = server->errorString();
        delete server;
        return makeError(ErrorCode::Io,
            QCoreApplication::translate("MockHttpServer", "cannot listen on %1 port %2: %3")
                .arg(endpoint.address.toString())
                .arg(endpoint.port)
                .arg(why));
    }
    endpoint.port = server->serverPort();
    m_endpoints.push_back(std::move(endpoint));
    m_servers.push_back(server);
    if (!m_sweep->isActive())
        m_sweep->start();
    return index;
}

void MockHttpServer::accept(int endpoint, qintptr descriptor)
{
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    if (m_connections.size() >= m_limits.maxConnections) {
        emit protocolEvent(HttpProtocolEvent { HttpProtocolEvent::Kind::TooManyConnections, 0,
            socket->peerAddress().toString(), QStringLiteral("more than %1 connections").arg(m_limits.maxConnections) });
        socket->abort();
        delete socket;
        return;
    }
    auto *connection = new Connection(*this, endpoint, socket);
    m_connections.append(connection);
}

void MockHttpServer::close()
{
    for (QTcpServer *server : m_servers)
        server->close();
    const QList<Connection *> connections = m_connections;
    for (Connection *c : connections)
        c->closeNow();
    m_pending.clear();
    if (m_sweep)
        m_sweep->stop();
}

void MockHttpServer::sweep()
{
    const qint64 now = monotonicMs();
    const QList<Connection *> connections = m_connections; // closing removes from the list
    for (Connection *c : connections)
        c->sweep(now);
}

void MockHttpServer::forget(Connection *connection)
{
    m_connections.removeOne(connection);
}

int MockHttpServer::endpointFor(const QString &host, quint16 port) const
{
    QHostAddress address;
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return -1; // a name: never resolved, so never one of ours
    for (size_t i = 0; i < m_endpoints.size(); ++i) {
        const Endpoint &e = m_endpoints[i];
        if (e.port == port && (e.address == address || (address.isLoopback() && e.address.isLoopback())))
            return int(i);
    }
    return -1;
}

void MockHttpServer::answer(quint64 id, HttpAnswer answer)
{
    Connection *connection = m_pending.take(id);
    if (!connection)
        return;
    connection->setAnswer(id, answer);
}

void MockHttpServer::drop(quint64 id)
{
    Connection *connection = m_pending.take(id);
    if (connection)
        connection->dropped(id);
}

QByteArray MockHttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

QByteArray MockHttpServer::serialize(const HttpAnswer &answer, bool headRequest, bool closing)
{
    // A status line has three digits: anything else (an edited answer's typo) goes out as a 502.
    const int status = answer.status >= 100 && answer.status <= 999 ? answer.status : 502;
    QByteArray reason = answer.reason.isEmpty() || status != answer.status ? reasonPhrase(status) : answer.reason;
    reason.replace('\r', ' ').replace('\n', ' ');
    QByteArray out;
    out.reserve(256 + answer.body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto &[name, value] : answer.headers) {
        if (isHopByHop(name) || name.isEmpty() || name.contains('\n') || name.contains('\r') || name.contains(':'))
            continue;
        QByteArray v = value;
        v.replace('\r', ' ').replace('\n', ' ');
        out += name + ": " + v + "\r\n";
    }
    const bool bodyless = (status >= 100 && status < 200) || status == 204 || status == 304;
    if (!bodyless)
        out += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
    if (closing)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!bodyless && !headRequest)
        out += answer.body;
    return out;
}

} // namespace tapedeck::replay
