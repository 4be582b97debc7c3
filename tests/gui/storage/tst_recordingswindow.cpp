// SPDX-License-Identifier: MIT
// Tests the Recordings window end to end: a folder of recordings packed by tapedeck-cli from the sample,
// listed through the real catalog, searched and sorted; opening one through the main window's password
// dialog; comparing two in the diff window; locations saved without secrets; Ctrl+Shift+O; and an S3 prefix
// on a real S3 server (@20minutes/s3rver): listing, opening with a download, cancelling a download.
#include "core/storage/catalog.h"
#include "ui/diff/diffwindow.h"
#include "ui/mainwindow.h"
#include "ui/passworddialog.h"
#include "ui/storage/recordinglocations.h"
#include "ui/storage/recordingsmodel.h"
#include "ui/storage/recordingswindow.h"
#include "ui/widgets/banner.h"
#include "ui/widgets/loadingbar.h"
#include "guitestmain.h"
#include "s3server.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tapedeck;
using namespace Qt::StringLiterals;

namespace {

const QString SampleRunId = u"looker-2025_11_18-09_41_07-k3x9qa"_s;
const QString OtherPassword = u"another-password"_s;
const QString ProfileName = u"archive-reader"_s; // the profile the S3 location names

// A variant of the sample: its manifest changed as another run would have written it.
struct Variant
{
    QString file;
    QString runId;
    QString source;
    QString created;
    bool failed;
    QString password;
};

QProcessEnvironment environmentWith(const QString &name = {}, const QString &value = {})
{
    QProcessEnvironment environment; // empty: no password source unless the test sets one
    if (!name.isEmpty())
        environment.insert(name, value);
    return environment;
}

QProcessEnvironment withSamplePassword()
{
    return environmentWith(u"DATAHUB_RECORDING_PASSWORD"_s, test::SamplePassword);
}

std::unique_ptr<MainWindow> makeMainWindow(const QProcessEnvironment &environment)
{
    auto window = std::make_unique<MainWindow>();
    window->setEnvironment(environment);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("the main window was not exposed");
    return window;
}

template<typename T> T *visibleChild(const QObject *parent, const QString &name = {})
{
    const QList<T *> children = parent->findChildren<T *>(name);
    for (T *child : children) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

void submitPassword(PasswordDialog *dialog, const QString &password)
{
    auto *edit = dialog->findChild<QLineEdit *>(u"passwordEdit"_s);
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, password);
    auto *unlock = dialog->findChild<QPushButton *>(u"unlockButton"_s);
    QVERIFY(unlock && unlock->isEnabled());
    QTest::mouseClick(unlock, Qt::LeftButton);
}

QStringList column(const RecordingsModel &model, int column)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data().toString();
    return values;
}

QStringList runIds(const RecordingsModel &model)
{
    QStringList ids;
    for (const RecordingRow &row : model.rows())
        ids << row.runId;
    return ids;
}

RecordingRow row(const QString &location, const QString &runId, qint64 size, qint64 created, bool failed,
    CatalogEntry::State state = CatalogEntry::State::Ok)
{
    RecordingRow r;
    r.location = location;
    r.container = location.section(u'/', 0, -2);
    r.runId = runId;
    r.sourceType = runId.section(u'-', 0, 0);
    r.sinkType = u"datahub-rest"_s;
    r.size = size;
    r.hasCreated = created > 0;
    r.createdMs = created;
    r.failed = failed;
    r.exceptionType = failed ? u"SDKError"_s : QString();
    r.state = state;
    return r;
}

} // namespace

class TestRecordingsWindow : public QObject
{
    Q_OBJECT

public:
    TestRecordingsWindow();

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void modelFormatsAndSorts();
    void modelSortKeepsTheSelection();
    void shortcutOpensTheWindow();
    void emptyWindowSaysWhatToDo();
    void listsAFolderOfRecordings();
    void searchNarrowsTheRows();
    void headerClicksSortTheRows();
    void locationsAreSavedWithoutSecrets();
    void removedLocationIsNotShown();
    void lockedSummariesAreReadWithAPassword();
    void doubleClickOpensThroughThePasswordDialog();
    void compareMcpsOpensTheDiffWindow();
    void addressBarOpensAndAdds();
    void s3PrefixIsListedAndOpened();
    void cancellingADownloadLeavesTheWindowAsItWas();

private:
    RecordingsWindow *showRecordings(MainWindow &window);
    void waitForListing(RecordingsWindow &recordings, int rows);
    bool startS3(test::S3TestServer &server);

