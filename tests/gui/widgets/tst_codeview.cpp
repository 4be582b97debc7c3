// SPDX-License-Identifier: MIT
// Tests CodeView: short texts are set and coloured at once, long ones are prepared off the GUI thread and
// swapped in (the newest text wins, colours included), palette changes re-colour, and a view destroyed
// while preparing leaves nothing behind.
#include "ui/widgets/codeview.h"
#include "guitestmain.h"
#include "jobsupport.h"

#include <QSignalSpy>
#include <QTextBlock>
#include <QTextLayout>

using namespace tapedeck;

namespace {

QString longJson(int items, const QString &tag)
{
    QString text = QStringLiteral("[\n");
    for (int i = 0; i < items; ++i)
        text += QStringLiteral("  {\"%1\": %2, \"name\": \"field_%2\", \"nullable\": false},\n")
                    .arg(tag)
                    .arg(i);
    return text + QStringLiteral("  null\n]");
}

// Whether the first line that holds a key shows it in the highlighter's key colour.
bool keysColoured(const CodeView &view)
{
    if (!view.highlighter())
        return false;
    const QColor key = view.highlighter()->theme().format(SyntaxStyle::Key).foreground().color();
    const QTextBlock block = view.document()->findBlockByNumber(1);
    const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
    return std::any_of(formats.begin(), formats.end(),
        [&](const QTextLayout::FormatRange &r) { return r.format.foreground().color() == key; });
}

} // namespace

class TestCodeView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortTextAtOnce();
    void longTextPreparedOffThread();
    void newestTextWins();
    void paletteChangeRecolours();
    void destroyedWhilePreparing();
};

void TestCodeView::shortTextAtOnce()
{
    CodeView view;
    QSignalSpy shown(&view, &CodeView::codeShown);
    const QString text = QStringLiteral("{\n  \"a\": 1\n}");
    view.setCode(text, SyntaxLanguage::Json);
    QCOMPARE(shown.count(), 1);
    QVERIFY(!view.isPreparing());
    QCOMPARE(view.toPlainText(), text);
    QVERIFY(keysColoured(view)); // coloured as the text was set, no extra pass needed
    view.setCode(QStringLiteral("plain"), SyntaxLanguage::None);
    QCOMPARE(view.highlighter(), nullptr);
    QCOMPARE(view.toPlainText(), QStringLiteral("plain"));
}

void TestCodeView::longTextPreparedOffThread()
{
    CodeView view;
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy shown(&view, &CodeView::codeShown);
    const QString text = longJson(5000, QStringLiteral("id"));
    QVERIFY(text.size() > CodeView::SyncLimit);
    view.setCode(text, SyntaxLanguage::Json);
    QVERIFY(view.isPreparing());
    QVERIFY(view.toPlainText().startsWith(QStringLiteral("Preparing")));
    QVERIFY(shown.wait(10000));
    QVERIFY(!view.isPreparing());
    QCOMPARE(view.toPlainText(), text);
    QCOMPARE(view.code(), text);
    QVERIFY(keysColoured(view));
    QCOMPARE(view.document()->thread(), view.thread());
    QCOMPARE(view.document()->defaultFont().family(), view.font().family());
    view.viewport()->repaint();
    // Back to a short text: the editor's own document again.
    view.setCode(QStringLiteral("short"), SyntaxLanguage::None);
    QCOMPARE(view.toPlainText(), QStringLiteral("short"));
}

void TestCodeView::newestTextWins()
{
    CodeView view;
    QSignalSpy shown(&view, &CodeView::codeShown);
    const QString first = longJson(4000, QStringLiteral("first"));
    const QString second = longJson(4000, QStringLiteral("second"));
    view.setCode(first, SyntaxLanguage::Json);
    view.setCode(second, SyntaxLanguage::Json);
    QVERIFY(shown.wait(10000));
    QVERIFY(test::waitForJobs(&view)); // the first text's result, if it was prepared at all, is gone
    QCOMPARE(shown.count(), 1);
    QCOMPARE(view.toPlainText(), second);
    // And a short text set while a long one is prepared is not replaced by it later.
    view.setCode(first, SyntaxLanguage::Json);
    view.setCode(QStringLiteral("[]"), SyntaxLanguage::Json);
    QVERIFY(test::waitForJobs(&view));
    QCOMPARE(shown.count(), 2);
    QCOMPARE(view.toPlainText(), QStringLiteral("[]"));
}

void TestCodeView::paletteChangeRecolours()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    for (const int items : { 3, 4000 }) {
        CodeView view;
        QSignalSpy shown(&view, &CodeView::codeShown);
        view.setCode(longJson(items, QStringLiteral("k")), SyntaxLanguage::Json);
        QVERIFY(shown.count() == 1 || shown.wait(10000));
        const QColor lightKey = SyntaxTheme::light().format(SyntaxStyle::Key).foreground().color();
        QCOMPARE(view.highlighter()->theme().format(SyntaxStyle::Key).foreground().color(), lightKey);
        view.setPalette(dark);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isPreparing(), 10000);
        QCOMPARE(view.highlighter()->theme().format(SyntaxStyle::Key).foreground().color(),
            SyntaxTheme::dark().format(SyntaxStyle::Key).foreground().color());
        QVERIFY(keysColoured(view));
    }
}

void TestCodeView::destroyedWhilePreparing()
{
    auto view = std::make_unique<CodeView>();
    view->setCode(longJson(20000, QStringLiteral("x")), SyntaxLanguage::Json);
    QVERIFY(view->isPreparing());
    view.reset(); // waits for the worker; the result it prepared is dropped
    // The dropped document was handed back to this thread for deletion: it goes now, not at exit.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

TAPEDECK_GUI_TEST_MAIN(TestCodeView)
#include "tst_codeview.moc"
