// SPDX-License-Identifier: MIT
// One replay run for both front-ends: CA, session, replay recipe, client variables, the command in its own
// process group, the MCP diff and the report.
#include "core/replay/replayrun.h"

#include "core/archive/recipe.h"
#include "core/common/controlchars.h"
#include "core/diff/metadatadiff.h"
#include "core/recording/recording.h"
#include "core/recording/sqlquery.h"
#include "core/replay/certificateauthority.h"
#include "core/replay/replayrecipe.h"
#include "core/replay/sqlreplay.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>

#include <unistd.h>

namespace tapedeck::replay {

namespace {

const QString RecipePlaceholder = QStringLiteral("{recipe}");

} // namespace

ReplayRun::ReplayRun(const Timeline &timeline, ReplayRunSetup setup, QObject *parent)
    : QObject(parent)
    , m_timeline(timeline)
    , m_setup(std::move(setup))
{
    if (m_setup.recordingName.isEmpty())
        m_setup.recordingName = m_setup.recording ? m_setup.recording->displayName : QFileInfo(m_setup.recordingPath).fileName();
    m_escalation.setSingleShot(true);
    connect(&m_escalation, &QTimer::timeout, this, &ReplayRun::escalate);
    m_leftoverPoll.setInterval(20);
    connect(&m_leftoverPoll, &QTimer::timeout, this, &ReplayRun::endLeftovers);
}

ReplayRun::~ReplayRun()
{
    m_escalation.stop();
    m_leftoverPoll.stop();
    if (m_process) {
        m_process->disconnect(this);
        if (m_commandRunning)
            killGroup(SIGKILL);
        if (m_process->state() != QProcess::NotRunning) {
            // Not reaped yet: QProcess's destructor would wait for it (and warn). It reaps the child on its
            // own and goes then, so that nothing here blocks the thread.
            QProcess *process = m_process.release();
            process->setParent(nullptr);
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
            connect(process, &QProcess::errorOccurred, process, [process](QProcess::ProcessError error) {
                if (error == QProcess::FailedToStart)
                    process->deleteLater();
            });
        }
        m_process.reset();
    }
}

Status ReplayRun::start()
{
    if (m_started)
        return makeError(ErrorCode::Usage, tr("the replay has been started already"));
    const std::shared_ptr<const Recording> &recording = m_setup.recording;
    ReplaySession::Options options = m_setup.options;
    if (recording) {
        if (recording->contents.contains(QueryLog::FileName)) {
            Result<QueryLog> queries = QueryLog::parse(recording->contents.value(QueryLog::FileName), QueryLog::FileName);
            if (!queries)
                return queries.error();
            m_warnings += queries->warnings();
            options.queries = std::make_shared<const QueryLog>(std::move(queries).value());
        }
        if (!recording->contents.contains(Recording::CassetteFileName) && !options.queries)
            m_warnings.append(tr("%1 has neither an HTTP cassette (%2) nor recorded queries (%3): nothing to serve but "
                                 "the GMS endpoint, which still captures the MCPs a command sends.")
                                  .arg(m_setup.recordingPath, Recording::CassetteFileName, QueryLog::FileName));
    }

    Result<CertificateAuthority> ca = m_setup.caDirectory.isEmpty()
        ? CertificateAuthority::openOrCreate()
        : CertificateAuthority::openOrCreate(m_setup.caDirectory);
    if (!ca)
        return ca.error();
    auto authority = std::make_shared<CertificateAuthority>(std::move(ca).value());
    if (options.queries) {
        // TLS for PostgreSQL clients that insist (sslmode=require): a leaf for the loopback address.
        Result<CertificateAuthority::Leaf> leaf = authority->leafFor(options.address.toString());
        if (!leaf)
            return leaf.error();
        options.postgres.certificate = leaf->certificate;
        options.postgres.key = leaf->key;
    }
    options.tls = [authority](const QString &host) -> Result<MockHttpServer::TlsIdentity> {
        Result<CertificateAuthority::Leaf> leaf = authority->leafFor(host);
        if (!leaf)
            return leaf.error();
        return MockHttpServer::TlsIdentity { leaf->certificate, leaf->key };
    };
    m_authority = std::move(authority);

    const QString gmsServer = recording && recording->recipe ? recording->recipe->scalar(QStringLiteral("sink.config.server")) : QString();
    m_session = std::make_unique<ReplaySession>(m_timeline, gmsServer, std::move(options));
    if (const Status started = m_session->start(); !started) {
        m_session.reset();
        return started;
    }
    m_started = true;
    m_serving = true;
    return writeRecipe();
}

Status ReplayRun::writeRecipe()
{
    const std::shared_ptr<const Recording> &recording = m_setup.recording;
    if (!recording || !recording->contents.contains(Recipe::FileName))
        return success();
    ReplayRecipeOptions recipeOptions;
    recipeOptions.gmsUrl = m_session->gmsUrl();
    if (SqlReplay *sql = m_session->sql()) {
        recipeOptions.postgresHost = sql->server()->address().toString();
        recipeOptions.postgresPort = sql->server()->port();
    }
    recipeOptions.origin = Recipe::FileName;
    const Result<ReplayRecipe> recipe = makeReplayRecipe(recording->contents.value(Recipe::FileName), recipeOptions);
    if (!recipe) {
        m_warnings.append(tr("no replay recipe: %1").arg(recipe.error().message));
        return success();
    }
    // A private temporary folder (0700) that goes away with the run.
    m_workDir = std::make_unique<QTemporaryDir>();
    if (!m_workDir->isValid())
        return makeError(ErrorCode::Io, tr("cannot create a temporary folder: %1").arg(m_workDir->errorString()));
    const QString path = m_workDir->filePath(QStringLiteral("replay-recipe.yml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || file.write(recipe->yaml) != recipe->yaml.size() || !file.flush())
        return makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(path, file.errorString()));
    m_recipePath = path;
    m_recipeChanges = recipe->changes;
    m_recipeNotes = recipe->notes;
    return success();
}

ReplaySession &ReplayRun::session()
{
    Q_ASSERT(m_session);
    return *m_session;
}

const ReplaySession &ReplayRun::session() const
{
    Q_ASSERT(m_session);
    return *m_session;
}

QString ReplayRun::caPath() const
{
    return m_authority ? m_authority->certificatePath() : QString();
}

QString ReplayRun::caFingerprint() const
{
    return m_authority ? m_authority->fingerprintSha256() : QString();
}

QByteArray ReplayRun::caCertificatePem() const
{
    return m_authority ? m_authority->certificatePem() : QByteArray();
}

QList<std::pair<QString, QString>> ReplayRun::environment() const
{
    if (!m_session)
        return {};
    const QString proxy = m_session->proxyUrl();
    const QString ca = caPath();
    QList<std::pair<QString, QString>> vars {
        { QStringLiteral("HTTP_PROXY"), proxy },
        { QStringLiteral("HTTPS_PROXY"), proxy },
        { QStringLiteral("http_proxy"), proxy },
        { QStringLiteral("https_proxy"), proxy },
        { QStringLiteral("REQUESTS_CA_BUNDLE"), ca },
        { QStringLiteral("SSL_CERT_FILE"), ca },
        { QStringLiteral("CURL_CA_BUNDLE"), ca },
        { QStringLiteral("NODE_EXTRA_CA_CERTS"), ca },
        { QStringLiteral("AWS_CA_BUNDLE"), ca },
        { QStringLiteral("TAPEDECK_PROXY_URL"), proxy },
        { QStringLiteral("TAPEDECK_CA_BUNDLE"), ca },
        { QStringLiteral("TAPEDECK_GMS_URL"), m_session->gmsUrl() },
    };
    if (const QString postgres = m_session->postgresUrl(); !postgres.isEmpty())
        vars.append({ QStringLiteral("TAPEDECK_POSTGRES_URL"), postgres });
    if (!m_recipePath.isEmpty())
        vars.append({ QStringLiteral("TAPEDECK_RECIPE"), m_recipePath });
    return vars;
}

QProcessEnvironment ReplayRun::commandEnvironment(const QProcessEnvironment &base) const
{
    QProcessEnvironment result = base;
    result.remove(QStringLiteral("NO_PROXY"));
    result.remove(QStringLiteral("no_proxy"));
    for (const auto &[name, value] : environment())
        result.insert(name, value);
    return result;
}

QString ReplayRun::endpointsText() const
{
    if (!m_session)
        return {};
    QString out;
    out += tr("Proxy:          %1").arg(m_session->proxyUrl()) + u'\n';
    out += tr("GMS:            %1").arg(m_session->gmsUrl()) + u'\n';
    if (const QString postgres = m_session->postgresUrl(); !postgres.isEmpty())
        out += tr("PostgreSQL:     %1").arg(postgres) + u'\n';
    out += tr("CA certificate: %1").arg(caPath()) + u'\n';
    out += tr("Reverse endpoints (one per recorded origin):") + u'\n';
    for (const ReplaySession::ReverseEndpoint &e : m_session->reverseEndpoints())
        out += QStringLiteral("  %1  →  %2%3\n").arg(e.url, escapeControls(e.origin), e.gms ? tr(" (GMS)") : QString());
    return out;
}

QString ReplayRun::exportLines() const
{
    QString out;
    for (const auto &[name, value] : environment())
        out += QStringLiteral("export %1=%2\n").arg(name, shellQuoted(value));
    return out;
}

QString ReplayRun::shellQuoted(const QString &value)
{
    QString quoted = value;
    quoted.replace(u'\'', QLatin1String("'\\''"));
    return u'\'' + quoted + u'\'';
}

Result<QStringList> ReplayRun::commandLine(QStringList argv) const
{
    if (argv.isEmpty() || argv.first().isEmpty())
        return makeError(ErrorCode::Usage, tr("no command to run"));
    const bool usesRecipe = std::any_of(argv.cbegin(), argv.cend(), [](const QString &a) { return a.contains(RecipePlaceholder); });
    if (usesRecipe && m_recipePath.isEmpty())
        return makeError(ErrorCode::Usage, tr("the command uses {recipe}, but the recording has no recipe to replay"));
    for (QString &a : argv)
        a.replace(RecipePlaceholder, m_recipePath);
    return argv;
}

Status ReplayRun::startCommand(QStringList argv, const QString &workingDirectory, const QProcessEnvironment &base, Output output)
{
    if (!m_started)
        return makeError(ErrorCode::Usage, tr("the replay must be started before its command"));
    if (m_process)
        return makeError(ErrorCode::Usage, tr("a replay runs one command, and this one has run its command already"));
    Result<QStringList> line = commandLine(std::move(argv));
    if (!line)
        return line.error();
    m_pending = ReplayCommandStatus {};
    m_pending.argv = *line;
    m_pending.expectedFailure = m_setup.recording && m_setup.recording->manifest && m_setup.recording->manifest->hasException;

    // What exec() would refuse, told now and plainly (QProcess would say it later, as "execvp: …"). A program
    // without a slash is looked up in this process's PATH, as QProcess looks it up; one with a slash is taken
    // from the working folder, where exec() will run.
    const QString program = line->first();
    QString reason;
    if (!workingDirectory.isEmpty() && !QFileInfo(workingDirectory).isDir()) {
        reason = tr("the working folder %1 does not exist").arg(workingDirectory);
    } else if (!program.contains(u'/')) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            reason = tr("%1: no such program in PATH").arg(program);
    } else {
        const QDir folder(workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory);
        const QFileInfo file(folder.absoluteFilePath(program));
        if (!file.exists())
            reason = tr("%1: no such file").arg(program);
        else if (!file.isFile() || !file.isExecutable())
            reason = tr("%1: not an executable file").arg(program);
    }
    if (!reason.isEmpty()) {
        m_pending.error = reason;
        m_commandStatus = m_pending;
        return makeError(ErrorCode::Io, tr("the command could not be started: %1").arg(reason));
    }

    m_process = std::make_unique<QProcess>();
    QProcess &process = *m_process;
    process.setProgram(program);
    process.setArguments(line->mid(1));
    process.setProcessEnvironment(commandEnvironment(base));
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    const bool toStderr = output == Output::ForwardToStderr;
    if (output == Output::Capture) {
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.setStandardInputFile(QProcess::nullDevice());
        connect(&process, &QProcess::readyReadStandardOutput, this, [this] { forwardOutput(QProcess::StandardOutput); });
        connect(&process, &QProcess::readyReadStandardError, this, [this] { forwardOutput(QProcess::StandardError); });
    } else {
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        process.setInputChannelMode(QProcess::ForwardedInputChannel);
    }
    process.setChildProcessModifier([toStderr] {
        ::setpgid(0, 0); // its own process group: Stop and Ctrl-C end it and everything it started
        if (toStderr)
            ::dup2(2, 1); // the caller's stdout is its report's
    });
    connect(&process, &QProcess::finished, this, [this] { processExited(false); });
    connect(&process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            processExited(true);
    });
    m_commandRunning = true;
    m_exited = false;
    m_interrupted = false;
    m_stopStage = 0;
    m_launching = true;
    process.start();
    m_launching = false;
    if (process.state() == QProcess::NotRunning) {
        // Refused before a child existed (QProcess reported it from start() itself).
        m_commandRunning = false;
        m_pending.error = process.errorString();
        m_commandStatus = m_pending;
        return makeError(ErrorCode::Io, tr("the command could not be started: %1").arg(m_pending.error));
    }
    m_group = process.processId();
    // The child makes itself a group leader before exec(); doing it from here as well means a Stop that comes
    // at once already finds the group (the classic race between the two).
    if (m_group > 0)
        ::setpgid(pid_t(m_group), pid_t(m_group));
    return success();
}

