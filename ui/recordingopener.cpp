// SPDX-License-Identifier: MIT
// Opening recordings with passwords, progress and cancel, for the main and the diff window alike.
#include "ui/recordingopener.h"

#include "ui/displayname.h"
#include "ui/passworddialog.h"
#include "ui/passwordstore.h"
#include "ui/recordingloader.h"
#include "ui/widgets/loadingbar.h"

#include <QMainWindow>
#include <QStatusBar>

namespace tapedeck {

RecordingOpener::RecordingOpener(QMainWindow *window, LoadingBar *bar)
    : QObject(window)
    , m_window(window)
    , m_bar(bar)
    , m_loader(new RecordingLoader(this))
    , m_systemStore(PasswordStore::system())
{
    setPasswordStore(m_systemStore.get());
    m_bar->hide();

    connect(m_bar, &LoadingBar::cancelRequested, this, &RecordingOpener::cancel);
    connect(m_loader, &RecordingLoader::started, this, [this](const QString &path) {
        m_bar->setText(tr("Opening %1…").arg(fileName()));
        m_bar->setProgress(-1);
        m_bar->show();
        Q_EMIT started(path);
    });
    connect(m_loader, &RecordingLoader::passwordRequired, this, [this](const PasswordRequest &request) {
        m_bar->setText(tr("Waiting for the password of %1…").arg(request.displayName));
        m_bar->setProgressVisible(false);
        showPasswordDialog(request);
    });
    connect(m_loader, &RecordingLoader::checkingPassword, this, [this] {
        m_bar->setText(tr("Checking the password of %1…").arg(fileName()));
        m_bar->setProgress(-1);
    });
    connect(m_loader, &RecordingLoader::passwordAccepted, this, [this] {
        if (m_dialog)
            m_dialog->accept();
    });
    connect(m_loader, &RecordingLoader::loadingStarted, this, [this] {
        m_bar->setText(tr("Reading and verifying %1…").arg(fileName()));
        m_bar->setProgress(0);
    });
    connect(m_loader, &RecordingLoader::progressChanged, m_bar, &LoadingBar::setProgress);
    connect(
        m_loader, &RecordingLoader::loaded, this, [this](const std::shared_ptr<const Recording> &recording) {
            m_bar->hide();
            closePasswordDialog();
            Q_EMIT loaded(m_loader->path(), recording);
        });
    connect(m_loader, &RecordingLoader::failed, this, [this](const QString &path, const Error &error) {
        m_bar->hide();
        closePasswordDialog();
        Q_EMIT failed(path, error);
    });
    connect(m_loader, &RecordingLoader::cancelled, this, [this](const QString &path) {
        m_bar->hide();
        closePasswordDialog();
        m_window->statusBar()->showMessage(tr("Opening %1 was cancelled.").arg(fileName()), 5000);
        Q_EMIT cancelled(path);
    });
}

RecordingOpener::~RecordingOpener() = default;

void RecordingOpener::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    m_loader->setEnvironment(environment);
}

QProcessEnvironment RecordingOpener::environment() const
{
    return m_environment.value_or(QProcessEnvironment::systemEnvironment());
}

void RecordingOpener::setPasswordStore(PasswordStore *store)
{
    m_store = store;
    m_loader->setPasswordStore(store);
}

PasswordStore *RecordingOpener::passwordStore() const
{
    return m_store;
}

void RecordingOpener::open(const QString &path, const std::optional<QString> &knownPassword, const QString &displayName)
{
    if (path.isEmpty())
        return;
    closePasswordDialog();
    m_loader->open(path, knownPassword, displayName);
}

void RecordingOpener::cancel()
{
    m_loader->cancel();
}

bool RecordingOpener::isBusy() const
{
    return m_loader->isBusy();
}

std::shared_ptr<RecordingSource> RecordingOpener::takeLoadedSource()
{
    return m_loader->takeLoadedSource();
}

PasswordDialog *RecordingOpener::passwordDialog() const
{
    return m_dialog;
}

QString RecordingOpener::fileName() const
{
    return m_loader->displayName().isEmpty() ? displayFileName(m_loader->path()) : m_loader->displayName();
}

void RecordingOpener::showPasswordDialog(const PasswordRequest &request)
{
    if (!m_dialog) {
        m_dialog = new PasswordDialog(m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog->setRecordingName(request.displayName);
        connect(m_dialog, &PasswordDialog::passwordSubmitted, this,
            [this, dialog = m_dialog.data()](const QString &password) {
                m_loader->submitPassword(password, dialog->rememberRequested());
            });
        connect(m_dialog, &QDialog::rejected, this, &RecordingOpener::cancel);
        // open(), not exec(): window-modal without a nested event loop.
        m_dialog->open();
    }
    m_dialog->setRememberAvailable(request.canRemember);
    if (!request.prefill.isEmpty())
        m_dialog->setPrefill(request.prefill, request.prefillSource);
    m_dialog->showProblem(request.problem);
}

void RecordingOpener::closePasswordDialog()
{
    if (!m_dialog)
        return;
    // Closed by us, not by the user: that must not cancel the next open.
    disconnect(m_dialog, nullptr, this, nullptr);
    // When the user cancelled, the dialog is already hidden and on its way out.
    if (m_dialog->isVisible())
        m_dialog->reject();
    m_dialog = nullptr;
}

} // namespace tapedeck
