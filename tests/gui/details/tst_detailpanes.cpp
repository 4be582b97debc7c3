// SPDX-License-Identifier: MIT
// Tests the detail panes on the sample, one event of each kind and the odd ones: HTTP request line, headers,
// pretty and highlighted JSON, image preview, hex view, decoded/raw bodies, Copy as cURL and Copy body; SQL
// query, parameters, rows (column names from the description, bytes as hex) and error; MCP fields, the
// aspect as a tree and as text, and the link to the request that carried it. Models run under
// QAbstractItemModelTester.
#include "ui/details/bodyview.h"
#include "ui/widgets/codeview.h"
#include "core/recording/curlcommand.h"
#include "ui/details/detailstack.h"
#include "ui/widgets/hexview.h"
#include "ui/details/httpdetailpane.h"
#include "ui/details/jsontreemodel.h"
#include "ui/details/mcpdetailpane.h"
#include "ui/details/sqldetailpane.h"
#include "ui/details/sqlrowsmodel.h"
#include "ui/widgets/themecolors.h"
#include "guitestmain.h"
#include "jobsupport.h"
#include "timelinesupport.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace tapedeck;

namespace {

// Whether some text of the document is drawn in the colour the highlighter uses for `style`.
bool hasStyle(const CodeView *view, SyntaxStyle style)
{
    if (!view->highlighter())
        return false;
    const QColor wanted = view->highlighter()->theme().format(style).foreground().color();
    for (QTextBlock block = view->document()->begin(); block.isValid(); block = block.next()) {
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (range.format.foreground().color() == wanted)
                return true;
        }
    }
    return false;
}

QString labelText(const QWidget *parent, const QString &name)
{
    const auto *label = parent->findChild<QLabel *>(name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

QString fieldText(const QWidget *parent, const QString &name)
{
    const auto *field = parent->findChild<QLineEdit *>(name);
    return field ? field->text() : QStringLiteral("<no field %1>").arg(name);
}

} // namespace

class TestDetailPanes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stackPicksPaneByKind();
    void httpJsonEvent();
    void httpCarriedMcps();
    void httpImageAndHex();
    void largeImageIsPreviewedScaled();
    void httpFailedEvent();
    void decodedAndRawBody();
    void binaryBodyShowsHex();
    void sqlEventWithRows();
    void sqlBytesColumnAndParameters();
    void sqlErrorEvent();
    void mcpEvent();
    void mcpFromFileSinkHasNoCarrier();
    void newestEventWins();

private:
    bool show(qsizetype seq);

    std::shared_ptr<Timeline> m_sample;
    std::unique_ptr<DetailStack> m_stack;
};

void TestDetailPanes::initTestCase()
{
    m_sample = test::sampleTimeline();
    QVERIFY(m_sample);
}

void TestDetailPanes::init()
{
    m_stack = std::make_unique<DetailStack>();
    m_stack->resize(900, 700);
    m_stack->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_stack.get()));
    m_stack->setTimeline(m_sample);
}

void TestDetailPanes::cleanup()
{
    m_stack.reset();
}

// Shows an event and waits until it is loaded (a quick load may finish before setEvent() returns).
bool TestDetailPanes::show(qsizetype seq)
{
    QSignalSpy loaded(m_stack.get(), &DetailStack::loaded);
    m_stack->setEvent(seq);
    const auto done = [&] {
        for (const QList<QVariant> &args : loaded) {
            if (args.at(0).value<qsizetype>() == seq)
                return true;
        }
        return false;
    };
    for (int i = 0; i < 100 && !done(); ++i)
        loaded.wait(100);
    return done() && !m_stack->currentPane()->isLoading();
}

void TestDetailPanes::stackPicksPaneByKind()
{
    auto *placeholder = m_stack->findChild<QLabel *>(QStringLiteral("detailPlaceholder"));
    QCOMPARE(m_stack->currentWidget(), placeholder);
    QVERIFY(show(0));
    QCOMPARE(m_stack->currentWidget(), m_stack->httpPane());
    QCOMPARE(m_stack->currentSeq(), 0);
    QVERIFY(show(36));
    QCOMPARE(m_stack->currentWidget(), m_stack->sqlPane());
    QVERIFY(show(14));
    QCOMPARE(m_stack->currentWidget(), m_stack->mcpPane());
    m_stack->setEvent(-1);
    QCOMPARE(m_stack->currentWidget(), placeholder);
    QCOMPARE(m_stack->currentPane(), nullptr);
    m_stack->setEvent(41); // past the end
    QCOMPARE(m_stack->currentWidget(), placeholder);
}

