// SPDX-License-Identifier: MIT
// The Recordings window. The catalog is SQLite and belongs to the thread that opened it: every listing and
// every search opens its own on a worker, so the GUI thread never waits for the network or a query.
#include "ui/storage/recordingswindow.h"

#include "core/archive/passwordsources.h"
#include "core/storage/s3location.h"
#include "ui/diff/diffwindow.h"
#include "ui/jobs/jobtracker.h"
#include "ui/passwordstore.h"
#include "ui/storage/recordingdownloader.h"
#include "ui/storage/recordinglocations.h"
#include "ui/storage/s3locationdialog.h"
#include "ui/widgets/banner.h"
#include "ui/widgets/loadingbar.h"
#include "ui/widgets/themecolors.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace tapedeck {

namespace {

const QString LayoutGroup = QStringLiteral("recordingsWindow");
constexpr int UrlRole = Qt::UserRole + 1;

// Reports one location's listing as its share of the whole refresh.
class ShareProgress final : public ProgressReporter
{
public:
    explicit ShareProgress(JobTracker::Job &job)
        : m_job(job)
    { }
    void setProgress(qint64 done, qint64 total) override
    {
        if (total > 0)
            m_job.setProgress(done, total);
    }
    bool isCancelled() const override { return m_job.cancelled(); }

private:
    JobTracker::Job &m_job;
};

bool isLocked(const RecordingRow &row)
{
    return row.state == CatalogEntry::State::Locked || row.state == CatalogEntry::State::WrongPassword;
}

// An extracted recording is a folder with the run's manifest in it: opened, not listed.
bool isRecordingFolder(const QString &path)
{
    return QFileInfo(QDir(path).filePath(QStringLiteral("manifest.json"))).isFile();
}

} // namespace

