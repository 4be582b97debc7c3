// SPDX-License-Identifier: MIT
#include "ui/replay/sidebysidetext.h"

#include "core/diff/sidebyside.h"
#include "ui/widgets/themecolors.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

namespace tapedeck {

SideBySideText::SideBySideText(QWidget *parent)
    : QWidget(parent)
    , m_leftTitle(new QLabel(this))
    , m_rightTitle(new QLabel(this))
    , m_left(new QPlainTextEdit(this))
    , m_right(new QPlainTextEdit(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *e : { m_left, m_right }) {
        e->setReadOnly(true);
        e->setLineWrapMode(QPlainTextEdit::NoWrap);
        e->setFont(mono);
    }
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_leftTitle, 0, 0);
    layout->addWidget(m_rightTitle, 0, 1);
    layout->addWidget(m_left, 1, 0);
    layout->addWidget(m_right, 1, 1);
    // One scroll position for both: the lines are aligned.
    connect(m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(), &QScrollBar::setValue);
    connect(m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(), &QScrollBar::setValue);
    connect(m_left->horizontalScrollBar(), &QScrollBar::valueChanged, m_right->horizontalScrollBar(), &QScrollBar::setValue);
    connect(m_right->horizontalScrollBar(), &QScrollBar::valueChanged, m_left->horizontalScrollBar(), &QScrollBar::setValue);
}

void SideBySideText::setTitles(const QString &left, const QString &right)
{
    m_leftTitle->setText(left);
    m_rightTitle->setText(right);
}

void SideBySideText::setValues(const std::optional<JsonValue> &left, const std::optional<JsonValue> &right)
{
    const QList<SideBySideLine> lines = SideBySide::layout(left, right);
    QString l;
    QString r;
    m_marks.clear();
    m_differing = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const SideBySideLine &line = lines[i];
        l += line.left + QLatin1Char('\n');
        r += line.right + QLatin1Char('\n');
        if (line.leftPresent != line.rightPresent || line.left != line.right) {
            m_marks.append({ i, line.leftPresent, line.rightPresent });
            ++m_differing;
        }
    }
    l.chop(1);
    r.chop(1);
    m_left->setPlainText(l);
    m_right->setPlainText(r);
    highlight();
}

QString SideBySideText::leftText() const
{
    return m_left->toPlainText();
}

QString SideBySideText::rightText() const
{
    return m_right->toPlainText();
}

void SideBySideText::highlight()
{
    const ThemeColors colours = ThemeColors::from(palette());
    const QColor base = palette().color(QPalette::Base);
    auto selections = [&](QPlainTextEdit *edit, bool left) {
        QList<QTextEdit::ExtraSelection> out;
        for (const Mark &m : std::as_const(m_marks)) {
            QTextEdit::ExtraSelection s;
            const bool present = left ? m.leftPresent : m.rightPresent;
            const bool other = left ? m.rightPresent : m.leftPresent;
            // Only on this side: removed (left) or added (right); on both but different: changed.
            const QColor mark = present && other ? colours.changedMark : (left ? colours.removedMark : colours.addedMark);
            s.format.setBackground(present ? ThemeColors::blend(base, mark, 0.28) : ThemeColors::blend(base, colours.mutedText, 0.08));
            s.format.setProperty(QTextFormat::FullWidthSelection, true);
            s.cursor = QTextCursor(edit->document()->findBlockByNumber(m.line));
            out.append(s);
        }
        edit->setExtraSelections(out);
    };
    selections(m_left, true);
    selections(m_right, false);
}

void SideBySideText::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        highlight();
}

} // namespace tapedeck
