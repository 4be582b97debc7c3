// SPDX-License-Identifier: MIT
// One replay run (DESIGN.md §7), for both front-ends: Tapedeck's CA and the TLS it gives the session, the
// session itself (recorded queries, the recipe's GMS), the replay recipe, the variables that point a client
// at the mock layer, the user's command in its own process group with Stop's escalation, and at the end the
// replayed MCPs against the recorded and the report. Event-driven: nothing here waits or turns an event
// loop, so the GUI thread can own it; the CLI turns its own loop until commandFinished().
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/diff/diffinput.h"
#include "core/diff/diffreport.h"
#include "core/replay/replayreport.h"
#include "core/replay/replaysession.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

class QTemporaryDir;

namespace tapedeck {
class Recording;
class Timeline;
}

namespace tapedeck::replay {

class CertificateAuthority;

struct ReplayRunSetup
{
    // The loaded recording; null when a bare cassette or MCP file is replayed (then recordingPath is that
    // file, and its MCPs are the recorded side of the diff).
    std::shared_ptr<const Recording> recording;
    QString recordingPath; // as the user gave it: messages name it, and a bare file is read from it
    QString recordingName; // for the report; empty: the recording's display name, or the file's name
    // The policy and the endpoints' options. start() fills in tls, queries and the PostgreSQL certificate.
    ReplaySession::Options options;
    QString caDirectory; // empty: CertificateAuthority::defaultDirectory()
};

class ReplayRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayRun)

