// SPDX-License-Identifier: MIT
// Tests the main window end to end on the bundled sample: password dialog and environment paths, the
// overview's content, the wrong-password loop, damaged and missing input, and cancelling.
#include "ui/widgets/banner.h"
#include "ui/details/bodyview.h"
#include "ui/details/detailstack.h"
#include "core/diff/diffreport.h"
#include "ui/diff/diffwindow.h"
#include "ui/timeline/entitybrowser.h"
#include "ui/timeline/entitymodel.h"
#include "ui/overview/entriesmodel.h"
#include "ui/details/eventdetails.h"
#include "ui/timeline/filterbar.h"
#include "ui/details/httpdetailpane.h"
#include "ui/details/jsontreemodel.h"
#include "ui/mainwindow.h"
#include "ui/details/mcpdetailpane.h"
#include "ui/passworddialog.h"
#include "ui/passwordstore.h"
#include "ui/overview/recipemodel.h"
#include "ui/overview/recordingview.h"
#include "ui/details/sqldetailpane.h"
#include "ui/details/sqlrowsmodel.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"
#include "guitestmain.h"
#include "testsupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <memory>

using namespace tapedeck;

namespace {

const QString SamplePassword = QStringLiteral("tapedeck-sample");
const QString SdkErrorMessage
    = QStringLiteral("dashboard 3: Looker API returned 500 Internal Server Error: An error has occurred.");

QString samplePath()
{
    return QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.zip");
}

QProcessEnvironment environmentWith(const QString &name = {}, const QString &value = {})
{
    QProcessEnvironment environment; // empty: no password source unless the test sets one
    if (!name.isEmpty())
        environment.insert(name, value);
    return environment;
}

std::unique_ptr<MainWindow> makeWindow(
    const std::optional<QProcessEnvironment> &environment = environmentWith())
{
    auto window = std::make_unique<MainWindow>();
    if (environment)
        window->setEnvironment(*environment);
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

QString labelText(const MainWindow &window, const char *objectName)
{
    const auto *label = window.findChild<QLabel *>(QString::fromLatin1(objectName));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(objectName));
}

Banner *banner(const MainWindow &window, const char *objectName)
{
    return window.findChild<Banner *>(QString::fromLatin1(objectName));
}

// Types into the password dialog and presses Unlock, as a user would.
void submitPassword(PasswordDialog *dialog, const QString &password)
{
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, password);
    auto *unlock = dialog->findChild<QPushButton *>(QStringLiteral("unlockButton"));
    QVERIFY(unlock);
    QVERIFY(unlock->isEnabled());
    QTest::mouseClick(unlock, Qt::LeftButton);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsOnWelcomePage();
    void opensThroughPasswordDialog();
    void opensWithRecordingEnvironmentPassword();
    void opensWithAdminPasswordFromEnvironment();
    void statusBarShowsThePathAsOpened();
    void wrongPasswordAsksAgainInSameDialog();
    void wrongEnvironmentPasswordIsPrefilled();
    void cancellingPasswordLeavesWindowUsable();
    void cancelWhileLoading();
    void corruptArchiveShowsBannerAndSurvives();
    void folderWithMismatchAndUnknownKeys();
    void folderWithoutManifest();
    void missingFileShowsErrorAndKeepsRecording();
    void sampleActionNeedsNoPassword();
    void rememberedPasswordOpensWithoutDialog();
    void staleRememberedPasswordIsForgotten();
    void noKeychainNoRememberOption();
    void timelineShowsEveryEventOfTheSample();
    void filterExpressionNarrowsTheTimeline();
    void selectingEachKindShowsItsDetails();
    void carryingRequestLinkSelectsTheHttpEvent();
    void entitiesTabGroupsMcpsByUrn();
    void exportHarWritesEveryHttpEvent();
    void extractNeedsNoPasswordAgain();
    void recentRecordingsArePersisted();
    void f6MovesBetweenPanes();
    void compareMetadataOpensTheDiffWindow();
    void compareMetadataFindsTheRememberedPassword();

private:
    void verifySampleShown(const MainWindow &window);
    void openSample(MainWindow &window);
};

