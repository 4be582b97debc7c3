// SPDX-License-Identifier: MIT
// Read-only monospace text with a built-in syntax highlighter that follows the palette (light or dark).
#pragma once

#include "highlighters.h"

#include <QPlainTextEdit>
#include <QPointer>

namespace tapedeck {

class CodeView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeView)

public:
    // Texts longer than this are shown without colours: QSyntaxHighlighter colours every line at once on
    // the GUI thread.
    static constexpr qsizetype MaxHighlightedSize = qsizetype(1) << 20;

    explicit CodeView(QWidget *parent = nullptr);

    void setCode(const QString &text, SyntaxLanguage language);
    SyntaxLanguage language() const { return m_language; }
    // The highlighter in use (nullptr for plain text, or when the text was too long to colour).
    SyntaxHighlighter *highlighter() const { return m_highlighter; }

protected:
    void changeEvent(QEvent *event) override;

private:
    SyntaxLanguage m_language = SyntaxLanguage::None;
    QPointer<SyntaxHighlighter> m_highlighter;
};

} // namespace tapedeck
