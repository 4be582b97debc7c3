// SPDX-License-Identifier: MIT
// HAR export of hostile recordings: HarWriter entry by entry, and HarExport over a timeline (what
// `tapedeck-cli export-har` and the GUI's export do).
//
// Input: a cassette (the events come from the full reading and from the timeline's index).
// Invariants:
// - the HAR is valid JSON and valid UTF-8 (nothing had to be repaired to read it), whatever the recorded
//   strings and bytes;
// - it holds one entry per exchange written (per HTTP event exported), in order;
// - each entry says what was recorded: method, URL (fragment cut, no raw blanks or controls), status,
//   reason, as many headers; the request body's bytes (text or base64) are the recorded ones; the response
//   body's bytes are the ones `show` presents (BodyContent: Content-Encoding undone when it decodes, the
//   recorded bytes otherwise) and content.size is their length.
#include "core/common/jsonvalue.h"
#include "core/recording/bodycontent.h"
#include "core/recording/cassetteparser.h"
#include "core/recording/harexport.h"
#include "core/recording/harwriter.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "fuzzsupport.h"

#include <QBuffer>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

const QString Origin = QStringLiteral("fuzz/cassette.yaml");

// The log's entries of a HAR that must be valid JSON and UTF-8.
JsonArray entries(const QByteArray &har)
{
    JsonParseInfo info;
    Result<JsonValue> value = JsonValue::parse(har, &info);
    FUZZ_CHECK(value.ok(),
        QStringLiteral("the HAR is not JSON: %1 (line %2, column %3)")
            .arg(info.reason)
            .arg(info.errorLine)
            .arg(info.errorColumn));
    FUZZ_CHECK(info.invalidUtf8 == 0,
        QStringLiteral("the HAR holds %1 bytes of invalid UTF-8, the first at %2")
            .arg(info.invalidUtf8)
            .arg(info.firstInvalidUtf8Offset));
    const JsonValue *log = value->find(u"log");
    FUZZ_CHECK(log && log->isObject() && log->find(u"entries") && log->find(u"entries")->isArray(),
        QStringLiteral("the HAR has no log.entries"));
    return log->find(u"entries")->toArray();
}

// A HAR text field's bytes: base64 when the encoding field says so.
QByteArray bytesOf(const JsonValue &holder, QStringView encodingKey)
{
    const QByteArray text = holder.value(u"text").toString().toUtf8();
    return holder.value(encodingKey).toString() == QLatin1String("base64") ? QByteArray::fromBase64(text)
                                                                           : text;
}

void checkEntry(const JsonValue &entry, const HttpExchange &x, qsizetype k)
{
    const JsonValue request = entry.value(u"request");
    const JsonValue response = entry.value(u"response");
    const QString where = QStringLiteral("entry %1: ").arg(k);
    FUZZ_CHECK(request.value(u"method").toString() == x.method, where + QStringLiteral("method"));
    const QString url = request.value(u"url").toString();
    FUZZ_CHECK(!url.contains(u'#')
            && std::none_of(
                url.cbegin(), url.cend(), [](QChar c) { return c.unicode() <= 0x20 || c.unicode() == 0x7f; }),
        where + QStringLiteral("url %1").arg(url));
    FUZZ_CHECK(response.value(u"status").toInt64() == x.status, where + QStringLiteral("status"));
    FUZZ_CHECK(
        response.value(u"statusText").toString() == x.statusMessage, where + QStringLiteral("statusText"));
    FUZZ_CHECK(request.value(u"headers").size() == x.requestHeaders.size()
            && response.value(u"headers").size() == x.responseHeaders.size(),
        where
            + QStringLiteral("%1/%2 headers for %3/%4 recorded")
                  .arg(request.value(u"headers").size())
                  .arg(response.value(u"headers").size())
                  .arg(x.requestHeaders.size())
                  .arg(x.responseHeaders.size()));
    FUZZ_CHECK(QDateTime::fromString(entry.value(u"startedDateTime").toString(), Qt::ISODateWithMs).isValid(),
        where + QStringLiteral("startedDateTime %1").arg(entry.value(u"startedDateTime").toString()));

    if (x.requestBody && !x.requestBody->isEmpty())
        FUZZ_CHECK(bytesOf(request.value(u"postData"), u"_encoding") == *x.requestBody,
            where + QStringLiteral("the request body's bytes"));
    if (x.responseBody) {
        const JsonValue content = response.value(u"content");
        const BodyContent shown = BodyContent::inspect(x.responseBody, x.responseHeaders);
        const QByteArray written = bytesOf(content, u"encoding");
        FUZZ_CHECK(written == shown.content,
            where
                + QStringLiteral("the response body is %1 bytes, show presents %2 (Content-Encoding \"%3\")")
                      .arg(written.size())
                      .arg(shown.content.size())
                      .arg(shown.contentEncoding));
        FUZZ_CHECK(
            content.value(u"size").toInt64() == written.size(), where + QStringLiteral("content.size"));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray yaml(reinterpret_cast<const char *>(bytes), qsizetype(size));

    QList<HttpExchange> exchanges;
    const CassetteSummary summary = CassetteParser::parse(yaml, Origin, [&](CassetteInteraction &&i) {
        exchanges.append(std::move(i.exchange));
        return true;
    });
    QByteArray har;
    {
        QBuffer device(&har);
        device.open(QIODevice::WriteOnly);
        HarWriter writer(device);
        FUZZ_CHECK(writer.begin().ok(), QStringLiteral("begin() failed"));
        for (qsizetype k = 0; k < exchanges.size(); ++k)
            FUZZ_CHECK(writer.addExchange(exchanges.at(k), k).ok(), QStringLiteral("addExchange() failed"));
        QStringList comments = summary.warnings;
        if (summary.fault)
            comments.append(summary.fault->message);
        FUZZ_CHECK(writer.finish(comments).ok(), QStringLiteral("finish() failed"));
    }
    const JsonArray written = entries(har);
    FUZZ_CHECK(qsizetype(written.size()) == exchanges.size(),
        QStringLiteral("%1 entries for %2 exchanges").arg(written.size()).arg(exchanges.size()));
    for (qsizetype k = 0; k < exchanges.size(); ++k)
        checkEntry(written[size_t(k)], exchanges.at(k), k);

    Timeline timeline;
    FUZZ_CHECK(
        TimelineIndexer::indexCassette(timeline, Origin, yaml).ok(), QStringLiteral("indexing failed"));
    qsizetype http = 0;
    for (qsizetype seq = 0; seq < timeline.count(); ++seq)
        http += timeline.record(seq).kind == EventKind::Http ? 1 : 0;
    QByteArray exported;
    {
        QBuffer device(&exported);
        device.open(QIODevice::WriteOnly);
        const Status s = HarExport::exportTimeline(device, timeline, {});
        FUZZ_CHECK(s.ok(), s.ok() ? QString() : s.error().message);
    }
    const JsonArray fromTimeline = entries(exported);
    FUZZ_CHECK(qsizetype(fromTimeline.size()) == http,
        QStringLiteral("%1 entries exported for %2 HTTP events").arg(fromTimeline.size()).arg(http));
    // The timeline comes from the summary reading, the exchanges from the full one: they agree.
    for (qsizetype k = 0; k < std::min(http, exchanges.size()); ++k)
        FUZZ_CHECK(
            fromTimeline[size_t(k)].value(u"request").value(u"method").toString() == exchanges.at(k).method,
            QStringLiteral("exported entry %1 has another method").arg(k));
    return 0;
}
