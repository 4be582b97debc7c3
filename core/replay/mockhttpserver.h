// SPDX-License-Identifier: MIT
// The mock layer's HTTP side (DESIGN.md §7): a loopback forward proxy (absolute-form requests, and CONNECT
// answered by terminating TLS with a leaf certificate for the tunnel's host) and reverse endpoints, one
// loopback port per recorded origin, for clients that take a base URL. Requests are parsed by
// HttpRequestParser (http-parser) and handed to one handler with the absolute URI VCR.py would have
// recorded; the handler answers each whenever it likes (at once, or after a user stepped past it), and
// answers on one connection still go out in request order. Everything runs on the thread that owns the
// server; a request waiting for its answer never holds up other connections.
//
// The server never opens a connection and never resolves a name: it only accepts. Every connection is
// bounded: request size (HttpRequestParser's limits), time to send a request once it has begun, idle time
// between requests, time to finish a TLS handshake, answers queued for a client that does not read, and
// the number of connections open at once.
#pragma once

#include "core/common/result.h"
#include "core/replay/httprequestparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>
#include <memory>
#include <vector>

class QTcpServer;
class QTimer;

namespace tapedeck::replay {

// An answer to send: the status line, headers as given (Content-Length, Transfer-Encoding and hop-by-hop
// fields are left out and Content-Length is set from the body), and the body.
struct HttpAnswer
{
    int status = 200;
    QByteArray reason; // empty: the standard phrase for the status
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool close = false; // close the connection after this answer
};

struct IncomingHttpRequest
{
    quint64 id = 0; // the server's handle for the answer
    QString uri; // absolute, as VCR.py records it: scheme://host[:port]/path?query, default ports left out
    QString origin; // scheme://host[:port] of uri
    int endpoint = -1; // the endpoint that received it (after a proxy request for one of the server's own)
    bool viaTunnel = false; // arrived through a CONNECT tunnel (TLS terminated here)
    HttpRequest http;
    QDateTime arrived;
};

// Something the server refused or dropped without handing it to the handler (for the report and the log).
struct HttpProtocolEvent
{
    enum class Kind : quint8 {
        BadRequest, // the parser refused the stream (status in status)
        Timeout, // a request not completed in time (408), or a TLS handshake that did not finish
        ConnectRefused, // CONNECT to a host:port the policy refuses
        TlsFailed, // the TLS handshake failed (garbage, a client that does not trust the CA)
        TooManyConnections,
        TooMuchOutput, // a client that never reads its answers
    };
    Kind kind = Kind::BadRequest;
    int status = 0;
    QString peer; // "127.0.0.1:54321"
    QString detail;
};

class MockHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        HttpRequestParser::Limits request { qint64(128) << 20, 256 };
        int maxConnections = 1024;
        int requestTimeoutMs = 30'000; // from a request's first byte to its last
        int idleTimeoutMs = 300'000; // a kept-alive connection with nothing pending
        int handshakeTimeoutMs = 15'000;
        qint64 maxQueuedOutput = qint64(16) << 20; // answers written but not read: stop reading beyond it
        int maxPipelined = 64; // requests of one connection waiting for their answers
    };

    struct Endpoint
    {
        enum class Kind : quint8 { Proxy, Reverse };
        Kind kind = Kind::Proxy;
        QString origin; // Reverse: the recorded origin its requests are for
        QHostAddress address;
        quint16 port = 0;
        QString url() const; // http://127.0.0.1:PORT
    };

    struct TlsIdentity
    {
        QSslCertificate certificate;
        QSslKey key;
    };
    // The leaf certificate for a tunnel's host (called once per CONNECT; cache in the provider).
    using TlsProvider = std::function<Result<TlsIdentity>(const QString &host)>;
    // Whether a CONNECT to host:port is answered (else 503 with why); empty reason means allowed.
    using ConnectPolicy = std::function<QString(const QString &host, quint16 port)>;
    using Handler = std::function<void(IncomingHttpRequest &&request)>;

    explicit MockHttpServer(Limits limits, QObject *parent = nullptr);
    MockHttpServer();
    ~MockHttpServer() override;

    // Loopback addresses only (127.0.0.0/8, ::1): anything else is a Usage error. Port 0 picks one.
    Result<int> listenProxy(const QHostAddress &address, quint16 port = 0);
    Result<int> listenReverse(const QString &origin, const QHostAddress &address, quint16 port = 0);
    const std::vector<Endpoint> &endpoints() const { return m_endpoints; }
    void close();

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setTlsProvider(TlsProvider provider) { m_tls = std::move(provider); }
    void setConnectPolicy(ConnectPolicy policy) { m_connectPolicy = std::move(policy); }

    // Answers request id (once; later calls and calls for a closed connection do nothing). The answer goes
    // out when every earlier request of its connection has been answered.
    void answer(quint64 id, HttpAnswer answer);
    // Closes request id's connection without an answer (the "close" way of failing an unmatched request).
    void drop(quint64 id);
    // Requests handed to the handler and not answered yet.
    qsizetype pendingCount() const { return m_pending.size(); }
    int connectionCount() const { return int(m_connections.size()); }

    // "HTTP/1.1 200 OK\r\n…\r\n\r\nbody" as answer() sends it (for HEAD requests, without the body).
    static QByteArray serialize(const HttpAnswer &answer, bool headRequest, bool closing);
    static QByteArray reasonPhrase(int status);
    static bool isLoopback(const QHostAddress &address);

signals:
    void protocolEvent(const tapedeck::replay::HttpProtocolEvent &event);
    // A request handed to the handler lost its connection before it was answered.
    void abandoned(quint64 id);

private:
    class Connection;
    friend class Connection;
    Result<int> listen(Endpoint endpoint);
    void accept(int endpoint, qintptr descriptor);
    void sweep();
    void forget(Connection *connection);
    int endpointFor(const QString &host, quint16 port) const; // one of ours, addressed through the proxy

    Limits m_limits;
    std::vector<Endpoint> m_endpoints;
    std::vector<QTcpServer *> m_servers;
    QList<Connection *> m_connections;
    QHash<quint64, Connection *> m_pending;
    quint64 m_nextId = 1;
    Handler m_handler;
    TlsProvider m_tls;
    ConnectPolicy m_connectPolicy;
    QTimer *m_sweep = nullptr;
};

} // namespace tapedeck::replay

Q_DECLARE_METATYPE(tapedeck::replay::HttpProtocolEvent)
