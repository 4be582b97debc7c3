// SPDX-License-Identifier: MIT
// The table of tapedeck-cli commands: main() dispatches through it and `--help` lists it, so neither can
// know a command the other does not.
#pragma once

#include <QStringList>

#include <span>

namespace tapedeck {

class Cli;

struct CliCommand
{
    const char *name; // as typed on the command line
    const char *synopsis; // the arguments after the name, as the overview shows them
    const char *summary; // one line; translated (context "main") when shown
    int (*run)(const Cli &cli, const QStringList &arguments);
};

std::span<const CliCommand> cliCommands();
// The command of that name, or nullptr.
const CliCommand *findCliCommand(QStringView name);
// The text of `tapedeck-cli --help`: usage, every command of cliCommands(), passwords, exit codes.
QString cliOverview();

} // namespace tapedeck
