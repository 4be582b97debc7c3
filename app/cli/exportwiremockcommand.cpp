// SPDX-License-Identifier: MIT
// tapedeck-cli export-wiremock: the HTTP events of a recording as WireMock 3.x stub mappings, written while
// indexing.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/timelinejob.h"
#include "core/replay/wiremockexport.h"

namespace tapedeck {

int runExportWireMock(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Write the HTTP events of a recording as WireMock 3.x stub mappings: one file per "
                "interaction in <dir>/mappings, large and binary response bodies in <dir>/__files. A "
                "mapping matches the recorded method, path and query exactly and the request body (JSON "
                "in any member order); a request recorded several times answers with its recorded "
                "responses in order, the last one repeating. Serve them with "
                "\"java -jar wiremock-standalone.jar --root-dir <dir>\"."));
    parser.addPositionalArgument(QStringLiteral("source"),
        Cli::tr("An archive, an extracted folder or a cassette.yaml."),
        QStringLiteral("export-wiremock <source>"));
    const QCommandLineOption output({ QStringLiteral("o"), QStringLiteral("output") },
        Cli::tr("Write the mappings below <dir> (required; its mappings and __files folders must be "
                "new or empty)."),
        Cli::tr("dir"));
    parser.addOption(output);
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("export-wiremock needs exactly one source"));
    if (!parser.isSet(output) || parser.value(output).isEmpty())
        return cli.usage(Cli::tr("export-wiremock needs --output <dir>"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);

    // The folder is checked before the recording is opened: a refused folder costs no password prompt.
    replay::WireMockExport exporter(parser.value(output));
    if (Status begun = exporter.begin(); !begun)
        return cli.fail(begun.error());

    const Result<QString> local = cli.localSource(parser.positionalArguments().constFirst(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    auto job = TimelineJob::start(cli, *local, Cli::passwordOptions(parser), *limits);
    if (!job)
        return cli.fail(job.error());

    // Mappings are written as events are indexed.
    Status exported = success();
    const Timeline &timeline = (*job)->timeline();
    const Status indexed = (*job)->follow([&](qsizetype seq) {
        if (exported)
            exported = exporter.add(timeline, seq);
    });
    if (!indexed)
        return cli.fail(indexed.error());
    if (exported)
        exported = exporter.finish();
    for (const QString &warning : exporter.warnings())
        cli.warn(warning);
    if (!exported)
        return cli.fail(makeError(exported.error().code,
            Cli::tr("%1 (the mappings written so far are left in %2)")
                .arg(exported.error().message, exporter.mappingsDir())));
    const int mappings = int(exporter.mappingCount());
    const QString written = mappings == 1
        ? Cli::tr("1 stub mapping written to %1").arg(exporter.mappingsDir())
        : Cli::tr("%n stub mappings written to %1", nullptr, mappings).arg(exporter.mappingsDir());
    cli.err(Cli::tr("%1 (body files: %2; requests recorded more than once, answered in recorded order: %3)\n")
                .arg(written)
                .arg(exporter.bodyFileCount())
                .arg(exporter.scenarioCount()));
    // A fault that stopped reading (exit 4) still leaves the mappings of everything before it.
    return (*job)->finish(cli);
}

} // namespace tapedeck
