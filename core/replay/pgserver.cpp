// SPDX-License-Identifier: MIT
#include "core/replay/pgserver.h"

#include "core/replay/serversupport.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <deque>
#include <variant>

#include <unistd.h>

namespace tapedeck::replay {

using pg::PgProtocol;

namespace {

// SCRAM-SHA-256 (RFC 5802, RFC 7677) with OpenSSL's primitives.
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
        size_t(data.size()), out, &length);
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

QByteArray sha256(QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), size_t(data.size()), out, &length, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

QByteArray saltedPassword(const QByteArray &password, const QByteArray &salt, int iterations)
{
    QByteArray out(32, '\0');
    PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
        int(salt.size()), iterations, EVP_sha256(), int(out.size()), reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    QRandomGenerator *random = QRandomGenerator::system();
    for (char &c : bytes)
        c = char(random->bounded(256));
    return bytes;
}

// "a=value,b=value" attributes of a SCRAM message.
QByteArray scramAttribute(const QByteArray &message, char name)
{
    for (const QByteArray &part : message.split(',')) {
        if (part.size() >= 2 && part[0] == name && part[1] == '=')
            return part.mid(2);
    }
    return {};
}

pg::ServerError serverError(const char *severity, QByteArray code, QString message)
{
    pg::ServerError e;
    e.severity = severity;
    e.code = std::move(code);
    e.message = std::move(message);
    return e;
}

bool startsWithWord(const QByteArray &tag, const char *word)
{
    const QByteArray w(word);
    return tag.startsWith(w) && (tag.size() == w.size() || tag[w.size()] == ' ');
}

} // namespace

void PgTextRows::appendDataRow(qsizetype row, QByteArray &out) const
{
    PgProtocol::dataRow(out, m_rows[size_t(row)]);
}

PgResult PgResult::command(QByteArray tag)
{
    PgResult r;
    r.kind = Kind::Command;
    r.tag = std::move(tag);
    return r;
}

PgResult PgResult::failure(QByteArray code, QString message, QString detail, QString hint)
{
    PgResult r;
    r.kind = Kind::Error;
    r.error.code = std::move(code);
    r.error.message = std::move(message);
    r.error.detail = std::move(detail);
    r.error.hint = std::move(hint);
    return r;
}

class MockPostgresServer::Connection : public QObject
{
public:
    Connection(MockPostgresServer &server, QSslSocket *socket, quint64 id, qint32 processId)
        : m_server(server)
        , m_socket(socket)
        , m_reader(server.m_options.limits.maxMessageBytes)
        , m_processId(processId)
        , m_secretKey(qint32(QRandomGenerator::system()->generate()))
    {
        m_client.connection = id;
        socket->setParent(this);
        m_client.peer = socket->peerAddress().toString() + QLatin1Char(':') + QString::number(socket->peerPort());
        // Qt stops reading from the kernel once this much is buffered and not taken: a client that sends
        // faster than it is answered is slowed down by TCP, not by our memory.
        socket->setReadBufferSize(256 * 1024);
        m_connected = monotonicMs();
        connect(socket, &QSslSocket::readyRead, this, &Connection::readIncoming);
        connect(socket, &QSslSocket::bytesWritten, this, [this] {
            produce();
            pump();
        });
        connect(socket, &QSslSocket::disconnected, this, [this] { closeNow(); });
        connect(socket, &QSslSocket::encrypted, this, [this] {
            m_handshaking = false;
            readIncoming();
        });
        connect(socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (m_handshaking && error != QAbstractSocket::RemoteHostClosedError)
                report(PgProtocolEvent::Kind::TlsFailed, MockPostgresServer::tr("TLS handshake failed: %1").arg(m_socket->errorString()));
            closeNow();
        });
    }

    qint32 processId() const { return m_processId; }
    qint32 secretKey() const { return m_secretKey; }
    void answered(quint64 id, QList<PgResult> results);
    void cancel();
    void sweep(qint64 now);
    void closeNow();

