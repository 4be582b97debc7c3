// SPDX-License-Identifier: MIT
// One replay of a recording (DESIGN.md §7): the mock layer's HTTP endpoints, the matcher deciding which
// recorded interaction answers each request, holding (a request can wait for the user before it is
// answered, as recorded, with an edited answer, or with an error), GMS capture (every MCP sent to the
// recording's GMS becomes a replayed MCP) and the log of everything that happened, in arrival order, for
// the report. Both front-ends drive it: the CLI answers at once, the Replay tab steps. Lives on one thread
// (the one that calls start()); signals tell observers what changed.
#pragma once

#include "core/common/result.h"
#include "core/recording/filterexpression.h"
#include "core/recording/mcprecord.h"
#include "core/replay/matcher.h"
#include "core/replay/mockhttpserver.h"
#include "core/replay/pgserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <deque>
#include <vector>

namespace tapedeck {
class QueryLog;
class Timeline;
}

namespace tapedeck::replay {

class SqlReplay;
struct ReplaySqlEvent;

enum class ReplayOutcome : quint8 {
    Pending, // arrived, being decided
    Held, // waiting for the user
    Matched, // answered with the recorded interaction
    Synthesized, // a GMS call nothing recorded matched, answered with a success the emitter accepts
    Edited, // answered with a response the user edited
    Errored, // answered with an error the user chose
    Unmatched, // nothing recorded matched: 503, or the connection was closed
    Abandoned, // the client went away before its answer
    Builtin, // SQL: a statement drivers send on their own, answered as PostgreSQL answers it
};

// One request of the replay, in arrival order.
struct ReplayHttpEvent
{
    quint64 id = 0; // the server's handle
    qsizetype index = 0; // position in arrival order
    QDateTime arrived;
    QDateTime answered;
    ReplayOutcome outcome = ReplayOutcome::Pending;
    QString method;
    QString uri;
    QList<std::pair<QByteArray, QByteArray>> headers;
    std::optional<QByteArray> body;
    bool gms = false; // for the recording's GMS
    bool viaTunnel = false;
    qsizetype interaction = -1; // the recorded interaction that answered (or would answer, while held)
    qsizetype sameKey = 0; // recorded interactions sharing its key
    qint64 served = 0; // times that interaction had been served, this one included
    bool bodyIgnored = false;
    bool emptyBody = false; // sent without body bytes, matched one recorded with b""
    int status = 0; // the status sent; 0 when the connection was closed instead
    int mcps = 0; // replayed MCPs this request carried
    QList<Candidate> candidates; // Unmatched: the nearest recorded requests
    std::optional<HttpAnswer> edit; // Edited/Errored: what the user sent instead
    bool payloadDropped = false; // headers and body let go to keep a long replay's memory bounded
};

// One entry of the replay's arrival order: an HTTP request or an SQL statement, by its index in events()
// or in sql()->events().
enum class ReplayKind : quint8 { Http, Sql };
struct ReplayRef
{
    ReplayKind kind = ReplayKind::Http;
    qsizetype index = -1;
    friend bool operator==(const ReplayRef &, const ReplayRef &) = default;
};

// What answering a request under other match options would do (the "what if" of a miss).
struct ReplayWhatIf
{
    MatchResult match; // interaction -1: still unmatched
    qsizetype recordedSeq = -1; // the timeline event of match.interaction
    QList<Candidate> nearest;
    QList<qsizetype> nearestSeqs; // their timeline events
};

struct ReplayOrderDivergence
{
    qsizetype request = 0; // index in arrival order
    qsizetype served = 0; // the recorded interaction it got, served for the first time
    qsizetype after = 0; // a later recorded interaction that had been served before it
};

class ReplaySession : public QObject
{
    Q_OBJECT

public:
    enum class UnmatchedAnswer : quint8 { ServiceUnavailable, Close };

