// SPDX-License-Identifier: MIT
// Tests EntityModel and EntityBrowser (under QAbstractItemModelTester): the sample's MCPs grouped by URN
// and aspect with counts, leaves that give the MCP's seq, regrouping while indexing, the name filter.
#include "ui/timeline/entitybrowser.h"
#include "ui/timeline/entitymodel.h"
#include "guitestmain.h"
#include "timelinesupport.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTreeView>

using namespace tapedeck;

namespace {

const QString OrdersUrn
    = QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:looker,sales.explore.orders,PROD)");

QModelIndex findUrn(const QAbstractItemModel &model, const QString &urn)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.index(r, 0).data().toString() == urn)
            return model.index(r, 0);
    }
    return {};
}

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        if (model.index(r, 0, parent).data().toString() == name)
            return model.index(r, 0, parent);
    }
    return {};
}

// Builds and waits for the grouping.
bool build(EntityModel &model, std::shared_ptr<const Timeline> timeline)
{
    QSignalSpy rebuilt(&model, &EntityModel::rebuilt);
    model.setTimeline(std::move(timeline));
    return !rebuilt.isEmpty() || rebuilt.wait(10000);
}

} // namespace

class TestEntityModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void groupsTheSample();
    void leavesGiveSeqs();
    void repeatedAspectsHaveChildren();
    void regroupsWhileIndexing();
    void browserSelectsAndFilters();

private:
    std::shared_ptr<Timeline> m_sample;
};

void TestEntityModel::initTestCase()
{
    m_sample = test::sampleTimeline();
    QVERIFY(m_sample);
}

void TestEntityModel::groupsTheSample()
{
    EntityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(build(model, m_sample));
    const EntityIndex &e = model.entities();
    QCOMPARE(e.mcpCount, 24);
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(int(e.urns.size()), 7);
    // Sorted by URN; every URN's count is the sum of its aspects' counts, and they add up to every MCP.
    qsizetype total = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex urn = model.index(r, 0);
        if (r > 0)
            QVERIFY(model.index(r - 1, 0).data().toString() < urn.data().toString());
        qsizetype sum = 0;
        for (int a = 0; a < model.rowCount(urn); ++a)
            sum += model.index(a, EntityModel::CountColumn, urn).data().toLongLong();
        QCOMPARE(model.index(r, EntityModel::CountColumn).data().toLongLong(), sum);
        total += sum;
    }
    QCOMPARE(total, 24);
    const QModelIndex orders = findUrn(model, OrdersUrn);
    QVERIFY(orders.isValid());
    QCOMPARE(model.index(orders.row(), EntityModel::TypeColumn).data().toString(), QStringLiteral("dataset"));
    QCOMPARE(model.index(orders.row(), EntityModel::CountColumn).data().toLongLong(), 5);
    QStringList aspects;
    for (int a = 0; a < model.rowCount(orders); ++a)
        aspects.append(model.index(a, 0, orders).data().toString());
    QCOMPARE(aspects,
        QStringList({ QStringLiteral("browsePathsV2"), QStringLiteral("schemaMetadata"),
            QStringLiteral("status"), QStringLiteral("subTypes"), QStringLiteral("upstreamLineage") }));
    QCOMPARE(findUrn(model, QStringLiteral("urn:li:dashboard:(looker,dashboards.1)"))
                 .siblingAtColumn(EntityModel::CountColumn)
                 .data()
                 .toLongLong(),
        3);
    for (int c = 0; c < EntityModel::ColumnCount; ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
}

void TestEntityModel::leavesGiveSeqs()
{
    EntityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(build(model, m_sample));
    const QModelIndex orders = findUrn(model, OrdersUrn);
    QCOMPARE(model.data(orders, EntityModel::SeqRole).toLongLong(), -1); // a URN is not one MCP
    const QModelIndex schema = childNamed(model, orders, QStringLiteral("schemaMetadata"));
    QVERIFY(schema.isValid());
    QCOMPARE(model.rowCount(schema), 0); // written once: the aspect node is the leaf
    QCOMPARE(schema.data(EntityModel::SeqRole).toLongLong(), 14);
    QCOMPARE(schema.data(EntityModel::UrnRole).toString(), OrdersUrn);
    QCOMPARE(schema.data(EntityModel::AspectRole).toString(), QStringLiteral("schemaMetadata"));
    QCOMPARE(schema.data(EntityModel::NodeTypeRole).toInt(), int(EntityModel::AspectNode));
    QCOMPARE(schema.siblingAtColumn(EntityModel::TypeColumn).data().toString(), QStringLiteral("UPSERT"));
    QCOMPARE(model.indexOfSeq(14), schema);
    // Every MCP event is found, and only MCP events.
    for (qsizetype seq = 0; seq < m_sample->count(); ++seq) {
        const QModelIndex node = model.indexOfSeq(seq);
        QCOMPARE(node.isValid(), m_sample->record(seq).kind == EventKind::Mcp);
        if (node.isValid())
            QCOMPARE(node.data(EntityModel::SeqRole).toLongLong(), seq);
    }
}