void TestDetailPanes::httpJsonEvent()
{
    QVERIFY(show(0));
    HttpDetailPane *pane = m_stack->httpPane();
    QCOMPARE(labelText(pane, QStringLiteral("detailTitle")), QStringLiteral("Event 0 · HTTP 1 of 12"));
    QVERIFY(labelText(pane, QStringLiteral("detailLocation"))
                .endsWith(QStringLiteral("http/cassette.yaml, line 2")));
    QCOMPARE(labelText(pane, QStringLiteral("httpMethod")), QStringLiteral("GET"));
    QCOMPARE(fieldText(pane, QStringLiteral("httpUrl")),
        QStringLiteral("http://datahub-gms.acme-corp.example:8080/config"));
    QCOMPARE(labelText(pane, QStringLiteral("httpStatus")), QStringLiteral("200 OK"));
    // Headers, in recorded order.
    QCOMPARE(pane->requestHeaders()->topLevelItemCount(), 8);
    QCOMPARE(pane->requestHeaders()->topLevelItem(0)->text(0), QStringLiteral("Accept"));
    QCOMPARE(pane->requestHeaders()->topLevelItem(0)->text(1), QStringLiteral("*/*"));
    QCOMPARE(pane->responseHeaders()->topLevelItemCount(), 4);
    QCOMPARE(pane->responseHeaders()->topLevelItem(1)->text(0), QStringLiteral("Content-Type"));
    QCOMPARE(pane->tabs()->tabText(HttpDetailPane::ResponseTab), QStringLiteral("Response (4 headers)"));
    // The request body was null; the response is pretty, highlighted JSON.
    QCOMPARE(pane->requestBody()->body().shape, BodyPreview::Shape::Null);
    QCOMPARE(pane->requestBody()->mode(), BodyView::Mode::Message);
    BodyView *response = pane->responseBody();
    QCOMPARE(response->body().shape, BodyPreview::Shape::Json);
    QCOMPARE(response->mode(), BodyView::Mode::Pretty);
    QCOMPARE(response->availableModes(),
        QList<BodyView::Mode>({ BodyView::Mode::Pretty, BodyView::Mode::Text, BodyView::Mode::Hex }));
    const QString pretty = response->codeView()->toPlainText();
    QVERIFY2(pretty.startsWith(QStringLiteral("{\n  \"models\": {},\n  \"patchCapable\": true,")),
        qPrintable(pretty.left(80)));
    QCOMPARE(response->codeView()->language(), SyntaxLanguage::Json);
    QVERIFY(response->codeView()->highlighter());
    response->codeView()->highlighter()->rehighlight();
    QVERIFY(hasStyle(response->codeView(), SyntaxStyle::Key));
    QVERIFY(hasStyle(response->codeView(), SyntaxStyle::String));
    QVERIFY(hasStyle(response->codeView(), SyntaxStyle::Literal));
    // As recorded (Text) and as bytes (Hex).
    response->setMode(BodyView::Mode::Text);
    QCOMPARE(response->codeView()->toPlainText(), QString::fromUtf8(response->body().body.content));
    response->setMode(BodyView::Mode::Hex);
    QCOMPARE(response->hexView()->data().size(), 458);

    // Copy as cURL and Copy body.
    QClipboard *clipboard = QApplication::clipboard();
    pane->findChild<QToolButton *>(QStringLiteral("copyCurlButton"))->click();
    const QString curl = clipboard->text();
    QCOMPARE(curl, CurlCommand::build(pane->detail().exchange));
    QVERIFY(curl.startsWith(QStringLiteral("curl http://datahub-gms.acme-corp.example:8080/config")));
    QVERIFY(curl.contains(QStringLiteral("-H 'X-RestLi-Protocol-Version: 2.0.0'")));
    QVERIFY(curl.contains(QStringLiteral("--compressed")));
    QVERIFY(!curl.contains(QStringLiteral("--data-binary")));
    response->findChild<QToolButton *>(QStringLiteral("copyBodyButton"))->click();
    QCOMPARE(clipboard->text().toUtf8(), response->body().body.content);
}

