// SPDX-License-Identifier: MIT
// Tests FilterBar: the debounced filter expression, parse errors shown inline (position and message), a
// filter nested too deep, a filter that gave up while matching, kind toggles with counts, the shown / total
// label, and search with Enter, Shift+Enter, F3, Shift+F3 and Ctrl+F.
#include "core/common/nesting.h"
#include "guitestmain.h"
#include "timelinesupport.h"
#include "ui/timeline/filterbar.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QToolButton>

using namespace tapedeck;

Q_DECLARE_METATYPE(tapedeck::FilterBar::SearchDirection)

namespace {

struct Bar
{
    QWidget window;
    FilterBar *bar = new FilterBar(&window);
    QLineEdit *filter = bar->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    QLineEdit *search = bar->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QLabel *error = bar->findChild<QLabel *>(QStringLiteral("filterErrorLabel"));
    QLabel *counts = bar->findChild<QLabel *>(QStringLiteral("countsLabel"));

    Bar()
    {
        window.resize(900, 80);
        bar->resize(900, 80);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qWarning("the window was not exposed");
        QApplication::setActiveWindow(&window); // the search keys are window shortcuts
        if (!QTest::qWaitForWindowActive(&window))
            qWarning("the window did not become active");
    }
};

} // namespace

class TestFilterBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void typingIsDebounced();
    void parseErrorShownInline_data();
    void parseErrorShownInline();
    void errorClearsWhenFixed();
    void tooDeepShownInline();
    void matchErrorShownInline();
    void enterAppliesAtOnce();
    void kindToggles();
    void counts();
    void searchKeys();
};

void TestFilterBar::initTestCase()
{
    qRegisterMetaType<FilterBar::SearchDirection>();
}

void TestFilterBar::typingIsDebounced()
{
    Bar b;
    QVERIFY(b.filter && b.search && b.error && b.counts);
    QSignalSpy changed(b.bar, &FilterBar::filterChanged);
    QTest::keyClicks(b.filter, QStringLiteral("kind:http status:>=400"));
    QCOMPARE(changed.count(), 0); // nothing while typing
    QVERIFY(changed.wait(FilterBar::DebounceMs * 10));
    QVERIFY(!changed.wait(FilterBar::DebounceMs * 2)); // once, for the whole text
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<FilterExpression>().normalized(),
        QStringLiteral("kind:http and status:>=400"));
    QCOMPARE(b.bar->filter().text(), QStringLiteral("kind:http status:>=400"));
    QVERIFY(!b.bar->filterError());
    QVERIFY(b.error->isHidden());
}

void TestFilterBar::parseErrorShownInline_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("messagePart");
    QTest::addRow("unknown field") << QStringLiteral("kind:http stauts:404") << 10
                                   << QStringLiteral("stauts");
    QTest::addRow("bad status") << QStringLiteral("status:abc") << 7 << QStringLiteral("abc");
    QTest::addRow("unterminated quote") << QStringLiteral("sql:\"select") << 4 << QStringLiteral("\"");
    QTest::addRow("open parenthesis") << QStringLiteral("(kind:http") << 0 << QStringLiteral(")");
}

void TestFilterBar::parseErrorShownInline()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(QString, messagePart);
    Bar b;
    QSignalSpy changed(b.bar, &FilterBar::filterChanged);
    QSignalSpy errors(b.bar, &FilterBar::filterErrorChanged);
    QTest::keyClicks(b.filter, text);
    QVERIFY(errors.wait(FilterBar::DebounceMs * 10));
    QVERIFY(b.bar->filterError());
    QCOMPARE(b.bar->filterError()->position, qsizetype(position));
    QVERIFY2(b.bar->filterError()->message.contains(messagePart), qPrintable(b.bar->filterError()->message));
    QVERIFY(b.error->isVisible());
    QVERIFY2(b.error->text().startsWith(QStringLiteral("Column %1: ").arg(position + 1)),
        qPrintable(b.error->text()));
    QVERIFY(b.error->text().contains(b.bar->filterError()->message));
    // The field is marked, and no filter went out.
    QVERIFY(b.filter->palette().color(QPalette::Base) != b.search->palette().color(QPalette::Base));
    QCOMPARE(changed.count(), 0);
}

