// SPDX-License-Identifier: MIT
// Event presentation in core — what `tapedeck-cli show` prints and the detail panes show: body decoding and
// classification, SQL rows and their column rules, the replay key DataHub really replays, MCP details, the
// JSON node table. Run by the core-only build, without widgets.
#include "core/common/jsontree.h"
#include "core/common/utf8.h"
#include "core/recording/bodycontent.h"
#include "core/recording/eventpresentation.h"
#include "core/recording/sqlrows.h"
#include "core/recording/timelineindexer.h"
#include "timelinesupport.h"

#include <QTest>
#include <QUrl>

#include <zlib.h>

using namespace tapedeck;

namespace {

QList<HttpHeader> typed(const QString &contentType, const QString &encoding = {})
{
    QList<HttpHeader> headers { { QStringLiteral("Content-Type"), contentType } };
    if (!encoding.isEmpty())
        headers.append({ QStringLiteral("Content-Encoding"), encoding });
    return headers;
}

QByteArray gzip(const QByteArray &data)
{
    z_stream z {};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

SqlQuery query(const QByteArray &line)
{
    Result<SqlQuery> q = QueryLog::parseLine(line, QStringLiteral("queries.jsonl"), 1);
    if (!q)
        qWarning("%s", qPrintable(q.error().message));
    return q ? std::move(q).value() : SqlQuery();
}

} // namespace

class TestPresentation : public QObject
{
    Q_OBJECT

private slots:
    void bodyShapes_data();
    void bodyShapes();
    void bodyDecodedAndFacts();
    void bodyCutForDisplay();
    void bodyTextConvertedOnlyAsShown_data();
    void bodyTextConvertedOnlyAsShown();
    void bodyTooLargeToParse();
    void sqlRowsFromDescription();
    void sqlRowsBytesNeedEveryValueBase64();
    void sqlRowsPositional();
    void oneLineCells();
    void sampleHttp();
    void sampleSql();
    void sampleMcp();
    void replayedInsteadIsTheLastWithTheKey();
    void jsonTree();
};

void TestPresentation::bodyShapes_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<int>("shape");
    QTest::addColumn<QString>("binaryKind");
    QTest::addColumn<bool>("image");
    using S = BodyContent::Shape;
    QTest::addRow("json by type") << QByteArray("{\"a\": 1}") << u"application/json"_qs << int(S::Json) << QString() << false;
    QTest::addRow("json by look") << QByteArray(" [1, 2]") << QString() << int(S::Json) << QString() << false;
    QTest::addRow("not json though it looks") << QByteArray("{nope") << u"text/plain"_qs << int(S::Text) << QString() << false;
    QTest::addRow("bad json said to be") << QByteArray("{nope") << u"application/json"_qs << int(S::Text) << QString() << false;
    QTest::addRow("text") << QByteArray("hello") << u"text/plain; charset=utf-8"_qs << int(S::Text) << QString() << false;
    QTest::addRow("svg is text") << QByteArray("<svg/>") << u"image/svg+xml"_qs << int(S::Text) << QString() << false;
    QTest::addRow("png") << QByteArray("\x89PNG\r\n\x1a\n....", 12) << u"image/png"_qs << int(S::Binary) << u"PNG image"_qs << true;
    QTest::addRow("png untyped") << QByteArray("\x89PNG\r\n\x1a\n....", 12) << QString() << int(S::Binary) << u"PNG image"_qs << true;
    QTest::addRow("pdf") << QByteArray("%PDF-1.7 text") << u"application/pdf"_qs << int(S::Binary) << u"PDF document"_qs << false;
    QTest::addRow("octet text") << QByteArray("plain") << u"application/octet-stream"_qs << int(S::Binary) << QString() << false;
    QTest::addRow("invalid utf-8") << QByteArray("\xff\xfe") << QString() << int(S::Binary) << QString() << false;
    QTest::addRow("nul in untyped") << QByteArray("a\0b", 3) << QString() << int(S::Binary) << QString() << false;
    QTest::addRow("nul in text type") << QByteArray("a\0b", 3) << u"text/csv"_qs << int(S::Text) << QString() << false;
    QTest::addRow("empty") << QByteArray("") << u"application/json"_qs << int(S::Empty) << QString() << false;
}