void TestDetailPanes::httpCarriedMcps()
{
    QSignalSpy requested(m_stack.get(), &DetailStack::eventRequested);
    QVERIFY(show(11));
    HttpDetailPane *pane = m_stack->httpPane();
    QCOMPARE(pane->detail().mcps.size(), 23);
    QCOMPARE(pane->detail().mcps.first(), 12);
    QCOMPARE(pane->detail().mcps.last(), 34);
    auto *carried = pane->findChild<QLabel *>(QStringLiteral("carriedMcps"));
    QVERIFY(carried->text().startsWith(QStringLiteral("Carried 23 MCPs:")));
    QVERIFY(carried->text().contains(QStringLiteral("href=\"event:12\"")));
    Q_EMIT carried->linkActivated(QStringLiteral("event:14"));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.last().at(0).value<qsizetype>(), 14);
    // The POST body is pretty JSON too, with the carried proposals.
    BodyView *request = pane->requestBody();
    QCOMPARE(request->body().shape, BodyPreview::Shape::Json);
    QVERIFY(request->codeView()->toPlainText().contains(QStringLiteral("\n  \"proposals\": [\n    {\n")));
    QVERIFY(pane->curlCommand().contains(QStringLiteral("--data-binary '{")));
    QVERIFY(!pane->curlCommand().contains(QStringLiteral("Content-Length")));
}

