// SPDX-License-Identifier: MIT
// Reading one event in full for the detail panes: the same core calls as `tapedeck-cli show`.
#include "ui/details/eventdetails.h"

#include "core/recording/cassetteparser.h"
#include "core/recording/checkpointstate.h"
#include "core/recording/timelineindexer.h"

#include <QJsonDocument>

namespace tapedeck {

namespace {

constexpr quint32 NoCarrier = 0xffffffffu;

QString kindTitle(EventKind kind)
{
    switch (kind) {
    case EventKind::Http:
        return EventHeading::tr("HTTP");
    case EventKind::Sql:
        return EventHeading::tr("SQL");
    case EventKind::Mcp:
        return EventHeading::tr("MCP");
    }
    return {};
}

} // namespace

int EventHeading::lineOf(const QByteArray &text, qint64 offset)
{
    return int(QByteArrayView(text.constData(), std::clamp<qint64>(offset, 0, text.size())).count('\n')) + 1;
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
    const bool wholeFile = r.kind == EventKind::Mcp && r.related == NoCarrier;
    h.location = wholeFile
        ? t.sourceName(r.source)
        : tr("%1, line %2").arg(t.sourceName(r.source)).arg(lineOf(t.sourceText(r.source), r.sourceBegin));
    return h;
}

HttpDetail HttpDetail::load(const Timeline &t, qsizetype seq)
{
    HttpDetail d;
    d.seq = seq;
    d.heading = EventHeading::of(t, seq);
    const EventRecord &r = t.record(seq);
    d.failed = r.flags & ErrorFlag;
    Result<HttpExchange> parsed = CassetteParser::parseInteraction(
        t.sourceText(r.source), r.sourceBegin, r.sourceEnd, t.sourceName(r.source));
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

QString HttpDetail::statusLine() const
{
    if (exchange.status <= 0)
        return tr("no response recorded");
    QString line = QString::number(exchange.status);
    if (!exchange.statusMessage.isEmpty())
        line += QLatin1Char(' ') + exchange.statusMessage;
    if (!exchange.httpVersion.isEmpty())
        line = exchange.httpVersion + QLatin1Char(' ') + line;
    return line;
}

SqlDetail SqlDetail::load(const Timeline &t, qsizetype seq)
{
    SqlDetail d;
    d.seq = seq;
    d.heading = EventHeading::of(t, seq);
    const EventRecord &r = t.record(seq);
    const QByteArray &source = t.sourceText(r.source);
    const QByteArrayView line(source.constData() + r.sourceBegin, r.sourceEnd - r.sourceBegin);
    d.recordText = QString::fromUtf8(line);
    Result<SqlQuery> parsed
        = QueryLog::parseLine(line, t.sourceName(r.source), EventHeading::lineOf(source, r.sourceBegin));
    if (!parsed) {
        d.recordError = parsed.error().message;
        return d;
    }
    d.query = std::move(parsed).value();
    if (!d.query->parameters.isNull()) {
        // One line when it fits (most parameter lists are short), indented otherwise.
        d.parametersText = QString::fromUtf8(pythonDumps(d.query->parameters, false, false));
        if (d.parametersText.size() > 100)
            d.parametersText = BodyContent::prettyJson(d.query->parameters);
    }
    d.replayKey = d.query->replayKey();
    return d;
}

QString McpDetail::formNameOf(McpRecord::Form form)
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

McpDetail McpDetail::load(const Timeline &t, qsizetype seq)
{
    McpDetail d;
    d.seq = seq;
    d.heading = EventHeading::of(t, seq);
    const EventRecord &r = t.record(seq);
    if (r.related != NoCarrier && qsizetype(r.related) < t.count()) {
        d.carrierSeq = r.related;
        d.carrierText = tr("event %1: %2 %3, MCP %4 of %5")
                            .arg(r.related)
                            .arg(t.field(r.related, EventField::Method).toString(),
                                t.field(r.related, EventField::Uri).toString())
                            .arg(r.number + 1)
                            .arg(t.record(r.related).related);
    }
    Result<McpRecord> record = TimelineIndexer::mcp(t, seq);
    if (!record) {
        d.error = record.error();
        return d;
    }
    d.record = std::move(record).value();
    d.formName = formNameOf(d.record.form);
    JsonValue aspect;
    if (!d.record.aspectJson.isEmpty()) {
        JsonParseInfo info;
        Result<JsonValue> parsed = JsonValue::parse(d.record.aspectJson, &info);
        if (parsed) {
            aspect = std::move(parsed).value();
            bool cut = false;
            d.aspectText = BodyContent::capped(BodyContent::prettyJson(aspect), &cut);
            if (cut)
                d.aspectText += tr("\n… cut after %1 characters; the tree shows all of it")
                                    .arg(BodyContent::MaxShownCharacters);
            d.aspectTree = JsonTree::build(aspect);
        } else {
            d.aspectError
                = tr("line %1, column %2: %3").arg(info.errorLine).arg(info.errorColumn).arg(info.reason);
            bool cut = false;
            d.aspectText = BodyContent::capped(QString::fromUtf8(d.record.aspectJson), &cut);
        }
    }
    if (!d.record.systemMetadata.isEmpty())
        d.systemMetadataText
            = QString::fromUtf8(QJsonDocument(d.record.systemMetadata).toJson(QJsonDocument::Indented));
    if (d.record.aspectName == CheckpointState::AspectName && aspect.isObject()) {
        const Result<QJsonDocument> state
            = CheckpointState::decodePayload(QJsonDocument::fromJson(d.record.aspectJson).object());
        if (state)
            d.checkpointText = QString::fromUtf8(state->toJson(QJsonDocument::Indented));
        else
            d.checkpointError = state.error().message;
    }
    return d;
}

} // namespace tapedeck
