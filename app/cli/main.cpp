// SPDX-License-Identifier: MIT
// tapedeck-cli entry point: dispatches to the commands of the command table.
#include "app/cli/cli.h"
#include "app/cli/commandtable.h"
#include "core/common/controlchars.h"

#include <QCoreApplication>

using namespace tapedeck;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tapedeck-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TAPEDECK_VERSION));
    const Cli cli;

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        cli.err(cliOverview());
        return int(ErrorCode::Usage);
    }
    QString command = arguments.at(1);
    if (command == QLatin1String("help") && arguments.size() > 2) {
        command = arguments.at(2);
        arguments = { arguments.at(0), command, QStringLiteral("--help") };
    }
    if (command == QLatin1String("help") || command == QLatin1String("--help")
        || command == QLatin1String("-h")) {
        cli.out(cliOverview());
        return 0;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        cli.out(QStringLiteral("tapedeck-cli %1 (Qt %2)\n")
                    .arg(QStringLiteral(TAPEDECK_VERSION), QString::fromLatin1(qVersion())));
        return 0;
    }
    // The command name takes the place of the program name, so each command's parser skips it.
    const QStringList commandArguments = arguments.mid(1);
    if (const CliCommand *found = findCliCommand(command))
        return found->run(cli, commandArguments);
    cli.err(QCoreApplication::translate(
        "main", "tapedeck-cli: unknown command \"%1\" (see \"tapedeck-cli --help\")\n")
                .arg(escapeControls(command)));
    return int(ErrorCode::Usage);
}
