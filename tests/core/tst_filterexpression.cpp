// SPDX-License-Identifier: MIT
// Tests the filter language: matches over a fixed set of fake events, error positions, canonical spelling.
#include "core/common/limitedregex.h"
#include "core/common/nesting.h"
#include "core/recording/filterexpression.h"
#include "filtersubject.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <array>
#include <atomic>
#include <thread>
#include <vector>

// Counting allocations: this executable interposes malloc (glibc only, not under AddressSanitizer, which
// owns malloc itself) so the test can prove that matching does not allocate per event. Qt's containers
// allocate through malloc, so QString buffers are counted too.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define TAPEDECK_COUNT_ALLOCATIONS 1
extern "C" {
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *pointer, size_t size);
void __libc_free(void *pointer);
}
namespace {
std::atomic<bool> countingAllocations { false };
std::atomic<qint64> allocationCount { 0 };
void countAllocation()
{
    if (countingAllocations.load(std::memory_order_relaxed))
        allocationCount.fetch_add(1, std::memory_order_relaxed);
}
} // namespace
extern "C" {
void *malloc(size_t size) noexcept
{
    countAllocation();
    return __libc_malloc(size);
}
void *calloc(size_t count, size_t size) noexcept
{
    countAllocation();
    return __libc_calloc(count, size);
}
void *realloc(void *pointer, size_t size) noexcept
{
    countAllocation();
    return __libc_realloc(pointer, size);
}
void free(void *pointer) noexcept
{
    __libc_free(pointer);
}
}
#endif

using namespace tapedeck;

namespace {

// One event of the tests, named for messages.
struct FakeEvent final : test::FieldEvent
{
    QString name;

    FakeEvent &set(FilterField field, const QString &value)
    {
        FieldEvent::set(field, value);
        return *this;
    }
    FakeEvent &encode(Encoding how)
    {
        FieldEvent::encode(how);
        return *this;
    }
    FakeEvent &replayed(ReplayState state, qint64 count)
    {
        replay = state;
        servedCount = count;
        return *this;
    }
};

// Implements only what FilterSubject requires, as implementers written before replays did.
struct PlainSubject final : FilterSubject
{
    EventKind kind() const override { return EventKind::Http; }
    qint64 sequence() const override { return 0; }
    int status() const override { return 200; }
    bool hasError() const override { return false; }
    bool hasWarning() const override { return false; }
    QAnyStringView text(FilterField) const override { return u"matched"; }
};

FakeEvent http(const char *name, qint64 seq, const QString &method, const QString &url, const QString &host,
    const QString &path, int status)
{
    FakeEvent event;
    event.name = QLatin1StringView(name);
    event.eventKind = EventKind::Http;
    event.seq = seq;
    event.code = status;
    event.error = status == 0 || status >= 400;
    event.set(FilterField::Method, method).set(FilterField::Url, url).set(FilterField::Host, host);
    event.set(FilterField::Path, path);
    return event;
}

FakeEvent sql(const char *name, qint64 seq, const QString &query)
{
    FakeEvent event;
    event.name = QLatin1StringView(name);
    event.eventKind = EventKind::Sql;
    event.seq = seq;
    event.set(FilterField::Sql, query);
    return event;
}

FakeEvent mcp(const char *name, qint64 seq, const QString &urn, const QString &aspect, const QString &entity,
    const QString &change)
{
    FakeEvent event;
    event.name = QLatin1StringView(name);
    event.eventKind = EventKind::Mcp;
    event.seq = seq;
    event.set(FilterField::Urn, urn).set(FilterField::Aspect, aspect).set(FilterField::Entity, entity);
    event.set(FilterField::Change, change);
    return event;
}

const std::vector<FakeEvent> &events()
{
    static const std::vector<FakeEvent> all = [] {
        using E = FakeEvent::Encoding;
        std::vector<FakeEvent> list;
        // What a replay did with each (the Replay tab's view; replayed() gives state and served count):
        // every ReplayState once at least, None on m2 and m3; served counts 0, 1, 2, 3 and -1 (none).
        list.push_back(http("h1", 0, QStringLiteral("GET"),
            QStringLiteral("https://api.looker.com/api/4.0/dashboards?limit=10"),
            QStringLiteral("api.looker.com"), QStringLiteral("/api/4.0/dashboards"), 200)
                           .replayed(ReplayState::Matched, 1));
        list.push_back(http("h2", 1, QStringLiteral("POST"),
            QStringLiteral("http://gms.example.com:8080/aspects?action=ingestProposalBatch"),
            QStringLiteral("gms.example.com"), QStringLiteral("/aspects"), 200)
                           .replayed(ReplayState::Matched, 3));
        list.push_back(
            http("h3", 2, QStringLiteral("GET"), QStringLiteral("https://eu.looker.com/api/4.0/looks/42"),
                QStringLiteral("eu.looker.com"), QStringLiteral("/api/4.0/looks/42"), 404)
                .set(FilterField::Message, QStringLiteral("Not Found"))
                .replayed(ReplayState::Unmatched, -1));
        list.push_back(http("h4", 3, QStringLiteral("POST"),
            QStringLiteral("http://gms.example.com:8080/aspects?action=ingestProposal"),
            QStringLiteral("gms.example.com"), QStringLiteral("/aspects"), 500)
                           .set(FilterField::Message, QStringLiteral("Internal Server Error"))
                           .replayed(ReplayState::Held, -1));
        list.push_back(http("h5", 4, QStringLiteral("DELETE"), QStringLiteral("http://looker.com/api/x"),
            QStringLiteral("looker.com"), QStringLiteral("/api/x"), 204)
                           .encode(E::Latin1)
                           .replayed(ReplayState::Edited, 2));
        FakeEvent h6
            = http("h6", 5, QStringLiteral("GET"), QStringLiteral("https://ÄPFEL.example.de/Straße?q=ſ"),
                QStringLiteral("äpfel.example.de"), QStringLiteral("/Straße"), 0);
        h6.warning = true;
        list.push_back(h6.set(FilterField::Message, QStringLiteral("no response recorded"))
                           .encode(E::Utf8)
                           .replayed(ReplayState::Errored, 0));
        list.push_back(sql("s1", 6,
            QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = 'orders'"))
                           .replayed(ReplayState::Builtin, -1));
        FakeEvent s2 = sql("s2", 7, QStringLiteral("select * from Orders limit 10"));
        s2.error = true;
        list.push_back(s2.set(FilterField::Message, QStringLiteral("relation \"orders\" does not exist"))
                           .replayed(ReplayState::Synthesized, 0));
        FakeEvent s3 = sql("s3", 8, QStringLiteral("SELECT nom FROM Légumes"));
        s3.warning = true;
        list.push_back(s3.set(FilterField::Message, QStringLiteral("truncated line"))
                           .encode(E::Latin1)
                           .replayed(ReplayState::Pending, -1));
        list.push_back(
            mcp("m1", 9, QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:looker,db.orders,PROD)"),
                QStringLiteral("schemaMetadata"), QStringLiteral("dataset"), QStringLiteral("UPSERT"))
                .replayed(ReplayState::Abandoned, -1));
        // A recorded event as the timeline sees it: no replay state, served 0 times; its message holds a
        // replay keyword as text.
        list.push_back(mcp("m2", 10, QStringLiteral("urn:li:dashboard:(looker,dashboards.7)"),
            QStringLiteral("dashboardInfo"), QStringLiteral("dashboard"), QStringLiteral("UPSERT"))
                           .set(FilterField::Message, QStringLiteral("no request matched"))
                           .encode(E::Utf8)
                           .replayed(ReplayState::None, 0));
        FakeEvent m3 = mcp("m3", 11,
            QStringLiteral(
                "urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:hive,sales.Orders,PROD),id)"),
            QStringLiteral("status"), QStringLiteral("schemaField"), QStringLiteral("DELETE"));
        m3.error = true;
        list.push_back(m3);
        return list;
    }();
    return all;
}

bool passes(const FilterExpression &filter, const FilterSubject &subject)
{
    return filter.match(subject) == FilterExpression::Outcome::Match;
}

QString matching(const FilterExpression &filter)
{
    QStringList names;
    for (const FakeEvent &event : events()) {
        if (passes(filter, event))
            names.append(event.name);
    }
    return names.join(QLatin1Char(' '));
}

const QString all = QStringLiteral("h1 h2 h3 h4 h5 h6 s1 s2 s3 m1 m2 m3");
const QString errorEvents = QStringLiteral("h3 h4 h6 s2 m3");
const QString nonErrorEvents = QStringLiteral("h1 h2 h5 s1 s3 m1 m2");

} // namespace

