// SPDX-License-Identifier: MIT
// The main window.
#include "ui/mainwindow.h"

#include "core/archive/extractor.h"
#include "core/archive/ziparchive.h"
#include "ui/jobs/backgroundtask.h"
#include "ui/widgets/banner.h"
#include "core/common/libraryversions.h"
#include "ui/details/detailstack.h"
#include "ui/diff/diffwindow.h"
#include "ui/timeline/entitybrowser.h"
#include "ui/overview/entriesmodel.h"
#include "ui/errortext.h"
#include "ui/timeline/filterbar.h"
#include "ui/widgets/icons.h"
#include "ui/widgets/loadingbar.h"
#include "ui/passworddialog.h"
#include "ui/passwordstore.h"
#include "core/recording/harwriter.h"
#include "core/recording/timelineindexer.h"
#include "ui/recordingloader.h"
#include "ui/overview/recordingview.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
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
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

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

QString fileNameOf(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

// A status bar cell: a small icon and a text, each updated on its own.
QWidget *statusItem(QWidget *parent, const QString &objectName, QLabel *&icon, QLabel *&text)
{
    auto *item = new QWidget(parent);
    item->setObjectName(objectName);
    icon = new QLabel(item);
    text = new QLabel(item);
    text->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(item);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(icon);
    layout->addWidget(text);
    return item;
}

bool isArchiveRecording(const std::shared_ptr<const Recording> &recording)
{
    return recording && recording->kind != RecordingSource::Kind::Directory;
}

void setStatusIcon(QLabel *label, const QIcon &icon)
{
    const int size = label->style()->pixelMetric(QStyle::PM_SmallIconSize);
    label->setPixmap(icon.isNull() ? QPixmap() : icon.pixmap(QSize(size, size), label->devicePixelRatioF()));
    label->setVisible(!icon.isNull());
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_loader(new RecordingLoader(this))
    , m_loadingBar(new LoadingBar(this))
    , m_openError(new Banner(Banner::Kind::Error, this))
    , m_stack(new QStackedWidget(this))
    , m_welcome(createWelcomePage())
    , m_view(new RecordingView(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_systemPasswordStore = PasswordStore::system();
    m_loader->setPasswordStore(m_systemPasswordStore.get());
    setWindowIcon(icons::application());
    setAcceptDrops(true);

    m_openError->setObjectName(QStringLiteral("openErrorBanner"));
    m_openError->setDismissable(true);
    m_openError->hide();
    m_loadingBar->hide();

    m_indexing = new BackgroundTask(this);
    m_fileTask = new BackgroundTask(this);
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

    createActions();
    createStatusBar();
    updateStatusBar();
    resize(1280, 820);
    restoreLayout();

    connect(m_indexing, &BackgroundTask::progressChanged, m_taskBar, &LoadingBar::setProgress);
    connect(m_indexing, &BackgroundTask::finished, this, &MainWindow::onIndexed);
    connect(m_fileTask, &BackgroundTask::progressChanged, m_taskBar, &LoadingBar::setProgress);
    connect(m_fileTask, &BackgroundTask::finished, this, [this](const Status &status) {
        m_taskBar->hide();
        const QString target = std::exchange(m_fileTaskTarget, QString());
        if (status)
            statusBar()->showMessage(tr("Wrote %1.").arg(QDir::toNativeSeparators(target)), 8000);
        else if (status.error().code == ErrorCode::Cancelled)
            statusBar()->showMessage(tr("Cancelled; nothing was left behind."), 8000);
        else
            QMessageBox::warning(
                this, tr("Could Not Write %1").arg(fileNameOf(target)), status.error().message);
        Q_EMIT exportFinished(target, status);
    });
    connect(m_taskBar, &LoadingBar::cancelRequested, this, &MainWindow::cancelBackgroundWork);

    connect(m_loadingBar, &LoadingBar::cancelRequested, m_loader, &RecordingLoader::cancel);
    connect(m_loader, &RecordingLoader::started, this, [this](const QString &path) {
        m_openError->hide();
        m_loadingBar->setText(tr("Opening %1…").arg(fileNameOf(path)));
        m_loadingBar->setProgress(-1);
        m_loadingBar->show();
    });
    connect(m_loader, &RecordingLoader::passwordRequired, this, [this](const PasswordRequest &request) {
        m_loadingBar->setText(tr("Waiting for the password of %1…").arg(request.displayName));
        m_loadingBar->setProgressVisible(false);
        showPasswordDialog(request);
    });
    connect(m_loader, &RecordingLoader::checkingPassword, this, [this] {
        m_loadingBar->setText(tr("Checking the password of %1…").arg(fileNameOf(m_loader->path())));
        m_loadingBar->setProgress(-1);
    });
    connect(m_loader, &RecordingLoader::passwordAccepted, this, [this] {
        if (m_passwordDialog)
            m_passwordDialog->accept();
    });
    connect(m_loader, &RecordingLoader::loadingStarted, this, [this] {
        m_loadingBar->setText(tr("Reading and verifying %1…").arg(fileNameOf(m_loader->path())));
        m_loadingBar->setProgress(0);
    });
    connect(m_loader, &RecordingLoader::progressChanged, m_loadingBar, &LoadingBar::setProgress);
    connect(
        m_loader, &RecordingLoader::loaded, this, [this](const std::shared_ptr<const Recording> &recording) {
            stopLoadingIndicator();
            m_source = m_loader->takeLoadedSource();
            m_openedAs = m_loader->path();
            showRecording(recording);
        });
    connect(m_loader, &RecordingLoader::failed, this, [this](const QString &path, const Error &error) {
        stopLoadingIndicator();
        closePasswordDialog();
        showOpenError(path, error);
    });
    connect(m_loader, &RecordingLoader::cancelled, this, [this](const QString &path) {
        stopLoadingIndicator();
        closePasswordDialog();
        statusBar()->showMessage(tr("Opening %1 was cancelled.").arg(fileNameOf(path)), 5000);
        Q_EMIT openCancelled(path);
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    m_loader->setEnvironment(environment);
}

void MainWindow::setPasswordStore(PasswordStore *store)
{
    m_loader->setPasswordStore(store);
}

QProcessEnvironment MainWindow::environment() const
{
    return m_environment.value_or(QProcessEnvironment::systemEnvironment());
}

bool MainWindow::isLoading() const
{
    return m_loader->isBusy();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, &MainWindow::chooseRecording);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open a recording archive"));

    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();

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
        { tr("&Timeline"), TimelineTab }, { tr("&Entities"), EntitiesTab } };
    for (const auto &[title, tab] : tabs) {
        QAction *show = view->addAction(title, this, [this, tab = tab] {
            if (m_recording)
                m_tabs->setCurrentIndex(tab);
        });
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(tab))));
    }

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

void MainWindow::createStatusBar()
{
    // Where the shown recording lives; the window title has only its name. Temporary messages cover it.
    m_locationStatus = new QLabel(this);
    m_locationStatus->setObjectName(QStringLiteral("locationStatus"));
    m_locationStatus->setTextFormat(Qt::PlainText);
    m_locationStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_locationStatus->setContentsMargins(4, 0, 0, 0);
    statusBar()->addWidget(m_locationStatus, 1);
    m_eventsStatus = new QLabel(this);
    m_eventsStatus->setObjectName(QStringLiteral("eventsStatus"));
    m_eventsStatus->setToolTip(tr("Events shown by the timeline's filter / events in the recording"));
    statusBar()->addPermanentWidget(m_eventsStatus);
    m_entriesStatus = new QLabel(this);
    m_entriesStatus->setObjectName(QStringLiteral("entriesStatus"));
    statusBar()->addPermanentWidget(m_entriesStatus);
    statusBar()->addPermanentWidget(statusItem(this, QStringLiteral("lockStatus"), m_lockIcon, m_lockStatus));
    statusBar()->addPermanentWidget(
        statusItem(this, QStringLiteral("checksumStatus"), m_checksumIcon, m_checksumStatus));
    m_lockStatus->setObjectName(QStringLiteral("lockStatusText"));
    m_checksumStatus->setObjectName(QStringLiteral("checksumStatusText"));
}

QWidget *MainWindow::createWelcomePage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("welcomePage"));

    auto *icon = new QLabel(page);
    icon->setPixmap(icons::application().pixmap(QSize(96, 96), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignCenter);

    auto *title = new QLabel(tr("Open a DataHub recording"), page);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *text
        = new QLabel(tr("Tapedeck shows what an ingestion run recorded with “datahub ingest run --record”: "
                        "the run's manifest, the archive's entries with their checksums, and the recipe. "
                        "Open an archive, drop one onto this window, or start with the bundled sample."),
            page);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    // A centred, wrapped label gets no height-for-width from the layout: fix both dimensions.
    const int textWidth = text->fontMetrics().averageCharWidth() * 72;
    text->setFixedWidth(textWidth);
    text->setMinimumHeight(text->heightForWidth(textWidth));

    auto *open = new QPushButton(tr("Open Recording…"), page);
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &MainWindow::chooseRecording);
    auto *sample = new QPushButton(tr("Open Sample Recording"), page);
    sample->setEnabled(!sampleRecordingPath().isEmpty());
    connect(sample, &QPushButton::clicked, this, &MainWindow::openSampleRecording);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(open);
    buttons->addWidget(sample);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(page);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addSpacing(8);
    layout->addWidget(title);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
    return page;
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
    if (path.isEmpty())
        return;
    closePasswordDialog();
    m_loader->open(path);
}

