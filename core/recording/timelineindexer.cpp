// SPDX-License-Identifier: MIT
// Indexing recording sources into the timeline.
#include "core/recording/timelineindexer.h"

#include "core/common/filereader.h"
#include "core/recording/cassetteparser.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/sqlquery.h"

#include <QFile>
#include <QFileInfo>

namespace tapedeck {

namespace {

quint32 clampSize(qint64 size)
{
    return quint32(std::clamp<qint64>(size, 0, 0xffffffff));
}

struct ExtractedMcps
{
    QList<McpRecord> records;
    QStringList warnings;
};

void appendMcp(Timeline &timeline, const McpRecord &m, int source, qint64 begin, qint64 end, quint32 carrier,
    int ordinal)
{
    EventRecord r;
    r.kind = EventKind::Mcp;
    r.source = quint8(source);
    r.sourceBegin = begin;
    r.sourceEnd = end;
    r.related = carrier;
    r.number = ordinal;
    r.sizeA = clampSize(m.aspectWrittenSize >= 0 ? m.aspectWrittenSize : m.aspectJson.size());
    if (!m.warnings.isEmpty())
        r.flags |= WarningFlag;
    timeline.append(
        r, { m.entityType, m.entityUrn, m.aspectName, m.changeType, m.warnings.join(QLatin1Char('\n')) });
}

} // namespace

Status TimelineIndexer::indexCassette(
    Timeline &timeline, const QString &name, const QByteArray &yaml, ProgressReporter *progress)
{
    const int source = timeline.addSource(name, yaml);
    const CassetteSummary summary = CassetteParser::parse(
        yaml, name,
        [&](CassetteInteraction &&i) {
            const HttpExchange &x = i.exchange;
            EventRecord r;
            r.kind = EventKind::Http;
            r.source = quint8(source);
            r.sourceBegin = i.begin;
            r.sourceEnd = i.end;
            r.number = x.hasStatus() ? x.status : 0;
            r.sizeA = clampSize(i.requestBodySize);
            r.sizeB = clampSize(i.responseBodySize);
            if (!x.hasStatus())
                r.flags |= NoNumberFlag | ErrorFlag;
            else if (x.status >= 400)
                r.flags |= ErrorFlag;
            if (!x.warnings.isEmpty())
                r.flags |= WarningFlag;
            if (i.definesAnchors)
                r.flags |= AnchorFlag;
            const QString contentType = HttpExchange::headerValue(x.responseHeaders, u"content-type");
            QStringList messages = x.warnings;
            if (x.status >= 400 && !x.statusMessage.isEmpty())
                messages.prepend(x.statusMessage);
            QStringList mcpWarnings;
            QList<McpRecord> mcps;
            if (const auto *extracted = std::any_cast<ExtractedMcps>(&i.prepared)) {
                mcps = extracted->records;
                mcpWarnings = extracted->warnings;
            }
            if (!mcps.isEmpty())
                r.flags |= GmsIngestFlag;
            if (!mcpWarnings.isEmpty()) {
                r.flags |= WarningFlag;
                messages += mcpWarnings;
            }
            r.related = quint32(mcps.size());
            const qsizetype httpSeq
                = timeline.append(r, { x.method, x.uri, contentType, messages.join(QLatin1Char('\n')) });
            for (qsizetype k = 0; k < mcps.size(); ++k)
                appendMcp(timeline, mcps.at(k), source, i.begin, i.end, quint32(httpSeq), int(k));
            if ((i.index + 1) % PublishEvery == 0)
                timeline.publish();
            return true;
        },
        progress, CassetteParser::Mode::Summary,
        [](CassetteInteraction &i) {
            // On the parsing threads: MCP extraction is the costly part of a GMS request; other request
            // bodies are not needed by the index.
            HttpExchange &x = i.exchange;
            if (x.requestBody && McpExtractor::isGmsIngest(x.method, x.uri)) {
                ExtractedMcps extracted;
                extracted.records = McpExtractor::fromRequest(
                    x.method, x.uri, *x.requestBody, &extracted.warnings, McpExtractor::Detail::Summary);
                i.prepared = std::move(extracted);
            }
            x.requestBody.reset();
        });
    timeline.publish();
    for (const QString &w : summary.warnings)
        timeline.addWarning(w);
    if (summary.fault)
        timeline.addFault(*summary.fault);
    if (summary.cancelled)
        return makeError(ErrorCode::Cancelled, tr("cancelled"));
    return success();
}

Status TimelineIndexer::indexQueries(
    Timeline &timeline, const QString &name, const QByteArray &jsonl, ProgressReporter *progress)
{
    // One pass: each record is read once, as a summary (no rows built, its query text cut for display),
    // so a line of hundreds of megabytes costs about its own size.
    const int source = timeline.addSource(name, jsonl);
    qsizetype count = 0;
    Result<QueryLog> log = QueryLog::parse(jsonl, name, progress, [&](const QueryLog::Entry &e, SqlQuery &&q) {
        EventRecord r;
        r.kind = EventKind::Sql;
        r.source = quint8(source);
        r.sourceBegin = e.offset;
        r.sourceEnd = e.offset + e.length;
        r.number = e.resultCount;
        if (q.rowCount)
            r.number = int(*q.rowCount);
        else
            r.flags |= NoNumberFlag;
        QStringList messages;
        if (q.error) {
            r.flags |= ErrorFlag;
            messages.append(*q.error);
        }
        messages += q.warnings;
        if (e.flags & QueryLog::HasWarnings)
            r.flags |= WarningFlag;
        timeline.append(r, { q.query, messages.join(QLatin1Char('\n')) });
        if (++count % PublishEvery == 0)
            timeline.publish();
    });
    timeline.publish();
    if (!log)
        return log.error();
    for (const QString &w : log->warnings())
        timeline.addWarning(w);
    return success();
}

Status TimelineIndexer::indexMcpFile(Timeline &timeline, const QString &name, const QByteArray &json)
{
    QStringList warnings;
    std::optional<Error> fault;
    Result<QList<McpRecord>> records = McpExtractor::fromFile(json, name, &warnings, &fault);
    if (!records)
        return records.error();
    const int source = timeline.addSource(name, json);
    for (const QString &w : std::as_const(warnings))
        timeline.addWarning(w);
    // As for a cassette that stops parsing: the records read are listed, and the fault fails the command.
    if (fault)
        timeline.addFault(*fault);
    for (qsizetype k = 0; k < records->size(); ++k) {
        appendMcp(timeline, records->at(k), source, 0, json.size(), EventRecord::NoCarrier, int(k));
        if ((k + 1) % PublishEvery == 0)
            timeline.publish();
    }
    timeline.publish();
    return success();
}

Status TimelineIndexer::indexRecording(
    Timeline &timeline, const Recording &recording, ProgressReporter *progress)
{
    const QString cassette = QStringLiteral("http/cassette.yaml");
    if (recording.contents.contains(cassette)) {
        if (Status s = indexCassette(timeline, recording.displayName + QLatin1Char('/') + cassette,
                recording.contents.value(cassette), progress);
            !s)
            return s;
    }
    if (recording.contents.contains(QueryLog::FileName)) {
        if (Status s = indexQueries(timeline, recording.displayName + QLatin1Char('/') + QueryLog::FileName,
                recording.contents.value(QueryLog::FileName), progress);
            !s)
            return s;
    }
    timeline.setComplete();
    return success();
}

std::optional<TimelineIndexer::FileKind> TimelineIndexer::detect(const QString &path, QByteArrayView head)
{
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".yaml")) || lower.endsWith(QLatin1String(".yml")))
        return FileKind::Cassette;
    QByteArrayView trimmed = head.trimmed();
    if (trimmed.startsWith("\xef\xbb\xbf"))
        trimmed = trimmed.sliced(3).trimmed();
    if (trimmed.startsWith("interactions:") || trimmed.startsWith("version:") || trimmed.startsWith("---"))
        return FileKind::Cassette;
    if (trimmed.startsWith('[') || lower.endsWith(QLatin1String(".json")))
        return FileKind::McpFile;
    if (trimmed.startsWith('{')) {
        // JSON lines: queries carry "query", file-sink records carry "entityUrn" or "proposedSnapshot".
        const QByteArrayView firstLine = trimmed.first(
            std::max<qsizetype>(trimmed.indexOf('\n'), std::min<qsizetype>(trimmed.size(), 65536)));
        if (firstLine.contains("\"query\""))
            return FileKind::Queries;
        return FileKind::McpFile;
    }
    return std::nullopt;
}

