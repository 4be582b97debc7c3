// SPDX-License-Identifier: MIT
// A coloured message strip above content: a headline, a message and optional expandable details.
#pragma once

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace tapedeck {

class Banner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Banner)

public:
    enum class Kind { Error, Warning, Information };

    explicit Banner(Kind kind, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    void setKind(Kind kind);

    // All text is shown as plain text: it often comes from the archive and must never be read as HTML.
    void setTitle(const QString &title);
    QString title() const;
    void setText(const QString &text);
    QString text() const;
    // Long text (a traceback, the full problem list) behind a toggle; empty hides the toggle.
    void setDetails(const QString &details, const QString &showLabel, const QString &hideLabel);
    QString details() const;
    bool detailsVisible() const;
    void setDetailsVisible(bool visible);
    // Adds a close button; closing hides the banner and emits dismissed().
    void setDismissable(bool dismissable);

Q_SIGNALS:
    void dismissed();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void applyKind();
    void updateToggle();

    Kind m_kind;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QToolButton *m_toggle;
    QToolButton *m_close;
    QPlainTextEdit *m_details;
    QString m_showLabel;
    QString m_hideLabel;
};

} // namespace tapedeck
