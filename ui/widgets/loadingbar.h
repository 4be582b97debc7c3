// SPDX-License-Identifier: MIT
// The strip shown while a recording loads: what is happening, a progress bar and a Cancel button.
#pragma once

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace tapedeck {

class LoadingBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadingBar)

public:
    explicit LoadingBar(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    // Permille; a negative value shows a busy indicator (the total is not known yet).
    void setProgress(int permille);
    // While nothing is being worked on (waiting for the user), a progress bar would be a lie.
    void setProgressVisible(bool visible);

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_text;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};

} // namespace tapedeck
