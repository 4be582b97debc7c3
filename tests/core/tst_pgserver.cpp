// SPDX-License-Identifier: MIT
// Tests the SQL endpoint (MockPostgresServer) in-process against real clients (Debian's psql 15 and
// psycopg2 2.9 through /usr/bin/python3), a raw-protocol client written here that checks the exact bytes
// (startup, transaction status, the extended protocol with row limits, errors in a batch, Flush, cancel,
// Terminate) and hostile clients (bad lengths, oversized and unknown messages, garbage startup packets,
// other protocol versions, plaintext pipelined after SSLRequest, clients that leave mid-statement, send a
// byte at a time, never read, or come by the thousand). Every hostile case proves that a connection opened
// before it, and a new one, are still served.
#include "core/replay/certificateauthority.h"
#include "core/replay/pgserver.h"
#include "core/replay/pgbuiltin.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtEndian>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

using EventKind = PgProtocolEvent::Kind;
using Auth = MockPostgresServer::Authentication;

// Turns the event loop until pred holds or ms pass (QTest::qWaitFor sleeps between turns, which makes a
// thousand round trips slow).
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

// ---- Frontend messages, written here byte by byte (not with the server's own codec).

QByteArray be32(qint32 v)
{
    QByteArray b(4, '\0');
    qToBigEndian<qint32>(v, b.data());
    return b;
}

QByteArray be16(qint16 v)
{
    QByteArray b(2, '\0');
    qToBigEndian<qint16>(v, b.data());
    return b;
}

QByteArray untyped(const QByteArray &body)
{
    return be32(qint32(body.size() + 4)) + body;
}

QByteArray startupPacket(const QList<std::pair<QByteArray, QByteArray>> &parameters, qint32 version = 196608)
{
    QByteArray body = be32(version);
    for (const auto &[name, value] : parameters)
        body += name + '\0' + value + '\0';
    body += '\0';
    return untyped(body);
}

QByteArray startupPacket()
{
    return startupPacket({ { "user", "u" }, { "database", "db" }, { "application_name", "raw" } });
}

QByteArray message(char type, const QByteArray &body = {})
{
    return type + be32(qint32(body.size() + 4)) + body;
}

QByteArray query(const QByteArray &text)
{
    return message('Q', text + '\0');
}

QByteArray parse(const QByteArray &name, const QByteArray &text, const QList<qint32> &types = {})
{
    QByteArray body = name + '\0' + text + '\0' + be16(qint16(types.size()));
    for (const qint32 t : types)
        body += be32(t);
    return message('P', body);
}

QByteArray bind(const QByteArray &portal, const QByteArray &statement, const QList<std::optional<QByteArray>> &values = {})
{
    QByteArray body = portal + '\0' + statement + '\0' + be16(0) + be16(qint16(values.size()));
    for (const std::optional<QByteArray> &v : values)
        body += v ? be32(qint32(v->size())) + *v : be32(-1);
    body += be16(0);
    return message('B', body);
}

QByteArray describe(char kind, const QByteArray &name)
{
    return message('D', kind + name + '\0');
}

QByteArray closeMessage(char kind, const QByteArray &name)
{
    return message('C', kind + name + '\0');
}

QByteArray execute(const QByteArray &portal, qint32 maxRows)
{
    return message('E', portal + '\0' + be32(maxRows));
}

const QByteArray Sync = message('S');
const QByteArray Flush = message('H');
const QByteArray Terminate = message('X');
const QByteArray SslRequest = untyped(be32(80877103));

// ---- Backend messages as the client reads them.

struct Message
{
    char type = 0;
    QByteArray body;

    // The first cstring of the body (CommandComplete's tag, ParameterStatus's name).
    QByteArray text() const { return body.left(body.indexOf('\0')); }
    // A field of an ErrorResponse or NoticeResponse.
    QByteArray field(char code) const
    {
        qsizetype i = 0;
        while (i < body.size() && body[i] != '\0') {
            const qsizetype end = body.indexOf('\0', i + 1);
            if (end < 0)
                return {};
            if (body[i] == code)
                return body.mid(i + 1, end - i - 1);
            i = end + 1;
        }
        return {};
    }
};

QByteArray types(const QList<Message> &messages)
{
    QByteArray t;
    for (const Message &m : messages)
        t += m.type;
    return t;
}

// A client connection on a QTcpSocket: what it reads is split into backend messages. After an SSLRequest
// the test calls expectByte(): the next byte read is the one-byte answer, not a message.
class PgPeer
{
public:
    explicit PgPeer(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] {
            in += socket.readAll();
            split();
        });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { closed = true; });
        QObject::connect(&socket, &QTcpSocket::errorOccurred, &socket, [this](QAbstractSocket::SocketError) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                closed = true;
        });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    void send(const QByteArray &data)
    {
        socket.write(data); // buffered until connected
    }
    void expectByte() { m_expectByte = true; }
    bool waitClosed(int ms = 5000)
    {
        return waitUntil([this] { return closed; }, ms);
    }
    // Waits for the count-th message of this type since the last take().
    bool waitFor(char type, int count = 1, int ms = 5000)
    {
        return waitUntil([&] { return types(got).count(type) >= count || closed; }, ms) && types(got).count(type) >= count;
    }
    bool waitReady(int ms = 5000) { return waitFor('Z', 1, ms); }
    // Sends the startup packet and waits for ReadyForQuery.
    bool startup(const QByteArray &packet = startupPacket())
    {
        send(packet);
        const bool ready = waitReady();
        take();
        return ready;
    }
    QList<Message> take()
    {
        wire.clear();
        return std::exchange(got, {});
    }

    QTcpSocket socket;
    QByteArray in; // not yet a whole message
    QList<Message> got;
    QByteArray wire; // the bytes of got, exactly as read
    QByteArray answerByte; // the answer to an SSLRequest
    bool closed = false;
    bool malformed = false;

private:
    void split()
    {
        if (m_expectByte && !in.isEmpty()) {
            answerByte = in.left(1);
            in.remove(0, 1);
            m_expectByte = false;
        }
        while (in.size() >= 5) {
            const qint32 length = qFromBigEndian<qint32>(in.constData() + 1);
            if (length < 4) {
                malformed = true;
                in.clear();
                return;
            }
            if (in.size() < 1 + qsizetype(length))
                return;
            got.append(Message { in[0], in.mid(5, length - 4) });
            wire += in.left(1 + length);
            in.remove(0, 1 + length);
        }
    }
    bool m_expectByte = false;
};

