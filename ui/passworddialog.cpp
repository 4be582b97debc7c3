// SPDX-License-Identifier: MIT
// The password dialog.
#include "ui/passworddialog.h"

#include "ui/widgets/icons.h"
#include "ui/widgets/themecolors.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace tapedeck {

PasswordDialog::PasswordDialog(QWidget *parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_reveal(new QAction(this))
    , m_origin(new QLabel(this))
    , m_remember(new QCheckBox(tr("&Remember the password in the system keychain"), this))
    , m_problemIcon(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_problemRow(new QWidget(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("passwordDialog"));
    setWindowTitle(tr("Unlock Recording"));
    setModal(true);

    auto *lockIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize);
    lockIcon->setPixmap(icons::locked().pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    lockIcon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    m_heading->setFont(headingFont);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    // Wrapped labels in a fixed-size dialog shrink to their narrowest: give the text column a real width.
    m_explanation->setMinimumWidth(m_explanation->fontMetrics().averageCharWidth() * 62);
    m_explanation->setWordWrap(true);
    m_explanation->setText(
        tr("Enter the password the recording was made with (DataHub's recording password)."));

    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMinimumWidth(m_password->fontMetrics().averageCharWidth() * 36);
    // A password must not end up in an input method's dictionary or history.
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_reveal->setCheckable(true);
    m_reveal->setIcon(icons::showPassword());
    m_reveal->setToolTip(tr("Show password"));
    m_password->addAction(m_reveal, QLineEdit::TrailingPosition);
    connect(m_reveal, &QAction::toggled, this, [this](bool shown) {
        m_password->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_reveal->setIcon(shown ? icons::hidePassword() : icons::showPassword());
        m_reveal->setToolTip(shown ? tr("Hide password") : tr("Show password"));
    });
    connect(m_password, &QLineEdit::textChanged, this, [this] {
        m_origin->hide();
        updateButtons();
    });

    QPalette hintPalette = m_origin->palette();
    hintPalette.setColor(QPalette::WindowText, hintPalette.color(QPalette::PlaceholderText));
    m_origin->setObjectName(QStringLiteral("passwordOrigin"));
    m_origin->setTextFormat(Qt::PlainText);
    m_origin->setWordWrap(true);
    m_origin->setPalette(hintPalette);
    m_origin->hide();

    // The problem is shown inline, next to the field, so the user's eyes need not leave it.
    m_problem->setObjectName(QStringLiteral("passwordProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, ThemeColors::from(problemPalette).errorText);
    m_problem->setPalette(problemPalette);
    QFont problemFont = m_problem->font();
    problemFont.setBold(true);
    m_problem->setFont(problemFont);
    const int smallIcon = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_problemIcon->setPixmap(icons::error().pixmap(QSize(smallIcon, smallIcon), devicePixelRatioF()));
    m_problemIcon->setAlignment(Qt::AlignTop);
    auto *problemLayout = new QHBoxLayout(m_problemRow);
    problemLayout->setContentsMargins(0, 0, 0, 0);
    problemLayout->addWidget(m_problemIcon);
    problemLayout->addWidget(m_problem, 1);
    m_problemRow->hide();

    m_status->setObjectName(QStringLiteral("passwordStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setPalette(hintPalette);

    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    m_remember->setToolTip(
        tr("Stored by the desktop's keychain service, never in Tapedeck's settings or files."));
    m_remember->hide();

    auto *hint = new QLabel(
        tr("Tip: set DATAHUB_RECORDING_PASSWORD to open recordings without this question."), this);
    hint->setTextFormat(Qt::PlainText);
    hint->setWordWrap(true);
    hint->setPalette(hintPalette);

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Unlock"));
    ok->setObjectName(QStringLiteral("unlockButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PasswordDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 6, 0, 0);
    form->addRow(tr("&Password:"), m_password);

    auto *column = new QVBoxLayout;
    column->addWidget(m_heading);
    column->addWidget(m_explanation);
    column->addLayout(form);
    column->addWidget(m_origin);
    column->addWidget(m_remember);
    column->addWidget(m_problemRow);
    column->addWidget(m_status);
    column->addSpacing(4);
    column->addWidget(hint);

    auto *top = new QHBoxLayout;
    top->setSpacing(14);
    top->addWidget(lockIcon, 0, Qt::AlignTop);
    top->addLayout(column, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);

    setRecordingName(QString());
    setChecking(false);
}

void PasswordDialog::setRecordingName(const QString &name)
{
    m_heading->setText(name.isEmpty() ? tr("This recording is encrypted") : tr("%1 is encrypted").arg(name));
}

void PasswordDialog::setPrefill(const QString &password, const QString &source)
{
    {
        // Filling the field is not the user typing: keep the origin note visible.
        const QSignalBlocker blocker(m_password);
        m_password->setText(password);
    }
    m_origin->setText(tr("Filled in from %1.").arg(source));
    m_origin->setVisible(!source.isEmpty());
    m_password->selectAll();
    updateButtons();
}

void PasswordDialog::setRememberAvailable(bool available)
{
    m_remember->setVisible(available);
    if (!available)
        m_remember->setChecked(false);
}

bool PasswordDialog::rememberRequested() const
{
    return !m_remember->isHidden() && m_remember->isChecked();
}

void PasswordDialog::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problemRow->setVisible(!message.isEmpty());
    setChecking(false);
    m_password->selectAll();
    m_password->setFocus();
}

void PasswordDialog::setChecking(bool checking)
{
    m_checking = checking;
    m_password->setEnabled(!checking);
    m_remember->setEnabled(!checking);
    m_status->setText(checking ? tr("Checking the password…") : QString());
    m_status->setVisible(checking);
    if (checking)
        m_problemRow->hide();
    updateButtons();
    if (!checking)
        m_password->setFocus();
}

void PasswordDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_checking && !m_password->text().isEmpty());
}

void PasswordDialog::submit()
{
    if (m_checking || m_password->text().isEmpty())
        return;
    setChecking(true);
    Q_EMIT passwordSubmitted(m_password->text());
}

void PasswordDialog::done(int result)
{
    // The password lives no longer than the dialog's answer.
    m_password->clear();
    QDialog::done(result);
}

} // namespace tapedeck