void TestMainWindow::initTestCase()
{
    QVERIFY2(QFile::exists(samplePath()), qPrintable(samplePath()));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // Settings (recent files, layout) of their own, starting empty.
    QCoreApplication::setOrganizationName(QStringLiteral("tapedeck-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
    // The process environment must not leak a password into the dialog tests.
    qunsetenv("DATAHUB_RECORDING_PASSWORD");
    qunsetenv("ADMIN_PASSWORD");
}

void TestMainWindow::verifySampleShown(const MainWindow &window)
{
    QVERIFY(window.recording());
    QCOMPARE(window.findChild<QStackedWidget *>(QStringLiteral("mainStack"))->currentWidget(),
        static_cast<QWidget *>(window.tabs()));

    // The manifest, as shown.
    QCOMPARE(labelText(window, "manifestRunId"), QStringLiteral("looker-2025_11_18-09_41_07-k3x9qa"));
    QCOMPARE(labelText(window, "manifestSourceType"), QStringLiteral("looker"));
    QCOMPARE(labelText(window, "manifestSinkType"), QStringLiteral("datahub-rest"));
    QCOMPARE(labelText(window, "manifestCliVersion"), QStringLiteral("1.3.1.2"));
    QCOMPARE(labelText(window, "manifestPythonVersion"), QStringLiteral("3.11.2"));
    QCOMPARE(labelText(window, "manifestFormatVersion"), QStringLiteral("1.0.0"));
    QCOMPARE(labelText(window, "manifestStartTime"), QStringLiteral("2025-11-18 09:41:07 UTC"));
    QCOMPARE(labelText(window, "manifestCreatedAt"), QStringLiteral("2025-11-18 09:41:41 UTC"));
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("manifestUnknownKeys"))
                 ->isVisible()); // the sample has none

    // The run failed with SDKError: a red banner with type and message, the traceback behind a toggle.
    Banner *exception = banner(window, "exceptionBanner");
    QVERIFY(exception && exception->isVisible());
    QCOMPARE(exception->kind(), Banner::Kind::Error);
    QVERIFY2(exception->title().contains(QStringLiteral("SDKError")), qPrintable(exception->title()));
    QCOMPARE(exception->text(), SdkErrorMessage);
    QVERIFY(exception->details().contains(QStringLiteral("raise SDKError")));
    QVERIFY(!exception->detailsVisible());
    exception->setDetailsVisible(true);
    QVERIFY(exception->detailsVisible());
    exception->setDetailsVisible(false);

    // A healthy archive: no problems banner, no open error.
    QVERIFY(!banner(window, "problemsBanner")->isVisible());
    QVERIFY(!banner(window, "openErrorBanner")->isVisible());

    // Entries with their checksum state.
    const EntriesModel *entries = window.recordingView()->entriesModel();
    QCOMPARE(entries->rowCount(), 4);
    QHash<QString, QString> states;
    for (int row = 0; row < entries->rowCount(); ++row)
        states.insert(entries->index(row, EntriesModel::NameColumn).data().toString(),
            entries->index(row, EntriesModel::ChecksumColumn).data().toString());
    QCOMPARE(states.value(QStringLiteral("http/cassette.yaml")), QStringLiteral("OK"));
    QCOMPARE(states.value(QStringLiteral("db/queries.jsonl")), QStringLiteral("OK"));
    QCOMPARE(states.value(QStringLiteral("manifest.json")), QStringLiteral("Not listed"));
    QCOMPARE(states.value(QStringLiteral("recipe.yaml")), QStringLiteral("Not listed"));

    // The recipe, with DataHub's three redactions.
    QCOMPARE(window.recordingView()->recipeModel()->rowCount(), 4);
    QCOMPARE(window.recordingView()->recipeModel()->replayDummyCount(), 3);

    // Status bar: entry count, lock and checksum state.
    QCOMPARE(labelText(window, "entriesStatus"), QStringLiteral("4 entries"));
    QCOMPARE(labelText(window, "lockStatusText"), QStringLiteral("Encrypted (AES-256)"));
    QCOMPARE(labelText(window, "checksumStatusText"), QStringLiteral("Checksums OK (2 files verified)"));
    QCOMPARE(window.windowTitle(), QStringLiteral("sample-recording.zip"));
    QVERIFY(!window.isLoading());
}

void TestMainWindow::openSample(MainWindow &window)
{
    QSignalSpy shown(&window, &MainWindow::recordingShown);
    window.openRecording(samplePath());
    QVERIFY(shown.wait());
}

void TestMainWindow::startsOnWelcomePage()
{
    auto window = makeWindow();
    QCOMPARE(window->findChild<QStackedWidget *>(QStringLiteral("mainStack"))->currentWidget()->objectName(),
        QStringLiteral("welcomePage"));
    QVERIFY(!window->recording());
    QVERIFY(!window->findChild<QLabel *>(QStringLiteral("entriesStatus"))->isVisible());
    QVERIFY(!MainWindow::sampleRecordingPath().isEmpty());
}

void TestMainWindow::opensThroughPasswordDialog()
{
    auto window = makeWindow();
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(samplePath());

    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    QVERIFY(dialog->isModal());
    QVERIFY(!dialog->findChild<QWidget *>(QStringLiteral("passwordProblem"))->isVisible());
    QVERIFY(!window->recording());
    submitPassword(dialog, SamplePassword);
    QVERIFY(shown.wait());
    QCOMPARE(shown.size(), 1);
    QTRY_VERIFY(!visibleChild<PasswordDialog>(window.get()));
    verifySampleShown(*window);
}

