// SPDX-License-Identifier: MIT
// The SQL endpoint: MockPostgresServer (framing, startup, authentication, the simple and extended protocol,
// cancel, limits) driven in-process by one loopback client sending the fuzzer's bytes, with a responder
// that answers every statement (rows, commands, errors, built-in answers) at once or holds it; plus the
// codec's parsers, the statement helpers of pgbuiltin.h and the lookup (StatementMapper, SqlMatcher,
// renderPsycopg2 over a small recording) on the same bytes.
//
// Input: a configuration byte, then the client's stream, written in pieces separated by the marker
// "\xfe\xfe\xfe\xfe" (a real client's flights: SSLRequest, then the startup, then each query); after each
// piece the event loop turns, the client reads, and held statements are answered.
//   bits 0–1  authentication: trust, cleartext, MD5, SCRAM-SHA-256 (password "pw")
//   bit 2     a TLS certificate (SSLRequest answered S)
//   bit 3     hold statements until the end of the piece (else answered at once)
//   bit 4     maxQueuedOutput 4 KiB (else 64 KiB)
//   bit 5     at the end, leave held statements unanswered (the client's leaving abandons them)
// The server's limits are small (64 KiB messages, 8 statements and portals per connection) and its sweep
// timer stopped, so an input replays alike.
// Invariants:
// - the codec: framing does not depend on how the stream is split (whole, or at any boundary); every
//   message a parser accepts re-encodes to exactly its body; a frame is within its limit;
// - splitSqlStatements: statements are non-empty, in order, inside the text, and never overlap;
//   parseDeclareCursor/parseFetchCursor give a name; builtinAnswer's Value has one column;
// - the server: statement ids are handed out once; a statement's user is set and its transaction status
//   is I, T or E; at most one statement of the connection is pending; at most one connection;
//   abandoned(id) names a statement handed out and not answered, once; protocol events carry a detail and
//   the peer; once the client has gone, no connection and no pending statement are left.
#include "core/replay/certificateauthority.h"
#include "core/replay/pgprotocol.h"
#include "core/replay/pgserver.h"
#include "core/replay/pgstatement.h"
#include "core/replay/sqlmatcher.h"
#include "core/replay/pgbuiltin.h"
#include "fuzzsupport.h"

#include <QCoreApplication>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <QtEndian>

#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

using namespace tapedeck;
using namespace tapedeck::fuzz;
using namespace tapedeck::replay;
using pg::PgProtocol;

namespace {

const QByteArray Marker("\xfe\xfe\xfe\xfe", 4);
constexpr qint64 MaxMessage = 64 << 10;

struct Process
{
    int argc = 1;
    char name[16] = "fuzz";
    char *argv[2] = { name, nullptr };
    QCoreApplication app { argc, argv };
    QTemporaryDir dir;
    std::optional<CertificateAuthority::Leaf> leaf;

