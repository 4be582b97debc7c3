// SPDX-License-Identifier: MIT
// Tests RecordingOpener on the bundled sample: the password from the environment, then the keychain, then
// the dialog (asking again in place, "remember" keeping it in the keychain), progress and Cancel in the
// loading bar; and the diff window, which opens recordings through it, finding a remembered password.
#include "core/diff/diffreport.h"
#include "core/recording/recording.h"
#include "guitestmain.h"
#include "testsupport.h"
#include "ui/diff/diffwindow.h"
#include "ui/passworddialog.h"
#include "ui/passwordstore.h"
#include "ui/recordingopener.h"
#include "ui/widgets/loadingbar.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>

#include <memory>

using namespace tapedeck;

namespace {

constexpr int Timeout = 20000;

QProcessEnvironment environmentWith(const QString &name = {}, const QString &value = {})
{
    QProcessEnvironment environment; // empty: no password source unless the test sets one
    if (!name.isEmpty())
        environment.insert(name, value);
    return environment;
}

// A window with a loading bar and an opener on it, as the main and the diff window have.
struct Window
{
    Window()
        : bar(new LoadingBar(&window))
        , opener(new RecordingOpener(&window, bar))
    {
        window.setCentralWidget(bar);
        opener->setEnvironment(environmentWith());
        opener->setPasswordStore(&store);
        window.show();
    }

    QMainWindow window;
    MemoryPasswordStore store;
    LoadingBar *bar;
    RecordingOpener *opener;
};

void submit(PasswordDialog *dialog, const QString &password, bool remember = false)
{
    dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(password);
    dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassword"))->setChecked(remember);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("unlockButton")), Qt::LeftButton);
}

} // namespace

class TestRecordingOpener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void environmentPassword_data();
    void environmentPassword();
    void rememberedPassword();
    void dialogAsksAgainInPlaceAndRemembers();
    void cancelInTheDialog();
    void progressAndCancelInTheBar();
    void missingFileFails();
    void diffWindowFindsRememberedPassword();
};

void TestRecordingOpener::initTestCase()
{
    qunsetenv("DATAHUB_RECORDING_PASSWORD");
    qunsetenv("ADMIN_PASSWORD");
    QVERIFY(QFile::exists(test::samplePath()));
}

void TestRecordingOpener::environmentPassword_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addRow("DATAHUB_RECORDING_PASSWORD") << QStringLiteral("DATAHUB_RECORDING_PASSWORD");
    QTest::addRow("ADMIN_PASSWORD") << QStringLiteral("ADMIN_PASSWORD");
}

void TestRecordingOpener::environmentPassword()
{
    QFETCH(QString, variable);
    Window w;
    // The environment comes before the keychain: the stale password remembered there is never tried.
    w.store.write(PasswordStore::keyFor(test::samplePath()), QStringLiteral("stale"));
    w.opener->setEnvironment(environmentWith(variable, test::SamplePassword));
    QSignalSpy loaded(w.opener, &RecordingOpener::loaded);
    w.opener->open(test::samplePath());
    QVERIFY(w.opener->isBusy());
    QVERIFY(w.bar->isVisible());
    QVERIFY(loaded.wait(Timeout));
    QCOMPARE(loaded.first().at(0).toString(), test::samplePath());
    QVERIFY(!w.window.findChild<PasswordDialog *>());
    QVERIFY(!w.bar->isVisible());
    QVERIFY(!w.opener->isBusy());
    QCOMPARE(w.store.contents().value(PasswordStore::keyFor(test::samplePath())), QStringLiteral("stale"));
}

void TestRecordingOpener::rememberedPassword()
{
    Window w;
    w.store.write(PasswordStore::keyFor(test::samplePath()), test::SamplePassword);
    QSignalSpy loaded(w.opener, &RecordingOpener::loaded);
    w.opener->open(test::samplePath());
    QVERIFY(loaded.wait(Timeout));
    QVERIFY(!w.window.findChild<PasswordDialog *>());
    const auto recording = loaded.first().at(1).value<std::shared_ptr<const Recording>>();
    QVERIFY(recording && recording->manifest);
}

