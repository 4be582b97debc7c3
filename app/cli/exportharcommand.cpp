// SPDX-License-Identifier: MIT
// tapedeck-cli export-har: the HTTP events of a recording as a HAR 1.2 file, written while indexing.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/timelinejob.h"
#include "core/recording/harexport.h"

#include <QSaveFile>

namespace tapedeck {

int runExportHar(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Write the HTTP events of a recording as an HTTP Archive (HAR 1.2) for browser "
                "developer tools and HAR viewers. Bodies are decoded (Content-Encoding undone); "
                "binary bodies are base64. Recordings store no timings: times are taken from "
                "Date headers, and from the manifest's recording start before the first one."));
    parser.addPositionalArgument(QStringLiteral("source"),
        Cli::tr("An archive, an extracted folder or a cassette.yaml."),
        QStringLiteral("export-har <source>"));
    const QCommandLineOption output({ QStringLiteral("o"), QStringLiteral("output") },
        Cli::tr("Write the HAR to <file> (required)."), Cli::tr("file"));
    const QCommandLineOption filter({ QStringLiteral("f"), QStringLiteral("filter") },
        Cli::tr("Only HTTP events matching <expression> (see the filter language in the README)."),
        Cli::tr("expression"));
    parser.addOptions({ output, filter });
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("export-har needs exactly one source"));
    if (!parser.isSet(output) || parser.value(output).isEmpty())
        return cli.usage(Cli::tr("export-har needs --output <file>"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);
    Result<FilterExpression> parsedFilter = Cli::filter(parser, filter);
    if (!parsedFilter)
        return cli.failFilter(parsedFilter.error()); // a Usage error, printed with its caret line
    const FilterExpression expression = std::move(parsedFilter).value();

    const Result<QString> local = cli.localSource(parser.positionalArguments().constFirst(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    auto job = TimelineJob::start(cli, *local, Cli::passwordOptions(parser), *limits);
    if (!job)
        return cli.fail(job.error());

    const QString path = parser.value(output);
    // QSaveFile writes next to the target and renames on commit: on any failure the target is untouched.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        const Error error
            = makeError(ErrorCode::Io, Cli::tr("%1 could not be written: %2").arg(path, file.errorString()));
        (void)(*job)->wait();
        return cli.fail(error);
    }
    // Entries are written as events are indexed.
    HarExport har(file, HarExport::Options { (*job)->recordingStartTime(), expression });
    Status written = har.begin();
    const Timeline &timeline = (*job)->timeline();
    const Status indexed = (*job)->follow([&](qsizetype seq) {
        if (written)
            written = har.add(timeline, seq);
    });
    if (!indexed)
        return cli.fail(indexed.error());
    if (written)
        written = har.finish(timeline);
    if (!written && written.error().code == ErrorCode::Usage) // the filter gave up: nothing is written
        return cli.failFilter(written.error());
    if (!written)
        return cli.fail(
            makeError(written.error().code, Cli::tr("%1: %2").arg(path, written.error().message)));
    if (!file.commit())
        return cli.fail(
            makeError(ErrorCode::Io, Cli::tr("%1 could not be written: %2").arg(path, file.errorString())));
    cli.err(har.entryCount() == 1
            ? Cli::tr("1 HTTP entry written to %1\n").arg(path)
            : Cli::tr("%1 HTTP entries written to %2\n").arg(har.entryCount()).arg(path));
    // A fault that stopped reading (exit 4) still leaves the HAR of everything before it.
    return (*job)->finish(cli);
}

} // namespace tapedeck