    Process()
    {
        auto ca = CertificateAuthority::openOrCreate(dir.path());
        FUZZ_CHECK(ca.ok(), ca ? QString() : ca.error().message);
        auto made = ca->leafFor(QStringLiteral("127.0.0.1"));
        FUZZ_CHECK(made.ok(), made ? QString() : made.error().message);
        leaf = *made;
    }
};

Process &process()
{
    static Process p;
    return p;
}

bool verbose()
{
    static const bool on = qEnvironmentVariableIntValue("TAPEDECK_FUZZ_VERBOSE") != 0;
    return on;
}

QByteArray be16(qint16 v)
{
    QByteArray b(2, '\0');
    qToBigEndian<qint16>(v, b.data());
    return b;
}

QByteArray be32(qint32 v)
{
    QByteArray b(4, '\0');
    qToBigEndian<qint32>(v, b.data());
    return b;
}

// ---- The codec

// Every message a parser accepts is exactly its body: re-encoded here, byte by byte.
void roundTrip(char type, const QByteArray &body, bool startup)
{
    const auto same = [&](const QByteArray &encoded, const char *what) {
        FUZZ_CHECK(encoded == body,
            QStringLiteral("%1 re-encodes to %2, not %3").arg(QLatin1String(what), QString::fromLatin1(encoded.toHex()),
                QString::fromLatin1(body.toHex())));
    };
    if (startup) {
        const Result<pg::StartupRequest> r = PgProtocol::parseStartup(body);
        if (!r) {
            FUZZ_CHECK_ERROR(r.error());
            return;
        }
        switch (r->kind) {
        case pg::StartupRequest::Kind::Ssl:
            same(be32(pg::SslRequestCode), "SSLRequest");
            return;
        case pg::StartupRequest::Kind::GssEnc:
            same(be32(pg::GssEncRequestCode), "GSSENCRequest");
            return;
        case pg::StartupRequest::Kind::Cancel:
            same(be32(pg::CancelRequestCode) + be32(r->processId) + be32(r->secretKey), "CancelRequest");
            return;
        case pg::StartupRequest::Kind::Startup:
            break;
        }
        if ((r->version >> 16) != 3)
            return; // refused by the server without reading further
        QByteArray e = be32(r->version);
        for (const auto &[name, value] : r->parameters) {
            FUZZ_CHECK(!name.isEmpty(), QStringLiteral("a startup parameter without a name"));
            e += name + '\0' + value + '\0';
        }
        same(e + '\0', "StartupMessage");
        return;
    }
    switch (type) {
    case 'Q':
    case 'p': {
        const Result<QByteArray> q = type == 'Q' ? PgProtocol::parseQuery(body) : PgProtocol::parsePassword(body);
        if (q)
            same(*q + '\0', "Query");
        else
            FUZZ_CHECK_ERROR(q.error());
        if (type == 'p') {
            const Result<pg::SaslInitialResponse> s = PgProtocol::parseSaslInitialResponse(body);
            if (s)
                same(s->mechanism + '\0' + (s->data ? be32(qint32(s->data->size())) + *s->data : be32(-1)), "SASLInitialResponse");
            else
                FUZZ_CHECK_ERROR(s.error());
        }
        return;
    }
    case 'P': {
        const Result<pg::ParseMessage> p = PgProtocol::parseParse(body);
        if (!p) {
            FUZZ_CHECK_ERROR(p.error());
            return;
        }
        QByteArray e = p->statement + '\0' + p->query + '\0' + be16(qint16(p->parameterTypes.size()));
        for (const quint32 t : p->parameterTypes)
            e += be32(qint32(t));
        same(e, "Parse");
        return;
    }
    case 'B': {
        const Result<pg::BindMessage> b = PgProtocol::parseBind(body);
        if (!b) {
            FUZZ_CHECK_ERROR(b.error());
            return;
        }
        QByteArray e = b->portal + '\0' + b->statement + '\0' + be16(qint16(b->parameterFormats.size()));
        for (const qint16 f : b->parameterFormats) {
            FUZZ_CHECK(f == 0 || f == 1, QStringLiteral("format %1").arg(f));
            e += be16(f);
        }
        e += be16(qint16(b->values.size()));
        for (const auto &v : b->values)
            e += v ? be32(qint32(v->size())) + *v : be32(-1);
        e += be16(qint16(b->resultFormats.size()));
        for (const qint16 f : b->resultFormats)
            e += be16(f);
        same(e, "Bind");
        for (qsizetype i = 0; i < qsizetype(b->values.size()); ++i) {
            const qint16 f = b->parameterFormat(i);
            FUZZ_CHECK(f == 0 || f == 1, QStringLiteral("parameter %1 has format %2").arg(i).arg(f));
        }
        return;
    }
    case 'D':
    case 'C': {
        const Result<pg::DescribeMessage> d = PgProtocol::parseDescribe(body);
        if (d) {
            FUZZ_CHECK(d->kind == 'S' || d->kind == 'P', QStringLiteral("kind %1").arg(int(d->kind)));
            same(d->kind + d->name + '\0', "Describe");
        } else {
            FUZZ_CHECK_ERROR(d.error());
        }
        return;
    }
    case 'E': {
        const Result<pg::ExecuteMessage> x = PgProtocol::parseExecute(body);
        if (x)
            same(x->portal + '\0' + be32(x->maxRows), "Execute");
        else
            FUZZ_CHECK_ERROR(x.error());
        return;
    }
    default:
        FUZZ_CHECK(!PgProtocol::messageName(type).isEmpty(), QStringLiteral("no name for %1").arg(int(type)));
        return;
    }
}

struct Framing
{
    QList<pg::Frame> frames;
    pg::FrameReader::Status last = pg::FrameReader::Status::NeedMore;
};

// Frames of a stream fed in the given pieces; the startup phase ends after the first frame when typed.
Framing frame(const QList<QByteArrayView> &pieces, bool startupFirst)
{
    pg::FrameReader reader(MaxMessage);
    reader.setStartupPhase(startupFirst);
    Framing f;
    for (const QByteArrayView piece : pieces) {
        reader.append(piece);
        for (;;) {
            pg::Frame fr;
            QString why;
            f.last = reader.next(fr, &why);
            if (f.last == pg::FrameReader::Status::Invalid) {
                FUZZ_CHECK(!why.isEmpty(), QStringLiteral("an invalid frame without a reason"));
                return f;
            }
            if (f.last == pg::FrameReader::Status::NeedMore)
                break;
            FUZZ_CHECK(fr.body.size() + 4 <= (reader.startupPhase() ? pg::MaxStartupPacket : MaxMessage),
                QStringLiteral("a frame of %1 bytes").arg(fr.body.size()));
            f.frames.append(fr);
            reader.setStartupPhase(false);
        }
    }
    return f;
}

void codec(QByteArrayView data, quint8 seed)
{
    const qsizetype at = data.isEmpty() ? 0 : (qsizetype(seed) * 7919) % (data.size() + 1);
    for (const bool startup : { true, false }) {
        const Framing whole = frame({ data }, startup);
        const Framing split = frame({ data.first(at), data.sliced(at) }, startup);
        FUZZ_CHECK(whole.last == split.last && whole.frames.size() == split.frames.size(),
            QStringLiteral("framing depends on the split at %1").arg(at));
        for (qsizetype i = 0; i < whole.frames.size(); ++i) {
            FUZZ_CHECK(whole.frames[i].type == split.frames[i].type && whole.frames[i].body == split.frames[i].body,
                QStringLiteral("frame %1 differs when split at %2").arg(i).arg(at));
            roundTrip(whole.frames[i].type, whole.frames[i].body, startup && i == 0);
        }
    }
    // Each parser on the raw bytes too (as a body), and on the part after the boundary.
    for (const QByteArrayView body : { data, data.sliced(at) }) {
        const QByteArray b = body.toByteArray();
        roundTrip(0, b, true);
        for (const char type : { 'Q', 'p', 'P', 'B', 'D', 'E' })
            roundTrip(type, b, false);
    }
}

void statements(QByteArrayView data)
{
    const QString text = QString::fromUtf8(data);
    const QList<QStringView> parts = splitSqlStatements(text);
    const QChar *end = text.constData();
    for (const QStringView s : parts) {
        FUZZ_CHECK(!s.isEmpty(), QStringLiteral("an empty statement"));
        FUZZ_CHECK(s.constData() >= end && s.constData() + s.size() <= text.constData() + text.size(),
            QStringLiteral("a statement outside the text, or overlapping the one before"));
        end = s.constData() + s.size();
        const QString canonical = canonicalSql(s);
        ServerFacts facts { "PostgreSQL 15.0", "15.0", "UTC", "u", "db" };
        for (const char transaction : { 'I', 'T', 'E' }) {
            if (const auto b = builtinAnswer(s, facts, transaction)) {
                FUZZ_CHECK(b->kind != BuiltinStatement::Kind::Value || b->columns.size() == 1,
                    QStringLiteral("a value with %1 columns").arg(b->columns.size()));
                FUZZ_CHECK(b->types.isEmpty() || b->types.size() == b->columns.size(),
                    QStringLiteral("%1 types for %2 columns").arg(b->types.size()).arg(b->columns.size()));
            }
        }
        if (const auto d = parseDeclareCursor(s))
            FUZZ_CHECK(!d->name.isEmpty(), QStringLiteral("a cursor without a name"));
        if (const auto f = parseFetchCursor(s))
            FUZZ_CHECK(!f->name.isEmpty(), QStringLiteral("a fetch without a cursor name"));
        (void)parseCloseCursor(s);
        (void)canonical;
    }
}

// ---- The lookup: a statement mapped back onto recorded templates (psycopg2 literals, $n bindings) and
// looked up by DataHub's rules, and the recorded templates rendered as psycopg2 would.

const std::vector<RecordedQuery> &recordedQueries()
{
    static const std::vector<RecordedQuery> recorded = [] {
        auto json = [](const char *text) { return JsonValue::parse(QByteArray(text)).value(); };
        return std::vector<RecordedQuery> {
            { QStringLiteral("SELECT * FROM t WHERE a = %s AND b = %s"), json("[1, \"x\"]") },
            { QStringLiteral("SELECT * FROM t WHERE a = %s AND b = %s"), json("[2, \"y''z\"]") },
            { QStringLiteral("SELECT %(n)s, %(m)s, %(n)s FROM u WHERE d > %(d)s"),
                json("{\"n\": 1.5, \"m\": null, \"d\": {\"__type__\": \"date\", \"__value__\": \"2024-01-02\"}}") },
            { QStringLiteral("SELECT x FROM v WHERE ts > '2024-01-01 00:00:00' AND id IN %s"), json("[[1, 2, 3]]") },
            { QStringLiteral("select version()"), JsonValue() },
            { QStringLiteral("\n  SELECT c.oid FROM pg_class c WHERE c.relname = %(t)s\n"), json("{\"t\": \"orders\"}") },
        };
    }();
    return recorded;
}

void lookup(QByteArrayView data)
{
    static const StatementMapper mapper(recordedQueries());
    static SqlMatcher matcher(recordedQueries(), MatchPolicy::DataHub);
    const QString text = QString::fromUtf8(data.first(std::min<qsizetype>(data.size(), 4096)));
    const MappedStatement simple = mapper.map(text);
    FUZZ_CHECK(simple.source != MappedStatement::Source::Unmapped || simple.query == text,
        QStringLiteral("an unmapped statement changed its text"));
    FUZZ_CHECK(simple.record < qsizetype(recordedQueries().size()), QStringLiteral("a record beyond the recording"));
    const SqlMatch m = matcher.match(simple.query, simple.parameters);
    FUZZ_CHECK(m.record < qsizetype(recordedQueries().size()), QStringLiteral("a match beyond the recording"));
    FUZZ_CHECK((m.rule == SqlMatch::Rule::None) == (m.record < 0), QStringLiteral("a rule without a record, or the reverse"));
    // The same text as a Parse, its bytes cut into bound values (text and binary, typed and not).
    std::vector<BoundValue> bound;
    const QList<QByteArray> pieces = data.first(std::min<qsizetype>(data.size(), 512)).toByteArray().split('\x1f');
    for (qsizetype i = 0; i < pieces.size() && i < 8; ++i) {
        const QByteArray &piece = pieces[i];
        BoundValue v;
        if (!(piece.size() == 1 && piece[0] == '\0'))
            v.bytes = piece;
        v.format = qint16(i % 2);
        static const quint32 types[] = { 0, 20, 23, 21, 700, 701, 1700, 16, 17, 25, 1082, 1114, 1184 };
        v.typeOid = types[size_t(i + piece.size()) % std::size(types)];
        bound.push_back(std::move(v));
    }
    static const QString numbered[] = { QStringLiteral("SELECT * FROM t WHERE a = $1 AND b = $2"),
        QStringLiteral("SELECT $1, $2, $1 FROM u WHERE d > $3") };
    for (const QString &parse : numbered) {
        const MappedStatement b = mapper.map(parse, bound);
        (void)matcher.peek(b.query, b.parameters);
    }
    // The text as a template, with recorded parameters: rendered or refused, never a crash.
    for (const RecordedQuery &r : recordedQueries())
        (void)renderPsycopg2(text, r.parameters);
}

// ---- The server

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
    void send(QByteArrayView data)
    {
        if (m_fd >= 0 && !data.isEmpty())
            (void)::send(m_fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
    }
    void read()
    {
        char buffer[16384];
        while (m_fd >= 0) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                return;
            received += n;
        }
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
    qint64 received = 0;

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

MockPostgresServer::Options fuzzOptions(quint8 config)
{
    MockPostgresServer::Options o;
    o.limits.maxMessageBytes = MaxMessage;
    o.limits.maxConnections = 2;
    o.limits.maxStatementsPerConnection = 8;
    o.limits.maxQueuedOutput = (config & 0x10) ? (4 << 10) : (64 << 10);
    o.authentication = MockPostgresServer::Authentication(config & 3);
    o.scramPassword = QStringLiteral("pw");
    if (config & 4) {
        o.certificate = process().leaf->certificate;
        o.key = process().leaf->key;
    }
    return o;
}

class Run
{
public:
    explicit Run(quint8 config)
        : m_config(config)
        , m_server(fuzzOptions(config))
    {
        m_server.setResponder([this](PgStatement &&s) { arrived(std::move(s)); });
        QObject::connect(&m_server, &MockPostgresServer::protocolEvent, &m_server, [](const PgProtocolEvent &e) {
            if (verbose())
                std::fprintf(stderr, "  event %d %s\n", int(e.kind), qPrintable(e.detail));
            FUZZ_CHECK(!e.detail.isEmpty() && !e.peer.isEmpty(), QStringLiteral("an event without its detail"));
        });
        QObject::connect(&m_server, &MockPostgresServer::abandoned, &m_server, [this](quint64 id) {
            FUZZ_CHECK(m_handedOut.contains(id) && !m_answered.contains(id),
                QStringLiteral("abandoned(%1): not handed out, or answered already").arg(id));
            m_answered.insert(id);
            m_held.removeOne(id);
        });
        FUZZ_CHECK(m_server.listen(QHostAddress::LocalHost).ok(), QStringLiteral("cannot listen"));
        QTimer *sweep = m_server.findChild<QTimer *>(QString(), Qt::FindDirectChildrenOnly);
        FUZZ_CHECK(sweep, QStringLiteral("no sweep timer"));
        sweep->stop();
    }

    void play(QByteArrayView stream)
    {
        Client client(m_server.port());
        turn(1);
        qsizetype from = 0;
        while (from <= stream.size()) {
            qsizetype to = stream.indexOf(Marker, from);
            if (to < 0)
                to = stream.size();
            client.send(stream.sliced(from, to - from));
            turn(3);
            client.read();
            check();
            if (!(m_config & 0x20) || to < stream.size())
                answerHeld();
            turn(1);
            client.read();
            from = to + Marker.size();
        }
        client.read();
        client.reset();
        for (int i = 0; i < 50 && (m_server.connectionCount() > 0 || m_server.pendingCount() > 0); ++i)
            turn();
        FUZZ_CHECK(m_server.connectionCount() == 0,
            QStringLiteral("%1 connections left after the client went").arg(m_server.connectionCount()));
        FUZZ_CHECK(m_server.pendingCount() == 0, QStringLiteral("%1 statements still pending").arg(m_server.pendingCount()));
        // Whatever is still held (abandoned meanwhile) is answered into the void without harm.
        for (const quint64 id : std::as_const(m_held))
            m_server.answer(id, { PgResult::command("LATE") });
        m_server.close();
        turn();
    }

private:
    void check()
    {
        FUZZ_CHECK(m_server.connectionCount() <= 1, QStringLiteral("%1 connections").arg(m_server.connectionCount()));
        FUZZ_CHECK(m_server.pendingCount() <= 1, QStringLiteral("%1 pending").arg(m_server.pendingCount()));
    }

    void arrived(PgStatement &&s)
    {
        if (verbose())
            std::fprintf(stderr, "  statement %llu %s%s: %s\n", s.id, s.extended ? "extended" : "simple",
                s.describeOnly ? " describe" : "", qPrintable(s.text.left(80)));
        FUZZ_CHECK(!m_handedOut.contains(s.id), QStringLiteral("id %1 handed out twice").arg(s.id));
        m_handedOut.insert(s.id);
        FUZZ_CHECK(!s.client.user.isEmpty(), QStringLiteral("a statement from a client without a user"));
        FUZZ_CHECK(s.transaction == 'I' || s.transaction == 'T' || s.transaction == 'E',
            QStringLiteral("transaction status %1").arg(int(s.transaction)));
        FUZZ_CHECK(!s.describeOnly || !s.bound, QStringLiteral("a describe-only statement with bound values"));
        if (m_config & 8) {
            m_held.append(s.id);
            return;
        }
        answer(s);
    }

    void answerHeld()
    {
        const QList<quint64> held = std::exchange(m_held, {});
        for (const quint64 id : held) {
            if (m_answered.contains(id))
                continue;
            PgStatement s;
            s.id = id;
            s.text = QStringLiteral("select 1; begin; fail");
            answer(s);
        }
    }

    PgResult resultFor(QStringView statement, char transaction) const
    {
        static const ServerFacts facts { "PostgreSQL 15.0", "15.0", "UTC", "u", "db" };
        if (const auto b = builtinAnswer(statement, facts, transaction)) {
            PgResult r;
            switch (b->kind) {
            case BuiltinStatement::Kind::Command:
                r = PgResult::command(b->tag);
                break;
            case BuiltinStatement::Kind::Value:
            case BuiltinStatement::Kind::NoRows: {
                r.kind = PgResult::Kind::Rows;
                r.tag = b->tag;
                for (qsizetype i = 0; i < b->columns.size(); ++i)
                    r.fields.append(pg::FieldDescription { b->columns[i], 0, 0, i < b->types.size() ? b->types[i] : 25, -1, -1, 0 });
                std::vector<std::vector<std::optional<QByteArray>>> rows;
                if (b->kind == BuiltinStatement::Kind::Value)
                    rows.push_back({ b->value });
                r.rows = std::make_shared<PgTextRows>(std::move(rows));
                break;
            }
            }
            if (!b->reportedSetting.isEmpty())
                r.parameterStatus.append({ b->reportedSetting, b->reportedValue });
            return r;
        }
        switch (qHash(statement) % 5) {
        case 0:
            return PgResult::failure("P0001", QStringLiteral("failed: %1").arg(statement.left(40)));
        case 1:
            return PgResult::command("INSERT 0 1");
        case 2: {
            PgResult r;
            r.kind = PgResult::Kind::Empty;
            return r;
        }
        default: {
            PgResult r;
            r.kind = PgResult::Kind::Rows;
            r.fields = { pg::FieldDescription { "n", 0, 0, 23, 4, -1, 0 }, pg::FieldDescription { "v", 0, 0, 25, -1, -1, 0 } };
            std::vector<std::vector<std::optional<QByteArray>>> rows;
            const int count = int(qHash(statement) % 40);
            for (int i = 0; i < count; ++i)
                rows.push_back({ QByteArray::number(i), i % 3 ? std::optional<QByteArray>(QByteArray(i * 50, 'x')) : std::nullopt });
            r.rows = std::make_shared<PgTextRows>(std::move(rows));
            return r;
        }
        }
    }

    void answer(const PgStatement &s)
    {
        m_answered.insert(s.id);
        QList<PgResult> results;
        if (s.extended) {
            results.append(resultFor(s.text, s.transaction));
        } else {
            for (const QStringView part : splitSqlStatements(s.text)) {
                results.append(resultFor(part, s.transaction));
                if (results.last().kind == PgResult::Kind::Error)
                    break;
            }
        }
        m_server.answer(s.id, results);
    }

    quint8 m_config;
    MockPostgresServer m_server;
    QList<quint64> m_held;
    QSet<quint64> m_handedOut;
    QSet<quint64> m_answered;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    process();
    FuzzInput in(data, size);
    const quint8 config = in.byte();
    const QByteArrayView stream = in.rest();
    codec(stream, config);
    statements(stream);
    lookup(stream);
    Run run(config);
    run.play(stream);
    return 0;
}