void TestPresentation::bodyShapes()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, contentType);
    QFETCH(int, shape);
    QFETCH(QString, binaryKind);
    QFETCH(bool, image);
    const BodyContent b = BodyContent::inspect(raw, contentType.isEmpty() ? QList<HttpHeader>() : typed(contentType));
    QCOMPARE(int(b.shape), shape);
    QCOMPARE(b.binaryKind, binaryKind);
    QCOMPARE(b.looksLikeImage, image);
    QCOMPARE(b.content, raw);
    QCOMPARE(b.raw, std::optional<QByteArray>(raw));
    if (b.shape == BodyContent::Shape::Json)
        QVERIFY(b.pretty.contains(u'\n'));
    QCOMPARE(b.jsonError.isEmpty(), QTest::currentDataTag() != QByteArray("bad json said to be"));
    QCOMPARE(BodyContent::inspect(std::nullopt, {}).shape, BodyContent::Shape::Null);
}

void TestPresentation::bodyDecodedAndFacts()
{
    const QByteArray json("{\"b\": 1.50, \"a\": [true, null]}");
    const BodyContent b = BodyContent::inspect(gzip(json), typed(u"application/json"_qs, u"gzip"_qs));
    QVERIFY(b.decoded);
    QCOMPARE(b.content, json);
    QCOMPARE(b.shape, BodyContent::Shape::Json);
    // Key order and number spelling as recorded; indented by two.
    QCOMPARE(b.pretty, u"{\n  \"b\": 1.50,\n  \"a\": [\n    true,\n    null\n  ]\n}"_qs);
    QVERIFY(!b.rawText); // gzip bytes are not UTF-8

    const BodyContent broken = BodyContent::inspect(QByteArray("not gzip"), typed(u"text/plain"_qs, u"gzip"_qs));
    QVERIFY(!broken.decoded);
    QVERIFY(!broken.decodeError.isEmpty());
    QCOMPARE(broken.shape, BodyContent::Shape::Binary);
    QCOMPARE(broken.content, QByteArray("not gzip"));

    const BodyContent bad = BodyContent::inspect(QByteArray("{\"a\": 1,\n \"b\" 2}"), typed(u"application/json"_qs));
    QCOMPARE(bad.shape, BodyContent::Shape::Text);
    QVERIFY2(bad.jsonError.startsWith(u"line 2, column 6: "_qs), qPrintable(bad.jsonError));

    const BodyContent form = BodyContent::inspect(
        QByteArray("grant_type=client_credentials&scope=a%20b&x=%C3%A9"), typed(u"application/x-www-form-urlencoded"_qs));
    QCOMPARE(form.shape, BodyContent::Shape::Text);
    QCOMPARE(form.formFields.size(), 3);
    QCOMPARE(form.formFields.at(1), std::make_pair(u"scope"_qs, u"a b"_qs));
    QCOMPARE(form.formFields.at(2).second, u"é"_qs);
}

void TestPresentation::bodyCutForDisplay()
{
    const QByteArray big(BodyContent::MaxShownCharacters + 10, 'x');
    const BodyContent b = BodyContent::inspect(big, typed(u"text/plain"_qs));
    QVERIFY(b.truncated);
    QCOMPARE(b.text.size(), BodyContent::MaxShownCharacters);
    QCOMPARE(b.content.size(), big.size()); // the bytes stay whole
    const BodyContent small = BodyContent::inspect(QByteArray("x"), typed(u"text/plain"_qs));
    QVERIFY(!small.truncated);
}

