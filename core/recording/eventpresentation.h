// SPDX-License-Identifier: MIT
// One timeline event read in full for people: the HTTP exchange with inspected bodies, the SQL record with
// its rows and replay key, the MCP with its aspect, system metadata and checkpoint state. `tapedeck-cli
// show` prints these and the GUI's detail panes show them, so both front-ends present the same facts.
// Loading is pure (no Qt GUI): the GUI runs it off its GUI thread.
#pragma once

#include "core/common/jsontree.h"
#include "core/common/result.h"
#include "core/recording/bodycontent.h"
#include "core/recording/mcprecord.h"
#include "core/recording/sqlquery.h"
#include "core/recording/sqlrows.h"
#include "core/recording/timeline.h"

#include <QCoreApplication>

#include <optional>

namespace tapedeck {

// 1-based line of a byte offset in a source text.
int sourceLineOf(const QByteArray &text, qint64 offset);

struct EventHeading
{
    Q_DECLARE_TR_FUNCTIONS(EventHeading)

public:
    QString title; // "Event 3 · HTTP 4 of 12"
    QString location; // "http/cassette.yaml, line 57"; the file alone for a file-sink MCP

    static EventHeading of(const Timeline &timeline, qsizetype seq);
    static QString kindTitle(EventKind kind); // "HTTP", "SQL", "MCP"
};

struct HttpPresentation
{
    Q_DECLARE_TR_FUNCTIONS(HttpPresentation)

public:
    qsizetype seq = -1;
    EventHeading heading;
    int sourceLine = 0;
    std::optional<Error> error; // the interaction could not be re-read
    HttpExchange exchange;
    BodyContent request;
    BodyContent response;
    QList<qsizetype> mcps; // the MCP events this request carried
    bool failed = false; // status >= 400 or no response

    static HttpPresentation load(const Timeline &timeline, qsizetype seq);
    // "200 OK", "HTTP/1.1 404 Not Found", or "no response recorded".
    QString statusLine() const;
};

struct SqlPresentation
{
    Q_DECLARE_TR_FUNCTIONS(SqlPresentation)

public:
    // Parameter lists longer than this on one line are shown indented.
    static constexpr qsizetype MaxOneLineParameters = 100;

    qsizetype seq = -1;
    EventHeading heading;
    int sourceLine = 0;
    QByteArrayView record; // the queries.jsonl line as recorded, in sourceText
    QByteArray sourceText; // the whole queries.jsonl, shared with the timeline (not copied): keeps record valid
    std::optional<SqlQuery> query; // nullopt when the line is not a readable record
    QString recordError; // why it is not
    QString parametersText; // one line, or indented when long; empty for null parameters
    QString replayKey; // empty when DataHub cannot compute one
    // A later record with the same replay key: DataHub replays that one instead (the last wins).
    int replayedInsteadLine = 0;
    qsizetype replayedInsteadSeq = -1;
    SqlRows rows;

    static SqlPresentation load(const Timeline &timeline, qsizetype seq);
    // "42", "-1 (unknown to the driver)" or "null".
    QString rowCountText() const;
};

struct McpPresentation
{
    Q_DECLARE_TR_FUNCTIONS(McpPresentation)

public:
    enum class Parts { Text, TextAndTree };

    qsizetype seq = -1;
    EventHeading heading;
    std::optional<Error> error; // the MCP could not be re-read
    McpRecord record;
    QString formName; // "RESTli proposal", …
    QString formKey; // "proposal", … (machine-readable)
    qsizetype carrierSeq = -1; // the HTTP event that carried it; -1 for file-sink MCPs
    QString carrierText; // "event 11: POST http://…/aspects?action=ingestProposalBatch, MCP 3 of 23"
    QString positionText; // file-sink MCPs: "4 of 24 in the file"
    JsonValue aspect; // null when absent or not JSON
    QString aspectText; // pretty JSON (or the recorded text when it is not JSON), cut
    bool aspectTruncated = false;
    QString aspectError;
    JsonTree aspectTree; // TextAndTree only
    JsonValue systemMetadata; // in the SystemMetadata schema's field order; null when absent
    QString systemMetadataText;
    bool isCheckpoint = false; // a datahubIngestionCheckpoint aspect
    QString checkpointSerde;
    JsonValue checkpoint; // the decoded state
    QString checkpointText;
    QString checkpointError;

    static McpPresentation load(const Timeline &timeline, qsizetype seq, Parts parts = Parts::Text);
    static QString formNameOf(McpRecord::Form form);
    static QString formKeyOf(McpRecord::Form form);
};

} // namespace tapedeck
