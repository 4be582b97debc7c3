// SPDX-License-Identifier: MIT
// One metadata change proposal (MCP), whichever GMS request or file-sink record carried it.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tapedeck {

struct McpRecord
{
    // Where the record came from. DataHub's shapes are described in mcpextractor.h.
    enum class Form {
        Proposal, // RESTli /aspects?action=ingestProposal(Batch), or /entities?action=delete
        Snapshot, // an aspect of an MCE snapshot sent to /entities?action=ingest|batchIngest
        OpenApi, // an aspect of an item sent to /openapi/v3/entity/{type} (POST, PATCH, DELETE)
        Usage, // a UsageAggregation bucket (/usageStats?action=batchIngest), pseudo-aspect "usageStats"
        FileMcp, // an MCP written by the file sink
        FileMce, // an aspect of an MCE written by the file sink
    };

    QString entityType;
    QString entityUrn;
    QString changeType; // UPSERT, PATCH, DELETE, … as written; MCE snapshot aspects are UPSERT
    QString aspectName;
    // The aspect as JSON text, formatted as Python's json.dumps formats it by default (", " and ": "
    // separators, ASCII only) with the key order and number spelling of the input, so the same aspect gives
    // the same bytes whether it came as RESTli value text, an OpenAPI object or a file-sink {"json": …}.
    // MCE aspects get DataHub's pre_json_transform ("com.linkedin.pegasus2avro." union keys shortened to
    // "com.linkedin.", null members dropped), i.e. what GMS receives. When the aspect text is not valid JSON
    // it is kept verbatim and a warning says so. Empty when the proposal carries no aspect (e.g. DELETE).
    QByteArray aspectJson;
    // Summary extraction (indexing) leaves aspectJson and systemMetadata out; this is then the size of the
    // aspect as it was written. -1 when the aspect was read in full.
    qint64 aspectWrittenSize = -1;
    QJsonObject systemMetadata;
    Form form = Form::Proposal;
    // Index of the JSON element that carried the record: the proposal in "proposals", the bucket in
    // "buckets", the item of an OpenAPI array, the aspect in an MCE request's "aspects", the record in a
    // file (all aspects of one file MCE share its index). 0 for single-proposal requests.
    int carrierIndex = 0;
    QStringList warnings; // problems with this record that did not stop it from being read
};

} // namespace tapedeck