// A raw loopback client without Qt: it sends what the kernel takes and reads nothing unless asked.
class RawClient
{
public:
    RawClient(quint16 port, int receiveBuffer)
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
    // The bytes the kernel took now (-1 once the server reset the connection).
    qsizetype sendSome(QByteArrayView data)
    {
        const ssize_t n = ::send(m_fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
        return qsizetype(n);
    }

private:
    int m_fd = -1;
    bool m_connected = false;
};

// Rows produced on demand, counting how many the server asked for (what it queued for the client).
class CountingRows : public PgRowSource
{
public:
    CountingRows(qsizetype rows, qsizetype width)
        : m_rows(rows)
        , m_width(width)
    { }
    qsizetype rowCount() const override { return m_rows; }
    void appendDataRow(qsizetype row, QByteArray &out) const override
    {
        ++produced;
        QByteArray value = QByteArray::number(row);
        value += QByteArray(m_width - value.size(), '.');
        pg::PgProtocol::dataRow(out, { value });
    }
    mutable qsizetype produced = 0;

private:
    qsizetype m_rows;
    qsizetype m_width;
};

constexpr qsizetype BigRows = 100'000;
constexpr qsizetype BigWidth = 1000; // 100 MB in all: far more than any socket buffer

MockPostgresServer::Limits testLimits()
{
    MockPostgresServer::Limits l;
    l.maxMessageBytes = 64 << 10;
    l.maxQueuedOutput = 64 << 10;
    return l;
}

QProcessEnvironment clientEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"PG"_s))
            env.remove(name);
    }
    env.insert(u"PGCONNECT_TIMEOUT"_s, u"10"_s);
    env.insert(u"PGPASSFILE"_s, u"/nonexistent"_s);
    env.insert(u"PGSERVICEFILE"_s, u"/nonexistent"_s);
    return env;
}

struct ClientRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a client while the event loop turns (the server lives on this thread).
ClientRun runClient(const QString &program, const QStringList &arguments, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    ClientRun r;
    if (!waitUntil([&] { return process.state() != QProcess::Starting; }, 10000) || process.state() == QProcess::NotRunning) {
        r.err = "cannot start " + program.toUtf8();
        return r;
    }
    if (!waitUntil([&] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        waitUntil([&] { return process.state() == QProcess::NotRunning; }, 5000);
        r.err = "timed out: " + process.readAllStandardError();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

} // namespace

// The connection opened before a case, and a new one, are both served at once.
#define VERIFY_HEALTHY()                                                                                     \
    do {                                                                                                     \
        const QString why = healthy();                                                                       \
        QVERIFY2(why.isEmpty(), qPrintable(why));                                                            \
    } while (false)

class TestPgServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // Real clients
    void psqlRows();
    void psqlSeveralStatements();
    void psqlError();
    void psqlTls_data();
    void psqlTls();
    void psqlAuthentication_data();
    void psqlAuthentication();
    void psycopg2();

    // The raw protocol
    void startup();
    void emptyQuery();
    void transactionStatus();
    void extendedProtocol();
    void extendedBoundValues();
    void errorInExtendedBatch();
    void flushWithoutSync();
    void cancelRequest();
    void terminate();
    void pipelinedQueries();
    void heldExtendedStatementOutlivesMessageTimeout();

    // Bad input
    void badInput_data();
    void badInput();
    void truncatedThenDisconnect_data();
    void truncatedThenDisconnect();
    void oversizedIsRefusedBeforeItsBody();
    void floodWhileHeldIsBounded();
    void sslRequestWithPipelinedPlaintext();
    void disconnectWhileHeld();
    void slowClient();
    void startupTimeout();
    void thousandConnections();
    void tooManyConnections();
    void clientThatNeverReads();
    void listensOnLoopbackOnly();

private:
    void makeServer(MockPostgresServer::Options options);
    MockPostgresServer::Options options(MockPostgresServer::Limits limits = testLimits()) const;
    void respond(PgStatement &&statement);
    PgResult resultFor(QStringView statement, const PgStatement &whole);
    QString healthy(bool fresh = true);
    bool hasEvent(EventKind kind) const;
    QList<PgStatement> statementsOf(const PgPeer &peer) const;
    ClientRun psql(const QString &url, const QStringList &commands, const QString &password = {});

    QTemporaryDir m_caDir;
    std::optional<CertificateAuthority> m_ca;
    std::unique_ptr<MockPostgresServer> m_server;
    std::unique_ptr<PgPeer> m_healthy;
    QList<PgStatement> m_statements;
    QList<quint64> m_held;
    QList<PgProtocolEvent> m_events;
    QList<quint64> m_abandoned;
    std::shared_ptr<CountingRows> m_big;
};

void TestPgServer::initTestCase()
{
    QVERIFY(m_caDir.isValid());
    auto ca = CertificateAuthority::openOrCreate(m_caDir.path());
    QVERIFY2(ca, qPrintable(ca ? QString() : ca.error().message));
    m_ca.emplace(std::move(ca).value());
    // A thousand connections need two thousand descriptors in this process.
    rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 4096) {
        files.rlim_cur = std::min<rlim_t>(files.rlim_max, 4096);
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
}

void TestPgServer::init()
{
    makeServer(options());
}

void TestPgServer::cleanup()
{
    m_healthy.reset();
    m_server.reset();
    m_statements.clear();
    m_held.clear();
    m_events.clear();
    m_abandoned.clear();
    m_big.reset();
}

MockPostgresServer::Options TestPgServer::options(MockPostgresServer::Limits limits) const
{
    MockPostgresServer::Options o;
    o.limits = limits;
    return o;
}

void TestPgServer::makeServer(MockPostgresServer::Options options)
{
    m_healthy.reset();
    m_server.reset();
    m_server = std::make_unique<MockPostgresServer>(std::move(options));
    m_server->setResponder([this](PgStatement &&s) { respond(std::move(s)); });
    QObject::connect(m_server.get(), &MockPostgresServer::protocolEvent, m_server.get(),
        [this](const PgProtocolEvent &e) { m_events.append(e); });
    QObject::connect(m_server.get(), &MockPostgresServer::abandoned, m_server.get(),
        [this](quint64 id) { m_abandoned.append(id); });
    const Status listening = m_server->listen(QHostAddress::LocalHost);
    QVERIFY2(listening, qPrintable(listening ? QString() : listening.error().message));
    // Opened before every case: it must be served whatever the case does to other connections.
    m_healthy = std::make_unique<PgPeer>(m_server->port());
    if (m_server->options().authentication == Auth::Trust)
        QVERIFY(m_healthy->startup());
}

// select N: N rows of (n int4, v text: NULL on even rows); select $1 with a bound value likewise; fail: an
// error; hold: answered when the test says so; big: BigRows rows of BigWidth bytes; anything else: a
// command whose tag is its first word.
void TestPgServer::respond(PgStatement &&statement)
{
    m_statements.append(statement);
    if (statement.text.contains(u"hold"_s, Qt::CaseInsensitive)) {
        m_held.append(statement.id);
        return;
    }
    QList<PgResult> results;
    if (statement.extended) {
        results.append(resultFor(statement.text, statement));
    } else {
        for (const QStringView s : splitSqlStatements(statement.text)) {
            results.append(resultFor(s, statement));
            if (results.last().kind == PgResult::Kind::Error)
                break;
        }
    }
    m_server->answer(statement.id, results);
}

PgResult TestPgServer::resultFor(QStringView statement, const PgStatement &whole)
{
    QString text = statement.trimmed().toString().toLower();
    if (whole.bound && !whole.bound->empty() && (*whole.bound)[0].data)
        text.replace(u"$1"_s, QString::fromUtf8(*(*whole.bound)[0].data));
    static const QRegularExpression selectN(u"^select (\\d+)( --.*)?$"_s, QRegularExpression::DotMatchesEverythingOption);
    if (const QRegularExpressionMatch m = selectN.match(text); m.hasMatch()) {
        const int n = m.captured(1).toInt();
        std::vector<std::vector<std::optional<QByteArray>>> rows;
        for (int i = 1; i <= n; ++i)
            rows.push_back({ QByteArray::number(i), i % 2 ? std::optional<QByteArray>("v" + QByteArray::number(i)) : std::nullopt });
        PgResult r;
        r.kind = PgResult::Kind::Rows;
        r.fields = { pg::FieldDescription { "n", 0, 0, 23, 4, -1, 0 }, pg::FieldDescription { "v", 0, 0, 25, -1, -1, 0 } };
        r.rows = std::make_shared<PgTextRows>(std::move(rows));
        return r;
    }
    if (text == u"fail"_s)
        return PgResult::failure("P0001", u"failed on purpose: %1"_s.arg(text), u"a detail"_s);
    if (text == u"big"_s) {
        m_big = std::make_shared<CountingRows>(BigRows, BigWidth);
        PgResult r;
        r.kind = PgResult::Kind::Rows;
        r.fields = { pg::FieldDescription { "big", 0, 0, 25, -1, -1, 0 } };
        r.rows = m_big;
        return r;
    }
    return PgResult::command(text.section(u' ', 0, 0).toUpper().toUtf8());
}

QString TestPgServer::healthy(bool fresh)
{
    const auto check = [](PgPeer &peer, const char *which) -> QString {
        if (peer.closed)
            return u"the %1 connection was closed"_s.arg(QLatin1String(which));
        peer.take();
        peer.send(query("select 2"));
        if (!peer.waitReady(5000))
            return u"the %1 connection got no answer"_s.arg(QLatin1String(which));
        const QList<Message> got = peer.take();
        if (types(got) != "TDDCZ" || got[3].text() != "SELECT 2" || got[4].body != "I")
            return u"the %1 connection got %2"_s.arg(QLatin1String(which), QString::fromLatin1(types(got)));
        return {};
    };
    if (!m_healthy)
        return u"no healthy connection"_s;
    if (const QString why = check(*m_healthy, "first"); !why.isEmpty())
        return why;
    if (!fresh)
        return {};
    PgPeer other(m_server->port());
    if (!other.startup())
        return u"a new connection did not start"_s;
    return check(other, "new");
}

bool TestPgServer::hasEvent(EventKind kind) const
{
    return std::any_of(m_events.cbegin(), m_events.cend(),
        [&](const PgProtocolEvent &e) { return e.kind == kind && !e.detail.isEmpty() && !e.peer.isEmpty(); });
}

QList<PgStatement> TestPgServer::statementsOf(const PgPeer &peer) const
{
    const QString name = u"127.0.0.1:%1"_s.arg(peer.socket.localPort());
    QList<PgStatement> mine;
    for (const PgStatement &s : m_statements) {
        if (s.client.peer == name)
            mine.append(s);
    }
    return mine;
}

ClientRun TestPgServer::psql(const QString &url, const QStringList &commands, const QString &password)
{
    QProcessEnvironment env = clientEnvironment();
    if (!password.isEmpty())
        env.insert(u"PGPASSWORD"_s, password);
    QStringList arguments { u"-X"_s, u"-A"_s, u"-t"_s, u"-w"_s, u"-P"_s, u"null=(null)"_s, url };
    for (const QString &c : commands)
        arguments << u"-c"_s << c;
    return runClient(u"/usr/bin/psql"_s, arguments, env);
}

// ---- Real clients

void TestPgServer::psqlRows()
{
    const ClientRun r = psql(m_server->url(u"u"_s, u"db"_s) + u"?sslmode=disable"_s, { u"select 3"_s });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, "1|v1\n2|(null)\n3|v3\n");
    const PgStatement &s = m_statements.last();
    QCOMPARE(s.text, u"select 3"_s);
    QVERIFY(!s.extended);
    QCOMPARE(s.client.user, u"u"_s);
    QCOMPARE(s.client.database, u"db"_s);
    QCOMPARE(s.client.applicationName, u"psql"_s);
    QVERIFY(m_events.isEmpty());
}