void TestPresentation::bodyTextConvertedOnlyAsShown_data()
{
    QTest::addColumn<QByteArray>("utf8");
    const qsizetype max = BodyContent::MaxShownCharacters;
    const QByteArray e = QStringLiteral("\u00e9").toUtf8(); // two bytes, one unit
    const QByteArray euro = QStringLiteral("\u20ac").toUtf8(); // three bytes, one unit
    const QByteArray face = QStringLiteral("\U0001F600").toUtf8(); // four bytes, two units
    QTest::addRow("short") << QByteArray("abc");
    QTest::addRow("ascii, exactly the cap") << QByteArray(max, 'a');
    QTest::addRow("ascii, one more") << QByteArray(max + 1, 'a');
    QTest::addRow("two-byte characters") << e.repeated(max + 3);
    QTest::addRow("three-byte characters") << euro.repeated(max + 3);
    QTest::addRow("three-byte characters, exactly the cap") << euro.repeated(max);
    QTest::addRow("four-byte characters") << face.repeated(max / 2 + 3);
    QTest::addRow("byte order mark first") << QByteArray("\xef\xbb\xbf") + euro.repeated(max);
    QTest::addRow("mixed") << QByteArray(QByteArray("ab") + face + euro + e).repeated(max / 3);
    QTest::addRow("invalid far beyond what is shown") << QByteArray(4 * max, 'a') + QByteArray("\xff");
    QTest::addRow("cut sequence at the end") << QByteArray(4 * max, 'a') + euro.left(2);
}

void TestPresentation::bodyTextConvertedOnlyAsShown()
{
    // Only the part that is shown is converted, and it is the same as converting everything and cutting.
    QFETCH(QByteArray, utf8);
    bool cut = false;
    const std::optional<QString> shown = BodyContent::cappedText(utf8, &cut);
    const std::optional<QString> whole = strictUtf8(utf8);
    QCOMPARE(shown.has_value(), whole.has_value());
    if (!whole)
        return;
    bool wholeCut = false;
    QCOMPARE(*shown, BodyContent::capped(*whole, &wholeCut));
    QCOMPARE(cut, wholeCut);
}

void TestPresentation::bodyTooLargeToParse()
{
    // A JSON body larger than MaxParsedBytes is not built as a JSON tree (ten to fifty times its size):
    // it is shown as text, cut, with a note.
    const QByteArray json = "[" + QByteArray("0,").repeated(BodyContent::MaxParsedBytes / 2) + "0]";
    const BodyContent big = BodyContent::inspect(gzip(json), typed(u"application/json"_qs, u"gzip"_qs));
    QVERIFY(big.decoded);
    QCOMPARE(big.content.size(), json.size()); // decoded whole
    QCOMPARE(big.shape, BodyContent::Shape::Text);
    QVERIFY(big.tooLargeToParse);
    QVERIFY(big.pretty.isEmpty());
    QVERIFY(big.jsonError.isEmpty());
    QVERIFY(big.truncated);
    QCOMPARE(big.text.size(), BodyContent::MaxShownCharacters);

    const BodyContent form = BodyContent::inspect(
        QByteArray("a=1&") + QByteArray(BodyContent::MaxParsedBytes, 'b'), typed(u"application/x-www-form-urlencoded"_qs));
    QVERIFY(form.tooLargeToParse);
    QVERIFY(form.formFields.isEmpty());

    const BodyContent small = BodyContent::inspect("[" + QByteArray("0,").repeated(1000) + "0]", typed(u"application/json"_qs));
    QCOMPARE(small.shape, BodyContent::Shape::Json);
    QVERIFY(!small.tooLargeToParse);
}

void TestPresentation::sqlRowsFromDescription()
{
    const SqlQuery q = query(R"({"query": "SELECT", "parameters": null, "row_count": 2, "error": null,)"
                             R"( "description": [["ID", 0, null], ["BLOB", 17, null], ["TAG", "BYTES", null], ["WHEN", 4, null]],)"
                             R"( "results": [{"ID": 1, "BLOB": "wP/uAA==", "TAG": "AQI=", "WHEN": {"__type__": "date", "__value__": "2025-11-17"}},)"
                             R"( {"ID": 2, "BLOB": null, "TAG": "AQI="}]})");
    const SqlRows rows(q);
    QCOMPARE(rows.columns(), QStringList({ u"ID"_qs, u"BLOB"_qs, u"TAG"_qs, u"WHEN"_qs }));
    QCOMPARE(rows.rowCount(), 2);
    QVERIFY(!rows.isBytesColumn(0));
    QVERIFY(rows.isBytesColumn(1)); // PostgreSQL bytea
    QVERIFY(rows.isBytesColumn(2)); // BigQuery BYTES
    QCOMPARE(rows.text(0, 1), u"0xC0FFEE00"_qs);
    QCOMPARE(rows.text(0, 3), u"2025-11-17"_qs);
    QVERIFY(rows.isNull(1, 1));
    QVERIFY(rows.isNull(1, 3)); // missing from its row
    QVERIFY(!rows.cell(1, 3));
    QCOMPARE(rows.columnDescription(1), u"[\"BLOB\", 17, null]"_qs);
}