    struct Options
    {
        MatchOptions match;
        QStringList ignoredHeaders; // left out of the candidates' header differences (case-insensitive)
        UnmatchedAnswer unmatched = UnmatchedAnswer::ServiceUnavailable;
        QHostAddress address = QHostAddress::LocalHost;
        quint16 proxyPort = 0; // 0: any free port
        MockHttpServer::Limits limits;
        MockHttpServer::TlsProvider tls; // leaf certificates for CONNECT tunnels; none: CONNECT is refused
        // The headers and bodies of answered requests are kept up to this many bytes; beyond it the oldest
        // answered requests let theirs go (their outcome, URI and match stay).
        qint64 payloadBudget = qint64(256) << 20;
        // SQL: with the recording's queries (db/queries.jsonl), a PostgreSQL endpoint answers from them.
        std::shared_ptr<const QueryLog> queries;
        quint16 postgresPort = 0; // 0: any free port
        MockPostgresServer::Options postgres;
    };

    // The recording's interactions come from the HTTP events of timeline (complete, kept alive by the
    // caller for the session's life); gmsServer is the recorded recipe's sink.config.server (may be empty).
    ReplaySession(const Timeline &timeline, const QString &gmsServer, Options options, QObject *parent = nullptr);
    ~ReplaySession() override;

    // Reads the recorded interactions, builds the matcher and opens the endpoints.
    Status start();
    void stop();

    // The endpoints, after start().
    QString proxyUrl() const;
    QString gmsUrl() const; // the reverse endpoint of the recording's GMS
    QString postgresUrl() const; // the PostgreSQL endpoint's libpq URI; empty without recorded queries
    // The SQL side; nullptr when the recording has no queries.
    SqlReplay *sql() const { return m_sql.get(); }
    struct ReverseEndpoint
    {
        QString origin;
        QString url;
        bool gms = false;
    };
    QList<ReverseEndpoint> reverseEndpoints() const;
    // The recorded origins a CONNECT may open (https ones, and the GMS).
    QStringList recordedOrigins() const { return m_origins; }

    // Holding: every new request and statement waits (paused), or those a breakpoint picks. A breakpoint
    // sees a request as it would be answered: its outcome (matched, unmatched, …) is the one it would get.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setBreakpoint(std::function<bool(const ReplayHttpEvent &)> breakpoint);
    // Filter expressions (the filter language, with its replay terms); any one matching holds.
    void setBreakpoints(QList<FilterExpression> breakpoints);
    const QList<FilterExpression> &breakpoints() const { return m_breakpoints; }
    // Holds the next request or statement that would go unmatched, then pauses (Continue to next unmatched).
    void setHoldNextUnmatched(bool hold);
    bool holdsNextUnmatched() const { return m_holdNextUnmatched; }
    QList<qsizetype> held() const; // HTTP event indexes, oldest first
    // Held requests and statements together, oldest first.
    QList<ReplayRef> heldEntries() const { return m_heldEntries; }
    // Answers the oldest held request or statement as the policy decides; false when none is held.
    bool step();
    // Stops pausing and answers everything held.
    void continueReplay();
    // Answers everything held and holds the next request or statement that would go unmatched.
    void continueToNextUnmatched();
    // Answers a held entry as the policy decides.
    void release(ReplayRef entry);
    // Answers a held request as the policy decides (recorded, synthesized or unmatched).
    void release(qsizetype event);
    void releaseAll();
    // Answers a held request with answer instead (an overlay: the recording is not changed).
    void answerEdited(qsizetype event, HttpAnswer answer);
    // Answers a held request with an error status, or closes its connection (status 0).
    void answerError(qsizetype event, int status, const QString &message = {});

    // Every request and statement in arrival order.
    const std::deque<ReplayRef> &log() const { return m_log; }
    qsizetype logEntryOf(ReplayRef ref) const; // -1 when unknown
    // What a request would get under other match options (the recorded interactions as this session has
    // them; nothing served).
    ReplayWhatIf whatIf(const ReplayHttpEvent &event, const MatchOptions &options) const;
    // The recorded request of an interaction as the client would have sent it: method, URI, headers, body.
    struct RecordedRequest
    {
        QString method;
        QString uri;
        QList<std::pair<QByteArray, QByteArray>> headers;
        std::optional<QByteArray> body;
    };
    RecordedRequest recordedRequest(qsizetype interaction) const;
    // The recorded answer of an interaction (read from the recording; cached).
    Result<HttpAnswer> recordedAnswerOf(qsizetype interaction);