void TestPgServer::psqlSeveralStatements()
{
    const ClientRun r = psql(m_server->url(u"u"_s, u"db"_s), { u"select 1; select 2; set x = 1"_s });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // psql 15 prints every result of a multi-statement string, and a command's tag.
    QCOMPARE(r.out, "1|v1\n1|v1\n2|(null)\nSET\n");
    QCOMPARE(m_statements.last().text, u"select 1; select 2; set x = 1"_s);
}

void TestPgServer::psqlError()
{
    const ClientRun r = psql(m_server->url(u"u"_s, u"db"_s), { u"select 1; fail; select 2"_s });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("ERROR:  failed on purpose: fail"), r.err.constData());
    QVERIFY2(r.err.contains("DETAIL:  a detail"), r.err.constData());
    QVERIFY2(!r.out.contains("2|"), r.out.constData()); // the statements after a failed one are not run
    VERIFY_HEALTHY();
}

void TestPgServer::psqlTls_data()
{
    QTest::addColumn<bool>("certificate");
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<bool>("connects");
    QTest::addColumn<bool>("encrypted");
    QTest::addRow("require, certificate") << true << u"require"_s << true << true;
    QTest::addRow("prefer, certificate") << true << u"prefer"_s << true << true;
    QTest::addRow("disable, certificate") << true << u"disable"_s << true << false;
    QTest::addRow("prefer, no certificate") << false << u"prefer"_s << true << false;
    QTest::addRow("require, no certificate") << false << u"require"_s << false << false;
}

void TestPgServer::psqlTls()
{
    QFETCH(bool, certificate);
    QFETCH(QString, sslmode);
    QFETCH(bool, connects);
    QFETCH(bool, encrypted);
    MockPostgresServer::Options o = options();
    if (certificate) {
        auto leaf = m_ca->leafFor(u"127.0.0.1"_s);
        QVERIFY(leaf);
        o.certificate = leaf->certificate;
        o.key = leaf->key;
    }
    makeServer(o);
    const ClientRun r = psql(m_server->url(u"u"_s, u"db"_s) + u"?sslmode="_s + sslmode, { u"\\conninfo"_s, u"select 1"_s });
    if (!connects) {
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("server does not support SSL, but SSL was required"), r.err.constData());
        VERIFY_HEALTHY();
        return;
    }
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.endsWith("\n1|v1\n"), r.out.constData());
    QCOMPARE(r.out.contains("SSL connection (protocol: TLSv1."), encrypted);
    QVERIFY(!hasEvent(EventKind::TlsFailed));
    VERIFY_HEALTHY();
}

void TestPgServer::psqlAuthentication_data()
{
    QTest::addColumn<int>("authentication");
    QTest::addColumn<QString>("password"); // what the client sends (null: none)
    QTest::addColumn<bool>("connects");
    QTest::addRow("trust") << int(Auth::Trust) << QString() << true;
    QTest::addRow("cleartext, any password") << int(Auth::Cleartext) << u"whatever"_s << true;
    QTest::addRow("md5, any password") << int(Auth::Md5) << u"anything at all"_s << true;
    QTest::addRow("scram, the right password") << int(Auth::Scram) << u"s3cret ü"_s << true;
    QTest::addRow("scram, a wrong password") << int(Auth::Scram) << u"s3cret u"_s << false;
    QTest::addRow("cleartext, no password") << int(Auth::Cleartext) << QString() << false;
}

