// SPDX-License-Identifier: MIT
// A replay as the desktop app runs it: a ReplayRun on a thread of its own — the mock layer's sockets, the
// matching, reading recorded answers, the command and the final diff never run on the caller's thread —
// observed through batched copies (rows of the live list, the hold state, coverage snapshots, details on
// request) and driven through queued calls. Every function is called on the controller's thread and returns
// at once; answers come back as signals.
#pragma once

#include "core/common/result.h"
#include "core/diff/diffinput.h"
#include "core/diff/diffreport.h"
#include "core/recording/eventcoverage.h"
#include "core/recording/eventkind.h"
#include "core/recording/filterexpression.h"
#include "core/recording/sqlquery.h"
#include "core/replay/replayreport.h"
#include "core/replay/replaysession.h"
#include "core/replay/sqlreplay.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QThread>

#include <memory>
#include <optional>

namespace tapedeck {
class Recording;
class Timeline;
}

namespace tapedeck::replay {

class ReplayWorker;

// One line of the live list: an HTTP request or an SQL statement, as it stands.
struct ReplayRow
{
    qsizetype entry = -1; // place in arrival order (the log's index)
    ReplayRef ref;
    ReplayOutcome outcome = ReplayOutcome::Pending;
    bool gms = false;
    bool failed = false; // HTTP: a status >= 400 or the connection closed; SQL: an error sent
    int status = 0; // HTTP: the status sent (0: not yet, or the connection was closed)
    qint64 rows = -1; // SQL: rows sent
    qint64 served = -1; // times its recorded event had been served, this one included; -1: none
    qsizetype recordedSeq = -1; // the timeline event that answered it (or would, while held)
    qint64 arrivedMs = 0; // since the replay started
    qint64 durationMs = -1; // from arrival to answer; -1 while unanswered
    QString method; // HTTP
    QString target; // the URI, or the statement (cut at MaxTarget characters)
    QString message; // SQL: the error sent, or the command tag
    static constexpr qsizetype MaxTarget = 4096;
};

struct ReplayHoldState
{
    bool paused = false;
    bool holdNextUnmatched = false;
    QList<qsizetype> held; // log entries, oldest first
    qsizetype unmatched = 0;
    qsizetype entries = 0;
};

// Everything the Set-up and the user's shell need once the endpoints are up.
struct ReplayEndpoints
{
    QString proxyUrl;
    QString gmsUrl;
    QString postgresUrl;
    QList<ReplaySession::ReverseEndpoint> reverse;
    QString caPath;
    QString caFingerprint; // SHA-256, AA:BB:… form
    QByteArray caPem;
    QString recipePath; // empty: the recording has no recipe to replay
    QStringList recipeChanges;
    QStringList recipeNotes;
    QStringList warnings;
    QList<std::pair<QString, QString>> environment; // the variables a client needs
    QString exportLines; // the same as `export NAME='value'` lines
    qsizetype interactions = 0;
    qsizetype queries = 0;
    qint64 startedAtMs = 0; // epoch; rows' arrival times count from it
};

// The selected request or statement in full, with what the recording has for it.
struct ReplayDetails
{
    ReplayRef ref;
    qsizetype entry = -1;
    std::optional<ReplayHttpEvent> http;
    std::optional<ReplaySqlEvent> sql;
    // HTTP: the recorded request it matched (or would, while held), and the answer sent or to be sent.
    std::optional<ReplaySession::RecordedRequest> recorded;
    std::optional<HttpAnswer> answer;
    QString answerError; // the recorded answer could not be read
    QString explanation; // why it matched, or the miss's description
    QList<ReplaySession::RecordedRequest> candidates; // the recorded requests of http->candidates, in order
    QList<qsizetype> candidateSeqs; // their timeline events
    qsizetype recordedSeq = -1;
    // SQL: the recorded query that answered (or would), parsed.
    std::shared_ptr<const SqlQuery> record;
    int recordLine = 0;
    QList<std::shared_ptr<const SqlQuery>> candidateRecords; // of sql->candidates
    QList<int> candidateLines;
};

// What the replay ended with: the report (text and JSON as the CLI writes them) and the MCPs to compare.
struct ReplayResult
{
    bool success = false;
    QString text;
    QByteArray json;
    std::optional<DiffReport> diff;
    DiffInput recorded;
    DiffInput replayed;
    std::optional<ReplayCommandStatus> command;
    qsizetype replayedMcps = 0;
};

// A user's edit of a held request, kept in the session (never in the recording), exportable as a patch.
struct ReplayEdit
{
    qsizetype entry = -1;
    QString method;
    QString uri;
    qsizetype interaction = -1; // the recorded interaction it would have got (-1: none)
    qsizetype recordedSeq = -1;
    HttpAnswer answer;
    bool closed = false; // answered by closing the connection
};

struct ReplayStartOptions
{
    ReplaySession::Options session; // the policy and its options, unmatched answer, ports
};

class ReplayController : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayController)