RecordingsWindow::RecordingsWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_catalogPath(Catalog::defaultPath())
    , m_address(new QLineEdit(this))
    , m_locationList(new QListWidget(this))
    , m_removeButton(new QPushButton(tr("&Remove"), this))
    , m_search(new QLineEdit(this))
    , m_failedOnly(new QCheckBox(tr("Failed r&uns only"), this))
    , m_refreshBar(new LoadingBar(this))
    , m_downloadBar(new LoadingBar(this))
    , m_errors(new Banner(Banner::Kind::Error, this))
    , m_lockedRow(new QWidget(this))
    , m_lockedHint(new Banner(Banner::Kind::Information, this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_count(new QLabel(this))
    , m_openButton(new QPushButton(tr("&Open"), this))
    , m_compareButton(new QPushButton(tr("&Compare MCPs"), this))
    , m_model(new RecordingsModel(this))
    , m_searchDelay(new QTimer(this))
    , m_searchJobs(new JobTracker(this))
    , m_refreshJobs(new JobTracker(this))
    , m_downloader(new RecordingDownloader(this, m_downloadBar))
{
    setObjectName(QStringLiteral("recordingsWindow"));
    setWindowTitle(tr("Recordings"));

    m_address->setObjectName(QStringLiteral("addressEdit"));
    m_address->setPlaceholderText(tr("Open or add: s3://bucket/key, s3://bucket/prefix/, a folder or a recording"));
    m_address->setClearButtonEnabled(true);
    auto *goButton = new QPushButton(tr("&Go"), this);
    goButton->setObjectName(QStringLiteral("goButton"));
    goButton->setToolTip(tr("A recording (file or s3://bucket/key) is opened; a folder or an S3 prefix is added "
                            "to the locations"));

    // The locations.
    m_locationList->setObjectName(QStringLiteral("locationList"));
    m_locationList->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_locationList->setTextElideMode(Qt::ElideMiddle);
    // Alt+F stays the File menu's.
    auto *addFolderButton = new QPushButton(tr("&Add Folder…"), this);
    addFolderButton->setObjectName(QStringLiteral("addFolderButton"));
    auto *addS3Button = new QPushButton(tr("Add &S3 Prefix…"), this);
    addS3Button->setObjectName(QStringLiteral("addS3Button"));
    m_removeButton->setObjectName(QStringLiteral("removeLocationButton"));
    auto *locationsLabel = new QLabel(tr("&Locations"), this);
    locationsLabel->setBuddy(m_locationList);
    QFont heading = locationsLabel->font();
    heading.setBold(true);
    locationsLabel->setFont(heading);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(locationsLabel);
    leftLayout->addWidget(m_locationList, 1);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(addFolderButton);
    addRow->addWidget(addS3Button);
    leftLayout->addLayout(addRow);
    auto *refreshButton = new QPushButton(tr("Refres&h"), this);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    refreshButton->setToolTip(tr("List every location again; only new and changed recordings are read (F5)"));
    auto *removeRow = new QHBoxLayout;
    removeRow->addWidget(refreshButton);
    removeRow->addWidget(m_removeButton);
    leftLayout->addLayout(removeRow);

    // The recordings.
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search run IDs, sources, sinks, exceptions, file names and recipe fields"));
    m_search->setClearButtonEnabled(true);
    m_failedOnly->setObjectName(QStringLiteral("failedOnly"));
    m_refreshBar->setObjectName(QStringLiteral("refreshBar"));
    m_downloadBar->setObjectName(QStringLiteral("downloadBar"));
    m_refreshBar->hide();
    m_downloadBar->hide();
    m_errors->setObjectName(QStringLiteral("refreshErrors"));
    m_errors->setDismissable(true);
    m_errors->hide();
    m_lockedHint->setObjectName(QStringLiteral("lockedHint"));
    auto *unlockButton = new QPushButton(tr("Enter &Password…"), this);
    unlockButton->setObjectName(QStringLiteral("unlockButton"));
    auto *lockedLayout = new QHBoxLayout(m_lockedRow);
    lockedLayout->setContentsMargins(0, 0, 0, 0);
    lockedLayout->addWidget(m_lockedHint, 1);
    lockedLayout->addWidget(unlockButton, 0, Qt::AlignVCenter);
    m_lockedRow->hide();

    m_view->setObjectName(QStringLiteral("recordingsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    // Uniform rows: the view never measures a row, whatever the number of recordings.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Fits 1440 pixels with the location last (it stretches); DataHub's file names and run IDs are long.
    const QList<std::pair<int, int>> widths { { RecordingsModel::NameColumn, 200 },
        { RecordingsModel::RunIdColumn, 250 }, { RecordingsModel::FlowColumn, 165 },
        { RecordingsModel::CreatedColumn, 140 }, { RecordingsModel::SizeColumn, 72 },
        { RecordingsModel::OutcomeColumn, 190 } };
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    header->setSortIndicator(RecordingsModel::CreatedColumn, Qt::DescendingOrder);

    m_empty->setObjectName(QStringLiteral("emptyHint"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setMargin(24);
    QPalette muted = m_empty->palette();
    muted.setColor(QPalette::WindowText, ThemeColors::from(muted).mutedText);
    m_empty->setPalette(muted);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setTextFormat(Qt::PlainText);
    m_openButton->setObjectName(QStringLiteral("openButton"));
    m_openButton->setToolTip(tr("Open the selected recording in the main window (Enter or double-click)"));
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setToolTip(tr("Compare the metadata (MCPs) two selected recordings emitted"));

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_failedOnly);
    rightLayout->addLayout(searchRow);
    rightLayout->addWidget(m_stack, 1);
    auto *bottomRow = new QHBoxLayout;
    bottomRow->addWidget(m_count, 1);
    bottomRow->addWidget(m_compareButton);
    bottomRow->addWidget(m_openButton);
    rightLayout->addLayout(bottomRow);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("recordingsSplitter"));
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setChildrenCollapsible(false);
    split->setSizes({ 250, 1170 });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(goButton);
    layout->addLayout(addressRow);
    layout->addWidget(m_refreshBar);
    layout->addWidget(m_downloadBar);
    layout->addWidget(m_errors);
    layout->addWidget(m_lockedRow);
    layout->addWidget(split, 1);
    setCentralWidget(central);
    statusBar();

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);

    buildActions();
    m_locations = RecordingLocations::load();
    rebuildLocationList();
    resize(1440, 760);
    restoreLayout();
    m_view->setSortingEnabled(true); // sorts the (empty) model by the restored indicator

    connect(goButton, &QPushButton::clicked, this, [this] { goToAddress(m_address->text()); });
    connect(m_address, &QLineEdit::returnPressed, this, [this] { goToAddress(m_address->text()); });
    connect(addFolderButton, &QPushButton::clicked, this, &RecordingsWindow::addFolder);
    connect(addS3Button, &QPushButton::clicked, this, [this] { addS3Prefix(); });
    connect(m_removeButton, &QPushButton::clicked, this, &RecordingsWindow::removeCurrentLocation);
    connect(refreshButton, &QPushButton::clicked, this, &RecordingsWindow::refresh);
    connect(m_locationList, &QListWidget::currentRowChanged, this, [this] {
        updateActions();
        search();
    });
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &RecordingsWindow::search);
    connect(m_searchDelay, &QTimer::timeout, this, &RecordingsWindow::search);
    connect(m_failedOnly, &QCheckBox::toggled, this, &RecordingsWindow::search);
    connect(m_view, &QAbstractItemView::activated, this, &RecordingsWindow::openSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RecordingsWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RecordingsWindow::updateActions);
    connect(m_openButton, &QPushButton::clicked, this, &RecordingsWindow::openSelected);
    connect(m_compareButton, &QPushButton::clicked, this, &RecordingsWindow::compareSelected);
    connect(unlockButton, &QPushButton::clicked, this, &RecordingsWindow::askPassword);
    connect(m_refreshJobs, &JobTracker::progressChanged, m_refreshBar, &LoadingBar::setProgress);
    connect(m_refreshBar, &LoadingBar::cancelRequested, this, [this] {
        m_refreshQueue.clear();
        m_refreshJobs->cancel();
    });
    connect(m_downloader, &RecordingDownloader::downloaded, this, [this](const QString &, const QString &path) {
        m_compareLocal.append(path);
        downloadNextForCompare();
    });
    connect(m_downloader, &RecordingDownloader::failed, this, [this](const QString &url, const Error &error) {
        m_compareSources.clear();
        m_errors->setTitle(tr("%1 could not be downloaded").arg(url));
        m_errors->setText(error.message);
        m_errors->show();
    });
    connect(m_downloader, &RecordingDownloader::cancelled, this, [this] {
        m_compareSources.clear();
        statusBar()->showMessage(tr("The download was cancelled."), 5000);
    });

    updateActions();
    updateEmptyState();
}

RecordingsWindow::~RecordingsWindow() = default; // the trackers stop what still runs

void RecordingsWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *addFolderAction = file->addAction(tr("Add &Folder…"), this, &RecordingsWindow::addFolder);
    addFolderAction->setObjectName(QStringLiteral("addFolderAction"));
    QAction *addS3Action = file->addAction(tr("Add &S3 Prefix…"), this, [this] { addS3Prefix(); });
    addS3Action->setObjectName(QStringLiteral("addS3Action"));
    file->addSeparator();
    QAction *refreshAction = file->addAction(tr("&Refresh"), this, &RecordingsWindow::refresh);
    refreshAction->setObjectName(QStringLiteral("refreshAction"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setStatusTip(tr("List every location again; only new and changed recordings are read"));
    QAction *findAction = file->addAction(tr("&Search"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    findAction->setShortcut(QKeySequence::Find);
    QAction *addressAction = file->addAction(tr("Go to &Address"), this, [this] {
        m_address->setFocus(Qt::ShortcutFocusReason);
        m_address->selectAll();
    });
    addressAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    auto *removeAction = new QAction(tr("&Remove Location"), m_locationList);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, this, &RecordingsWindow::removeCurrentLocation);
    m_locationList->addAction(removeAction);
    // The table's context menu: what the buttons do, and the address to paste elsewhere.
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *openAction = new QAction(tr("&Open"), m_view);
    connect(openAction, &QAction::triggered, this, &RecordingsWindow::openSelected);
    auto *compareAction = new QAction(tr("&Compare MCPs"), m_view);
    connect(compareAction, &QAction::triggered, this, &RecordingsWindow::compareSelected);
    auto *copyAction = new QAction(tr("Copy &Address"), m_view);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyAction, &QAction::triggered, this, [this] {
        QStringList addresses;
        for (const QString &location : selectedRecordings())
            addresses << (S3Location::isS3Url(location) ? location : QDir::toNativeSeparators(location));
        if (!addresses.isEmpty())
            QApplication::clipboard()->setText(addresses.join(QLatin1Char('\n')));
    });
    m_view->addActions({ openAction, compareAction, copyAction });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this, openAction, compareAction] {
        const qsizetype selected = m_view->selectionModel()->selectedRows().size();
        openAction->setEnabled(selected == 1);
        compareAction->setEnabled(selected == 2);
    });

    auto *refreshOne = new QAction(tr("Re&fresh"), m_locationList);
    connect(refreshOne, &QAction::triggered, this, [this] {
        const QString url = currentLocation();
        QList<CatalogLocation> chosen;
        for (const CatalogLocation &location : std::as_const(m_locations)) {
            if (url.isEmpty() || location.url == url)
                chosen.append(location);
        }
        refreshLocations(chosen);
    });
    m_locationList->addAction(refreshOne);
}

void RecordingsWindow::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
}

