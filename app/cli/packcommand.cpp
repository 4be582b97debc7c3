// SPDX-License-Identifier: MIT
// tapedeck-cli pack: an extracted recording folder back into an AES-256 archive.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interruption.h"
#include "core/archive/packer.h"
#include "core/common/bytesize.h"

namespace tapedeck {

int runPack(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Pack an extracted recording folder into an AES-256 encrypted archive with a fresh "
                "checksum table in its manifest."));
    parser.addPositionalArgument(QStringLiteral("dir"), Cli::tr("The recording folder (with manifest.json)."),
        QStringLiteral("pack <dir>"));
    const QCommandLineOption output({ QStringLiteral("o"), QStringLiteral("output") },
        Cli::tr("The archive to write (required)."), Cli::tr("archive"));
    const QCommandLineOption store(
        QStringLiteral("store"), Cli::tr("Store files without compression (default: deflate)."));
    const QCommandLineOption force(QStringLiteral("force"), Cli::tr("Replace an existing archive."));
    parser.addOptions({ output, store, force });
    Cli::addPasswordOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("pack needs exactly one folder"));
    if (!parser.isSet(output) || parser.value(output).isEmpty())
        return cli.usage(Cli::tr("pack needs --output"));

    const Result<QString> password = cli.newPassword(Cli::passwordOptions(parser));
    if (!password)
        return cli.fail(password.error());
    PackOptions options;
    options.sourceDir = parser.positionalArguments().constFirst();
    options.output = parser.value(output);
    options.password = *password;
    options.store = parser.isSet(store);
    options.force = parser.isSet(force);
    // Ctrl-C or SIGTERM stops packing; libzip removes its temporary archive.
    Interruption interruption;
    const Result<PackReport> report = Packer::pack(options, &interruption);
    if (!report)
        return interruption.exitCode(cli.fail(report.error()));
    cli.out(Cli::tr("Packed %1, %2, into %3 (%4, AES-256, %5).\n")
                .arg(report->files.size() == 1 ? Cli::tr("1 file")
                                               : Cli::tr("%n files", nullptr, int(report->files.size())),
                    formatByteSize(report->bytes), options.output, formatByteSize(report->archiveSize),
                    options.store ? Cli::tr("stored") : Cli::tr("deflate")));
    return 0;
}

} // namespace tapedeck