void TestPgServer::psqlAuthentication()
{
    QFETCH(int, authentication);
    QFETCH(QString, password);
    QFETCH(bool, connects);
    MockPostgresServer::Options o = options();
    o.authentication = Auth(authentication);
    o.scramPassword = u"s3cret ü"_s;
    makeServer(o);
    const ClientRun r = psql(m_server->url(u"u"_s, u"db"_s) + u"?sslmode=disable"_s, { u"select 1"_s }, password);
    if (connects) {
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, "1|v1\n");
        QVERIFY(m_events.isEmpty());
        return;
    }
    QVERIFY(r.exitCode != 0);
    QVERIFY(r.out.isEmpty());
    QVERIFY(m_statements.isEmpty());
    if (!password.isEmpty()) {
        QVERIFY2(r.err.contains("FATAL:  password authentication failed for user \"u\""), r.err.constData());
        QVERIFY(hasEvent(EventKind::AuthenticationFailed));
    } else {
        QVERIFY2(r.err.contains("no password supplied"), r.err.constData());
    }
    QTRY_COMPARE(m_server->connectionCount(), 1); // the healthy one, still waiting to authenticate
}

void TestPgServer::psycopg2()
{
    if (!QFileInfo::exists(u"/usr/bin/python3"_s))
        QSKIP("Debian's /usr/bin/python3 is not installed");
    const char *script = R"(import sys, psycopg2
c = psycopg2.connect(sys.argv[1])
cur = c.cursor()
cur.execute("select %s", (3,))
print(cur.fetchall(), [d.name for d in cur.description], cur.description[0].type_code)
try:
    cur.execute("fail")
except psycopg2.Error as e:
    print(e.pgcode, e.pgerror.splitlines()[0], c.get_transaction_status())
c.rollback()
print(c.get_transaction_status(), c.server_version)
c.close()
)";
    const ClientRun r = runClient(u"/usr/bin/python3"_s,
        { u"-c"_s, QString::fromUtf8(script), m_server->url(u"u"_s, u"db"_s) + u"?sslmode=disable"_s },
        clientEnvironment());
    if (r.exitCode != 0 && r.err.contains("No module named 'psycopg2'"))
        QSKIP("python3-psycopg2 is not installed");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // get_transaction_status: 3 = INERROR, 0 = IDLE; server_version from the startup's server_version 15.0.
    QCOMPARE(r.out, "[(1, 'v1'), (2, None), (3, 'v3')] ['n', 'v'] 23\nP0001 ERROR:  failed on purpose: fail 3\n0 150000\n");
    QStringList texts;
    for (const PgStatement &s : std::as_const(m_statements))
        texts.append(s.text);
    QCOMPARE(texts, QStringList({ u"BEGIN"_s, u"select 3"_s, u"fail"_s, u"ROLLBACK"_s }));
}

// ---- The raw protocol

void TestPgServer::startup()
{
    PgPeer p(m_server->port());
    p.send(startupPacket());
    QVERIFY(p.waitReady());
    const QList<Message> got = p.got;
    QVERIFY(p.wire.startsWith(QByteArray("R\0\0\0\x08\0\0\0\0", 9))); // AuthenticationOk
    QVERIFY(p.wire.endsWith(QByteArray("Z\0\0\0\x05I", 6)));
    QList<QByteArray> names;
    QHash<QByteArray, QByteArray> values;
    for (const Message &m : got) {
        if (m.type == 'S') {
            names.append(m.text());
            values.insert(m.text(), m.body.mid(m.text().size() + 1).chopped(1));
        }
    }
    QCOMPARE(names, QList<QByteArray>({ "application_name", "client_encoding", "DateStyle", "default_transaction_read_only",
                        "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser", "server_encoding",
                        "server_version", "session_authorization", "standard_conforming_strings", "TimeZone" }));
    QCOMPARE(values["application_name"], "raw");
    QCOMPARE(values["client_encoding"], "UTF8");
    QCOMPARE(values["DateStyle"], "ISO, MDY");
    QCOMPARE(values["integer_datetimes"], "on");
    QCOMPARE(values["server_version"], "15.0");
    QCOMPARE(values["session_authorization"], "u");
    QCOMPARE(values["standard_conforming_strings"], "on");
    QCOMPARE(values["TimeZone"], "UTC");
    QCOMPARE(types(got), "R" + QByteArray(13, 'S') + "KZ");
    QCOMPARE(got[14].body.size(), 8); // BackendKeyData: process id and secret
    QVERIFY(qFromBigEndian<qint32>(got[14].body.constData()) > 0);
    // Another connection gets another process id.
    PgPeer q(m_server->port());
    q.send(startupPacket());
    QVERIFY(q.waitReady());
    QVERIFY(q.got[14].body.left(4) != got[14].body.left(4));
    QCOMPARE(m_server->connectionCount(), 3);
}

void TestPgServer::emptyQuery()
{
    m_healthy->send(query(""));
    QVERIFY(m_healthy->waitReady());
    QCOMPARE(m_healthy->wire, QByteArray("I\0\0\0\x04Z\0\0\0\x05I", 11));
}

void TestPgServer::transactionStatus()
{
    PgPeer &p = *m_healthy;
    const auto run = [&](const QByteArray &text) {
        p.take();
        p.send(query(text));
        return p.waitReady() ? p.take() : QList<Message>();
    };
    QList<Message> got = run("begin");
    QCOMPARE(types(got), "CZ");
    QCOMPARE(got[0].text(), "BEGIN");
    QCOMPARE(got[1].body, "T");
    got = run("select 1");
    QCOMPARE(types(got), "TDCZ");
    QCOMPARE(got[3].body, "T");
    got = run("fail");
    QCOMPARE(types(got), "EZ");
    QCOMPARE(got[0].field('S'), "ERROR");
    QCOMPARE(got[0].field('C'), "P0001");
    QCOMPARE(got[0].field('M'), "failed on purpose: fail");
    QCOMPARE(got[0].field('D'), "a detail");
    QCOMPARE(got[1].body, "E");
    got = run("rollback");
    QCOMPARE(types(got), "CZ");
    QCOMPARE(got[0].text(), "ROLLBACK");
    QCOMPARE(got[1].body, "I");
    // The responder was told the status each statement arrived in.
    QByteArray seen;
    for (const PgStatement &s : statementsOf(p))
        seen += s.transaction;
    QCOMPARE(seen, "ITTE"); // begin, select 1, fail, rollback
}

