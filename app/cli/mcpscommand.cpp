// SPDX-License-Identifier: MIT
// tapedeck-cli mcps: the MCPs a recording emitted, written in DataHub's file-sink format.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/timelineindexer.h"
#include "app/cli/timelinejob.h"

#include <QSaveFile>

namespace tapedeck {

int runMcps(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Write the MCPs a recording sent to GMS in the file sink's format (like recording_output.json), "
        "for `datahub check metadata-diff` or `tapedeck-cli diff`."));
    parser.addPositionalArgument(QStringLiteral("source"),
        Cli::tr("An archive, an extracted folder, a cassette.yaml or an MCP JSON file."),
        QStringLiteral("mcps <source>"));
    const QCommandLineOption output({ QStringLiteral("o"), QStringLiteral("output") },
        Cli::tr("Write to <file> instead of standard output."), Cli::tr("file"));
    parser.addOption(output);
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("mcps needs exactly one source"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);

    const Result<QString> local = cli.localSource(parser.positionalArguments().constFirst(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    auto job = TimelineJob::start(cli, *local, Cli::passwordOptions(parser), *limits);
    if (!job)
        return cli.fail(job.error());
    if (Status s = (*job)->wait(); !s)
        return cli.fail(s.error());
    const Timeline &timeline = (*job)->timeline();
    const Result<QList<McpRecord>> records = TimelineIndexer::mcps(timeline);
    if (!records)
        return cli.fail(records.error());
    const QByteArray json = McpExtractor::toFileSinkJson(*records);
    if (parser.isSet(output)) {
        QSaveFile file(parser.value(output));
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
            return cli.fail(makeError(ErrorCode::Io,
                Cli::tr("%1 could not be written: %2").arg(parser.value(output), file.errorString())));
        cli.err(Cli::tr("%1 MCPs written to %2\n").arg(records->size()).arg(parser.value(output)));
    } else {
        cli.out(QString::fromUtf8(json)); // byte for byte what the file sink writes (no final newline)
    }
    return (*job)->finish(cli);
}

} // namespace tapedeck
