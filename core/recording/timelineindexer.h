// SPDX-License-Identifier: MIT
// Fills a Timeline from a recording's sources, off the calling thread's hands: events are published in
// small batches while parsing goes on, so the first ones can be shown before the rest is read.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/recording/httpexchange.h"
#include "core/recording/mcprecord.h"
#include "core/recording/recording.h"
#include "core/recording/timeline.h"

#include <QCoreApplication>

#include <optional>

namespace tapedeck {

class TimelineIndexer
{
    Q_DECLARE_TR_FUNCTIONS(TimelineIndexer)

public:
    // HTTP events for every interaction of a VCR.py cassette, each GMS ingest request followed by the
    // MCP events it carried. A malformed cassette keeps every event read before the fault and records the
    // fault (file, line, column) as a timeline warning.
    static Status indexCassette(Timeline &timeline, const QString &name, const QByteArray &yaml,
        ProgressReporter *progress = nullptr);
    // SQL events for every readable line of a queries.jsonl; skipped lines become timeline warnings.
    static Status indexQueries(Timeline &timeline, const QString &name, const QByteArray &jsonl,
        ProgressReporter *progress = nullptr);
    // MCP events from a file-sink output file (JSON array or JSON lines, MCP and MCE forms).
    static Status indexMcpFile(Timeline &timeline, const QString &name, const QByteArray &json);

    // Every event source a loaded recording holds: the cassette (HTTP and MCP events), then queries.jsonl.
    static Status indexRecording(
        Timeline &timeline, const Recording &recording, ProgressReporter *progress = nullptr);

    enum class FileKind { Cassette, Queries, McpFile };
    // What a bare file is, by name and first bytes: a cassette (.yaml/.yml), a queries.jsonl (JSON lines
    // with "query"), or file-sink MCP output (.json, or JSON lines of MCPs).
    static std::optional<FileKind> detect(const QString &path, QByteArrayView head);
    static Status indexFile(Timeline &timeline, const QString &path, ProgressReporter *progress = nullptr);

    // HTTP event seq's interaction in full, re-read from its cassette as indexing read it (with the anchors
    // that interactions before it define).
    static Result<HttpExchange> exchange(const Timeline &timeline, qsizetype seq);
    // MCP event seq's record in full (re-read from the request that carried it, or from its file).
    static Result<McpRecord> mcp(const Timeline &timeline, qsizetype seq);
    // Every MCP event's record in full, in timeline order (reading each carrier once).
    static Result<QList<McpRecord>> mcps(const Timeline &timeline);

    // How many events are indexed between two publications.
    static constexpr qsizetype PublishEvery = 64;
};

} // namespace tapedeck
