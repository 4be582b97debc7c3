// SPDX-License-Identifier: MIT
// Asks for a recording's password and re-asks in place, with the reason, when the password is wrong.
#pragma once

#include <QDialog>

class QAction;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace tapedeck {

// The dialog does not close itself when the user confirms: it emits passwordSubmitted() and waits in a
// "checking" state until its owner calls accept() (password right) or showProblem() (ask again).
class PasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordDialog)

public:
    explicit PasswordDialog(QWidget *parent = nullptr);

    void setRecordingName(const QString &name);
    // Puts a password from a non-interactive source into the field, saying where it came from.
    void setPrefill(const QString &password, const QString &source);
    // Offers "remember in the keychain" (off by default) when a keychain is available.
    void setRememberAvailable(bool available);
    bool rememberRequested() const;
    // Shows why the last password was refused and lets the user try again.
    void showProblem(const QString &message);
    void setChecking(bool checking);
    bool isChecking() const { return m_checking; }

    void done(int result) override;

Q_SIGNALS:
    void passwordSubmitted(const QString &password);

private:
    void submit();
    void updateButtons();

    QLabel *m_heading;
    QLabel *m_explanation;
    QLineEdit *m_password;
    QAction *m_reveal;
    QLabel *m_origin;
    QCheckBox *m_remember;
    QLabel *m_problemIcon;
    QLabel *m_problem;
    QWidget *m_problemRow;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    bool m_checking = false;
};

} // namespace tapedeck