Status TimelineIndexer::indexFile(Timeline &timeline, const QString &path, ProgressReporter *progress)
{
    // Read, not mapped: a file that changes while it is mapped could crash the reader (SIGBUS).
    const Result<QByteArray> read = FileReader::readAll(path);
    if (!read)
        return read.error();
    const QByteArray &data = *read;
    const QString name = QFileInfo(path).fileName();
    const std::optional<FileKind> kind
        = detect(path, QByteArrayView(data).first(std::min<qsizetype>(data.size(), 65536)));
    if (!kind)
        return makeError(ErrorCode::InvalidInput,
            tr("%1 is neither a recording, a cassette, a queries.jsonl nor an MCP file").arg(path));
    Status s = success();
    switch (*kind) {
    case FileKind::Cassette:
        s = indexCassette(timeline, name, data, progress);
        break;
    case FileKind::Queries:
        s = indexQueries(timeline, name, data, progress);
        break;
    case FileKind::McpFile:
        s = indexMcpFile(timeline, name, data);
        break;
    }
    timeline.setComplete();
    return s;
}

namespace {

// Every MCP that the carrier of MCP event seq holds (its GMS request, or its whole file), in order.
Result<QList<McpRecord>> carrierRecords(const Timeline &timeline, const EventRecord &r)
{
    const QByteArray &text = timeline.sourceText(r.source);
    if (r.related == EventRecord::NoCarrier)
        return McpExtractor::fromFile(text, timeline.sourceName(r.source));
    const Result<HttpExchange> x = TimelineIndexer::exchange(timeline, qsizetype(r.related));
    if (!x)
        return x.error();
    QStringList warnings;
    return McpExtractor::fromRequest(x->method, x->uri, x->requestBody.value_or(QByteArray()), &warnings);
}

Result<McpRecord> pick(const QList<McpRecord> &records, const EventRecord &r, qsizetype seq)
{
    if (r.number < 0 || r.number >= records.size())
        return makeError(
            ErrorCode::InvalidInput, TimelineIndexer::tr("MCP event %1 is no longer in its source").arg(seq));
    return records.at(r.number);
}

} // namespace