void TestDetailPanes::httpImageAndHex()
{
    QVERIFY(show(10));
    BodyView *response = m_stack->httpPane()->responseBody();
    QCOMPARE(response->body().shape, BodyPreview::Shape::Image);
    QCOMPARE(response->mode(), BodyView::Mode::Image);
    QCOMPARE(
        response->availableModes(), QList<BodyView::Mode>({ BodyView::Mode::Image, BodyView::Mode::Hex }));
    QCOMPARE(response->imageLabel()->pixmap().size(), QSize(48, 32));
    QVERIFY(response->findChild<QLabel *>(QStringLiteral("bodySummary"))
                ->text()
                .contains(QStringLiteral("48 × 32")));
    response->setMode(BodyView::Mode::Hex);
    QCOMPARE(response->hexView()->data().size(), 3025);
    QCOMPARE(response->hexView()->lineText(0),
        QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|"));
    // Copy body puts the image itself on the clipboard.
    response->copyBody();
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    QVERIFY(mime);
    QCOMPARE(mime->data(QStringLiteral("image/png")).size(), 3025);
    QVERIFY(mime->hasImage());
}

void TestDetailPanes::largeImageIsPreviewedScaled()
{
    QImage big(3000, 120, QImage::Format_RGB32);
    big.fill(Qt::darkCyan);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(big.save(&buffer, "PNG"));
    const BodyPreview body
        = BodyPreview::inspect(png, { { QStringLiteral("Content-Type"), QStringLiteral("image/png") } });
    QCOMPARE(body.shape, BodyPreview::Shape::Image);
    QCOMPARE(body.imageSize, QSize(3000, 120));
    QCOMPARE(body.image.width(), BodyPreview::MaxPreviewSide);
    QVERIFY(body.summary().contains(QStringLiteral("3000 × 120 pixels, previewed at 2048 × ")));
    BodyView view;
    view.setBody(body);
    QCOMPARE(view.imageLabel()->pixmap().width(), BodyPreview::MaxPreviewSide);
    view.copyBody(); // the PNG as recorded, not the preview
    QCOMPARE(QApplication::clipboard()->mimeData()->data(QStringLiteral("image/png")), png);
    QVERIFY(!QApplication::clipboard()->mimeData()->hasImage());
}

void TestDetailPanes::httpFailedEvent()
{
    QVERIFY(show(35));
    HttpDetailPane *pane = m_stack->httpPane();
    auto *status = pane->findChild<QLabel *>(QStringLiteral("httpStatus"));
    QCOMPARE(status->text(), QStringLiteral("500 Internal Server Error"));
    QCOMPARE(status->palette().color(QPalette::WindowText), ThemeColors::from(pane->palette()).errorText);
    QVERIFY(pane->detail().failed);
}

void TestDetailPanes::decodedAndRawBody()
{
    // A deflate (zlib) encoded JSON body: qCompress writes a 4-byte length, then a zlib stream.
    const QByteArray json = QByteArrayLiteral("{\"answer\": 42, \"list\": [1, 2, 3]}");
    const QByteArray raw = qCompress(json).mid(4);
    const BodyPreview body = BodyPreview::inspect(raw,
        { { QStringLiteral("Content-Type"), QStringLiteral("application/json") },
            { QStringLiteral("Content-Encoding"), QStringLiteral("deflate") } });
    QVERIFY(body.body.decoded);
    QCOMPARE(body.body.content, json);
    QCOMPARE(body.shape, BodyPreview::Shape::Json);
    BodyView view;
    view.setBody(body);
    auto *decoded = view.findChild<QToolButton *>(QStringLiteral("decodedToggle"));
    QVERIFY(!decoded->isHidden());
    QVERIFY(decoded->isChecked());
    QCOMPARE(view.mode(), BodyView::Mode::Pretty);
    QCOMPARE(view.codeView()->toPlainText(),
        QStringLiteral("{\n  \"answer\": 42,\n  \"list\": [\n    1,\n    2,\n    3\n  ]\n}"));
    QCOMPARE(view.shownBytes(), json);
    // Raw: the recorded, compressed bytes, which only a hex dump can show.
    decoded->click();
    QVERIFY(!view.showsDecoded());
    QCOMPARE(view.availableModes(), QList<BodyView::Mode>({ BodyView::Mode::Hex }));
    QCOMPARE(view.mode(), BodyView::Mode::Hex);
    QCOMPARE(view.hexView()->data(), raw);
    QCOMPARE(view.shownBytes(), raw);
    view.copyBody();
    QCOMPARE(QApplication::clipboard()->mimeData()->data(QStringLiteral("application/octet-stream")), raw);
    decoded->click();
    QCOMPARE(view.mode(), BodyView::Mode::Pretty);
    view.copyBody();
    QCOMPARE(QApplication::clipboard()->text().toUtf8(), json);
    // A body without Content-Encoding has no switch.
    view.setBody(BodyPreview::inspect(json, {}));
    QVERIFY(decoded->isHidden());
}

void TestDetailPanes::binaryBodyShowsHex()
{
    QByteArray bytes;
    for (int i = 0; i < 40; ++i)
        bytes.append(char(i * 7));
    const BodyPreview body = BodyPreview::inspect(
        bytes, { { QStringLiteral("Content-Type"), QStringLiteral("application/octet-stream") } });
    QCOMPARE(body.shape, BodyPreview::Shape::Binary);
    BodyView view;
    view.setBody(body);
    QCOMPARE(view.mode(), BodyView::Mode::Hex);
    QCOMPARE(view.hexView()->lineCount(), 3);
    QCOMPARE(view.hexView()->lineText(2),
        QStringLiteral("00000020  e0 e7 ee f5 fc 03 0a 11                           |........|"));
    // Empty and null bodies say so.
    view.setBody(BodyPreview::inspect(QByteArray(""), {}));
    QCOMPARE(view.mode(), BodyView::Mode::Message);
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("bodyMessage"))->text(), QStringLiteral("Empty body"));
    view.setBody(BodyPreview::inspect(std::nullopt, {}));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("bodyMessage"))->text(),
        QStringLiteral("No body (recorded as null)"));
}

