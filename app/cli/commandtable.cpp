// SPDX-License-Identifier: MIT
// The tapedeck-cli command table and the overview built from it.
#include "app/cli/commandtable.h"

#include "app/cli/commands.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace tapedeck {

namespace {

const std::array Commands = {
    CliCommand { "info", "<archive|dir> [--json]",
        QT_TRANSLATE_NOOP("main", "manifest, entries, checksum status, exception"), runInfo },
    CliCommand { "extract", "<archive> --output-dir <dir>",
        QT_TRANSLATE_NOOP("main", "safe extraction (files 0600 in a 0700 folder)"), runExtract },
    CliCommand { "pack", "<dir> --output <archive>",
        QT_TRANSLATE_NOOP("main", "AES-256 archive that 7-Zip and pyzipper read"), runPack },
    CliCommand { "list", "[<dir>|s3://bucket/prefix/] [filters] [--json]",
        QT_TRANSLATE_NOOP("main", "recordings in a folder or under an S3 prefix, into the catalog"), runList },
    CliCommand { "search", "[--source T] [--since D] [--failed] [--where K=V] ...",
        QT_TRANSLATE_NOOP("main", "the recording catalog, without listing again"), runSearch },
    CliCommand { "fetch", "<s3://bucket/key> [--output FILE]",
        QT_TRANSLATE_NOOP("main", "download a recording from S3 (into the cache, or a file)"), runFetch },
    CliCommand { "events", "<source> [--filter EXPR] [--jsonl]",
        QT_TRANSLATE_NOOP("main", "the timeline of HTTP, SQL and MCP events, filtered"), runEvents },
    CliCommand { "show", "<source> <seq> [--raw] [--json]",
        QT_TRANSLATE_NOOP("main", "one event in full: headers, decoded bodies, rows, aspect"), runShow },
    CliCommand { "mcps", "<source> [--output FILE]",
        QT_TRANSLATE_NOOP("main", "recorded MCPs in the file sink's format"), runMcps },
    CliCommand { "export-har", "<source> --output FILE",
        QT_TRANSLATE_NOOP("main", "the HTTP events as HAR 1.2"), runExportHar },
    CliCommand { "export-wiremock", "<source> --output DIR",
        QT_TRANSLATE_NOOP("main", "the HTTP events as WireMock 3 stub mappings"), runExportWireMock },
    CliCommand { "diff", "<recorded> <replayed> [--json|--markdown]",
        QT_TRANSLATE_NOOP("main", "semantic MCP diff (presets datahub, replay, none)"), runDiff },
    CliCommand { "ca", "[--output FILE|--fingerprint|--path]",
        QT_TRANSLATE_NOOP("main", "the replay CA's certificate, made on first use"), runCa },
    CliCommand { "replay", "<source> [--match datahub|sequential] [--json] [-- COMMAND {recipe}]",
        QT_TRANSLATE_NOOP("main", "serve a recording from the mock layer, run a command against it, report"),
        runReplay },
};

QString usageOf(const CliCommand &command)
{
    return QLatin1String(command.name) + QLatin1Char(' ') + QLatin1String(command.synopsis);
}

} // namespace

std::span<const CliCommand> cliCommands()
{
    return Commands;
}

const CliCommand *findCliCommand(QStringView name)
{
    const auto found = std::find_if(Commands.cbegin(), Commands.cend(),
        [name](const CliCommand &command) { return name == QLatin1String(command.name); });
    return found == Commands.cend() ? nullptr : &*found;
}

QString cliOverview()
{
    qsizetype width = 0;
    for (const CliCommand &command : Commands)
        width = std::max(width, usageOf(command).size());
    QString commands;
    for (const CliCommand &command : Commands) {
        commands += QLatin1String("  ") + usageOf(command).leftJustified(width + 2)
            + QCoreApplication::translate("main", command.summary) + QLatin1Char('\n');
    }
    return QCoreApplication::translate("main",
               "Usage: tapedeck-cli <command> [options] [arguments]\n"
               "\n"
               "Inspect DataHub ingestion recordings (encrypted ZIP archives or extracted folders).\n"
               "\n"
               "Commands:\n"
               "%1"
               "\n"
               "Run \"tapedeck-cli <command> --help\" for a command's options.\n"
               "\n"
               "Passwords come from --password, --password-file, DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD,\n"
               "then a prompt when stdin is a terminal.\n"
               "\n"
               "A <source> or <dir> may be s3://bucket/key or s3://bucket/prefix/; credentials, region and\n"
               "endpoint come from --profile, --region, --endpoint-url and the AWS CLI's environment and files.\n"
               "\n"
               "Exit codes: 0 ok, 1 differences found, 2 usage, 3 wrong or missing password or refused or\n"
               "missing S3 credentials, 4 invalid, corrupt or tampered input (or an S3 object changed while\n"
               "downloading), 5 I/O or network error (unreachable endpoint, no such bucket or key).\n")
        .arg(commands);
}

} // namespace tapedeck