private:
    enum class State : quint8 { Startup, Password, SaslInitial, SaslFinal, Ready };
    enum class Waiting : quint8 { Nothing, Query, DescribeStatement, DescribePortal, Execute };

    struct Prepared
    {
        QString query;
        QList<quint32> types;
    };
    struct Portal
    {
        QString query;
        QList<quint32> types;
        std::vector<PgBoundValue> bound;
        std::optional<PgResult> result;
        qsizetype nextRow = 0;
    };
    struct RowRange
    {
        std::shared_ptr<const PgRowSource> rows;
        qsizetype next = 0;
        qsizetype end = 0;
    };
    using Chunk = std::variant<QByteArray, RowRange>;

    void readIncoming();
    void pump();
    void handle(pg::Frame &&frame);
    void handleStartup(const QByteArray &body);
    void handleAuthentication(const pg::Frame &frame);
    void finishStartup();
    void handleMessage(pg::Frame &&frame);
    void ask(Waiting waiting, QString text, bool extended, std::optional<std::vector<PgBoundValue>> bound,
        QList<quint32> types, bool describeOnly, QByteArray portal = {}, qint32 maxRows = 0);
    void runPortal(Portal &portal, qint32 maxRows);
    // A simple Query's result in full; or, for Describe of a portal, its RowDescription or NoData only.
    void writeResult(const PgResult &result, bool describeOnly);
    void track(const PgResult &result);
    void queue(QByteArray bytes);
    void produce();
    void extendedError(const pg::ServerError &error);
    void error(QByteArray code, const QString &message);
    void fatal(QByteArray code, const QString &message);
    void violation(const QString &detail);
    QList<quint32> describedTypes(const QString &query, const QList<quint32> &types) const;
    void report(PgProtocolEvent::Kind kind, QString detail)
    {
        emit m_server.protocolEvent(PgProtocolEvent { kind, m_client.peer, std::move(detail) });
    }

    MockPostgresServer &m_server;
    QSslSocket *m_socket;
    pg::FrameReader m_reader;
    PgClientInfo m_client;
    qint32 m_processId;
    qint32 m_secretKey;
    State m_state = State::Startup;
    char m_transaction = 'I';
    bool m_skipToSync = false; // after an error in the extended protocol
    bool m_handshaking = false;
    bool m_closing = false;
    bool m_closeWhenWritten = false;
    bool m_pumping = false; // pump() is on the stack: an answer given meanwhile lets that loop go on
    qint64 m_connected = 0;
    qint64 m_partialSince = 0; // a message has begun and not ended since then (0: none)
    // SCRAM
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
    QByteArray m_salt;
    // Extended protocol
    QHash<QByteArray, Prepared> m_statements;
    QHash<QByteArray, Portal> m_portals;
    // The statement the responder has not answered yet.
    Waiting m_waiting = Waiting::Nothing;
    quint64 m_waitingId = 0;
    QByteArray m_waitingPortal;
    qint32 m_waitingMaxRows = 0;
    std::deque<Chunk> m_out;
};

void MockPostgresServer::Connection::readIncoming()
{
    if (m_closing || m_handshaking)
        return;
    // While a statement waits or output is pending, take no more than a little from the socket; otherwise
    // read everything (a frame is bounded by maxMessageBytes).
    const bool busy = m_waiting != Waiting::Nothing || !m_out.empty();
    if (!busy || m_reader.buffered() < 1024 * 1024) {
        const QByteArray data = m_socket->readAll();
        if (!data.isEmpty()) {
            m_reader.append(data);
            if (m_partialSince == 0)
                m_partialSince = monotonicMs();
        }
    }
    pump();
}

void MockPostgresServer::Connection::pump()
{
    // A responder that answers at once calls answered(), and so pump(), from inside handle(): recursing
    // there would take a stack frame per pipelined statement (a client's one write of 50,000 Query
    // messages overflowed the stack). The loop below goes on by itself once handle() returns.
    if (m_pumping)
        return;
    m_pumping = true;
    while (!m_closing && !m_handshaking && m_waiting == Waiting::Nothing && m_out.empty()) {
        pg::Frame frame;
        QString why;
        const pg::FrameReader::Status status = m_reader.next(frame, &why);
        if (status == pg::FrameReader::Status::NeedMore)
            break;
        if (status == pg::FrameReader::Status::Invalid) {
            m_pumping = false;
            violation(why);
            return;
        }
        handle(std::move(frame));
    }
    m_pumping = false;
    // The message timeout runs only while the server waits for the rest of a message. Bytes buffered behind
    // a statement the responder holds (libpq and JDBC send Parse/Bind/Execute/Sync in one write), or behind
    // output the client has not read, are no unfinished message: the clock starts when they are looked at.
    const bool busy = m_waiting != Waiting::Nothing || !m_out.empty();
    m_partialSince = !busy && m_reader.midFrame() ? (m_partialSince ? m_partialSince : monotonicMs()) : 0;
    // What this round produced goes out now, in one write, rather than on the event loop's next turn (a
    // poll and a wake-up less per statement).
    if (!m_closing && m_socket && !m_handshaking && m_socket->bytesToWrite() > 0) {
        m_socket->flush();
        // Written inside a bytesWritten handler, the flush announces nothing more: output still waiting for
        // room must not wait for a signal that will not come.
        if (!m_out.empty() && m_socket->bytesToWrite() < m_server.m_options.limits.maxQueuedOutput)
            QTimer::singleShot(0, this, [this] {
                produce();
                pump();
            });
    }
    if (!m_closing && m_socket && m_socket->bytesAvailable() > 0 && m_waiting == Waiting::Nothing && m_out.empty())
        QTimer::singleShot(0, this, &Connection::readIncoming);
}

void MockPostgresServer::Connection::handle(pg::Frame &&frame)
{
    switch (m_state) {
    case State::Startup:
        handleStartup(frame.body);
        return;
    case State::Password:
    case State::SaslInitial:
    case State::SaslFinal:
        handleAuthentication(frame);
        return;
    case State::Ready:
        handleMessage(std::move(frame));
        return;
    }
}

