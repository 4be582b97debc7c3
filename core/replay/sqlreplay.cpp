// SPDX-License-Identifier: MIT
#include "core/replay/sqlreplay.h"

#include "core/replay/pgstatement.h"
#include "core/replay/pgbuiltin.h"
#include "core/replay/pgtext.h"
#include "core/replay/sqlnormalize.h"

#include <QRegularExpression>

namespace tapedeck::replay {

// A record's rows as DataRow messages, rendered once (for records served again and again).
struct EncodedRows
{
    QByteArray data;
    std::vector<qsizetype> offsets; // where each row's message begins; one more at the end
};

namespace {

void appendRenderedRow(const SqlQuery &record, const PgColumns &columns, qsizetype row, QByteArray &out)
{
    const JsonValue &value = record.rows[size_t(row)];
    const std::vector<const JsonValue *> cells = PgText::rowValues(value, columns);
    std::vector<std::optional<QByteArray>> texts;
    texts.reserve(cells.size());
    for (size_t i = 0; i < cells.size(); ++i)
        texts.push_back(cells[i] ? pgTextValue(*cells[i], columns.columns[qsizetype(i)]) : std::nullopt);
    pg::PgProtocol::dataRow(out, texts);
}

// The recorded rows [from, from + count) of a record: copied from its encoded rows, or rendered as
// PostgreSQL's text when the client reads them (a record too large to keep encoded).
class RecordedRows : public PgRowSource
{
public:
    RecordedRows(std::shared_ptr<const SqlQuery> record, std::shared_ptr<const PgColumns> columns,
        std::shared_ptr<const EncodedRows> encoded, qsizetype from, qsizetype count)
        : m_record(std::move(record))
        , m_columns(std::move(columns))
        , m_encoded(std::move(encoded))
        , m_from(from)
        , m_count(count)
    { }
    qsizetype rowCount() const override { return m_count; }
    void appendDataRow(qsizetype row, QByteArray &out) const override
    {
        if (m_encoded) {
            const size_t at = size_t(m_from + row);
            out.append(m_encoded->data.constData() + m_encoded->offsets[at], m_encoded->offsets[at + 1] - m_encoded->offsets[at]);
            return;
        }
        appendRenderedRow(*m_record, *m_columns, m_from + row, out);
    }

private:
    std::shared_ptr<const SqlQuery> m_record;
    std::shared_ptr<const PgColumns> m_columns;
    std::shared_ptr<const EncodedRows> m_encoded;
    qsizetype m_from;
    qsizetype m_count;
};

QList<pg::FieldDescription> fieldsOf(const PgColumns &columns)
{
    QList<pg::FieldDescription> fields;
    fields.reserve(columns.columns.size());
    for (const PgColumn &c : columns.columns) {
        pg::FieldDescription f;
        f.name = c.name.toUtf8();
        f.typeOid = c.typeOid;
        f.typeLength = c.typeLength;
        f.typeModifier = c.typeModifier;
        fields.append(f);
    }
    return fields;
}

// The columns of a built-in answer (text unless it says otherwise).
QList<pg::FieldDescription> builtinFields(const BuiltinStatement &b)
{
    QList<pg::FieldDescription> fields;
    for (qsizetype i = 0; i < b.columns.size(); ++i) {
        pg::FieldDescription f;
        f.name = b.columns[i];
        f.typeOid = b.types.value(i, 25);
        f.typeLength = PgText::typeLength(f.typeOid);
        fields.append(f);
    }
    return fields;
}

// The tag PostgreSQL sends for a statement that returned no rows (DataHub records rowcount, not the tag).
QByteArray commandTagFor(QStringView statement, std::optional<qint64> rowCount)
{
    const QString c = canonicalSql(statement);
    const QStringList w = c.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (w.isEmpty())
        return {};
    const QByteArray n = QByteArray::number(std::max<qint64>(0, rowCount.value_or(0)));
    const QString first = w[0];
    if (first == u"insert")
        return "INSERT 0 " + n;
    if (first == u"update" || first == u"delete" || first == u"merge" || first == u"copy" || first == u"select"
        || first == u"fetch" || first == u"move")
        return first.toUpper().toUtf8() + ' ' + n;
    if (first == u"create" || first == u"drop" || first == u"alter") {
        static const QStringList skip { QStringLiteral("or"), QStringLiteral("replace"), QStringLiteral("temp"),
            QStringLiteral("temporary"), QStringLiteral("unique"), QStringLiteral("unlogged"), QStringLiteral("global"),
            QStringLiteral("local"), QStringLiteral("materialized"), QStringLiteral("recursive") };
        QString object;
        for (int i = 1; i < w.size() && object.isEmpty(); ++i) {
            if (!skip.contains(w[i]))
                object = w[i];
        }
        if (w.contains(QStringLiteral("materialized")))
            object = QStringLiteral("materialized view");
        return (first + QLatin1Char(' ') + object).toUpper().toUtf8();
    }
    return first.toUpper().toUtf8();
}

// The SQLSTATE PostgreSQL gives the errors sources meet most (the recording keeps only str(exception)).
QByteArray sqlStateFor(const QString &message)
{
    struct Rule
    {
        const char *pattern;
        const char *code;
    };
    static const Rule rules[] = {
        { "^relation \".*\" does not exist", "42P01" },
        { "^column .* does not exist", "42703" },
        { "^function .* does not exist", "42883" },
        { "^schema \".*\" does not exist", "3F000" },
        { "^permission denied", "42501" },
        { "^syntax error", "42601" },
        { "^division by zero", "22012" },
        { "^canceling statement due to statement timeout", "57014" },
        { "^current transaction is aborted", "25P02" },
        { "^could not serialize access", "40001" },
        { "^deadlock detected", "40P01" },
        { "^duplicate key value violates unique constraint", "23505" },
        { "^invalid input syntax", "22P02" },
    };
    static const std::vector<QRegularExpression> compiled = [] {
        std::vector<QRegularExpression> out;
        for (const Rule &r : rules)
            out.emplace_back(QString::fromLatin1(r.pattern));
        return out;
    }();
    for (size_t i = 0; i < compiled.size(); ++i) {
        if (compiled[i].match(message).hasMatch())
            return rules[i].code;
    }
    return "XX000";
}

std::optional<std::vector<BoundValue>> boundValues(const PgStatement &statement)
{
    if (!statement.bound)
        return std::nullopt;
    std::vector<BoundValue> out;
    out.reserve(statement.bound->size());
    for (const PgBoundValue &v : *statement.bound)
        out.push_back(BoundValue { v.data, v.format, v.typeOid });
    return out;
}

// What an event's texts hold in memory (a shared string counts as if it were its own: an upper bound).
qint64 payloadBytes(const ReplaySqlEvent &e)
{
    return (qint64(e.statement.size()) + e.query.size()) * qint64(sizeof(QChar));
}

QString shortText(QStringView text, qsizetype max = 200)
{
    QString s = text.toString();
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (s.size() > max)
        s = s.left(max) + QStringLiteral("…");
    return s;
}

// The highest $n of a Parse text (outside nothing: a rough count for describing an unbound statement).
int highestParameter(QStringView text)
{
    static const QRegularExpression re(QStringLiteral("\\$([0-9]{1,5})"));
    int highest = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext())
        highest = std::max(highest, it.next().captured(1).toInt());
    return highest;
}

} // namespace

