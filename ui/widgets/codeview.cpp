// SPDX-License-Identifier: MIT
// Read-only highlighted code text.
#include "ui/widgets/codeview.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPlainTextDocumentLayout>
#include <QTextDocument>
#include <QThread>

namespace tapedeck {

CodeView::CodeView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    adopt(prepare(QString(), SyntaxLanguage::None, font(), SyntaxTheme::forPalette(palette()), thread()));
}

CodeView::~CodeView() = default; // the tracker waits for a text being prepared

CodeView::Prepared CodeView::prepare(const QString &text, SyntaxLanguage language, const QFont &font,
    const SyntaxTheme &theme, QThread *target)
{
    auto *document = new QTextDocument;
    document->setDocumentLayout(new QPlainTextDocumentLayout(document));
    document->setDefaultFont(font);
    // Attached while the document is still empty, the highlighter colours the text as it is set, here, and
    // schedules nothing for later (which would run on the GUI thread once the document moved there).
    if (text.size() <= MaxHighlightedSize) {
        if (SyntaxHighlighter *highlighter = createHighlighter(language, document))
            highlighter->setTheme(theme);
    }
    document->setPlainText(text);
    document->moveToThread(target); // a no-op on the GUI thread itself
    return Prepared(document, [](QTextDocument *d) { d->deleteLater(); });
}

void CodeView::adopt(Prepared document)
{
    setDocument(document.get());
    m_document = std::move(document); // the one shown before is deleted later
    m_highlighter = m_document->findChild<SyntaxHighlighter *>();
}

void CodeView::setCode(const QString &text, SyntaxLanguage language)
{
    m_text = text;
    m_language = language;
    m_jobs.abandon(); // an older text still being prepared is not needed any more
    const SyntaxTheme theme = SyntaxTheme::forPalette(palette());
    if (text.size() <= SyncLimit) {
        adopt(prepare(text, language, font(), theme, thread()));
        Q_EMIT codeShown();
        return;
    }
    adopt(prepare(
        tr("Preparing %1 characters…").arg(text.size()), SyntaxLanguage::None, font(), theme, thread()));
    m_jobs.start([text, language, font = font(), theme,
                     target = thread()] { return prepare(text, language, font, theme, target); },
        [this](Prepared document) {
            adopt(std::move(document));
            Q_EMIT codeShown();
        });
}

void CodeView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() != QEvent::PaletteChange || !m_highlighter)
        return;
    if (m_text.size() <= SyncLimit)
        m_highlighter->setTheme(SyntaxTheme::forPalette(palette()));
    else
        setCode(m_text, m_language); // re-coloured off the GUI thread like the first time
}

} // namespace tapedeck
