// SPDX-License-Identifier: MIT
#include "core/replay/replaycontroller.h"

#include "core/common/jsonvalue.h"
#include "core/recording/recording.h"
#include "core/recording/timeline.h"
#include "core/replay/replayrun.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include <vector>

namespace tapedeck::replay {

// Lives on the controller's thread of work; the controller reaches it only through queued calls, it reaches
// the controller only through queued calls back (copies, never references into the session).
class ReplayWorker : public QObject
{
public:
    ReplayWorker(ReplayController *controller, std::shared_ptr<const Timeline> timeline, std::shared_ptr<const Recording> recording,
        QString path)
        : m_controller(controller)
        , m_timeline(std::move(timeline))
        , m_recording(std::move(recording))
        , m_path(std::move(path))
    {
        m_flush.setParent(this); // moves to the worker's thread with it
    }

    template<typename F> void post(F &&f)
    {
        QMetaObject::invokeMethod(m_controller, std::forward<F>(f), Qt::QueuedConnection);
    }

    void start(const ReplayStartOptions &options);
    void runCommand(const QStringList &argv, const QString &workingDirectory, const QProcessEnvironment &base);
    void stop();
    void shutdown();
    void finish();
    ReplaySession *session() const { return m_run ? &m_run->session() : nullptr; }
    void details(ReplayRef ref);
    void whatIf(ReplayRef ref, const MatchOptions &options);
    void answerEdited(ReplayRef ref, const HttpAnswer &answer);
    void answerError(ReplayRef ref, int status, const QString &message);
    void holdChanged() { m_holdDirty = true; scheduleFlush(); }

private:
    void flush();
    void scheduleFlush()
    {
        if (!m_flush.isActive())
            m_flush.start();
    }
    ReplayRow row(qsizetype entry) const;
    qsizetype recordedSeqOf(const ReplayRef &ref) const;
    std::shared_ptr<const EventCoverage> coverage() const;

    ReplayController *m_controller;
    std::shared_ptr<const Timeline> m_timeline;
    std::shared_ptr<const Recording> m_recording;
    QString m_path;
    std::unique_ptr<ReplayRun> m_run;
    std::vector<qsizetype> m_sqlSeq; // recorded query → its timeline event
    QTimer m_flush;
    qsizetype m_addedUpTo = 0; // log entries sent as added
    QSet<qsizetype> m_changed;
    bool m_holdDirty = true;
    bool m_servedMoved = false;
    QElapsedTimer m_sinceCoverage;
    qint64 m_startMs = 0;
    bool m_finished = false;
};

namespace {

constexpr int FlushIntervalMs = 50; // the live list's batches
constexpr int CoverageIntervalMs = 500; // coverage snapshots while requests are served
constexpr qsizetype MaxRowsPerBatch = 20'000;

QString cut(const QString &text)
{
    return text.size() > ReplayRow::MaxTarget ? text.left(ReplayRow::MaxTarget) + QChar(0x2026) : text;
}

} // namespace

void ReplayWorker::start(const ReplayStartOptions &options)
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(FlushIntervalMs);
    QObject::connect(&m_flush, &QTimer::timeout, this, [this] { flush(); });
    for (qsizetype seq = 0; seq < m_timeline->count(); ++seq) {
        if (m_timeline->record(seq).kind == EventKind::Sql)
            m_sqlSeq.push_back(seq);
    }
    ReplayRunSetup setup;
    setup.recording = m_recording;
    setup.recordingPath = m_path;
    setup.recordingName = m_recording ? m_recording->displayName : m_path;
    setup.options = options.session;
    m_run = std::make_unique<ReplayRun>(*m_timeline, std::move(setup));
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    const Status started = m_run->start();
    if (!started) {
        m_run.reset();
        post([c = m_controller, started] {
            c->m_state = ReplayController::State::Failed;
            emit c->started(started);
        });
        return;
    }
    ReplaySession &s = m_run->session();
    QObject::connect(&s, &ReplaySession::entryAdded, this, [this](qsizetype) {
        m_servedMoved = true;
        scheduleFlush();
    });
    QObject::connect(&s, &ReplaySession::entryChanged, this, [this](qsizetype entry) {
        if (entry < m_addedUpTo)
            m_changed.insert(entry);
        m_servedMoved = true;
        m_holdDirty = true;
        scheduleFlush();
    });
    QObject::connect(m_run.get(), &ReplayRun::commandOutput, this, [this](const QByteArray &data, QProcess::ProcessChannel channel) {
        post([c = m_controller, data, e = channel == QProcess::StandardError] { emit c->commandOutput(data, e); });
    });
    QObject::connect(m_run.get(), &ReplayRun::commandFinished, this, [this] {
        const ReplayCommandStatus status = m_run->commandStatus().value_or(ReplayCommandStatus {});
        post([c = m_controller, status] {
            c->m_commandRunning = false;
            emit c->commandFinished(status);
        });
        // The command is the run: when it ends, so does the replay.
        finish();
    });
    ReplayEndpoints e;
    e.proxyUrl = s.proxyUrl();
    e.gmsUrl = s.gmsUrl();
    e.postgresUrl = s.postgresUrl();
    e.reverse = s.reverseEndpoints();
    e.caPath = m_run->caPath();
    e.caFingerprint = m_run->caFingerprint();
    e.caPem = m_run->caCertificatePem();
    e.recipePath = m_run->recipePath();
    e.recipeChanges = m_run->recipeChanges();
    e.recipeNotes = m_run->recipeNotes();
    e.warnings = m_run->warnings();
    e.environment = m_run->environment();
    e.exportLines = m_run->exportLines();
    e.interactions = s.interactionCount();
    e.queries = s.sql() ? s.sql()->recordCount() : 0;
    e.startedAtMs = m_startMs;
    m_sinceCoverage.start();
    post([c = m_controller, e] {
        c->m_endpoints = e;
        c->m_state = ReplayController::State::Serving;
        emit c->started(success());
    });
    holdChanged();
}