pg::ServerError recordedError(const QString &recorded, QStringView statement)
{
    // str(exception) of psycopg2 is libpq's message without its "ERROR:  " prefix: the primary message,
    // then "LINE n: …" and a caret line when the server gave a position, then "DETAIL:  …", "HINT:  …",
    // "CONTEXT:  …" lines. They go back into their fields, so the client composes the same text again.
    pg::ServerError e;
    const QStringList lines = recorded.split(QLatin1Char('\n'));
    e.message = lines.value(0);
    QString *field = &e.message;
    static const QRegularExpression lineRe(QStringLiteral("^LINE ([0-9]+): (.*)$"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.isEmpty())
            continue;
        if (const QRegularExpressionMatch m = lineRe.match(line); m.hasMatch() && i + 1 < lines.size()) {
            const qsizetype caret = lines[i + 1].indexOf(QLatin1Char('^'));
            const qsizetype prefix = m.capturedStart(2);
            QString fragment = m.captured(2);
            qsizetype column = caret - prefix;
            bool cutAtStart = false;
            if (fragment.startsWith(QLatin1String("..."))) {
                fragment.remove(0, 3);
                column -= 3;
                cutAtStart = true;
            }
            if (fragment.endsWith(QLatin1String("...")))
                fragment.chop(3);
            // Where that line starts in the statement, and the fragment in it (libpq cuts long lines).
            const int wanted = m.captured(1).toInt();
            qsizetype lineStart = 0;
            for (int n = 1; n < wanted && lineStart >= 0; ++n) {
                lineStart = statement.indexOf(QLatin1Char('\n'), lineStart);
                if (lineStart >= 0)
                    ++lineStart;
            }
            if (caret >= 0 && column >= 0 && lineStart >= 0) {
                const qsizetype lineEnd = statement.indexOf(QLatin1Char('\n'), lineStart);
                const QStringView sourceLine = statement.sliced(lineStart, (lineEnd < 0 ? statement.size() : lineEnd) - lineStart);
                const qsizetype at = cutAtStart ? sourceLine.indexOf(fragment) : (sourceLine.startsWith(fragment) ? 0 : -1);
                if (at >= 0)
                    e.position = int(lineStart + at + column + 1);
            }
            ++i; // the caret line
            continue;
        }
        if (line.startsWith(QLatin1String("DETAIL:  "))) {
            e.detail = line.mid(9);
            field = &e.detail;
        } else if (line.startsWith(QLatin1String("HINT:  "))) {
            e.hint = line.mid(7);
            field = &e.hint;
        } else if (line.startsWith(QLatin1String("CONTEXT:  ")) || line.startsWith(QLatin1String("QUERY:  "))) {
            field = nullptr; // libpq adds what it knows of these itself
        } else if (field) {
            *field += QLatin1Char('\n') + line;
        }
    }
    e.code = sqlStateFor(e.message);
    return e;
}

SqlReplay::SqlReplay(std::shared_ptr<const QueryLog> log, Options options, QObject *parent)
    : QObject(parent)
    , m_log(std::move(log))
    , m_options(std::move(options))
{
    std::vector<RecordedQuery> recorded;
    recorded.reserve(size_t(m_log->size()));
    for (qsizetype i = 0; i < m_log->size(); ++i) {
        Result<SqlQuery> q = m_log->query(i, QueryLog::Detail::Lookup);
        if (q)
            recorded.push_back({ q->query, q->parameters });
        else
            recorded.push_back({}); // keeps record numbers aligned; an empty query matches nothing real
    }
    m_mapper = std::make_unique<StatementMapper>(recorded);
    m_matcher = std::make_unique<SqlMatcher>(std::move(recorded), m_options.policy);
    auto [serverVersion, version] = serverVersionOf(*m_log);
    m_options.server.serverVersion = serverVersion;
    m_version = version;
}

