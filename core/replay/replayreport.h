// SPDX-License-Identifier: MIT
// What a replay did, for people (the CLI's report, the Replay tab's summary) and for scripts (`replay
// --json`, its shape documented in the README): every request with its outcome, how often each recorded
// interaction was served, the unused ones, ambiguous keys, order divergence, refused connections, the
// command's exit, and the replayed MCPs against the recorded ones (the diff's `replay` preset).
#pragma once

#include "core/diff/diffreport.h"
#include "core/replay/replaysession.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace tapedeck::replay {

struct ReplayCommandStatus
{
    QStringList argv;
    int exitCode = 0;
    bool crashed = false; // ended by a signal (exitCode is then the signal)
    bool interrupted = false; // stopped by the user (Ctrl-C, Stop)
    QString error; // it could not be started
    bool expectedFailure = false; // the recording ended with an exception: a failing exit is what it did
    bool asRecorded() const;
};

class ReplayReport
{
    Q_DECLARE_TR_FUNCTIONS(ReplayReport)

public:
    // Builds the report from a finished (stopped) session.
    static ReplayReport build(const ReplaySession &session, const QString &recordingName,
        std::optional<ReplayCommandStatus> command, std::optional<DiffReport> mcpDiff);

    QString recordingName;
    std::optional<ReplayCommandStatus> command;
    std::optional<DiffReport> mcpDiff; // nullopt when it could not be computed (a warning says why)
    QStringList warnings;
    // The replay recipe the command was given, and what was changed in the recorded one (and why not more).
    QString recipePath;
    QStringList recipeChanges;
    QStringList recipeNotes;

    qsizetype requests = 0;
    qsizetype matched = 0;
    qsizetype synthesized = 0;
    qsizetype unmatched = 0;
    qsizetype edited = 0;
    qsizetype errored = 0;
    qsizetype held = 0; // still held when the report was made
    qsizetype abandoned = 0;
    qsizetype refusedConnections = 0; // CONNECTs to origins never recorded, malformed requests, failed TLS
    QList<qsizetype> unused; // recorded interactions never served
    QList<QList<qsizetype>> ambiguous;

    // SQL (when the recording has queries): statements in arrival order and what answered them.
    qsizetype statements = 0;
    qsizetype sqlMatched = 0; // answered from a recorded query (rows, or its recorded error)
    qsizetype sqlBuiltin = 0; // answered as PostgreSQL answers what drivers send on their own
    qsizetype sqlUnmatched = 0;
    qsizetype sqlAbandoned = 0;
    qsizetype sqlProtocolErrors = 0; // connections closed for protocol violations, timeouts, failed SCRAM
    QList<qsizetype> unusedQueries; // recorded queries never served (record numbers)
    QList<QList<qsizetype>> ambiguousQueries; // exact keys recorded more than once

    // Every request and statement matched (or was a synthesized GMS call or a driver's own statement), no
    // connection was refused or closed for a protocol error, the command
    // ended as the recorded run did, and the replayed MCPs are a PERFECT SEMANTIC MATCH.
    bool success() const;

    QString toText(const ReplaySession &session, bool colour = false) const;
    QByteArray toJson(const ReplaySession &session) const;

private:
    QString m_policy;
};

} // namespace tapedeck::replay