void TestMainWindow::opensWithRecordingEnvironmentPassword()
{
    // The real process environment, as `DATAHUB_RECORDING_PASSWORD=… tapedeck archive` gives it.
    qputenv("DATAHUB_RECORDING_PASSWORD", SamplePassword.toUtf8());
    auto window = makeWindow(std::nullopt);
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(samplePath());
    const bool loaded = shown.wait();
    qunsetenv("DATAHUB_RECORDING_PASSWORD");
    QVERIFY(loaded);
    QVERIFY(!window->findChild<PasswordDialog *>());
    verifySampleShown(*window);
}

void TestMainWindow::opensWithAdminPasswordFromEnvironment()
{
    auto window = makeWindow(environmentWith(QStringLiteral("ADMIN_PASSWORD"), SamplePassword));
    openSample(*window);
    QVERIFY(!window->findChild<PasswordDialog *>());
    verifySampleShown(*window);
}

void TestMainWindow::statusBarShowsThePathAsOpened()
{
    // As the README's Run command opens it: from the source tree, by its relative path.
    const QFileInfo sample(samplePath());
    const QDir tree(sample.absolutePath() + QStringLiteral("/../.."));
    const QString relative = tree.relativeFilePath(sample.absoluteFilePath());
    QCOMPARE(relative, QStringLiteral("resources/samples/sample-recording.zip"));
    const QString previous = QDir::currentPath();
    const auto restore = qScopeGuard([&] { QDir::setCurrent(previous); });
    QVERIFY(QDir::setCurrent(tree.absolutePath()));

    auto window = makeWindow(environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword));
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(relative);
    QVERIFY(shown.wait());
    const auto *location = window->findChild<QLabel *>(QStringLiteral("locationStatus"));
    QVERIFY(location);
    QCOMPARE(location->text(), relative);
    QCOMPARE(location->toolTip(), sample.absoluteFilePath());
    QCOMPARE(window->recording()->location, sample.absoluteFilePath());

    // The sample action knows only an absolute path, and shows it.
    QSignalSpy again(window.get(), &MainWindow::recordingShown);
    window->openSampleRecording();
    QVERIFY(again.wait());
    QCOMPARE(location->text(), QDir::toNativeSeparators(MainWindow::sampleRecordingPath()));
}

void TestMainWindow::wrongPasswordAsksAgainInSameDialog()
{
    auto window = makeWindow();
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    QSignalSpy failed(window.get(), &MainWindow::openFailed);
    window->openRecording(samplePath());

    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    const QPointer<PasswordDialog> first(dialog);
    submitPassword(dialog, QStringLiteral("not-the-password"));

    auto *problem = dialog->findChild<QLabel *>(QStringLiteral("passwordProblem"));
    QTRY_VERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("Wrong password")), qPrintable(problem->text()));
    QVERIFY(!dialog->isChecking());
    // Same dialog, still open; the window shows no error and no file picker came up.
    QVERIFY(first && first->isVisible());
    QCOMPARE(window->findChildren<PasswordDialog *>().size(), 1);
    QVERIFY(!window->findChild<QWidget *>(QStringLiteral("openDialog")));
    QVERIFY(!banner(*window, "openErrorBanner")->isVisible());
    QCOMPARE(failed.size(), 0);
    QCOMPARE(shown.size(), 0);

    submitPassword(dialog, SamplePassword);
    QVERIFY(shown.wait());
    QTRY_VERIFY(!first || !first->isVisible());
    verifySampleShown(*window);
}

void TestMainWindow::wrongEnvironmentPasswordIsPrefilled()
{
    auto window = makeWindow(
        environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), QStringLiteral("stale-password")));
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(samplePath());

    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    auto *problem = dialog->findChild<QLabel *>(QStringLiteral("passwordProblem"));
    QTRY_VERIFY(problem->isVisible());
    QVERIFY2(
        problem->text().contains(QStringLiteral("DATAHUB_RECORDING_PASSWORD")), qPrintable(problem->text()));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->text(),
        QStringLiteral("stale-password"));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("passwordOrigin"))->isVisible());

    submitPassword(dialog, SamplePassword);
    QVERIFY(shown.wait());
    verifySampleShown(*window);
}

void TestMainWindow::cancellingPasswordLeavesWindowUsable()
{
    auto window = makeWindow();
    QSignalSpy cancelled(window.get(), &MainWindow::openCancelled);
    window->openRecording(samplePath());
    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);
    QTRY_VERIFY(!visibleChild<PasswordDialog>(window.get()));
    QVERIFY(!window->isLoading());
    QVERIFY(!window->findChild<QWidget *>(QStringLiteral("loadingBar"))->isVisible());
    QVERIFY(!banner(*window, "openErrorBanner")->isVisible());
    QCOMPARE(window->findChild<QStackedWidget *>(QStringLiteral("mainStack"))->currentWidget()->objectName(),
        QStringLiteral("welcomePage"));

    // A second attempt asks again and works.
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(samplePath());
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    submitPassword(dialog, SamplePassword);
    QVERIFY(shown.wait());
    verifySampleShown(*window);
}