SqlReplay::~SqlReplay() = default;

std::pair<QByteArray, QByteArray> SqlReplay::serverVersionOf(const QueryLog &log)
{
    static const QRegularExpression versionNumber(QStringLiteral("^PostgreSQL ([0-9]+(?:\\.[0-9]+)?)"));
    for (qsizetype i = 0; i < log.size(); ++i) {
        if (log.entry(i).resultCount != 1)
            continue;
        Result<SqlQuery> q = log.query(i, QueryLog::Detail::Full);
        if (!q || q->rows.empty())
            continue;
        const QString c = canonicalSql(q->query);
        if (c != u"select version()" && c != u"select pg_catalog.version()")
            continue;
        const JsonObject row = q->rows.front().toObject();
        if (row.empty())
            continue;
        const QString version = row.begin()->value.toString();
        const QRegularExpressionMatch m = versionNumber.match(version);
        if (m.hasMatch())
            return { m.captured(1).toUtf8() + " (Tapedeck replay)", version.toUtf8() };
    }
    return { QByteArrayLiteral("15.0 (Tapedeck replay)"),
        QByteArrayLiteral("PostgreSQL 15.0 (Tapedeck replay of a recording) on x86_64-pc-linux-gnu, 64-bit") };
}

Status SqlReplay::start()
{
    m_server = std::make_unique<MockPostgresServer>(m_options.server);
    connect(m_server.get(), &MockPostgresServer::protocolEvent, this, [this](const PgProtocolEvent &e) { m_protocol.append(e); });
    connect(m_server.get(), &MockPostgresServer::connectionClosed, this, [this](quint64 c) { m_cursors.remove(c); });
    connect(m_server.get(), &MockPostgresServer::abandoned, this, &SqlReplay::abandon);
    m_server->setResponder([this](PgStatement &&statement) { respond(std::move(statement)); });
    const Status listening = m_server->listen(m_options.address, m_options.port);
    if (listening)
        m_url = m_server->url();
    return listening;
}

void SqlReplay::stop()
{
    if (m_server)
        m_server->close();
}

QString SqlReplay::url() const
{
    return m_url;
}

QString SqlReplay::mappingName(int source)
{
    switch (MappedStatement::Source(source)) {
    case MappedStatement::Source::Verbatim: return QStringLiteral("verbatim");
    case MappedStatement::Source::Literals: return QStringLiteral("literals");
    case MappedStatement::Source::Bindings: return QStringLiteral("bindings");
    case MappedStatement::Source::Unmapped: break;
    }
    return QStringLiteral("unmapped");
}

QString SqlReplay::ruleName(SqlMatch::Rule rule)
{
    switch (rule) {
    case SqlMatch::Rule::Exact: return QStringLiteral("exact");
    case SqlMatch::Rule::Normalized: return QStringLiteral("normalized");
    case SqlMatch::Rule::Fuzzy: return QStringLiteral("fuzzy");
    case SqlMatch::Rule::None: break;
    }
    return {};
}

ReplaySqlEvent &SqlReplay::newEvent(const PgStatement &statement, QStringView text)
{
    // The Query's own string when this is all of it (shared, not copied).
    QString kept = text.size() == statement.text.size() && text.data() == statement.text.data() ? statement.text : text.toString();
    if (m_reuse >= 0) {
        // A held statement being answered: its event (shown while it waited) becomes its first statement's.
        ReplaySqlEvent &held = m_events[size_t(std::exchange(m_reuse, -1))];
        ReplaySqlEvent fresh;
        fresh.id = held.id;
        fresh.index = held.index;
        fresh.arrived = held.arrived;
        fresh.connection = held.connection;
        fresh.peer = held.peer;
        fresh.extended = held.extended;
        fresh.statement = std::move(kept);
        held = std::move(fresh);
        return held;
    }
    ReplaySqlEvent e;
    e.id = statement.id;
    e.index = qsizetype(m_events.size());
    e.arrived = statement.arrived;
    e.connection = statement.client.connection;
    e.peer = statement.client.peer;
    e.statement = std::move(kept);
    e.extended = statement.extended;
    m_events.push_back(std::move(e));
    emit statementArrived(m_events.back().index);
    return m_events.back();
}

void SqlReplay::finish(ReplaySqlEvent &event, const PgResult &result)
{
    event.answered = QDateTime::currentDateTimeUtc();
    switch (result.kind) {
    case PgResult::Kind::Rows:
        event.rows = result.rows ? result.rows->rowCount() : 0;
        event.tag = result.tag.isEmpty() ? "SELECT " + QByteArray::number(event.rows) : result.tag;
        break;
    case PgResult::Kind::Command:
        event.tag = result.tag;
        break;
    case PgResult::Kind::Empty:
        break;
    case PgResult::Kind::Error:
        event.error = result.error.message;
        break;
    }
    if (event.outcome == ReplayOutcome::Pending)
        event.outcome = event.builtin ? ReplayOutcome::Builtin : ReplayOutcome::Matched;
    m_payloadBytes += payloadBytes(event);
    emit statementAnswered(event.index);
    if (m_payloadBytes > m_options.payloadBudget)
        trimPayloads();
}

