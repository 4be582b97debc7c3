// SPDX-License-Identifier: MIT
// Tests the compact timeline: fields, lanes, publication while indexing, memory overhead.
#include "core/archive/ziparchive.h"
#include "core/recording/cassetteparser.h"
#include "core/recording/filterexpression.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/timelinesubject.h"
#include "core/recording/timelineindexer.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace tapedeck;

namespace {

QByteArray sampleEntry(const QString &name)
{
    auto archive = ZipArchive::open(test::samplePath());
    if (!archive)
        return {};
    (*archive)->setPassword(test::SamplePassword);
    const ZipEntry *e = (*archive)->find(name);
    Result<QByteArray> data = e ? (*archive)->readAll(*e) : Result<QByteArray>(QByteArray());
    return data ? *data : QByteArray();
}

// A DataHub-shaped cassette from tests/bench/gen_recording.py.
QByteArray generatedCassette(const QString &dir, double megabytes)
{
    const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"),
        { QStringLiteral(TAPEDECK_TEST_TOOLS "/../bench/gen_recording.py"), dir, QStringLiteral("--size-mb"),
            QString::number(megabytes) });
    if (r.exitCode != 0)
        return {};
    return test::readFile(dir + QStringLiteral("/http/cassette.yaml"));
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT

private slots:
    void sampleCassette()
    {
        const QByteArray yaml = sampleEntry(QStringLiteral("http/cassette.yaml"));
        QVERIFY(!yaml.isEmpty());
        Timeline timeline;
        QVERIFY(TimelineIndexer::indexCassette(timeline, QStringLiteral("http/cassette.yaml"), yaml).ok());
        // 12 interactions, and right after each GMS ingest request the MCPs it carried (24 in all).
        QCOMPARE(timeline.count(), 36);
        QCOMPARE(timeline.laneCount(EventKind::Http), 12);
        QCOMPARE(timeline.laneCount(EventKind::Mcp), 24);
        QVERIFY(timeline.warnings().isEmpty());
        const Result<QList<McpRecord>> fileSink = McpExtractor::fromFile(
            test::readFile(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json")), QString());
        QVERIFY(fileSink.ok());
        QCOMPARE(fileSink->size(), 24);
        qsizetype http = 0;
        qsizetype mcp = 0;
        qsizetype lastHttp = -1;
        for (qsizetype seq = 0; seq < timeline.count(); ++seq) {
            const EventRecord &r = timeline.record(seq);
            if (r.kind == EventKind::Mcp) {
                QCOMPARE(qsizetype(r.lane), mcp);
                QCOMPARE(qsizetype(r.related), lastHttp);
                QVERIFY(timeline.record(lastHttp).flags & GmsIngestFlag);
                const McpRecord &expected = fileSink->at(mcp);
                QCOMPARE(timeline.field(seq, EventField::EntityUrn), QStringView(expected.entityUrn));
                QCOMPARE(timeline.field(seq, EventField::AspectName), QStringView(expected.aspectName));
                QCOMPARE(timeline.field(seq, EventField::ChangeType), QStringView(expected.changeType));
                const Result<McpRecord> full = TimelineIndexer::mcp(timeline, seq);
                QVERIFY(full.ok());
                QCOMPARE(full->aspectJson, expected.aspectJson);
                ++mcp;
                continue;
            }
            QCOMPARE(r.kind, EventKind::Http);
            QCOMPARE(qsizetype(r.lane), http++);
            lastHttp = seq;
            // The record's byte range re-reads to the same request.
            const Result<HttpExchange> x = CassetteParser::parseInteraction(
                timeline.sourceText(r.source), r.sourceBegin, r.sourceEnd, QString());
            QVERIFY(x.ok());
            QCOMPARE(timeline.field(seq, EventField::Method), QStringView(x->method));
            QCOMPARE(timeline.field(seq, EventField::Uri), QStringView(x->uri));
            QCOMPARE(r.number, x->status);
            QCOMPARE(qint64(r.sizeB), x->responseBody ? x->responseBody->size() : 0);
            QCOMPARE(bool(r.flags & ErrorFlag), x->status >= 400);
        }
        QCOMPARE(mcp, 24);
        QCOMPARE(timeline.field(0, EventField::ContentType), u"application/json");
        QCOMPARE(timeline.record(timeline.count() - 1).number, 500);
    }

    void anchorsOfEarlierInteractions()
    {
        // VCR.py's anchors (legacy-anchors.yaml: the first response's headers and status, repeated by the
        // next two): the index marks the interaction that defines them, and each event re-reads to what the
        // whole reading found.
        const QByteArray yaml
            = test::readFile(QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/cassettes/legacy-anchors.yaml"));
        QVERIFY(yaml.contains("headers: *id001"));
        Timeline timeline;
        QVERIFY(TimelineIndexer::indexCassette(timeline, QStringLiteral("legacy-anchors.yaml"), yaml).ok());
        QVERIFY(timeline.faults().isEmpty());
        QList<CassetteInteraction> whole;
        CassetteParser::parse(yaml, QStringLiteral("legacy-anchors.yaml"), [&](CassetteInteraction &&i) {
            whole.append(std::move(i));
            return true;
        });
        QCOMPARE(whole.size(), 3);
        QCOMPARE(timeline.count(), 4); // the second interaction carried an MCP
        QCOMPARE(timeline.anchorEventsBefore(4), QList<qsizetype> { 0 });
        QVERIFY(timeline.anchorEventsBefore(0).isEmpty());
        qsizetype http = 0;
        for (qsizetype seq = 0; seq < timeline.count(); ++seq) {
            const EventRecord &r = timeline.record(seq);
            if (r.kind == EventKind::Mcp) {
                // Its carrier is re-read the same way.
                const Result<McpRecord> mcp = TimelineIndexer::mcp(timeline, seq);
                QVERIFY2(mcp.ok(), qPrintable(mcp.ok() ? QString() : mcp.error().message));
                QCOMPARE(mcp->aspectName, QStringLiteral("corpUserInfo"));
                continue;
            }
            QCOMPARE(bool(r.flags & AnchorFlag), http == 0);
            const Result<HttpExchange> x = TimelineIndexer::exchange(timeline, seq);
            QVERIFY2(x.ok(), qPrintable(x.ok() ? QString() : x.error().message));
            const HttpExchange &expected = whole.at(http++).exchange;
            QCOMPARE(x->status, expected.status);
            QCOMPARE(x->statusMessage, QStringLiteral("OK"));
            QCOMPARE(x->responseHeaders.size(), expected.responseHeaders.size());
            QCOMPARE(HttpExchange::headerValue(x->responseHeaders, u"content-type"), u"application/json");
            QCOMPARE(x->responseBody, expected.responseBody);
        }
        QCOMPARE(http, 3);
    }

    void readersSeeOnlyCompleteEvents()
    {
        QTemporaryDir dir;
        const QByteArray yaml = generatedCassette(dir.path(), 8); // the first ~3 MB go to queries.jsonl
        QVERIFY(!yaml.isEmpty());
        Timeline timeline;
        std::atomic<bool> done { false };
        qsizetype observedBatches = 0;
        bool consistent = true;
        // A reader on another thread checks every published event while the writer indexes.
        std::thread reader([&] {
            qsizetype seen = 0;
            qsizetype httpSeen = 0;
            while (!done.load() || seen < timeline.count()) {
                const qsizetype n = timeline.count();
                if (n > seen)
                    ++observedBatches;
                for (qsizetype seq = seen; seq < n; ++seq) {
                    const EventRecord &r = timeline.record(seq);
                    if (r.kind == EventKind::Http) {
                        const QStringView method = timeline.field(seq, EventField::Method);
                        consistent = consistent && (method == u"GET" || method == u"POST")
                            && r.lane == quint32(httpSeen++);
                    } else {
                        consistent = consistent && r.kind == EventKind::Mcp && r.related < quint32(seq)
                            && timeline.field(seq, EventField::EntityUrn).startsWith(u"urn:li:");
                    }
                }
                seen = n;
            }
        });
        const Status s = TimelineIndexer::indexCassette(timeline, QStringLiteral("cassette.yaml"), yaml);
        done = true;
        reader.join();
        QVERIFY(s.ok());
        QVERIFY(consistent);
        QVERIFY(timeline.count() > 500);
        QVERIFY2(observedBatches > 1, "events were published only at the end");
    }

    void progressAndCancellation()
    {
        QTemporaryDir dir;
        const QByteArray yaml = generatedCassette(dir.path(), 24); // large enough for the two-thread path
        QVERIFY(yaml.size() > (16 << 20));

        // Progress climbs monotonically to the end.
        struct Recorder final : ProgressReporter
        {
            QList<qint64> done;
            qint64 cancelAt = -1;
            qint64 total = 0;
            void setProgress(qint64 d, qint64 t) override
            {
                done.append(d);
                total = t;
            }
            bool isCancelled() const override
            {
                return cancelAt >= 0 && !done.isEmpty() && done.last() >= cancelAt;
            }
        } full;
        Timeline complete;
        QVERIFY(TimelineIndexer::indexCassette(complete, QStringLiteral("c.yaml"), yaml, &full).ok());
        QVERIFY(full.done.size() > 10);
        QCOMPARE(full.total, yaml.size());
        QVERIFY(std::is_sorted(full.done.cbegin(), full.done.cend()));

        // Cancelled at a quarter: stops early, says so, keeps a consistent prefix.
        Recorder quarter;
        quarter.cancelAt = yaml.size() / 4;
        Timeline partial;
        const Status s = TimelineIndexer::indexCassette(partial, QStringLiteral("c.yaml"), yaml, &quarter);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Cancelled);
        QVERIFY(partial.count() > 0);
        QVERIFY(partial.count() < complete.count());
        for (qsizetype seq = 0; seq < partial.count(); ++seq)
            QCOMPARE(partial.field(seq, EventField::Uri).toString(),
                complete.field(seq, EventField::Uri).toString());
    }

    void overheadIsSmall()
    {
        QTemporaryDir dir;
        const QByteArray yaml = generatedCassette(dir.path(), 20);
        Timeline timeline;
        QVERIFY(TimelineIndexer::indexCassette(timeline, QStringLiteral("cassette.yaml"), yaml).ok());
        // The index must cost at most half of the decompressed data it describes.
        QVERIFY2(
            timeline.indexBytes() * 2 <= yaml.size(), qPrintable(QString::number(timeline.indexBytes())));
    }

    void missingStatusIsNone()
    {
        // The sample's cassette with the status of interaction 0 left out, that of 1 null and that of 2 not a
        // status code: none of them has a status, and a status filter never matches them.
        QByteArray yaml = sampleEntry(QStringLiteral("http/cassette.yaml"));
        const QByteArray ok("    status:\n      code: 200\n      message: OK\n");
        const qsizetype first = yaml.indexOf(ok);
        QVERIFY(first > 0);
        yaml.remove(first, ok.size());
        const qsizetype second = yaml.indexOf(ok);
        QVERIFY(second > first);
        yaml.replace(second, ok.size(), "    status: null\n");
        const qsizetype third = yaml.indexOf(ok);
        QVERIFY(third > second);
        yaml.replace(third, ok.size(), "    status:\n      code: -5\n      message: odd\n");
        Timeline timeline;
        QVERIFY(TimelineIndexer::indexCassette(timeline, QStringLiteral("http/cassette.yaml"), yaml).ok());
        QVERIFY(timeline.faults().isEmpty());
        TimelineSubject subject(timeline);
        const Result<FilterExpression> below = FilterExpression::parse(QStringLiteral("status:<300"));
        QVERIFY(below.ok());
        int withStatus = 0;
        for (qsizetype seq = 0; seq < timeline.count(); ++seq) {
            const EventRecord &r = timeline.record(seq);
            if (r.kind != EventKind::Http)
                continue;
            subject.setRow(seq);
            const bool none = r.lane < 3;
            QCOMPARE(bool(r.flags & NoNumberFlag), none);
            if (none) {
                QVERIFY(r.flags & ErrorFlag); // no response to speak of
                QCOMPARE(subject.status(), 0);
                QCOMPARE(below->match(subject), FilterExpression::Outcome::NoMatch);
            } else {
                ++withStatus;
                QVERIFY(subject.status() >= 200);
            }
        }
        QCOMPARE(withStatus, 9);
    }

    void faultIsAWarningAndEarlierEventsStay()
    {
        QByteArray yaml = sampleEntry(QStringLiteral("http/cassette.yaml"));
        // Cut where the third interaction starts and break it: the first two remain.
        const qsizetype cut = yaml.indexOf(
            "\n- request:", yaml.indexOf("\n- request:", yaml.indexOf("\n- request:") + 1) + 1);
        yaml = yaml.left(cut) + "\n- request: [broken\n";
        Timeline timeline;
        QVERIFY(TimelineIndexer::indexCassette(timeline, QStringLiteral("http/cassette.yaml"), yaml).ok());
        QCOMPARE(timeline.count(), 2);
        QVERIFY(timeline.warnings().isEmpty());
        QCOMPARE(timeline.faults().size(), 1);
        QVERIFY(timeline.faults().first().message.contains(QLatin1String("line ")));
    }
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