// The adversarial inputs that overflowed the parser's stack: an error naming the limit, the last good
// filter kept.
void TestFilterBar::tooDeepShownInline()
{
    Bar b;
    b.bar->setFilterText(QStringLiteral("kind:http"));
    QSignalSpy changed(b.bar, &FilterBar::filterChanged);
    for (const QString &deep : QStringList { QStringLiteral("(").repeated(10000) + QStringLiteral("kind:sql"),
             QStringLiteral("-").repeated(20000) + QStringLiteral("kind:sql"),
             QStringLiteral("not ").repeated(30000) + QStringLiteral("kind:sql") }) {
        b.bar->setFilterText(deep);
        QVERIFY(b.bar->filterError());
        QVERIFY2(b.bar->filterError()->message.contains(Nesting::tooDeep()),
            qPrintable(b.bar->filterError()->message));
        QVERIFY(b.error->isVisible());
        QVERIFY(b.error->text().startsWith(
            QStringLiteral("Column %1: ").arg(b.bar->filterError()->position + 1)));
    }
    QCOMPARE(changed.count(), 0);
    QCOMPARE(b.bar->filter().text(), QStringLiteral("kind:http"));
}

// TimelineModel::filterGaveUp() lands here: shown like a parse error for the text it came from, cleared
// when the filter is applied again, and ignored once the text has changed.
void TestFilterBar::matchErrorShownInline()
{
    Bar b;
    const QString text = QStringLiteral("kind:sql or url:~\"(a+)+$\"");
    b.bar->setFilterText(text);
    QVERIFY(!b.bar->filterError());
    QSignalSpy errors(b.bar, &FilterBar::filterErrorChanged);
    const FilterError gaveUp { 12, text.size() - 12, QStringLiteral("a simpler regular expression"),
        QStringLiteral("url:~\"(a+)+$\" gave up on event 3") };
    b.bar->setMatchError(gaveUp);
    QCOMPARE(errors.count(), 1);
    QVERIFY(b.bar->filterError());
    QCOMPARE(b.bar->filterError()->message, gaveUp.message);
    QVERIFY(b.error->isVisible());
    QCOMPARE(b.error->text(), QStringLiteral("Column 13: ") + gaveUp.message);
    QVERIFY(b.filter->palette().color(QPalette::Base) != b.search->palette().color(QPalette::Base));

    // Enter applies the same text again (the model tries anew): the error goes until it comes back.
    QSignalSpy changed(b.bar, &FilterBar::filterChanged);
    b.bar->applyPendingFilter();
    QCOMPARE(changed.count(), 1);
    QVERIFY(!b.bar->filterError());
    QVERIFY(b.error->isHidden());

    // An answer for a text that is no longer in the field is dropped.
    QTest::keyClicks(b.filter, QStringLiteral(" x"));
    b.bar->setMatchError(gaveUp);
    QVERIFY(!b.bar->filterError());
}

void TestFilterBar::errorClearsWhenFixed()
{
    Bar b;
    QSignalSpy changed(b.bar, &FilterBar::filterChanged);
    QSignalSpy errors(b.bar, &FilterBar::filterErrorChanged);
    QTest::keyClicks(b.filter, QStringLiteral("kind:http stauts:404"));
    QVERIFY(errors.wait(FilterBar::DebounceMs * 10));
    QVERIFY(b.error->isVisible());
    // Fix the typo: "stauts" -> "status".
    b.filter->setCursorPosition(16);
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(b.filter, Qt::Key_Backspace);
    QTest::keyClicks(b.filter, QStringLiteral("atus"));
    QCOMPARE(b.filter->text(), QStringLiteral("kind:http status:404"));
    QVERIFY(changed.wait(FilterBar::DebounceMs * 10));
    QVERIFY(!b.bar->filterError());
    QVERIFY(b.error->isHidden());
    QCOMPARE(errors.last().at(0).value<std::optional<FilterError>>(), std::nullopt);
    QCOMPARE(changed.last().at(0).value<FilterExpression>().normalized(),
        QStringLiteral("kind:http and status:404"));
    QCOMPARE(b.filter->palette().color(QPalette::Base), b.search->palette().color(QPalette::Base));
}