void SqlReplay::trimPayloads()
{
    // Oldest first, down to three quarters of the budget (not one statement at a time at the limit).
    const qint64 target = m_options.payloadBudget / 4 * 3;
    while (m_payloadBytes > target && m_trimmedUpTo < qsizetype(m_events.size())) {
        ReplaySqlEvent &e = m_events[size_t(m_trimmedUpTo++)];
        if (e.payloadDropped || e.outcome == ReplayOutcome::Pending || e.outcome == ReplayOutcome::Held)
            continue;
        m_payloadBytes -= payloadBytes(e);
        e.statement.clear();
        e.statement.squeeze();
        e.query.clear();
        e.query.squeeze();
        e.parameters = JsonValue();
        e.payloadDropped = true;
    }
}

void SqlReplay::respond(PgStatement &&statement)
{
    if (m_hold && !statement.describeOnly && statement.transaction != 'E') {
        ReplaySqlEvent event = prospect(statement);
        if (m_hold(event)) {
            event.outcome = ReplayOutcome::Held;
            event.index = qsizetype(m_events.size());
            m_events.push_back(std::move(event));
            const qsizetype index = m_events.back().index;
            m_heldById.insert(statement.id, index);
            m_heldStatements.insert(index, std::move(statement));
            m_held.append(index);
            emit statementArrived(index);
            emit statementHeld(index);
            return;
        }
    }
    answerStatement(statement);
}

ReplaySqlEvent SqlReplay::prospect(const PgStatement &statement) const
{
    // What answering it now would do, without serving anything: for the hold predicate, and for whoever
    // looks at it while it waits.
    ReplaySqlEvent e;
    e.id = statement.id;
    e.arrived = statement.arrived;
    e.connection = statement.client.connection;
    e.peer = statement.client.peer;
    e.statement = statement.text;
    e.extended = statement.extended;
    const QList<QStringView> parts = splitSqlStatements(statement.text);
    const QStringView first = parts.isEmpty() ? QStringView(statement.text) : parts.front();
    QString text = statement.text;
    const QString keyword = firstKeyword(first);
    if (keyword == u"declare") {
        if (const std::optional<DeclareCursor> declare = parseDeclareCursor(first)) {
            e.cursor = declare->name;
            text = declare->query;
        }
    } else if (keyword == u"fetch" || keyword == u"move" || keyword == u"close") {
        if (const std::optional<FetchCursor> f = parseFetchCursor(first))
            e.cursor = f->name;
        e.builtin = keyword == u"close";
        e.outcome = e.builtin ? ReplayOutcome::Builtin : ReplayOutcome::Matched;
        return e;
    }
    const MappedStatement mapped = mapStatement(text, statement.extended ? boundValues(statement) : std::nullopt);
    e.query = mapped.query;
    e.parameters = mapped.parameters;
    e.mapping = mappingName(int(mapped.source));
    SqlMatch match = m_matcher->peek(mapped.query, mapped.parameters, false);
    if (match.rule == SqlMatch::Rule::None) {
        const ServerFacts facts { m_version, m_options.server.serverVersion, m_options.server.timeZone,
            statement.client.user.toUtf8(), statement.client.database.toUtf8() };
        if (builtinAnswer(first, facts, statement.transaction) || first.trimmed().isEmpty()) {
            e.builtin = true;
            e.outcome = ReplayOutcome::Builtin;
            return e;
        }
        match = m_matcher->peek(mapped.query, mapped.parameters, true);
    }
    if (match.rule == SqlMatch::Rule::None) {
        e.outcome = ReplayOutcome::Unmatched;
        e.candidates = m_matcher->nearest(e.query.isEmpty() ? statement.text : e.query, e.parameters, 3);
        return e;
    }
    e.outcome = ReplayOutcome::Matched;
    e.record = match.record;
    e.rule = match.rule;
    e.ratio = match.ratio;
    e.sameKey = match.sameKey;
    e.served = match.served;
    return e;
}

void SqlReplay::release(qsizetype index)
{
    const auto it = m_heldStatements.find(index);
    if (it == m_heldStatements.end())
        return;
    const PgStatement statement = std::move(it.value());
    m_heldStatements.erase(it);
    m_heldById.remove(statement.id);
    m_held.removeOne(index);
    m_reuse = index;
    answerStatement(statement);
    if (std::exchange(m_reuse, -1) >= 0) {
        // Nothing in it to answer (an empty Query string): the server sent EmptyQueryResponse.
        ReplaySqlEvent &event = m_events[size_t(index)];
        event.outcome = ReplayOutcome::Builtin;
        event.builtin = true;
        PgResult empty;
        empty.kind = PgResult::Kind::Empty;
        finish(event, empty);
    }
}

void SqlReplay::releaseAll()
{
    const QList<qsizetype> held = m_held;
    for (const qsizetype index : held)
        release(index);
}

void SqlReplay::answerError(qsizetype index, const QString &message, const QByteArray &sqlState)
{
    const auto it = m_heldStatements.find(index);
    if (it == m_heldStatements.end())
        return;
    const quint64 id = it->id;
    m_heldStatements.erase(it);
    m_heldById.remove(id);
    m_held.removeOne(index);
    ReplaySqlEvent &event = m_events[size_t(index)];
    event.outcome = ReplayOutcome::Errored;
    const PgResult result = PgResult::failure(sqlState.size() == 5 ? sqlState : QByteArrayLiteral("XX000"),
        message.isEmpty() ? tr("Tapedeck replay: answered with an error by the user") : message);
    finish(event, result);
    m_server->answer(id, { result });
}