class TestFilterExpression : public QObject
{
    Q_OBJECT

private slots:
    void matches_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");
        const auto row = [](const QString &expression, const QString &expected) {
            QTest::addRow("%s", qPrintable(expression)) << expression << expected;
        };
        // empty
        row(QString(), all);
        row(QStringLiteral("   "), all);
        // kind
        row(QStringLiteral("kind:http"), QStringLiteral("h1 h2 h3 h4 h5 h6"));
        row(QStringLiteral("KIND:HTTP"), QStringLiteral("h1 h2 h3 h4 h5 h6"));
        row(QStringLiteral("kind:sql,mcp"), QStringLiteral("s1 s2 s3 m1 m2 m3"));
        row(QStringLiteral("kind:*"), all);
        // method
        row(QStringLiteral("method:POST"), QStringLiteral("h2 h4"));
        row(QStringLiteral("method:post"), QStringLiteral("h2 h4"));
        row(QStringLiteral("method:=post"), QStringLiteral("h2 h4"));
        row(QStringLiteral("method:GET,DELETE"), QStringLiteral("h1 h3 h5 h6"));
        row(QStringLiteral("method:P*"), QStringLiteral("h2 h4"));
        row(QStringLiteral("method:~^(get|delete)$"), QStringLiteral("h1 h3 h5 h6"));
        // status
        row(QStringLiteral("status:>=400"), QStringLiteral("h3 h4"));
        row(QStringLiteral("status:>404"), QStringLiteral("h4"));
        row(QStringLiteral("status:<300"), QStringLiteral("h1 h2 h5"));
        row(QStringLiteral("status:<=204"), QStringLiteral("h1 h2 h5"));
        row(QStringLiteral("status:=204"), QStringLiteral("h5"));
        row(QStringLiteral("status:204"), QStringLiteral("h5"));
        row(QStringLiteral("status:400..499"), QStringLiteral("h3"));
        row(QStringLiteral("status:..299"), QStringLiteral("h1 h2 h5"));
        row(QStringLiteral("status:500.."), QStringLiteral("h4"));
        row(QStringLiteral("status:4xx"), QStringLiteral("h3"));
        row(QStringLiteral("status:5XX"), QStringLiteral("h4"));
        row(QStringLiteral("status:40x"), QStringLiteral("h3"));
        row(QStringLiteral("status:2xx,404"), QStringLiteral("h1 h2 h3 h5"));
        row(QStringLiteral("status:*"), QStringLiteral("h1 h2 h3 h4 h5"));
        row(QStringLiteral("not status:*"), QStringLiteral("h6 s1 s2 s3 m1 m2 m3"));
        // host, url, path
        row(QStringLiteral("host:*.looker.com"), QStringLiteral("h1 h3"));
        row(QStringLiteral("host:looker.com"), QStringLiteral("h5"));
        row(QStringLiteral("host:LOOKER.COM"), QStringLiteral("h5"));
        row(QStringLiteral("host:gms.example.com"), QStringLiteral("h2 h4"));
        row(QStringLiteral("host:*.looker.com,looker.com"), QStringLiteral("h1 h3 h5"));
        row(QStringLiteral("host:?pfel.example.de"), QStringLiteral("h6"));
        row(QStringLiteral("url:ingestProposal"), QStringLiteral("h2 h4"));
        row(QStringLiteral("url:*ingestProposalBatch"), QStringLiteral("h2"));
        row(QStringLiteral("url:https://*"), QStringLiteral("h1 h3 h6"));
        row(QStringLiteral("url:=https://eu.looker.com/api/4.0/looks/42"), QStringLiteral("h3"));
        row(QStringLiteral("url:=https://eu.looker.com/api/4.0/looks/4"), QString());
        row(QStringLiteral("url:*\\?q=*"), QStringLiteral("h6"));
        row(QStringLiteral("url:~looks/\\d+$"), QStringLiteral("h3"));
        row(QStringLiteral("url:~\"^HTTP://\""), QStringLiteral("h2 h4 h5"));
        row(QStringLiteral("url:~(?-i)^HTTP://"), QString());
        row(QStringLiteral("url:~(?-i)^http://"), QStringLiteral("h2 h4 h5"));
        row(QStringLiteral("url:~straße"), QStringLiteral("h6"));
        row(QStringLiteral("uri:looks"), QStringLiteral("h3"));
        row(QStringLiteral("path:/api/*"), QStringLiteral("h1 h3 h5"));
        row(QStringLiteral("path:/aspects"), QStringLiteral("h2 h4"));
        row(QStringLiteral("path:/api/*/looks/*"), QStringLiteral("h3"));
        row(QStringLiteral("url:http*://*:8080/*"), QStringLiteral("h2 h4"));
        row(QStringLiteral("url:*looker.com/api/?.0/*"), QStringLiteral("h1 h3"));
        row(QStringLiteral("host:*.com"), QStringLiteral("h1 h2 h3 h4 h5"));
        row(QStringLiteral("host:*o*e*.*o?"), QStringLiteral("h1 h3 h5"));
        // sql
        row(QStringLiteral("sql:~\"information_schema\""), QStringLiteral("s1"));
        row(QStringLiteral("sql:information_schema"), QStringLiteral("s1"));
        row(QStringLiteral("query:tables"), QStringLiteral("s1"));
        row(QStringLiteral("sql:*"), QStringLiteral("s1 s2 s3"));
        row(QStringLiteral("sql:\\*"), QStringLiteral("s2"));
        row(QStringLiteral("sql:\"*\""), QStringLiteral("s2"));
        row(QStringLiteral("sql:*\"* from\"*"), QStringLiteral("s2"));
        row(QStringLiteral("sql:select*10"), QStringLiteral("s2"));
        row(QStringLiteral("sql:*FROM*orders*"), QStringLiteral("s1 s2"));
        row(QStringLiteral("sql:select*"), QStringLiteral("s1 s2 s3"));
        row(QStringLiteral("sql:~select"), QStringLiteral("s1 s2 s3"));
        row(QStringLiteral("sql:~légumes$"), QStringLiteral("s3"));
        // MCP fields
        row(QStringLiteral("urn:*orders*"), QStringLiteral("m1 m3"));
        row(QStringLiteral("urn:orders"), QStringLiteral("m1 m3"));
        row(QStringLiteral("urn:urn:li:dataset:(urn:li:dataPlatform:looker,db.orders,PROD)"),
            QStringLiteral("m1"));
        row(QStringLiteral("urn:urn:li:dataset:(urn:li:dataPlatform:hive,sales.Orders,PROD)"),
            QStringLiteral("m3"));
        row(QStringLiteral("urn:=urn:li:dataset:(urn:li:dataPlatform:hive,sales.Orders,PROD)"), QString());
        row(QStringLiteral("urn:*(looker,dashboards.7)"), QStringLiteral("m2"));
        row(QStringLiteral("aspect:schemaMetadata"), QStringLiteral("m1"));
        row(QStringLiteral("aspect:schemametadata"), QStringLiteral("m1"));
        row(QStringLiteral("aspect:schema*"), QStringLiteral("m1"));
        row(QStringLiteral("aspect:dashboardInfo,status"), QStringLiteral("m2 m3"));
        row(QStringLiteral("entity:dataset"), QStringLiteral("m1"));
        row(QStringLiteral("entity:dashboard,schemaField"), QStringLiteral("m2 m3"));
        row(QStringLiteral("change:UPSERT"), QStringLiteral("m1 m2"));
        row(QStringLiteral("change:delete"), QStringLiteral("m3"));
        row(QStringLiteral("message:*\"not exist\"*"), QStringLiteral("s2"));
        row(QStringLiteral("message:\"not exist\""), QStringLiteral("s2"));
        row(QStringLiteral("message:*not exist*"), QString()); // two terms: message:*not and exist*
        row(QStringLiteral("message:\"Not Found\""), QStringLiteral("h3"));
        // seq
        row(QStringLiteral("seq:3"), QStringLiteral("h4"));
        row(QStringLiteral("seq:>=9"), QStringLiteral("m1 m2 m3"));
        row(QStringLiteral("seq:2..4"), QStringLiteral("h3 h4 h5"));
        row(QStringLiteral("seq:<1"), QStringLiteral("h1"));
        row(QStringLiteral("seq:0,11"), QStringLiteral("h1 m3"));
        // flags
        row(QStringLiteral("error"), errorEvents);
        row(QStringLiteral("ERROR"), errorEvents);
        row(QStringLiteral("warning"), QStringLiteral("h6 s3"));
        row(QStringLiteral("error or warning"), QStringLiteral("h3 h4 h6 s2 s3 m3"));
        // replay keywords: what a replay did with the event, never free text
        row(QStringLiteral("matched"), QStringLiteral("h1 h2"));
        row(QStringLiteral("MATCHED"), QStringLiteral("h1 h2"));
        row(QStringLiteral("unmatched"), QStringLiteral("h3"));
        row(QStringLiteral("held"), QStringLiteral("h4"));
        row(QStringLiteral("Held"), QStringLiteral("h4"));
        row(QStringLiteral("edited"), QStringLiteral("h5 h6")); // Edited and Errored
        row(QStringLiteral("-matched kind:http"), QStringLiteral("h3 h4 h5 h6"));
        row(QStringLiteral("held or unmatched"), QStringLiteral("h3 h4"));
        // quoted or escaped, the same words are free text
        row(QStringLiteral("\"matched\""), QStringLiteral("m2"));
        row(QStringLiteral("\\matched"), QStringLiteral("m2"));
        row(QStringLiteral("message:matched"), QStringLiteral("m2"));
        row(QStringLiteral("\"held\""), QString());
        // outcome
        row(QStringLiteral("outcome:pending"), QStringLiteral("s3"));
        row(QStringLiteral("outcome:held"), QStringLiteral("h4"));
        row(QStringLiteral("outcome:matched"), QStringLiteral("h1 h2"));
        row(QStringLiteral("outcome:synthesized"), QStringLiteral("s2"));
        row(QStringLiteral("outcome:edited"), QStringLiteral("h5"));
        row(QStringLiteral("outcome:errored"), QStringLiteral("h6"));
        row(QStringLiteral("outcome:unmatched"), QStringLiteral("h3"));
        row(QStringLiteral("outcome:abandoned"), QStringLiteral("m1"));
        row(QStringLiteral("outcome:builtin"), QStringLiteral("s1"));
        row(QStringLiteral("OUTCOME:Matched,SYNTHESIZED"), QStringLiteral("h1 h2 s2"));
        row(QStringLiteral("outcome:\"held\",builtin"), QStringLiteral("h4 s1"));
        row(QStringLiteral("outcome:*"), QStringLiteral("h1 h2 h3 h4 h5 h6 s1 s2 s3 m1"));
        row(QStringLiteral("outcome:matched,*"), QStringLiteral("h1 h2 h3 h4 h5 h6 s1 s2 s3 m1"));
        row(QStringLiteral("-outcome:*"), QStringLiteral("m2 m3"));
        // served: numbers as for seq, never matching -1 (no replay information)
        row(QStringLiteral("served:0"), QStringLiteral("h6 s2 m2"));
        row(QStringLiteral("served:=1"), QStringLiteral("h1"));
        row(QStringLiteral("served:>1"), QStringLiteral("h2 h5"));
        row(QStringLiteral("served:>=1"), QStringLiteral("h1 h2 h5"));
        row(QStringLiteral("served:<2"), QStringLiteral("h1 h6 s2 m2"));
        row(QStringLiteral("served:<=0"), QStringLiteral("h6 s2 m2"));
        row(QStringLiteral("served:..0"), QStringLiteral("h6 s2 m2"));
        row(QStringLiteral("served:2..5"), QStringLiteral("h2 h5"));
        row(QStringLiteral("served:3.."), QStringLiteral("h2"));
        row(QStringLiteral("served:0,3"), QStringLiteral("h2 h6 s2 m2"));
        row(QStringLiteral("served:*"), QStringLiteral("h1 h2 h5 h6 s2 m2"));
        row(QStringLiteral("-served:*"), QStringLiteral("h3 h4 s1 s3 m1 m3"));
        row(QStringLiteral("not served:0"), QStringLiteral("h1 h2 h3 h4 h5 s1 s3 m1 m3"));
        row(QStringLiteral("kind:http matched served:>1"), QStringLiteral("h2"));
        row(QStringLiteral("served:0 -outcome:*"), QStringLiteral("m2"));
        row(QStringLiteral("(edited or held) error"), QStringLiteral("h4 h6"));
        // free text
        row(QStringLiteral("orders"), QStringLiteral("s1 s2 m1 m3"));
        row(QStringLiteral("LOOKER"), QStringLiteral("h1 h3 h5 m1 m2"));
        row(QStringLiteral("looks/42"), QStringLiteral("h3"));
        row(QStringLiteral("ord?rs"), QStringLiteral("s1 s2 m1 m3"));
        row(QStringLiteral("*.looker.com/api"), QStringLiteral("h1 h3"));
        row(QStringLiteral("looker.com/api*"), QStringLiteral("h1 h3 h5"));
        row(QStringLiteral("\"select * from\""), QStringLiteral("s2"));
        row(QStringLiteral("\"error\""), QStringLiteral("h4"));
        row(QStringLiteral("status"), QStringLiteral("m3"));
        row(QStringLiteral("=GET"), QStringLiteral("h1 h3 h6"));
        row(QStringLiteral("*"), all);
        row(QStringLiteral("~^select"), QStringLiteral("s1 s2 s3"));
        row(QStringLiteral("https://eu.looker.com"), QStringLiteral("h3"));
        row(QStringLiteral("straße"), QStringLiteral("h6"));
        row(QStringLiteral("STRASSE"), QString()); // simple case folding: ß is not ss
        row(QStringLiteral("äpfel"), QStringLiteral("h6"));
        row(QStringLiteral("q=S"), QStringLiteral("h6")); // U+017F LONG S folds to s
        row(QStringLiteral("légumes"), QStringLiteral("s3"));
        row(QStringLiteral("LÉGUMES"), QStringLiteral("s3"));
        // boolean structure
        row(QStringLiteral("kind:http status:>=400"), QStringLiteral("h3 h4"));
        row(QStringLiteral("kind:http and status:>=400"), QStringLiteral("h3 h4"));
        row(QStringLiteral("kind:http or kind:sql"), QStringLiteral("h1 h2 h3 h4 h5 h6 s1 s2 s3"));
        row(QStringLiteral("status:404 or status:500 kind:http"), QStringLiteral("h3 h4"));
        row(QStringLiteral("status:404 OR status:500 AND kind:sql"), QStringLiteral("h3"));
        row(QStringLiteral("(kind:sql or kind:mcp) error"), QStringLiteral("s2 m3"));
        row(QStringLiteral("kind:sql or kind:mcp error"), QStringLiteral("s1 s2 s3 m3"));
        row(QStringLiteral("not error"), nonErrorEvents);
        row(QStringLiteral("NOT error"), nonErrorEvents);
        row(QStringLiteral("-error"), nonErrorEvents);
        row(QStringLiteral("not not error"), errorEvents);
        row(QStringLiteral("--error"), errorEvents);
        row(QStringLiteral("(error)"), errorEvents);
        row(QStringLiteral("((kind:mcp))"), QStringLiteral("m1 m2 m3"));
        row(QStringLiteral("-kind:http -kind:sql"), QStringLiteral("m1 m2 m3"));
        row(QStringLiteral("not (kind:http or kind:sql)"), QStringLiteral("m1 m2 m3"));
        row(QStringLiteral("kind:http -status:2xx"), QStringLiteral("h3 h4 h6"));
        row(QStringLiteral("kind:http AND NOT method:GET"), QStringLiteral("h2 h4 h5"));
        row(QStringLiteral("error and (status:5xx or kind:sql)"), QStringLiteral("h4 s2"));
        row(QStringLiteral("url:*looker.com* -host:*.looker.com"), QStringLiteral("h5"));
        row(QStringLiteral("warning -kind:sql"), QStringLiteral("h6"));
        row(QStringLiteral("-\"orders\""), QStringLiteral("h1 h2 h3 h4 h5 h6 s3 m2"));
        row(QStringLiteral("kind:http method:POST status:>=400 host:*.example.com url:~aspects"),
            QStringLiteral("h4"));
        // the example parses; no single event is all of that at once
        row(QStringLiteral(
                "kind:http method:POST status:>=400 host:*.looker.com url:~regex sql:~\"information_schema\" "
                "urn:*orders* aspect:schemaMetadata error"),
            QString());
    }

    void matches()
    {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        FilterError error;
        const Result<FilterExpression> filter = FilterExpression::parse(expression, &error);
        QVERIFY2(filter.ok(), qPrintable(filter.ok() ? QString() : filter.error().message));
        QCOMPARE(matching(*filter), expected);
        QCOMPARE(filter->text(), expression);
        QCOMPARE(filter->isEmpty(), expression.trimmed().isEmpty());

        // The canonical spelling parses back to the same filter.
        const QString normalized = filter->normalized();
        const Result<FilterExpression> again = FilterExpression::parse(normalized);
        QVERIFY2(again.ok(), qPrintable(normalized));
        QCOMPARE(again->normalized(), normalized);
        QCOMPARE(matching(*again), expected);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("position");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("keyword"); // must appear in the message
        const auto row = [](const QString &expression, int position, int length, const QString &keyword) {
            QTest::addRow("%s", qPrintable(expression)) << expression << position << length << keyword;
        };
        row(QStringLiteral("stauts:404"), 0, 6, QStringLiteral("did you mean \"status\""));
        row(QStringLiteral("kind:http foo:bar"), 10, 3, QStringLiteral("unknown field \"foo\""));
        row(QStringLiteral("x:1"), 0, 1, QStringLiteral("kind, method, status"));
        row(QStringLiteral("kind:xml"), 5, 3, QStringLiteral("http, sql or mcp"));
        row(QStringLiteral("status:abc"), 7, 3, QStringLiteral("status code"));
        row(QStringLiteral("status:"), 7, 0, QStringLiteral("expected a value after \"status:\""));
        row(QStringLiteral("status:>="), 9, 0, QStringLiteral("expected a number after \">=\""));
        row(QStringLiteral("status:499..400"), 7, 8, QStringLiteral("empty"));
        row(QStringLiteral("status:4xx,"), 11, 0, QStringLiteral("expected a value after \",\""));
        row(QStringLiteral("status:,4xx"), 7, 1, QStringLiteral("expected a value before \",\""));
        row(QStringLiteral("status:!=200"), 7, 2, QStringLiteral("-status:200"));
        row(QStringLiteral("status:4x4"), 7, 3, QStringLiteral("4xx"));
        row(QStringLiteral("seq:x"), 4, 1, QStringLiteral("sequence number"));
        row(QStringLiteral("seq:99999999999999999999"), 4, 20, QStringLiteral("too large"));
        row(QStringLiteral("aspect:a,,b"), 9, 1, QStringLiteral("expected a value before \",\""));
        row(QStringLiteral("method:="), 8, 0, QStringLiteral("expected a value after \"=\""));
        row(QStringLiteral("url:\"\""), 4, 2, QStringLiteral("non-empty"));
        row(QStringLiteral("\"\""), 0, 2, QStringLiteral("some text"));
        row(QStringLiteral("url:~"), 5, 0, QStringLiteral("regular expression"));
        row(QStringLiteral("url:~(abc"), 9, 0, QStringLiteral("invalid regular expression"));
        row(QStringLiteral("url:~\"a[b\""), 9, 0, QStringLiteral("invalid regular expression"));
        row(QStringLiteral("url:~a)b"), 6, 1, QStringLiteral("unexpected \")\""));
        // \Q\ is valid PCRE, but no spelling of it parses back (fuzz_filter finding canonical-backslash)
        row(QStringLiteral("url:~\\Q\\"), 7, 1, QStringLiteral("single backslash"));
        row(QStringLiteral("~\\"), 1, 1, QStringLiteral("single backslash"));
        row(QStringLiteral("\"abc"), 0, 4, QStringLiteral("closing"));
        row(QStringLiteral("sql:\"abc"), 4, 4, QStringLiteral("closing"));
        row(QStringLiteral("sql:~\"abc\\\""), 5, 6, QStringLiteral("closing"));
        row(QStringLiteral("kind:http and"), 13, 0, QStringLiteral("expected a term after \"and\""));
        row(QStringLiteral("kind:http or"), 12, 0, QStringLiteral("expected a term after \"or\""));
        row(QStringLiteral("or kind:http"), 0, 2, QStringLiteral("expected a term before \"or\""));
        row(QStringLiteral("not"), 3, 0, QStringLiteral("expected a term after \"not\""));
        row(QStringLiteral("kind:http and or error"), 14, 2, QStringLiteral("found \"or\""));
        row(QStringLiteral("(kind:http"), 0, 1, QStringLiteral("expected a \")\""));
        row(QStringLiteral("((error)"), 0, 1, QStringLiteral("expected a \")\""));
        row(QStringLiteral("kind:http)"), 9, 1, QStringLiteral("unexpected \")\""));
        row(QStringLiteral("()"), 1, 0, QStringLiteral("inside the parentheses"));
        row(QStringLiteral("kind:http (status:5xx or)"), 24, 1,
            QStringLiteral("expected a term after \"or\""));
        row(QStringLiteral("- error"), 0, 1, QStringLiteral("\"-\""));
        row(QStringLiteral("kind:http -"), 10, 1, QStringLiteral("\"-\""));
        row(QStringLiteral("not -"), 4, 1, QStringLiteral("\"-\""));
        // replay terms
        row(QStringLiteral("outcome:done"), 8, 4,
            QStringLiteral(
                "expected a replay outcome after \"outcome:\" (pending, held, matched, synthesized, "
                "edited, errored, unmatched, abandoned, builtin or *), found \"done\""));
        row(QStringLiteral("outcome:matched,nope"), 16, 4, QStringLiteral("found \"nope\""));
        row(QStringLiteral("outcome:none"), 8, 4, QStringLiteral("expected a replay outcome"));
        row(QStringLiteral("outcome:=held"), 8, 5, QStringLiteral("expected a replay outcome"));
        row(QStringLiteral("outcome:"), 8, 0, QStringLiteral("expected a value after \"outcome:\""));
        row(QStringLiteral("outcome:held,"), 13, 0, QStringLiteral("expected a value after \",\""));
        row(QStringLiteral("outcomes:held"), 0, 8, QStringLiteral("did you mean \"outcome\""));
        row(QStringLiteral("served:x"), 7, 1,
            QStringLiteral("expected a count such as 0, >=1 or 2..5, found \"x\""));
        row(QStringLiteral("served:-1"), 7, 2, QStringLiteral("expected a count"));
        row(QStringLiteral("served:4xx"), 7, 3, QStringLiteral("expected a count")); // classes: status only
        row(QStringLiteral("served:!=0"), 7, 2, QStringLiteral("-served:0"));
        row(QStringLiteral("served:5..2"), 7, 4, QStringLiteral("empty"));
        row(QStringLiteral("served:>="), 9, 0, QStringLiteral("expected a number after \">=\""));
        row(QStringLiteral("served:"), 7, 0, QStringLiteral("expected a value after \"served:\""));
        row(QStringLiteral("servd:1"), 0, 5, QStringLiteral("did you mean \"served\""));
        row(QStringLiteral("matched:1"), 0, 7, QStringLiteral("unknown field \"matched\""));
        row(QStringLiteral("x:1"), 0, 1, QStringLiteral("seq, outcome, served"));
    }

    void errors()
    {
        QFETCH(QString, expression);
        QFETCH(int, position);
        QFETCH(int, length);
        QFETCH(QString, keyword);
        FilterError error;
        const Result<FilterExpression> filter = FilterExpression::parse(expression, &error);
        QVERIFY(!filter.ok());
        QCOMPARE(filter.error().code, ErrorCode::Usage);
        QVERIFY2(error.message.contains(keyword), qPrintable(error.message));
        QCOMPARE(error.position, position);
        QCOMPARE(error.length, length);
        QVERIFY(!error.expected.isEmpty());
        QCOMPARE(filter.error().message, error.formatted(expression));
    }

    // A subject that knows nothing of replays (FilterSubject's defaults: None, -1) and one that says -1
    // explicitly: no replay term matches them, whatever its numbers; their negations all do.
    void servedMinusOneNeverMatches()
    {
        const PlainSubject plain;
        QCOMPARE(plain.replayState(), ReplayState::None);
        QCOMPARE(plain.served(), -1);
        FakeEvent explicitNone = http("x", 3, QStringLiteral("GET"), QStringLiteral("http://x/"),
            QStringLiteral("x"), QStringLiteral("/"), 200);
        explicitNone.replayed(ReplayState::None, -1);
        for (const char *text :
            { "served:*", "served:0", "served:<1", "served:..0", "served:<=0", "served:..5", "served:0..",
                "served:<999999999999999999", "outcome:*", "matched", "unmatched", "held", "edited",
                "outcome:pending,held,matched,synthesized,edited,errored,unmatched,abandoned,builtin" }) {
            const Result<FilterExpression> filter = FilterExpression::parse(QString::fromLatin1(text));
            QVERIFY2(filter.ok(), text);
            QVERIFY2(!passes(*filter, plain), text);
            QVERIFY2(!passes(*filter, explicitNone), text);
            const Result<FilterExpression> negated
                = FilterExpression::parse(QStringLiteral("not ") + QString::fromLatin1(text));
            QVERIFY2(passes(*negated, plain), text);
            QVERIFY2(passes(*negated, explicitNone), text);
        }
        // The plain subject's text is "matched": only the quoted word finds it.
        QVERIFY(passes(*FilterExpression::parse(QStringLiteral("\"matched\"")), plain));
    }

    void dependsOnReplay_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("depends");
        for (const char *text : { "matched", "unmatched", "held", "edited", "outcome:*", "served:0",
                 "kind:http (error or -served:>=1)", "not not held", "(a or (b and outcome:builtin))" })
            QTest::addRow("%s", text) << QString::fromLatin1(text) << true;
        for (const char *text : { "", "kind:http", "\"matched\"", "\\held", "message:edited", "seq:0",
                 "error or warning", "url:~served" })
            QTest::addRow("%s", text) << QString::fromLatin1(text) << false;
    }

    void dependsOnReplay()
    {
        QFETCH(QString, expression);
        QFETCH(bool, depends);
        const Result<FilterExpression> filter = FilterExpression::parse(expression);
        QVERIFY(filter.ok());
        QCOMPARE(filter->dependsOnReplay(), depends);
        QCOMPARE(FilterExpression::parse(filter->normalized())->dependsOnReplay(), depends);
        QVERIFY(!FilterExpression().dependsOnReplay());
    }

    void replayStateNames()
    {
        QVERIFY(replayStateName(ReplayState::None).isEmpty());
        QVERIFY(!replayStateFromName(u""));
        QVERIFY(!replayStateFromName(u"none"));
        QStringList names;
        for (int i = 1; i < ReplayStateCount; ++i) {
            const ReplayState state = ReplayState(i);
            names.append(replayStateName(state));
            QCOMPARE(replayStateFromName(QString(replayStateName(state)).toUpper()), state);
        }
        QCOMPARE(names.join(QLatin1Char(' ')),
            QStringLiteral("pending held matched synthesized edited errored unmatched abandoned builtin"));
    }

    void formattedError()
    {
        const QString expression = QStringLiteral("kind:http stauts:404");
        FilterError error;
        QVERIFY(!FilterExpression::parse(expression, &error).ok());
        QCOMPARE(error.formatted(expression),
            QStringLiteral("invalid filter at column 11: unknown field \"stauts\"; did you mean \"status\"?\n"
                           "  kind:http stauts:404\n"
                           "            ^^^^^^"));

        // A point error (length 0) at the end still gets a caret; columns count characters, not UTF-16 units.
        const QString emoji = QStringLiteral("\U0001F600 and");
        QVERIFY(!FilterExpression::parse(emoji, &error).ok());
        QCOMPARE(error.position, emoji.size());
        QCOMPARE(error.formatted(emoji).section(QLatin1Char('\n'), 2), QStringLiteral("       ^"));
        QVERIFY(error.formatted(emoji).startsWith(QStringLiteral("invalid filter at column 6:")));

        // Of a long expression only 40 characters on either side are shown; the column stays the real one.
        const QString many = QStringLiteral("kind:http ").repeated(30);
        const QString longExpression = many + QStringLiteral("stauts:404 ") + many;
        QVERIFY(!FilterExpression::parse(longExpression, &error).ok());
        QCOMPARE(error.position, 300);
        const QStringList lines = error.formatted(longExpression).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith(QStringLiteral("invalid filter at column 301:")));
        QCOMPARE(
            lines.at(1), QStringLiteral("  \u2026") + longExpression.mid(260, 86) + QStringLiteral("\u2026"));
        QCOMPARE(
            lines.at(2), QStringLiteral("  ") + QString(41, QLatin1Char(' ')) + QStringLiteral("^^^^^^"));
    }

    // Parentheses, "-" and "not" all count towards one nesting limit, checked before the parser recurses:
    // deep input is refused with an error naming the limit (it used to overflow the stack), the deepest
    // accepted filter evaluates and prints (both recursive) without trouble.
    void nestingLimit_data()
    {
        QTest::addColumn<QString>("prefix"); // one level
        QTest::addColumn<QString>("suffix");
        QTest::addRow("parentheses") << QStringLiteral("(") << QStringLiteral(")");
        QTest::addRow("not") << QStringLiteral("not ") << QString();
        QTest::addRow("minus") << QStringLiteral("-") << QString();
        QTest::addRow("mixed") << QStringLiteral("(-not (") << QStringLiteral("))");
    }

    void nestingLimit()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, suffix);
        // Every level of `prefix` is as many nesting levels as it has "(", "-" and "not" in it.
        const int perPrefix = int(prefix.count(QLatin1Char('('))) + int(prefix.count(QLatin1Char('-')))
            + int(prefix.count(QLatin1String("not")));
        const auto build = [&](int repeats) -> QString {
            return prefix.repeated(repeats) + QStringLiteral("error") + suffix.repeated(repeats);
        };

        // Exactly at the limit (or just under it, for the mixed prefix): accepted and usable.
        const int deepest = Nesting::MaxDepth / perPrefix;
        const QString accepted = build(deepest);
        const Result<FilterExpression> filter = FilterExpression::parse(accepted);
        QVERIFY2(filter.ok(), qPrintable(filter.ok() ? QString() : filter.error().message.left(200)));
        const int nots
            = deepest * (int(prefix.count(QLatin1Char('-'))) + int(prefix.count(QLatin1String("not"))));
        QCOMPARE(matching(*filter), nots % 2 ? nonErrorEvents : errorEvents);
        const QString normalized = filter->normalized();
        QCOMPARE(normalized.count(QLatin1String("not ")), nots);
        const Result<FilterExpression> again = FilterExpression::parse(normalized);
        QVERIFY(again.ok());
        QCOMPARE(matching(*again), matching(*filter));

        // One level more: refused at the token that goes past the limit.
        FilterError error;
        const QString refused = build(deepest + 1);
        const Result<FilterExpression> deeper = FilterExpression::parse(refused, &error);
        QVERIFY(!deeper.ok());
        QCOMPARE(deeper.error().code, ErrorCode::Usage);
        QVERIFY2(error.message.contains(Nesting::tooDeep()), qPrintable(error.message));
        QVERIFY(error.position >= deepest * prefix.size());
        QVERIFY(error.position < (deepest + 1) * prefix.size());
        QVERIFY(error.length >= 1);

        // What the adversarial run sent (10,000 "(", 20,000 "-", 30,000 "not "): refused the same way.
        for (const int repeats : { 10000, 20000, 30000 }) {
            const Result<FilterExpression> huge = FilterExpression::parse(build(repeats), &error);
            QVERIFY(!huge.ok());
            QVERIFY(error.message.contains(Nesting::tooDeep()));
            // Only the part around the error is quoted: the message stays a few short lines.
            for (const QString &line : huge.error().message.split(QLatin1Char('\n')))
                QVERIFY2(line.size() < 200, qPrintable(line.left(300)));
        }
    }

    // Deep but accepted programs with and/or groups inside each level: evaluating and spelling them
    // recurse once per level as well.
    void deepAlternatingGroups()
    {
        QString text = QStringLiteral("kind:mcp");
        for (int level = 0; level < Nesting::MaxDepth; ++level)
            text = level % 2 ? QStringLiteral("kind:sql or (%1)").arg(text)
                             : QStringLiteral("seq:0..99 (%1)").arg(text);
        const Result<FilterExpression> filter = FilterExpression::parse(text);
        QVERIFY2(filter.ok(), qPrintable(filter.ok() ? QString() : filter.error().message.left(200)));
        QCOMPARE(matching(*filter), QStringLiteral("s1 s2 s3 m1 m2 m3"));
        QVERIFY(filter->normalized().size() > text.size() / 2);
    }

    // A U+FEFF starting a field is part of it however the field is handed out (Qt's UTF-8 decoder takes it
    // for a byte order mark unless told not to).
    void leadingByteOrderMarkIsText()
    {
        FakeEvent event = http("x", 1, QStringLiteral("GET"), QStringLiteral("\uFEFFapi"), QStringLiteral("x"),
            QStringLiteral("/"), 200);
        const Result<FilterExpression> anchored = FilterExpression::parse(QStringLiteral("url:~\"^api\""));
        QVERIFY(anchored.ok());
        for (const FakeEvent::Encoding encoding : { FakeEvent::Encoding::Utf16, FakeEvent::Encoding::Utf8 }) {
            event.encode(encoding);
            QCOMPARE(anchored->match(event), FilterExpression::Outcome::NoMatch);
        }
    }

    // A regex term that reaches the match limit makes the answer unknown (GaveUp), never a silent "no
    // match"; the error points at the term and names the event.
    void regexGivesUp()
    {
        FakeEvent hostile = http("x", 7, QStringLiteral("GET"),
            QString(25, QLatin1Char('a')) + QLatin1Char('!'), QStringLiteral("x"), QStringLiteral("/"), 200);
        for (const FakeEvent::Encoding encoding :
            { FakeEvent::Encoding::Utf16, FakeEvent::Encoding::Latin1, FakeEvent::Encoding::Utf8 }) {
            hostile.encode(encoding);
            const auto outcome = [&](const QString &text, FilterError *error = nullptr) {
                const Result<FilterExpression> filter = FilterExpression::parse(text);
                return filter ? filter->match(hostile, error) : FilterExpression::Outcome::NoMatch;
            };
            using Outcome = FilterExpression::Outcome;
            QCOMPARE(outcome(QStringLiteral("url:~\"a!\"")), Outcome::Match);
            QCOMPARE(outcome(QStringLiteral("url:~\"(a+)+c|a!\"")), Outcome::GaveUp);
            QCOMPARE(outcome(QStringLiteral("not url:~\"(a+)+c|a!\"")), Outcome::GaveUp);
            QCOMPARE(outcome(QStringLiteral("~\"(a+)+c|a!\"")), Outcome::GaveUp); // free text
            QCOMPARE(outcome(QStringLiteral("url:~\"(a+)+c|x\" status:200")), Outcome::GaveUp);
            // Terms that decide first (cheaper ones are evaluated first) spare the regex.
            QCOMPARE(outcome(QStringLiteral("kind:sql url:~\"(a+)+c|x\"")), Outcome::NoMatch);
            QCOMPARE(outcome(QStringLiteral("status:200 or url:~\"(a+)+c|x\"")), Outcome::Match);

            FilterError error;
            const QString text = QStringLiteral("kind:http -url:~\"(a+)+c|a!\"");
            QCOMPARE(outcome(text, &error), Outcome::GaveUp);
            QCOMPARE(error.position, 11);
            QCOMPARE(error.length, text.size() - 11);
            QVERIFY2(error.message.contains(QStringLiteral("url:~\"(a+)+c|a!\" gave up on event 7")),
                qPrintable(error.message));
            QVERIFY(error.message.contains(LimitedRegex::gaveUpReason()));
            const Error formatted = FilterExpression::parse(text)->gaveUpError(error);
            QCOMPARE(formatted.code, ErrorCode::Usage);
            QCOMPARE(formatted.message, error.formatted(text));
        }
    }

    void normalized_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("normalized");
        const auto row = [](const QString &expression, const QString &normalized) {
            QTest::addRow("%s", qPrintable(expression)) << expression << normalized;
        };
        row(QString(), QString());
        row(QStringLiteral("kind:HTTP  Status:>=400"), QStringLiteral("kind:http and status:>=400"));
        row(QStringLiteral("kind:sql,HTTP"), QStringLiteral("kind:sql,http"));
        row(QStringLiteral("a or b c"), QStringLiteral("a or (b and c)"));
        row(QStringLiteral("a or b AND c or d"), QStringLiteral("a or (b and c) or d"));
        row(QStringLiteral("-(a b)"), QStringLiteral("not (a and b)"));
        row(QStringLiteral("not (a or b)"), QStringLiteral("not (a or b)"));
        row(QStringLiteral("a -b"), QStringLiteral("a and not b"));
        row(QStringLiteral("not not a"), QStringLiteral("not not a"));
        row(QStringLiteral("a and (b and c)"), QStringLiteral("a and b and c"));
        row(QStringLiteral("(a or b) or c"), QStringLiteral("a or b or c"));
        row(QStringLiteral("(a or b) c"), QStringLiteral("(a or b) and c"));
        row(QStringLiteral("STATUS:=204"), QStringLiteral("status:204"));
        row(QStringLiteral("status:4XX,=500,>=501,400..,..300,<7"),
            QStringLiteral("status:4xx,500,>=501,400..,..300,<7"));
        row(QStringLiteral("uri:x"), QStringLiteral("url:x"));
        row(QStringLiteral("AspectName:schemaMetadata"), QStringLiteral("aspect:schemaMetadata"));
        row(QStringLiteral("url:=x"), QStringLiteral("url:=x"));
        row(QStringLiteral("method:=GET"), QStringLiteral("method:GET"));
        row(QStringLiteral("\"select * from\""), QStringLiteral("\"select * from\""));
        row(QStringLiteral("sel\\*ect"), QStringLiteral("\"sel*ect\""));
        row(QStringLiteral("sql:*\"a b\"*"), QStringLiteral("sql:*a\\ b*"));
        row(QStringLiteral("url:~\"a b\""), QStringLiteral("url:~\"a b\""));
        row(QStringLiteral("url:~a\\.b"), QStringLiteral("url:~a\\.b"));
        row(QStringLiteral("url:~\"say \\\"hi\\\"\""), QStringLiteral("url:~\"say \\\"hi\\\"\""));
        row(QStringLiteral("urn:urn:li:dataset:(urn:li:dataPlatform:hive,db.t,PROD)"),
            QStringLiteral("urn:urn:li:dataset:(urn:li:dataPlatform:hive,db.t,PROD)"));
        row(QStringLiteral("aspect:\"a,b\""), QStringLiteral("aspect:\"a,b\""));
        row(QStringLiteral("\"and\""), QStringLiteral("\"and\""));
        row(QStringLiteral("Error"), QStringLiteral("error"));
        row(QStringLiteral("\"error\""), QStringLiteral("\"error\""));
        row(QStringLiteral("\"kind:http\""), QStringLiteral("\"kind:http\""));
        row(QStringLiteral("\"-x\""), QStringLiteral("\"-x\""));
        row(QStringLiteral("https://x"), QStringLiteral("https://x"));
        row(QStringLiteral("C\\:x*"), QStringLiteral("C\\:x*"));
        row(QStringLiteral("f(x)"), QStringLiteral("f(x)"));
        row(QStringLiteral("MATCHED or Held"), QStringLiteral("matched or held"));
        row(QStringLiteral("-UNMATCHED EDITED"), QStringLiteral("not unmatched and edited"));
        row(QStringLiteral("\"matched\""), QStringLiteral("\"matched\""));
        row(QStringLiteral("\\edited"), QStringLiteral("\"edited\""));
        row(QStringLiteral("Outcome:Matched,HELD,*"), QStringLiteral("outcome:matched,held,*"));
        row(QStringLiteral("outcome:\"builtin\""), QStringLiteral("outcome:builtin"));
        row(QStringLiteral("SERVED:=0,>=2,1..3,..4,5..,<9,*"),
            QStringLiteral("served:0,>=2,1..3,..4,5..,<9,*"));
    }

    void normalized()
    {
        QFETCH(QString, expression);
        QFETCH(QString, normalized);
        const Result<FilterExpression> filter = FilterExpression::parse(expression);
        QVERIFY2(filter.ok(), qPrintable(filter.ok() ? QString() : filter.error().message));
        QCOMPARE(filter->normalized(), normalized);
        const Result<FilterExpression> again = FilterExpression::parse(normalized);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(again->normalized(), normalized);
    }

    // Globs and literals against QRegularExpression built from the same pattern, on random inputs: every
    // matcher shape (exact, prefix, suffix, contains, multi-star globs, '?'), the anchor scanner (texts
    // longer than a 16-byte vector), case folding including U+212A KELVIN SIGN and U+017F LONG S, and
    // UTF-16 / UTF-8 text.
    void globsAgreeWithRegex()
    {
        const QString textAlphabet = QStringLiteral("abkKsS\u212A\u017F.");
        const QString patternAlphabet = QStringLiteral("aBkSs.**??");
        QRandomGenerator random(20240611);
        int checked = 0;
        for (int round = 0; round < 4000; ++round) {
            QString pattern;
            const int patternLength = 1 + int(random.bounded(6));
            for (int i = 0; i < patternLength; ++i)
                pattern += patternAlphabet[random.bounded(patternAlphabet.size())];
            const bool freeText = round % 2 == 1; // free text floats; host: is anchored
            QString regex;
            for (const QChar c : pattern) {
                if (c == QLatin1Char('*'))
                    regex += QLatin1String(".*");
                else if (c == QLatin1Char('?'))
                    regex += QLatin1Char('.');
                else
                    regex += QRegularExpression::escape(QString(c));
            }
            const bool hasWildcard = pattern.contains(QLatin1Char('*')) || pattern.contains(QLatin1Char('?'));
            if (!freeText && hasWildcard)
                regex = QLatin1String("\\A(?:") + regex + QLatin1String(")\\z");
            else if (!freeText)
                regex = QLatin1String("\\A") + regex + QLatin1String("\\z"); // host: literal = whole value
            const QRegularExpression reference(regex,
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
            QVERIFY(reference.isValid());

            const QString expression = freeText ? pattern : QLatin1String("host:") + pattern;
            const Result<FilterExpression> filter = FilterExpression::parse(expression);
            QVERIFY2(filter.ok(), qPrintable(expression));
            for (int t = 0; t < 8; ++t) {
                QString text;
                const int textLength = 1 + int(random.bounded(t < 6 ? 8 : 40));
                for (int i = 0; i < textLength; ++i)
                    text += textAlphabet[random.bounded(textAlphabet.size())];
                FakeEvent event = http("x", 0, QString(), QString(), text, QString(), 200);
                if (freeText)
                    event.set(FilterField::Url, text);
                if (t % 2)
                    event.encode(FakeEvent::Encoding::Utf8);
                const bool expected = reference.match(text).hasMatch();
                QVERIFY2(passes(*filter, event) == expected,
                    qPrintable(
                        QStringLiteral("%1 on \"%2\": expected %3").arg(expression, text).arg(expected)));
                ++checked;
            }
        }
        QCOMPARE(checked, 32000);
    }

    void emptyAndCopies()
    {
        const FilterExpression empty;
        QVERIFY(empty.isEmpty());
        QVERIFY(empty.normalized().isEmpty());
        for (const FakeEvent &event : events())
            QVERIFY(passes(empty, event));

        FilterExpression copy = *FilterExpression::parse(QStringLiteral("kind:sql"));
        const FilterExpression second = copy;
        copy = *FilterExpression::parse(QStringLiteral("kind:mcp"));
        QCOMPARE(matching(second), QStringLiteral("s1 s2 s3"));
        QCOMPARE(matching(copy), QStringLiteral("m1 m2 m3"));
    }

    // Several threads share one filter (each with its own subjects) and agree with a single thread.
    void threads()
    {
        const QStringList expressions { QStringLiteral("orders -error"), QStringLiteral("url:~looks|straße"),
            QStringLiteral("äpfel or légumes"), QStringLiteral("status:4xx,5xx") };
        for (const QString &expression : expressions) {
            const FilterExpression filter = *FilterExpression::parse(expression);
            const QString expected = matching(filter);
            std::array<QString, 4> results;
            std::vector<std::thread> threads;
            for (size_t t = 0; t < results.size(); ++t) {
                threads.emplace_back([&, t] {
                    const std::vector<FakeEvent> own = events();
                    for (int round = 0; round < 200; ++round) {
                        QStringList names;
                        for (const FakeEvent &event : own) {
                            if (passes(filter, event))
                                names.append(event.name);
                        }
                        results[t] = names.join(QLatin1Char(' '));
                    }
                });
            }
            for (std::thread &thread : threads)
                thread.join();
            for (const QString &result : results)
                QCOMPARE(result, expected);
        }
    }

    void noAllocationPerEvent_data()
    {
        QTest::addColumn<QString>("expression");
        for (const char *expression :
            { "kind:http method:POST status:>=400 host:*.looker.com", "orders", "LOOKER -error", "ord?rs",
                "urn:*orders* aspect:schema*", "sql:*FROM*orders*", "straße or légumes", "q=S",
                "seq:2..4 or warning", "url:*looks* or path:/api/?.0/* or message:*\"not exist\"*",
                "(kind:sql or kind:mcp) error", "matched or edited or served:2..5", "outcome:* -served:0" })
            QTest::addRow("%s", expression) << QString::fromUtf8(expression);
    }

    void noAllocationPerEvent()
    {
#ifdef TAPEDECK_COUNT_ALLOCATIONS
        QFETCH(QString, expression);
        const FilterExpression filter = *FilterExpression::parse(expression);
        const std::vector<FakeEvent> &subjects = events();
        qint64 matched = 0;
        for (const FakeEvent &event : subjects) // warm-up: per-thread decode buffers reach their size
            matched += passes(filter, event);

        // The counter works: a QString buffer is seen.
        allocationCount = 0;
        countingAllocations = true;
        QString probe(64, QLatin1Char('x'));
        countingAllocations = false;
        QVERIFY(allocationCount.load() > 0);

        allocationCount = 0;
        countingAllocations = true;
        for (int round = 0; round < 1000; ++round) {
            for (const FakeEvent &event : subjects)
                matched += passes(filter, event);
        }
        countingAllocations = false;
        QCOMPARE(allocationCount.load(), 0);
        QVERIFY(matched >= 0);
#else
        QSKIP("allocation counting needs glibc and no AddressSanitizer");
#endif
    }
};

QTEST_GUILESS_MAIN(TestFilterExpression)
#include "tst_filterexpression.moc"
