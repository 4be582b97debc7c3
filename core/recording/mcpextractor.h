// SPDX-License-Identifier: MIT
// MCP extraction from GMS ingest requests (RESTli, MCE snapshots, OpenAPI v3, usage buckets) and from
// file-sink JSON, and writing MCPs back in the file sink's format.
#pragma once

#include "core/common/result.h"
#include "core/recording/mcprecord.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>

#include <optional>

namespace tapedeck {

// The shapes, as DataHub's metadata-ingestion writes them (emitter/rest_emitter.py,
// emitter/request_helper.py, ingestion/sink/file.py):
// - POST …/aspects?action=ingestProposalBatch  {"proposals": [MCP…], "async": "true"|"false"}
// - POST …/aspects?action=ingestProposal       {"proposal": MCP, "async": …}
//   MCP = {entityType, entityUrn, changeType, aspectName, aspect: {value: "<JSON text>", contentType},
//   systemMetadata}
// - POST …/entities?action=delete              {"urn": …}  (DELETE of a key aspect: the whole entity)
// - POST …/entities?action=ingest              {"entity": {"value": {"com.linkedin.metadata.snapshot.
//   DatasetSnapshot": {urn, aspects: [{"com.linkedin.schema.SchemaMetadata": {…}}, …]}}}, systemMetadata}
// - POST|PATCH …/openapi/v3/entity/{type}?async=…  [{"urn": …, "<aspectName>": {"value": {…},
//   "systemMetadata": {…}|null, "headers": {…}}}, …]   (PATCH values are {"patch": [...]}, …)
// - DELETE …/openapi/v3/entity/{type}/{urn}[/{aspectName}]   (no body)
// - POST …/usageStats?action=batchIngest       {"buckets": [UsageAggregation…]}: each bucket becomes a
//   record with entityUrn = resource, aspectName "usageStats" (not a real aspect: the GMS resource name)
//   and the bucket itself as aspect JSON.
// "…" is any prefix: an absolute URL, "/api/gms" (the frontend proxy), "/gms" (DataHub Cloud).
// File sink: a JSON array, "[\n" + ",\n".join(json.dumps(record, indent=4)) + "\n]" ("[]" when empty),
// of MCPs with aspect {"json": {…}} (or the legacy {"value", "contentType"}), MCEs
// {proposedSnapshot: {"com.linkedin.pegasus2avro.metadata.snapshot.DatasetSnapshot": {urn, aspects}},
// systemMetadata} and UsageAggregation objects.
class McpExtractor
{
    Q_DECLARE_TR_FUNCTIONS(McpExtractor)

public:
    static inline const QString UsageAspectName = QStringLiteral("usageStats");

    // True when the request is one of the GMS ingest calls above (method case-insensitive).
    static bool isGmsIngest(const QString &method, const QString &uri);

    // The MCPs a GMS ingest request carries, in body order; empty for any other request. Never fails:
    // malformed JSON (with line and column) and unexpected shapes are reported in warnings, and every
    // record read before a fault is kept.
    // Summary leaves the aspect and systemMetadata of RESTli proposals unparsed (cheaper, for indexing).
    enum class Detail { Full, Summary };
    static QList<McpRecord> fromRequest(const QString &method, const QString &uri, const QByteArray &body,
        QStringList *warnings, Detail detail = Detail::Full);

    // Records of a file-sink file: a JSON array of MCPs, MCEs and usage buckets, or the same records as
    // JSON lines (any whitespace-separated sequence of JSON objects). An error only when nothing could be
    // read; otherwise every record read is returned. Data that is not JSON (a truncated array, lines that
    // do not parse) is a fault: the file is corrupt, though records were read; it goes to fault (the
    // caller reports it as it reports a truncated cassette), or to warnings when fault is null. Elements
    // that are no MCP and skipped lines go to warnings.
    static Result<QList<McpRecord>> fromFile(const QByteArray &json, const QString &origin,
        QStringList *warnings = nullptr, std::optional<Error> *fault = nullptr);

    // The records in the file sink's MCP format, byte for byte as DataHub writes it (MCE aspects come out
    // as MCPs, usage buckets as UsageAggregation objects). systemMetadata keys follow the SystemMetadata
    // schema's field order; aspect keys keep their order.
    static QByteArray toFileSinkJson(const QList<McpRecord> &records);

    // JSON text re-serialised as Python's json.dumps(value, indent) would write it after json.loads: key
    // order and number spelling kept, strings escaped to ASCII; indent < 0 is the single-line default.
    static Result<QByteArray> reformat(QByteArrayView json, int indent = -1);

    // "dataset" for "urn:li:dataset:(…)" (DataHub's guess_entity_type); empty when it is no urn:li: URN.
    static QString entityTypeFromUrn(const QString &urn);
    // The aspect name of an MCE union member: "com.linkedin.pegasus2avro.schema.SchemaMetadata" →
    // "schemaMetadata", "…ml.metadata.MLModelProperties" → "mlModelProperties".
    static QString aspectNameFromClass(const QString &className);
};

} // namespace tapedeck