public:
    enum class Output : quint8 {
        Forward, // the command shares this process's stdin, stdout and stderr (the CLI)
        ForwardToStderr, // as Forward, its stdout sent to stderr (the CLI's --json: stdout is the report's)
        Capture, // stdout and stderr arrive through commandOutput(), stdin is /dev/null (the GUI)
    };

    // How long Stop waits at each step, and how long whatever the command left in its group gets after
    // SIGTERM once the command has exited. Settable so tests need not wait the real periods.
    struct GracePeriods
    {
        std::chrono::milliseconds afterInterrupt { 5'000 }; // SIGINT, then this, then SIGTERM
        std::chrono::milliseconds afterTerminate { 5'000 }; // SIGTERM, then this, then SIGKILL
        std::chrono::milliseconds leftovers { 2'000 }; // the command exited: its group's SIGTERM, then SIGKILL
    };

    // timeline: complete, holding the recording's (or the file's) events; the caller keeps it alive for the
    // run's life.
    ReplayRun(const Timeline &timeline, ReplayRunSetup setup, QObject *parent = nullptr);
    // A command still running has its process group killed (SIGKILL); the replay recipe's folder goes.
    ~ReplayRun() override;

    // Opens (or makes) the CA, parses the recorded queries, starts the session and writes the replay recipe
    // (0600, in a private temporary folder that lives as long as this object). A recipe that cannot be made
    // is a warning, not an error: the run serves without one. Non-fatal findings go to warnings().
    Status start();
    bool isStarted() const { return m_started; }

    // After a successful start(): connect to its signals before returning to the event loop, and no
    // request will have been missed.
    ReplaySession &session();
    const ReplaySession &session() const;
    QString recordingName() const { return m_setup.recordingName; }

    // Tapedeck's CA, after start(): ca.pem (what the CA-bundle variables name), its SHA-256 fingerprint
    // ("AA:BB:…") and its PEM text.
    QString caPath() const;
    QString caFingerprint() const;
    QByteArray caCertificatePem() const;

    // The replay recipe (empty when the recording has none or it could not be made), what was changed in
    // the recorded one, and what was left as it was although it may trip the replay.
    QString recipePath() const { return m_recipePath; }
    QStringList recipeChanges() const { return m_recipeChanges; }
    QStringList recipeNotes() const { return m_recipeNotes; }
    // Found on the way (unreadable queries lines, nothing to serve, no replay recipe), one line each.
    QStringList warnings() const { return m_warnings; }

    // The variables that point a client at the mock layer (DESIGN.md §7), in a stable order.
    QList<std::pair<QString, QString>> environment() const;
    // base with NO_PROXY/no_proxy removed (a NO_PROXY naming a recorded host would let the client past the
    // air gap) and environment() set.
    QProcessEnvironment commandEnvironment(const QProcessEnvironment &base) const;
    // The endpoints, one per line: proxy, GMS, PostgreSQL, CA, and the reverse endpoints.
    QString endpointsText() const;
    // environment() as `export NAME='value'` lines for a POSIX shell.
    QString exportLines() const;
    // A value for a POSIX shell: in single quotes, a single quote inside written as '\''.
    static QString shellQuoted(const QString &value);

    // argv with {recipe} replaced by the replay recipe's path; a Usage error when it uses {recipe} and there
    // is no recipe, or when it is empty.
    Result<QStringList> commandLine(QStringList argv) const;
    // Starts the command (commandLine(argv)) in workingDirectory (empty: this process's), with
    // commandEnvironment(base), in its own process group. An error when it cannot be started: a Usage error
    // for the command line, otherwise the program is not there or not executable, or the folder does not
    // exist — then commandStatus() holds the error too, and commandFinished() is not emitted. Failures only
    // exec() can tell arrive later, through commandFinished() with commandStatus()->error set.
    Status startCommand(QStringList argv, const QString &workingDirectory, const QProcessEnvironment &base, Output output);
    // From startCommand() until commandFinished(), including the moments its group is being ended.
    bool isCommandRunning() const { return m_commandRunning; }
    // Stop: SIGINT to the command's group, SIGTERM after afterInterrupt, SIGKILL after afterTerminate, on
    // timers. The status then says interrupted. A second call while stopping changes nothing.
    void stopCommand();
    // Set when commandFinished() is emitted (or when startCommand() failed). exitCode is the signal when it
    // crashed; expectedFailure says whether the recorded run ended with an exception.
    std::optional<ReplayCommandStatus> commandStatus() const { return m_commandStatus; }
    void setGracePeriods(GracePeriods periods) { m_grace = periods; }
    GracePeriods gracePeriods() const { return m_grace; }

    // Ending the run. finish() does it all at once, on the calling thread: stopServing(), compareMcps(),
    // finish(compared). The GUI instead calls stopServing(), runs compareMcps(recordedMcps(),
    // replayedMcps()) off its thread, and hands the result to finish(compared). Call them once the command
    // has finished; a command still running then has its group killed (SIGKILL) and counts as interrupted.
    void stopServing(); // held requests released, endpoints closed; idempotent
    ReplayReport finish();
    ReplayReport finish(Result<DiffReport> compared);
    // The replayed MCPs against the recorded (preset replay). Needs nothing but its arguments: safe on any
    // thread.
    static Result<DiffReport> compareMcps(const DiffInput &recorded, const DiffInput &replayed, ProgressReporter *progress = nullptr);
    DiffInput recordedMcps() const;
    DiffInput replayedMcps() const; // what the session captured; complete after stopServing()
    const std::optional<DiffReport> &diff() const { return m_diff; } // after finish(), when it could be computed

signals:
    // Output::Capture: the command's bytes as they arrive, in the pieces they came in.
    void commandOutput(const QByteArray &data, QProcess::ProcessChannel channel);
    // The command exited (or failed to start) and what it left in its group is gone: commandStatus(). The
    // group gets SIGTERM when the command exits and SIGKILL if anything is left after leftovers; that wait is
    // a timer polling the group, never a sleep, so the thread (and the mock layer, for stragglers) runs on.
    void commandFinished();

private:
    Status loadQueries();
    Status writeRecipe();
    void processExited(bool failedToStart);
    void escalate();
    void endLeftovers();
    void settle();
    void killGroup(int signal) const;
    void forwardOutput(QProcess::ProcessChannel channel);

    const Timeline &m_timeline;
    ReplayRunSetup m_setup;
    std::shared_ptr<CertificateAuthority> m_authority;
    std::unique_ptr<ReplaySession> m_session;
    bool m_started = false;
    bool m_serving = false;
    std::unique_ptr<QTemporaryDir> m_workDir;
    QString m_recipePath;
    QStringList m_recipeChanges;
    QStringList m_recipeNotes;
    QStringList m_warnings;

    std::unique_ptr<QProcess> m_process;
    qint64 m_group = 0; // the command's process group (its pid); 0 before one started
    bool m_commandRunning = false;
    bool m_launching = false; // inside QProcess::start()
    bool m_exited = false; // the command itself has exited (its group may still be ending)
    bool m_interrupted = false;
    int m_stopStage = 0; // 0 not stopping, 1 SIGINT sent, 2 SIGTERM sent, 3 SIGKILL sent
    QTimer m_escalation;
    QTimer m_leftoverPoll;
    QElapsedTimer m_leftoverClock;
    ReplayCommandStatus m_pending; // the status being gathered while the command runs
    std::optional<ReplayCommandStatus> m_commandStatus;
    GracePeriods m_grace;

    std::optional<DiffReport> m_diff;
};

} // namespace tapedeck::replay
