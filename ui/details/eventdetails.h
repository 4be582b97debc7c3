// SPDX-License-Identifier: MIT
// One timeline event read in full for the detail panes: the HTTP exchange with inspected bodies, the SQL
// record, the MCP with its aspect as text and as a tree. Loaded off the GUI thread (load() is pure).
#pragma once

#include "ui/details/bodycontent.h"
#include "ui/details/jsontreemodel.h"
#include "core/recording/mcprecord.h"
#include "core/recording/sqlquery.h"
#include "core/recording/timeline.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace tapedeck {

struct EventHeading
{
    Q_DECLARE_TR_FUNCTIONS(EventHeading)

public:
    QString title; // "Event 3 · HTTP 4 of 12"
    QString location; // "http/cassette.yaml, line 57"

    static EventHeading of(const Timeline &timeline, qsizetype seq);
    // 1-based line of a byte offset in a source text.
    static int lineOf(const QByteArray &text, qint64 offset);
};

struct HttpDetail
{
    Q_DECLARE_TR_FUNCTIONS(HttpDetail)

public:
    qsizetype seq = -1;
    EventHeading heading;
    std::optional<Error> error; // the interaction could not be re-read
    HttpExchange exchange;
    BodyContent request;
    BodyContent response;
    QList<qsizetype> mcps; // the MCP events this request carried
    bool failed = false; // status >= 400 or no response

    static HttpDetail load(const Timeline &timeline, qsizetype seq);
    // "200 OK", "HTTP/1.1 404 Not Found", or "no response recorded".
    QString statusLine() const;
};

struct SqlDetail
{
    Q_DECLARE_TR_FUNCTIONS(SqlDetail)

public:
    qsizetype seq = -1;
    EventHeading heading;
    std::optional<SqlQuery> query; // nullopt when the line is not a readable record
    QString recordError; // why it is not
    QString recordText; // the queries.jsonl line as recorded
    QString parametersText; // pretty JSON, empty for null parameters
    QString replayKey;

    static SqlDetail load(const Timeline &timeline, qsizetype seq);
};

struct McpDetail
{
    Q_DECLARE_TR_FUNCTIONS(McpDetail)

public:
    qsizetype seq = -1;
    EventHeading heading;
    std::optional<Error> error; // the MCP could not be re-read
    McpRecord record;
    QString formName; // "RESTli proposal", …
    qsizetype carrierSeq = -1; // the HTTP event that carried it; -1 for file-sink MCPs
    QString carrierText; // "event 11: POST http://…/aspects?action=ingestProposalBatch, MCP 3 of 23"
    QString aspectText; // pretty JSON (or the recorded text when it is not JSON)
    QString aspectError;
    JsonTree aspectTree;
    QString systemMetadataText;
    QString checkpointText; // datahubIngestionCheckpoint: the decoded state
    QString checkpointError;

    static McpDetail load(const Timeline &timeline, qsizetype seq);
    static QString formNameOf(McpRecord::Form form);
};

} // namespace tapedeck