void TestPgServer::extendedProtocol()
{
    PgPeer &p = *m_healthy;
    p.take();
    p.send(parse("s1", "select 5") + bind("p1", "s1") + describe('S', "s1") + describe('P', "p1") + execute("p1", 2));
    QVERIFY(p.waitFor('s'));
    QList<Message> got = p.take();
    QCOMPARE(types(got), "12tTTDDs");
    QCOMPARE(got[2].body, be16(0)); // no parameters
    QCOMPARE(got[3].body, got[4].body); // the statement's and the portal's columns alike
    QCOMPARE(got[3].body.left(2), be16(2));
    QCOMPARE(got[5].body, be16(2) + be32(1) + "1" + be32(2) + "v1");
    QCOMPARE(got[6].body, be16(2) + be32(1) + "2" + be32(-1));
    p.send(execute("p1", 0) + closeMessage('P', "p1") + Sync);
    QVERIFY(p.waitReady());
    QCOMPARE(p.wire.right(25).toHex(), QByteArray("C\0\0\0\x0dSELECT 3\0" "3\0\0\0\x04" "Z\0\0\0\x05I", 25).toHex());
    got = p.take();
    QCOMPARE(types(got), "DDDC3Z");
    QCOMPARE(got[0].body, be16(2) + be32(1) + "3" + be32(2) + "v3");
    QCOMPARE(got[2].body, be16(2) + be32(1) + "5" + be32(2) + "v5");
    // The statement outlives Sync; the portal does not.
    p.send(bind("", "s1") + execute("", 1) + execute("p1", 0) + Sync);
    QVERIFY(p.waitReady());
    QCOMPARE(p.wire.mid(p.wire.indexOf(QByteArrayView("s\0\0\0\x04", 5)), 5), QByteArray("s\0\0\0\x04", 5));
    got = p.take();
    QCOMPARE(types(got), "2DsEZ");
    QCOMPARE(got[3].field('C'), "34000");
    const QList<PgStatement> mine = statementsOf(p);
    // Describe S, Describe P (whose answer the Executes of p1 use), the unnamed portal's Execute.
    QCOMPARE(mine.size(), 3);
    QVERIFY(mine[0].extended && mine[0].describeOnly && !mine[0].bound);
    QVERIFY(mine[1].extended && !mine[1].describeOnly && mine[1].bound && mine[1].bound->empty());
    QVERIFY(mine[2].extended && !mine[2].describeOnly && mine[2].text == u"select 5"_s);
}

void TestPgServer::extendedBoundValues()
{
    PgPeer &p = *m_healthy;
    p.take();
    p.send(parse("", "select $1", { 23 }) + describe('S', "") + bind("", "", { QByteArray("4") }) + execute("", 0) + Sync);
    QVERIFY(p.waitReady());
    const QList<Message> got = p.take();
    QCOMPARE(types(got), "1tn2DDDDCZ"); // the responder has no columns for "select $1" before Bind
    QCOMPARE(got[1].body, be16(1) + be32(23));
    QCOMPARE(got[8].text(), "SELECT 4");
    const PgStatement &s = m_statements.last();
    QCOMPARE(s.text, u"select $1"_s);
    QVERIFY(s.bound && s.bound->size() == 1);
    QCOMPARE(*(*s.bound)[0].data, "4");
    QCOMPARE((*s.bound)[0].typeOid, 23u);
    QCOMPARE(s.parameterTypes, QList<quint32>({ 23 }));
    // A NULL value and an unspecified type.
    p.send(parse("n", "select $1") + bind("", "n", { std::nullopt }) + execute("", 0) + Sync);
    QVERIFY(p.waitReady());
    QCOMPARE(types(p.take()), "12CZ"); // "select $1" with NULL is no select N: a command
    QVERIFY(!(*m_statements.last().bound)[0].data);
    QCOMPARE((*m_statements.last().bound)[0].typeOid, 0u);
}

void TestPgServer::errorInExtendedBatch()
{
    PgPeer &p = *m_healthy;
    p.take();
    // The error at Execute: everything after it up to Sync is skipped (no ParseComplete for s3), then Z.
    p.send(parse("f", "fail") + bind("", "f") + execute("", 0) + parse("s3", "select 3") + bind("", "s3")
        + execute("", 0) + query("select 1") + Sync + parse("s3", "select 3") + bind("", "s3") + execute("", 0) + Sync);
    QVERIFY(p.waitFor('Z', 2));
    QList<Message> got = p.take();
    QCOMPARE(types(got), "12EZ12DDDCZ");
    QCOMPARE(got[2].field('C'), "P0001");
    // An error at Bind (no such statement) skips the rest too.
    p.send(bind("", "nope") + execute("", 0) + Sync);
    QVERIFY(p.waitReady());
    got = p.take();
    QCOMPARE(types(got), "EZ");
    QCOMPARE(got[0].field('C'), "26000");
    QCOMPARE(got[0].field('S'), "ERROR");
    // A name used twice.
    p.send(parse("s3", "select 1") + Sync);
    QVERIFY(p.waitReady());
    got = p.take();
    QCOMPARE(types(got), "EZ");
    QCOMPARE(got[0].field('C'), "42P05");
    QVERIFY(!p.closed);
    VERIFY_HEALTHY();
}

void TestPgServer::flushWithoutSync()
{
    PgPeer &p = *m_healthy;
    p.take();
    p.send(parse("", "select 2") + bind("", "") + describe('P', "") + execute("", 0) + Flush);
    QVERIFY(p.waitFor('C'));
    QTest::qWait(50);
    QCOMPARE(types(p.take()), "12TDDC"); // answered without ReadyForQuery
    p.send(Sync);
    QVERIFY(p.waitReady());
    QCOMPARE(p.wire, QByteArray("Z\0\0\0\x05I", 6));
}

void TestPgServer::cancelRequest()
{
    PgPeer p(m_server->port());
    p.send(startupPacket());
    QVERIFY(p.waitReady());
    const QByteArray key = p.got[14].body;
    const qint32 pid = qFromBigEndian<qint32>(key.constData());
    const qint32 secret = qFromBigEndian<qint32>(key.constData() + 4);
    p.take();
    p.send(query("hold"));
    QTRY_COMPARE(m_held.size(), 1);
    const quint64 first = m_held[0];

    // A wrong secret, and a wrong process id: nothing happens, the connections asking are closed.
    for (const auto &[pi, se] : { std::pair { pid, secret ^ 1 }, std::pair { pid + 1000, secret } }) {
        PgPeer cancel(m_server->port());
        cancel.send(untyped(be32(80877102) + be32(pi) + be32(se)));
        QVERIFY(cancel.waitClosed());
        QVERIFY(cancel.got.isEmpty());
    }
    QTest::qWait(50);
    QVERIFY(p.got.isEmpty());
    QCOMPARE(m_server->pendingCount(), 1);
    QVERIFY(m_abandoned.isEmpty());
    m_server->answer(first, { PgResult::command("LATE") });
    QVERIFY(p.waitReady());
    QCOMPARE(types(p.got), "CZ");
    QCOMPARE(p.take()[0].text(), "LATE");

    // The right secret cancels the held statement.
    p.send(query("hold"));
    QTRY_COMPARE(m_held.size(), 2);
    PgPeer cancel(m_server->port());
    cancel.send(untyped(be32(80877102) + be32(pid) + be32(secret)));
    QVERIFY(cancel.waitClosed());
    QVERIFY(p.waitReady());
    const QList<Message> got = p.take();
    QCOMPARE(types(got), "EZ");
    QCOMPARE(got[0].field('C'), "57014");
    QCOMPARE(got[0].field('M'), "canceling statement due to user request");
    QCOMPARE(m_abandoned, QList<quint64>({ m_held[1] }));
    QCOMPARE(m_server->pendingCount(), 0);
    QVERIFY(hasEvent(EventKind::Cancelled));
    m_server->answer(m_held[1], { PgResult::command("TOO LATE") }); // ignored
    QTest::qWait(50);
    QVERIFY(p.got.isEmpty());
    p.send(query("select 1"));
    QVERIFY(p.waitReady());
    QCOMPARE(types(p.take()), "TDCZ");
}