void SqlReplay::abandon(quint64 id)
{
    const auto it = m_heldById.find(id);
    if (it == m_heldById.end())
        return;
    const qsizetype index = it.value();
    m_heldById.erase(it);
    m_heldStatements.remove(index);
    m_held.removeOne(index);
    ReplaySqlEvent &event = m_events[size_t(index)];
    event.outcome = ReplayOutcome::Abandoned;
    event.answered = QDateTime::currentDateTimeUtc();
    emit statementAnswered(index);
}

void SqlReplay::answerStatement(const PgStatement &statement)
{
    QList<PgResult> results;
    if (statement.describeOnly) {
        results.append(describe(statement));
    } else if (statement.extended) {
        char transaction = statement.transaction;
        const bool unbound = !statement.bound || statement.bound->empty();
        const auto cached = unbound ? m_decisions.constFind(decisionKey(statement.text, true)) : m_decisions.constEnd();
        if (cached != m_decisions.constEnd())
            results.append(answerOne(statement, statement.text, transaction, &cached->mapped, &cached->match));
        else
            results.append(answerOne(statement, extendedText(statement), transaction));
    } else {
        char transaction = statement.transaction;
        const QList<QStringView> parts = splitSqlStatements(statement.text);
        // The string as sent first: a recorded execute() may hold several statements, or end with a
        // semicolon, and a template keeps its leading and trailing whitespace, which the text mapped back
        // onto it must keep too.
        bool whole = false;
        MappedStatement mapped;
        if (const auto cached = m_decisions.constFind(decisionKey(statement.text, false)); cached != m_decisions.constEnd()) {
            results.append(answerOne(statement, statement.text, transaction, &cached->mapped, &cached->match));
            m_server->answer(statement.id, std::move(results));
            return;
        }
        if (!parts.isEmpty()) {
            mapped = mapStatement(statement.text);
            whole = mapsOntoRecording(mapped);
        }
        if (whole) {
            results.append(answerOne(statement, statement.text, transaction, &mapped));
        } else {
            for (const QStringView part : parts) {
                results.append(answerOne(statement, part, transaction));
                if (results.back().kind == PgResult::Kind::Error)
                    break;
            }
        }
    }
    m_server->answer(statement.id, std::move(results));
}

QStringView SqlReplay::extendedText(const PgStatement &statement) const
{
    // One statement (the extended protocol takes no more): as sent when that maps onto a recording, else
    // without the semicolon and whitespace a tool may have left around it (pgbench sends "…;").
    const QList<QStringView> parts = splitSqlStatements(statement.text);
    if (parts.size() != 1 || parts.front().size() == statement.text.size())
        return statement.text;
    const std::optional<std::vector<BoundValue>> bound = boundValues(statement);
    if (mapsOntoRecording(mapStatement(statement.text, bound)))
        return statement.text;
    return parts.front();
}

bool SqlReplay::mapsOntoRecording(const MappedStatement &mapped) const
{
    // Read back onto a recorded template, or recorded by key as it is (no fuzzy scan).
    return mapped.source != MappedStatement::Source::Unmapped
        || m_matcher->peek(mapped.query, mapped.parameters, false).rule != SqlMatch::Rule::None;
}

MappedStatement SqlReplay::mapStatement(const QString &text, const std::optional<std::vector<BoundValue>> &bound) const
{
    // Statements longer than any template a source writes are looked up as they are: mapping a text is
    // linear in its length but not free, and one connection's 64 MiB statement must not hold up the others.
    if (text.size() > MaxMappedStatement) {
        MappedStatement out;
        out.query = text;
        return out;
    }
    return m_mapper->map(text, bound);
}

QString SqlReplay::decisionKey(const QString &text, bool extended)
{
    return (extended ? QLatin1Char('E') : QLatin1Char('Q')) + text;
}

