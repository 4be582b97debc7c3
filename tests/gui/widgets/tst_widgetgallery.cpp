// SPDX-License-Identifier: MIT
// Renders the timeline and detail widgets with the sample (filter in use, one event of each kind, a filter
// error, the entity browser), in the light and a dark palette, to PNG files for a look by eye: into
// $TAPEDECK_SHOT_DIR when set, else a temporary folder. The checks are that each render has content.
#include "ui/details/detailstack.h"
#include "ui/timeline/entitybrowser.h"
#include "ui/timeline/entitymodel.h"
#include "ui/timeline/filterbar.h"
#include "ui/details/httpdetailpane.h"
#include "ui/details/mcpdetailpane.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"
#include "guitestmain.h"
#include "timelinesupport.h"

#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

using namespace tapedeck;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return p;
}

bool waitLoaded(DetailStack &stack, qsizetype seq)
{
    QSignalSpy loaded(&stack, &DetailStack::loaded);
    stack.setEvent(seq);
    for (int i = 0; i < 100; ++i) {
        for (const QList<QVariant> &args : std::as_const(loaded)) {
            if (args.at(0).value<qsizetype>() == seq)
                return true;
        }
        loaded.wait(100);
    }
    return false;
}

} // namespace

class TestWidgetGallery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void render_data();
    void render();

private:
    void save(QWidget &widget, const QString &name);

    std::shared_ptr<Timeline> m_sample;
    QTemporaryDir m_temporary;
    QString m_dir;
};

void TestWidgetGallery::initTestCase()
{
    m_sample = test::sampleTimeline();
    QVERIFY(m_sample);
    m_dir = qEnvironmentVariable("TAPEDECK_SHOT_DIR");
    if (m_dir.isEmpty())
        m_dir = m_temporary.path();
    QVERIFY(QDir().mkpath(m_dir));
}

void TestWidgetGallery::save(QWidget &widget, const QString &name)
{
    QApplication::processEvents();
    const QImage image = widget.grab().toImage();
    QVERIFY(!image.isNull());
    // Content, not one flat colour.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(name));
    const QString path = m_dir + QLatin1Char('/') + name + QStringLiteral(".png");
    QVERIFY(image.save(path));
    qInfo("wrote %s", qPrintable(path));
}

void TestWidgetGallery::render_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
}

void TestWidgetGallery::render()
{
    QFETCH(bool, dark);
    const QPalette original = QApplication::palette();
    if (dark)
        QApplication::setPalette(darkPalette());
    const QString suffix = dark ? QStringLiteral("-dark") : QString();

    // The timeline beside the detail pane, as the main window will show them.
    QSplitter window;
    window.resize(1500, 820);
    auto *left = new QSplitter(Qt::Vertical, &window);
    auto *panel = new TimelinePanel(left);
    auto *entities = new EntityBrowser(left);
    auto *stack = new DetailStack(&window);
    window.addWidget(left);
    window.addWidget(stack);
    window.setSizes({ 820, 680 });
    left->setSizes({ 560, 260 });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    panel->setTimeline(m_sample);
    stack->setTimeline(m_sample);
    QSignalSpy rebuilt(entities->model(), &EntityModel::rebuilt);
    entities->setTimeline(m_sample);
    QVERIFY(!rebuilt.isEmpty() || rebuilt.wait(5000));
    entities->view()->expandToDepth(0);

    QVERIFY(panel->selectSeq(11));
    QVERIFY(waitLoaded(*stack, 11));
    stack->httpPane()->tabs()->setCurrentIndex(HttpDetailPane::RequestTab);
    save(window, QStringLiteral("timeline-http") + suffix);

    panel->filterBar()->setFilterText(QStringLiteral("kind:sql or status:>=400"));
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 6, 5000);
    QVERIFY(panel->selectSeq(40));
    QVERIFY(waitLoaded(*stack, 40));
    save(window, QStringLiteral("timeline-sql-filtered") + suffix);

    panel->filterBar()->setFilterText(QStringLiteral("urn:*orders*"));
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 5, 5000);
    QVERIFY(panel->selectSeq(14));
    entities->selectSeq(14);
    QVERIFY(waitLoaded(*stack, 14));
    save(window, QStringLiteral("timeline-mcp") + suffix);
    stack->mcpPane()->tabs()->setCurrentIndex(McpDetailPane::JsonTab);
    save(*stack, QStringLiteral("mcp-json") + suffix);

    QVERIFY(waitLoaded(*stack, 10));
    stack->httpPane()->tabs()->setCurrentIndex(HttpDetailPane::ResponseTab);
    save(*stack, QStringLiteral("http-image") + suffix);
    QVERIFY(waitLoaded(*stack, 39));
    save(*stack, QStringLiteral("sql-error") + suffix);

    // A filter that does not parse.
    auto *filter = panel->filterBar()->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("kind:http stauts:404"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->filterBar()->filterError().has_value(), 5000);
    save(*panel, QStringLiteral("filter-error") + suffix);

    QApplication::setPalette(original);
}

TAPEDECK_GUI_TEST_MAIN(TestWidgetGallery)
#include "tst_widgetgallery.moc"
