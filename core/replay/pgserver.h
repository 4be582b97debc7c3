// SPDX-License-Identifier: MIT
// The mock layer's SQL side (DESIGN.md §7): a PostgreSQL protocol 3.0 endpoint on loopback. It speaks the
// protocol (pgprotocol.h) — SSLRequest (answered N, or S and TLS with Tapedeck's CA when a certificate is
// given), GSSENCRequest (N), the StartupMessage and authentication that lets every client in (trust;
// cleartext or MD5 with any password; SCRAM-SHA-256 with the password the user gave, since a SCRAM server
// must prove it knows it), the ParameterStatus values drivers read, BackendKeyData and CancelRequest, the
// simple query and the extended protocol (Parse, Bind, Describe, Execute with a row limit and
// PortalSuspended, Close, Sync, Flush), ReadyForQuery with the transaction status — and hands every
// statement to one responder, which answers whenever it likes (at once, or after a user stepped past it).
// What a statement means is the responder's business; the server only frames it.
//
// The server never opens a connection and never resolves a name. Every connection is bounded: message size,
// time to finish a message once it has begun, time to authenticate, prepared statements and portals it may
// keep, output queued for a client that does not read (rows are streamed as the client reads them), and the
// number of connections at once. A connection's protocol error closes that connection only.
#pragma once

#include "core/common/result.h"
#include "core/replay/pgprotocol.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTcpServer;
class QTimer;

namespace tapedeck::replay {

// The rows of a result, produced as the client reads them (a recorded result can be large).
class PgRowSource
{
public:
    virtual ~PgRowSource() = default;
    virtual qsizetype rowCount() const = 0;
    // Appends row's DataRow message to out.
    virtual void appendDataRow(qsizetype row, QByteArray &out) const = 0;
};

// Rows held as text values (NULL: nullopt).
class PgTextRows : public PgRowSource
{
public:
    explicit PgTextRows(std::vector<std::vector<std::optional<QByteArray>>> rows)
        : m_rows(std::move(rows))
    { }
    qsizetype rowCount() const override { return qsizetype(m_rows.size()); }
    void appendDataRow(qsizetype row, QByteArray &out) const override;

private:
    std::vector<std::vector<std::optional<QByteArray>>> m_rows;
};

// What one statement produced.
struct PgResult
{
    enum class Kind : quint8 {
        Command, // CommandComplete with tag (SET, BEGIN, INSERT 0 1, …)
        Rows, // RowDescription, the rows, CommandComplete with tag ("SELECT n" when tag is empty)
        Empty, // EmptyQueryResponse (an empty query string)
        Error, // ErrorResponse
    };
    Kind kind = Kind::Command;
    QByteArray tag;
    QList<pg::FieldDescription> fields;
    std::shared_ptr<const PgRowSource> rows;
    pg::ServerError error;
    QList<std::pair<QByteArray, QByteArray>> parameterStatus; // reported settings the statement changed

    static PgResult command(QByteArray tag);
    static PgResult failure(QByteArray code, QString message, QString detail = {}, QString hint = {});
};

// A value bound to a parameter of an extended-protocol statement.
struct PgBoundValue
{
    std::optional<QByteArray> data; // nullopt: NULL
    qint16 format = 0; // 0 text, 1 binary
    quint32 typeOid = 0; // from Parse; 0: unspecified
};

struct PgClientInfo
{
    quint64 connection = 0;
    QString peer; // "127.0.0.1:54321"
    QString user;
    QString database;
    QString applicationName;
};

// A statement for the responder.
struct PgStatement
{
    quint64 id = 0; // answer with this
    PgClientInfo client;
    QString text; // a simple Query's whole string (the responder splits it), or one Parse's query
    bool extended = false;
    std::optional<std::vector<PgBoundValue>> bound; // extended, after Bind
    QList<quint32> parameterTypes; // extended: from Parse
    bool describeOnly = false; // Describe of a statement before Bind: columns wanted, nothing executed
    char transaction = 'I'; // the connection's status when it arrived: I idle, T in a block, E failed block
    QDateTime arrived;
};

// Something the server refused or dropped without handing it to the responder (for the report and the log).
struct PgProtocolEvent
{
    enum class Kind : quint8 {
        ProtocolViolation, // a malformed or unknown message: the connection was closed
        Timeout, // a message or the startup not finished in time
        TooManyConnections,
        TlsFailed,
        AuthenticationFailed, // SCRAM with a wrong password
        Cancelled, // a CancelRequest stopped a statement
        Unsupported, // COPY, function calls, a binary result format, another protocol version
    };
    Kind kind = Kind::ProtocolViolation;
    QString peer;
    QString detail;
};

class MockPostgresServer : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 maxMessageBytes = qint64(64) << 20;
        int maxConnections = 2000;
        int startupTimeoutMs = 15'000; // from connecting to ReadyForQuery
        int messageTimeoutMs = 30'000; // from a message's first byte to its last
        int maxStatementsPerConnection = 10'000; // prepared statements and portals together
        qint64 maxQueuedOutput = qint64(4) << 20; // rows stop being produced while more is unread
    };

    enum class Authentication : quint8 { Trust, Cleartext, Md5, Scram };

    struct Options
    {
        Limits limits;
        Authentication authentication = Authentication::Trust;
        QString scramPassword; // Scram: what the client will send
        // TLS on request (SSLRequest answered S); without a certificate SSLRequest is answered N.
        QSslCertificate certificate;
        QSslKey key;
        QByteArray serverVersion = QByteArrayLiteral("15.0");
        QByteArray timeZone = QByteArrayLiteral("UTC");
    };

    using Responder = std::function<void(PgStatement &&statement)>;

    explicit MockPostgresServer(Options options, QObject *parent = nullptr);
    ~MockPostgresServer() override;

    // Loopback addresses only (127.0.0.0/8, ::1): anything else is a Usage error. Port 0 picks one.
    Status listen(const QHostAddress &address, quint16 port = 0);
    QHostAddress address() const;
    quint16 port() const;
    // postgresql://user@127.0.0.1:PORT/database
    QString url(const QString &user = QStringLiteral("replay"), const QString &database = QStringLiteral("replay")) const;
    void close();

    void setResponder(Responder responder) { m_responder = std::move(responder); }
    // Answers statement id (once; later calls, and calls for a closed connection, do nothing). A simple
    // Query's string gets one result per statement in it; a failed one ends the list.
    void answer(quint64 id, QList<PgResult> results);
    qsizetype pendingCount() const { return m_pending.size(); }
    int connectionCount() const { return int(m_connections.size()); }
    const Options &options() const { return m_options; }

signals:
    void protocolEvent(const tapedeck::replay::PgProtocolEvent &event);
    // A statement handed to the responder lost its connection, or was cancelled, before it was answered.
    void abandoned(quint64 id);
    void connectionClosed(quint64 connection);

private:
    class Connection;
    friend class Connection;
    void accept(qintptr descriptor);
    void forget(Connection *connection);
    void cancel(qint32 processId, qint32 secretKey);
    void sweep();

    Options m_options;
    QTcpServer *m_listener = nullptr;
    QTimer *m_sweep = nullptr;
    QList<Connection *> m_connections;
    QHash<quint64, Connection *> m_pending;
    QHash<qint32, Connection *> m_byProcessId;
    Responder m_responder;
    quint64 m_nextId = 1;
    quint64 m_nextConnection = 1;
    qint32 m_nextProcessId = 4000;
};

} // namespace tapedeck::replay