PgResult SqlReplay::answerOne(const PgStatement &statement, QStringView text, char &transaction, const MappedStatement *known,
    const SqlMatch *decided)
{
    ReplaySqlEvent &event = newEvent(statement, text);
    const ServerFacts facts { m_version, m_options.server.serverVersion, m_options.server.timeZone,
        statement.client.user.toUtf8(), statement.client.database.toUtf8() };
    auto done = [&](PgResult result) {
        // The transaction status after this statement, as the server tracks it (for the next one of a Query).
        if (result.kind == PgResult::Kind::Error) {
            if (transaction == 'T')
                transaction = 'E';
        } else if (result.kind == PgResult::Kind::Command) {
            if (result.tag == "BEGIN" || result.tag == "START TRANSACTION")
                transaction = transaction == 'I' ? 'T' : transaction;
            else if (result.tag == "COMMIT" || result.tag == "ROLLBACK")
                transaction = 'I';
        }
        finish(event, result);
        return result;
    };
    auto builtinResult = [&](const BuiltinStatement &b) {
        event.builtin = true;
        PgResult r;
        if (b.kind == BuiltinStatement::Kind::Command) {
            r = PgResult::command(b.tag);
        } else {
            r.kind = PgResult::Kind::Rows;
            r.tag = b.tag;
            r.fields = builtinFields(b);
            std::vector<std::vector<std::optional<QByteArray>>> rows;
            if (b.kind == BuiltinStatement::Kind::Value)
                rows.push_back({ b.value });
            r.rows = std::make_shared<PgTextRows>(std::move(rows));
        }
        if (!b.reportedSetting.isEmpty())
            r.parameterStatus.append({ b.reportedSetting, b.reportedValue });
        return r;
    };

    if (transaction == 'E') {
        if (const std::optional<BuiltinStatement> b = builtinAnswer(text, facts, transaction))
            return done(builtinResult(*b));
        event.builtin = true;
        return done(PgResult::failure("25P02", tr("current transaction is aborted, commands ignored until end of transaction block")));
    }

    // psycopg2's named cursors: DECLARE … CURSOR FOR q is q's lookup; FETCH and MOVE read its rows.
    const QString keyword = firstKeyword(text);
    const bool cursorStatement = keyword == u"declare" || keyword == u"fetch" || keyword == u"move" || keyword == u"close";
    if (const std::optional<DeclareCursor> declare = cursorStatement ? parseDeclareCursor(text) : std::nullopt) {
        event.cursor = declare->name;
        const MappedStatement mapped = mapStatement(declare->query);
        event.query = mapped.query;
        event.parameters = mapped.parameters;
        event.mapping = mappingName(int(mapped.source));
        const SqlMatch match = m_matcher->match(mapped.query, mapped.parameters);
        if (match.rule == SqlMatch::Rule::None)
            return done(miss(event, declare->query));
        event.record = match.record;
        event.rule = match.rule;
        event.ratio = match.ratio;
        event.sameKey = match.sameKey;
        event.served = match.served;
        std::shared_ptr<const SqlQuery> record = loadRecord(match.record);
        if (!record)
            return done(PgResult::failure("XX000", tr("recorded query at line %1 cannot be read").arg(recordLine(match.record))));
        if (record->replayRaises())
            return done(PgResult::failure(sqlStateFor(*record->error), *record->error));
        if (declare->binary)
            return done(PgResult::failure("0A000", tr("the replay endpoint sends results in text format only")));
        m_cursors[statement.client.connection].insert(declare->name, Cursor { record, columnsOf(match.record, *record), 0, event.index });
        return done(PgResult::command("DECLARE CURSOR"));
    }
    if (const std::optional<FetchCursor> f = cursorStatement ? parseFetchCursor(text) : std::nullopt) {
        if (f->backward)
            return done(PgResult::failure("0A000", tr("the replay endpoint moves cursors forward only")));
        return done(fetch(event, statement.client.connection, f->name, f->count, f->move));
    }
    if (const std::optional<QString> close = cursorStatement ? parseCloseCursor(text) : std::nullopt) {
        event.builtin = true;
        event.cursor = *close;
        auto &cursors = m_cursors[statement.client.connection];
        if (close->isEmpty()) {
            cursors.clear();
        } else if (cursors.remove(*close) == 0) {
            return done(PgResult::failure("34000", tr("cursor \"%1\" does not exist").arg(*close)));
        }
        return done(PgResult::command(close->isEmpty() ? "CLOSE CURSOR ALL" : "CLOSE CURSOR"));
    }

    const MappedStatement mapped = known ? *known : mapStatement(text.toString(), boundValues(statement));
    event.query = mapped.query;
    event.parameters = mapped.parameters;
    event.mapping = mappingName(int(mapped.source));
    // The keys first (hashed); what drivers send on their own is answered as PostgreSQL would unless the
    // recording has it by key; only then DataHub's fuzzy scan.
    if (decided) {
        // The same text as before, under DataHub's policy: the same recording answers (its lookup depends on
        // the text and the recording only); only the served count moves.
        event.record = decided->record;
        event.rule = decided->rule;
        event.ratio = decided->ratio;
        event.sameKey = decided->sameKey;
        event.served = m_matcher->noteServed(decided->record);
        return done(serveRecord(event, decided->record, text));
    }
    const SqlMatch byKey = m_matcher->peek(mapped.query, mapped.parameters, false);
    if (byKey.rule == SqlMatch::Rule::None) {
        if (const std::optional<BuiltinStatement> b = builtinAnswer(text, facts, transaction))
            return done(builtinResult(*b));
        if (text.trimmed().isEmpty()) {
            event.builtin = true;
            PgResult empty;
            empty.kind = PgResult::Kind::Empty;
            return done(empty);
        }
    }
    const SqlMatch match = m_matcher->match(mapped.query, mapped.parameters);
    if (match.rule == SqlMatch::Rule::None)
        return done(miss(event, text));
    event.record = match.record;
    event.rule = match.rule;
    event.ratio = match.ratio;
    event.sameKey = match.sameKey;
    event.served = match.served;
    // Remembered for the next time this exact text arrives (DataHub's policy only: sequential hands out
    // the next recording each time). Texts with bound values are not remembered (the values decide).
    const bool unbound = !statement.bound || statement.bound->empty();
    // The whole text decides (a Parse's text, or a Query's string holding this one statement).
    const bool alone = statement.extended || text.size() == statement.text.size() || splitSqlStatements(statement.text).size() == 1;
    if (m_options.policy == MatchPolicy::DataHub && unbound && alone) {
        if (m_decisions.size() >= MaxDecisions)
            m_decisions.clear();
        m_decisions.insert(decisionKey(statement.text, statement.extended), Decision { mapped, match });
    }
    return done(serveRecord(event, match.record, text));
}