void MockPostgresServer::Connection::handleStartup(const QByteArray &body)
{
    const Result<pg::StartupRequest> request = PgProtocol::parseStartup(body);
    if (!request) {
        violation(request.error().message);
        return;
    }
    switch (request->kind) {
    case pg::StartupRequest::Kind::Ssl: {
        const bool tls = !m_server.m_options.certificate.isNull() && !m_socket->isEncrypted();
        // Bytes after the request, sent before our answer, would be read as plain text (CVE-2021-23214).
        if (m_reader.buffered() > 0) {
            violation(MockPostgresServer::tr("unencrypted data after the SSL request"));
            return;
        }
        m_socket->write(tls ? "S" : "N", 1);
        if (tls) {
            QSslConfiguration config = QSslConfiguration::defaultConfiguration();
            config.setLocalCertificate(m_server.m_options.certificate);
            config.setPrivateKey(m_server.m_options.key);
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
            config.setProtocol(QSsl::TlsV1_2OrLater);
            m_socket->setSslConfiguration(config);
            m_handshaking = true;
            m_socket->startServerEncryption();
        }
        return;
    }
    case pg::StartupRequest::Kind::GssEnc:
        m_socket->write("N", 1);
        return;
    case pg::StartupRequest::Kind::Cancel:
        m_server.cancel(request->processId, request->secretKey);
        closeNow();
        return;
    case pg::StartupRequest::Kind::Startup:
        break;
    }
    const int major = request->version >> 16;
    const int minor = request->version & 0xffff;
    if (major != 3) {
        report(PgProtocolEvent::Kind::Unsupported, MockPostgresServer::tr("protocol version %1.%2").arg(major).arg(minor));
        fatal("0A000", MockPostgresServer::tr("unsupported frontend protocol %1.%2: server supports 3.0 to 3.0").arg(major).arg(minor));
        return;
    }
    QList<QByteArray> unrecognized;
    for (const auto &[name, value] : request->parameters) {
        if (name.startsWith("_pq_."))
            unrecognized.append(name);
    }
    m_client.user = QString::fromUtf8(request->parameter("user"));
    m_client.database = QString::fromUtf8(request->parameter("database"));
    if (m_client.database.isEmpty())
        m_client.database = m_client.user;
    m_client.applicationName = QString::fromUtf8(request->parameter("application_name"));
    if (m_client.user.isEmpty()) {
        fatal("28000", MockPostgresServer::tr("no PostgreSQL user name specified in startup packet"));
        return;
    }
    m_reader.setStartupPhase(false);
    QByteArray out;
    if (minor > 0 || !unrecognized.isEmpty())
        PgProtocol::negotiateProtocolVersion(out, 0, unrecognized);
    switch (m_server.m_options.authentication) {
    case Authentication::Trust:
        queue(std::move(out));
        finishStartup();
        return;
    case Authentication::Cleartext:
        PgProtocol::authentication(out, 3);
        m_state = State::Password;
        break;
    case Authentication::Md5:
        PgProtocol::authentication(out, 5, randomBytes(4));
        m_state = State::Password;
        break;
    case Authentication::Scram:
        PgProtocol::authentication(out, 10, QByteArrayView("SCRAM-SHA-256\0\0", 15));
        m_state = State::SaslInitial;
        break;
    }
    queue(std::move(out));
}

void MockPostgresServer::Connection::handleAuthentication(const pg::Frame &frame)
{
    if (frame.type != 'p') {
        violation(MockPostgresServer::tr("expected a password message, got %1").arg(PgProtocol::messageName(frame.type)));
        return;
    }
    if (m_state == State::Password) {
        if (const Result<QByteArray> password = PgProtocol::parsePassword(frame.body); !password) {
            violation(password.error().message);
            return;
        }
        finishStartup(); // any password will do
        return;
    }
    if (m_state == State::SaslInitial) {
        const Result<pg::SaslInitialResponse> initial = PgProtocol::parseSaslInitialResponse(frame.body);
        if (!initial) {
            violation(initial.error().message);
            return;
        }
        if (initial->mechanism != "SCRAM-SHA-256") {
            fatal("08P01", MockPostgresServer::tr("client selected an invalid SASL authentication mechanism"));
            return;
        }
        const QByteArray first = initial->data.value_or(QByteArray());
        // gs2-header: "n,," or "y,," (no channel binding; SCRAM-SHA-256-PLUS is not offered), then the bare part.
        if (!(first.startsWith("n,") || first.startsWith("y,"))) {
            fatal("08P01", MockPostgresServer::tr("malformed SCRAM message (channel binding is not offered)"));
            return;
        }
        const qsizetype bare = first.indexOf(',', 2);
        const QByteArray clientNonce = bare < 0 ? QByteArray() : scramAttribute(first.mid(bare + 1), 'r');
        if (bare < 0 || clientNonce.isEmpty()) {
            fatal("08P01", MockPostgresServer::tr("malformed SCRAM message (no nonce)"));
            return;
        }
        m_clientFirstBare = first.mid(bare + 1);
        m_nonce = clientNonce + randomBytes(18).toBase64();
        m_salt = randomBytes(16);
        m_serverFirst = "r=" + m_nonce + ",s=" + m_salt.toBase64() + ",i=4096";
        QByteArray out;
        PgProtocol::authentication(out, 11, m_serverFirst);
        queue(std::move(out));
        m_state = State::SaslFinal;
        return;
    }
    // SaslFinal: the whole body is the client-final-message.
    const QByteArray &final = frame.body;
    const qsizetype proofAt = final.lastIndexOf(",p=");
    if (proofAt < 0 || scramAttribute(final, 'r') != m_nonce) {
        fatal("08P01", MockPostgresServer::tr("malformed SCRAM message (nonce or proof)"));
        return;
    }
    const QByteArray withoutProof = final.left(proofAt);
    const QByteArray proof = QByteArray::fromBase64(final.mid(proofAt + 3));
    const QByteArray authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + withoutProof;
    const QByteArray salted = saltedPassword(m_server.m_options.scramPassword.toUtf8(), m_salt, 4096);
    const QByteArray clientKey = hmacSha256(salted, "Client Key");
    const QByteArray storedKey = sha256(clientKey);
    const QByteArray signature = hmacSha256(storedKey, authMessage);
    bool valid = proof.size() == signature.size();
    if (valid) {
        QByteArray recovered(signature.size(), '\0');
        for (qsizetype i = 0; i < signature.size(); ++i)
            recovered[i] = char(proof[i] ^ signature[i]);
        valid = sha256(recovered) == storedKey;
    }
    if (!valid) {
        report(PgProtocolEvent::Kind::AuthenticationFailed,
            MockPostgresServer::tr("SCRAM-SHA-256 proof for user \"%1\" does not fit the password given to Tapedeck").arg(m_client.user));
        fatal("28P01", MockPostgresServer::tr("password authentication failed for user \"%1\"").arg(m_client.user));
        return;
    }
    const QByteArray serverSignature = hmacSha256(hmacSha256(salted, "Server Key"), authMessage);
    QByteArray out;
    PgProtocol::authentication(out, 12, QByteArray("v=" + serverSignature.toBase64()));
    queue(std::move(out));
    finishStartup();
}

