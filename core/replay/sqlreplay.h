// SPDX-License-Identifier: MIT
// The SQL half of a replay (DESIGN.md §7): a PostgreSQL endpoint (MockPostgresServer) answering every
// statement from a recording's db/queries.jsonl. A statement is first turned back into what DataHub's
// cursor saw — the template and its parameters (StatementMapper: psycopg2's client-side interpolation and
// $n bindings undone) — then looked up by DataHub's rules (SqlMatcher: exact key, normalised query, fuzzy
// ratio ≥ 0.85, or `sequential`). The recorded rows go out as RowDescription and DataRows in PostgreSQL's
// text format (pgtext.h), a recorded error as an ErrorResponse with its message. Statements drivers send on
// their own (transaction control, SET, SHOW, version(), …; pgbuiltin.h) are answered as PostgreSQL
// answers them when nothing recorded matches, and reported as built-in. psycopg2's named cursors (DECLARE …
// CURSOR FOR q, FETCH n, CLOSE) serve q's recorded rows in pieces. A statement nothing answers gets an
// ErrorResponse naming the nearest recorded queries and how each differs. Every statement is logged, in
// arrival order, for the report.
#pragma once

#include "core/common/result.h"
#include "core/recording/sqlquery.h"
#include "core/replay/matcher.h"
#include "core/replay/pgserver.h"
#include "core/replay/pgstatement.h"
#include "core/replay/replaysession.h"
#include "core/replay/sqlmatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace tapedeck::replay {

struct PgColumns;
struct EncodedRows;

// A recorded error (str(exception) as DataHub wrote it) back in ErrorResponse fields: the primary message,
// DETAIL and HINT, and the position libpq's "LINE n:" and caret lines point at in statement.
pg::ServerError recordedError(const QString &recorded, QStringView statement);

// One statement of the replay, in arrival order.
struct ReplaySqlEvent
{
    quint64 id = 0; // the server's handle (several statements of one simple Query share it)
    qsizetype index = 0;
    QDateTime arrived;
    QDateTime answered;
    ReplayOutcome outcome = ReplayOutcome::Pending;
    quint64 connection = 0;
    QString peer;
    QString statement; // as received (one statement of a simple Query, or a Parse's text)
    bool extended = false;
    // What DataHub's cursor would have received.
    QString query;
    JsonValue parameters;
    QString mapping; // "verbatim", "literals", "bindings", "unmapped"
    qsizetype record = -1; // the recorded query that answered (index in queries.jsonl's records)
    SqlMatch::Rule rule = SqlMatch::Rule::None;
    double ratio = 0;
    qsizetype sameKey = 0;
    qint64 served = 0;
    bool builtin = false; // answered without a recording (transaction control, SET, SHOW, …)
    QString cursor; // the named cursor this statement declared or read
    qint64 rows = 0; // rows sent
    QByteArray tag; // the CommandComplete tag sent
    QString error; // the error message sent
    QList<SqlCandidate> candidates; // Unmatched: the nearest recorded queries
    bool payloadDropped = false; // statement, query and parameters let go to keep a long replay's memory bounded
};

class SqlReplay : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        MatchPolicy policy = MatchPolicy::DataHub;
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0;
        MockPostgresServer::Options server;
        // Served records are kept parsed up to this many bytes of their lines.
        qint64 recordCacheBytes = qint64(256) << 20;
        // The statements' texts (and queries, parameters) are kept up to this many bytes; beyond it the
        // oldest answered statements let theirs go (their outcome, record and rule stay).
        qint64 payloadBudget = qint64(256) << 20;
    };

    // log: the recording's queries (kept alive by the caller for the replay's life).
    SqlReplay(std::shared_ptr<const QueryLog> log, Options options, QObject *parent = nullptr);
    ~SqlReplay() override;

    Status start();
    void stop();
    QString url() const; // libpq URI of the endpoint, from start() on (also after stop())
    MockPostgresServer *server() const { return m_server.get(); }

    const std::deque<ReplaySqlEvent> &events() const { return m_events; }
    const SqlMatcher &matcher() const { return *m_matcher; }
    qsizetype recordCount() const { return m_log->size(); }
    int recordLine(qsizetype record) const { return m_log->entry(record).line; }
    // A recorded query, parsed in full (cached while it is served); nullptr when its line cannot be read.
    std::shared_ptr<const SqlQuery> record(qsizetype record) { return record >= 0 && record < m_log->size() ? loadRecord(record) : nullptr; }
    const QList<PgProtocolEvent> &protocolEvents() const { return m_protocol; }
    qsizetype unmatchedCount() const { return m_unmatched; }

    // Holding (the Replay tab's stepping). A statement the predicate picks waits — one event, also for a
    // simple Query holding several statements — until release() answers it as the replay would, or
    // answerError() with the user's error. The predicate sees the event as it would be answered: outcome
    // (Matched, Builtin or Unmatched), query and parameters as mapped, record and rule, without anything
    // being served. Describe messages and statements of a failed transaction block are never held.
    using HoldPredicate = std::function<bool(const ReplaySqlEvent &prospective)>;
    void setHoldPredicate(HoldPredicate predicate) { m_hold = std::move(predicate); }
    QList<qsizetype> held() const { return m_held; } // oldest first
    bool isHeld(qsizetype event) const { return m_heldStatements.contains(event); }
    void release(qsizetype event);
    void releaseAll();
    // Answers a held statement with an ErrorResponse carrying message (SQLSTATE sqlState).
    void answerError(qsizetype event, const QString &message, const QByteArray &sqlState = QByteArrayLiteral("XX000"));

    // The ErrorResponse detail for an unmatched statement: the nearest recorded queries, each with how its
    // normalised text and parameters differ.
    QString describeMiss(const ReplaySqlEvent &event) const;
    QString explainMatch(const ReplaySqlEvent &event) const;
    static QString mappingName(int source);
    static QString ruleName(SqlMatch::Rule rule); // "exact", "normalized", "fuzzy", ""
    // The server_version and version() a recording implies (its own `select version()` answer, else 15.0).
    static std::pair<QByteArray, QByteArray> serverVersionOf(const QueryLog &log);