void ReplayRun::forwardOutput(QProcess::ProcessChannel channel)
{
    if (!m_process)
        return;
    const QByteArray data = channel == QProcess::StandardOutput ? m_process->readAllStandardOutput() : m_process->readAllStandardError();
    if (!data.isEmpty())
        emit commandOutput(data, channel);
}

void ReplayRun::killGroup(int signal) const
{
    if (m_group > 0)
        ::kill(-pid_t(m_group), signal);
}

void ReplayRun::stopCommand()
{
    if (!m_commandRunning)
        return;
    m_interrupted = true;
    // Exited already: what it left in its group is being ended on the leftovers' schedule.
    if (m_exited || m_stopStage > 0)
        return;
    killGroup(SIGINT);
    m_stopStage = 1;
    m_escalation.start(m_grace.afterInterrupt);
}

void ReplayRun::escalate()
{
    if (!m_commandRunning || m_exited)
        return;
    if (m_stopStage == 1) {
        killGroup(SIGTERM);
        m_stopStage = 2;
        m_escalation.start(m_grace.afterTerminate);
    } else if (m_stopStage == 2) {
        killGroup(SIGKILL);
        m_stopStage = 3;
    }
}

void ReplayRun::processExited(bool failedToStart)
{
    if (m_launching || !m_commandRunning || m_exited)
        return;
    m_exited = true;
    m_escalation.stop();
    if (failedToStart) {
        m_pending.error = m_process->errorString();
    } else {
        forwardOutput(QProcess::StandardOutput);
        forwardOutput(QProcess::StandardError);
        m_pending.crashed = m_process->exitStatus() == QProcess::CrashExit;
        m_pending.exitCode = m_process->exitCode(); // the signal's number when it crashed
    }
    // Whatever it left running in its group (a background job, a worker that ignores SIGINT) ends with it:
    // the mock layer it talked to is about to go. On a timer, not a sleep: the GUI thread owns this object,
    // and the mock layer keeps answering the stragglers meanwhile.
    if (m_group > 0 && ::kill(-pid_t(m_group), SIGTERM) == 0) {
        m_leftoverClock.start();
        m_leftoverPoll.start();
        return;
    }
    settle();
}

