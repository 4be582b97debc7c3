// SPDX-License-Identifier: MIT
// tapedeck-cli extract: safe, all-or-nothing extraction of a recording archive.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interruption.h"
#include "core/archive/extractor.h"
#include "core/common/bytesize.h"
#include "core/recording/recordingsource.h"

namespace tapedeck {

int runExtract(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Extract a recording archive into a new folder. Files are written 0600 into a 0700 "
                "folder; the output holds decrypted data."));
    parser.addPositionalArgument(
        QStringLiteral("archive"), Cli::tr("The recording archive."), QStringLiteral("extract <archive>"));
    const QCommandLineOption outputDir({ QStringLiteral("o"), QStringLiteral("output-dir") },
        Cli::tr("The folder to create (required)."), Cli::tr("dir"));
    const QCommandLineOption force(
        QStringLiteral("force"), Cli::tr("Overwrite files in an existing, non-empty folder."));
    const QCommandLineOption ignoreChecksums(QStringLiteral("ignore-checksums"),
        Cli::tr("Extract even when a file does not match the manifest's checksum."));
    const QCommandLineOption quiet(
        { QStringLiteral("q"), QStringLiteral("quiet") }, Cli::tr("Print nothing on success."));
    parser.addOptions({ outputDir, force, ignoreChecksums, quiet });
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("extract needs exactly one archive"));
    if (!parser.isSet(outputDir) || parser.value(outputDir).isEmpty())
        return cli.usage(Cli::tr("extract needs --output-dir"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);

    const Result<QString> local = cli.localSource(parser.positionalArguments().constFirst(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    auto source = cli.openUnlocked(*local, Cli::passwordOptions(parser));
    if (!source)
        return cli.fail(source.error());
    ZipArchive *archive = (*source)->archive();
    if (!archive)
        return cli.fail(makeError(ErrorCode::Usage,
            Cli::tr("%1 is a folder, not an archive; there is nothing to extract")
                .arg((*source)->location())));

    ExtractOptions options;
    options.outputDir = parser.value(outputDir);
    options.force = parser.isSet(force);
    options.ignoreChecksums = parser.isSet(ignoreChecksums);
    options.limits = *limits;
    // Ctrl-C or SIGTERM stops the extraction and removes its staging folder of decrypted files.
    Interruption interruption;
    const Result<ExtractReport> report = Extractor::extract(*archive, options, &interruption);
    if (!report)
        return interruption.exitCode(cli.fail(report.error()));
    if (!parser.isSet(quiet)) {
        QList<QStringList> rows;
        for (const QString &file : report->files)
            rows.append({ report->checksumState.value(file), file });
        cli.out(cli.table(rows, { [](const QString &state) {
            return state == QLatin1String("ok")      ? Cli::Colour::Green
                : state == QLatin1String("unlisted") ? Cli::Colour::Dim
                                                     : Cli::Colour::Red;
        } },
                    2)
            + Cli::tr("Extracted %1, %2, to %3 — it holds decrypted data; delete it when done.\n")
                  .arg(report->files.size() == 1 ? Cli::tr("1 file")
                                                 : Cli::tr("%n files", nullptr, int(report->files.size())),
                      formatByteSize(report->bytes), report->outputDir));
    }
    return 0;
}

} // namespace tapedeck
