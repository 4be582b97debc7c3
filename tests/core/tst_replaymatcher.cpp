// SPDX-License-Identifier: MIT
// Tests the replay matcher's policies and options (DESIGN.md §7); VCR.py itself is the oracle of the
// end-to-end tests, this holds each rule on its own.
#include "core/replay/matcher.h"

#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;

namespace {

RequestKey request(const char *method, const char *uri, std::optional<QByteArray> body = std::nullopt)
{
    return { QString::fromLatin1(method), QString::fromUtf8(uri), std::move(body) };
}

// Options with some set.
template<typename Set> MatchOptions with(Set set)
{
    MatchOptions o;
    set(o);
    return o;
}

std::vector<qsizetype> answers(Matcher &m, const RequestKey &r, int times)
{
    std::vector<qsizetype> out;
    for (int i = 0; i < times; ++i)
        out.push_back(m.match(r).interaction);
    return out;
}

const std::vector<RequestKey> &recording()
{
    static const std::vector<RequestKey> all {
        request("GET", "https://x.example.com/api/dashboards/1"), // 0
        request("GET", "https://x.example.com/api/dashboards/1"), // 1: the same key again
        request("GET", "https://x.example.com/api/search?b=2&a=1&ts=100"), // 2
        request("POST", "https://x.example.com/api/query", QByteArray("{\"a\": 1, \"b\": [1, 2]}")), // 3
        request("POST", "https://x.example.com/api/login", QByteArray("client_id=x&client_secret=old")), // 4
        request("POST", "https://x.example.com/api/empty", QByteArray("")), // 5
        request("POST", "https://x.example.com/api/none"), // 6
    };
    return all;
}

} // namespace

class TestReplayMatcher : public QObject
{
    Q_OBJECT

private slots:
    void datahubAnswersEveryRepeatWithTheFirst()
    {
        Matcher m(recording(), {});
        QCOMPARE(answers(m, recording()[0], 3), (std::vector<qsizetype> { 0, 0, 0 }));
        QCOMPARE(m.served()[0], 3);
        QCOMPARE(m.served()[1], 0);
        QCOMPARE(m.ambiguousKeys(), 1);
        const MatchResult r = m.match(recording()[0]);
        QCOMPARE(r.sameKey, 2);
        QCOMPARE(r.served, 4);
    }

    void sequentialConsumesInRecordedOrder()
    {
        Matcher m(recording(), with([](MatchOptions &o) { o.policy = MatchPolicy::Sequential; }));
        QCOMPARE(answers(m, recording()[0], 4), (std::vector<qsizetype> { 0, 1, 1, 1 }));
        QCOMPARE(m.served()[1], 3);
    }

    void peekDoesNotServe()
    {
        Matcher m(recording(), with([](MatchOptions &o) { o.policy = MatchPolicy::Sequential; }));
        QCOMPARE(m.peek(recording()[0]).interaction, 0);
        QCOMPARE(m.peek(recording()[0]).served, 1);
        QCOMPARE(m.match(recording()[0]).interaction, 0);
        QCOMPARE(m.peek(recording()[0]).interaction, 1);
        QCOMPARE(m.served()[1], 0);
    }

    void uriIsAnExactString()
    {
        Matcher m(recording(), {});
        QCOMPARE(m.match(request("GET", "https://x.example.com/api/search?a=1&b=2&ts=100")).interaction, -1);
        QCOMPARE(m.match(request("GET", "https://X.example.com/api/dashboards/1")).interaction, -1);
        QCOMPARE(m.match(request("GET", "https://x.example.com:443/api/dashboards/1")).interaction, -1);
        QCOMPARE(m.match(request("get", "https://x.example.com/api/dashboards/1")).interaction, -1);
        QCOMPARE(m.match(request("GET", "https://x.example.com/api/search?b=2&a=1&ts=100")).interaction, 2);
    }