void TestPgServer::terminate()
{
    PgPeer p(m_server->port());
    QVERIFY(p.startup());
    QCOMPARE(m_server->connectionCount(), 2);
    p.send(Terminate + query("select 1"));
    QVERIFY(p.waitClosed());
    QVERIFY(p.got.isEmpty());
    QTRY_COMPARE(m_server->connectionCount(), 1);
    QCOMPARE(statementsOf(p).size(), 0);
    VERIFY_HEALTHY();
}

void TestPgServer::pipelinedQueries()
{
    // Answered as they arrive, one write holding 50,000 statements (libpq's pipeline mode sends like this);
    // an answer given while the statement is handed out must not make the server recurse per statement.
    PgPeer p(m_server->port());
    QVERIFY(p.startup());
    const int count = 50'000;
    p.send(query("").repeated(count));
    QVERIFY(p.waitFor('Z', count, 20000));
    QCOMPARE(types(p.got), QByteArray("IZ").repeated(count));
    VERIFY_HEALTHY();
}

void TestPgServer::heldExtendedStatementOutlivesMessageTimeout()
{
    // libpq and JDBC send Parse/Bind/Execute/Sync in one write: while Execute waits for its answer, Sync is
    // already buffered. That is no unfinished message: the statement may be held far beyond
    // messageTimeoutMs (a user stepping through a replay).
    MockPostgresServer::Limits limits = testLimits();
    limits.messageTimeoutMs = 300;
    makeServer(options(limits));
    PgPeer p(m_server->port());
    QVERIFY(p.startup());
    p.send(parse("", "hold") + bind("", "") + execute("", 0) + Sync);
    QTRY_COMPARE(m_held.size(), 1);
    QTest::qWait(1000);
    QVERIFY2(!p.closed, "the connection was closed while its statement was held");
    QVERIFY(!hasEvent(EventKind::Timeout));
    m_server->answer(m_held[0], { PgResult::command("HELD") });
    QVERIFY(p.waitReady());
    QCOMPARE(types(p.got), "12CZ");
}

// ---- Bad input

void TestPgServer::badInput_data()
{
    QTest::addColumn<bool>("afterStartup");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArrayList>("codes"); // the FATAL error's SQLSTATE, one of these
    const QByteArrayList violation { "08P01" };
    const QByteArrayList unsupported { "0A000" };
    const auto startup = [](const char *name, const QByteArray &stream, const QByteArrayList &codes) {
        QTest::addRow("%s", name) << false << stream << codes;
    };
    const auto typed = [](const char *name, const QByteArray &stream, const QByteArrayList &codes) {
        QTest::addRow("%s", name) << true << stream << codes;
    };
    startup("startup length 2^31-1", be32(0x7fffffff) + be32(196608), violation);
    startup("startup length 0x80000000", be32(qint32(0x80000000u)) + be32(196608), violation);
    startup("startup length 3", be32(3) + be32(196608), violation);
    startup("startup length 0", be32(0) + be32(196608), violation);
    startup("startup length 10001", be32(10001) + be32(196608) + QByteArray(9993, 'a'), violation);
    startup("startup garbage", pseudoRandom(4096, 12), violation);
    startup("startup garbage with a plausible length", be32(204) + pseudoRandom(200, 13), unsupported);
    startup("startup 3.0, garbage parameters", be32(208) + be32(196608) + pseudoRandom(200, 14), { "08P01", "28000" });
    startup("startup 3.0, unterminated parameters", untyped(be32(196608) + QByteArray("user\0u", 6)), violation);
    startup("startup 3.0, parameter without a name", untyped(be32(196608) + QByteArray("\0x\0\0", 4)), violation);
    startup("startup 3.0, no user", startupPacket({ { "database", "db" } }), { "28000" });
    startup("protocol 2.0", startupPacket({ { "user", "u" } }, 2 << 16), unsupported);
    startup("protocol 4.0", startupPacket({ { "user", "u" } }, 4 << 16), unsupported);
    startup("SSLRequest with an extra byte", untyped(be32(80877103) + "x"), violation);
    startup("cancel request of 12 bytes", untyped(be32(80877102) + be32(1)), violation);
    typed("message length 2^31-1", 'Q' + be32(0x7fffffff) + "select 1", violation);
    typed("message length 0x80000000", 'Q' + be32(qint32(0x80000000u)) + "select 1", violation);
    typed("message length 3", 'Q' + be32(3) + "select 1", violation);
    typed("message beyond maxMessageBytes", 'Q' + be32((64 << 10) + 1), violation);
    typed("unknown message type z", ::message('z'), violation);
    typed("message type NUL", ::message('\0', "abc"), violation);
    typed("message type 0xff", ::message('\xff'), violation);
    typed("password message when none was asked for", ::message('p', "pw\0"), violation);
    typed("Query without its NUL", ::message('Q', "select 1"), violation);
    typed("Query with bytes after its NUL", ::message('Q', QByteArray("select 1\0x", 10)), violation);
    typed("Parse with a negative type count", ::message('P', QByteArray("\0select 1\0", 10) + be16(-1)), violation);
    typed("Parse with more types than bytes", ::message('P', QByteArray("\0select 1\0", 10) + be16(100) + be32(23)), violation);
    typed("Bind with a value longer than the message",
        ::message('B', QByteArray("\0\0", 2) + be16(0) + be16(1) + be32(1000) + "abc" + be16(0)), violation);
    typed("Bind with a value length of -2", ::message('B', QByteArray("\0\0", 2) + be16(0) + be16(1) + be32(-2) + be16(0)), violation);
    typed("Bind with format 7", ::message('B', QByteArray("\0\0", 2) + be16(1) + be16(7) + be16(0) + be16(0)), violation);
    typed("Describe of kind X", ::message('D', QByteArray("Xname\0", 6)), violation);
    typed("Execute without max rows", ::message('E', QByteArray("\0", 1)), violation);
}

void TestPgServer::badInput()
{
    QFETCH(bool, afterStartup);
    QFETCH(QByteArray, stream);
    QFETCH(QByteArrayList, codes);
    PgPeer p(m_server->port());
    if (afterStartup)
        QVERIFY(p.startup());
    p.send(stream);
    QVERIFY2(p.waitClosed(3000), "the connection stayed open");
    QVERIFY(!p.malformed);
    QVERIFY2(!p.got.isEmpty(), "closed without saying why");
    const Message &last = p.got.last();
    QCOMPARE(types(p.got).count('E'), 1);
    QCOMPARE(last.type, 'E');
    QCOMPARE(last.field('S'), "FATAL");
    QCOMPARE(last.field('V'), "FATAL");
    QVERIFY2(codes.contains(last.field('C')), last.field('C').constData());
    QVERIFY(!last.field('M').isEmpty());
    QVERIFY(!types(p.got).contains('Z')); // nothing was accepted
    QVERIFY(statementsOf(p).isEmpty());
    if (last.field('C') != "28000")
        QVERIFY(hasEvent(EventKind::ProtocolViolation) || hasEvent(EventKind::Unsupported));
    QTRY_COMPARE(m_server->connectionCount(), 1);
    VERIFY_HEALTHY();
}