void MockPostgresServer::Connection::finishStartup()
{
    const Options &o = m_server.m_options;
    QByteArray out;
    PgProtocol::authentication(out, 0);
    const QByteArray user = m_client.user.toUtf8();
    // The settings PostgreSQL 15 reports at startup (docs/research/pg-facts.md §2), in its order.
    const std::pair<QByteArray, QByteArray> settings[] = {
        { "application_name", m_client.applicationName.toUtf8() },
        { "client_encoding", "UTF8" },
        { "DateStyle", "ISO, MDY" },
        { "default_transaction_read_only", "off" },
        { "in_hot_standby", "off" },
        { "integer_datetimes", "on" },
        { "IntervalStyle", "postgres" },
        { "is_superuser", "on" },
        { "server_encoding", "UTF8" },
        { "server_version", o.serverVersion },
        { "session_authorization", user },
        { "standard_conforming_strings", "on" },
        { "TimeZone", o.timeZone },
    };
    for (const auto &[name, value] : settings)
        PgProtocol::parameterStatus(out, name, value);
    PgProtocol::backendKeyData(out, m_processId, m_secretKey);
    PgProtocol::readyForQuery(out, m_transaction);
    queue(std::move(out));
    m_state = State::Ready;
}

void MockPostgresServer::Connection::handleMessage(pg::Frame &&frame)
{
    const char type = frame.type;
    if (type == 'X') {
        m_closeWhenWritten = true;
        closeNow();
        return;
    }
    if (m_skipToSync && type != 'S')
        return;
    switch (type) {
    case 'Q': {
        const Result<QByteArray> query = PgProtocol::parseQuery(frame.body);
        if (!query) {
            violation(query.error().message);
            return;
        }
        // A simple Query ends the unnamed statement and portal, as PostgreSQL does.
        m_statements.remove(QByteArray());
        m_portals.remove(QByteArray());
        ask(Waiting::Query, QString::fromUtf8(*query), false, std::nullopt, {}, false);
        return;
    }
    case 'P': {
        Result<pg::ParseMessage> parse = PgProtocol::parseParse(frame.body);
        if (!parse) {
            violation(parse.error().message);
            return;
        }
        if (!parse->statement.isEmpty() && m_statements.contains(parse->statement)) {
            extendedError(serverError("ERROR", "42P05", MockPostgresServer::tr("prepared statement \"%1\" already exists").arg(QString::fromUtf8(parse->statement))));
            return;
        }
        if (m_statements.size() + m_portals.size() >= m_server.m_options.limits.maxStatementsPerConnection
            && !m_statements.contains(parse->statement)) {
            extendedError(serverError("ERROR", "54000", MockPostgresServer::tr("too many prepared statements and portals on one connection (at most %1)")
                    .arg(m_server.m_options.limits.maxStatementsPerConnection)));
            return;
        }
        m_statements.insert(parse->statement, Prepared { QString::fromUtf8(parse->query), parse->parameterTypes });
        QByteArray out;
        PgProtocol::simple(out, '1');
        queue(std::move(out));
        return;
    }
    case 'B': {
        Result<pg::BindMessage> bind = PgProtocol::parseBind(frame.body);
        if (!bind) {
            violation(bind.error().message);
            return;
        }
        const auto statement = m_statements.constFind(bind->statement);
        if (statement == m_statements.constEnd()) {
            extendedError(serverError("ERROR", "26000", MockPostgresServer::tr("prepared statement \"%1\" does not exist").arg(QString::fromUtf8(bind->statement))));
            return;
        }
        if (std::any_of(bind->resultFormats.cbegin(), bind->resultFormats.cend(), [](qint16 f) { return f != 0; })) {
            report(PgProtocolEvent::Kind::Unsupported, MockPostgresServer::tr("binary result format requested"));
            extendedError(serverError("ERROR", "0A000", MockPostgresServer::tr("the replay endpoint sends results in text format only")));
            return;
        }
        if (!bind->portal.isEmpty() && m_portals.contains(bind->portal)) {
            extendedError(serverError("ERROR", "42P03", MockPostgresServer::tr("portal \"%1\" already exists").arg(QString::fromUtf8(bind->portal))));
            return;
        }
        if (m_statements.size() + m_portals.size() >= m_server.m_options.limits.maxStatementsPerConnection
            && !m_portals.contains(bind->portal)) {
            extendedError(serverError("ERROR", "54000", MockPostgresServer::tr("too many prepared statements and portals on one connection (at most %1)")
                    .arg(m_server.m_options.limits.maxStatementsPerConnection)));
            return;
        }
        Portal portal;
        portal.query = statement->query;
        portal.types = statement->types;
        portal.bound.reserve(bind->values.size());
        for (size_t i = 0; i < bind->values.size(); ++i) {
            PgBoundValue value;
            value.data = std::move(bind->values[i]);
            value.format = bind->parameterFormat(qsizetype(i));
            value.typeOid = qsizetype(i) < statement->types.size() ? statement->types[qsizetype(i)] : 0;
            portal.bound.push_back(std::move(value));
        }
        m_portals.insert(bind->portal, std::move(portal));
        QByteArray out;
        PgProtocol::simple(out, '2');
        queue(std::move(out));
        return;
    }
    case 'D': {
        const Result<pg::DescribeMessage> describe = PgProtocol::parseDescribe(frame.body);
        if (!describe) {
            violation(describe.error().message);
            return;
        }
        if (describe->kind == 'S') {
            const auto statement = m_statements.constFind(describe->name);
            if (statement == m_statements.constEnd()) {
                extendedError(serverError("ERROR", "26000", MockPostgresServer::tr("prepared statement \"%1\" does not exist").arg(QString::fromUtf8(describe->name))));
                return;
            }
            QByteArray out;
            PgProtocol::parameterDescription(out, describedTypes(statement->query, statement->types));
            queue(std::move(out));
            ask(Waiting::DescribeStatement, statement->query, true, std::nullopt, statement->types, true);
            return;
        }
        const auto portal = m_portals.find(describe->name);
        if (portal == m_portals.end()) {
            extendedError(serverError("ERROR", "34000", MockPostgresServer::tr("portal \"%1\" does not exist").arg(QString::fromUtf8(describe->name))));
            return;
        }
        if (portal->result) {
            writeResult(*portal->result, true);
            return;
        }
        ask(Waiting::DescribePortal, portal->query, true, portal->bound, portal->types, false, describe->name);
        return;
    }
    case 'E': {
        const Result<pg::ExecuteMessage> execute = PgProtocol::parseExecute(frame.body);
        if (!execute) {
            violation(execute.error().message);
            return;
        }
        const auto portal = m_portals.find(execute->portal);
        if (portal == m_portals.end()) {
            extendedError(serverError("ERROR", "34000", MockPostgresServer::tr("portal \"%1\" does not exist").arg(QString::fromUtf8(execute->portal))));
            return;
        }
        if (portal->result) {
            runPortal(*portal, execute->maxRows);
            return;
        }
        ask(Waiting::Execute, portal->query, true, portal->bound, portal->types, false, execute->portal, execute->maxRows);
        return;
    }
    case 'C': {
        const Result<pg::DescribeMessage> close = PgProtocol::parseDescribe(frame.body);
        if (!close) {
            violation(close.error().message);
            return;
        }
        if (close->kind == 'S')
            m_statements.remove(close->name);
        else
            m_portals.remove(close->name);
        QByteArray out;
        PgProtocol::simple(out, '3');
        queue(std::move(out));
        return;
    }
    case 'S': {
        m_skipToSync = false;
        // Outside a transaction block, Sync ends the implicit transaction, and with it every portal.
        if (m_transaction == 'I')
            m_portals.clear();
        QByteArray out;
        PgProtocol::readyForQuery(out, m_transaction);
        queue(std::move(out));
        return;
    }
    case 'H':
        produce();
        return;
    case 'F': {
        report(PgProtocolEvent::Kind::Unsupported, MockPostgresServer::tr("function call"));
        QByteArray out;
        PgProtocol::errorResponse(out, serverError("ERROR", "0A000", MockPostgresServer::tr("the replay endpoint does not support function calls")));
        PgProtocol::readyForQuery(out, m_transaction);
        queue(std::move(out));
        return;
    }
    case 'd':
    case 'c':
    case 'f':
        return; // COPY messages outside COPY are ignored, as PostgreSQL ignores them
    default:
        fatal("08P01", MockPostgresServer::tr("invalid frontend message type %1").arg(int(uchar(type))));
        report(PgProtocolEvent::Kind::ProtocolViolation, MockPostgresServer::tr("unknown message type %1").arg(PgProtocol::messageName(type)));
        return;
    }
}

