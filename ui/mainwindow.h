// SPDX-License-Identifier: MIT
// The main window: menus, background loading with progress and password dialog, the recording overview.
#pragma once

#include "recording/recording.h"

#include <QMainWindow>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>
#include <optional>

class QLabel;
class QStackedWidget;

namespace tapedeck {

class Banner;
class LoadingBar;
class PasswordDialog;
class PasswordStore;
class RecordingLoader;
class RecordingView;
struct PasswordRequest;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Where password sources (DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD) and INGESTION_ARTIFACT_DIR are
    // read; the process environment unless set. Tests use it to control the password path.
    void setEnvironment(const QProcessEnvironment &environment);
    // Where "remember the password" keeps passwords: the system keychain unless set (tests set a store
    // that lives in memory). The window does not take ownership.
    void setPasswordStore(PasswordStore *store);

    std::shared_ptr<const Recording> recording() const { return m_recording; }
    RecordingView *recordingView() const { return m_view; }
    bool isLoading() const;

    // The bundled sample recording, or empty when it is neither installed nor in the source tree.
    static QString sampleRecordingPath();

public Q_SLOTS:
    // Opens an archive or an extracted recording folder in the background; errors end up in a banner.
    void openRecording(const QString &path);
    void openSampleRecording();

Q_SIGNALS:
    void recordingShown(const QString &location);
    void openFailed(const QString &path, const QString &message);
    void openCancelled(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    QWidget *createWelcomePage();
    void chooseRecording();
    void showAbout();
    void showPasswordDialog(const PasswordRequest &request);
    void closePasswordDialog();
    void showRecording(const std::shared_ptr<const Recording> &recording);
    void showOpenError(const QString &path, const Error &error);
    void stopLoadingIndicator();
    void updateStatusBar();
    QProcessEnvironment environment() const;

    RecordingLoader *m_loader;
    LoadingBar *m_loadingBar;
    Banner *m_openError;
    QStackedWidget *m_stack;
    QWidget *m_welcome;
    RecordingView *m_view;
    QLabel *m_locationStatus = nullptr;
    QLabel *m_entriesStatus = nullptr;
    QLabel *m_lockIcon = nullptr;
    QLabel *m_lockStatus = nullptr;
    QLabel *m_checksumIcon = nullptr;
    QLabel *m_checksumStatus = nullptr;
    QAction *m_openSampleAction = nullptr;
    QPointer<PasswordDialog> m_passwordDialog;
    std::shared_ptr<const Recording> m_recording;
    std::optional<QProcessEnvironment> m_environment;
    std::unique_ptr<PasswordStore> m_systemPasswordStore;
};

} // namespace tapedeck