    QTemporaryDir m_root; // HOME and the XDG folders: nothing of the user's is read or written
    QString m_folder; // the folder location: the sample and its variants
    QString m_otherFolder; // a second location with one recording
    QList<Variant> m_variants;
};

TestRecordingsWindow::TestRecordingsWindow()
{
    // Before anything reads a standard path (QSettings remembers its folder once it was asked).
    qputenv("HOME", m_root.filePath(u"home"_s).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_root.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_root.filePath(u"data"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", m_root.filePath(u"cache"_s).toUtf8());
    for (const char *name : { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
             "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3",
             "AWS_REGION", "AWS_DEFAULT_REGION", "DATAHUB_RECORDING_PASSWORD", "ADMIN_PASSWORD" })
        qunsetenv(name);
    qputenv("AWS_EC2_METADATA_DISABLED", "true");
}

void TestRecordingsWindow::initTestCase()
{
    QVERIFY(m_root.isValid());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::setOrganizationName(u"tapedeck-tests"_s);
    QCoreApplication::setApplicationName(u"tst_recordingswindow"_s);
    QVERIFY2(QSettings().fileName().startsWith(m_root.path()), qPrintable(QSettings().fileName()));
    QVERIFY2(Catalog::defaultPath().startsWith(m_root.path()), qPrintable(Catalog::defaultPath()));
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));

    // The sample, extracted once by tapedeck-cli, then packed again with other manifests.
    const QString extracted = m_root.filePath(u"extracted"_s);
    const test::ProcessResult extract = test::runCli(
        { u"extract"_s, test::samplePath(), u"-o"_s, extracted, u"--password"_s, test::SamplePassword });
    QVERIFY2(extract.exitCode == 0, extract.err.constData());

    m_folder = m_root.filePath(u"recordings"_s);
    m_otherFolder = m_root.filePath(u"more-recordings"_s);
    QVERIFY(QDir().mkpath(m_folder));
    QVERIFY(QDir().mkpath(m_otherFolder));
    QVERIFY(QFile::copy(test::samplePath(), m_folder + u"/sample-recording.zip"_s));
    m_variants = {
        { u"tableau-ok.zip"_s, u"tableau-2025_12_01-08_00_00-aa11bb"_s, u"tableau"_s,
            u"2025-12-01T08:00:30.000000+00:00"_s, false, test::SamplePassword },
        { u"looker-ok.zip"_s, u"looker-2025_10_02-10_00_00-cc22dd"_s, u"looker"_s,
            u"2025-10-02T10:00:30.000000+00:00"_s, false, test::SamplePassword },
        { u"other-password.zip"_s, u"snowflake-2025_09_09-09_09_09-ee33ff"_s, u"snowflake"_s,
            u"2025-09-09T09:09:30.000000+00:00"_s, false, OtherPassword },
        { u"elsewhere.zip"_s, u"dbt-2025_08_08-08_08_08-gg44hh"_s, u"dbt"_s,
            u"2025-08-08T08:08:30.000000+00:00"_s, true, test::SamplePassword },
    };
    for (const Variant &variant : std::as_const(m_variants)) {
        const QString dir = m_root.filePath(u"variant-"_s + variant.runId);
        QVERIFY(QDir().mkpath(dir + u"/http"_s) && QDir().mkpath(dir + u"/db"_s));
        for (const QString &file : test::listFiles(extracted))
            QVERIFY(QFile::copy(extracted + u'/' + file, dir + u'/' + file));
        QFile manifestFile(dir + u"/manifest.json"_s);
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        manifestFile.close();
        manifest[u"run_id"_s] = variant.runId;
        manifest[u"source_type"_s] = variant.source;
        manifest[u"created_at"_s] = variant.created;
        if (variant.failed)
            manifest[u"exception_info"_s] = QJsonObject { { u"type"_s, u"DbtRunError"_s },
                { u"message"_s, u"the manifest could not be parsed"_s }, { u"traceback"_s, u""_s } };
        else
            manifest.remove(u"exception_info"_s);
        QVERIFY(manifestFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        manifestFile.write(QJsonDocument(manifest).toJson());
        manifestFile.close();
        const QString output = (variant.file == u"elsewhere.zip"_s ? m_otherFolder : m_folder) + u'/' + variant.file;
        const test::ProcessResult pack
            = test::runCli({ u"pack"_s, dir, u"-o"_s, output, u"--password"_s, variant.password });
        QVERIFY2(pack.exitCode == 0, pack.err.constData());
    }
}

void TestRecordingsWindow::init()
{
    QSettings().clear();
    QFile::remove(Catalog::defaultPath()); // every test lists from scratch
}

void TestRecordingsWindow::cleanup()
{
    QSettings().clear();
}

RecordingsWindow *TestRecordingsWindow::showRecordings(MainWindow &window)
{
    auto *browse = window.findChild<QAction *>(u"browseRecordingsAction"_s);
    if (!browse)
        return nullptr;
    browse->trigger();
    RecordingsWindow *recordings = window.recordingsWindow();
    if (recordings && !QTest::qWaitForWindowExposed(recordings))
        qWarning("the recordings window was not exposed");
    return recordings;
}

void TestRecordingsWindow::waitForListing(RecordingsWindow &recordings, int rows)
{
    QTRY_VERIFY_WITH_TIMEOUT(!recordings.isRefreshing() && !recordings.isSearching(), 30000);
    QCOMPARE(recordings.model()->rowCount(), rows);
}

void TestRecordingsWindow::modelFormatsAndSorts()
{
    RecordingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const qint64 day = 24 * 3600 * 1000;
    model.setRows({
        row(u"/r/b.zip"_s, u"looker-b"_s, 2048, 20 * day, true),
        row(u"/r/a.zip"_s, u"tableau-a"_s, 100, 30 * day, false),
        row(u"/r/c.zip"_s, QString(), 5000, 0, false, CatalogEntry::State::Locked),
        row(u"s3://bucket/runs/d.zip"_s, u"dbt-d"_s, 10, 10 * day, false),
    });
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(RecordingsModel::ColumnCount));
    // Newest first unless sorted otherwise; an unknown date last.
    QCOMPARE(runIds(model), (QStringList { u"tableau-a"_s, u"looker-b"_s, u"dbt-d"_s, QString() }));
    QCOMPARE(model.index(0, RecordingsModel::CreatedColumn).data().toString(), u"1970-01-31 00:00:00"_s);
    QCOMPARE(model.index(3, RecordingsModel::CreatedColumn).data().toString(), u"—"_s);
    QCOMPARE(model.index(1, RecordingsModel::FlowColumn).data().toString(), u"looker → datahub-rest"_s);
    QCOMPARE(model.index(1, RecordingsModel::OutcomeColumn).data().toString(), u"failed: SDKError"_s);
    QCOMPARE(model.index(0, RecordingsModel::OutcomeColumn).data().toString(), u"succeeded"_s);
    QCOMPARE(model.index(3, RecordingsModel::OutcomeColumn).data().toString(), u"locked"_s);
    QCOMPARE(model.index(3, RecordingsModel::RunIdColumn).data().toString(), u"—"_s);
    QCOMPARE(model.index(1, RecordingsModel::SizeColumn).data().toString(), u"2.0 KiB"_s);
    QCOMPARE(model.index(2, RecordingsModel::NameColumn).data().toString(), u"d.zip"_s);
    QCOMPARE(model.index(2, RecordingsModel::LocationColumn).data().toString(), u"s3://bucket/runs"_s);
    QCOMPARE(model.index(2, RecordingsModel::NameColumn).data(RecordingsModel::LocationRole).toString(),
        u"s3://bucket/runs/d.zip"_s);
    QVERIFY(!model.index(1, RecordingsModel::OutcomeColumn).data(Qt::DecorationRole).isNull());

    model.sort(RecordingsModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(column(model, RecordingsModel::NameColumn),
        (QStringList { u"d.zip"_s, u"a.zip"_s, u"b.zip"_s, u"c.zip"_s }));
    model.sort(RecordingsModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(column(model, RecordingsModel::NameColumn),
        (QStringList { u"d.zip"_s, u"c.zip"_s, u"b.zip"_s, u"a.zip"_s }));
    model.sort(RecordingsModel::OutcomeColumn, Qt::DescendingOrder); // what needs a look first
    QCOMPARE(column(model, RecordingsModel::NameColumn).first(2), (QStringList { u"b.zip"_s, u"c.zip"_s }));
    model.sort(RecordingsModel::RunIdColumn, Qt::AscendingOrder);
    QCOMPARE(runIds(model), (QStringList { QString(), u"dbt-d"_s, u"looker-b"_s, u"tableau-a"_s }));
    // Rows that arrive later are put in the order chosen.
    model.setRows({ row(u"/r/z.zip"_s, u"z"_s, 1, 1, false), row(u"/r/y.zip"_s, u"y"_s, 1, 1, false) });
    QCOMPARE(runIds(model), (QStringList { u"y"_s, u"z"_s }));
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
}

void TestRecordingsWindow::modelSortKeepsTheSelection()
{
    RecordingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRows({ row(u"/r/a.zip"_s, u"a"_s, 3, 3, false), row(u"/r/b.zip"_s, u"b"_s, 1, 2, false),
        row(u"/r/c.zip"_s, u"c"_s, 2, 1, false) });
    const QPersistentModelIndex b = model.index(model.rowOf(u"/r/b.zip"_s), RecordingsModel::RunIdColumn);
    model.sort(RecordingsModel::SizeColumn, Qt::AscendingOrder);
    QVERIFY(b.isValid());
    QCOMPARE(b.row(), 0);
    QCOMPARE(b.data().toString(), u"b"_s);
    model.sort(RecordingsModel::SizeColumn, Qt::DescendingOrder);
    QCOMPARE(b.row(), 2);
    QCOMPARE(b.data().toString(), u"b"_s);
}

void TestRecordingsWindow::shortcutOpensTheWindow()
{
    auto window = makeMainWindow(withSamplePassword());
    auto *browse = window->findChild<QAction *>(u"browseRecordingsAction"_s);
    QVERIFY(browse);
    QCOMPARE(browse->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QVERIFY(!window->recordingsWindow());
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTest::keyClick(window.get(), Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(window->recordingsWindow() && window->recordingsWindow()->isVisible());
    // Asked again, the same window comes to the front.
    RecordingsWindow *first = window->recordingsWindow();
    first->close();
    browse->trigger();
    QCOMPARE(window->recordingsWindow(), first);
    QVERIFY(first->isVisible());
}

void TestRecordingsWindow::emptyWindowSaysWhatToDo()
{
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    QVERIFY(recordings);
    waitForListing(*recordings, 0);
    auto *hint = recordings->findChild<QLabel *>(u"emptyHint"_s);
    QVERIFY(hint && hint->isVisible());
    QVERIFY2(hint->text().contains(u"Add a folder"_s), qPrintable(hint->text()));
    QVERIFY(!recordings->view()->isVisible());
    QVERIFY(!recordings->findChild<QPushButton *>(u"openButton"_s)->isEnabled());
    QVERIFY(!recordings->findChild<QPushButton *>(u"compareButton"_s)->isEnabled());
}

void TestRecordingsWindow::listsAFolderOfRecordings()
{
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    QVERIFY(recordings);
    QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
    waitForListing(*recordings, 4);
    const RecordingsModel &model = *recordings->model();
    // Newest first; the one with another password is listed but not read.
    QCOMPARE(runIds(model),
        (QStringList { u"tableau-2025_12_01-08_00_00-aa11bb"_s, SampleRunId, u"looker-2025_10_02-10_00_00-cc22dd"_s,
            QString() }));
    const int sample = model.rowOf(QDir(m_folder).filePath(u"sample-recording.zip"_s));
    QVERIFY(sample >= 0);
    QCOMPARE(model.index(sample, RecordingsModel::FlowColumn).data().toString(), u"looker → datahub-rest"_s);
    QCOMPARE(model.index(sample, RecordingsModel::CreatedColumn).data().toString(), u"2025-11-18 09:41:41"_s);
    QCOMPARE(model.index(sample, RecordingsModel::OutcomeColumn).data().toString(), u"failed: SDKError"_s);
    QCOMPARE(model.row(sample).size, QFileInfo(test::samplePath()).size());
    const int other = model.rowOf(QDir(m_folder).filePath(u"other-password.zip"_s));
    QVERIFY(other >= 0);
    QVERIFY(model.row(other).state != CatalogEntry::State::Ok);
    QVERIFY(recordings->view()->isVisible());
    auto *count = recordings->findChild<QLabel *>(u"countLabel"_s);
    QCOMPARE(count->text(), u"Recordings: 4 · failed: 1"_s);
    // The location is in the list, with a tooltip saying what it is.
    QCOMPARE(recordings->locationList()->count(), 2);
    QCOMPARE(recordings->locationList()->item(1)->text(), QDir::toNativeSeparators(m_folder));
}

void TestRecordingsWindow::searchNarrowsTheRows()
{
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
    QVERIFY(recordings->addLocation(CatalogLocation { m_otherFolder, {} }));
    recordings->setCurrentLocation(QString()); // all locations
    waitForListing(*recordings, 5);

    // Typed, as a user would: the search follows the typing.
    auto *search = recordings->findChild<QLineEdit *>(u"searchEdit"_s);
    QTest::keyClicks(search, u"tableau"_s);
    waitForListing(*recordings, 1);
    QCOMPARE(runIds(*recordings->model()), QStringList { u"tableau-2025_12_01-08_00_00-aa11bb"_s });

    recordings->setSearchText(u"SDKError"_s); // the exception
    waitForListing(*recordings, 1);
    QCOMPARE(runIds(*recordings->model()), QStringList { SampleRunId });

    recordings->setSearchText(u"CC22DD"_s); // a part of a run ID, in any case
    waitForListing(*recordings, 1);
    QCOMPARE(runIds(*recordings->model()), QStringList { u"looker-2025_10_02-10_00_00-cc22dd"_s });
    recordings->setSearchText(u"no recording has this"_s);
    waitForListing(*recordings, 0);
    QVERIFY2(recordings->findChild<QLabel *>(u"emptyHint"_s)->text().contains(u"matches"_s),
        qPrintable(recordings->findChild<QLabel *>(u"emptyHint"_s)->text()));

    recordings->setSearchText(QString());
    waitForListing(*recordings, 5);
    recordings->findChild<QCheckBox *>(u"failedOnly"_s)->setChecked(true);
    waitForListing(*recordings, 2);
    QCOMPARE(runIds(*recordings->model()), (QStringList { SampleRunId, u"dbt-2025_08_08-08_08_08-gg44hh"_s }));

    // One location only.
    recordings->setCurrentLocation(QDir::cleanPath(m_otherFolder));
    waitForListing(*recordings, 1);
    QCOMPARE(runIds(*recordings->model()), QStringList { u"dbt-2025_08_08-08_08_08-gg44hh"_s });
}

void TestRecordingsWindow::headerClicksSortTheRows()
{
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
    waitForListing(*recordings, 4);
    QHeaderView *header = recordings->view()->horizontalHeader();
    const auto clickHeader = [&](int column) {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    clickHeader(RecordingsModel::NameColumn);
    QCOMPARE(column(*recordings->model(), RecordingsModel::NameColumn),
        (QStringList { u"looker-ok.zip"_s, u"other-password.zip"_s, u"sample-recording.zip"_s, u"tableau-ok.zip"_s }));
    clickHeader(RecordingsModel::NameColumn);
    QCOMPARE(column(*recordings->model(), RecordingsModel::NameColumn).first(), u"tableau-ok.zip"_s);
    clickHeader(RecordingsModel::FlowColumn);
    QCOMPARE(recordings->model()->sortColumn(), int(RecordingsModel::FlowColumn));
    const QStringList flows = column(*recordings->model(), RecordingsModel::FlowColumn);
    QCOMPARE(flows.first(), u"—"_s); // unread: no source
    QCOMPARE(flows.last(), u"tableau → datahub-rest"_s);

    // A new search keeps the order chosen.
    recordings->setSearchText(u"-2025_1"_s); // the runs of October to December
    waitForListing(*recordings, 3);
    QCOMPARE(recordings->model()->sortColumn(), int(RecordingsModel::FlowColumn));
    QCOMPARE(header->sortIndicatorSection(), int(RecordingsModel::FlowColumn));
}

void TestRecordingsWindow::locationsAreSavedWithoutSecrets()
{
    CatalogLocation s3;
    s3.url = u"s3://team-recordings/prod"_s; // saved as a prefix
    s3.s3.profile = ProfileName;
    s3.s3.region = u"eu-central-1"_s;
    s3.s3.endpointUrl = u"http://127.0.0.1:9"_s;
    const QString secret = u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"_s;
    // The profile's keys exist where the AWS CLI keeps them; the window must never copy them.
    QVERIFY(QDir().mkpath(QDir::home().filePath(u".aws"_s)));
    QVERIFY(test::writeFile(QDir::home().filePath(u".aws/credentials"_s),
        (u"[%1]\naws_access_key_id = AKIAEXAMPLEKEYID\naws_secret_access_key = %2\n"_s.arg(ProfileName, secret))
            .toUtf8()));
    {
        auto window = makeMainWindow(withSamplePassword());
        RecordingsWindow *recordings = showRecordings(*window);
        QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
        QVERIFY(recordings->addLocation(s3));
        QTRY_VERIFY_WITH_TIMEOUT(!recordings->isRefreshing(), 60000); // the endpoint refuses: an error banner
        window->close();
    }
    QSettings().sync();
    const QList<CatalogLocation> saved = RecordingLocations::load();
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0).url, QDir::cleanPath(m_folder));
    QCOMPARE(saved.at(1).url, u"s3://team-recordings/prod/"_s);
    QCOMPARE(saved.at(1).s3.profile, ProfileName);
    QCOMPARE(saved.at(1).s3.region, u"eu-central-1"_s);
    QCOMPARE(saved.at(1).s3.endpointUrl, u"http://127.0.0.1:9"_s);

    const QByteArray file = test::readFile(QSettings().fileName());
    QVERIFY2(file.contains(ProfileName.toUtf8()), file.constData());
    QVERIFY2(!file.contains(secret.toUtf8()), file.constData());
    QVERIFY2(!file.contains("AKIAEXAMPLEKEYID"), file.constData());
    QVERIFY2(!file.toLower().contains("secret"), file.constData());
    QVERIFY2(!file.contains(test::SamplePassword.toUtf8()), file.constData());

    // A new window shows them again.
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    QCOMPARE(recordings->locations().size(), 2);
    QCOMPARE(recordings->locationList()->count(), 3);
    QCOMPARE(recordings->locationList()->item(2)->text(), u"s3://team-recordings/prod/"_s);
    QVERIFY2(recordings->locationList()->item(2)->toolTip().contains(ProfileName),
        qPrintable(recordings->locationList()->item(2)->toolTip()));
    QTRY_VERIFY_WITH_TIMEOUT(!recordings->isRefreshing(), 60000);
    QVERIFY(QFile::remove(QDir::home().filePath(u".aws/credentials"_s)));
}

void TestRecordingsWindow::removedLocationIsNotShown()
{
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
    QVERIFY(recordings->addLocation(CatalogLocation { m_otherFolder, {} }));
    recordings->setCurrentLocation(QString());
    waitForListing(*recordings, 5);
    recordings->setCurrentLocation(QDir::cleanPath(m_folder));
    QTest::mouseClick(recordings->findChild<QPushButton *>(u"removeLocationButton"_s), Qt::LeftButton);
    waitForListing(*recordings, 1);
    QCOMPARE(RecordingLocations::load().size(), 1);
    QCOMPARE(recordings->locationList()->count(), 2);
}

void TestRecordingsWindow::lockedSummariesAreReadWithAPassword()
{
    auto window = makeMainWindow(environmentWith()); // no password anywhere
    RecordingsWindow *recordings = showRecordings(*window);
    QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
    waitForListing(*recordings, 4);
    for (const RecordingRow &r : recordings->model()->rows())
        QCOMPARE(r.state, CatalogEntry::State::Locked);
    auto *hint = recordings->findChild<Banner *>(u"lockedHint"_s);
    QVERIFY(hint && hint->isVisible());
    QCOMPARE(hint->title(), u"Encrypted, not read yet: 4 of 4"_s);

    QTest::mouseClick(recordings->findChild<QPushButton *>(u"unlockButton"_s), Qt::LeftButton);
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<QInputDialog>(recordings, u"summaryPasswordDialog"_s)));
    QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
    dialog->setTextValue(test::SamplePassword);
    dialog->accept();
    QVERIFY(recordings->isRefreshing()); // every location again, with the password
    waitForListing(*recordings, 4);
    int read = 0;
    for (const RecordingRow &r : recordings->model()->rows())
        read += r.state == CatalogEntry::State::Ok ? 1 : 0;
    QCOMPARE(read, 3);
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->title(), u"Encrypted, not read yet: 1 of 4"_s); // the one with another password
    // The password was used, never kept.
    QVERIFY(!test::readFile(QSettings().fileName()).contains(test::SamplePassword.toUtf8()));
}

