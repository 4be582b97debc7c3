// SPDX-License-Identifier: MIT
// The main window: menus, the recording's overview, timeline and entities tabs, HAR export and extraction.
#pragma once

#include "core/recording/recording.h"
#include "core/recording/timeline.h"
#include "core/storage/awsconfig.h"

#include <QMainWindow>
#include <QProcessEnvironment>

#include <functional>
#include <memory>
#include <optional>

class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace tapedeck {

class Banner;
class DetailStack;
class EntityBrowser;
class JobTracker;
class TimelinePanel;
class LoadingBar;
class PasswordStore;
class RecordingOpener;
class RecentFilesMenu;
class RecordingDownloader;
class RecordingsWindow;
class RecordingStatusBar;
class RecordingView;
class ReplayPanel;
class WelcomePage;

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
    // that lives in memory). The window does not take ownership; the diff windows it opens use it too.
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
    ReplayPanel *replayPanel() const { return m_replay; }
    // File › Browse Recordings…; null until first shown.
    RecordingsWindow *recordingsWindow() const { return m_recordings; }
    // How s3:// addresses given to openRecording() are reached (the command line's --profile, --region,
    // --endpoint-url); the environment and ~/.aws decide what is not set.
    void setS3Options(const S3Options &options) { m_s3Options = options; }
    bool isLoading() const;
    bool isIndexing() const;
    bool isExporting() const;

    enum Tab { OverviewTab, TimelineTab, EntitiesTab, ReplayTab };

    // The bundled sample recording, or empty when it is neither installed nor in the source tree.
    static QString sampleRecordingPath();

public Q_SLOTS:
    // Opens an archive or an extracted recording folder in the background; errors end up in a banner.
    // An s3://bucket/key address is downloaded first (openRemoteRecording with setS3Options' options).
    void openRecording(const QString &path);
    // Downloads the recording at url into the download cache, with progress and Cancel, then opens it as
    // openRecording() does; a cancelled download leaves the window as it was.
    void openRemoteRecording(const QString &url, const tapedeck::S3Options &options);
    void showRecordingsWindow();
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
    void chooseRecording();
    void showAbout();
    void showRecording(const std::shared_ptr<const Recording> &recording);
    void showOpenError(const QString &path, const Error &error);
    void updateStatusBar();
    QProcessEnvironment environment() const;
    QWidget *createRecordingPage();
    void startIndexing();
    void onIndexed(const Status &status);
    void onFileTaskFinished(const Status &status);
    void chooseHarFile();
    void chooseExtractFolder();
    void startFileTask(
        const QString &description, const QString &target, std::function<Status(ProgressReporter &)> work);
    void restoreLayout();
    void saveLayout() const;
    void updateTabTitles();
    void showEventInTimeline(qsizetype seq);
    void cyclePanes(bool forward);
    void showRecordedEventOfReplay(qsizetype seq);
    void backToReplay();

    LoadingBar *m_loadingBar;
    RecordingOpener *m_opener;
    RecordingDownloader *m_downloader;
    Banner *m_openError;
    QStackedWidget *m_stack;
    WelcomePage *m_welcome;
    RecordingView *m_view;
    RecordingStatusBar *m_statusBar;
    QString m_openedAs; // the shown recording's path as given to openRecording(), maybe relative
    S3Options m_s3Options;
    QString m_downloadedUrl; // the s3:// address whose download is being opened, and where it was put
    QString m_downloadedPath;
    RecordingsWindow *m_recordings = nullptr;
    QAction *m_openSampleAction = nullptr;
    QAction *m_exportHarAction = nullptr;
    QAction *m_extractAction = nullptr;
    RecentFilesMenu *m_recentMenu = nullptr;
    QTabWidget *m_tabs = nullptr;
    TimelinePanel *m_timelinePanel = nullptr;
    DetailStack *m_details = nullptr;
    QSplitter *m_timelineSplitter = nullptr;
    EntityBrowser *m_entities = nullptr;
    DetailStack *m_entityDetails = nullptr;
    QSplitter *m_entitySplitter = nullptr;
    ReplayPanel *m_replay = nullptr;
    QAction *m_backToReplayAction = nullptr;
    qsizetype m_replayEntryBeforeJump = -1;
    Banner *m_timelineProblems = nullptr;
    LoadingBar *m_taskBar = nullptr;
    JobTracker *m_indexing = nullptr;
    JobTracker *m_fileTask = nullptr; // exporting HAR or extracting
    QString m_fileTaskDescription;
    QString m_fileTaskTarget;
    std::shared_ptr<Timeline> m_timeline;
    std::shared_ptr<RecordingSource> m_source; // unlocked, for extraction
    std::shared_ptr<const Recording> m_recording;
};

} // namespace tapedeck