void TestMainWindow::cancelWhileLoading()
{
    auto window = makeWindow(environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword));
    QSignalSpy cancelled(window.get(), &MainWindow::openCancelled);
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(samplePath());
    auto *bar = window->findChild<QWidget *>(QStringLiteral("loadingBar"));
    QVERIFY(bar->isVisible());
    QVERIFY(window->isLoading());
    QTest::mouseClick(bar->findChild<QPushButton *>(QStringLiteral("cancelLoadingButton")), Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!bar->isVisible());
    QVERIFY(!window->isLoading());

    // The abandoned job never reports; the next load is the only one shown.
    window->openRecording(samplePath());
    QVERIFY(shown.wait());
    QCOMPARE(shown.size(), 1);
    verifySampleShown(*window);
}

void TestMainWindow::corruptArchiveShowsBannerAndSurvives()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString damaged = dir.filePath(QStringLiteral("damaged.zip"));
    QVERIFY(QFile::copy(samplePath(), damaged));
    QFile file(damaged);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    const qsizetype middle = bytes.size() / 2; // inside http/cassette.yaml's ciphertext
    bytes[middle] = char(bytes.at(middle) ^ 0x5a);
    QVERIFY(file.seek(0));
    QCOMPARE(file.write(bytes), qint64(bytes.size()));
    file.close();

    auto window = makeWindow(environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword));
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(damaged);
    QVERIFY(shown.wait());

    // The damage is reported above what could still be read.
    Banner *problems = banner(*window, "problemsBanner");
    QVERIFY(problems->isVisible());
    QCOMPARE(problems->kind(), Banner::Kind::Error);
    QVERIFY2(problems->text().contains(QStringLiteral("HMAC")), qPrintable(problems->text()));
    const EntriesModel *entries = window->recordingView()->entriesModel();
    QCOMPARE(entries->rowCount(), 4);
    QCOMPARE(
        entries->index(2, EntriesModel::NameColumn).data().toString(), QStringLiteral("http/cassette.yaml"));
    QCOMPARE(entries->index(2, EntriesModel::ChecksumColumn).data(EntriesModel::ChecksumStateRole).toInt(),
        int(ChecksumState::Unreadable));
    QCOMPARE(entries->index(3, EntriesModel::ChecksumColumn).data(EntriesModel::ChecksumStateRole).toInt(),
        int(ChecksumState::Ok));
    QCOMPARE(labelText(*window, "manifestRunId"), QStringLiteral("looker-2025_11_18-09_41_07-k3x9qa"));
    QVERIFY(banner(*window, "exceptionBanner")->isVisible());
    QCOMPARE(labelText(*window, "checksumStatusText"), QStringLiteral("1 checksum problem"));

    // The window carries on: the intact sample opens in it afterwards.
    QVERIFY(window->isVisible());
    openSample(*window);
    verifySampleShown(*window);
}

void TestMainWindow::folderWithMismatchAndUnknownKeys()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto write = [&](const QString &name, const QByteArray &content) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    };
    write(QStringLiteral("manifest.json"), R"({
  "format_version": "1.0.0",
  "run_id": "folder-run",
  "source_type": "snowflake",
  "sink_type": "file",
  "checksums": {"recipe.yaml": "sha256:0000000000000000000000000000000000000000000000000000000000000000"},
  "pipeline_owner": "data-platform"
})");
    write(QStringLiteral("recipe.yaml"),
        "source:\n  type: snowflake\n  config:\n    password: __REPLAY_DUMMY__\n");

    auto window = makeWindow();
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(dir.path());
    QVERIFY(shown.wait());
    QVERIFY(!window->findChild<PasswordDialog *>());

    QCOMPARE(labelText(*window, "manifestRunId"), QStringLiteral("folder-run"));
    QCOMPARE(labelText(*window, "manifestCliVersion"), QStringLiteral("(not recorded)"));
    auto *unknown = window->findChild<QLabel *>(QStringLiteral("manifestUnknownKeys"));
    QVERIFY(unknown->isVisible());
    QCOMPARE(unknown->text(), QStringLiteral("pipeline_owner: data-platform"));
    QVERIFY(!banner(*window, "exceptionBanner")->isVisible());

    Banner *problems = banner(*window, "problemsBanner");
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().contains(QStringLiteral("checksum mismatch")), qPrintable(problems->text()));
    const EntriesModel *entries = window->recordingView()->entriesModel();
    bool sawMismatch = false;
    for (int row = 0; row < entries->rowCount(); ++row) {
        if (entries->index(row, 0).data().toString() == QStringLiteral("recipe.yaml"))
            sawMismatch = entries->index(row, EntriesModel::ChecksumColumn).data().toString()
                == QStringLiteral("Mismatch");
    }
    QVERIFY(sawMismatch);
    // The recipe is still shown below the banner.
    QCOMPARE(window->recordingView()->recipeModel()->replayDummyCount(), 1);
    QCOMPARE(labelText(*window, "lockStatusText"), QStringLiteral("Extracted folder"));
}

