// SPDX-License-Identifier: MIT
// tapedeck-cli replay: serve a recording from the mock layer, run the user's ingestion against it, report.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interruption.h"
#include "core/diff/ignorerule.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "core/replay/replayreport.h"
#include "core/replay/replayrun.h"
#include "core/replay/replaysession.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace tapedeck {

using namespace tapedeck::replay;

namespace {

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
    Cli::addS3Options(parser);
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
    const Result<QString> local = cli.localSource(positional.first(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    const QString path = *local;
    const QFileInfo info(path);
    if (!info.exists())
        return cli.fail(makeError(ErrorCode::Io, Cli::tr("%1 does not exist").arg(path)));
    Timeline timeline;
    std::shared_ptr<const Recording> recording;
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
    } else {
        const Status indexed = TimelineIndexer::indexFile(timeline, path);
        if (!indexed)
            return cli.fail(indexed.error());
    }
    timeline.setComplete();
    for (const QString &w : timeline.warnings())
        cli.warn(w);
    const QList<Error> faults = timeline.faults();
    if (!faults.isEmpty())
        return cli.fail(faults.first());

    ReplayRunSetup setup;
    setup.recording = recording;
    setup.recordingPath = path;
    setup.options = std::move(options);
    ReplayRun run(timeline, std::move(setup));
    const Status started = run.start();
    for (const QString &w : run.warnings())
        cli.warn(w);
    if (!started)
        return cli.fail(started.error());
    const ReplaySession &session = run.session();

    const bool jsonOut = parser.isSet(json);
    const QString header = Cli::tr("Replaying %1 (%2 recorded interactions, policy %3)\n")
                               .arg(run.recordingName())
                               .arg(session.interactionCount())
                               .arg(policy)
        + run.endpointsText();
    Interruption interruption;
    if (hasCommand) {
        if (const Result<QStringList> line = run.commandLine(argv); !line)
            return cli.usage(line.error().message);
        cli.err(header);
        const Status launched = run.startCommand(argv, QString(), QProcessEnvironment::systemEnvironment(),
            jsonOut ? ReplayRun::Output::ForwardToStderr : ReplayRun::Output::Forward);
        // A command that could not be started is in the report (commandStatus() says why).
        if (launched) {
            // The event loop turns while the command runs: the mock layer answers it on this thread. A Ctrl-C
            // starts Stop's escalation (SIGINT, SIGTERM, SIGKILL to its process group).
            QEventLoop loop;
            QObject::connect(&run, &ReplayRun::commandFinished, &loop, &QEventLoop::quit);
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
                if (interruption.signal())
                    run.stopCommand();
            });
            poll.start(50);
            if (run.isCommandRunning())
                loop.exec();
        }
    } else {
        QString text = header;
        text += Cli::tr("To point a shell's clients at it:") + QLatin1Char('\n');
        text += run.exportLines();
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
    run.stopServing();

    if (parser.isSet(mcpsOut)) {
        const QString out = parser.value(mcpsOut);
        QSaveFile file(out);
        const QByteArray data = McpExtractor::toFileSinkJson(session.replayedMcps());
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
            return cli.fail(makeError(ErrorCode::Io, Cli::tr("%1 could not be written: %2").arg(out, file.errorString())));
    }
    const ReplayReport report = run.finish();
    const std::optional<DiffReport> &diff = run.diff();
    const std::optional<ReplayCommandStatus> commandStatus = run.commandStatus();

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
