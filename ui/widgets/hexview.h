// SPDX-License-Identifier: MIT
// A virtualized hex dump (offset, 16 bytes in hex, ASCII) for binary bodies: only the visible lines are
// formatted and painted, so a body of any size scrolls at once.
#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace tapedeck {

class HexView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HexView)

public:
    static constexpr int BytesPerLine = 16;

    explicit HexView(QWidget *parent = nullptr);

    void setData(const QByteArray &data);
    const QByteArray &data() const { return m_data; }

    qsizetype lineCount() const;
    // One line as painted: "00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 01 02 03  |Hello world.....|"
    QString lineText(qsizetype line) const;
    // The first line shown at the top.
    qsizetype firstVisibleLine() const;
    void scrollToOffset(qint64 offset);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateScrollBars();
    int lineHeight() const;
    int offsetDigits() const;

    QByteArray m_data;
};

} // namespace tapedeck