void TestPresentation::sqlRowsBytesNeedEveryValueBase64()
{
    const SqlQuery q = query(R"({"query": "SELECT", "parameters": null, "row_count": 2, "error": null,)"
                             R"( "description": [["B", 11, null]], "results": [{"B": "AQI="}, {"B": "not base64!"}]})");
    const SqlRows rows(q);
    QVERIFY(!rows.isBytesColumn(0));
    QCOMPARE(rows.text(0, 0), u"AQI="_qs);
}

void TestPresentation::sqlRowsPositional()
{
    const SqlQuery q = query(R"({"query": "SELECT", "parameters": null, "row_count": 2, "error": null,)"
                             R"( "description": null, "results": [{"row": [1, "a"]}, {"row": [2]}]})");
    const SqlRows rows(q);
    QVERIFY(rows.isPositional());
    QCOMPARE(rows.columns(), QStringList({ u"#1"_qs, u"#2"_qs }));
    QCOMPARE(rows.text(0, 1), u"a"_qs);
    QVERIFY(!rows.cell(1, 1));
}

void TestPresentation::oneLineCells()
{
    QCOMPARE(SqlRows::oneLine(u"a\r\nb\nc\td"_qs, 40), u"a\u21b5b\u21b5c d"_qs);
    QCOMPARE(SqlRows::oneLine(u"abcdef"_qs, 4), u"abc\u2026"_qs);
    QCOMPARE(SqlRows::oneLine(u"abcd"_qs, 4), u"abcd"_qs);
}

void TestPresentation::sampleHttp()
{
    const std::shared_ptr<Timeline> t = test::sampleTimeline();
    QVERIFY(t);
    // Event 11 is the ingestProposalBatch that carried 23 MCPs; 35 is the Looker call that failed.
    const HttpPresentation batch = HttpPresentation::load(*t, 11);
    QVERIFY(!batch.error);
    QCOMPARE(batch.exchange.method, u"POST"_qs);
    QCOMPARE(batch.mcps.size(), 23);
    QCOMPARE(batch.request.shape, BodyContent::Shape::Json);
    QVERIFY(batch.heading.title.startsWith(u"Event 11 · HTTP "_qs));
    QVERIFY2(batch.heading.location.startsWith(t->sourceName(t->record(11).source) + u", line "_qs),
        qPrintable(batch.heading.location));
    QCOMPARE(batch.heading.location, t->sourceName(t->record(11).source) + u", line %1"_qs.arg(batch.sourceLine));
    const HttpPresentation failed = HttpPresentation::load(*t, 35);
    QVERIFY(failed.failed);
    QCOMPARE(failed.statusLine(), u"500 Internal Server Error"_qs);
}

void TestPresentation::sampleSql()
{
    const std::shared_ptr<Timeline> t = test::sampleTimeline();
    QVERIFY(t);
    const SqlPresentation d = SqlPresentation::load(*t, 40);
    QVERIFY(d.query);
    QCOMPARE(d.rows.columns(),
        QStringList({ u"SNAPSHOT_DAY"_qs, u"ETAG"_qs, u"MIN_AMOUNT_EUR"_qs }));
    QCOMPARE(d.rows.text(0, 1), u"0xC0FFEE00BADA55"_qs);
    QCOMPARE(d.parametersText, u"[\"2025-11-17\", \"C0FFEE00BADA55\", \"2025-11-17\"]"_qs);
    QCOMPARE(d.replayKey, d.query->replayKey());
    QCOMPARE(d.replayKey.size(), 16);
    QCOMPARE(d.replayedInsteadSeq, -1);
    QVERIFY(d.record.startsWith('{'));
}