PgResult SqlReplay::serveRecord(ReplaySqlEvent &event, qsizetype record, QStringView text)
{
    Q_UNUSED(event);
    std::shared_ptr<const SqlQuery> q = loadRecord(record);
    if (!q)
        return PgResult::failure("XX000", tr("recorded query at line %1 cannot be read").arg(recordLine(record)));
    if (q->replayRaises()) {
        PgResult r;
        r.kind = PgResult::Kind::Error;
        r.error = recordedError(*q->error, text);
        return r;
    }
    const bool hasDescription = q->description.isArray() || !q->rows.empty();
    if (!hasDescription)
        return PgResult::command(commandTagFor(text, q->rowCount));
    PgResult r;
    r.kind = PgResult::Kind::Rows;
    const std::shared_ptr<const PgColumns> columns = columnsOf(record, *q);
    r.fields = fieldsOf(*columns);
    r.rows = std::make_shared<RecordedRows>(q, columns, encodedRows(record, *q, *columns), 0, qsizetype(q->rows.size()));
    const QString first = firstKeyword(text);
    // A statement with RETURNING reports its command (INSERT 0 n …), a query SELECT n.
    if (first == u"insert" || first == u"update" || first == u"delete")
        r.tag = commandTagFor(text, qsizetype(q->rows.size()));
    return r;
}

PgResult SqlReplay::fetch(ReplaySqlEvent &event, quint64 connection, const QString &name, qint64 count, bool move)
{
    event.cursor = name;
    auto connectionCursors = m_cursors.find(connection);
    if (connectionCursors == m_cursors.end() || !connectionCursors->contains(name)) {
        event.builtin = true;
        return PgResult::failure("34000", tr("cursor \"%1\" does not exist").arg(name));
    }
    Cursor &cursor = (*connectionCursors)[name];
    const qsizetype total = qsizetype(cursor.record->rows.size());
    const qsizetype left = total - cursor.next;
    const qsizetype n = count < 0 ? left : std::min<qsizetype>(left, qsizetype(count));
    const qsizetype from = cursor.next;
    cursor.next += n;
    const ReplaySqlEvent &declared = m_events[size_t(cursor.event)];
    event.query = declared.query;
    event.parameters = declared.parameters;
    event.record = declared.record;
    event.rule = declared.rule;
    if (move)
        return PgResult::command("MOVE " + QByteArray::number(n));
    PgResult r;
    r.kind = PgResult::Kind::Rows;
    r.fields = fieldsOf(*cursor.columns);
    r.rows = std::make_shared<RecordedRows>(cursor.record, cursor.columns, nullptr, from, n);
    r.tag = "FETCH " + QByteArray::number(n);
    return r;
}

PgResult SqlReplay::describe(const PgStatement &statement)
{
    // Parse, then Describe before Bind: the columns of the recorded template, nothing served.
    std::vector<BoundValue> nulls(size_t(std::max<qsizetype>(statement.parameterTypes.size(), highestParameter(statement.text))));
    const MappedStatement mapped = mapStatement(statement.text, nulls);
    SqlMatch peek = m_matcher->peek(mapped.query, mapped.parameters);
    const qsizetype record = peek.record >= 0 ? peek.record : mapped.record;
    if (record >= 0) {
        if (std::shared_ptr<const SqlQuery> q = loadRecord(record); q && !q->replayRaises()
            && (q->description.isArray() || !q->rows.empty())) {
            PgResult r;
            r.kind = PgResult::Kind::Rows;
            r.fields = fieldsOf(*columnsOf(record, *q));
            return r;
        }
        return PgResult::command({});
    }
    const ServerFacts facts { m_version, m_options.server.serverVersion, m_options.server.timeZone, {}, {} };
    if (const std::optional<BuiltinStatement> b = builtinAnswer(statement.text, facts, statement.transaction);
        b && b->kind != BuiltinStatement::Kind::Command) {
        PgResult r;
        r.kind = PgResult::Kind::Rows;
        r.fields = builtinFields(*b);
        return r;
    }
    return PgResult::command({});
}

PgResult SqlReplay::miss(ReplaySqlEvent &event, QStringView text)
{
    event.outcome = ReplayOutcome::Unmatched;
    event.candidates = m_matcher->nearest(event.query.isEmpty() ? text.toString() : event.query, event.parameters, 3);
    ++m_unmatched;
    return PgResult::failure("XX000",
        tr("Query not found in recordings (Tapedeck air-gapped replay): %1").arg(shortText(text)),
        describeMiss(event),
        tr("Nothing is sent to a real database during a replay; tapedeck-cli replay --json lists every statement with its outcome."));
}