void RecordingsWindow::setPasswordStore(PasswordStore *store)
{
    m_store = store;
}

void RecordingsWindow::setCatalogPath(const QString &path)
{
    m_catalogPath = path;
}

void RecordingsWindow::rebuildLocationList()
{
    const QString current = currentLocation();
    const QSignalBlocker blocker(m_locationList);
    m_locationList->clear();
    auto *all = new QListWidgetItem(style()->standardIcon(QStyle::SP_FileDialogListView), tr("All Locations"), m_locationList);
    all->setData(UrlRole, QString());
    all->setToolTip(tr("The recordings of every location below"));
    int currentRow = 0;
    for (const CatalogLocation &location : std::as_const(m_locations)) {
        const bool s3 = RecordingLocations::isS3(location);
        auto *item = new QListWidgetItem(
            style()->standardIcon(s3 ? QStyle::SP_DriveNetIcon : QStyle::SP_DirIcon),
            RecordingLocations::title(location), m_locationList);
        item->setData(UrlRole, location.url);
        item->setToolTip(RecordingLocations::details(location));
        if (location.url == current)
            currentRow = m_locationList->count() - 1;
    }
    m_locationList->setCurrentRow(currentRow);
}

QString RecordingsWindow::currentLocation() const
{
    const QListWidgetItem *item = m_locationList->currentItem();
    return item ? item->data(UrlRole).toString() : QString();
}