    void queryOptions()
    {
        Matcher order(recording(), with([](MatchOptions &o) { o.ignoreQueryOrder = true; }));
        QCOMPARE(order.match(request("GET", "https://x.example.com/api/search?a=1&ts=100&b=2")).interaction, 2);
        QCOMPARE(order.match(request("GET", "https://x.example.com/api/search?a=1&ts=101&b=2")).interaction, -1);
        Matcher ignored(recording(), with([](MatchOptions &o) { o.ignoredParams = { QStringLiteral("ts") }; }));
        QCOMPARE(ignored.match(request("GET", "https://x.example.com/api/search?b=2&a=1&ts=999")).interaction, 2);
        QCOMPARE(ignored.match(request("GET", "https://x.example.com/api/search?b=2&a=1")).interaction, 2);
        QCOMPARE(ignored.canonicalUri(QStringLiteral("https://h/p?ts=1")), QStringLiteral("https://h/p"));
    }

    void bodiesCompareAsDataHubNormalisesThem()
    {
        Matcher m(recording(), {});
        const char *uri = "https://x.example.com/api/query";
        QCOMPARE(m.match(request("POST", uri, QByteArray("{\"b\":[1,2],\"a\":1}"))).interaction, 3);
        QCOMPARE(m.match(request("POST", uri, QByteArray("{\"b\":[2,1],\"a\":1}"))).interaction, -1);
        QCOMPARE(m.match(request("POST", uri)).interaction, -1);
        // None and b"" are different bodies to DataHub; a request without body bytes is looked up as None,
        // then as b"" (noBodyOnTheWireIsNoneThenEmpty).
        QCOMPARE(m.match(request("POST", "https://x.example.com/api/empty")).interaction, 5);
        QCOMPARE(m.match(request("POST", "https://x.example.com/api/empty", QByteArray(""))).interaction, 5);
        QCOMPARE(m.match(request("POST", "https://x.example.com/api/none", QByteArray(""))).interaction, -1);
        QCOMPARE(m.match(request("POST", "https://x.example.com/api/none")).interaction, 6);
    }

    void authEndpointsIgnoreTheBody()
    {
        Matcher m(recording(), {});
        const MatchResult r
            = m.match(request("POST", "https://x.example.com/api/login", QByteArray("client_secret=new")));
        QCOMPARE(r.interaction, 4);
        QVERIFY(r.bodyIgnored);
        Matcher loose(recording(), with([](MatchOptions &o) { o.ignoreBody = true; }));
        QCOMPARE(loose.match(request("POST", "https://x.example.com/api/query", QByteArray("x"))).interaction, 3);
    }

    void noBodyOnTheWireIsNoneThenEmpty()
    {
        // Recorded: one POST with None, one with b"" (VCR.py keeps what the client library had).
        const std::vector<RequestKey> recorded {
            request("POST", "https://x.example.com/none"),
            request("POST", "https://x.example.com/empty", QByteArray()),
            request("POST", "https://x.example.com/both", QByteArray()),
            request("POST", "https://x.example.com/both"),
        };
        Matcher m(recorded, {});
        // No body bytes: None first,
        MatchResult r = m.peek(request("POST", "https://x.example.com/none"));
        QCOMPARE(r.interaction, 0);
        QVERIFY(!r.emptyBody);
        // then b"" (DataHub's rule alone would leave this unmatched: None and b"" differ),
        r = m.match(request("POST", "https://x.example.com/empty"));
        QCOMPARE(r.interaction, 1);
        QVERIFY(r.emptyBody);
        // and where both were recorded, None wins.
        r = m.match(request("POST", "https://x.example.com/both"));
        QCOMPARE(r.interaction, 3);
        QVERIFY(!r.emptyBody);
        // An explicit empty body (not from the wire) is only b"".
        QCOMPARE(m.peek(request("POST", "https://x.example.com/none", QByteArray())).interaction, -1);
        // A body never falls back.
        QCOMPARE(m.peek(request("POST", "https://x.example.com/empty", QByteArray("x"))).interaction, -1);
    }

