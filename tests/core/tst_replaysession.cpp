// SPDX-License-Identifier: MIT
// The replay session in-process, driven by a real HTTP client (QNetworkAccessManager through the proxy):
// holding (pause, breakpoints) and the three ways to answer a held request (as recorded, edited, with an
// error or a closed connection), a held request not holding up others, a client leaving while held, GMS
// capture (recorded, synthesized, and no capture for an answer that failed), both policies, and the
// report's counts and JSON.
#include "core/common/jsonvalue.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "core/replay/replayreport.h"
#include "core/replay/replaysession.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace tapedeck;
using namespace tapedeck::replay;

namespace {

// A VCR.py cassette: two answers recorded for one paging request, an item, and the GMS's /config.
const char Cassette[] = R"(interactions:
- request:
    body: null
    headers:
      Accept: [application/json]
      User-Agent: [tester/1.0]
    method: GET
    uri: http://api.example.com/items?page=1
  response:
    body: {string: '{"page": 1, "round": 1}'}
    headers:
      Content-Type: [application/json]
    status: {code: 200, message: OK}
- request:
    body: null
    headers: {}
    method: GET
    uri: http://api.example.com/items?page=1
  response:
    body: {string: '{"page": 1, "round": 2}'}
    headers:
      Content-Type: [application/json]
    status: {code: 200, message: OK}
- request:
    body: null
    headers: {}
    method: GET
    uri: http://api.example.com/slow/item
  response:
    body: {string: 'slow item'}
    headers:
      Content-Type: [text/plain]
    status: {code: 200, message: OK}
- request:
    body: null
    headers: {}
    method: GET
    uri: http://gms.example.com:8080/config
  response:
    body: {string: '{"noCode": "true", "recorded": true}'}
    headers:
      Content-Type: [application/json]
    status: {code: 200, message: OK}
- request:
    body: null
    headers: {}
    method: GET
    uri: http://api.example.com/upgrade
  response:
    body: {string: ''}
    headers: {}
    status: {code: 101, message: Switching Protocols}
- request:
    body: null
    headers: {}
    method: GET
    uri: http://api.example.com/odd
  response:
    body: {string: 'odd'}
    headers: {}
    status: {code: 99999, message: Odd}
version: 1
)";

// (Escaped strings: moc cannot read raw string literals with a delimiter.)
const QByteArray Proposal = "{\"proposal\": {\"entityType\": \"dataset\", \"entityUrn\": \"urn:li:dataset:(urn:li:dataPlatform:hive,db.t,PROD)\", \"changeType\": \"UPSERT\", \"aspectName\": \"status\", \"aspect\": {\"value\": \"{\\\"removed\\\": false}\", \"contentType\": \"application/json\"}}, \"async\": \"false\"}";
const QByteArray OpenApiItems = "[{\"urn\": \"urn:li:dataset:(urn:li:dataPlatform:hive,db.u,PROD)\", \"status\": {\"value\": {\"removed\": true}}}]";

struct Reply
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool finished = false;
};

} // namespace

class TestReplaySession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Timeline> m_timeline;
    std::unique_ptr<ReplaySession> m_session;
    std::unique_ptr<QNetworkAccessManager> m_net;
    QList<std::shared_ptr<Reply>> m_replies;

    void startSession(MatchPolicy policy = MatchPolicy::DataHub, qint64 payloadBudget = qint64(256) << 20)
    {
        m_timeline = std::make_unique<Timeline>();
        QVERIFY(TimelineIndexer::indexCassette(*m_timeline, QStringLiteral("cassette.yaml"), QByteArray(Cassette)).ok());
        m_timeline->setComplete();
        ReplaySession::Options options;
        options.match.policy = policy;
        options.payloadBudget = payloadBudget;
        m_session = std::make_unique<ReplaySession>(*m_timeline, QStringLiteral("http://gms.example.com:8080"), options);
        const Status started = m_session->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        QCOMPARE(m_session->interactionCount(), 6);
        m_net = std::make_unique<QNetworkAccessManager>();
        const QUrl proxy(m_session->proxyUrl());
        m_net->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, proxy.host(), quint16(proxy.port())));
    }

    std::shared_ptr<Reply> send(const QByteArray &method, const QString &url, const QByteArray &body = {})
    {
        QNetworkRequest request { QUrl(url) };
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = body.isEmpty() ? m_net->sendCustomRequest(request, method) : m_net->sendCustomRequest(request, method, body);
        auto result = std::make_shared<Reply>();
        connect(reply, &QNetworkReply::finished, this, [reply, result] {
            result->status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            result->body = reply->readAll();
            result->error = reply->error();
            result->finished = true;
            reply->deleteLater();
        });
        m_replies.append(result);
        return result;
    }

    const ReplayHttpEvent &event(qsizetype index) const { return m_session->events().at(size_t(index)); }