void RecordingsWindow::setCurrentLocation(const QString &url)
{
    for (int row = 0; row < m_locationList->count(); ++row) {
        if (m_locationList->item(row)->data(UrlRole).toString() == url) {
            m_locationList->setCurrentRow(row);
            return;
        }
    }
}

Status RecordingsWindow::addLocation(const CatalogLocation &location)
{
    Result<CatalogLocation> normalized = RecordingLocations::normalized(location);
    if (!normalized)
        return normalized.error();
    const CatalogLocation added = normalized.value();
    bool replaced = false;
    for (CatalogLocation &existing : m_locations) {
        if (existing.url == added.url) {
            existing = added;
            replaced = true;
        }
    }
    if (!replaced)
        m_locations.append(added);
    RecordingLocations::save(m_locations);
    rebuildLocationList();
    setCurrentLocation(added.url);
    refreshLocations({ added });
    return success();
}

void RecordingsWindow::removeLocation(const QString &url)
{
    const qsizetype removed = m_locations.removeIf([&](const CatalogLocation &l) { return l.url == url; });
    if (removed == 0)
        return;
    m_refreshQueue.removeIf([&](const CatalogLocation &l) { return l.url == url; });
    RecordingLocations::save(m_locations);
    rebuildLocationList();
    updateActions();
    search();
}

void RecordingsWindow::removeCurrentLocation()
{
    const QString url = currentLocation();
    if (!url.isEmpty())
        removeLocation(url);
}