void TestRecordingsWindow::doubleClickOpensThroughThePasswordDialog()
{
    auto window = makeMainWindow(environmentWith()); // the main window asks, as for any recording
    RecordingsWindow *recordings = showRecordings(*window);
    recordings->setEnvironment(withSamplePassword()); // the summaries are read; opening still asks
    QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
    waitForListing(*recordings, 4);
    const QString sample = QDir(m_folder).filePath(u"sample-recording.zip"_s);
    const int row = recordings->model()->rowOf(sample);
    QVERIFY(row >= 0);

    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    QTableView *view = recordings->view();
    const QRect cell = view->visualRect(recordings->model()->index(row, RecordingsModel::RunIdColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    submitPassword(dialog, test::SamplePassword);
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.size(), 1);
    QVERIFY(window->recording());
    QCOMPARE(QFileInfo(window->recording()->location).canonicalFilePath(), QFileInfo(sample).canonicalFilePath());

    // The Open button does the same for the selected row.
    recordings->view()->selectRow(recordings->model()->rowOf(QDir(m_folder).filePath(u"tableau-ok.zip"_s)));
    window->setEnvironment(withSamplePassword());
    auto *open = recordings->findChild<QPushButton *>(u"openButton"_s);
    QVERIFY(open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QVERIFY(shown.wait(20000));
    QCOMPARE(QFileInfo(window->recording()->location).fileName(), u"tableau-ok.zip"_s);
}

void TestRecordingsWindow::compareMcpsOpensTheDiffWindow()
{
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    QVERIFY(recordings->addLocation(CatalogLocation { m_folder, {} }));
    waitForListing(*recordings, 4);
    auto *compare = recordings->findChild<QPushButton *>(u"compareButton"_s);
    QVERIFY(!compare->isEnabled());
    const QString sample = QDir(m_folder).filePath(u"sample-recording.zip"_s);
    const QString tableau = QDir(m_folder).filePath(u"tableau-ok.zip"_s);
    QItemSelection selection;
    for (const QString &path : { sample, tableau }) {
        const int row = recordings->model()->rowOf(path);
        selection.select(recordings->model()->index(row, 0),
            recordings->model()->index(row, RecordingsModel::ColumnCount - 1));
    }
    recordings->view()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    QVERIFY(compare->isEnabled());
    QVERIFY(!recordings->findChild<QPushButton *>(u"openButton"_s)->isEnabled());
    QTest::mouseClick(compare, Qt::LeftButton);
    DiffWindow *diff = window->findChild<DiffWindow *>();
    QVERIFY(diff);
    QVERIFY(diff->isVisible());
    // In the table's order: the newer (tableau) first.
    QCOMPARE(diff->recordedSource(), tableau);
    QCOMPARE(diff->replayedSource(), sample);
    QTRY_VERIFY_WITH_TIMEOUT(diff->report() && !diff->isBusy(), 30000);
    QVERIFY(diff->report()->match()); // the variants carry the sample's MCPs
    diff->close();
}

void TestRecordingsWindow::addressBarOpensAndAdds()
{
    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    auto *address = recordings->findChild<QLineEdit *>(u"addressEdit"_s);
    QVERIFY(address);
    // A folder becomes a location.
    QTest::keyClicks(address, m_otherFolder);
    QTest::keyClick(address, Qt::Key_Return);
    QCOMPARE(recordings->locations().size(), 1);
    waitForListing(*recordings, 1);
    // A recording opens.
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    recordings->goToAddress(QDir(m_folder).filePath(u"looker-ok.zip"_s));
    QVERIFY(shown.wait(20000));
    QCOMPARE(QFileInfo(window->recording()->location).fileName(), u"looker-ok.zip"_s);
    // An S3 prefix asks how to reach it, prefilled.
    recordings->goToAddress(u"s3://some-bucket/runs"_s);
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<QDialog>(recordings, u"s3LocationDialog"_s)));
    QCOMPARE(dialog->findChild<QLineEdit *>(u"s3Address"_s)->text(), u"s3://some-bucket/runs/"_s);
    dialog->reject();
    QCOMPARE(recordings->locations().size(), 1);
}