public:
    // timeline: the recording's complete timeline; recording may be null (a bare cassette or MCP file).
    ReplayController(std::shared_ptr<const Timeline> timeline, std::shared_ptr<const Recording> recording,
        const QString &recordingPath, QObject *parent = nullptr);
    // Ends the command and the endpoints (bounded: servers close at once; a command is killed).
    ~ReplayController() override;

    enum class State : quint8 { Idle, Starting, Serving, Finishing, Finished, Failed };
    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Starting || m_state == State::Serving || m_state == State::Finishing; }
    bool isCommandRunning() const { return m_commandRunning; }

    void start(const ReplayStartOptions &options);
    // {recipe} in argv is the replay recipe; base: the environment the client variables are added to.
    void runCommand(const QStringList &argv, const QString &workingDirectory, const QProcessEnvironment &base);
    // Stops the command (SIGINT, then harder) and ends the replay: finished() follows.
    void stop();

    void setPaused(bool paused);
    void step();
    void continueReplay();
    void continueToNextUnmatched();
    void setBreakpoints(const QList<FilterExpression> &breakpoints);
    void release(ReplayRef ref);
    void answerEdited(ReplayRef ref, const HttpAnswer &answer);
    // HTTP: status (0 closes the connection); SQL: an ErrorResponse with message.
    void answerError(ReplayRef ref, int status, const QString &message);
    void requestDetails(ReplayRef ref);
    void requestWhatIf(ReplayRef ref, const MatchOptions &options);

    const ReplayHoldState &holdState() const { return m_hold; }
    const ReplayEndpoints &endpoints() const { return m_endpoints; }
    const QList<ReplayEdit> &edits() const { return m_edits; }
    const std::shared_ptr<const ReplayResult> &result() const { return m_result; }
    const std::shared_ptr<const EventCoverage> &coverage() const { return m_coverage; }
    // The edits as a patch (JSON): what was answered instead of the recording, request by request.
    QByteArray patch() const;

signals:
    void started(const tapedeck::Status &status);
    void commandStarted(const tapedeck::Status &status);
    void commandOutput(const QByteArray &data, bool standardError);
    void commandFinished(const tapedeck::replay::ReplayCommandStatus &status);
    void rowsAdded(const QList<tapedeck::replay::ReplayRow> &rows);
    void rowsChanged(const QList<tapedeck::replay::ReplayRow> &rows);
    void holdStateChanged(const tapedeck::replay::ReplayHoldState &state);
    void coverageChanged(const std::shared_ptr<const tapedeck::EventCoverage> &coverage);
    void detailsReady(const tapedeck::replay::ReplayDetails &details);
    void whatIfReady(tapedeck::replay::ReplayRef ref, const tapedeck::replay::MatchOptions &options,
        const tapedeck::replay::ReplayWhatIf &whatIf, const QList<tapedeck::replay::ReplaySession::RecordedRequest> &candidates);
    void editsChanged();
    void finished(const std::shared_ptr<const tapedeck::replay::ReplayResult> &result);

private:
    friend class ReplayWorker;
    template<typename F> void onWorker(F &&f);
    void setState(State state) { m_state = state; }

    std::shared_ptr<const Timeline> m_timeline;
    std::shared_ptr<const Recording> m_recording;
    QString m_path;
    QThread m_thread;
    ReplayWorker *m_worker = nullptr; // lives on m_thread, deleted when it finishes
    State m_state = State::Idle;
    bool m_commandRunning = false;
    ReplayHoldState m_hold;
    ReplayEndpoints m_endpoints;
    QList<ReplayEdit> m_edits;
    std::shared_ptr<const ReplayResult> m_result;
    std::shared_ptr<const EventCoverage> m_coverage;
};

} // namespace tapedeck::replay

Q_DECLARE_METATYPE(tapedeck::replay::ReplayRow)
Q_DECLARE_METATYPE(tapedeck::replay::ReplayHoldState)
Q_DECLARE_METATYPE(tapedeck::replay::ReplayDetails)