void TestPgServer::truncatedThenDisconnect_data()
{
    QTest::addColumn<bool>("afterStartup");
    QTest::addColumn<QByteArray>("stream");
    const QByteArray packet = startupPacket();
    QTest::addRow("startup: 2 bytes of the length") << false << packet.left(2);
    QTest::addRow("startup: half the packet") << false << packet.left(packet.size() / 2);
    QTest::addRow("startup: all but the last byte") << false << packet.chopped(1);
    const QByteArray q = query("select 3");
    QTest::addRow("message: the type only") << true << q.left(1);
    QTest::addRow("message: 3 bytes of the length") << true << q.left(4);
    QTest::addRow("message: half the body") << true << q.left(8);
    QTest::addRow("message: all but the NUL") << true << q.chopped(1);
    QTest::addRow("extended: Parse and half a Bind") << true << parse("", "select 1") + bind("", "").left(6);
}

void TestPgServer::truncatedThenDisconnect()
{
    QFETCH(bool, afterStartup);
    QFETCH(QByteArray, stream);
    {
        PgPeer p(m_server->port());
        if (afterStartup)
            QVERIFY(p.startup());
        p.send(stream);
        QTest::qWait(50);
        QVERIFY(!p.closed); // waiting for the rest
        p.socket.abort();
    }
    QTRY_COMPARE(m_server->connectionCount(), 1);
    QVERIFY(m_statements.isEmpty());
    QVERIFY(m_abandoned.isEmpty());
    VERIFY_HEALTHY();
}

void TestPgServer::oversizedIsRefusedBeforeItsBody()
{
    // A header announcing 1 MiB (the limit is 64 KiB) is refused at once: the server does not wait for, or
    // buffer, the body.
    PgPeer p(m_server->port());
    QVERIFY(p.startup());
    p.send('Q' + be32(1 << 20) + QByteArray(1000, 'x'));
    QVERIFY(p.waitClosed(3000));
    QCOMPARE(types(p.got), "E");
    QCOMPARE(p.got[0].field('C'), "08P01");
    QVERIFY2(p.got[0].field('M').contains("1048576"), p.got[0].field('M').constData());
    // Just below the limit is a message like any other.
    PgPeer q(m_server->port());
    QVERIFY(q.startup());
    QByteArray text = "select 2 -- " + QByteArray((64 << 10) - 4 - 1 - 12 - 8, 'x');
    q.send(query(text).left(1) + be32(qint32(text.size() + 5)) + text + '\0');
    QVERIFY(q.waitReady());
    QCOMPARE(types(q.take()), "TDDCZ");
    VERIFY_HEALTHY();
}

void TestPgServer::floodWhileHeldIsBounded()
{
    // While a statement is held, a client pipelining 32 MB of queries behind it can push only what the
    // server's bounded read buffer and the kernel's socket buffers take.
    RawClient raw(m_server->port(), 65536);
    QVERIFY(raw.connected());
    const QByteArray first = startupPacket() + query("hold");
    QCOMPARE(raw.sendSome(first), first.size());
    QTRY_COMPARE(m_held.size(), 1);
    const QByteArray flood = query("select 1 " + QByteArray(1000, '-')).repeated(32 * 1024);
    qsizetype sent = 0;
    QElapsedTimer t;
    t.start();
    qint64 lastProgress = 0;
    while (sent < flood.size() && t.elapsed() - lastProgress < 500 && t.elapsed() < 10000) {
        const qsizetype n = raw.sendSome(QByteArrayView(flood).sliced(sent));
        QVERIFY(n >= 0);
        if (n > 0)
            lastProgress = t.elapsed();
        sent += n;
        QTest::qWait(5);
    }
    QVERIFY2(sent < (qsizetype(12) << 20), qPrintable(u"the client pushed %1 of %2 bytes"_s.arg(sent).arg(flood.size())));
    VERIFY_HEALTHY();
    QCOMPARE(m_held.size(), 1); // nothing behind the held statement was handed out
    m_server->answer(m_held[0], { PgResult::command("HELD") });
    // Then the rest is read and answered (the client does not read: the answers are bounded too).
    QTRY_VERIFY(m_statements.size() > 10);
}

void TestPgServer::sslRequestWithPipelinedPlaintext()
{
    auto leaf = m_ca->leafFor(u"127.0.0.1"_s);
    QVERIFY(leaf);
    MockPostgresServer::Options o = options();
    o.certificate = leaf->certificate;
    o.key = leaf->key;
    makeServer(o);
    // CVE-2021-23214: plaintext sent before the server's answer to SSLRequest could be read as if it came
    // through TLS. Sent in one write with the request, it is refused.
    PgPeer p(m_server->port());
    p.send(SslRequest + startupPacket() + query("select 1"));
    QVERIFY(p.waitClosed());
    QVERIFY(!types(p.got).contains('R'));
    QVERIFY(!types(p.got).contains('Z'));
    QVERIFY(statementsOf(p).isEmpty());
    QVERIFY(hasEvent(EventKind::ProtocolViolation) || hasEvent(EventKind::TlsFailed));
    QVERIFY(p.in.isEmpty() || p.in == "S" || p.in == "N");
    QTRY_COMPARE(m_server->connectionCount(), 1);
    // Without a certificate (answered N) too.
    makeServer(options());
    PgPeer q(m_server->port());
    q.send(SslRequest + startupPacket());
    QVERIFY(q.waitClosed());
    QVERIFY(!types(q.got).contains('R'));
    // SSLRequest alone, answered N, then the startup: accepted.
    PgPeer r(m_server->port());
    r.expectByte();
    r.send(SslRequest);
    QVERIFY(waitUntil([&] { return !r.answerByte.isEmpty(); }, 3000));
    QCOMPARE(r.answerByte, "N");
    QVERIFY(r.startup());
    VERIFY_HEALTHY();
}

void TestPgServer::disconnectWhileHeld()
{
    auto p = std::make_unique<PgPeer>(m_server->port());
    QVERIFY(p->startup());
    p->send(query("hold"));
    QTRY_COMPARE(m_held.size(), 1);
    QCOMPARE(m_server->pendingCount(), 1);
    p->socket.abort();
    p.reset();
    QTRY_COMPARE(m_abandoned, QList<quint64>({ m_held[0] }));
    QCOMPARE(m_server->pendingCount(), 0);
    m_server->answer(m_held[0], { PgResult::command("TOO LATE") }); // nothing to answer: no-op
    QTRY_COMPARE(m_server->connectionCount(), 1);
    // The same with an extended statement held at Execute, the client leaving by Terminate.
    PgPeer q(m_server->port());
    QVERIFY(q.startup());
    q.send(parse("", "hold") + bind("", "") + execute("", 0) + Sync);
    QTRY_COMPARE(m_held.size(), 2);
    q.send(Terminate);
    QTest::qWait(50);
    q.socket.disconnectFromHost();
    QTRY_COMPARE(m_abandoned.size(), 2);
    QCOMPARE(m_abandoned[1], m_held[1]);
    m_server->answer(m_held[1], { PgResult::command("TOO LATE") });
    QTRY_COMPARE(m_server->connectionCount(), 1);
    VERIFY_HEALTHY();
}