void TestRecordingOpener::dialogAsksAgainInPlaceAndRemembers()
{
    Window w;
    QSignalSpy loaded(w.opener, &RecordingOpener::loaded);
    QSignalSpy failed(w.opener, &RecordingOpener::failed);
    w.opener->open(test::samplePath());
    QTRY_VERIFY_WITH_TIMEOUT(w.opener->passwordDialog() && w.opener->passwordDialog()->isVisible(), Timeout);
    const QPointer<PasswordDialog> dialog = w.opener->passwordDialog();
    QCOMPARE(dialog->parent(), &w.window);
    QVERIFY(dialog->isModal());
    QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassword"))->isVisible());
    QCOMPARE(w.bar->text(), QStringLiteral("Waiting for the password of sample-recording.zip…"));

    // Wrong, even with "remember" ticked: asked again in the same dialog, nothing remembered.
    submit(dialog, QStringLiteral("not-the-password"), true);
    auto *problem = dialog->findChild<QLabel *>(QStringLiteral("passwordProblem"));
    QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), Timeout);
    QVERIFY2(problem->text().contains(QStringLiteral("Wrong password")), qPrintable(problem->text()));
    QCOMPARE(w.opener->passwordDialog(), dialog.data());
    QVERIFY(w.store.contents().isEmpty());
    QCOMPARE(failed.size(), 0);

    submit(dialog, test::SamplePassword, true);
    QVERIFY(loaded.wait(Timeout));
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(w.store.contents().value(PasswordStore::keyFor(test::samplePath())), test::SamplePassword);
    QCOMPARE(w.window.findChildren<PasswordDialog *>().size(), dialog ? 1 : 0);
}

void TestRecordingOpener::cancelInTheDialog()
{
    Window w;
    QSignalSpy cancelled(w.opener, &RecordingOpener::cancelled);
    w.opener->open(test::samplePath());
    QTRY_VERIFY_WITH_TIMEOUT(w.opener->passwordDialog() && w.opener->passwordDialog()->isVisible(), Timeout);
    QTest::mouseClick(
        w.opener->passwordDialog()->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!w.opener->isBusy());
    QVERIFY(!w.bar->isVisible());
    QCOMPARE(w.window.statusBar()->currentMessage(),
        QStringLiteral("Opening sample-recording.zip was cancelled."));
}

void TestRecordingOpener::progressAndCancelInTheBar()
{
    Window w;
    w.opener->setEnvironment(
        environmentWith(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), test::SamplePassword));
    auto *progressBar = w.bar->findChild<QProgressBar *>();
    QVERIFY(progressBar);
    QList<int> progress;
    connect(progressBar, &QProgressBar::valueChanged, this, [&](int value) { progress << value; });
    QSignalSpy loaded(w.opener, &RecordingOpener::loaded);
    w.opener->open(test::samplePath());
    QVERIFY(loaded.wait(Timeout));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), 1000); // every byte read and verified
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));

    // Cancel in the bar: abandoned at once, and the abandoned load never reports.
    QSignalSpy cancelled(w.opener, &RecordingOpener::cancelled);
    loaded.clear();
    w.opener->open(test::samplePath());
    QVERIFY(w.bar->isVisible());
    QTest::mouseClick(w.bar->findChild<QPushButton *>(QStringLiteral("cancelLoadingButton")), Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!w.bar->isVisible());
    QVERIFY(!w.opener->isBusy());
    w.opener->open(test::samplePath()); // the next one is the only one that loads
    QVERIFY(loaded.wait(Timeout));
    QCOMPARE(loaded.size(), 1);
}

void TestRecordingOpener::missingFileFails()
{
    Window w;
    QSignalSpy failed(w.opener, &RecordingOpener::failed);
    w.opener->open(QStringLiteral("/nonexistent/recording.zip"));
    QVERIFY(failed.wait(Timeout));
    QCOMPARE(failed.first().at(0).toString(), QStringLiteral("/nonexistent/recording.zip"));
    QVERIFY(!w.bar->isVisible());
    QVERIFY(!w.opener->isBusy());
}

void TestRecordingOpener::diffWindowFindsRememberedPassword()
{
    MemoryPasswordStore store;
    store.write(PasswordStore::keyFor(test::samplePath()), test::SamplePassword);
    DiffWindow window;
    window.setEnvironment(environmentWith()); // no password in the environment
    window.setPasswordStore(&store);
    window.setSources(test::samplePath(), {});
    window.show();
    QSignalSpy finished(&window, &DiffWindow::comparisonFinished);
    QVERIFY(window.compareWithOwnMcps());
    QVERIFY(finished.wait(Timeout));
    QVERIFY(!window.findChild<PasswordDialog *>()); // the keychain answered
    QVERIFY(window.report()->match());
}

TAPEDECK_GUI_TEST_MAIN(TestRecordingOpener)
#include "tst_recordingopener.moc"
