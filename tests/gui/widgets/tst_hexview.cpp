// SPDX-License-Identifier: MIT
// Tests HexView: the line format (offset, two groups of eight bytes, ASCII), wide offsets for large data,
// scrolling by lines and to the end, and that it paints.
#include "ui/widgets/hexview.h"
#include "guitestmain.h"
#include "timelinesupport.h"

#include <QImage>
#include <QScrollBar>

using namespace tapedeck;

class TestHexView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineFormat();
    void emptyData();
    void largeDataScrolls();
    void paints();
};

void TestHexView::lineFormat()
{
    HexView view;
    view.setData(QByteArray("Hello, world!\n\x00\x01\x7f\x80\xff tail", 25));
    QCOMPARE(view.lineCount(), 2);
    QCOMPARE(view.lineText(0),
        QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  |Hello, world!...|"));
    QCOMPARE(view.lineText(1),
        QStringLiteral("00000010  7f 80 ff 20 74 61 69 6c  00                       |... tail.|"));
    QCOMPARE(view.lineText(2), QString());
    QCOMPARE(view.lineText(-1), QString());
}

void TestHexView::emptyData()
{
    HexView view;
    view.setData({});
    QCOMPARE(view.lineCount(), 0);
    QCOMPARE(view.verticalScrollBar()->maximum(), 0);
}

void TestHexView::largeDataScrolls()
{
    HexView view;
    view.resize(700, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QByteArray data(qsizetype(5) << 30 >> 8, '\x5a'); // 20 MiB
    view.setData(data);
    QCOMPARE(view.lineCount(), data.size() / 16);
    const int visible = view.viewport()->height() / view.fontMetrics().height();
    QCOMPARE(view.verticalScrollBar()->maximum(), int(view.lineCount()) - visible);
    view.scrollToOffset(0x1234560);
    QCOMPARE(view.firstVisibleLine(), 0x123456);
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.firstVisibleLine(), view.lineCount() - visible);
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.firstVisibleLine(), 0);
    QTest::keyClick(&view, Qt::Key_PageDown);
    QCOMPARE(view.firstVisibleLine(), visible);
    // 20 MiB needs no more than 8 offset digits; 4 GiB would need 9.
    QVERIFY(view.lineText(view.lineCount() - 1).startsWith(QStringLiteral("013ffff0  5a 5a")));
}

void TestHexView::paints()
{
    HexView view;
    view.resize(640, 120);
    view.setData(QByteArray("\x89PNG\r\n\x1a\n", 8));
    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
    // Some pixel is in the text colour (the bytes were drawn), not only background.
    const QColor background = view.viewport()->palette().color(QPalette::Base);
    bool drawn = false;
    for (int y = 0; y < image.height() && !drawn; ++y) {
        for (int x = 0; x < image.width() && !drawn; ++x)
            drawn = QColor(image.pixel(x, y)) != background && x > 10 && y > 2 && y < 20;
    }
    QVERIFY(drawn);
    QVERIFY(view.sizeHint().width() > view.fontMetrics().horizontalAdvance(view.lineText(0)));
}

TAPEDECK_GUI_TEST_MAIN(TestHexView)
#include "tst_hexview.moc"
