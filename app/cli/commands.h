// SPDX-License-Identifier: MIT
// The tapedeck-cli commands; each takes its own arguments (command name first) and returns the exit code.
#pragma once

#include <QStringList>

namespace tapedeck {

class Cli;
class DiffReport;

int runInfo(const Cli &cli, const QStringList &arguments);
int runExtract(const Cli &cli, const QStringList &arguments);
int runPack(const Cli &cli, const QStringList &arguments);
int runList(const Cli &cli, const QStringList &arguments);
int runEvents(const Cli &cli, const QStringList &arguments);
int runMcps(const Cli &cli, const QStringList &arguments);
int runShow(const Cli &cli, const QStringList &arguments);
int runExportHar(const Cli &cli, const QStringList &arguments);
int runExportWireMock(const Cli &cli, const QStringList &arguments);
int runDiff(const Cli &cli, const QStringList &arguments);
int runCa(const Cli &cli, const QStringList &arguments);
int runReplay(const Cli &cli, const QStringList &arguments);
int runFetch(const Cli &cli, const QStringList &arguments);
int runSearch(const Cli &cli, const QStringList &arguments);

// The diff report as `diff` prints it (the replay report ends with it).
QString diffReportText(const Cli &cli, const DiffReport &report);

} // namespace tapedeck
