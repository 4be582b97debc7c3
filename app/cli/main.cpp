// SPDX-License-Identifier: MIT
// tapedeck-cli entry point: dispatches to the commands.
#include "app/cli/cli.h"
#include "app/cli/commands.h"

#include <QCoreApplication>

using namespace tapedeck;

namespace {

QString overview()
{
    return QCoreApplication::translate("main",
        "Usage: tapedeck-cli <command> [options] [arguments]\n"
        "\n"
        "Inspect DataHub ingestion recordings (encrypted ZIP archives or extracted folders).\n"
        "\n"
        "Commands:\n"
        "  info <archive|dir> [--json]                  manifest, entries, checksum status, exception\n"
        "  extract <archive> --output-dir <dir>         safe extraction (files 0600 in a 0700 folder)\n"
        "  pack <dir> --output <archive>                AES-256 archive that 7-Zip and pyzipper read\n"
        "  list [<dir>] [--json]                        recordings in a folder (default "
        "$INGESTION_ARTIFACT_DIR)\n"
        "  diff <recorded> <replayed> [--json|--markdown] semantic MCP diff: files or recordings, ignore rules,\n"
        "                                               presets datahub|replay|none; PERFECT SEMANTIC MATCH\n"
        "\n"
        "Run \"tapedeck-cli <command> --help\" for a command's options.\n"
        "\n"
        "Passwords come from --password, --password-file, DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD,\n"
        "then a prompt when stdin is a terminal.\n"
        "\n"
        "Exit codes: 0 ok, 1 differences found, 2 usage, 3 wrong or missing password,\n"
        "4 invalid, corrupt or tampered input, 5 I/O error.\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tapedeck-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TAPEDECK_VERSION));
    const Cli cli;

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        cli.err(overview());
        return int(ErrorCode::Usage);
    }
    QString command = arguments.at(1);
    if (command == QLatin1String("help") && arguments.size() > 2) {
        command = arguments.at(2);
        arguments = { arguments.at(0), command, QStringLiteral("--help") };
    }
    if (command == QLatin1String("help") || command == QLatin1String("--help")
        || command == QLatin1String("-h")) {
        cli.out(overview());
        return 0;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        cli.out(QStringLiteral("tapedeck-cli %1 (Qt %2)\n")
                    .arg(QStringLiteral(TAPEDECK_VERSION), QString::fromLatin1(qVersion())));
        return 0;
    }
    // The command name takes the place of the program name, so each command's parser skips it.
    const QStringList commandArguments = arguments.mid(1);
    if (command == QLatin1String("info"))
        return runInfo(cli, commandArguments);
    if (command == QLatin1String("extract"))
        return runExtract(cli, commandArguments);
    if (command == QLatin1String("pack"))
        return runPack(cli, commandArguments);
    if (command == QLatin1String("list"))
        return runList(cli, commandArguments);
    if (command == QLatin1String("events"))
        return runEvents(cli, commandArguments);
    if (command == QLatin1String("mcps"))
        return runMcps(cli, commandArguments);
    if (command == QLatin1String("show"))
        return runShow(cli, commandArguments);
    if (command == QLatin1String("export-har"))
        return runExportHar(cli, commandArguments);
    if (command == QLatin1String("diff"))
        return runDiff(cli, commandArguments);
    cli.err(QCoreApplication::translate(
        "main", "tapedeck-cli: unknown command \"%1\" (see \"tapedeck-cli --help\")\n")
                .arg(command));
    return int(ErrorCode::Usage);
}
