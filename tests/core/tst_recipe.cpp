// SPDX-License-Identifier: MIT
// Tests recipe.yaml parsing into a display tree with DataHub's redaction markers found.
#include "core/archive/recipe.h"
#include "core/common/nesting.h"

#include <QTest>

using namespace tapedeck;

class TestRecipe : public QObject
{
    Q_OBJECT

private slots:
    void buildsTreeAndFindsSecrets()
    {
        // Shaped like yaml.dump(recipe, default_flow_style=False), which is what DataHub stores.
        const QByteArray yaml = "pipeline_name: looker-prod\n"
                                "sink:\n"
                                "  config:\n"
                                "    server: http://gms:8080\n"
                                "    token: __REPLAY_DUMMY__\n"
                                "  type: datahub-rest\n"
                                "source:\n"
                                "  config:\n"
                                "    client_secret: __REPLAY_DUMMY__\n"
                                "    headers:\n"
                                "    - plain\n"
                                "    - '__REPLAY_DUMMY__'\n"
                                "    port: 443\n"
                                "    empty:\n"
                                "    title: \"Umsätze 売上\"\n"
                                "  type: looker\n";
        const Result<Recipe> r = Recipe::parse(yaml, QStringLiteral("recipe.yaml"));
        QVERIFY(r.ok());
        QCOMPARE(r->root.type, RecipeNode::Type::Mapping);
        QCOMPARE(r->root.children.size(), 3);
        QCOMPARE(r->scalar(QStringLiteral("source.type")), QStringLiteral("looker"));
        QCOMPARE(r->scalar(QStringLiteral("sink.type")), QStringLiteral("datahub-rest"));
        QCOMPARE(r->scalar(QStringLiteral("source.config.title")), QStringLiteral("Umsätze 売上"));
        QCOMPARE(r->scalar(QStringLiteral("source.config.port")), QStringLiteral("443"));
        QCOMPARE(r->scalar(QStringLiteral("nope.nothing")), QString());
        QCOMPARE(r->replayDummyPaths(),
            (QStringList { QStringLiteral("sink.config.token"), QStringLiteral("source.config.client_secret"),
                QStringLiteral("source.config.headers[1]") }));
        const RecipeNode &source = r->root.children.at(2);
        QCOMPARE(source.key, QStringLiteral("source"));
        QCOMPARE(source.line, 7);
        const RecipeNode &config = source.children.at(0);
        const auto empty = std::find_if(config.children.cbegin(), config.children.cend(),
            [](const RecipeNode &n) { return n.key == QLatin1String("empty"); });
        QVERIFY(empty != config.children.cend());
        QVERIFY(empty->isNull());
        const auto secret = std::find_if(config.children.cbegin(), config.children.cend(),
            [](const RecipeNode &n) { return n.key == QLatin1String("client_secret"); });
        QVERIFY(secret->isReplayDummy());
        QVERIFY(!config.children.at(0).isNull());
    }

    void flowStyleAndAliases()
    {
        const Result<Recipe> r
            = Recipe::parse("base: &b {a: 1, b: [x, y]}\ncopy: *b\n", QStringLiteral("recipe.yaml"));
        QVERIFY(r.ok());
        QCOMPARE(r->root.children.size(), 2);
        QCOMPARE(r->root.children.at(1).key, QStringLiteral("copy"));
        QCOMPARE(r->root.children.at(1).children.size(), 2);
        QCOMPARE(r->scalar(QStringLiteral("copy.a")), QStringLiteral("1"));
    }

    void emptyDocumentIsEmptyRecipe()
    {
        const Result<Recipe> r = Recipe::parse(QByteArray(), QStringLiteral("recipe.yaml"));
        QVERIFY(r.ok());
        QVERIFY(r->root.children.isEmpty());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::addRow("bad indentation")
            << QByteArray("source:\n  type: looker\n config: 1\n") << QStringLiteral("line 3");
        QTest::addRow("unclosed quote") << QByteArray("a: 'open\nb: 2\n") << QStringLiteral("line 3");
        QTest::addRow("tab indentation") << QByteArray("a:\n\tb: 1\n") << QStringLiteral("line 2");
        QTest::addRow("undefined alias") << QByteArray("a: *nothing\n") << QStringLiteral("undefined alias");
        QTest::addRow("billion laughs") << QByteArray("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                                                      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                                                      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                                                      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                                                      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                                                      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n")
                                        << QStringLiteral("aliases that expand to more than 4.0 MiB at once");
        QTest::addRow("100,000 deep") << "source: " + QByteArray(100'000, '[') + QByteArray(100'000, ']')
                + "\n" << QStringLiteral("nesting deeper than 1000 levels (line 1)");
        QTest::addRow("one level too deep") << "a: 1\nsource: " + QByteArray(Nesting::MaxDepth, '[')
                + QByteArray(Nesting::MaxDepth, ']')
                + "\n" << QStringLiteral("nesting deeper than 1000 levels (line 2)");
        QTest::addRow("too deep through an alias") << "a: &a " + QByteArray(600, '[') + QByteArray(600, ']')
                + "\nb: " + QByteArray(500, '[') + "*a" + QByteArray(500, ']')
                + "\n" << QStringLiteral("nesting deeper than 1000 levels (line 2)");
    }

    void nestingAtTheLimit()
    {
        // The root mapping is level 1: 999 more levels are read, as in every other parser.
        const QByteArray yaml = "source: " + QByteArray(Nesting::MaxDepth - 1, '[')
            + QByteArray(Nesting::MaxDepth - 1, ']') + "\n";
        const Result<Recipe> r = Recipe::parse(yaml, QStringLiteral("recipe.yaml"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    }

    void nodesAreCountedOnce()
    {
        // 900 levels over 2,000 values: about 3,000 nodes, each counted once (not again for every level
        // above it, which made this "more than 1000000 nodes").
        QByteArray values;
        for (int k = 0; k < 2000; ++k)
            values += (k ? ", " : "") + QByteArray::number(k);
        const QByteArray yaml = "source: " + QByteArray(900, '[') + values + QByteArray(900, ']') + "\n";
        const Result<Recipe> r = Recipe::parse(yaml, QStringLiteral("recipe.yaml"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const RecipeNode *node = &r->root.children.at(0);
        for (int k = 1; k < 900; ++k)
            node = &node->children.at(0);
        QCOMPARE(node->children.size(), 2000);
    }

    void malformed()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const Result<Recipe> r = Recipe::parse(yaml, QStringLiteral("rec.zip/recipe.yaml"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(
            r.error().message.contains(QLatin1String("rec.zip/recipe.yaml")), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRecipe)
#include "tst_recipe.moc"