void TestPgServer::slowClient()
{
    MockPostgresServer::Limits limits = testLimits();
    limits.messageTimeoutMs = 500;
    makeServer(options(limits));
    PgPeer p(m_server->port());
    QVERIFY(p.startup());
    const QByteArray stream = query("select 1 -- " + QByteArray(100, 's')); // 10 s at a byte per 100 ms
    qsizetype sent = 0;
    QTimer trickle;
    QObject::connect(&trickle, &QTimer::timeout, &trickle, [&] {
        if (sent < stream.size() && !p.closed)
            p.send(stream.mid(sent++, 1));
    });
    QElapsedTimer t;
    t.start();
    trickle.start(100);
    QTest::qWait(250);
    VERIFY_HEALTHY();
    QVERIFY(p.waitClosed(5000));
    QVERIFY2(t.elapsed() >= 400, qPrintable(u"closed after %1 ms"_s.arg(t.elapsed())));
    QVERIFY(sent < stream.size());
    QVERIFY(hasEvent(EventKind::Timeout));
    QVERIFY(statementsOf(p).isEmpty());
    VERIFY_HEALTHY();
}

void TestPgServer::startupTimeout()
{
    MockPostgresServer::Limits limits = testLimits();
    limits.startupTimeoutMs = 400;
    makeServer(options(limits));
    PgPeer silent(m_server->port());
    PgPeer sslOnly(m_server->port());
    sslOnly.expectByte();
    sslOnly.send(SslRequest);
    QVERIFY(silent.waitClosed(3000));
    QVERIFY(sslOnly.waitClosed(3000));
    QCOMPARE(sslOnly.answerByte, "N");
    QVERIFY(hasEvent(EventKind::Timeout));
    // The healthy connection started long before and is not timed out.
    VERIFY_HEALTHY();
}

void TestPgServer::thousandConnections()
{
    const int count = 1000;
    std::vector<std::unique_ptr<PgPeer>> peers;
    for (int i = 0; i < count; ++i) {
        peers.push_back(std::make_unique<PgPeer>(m_server->port()));
        peers.back()->send(startupPacket({ { "user", "u" + QByteArray::number(i) } }));
    }
    const bool started = waitUntil([&] { return std::all_of(peers.cbegin(), peers.cend(), [](const auto &p) { return types(p->got).contains('Z') || p->closed; }); }, 30000);
    const auto ready = std::count_if(peers.cbegin(), peers.cend(), [](const auto &p) { return types(p->got).contains('Z'); });
    QVERIFY2(started && ready == count,
        qPrintable(u"%1 of %2 started; the server holds %3 connections"_s.arg(ready).arg(count).arg(m_server->connectionCount())));
    QCOMPARE(m_server->connectionCount(), count + 1);
    for (int i = 0; i < count; ++i) {
        peers[size_t(i)]->take();
        peers[size_t(i)]->send(query("select " + QByteArray::number(i % 4 + 1)));
    }
    QVERIFY(waitUntil([&] { return std::all_of(peers.cbegin(), peers.cend(), [](const auto &p) { return types(p->got).contains('Z') || p->closed; }); }, 30000));
    for (int i = 0; i < count; ++i) {
        const PgPeer &p = *peers[size_t(i)];
        QVERIFY(!p.closed);
        QCOMPARE(types(p.got), QByteArray("T" + QByteArray(i % 4 + 1, 'D') + "CZ"));
        QCOMPARE(p.got[p.got.size() - 2].text(), "SELECT " + QByteArray::number(i % 4 + 1));
    }
    QVERIFY(m_events.isEmpty());
    VERIFY_HEALTHY();
    peers.clear();
    m_healthy.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 10000);
}

void TestPgServer::tooManyConnections()
{
    MockPostgresServer::Limits limits = testLimits();
    limits.maxConnections = 4;
    makeServer(options(limits));
    std::vector<std::unique_ptr<PgPeer>> peers;
    for (int i = 0; i < 3; ++i) {
        peers.push_back(std::make_unique<PgPeer>(m_server->port()));
        QVERIFY(peers.back()->startup());
    }
    QCOMPARE(m_server->connectionCount(), 4);
    PgPeer extra(m_server->port());
    extra.send(startupPacket());
    QVERIFY(extra.waitClosed());
    QVERIFY(!types(extra.got).contains('Z'));
    // Refused as PostgreSQL refuses it: FATAL 53300 before the connection ends.
    QCOMPARE(types(extra.got), "E");
    QCOMPARE(extra.got.front().field('S'), QByteArray("FATAL"));
    QCOMPARE(extra.got.front().field('C'), QByteArray("53300"));
    QCOMPARE(extra.got.front().field('M'), QByteArray("sorry, too many clients already"));
    QVERIFY(hasEvent(EventKind::TooManyConnections));
    QCOMPARE(m_server->connectionCount(), 4);
    for (auto &p : peers) {
        p->send(query("select 1"));
        QVERIFY(p->waitReady());
        QCOMPARE(types(p->take()), "TDCZ");
    }
    {
        const QString why = healthy(false); // a new one would be one too many
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
    // Once one leaves, a new connection is served.
    peers.front()->socket.disconnectFromHost();
    QTRY_COMPARE(m_server->connectionCount(), 3);
    VERIFY_HEALTHY();
}

void TestPgServer::clientThatNeverReads()
{
    RawClient raw(m_server->port(), 4096);
    QVERIFY(raw.connected());
    const QByteArray stream = startupPacket() + query("big") + query("select 1");
    QCOMPARE(raw.sendSome(stream), stream.size());
    QTRY_VERIFY(m_big && m_big->produced > 0);
    // Wait until the server stops producing rows: it waits for the client to read.
    qsizetype produced = -1;
    for (int i = 0; i < 25 && m_big->produced != produced; ++i) {
        produced = m_big->produced;
        QTest::qWait(200);
    }
    QCOMPARE(m_big->produced, produced);
    QVERIFY(produced < BigRows);
    // Queued: maxQueuedOutput (64 KiB) and a batch, plus what the kernel's socket buffers hold (at most
    // tcp_wmem's 4 MiB here) — not the 100 MB of the result.
    const qint64 bytes = qint64(produced) * (BigWidth + 11);
    QVERIFY2(bytes < (qint64(8) << 20), qPrintable(u"%1 rows (%2 bytes) produced for a client that reads nothing"_s.arg(produced).arg(bytes)));
    VERIFY_HEALTHY();
    QCOMPARE(m_statements.size(), 3); // healthy's two and big; the select behind it waits
}

void TestPgServer::listensOnLoopbackOnly()
{
    MockPostgresServer other(options());
    QVERIFY(!other.listen(QHostAddress(u"0.0.0.0"_s)));
    QVERIFY(!other.listen(QHostAddress(u"192.168.1.10"_s)));
    QVERIFY(other.listen(QHostAddress(u"::1"_s)));
    QVERIFY(other.url().startsWith(u"postgresql://replay@[::1]:"_s));
}

QTEST_GUILESS_MAIN(TestPgServer)
#include "tst_pgserver.moc"
