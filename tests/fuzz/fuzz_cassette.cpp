// SPDX-License-Identifier: MIT
// VCR.py cassettes: the full reading (libyaml events), the summary reading that indexing uses (the layout
// scanner, the interaction reader and elided response bodies), re-reading one interaction from its byte
// range, and the timeline index built from it (HTTP events and the MCPs GMS requests carried).
//
// Input: the cassette's bytes.
// Invariants:
// - summary and full reading agree: the same fault (or none), version, warnings and number of
//   interactions, and per interaction the same byte range, line, method, URI, status, reason, HTTP version,
//   headers, warnings, request body and body sizes (the summary keeps the response bodies it did not elide);
// - interactions come in order, with increasing byte ranges inside the cassette and lines from 1;
// - an interaction re-read alone from its byte range (what `show` and the detail panes do) either fails
//   with a message or gives the exchange the full reading gave;
// - the timeline has one HTTP event per interaction (of the summary reading it is built from), in order,
//   with its method, URI and status, followed by as many MCP events as a full extraction finds in the
//   request; each MCP event re-read in full names the URN the index shows;
// - a fault or warning carries a message.
#include "core/recording/cassetteparser.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "cassettesupport.h"
#include "fuzzsupport.h"

#include <cstdio>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

const QString Origin = QStringLiteral("fuzz/cassette.yaml");

using Parsed = test::ParsedCassette;
using test::sameHeaders;

Parsed parse(const QByteArray &yaml, CassetteParser::Mode mode)
{
    Parsed p = test::parseCassette(yaml, mode, Origin);
    if (p.summary.fault)
        FUZZ_CHECK_ERROR(*p.summary.fault);
    return p;
}

// What differs between two readings of one exchange (responseBody compared only when asked).
QString difference(const HttpExchange &a, const HttpExchange &b, bool responseBody)
{
    if (a.method != b.method)
        return QStringLiteral("method %1 / %2").arg(a.method, b.method);
    if (a.uri != b.uri)
        return QStringLiteral("uri %1 / %2").arg(a.uri, b.uri);
    if (a.status != b.status)
        return QStringLiteral("status %1 / %2").arg(a.status).arg(b.status);
    if (a.statusMessage != b.statusMessage)
        return QStringLiteral("reason %1 / %2").arg(a.statusMessage, b.statusMessage);
    if (a.httpVersion != b.httpVersion)
        return QStringLiteral("http version %1 / %2").arg(a.httpVersion, b.httpVersion);
    if (!sameHeaders(a.requestHeaders, b.requestHeaders))
        return QStringLiteral("request headers");
    if (!sameHeaders(a.responseHeaders, b.responseHeaders))
        return QStringLiteral("response headers");
    if (a.requestBody != b.requestBody)
        return QStringLiteral("request body");
    if (responseBody && a.responseBody != b.responseBody)
        return QStringLiteral("response body");
    if (a.warnings != b.warnings)
        return QStringLiteral("warnings\n  %1\n  %2")
            .arg(a.warnings.join(QLatin1String(" | ")), b.warnings.join(QLatin1String(" | ")));
    return {};
}

