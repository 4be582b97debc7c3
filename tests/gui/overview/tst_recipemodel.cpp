// SPDX-License-Identifier: MIT
// Tests RecipeModel: model invariants under QAbstractItemModelTester, tree shape, redacted secrets, the
// sample.
#include "ui/overview/recipemodel.h"
#include "core/recording/recording.h"
#include "guitestmain.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QTest>

using namespace tapedeck;

namespace {

const QByteArray RecipeYaml = R"(pipeline_name: demo
source:
  type: looker
  config:
    base_url: https://looker.example
    client_secret: __REPLAY_DUMMY__
    dashboard_pattern:
      allow:
        - "sales_.*"
        - "finance_.*"
    owner: ~
    description: |
      first line
      second line
sink:
  type: datahub-rest
  config:
    token: __REPLAY_DUMMY__
    headers:
      - __REPLAY_DUMMY__
)";

Recipe parse(const QByteArray &yaml)
{
    Result<Recipe> recipe = Recipe::parse(yaml, QStringLiteral("test/recipe.yaml"));
    if (!recipe)
        qFatal("recipe does not parse: %s", qPrintable(recipe.error().message));
    return std::move(recipe).value();
}

// The index whose key column reads key, below parent.
QModelIndex child(const QAbstractItemModel &model, const QModelIndex &parent, const QString &key)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, RecipeModel::KeyColumn, parent);
        if (index.data().toString() == key)
            return index;
    }
    return {};
}

QModelIndex at(const QAbstractItemModel &model, const QStringList &keys)
{
    QModelIndex index;
    for (const QString &key : keys) {
        index = child(model, index, key);
        if (!index.isValid())
            return {};
    }
    return index;
}

QString value(const QModelIndex &keyIndex)
{
    return keyIndex.siblingAtColumn(RecipeModel::ValueColumn).data().toString();
}

void collectDummies(const QAbstractItemModel &model, const QModelIndex &parent, QStringList &out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex key = model.index(row, RecipeModel::KeyColumn, parent);
        const QModelIndex valueIndex = key.siblingAtColumn(RecipeModel::ValueColumn);
        if (valueIndex.data(RecipeModel::ReplayDummyRole).toBool())
            out << valueIndex.data(RecipeModel::PathRole).toString();
        collectDummies(model, key, out);
    }
}

} // namespace

class TestRecipeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester();
    void treeShape();
    void redactedSecretsAreMarked();
    void emptyAndScalarRecipes();
    void sampleRecipe();
};

void TestRecipeModel::passesModelTester()
{
    RecipeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecipe(parse(RecipeYaml));
    QCOMPARE(model.rowCount(), 3);
    model.setRecipe(std::nullopt);
    QCOMPARE(model.rowCount(), 0);
    model.setRecipe(parse(RecipeYaml));
    QCOMPARE(model.columnCount(), int(RecipeModel::ColumnCount));
}

void TestRecipeModel::treeShape()
{
    RecipeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecipe(parse(RecipeYaml));

    QCOMPARE(model.index(0, RecipeModel::KeyColumn).data().toString(), QStringLiteral("pipeline_name"));
    QCOMPARE(value(model.index(0, RecipeModel::KeyColumn)), QStringLiteral("demo"));

    const QModelIndex config = at(model, { QStringLiteral("source"), QStringLiteral("config") });
    QVERIFY(config.isValid());
    QCOMPARE(model.rowCount(config), 5);
    QCOMPARE(value(config), QStringLiteral("5 keys"));
    QCOMPARE(config.parent(), at(model, { QStringLiteral("source") }));
    // Only column 0 has children.
    QCOMPARE(model.rowCount(config.siblingAtColumn(RecipeModel::ValueColumn)), 0);

    const QModelIndex allow = at(model,
        { QStringLiteral("source"), QStringLiteral("config"), QStringLiteral("dashboard_pattern"),
            QStringLiteral("allow") });
    QVERIFY(allow.isValid());
    QCOMPARE(value(allow), QStringLiteral("2 items"));
    QCOMPARE(model.index(1, RecipeModel::KeyColumn, allow).data().toString(), QStringLiteral("[1]"));
    QCOMPARE(value(model.index(1, RecipeModel::KeyColumn, allow)), QStringLiteral("finance_.*"));
    QCOMPARE(model.index(1, RecipeModel::ValueColumn, allow).data(RecipeModel::PathRole).toString(),
        QStringLiteral("source.config.dashboard_pattern.allow[1]"));

    QCOMPARE(
        value(at(model, { QStringLiteral("source"), QStringLiteral("config"), QStringLiteral("owner") })),
        QStringLiteral("null"));
    // Multi-line scalars stay on one line in the cell; the tooltip has them in full.
    const QModelIndex description
        = at(model, { QStringLiteral("source"), QStringLiteral("config"), QStringLiteral("description") });
    QCOMPARE(value(description), QStringLiteral("first line ⏎ second line"));
    QVERIFY(description.siblingAtColumn(RecipeModel::ValueColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("first line\nsecond line")));

    QCOMPARE(model.headerData(RecipeModel::KeyColumn, Qt::Horizontal).toString(), QStringLiteral("Key"));
    QCOMPARE(model.headerData(RecipeModel::ValueColumn, Qt::Horizontal).toString(), QStringLiteral("Value"));
}