void TestPresentation::sampleMcp()
{
    const std::shared_ptr<Timeline> t = test::sampleTimeline();
    QVERIFY(t);
    const McpPresentation d = McpPresentation::load(*t, 4);
    QVERIFY(!d.error);
    QCOMPARE(d.carrierSeq, 3);
    QVERIFY2(d.carrierText.startsWith(u"event 3: POST "_qs), qPrintable(d.carrierText));
    QVERIFY(d.carrierText.endsWith(u", MCP 1 of 1"_qs));
    QCOMPARE(d.formName, u"RESTli proposal"_qs);
    QCOMPARE(d.formKey, u"proposal"_qs);
    QVERIFY(d.aspect.isObject());
    QCOMPARE(d.aspectText, prettyJson(d.aspect));
    QCOMPARE(d.aspectTree.size(), 0); // Parts::Text builds no tree
    // System metadata in the schema's order, as the file sink writes it.
    QVERIFY(d.systemMetadata.isObject());
    QCOMPARE(d.systemMetadata.toObject().front().key, u"lastObserved"_qs);
    QCOMPARE(McpPresentation::load(*t, 4, McpPresentation::Parts::TextAndTree).aspectTree.size() > 1, true);
}

void TestPresentation::replayedInsteadIsTheLastWithTheKey()
{
    const QByteArray a(R"({"query": "SELECT 1", "parameters": ["x"], "results": [], "row_count": 0, "error": null, "description": null})");
    const QByteArray other(R"({"query": "SELECT 1", "parameters": ["y"], "results": [], "row_count": 0, "error": null, "description": null})");
    const QByteArray b(R"({"query": "SELECT 2", "parameters": null, "results": [], "row_count": 0, "error": null, "description": null})");
    const QByteArray jsonl = a + '\n' + b + '\n' + other + '\n' + a + '\n' + b + '\n' + a + '\n';
    Timeline t;
    QVERIFY(TimelineIndexer::indexQueries(t, u"db/queries.jsonl"_qs, jsonl));
    QCOMPARE(t.count(), 6);
    SqlPresentation first = SqlPresentation::load(t, 0);
    QCOMPARE(first.replayedInsteadSeq, 5); // the last of three with this key
    QCOMPARE(first.replayedInsteadLine, 6);
    QCOMPARE(SqlPresentation::load(t, 3).replayedInsteadSeq, 5);
    QCOMPARE(SqlPresentation::load(t, 5).replayedInsteadSeq, -1); // it is the one replayed
    QCOMPARE(SqlPresentation::load(t, 2).replayedInsteadSeq, -1); // same query, other parameters: other key
    QCOMPARE(SqlPresentation::load(t, 1).replayedInsteadSeq, 4);
    QCOMPARE(SqlPresentation::load(t, 1).replayedInsteadLine, 5);
}

void TestPresentation::jsonTree()
{
    const Result<JsonValue> v = JsonValue::parse(R"({"fields": [{"nativeDataType": "int", "a b": 1.5}], "s": "x"})");
    QVERIFY(v);
    const JsonTree tree = JsonTree::build(*v);
    QCOMPARE(tree.size(), 6); // root, fields, [0], nativeDataType, "a b", s
    QCOMPARE(tree.nodes[1].key, u"fields"_qs);
    QCOMPARE(tree.nodes[1].type, JsonValue::Type::Array);
    QCOMPARE(tree.nodes[3].value, u"\"int\""_qs);
    QCOMPARE(tree.path(3), u"$.fields[0].nativeDataType"_qs);
    QCOMPARE(tree.path(4), u"$.fields[0]['a b']"_qs);
    QCOMPARE(tree.nodes[4].value, u"1.5"_qs);
    const JsonTree scalar = JsonTree::build(JsonValue::string(u"only"_qs));
    QCOMPARE(scalar.size(), 2);
    QCOMPARE(scalar.nodes[1].value, u"\"only\""_qs);
}

QTEST_GUILESS_MAIN(TestPresentation)
#include "tst_presentation.moc"