bool TestRecordingsWindow::startS3(test::S3TestServer &server)
{
    if (!server.start(test::S3TestServer::Flavour::Verify)) {
        qWarning("%s", qPrintable(server.errorString()));
        return false;
    }
    // The profile the location names, where the AWS CLI keeps it.
    QDir().mkpath(QDir::home().filePath(u".aws"_s));
    return test::writeFile(QDir::home().filePath(u".aws/credentials"_s),
        u"[%1]\naws_access_key_id = %2\naws_secret_access_key = %3\n"_s
            .arg(ProfileName, QString::fromLatin1(test::S3TestServer::AccessKey),
                QString::fromLatin1(test::S3TestServer::SecretKey))
            .toUtf8());
}

void TestRecordingsWindow::s3PrefixIsListedAndOpened()
{
    test::S3TestServer server;
    if (!startS3(server))
        QSKIP("the S3 test server (node, tests/npm) is not available");
    QVERIFY(server.upload(m_folder + u'/', u"s3://recordings/runs/"_s));

    auto window = makeMainWindow(withSamplePassword());
    RecordingsWindow *recordings = showRecordings(*window);
    CatalogLocation location;
    location.url = u"s3://recordings/runs/"_s;
    location.s3.profile = ProfileName;
    location.s3.region = u"us-east-1"_s;
    location.s3.endpointUrl = server.endpoint();
    QVERIFY(recordings->addLocation(location));
    QTRY_VERIFY_WITH_TIMEOUT(!recordings->isRefreshing() && !recordings->isSearching(), 60000);
    QVERIFY2(!recordings->findChild<Banner *>(u"refreshErrors"_s)->isVisible(),
        qPrintable(recordings->findChild<Banner *>(u"refreshErrors"_s)->text()));
    QCOMPARE(recordings->model()->rowCount(), 4);
    const QString url = u"s3://recordings/runs/sample-recording.zip"_s;
    const int row = recordings->model()->rowOf(url);
    QVERIFY(row >= 0);
    QCOMPARE(recordings->model()->row(row).runId, SampleRunId);
    QCOMPARE(recordings->model()->index(row, RecordingsModel::LocationColumn).data().toString(),
        u"s3://recordings/runs/"_s);

    // Opened: downloaded with progress into the cache, then the usual opening.
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    recordings->view()->selectRow(row);
    QTest::mouseClick(recordings->findChild<QPushButton *>(u"openButton"_s), Qt::LeftButton);
    QVERIFY(shown.wait(60000));
    QVERIFY(window->recording());
    QVERIFY2(window->recording()->location.startsWith(m_root.filePath(u"cache"_s)),
        qPrintable(window->recording()->location));
    QCOMPARE(window->recording()->manifest->runId, SampleRunId);
    // Named by its address, not by its file in the cache.
    QCOMPARE(window->windowTitle(), u"sample-recording.zip"_s);
    QCOMPARE(window->findChild<QLabel *>(u"locationStatus"_s)->text(), url);

    // Typed into the address bar, an s3:// object opens the same way, with its location's profile.
    recordings->goToAddress(u"s3://recordings/runs/tableau-ok.zip"_s);
    QVERIFY(shown.wait(60000));
    QCOMPARE(window->recording()->manifest->runId, u"tableau-2025_12_01-08_00_00-aa11bb"_s);

    // And as `tapedeck s3://…` gives it, with the command line's options.
    S3Options options;
    options.profile = ProfileName;
    options.endpointUrl = server.endpoint();
    window->setS3Options(options);
    window->openRecording(u"s3://recordings/runs/looker-ok.zip"_s);
    QVERIFY(shown.wait(60000));
    QCOMPARE(window->recording()->manifest->runId, u"looker-2025_10_02-10_00_00-cc22dd"_s);

    // A download that is no recording: the banner names the address, never the cache's file.
    const QString junk = m_root.filePath(u"junk.zip"_s);
    QVERIFY(test::writeFile(junk, test::pseudoRandom(4096, 7)));
    QVERIFY(server.upload(junk, u"s3://recordings/runs/junk.zip"_s));
    QSignalSpy failed(window.get(), &MainWindow::openFailed);
    window->openRecording(u"s3://recordings/runs/junk.zip"_s);
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.first().at(0).toString(), u"s3://recordings/runs/junk.zip"_s);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(!message.contains(m_root.filePath(u"cache"_s)) && message.contains(u"junk.zip"_s), qPrintable(message));
    QCOMPARE(window->recording()->manifest->runId, u"looker-2025_10_02-10_00_00-cc22dd"_s); // still shown
}