QString SqlReplay::describeMiss(const ReplaySqlEvent &event) const
{
    if (event.candidates.isEmpty())
        return tr("The recording has no queries.");
    const QString live = normalizeQueryForMatching(event.query);
    QStringList lines;
    lines << tr("Nearest recorded queries (normalised as DataHub does, difflib ratio; %1 needed):").arg(SqlMatcher::FuzzyThreshold);
    for (const SqlCandidate &c : event.candidates) {
        const QString &recorded = m_matcher->normalizedQuery(c.record);
        QStringList differences;
        // The differing pieces, from difflib's matching blocks (positions in code points).
        const SequenceMatcher sm(recorded);
        const std::u32string a = SequenceMatcher::codePoints(live);
        const std::u32string b = SequenceMatcher::codePoints(recorded);
        qsizetype ai = 0, bi = 0;
        std::vector<SequenceMatcher::Block> blocks = sm.matchingBlocks(live);
        blocks.push_back({ qsizetype(a.size()), qsizetype(b.size()), 0 });
        auto piece = [](const std::u32string &s, qsizetype from, qsizetype to) {
            QString t = QString::fromUcs4(s.data() + from, to - from);
            if (t.size() > 60)
                t = t.left(60) + QStringLiteral("…");
            return t;
        };
        // Matching runs shorter than a few characters inside a changed stretch are part of the change: one
        // piece per changed stretch reads better than difflib's character-level islands.
        std::vector<SequenceMatcher::Block> merged;
        for (const SequenceMatcher::Block &block : blocks) {
            if (!merged.empty() && block.size < 4 && block.size > 0)
                continue;
            merged.push_back(block);
        }
        for (const SequenceMatcher::Block &block : merged) {
            if (block.a > ai || block.b > bi) {
                if (differences.size() == 4) {
                    differences << QStringLiteral("…");
                    break;
                }
                differences << tr("recorded \"%1\", sent \"%2\"").arg(piece(b, bi, block.b), piece(a, ai, block.a));
            }
            ai = block.a + block.size;
            bi = block.b + block.size;
        }
        QString line = tr("- line %1, ratio %2").arg(recordLine(c.record)).arg(c.ratio, 0, 'f', 3);
        if (!differences.isEmpty())
            line += QStringLiteral(": ") + differences.join(QStringLiteral("; "));
        const JsonValue &recordedParameters = m_matcher->recorded(c.record).parameters;
        const QByteArray sentJson = pythonDumps(event.parameters, true, false);
        const QByteArray recordedJson = pythonDumps(recordedParameters, true, false);
        if (sentJson != recordedJson)
            line += tr("; parameters: recorded %1, sent %2").arg(QString::fromUtf8(recordedJson), QString::fromUtf8(sentJson));
        if (c.parametersDiffer)
            line += tr(" (DataHub skips a recording whose parameters differ)");
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

QString SqlReplay::explainMatch(const ReplaySqlEvent &event) const
{
    if (event.builtin)
        return tr("answered as PostgreSQL answers it (a statement drivers send on their own)");
    if (event.record < 0)
        return {};
    const int line = recordLine(event.record);
    QString text;
    switch (event.rule) {
    case SqlMatch::Rule::Exact:
        text = tr("the replay key (query and parameters) of the recorded query at line %1").arg(line);
        if (event.sameKey > 1)
            text += m_options.policy == MatchPolicy::Sequential
                ? tr("; %1 recordings share it, served in recorded order").arg(event.sameKey)
                : tr("; %1 recordings share it, DataHub serves the last").arg(event.sameKey);
        break;
    case SqlMatch::Rule::Normalized:
        text = tr("the normalised query's key of the recorded query at line %1").arg(line);
        if (event.sameKey > 1)
            text += tr("; %1 recordings share it, DataHub serves the first").arg(event.sameKey);
        break;
    case SqlMatch::Rule::Fuzzy:
        text = tr("difflib ratio %1 ≥ %2 with the recorded query at line %3").arg(event.ratio, 0, 'f', 3).arg(SqlMatcher::FuzzyThreshold).arg(line);
        break;
    case SqlMatch::Rule::None:
        break;
    }
    if (event.mapping == u"literals")
        text += tr(" (parameters taken back from the literals psycopg2 sent)");
    else if (event.mapping == u"bindings")
        text += tr(" ($n bindings mapped onto the recorded template)");
    return text;
}

std::shared_ptr<const SqlQuery> SqlReplay::loadRecord(qsizetype record)
{
    if (const auto it = m_records.constFind(record); it != m_records.constEnd())
        return *it;
    Result<SqlQuery> q = m_log->query(record, QueryLog::Detail::Full);
    if (!q)
        return nullptr;
    auto shared = std::make_shared<const SqlQuery>(std::move(q).value());
    const qint64 bytes = m_log->entry(record).length;
    // Cursors and results being streamed keep their records alive; the cache only lets go of its own copy.
    while (m_recordBytes + bytes > m_options.recordCacheBytes && !m_recordOrder.empty()) {
        const qsizetype oldest = m_recordOrder.front();
        m_recordOrder.pop_front();
        m_recordBytes -= m_log->entry(oldest).length;
        m_records.remove(oldest);
        m_columns.remove(oldest);
        if (const auto e = m_encoded.constFind(oldest); e != m_encoded.constEnd()) {
            m_recordBytes -= (*e)->data.size();
            m_encoded.erase(e);
        }
    }
    m_records.insert(record, shared);
    m_recordOrder.push_back(record);
    m_recordBytes += bytes;
    return shared;
}

std::shared_ptr<const EncodedRows> SqlReplay::encodedRows(qsizetype record, const SqlQuery &query, const PgColumns &columns)
{
    if (const auto it = m_encoded.constFind(record); it != m_encoded.constEnd())
        return *it;
    // Kept only for records served before (the first serve renders as the client reads), and not for
    // large results, which stream.
    if (!m_servedOnce.contains(record)) {
        m_servedOnce.insert(record);
        return nullptr;
    }
    if (m_log->entry(record).length > MaxEncodedRecordBytes)
        return nullptr;
    auto encoded = std::make_shared<EncodedRows>();
    encoded->offsets.reserve(query.rows.size() + 1);
    for (qsizetype i = 0; i < qsizetype(query.rows.size()); ++i) {
        encoded->offsets.push_back(encoded->data.size());
        appendRenderedRow(query, columns, i, encoded->data);
    }
    encoded->offsets.push_back(encoded->data.size());
    m_recordBytes += encoded->data.size();
    m_encoded.insert(record, encoded);
    return encoded;
}

std::shared_ptr<const PgColumns> SqlReplay::columnsOf(qsizetype record, const SqlQuery &query)
{
    if (const auto it = m_columns.constFind(record); it != m_columns.constEnd())
        return *it;
    auto columns = std::make_shared<const PgColumns>(PgText::columns(query.description, query.rows));
    m_columns.insert(record, columns);
    return columns;
}

} // namespace tapedeck::replay