void RecordingsWindow::addFolder()
{
    QString start = QDir::homePath();
    const QString artifacts = m_environment.value_or(QProcessEnvironment::systemEnvironment())
                                  .value(QStringLiteral("INGESTION_ARTIFACT_DIR"));
    if (!artifacts.isEmpty())
        start = artifacts; // where DataHub puts recordings by default
    auto *dialog = new QFileDialog(this, tr("Add a Folder of Recordings"), start);
    dialog->setObjectName(QStringLiteral("addFolderDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &folder) {
        if (const Status added = addLocation(CatalogLocation { folder, {} }); !added)
            statusBar()->showMessage(added.error().message, 8000);
    });
    dialog->open();
}

void RecordingsWindow::addS3Prefix(const QString &address)
{
    auto *dialog = new S3LocationDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!address.isEmpty()) {
        CatalogLocation suggested;
        suggested.url = address;
        suggested.s3 = optionsFor(address);
        dialog->setLocation(suggested);
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const Status added = addLocation(dialog->location()); !added)
            statusBar()->showMessage(added.error().message, 8000);
    });
    dialog->open();
}

S3Options RecordingsWindow::optionsFor(const QString &recording) const
{
    S3Options best;
    qsizetype bestLength = -1;
    for (const CatalogLocation &location : m_locations) {
        if (RecordingLocations::isS3(location) && recording.startsWith(location.url)
            && location.url.size() > bestLength) {
            best = location.s3;
            bestLength = location.url.size();
        }
    }
    return best;
}

void RecordingsWindow::goToAddress(const QString &text)
{
    const QString address = text.trimmed();
    if (address.isEmpty())
        return;
    if (S3Location::isS3Url(address)) {
        const Result<S3Location> parsed = S3Location::parse(address);
        if (!parsed) {
            statusBar()->showMessage(parsed.error().message, 8000);
            return;
        }
        // Recordings on S3 are archives (DataHub's recording-<run id>.zip); anything else names a folder,
        // with or without its trailing '/'.
        if (!parsed->isPrefix() && parsed->key.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive)) {
            Q_EMIT openRequested(parsed->toString(), optionsFor(address));
        } else {
            const Result<QString> prefix = Catalog::containerUrl(parsed->toString());
            addS3Prefix(prefix ? prefix.value() : parsed->toString());
        }
        return;
    }
    const QFileInfo info(QDir::fromNativeSeparators(address));
    if (!info.exists()) {
        statusBar()->showMessage(tr("%1 does not exist.").arg(address), 8000);
        return;
    }
    if (info.isDir() && !isRecordingFolder(info.absoluteFilePath())) {
        if (const Status added = addLocation(CatalogLocation { info.absoluteFilePath(), {} }); !added)
            statusBar()->showMessage(added.error().message, 8000);
        return;
    }
    Q_EMIT openRequested(info.absoluteFilePath(), {});
}

std::optional<QString> RecordingsWindow::password() const
{
    if (m_password)
        return m_password;
    // The same sources as opening a recording: DATAHUB_RECORDING_PASSWORD, then ADMIN_PASSWORD.
    const Result<std::optional<PasswordSources::Resolved>> resolved = PasswordSources::resolve(
        PasswordOptions {}, m_environment.value_or(QProcessEnvironment::systemEnvironment()));
    if (resolved && resolved.value())
        return resolved.value()->password;
    return std::nullopt;
}

void RecordingsWindow::refresh()
{
    refreshLocations(m_locations);
}

void RecordingsWindow::refreshLocations(const QList<CatalogLocation> &locations)
{
    if (locations.isEmpty())
        return;
    const bool running = m_refreshJobs->isRunning();
    if (!running) {
        m_refreshErrors.clear();
        m_errors->hide();
        m_refreshTotal = 0;
    }
    for (const CatalogLocation &location : locations) {
        const bool queued = std::any_of(m_refreshQueue.cbegin(), m_refreshQueue.cend(),
            [&](const CatalogLocation &l) { return l.url == location.url; });
        if (!queued) {
            m_refreshQueue.append(location);
            ++m_refreshTotal;
        }
    }
    if (!running)
        refreshNext();
}