Result<HttpExchange> TimelineIndexer::exchange(const Timeline &timeline, qsizetype seq)
{
    if (seq < 0 || seq >= timeline.count())
        return makeError(ErrorCode::Usage, tr("there is no event %1").arg(seq));
    const EventRecord &r = timeline.record(seq);
    if (r.kind != EventKind::Http)
        return makeError(ErrorCode::Usage, tr("event %1 is not an HTTP event").arg(seq));
    // Asked for only when the interaction uses an anchor it does not define: the interactions of its
    // cassette before it that define some.
    const auto earlier = [&timeline, &r, seq] {
        QList<std::pair<qint64, qint64>> ranges;
        for (const qsizetype k : timeline.anchorEventsBefore(seq)) {
            const EventRecord &before = timeline.record(k);
            if (before.source == r.source)
                ranges.append({ before.sourceBegin, before.sourceEnd });
        }
        return ranges;
    };
    return CassetteParser::parseInteraction(
        timeline.sourceText(r.source), r.sourceBegin, r.sourceEnd, timeline.sourceName(r.source), earlier);
}

Result<McpRecord> TimelineIndexer::mcp(const Timeline &timeline, qsizetype seq)
{
    const EventRecord &r = timeline.record(seq);
    if (r.kind != EventKind::Mcp)
        return makeError(ErrorCode::Usage, tr("event %1 is not an MCP").arg(seq));
    const Result<QList<McpRecord>> records = carrierRecords(timeline, r);
    if (!records)
        return records.error();
    return pick(*records, r, seq);
}

Result<QList<McpRecord>> TimelineIndexer::mcps(const Timeline &timeline)
{
    // Each carrier is read once for all the MCPs it holds, not once per MCP.
    QList<McpRecord> all;
    QList<McpRecord> carried;
    const EventRecord *carrier = nullptr;
    for (qsizetype seq = 0; seq < timeline.count(); ++seq) {
        const EventRecord &r = timeline.record(seq);
        if (r.kind != EventKind::Mcp)
            continue;
        if (!carrier || carrier->source != r.source || carrier->related != r.related
            || carrier->sourceBegin != r.sourceBegin) {
            Result<QList<McpRecord>> records = carrierRecords(timeline, r);
            if (!records)
                return records.error();
            carried = std::move(records).value();
            carrier = &r;
        }
        Result<McpRecord> record = pick(carried, r, seq);
        if (!record)
            return record.error();
        all.append(std::move(record).value());
    }
    return all;
}

} // namespace tapedeck
