// SPDX-License-Identifier: MIT
// Opens recordings for a window: the password from the environment, keychain or a dialog; progress, Cancel.
#pragma once

#include "core/common/result.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>
#include <optional>

class QMainWindow;

namespace tapedeck {

class LoadingBar;
class PasswordDialog;
class PasswordStore;
class Recording;
class RecordingLoader;
class RecordingSource;
struct PasswordRequest;

class RecordingOpener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingOpener)

public:
    // Password dialogs are window-modal on window, which also says in its status bar that an open was
    // cancelled. bar shows each step while busy (hidden otherwise); its Cancel button cancels.
    RecordingOpener(QMainWindow *window, LoadingBar *bar);
    ~RecordingOpener() override;

    // Where DATAHUB_RECORDING_PASSWORD and ADMIN_PASSWORD are read: the process environment unless set.
    void setEnvironment(const QProcessEnvironment &environment);
    QProcessEnvironment environment() const;
    // Where remembered passwords are looked up (after the environment) and where "remember" keeps them: the
    // system keychain unless set. Not owned; nullptr means no keychain at all.
    void setPasswordStore(PasswordStore *store);
    PasswordStore *passwordStore() const;

    // Opens path in the background, superseding an open in progress. knownPassword is tried before the
    // environment (the bundled sample's documented password). displayName names it instead of its file
    // name (a download from S3).
    void open(const QString &path, const std::optional<QString> &knownPassword = std::nullopt,
        const QString &displayName = {});
    // Abandons the open in progress, if any (closing its password dialog); cancelled() follows at once.
    void cancel();
    bool isBusy() const;
    // The unlocked source of the recording that loaded() is delivering (extraction works on it); handed
    // over once, then null. The archive is not kept unlocked when nobody takes it.
    std::shared_ptr<RecordingSource> takeLoadedSource();
    // The dialog asking for a password now, if any.
    PasswordDialog *passwordDialog() const;

Q_SIGNALS:
    void started(const QString &path);
    void loaded(const QString &path, const std::shared_ptr<const tapedeck::Recording> &recording);
    void failed(const QString &path, const tapedeck::Error &error);
    void cancelled(const QString &path);

private:
    void showPasswordDialog(const PasswordRequest &request);
    void closePasswordDialog();
    QString fileName() const;

    QMainWindow *m_window;
    LoadingBar *m_bar;
    RecordingLoader *m_loader;
    std::optional<QProcessEnvironment> m_environment;
    std::unique_ptr<PasswordStore> m_systemStore;
    QPointer<PasswordStore> m_store;
    QPointer<PasswordDialog> m_dialog;
};

} // namespace tapedeck