void ReplayRun::endLeftovers()
{
    if (::kill(-pid_t(m_group), 0) == 0) {
        if (m_leftoverClock.elapsed() < m_grace.leftovers.count())
            return;
        killGroup(SIGKILL);
    }
    m_leftoverPoll.stop();
    settle();
}

void ReplayRun::settle()
{
    m_pending.interrupted = m_interrupted;
    m_commandStatus = m_pending;
    m_commandRunning = false;
    emit commandFinished();
}

void ReplayRun::stopServing()
{
    if (!m_session || !m_serving)
        return;
    m_session->releaseAll();
    m_session->stop();
    m_serving = false;
}

ReplayReport ReplayRun::finish()
{
    stopServing();
    return finish(compareMcps(recordedMcps(), replayedMcps()));
}

ReplayReport ReplayRun::finish(Result<DiffReport> compared)
{
    if (m_commandRunning) {
        // Ending the run while the command runs: nothing may keep talking to a mock layer that is gone.
        m_escalation.stop();
        m_leftoverPoll.stop();
        m_process->disconnect(this); // its exit is no news any more; QProcess still reaps it
        killGroup(SIGKILL);
        if (!m_exited) {
            m_pending.crashed = true;
            m_pending.exitCode = SIGKILL;
        }
        m_interrupted = true;
        m_pending.interrupted = true;
        m_commandStatus = m_pending;
        m_commandRunning = false;
    }
    stopServing();
    if (!m_session) {
        ReplayReport report;
        report.recordingName = m_setup.recordingName;
        report.warnings.append(tr("the replay was never started"));
        return report;
    }
    m_diff.reset();
    std::optional<QString> diffProblem;
    if (compared)
        m_diff = std::move(compared).value();
    else
        diffProblem = compared.error().message;
    ReplayReport report = ReplayReport::build(*m_session, m_setup.recordingName, m_commandStatus, m_diff);
    report.recipePath = m_recipePath;
    report.recipeChanges = m_recipeChanges;
    report.recipeNotes = m_recipeNotes;
    if (diffProblem)
        report.warnings.append(tr("the replayed MCPs could not be compared: %1").arg(*diffProblem));
    return report;
}

Result<DiffReport> ReplayRun::compareMcps(const DiffInput &recorded, const DiffInput &replayed, ProgressReporter *progress)
{
    DiffOptions options;
    options.preset = DiffPreset::Replay;
    return MetadataDiff::run(recorded, replayed, options, progress);
}

DiffInput ReplayRun::recordedMcps() const
{
    if (m_setup.recording)
        return DiffInput::recording(m_setup.recording, m_setup.recordingPath);
    return DiffInput::file(m_setup.recordingPath);
}

DiffInput ReplayRun::replayedMcps() const
{
    if (!m_session)
        return DiffInput::records(tr("replay"), {});
    return DiffInput::records(tr("replay"), m_session->replayedMcps(), m_session->mcpWarnings());
}

} // namespace tapedeck::replay
