// SPDX-License-Identifier: MIT
// The main window.
#include "ui/mainwindow.h"

#include "core/archive/extractor.h"
#include "core/archive/ziparchive.h"
#include "core/common/libraryversions.h"
#include "core/recording/harexport.h"
#include "core/recording/timelineindexer.h"
#include "core/storage/s3location.h"
#include "ui/details/detailstack.h"
#include "ui/diff/diffwindow.h"
#include "ui/replay/replaypanel.h"
#include "ui/displayname.h"
#include "ui/errortext.h"
#include "ui/jobs/jobtracker.h"
#include "ui/overview/entriesmodel.h"
#include "ui/overview/recordingview.h"
#include "ui/recentfilesmenu.h"
#include "ui/recordingopener.h"
#include "ui/recordingstatusbar.h"
#include "ui/storage/recordingdownloader.h"
#include "ui/storage/recordingswindow.h"
#include "ui/timeline/entitybrowser.h"
#include "ui/timeline/filterbar.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"
#include "ui/welcomepage.h"
#include "ui/widgets/banner.h"
#include "ui/widgets/icons.h"
#include "ui/widgets/loadingbar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tapedeck {

namespace {

// Documented in the README and resources/samples/README.md: not a secret.
QString samplePassword()
{
    return QStringLiteral("tapedeck-sample");
}

QString sampleFileName()
{
    return QStringLiteral("sample-recording.zip");
}

bool isArchiveRecording(const std::shared_ptr<const Recording> &recording)
{
    return recording && recording->kind != RecordingSource::Kind::Directory;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_loadingBar(new LoadingBar(this))
    , m_opener(new RecordingOpener(this, m_loadingBar))
    , m_downloader(new RecordingDownloader(this, m_loadingBar))
    , m_openError(new Banner(Banner::Kind::Error, this))
    , m_stack(new QStackedWidget(this))
    , m_welcome(new WelcomePage(!sampleRecordingPath().isEmpty(), this))
    , m_view(new RecordingView(this))
    , m_statusBar(new RecordingStatusBar(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(icons::application());
    setAcceptDrops(true);

    m_openError->setObjectName(QStringLiteral("openErrorBanner"));
    m_openError->setDismissable(true);
    m_openError->hide();

    m_indexing = new JobTracker(this);
    m_fileTask = new JobTracker(this);
    m_taskBar = new LoadingBar(this);
    m_taskBar->setObjectName(QStringLiteral("taskBar"));
    m_taskBar->hide();

    m_stack->setObjectName(QStringLiteral("mainStack"));
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(createRecordingPage());

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addWidget(m_loadingBar);
    layout->addWidget(m_taskBar);
    layout->addWidget(m_openError);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    setStatusBar(m_statusBar);
    createActions();
    updateStatusBar();
    resize(1280, 820);
    restoreLayout();

    connect(m_indexing, &JobTracker::progressChanged, m_taskBar, &LoadingBar::setProgress);
    connect(m_fileTask, &JobTracker::progressChanged, m_taskBar, &LoadingBar::setProgress);
    connect(m_taskBar, &LoadingBar::cancelRequested, this, &MainWindow::cancelBackgroundWork);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::chooseRecording);
    connect(m_welcome, &WelcomePage::openSampleRequested, this, &MainWindow::openSampleRecording);

    connect(m_opener, &RecordingOpener::started, m_openError, &QWidget::hide);
    connect(m_opener, &RecordingOpener::loaded, this,
        [this](const QString &path, const std::shared_ptr<const Recording> &recording) {
            m_source = m_opener->takeLoadedSource();
            // A downloaded recording is known by its s3:// address, not by its place in the cache.
            m_openedAs = !m_downloadedUrl.isEmpty() && path == m_downloadedPath ? m_downloadedUrl : path;
            showRecording(recording);
        });
    connect(m_opener, &RecordingOpener::failed, this, [this](const QString &path, const Error &error) {
        if (m_downloadedUrl.isEmpty() || path != m_downloadedPath) {
            showOpenError(path, error);
            return;
        }
        // Named by its s3:// address, not by its place in the download cache.
        Error named = error;
        named.message.replace(path, m_downloadedUrl);
        const Result<S3Location> remote = S3Location::parse(m_downloadedUrl);
        named.message.replace(QFileInfo(path).fileName(), remote ? remote->fileName() : m_downloadedUrl);
        showOpenError(m_downloadedUrl, named);
    });
    connect(m_opener, &RecordingOpener::cancelled, this, &MainWindow::openCancelled);

    connect(m_downloader, &RecordingDownloader::started, m_openError, &QWidget::hide);
    connect(m_downloader, &RecordingDownloader::downloaded, this, [this](const QString &url, const QString &path) {
        m_downloadedUrl = url;
        m_downloadedPath = path;
        m_opener->open(path);
    });
    connect(m_downloader, &RecordingDownloader::failed, this, &MainWindow::showOpenError);
    connect(m_downloader, &RecordingDownloader::cancelled, this, [this](const QString &url) {
        statusBar()->showMessage(tr("Downloading %1 was cancelled.").arg(url), 5000);
        Q_EMIT openCancelled(url);
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::setEnvironment(const QProcessEnvironment &environment)
{
    m_opener->setEnvironment(environment);
    if (m_recordings)
        m_recordings->setEnvironment(environment);
}

void MainWindow::setPasswordStore(PasswordStore *store)
{
    m_opener->setPasswordStore(store);
    if (m_recordings)
        m_recordings->setPasswordStore(store);
}

QProcessEnvironment MainWindow::environment() const
{
    return m_opener->environment();
}

bool MainWindow::isLoading() const
{
    return m_opener->isBusy();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::chooseRecording);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open a recording archive"));

    QAction *browse = file->addAction(tr("&Browse Recordings…"), this, &MainWindow::showRecordingsWindow);
    browse->setObjectName(QStringLiteral("browseRecordingsAction"));
    browse->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    browse->setStatusTip(tr("List, search and open the recordings in folders and S3 prefixes"));

    m_recentMenu = new RecentFilesMenu(this);
    file->addMenu(m_recentMenu);
    connect(m_recentMenu, &RecentFilesMenu::openRequested, this, &MainWindow::openRecording);

    m_openSampleAction
        = file->addAction(tr("Open &Sample Recording"), this, &MainWindow::openSampleRecording);
    if (sampleRecordingPath().isEmpty()) {
        m_openSampleAction->setEnabled(false);
        m_openSampleAction->setStatusTip(tr("The sample recording is not installed"));
    } else {
        m_openSampleAction->setStatusTip(
            tr("Open the bundled sample recording of a failed Looker ingestion run"));
    }

    file->addSeparator();
    QAction *compare = file->addAction(tr("&Compare Metadata…"), this, [this] {
        // The shown recording is preselected; with its run's MCP file beside it, compared at once.
        auto *diff = new DiffWindow(this);
        diff->setAttribute(Qt::WA_DeleteOnClose);
        diff->setEnvironment(environment());
        diff->setPasswordStore(m_opener->passwordStore()); // a password remembered here opens it there too
        const QString recorded = m_recording ? m_recording->location : QString();
        diff->setSources(recorded, QString());
        diff->show();
        if (!recorded.isEmpty() && !DiffWindow::ownMcpFile(recorded).isEmpty())
            diff->compareWithOwnMcps();
    });
    compare->setObjectName(QStringLiteral("compareAction"));
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    compare->setStatusTip(
        tr("Compare the MCPs of a recording with a replay's output (or any two MCP files)"));

    file->addSeparator();
    m_exportHarAction = file->addAction(tr("&Export HTTP as HAR…"), this, &MainWindow::chooseHarFile);
    m_exportHarAction->setObjectName(QStringLiteral("exportHarAction"));
    m_exportHarAction->setStatusTip(
        tr("Save the recording's HTTP exchanges as a HAR 1.2 file for browser tools and HAR viewers"));
    m_extractAction = file->addAction(tr("E&xtract Recording…"), this, &MainWindow::chooseExtractFolder);
    m_extractAction->setObjectName(QStringLiteral("extractAction"));
    m_extractAction->setStatusTip(tr("Write the recording's decrypted files into a folder"));

    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QString, Tab>> tabs { { tr("&Overview"), OverviewTab },
        { tr("&Timeline"), TimelineTab }, { tr("&Entities"), EntitiesTab }, { tr("&Replay"), ReplayTab } };
    for (const auto &[title, tab] : tabs) {
        QAction *show = view->addAction(title, this, [this, tab = tab] {
            if (m_recording)
                m_tabs->setCurrentIndex(tab);
        });
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(tab))));
    }

    m_backToReplayAction = view->addAction(tr("&Back to the Replay"), this, &MainWindow::backToReplay);
    m_backToReplayAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_backToReplayAction->setStatusTip(tr("Return to the replayed request you came from"));
    m_backToReplayAction->setEnabled(false);

    view->addSeparator();
    // Keyboard users move between the filter, the list and the details of the tab shown.
    QAction *nextPane = view->addAction(tr("Next &Pane"), this, [this] { cyclePanes(true); });
    nextPane->setShortcut(QKeySequence(Qt::Key_F6));
    QAction *previousPane = view->addAction(tr("Pre&vious Pane"), this, [this] { cyclePanes(false); });
    previousPane->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    QAction *filter = view->addAction(tr("&Filter Events"), this, [this] {
        if (!m_recording)
            return;
        m_tabs->setCurrentIndex(TimelineTab);
        m_timelinePanel->filterBar()->focusFilter();
    });
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Tapedeck"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

QString MainWindow::sampleRecordingPath()
{
    QStringList candidates;
    // Installed: <prefix>/bin/tapedeck next to <prefix>/share/tapedeck/samples.
    const QString dataDir = QStringLiteral(TAPEDECK_INSTALL_DATADIR);
    const QString installed = QDir::isAbsolutePath(dataDir)
        ? dataDir
        : QCoreApplication::applicationDirPath() + QStringLiteral("/../") + dataDir;
    candidates << installed + QStringLiteral("/tapedeck/samples/") + sampleFileName();
    const QString located = QStandardPaths::locate(
        QStandardPaths::GenericDataLocation, QStringLiteral("tapedeck/samples/") + sampleFileName());
    if (!located.isEmpty())
        candidates << located;
    // A build that was never installed runs the sample from the source tree.
    candidates << QStringLiteral(TAPEDECK_SOURCE_SAMPLES) + QLatin1Char('/') + sampleFileName();
    for (const QString &candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isFile())
            return QDir::cleanPath(candidate);
    }
    return {};
}

void MainWindow::openRecording(const QString &path)
{
    if (S3Location::isS3Url(path)) {
        openRemoteRecording(path, m_s3Options);
        return;
    }
    m_downloader->abandon();
    m_downloadedUrl.clear();
    m_opener->open(path);
}

void MainWindow::openRemoteRecording(const QString &url, const S3Options &options)
{
    // The recording is opened only once it is here: until then what is shown stays.
    m_opener->cancel();
    m_downloadedUrl.clear();
    m_downloader->download(url, options);
}

void MainWindow::showRecordingsWindow()
{
    if (!m_recordings) {
        m_recordings = new RecordingsWindow(this);
        m_recordings->setEnvironment(environment());
        m_recordings->setPasswordStore(m_opener->passwordStore());
        connect(m_recordings, &RecordingsWindow::openRequested, this,
            [this](const QString &location, const S3Options &options) {
                if (S3Location::isS3Url(location))
                    openRemoteRecording(location, options);
                else
                    openRecording(location);
                raise();
                activateWindow();
            });
    }
    m_recordings->show();
    m_recordings->raise();
    m_recordings->activateWindow();
}

void MainWindow::openSampleRecording()
{
    const QString path = sampleRecordingPath();
    if (path.isEmpty()) {
        showOpenError(
            sampleFileName(), makeError(ErrorCode::Io, tr("The sample recording is not installed.")));
        return;
    }
    // Only this action knows the sample's password: a path given by the user always goes through the
    // password sources and the dialog, whatever file it names.
    m_opener->open(path, samplePassword());
}

void MainWindow::chooseRecording()
{
    QString directory;
    if (m_recording)
        directory = QFileInfo(m_recording->location).absolutePath();
    else if (const QString artifacts = environment().value(QStringLiteral("INGESTION_ARTIFACT_DIR"));
             !artifacts.isEmpty())
        directory = artifacts; // where DataHub puts recordings by default
    auto *dialog = new QFileDialog(
        this, tr("Open Recording"), directory, tr("Recording archives (*.zip);;All files (*)"));
    dialog->setObjectName(QStringLiteral("openDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openRecording);
    dialog->open();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Tapedeck"));
    box->setIconPixmap(icons::application().pixmap(QSize(64, 64), devicePixelRatioF()));
    box->setTextFormat(Qt::RichText);
    box->setText(QStringLiteral("<h3>") + tr("Tapedeck %1").arg(QStringLiteral(TAPEDECK_VERSION))
        + QStringLiteral("</h3><p>") + tr("Opens, inspects and replays recorded DataHub ingestion runs.")
        + QStringLiteral("</p><p>") + tr("Licensed under the MIT License.") + QStringLiteral("</p>"));
    // The libraries as loaded now: what a bug report needs.
    QString details = tr("Built with Qt %1.").arg(QStringLiteral(QT_VERSION_STR)) + QLatin1Char('\n');
    for (const auto &[library, version] : libraryVersions())
        details += tr("%1 %2").arg(library, version) + QLatin1Char('\n');
    box->setInformativeText(QStringLiteral("<small>")
        + details.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))
        + QStringLiteral("</small>"));
    box->setDetailedText(details);
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

void MainWindow::showRecording(const std::shared_ptr<const Recording> &recording)
{
    m_recording = recording;
    m_openError->hide();
    m_view->setRecording(recording);
    m_stack->setCurrentIndex(1);
    setWindowTitle(S3Location::isS3Url(m_openedAs) ? displayFileName(m_openedAs) : recording->displayName);
    m_recentMenu->add(recording->location);
    startIndexing();
    updateStatusBar();
    Q_EMIT recordingShown(recording->location);
}

QWidget *MainWindow::createRecordingPage()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("recordingTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_view, tr("Overview"));

    auto *timelinePage = new QWidget(m_tabs);
    m_timelineProblems = new Banner(Banner::Kind::Warning, timelinePage);
    m_timelineProblems->setObjectName(QStringLiteral("timelineProblems"));
    m_timelineProblems->setDismissable(true);
    m_timelineProblems->hide();
    m_timelinePanel = new TimelinePanel(timelinePage);
    m_details = new DetailStack(timelinePage);
    m_details->setObjectName(QStringLiteral("timelineDetails"));
    m_timelineSplitter = new QSplitter(Qt::Horizontal, timelinePage);
    m_timelineSplitter->setObjectName(QStringLiteral("timelineSplitter"));
    m_timelineSplitter->addWidget(m_timelinePanel);
    m_timelineSplitter->addWidget(m_details);
    m_timelineSplitter->setStretchFactor(0, 3);
    m_timelineSplitter->setStretchFactor(1, 2);
    m_timelineSplitter->setChildrenCollapsible(false);
    auto *timelineLayout = new QVBoxLayout(timelinePage);
    timelineLayout->setContentsMargins(0, 6, 0, 0);
    timelineLayout->addWidget(m_timelineProblems);
    timelineLayout->addWidget(m_timelineSplitter, 1);
    m_tabs->addTab(timelinePage, tr("Timeline"));

    m_entitySplitter = new QSplitter(Qt::Horizontal, m_tabs);
    m_entitySplitter->setObjectName(QStringLiteral("entitySplitter"));
    m_entities = new EntityBrowser(m_entitySplitter);
    m_entityDetails = new DetailStack(m_entitySplitter);
    m_entityDetails->setObjectName(QStringLiteral("entityDetails"));
    m_entitySplitter->addWidget(m_entities);
    m_entitySplitter->addWidget(m_entityDetails);
    m_entitySplitter->setStretchFactor(0, 2);
    m_entitySplitter->setStretchFactor(1, 3);
    m_entitySplitter->setChildrenCollapsible(false);
    m_tabs->addTab(m_entitySplitter, tr("Entities"));
    m_replay = new ReplayPanel(m_tabs);
    m_replay->setObjectName(QStringLiteral("replayPanel"));
    m_tabs->addTab(m_replay, tr("Replay"));
    m_tabs->setTabToolTip(ReplayTab, tr("Replay the run against the recording and step through it (Ctrl+4)"));
    connect(m_replay, &ReplayPanel::coverageChanged, this, [this](const std::shared_ptr<const EventCoverage> &coverage) {
        m_timelinePanel->model()->setCoverage(coverage);
    });
    connect(m_replay, &ReplayPanel::recordedEventRequested, this, &MainWindow::showRecordedEventOfReplay);
    connect(m_replay, &ReplayPanel::compareRequested, this, [this](const DiffInput &recorded, const DiffInput &replayed) {
        auto *diff = new DiffWindow(this);
        diff->setAttribute(Qt::WA_DeleteOnClose);
        diff->setEnvironment(environment());
        diff->setPasswordStore(m_opener->passwordStore());
        diff->show();
        diff->compareInputs(recorded, replayed, DiffPreset::Replay);
    });
    m_tabs->setTabToolTip(
        OverviewTab, tr("The run: manifest, exception, archive entries and recipe (Ctrl+1)"));
    m_tabs->setTabToolTip(TimelineTab, tr("Every HTTP, SQL and MCP event in recorded order (Ctrl+2)"));
    m_tabs->setTabToolTip(EntitiesTab, tr("The metadata the run produced, by entity and aspect (Ctrl+3)"));

    connect(m_timelinePanel, &TimelinePanel::currentEventChanged, m_details, &DetailStack::setEvent);
    connect(m_details, &DetailStack::eventRequested, this, &MainWindow::showEventInTimeline);
    connect(m_entities, &EntityBrowser::mcpSelected, m_entityDetails, &DetailStack::setEvent);
    connect(m_entityDetails, &DetailStack::eventRequested, this, &MainWindow::showEventInTimeline);
    connect(m_timelinePanel->model(), &TimelineModel::countsChanged, this, [this] {
        updateTabTitles();
        updateStatusBar();
    });
    return m_tabs;
}

void MainWindow::showEventInTimeline(qsizetype seq)
{
    m_tabs->setCurrentIndex(TimelineTab);
    if (!m_timelinePanel->selectSeq(seq)) {
        // Hidden by the filter: show everything rather than nothing.
        m_timelinePanel->filterBar()->setFilterText(QString());
        m_timelinePanel->filterBar()->setKinds(AllKinds);
        if (!m_timelinePanel->model()->isFilterPending())
            m_timelinePanel->selectSeq(seq);
        else
            connect(
                m_timelinePanel->model(), &TimelineModel::filterApplied, this,
                [this, seq] { m_timelinePanel->selectSeq(seq); }, Qt::SingleShotConnection);
    }
}

void MainWindow::showRecordedEventOfReplay(qsizetype seq)
{
    m_replayEntryBeforeJump = m_replay->currentEntry();
    m_backToReplayAction->setEnabled(true);
    showEventInTimeline(seq);
}

void MainWindow::backToReplay()
{
    if (!m_recording)
        return;
    m_tabs->setCurrentIndex(ReplayTab);
    if (m_replayEntryBeforeJump >= 0)
        m_replay->selectEntry(m_replayEntryBeforeJump);
}

void MainWindow::cyclePanes(bool forward)
{
    if (!m_recording)
        return;
    QList<QWidget *> panes;
    if (m_tabs->currentIndex() == TimelineTab)
        panes = { m_timelinePanel->filterBar(), m_timelinePanel->view(), m_details };
    else if (m_tabs->currentIndex() == EntitiesTab)
        panes = { m_entities, m_entityDetails };
    else
        return;
    qsizetype current = -1;
    for (qsizetype i = 0; i < panes.size(); ++i) {
        if (QWidget *focus = QApplication::focusWidget();
            focus && (focus == panes[i] || panes[i]->isAncestorOf(focus)))
            current = i;
    }
    const qsizetype next = current < 0 ? 0 : (current + (forward ? 1 : panes.size() - 1)) % panes.size();
    if (next == 0 && m_tabs->currentIndex() == TimelineTab)
        m_timelinePanel->filterBar()->focusFilter();
    else
        panes[next]->setFocus(Qt::TabFocusReason);
    // A container passes the focus on to its first focusable child.
    if (panes[next]->focusPolicy() == Qt::NoFocus) {
        for (QWidget *child : panes[next]->findChildren<QWidget *>()) {
            if (child->isVisible() && child->isEnabled() && (child->focusPolicy() & Qt::TabFocus)) {
                child->setFocus(Qt::TabFocusReason);
                break;
            }
        }
    }
}

void MainWindow::updateTabTitles()
{
    const TimelineModel *model = m_timelinePanel->model();
    const qsizetype total = model->totalCount();
    m_tabs->setTabText(TimelineTab, total > 0 ? tr("Timeline (%L1)").arg(total) : tr("Timeline"));
    const qsizetype mcps = model->kindCount(EventKind::Mcp);
    m_tabs->setTabText(EntitiesTab, mcps > 0 ? tr("Entities (%L1 MCPs)").arg(mcps) : tr("Entities"));
}

void MainWindow::startIndexing()
{
    m_timeline = std::make_shared<Timeline>();
    m_timelineProblems->hide();
    m_timelinePanel->setTimeline(m_timeline);
    m_details->setTimeline(m_timeline);
    m_entities->setTimeline(nullptr);
    m_entityDetails->setTimeline(m_timeline);
    m_timelinePanel->model()->setCoverage(nullptr);
    m_replay->setRecording(m_recording, m_timeline, m_openedAs.isEmpty() ? m_recording->location : m_openedAs);
    m_replayEntryBeforeJump = -1;
    m_backToReplayAction->setEnabled(false);
    updateTabTitles();
    m_taskBar->setText(tr("Reading the events of %1…").arg(m_recording->displayName));
    m_taskBar->setProgress(0);
    m_taskBar->show();
    // Indexing a recording shown before is superseded: it stops early and reports nothing.
    m_indexing->start(
        [timeline = m_timeline, recording = m_recording](JobTracker::Job &job) -> Status {
            const Status status = TimelineIndexer::indexRecording(*timeline, *recording, &job);
            timeline->setComplete(); // also when stopped: what was read stays
            return status;
        },
        [this](const Status &status) { onIndexed(status); });
}

void MainWindow::onIndexed(const Status &status)
{
    m_taskBar->hide();
    if (!m_timeline)
        return;
    m_timelinePanel->model()->refresh();
    m_entities->setTimeline(m_timeline);
    m_replay->setTimelineComplete(m_timeline->isComplete());
    QStringList problems;
    for (const Error &fault : m_timeline->faults())
        problems << fault.message;
    if (!status && status.error().code != ErrorCode::Cancelled && !status.error().message.isEmpty()
        && !problems.contains(status.error().message))
        problems << status.error().message;
    const QStringList warnings = m_timeline->warnings();
    if (!status && status.error().code == ErrorCode::Cancelled) {
        m_timelineProblems->setTitle(tr("Reading the events was cancelled"));
        m_timelineProblems->setText(
            tr("The %Ln event(s) read before are shown.", nullptr, int(m_timeline->count())));
        m_timelineProblems->show();
    } else if (!problems.isEmpty()) {
        m_timelineProblems->setTitle(tr("Not every event could be read"));
        m_timelineProblems->setText((problems + warnings).join(QLatin1Char('\n')) + QLatin1Char('\n')
            + tr("The %Ln event(s) read before the problem are shown.", nullptr, int(m_timeline->count())));
        m_timelineProblems->show();
    } else if (!warnings.isEmpty()) {
        m_timelineProblems->setTitle(
            tr("%n warning(s) while reading the events", nullptr, int(warnings.size())));
        m_timelineProblems->setText(warnings.join(QLatin1Char('\n')));
        m_timelineProblems->show();
    }
    updateTabTitles();
    updateStatusBar();
    Q_EMIT timelineIndexed(m_timeline->count());
}

bool MainWindow::isIndexing() const
{
    return m_indexing->isRunning();
}

bool MainWindow::isExporting() const
{
    return m_fileTask->isRunning();
}

void MainWindow::cancelBackgroundWork()
{
    m_indexing->cancel();
    m_fileTask->cancel();
}

void MainWindow::chooseHarFile()
{
    if (!m_timeline)
        return;
    const QString suggested = QFileInfo(m_recording->location).absolutePath() + QLatin1Char('/')
        + QFileInfo(m_recording->location).completeBaseName() + QStringLiteral(".har");
    auto *dialog
        = new QFileDialog(this, tr("Export HTTP as HAR"), suggested, tr("HAR files (*.har);;All files (*)"));
    dialog->setObjectName(QStringLiteral("exportHarDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("har"));
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::exportHar);
    dialog->open();
}

void MainWindow::exportHar(const QString &path)
{
    if (!m_timeline || path.isEmpty())
        return;
    if (isIndexing()) {
        QMessageBox::information(this, tr("Export HTTP as HAR"),
            tr("The events are still being read. Export again once reading has finished."));
        return;
    }
    const QString start = m_recording->manifest ? m_recording->manifest->recordingStartTime : QString();
    startFileTask(tr("Exporting HTTP events to %1…").arg(displayFileName(path)), path,
        [timeline = m_timeline, path, start](ProgressReporter &progress) -> Status {
            QSaveFile file(path); // all or nothing: a cancelled export leaves no half file
            if (!file.open(QIODevice::WriteOnly))
                return makeError(
                    ErrorCode::Io, tr("%1 could not be created: %2").arg(path, file.errorString()));
            if (Status s = HarExport::exportTimeline(file, *timeline, HarExport::Options { start, {} }, &progress); !s)
                return s;
            if (!file.commit())
                return makeError(
                    ErrorCode::Io, tr("%1 could not be written: %2").arg(path, file.errorString()));
            return success();
        });
}

void MainWindow::chooseExtractFolder()
{
    if (!m_recording)
        return;
    const bool encrypted = m_recording->kind == RecordingSource::Kind::EncryptedArchive;
    if (encrypted) {
        QMessageBox box(QMessageBox::Warning, tr("Extract Recording"),
            tr("The extracted files hold the recording's decrypted data."), QMessageBox::Cancel, this);
        box.setInformativeText(tr(
            "Anyone who can read the folder can read what the run sent and received, without the password. "
            "Choose a private folder and delete it when you are done."));
        QPushButton *go = box.addButton(tr("Choose Folder…"), QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.setObjectName(QStringLiteral("extractWarning"));
        box.exec();
        if (box.clickedButton() != go)
            return;
    }
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Extract Recording Into"), QFileInfo(m_recording->location).absolutePath());
    if (folder.isEmpty())
        return;
    const QString target = folder + QLatin1Char('/') + QFileInfo(m_recording->location).completeBaseName();
    extractRecording(target);
}

void MainWindow::extractRecording(const QString &folder)
{
    if (!m_recording || folder.isEmpty())
        return;
    if (!m_source || !m_source->archive()) {
        QMessageBox::information(this, tr("Extract Recording"),
            m_recording->kind == RecordingSource::Kind::Directory
                ? tr("This recording is already an extracted folder.")
                : tr("Open the archive again to extract it."));
        return;
    }
    startFileTask(tr("Extracting %1…").arg(m_recording->displayName), folder,
        [source = m_source, folder](ProgressReporter &progress) -> Status {
            ExtractOptions options;
            options.outputDir = folder;
            const Result<ExtractReport> report = Extractor::extract(*source->archive(), options, &progress);
            if (!report)
                return report.error();
            return success();
        });
}

void MainWindow::startFileTask(
    const QString &description, const QString &target, std::function<Status(ProgressReporter &)> work)
{
    if (m_fileTask->isRunning()) {
        QMessageBox::information(this, tr("Busy"),
            tr("%1 is still running. Wait for it or cancel it first.").arg(m_fileTaskDescription));
        return;
    }
    m_fileTaskDescription = description;
    m_fileTaskTarget = target;
    m_taskBar->setText(description);
    m_taskBar->setProgress(0);
    m_taskBar->show();
    m_fileTask->start([work = std::move(work)](JobTracker::Job &job) { return work(job); },
        [this](const Status &status) { onFileTaskFinished(status); });
}

void MainWindow::onFileTaskFinished(const Status &status)
{
    m_taskBar->hide();
    const QString target = std::exchange(m_fileTaskTarget, QString());
    if (status)
        statusBar()->showMessage(tr("Wrote %1.").arg(QDir::toNativeSeparators(target)), 8000);
    else if (status.error().code == ErrorCode::Cancelled)
        statusBar()->showMessage(tr("Cancelled; nothing was left behind."), 8000);
    else
        QMessageBox::warning(
            this, tr("Could Not Write %1").arg(displayFileName(target)), status.error().message);
    Q_EMIT exportFinished(target, status);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    if (const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
        !geometry.isEmpty())
        restoreGeometry(geometry);
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    if (!m_timelineSplitter->restoreState(settings.value(QStringLiteral("timelineSplitter")).toByteArray()))
        m_timelineSplitter->setSizes({ 760, 520 });
    if (!m_entitySplitter->restoreState(settings.value(QStringLiteral("entitySplitter")).toByteArray()))
        m_entitySplitter->setSizes({ 520, 760 });
    m_timelinePanel->view()->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("timelineColumns")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), int(OverviewTab)).toInt());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("timelineSplitter"), m_timelineSplitter->saveState());
    settings.setValue(QStringLiteral("entitySplitter"), m_entitySplitter->saveState());
    settings.setValue(
        QStringLiteral("timelineColumns"), m_timelinePanel->view()->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (m_recordings)
        m_recordings->close(); // saves its layout too
    m_downloader->abandon();
    m_opener->cancel();
    cancelBackgroundWork();
    QMainWindow::closeEvent(event);
}

void MainWindow::showOpenError(const QString &path, const Error &error)
{
    // What was shown before stays: a failed open must not take away the recording being looked at.
    m_openError->setTitle(ErrorText::openFailedHeadline(error.code, displayFileName(path)));
    m_openError->setText(error.message);
    m_openError->show();
    Q_EMIT openFailed(path, error.message);
}

void MainWindow::updateStatusBar()
{
    const bool shown = m_recording != nullptr;
    m_statusBar->setRecording(m_recording.get(), m_openedAs);
    if (shown && m_timeline)
        m_statusBar->setEventCounts(
            m_timelinePanel->model()->shownCount(), m_timelinePanel->model()->totalCount());
    m_exportHarAction->setEnabled(shown && m_timeline);
    m_extractAction->setEnabled(shown && isArchiveRecording(m_recording));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openRecording(urls.first().toLocalFile());
}

} // namespace tapedeck