void ReplayWorker::runCommand(const QStringList &argv, const QString &workingDirectory, const QProcessEnvironment &base)
{
    Status status = m_run ? m_run->startCommand(argv, workingDirectory, base, ReplayRun::Output::Capture)
                          : makeError(ErrorCode::Usage, ReplayController::tr("the replay is not serving"));
    post([c = m_controller, status] {
        c->m_commandRunning = status.ok();
        emit c->commandStarted(status);
    });
}

void ReplayWorker::stop()
{
    if (!m_run)
        return;
    if (m_run->isCommandRunning())
        m_run->stopCommand(); // commandFinished() finishes the replay
    else
        finish();
}

void ReplayWorker::finish()
{
    if (!m_run || m_finished)
        return;
    m_finished = true;
    post([c = m_controller] { c->m_state = ReplayController::State::Finishing; });
    ReplayReport report = m_run->finish();
    flush();
    auto result = std::make_shared<ReplayResult>();
    result->success = report.success();
    result->text = report.toText(m_run->session());
    result->json = report.toJson(m_run->session());
    result->diff = m_run->diff();
    result->recorded = m_run->recordedMcps();
    result->replayed = m_run->replayedMcps();
    result->command = m_run->commandStatus();
    result->replayedMcps = m_run->session().replayedMcps().size();
    std::shared_ptr<const EventCoverage> covered = coverage();
    post([c = m_controller, result, covered] {
        c->m_result = result;
        c->m_coverage = covered;
        c->m_state = ReplayController::State::Finished;
        emit c->coverageChanged(covered);
        emit c->finished(result);
    });
}

void ReplayWorker::shutdown()
{
    m_flush.stop();
    m_run.reset(); // closes the endpoints; a command still running is killed with its group
}

qsizetype ReplayWorker::recordedSeqOf(const ReplayRef &ref) const
{
    const ReplaySession &s = m_run->session();
    if (ref.kind == ReplayKind::Http) {
        const ReplayHttpEvent &e = s.events()[size_t(ref.index)];
        return e.interaction >= 0 ? s.interactionSeq(e.interaction) : -1;
    }
    const ReplaySqlEvent &e = s.sql()->events()[size_t(ref.index)];
    return e.record >= 0 && e.record < qsizetype(m_sqlSeq.size()) ? m_sqlSeq[size_t(e.record)] : -1;
}

