// SPDX-License-Identifier: MIT
// MCP extraction: from the bodies of GMS ingest requests (RESTli proposals, MCE snapshots, OpenAPI v3,
// usage buckets) and from file-sink files, and writing MCPs back in the file sink's format.
//
// Input: a selector byte, then the body. Selector 0 reads the rest as a file-sink file; the others pick a
// GMS endpoint (method and URI) whose request body the rest is.
// Invariants:
// - summary extraction (indexing) finds exactly the MCPs full extraction finds: same count, URNs, entity
//   types, aspect names, change types, forms and carrier positions;
// - a fully extracted aspect is JSON, or the record carries a warning saying why not;
// - what toFileSinkJson() writes is JSON, reads back (fromFile) as the same MCPs, and writing those again
//   gives the same bytes;
// - every warning says something.
#include "core/common/jsonvalue.h"
#include "core/recording/mcpextractor.h"
#include "fuzzsupport.h"

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

struct Endpoint
{
    const char *method;
    const char *uri;
};

constexpr Endpoint Endpoints[] = {
    { "POST", "http://gms.test:8080/aspects?action=ingestProposalBatch" },
    { "POST", "http://gms.test:8080/aspects?action=ingestProposal" },
    { "POST", "/api/gms/entities?action=ingest" },
    { "POST", "https://x.acryl.io/gms/entities?action=ingest" },
    { "POST", "http://gms.test:8080/entities?action=delete" },
    { "POST", "http://gms.test:8080/openapi/v3/entity/dataset?async=false" },
    { "PATCH", "http://gms.test:8080/openapi/v3/entity/dataset" },
    { "DELETE", "http://gms.test:8080/openapi/v3/entity/dataset/urn%3Ali%3Adataset%3A(a,b,PROD)/status" },
    { "POST", "http://gms.test:8080/usageStats?action=batchIngest" },
};

QString identity(const McpRecord &r)
{
    return QStringLiteral("%1 %2 %3 %4 form %5 carrier %6")
        .arg(r.entityType, r.entityUrn, r.aspectName, r.changeType)
        .arg(int(r.form))
        .arg(r.carrierIndex);
}

void checkWarnings(const QStringList &warnings)
{
    for (const QString &w : warnings)
        FUZZ_CHECK(!w.trimmed().isEmpty(), QStringLiteral("an empty warning"));
}

void checkAspects(const QList<McpRecord> &records)
{
    for (const McpRecord &r : records) {
        checkWarnings(r.warnings);
        if (!r.aspectJson.isEmpty())
            FUZZ_CHECK(JsonValue::parse(r.aspectJson).ok() || !r.warnings.isEmpty(),
                QStringLiteral("%1: the aspect is not JSON and nothing says so").arg(identity(r)));
    }
}

void checkWriter(const QList<McpRecord> &records)
{
    const QByteArray written = McpExtractor::toFileSinkJson(records);
    JsonParseInfo info;
    FUZZ_CHECK(JsonValue::parse(written, &info).ok(),
        QStringLiteral("toFileSinkJson() writes no JSON (%1)").arg(info.reason));
    QStringList warnings;
    const Result<QList<McpRecord>> back
        = McpExtractor::fromFile(written, QStringLiteral("written.json"), &warnings);
    FUZZ_CHECK(back.ok() && back->size() == records.size(),
        QStringLiteral("%1 records written, %2 read back")
            .arg(records.size())
            .arg(back.ok() ? back->size() : -1));
    for (qsizetype k = 0; k < records.size(); ++k) {
        const McpRecord &a = records.at(k);
        const McpRecord &b = back->at(k);
        FUZZ_CHECK(a.entityUrn == b.entityUrn && a.aspectName == b.aspectName && a.changeType == b.changeType,
            QStringLiteral("record %1 written as %2, read back as %3").arg(k).arg(identity(a), identity(b)));
    }
    FUZZ_CHECK(McpExtractor::toFileSinkJson(*back) == written,
        QStringLiteral("writing what was read back changes the file"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    FuzzInput in(bytes, size);
    const quint8 selector = in.byte() % (std::size(Endpoints) + 1);
    const QByteArray body = in.rest().toByteArray();
    if (selector == 0) {
        QStringList warnings;
        const Result<QList<McpRecord>> records
            = McpExtractor::fromFile(body, QStringLiteral("fuzz.json"), &warnings);
        checkWarnings(warnings);
        if (!records) {
            FUZZ_CHECK_ERROR(records.error());
            return 0;
        }
        checkAspects(*records);
        checkWriter(*records);
        return 0;
    }

    const Endpoint &endpoint = Endpoints[selector - 1];
    const QString method = QString::fromLatin1(endpoint.method);
    const QString uri = QString::fromLatin1(endpoint.uri);
    FUZZ_CHECK(McpExtractor::isGmsIngest(method, uri), uri);
    QStringList fullWarnings;
    const QList<McpRecord> full = McpExtractor::fromRequest(method, uri, body, &fullWarnings);
    QStringList summaryWarnings;
    const QList<McpRecord> summary
        = McpExtractor::fromRequest(method, uri, body, &summaryWarnings, McpExtractor::Detail::Summary);
    checkWarnings(fullWarnings);
    checkWarnings(summaryWarnings);
    FUZZ_CHECK(full.size() == summary.size(),
        QStringLiteral("%1 MCPs in full, %2 in summary").arg(full.size()).arg(summary.size()));
    for (qsizetype k = 0; k < full.size(); ++k)
        FUZZ_CHECK(identity(full.at(k)) == identity(summary.at(k)),
            QStringLiteral("MCP %1: full %2, summary %3")
                .arg(k)
                .arg(identity(full.at(k)), identity(summary.at(k))));
    checkAspects(full);
    checkWriter(full);
    return 0;
}
