// SPDX-License-Identifier: MIT
// The main window: menus, background loading with progress and password dialog, the recording overview.
#pragma once

#include "core/recording/recording.h"
#include "core/recording/timeline.h"

#include <QMainWindow>
#include <QPointer>
#include <QProcessEnvironment>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace tapedeck {

class BackgroundTask;
class Banner;
class DetailStack;
class EntityBrowser;
class TimelinePanel;
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
    // The shown recording's events; grows while isIndexing().
    std::shared_ptr<const Timeline> timeline() const { return m_timeline; }
    RecordingView *recordingView() const { return m_view; }
    QTabWidget *tabs() const { return m_tabs; }
    TimelinePanel *timelinePanel() const { return m_timelinePanel; }
    DetailStack *detailStack() const { return m_details; }
    EntityBrowser *entityBrowser() const { return m_entities; }
    DetailStack *entityDetailStack() const { return m_entityDetails; }
    bool isLoading() const;
    bool isIndexing() const;
    bool isExporting() const;

    enum Tab { OverviewTab, TimelineTab, EntitiesTab };
    static constexpr int MaxRecentRecordings = 10;

    // The bundled sample recording, or empty when it is neither installed nor in the source tree.
    static QString sampleRecordingPath();

public Q_SLOTS:
    // Opens an archive or an extracted recording folder in the background; errors end up in a banner.
    void openRecording(const QString &path);
    void openSampleRecording();
    // Writes the timeline's HTTP events as HAR 1.2 in the background (exportFinished() reports).
    void exportHar(const QString &path);
    // Writes the recording's decrypted entries into folder in the background, with the same safety as
    // `tapedeck-cli extract` (exportFinished() reports). The caller has warned the user.
    void extractRecording(const QString &folder);
    void cancelBackgroundWork();

Q_SIGNALS:
    void recordingShown(const QString &location);
    void openFailed(const QString &path, const QString &message);
    void openCancelled(const QString &path);
    // Indexing the shown recording ended (complete, stopped by a fault, or cancelled).
    void timelineIndexed(qsizetype events);
    void exportFinished(const QString &path, const tapedeck::Status &status);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

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
    QWidget *createRecordingPage();
    void startIndexing();
    void onIndexed(const Status &status);
    void chooseHarFile();
    void chooseExtractFolder();
    void startFileTask(
        const QString &description, const QString &target, std::function<Status(ProgressReporter &)> work);
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void restoreLayout();
    void saveLayout() const;
    void updateTabTitles();
    void showEventInTimeline(qsizetype seq);
    void cyclePanes(bool forward);

    RecordingLoader *m_loader;
    LoadingBar *m_loadingBar;
    Banner *m_openError;
    QStackedWidget *m_stack;
    QWidget *m_welcome;
    RecordingView *m_view;
    QLabel *m_locationStatus = nullptr;
    QString m_openedAs; // the shown recording's path as given to openRecording(), maybe relative
    QLabel *m_entriesStatus = nullptr;
    QLabel *m_lockIcon = nullptr;
    QLabel *m_lockStatus = nullptr;
    QLabel *m_checksumIcon = nullptr;
    QLabel *m_checksumStatus = nullptr;
    QAction *m_openSampleAction = nullptr;
    QAction *m_exportHarAction = nullptr;
    QAction *m_extractAction = nullptr;
    QMenu *m_recentMenu = nullptr;
    QTabWidget *m_tabs = nullptr;
    TimelinePanel *m_timelinePanel = nullptr;
    DetailStack *m_details = nullptr;
    QSplitter *m_timelineSplitter = nullptr;
    EntityBrowser *m_entities = nullptr;
    DetailStack *m_entityDetails = nullptr;
    QSplitter *m_entitySplitter = nullptr;
    Banner *m_timelineProblems = nullptr;
    LoadingBar *m_taskBar = nullptr;
    BackgroundTask *m_indexing = nullptr;
    BackgroundTask *m_fileTask = nullptr;
    QString m_fileTaskTarget;
    QLabel *m_eventsStatus = nullptr;
    std::shared_ptr<Timeline> m_timeline;
    std::shared_ptr<RecordingSource> m_source; // unlocked, for extraction
    QPointer<PasswordDialog> m_passwordDialog;
    std::shared_ptr<const Recording> m_recording;
    std::optional<QProcessEnvironment> m_environment;
    std::unique_ptr<PasswordStore> m_systemPasswordStore;
};

} // namespace tapedeck
