// SPDX-License-Identifier: MIT
// The one nesting rule (core/common/nesting.h) holds for every parser of untrusted input: each accepts
// exactly Nesting::MaxDepth levels, refuses one more, and says so in the same words.
#include "core/archive/manifest.h"
#include "core/archive/recipe.h"
#include "core/common/jsonvalue.h"
#include "core/common/nesting.h"
#include "core/diff/mcpscanner.h"
#include "core/recording/cassetteparser.h"
#include "core/recording/filterexpression.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/sqlquery.h"

#include <QTest>

using namespace tapedeck;
using namespace Qt::StringLiterals;

namespace {

// `levels` nested JSON arrays around a 1.
QByteArray jsonArrays(int levels)
{
    return QByteArray(levels, '[') + '1' + QByteArray(levels, ']');
}

// An MCP as the file sink writes it whose aspect holds `levels` levels in all (the file's list and the
// MCP's own objects count too).
QByteArray mcpFile(int levels)
{
    // [ {  "aspect": { "json": { "v": <arrays> } } } ]: 4 levels before the arrays.
    return "[{\"entityType\": \"dataset\", \"entityUrn\": \"urn:li:dataset:x\", \"changeType\": \"UPSERT\", "
           "\"aspectName\": \"status\", \"aspect\": {\"json\": {\"v\": "
        + jsonArrays(levels - 4) + "}}}]";
}

// A cassette whose first request body is a flow sequence reaching `levels` levels in all: the document's
// mapping, the interactions list, the interaction and the request are four.
QByteArray cassette(int levels)
{
    return "interactions:\n- request:\n    body: " + QByteArray(levels - 4, '[') + '1' + QByteArray(levels - 4, ']')
        + "\n    headers: {}\n    method: GET\n    uri: http://x/\n  response:\n    body: {string: ''}\n"
          "    headers: {}\n    status: {code: 200, message: OK}\nversion: 1\n";
}

} // namespace

class TestNesting : public QObject
{
    Q_OBJECT

private slots:
    void jsonAtTheLimitAndOneBeyond_data()
    {
        QTest::addColumn<int>("levels");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("at the limit") << Nesting::MaxDepth << true;
        QTest::newRow("one beyond") << Nesting::MaxDepth + 1 << false;
        QTest::newRow("far beyond") << 100000 << false;
    }

    void jsonAtTheLimitAndOneBeyond()
    {
        QFETCH(int, levels);
        QFETCH(bool, accepted);
        const QString tooDeep = Nesting::tooDeep();

        const Result<JsonValue> value = JsonValue::parse(jsonArrays(levels));
        QCOMPARE(bool(value), accepted);
        if (!accepted)
            QVERIFY2(value.error().message.contains(tooDeep), qPrintable(value.error().message));

        QString scanError;
        const std::optional<quint64> hash = McpScanner::hashJson(jsonArrays(levels), &scanError);
        QCOMPARE(hash.has_value(), accepted);
        if (!accepted)
            QVERIFY2(scanError.contains(tooDeep), qPrintable(scanError));

        QCOMPARE(Nesting::jsonTooDeepAt(jsonArrays(levels)), accepted ? -1 : qsizetype(Nesting::MaxDepth));

        // The manifest's object is one level.
        const Result<Manifest> manifest
            = Manifest::parse("{\"run_id\": \"r\", \"x\": " + jsonArrays(levels - 1) + "}", u"manifest.json"_s);
        QCOMPARE(bool(manifest), accepted);
        if (!accepted)
            QVERIFY2(manifest.error().message.contains(tooDeep), qPrintable(manifest.error().message));

        // A queries.jsonl record's object is one level; its parameters hold the rest.
        const Result<SqlQuery> query = QueryLog::parseLine(QByteArray(
            "{\"query\": \"SELECT 1\", \"parameters\": " + jsonArrays(levels - 1) + ", \"results\": []}"));
        if (accepted) {
            QVERIFY2(query, qPrintable(query ? QString() : query.error().message));
        } else {
            // Refused as a whole line, or the parameters left out with a warning naming the limit.
            const QString said = query ? query.value().warnings.join(u'\n') : query.error().message;
            QVERIFY2(said.contains(tooDeep), qPrintable(said));
        }

        QStringList warnings;
        std::optional<Error> fault;
        const Result<QList<McpRecord>> mcps = McpExtractor::fromFile(mcpFile(levels), u"mcps.json"_s, &warnings, &fault);
        if (accepted) {
            QVERIFY2(mcps && mcps.value().size() == 1 && !fault, qPrintable(warnings.join(u'\n')));
        } else {
            const QString said = !mcps ? mcps.error().message
                : fault                ? fault->message
                                       : warnings.join(u'\n');
            QVERIFY2(said.contains(tooDeep), qPrintable(said));
        }
    }

    void yamlFilterAndRecipeSayTheSame()
    {
        const QString tooDeep = Nesting::tooDeep();

        int interactions = 0;
        CassetteSummary summary = CassetteParser::parse(cassette(Nesting::MaxDepth), u"c.yaml"_s,
            [&](CassetteInteraction &&) { ++interactions; return true; });
        QVERIFY2(!summary.fault, qPrintable(summary.fault ? summary.fault->message : QString()));
        QCOMPARE(interactions, 1);
        interactions = 0;
        summary = CassetteParser::parse(cassette(Nesting::MaxDepth + 1), u"c.yaml"_s,
            [&](CassetteInteraction &&) { ++interactions; return true; });
        QVERIFY(summary.fault);
        QVERIFY2(summary.fault->message.contains(tooDeep), qPrintable(summary.fault->message));
        QCOMPARE(interactions, 0);

        const QByteArray recipeHead = "source:\n  type: looker\n  config: ";
        // The recipe's mapping and the source's: two levels before the flow.
        const auto recipe = [&](int levels) -> QByteArray {
            return recipeHead + QByteArray(levels - 2, '[') + '1' + QByteArray(levels - 2, ']') + '\n';
        };
        QVERIFY(Recipe::parse(recipe(Nesting::MaxDepth), u"recipe.yaml"_s));
        const Result<Recipe> deep = Recipe::parse(recipe(Nesting::MaxDepth + 1), u"recipe.yaml"_s);
        QVERIFY(!deep);
        QVERIFY2(deep.error().message.contains(tooDeep), qPrintable(deep.error().message));

        const auto filter = [](int levels) -> QString {
            return QString(levels, u'(') + u"kind:http"_s + QString(levels, u')');
        };
        QVERIFY(FilterExpression::parse(filter(Nesting::MaxDepth)));
        const Result<FilterExpression> deepFilter = FilterExpression::parse(filter(Nesting::MaxDepth + 1));
        QVERIFY(!deepFilter);
        QVERIFY2(deepFilter.error().message.contains(tooDeep), qPrintable(deepFilter.error().message));
    }
};

QTEST_GUILESS_MAIN(TestNesting)
#include "tst_nesting.moc"
