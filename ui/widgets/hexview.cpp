// SPDX-License-Identifier: MIT
// Virtualized hex dump.
#include "ui/widgets/hexview.h"

#include "ui/widgets/themecolors.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

namespace tapedeck {

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    updateScrollBars();
}

void HexView::setData(const QByteArray &data)
{
    m_data = data;
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

qsizetype HexView::lineCount() const
{
    return (m_data.size() + BytesPerLine - 1) / BytesPerLine;
}

int HexView::offsetDigits() const
{
    int digits = 8;
    while (digits < 16 && (qint64(1) << (digits * 4)) <= qint64(m_data.size()))
        ++digits;
    return digits;
}

QString HexView::lineText(qsizetype line) const
{
    const qsizetype begin = line * BytesPerLine;
    if (line < 0 || begin >= m_data.size())
        return {};
    const qsizetype end = std::min(m_data.size(), begin + BytesPerLine);
    QString out = QStringLiteral("%1  ").arg(begin, offsetDigits(), 16, QLatin1Char('0'));
    QString ascii;
    for (qsizetype i = 0; i < BytesPerLine; ++i) {
        if (i == BytesPerLine / 2)
            out += QLatin1Char(' ');
        if (begin + i < end) {
            const uchar c = uchar(m_data[begin + i]);
            out += QLatin1Char(HexDigits[c >> 4]);
            out += QLatin1Char(HexDigits[c & 0xf]);
            out += QLatin1Char(' ');
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
        } else {
            out += QLatin1String("   ");
        }
    }
    return out + QLatin1String(" |") + ascii + QLatin1Char('|');
}

int HexView::lineHeight() const
{
    return fontMetrics().height();
}

qsizetype HexView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

void HexView::scrollToOffset(qint64 offset)
{
    verticalScrollBar()->setValue(
        int(std::clamp<qint64>(offset / BytesPerLine, 0, verticalScrollBar()->maximum())));
}

QSize HexView::sizeHint() const
{
    const int width = fontMetrics().horizontalAdvance(
        QString(offsetDigits() + 2 + BytesPerLine * 3 + 1 + 3 + BytesPerLine, QLatin1Char('0')));
    return { width + verticalScrollBar()->sizeHint().width() + 2 * frameWidth() + 8, lineHeight() * 12 };
}

void HexView::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / std::max(1, lineHeight()));
    // One scroll step is one line; a scroll bar holds int, which covers 32 GiB of 16-byte lines.
    const qsizetype lines = lineCount();
    verticalScrollBar()->setRange(
        0, int(std::clamp<qsizetype>(lines - visible, 0, std::numeric_limits<int>::max())));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    const int textWidth
        = fontMetrics().horizontalAdvance(lineText(0).isEmpty() ? QStringLiteral("0") : lineText(0)) + 8;
    horizontalScrollBar()->setRange(0, std::max(0, textWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(font());
    const int height = lineHeight();
    const int ascent = fontMetrics().ascent();
    const int x = 4 - horizontalScrollBar()->value();
    const qsizetype first = firstVisibleLine();
    const qsizetype visible = viewport()->height() / std::max(1, height) + 1;
    const QColor offsetColour = ThemeColors::from(palette()).mutedText;
    const QColor textColour = palette().color(QPalette::Text);
    const int digits = offsetDigits();
    const int offsetWidth = fontMetrics().horizontalAdvance(QString(digits + 2, QLatin1Char('0')));
    for (qsizetype line = first; line < std::min(lineCount(), first + visible); ++line) {
        const int y = int(line - first) * height + ascent;
        const QString text = lineText(line);
        painter.setPen(offsetColour);
        painter.drawText(x, y, text.left(digits));
        painter.setPen(textColour);
        painter.drawText(x + offsetWidth, y, text.sliced(digits + 2));
    }
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    // Home and End (with or without Ctrl) go to the first and last line; the rest scrolls as usual.
    if (event->key() == Qt::Key_Home) {
        verticalScrollBar()->setValue(0);
    } else if (event->key() == Qt::Key_End) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    } else {
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateScrollBars();
}

} // namespace tapedeck