private slots:
    void cleanup()
    {
        m_replies.clear();
        m_net.reset();
        m_session.reset();
        m_timeline.reset();
    }

    void answersAtOnceWhenNotHolding()
    {
        startSession();
        auto first = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_VERIFY(first->finished);
        QCOMPARE(first->status, 200);
        QCOMPARE(first->body, QByteArray(R"({"page": 1, "round": 1})"));
        // datahub: the first recorded match answers every repeat.
        auto again = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_VERIFY(again->finished);
        QCOMPARE(again->body, QByteArray(R"({"page": 1, "round": 1})"));
        QCOMPARE(event(1).outcome, ReplayOutcome::Matched);
        QCOMPARE(event(1).interaction, 0);
        QCOMPARE(event(1).served, 2);
        QCOMPARE(event(1).sameKey, 2);
    }

    void sequentialHandsOutRepeatsInOrder()
    {
        startSession(MatchPolicy::Sequential);
        QByteArrayList bodies;
        for (int k = 0; k < 3; ++k) {
            auto r = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
            QTRY_VERIFY(r->finished);
            bodies.append(r->body);
        }
        QCOMPARE(bodies, (QByteArrayList { R"({"page": 1, "round": 1})", R"({"page": 1, "round": 2})", R"({"page": 1, "round": 2})" }));
    }

    void pausedRequestsWaitAndAHeldOneHoldsUpNobody()
    {
        startSession();
        QSignalSpy held(m_session.get(), &ReplaySession::requestHeld);
        // A breakpoint on one URL: that request waits, the others flow.
        m_session->setBreakpoint([](const ReplayHttpEvent &e) { return e.uri.contains(QLatin1String("/slow/")); });
        auto slow = send("GET", QStringLiteral("http://api.example.com/slow/item"));
        QTRY_COMPARE(held.size(), 1);
        QCOMPARE(m_session->held(), QList<qsizetype> { 0 });
        // While it is held, what it would get is known.
        QCOMPARE(event(0).outcome, ReplayOutcome::Held);
        QCOMPARE(event(0).interaction, 2);
        auto other = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_VERIFY(other->finished);
        QCOMPARE(other->status, 200);
        QVERIFY(!slow->finished);
        QCOMPARE(m_session->matcher().served().at(2), 0); // not served before it is released
        m_session->release(0);
        QTRY_VERIFY(slow->finished);
        QCOMPARE(slow->body, QByteArray("slow item"));
        QCOMPARE(event(0).outcome, ReplayOutcome::Matched);
        QVERIFY(m_session->held().isEmpty());

        // Paused: everything waits; releaseAll answers in order.
        m_session->setBreakpoint({});
        m_session->setPaused(true);
        auto a = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        auto b = send("GET", QStringLiteral("http://api.example.com/slow/item"));
        QTRY_COMPARE(m_session->held().size(), 2);
        QTest::qWait(50);
        QVERIFY(!a->finished && !b->finished);
        m_session->setPaused(false);
        m_session->releaseAll();
        QTRY_VERIFY(a->finished && b->finished);
        QCOMPARE(a->status, 200);
        QCOMPARE(b->body, QByteArray("slow item"));
    }

    void filterBreakpointsSeeWhatARequestWouldGet()
    {
        startSession();
        QSignalSpy added(m_session.get(), &ReplaySession::entryAdded);
        QSignalSpy changed(m_session.get(), &ReplaySession::entryChanged);
        Result<FilterExpression> slow = FilterExpression::parse(QStringLiteral("url:~/slow/"));
        Result<FilterExpression> unmatched = FilterExpression::parse(QStringLiteral("unmatched"));
        QVERIFY(slow && unmatched);
        m_session->setBreakpoints({ *slow, *unmatched });
        auto a = send("GET", QStringLiteral("http://api.example.com/slow/item"));
        auto b = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        auto c = send("GET", QStringLiteral("http://api.example.com/items?page=1&extra=1"));
        QTRY_VERIFY(b->finished);
        QTRY_COMPARE(m_session->heldEntries().size(), 2);
        QCOMPARE(b->status, 200);
        QVERIFY(!a->finished && !c->finished);
        // The log has all three in arrival order; the held miss already shows its nearest recorded requests.
        QCOMPARE(qsizetype(m_session->log().size()), 3);
        QCOMPARE(added.size(), 3);
        QVERIFY(changed.size() >= 3); // two held, one answered
        const ReplayRef missRef = m_session->heldEntries().at(1);
        const ReplayHttpEvent &miss = event(missRef.index);
        QCOMPARE(miss.outcome, ReplayOutcome::Held);
        QCOMPARE(miss.interaction, -1);
        QVERIFY(!miss.candidates.isEmpty());
        QCOMPARE(miss.candidates.first().interaction, 0);
        // What if the extra parameter were ignored: it would match the recorded page request.
        MatchOptions loose;
        loose.ignoredParams = { QStringLiteral("extra") };
        const ReplayWhatIf whatIf = m_session->whatIf(miss, loose);
        QCOMPARE(whatIf.match.interaction, 0);
        QCOMPARE(m_session->whatIf(miss, MatchOptions {}).match.interaction, -1);
        QCOMPARE(m_session->matcher().served().at(0), 1); // what-if served nothing
        // Step answers the oldest held one first.
        QVERIFY(m_session->step());
        QTRY_VERIFY(a->finished);
        QVERIFY(!c->finished);
        QCOMPARE(a->body, QByteArray("slow item"));
        QVERIFY(m_session->step());
        QTRY_VERIFY(c->finished);
        QCOMPARE(c->status, 503);
        QVERIFY(!m_session->step());
        QCOMPARE(m_session->logEntryOf({ ReplayKind::Http, 2 }), 2);
        QCOMPARE(m_session->logEntryOf({ ReplayKind::Sql, 0 }), -1);
    }

    void continueToNextUnmatchedStopsThereAndPauses()
    {
        startSession();
        m_session->setPaused(true);
        auto a = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_COMPARE(m_session->heldEntries().size(), 1);
        m_session->continueToNextUnmatched();
        QTRY_VERIFY(a->finished);
        QVERIFY(!m_session->isPaused());
        auto b = send("GET", QStringLiteral("http://api.example.com/slow/item"));
        QTRY_VERIFY(b->finished); // matched: flows
        auto miss = send("GET", QStringLiteral("http://api.example.com/nothing"));
        QTRY_COMPARE(m_session->heldEntries().size(), 1);
        QVERIFY(m_session->isPaused());
        QVERIFY(!m_session->holdsNextUnmatched());
        auto after = send("GET", QStringLiteral("http://api.example.com/slow/item"));
        QTRY_COMPARE(m_session->heldEntries().size(), 2); // paused now: a match waits too
        QVERIFY(!miss->finished && !after->finished);
        m_session->continueReplay();
        QTRY_VERIFY(miss->finished && after->finished);
        QCOMPARE(miss->status, 503);
        QCOMPARE(after->status, 200);
        QVERIFY(!m_session->isPaused());
    }

    void heldRequestsAnsweredEditedOrWithAnError()
    {
        startSession();
        m_session->setPaused(true);
        auto edited = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_COMPARE(m_session->held().size(), 1);
        m_session->answerEdited(m_session->held().first(),
            HttpAnswer { 201, "Made Up", { { "Content-Type", "text/plain" }, { "X-Edited", "yes" } }, "edited body", false });
        QTRY_VERIFY(edited->finished);
        QCOMPARE(edited->status, 201);
        QCOMPARE(edited->body, QByteArray("edited body"));
        QCOMPARE(event(0).outcome, ReplayOutcome::Edited);
        QVERIFY(event(0).edit.has_value());
        QCOMPARE(m_session->matcher().served().at(0), 0); // an edit is an overlay: nothing recorded was served

        auto failed = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_COMPARE(m_session->held().size(), 1);
        m_session->answerError(m_session->held().first(), 502, QStringLiteral("chosen failure"));
        QTRY_VERIFY(failed->finished);
        QCOMPARE(failed->status, 502);
        QVERIFY(failed->body.contains("chosen failure"));
        QCOMPARE(event(1).outcome, ReplayOutcome::Errored);

        auto closed = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_COMPARE(m_session->held().size(), 1);
        m_session->answerError(m_session->held().first(), 0);
        // Qt's client resends an idempotent request when its connection closes unanswered: close those too.
        for (int resent = 0; resent < 5 && !closed->finished; ++resent) {
            QTRY_VERIFY(closed->finished || !m_session->held().isEmpty());
            if (!closed->finished)
                m_session->answerError(m_session->held().first(), 0);
        }
        QTRY_VERIFY(closed->finished);
        QCOMPARE(closed->status, 0);
        QVERIFY(closed->error != QNetworkReply::NoError);
        QCOMPARE(event(2).outcome, ReplayOutcome::Errored);
        QCOMPARE(event(2).status, 0);

        // Answering something not held does nothing.
        m_session->release(0);
        m_session->answerError(7, 500);
        QCOMPARE(event(0).outcome, ReplayOutcome::Edited);
    }

    void clientLeavingWhileHeld()
    {
        startSession();
        m_session->setPaused(true);
        QNetworkRequest request { QUrl(QStringLiteral("http://api.example.com/items?page=1")) };
        QNetworkReply *reply = m_net->get(request);
        QTRY_COMPARE(m_session->held().size(), 1);
        reply->abort();
        reply->deleteLater();
        QTRY_COMPARE(event(0).outcome, ReplayOutcome::Abandoned);
        QVERIFY(m_session->held().isEmpty());
        m_session->release(0); // no crash, nothing sent
        QCOMPARE(event(0).outcome, ReplayOutcome::Abandoned);
    }

    void gmsCallsAreCaptured()
    {
        startSession();
        // Recorded: /config answers from the recording.
        auto config = send("GET", QStringLiteral("http://gms.example.com:8080/config"));
        QTRY_VERIFY(config->finished);
        QVERIFY(config->body.contains("\"recorded\": true"));
        QCOMPARE(event(0).outcome, ReplayOutcome::Matched);
        // Not recorded: a synthesized success, and the MCP captured (RESTli and OpenAPI).
        auto proposal = send("POST", QStringLiteral("http://gms.example.com:8080/aspects?action=ingestProposal"), Proposal);
        auto openApi = send("POST", QStringLiteral("http://gms.example.com:8080/openapi/v3/entity/dataset?async=false"), OpenApiItems);
        QTRY_VERIFY(proposal->finished && openApi->finished);
        QCOMPARE(proposal->status, 200);
        QCOMPARE(openApi->status, 200);
        QCOMPARE(event(1).outcome, ReplayOutcome::Synthesized);
        QCOMPARE(event(1).mcps, 1);
        QCOMPARE(m_session->replayedMcps().size(), 2);
        QCOMPARE(m_session->replayedMcps().at(0).aspectName, QStringLiteral("status"));
        QCOMPARE(m_session->replayedMcps().at(1).entityUrn, QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:hive,db.u,PROD)"));
        // Through the GMS reverse endpoint the same; a failed answer (held, answered 500) captures nothing.
        m_session->setPaused(true);
        auto failing = send("POST", m_session->gmsUrl() + QStringLiteral("/aspects?action=ingestProposal"), Proposal);
        QTRY_COMPARE(m_session->held().size(), 1);
        QVERIFY(event(3).gms);
        QCOMPARE(event(3).uri, QStringLiteral("http://gms.example.com:8080/aspects?action=ingestProposal"));
        m_session->answerError(3, 500);
        QTRY_VERIFY(failing->finished);
        QCOMPARE(m_session->replayedMcps().size(), 2);
        // A GMS read nothing recorded answers fails closed like any other request.
        m_session->setPaused(false);
        auto read = send("GET", QStringLiteral("http://gms.example.com:8080/aspects/urn%3Ali%3Adataset%3Ax?aspect=status"));
        QTRY_VERIFY(read->finished);
        QCOMPARE(read->status, 503);
    }

    void longReplaysLetOldPayloadsGo()
    {
        startSession(MatchPolicy::DataHub, 64 * 1024);
        const QByteArray body(16 * 1024, 'x');
        m_session->setBreakpoint([](const ReplayHttpEvent &e) { return e.index == 0; });
        auto first = send("POST", QStringLiteral("http://api.example.com/upload"), body); // held: keeps its body
        QTRY_COMPARE(m_session->held().size(), 1);
        for (int k = 0; k < 20; ++k) {
            auto r = send("POST", QStringLiteral("http://api.example.com/upload"), body);
            QTRY_VERIFY(r->finished);
            QCOMPARE(r->status, 503);
        }
        qint64 kept = 0;
        for (const ReplayHttpEvent &e : m_session->events())
            kept += e.body ? e.body->size() : 0;
        QVERIFY2(kept <= 64 * 1024 + body.size(), qPrintable(QString::number(kept)));
        QVERIFY(m_session->events().at(1).payloadDropped);
        QVERIFY(!m_session->events().back().payloadDropped);
        QCOMPARE(m_session->events().at(0).body, std::optional<QByteArray>(body));
        QCOMPARE(m_session->events().at(1).uri, QStringLiteral("http://api.example.com/upload"));
        m_session->release(0);
        QTRY_VERIFY(first->finished);
    }

    void recordedStatusesHttpCannotCarry()
    {
        startSession();
        // An interim 101 would leave the client waiting for a final answer; 99999 fits no status line.
        for (const char *path : { "/upgrade", "/odd" }) {
            auto r = send("GET", QStringLiteral("http://api.example.com") + QLatin1String(path));
            QTRY_VERIFY(r->finished);
            QCOMPARE(r->status, 502);
            QVERIFY2(r->body.contains("cannot be sent as HTTP/1.1"), r->body.constData());
        }
        // An edited answer with an impossible status goes out as 502 too.
        m_session->setPaused(true);
        auto edited = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_COMPARE(m_session->held().size(), 1);
        m_session->answerEdited(m_session->held().first(), HttpAnswer { 12345, "Bad", {}, "x", false });
        QTRY_VERIFY(edited->finished);
        QCOMPARE(edited->status, 502);
    }

    void unmatchedAndTheReport()
    {
        startSession();
        auto miss = send("GET", QStringLiteral("http://api.example.com/items?page=2"));
        auto hit = send("GET", QStringLiteral("http://api.example.com/items?page=1"));
        QTRY_VERIFY(miss->finished && hit->finished);
        QCOMPARE(miss->status, 503);
        QVERIFY(miss->body.contains("query parameter page: recorded \"1\", sent \"2\""));
        // The header the recording has and the client did not send is listed too.
        QVERIFY2(miss->body.contains("header User-Agent: recorded \"tester/1.0\""), miss->body.constData());
        const ReplayHttpEvent &e = event(0);
        QCOMPARE(e.outcome, ReplayOutcome::Unmatched);
        QVERIFY(!e.candidates.isEmpty());
        QCOMPARE(e.candidates.first().interaction, 0);
        m_session->stop();
        const ReplayReport report = ReplayReport::build(*m_session, QStringLiteral("test"), std::nullopt, std::nullopt);
        QCOMPARE(report.requests, 2);
        QCOMPARE(report.matched, 1);
        QCOMPARE(report.unmatched, 1);
        QCOMPARE(report.unused, (QList<qsizetype> { 1, 2, 3, 4, 5 }));
        QCOMPARE(report.ambiguous.size(), 1);
        QVERIFY(!report.success());
        const Result<JsonValue> json = JsonValue::parse(report.toJson(*m_session));
        QVERIFY(json.ok());
        QCOMPARE(json->find(QStringLiteral("summary"))->find(QStringLiteral("unmatched"))->toInt64(), std::optional<qint64>(1));
        const QString text = report.toText(*m_session);
        QVERIFY(text.contains(QLatin1String("UNMATCHED")));
    }
};

QTEST_GUILESS_MAIN(TestReplaySession)
#include "tst_replaysession.moc"
