// SPDX-License-Identifier: MIT
// Read-only monospace text with a built-in syntax highlighter that follows the palette (light or dark).
// Long texts are laid into a document and coloured off the GUI thread, then swapped in.
#pragma once

#include "ui/jobs/jobtracker.h"
#include "ui/widgets/highlighters.h"

#include <QPlainTextEdit>
#include <QPointer>

#include <memory>

namespace tapedeck {

class CodeView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeView)

public:
    // Texts up to this many characters are set directly; longer ones are prepared on a worker thread
    // (building and colouring a document of a megabyte blocks for a few hundred milliseconds).
    static constexpr qsizetype SyncLimit = qsizetype(64) << 10;
    // Texts longer than this are shown without colours.
    static constexpr qsizetype MaxHighlightedSize = qsizetype(8) << 20;

    explicit CodeView(QWidget *parent = nullptr);
    ~CodeView() override; // waits for a text being prepared (the application may be about to end)

    void setCode(const QString &text, SyntaxLanguage language);
    QString code() const { return m_text; }
    SyntaxLanguage language() const { return m_language; }
    // True while a long text is being prepared (the view says so meanwhile).
    bool isPreparing() const { return m_jobs.isRunning(); }
    // The highlighter in use (nullptr for plain text, or when the text was too long to colour).
    SyntaxHighlighter *highlighter() const { return m_highlighter; }

Q_SIGNALS:
    // The text last given to setCode() is on screen (at once for short texts).
    void codeShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    // A document with its highlighter, ready to be shown; deleted later on the GUI thread. The editor never
    // owns it (QPlainTextEdit only deletes documents that are its children).
    using Prepared = std::shared_ptr<QTextDocument>;
    static Prepared prepare(const QString &text, SyntaxLanguage language, const QFont &font,
        const SyntaxTheme &theme, QThread *target);
    void adopt(Prepared document);

    QString m_text;
    SyntaxLanguage m_language = SyntaxLanguage::None;
    QPointer<SyntaxHighlighter> m_highlighter;
    Prepared m_document; // the document shown
    // Two threads: preparing cannot stop early, and a newer text should not wait for an older one.
    JobTracker m_jobs { this, 2 };
};

} // namespace tapedeck