void compareSummary(const Parsed &full, const Parsed &quick)
{
    FUZZ_CHECK(quick.summary.fault.has_value() == full.summary.fault.has_value(),
        QStringLiteral("fault only in the %1 reading: %2")
            .arg(full.summary.fault ? QStringLiteral("full") : QStringLiteral("summary"),
                (full.summary.fault ? full.summary.fault : quick.summary.fault)->message));
    if (full.summary.fault)
        FUZZ_CHECK(quick.summary.fault->message == full.summary.fault->message,
            QStringLiteral("faults differ:\n  full:    %1\n  summary: %2")
                .arg(full.summary.fault->message, quick.summary.fault->message));
    FUZZ_CHECK(quick.summary.version == full.summary.version,
        QStringLiteral("version %1 / %2").arg(full.summary.version).arg(quick.summary.version));
    FUZZ_CHECK(quick.summary.warnings == full.summary.warnings,
        QStringLiteral("warnings differ:\n  full:    %1\n  summary: %2")
            .arg(full.summary.warnings.join(QLatin1String(" | ")),
                quick.summary.warnings.join(QLatin1String(" | "))));
    FUZZ_CHECK(quick.interactions.size() == full.interactions.size(),
        QStringLiteral("%1 interactions in full, %2 in summary")
            .arg(full.interactions.size())
            .arg(quick.interactions.size()));
    for (qsizetype k = 0; k < full.interactions.size(); ++k) {
        const CassetteInteraction &a = full.interactions.at(k);
        const CassetteInteraction &b = quick.interactions.at(k);
        FUZZ_CHECK(a.index == b.index && a.begin == b.begin && a.end == b.end && a.line == b.line,
            QStringLiteral("interaction %1: full %2..%3 line %4, summary %5..%6 line %7")
                .arg(k)
                .arg(a.begin)
                .arg(a.end)
                .arg(a.line)
                .arg(b.begin)
                .arg(b.end)
                .arg(b.line));
        // Summary reading measures only the response body text; everything else is read whole.
        const QString different = difference(a.exchange, b.exchange, false);
        FUZZ_CHECK(different.isEmpty(), QStringLiteral("interaction %1 differs: %2").arg(k).arg(different));
        FUZZ_CHECK(b.requestBodySize == (a.exchange.requestBody ? a.exchange.requestBody->size() : -1)
                && b.responseBodySize == (a.exchange.responseBody ? a.exchange.responseBody->size() : -1),
            QStringLiteral("interaction %1: body sizes %2/%3 in summary")
                .arg(k)
                .arg(b.requestBodySize)
                .arg(b.responseBodySize));
        FUZZ_CHECK(b.exchange.responseBody.has_value() == a.exchange.responseBody.has_value(),
            QStringLiteral("interaction %1: a null response body only in one reading").arg(k));
        if (b.exchange.responseBody && (!b.exchange.responseBody->isEmpty() || b.responseBodySize == 0))
            FUZZ_CHECK(*b.exchange.responseBody == *a.exchange.responseBody,
                QStringLiteral("interaction %1: the summary kept another response body").arg(k));
    }
}

void checkOrder(const QByteArray &yaml, const Parsed &full)
{
    qint64 previousEnd = 0;
    int previousLine = 0;
    for (qsizetype k = 0; k < full.interactions.size(); ++k) {
        const CassetteInteraction &i = full.interactions.at(k);
        FUZZ_CHECK(i.index == k && i.begin >= previousEnd && i.begin <= i.end && i.end <= yaml.size()
                && i.line >= std::max(previousLine, 1),
            QStringLiteral("interaction %1 (index %2) at %3..%4 line %5, after %6 line %7")
                .arg(k)
                .arg(i.index)
                .arg(i.begin)
                .arg(i.end)
                .arg(i.line)
                .arg(previousEnd)
                .arg(previousLine));
        FUZZ_CHECK(i.requestBodySize == (i.exchange.requestBody ? i.exchange.requestBody->size() : -1)
                && i.responseBodySize == (i.exchange.responseBody ? i.exchange.responseBody->size() : -1),
            QStringLiteral("interaction %1: body sizes do not match its bodies").arg(k));
        for (const QString &w : i.exchange.warnings)
            FUZZ_CHECK(!w.trimmed().isEmpty(), QStringLiteral("an empty warning"));
        previousEnd = i.end;
        previousLine = i.line;
    }
}

void checkReread(const QByteArray &yaml, const Parsed &full)
{
    for (const CassetteInteraction &i : full.interactions) {
        const Result<HttpExchange> again = CassetteParser::parseInteraction(yaml, i.begin, i.end, Origin);
        if (!again) {
            FUZZ_CHECK_ERROR(again.error());
            continue;
        }
        const QString different = difference(i.exchange, *again, true);
        FUZZ_CHECK(different.isEmpty(),
            QStringLiteral("interaction %1 re-read alone differs: %2").arg(i.index).arg(different));
    }
}