ReplayRow ReplayWorker::row(qsizetype entry) const
{
    const ReplaySession &s = m_run->session();
    ReplayRow r;
    r.entry = entry;
    r.ref = s.log()[size_t(entry)];
    r.recordedSeq = recordedSeqOf(r.ref);
    auto times = [&](const QDateTime &arrived, const QDateTime &answered) {
        r.arrivedMs = arrived.toMSecsSinceEpoch() - m_startMs;
        r.durationMs = answered.isValid() ? arrived.msecsTo(answered) : -1;
    };
    if (r.ref.kind == ReplayKind::Http) {
        const ReplayHttpEvent &e = s.events()[size_t(r.ref.index)];
        r.outcome = e.outcome;
        r.gms = e.gms;
        r.status = e.status;
        r.served = e.interaction >= 0 ? e.served : -1;
        r.method = e.method;
        r.target = cut(e.uri);
        r.failed = e.answered.isValid() && e.outcome != ReplayOutcome::Abandoned && (e.status >= 400 || e.status == 0);
        times(e.arrived, e.answered);
    } else {
        const ReplaySqlEvent &e = s.sql()->events()[size_t(r.ref.index)];
        r.outcome = e.outcome;
        r.rows = e.outcome == ReplayOutcome::Held || e.outcome == ReplayOutcome::Pending ? -1 : e.rows;
        r.served = e.record >= 0 ? e.served : -1;
        r.target = cut(e.statement);
        r.message = e.error.isEmpty() ? QString::fromLatin1(e.tag) : e.error;
        r.failed = !e.error.isEmpty();
        times(e.arrived, e.answered);
    }
    return r;
}

void ReplayWorker::flush()
{
    if (!m_run)
        return;
    const ReplaySession &s = m_run->session();
    const qsizetype total = qsizetype(s.log().size());
    QList<ReplayRow> added;
    const qsizetype upTo = std::min(total, m_addedUpTo + MaxRowsPerBatch);
    added.reserve(upTo - m_addedUpTo);
    for (qsizetype entry = m_addedUpTo; entry < upTo; ++entry)
        added.append(row(entry));
    m_addedUpTo = upTo;
    QList<ReplayRow> changed;
    changed.reserve(m_changed.size());
    for (const qsizetype entry : std::as_const(m_changed))
        changed.append(row(entry));
    m_changed.clear();
    std::sort(changed.begin(), changed.end(), [](const ReplayRow &a, const ReplayRow &b) { return a.entry < b.entry; });
    std::optional<ReplayHoldState> hold;
    if (m_holdDirty) {
        m_holdDirty = false;
        ReplayHoldState h;
        h.paused = s.isPaused();
        h.holdNextUnmatched = s.holdsNextUnmatched();
        for (const ReplayRef &ref : s.heldEntries())
            h.held.append(s.logEntryOf(ref));
        h.unmatched = s.unmatchedCount() + (s.sql() ? s.sql()->unmatchedCount() : 0);
        h.entries = m_addedUpTo;
        hold = std::move(h);
    }
    std::shared_ptr<const EventCoverage> covered;
    if (m_servedMoved && m_sinceCoverage.elapsed() >= CoverageIntervalMs) {
        m_servedMoved = false;
        m_sinceCoverage.restart();
        covered = coverage();
    }
    if (!added.isEmpty() || !changed.isEmpty() || hold || covered) {
        post([c = m_controller, added = std::move(added), changed = std::move(changed), hold = std::move(hold), covered] {
            if (!added.isEmpty())
                emit c->rowsAdded(added);
            if (!changed.isEmpty())
                emit c->rowsChanged(changed);
            if (hold) {
                c->m_hold = *hold;
                emit c->holdStateChanged(*hold);
            }
            if (covered) {
                c->m_coverage = covered;
                emit c->coverageChanged(covered);
            }
        });
    }
    // More than one batch waiting, or a coverage snapshot held back: come again.
    if (m_addedUpTo < total || m_servedMoved)
        scheduleFlush();
}

std::shared_ptr<const EventCoverage> ReplayWorker::coverage() const
{
    auto c = std::make_shared<EventCoverage>();
    const ReplaySession &s = m_run->session();
    c->served.assign(size_t(m_timeline->count()), EventCoverage::NotServable);
    const std::vector<qint64> &http = s.matcher().served();
    for (qsizetype i = 0; i < qsizetype(http.size()); ++i)
        c->served[size_t(s.interactionSeq(i))] = quint32(std::min<qint64>(http[size_t(i)], EventCoverage::NotServable - 1));
    if (const SqlReplay *sql = s.sql()) {
        const std::vector<qint64> &served = sql->matcher().served();
        for (qsizetype r = 0; r < qsizetype(served.size()) && r < qsizetype(m_sqlSeq.size()); ++r)
            c->served[size_t(m_sqlSeq[size_t(r)])] = quint32(std::min<qint64>(served[size_t(r)], EventCoverage::NotServable - 1));
    }
    return c;
}