signals:
    // A statement's event was created (arrival order); a simple Query's later statements arrive as it is
    // answered.
    void statementArrived(qsizetype event);
    void statementHeld(qsizetype event);
    // Answered, or abandoned by its client while held.
    void statementAnswered(qsizetype event);

private:
    struct Cursor
    {
        std::shared_ptr<const SqlQuery> record;
        std::shared_ptr<const PgColumns> columns;
        qsizetype next = 0;
        qsizetype event = -1;
    };
    void respond(PgStatement &&statement);
    void answerStatement(const PgStatement &statement);
    ReplaySqlEvent prospect(const PgStatement &statement) const;
    void abandon(quint64 id);
    QStringView extendedText(const PgStatement &statement) const;
    // known: text already mapped (the whole string of a simple Query); decided: and looked up before.
    PgResult answerOne(const PgStatement &statement, QStringView text, char &transaction, const MappedStatement *known = nullptr,
        const SqlMatch *decided = nullptr);
    static QString decisionKey(const QString &text, bool extended);
    MappedStatement mapStatement(const QString &text, const std::optional<std::vector<BoundValue>> &bound = std::nullopt) const;
    static constexpr qsizetype MaxMappedStatement = 1 << 20; // characters
    bool mapsOntoRecording(const MappedStatement &mapped) const;
    PgResult describe(const PgStatement &statement);
    PgResult serveRecord(ReplaySqlEvent &event, qsizetype record, QStringView text);
    PgResult miss(ReplaySqlEvent &event, QStringView text);
    PgResult fetch(ReplaySqlEvent &event, quint64 connection, const QString &name, qint64 count, bool move);
    std::shared_ptr<const SqlQuery> loadRecord(qsizetype record);
    std::shared_ptr<const PgColumns> columnsOf(qsizetype record, const SqlQuery &query);
    std::shared_ptr<const EncodedRows> encodedRows(qsizetype record, const SqlQuery &query, const PgColumns &columns);
    static constexpr qint64 MaxEncodedRecordBytes = qint64(8) << 20;
    ReplaySqlEvent &newEvent(const PgStatement &statement, QStringView text);
    void finish(ReplaySqlEvent &event, const PgResult &result);

    std::shared_ptr<const QueryLog> m_log;
    Options m_options;
    std::unique_ptr<SqlMatcher> m_matcher;
    std::unique_ptr<StatementMapper> m_mapper;
    std::unique_ptr<MockPostgresServer> m_server;
    std::deque<ReplaySqlEvent> m_events;
    QHash<qsizetype, std::shared_ptr<const SqlQuery>> m_records; // parsed served records
    QHash<qsizetype, std::shared_ptr<const PgColumns>> m_columns;
    QHash<qsizetype, std::shared_ptr<const EncodedRows>> m_encoded; // rows of records served more than once
    QSet<qsizetype> m_servedOnce;
    std::deque<qsizetype> m_recordOrder; // for the cache's eviction, oldest first
    qint64 m_recordBytes = 0;
    QHash<quint64, QHash<QString, Cursor>> m_cursors; // per connection
    // Statements answered from the recording before, by their whole text (DataHub's policy): a repeat is a
    // hash lookup, not a mapping and a lookup again.
    struct Decision
    {
        MappedStatement mapped;
        SqlMatch match;
    };
    static constexpr qsizetype MaxDecisions = 100'000;
    QHash<QString, Decision> m_decisions;
    QList<PgProtocolEvent> m_protocol;
    qsizetype m_unmatched = 0;
    QByteArray m_version;
    QString m_url; // kept after stop(), for the report
    HoldPredicate m_hold;
    QList<qsizetype> m_held;
    QHash<qsizetype, PgStatement> m_heldStatements; // by event
    QHash<quint64, qsizetype> m_heldById; // the server's id → event
    qsizetype m_reuse = -1; // the held event the next newEvent() fills in (its first statement)
    qint64 m_payloadBytes = 0; // texts kept in m_events
    qsizetype m_trimmedUpTo = 0; // statements before this one had their texts let go
    void trimPayloads();
};

} // namespace tapedeck::replay