void TestMainWindow::folderWithoutManifest()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile recipe(dir.filePath(QStringLiteral("recipe.yaml")));
    QVERIFY(recipe.open(QIODevice::WriteOnly));
    recipe.write("source:\n  type: looker\n");
    recipe.close();

    auto window = makeWindow();
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(dir.path());
    QVERIFY(shown.wait());
    Banner *problems = banner(*window, "problemsBanner");
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().contains(QStringLiteral("no manifest.json")), qPrintable(problems->text()));
    QVERIFY(window->findChild<QLabel *>(QStringLiteral("manifestPlaceholder"))->isVisible());
    QVERIFY(!window->findChild<QLabel *>(QStringLiteral("manifestRunId"))->isVisible());
    QCOMPARE(window->recordingView()->recipeModel()->rowCount(), 1);
    QCOMPARE(
        labelText(*window, "checksumStatusText"), QStringLiteral("Checksums not verified (no manifest)"));
}

void TestMainWindow::missingFileShowsErrorAndKeepsRecording()
{
    auto window = makeWindow(environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword));
    openSample(*window);

    QSignalSpy failed(window.get(), &MainWindow::openFailed);
    window->openRecording(QStringLiteral("/nonexistent/recording.zip"));
    QVERIFY(failed.wait());
    Banner *error = banner(*window, "openErrorBanner");
    QVERIFY(error->isVisible());
    QCOMPARE(error->title(), QStringLiteral("recording.zip could not be read"));
    QVERIFY2(error->text().contains(QStringLiteral("/nonexistent/recording.zip")), qPrintable(error->text()));
    // The recording shown before is still there.
    QCOMPARE(labelText(*window, "manifestRunId"), QStringLiteral("looker-2025_11_18-09_41_07-k3x9qa"));
    QCOMPARE(window->windowTitle(), QStringLiteral("sample-recording.zip"));

    // Not a ZIP at all.
    QTemporaryDir dir;
    const QString text = dir.filePath(QStringLiteral("notes.zip"));
    QFile notes(text);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("these are not the droids\n");
    notes.close();
    window->openRecording(text);
    QVERIFY(failed.wait());
    QVERIFY(error->isVisible());
    QVERIFY2(error->title().startsWith(QStringLiteral("notes.zip")), qPrintable(error->title()));

    // Dismissing the banner hides it; the window stays as it was.
    auto *close = error->findChild<QToolButton *>(QStringLiteral("dismissButton"));
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!error->isVisible());
    QVERIFY(window->recording());
}

void TestMainWindow::sampleActionNeedsNoPassword()
{
    auto window = makeWindow();
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openSampleRecording();
    QVERIFY(shown.wait());
    QVERIFY(!window->findChild<PasswordDialog *>());
    verifySampleShown(*window);
}

TAPEDECK_GUI_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

void TestMainWindow::rememberedPasswordOpensWithoutDialog()
{
    MemoryPasswordStore store;
    auto window = makeWindow();
    window->setPasswordStore(&store);
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(samplePath());
    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    auto *remember = dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
    QVERIFY(remember && remember->isVisible());
    QVERIFY(!remember->isChecked()); // opt-in
    // A wrong password is never remembered, even with the box ticked.
    remember->setChecked(true);
    submitPassword(dialog, QStringLiteral("wrong"));
    QTRY_VERIFY(dialog->findChild<QLabel *>(QStringLiteral("passwordProblem"))->isVisible());
    QVERIFY(store.contents().isEmpty());
    submitPassword(dialog, SamplePassword);
    QVERIFY(shown.wait());
    QCOMPARE(store.contents().value(PasswordStore::keyFor(samplePath())), SamplePassword);
    QCOMPARE(store.contents().size(), 1);

    // A second window (a later session): the keychain answers, no dialog.
    auto again = makeWindow();
    again->setPasswordStore(&store);
    QSignalSpy shownAgain(again.get(), &MainWindow::recordingShown);
    again->openRecording(samplePath());
    QVERIFY(shownAgain.wait());
    QVERIFY(!again->findChild<PasswordDialog *>());
    verifySampleShown(*again);
}