void ReplayWorker::details(ReplayRef ref)
{
    if (!m_run)
        return;
    ReplaySession &s = m_run->session();
    ReplayDetails d;
    d.ref = ref;
    d.entry = s.logEntryOf(ref);
    if (d.entry < 0)
        return;
    d.recordedSeq = recordedSeqOf(ref);
    if (ref.kind == ReplayKind::Http) {
        const ReplayHttpEvent &e = s.events()[size_t(ref.index)];
        d.http = e;
        if (e.interaction >= 0) {
            d.recorded = s.recordedRequest(e.interaction);
            d.explanation = s.explainMatch(e);
        } else if (e.outcome == ReplayOutcome::Unmatched || e.outcome == ReplayOutcome::Held) {
            d.explanation = s.describeMiss(e);
        }
        for (const Candidate &c : e.candidates) {
            d.candidates.append(s.recordedRequest(c.interaction));
            d.candidateSeqs.append(s.interactionSeq(c.interaction));
        }
        if (e.edit) {
            d.answer = e.edit;
        } else if (e.interaction >= 0) {
            Result<HttpAnswer> recorded = s.recordedAnswerOf(e.interaction);
            if (recorded)
                d.answer = std::move(recorded).value();
            else
                d.answerError = recorded.error().message;
        }
    } else if (SqlReplay *sql = s.sql()) {
        const ReplaySqlEvent &e = sql->events()[size_t(ref.index)];
        d.sql = e;
        if (e.record >= 0) {
            d.record = sql->record(e.record);
            d.recordLine = sql->recordLine(e.record);
            d.explanation = sql->explainMatch(e);
        } else if (e.outcome == ReplayOutcome::Unmatched || e.outcome == ReplayOutcome::Held) {
            d.explanation = sql->describeMiss(e);
        }
        for (const SqlCandidate &c : e.candidates) {
            d.candidateRecords.append(sql->record(c.record));
            d.candidateLines.append(sql->recordLine(c.record));
        }
    }
    post([c = m_controller, d = std::move(d)] { emit c->detailsReady(d); });
}

void ReplayWorker::whatIf(ReplayRef ref, const MatchOptions &options)
{
    if (!m_run || ref.kind != ReplayKind::Http)
        return;
    ReplaySession &s = m_run->session();
    const ReplayHttpEvent &e = s.events()[size_t(ref.index)];
    ReplayWhatIf w = s.whatIf(e, options);
    QList<ReplaySession::RecordedRequest> candidates;
    for (const Candidate &c : w.nearest)
        candidates.append(s.recordedRequest(c.interaction));
    post([c = m_controller, ref, options, w = std::move(w), candidates = std::move(candidates)] {
        emit c->whatIfReady(ref, options, w, candidates);
    });
}

void ReplayWorker::answerEdited(ReplayRef ref, const HttpAnswer &answer)
{
    if (!m_run || ref.kind != ReplayKind::Http)
        return;
    ReplaySession &s = m_run->session();
    if (!s.heldEntries().contains(ref))
        return;
    const ReplayHttpEvent &e = s.events()[size_t(ref.index)];
    ReplayEdit edit { s.logEntryOf(ref), e.method, e.uri, e.interaction, recordedSeqOf(ref), answer, false };
    s.answerEdited(ref.index, answer);
    post([c = m_controller, edit] {
        c->m_edits.append(edit);
        emit c->editsChanged();
    });
}

void ReplayWorker::answerError(ReplayRef ref, int status, const QString &message)
{
    if (!m_run)
        return;
    ReplaySession &s = m_run->session();
    if (!s.heldEntries().contains(ref))
        return;
    if (ref.kind == ReplayKind::Sql) {
        s.sql()->answerError(ref.index, message);
        return;
    }
    const ReplayHttpEvent &e = s.events()[size_t(ref.index)];
    ReplayEdit edit { s.logEntryOf(ref), e.method, e.uri, e.interaction, recordedSeqOf(ref), {}, status == 0 };
    s.answerError(ref.index, status, message);
    if (const std::optional<HttpAnswer> &sent = s.events()[size_t(ref.index)].edit)
        edit.answer = *sent;
    post([c = m_controller, edit] {
        c->m_edits.append(edit);
        emit c->editsChanged();
    });
}

ReplayController::ReplayController(
    std::shared_ptr<const Timeline> timeline, std::shared_ptr<const Recording> recording, const QString &recordingPath, QObject *parent)
    : QObject(parent)
    , m_timeline(std::move(timeline))
    , m_recording(std::move(recording))
    , m_path(recordingPath)
{
    static const int registered = [] {
        qRegisterMetaType<ReplayRow>();
        qRegisterMetaType<ReplayHoldState>();
        qRegisterMetaType<ReplayDetails>();
        return 0;
    }();
    Q_UNUSED(registered);
    m_thread.setObjectName(QStringLiteral("replay"));
    m_worker = new ReplayWorker(this, m_timeline, m_recording, m_path);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

ReplayController::~ReplayController()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->shutdown(); }, Qt::BlockingQueuedConnection);
    // Deleted on its own thread: QThread deletes what is due for deletion as it finishes.
    m_worker->deleteLater();
    m_thread.quit();
    m_thread.wait();
}

