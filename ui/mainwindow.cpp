// SPDX-License-Identifier: MIT
// The main window.
#include "mainwindow.h"

#include "banner.h"
#include "entriesmodel.h"
#include "errortext.h"
#include "icons.h"
#include "loadingbar.h"
#include "passworddialog.h"
#include "passwordstore.h"
#include "recordingloader.h"
#include "recordingview.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
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

    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_view);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addWidget(m_loadingBar);
    layout->addWidget(m_openError);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    createActions();
    createStatusBar();
    updateStatusBar();
    resize(1200, 780);

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
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

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
        + QStringLiteral("</p><p>")
        + tr("Qt %1 (built with Qt %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))
        + QStringLiteral("<br>") + tr("Licensed under the MIT License.") + QStringLiteral("</p>"));
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
    m_stack->setCurrentWidget(m_view);
    setWindowTitle(recording->displayName);
    updateStatusBar();
    Q_EMIT recordingShown(recording->location);
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
    m_locationStatus->setText(shown ? QDir::toNativeSeparators(m_recording->location) : QString());
    m_locationStatus->setToolTip(m_locationStatus->text());
    m_entriesStatus->setVisible(shown);
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