void RecordingsWindow::refreshNext()
{
    if (m_refreshQueue.isEmpty()) {
        m_refreshBar->hide();
        m_refreshTotal = 0;
        if (!m_refreshErrors.isEmpty()) {
            m_errors->setTitle(m_refreshErrors.size() == 1 ? tr("A location could not be listed")
                                                            : tr("Some locations could not be listed"));
            m_errors->setText(m_refreshErrors.join(QLatin1Char('\n')));
            m_errors->show();
        }
        search();
        Q_EMIT refreshFinished();
        return;
    }
    // One location per job: each one's recordings appear as soon as it is listed.
    const CatalogLocation location = m_refreshQueue.takeFirst();
    const int number = m_refreshTotal - int(m_refreshQueue.size());
    m_refreshBar->setText(m_refreshTotal > 1
            ? tr("Listing %1 (%2 of %3)…").arg(RecordingLocations::title(location)).arg(number).arg(m_refreshTotal)
            : tr("Listing %1…").arg(RecordingLocations::title(location)));
    m_refreshBar->setProgress(-1);
    m_refreshBar->show();
    m_refreshJobs->start(
        [path = m_catalogPath, location, summaryPassword = password()](JobTracker::Job &job) -> RefreshOutcome {
            Result<std::unique_ptr<Catalog>> catalog = Catalog::open(path);
            if (!catalog)
                return RefreshOutcome { location, catalog.error() };
            ShareProgress progress(job);
            return RefreshOutcome { location, catalog.value()->refresh(location, summaryPassword, &progress) };
        },
        [this](const RefreshOutcome &outcome) { finishRefresh(outcome); });
}

void RecordingsWindow::finishRefresh(const RefreshOutcome &outcome)
{
    if (!outcome.stats) {
        if (outcome.stats.error().code == ErrorCode::Cancelled) {
            m_refreshQueue.clear();
            statusBar()->showMessage(tr("Listing was cancelled; what was listed before is shown."), 8000);
        } else {
            m_refreshErrors.append(
                tr("%1: %2").arg(RecordingLocations::title(outcome.location), outcome.stats.error().message));
        }
    } else {
        const CatalogRefreshStats &stats = outcome.stats.value();
        statusBar()->showMessage(tr("Listed %1: %L2 found, %L3 new or changed")
                                     .arg(RecordingLocations::title(outcome.location))
                                     .arg(stats.listed)
                                     .arg(stats.read),
            8000);
    }
    if (!m_refreshQueue.isEmpty())
        search(); // the next location is listed meanwhile
    refreshNext();
}

bool RecordingsWindow::isRefreshing() const
{
    return m_refreshJobs->isRunning() || !m_refreshQueue.isEmpty();
}

bool RecordingsWindow::isSearching() const
{
    return m_searchJobs->isRunning() || m_searchDelay->isActive();
}

bool RecordingsWindow::isDownloading() const
{
    return m_downloader->isBusy();
}

void RecordingsWindow::setSearchText(const QString &text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    search();
}

void RecordingsWindow::setFailedOnly(bool failedOnly)
{
    m_failedOnly->setChecked(failedOnly);
}