QList<quint32> MockPostgresServer::Connection::describedTypes(const QString &query, const QList<quint32> &types) const
{
    // As many parameters as the highest $n (outside quotes, roughly: a $ followed by digits), at least the
    // types Parse gave; unspecified ones are described as text.
    int highest = int(types.size());
    for (qsizetype i = 0; i < query.size(); ++i) {
        if (query[i] != QLatin1Char('$') || (i > 0 && (query[i - 1].isLetterOrNumber() || query[i - 1] == QLatin1Char('_'))))
            continue;
        qsizetype j = i + 1;
        int n = 0;
        while (j < query.size() && query[j].isDigit() && n < 100000)
            n = n * 10 + query[j++].digitValue();
        if (j > i + 1 && n <= 65535)
            highest = std::max(highest, n);
    }
    QList<quint32> described;
    for (int i = 0; i < highest; ++i)
        described.append(i < types.size() && types[i] != 0 ? types[i] : 25);
    return described;
}

void MockPostgresServer::Connection::ask(Waiting waiting, QString text, bool extended,
    std::optional<std::vector<PgBoundValue>> bound, QList<quint32> types, bool describeOnly, QByteArray portal, qint32 maxRows)
{
    PgStatement statement;
    statement.id = m_server.m_nextId++;
    statement.client = m_client;
    statement.text = std::move(text);
    statement.extended = extended;
    statement.bound = std::move(bound);
    statement.parameterTypes = std::move(types);
    statement.describeOnly = describeOnly;
    statement.transaction = m_transaction;
    statement.arrived = QDateTime::currentDateTimeUtc();
    m_waiting = waiting;
    m_waitingId = statement.id;
    m_waitingPortal = std::move(portal);
    m_waitingMaxRows = maxRows;
    m_server.m_pending.insert(statement.id, this);
    if (m_server.m_responder) {
        m_server.m_responder(std::move(statement));
    } else {
        answered(statement.id, { PgResult::failure("XX000", MockPostgresServer::tr("the replay endpoint has no responder")) });
    }
}