void checkTimeline(const QByteArray &yaml, const Parsed &summary)
{
    Timeline timeline;
    const Status s = TimelineIndexer::indexCassette(timeline, Origin, yaml);
    FUZZ_CHECK(s.ok(), s.ok() ? QString() : s.error().message);
    FUZZ_CHECK(timeline.faults().size() == (summary.summary.fault ? 1 : 0),
        QStringLiteral("%1 faults on the timeline").arg(timeline.faults().size()));
    for (const Error &fault : timeline.faults())
        FUZZ_CHECK_ERROR(fault);
    qsizetype seq = 0;
    for (const CassetteInteraction &i : summary.interactions) {
        FUZZ_CHECK(seq < timeline.count() && timeline.record(seq).kind == EventKind::Http,
            QStringLiteral("no HTTP event %1 for interaction %2").arg(seq).arg(i.index));
        const HttpExchange &x = i.exchange;
        FUZZ_CHECK(timeline.field(seq, EventField::Method) == x.method
                && timeline.field(seq, EventField::Uri) == x.uri && timeline.record(seq).number == x.status,
            QStringLiteral("event %1 shows %2 %3 %4, interaction %5 is %6 %7 %8")
                .arg(seq)
                .arg(timeline.field(seq, EventField::Method).toString(),
                    timeline.field(seq, EventField::Uri).toString())
                .arg(timeline.record(seq).number)
                .arg(i.index)
                .arg(x.method, x.uri)
                .arg(x.status));
        qsizetype expected = 0;
        if (x.requestBody && McpExtractor::isGmsIngest(x.method, x.uri)) {
            QStringList warnings;
            expected = McpExtractor::fromRequest(x.method, x.uri, *x.requestBody, &warnings).size();
        }
        ++seq;
        qsizetype carried = 0;
        while (seq < timeline.count() && timeline.record(seq).kind == EventKind::Mcp) {
            const Result<McpRecord> mcp = TimelineIndexer::mcp(timeline, seq);
            if (mcp)
                FUZZ_CHECK(timeline.field(seq, EventField::EntityUrn) == mcp->entityUrn,
                    QStringLiteral("MCP event %1 indexed as %2, re-read as %3")
                        .arg(seq)
                        .arg(timeline.field(seq, EventField::EntityUrn).toString(), mcp->entityUrn));
            else
                FUZZ_CHECK_ERROR(mcp.error());
            ++carried;
            ++seq;
        }
        FUZZ_CHECK(carried == expected,
            QStringLiteral("interaction %1: %2 MCP events indexed, a full extraction finds %3")
                .arg(i.index)
                .arg(carried)
                .arg(expected));
    }
    FUZZ_CHECK(seq == timeline.count(),
        QStringLiteral("%1 events indexed for %2 interactions").arg(timeline.count()).arg(seq));
}

// TAPEDECK_FUZZ_VERBOSE=1 prints both readings, for triage.
void print(const char *name, const Parsed &p)
{
    std::fprintf(stderr, "%s reading: version %d, fault %s, warnings [%s]\n", name, p.summary.version,
        p.summary.fault ? qPrintable(p.summary.fault->message) : "none",
        qPrintable(p.summary.warnings.join(QLatin1String(" | "))));
    for (const CassetteInteraction &i : p.interactions)
        std::fprintf(stderr, "  #%lld %lld..%lld line %d: %s %s %d, bodies %lld/%lld, warnings [%s]\n",
            qlonglong(i.index), qlonglong(i.begin), qlonglong(i.end), i.line, qPrintable(i.exchange.method),
            qPrintable(i.exchange.uri), i.exchange.status, qlonglong(i.requestBodySize),
            qlonglong(i.responseBodySize), qPrintable(i.exchange.warnings.join(QLatin1String(" | "))));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray yaml(reinterpret_cast<const char *>(bytes), qsizetype(size));
    const Parsed full = parse(yaml, CassetteParser::Mode::Full);
    const Parsed quick = parse(yaml, CassetteParser::Mode::Summary);
    static const bool verbose = qEnvironmentVariableIntValue("TAPEDECK_FUZZ_VERBOSE") != 0;
    if (verbose) {
        print("full", full);
        print("summary", quick);
    }
    checkOrder(yaml, full);
    compareSummary(full, quick);
    checkReread(yaml, full);
    checkTimeline(yaml, quick); // the index reads in summary mode
    return 0;
}