void RecordingsWindow::search()
{
    m_searchDelay->stop();
    QList<CatalogQuery> queries;
    const QString current = currentLocation();
    // Only saved locations: rows of one removed before stay in the catalog but are not shown.
    for (const CatalogLocation &location : std::as_const(m_locations)) {
        if (!current.isEmpty() && location.url != current)
            continue;
        CatalogQuery query;
        query.container = location.url;
        query.text = m_search->text().trimmed();
        query.failedOnly = m_failedOnly->isChecked();
        query.limit = RowLimit;
        queries.append(query);
    }
    m_searchJobs->start(
        [path = m_catalogPath, queries, column = m_model->sortColumn(), order = m_model->sortOrder()](
            JobTracker::Job &job) -> SearchOutcome {
            SearchOutcome outcome;
            if (queries.isEmpty())
                return outcome;
            Result<std::unique_ptr<Catalog>> catalog = Catalog::open(path);
            if (!catalog) {
                outcome.errors.append(catalog.error().message);
                return outcome;
            }
            for (const CatalogQuery &query : queries) {
                if (job.cancelled())
                    return outcome;
                const Result<QList<CatalogEntry>> entries = catalog.value()->search(query);
                if (!entries) {
                    outcome.errors.append(entries.error().message);
                    continue;
                }
                outcome.truncated = outcome.truncated || entries->size() >= RowLimit;
                outcome.rows.reserve(outcome.rows.size() + size_t(entries->size()));
                for (const CatalogEntry &entry : entries.value())
                    outcome.rows.push_back(RecordingRow::fromEntry(entry));
            }
            RecordingsModel::sortRows(outcome.rows, column, order);
            return outcome;
        },
        [this, column = m_model->sortColumn(), order = m_model->sortOrder()](SearchOutcome outcome) {
            // The user may have sorted by another column meanwhile.
            applySearch(std::move(outcome), column == m_model->sortColumn() && order == m_model->sortOrder());
        });
}

void RecordingsWindow::applySearch(SearchOutcome outcome, bool sorted)
{
    // Keep the selection on the same recordings when they are still there.
    const QStringList selected = selectedRecordings();
    const QModelIndex currentIndex = m_view->currentIndex();
    const QString current = currentIndex.isValid() ? m_model->row(currentIndex.row()).location : QString();
    m_model->setRows(std::move(outcome.rows), sorted);
    QItemSelection selection;
    for (const QString &location : selected) {
        if (const int row = m_model->rowOf(location); row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, RecordingsModel::ColumnCount - 1));
    }
    if (!current.isEmpty()) {
        if (const int row = m_model->rowOf(current); row >= 0)
            m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::NoUpdate);
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);

    if (!outcome.errors.isEmpty()) {
        m_errors->setTitle(tr("The catalog could not be searched"));
        m_errors->setText(outcome.errors.join(QLatin1Char('\n')));
        m_errors->show();
    }
    const RecordingRows &rows = m_model->rows();
    const auto failed = std::count_if(rows.begin(), rows.end(), [](const RecordingRow &r) { return r.failed; });
    QString count = rows.empty() && m_locations.isEmpty() ? QString() : tr("Recordings: %L1").arg(rows.size());
    if (failed > 0)
        count += tr(" · failed: %L1").arg(failed);
    if (outcome.truncated)
        count += tr(" (the newest %L1 of each location: narrow the search to see others)").arg(RowLimit);
    m_count->setText(count);
    updateLockedHint();
    updateEmptyState();
    updateActions();
    Q_EMIT searchFinished();
}

void RecordingsWindow::updateLockedHint()
{
    const RecordingRows &rows = m_model->rows();
    const int locked = int(std::count_if(rows.begin(), rows.end(), isLocked));
    if (m_lockedBeforeUnlock >= 0 && !isRefreshing()) {
        if (locked > 0 && locked >= m_lockedBeforeUnlock) {
            m_password.reset(); // it opened none of them: do not try it again
            statusBar()->showMessage(tr("The password opens none of the locked recordings."), 8000);
        }
        m_lockedBeforeUnlock = -1;
    }
    if (locked == 0) {
        m_lockedRow->hide();
        return;
    }
    m_lockedHint->setTitle(tr("Encrypted, not read yet: %L1 of %L2").arg(locked).arg(rows.size()));
    m_lockedHint->setText(tr("Their run IDs, sources and outcomes are read once the recording password is "
                             "known: set DATAHUB_RECORDING_PASSWORD, or enter it here (kept only while this "
                             "window is open)."));
    m_lockedRow->show();
}

void RecordingsWindow::askPassword()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("summaryPasswordDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Read Encrypted Summaries"));
    dialog->setLabelText(tr("The recording password (DataHub's recording password):"));
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setOkButtonText(tr("Read Summaries"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &password) {
        if (password.isEmpty())
            return;
        m_password = password;
        const RecordingRows &rows = m_model->rows();
        m_lockedBeforeUnlock = int(std::count_if(rows.begin(), rows.end(), isLocked));
        refresh();
    });
    dialog->open();
}

