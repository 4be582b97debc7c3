// SPDX-License-Identifier: MIT
// Reading one event in full, the same for the CLI and the GUI.
#include "core/recording/eventpresentation.h"

#include "core/common/pythonjson.h"
#include "core/common/utf8.h"
#include "core/recording/checkpointstate.h"
#include "core/recording/timelineindexer.h"

#include <QJsonDocument>

namespace tapedeck {

namespace {

bool hasCarrier(const Timeline &t, const EventRecord &r)
{
    return r.kind == EventKind::Mcp && r.related != EventRecord::NoCarrier && qsizetype(r.related) < t.count();
}

// Qt's JSON (no key order, doubles only) as a JsonValue; objects come out sorted by key.
JsonValue fromQt(const QJsonDocument &document)
{
    Result<JsonValue> parsed = JsonValue::parse(document.toJson(QJsonDocument::Compact));
    return parsed ? std::move(parsed).value() : JsonValue();
}

// systemMetadata in the SystemMetadata schema's field order (as the file sink writes it), other keys after.
JsonValue orderedSystemMetadata(const QJsonObject &metadata)
{
    static const QStringList order { QStringLiteral("lastObserved"), QStringLiteral("runId"),
        QStringLiteral("lastRunId"), QStringLiteral("pipelineName"), QStringLiteral("registryName"),
        QStringLiteral("registryVersion"), QStringLiteral("properties"), QStringLiteral("version") };
    const JsonValue sorted = fromQt(QJsonDocument(metadata));
    JsonValue ordered = JsonValue::object();
    for (const QString &key : order) {
        if (const JsonValue *v = sorted.find(key))
            ordered.insert(key, *v);
    }
    for (const JsonMember &member : sorted.toObject()) {
        if (!order.contains(member.key))
            ordered.insert(member.key, member.value);
    }
    return ordered;
}

} // namespace

int sourceLineOf(const QByteArray &text, qint64 offset)
{
    return int(QByteArrayView(text.constData(), std::clamp<qint64>(offset, 0, text.size())).count('\n')) + 1;
}

QString EventHeading::kindTitle(EventKind kind)
{
    switch (kind) {
    case EventKind::Http:
        return tr("HTTP");
    case EventKind::Sql:
        return tr("SQL");
    case EventKind::Mcp:
        return tr("MCP");
    }
    return {};
}

EventHeading EventHeading::of(const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    EventHeading h;
    h.title = tr("Event %1 · %2 %3 of %4")
                  .arg(seq)
                  .arg(kindTitle(r.kind))
                  .arg(r.lane + 1)
                  .arg(t.laneCount(r.kind));
    const bool wholeFile = r.kind == EventKind::Mcp && !hasCarrier(t, r);
    h.location = wholeFile
        ? t.sourceName(r.source)
        : tr("%1, line %2").arg(t.sourceName(r.source)).arg(sourceLineOf(t.sourceText(r.source), r.sourceBegin));
    return h;
}

HttpPresentation HttpPresentation::load(const Timeline &t, qsizetype seq)
{
    HttpPresentation d;
    d.seq = seq;
    d.heading = EventHeading::of(t, seq);
    const EventRecord &r = t.record(seq);
    d.sourceLine = sourceLineOf(t.sourceText(r.source), r.sourceBegin);
    d.failed = r.flags & ErrorFlag;
    Result<HttpExchange> parsed = TimelineIndexer::exchange(t, seq);
    if (!parsed) {
        d.error = parsed.error();
        return d;
    }
    d.exchange = std::move(parsed).value();
    d.request = BodyContent::inspect(d.exchange.requestBody, d.exchange.requestHeaders);
    d.response = BodyContent::inspect(d.exchange.responseBody, d.exchange.responseHeaders);
    // The MCPs a request carried follow it directly on the timeline.
    const qsizetype count = t.count();
    for (qsizetype k = seq + 1; k < count && k <= seq + qsizetype(r.related); ++k) {
        if (t.record(k).kind == EventKind::Mcp && t.record(k).related == quint32(seq))
            d.mcps.append(k);
    }
    return d;
}

QString HttpPresentation::statusLine() const
{
    if (!exchange.hasStatus())
        return tr("no response recorded");
    QString line = QString::number(exchange.status);
    if (!exchange.statusMessage.isEmpty())
        line += QLatin1Char(' ') + exchange.statusMessage;
    if (!exchange.httpVersion.isEmpty())
        line = exchange.httpVersion + QLatin1Char(' ') + line;
    return line;
}

SqlPresentation SqlPresentation::load(const Timeline &t, qsizetype seq)
{
    SqlPresentation d;
    d.seq = seq;
    d.heading = EventHeading::of(t, seq);
    const EventRecord &r = t.record(seq);
    const QByteArray &source = t.sourceText(r.source);
    const QString origin = t.sourceName(r.source);
    d.sourceLine = sourceLineOf(source, r.sourceBegin);
    d.sourceText = source;
    const QByteArrayView line(d.sourceText.constData() + r.sourceBegin, r.sourceEnd - r.sourceBegin);
    d.record = line;
    Result<SqlQuery> parsed = QueryLog::parseLine(line, origin, d.sourceLine, QueryLog::Detail::Display);
    if (!parsed) {
        d.recordError = parsed.error().message;
        return d;
    }
    d.query = std::move(parsed).value();
    const SqlQuery &q = *d.query;
    if (!q.parameters.isNull()) {
        d.parametersText = decodeUtf8(pythonDumps(q.parameters, false, false));
        if (d.parametersText.size() > MaxOneLineParameters)
            d.parametersText = prettyJson(q.parameters);
    }
    d.replayKey = q.replayKey();
    // DataHub's replay keeps the last record of a key. Only a later record with the same query text can
    // have the same key, so the timeline's query field rules out all others without parsing them.
    if (!d.replayKey.isEmpty()) {
        const QStringView queryText = t.field(seq, EventField::Query);
        qint64 lineOffset = r.sourceEnd;
        int lineNumber = d.sourceLine;
        for (qsizetype k = seq + 1; k < t.count(); ++k) {
            const EventRecord &other = t.record(k);
            if (other.kind != EventKind::Sql || other.source != r.source)
                continue;
            if (t.field(k, EventField::Query) != queryText)
                continue;
            lineNumber += int(QByteArrayView(source.constData() + lineOffset, other.sourceBegin - lineOffset)
                                  .count('\n'));
            lineOffset = other.sourceBegin;
            const QByteArrayView otherLine(source.constData() + other.sourceBegin, other.sourceEnd - other.sourceBegin);
            const Result<SqlQuery> candidate
                = QueryLog::parseLine(otherLine, origin, lineNumber, QueryLog::Detail::Summary);
            if (candidate && candidate->replayKey() == d.replayKey) {
                d.replayedInsteadSeq = k;
                d.replayedInsteadLine = lineNumber;
            }
        }
    }
    d.rows = SqlRows(q);
    return d;
}

QString SqlPresentation::rowCountText() const
{
    if (!query || !query->rowCount)
        return tr("null");
    if (*query->rowCount < 0)
        return tr("%1 (unknown to the driver)").arg(*query->rowCount);
    return QString::number(*query->rowCount);
}

QString McpPresentation::formNameOf(McpRecord::Form form)
{
    switch (form) {
    case McpRecord::Form::Proposal:
        return tr("RESTli proposal");
    case McpRecord::Form::Snapshot:
        return tr("MCE snapshot aspect");
    case McpRecord::Form::OpenApi:
        return tr("OpenAPI v3 item");
    case McpRecord::Form::Usage:
        return tr("usage bucket");
    case McpRecord::Form::FileMcp:
        return tr("file-sink MCP");
    case McpRecord::Form::FileMce:
        return tr("file-sink MCE aspect");
    }
    return {};
}

QString McpPresentation::formKeyOf(McpRecord::Form form)
{
    switch (form) {
    case McpRecord::Form::Proposal:
        return QStringLiteral("proposal");
    case McpRecord::Form::Snapshot:
        return QStringLiteral("snapshot");
    case McpRecord::Form::OpenApi:
        return QStringLiteral("openapi");
    case McpRecord::Form::Usage:
        return QStringLiteral("usage");
    case McpRecord::Form::FileMcp:
        return QStringLiteral("file_mcp");
    case McpRecord::Form::FileMce:
        return QStringLiteral("file_mce");
    }
    return {};
}

McpPresentation McpPresentation::load(const Timeline &t, qsizetype seq, Parts parts)
{
    McpPresentation d;
    d.seq = seq;
    d.heading = EventHeading::of(t, seq);
    const EventRecord &r = t.record(seq);
    if (hasCarrier(t, r)) {
        d.carrierSeq = r.related;
        d.carrierText = tr("event %1: %2 %3, MCP %4 of %5")
                            .arg(r.related)
                            .arg(t.field(r.related, EventField::Method).toString(),
                                t.field(r.related, EventField::Uri).toString())
                            .arg(r.number + 1)
                            .arg(t.record(r.related).related);
    } else {
        d.positionText = tr("%1 of %2 in the file").arg(r.number + 1).arg(t.laneCount(EventKind::Mcp));
    }
    Result<McpRecord> record = TimelineIndexer::mcp(t, seq);
    if (!record) {
        d.error = record.error();
        return d;
    }
    d.record = std::move(record).value();
    d.formName = formNameOf(d.record.form);
    d.formKey = formKeyOf(d.record.form);
    if (!d.record.aspectJson.isEmpty()) {
        JsonParseInfo info;
        Result<JsonValue> parsed = JsonValue::parse(d.record.aspectJson, &info);
        if (parsed) {
            d.aspect = std::move(parsed).value();
            d.aspectText = BodyContent::capped(prettyJson(d.aspect), &d.aspectTruncated);
            if (parts == Parts::TextAndTree)
                d.aspectTree = JsonTree::build(d.aspect);
        } else {
            d.aspectError = BodyContent::jsonErrorText(info);
            d.aspectText = BodyContent::capped(decodeUtf8(d.record.aspectJson), &d.aspectTruncated);
        }
    }
    if (!d.record.systemMetadata.isEmpty()) {
        d.systemMetadata = orderedSystemMetadata(d.record.systemMetadata);
        d.systemMetadataText = prettyJson(d.systemMetadata);
    }
    d.isCheckpoint = d.record.aspectName == CheckpointState::AspectName;
    if (d.isCheckpoint && d.aspect.isObject()) {
        d.checkpointSerde = d.aspect.value(u"state").value(u"serde").toString();
        const Result<QJsonDocument> state
            = CheckpointState::decodePayload(PythonJson::loads(d.record.aspectJson, nullptr).object());
        if (state) {
            d.checkpoint = fromQt(*state);
            d.checkpointText = prettyJson(d.checkpoint);
        } else {
            d.checkpointError = state.error().message;
        }
    }
    return d;
}

} // namespace tapedeck