void MockPostgresServer::Connection::answered(quint64 id, QList<PgResult> results)
{
    if (m_closing || id != m_waitingId || m_waiting == Waiting::Nothing)
        return;
    m_server.m_pending.remove(id);
    const Waiting waiting = std::exchange(m_waiting, Waiting::Nothing);
    m_waitingId = 0;
    switch (waiting) {
    case Waiting::Nothing:
        break;
    case Waiting::Query: {
        for (const PgResult &result : std::as_const(results)) {
            writeResult(result, false);
            track(result);
            if (result.kind == PgResult::Kind::Error)
                break;
        }
        if (results.isEmpty()) {
            QByteArray out;
            PgProtocol::emptyQueryResponse(out);
            queue(std::move(out));
        }
        QByteArray out;
        PgProtocol::readyForQuery(out, m_transaction);
        queue(std::move(out));
        break;
    }
    case Waiting::DescribeStatement: {
        const PgResult result = results.isEmpty() ? PgResult::command({}) : results.front();
        if (result.kind == PgResult::Kind::Error) {
            extendedError(result.error);
            break;
        }
        QByteArray out;
        if (result.kind == PgResult::Kind::Rows)
            PgProtocol::rowDescription(out, result.fields);
        else
            PgProtocol::simple(out, 'n');
        queue(std::move(out));
        break;
    }
    case Waiting::DescribePortal:
    case Waiting::Execute: {
        const auto portal = m_portals.find(m_waitingPortal);
        if (portal == m_portals.end())
            break; // closed meanwhile (cannot happen: messages wait), nothing to answer
        portal->result = results.isEmpty() ? PgResult::command({}) : results.front();
        track(*portal->result);
        if (waiting == Waiting::DescribePortal)
            writeResult(*portal->result, true);
        else
            runPortal(*portal, m_waitingMaxRows);
        break;
    }
    }
    pump();
}

void MockPostgresServer::Connection::runPortal(Portal &portal, qint32 maxRows)
{
    const PgResult &result = *portal.result;
    if (result.kind == PgResult::Kind::Error) {
        extendedError(result.error);
        return;
    }
    if (result.kind != PgResult::Kind::Rows) {
        writeResult(result, false);
        return;
    }
    const qsizetype total = result.rows ? result.rows->rowCount() : 0;
    const qsizetype from = std::min(portal.nextRow, total);
    const qsizetype to = maxRows > 0 ? std::min(total, from + maxRows) : total;
    portal.nextRow = to;
    if (to > from)
        m_out.emplace_back(RowRange { result.rows, from, to });
    QByteArray out;
    if (to < total)
        PgProtocol::simple(out, 's');
    else
        PgProtocol::commandComplete(out, result.tag.isEmpty() ? "SELECT " + QByteArray::number(to - from) : result.tag);
    queue(std::move(out));
}