void TestDetailPanes::sqlEventWithRows()
{
    QAbstractItemModelTester tester(
        m_stack->sqlPane()->rowsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(show(36));
    SqlDetailPane *pane = m_stack->sqlPane();
    QCOMPARE(labelText(pane, QStringLiteral("detailTitle")), QStringLiteral("Event 36 · SQL 1 of 5"));
    QVERIFY(
        pane->queryView()->toPlainText().startsWith(QStringLiteral("SELECT TABLE_CATALOG, TABLE_SCHEMA")));
    QCOMPARE(pane->queryView()->language(), SyntaxLanguage::Sql);
    pane->queryView()->highlighter()->rehighlight();
    QVERIFY(hasStyle(pane->queryView(), SyntaxStyle::Keyword));
    QVERIFY(hasStyle(pane->queryView(), SyntaxStyle::String)); // 'SALES'
    SqlRowsModel *rows = pane->rowsModel();
    QCOMPARE(rows->rowCount(), 3);
    QCOMPARE(rows->columns(),
        QStringList({ QStringLiteral("TABLE_CATALOG"), QStringLiteral("TABLE_SCHEMA"),
            QStringLiteral("TABLE_NAME"), QStringLiteral("TABLE_TYPE") }));
    QCOMPARE(rows->headerData(0, Qt::Horizontal).toString(), QStringLiteral("TABLE_CATALOG"));
    QCOMPARE(rows->index(0, 1).data().toString(), QStringLiteral("SALES"));
    QVERIFY(!pane->rowsView()->isHidden());
    const QString summary = labelText(pane, QStringLiteral("sqlSummary"));
    QVERIFY2(summary.contains(QStringLiteral("Row count: 3"))
            && summary.contains(QStringLiteral("3 rows recorded")),
        qPrintable(summary));
    QVERIFY(pane->findChild<QLabel *>(QStringLiteral("sqlError"))->isHidden());
}

void TestDetailPanes::sqlBytesColumnAndParameters()
{
    QAbstractItemModelTester tester(
        m_stack->sqlPane()->rowsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(show(40));
    SqlDetailPane *pane = m_stack->sqlPane();
    SqlRowsModel *rows = pane->rowsModel();
    QCOMPARE(rows->columns(),
        QStringList(
            { QStringLiteral("SNAPSHOT_DAY"), QStringLiteral("ETAG"), QStringLiteral("MIN_AMOUNT_EUR") }));
    QCOMPARE(rows->index(0, 0).data().toString(), QStringLiteral("2025-11-17"));
    QCOMPARE(rows->index(0, 1).data().toString(), QStringLiteral("0xC0FFEE00BADA55"));
    QVERIFY(rows->headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QStringLiteral("hex")));
    QCOMPARE(rows->index(0, 2).data().toString(), QStringLiteral("12.5"));
    QCOMPARE(Qt::Alignment(rows->index(0, 2).data(Qt::TextAlignmentRole).toInt()) & Qt::AlignRight,
        Qt::AlignRight);
    QVERIFY(!pane->parametersView()->isHidden());
    QCOMPARE(pane->parametersView()->toPlainText(),
        QStringLiteral("[\"2025-11-17\", \"C0FFEE00BADA55\", \"2025-11-17\"]"));
    QVERIFY(pane->queryView()->toPlainText().contains(QStringLiteral("TO_BINARY(%s, 'HEX')")));
    pane->queryView()->highlighter()->rehighlight();
    QVERIFY(hasStyle(pane->queryView(), SyntaxStyle::Parameter));
    QVERIFY(hasStyle(pane->queryView(), SyntaxStyle::Function));
}

void TestDetailPanes::sqlErrorEvent()
{
    QAbstractItemModelTester tester(
        m_stack->sqlPane()->rowsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(show(39));
    SqlDetailPane *pane = m_stack->sqlPane();
    auto *error = pane->findChild<QLabel *>(QStringLiteral("sqlError"));
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(QStringLiteral("Schema 'ANALYTICS.FINANCE_JP' does not exist")),
        qPrintable(error->text()));
    QCOMPARE(error->palette().color(QPalette::WindowText), ThemeColors::from(pane->palette()).errorText);
    QVERIFY(pane->parametersView()->toPlainText().contains(QStringLiteral("\"table\": \"売上\"")));
    QCOMPARE(pane->rowsModel()->rowCount(), 0);
    QVERIFY(labelText(pane, QStringLiteral("sqlSummary")).contains(QStringLiteral("Row count: null")));
}

void TestDetailPanes::mcpEvent()
{
    McpDetailPane *pane = m_stack->mcpPane();
    QAbstractItemModelTester tester(
        pane->treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy carrier(pane, &McpDetailPane::carrierRequested);
    QSignalSpy requested(m_stack.get(), &DetailStack::eventRequested);
    QVERIFY(show(14));
    QCOMPARE(labelText(pane, QStringLiteral("detailTitle")), QStringLiteral("Event 14 · MCP 4 of 24"));
    QCOMPARE(fieldText(pane, QStringLiteral("mcpUrn")),
        QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:looker,sales.explore.orders,PROD)"));
    QCOMPARE(fieldText(pane, QStringLiteral("mcpEntityType")), QStringLiteral("dataset"));
    QCOMPARE(fieldText(pane, QStringLiteral("mcpChangeType")), QStringLiteral("UPSERT"));
    QCOMPARE(fieldText(pane, QStringLiteral("mcpAspectName")), QStringLiteral("schemaMetadata"));
    QCOMPARE(fieldText(pane, QStringLiteral("mcpForm")), QStringLiteral("RESTli proposal"));
    QVERIFY(labelText(pane, QStringLiteral("mcpCarrier"))
                .startsWith(QStringLiteral("event 11: POST http://datahub-gms")));
    QVERIFY(labelText(pane, QStringLiteral("mcpCarrier")).endsWith(QStringLiteral("MCP 3 of 23")));

    // The aspect as a tree: members in their recorded order, collapsible containers.
    JsonTreeModel *tree = pane->treeModel();
    QVERIFY(tree->rowCount() > 5);
    QCOMPARE(tree->index(0, JsonTreeModel::KeyColumn).data().toString(), QStringLiteral("schemaName"));
    QCOMPARE(tree->index(0, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("\"orders\""));
    QCOMPARE(tree->index(0, JsonTreeModel::TypeColumn).data().toString(), QStringLiteral("string"));
    const QModelIndex created = tree->index(3, 0);
    QCOMPARE(created.data().toString(), QStringLiteral("created"));
    QCOMPARE(
        created.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("{2 keys}"));
    QCOMPARE(tree->rowCount(created), 2);
    QCOMPARE(tree->index(1, 0, created).data(JsonTreeModel::PathRole).toString(),
        QStringLiteral("$.created.actor"));
    QVERIFY(pane->treeView()->isExpanded(pane->treeView()->model()->index(3, 0)));
    // And as highlighted text.
    const QString text = pane->aspectView()->toPlainText();
    QVERIFY(text.startsWith(
        QStringLiteral("{\n  \"schemaName\": \"orders\",\n  \"platform\": \"urn:li:dataPlatform:looker\",")));
    pane->aspectView()->highlighter()->rehighlight();
    QVERIFY(hasStyle(pane->aspectView(), SyntaxStyle::Key));
    QVERIFY(hasStyle(pane->aspectView(), SyntaxStyle::Number));
    QVERIFY(pane->tabs()->isTabVisible(McpDetailPane::SystemMetadataTab));
    QVERIFY(!pane->tabs()->isTabVisible(McpDetailPane::CheckpointTab));

    // "Show carrying HTTP request".
    QPushButton *button = pane->carrierButton();
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(carrier.count(), 1);
    QCOMPARE(carrier.last().at(0).value<qsizetype>(), 11);
    QCOMPARE(requested.last().at(0).value<qsizetype>(), 11);
}

void TestDetailPanes::mcpFromFileSinkHasNoCarrier()
{
    auto timeline = std::make_shared<Timeline>();
    QVERIFY(
        TimelineIndexer::indexFile(*timeline, QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"))
            .ok());
    QCOMPARE(timeline->count(), 24);
    m_stack->setTimeline(timeline);
    QVERIFY(show(2));
    McpDetailPane *pane = m_stack->mcpPane();
    QVERIFY(!pane->carrierButton()->isEnabled());
    QCOMPARE(fieldText(pane, QStringLiteral("mcpForm")), QStringLiteral("file-sink MCP"));
    QVERIFY(pane->treeModel()->rowCount() > 0);
}

void TestDetailPanes::newestEventWins()
{
    QSignalSpy loaded(m_stack.get(), &DetailStack::loaded);
    m_stack->setEvent(11);
    m_stack->setEvent(0);
    m_stack->setEvent(36);
    m_stack->setEvent(10);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && loaded.last().at(0).value<qsizetype>() == 10, 10000);
    QVERIFY(test::waitForJobs(m_stack.get()));
    QCOMPARE(loaded.last().at(0).value<qsizetype>(), 10); // nothing older landed afterwards
    QCOMPARE(m_stack->httpPane()->detail().seq, 10);
    QCOMPARE(m_stack->currentWidget(), m_stack->httpPane());
    for (const QList<QVariant> &args : std::as_const(loaded))
        QVERIFY(args.at(0).value<qsizetype>() != 11 || loaded.indexOf(args) < loaded.size() - 1);
}

TAPEDECK_GUI_TEST_MAIN(TestDetailPanes)
#include "tst_detailpanes.moc"