void TestFilterBar::enterAppliesAtOnce()
{
    Bar b;
    QSignalSpy changed(b.bar, &FilterBar::filterChanged);
    QTest::keyClicks(b.filter, QStringLiteral("error"));
    QTest::keyClick(b.filter, Qt::Key_Return);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!changed.wait(FilterBar::DebounceMs * 2)); // the debounce does not send it again
    QCOMPARE(changed.count(), 1);
    b.bar->setFilterText(QStringLiteral("kind:sql"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(b.bar->filter().text(), QStringLiteral("kind:sql"));
    b.bar->setFilterText(QString());
    QCOMPARE(changed.count(), 3);
    QVERIFY(b.bar->filter().isEmpty());
}

void TestFilterBar::kindToggles()
{
    Bar b;
    QSignalSpy kinds(b.bar, &FilterBar::kindsChanged);
    auto *http = b.bar->findChild<QToolButton *>(QStringLiteral("httpToggle"));
    auto *sql = b.bar->findChild<QToolButton *>(QStringLiteral("sqlToggle"));
    auto *mcp = b.bar->findChild<QToolButton *>(QStringLiteral("mcpToggle"));
    QVERIFY(http && sql && mcp);
    QCOMPARE(b.bar->kinds(), AllKinds);
    b.bar->setKindCounts(12, 5, 24);
    QCOMPARE(http->text(), QStringLiteral("HTTP 12"));
    QCOMPARE(sql->text(), QStringLiteral("SQL 5"));
    QCOMPARE(mcp->text(), QStringLiteral("MCP 24"));
    QTest::mouseClick(sql, Qt::LeftButton);
    QCOMPARE(kinds.count(), 1);
    QCOMPARE(
        kinds.last().at(0).value<KindMask>(), KindMask(kindBit(EventKind::Http) | kindBit(EventKind::Mcp)));
    QTest::mouseClick(http, Qt::LeftButton);
    QCOMPARE(kinds.last().at(0).value<KindMask>(), kindBit(EventKind::Mcp));
    b.bar->setKinds(AllKinds);
    QCOMPARE(kinds.last().at(0).value<KindMask>(), AllKinds);
    QVERIFY(http->isChecked() && sql->isChecked() && mcp->isChecked());
}

void TestFilterBar::counts()
{
    Bar b;
    b.bar->setCounts(12, 41);
    QCOMPARE(b.counts->text(), QStringLiteral("12 / 41 events"));
    b.bar->setCounts(1000000, 1000000);
    QCOMPARE(b.counts->text(), QStringLiteral("%1 / %1 events").arg(QLocale().toString(1000000)));
}

void TestFilterBar::searchKeys()
{
    Bar b;
    QSignalSpy search(b.bar, &FilterBar::searchRequested);
    const auto direction = [&] { return search.last().at(1).value<FilterBar::SearchDirection>(); };
    // Ctrl+F focuses the search field from anywhere in the window.
    b.filter->setFocus();
    QTest::keyClick(b.filter, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(b.search->hasFocus());
    QTest::keyClicks(b.search, QStringLiteral("orders"));
    QVERIFY(search.wait(FilterBar::DebounceMs * 10)); // typing searches from the current row
    QCOMPARE(direction(), FilterBar::SearchDirection::FromCurrent);
    QCOMPARE(search.last().at(0).toString(), QStringLiteral("orders"));
    QTest::keyClick(b.search, Qt::Key_Return);
    QCOMPARE(direction(), FilterBar::SearchDirection::Next);
    QTest::keyClick(b.search, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(direction(), FilterBar::SearchDirection::Previous);
    // F3 and Shift+F3 work while the focus is elsewhere.
    b.filter->setFocus();
    const qsizetype before = search.count();
    QTest::keyClick(b.filter, Qt::Key_F3);
    QCOMPARE(search.count(), before + 1);
    QCOMPARE(direction(), FilterBar::SearchDirection::Next);
    QTest::keyClick(b.filter, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(direction(), FilterBar::SearchDirection::Previous);
    // No match: the field says so until the text changes.
    b.bar->setSearchResult(false);
    auto *status = b.bar->findChild<QLabel *>(QStringLiteral("searchStatus"));
    QCOMPARE(status->text(), QStringLiteral("No match"));
    QTest::keyClick(b.search, Qt::Key_S);
    QCOMPARE(status->text(), QString());
}

TAPEDECK_GUI_TEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
