// SPDX-License-Identifier: MIT
// Indexing recording sources into the timeline.
#include "timelineindexer.h"

#include "recording/cassetteparser.h"

namespace tapedeck {

namespace {

quint32 clampSize(qint64 size)
{
    return quint32(std::clamp<qint64>(size, 0, 0xffffffff));
}

} // namespace

Status TimelineIndexer::indexCassette(Timeline &timeline, const QString &name, const QByteArray &yaml, ProgressReporter *progress)
{
    const int source = timeline.addSource(name, yaml);
    const CassetteSummary summary = CassetteParser::parse(yaml, name, [&](CassetteInteraction &&i) {
        const HttpExchange &x = i.exchange;
        EventRecord r;
        r.kind = EventKind::Http;
        r.source = quint8(source);
        r.sourceBegin = i.begin;
        r.sourceEnd = i.end;
        r.number = x.status;
        r.sizeA = clampSize(i.requestBodySize);
        r.sizeB = clampSize(i.responseBodySize);
        if (x.status >= 400 || x.status <= 0)
            r.flags |= ErrorFlag;
        if (!x.warnings.isEmpty())
            r.flags |= WarningFlag;
        const QString contentType = HttpExchange::headerValue(x.responseHeaders, u"content-type");
        timeline.append(r, { x.method, x.uri, contentType });
        if ((i.index + 1) % PublishEvery == 0)
            timeline.publish();
        return true;
    }, progress, CassetteParser::Mode::Summary);
    timeline.publish();
    for (const QString &w : summary.warnings)
        timeline.addWarning(w);
    if (summary.fault)
        timeline.addWarning(summary.fault->message);
    if (summary.cancelled)
        return makeError(ErrorCode::Cancelled, tr("cancelled"));
    return success();
}

} // namespace tapedeck