void MockPostgresServer::Connection::writeResult(const PgResult &result, bool describeOnly)
{
    QByteArray out;
    for (const auto &[name, value] : result.parameterStatus)
        PgProtocol::parameterStatus(out, name, value);
    switch (result.kind) {
    case PgResult::Kind::Error:
        queue(std::move(out));
        if (describeOnly) {
            extendedError(result.error);
            return;
        }
        PgProtocol::errorResponse(out, result.error);
        queue(std::move(out));
        return;
    case PgResult::Kind::Empty:
    case PgResult::Kind::Command:
        if (describeOnly)
            PgProtocol::simple(out, 'n'); // NoData
        else if (result.kind == PgResult::Kind::Empty)
            PgProtocol::emptyQueryResponse(out);
        else
            PgProtocol::commandComplete(out, result.tag);
        queue(std::move(out));
        return;
    case PgResult::Kind::Rows:
        break;
    }
    PgProtocol::rowDescription(out, result.fields);
    queue(std::move(out));
    if (describeOnly)
        return;
    const qsizetype total = result.rows ? result.rows->rowCount() : 0;
    if (total > 0)
        m_out.emplace_back(RowRange { result.rows, 0, total });
    QByteArray tail;
    PgProtocol::commandComplete(tail, result.tag.isEmpty() ? "SELECT " + QByteArray::number(total) : result.tag);
    queue(std::move(tail));
}

void MockPostgresServer::Connection::track(const PgResult &result)
{
    if (result.kind == PgResult::Kind::Error) {
        if (m_transaction == 'T')
            m_transaction = 'E';
        return;
    }
    if (result.kind != PgResult::Kind::Command)
        return;
    if (startsWithWord(result.tag, "BEGIN") || startsWithWord(result.tag, "START TRANSACTION")) {
        if (m_transaction == 'I')
            m_transaction = 'T';
    } else if (startsWithWord(result.tag, "COMMIT") || startsWithWord(result.tag, "ROLLBACK")
        || startsWithWord(result.tag, "PREPARE TRANSACTION")) {
        m_transaction = 'I';
    }
}

void MockPostgresServer::Connection::queue(QByteArray bytes)
{
    if (bytes.isEmpty())
        return;
    if (!m_out.empty() && std::holds_alternative<QByteArray>(m_out.back()) && std::get<QByteArray>(m_out.back()).size() < 65536)
        std::get<QByteArray>(m_out.back()).append(bytes);
    else
        m_out.emplace_back(std::move(bytes));
    produce();
}

void MockPostgresServer::Connection::produce()
{
    if (m_closing || !m_socket || m_handshaking)
        return;
    const qint64 limit = m_server.m_options.limits.maxQueuedOutput;
    while (!m_out.empty() && m_socket->bytesToWrite() < limit) {
        Chunk &chunk = m_out.front();
        if (auto *bytes = std::get_if<QByteArray>(&chunk)) {
            m_socket->write(*bytes);
            m_out.pop_front();
            continue;
        }
        RowRange &range = std::get<RowRange>(chunk);
        QByteArray batch;
        while (range.next < range.end && batch.size() < 256 * 1024)
            range.rows->appendDataRow(range.next++, batch);
        m_socket->write(batch);
        if (range.next >= range.end)
            m_out.pop_front();
    }
    if (m_out.empty() && m_closeWhenWritten)
        closeNow();
}

void MockPostgresServer::Connection::extendedError(const pg::ServerError &error)
{
    QByteArray out;
    PgProtocol::errorResponse(out, error);
    queue(std::move(out));
    if (m_transaction == 'T')
        m_transaction = 'E';
    m_skipToSync = true;
}

void MockPostgresServer::Connection::fatal(QByteArray code, const QString &message)
{
    QByteArray out;
    PgProtocol::errorResponse(out, serverError("FATAL", std::move(code), message));
    queue(std::move(out));
    m_closeWhenWritten = true;
    produce();
    if (m_socket) {
        m_socket->flush();
        closeNow();
    }
}

void MockPostgresServer::Connection::violation(const QString &detail)
{
    report(PgProtocolEvent::Kind::ProtocolViolation, detail);
    fatal("08P01", detail);
}

void MockPostgresServer::Connection::cancel()
{
    if (m_waiting == Waiting::Nothing)
        return;
    const quint64 id = m_waitingId;
    report(PgProtocolEvent::Kind::Cancelled, MockPostgresServer::tr("statement %1 cancelled by the client").arg(id));
    emit m_server.abandoned(id);
    answered(id, { PgResult::failure("57014", MockPostgresServer::tr("canceling statement due to user request")) });
}

void MockPostgresServer::Connection::sweep(qint64 now)
{
    const Limits &limits = m_server.m_options.limits;
    if (m_state != State::Ready && now - m_connected > limits.startupTimeoutMs) {
        report(PgProtocolEvent::Kind::Timeout, MockPostgresServer::tr("startup not finished within %1 ms").arg(limits.startupTimeoutMs));
        closeNow();
        return;
    }
    if (m_partialSince > 0 && m_reader.midFrame() && now - m_partialSince > limits.messageTimeoutMs) {
        report(PgProtocolEvent::Kind::Timeout, MockPostgresServer::tr("a message not finished within %1 ms").arg(limits.messageTimeoutMs));
        closeNow();
    }
}