    void bodyIgnoreRules()
    {
        const std::vector<RequestKey> recorded {
            request("POST", "https://x.example.com/api/run", QByteArray("{\"q\": 1, \"requestId\": \"a1\", \"at\": [{\"ts\": 5, \"k\": 1}]}")),
        };
        const QByteArray other = "{\"at\": [{\"k\": 1, \"ts\": 9}], \"requestId\": \"b2\", \"q\": 1}";
        QCOMPARE(Matcher(recorded, {}).match(request("POST", "https://x.example.com/api/run", other)).interaction, -1);
        QList<IgnoreRule> rules;
        for (const char *text : { "root['requestId']", "root[**]['ts']" }) {
            const Result<IgnoreRule> rule = IgnoreRule::parseIgnorePath(QString::fromLatin1(text));
            QVERIFY2(rule.ok(), text);
            rules.append(*rule);
        }
        Matcher m(recorded, with([&rules](MatchOptions &o) { o.bodyIgnoreRules = rules; }));
        QCOMPARE(m.match(request("POST", "https://x.example.com/api/run", other)).interaction, 0);
        QCOMPARE(m.match(request("POST", "https://x.example.com/api/run", QByteArray("{\"q\": 2}"))).interaction, -1);
    }

    void nearestExplainsWhatDiffers()
    {
        Matcher m(recording(), {});
        using F = RequestDifference::Field;
        const auto describe = [](const Candidate &c) {
            QStringList out;
            for (const RequestDifference &d : c.differences)
                out.append(QStringLiteral("%1 %2: %3 -> %4").arg(int(d.field)).arg(d.name, d.recorded, d.incoming));
            return out;
        };
        // Another dashboard: the same origin, another path.
        QList<Candidate> c = m.nearest(request("GET", "https://x.example.com/api/dashboards/2"), 3);
        QVERIFY(!c.isEmpty());
        QCOMPARE(c.first().interaction, 0);
        QCOMPARE(describe(c.first()),
            QStringList { QStringLiteral("%1 : /api/dashboards/1 -> /api/dashboards/2").arg(int(F::Path)) });
        // A query parameter with another value; then the same parameters in another order.
        c = m.nearest(request("GET", "https://x.example.com/api/search?b=2&a=1&ts=101"), 1);
        QCOMPARE(c.first().interaction, 2);
        QCOMPARE(describe(c.first()), QStringList { QStringLiteral("%1 ts: 100 -> 101").arg(int(F::Query)) });
        c = m.nearest(request("GET", "https://x.example.com/api/search?a=1&b=2&ts=100"), 1);
        QCOMPARE(describe(c.first()),
            QStringList { QStringLiteral("%1 : b=2&a=1&ts=100 -> a=1&b=2&ts=100").arg(int(F::Query)) });
        // A JSON body: the paths that differ, in the diff's spelling.
        c = m.nearest(request("POST", "https://x.example.com/api/query", QByteArray("{\"a\": 1, \"b\": [2, 1], \"c\": null}")), 1);
        QCOMPARE(c.first().interaction, 3);
        QCOMPARE(describe(c.first()),
            (QStringList { QStringLiteral("%1 root['b'][0]: 1 -> 2").arg(int(F::Body)),
                QStringLiteral("%1 root['b'][1]: 2 -> 1").arg(int(F::Body)),
                QStringLiteral("%1 root['c']:  -> null").arg(int(F::Body)) }));
        // Another host: every recorded request is a candidate; the method and path still count.
        c = m.nearest(request("POST", "https://y.example.com/api/query", QByteArray("{\"a\": 1, \"b\": [1, 2]}")), 2);
        QCOMPARE(c.first().interaction, 3);
        QCOMPARE(describe(c.first()), QStringList { QStringLiteral("%1 : x.example.com -> y.example.com").arg(int(F::Host)) });
    }

    void manyInteractions()
    {
        // The index, not a scan: 200,000 keys build and answer (a million, and timings, in bench_matcher).
        std::vector<RequestKey> many;
        many.reserve(200'000);
        for (int i = 0; i < 200'000; ++i)
            many.push_back(request("GET", QByteArray("https://x.example.com/item/" + QByteArray::number(i)).constData()));
        Matcher m(std::move(many), {});
        QCOMPARE(m.match(request("GET", "https://x.example.com/item/199999")).interaction, 199999);
        QCOMPARE(m.match(request("GET", "https://x.example.com/item/200000")).interaction, -1);
        QCOMPARE(m.ambiguousKeys(), 0);
    }
};

QTEST_GUILESS_MAIN(TestReplayMatcher)
#include "tst_replaymatcher.moc"
