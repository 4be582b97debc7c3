// SPDX-License-Identifier: MIT
// Read-only highlighted code text.
#include "codeview.h"

#include <QEvent>
#include <QFontDatabase>

namespace tapedeck {

CodeView::CodeView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void CodeView::setCode(const QString &text, SyntaxLanguage language)
{
    delete m_highlighter; // before the text changes, so that the old one does not colour the new text
    m_language = language;
    setPlainText(text);
    if (text.size() <= MaxHighlightedSize) {
        m_highlighter = createHighlighter(language, document());
        if (m_highlighter)
            m_highlighter->setTheme(SyntaxTheme::forPalette(palette()));
    }
}

void CodeView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter)
        m_highlighter->setTheme(SyntaxTheme::forPalette(palette()));
}

} // namespace tapedeck