void TestMainWindow::staleRememberedPasswordIsForgotten()
{
    MemoryPasswordStore store;
    store.write(PasswordStore::keyFor(samplePath()), QStringLiteral("an-old-password"));
    auto window = makeWindow();
    window->setPasswordStore(&store);
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->openRecording(samplePath());
    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    auto *problem = dialog->findChild<QLabel *>(QStringLiteral("passwordProblem"));
    QTRY_VERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("keychain")), qPrintable(problem->text()));
    QVERIFY(store.contents().isEmpty());
    // Not ticked this time: the right password is used, not remembered.
    submitPassword(dialog, SamplePassword);
    QVERIFY(shown.wait());
    QVERIFY(store.contents().isEmpty());
}

void TestMainWindow::noKeychainNoRememberOption()
{
    // The environment has no D-Bus session bus here: the system store is unavailable, so nothing is
    // offered (and nothing could end up in a plain file instead).
    auto window = makeWindow();
    window->openRecording(samplePath());
    PasswordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PasswordDialog>(window.get())));
    auto *remember = dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
    QVERIFY(remember);
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a D-Bus session bus is present: the system keychain may be available");
    QVERIFY(!remember->isVisible());
}

namespace {

// Opens the sample (documented password) and waits until its events are indexed.
std::unique_ptr<MainWindow> sampleWindow()
{
    auto window = makeWindow();
    QSignalSpy indexed(window.get(), &MainWindow::timelineIndexed);
    window->openSampleRecording();
    if (!indexed.wait(20000))
        qWarning("the sample's timeline was not indexed");
    return window;
}

// Applies a filter expression through the filter bar, as typed, and waits for the rows.
void applyFilter(MainWindow &window, const QString &expression)
{
    FilterBar *bar = window.timelinePanel()->filterBar();
    bar->setFilterText(expression);
    QTRY_VERIFY(!window.timelinePanel()->model()->isFilterPending());
}

// Selects the first row of the given kind (with the given operation, if any) and waits for its details.
qsizetype selectFirst(MainWindow &window, EventKind kind, const QString &operation = {})
{
    TimelineModel *model = window.timelinePanel()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, TimelineModel::OperationColumn);
        if (EventKind(index.data(TimelineModel::KindRole).toInt()) != kind)
            continue;
        if (!operation.isEmpty() && index.data().toString() != operation)
            continue;
        // As a user does: click the row.
        QTableView *view = window.timelinePanel()->view();
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        const qsizetype seq = model->seqAt(row);
        if (!QTest::qWaitFor([&] {
                return window.detailStack()->currentSeq() == seq && window.detailStack()->currentPane()
                    && !window.detailStack()->currentPane()->isLoading();
            }))
            return -2;
        return seq;
    }
    return -1;
}

} // namespace

void TestMainWindow::timelineShowsEveryEventOfTheSample()
{
    auto window = sampleWindow();
    QVERIFY(window->timeline());
    QVERIFY(window->timeline()->isComplete());
    TimelineModel *model = window->timelinePanel()->model();
    QCOMPARE(model->totalCount(), 41);
    QCOMPARE(model->kindCount(EventKind::Http), 12);
    QCOMPARE(model->kindCount(EventKind::Sql), 5);
    QCOMPARE(model->kindCount(EventKind::Mcp), 24);
    QCOMPARE(model->rowCount(), 41);
    QVERIFY(!window->isIndexing());
    QVERIFY(!banner(*window, "timelineProblems")->isVisible());
    window->tabs()->setCurrentIndex(MainWindow::TimelineTab);
    QCOMPARE(window->tabs()->tabText(MainWindow::TimelineTab), QStringLiteral("Timeline (41)"));
    QCOMPARE(labelText(*window, "eventsStatus"), QStringLiteral("Events: 41"));
}

void TestMainWindow::filterExpressionNarrowsTheTimeline()
{
    auto window = sampleWindow();
    window->tabs()->setCurrentIndex(MainWindow::TimelineTab);
    TimelineModel *model = window->timelinePanel()->model();
    applyFilter(*window, QStringLiteral("kind:http status:>=400"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, TimelineModel::ResultColumn).data().toString().left(3), QStringLiteral("500"));
    QCOMPARE(labelText(*window, "eventsStatus"), QStringLiteral("Events shown: 1 of 41"));
    applyFilter(*window, QStringLiteral("aspect:schemaMetadata or sql:~\"INFORMATION_SCHEMA\""));
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto kind = EventKind(model->index(row, 0).data(TimelineModel::KindRole).toInt());
        QVERIFY(kind == EventKind::Mcp || kind == EventKind::Sql);
    }
    QVERIFY(model->rowCount() > 1);
    // A bad expression: the error is shown, the last good filter stays applied.
    const int before = model->rowCount();
    window->timelinePanel()->filterBar()->setFilterText(QStringLiteral("status:>="));
    QTRY_VERIFY(window->timelinePanel()->filterBar()->filterError().has_value());
    QCOMPARE(model->rowCount(), before);
    applyFilter(*window, QString());
    QCOMPARE(model->rowCount(), 41);
}

