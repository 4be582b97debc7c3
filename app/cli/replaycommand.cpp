// SPDX-License-Identifier: MIT
// tapedeck-cli replay: serve a recording from the mock layer, run the user's ingestion against it, report.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interruption.h"
#include "core/common/controlchars.h"
#include "core/diff/diffinput.h"
#include "core/diff/ignorerule.h"
#include "core/diff/metadatadiff.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "core/recording/sqlquery.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "core/replay/certificateauthority.h"
#include "core/replay/replayrecipe.h"
#include "core/replay/replayreport.h"
#include "core/replay/replaysession.h"
#include "core/replay/sqlreplay.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <memory>

#include <unistd.h>

namespace tapedeck {

using namespace tapedeck::replay;

namespace {

const QString RecipePlaceholder = QStringLiteral("{recipe}");

// A value for a POSIX shell's export line.
QString shellQuoted(const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Result<std::pair<QHostAddress, quint16>> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    QString host = colon > 0 ? text.left(colon) : text;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return makeError(ErrorCode::Usage, Cli::tr("--listen needs HOST:PORT with a loopback IP address, not %1").arg(text));
    if (!address.isLoopback())
        return makeError(ErrorCode::Usage,
            Cli::tr("--listen %1: the mock layer listens on loopback addresses only (127.0.0.1, ::1)").arg(text));
    quint16 port = 0;
    if (colon > 0 && !text.endsWith(QLatin1Char(']'))) {
        const std::optional<qint64> p = Cli::parseCount(text.mid(colon + 1));
        if (!p || *p > 65535)
            return makeError(ErrorCode::Usage, Cli::tr("--listen %1: the port must be a number from 0 to 65535").arg(text));
        port = quint16(*p);
    }
    return std::pair { address, port };
}

// The variables that point a client at the mock layer (DESIGN.md §7).
QList<std::pair<QString, QString>> clientEnvironment(const ReplaySession &session, const QString &caPath, const QString &recipe)
{
    const QString proxy = session.proxyUrl();
    QList<std::pair<QString, QString>> vars {
        { QStringLiteral("HTTP_PROXY"), proxy },
        { QStringLiteral("HTTPS_PROXY"), proxy },
        { QStringLiteral("http_proxy"), proxy },
        { QStringLiteral("https_proxy"), proxy },
        { QStringLiteral("REQUESTS_CA_BUNDLE"), caPath },
        { QStringLiteral("SSL_CERT_FILE"), caPath },
        { QStringLiteral("CURL_CA_BUNDLE"), caPath },
        { QStringLiteral("NODE_EXTRA_CA_CERTS"), caPath },
        { QStringLiteral("AWS_CA_BUNDLE"), caPath },
        { QStringLiteral("TAPEDECK_PROXY_URL"), proxy },
        { QStringLiteral("TAPEDECK_CA_BUNDLE"), caPath },
        { QStringLiteral("TAPEDECK_GMS_URL"), session.gmsUrl() },
    };
    if (const QString postgres = session.postgresUrl(); !postgres.isEmpty())
        vars.append({ QStringLiteral("TAPEDECK_POSTGRES_URL"), postgres });
    if (!recipe.isEmpty())
        vars.append({ QStringLiteral("TAPEDECK_RECIPE"), recipe });
    return vars;
}

QString endpointsText(const ReplaySession &session, const QString &caPath)
{
    QString out;
    out += Cli::tr("Proxy:          %1").arg(session.proxyUrl()) + QLatin1Char('\n');
    out += Cli::tr("GMS:            %1").arg(session.gmsUrl()) + QLatin1Char('\n');
    if (const QString postgres = session.postgresUrl(); !postgres.isEmpty())
        out += Cli::tr("PostgreSQL:     %1").arg(postgres) + QLatin1Char('\n');
    out += Cli::tr("CA certificate: %1").arg(caPath) + QLatin1Char('\n');
    out += Cli::tr("Reverse endpoints (one per recorded origin):") + QLatin1Char('\n');
    for (const ReplaySession::ReverseEndpoint &e : session.reverseEndpoints())
        out += QStringLiteral("  %1  →  %2%3\n").arg(e.url, escapeControls(e.origin), e.gms ? Cli::tr(" (GMS)") : QString());
    return out;
}

// Runs the command with the event loop turning (the mock layer answers it on this thread); forwards a
// Ctrl-C to its process group, then escalates if it does not stop.
ReplayCommandStatus runCommand(const QStringList &argv, const QProcessEnvironment &environment, bool outputToStderr,
    const Interruption &interruption)
{
    ReplayCommandStatus status;
    status.argv = argv;
    QProcess process;
    process.setProgram(argv.first());
    process.setArguments(argv.mid(1));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.setInputChannelMode(QProcess::ForwardedInputChannel);
    process.setChildProcessModifier([outputToStderr] {
        ::setpgid(0, 0); // its own process group: Stop and Ctrl-C end it and everything it started
        if (outputToStderr)
            ::dup2(2, 1); // --json: the report owns stdout
    });
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    process.start();
    if (!process.waitForStarted(10'000)) {
        status.error = process.errorString();
        return status;
    }
    const qint64 pid = process.processId();
    int stage = 0;
    QElapsedTimer sinceSignal;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (!interruption.signal() || process.state() == QProcess::NotRunning)
            return;
        if (stage == 0) {
            ::kill(-pid_t(pid), SIGINT);
            stage = 1;
            sinceSignal.start();
        } else if (stage == 1 && sinceSignal.elapsed() > 5'000) {
            ::kill(-pid_t(pid), SIGTERM);
            stage = 2;
            sinceSignal.start();
        } else if (stage == 2 && sinceSignal.elapsed() > 5'000) {
            ::kill(-pid_t(pid), SIGKILL);
            stage = 3;
        }
    });
    poll.start(50);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    poll.stop();
    // Whatever it left running in its group (a background job, a worker that ignores SIGINT) ends with it:
    // the mock layer it talked to is about to go.
    if (::kill(-pid_t(pid), SIGTERM) == 0) {
        QElapsedTimer grace;
        grace.start();
        while (::kill(-pid_t(pid), 0) == 0 && grace.elapsed() < 2'000)
            QThread::msleep(20);
        ::kill(-pid_t(pid), SIGKILL);
    }
    status.interrupted = interruption.signal() != 0;
    status.crashed = process.exitStatus() == QProcess::CrashExit;
    status.exitCode = process.exitCode();
    if (status.crashed)
        status.exitCode = SIGKILL; // QProcess does not tell the signal; report the one that ends it for sure
    return status;
}

} // namespace

int runReplay(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Replay a recording: serve its HTTP interactions from Tapedeck's mock layer (a loopback forward "
                "proxy with TLS, and one reverse endpoint per recorded origin), capture the MCPs sent to its "
                "GMS, run COMMAND against it with the replay recipe ({recipe}) and the proxy variables set, "
                "and report every request and the replayed metadata against the recorded. Without a command, "
                "serve until interrupted."));
    parser.addPositionalArgument(QStringLiteral("recording"),
        Cli::tr("An archive, an extracted folder or a cassette.yaml."), QStringLiteral("replay <recording>"));
    parser.addPositionalArgument(QStringLiteral("command"), Cli::tr("After --: the command to run, {recipe} "
                                                                    "replaced by the replay recipe's path."),
        QStringLiteral("[-- COMMAND ARGS...]"));
    const QCommandLineOption match(QStringLiteral("match"),
        Cli::tr("Matching policy: datahub (DataHub's own: the first match answers every repeat) or "
                "sequential (repeats get the recorded answers in order)."),
        Cli::tr("policy"), QStringLiteral("datahub"));
    const QCommandLineOption ignoreQueryOrder(QStringLiteral("ignore-query-order"),
        Cli::tr("Compare query parameters regardless of their order."));
    const QCommandLineOption ignoreParam(QStringLiteral("ignore-param"),
        Cli::tr("Leave query parameter <name> out of the comparison (repeatable)."), Cli::tr("name"));
    const QCommandLineOption ignoreHeader(QStringLiteral("ignore-header"),
        Cli::tr("Leave header <name> out of the differences shown for unmatched requests (repeatable; "
                "headers never decide a match, as in DataHub)."),
        Cli::tr("name"));
    const QCommandLineOption ignoreBody(QStringLiteral("ignore-body"), Cli::tr("Do not compare request bodies."));
    const QCommandLineOption ignoreBodyPath(QStringLiteral("ignore-body-path"),
        Cli::tr("Leave a place of JSON request bodies out, in the diff's rule syntax, root being the body: "
                "root['requestId'] (repeatable)."),
        Cli::tr("rule"));
    const QCommandLineOption listen(QStringLiteral("listen"),
        Cli::tr("The proxy's loopback address and port (default 127.0.0.1 and a free port)."), Cli::tr("host:port"));
    const QCommandLineOption unmatched(QStringLiteral("unmatched"),
        Cli::tr("How an unmatched request fails: 503 (with the nearest recorded requests in the body) or close."),
        Cli::tr("how"), QStringLiteral("503"));
    const QCommandLineOption json(QStringLiteral("json"),
        Cli::tr("Print the report as JSON (the command's output then goes to stderr)."));
    const QCommandLineOption mcpsOut(QStringLiteral("mcps-out"),
        Cli::tr("Write the replayed MCPs to <file> in the file sink's format."), Cli::tr("file"));
    const QCommandLineOption postgresPort(QStringLiteral("postgres-port"),
        Cli::tr("The PostgreSQL endpoint's loopback port (default: a free one)."), Cli::tr("port"));
    const QCommandLineOption postgresAuth(QStringLiteral("postgres-auth"),
        Cli::tr("How the PostgreSQL endpoint lets clients in: trust (default), password or md5 (any password), "
                "or scram (SCRAM-SHA-256 with the password of --postgres-password)."),
        Cli::tr("method"), QStringLiteral("trust"));
    const QCommandLineOption postgresPassword(QStringLiteral("postgres-password"),
        Cli::tr("The password SCRAM clients will send (a SCRAM server must know it to prove itself)."),
        Cli::tr("password"));
    parser.addOptions({ match, ignoreQueryOrder, ignoreParam, ignoreHeader, ignoreBody, ignoreBodyPath, listen,
        unmatched, json, mcpsOut, postgresPort, postgresAuth, postgresPassword });
    Cli::addPasswordOptions(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return cli.usage(Cli::tr("replay needs a recording"));
    const bool hasCommand = arguments.contains(QStringLiteral("--"));
    if (positional.size() > 1 && !hasCommand)
        return cli.usage(Cli::tr("replay takes one recording; put the command to run after --"));
    if (hasCommand && positional.size() < 2)
        return cli.usage(Cli::tr("replay: no command after --"));
    QStringList argv = positional.mid(1);

    ReplaySession::Options options;
    const QString policy = parser.value(match);
    if (policy == u"datahub")
        options.match.policy = MatchPolicy::DataHub;
    else if (policy == u"sequential")
        options.match.policy = MatchPolicy::Sequential;
    else
        return cli.usage(Cli::tr("--match must be datahub or sequential, not %1").arg(policy));
    options.match.ignoreQueryOrder = parser.isSet(ignoreQueryOrder);
    options.match.ignoredParams = parser.values(ignoreParam);
    options.match.ignoreBody = parser.isSet(ignoreBody);
    for (const QString &text : parser.values(ignoreBodyPath)) {
        Result<IgnoreRule> rule = IgnoreRule::parseIgnorePath(text);
        if (!rule)
            return cli.usage(Cli::tr("--ignore-body-path %1: %2").arg(text, rule.error().message));
        options.match.bodyIgnoreRules.append(std::move(rule).value());
    }
    options.ignoredHeaders = parser.values(ignoreHeader);
    if (parser.isSet(postgresPort)) {
        const std::optional<qint64> p = Cli::parseCount(parser.value(postgresPort));
        if (!p || *p > 65535)
            return cli.usage(Cli::tr("--postgres-port must be a number from 0 to 65535"));
        options.postgresPort = quint16(*p);
    }
    const QString auth = parser.value(postgresAuth);
    if (auth == u"trust")
        options.postgres.authentication = MockPostgresServer::Authentication::Trust;
    else if (auth == u"password")
        options.postgres.authentication = MockPostgresServer::Authentication::Cleartext;
    else if (auth == u"md5")
        options.postgres.authentication = MockPostgresServer::Authentication::Md5;
    else if (auth == u"scram")
        options.postgres.authentication = MockPostgresServer::Authentication::Scram;
    else
        return cli.usage(Cli::tr("--postgres-auth must be trust, password, md5 or scram, not %1").arg(auth));
    if (options.postgres.authentication == MockPostgresServer::Authentication::Scram && !parser.isSet(postgresPassword))
        return cli.usage(Cli::tr("--postgres-auth scram needs --postgres-password (the password the client will send)"));
    options.postgres.scramPassword = parser.value(postgresPassword);
    const QString how = parser.value(unmatched);
    if (how == u"503")
        options.unmatched = ReplaySession::UnmatchedAnswer::ServiceUnavailable;
    else if (how == u"close")
        options.unmatched = ReplaySession::UnmatchedAnswer::Close;
    else
        return cli.usage(Cli::tr("--unmatched must be 503 or close, not %1").arg(how));
    if (parser.isSet(listen)) {
        const Result<std::pair<QHostAddress, quint16>> address = parseListen(parser.value(listen));
        if (!address)
            return cli.usage(address.error().message);
        options.address = address->first;
        options.proxyPort = address->second;
    }
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);

    // The recording, indexed in full: the session answers from its timeline.
    const QString path = positional.first();
    const QFileInfo info(path);
    if (!info.exists())
        return cli.fail(makeError(ErrorCode::Io, Cli::tr("%1 does not exist").arg(path)));
    Timeline timeline;
    std::shared_ptr<const Recording> recording;
    DiffInput recordedMcps;
    const bool isRecording = info.isDir() || info.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0;
    if (isRecording) {
        auto source = cli.openUnlocked(path, Cli::passwordOptions(parser));
        if (!source)
            return cli.fail(source.error());
        Result<Recording> loaded = Recording::load(**source, *limits);
        if (!loaded)
            return cli.fail(loaded.error());
        if (const std::optional<Error> problem = loaded->mainProblem())
            cli.warn(problem->message);
        recording = std::make_shared<const Recording>(std::move(loaded).value());
        const Status indexed = TimelineIndexer::indexRecording(timeline, *recording);
        if (!indexed)
            return cli.fail(indexed.error());
        if (recording->contents.contains(QueryLog::FileName)) {
            Result<QueryLog> queries = QueryLog::parse(recording->contents.value(QueryLog::FileName), QueryLog::FileName);
            if (!queries)
                return cli.fail(queries.error());
            for (const QString &w : queries->warnings())
                cli.warn(w);
            options.queries = std::make_shared<const QueryLog>(std::move(queries).value());
        }
        if (!recording->contents.contains(Recording::CassetteFileName) && !options.queries)
            cli.warn(Cli::tr("%1 has neither an HTTP cassette (%2) nor recorded queries (%3): nothing to serve but "
                             "the GMS endpoint, which still captures the MCPs a command sends.")
                         .arg(path, Recording::CassetteFileName, QueryLog::FileName));
        recordedMcps = DiffInput::recording(recording, path);
    } else {
        const Status indexed = TimelineIndexer::indexFile(timeline, path);
        if (!indexed)
            return cli.fail(indexed.error());
        recordedMcps = DiffInput::file(path);
    }
    timeline.setComplete();
    for (const QString &w : timeline.warnings())
        cli.warn(w);
    const QList<Error> faults = timeline.faults();
    if (!faults.isEmpty())
        return cli.fail(faults.first());

    Result<CertificateAuthority> ca = CertificateAuthority::openOrCreate();
    if (!ca)
        return cli.fail(ca.error());
    auto authority = std::make_shared<CertificateAuthority>(std::move(ca).value());
    if (options.queries) {
        // TLS for PostgreSQL clients that insist (sslmode=require): a leaf for the loopback address.
        Result<CertificateAuthority::Leaf> leaf = authority->leafFor(options.address.toString());
        if (!leaf)
            return cli.fail(leaf.error());
        options.postgres.certificate = leaf->certificate;
        options.postgres.key = leaf->key;
    }
    options.tls = [authority](const QString &host) -> Result<MockHttpServer::TlsIdentity> {
        Result<CertificateAuthority::Leaf> leaf = authority->leafFor(host);
        if (!leaf)
            return leaf.error();
        return MockHttpServer::TlsIdentity { leaf->certificate, leaf->key };
    };
    const QString gmsServer = recording && recording->recipe ? recording->recipe->scalar(QStringLiteral("sink.config.server")) : QString();
    ReplaySession session(timeline, gmsServer, options);
    if (const Status started = session.start(); !started)
        return cli.fail(started.error());

    // The replay recipe, in a private temporary folder that goes away with the run.
    QTemporaryDir workDir;
    QString recipePath;
    QStringList recipeChanges;
    QStringList recipeNotes;
    if (recording && recording->contents.contains(Recipe::FileName)) {
        ReplayRecipeOptions recipeOptions;
        recipeOptions.gmsUrl = session.gmsUrl();
        if (SqlReplay *sql = session.sql()) {
            recipeOptions.postgresHost = sql->server()->address().toString();
            recipeOptions.postgresPort = sql->server()->port();
        }
        recipeOptions.origin = Recipe::FileName;
        const Result<ReplayRecipe> recipe = makeReplayRecipe(recording->contents.value(Recipe::FileName), recipeOptions);
        if (!recipe)
            cli.warn(Cli::tr("no replay recipe: %1").arg(recipe.error().message));
        else if (!workDir.isValid())
            return cli.fail(makeError(ErrorCode::Io, Cli::tr("cannot create a temporary folder: %1").arg(workDir.errorString())));
        else {
            recipePath = workDir.filePath(QStringLiteral("replay-recipe.yml"));
            recipeChanges = recipe->changes;
            recipeNotes = recipe->notes;
            QFile file(recipePath);
            if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)
                || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || file.write(recipe->yaml) != recipe->yaml.size()
                || !file.flush())
                return cli.fail(makeError(ErrorCode::Io, Cli::tr("%1 could not be written: %2").arg(recipePath, file.errorString())));
        }
    }
    const bool usesRecipe = std::any_of(argv.cbegin(), argv.cend(), [](const QString &a) { return a.contains(RecipePlaceholder); });
    if (usesRecipe && recipePath.isEmpty())
        return cli.usage(Cli::tr("the command uses {recipe}, but the recording has no recipe to replay"));
    for (QString &a : argv)
        a.replace(RecipePlaceholder, recipePath);

    const QString caPath = authority->certificatePath();
    const QList<std::pair<QString, QString>> vars = clientEnvironment(session, caPath, recipePath);
    const bool jsonOut = parser.isSet(json);
    const QString recordingName = recording ? recording->displayName : info.fileName();
    Interruption interruption;
    std::optional<ReplayCommandStatus> commandStatus;
    if (hasCommand) {
        cli.err(Cli::tr("Replaying %1 (%2 recorded interactions, policy %3)\n")
                    .arg(recordingName)
                    .arg(session.interactionCount())
                    .arg(policy)
            + endpointsText(session, caPath));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // Everything goes through the proxy: a NO_PROXY naming a recorded host would let the client past the
        // air gap.
        environment.remove(QStringLiteral("NO_PROXY"));
        environment.remove(QStringLiteral("no_proxy"));
        for (const auto &[name, value] : vars)
            environment.insert(name, value);
        ReplayCommandStatus status = runCommand(argv, environment, jsonOut, interruption);
        status.expectedFailure = recording && recording->manifest && recording->manifest->hasException;
        commandStatus = std::move(status);
    } else {
        QString text = Cli::tr("Replaying %1 (%2 recorded interactions, policy %3)\n")
                           .arg(recordingName)
                           .arg(session.interactionCount())
                           .arg(policy)
            + endpointsText(session, caPath);
        text += Cli::tr("To point a shell's clients at it:") + QLatin1Char('\n');
        for (const auto &[name, value] : vars)
            text += QStringLiteral("export %1=%2\n").arg(name, shellQuoted(value));
        text += Cli::tr("Serving until interrupted (Ctrl-C)…") + QLatin1Char('\n');
        // With --json the endpoints go to stderr: stdout is the report's.
        if (jsonOut)
            cli.err(text);
        else
            cli.out(text);
        std::fflush(stdout);
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (interruption.signal())
                loop.quit();
        });
        poll.start(50);
        loop.exec();
    }
    session.releaseAll();
    session.stop();

    if (parser.isSet(mcpsOut)) {
        const QString out = parser.value(mcpsOut);
        QSaveFile file(out);
        const QByteArray data = McpExtractor::toFileSinkJson(session.replayedMcps());
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
            return cli.fail(makeError(ErrorCode::Io, Cli::tr("%1 could not be written: %2").arg(out, file.errorString())));
    }
    DiffOptions diffOptions;
    diffOptions.preset = DiffPreset::Replay;
    std::optional<DiffReport> diff;
    const DiffInput replayed = DiffInput::records(Cli::tr("replay"), session.replayedMcps(), session.mcpWarnings());
    Result<DiffReport> compared = MetadataDiff::run(recordedMcps, replayed, diffOptions);
    if (compared)
        diff = std::move(compared).value();
    ReplayReport report = ReplayReport::build(session, recordingName, commandStatus, diff);
    report.recipePath = recipePath;
    report.recipeChanges = recipeChanges;
    report.recipeNotes = recipeNotes;
    if (!compared)
        report.warnings.append(Cli::tr("the replayed MCPs could not be compared: %1").arg(compared.error().message));

    if (jsonOut) {
        cli.out(QByteArrayView(report.toJson(session)));
    } else {
        QString text = QLatin1Char('\n') + report.toText(session);
        if (diff) {
            text += QLatin1Char('\n') + Cli::tr("Replayed MCPs against the recorded (preset replay):") + QLatin1Char('\n');
            text += diffReportText(cli, *diff);
        }
        text += report.success() ? Cli::tr("Replay: everything matched.\n") : Cli::tr("Replay: DIFFERENCES (exit 1).\n");
        cli.out(text);
    }
    if (commandStatus && commandStatus->interrupted)
        return interruption.exitCode(1);
    return report.success() ? 0 : 1;
}

} // namespace tapedeck