void TestEntityModel::repeatedAspectsHaveChildren()
{
    auto timeline = std::make_shared<Timeline>();
    const auto mcp = [&](const QString &urn, const QString &aspect) {
        EventRecord r;
        r.kind = EventKind::Mcp;
        r.related = EventRecord::NoCarrier;
        timeline->append(r, { QStringLiteral("dataset"), urn, aspect, QStringLiteral("UPSERT"), QString() });
    };
    mcp(QStringLiteral("urn:b"), QStringLiteral("status"));
    mcp(QStringLiteral("urn:a"), QStringLiteral("status"));
    mcp(QStringLiteral("urn:b"), QStringLiteral("status"));
    mcp(QStringLiteral("urn:b"), QStringLiteral("ownership"));
    timeline->setComplete();
    EntityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(build(model, timeline));
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex b = model.index(1, 0);
    QCOMPARE(b.data().toString(), QStringLiteral("urn:b"));
    QCOMPARE(b.siblingAtColumn(EntityModel::CountColumn).data().toLongLong(), 3);
    const QModelIndex status = childNamed(model, b, QStringLiteral("status"));
    QCOMPARE(status.siblingAtColumn(EntityModel::CountColumn).data().toLongLong(), 2);
    QCOMPARE(status.data(EntityModel::SeqRole).toLongLong(), -1);
    QCOMPARE(model.rowCount(status), 2);
    QCOMPARE(model.index(0, 0, status).data(EntityModel::SeqRole).toLongLong(), 0);
    QCOMPARE(model.index(1, 0, status).data(EntityModel::SeqRole).toLongLong(), 2);
    QCOMPARE(model.index(1, 0, status).data().toString(), QStringLiteral("Event 2"));
    QCOMPARE(model.parent(model.index(1, 0, status)), status);
    QCOMPARE(model.indexOfSeq(2), model.index(1, 0, status));
    QCOMPARE(model.indexOfSeq(3), childNamed(model, b, QStringLiteral("ownership")));
}

void TestEntityModel::regroupsWhileIndexing()
{
    auto timeline = std::make_shared<Timeline>();
    EntityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(0);
    model.setTimeline(timeline); // nothing to group yet
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isBuilding());
    QSignalSpy rebuilt(&model, &EntityModel::rebuilt);
    for (int batch = 1; batch <= 3; ++batch) {
        for (int i = 0; i < 400; ++i)
            test::appendSynthetic(*timeline, qsizetype(batch - 1) * 400 + i);
        timeline->publish();
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(model.entities().mcpCount, qsizetype(batch) * 100, 10000);
        QCOMPARE(model.rowCount(), batch * 100); // one URN per synthetic MCP
    }
    QVERIFY(rebuilt.count() >= 3);
}

void TestEntityModel::browserSelectsAndFilters()
{
    EntityBrowser browser;
    browser.resize(500, 400);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    QAbstractItemModelTester tester(browser.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy rebuilt(browser.model(), &EntityModel::rebuilt);
    browser.setTimeline(m_sample);
    QVERIFY(!rebuilt.isEmpty() || rebuilt.wait(10000));
    auto *summary = browser.findChild<QLabel *>(QStringLiteral("entitySummary"));
    QVERIFY(summary);
    QCOMPARE(summary->text(),
        QStringLiteral("7 entities · %1 aspects · 24 MCPs").arg(browser.model()->entities().aspects.size()));

    // Selecting an aspect leaf reports its MCP; a URN does not.
    QSignalSpy selected(&browser, &EntityBrowser::mcpSelected);
    const QModelIndex orders = findUrn(*browser.proxy(), OrdersUrn);
    browser.view()->setCurrentIndex(orders);
    QCOMPARE(selected.count(), 0);
    browser.view()->expand(orders);
    browser.view()->setCurrentIndex(childNamed(*browser.proxy(), orders, QStringLiteral("schemaMetadata")));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last().at(0).value<qsizetype>(), 14);
    QCOMPARE(browser.currentSeq(), 14);

    // selectSeq() follows the timeline without echoing the signal.
    browser.selectSeq(25);
    QCOMPARE(browser.currentSeq(), 25);
    QCOMPARE(selected.count(), 1);
    browser.selectSeq(0); // not an MCP
    QCOMPARE(browser.currentSeq(), -1);

    // The filter keeps URNs with a matching aspect, and the aspect under them.
    QTest::keyClicks(browser.filterEdit(), QStringLiteral("upstreamLineage"));
    QCOMPARE(browser.proxy()->rowCount(), 1);
    QCOMPARE(browser.proxy()->index(0, 0).data().toString(), OrdersUrn);
    QCOMPARE(browser.proxy()->rowCount(browser.proxy()->index(0, 0)), 1);
    browser.filterEdit()->clear();
    QCOMPARE(browser.proxy()->rowCount(), 7);
    // A URN match keeps all of its aspects.
    QTest::keyClicks(browser.filterEdit(), QStringLiteral("dashboards.2"));
    QCOMPARE(browser.proxy()->rowCount(), 1);
    QCOMPARE(browser.proxy()->rowCount(browser.proxy()->index(0, 0)), 3);
}

TAPEDECK_GUI_TEST_MAIN(TestEntityModel)
#include "tst_entitymodel.moc"