void TestMainWindow::selectingEachKindShowsItsDetails()
{
    auto window = sampleWindow();
    window->tabs()->setCurrentIndex(MainWindow::TimelineTab);
    DetailStack *details = window->detailStack();

    // HTTP: the failed Looker call, its status, headers and pretty JSON body.
    applyFilter(*window, QStringLiteral("kind:http status:>=400"));
    const qsizetype http = selectFirst(*window, EventKind::Http);
    QVERIFY(http >= 0);
    QCOMPARE(details->currentPane(), static_cast<DetailPane *>(details->httpPane()));
    const HttpDetail &h = details->httpPane()->detail();
    QCOMPARE(h.exchange.status, 500);
    QVERIFY(h.exchange.uri.contains(QStringLiteral("looker")));
    QVERIFY(details->httpPane()->responseHeaders()->topLevelItemCount() >= 2);
    QVERIFY(details->httpPane()->curlCommand().startsWith(QStringLiteral("curl ")));

    // SQL: the query, its rows with the column names from description.
    applyFilter(*window, QStringLiteral("kind:sql not error"));
    const qsizetype sql = selectFirst(*window, EventKind::Sql);
    QVERIFY(sql >= 0);
    QCOMPARE(details->currentPane(), static_cast<DetailPane *>(details->sqlPane()));
    const SqlDetail &q = details->sqlPane()->detail();
    QVERIFY(q.query);
    QVERIFY(q.query->query.contains(QStringLiteral("SELECT")));
    SqlRowsModel *rows = details->sqlPane()->rowsModel();
    QVERIFY(rows->rowCount() > 0);
    QVERIFY(rows->columnCount() > 0);
    QVERIFY(!rows->headerData(0, Qt::Horizontal).toString().isEmpty());

    // MCP: URN, aspect, the aspect as a tree and as text.
    applyFilter(*window, QStringLiteral("aspect:schemaMetadata"));
    const qsizetype mcp = selectFirst(*window, EventKind::Mcp);
    QVERIFY(mcp >= 0);
    QCOMPARE(details->currentPane(), static_cast<DetailPane *>(details->mcpPane()));
    const McpDetail &m = details->mcpPane()->detail();
    QCOMPARE(m.record.aspectName, QStringLiteral("schemaMetadata"));
    QVERIFY(m.record.entityUrn.startsWith(QStringLiteral("urn:li:dataset:")));
    QVERIFY(m.aspectText.contains(QStringLiteral("\"fields\"")));
    QVERIFY(details->mcpPane()->treeModel()->rowCount() > 0);
    QVERIFY(m.carrierSeq >= 0);
}

void TestMainWindow::carryingRequestLinkSelectsTheHttpEvent()
{
    auto window = sampleWindow();
    window->tabs()->setCurrentIndex(MainWindow::TimelineTab);
    applyFilter(*window, QStringLiteral("kind:mcp"));
    QVERIFY(selectFirst(*window, EventKind::Mcp) >= 0);
    const qsizetype carrier = window->detailStack()->mcpPane()->detail().carrierSeq;
    QVERIFY(carrier >= 0);
    // The carrier is hidden by "kind:mcp": following the link shows everything and selects it.
    QTest::mouseClick(window->detailStack()->mcpPane()->carrierButton(), Qt::LeftButton);
    QTRY_COMPARE(window->timelinePanel()->currentSeq(), carrier);
    QTRY_COMPARE(window->detailStack()->currentSeq(), carrier);
    QCOMPARE(
        window->detailStack()->currentPane(), static_cast<DetailPane *>(window->detailStack()->httpPane()));
    QTRY_COMPARE(window->detailStack()->httpPane()->detail().seq, carrier);
    QVERIFY(
        window->detailStack()->httpPane()->detail().exchange.uri.contains(QStringLiteral("ingestProposal")));
}

void TestMainWindow::entitiesTabGroupsMcpsByUrn()
{
    auto window = sampleWindow();
    window->tabs()->setCurrentIndex(MainWindow::EntitiesTab);
    EntityModel *model = window->entityBrowser()->model();
    QTRY_VERIFY(model->rowCount() > 0);
    int mcps = 0;
    for (int urn = 0; urn < model->rowCount(); ++urn) {
        const QModelIndex u = model->index(urn, 0);
        QVERIFY(u.data().toString().startsWith(QStringLiteral("urn:li:")));
        for (int aspect = 0; aspect < model->rowCount(u); ++aspect)
            mcps += qMax(1, model->rowCount(model->index(aspect, 0, u)));
    }
    QCOMPARE(mcps, 24);
}