void MainWindow::openSampleRecording()
{
    const QString path = sampleRecordingPath();
    if (path.isEmpty()) {
        showOpenError(
            sampleFileName(), makeError(ErrorCode::Io, tr("The sample recording is not installed.")));
        return;
    }
    closePasswordDialog();
    // Only this action knows the sample's password: a path given by the user always goes through the
    // password sources and the dialog, whatever file it names.
    m_loader->open(path, samplePassword());
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

void MainWindow::showPasswordDialog(const PasswordRequest &request)
{
    if (!m_passwordDialog) {
        m_passwordDialog = new PasswordDialog(this);
        m_passwordDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_passwordDialog->setRecordingName(request.displayName);
        connect(m_passwordDialog, &PasswordDialog::passwordSubmitted, m_loader,
            [loader = m_loader, dialog = m_passwordDialog.data()](
                const QString &password) { loader->submitPassword(password, dialog->rememberRequested()); });
        connect(m_passwordDialog, &QDialog::rejected, m_loader, &RecordingLoader::cancel);
        // open(), not exec(): window-modal without a nested event loop.
        m_passwordDialog->open();
    }
    m_passwordDialog->setRememberAvailable(request.canRemember);
    if (!request.prefill.isEmpty())
        m_passwordDialog->setPrefill(request.prefill, request.prefillSource);
    m_passwordDialog->showProblem(request.problem);
}

void MainWindow::closePasswordDialog()
{
    if (!m_passwordDialog)
        return;
    // Closed by us, not by the user: that must not cancel the next load.
    disconnect(m_passwordDialog, nullptr, m_loader, nullptr);
    // When the user cancelled, the dialog is already hidden and on its way out.
    if (m_passwordDialog->isVisible())
        m_passwordDialog->reject();
    m_passwordDialog = nullptr;
}

void MainWindow::stopLoadingIndicator()
{
    m_loadingBar->hide();
}

void MainWindow::showRecording(const std::shared_ptr<const Recording> &recording)
{
    m_recording = recording;
    m_openError->hide();
    m_view->setRecording(recording);
    m_stack->setCurrentIndex(1);
    setWindowTitle(recording->displayName);
    addRecent(recording->location);
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
    m_indexing->cancel();
    m_timeline = std::make_shared<Timeline>();
    m_timelineProblems->hide();
    m_timelinePanel->setTimeline(m_timeline);
    m_details->setTimeline(m_timeline);
    m_entities->setTimeline(nullptr);
    m_entityDetails->setTimeline(m_timeline);
    updateTabTitles();
    m_taskBar->setText(tr("Reading the events of %1…").arg(m_recording->displayName));
    m_taskBar->setProgress(0);
    m_taskBar->show();
    m_indexing->start(tr("Reading events"),
        [timeline = m_timeline, recording = m_recording](ProgressReporter &progress) -> Status {
            const Status status = TimelineIndexer::indexRecording(*timeline, *recording, &progress);
            timeline->setComplete(); // also when stopped: what was read stays
            return status;
        });
}

void MainWindow::onIndexed(const Status &status)
{
    m_taskBar->hide();
    if (!m_timeline)
        return;
    m_timelinePanel->model()->refresh();
    m_entities->setTimeline(m_timeline);
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
    std::optional<QDateTime> start;
    if (m_recording->manifest)
        start = QDateTime::fromString(m_recording->manifest->recordingStartTime, Qt::ISODateWithMs);
    startFileTask(tr("Exporting HTTP events to %1…").arg(fileNameOf(path)), path,
        [timeline = m_timeline, path, start](ProgressReporter &progress) -> Status {
            QSaveFile file(path); // all or nothing: a cancelled export leaves no half file
            if (!file.open(QIODevice::WriteOnly))
                return makeError(
                    ErrorCode::Io, tr("%1 could not be created: %2").arg(path, file.errorString()));
            HarWriter writer(file, HarWriter::Options { start.value_or(QDateTime()) });
            if (Status s = writer.begin(); !s)
                return s;
            const qsizetype count = timeline->count();
            for (qsizetype seq = 0; seq < count; ++seq) {
                if (progress.isCancelled())
                    return makeError(ErrorCode::Cancelled, QString());
                if (timeline->record(seq).kind != EventKind::Http)
                    continue;
                if (Status s = writer.addEvent(*timeline, seq); !s)
                    return s;
                progress.setProgress(seq, count);
            }
            if (Status s = writer.finish(timeline->warnings()); !s)
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
            tr("%1 is still running. Wait for it or cancel it first.").arg(m_fileTask->description()));
        return;
    }
    m_fileTaskTarget = target;
    m_taskBar->setText(description);
    m_taskBar->setProgress(0);
    m_taskBar->show();
    m_fileTask->start(description, std::move(work));
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentRecordings")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecentRecordings)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentRecordings"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentRecordings")).toStringList();
    int number = 0;
    for (const QString &path : recent) {
        ++number;
        const bool exists = QFileInfo::exists(path);
        const QString label
            = number < 10 ? QStringLiteral("&%1 %2").arg(number).arg(fileNameOf(path)) : fileNameOf(path);
        QAction *action = m_recentMenu->addAction(
            exists ? label : tr("%1 (missing)").arg(label), this, [this, path] { openRecording(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setEnabled(exists);
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent recordings"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear Menu"), this, [this] {
        QSettings().remove(QStringLiteral("recentRecordings"));
        rebuildRecentMenu();
    });
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
    m_loader->cancel();
    cancelBackgroundWork();
    QMainWindow::closeEvent(event);
}

void MainWindow::showOpenError(const QString &path, const Error &error)
{
    // What was shown before stays: a failed open must not take away the recording being looked at.
    m_openError->setTitle(ErrorText::openFailedHeadline(error.code, fileNameOf(path)));
    m_openError->setText(error.message);
    m_openError->show();
    Q_EMIT openFailed(path, error.message);
}

void MainWindow::updateStatusBar()
{
    const bool shown = m_recording != nullptr;
    // The path as it was opened, so that `tapedeck resources/samples/x.zip` shows that relative path; the
    // tooltip has the absolute location.
    const QString location = shown ? m_recording->location : QString();
    const QString opened = shown && !m_openedAs.isEmpty() ? QDir::cleanPath(m_openedAs) : location;
    m_locationStatus->setText(QDir::toNativeSeparators(opened));
    m_locationStatus->setToolTip(QDir::toNativeSeparators(location));
    m_entriesStatus->setVisible(shown);
    m_eventsStatus->setVisible(shown && m_timeline);
    m_exportHarAction->setEnabled(shown && m_timeline);
    m_extractAction->setEnabled(shown && isArchiveRecording(m_recording));
    if (shown && m_timeline) {
        const TimelineModel *model = m_timelinePanel->model();
        const qsizetype total = model->totalCount();
        const qsizetype visible = model->shownCount();
        m_eventsStatus->setText(visible == total ? tr("Events: %L1").arg(total)
                                                 : tr("Events shown: %L1 of %L2").arg(visible).arg(total));
    }
    m_lockStatus->parentWidget()->setVisible(shown);
    m_checksumStatus->parentWidget()->setVisible(shown);
    if (!shown)
        return;
    const Recording &r = *m_recording;

    int files = 0;
    int verified = 0;
    int bad = 0;
    std::set<QString> encryptions;
    for (const EntryCheck &check : r.entries) {
        if (check.entry.isDirectory)
            continue;
        ++files;
        if (check.checksum == ChecksumState::Ok)
            ++verified;
        if (check.checksum == ChecksumState::Mismatch || check.checksum == ChecksumState::Missing
            || check.checksum == ChecksumState::Unreadable)
            ++bad;
        if (!check.entry.encryption.isEmpty() && check.entry.encryption != QLatin1String("none"))
            encryptions.insert(check.entry.encryption.toUpper());
    }
    m_entriesStatus->setText(files == 1 ? tr("1 entry") : tr("%n entries", nullptr, files));

    switch (r.kind) {
    case RecordingSource::Kind::EncryptedArchive: {
        QStringList names(encryptions.cbegin(), encryptions.cend());
        setStatusIcon(m_lockIcon, icons::locked());
        m_lockStatus->setText(
            names.isEmpty() ? tr("Encrypted") : tr("Encrypted (%1)").arg(names.join(QStringLiteral(", "))));
        break;
    }
    case RecordingSource::Kind::Archive:
        setStatusIcon(m_lockIcon, icons::unlocked());
        m_lockStatus->setText(tr("Not encrypted"));
        break;
    case RecordingSource::Kind::Directory:
        setStatusIcon(m_lockIcon, icons::unlocked());
        m_lockStatus->setText(tr("Extracted folder"));
        break;
    }

    if (!r.manifest) {
        setStatusIcon(m_checksumIcon, icons::warning());
        m_checksumStatus->setText(tr("Checksums not verified (no manifest)"));
    } else if (bad > 0) {
        setStatusIcon(m_checksumIcon, icons::checksum(ChecksumState::Mismatch));
        m_checksumStatus->setText(
            bad == 1 ? tr("1 checksum problem") : tr("%n checksum problems", nullptr, bad));
    } else if (verified == 0) {
        setStatusIcon(m_checksumIcon, icons::checksum(ChecksumState::Unlisted));
        m_checksumStatus->setText(tr("No checksums listed"));
    } else {
        setStatusIcon(m_checksumIcon, icons::checksum(ChecksumState::Ok));
        m_checksumStatus->setText(verified == 1 ? tr("Checksums OK (1 file verified)")
                                                : tr("Checksums OK (%n files verified)", nullptr, verified));
    }
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