void TestRecordingsWindow::cancellingADownloadLeavesTheWindowAsItWas()
{
    test::S3TestServer server;
    if (!startS3(server))
        QSKIP("the S3 test server (node, tests/npm) is not available");
    // Big enough that the download is still running when Cancel is pressed.
    const QString big = m_root.filePath(u"big.zip"_s);
    QVERIFY(test::writeFile(big, test::pseudoRandom(64 * 1024 * 1024, 14)));
    QVERIFY(server.upload(big, u"s3://recordings/big.zip"_s));

    auto window = makeMainWindow(withSamplePassword());
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(test::samplePath());
    QVERIFY(shown.wait(20000));
    const auto before = window->recording();
    const QString title = window->windowTitle();

    S3Options options;
    options.profile = ProfileName;
    options.endpointUrl = server.endpoint();
    QSignalSpy cancelled(window.get(), &MainWindow::openCancelled);
    QSignalSpy failed(window.get(), &MainWindow::openFailed);
    window->openRemoteRecording(u"s3://recordings/big.zip"_s, options);
    LoadingBar *bar = visibleChild<LoadingBar>(window.get());
    QVERIFY(bar);
    QVERIFY2(bar->text().contains(u"big.zip"_s), qPrintable(bar->text()));
    // Nothing can have been delivered yet: the event loop has not run since the download started.
    QTest::mouseClick(bar->findChild<QPushButton *>(), Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);
    QCOMPARE(cancelled.first().first().toString(), u"s3://recordings/big.zip"_s);
    QVERIFY(!bar->isVisible());
    QCOMPARE(window->recording(), before);
    QCOMPARE(window->windowTitle(), title);
    QVERIFY(!window->findChild<Banner *>(u"openErrorBanner"_s)->isVisible());
    QVERIFY(!window->findChild<PasswordDialog *>());
    QTest::qWait(200); // a late answer of the cancelled download must not show up
    QCOMPARE(failed.size(), 0);
    QCOMPARE(shown.size(), 1);
    QCOMPARE(window->recording(), before);
}

TAPEDECK_GUI_TEST_MAIN(TestRecordingsWindow)
#include "tst_recordingswindow.moc"