void RecordingsWindow::updateEmptyState()
{
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    QString hint;
    if (m_locations.isEmpty())
        hint = tr("No locations yet.\n\nAdd a folder (Add Folder…) or an S3 prefix (Add S3 Prefix…) to list the "
                  "recordings in it, or type an s3:// address above.");
    else if (isRefreshing())
        hint = tr("Looking for recordings…");
    else if (!m_search->text().trimmed().isEmpty() || m_failedOnly->isChecked())
        hint = tr("No recording matches the search.");
    else
        hint = currentLocation().isEmpty() ? tr("No recordings were found in the locations.\n\nPress F5 to list "
                                                "them again.")
                                           : tr("No recordings were found in this location.\n\nPress F5 to list "
                                                "it again.");
    m_empty->setText(hint);
    m_stack->setCurrentWidget(m_empty);
}

QStringList RecordingsWindow::selectedRecordings() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QStringList locations;
    for (const int row : rows)
        locations.append(m_model->row(row).location);
    return locations;
}

void RecordingsWindow::updateActions()
{
    const qsizetype selected = m_view->selectionModel()->selectedRows().size();
    m_openButton->setEnabled(selected == 1);
    m_compareButton->setEnabled(selected == 2 && !m_downloader->isBusy());
    m_removeButton->setEnabled(!currentLocation().isEmpty());
}

void RecordingsWindow::openSelected()
{
    const QStringList selected = selectedRecordings();
    if (selected.size() != 1)
        return;
    const QString location = selected.first();
    Q_EMIT openRequested(location, S3Location::isS3Url(location) ? optionsFor(location) : S3Options {});
}

void RecordingsWindow::compareSelected()
{
    const QStringList selected = selectedRecordings();
    if (selected.size() != 2)
        return;
    m_errors->hide();
    m_compareSources = selected;
    m_compareLocal.clear();
    downloadNextForCompare();
}

void RecordingsWindow::downloadNextForCompare()
{
    while (m_compareLocal.size() < m_compareSources.size()) {
        const QString next = m_compareSources.at(m_compareLocal.size());
        if (S3Location::isS3Url(next)) {
            m_downloader->download(next, optionsFor(next));
            updateActions();
            return;
        }
        m_compareLocal.append(next);
    }
    if (m_compareSources.size() == 2 && m_compareLocal.size() == 2)
        openDiff(m_compareLocal.at(0), m_compareLocal.at(1));
    m_compareSources.clear();
    m_compareLocal.clear();
    updateActions();
}

void RecordingsWindow::openDiff(const QString &left, const QString &right)
{
    // Owned by the main window when there is one, so that it outlives this window.
    auto *diff = new DiffWindow(parentWidget() ? parentWidget() : this);
    diff->setAttribute(Qt::WA_DeleteOnClose);
    diff->setEnvironment(m_environment.value_or(QProcessEnvironment::systemEnvironment()));
    diff->setPasswordStore(m_store);
    diff->setSources(left, right);
    diff->show();
    diff->compare();
}

void RecordingsWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (event->spontaneous())
        return; // shown again by the window system (restored from minimised), not asked for
    // Where the user starts: typing an address when there is nothing yet, searching otherwise.
    (m_locations.isEmpty() ? m_address : m_search)->setFocus(Qt::ActiveWindowFocusReason);
    // What the catalog knew at once, then each location listed again: only what changed is read.
    search();
    refresh();
}

void RecordingsWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_refreshQueue.clear();
    m_refreshJobs->cancel();
    m_downloader->abandon();
    m_compareSources.clear();
    QMainWindow::closeEvent(event);
}

void RecordingsWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(LayoutGroup);
    if (const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (auto *split = findChild<QSplitter *>(QStringLiteral("recordingsSplitter")))
        split->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
}

void RecordingsWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(LayoutGroup);
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    if (auto *split = findChild<QSplitter *>(QStringLiteral("recordingsSplitter")))
        settings.setValue(QStringLiteral("splitter"), split->saveState());
    settings.setValue(QStringLiteral("columns"), m_view->horizontalHeader()->saveState());
}

} // namespace tapedeck