void MockPostgresServer::Connection::closeNow()
{
    if (m_closing)
        return;
    m_closing = true;
    if (m_waiting != Waiting::Nothing && m_server.m_pending.remove(m_waitingId) > 0)
        emit m_server.abandoned(m_waitingId);
    m_waiting = Waiting::Nothing;
    m_out.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        if (m_closeWhenWritten && m_socket->state() == QAbstractSocket::ConnectedState) {
            m_socket->flush();
            m_socket->disconnectFromHost();
        } else {
            m_socket->abort();
        }
    }
    const quint64 connection = m_client.connection;
    m_server.forget(this);
    emit m_server.connectionClosed(connection);
    deleteLater();
}

MockPostgresServer::MockPostgresServer(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_sweep(new QTimer(this))
{
    qRegisterMetaType<PgProtocolEvent>();
    m_sweep->setInterval(std::clamp(std::min(m_options.limits.startupTimeoutMs, m_options.limits.messageTimeoutMs) / 4, 50, 1000));
    connect(m_sweep, &QTimer::timeout, this, &MockPostgresServer::sweep);
}

MockPostgresServer::~MockPostgresServer()
{
    close();
}

Status MockPostgresServer::listen(const QHostAddress &address, quint16 port)
{
    if (!address.isLoopback())
        return makeError(ErrorCode::Usage,
            tr("%1 is not a loopback address: the mock layer listens on loopback only").arg(address.toString()));
    if (m_listener)
        return makeError(ErrorCode::Usage, tr("the PostgreSQL endpoint is already listening"));
    auto *listener = new DescriptorListener([this](qintptr descriptor) { accept(descriptor); }, this);
    // Qt's default backlog of 50 drops the handshakes of a burst beyond it (a pool opening its connections
    // at once), which then wait for TCP's retransmissions, seconds each; the kernel caps this at somaxconn.
    listener->setListenBacklogSize(std::clamp(m_options.limits.maxConnections, 50, 4096));
    if (!listener->listen(address, port)) {
        const QString why = listener->errorString();
        delete listener;
        return makeError(ErrorCode::Io, tr("cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(why));
    }
    m_listener = listener;
    m_sweep->start();
    return success();
}

QHostAddress MockPostgresServer::address() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

quint16 MockPostgresServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QString MockPostgresServer::url(const QString &user, const QString &database) const
{
    const QHostAddress a = address();
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol ? QLatin1Char('[') + a.toString() + QLatin1Char(']')
                                                                       : a.toString();
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port()).arg(database);
}

void MockPostgresServer::close()
{
    if (m_listener)
        m_listener->close();
    m_sweep->stop();
    const QList<Connection *> connections = m_connections;
    for (Connection *c : connections)
        c->closeNow();
}

void MockPostgresServer::answer(quint64 id, QList<PgResult> results)
{
    Connection *connection = m_pending.value(id);
    if (connection)
        connection->answered(id, std::move(results));
}

void MockPostgresServer::accept(qintptr descriptor)
{
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    if (m_connections.size() >= m_options.limits.maxConnections) {
        emit protocolEvent(PgProtocolEvent { PgProtocolEvent::Kind::TooManyConnections,
            socket->peerAddress().toString(), tr("more than %1 connections").arg(m_options.limits.maxConnections) });
        // As PostgreSQL refuses a connection beyond max_connections: FATAL 53300, then the connection ends
        // (closed gently, so the client reads the message; gone within a second whatever it does).
        QByteArray out;
        PgProtocol::errorResponse(out, serverError("FATAL", "53300", tr("sorry, too many clients already")));
        socket->setParent(this);
        socket->write(out);
        socket->disconnectFromHost();
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(1000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        return;
    }
    // Process ids are handed out in order and never reused while the server lives (wrapping far beyond any
    // replay's connection count).
    const qint32 processId = m_nextProcessId;
    m_nextProcessId = m_nextProcessId == std::numeric_limits<qint32>::max() ? 4000 : m_nextProcessId + 1;
    auto *connection = new Connection(*this, socket, m_nextConnection++, processId);
    m_connections.append(connection);
    m_byProcessId.insert(processId, connection);
}

void MockPostgresServer::forget(Connection *connection)
{
    m_connections.removeOne(connection);
    m_byProcessId.remove(connection->processId());
}

void MockPostgresServer::cancel(qint32 processId, qint32 secretKey)
{
    Connection *connection = m_byProcessId.value(processId);
    // The secret must match, as PostgreSQL checks it: any local process could send a CancelRequest.
    if (connection && connection->secretKey() == secretKey)
        connection->cancel();
}

void MockPostgresServer::sweep()
{
    const qint64 now = monotonicMs();
    const QList<Connection *> connections = m_connections;
    for (Connection *c : connections)
        c->sweep(now);
}

} // namespace tapedeck::replay