void TestMainWindow::exportHarWritesEveryHttpEvent()
{
    auto window = sampleWindow();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sample.har"));
    std::optional<QString> outcome; // empty string: success
    connect(window.get(), &MainWindow::exportFinished, this,
        [&](const QString &, const Status &s) { outcome = s ? QString() : s.error().message; });
    window->exportHar(path);
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
    QVERIFY2(outcome->isEmpty(), qPrintable(*outcome));
    QFile har(path);
    QVERIFY(har.open(QIODevice::ReadOnly));
    const QJsonObject log
        = QJsonDocument::fromJson(har.readAll()).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    QCOMPARE(log.value(QStringLiteral("entries")).toArray().size(), 12);
    // One set of rules: tapedeck-cli export-har writes the same file, byte for byte.
    const QString cliPath = dir.filePath(QStringLiteral("cli.har"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), test::SamplePassword);
    const test::ProcessResult cli
        = test::runCli({ QStringLiteral("export-har"), test::samplePath(), QStringLiteral("--output"), cliPath }, env);
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    QCOMPARE(test::readFile(path), test::readFile(cliPath));
}

void TestMainWindow::extractNeedsNoPasswordAgain()
{
    auto window = sampleWindow();
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("sample"));
    std::optional<QString> outcome; // empty string: success
    connect(window.get(), &MainWindow::exportFinished, this,
        [&](const QString &, const Status &s) { outcome = s ? QString() : s.error().message; });
    window->extractRecording(target);
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
    QVERIFY2(outcome->isEmpty(), qPrintable(*outcome));
    QVERIFY(QFile::exists(target + QStringLiteral("/manifest.json")));
    QVERIFY(QFile::exists(target + QStringLiteral("/http/cassette.yaml")));
    QCOMPARE(QFile(target + QStringLiteral("/manifest.json")).permissions()
            & (QFile::ReadOther | QFile::ReadGroup),
        QFile::Permissions());
}

void TestMainWindow::recentRecordingsArePersisted()
{
    QSettings().remove(QStringLiteral("recentRecordings"));
    {
        auto window = sampleWindow();
        QVERIFY(window->recording());
    }
    auto window = makeWindow();
    auto *menu = window->findChild<QMenu *>(QStringLiteral("recentMenu"));
    QVERIFY(menu);
    QList<QAction *> entries;
    for (QAction *a : menu->actions()) {
        if (!a->isSeparator() && a->isEnabled()
            && a->toolTip().endsWith(QStringLiteral("sample-recording.zip")))
            entries << a;
    }
    QCOMPARE(entries.size(), 1);
    QSignalSpy shown(window.get(), &MainWindow::recordingShown);
    window->setEnvironment(environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword));
    entries.first()->trigger();
    QVERIFY(shown.wait());
}

void TestMainWindow::f6MovesBetweenPanes()
{
    auto window = sampleWindow();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTest::keyClick(window.get(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::TimelineTab));
    const auto focusIn = [](QWidget *pane) {
        QWidget *focus = QApplication::focusWidget();
        return focus && (focus == pane || pane->isAncestorOf(focus));
    };
    // Ctrl+L: the filter field, from anywhere.
    window->tabs()->setCurrentIndex(MainWindow::OverviewTab);
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(window->tabs()->currentIndex(), int(MainWindow::TimelineTab));
    QTRY_VERIFY(focusIn(window->timelinePanel()->filterBar()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QTRY_VERIFY(focusIn(window->timelinePanel()->view()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QTRY_VERIFY(focusIn(window->detailStack()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
    QTRY_VERIFY(focusIn(window->timelinePanel()->view()));
}

void TestMainWindow::compareMetadataOpensTheDiffWindow()
{
    auto window = sampleWindow();
    window->setEnvironment(environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword));
    auto *compare = window->findChild<QAction *>(QStringLiteral("compareAction"));
    QVERIFY(compare);
    compare->trigger();
    DiffWindow *diff = nullptr;
    QTRY_VERIFY((diff = window->findChild<DiffWindow *>()));
    QCOMPARE(diff->recordedSource(), samplePath());
    // The sample's own file-sink output sits beside it: compared at once, and they match.
    QCOMPARE(diff->replayedSource(), DiffWindow::ownMcpFile(samplePath()));
    QTRY_VERIFY_WITH_TIMEOUT(diff->report() && !diff->isBusy(), 20000);
    QVERIFY(diff->report()->match());
    diff->close();
}

void TestMainWindow::compareMetadataFindsTheRememberedPassword()
{
    // The password is in the keychain only: the diff window asks the same keychain as the main window.
    MemoryPasswordStore store;
    store.write(PasswordStore::keyFor(samplePath()), SamplePassword);
    auto window = makeWindow();
    window->setPasswordStore(&store);
    openSample(*window);
    window->findChild<QAction *>(QStringLiteral("compareAction"))->trigger();
    DiffWindow *diff = nullptr;
    QTRY_VERIFY((diff = window->findChild<DiffWindow *>()));
    QTRY_VERIFY_WITH_TIMEOUT(diff->report() && !diff->isBusy(), 20000);
    QVERIFY(!window->findChild<PasswordDialog *>());
    QVERIFY(diff->report()->match());
    diff->close();
}