template<typename F> void ReplayController::onWorker(F &&f)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
}

void ReplayController::start(const ReplayStartOptions &options)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Starting;
    onWorker([w = m_worker, options] { w->start(options); });
}

void ReplayController::runCommand(const QStringList &argv, const QString &workingDirectory, const QProcessEnvironment &base)
{
    onWorker([w = m_worker, argv, workingDirectory, base] { w->runCommand(argv, workingDirectory, base); });
}

void ReplayController::stop()
{
    onWorker([w = m_worker] { w->stop(); });
}

void ReplayController::setPaused(bool paused)
{
    onWorker([w = m_worker, paused] {
        if (ReplaySession *s = w->session()) {
            s->setPaused(paused);
            w->holdChanged();
        }
    });
}

void ReplayController::step()
{
    onWorker([w = m_worker] {
        if (ReplaySession *s = w->session()) {
            s->step();
            w->holdChanged();
        }
    });
}

void ReplayController::continueReplay()
{
    onWorker([w = m_worker] {
        if (ReplaySession *s = w->session()) {
            s->continueReplay();
            w->holdChanged();
        }
    });
}

void ReplayController::continueToNextUnmatched()
{
    onWorker([w = m_worker] {
        if (ReplaySession *s = w->session()) {
            s->continueToNextUnmatched();
            w->holdChanged();
        }
    });
}

void ReplayController::setBreakpoints(const QList<FilterExpression> &breakpoints)
{
    onWorker([w = m_worker, breakpoints] {
        if (ReplaySession *s = w->session())
            s->setBreakpoints(breakpoints);
    });
}

void ReplayController::release(ReplayRef ref)
{
    onWorker([w = m_worker, ref] {
        if (ReplaySession *s = w->session()) {
            s->release(ref);
            w->holdChanged();
        }
    });
}

void ReplayController::answerEdited(ReplayRef ref, const HttpAnswer &answer)
{
    onWorker([w = m_worker, ref, answer] { w->answerEdited(ref, answer); });
}

void ReplayController::answerError(ReplayRef ref, int status, const QString &message)
{
    onWorker([w = m_worker, ref, status, message] { w->answerError(ref, status, message); });
}

void ReplayController::requestDetails(ReplayRef ref)
{
    onWorker([w = m_worker, ref] { w->details(ref); });
}

void ReplayController::requestWhatIf(ReplayRef ref, const MatchOptions &options)
{
    onWorker([w = m_worker, ref, options] { w->whatIf(ref, options); });
}

QByteArray ReplayController::patch() const
{
    QJsonArray edits;
    for (const ReplayEdit &e : m_edits) {
        QJsonObject request { { QStringLiteral("method"), e.method }, { QStringLiteral("uri"), e.uri } };
        QJsonObject response;
        if (e.closed) {
            response.insert(QStringLiteral("closed"), true);
        } else {
            response.insert(QStringLiteral("status"), e.answer.status);
            response.insert(QStringLiteral("reason"), QString::fromLatin1(e.answer.reason));
            QJsonArray headers;
            for (const auto &[name, value] : e.answer.headers)
                headers.append(QJsonArray { QString::fromLatin1(name), QString::fromLatin1(value) });
            response.insert(QStringLiteral("headers"), headers);
            const QString text = QString::fromUtf8(e.answer.body);
            if (text.toUtf8() == e.answer.body)
                response.insert(QStringLiteral("body"), text);
            else
                response.insert(QStringLiteral("body_base64"), QString::fromLatin1(e.answer.body.toBase64()));
        }
        QJsonObject edit { { QStringLiteral("request"), request }, { QStringLiteral("response"), response } };
        if (e.interaction >= 0) {
            edit.insert(QStringLiteral("recorded_interaction"), e.interaction);
            edit.insert(QStringLiteral("recorded_event"), e.recordedSeq);
        }
        edits.append(edit);
    }
    const QJsonObject root { { QStringLiteral("tapedeck_replay_patch"), 1 },
        { QStringLiteral("recording"), m_recording ? m_recording->displayName : m_path }, { QStringLiteral("edits"), edits } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace tapedeck::replay