    // In arrival order. A deque: appending never moves the events already there (no stall while a long
    // replay grows, and references stay valid).
    const std::deque<ReplayHttpEvent> &events() const { return m_events; }
    const Matcher &matcher() const { return *m_matcher; }
    qsizetype interactionCount() const { return qsizetype(m_interactions.size()); }
    qsizetype interactionSeq(qsizetype interaction) const { return m_interactions[size_t(interaction)].seq; }
    const QList<McpRecord> &replayedMcps() const { return m_mcps; }
    QStringList mcpWarnings() const { return m_mcpWarnings; }
    const QList<HttpProtocolEvent> &protocolEvents() const { return m_protocol; }
    const QList<ReplayOrderDivergence> &orderDivergence() const { return m_divergence; }
    qsizetype unmatchedCount() const { return m_unmatched; }


    // The 503 body for an unmatched request: what was asked, and the nearest recorded requests with what
    // differs in each.
    QString describeMiss(const ReplayHttpEvent &event) const;
    // Why a matched request got its interaction: the key compared and the policy's choice among the
    // interactions sharing it.
    QString explainMatch(const ReplayHttpEvent &event) const;
    static QString fieldName(RequestDifference::Field field);
    static QString outcomeName(ReplayOutcome outcome); // stable names: "matched", "unmatched", …

signals:
    void requestArrived(qsizetype event);
    void requestHeld(qsizetype event);
    void requestAnswered(qsizetype event);
    // The log (both kinds): an entry was added, or its event changed (held, answered, abandoned).
    void entryAdded(qsizetype entry);
    void entryChanged(qsizetype entry);
    void protocolEventOccurred(const tapedeck::replay::HttpProtocolEvent &event);

private:
    struct Interaction
    {
        qsizetype seq = -1; // the HTTP event on the timeline
        QString origin;
    };
    void arrived(IncomingHttpRequest &&request);
    void decide(ReplayHttpEvent &event);
    void send(ReplayHttpEvent &event, ReplayOutcome outcome, HttpAnswer answer);
    void capture(ReplayHttpEvent &event);
    Result<HttpAnswer> recordedAnswer(qsizetype interaction);
    std::optional<HttpAnswer> synthesizedGms(const ReplayHttpEvent &event) const;
    void addHeaderDifferences(const ReplayHttpEvent &event, Candidate &candidate) const;
    ReplayHttpEvent *heldEvent(qsizetype event);
    bool shouldHold(const ReplayHttpEvent *http, const ReplaySqlEvent *sql, ReplayState prospective);
    void updateSqlHolding();
    void addEntry(ReplayRef ref);
    void changedEntry(ReplayRef ref);
    void trimPayloads();

    const Timeline &m_timeline;
    QString m_gmsServer;
    QString m_gmsOrigin;
    Options m_options;
    std::unique_ptr<MockHttpServer> m_server;
    std::unique_ptr<SqlReplay> m_sql;
    std::unique_ptr<Matcher> m_matcher;
    std::vector<Interaction> m_interactions;
    QStringList m_origins;
    QHash<QString, bool> m_gmsOrigins;
    QHash<qsizetype, HttpAnswer> m_answerCache;
    qint64 m_answerCacheBytes = 0;
    std::deque<ReplayHttpEvent> m_events;
    qint64 m_payloadBytes = 0; // headers and bodies of the requests kept in m_events
    qsizetype m_trimmedUpTo = 0; // requests before this one had their payload dropped (answered ones)
    QHash<quint64, qsizetype> m_byId; // requests not answered yet, by the server's id
    QList<qsizetype> m_held;
    QList<McpRecord> m_mcps;
    QStringList m_mcpWarnings;
    QList<HttpProtocolEvent> m_protocol;
    QList<ReplayOrderDivergence> m_divergence;
    std::vector<bool> m_everServed;
    qsizetype m_maxServed = 0; // the latest recorded interaction served so far
    qsizetype m_unmatched = 0;
    bool m_paused = false;
    bool m_holdNextUnmatched = false;
    std::function<bool(const ReplayHttpEvent &)> m_breakpoint;
    QList<FilterExpression> m_breakpoints;
    std::deque<ReplayRef> m_log;
    std::vector<qsizetype> m_httpEntry; // HTTP event → log entry
    std::vector<qsizetype> m_sqlEntry; // SQL event → log entry
    QList<ReplayRef> m_heldEntries;
};

} // namespace tapedeck::replay