void TestRecipeModel::redactedSecretsAreMarked()
{
    const Recipe recipe = parse(RecipeYaml);
    RecipeModel model;
    model.setRecipe(recipe);
    QCOMPARE(model.replayDummyCount(), 3);

    QStringList marked;
    collectDummies(model, {}, marked);
    QStringList expected = recipe.replayDummyPaths();
    marked.sort();
    expected.sort();
    QCOMPARE(marked, expected);
    QCOMPARE(marked,
        (QStringList { QStringLiteral("sink.config.headers[0]"), QStringLiteral("sink.config.token"),
            QStringLiteral("source.config.client_secret") }));

    const QModelIndex secret
        = at(model, { QStringLiteral("source"), QStringLiteral("config"), QStringLiteral("client_secret") })
              .siblingAtColumn(RecipeModel::ValueColumn);
    QCOMPARE(secret.data().toString(), QStringLiteral("__REPLAY_DUMMY__"));
    QVERIFY(!secret.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(secret.data(Qt::ForegroundRole).isValid());
    QVERIFY2(secret.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Secret redacted by DataHub")),
        qPrintable(secret.data(Qt::ToolTipRole).toString()));

    // Ordinary values carry no marker.
    const QModelIndex url
        = at(model, { QStringLiteral("source"), QStringLiteral("config"), QStringLiteral("base_url") })
              .siblingAtColumn(RecipeModel::ValueColumn);
    QVERIFY(!url.data(RecipeModel::ReplayDummyRole).toBool());
    QVERIFY(!url.data(Qt::DecorationRole).isValid());
    QVERIFY(!url.data(Qt::ToolTipRole).toString().contains(QStringLiteral("redacted")));
}

void TestRecipeModel::emptyAndScalarRecipes()
{
    RecipeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.hasRecipe());
    QCOMPARE(model.rowCount(), 0);

    model.setRecipe(parse("just a scalar\n"));
    QVERIFY(model.hasRecipe());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(value(model.index(0, 0)), QStringLiteral("just a scalar"));

    model.setRecipe(parse("{}\n"));
    QCOMPARE(model.rowCount(), 0);
}

void TestRecipeModel::sampleRecipe()
{
    auto source = RecordingSource::open(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.zip"));
    QVERIFY(source.ok());
    QVERIFY(source.value()->unlock(QStringLiteral("tapedeck-sample")).ok());
    const Result<Recording> recording = Recording::load(*source.value());
    QVERIFY(recording.ok());
    QVERIFY(recording->recipe.has_value());

    RecipeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecipe(recording->recipe);
    QCOMPARE(model.rowCount(), 4); // pipeline_name, recording, sink, source
    QCOMPARE(
        value(at(model, { QStringLiteral("source"), QStringLiteral("type") })), QStringLiteral("looker"));
    QCOMPARE(
        value(at(model, { QStringLiteral("source"), QStringLiteral("config"), QStringLiteral("client_id") })),
        QStringLiteral("Yq3kTnH7sFbW2cXv9RpM"));
    QStringList marked;
    collectDummies(model, {}, marked);
    marked.sort();
    QCOMPARE(marked,
        (QStringList { QStringLiteral("recording.password"), QStringLiteral("sink.config.token"),
            QStringLiteral("source.config.client_secret") }));
}

TAPEDECK_GUI_TEST_MAIN(TestRecipeModel)
#include "tst_recipemodel.moc"
