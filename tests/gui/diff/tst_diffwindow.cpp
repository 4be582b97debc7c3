// SPDX-License-Identifier: MIT
// The diff window under offscreen: two files opened and compared, stepping through the differences with
// F7 / Shift+F7, an ignore rule added from a difference (the count drops), profiles, export, the sample
// recording against its own MCP file in one click; its item models under QAbstractItemModelTester.
#include "core/diff/metadatadiff.h"
#include "ui/diff/difffieldsmodel.h"
#include "ui/diff/diffprofiles.h"
#include "ui/diff/difftreemodel.h"
#include "ui/diff/diffview.h"
#include "ui/diff/diffwindow.h"
#include "guitestmain.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace tapedeck;

namespace {

constexpr int Timeout = 60000;

} // namespace

class TestDiffWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeModel();
    void fieldsModel();
    void openTwoFiles();
    void stepThroughDifferences();
    void ignoreRuleDropsCount();
    void profiles();
    void exportReport();
    void recordingAgainstItsOwnMcps();
    void cancelComparison();

private:
    QString set(const QString &name, const char *file) const
    {
        return m_dir.filePath(QStringLiteral("sets/") + name + QLatin1Char('/') + QLatin1String(file));
    }
    std::unique_ptr<DiffWindow> compared(const QString &name);
    QTemporaryDir m_dir;
};

void TestDiffWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Settings of their own, in the temporary folder, starting empty.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(
        QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("tapedeck-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_diffwindow"));
    QSettings().clear();
    const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"),
        { QStringLiteral(TAPEDECK_TEST_TOOLS "/gen_mcps_sets.py"), m_dir.filePath(QStringLiteral("sets")) });
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

std::unique_ptr<DiffWindow> TestDiffWindow::compared(const QString &name)
{
    auto window = std::make_unique<DiffWindow>();
    window->setSources(set(name, "recorded.json"), set(name, "replayed.json"));
    window->show();
    QSignalSpy finished(window.get(), &DiffWindow::comparisonFinished);
    window->compare();
    if (!finished.wait(Timeout))
        qWarning("the comparison did not finish");
    return window;
}

void TestDiffWindow::treeModel()
{
    DiffTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    DiffOptions options;
    options.listIdentical = true;
    const Result<DiffReport> r
        = MetadataDiff::run(DiffInput::file(set(QStringLiteral("urn-added-removed"), "recorded.json")),
            DiffInput::file(set(QStringLiteral("urn-added-removed"), "replayed.json")), options);
    QVERIFY(r.ok());
    model.setReport(std::make_shared<const DiffReport>(*r));
    // Changed only (the default): the added and the removed URN.
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex first = model.index(0, 0);
    QCOMPARE(first.data(DiffTreeModel::StatusRole).toInt(), int(DiffTreeModel::Status::Added));
    QCOMPARE(model.rowCount(first), 2);
    QCOMPARE(model.index(1, DiffTreeModel::StatusColumn).data().toString(), QStringLiteral("removed"));
    QCOMPARE(model.rowCount(model.index(1, 0)), 8);
    for (int d = 0; d < r->aspects.size(); ++d) {
        const QModelIndex index = model.indexOfDifference(d);
        QVERIFY(index.isValid());
        QCOMPARE(model.differenceAt(index), d);
    }
    // Everything: the container and the other two datasets, with identical aspects.
    model.setChangedOnly(false);
    QCOMPARE(model.rowCount(), 5);
    int identical = 0;
    for (int u = 0; u < model.rowCount(); ++u) {
        const QModelIndex urn = model.index(u, 0);
        for (int a = 0; a < model.rowCount(urn); ++a)
            identical += model.index(a, 0, urn).data(DiffTreeModel::StatusRole).toInt()
                == int(DiffTreeModel::Status::Identical);
    }
    QCOMPARE(identical, int(r->identical.size()));
    model.setFilterText(QStringLiteral("REFUNDS"));
    QCOMPARE(model.rowCount(), 1);
    model.setFilterText(QStringLiteral("schemaMetadata"));
    QCOMPARE(model.rowCount(), 3); // revenue (removed) and the two datasets with identical ones
    model.setFilterText({});
    model.setReport(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestDiffWindow::fieldsModel()
{
    DiffFieldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Result<DiffReport> r
        = MetadataDiff::run(DiffInput::file(set(QStringLiteral("types-and-lists"), "recorded.json")),
            DiffInput::file(set(QStringLiteral("types-and-lists"), "replayed.json")), {});
    QVERIFY(r.ok());
    const auto report = std::make_shared<const DiffReport>(*r);
    int shown = 0;
    for (int d = 0; d < report->aspects.size(); ++d) {
        model.setDifference(report, d);
        QCOMPARE(model.rowCount(), int(report->aspects.at(d).fields.size()));
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.index(row, DiffFieldsModel::PathColumn).data().toString(),
                DiffPaths::display(report->aspects.at(d).fields.at(row).path));
            ++shown;
        }
    }
    QCOMPARE(shown, 4);
    model.setDifference(report, -1);
    QCOMPARE(model.rowCount(), 0);
}

void TestDiffWindow::openTwoFiles()
{
    const auto window = compared(QStringLiteral("changed-nested"));
    QVERIFY(window->report());
    QVERIFY(!window->isBusy());
    QCOMPARE(window->report()->summary.aspectsChanged, 2);
    QCOMPARE(window->treeModel()->rowCount(), 2); // the two URNs that differ
    // The first difference is shown at once: its lines on both sides, aligned.
    QCOMPARE(window->currentDifference(), 0);
    QCOMPARE(window->currentField(), 0);
    DiffView *view = window->view();
    QCOMPARE(view->recordedPane()->blockCount(), view->replayedPane()->blockCount());
    const int line = view->lineOfField(0);
    QVERIFY(line > 0);
    QVERIFY(view->recordedPane()->document()->findBlockByNumber(line).text().contains(
        QStringLiteral("\"BASE TABLE\"")));
    QVERIFY(view->replayedPane()->document()->findBlockByNumber(line).text().contains(
        QStringLiteral("\"VIEW\"")));
    QVERIFY(!view->recordedPane()->extraSelections().isEmpty());

    // Both files the same: the verdict, and nothing to step through.
    window->setSources(
        set(QStringLiteral("reordered"), "recorded.json"), set(QStringLiteral("reordered"), "replayed.json"));
    QSignalSpy finished(window.get(), &DiffWindow::comparisonFinished);
    window->compare();
    QVERIFY(finished.wait(Timeout));
    QVERIFY(window->report()->match());
    QCOMPARE(window->differenceCount(), 0);
}

void TestDiffWindow::stepThroughDifferences()
{
    const auto window = compared(QStringLiteral("types-and-lists"));
    QVERIFY(window->report());
    QCOMPARE(window->differenceCount(), 4);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get())); // F7 is a window shortcut
    // The first stop is shown; F7 walks on, one field difference at a time, in report order.
    QList<std::pair<int, int>> seen { { window->currentDifference(), window->currentField() } };
    for (int i = 1; i < 4; ++i) {
        QTest::keyClick(window.get(), Qt::Key_F7);
        seen.append({ window->currentDifference(), window->currentField() });
    }
    QCOMPARE(seen, (QList<std::pair<int, int>> { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 } }));
    const QModelIndex current = window->tree()->currentIndex();
    QCOMPARE(window->treeModel()->differenceAt(current), 3);
    QTest::keyClick(window.get(), Qt::Key_F7); // the last one: stays
    QCOMPARE(window->currentDifference(), 3);
    QTest::keyClick(window.get(), Qt::Key_F7, Qt::ShiftModifier);
    QTest::keyClick(window.get(), Qt::Key_F7, Qt::ShiftModifier);
    QCOMPARE(window->currentDifference(), 1);
    const AspectDifference &shown = window->report()->aspects.at(window->currentDifference());
    QCOMPARE(window->view()->fieldsModel()->rowCount(), int(shown.fields.size()));
    QVERIFY(window->view()->lineOfField(window->currentField()) >= 0);
}

void TestDiffWindow::ignoreRuleDropsCount()
{
    const auto window = compared(QStringLiteral("changed-nested"));
    QVERIFY(window->report());
    QCOMPARE(window->report()->fieldDifferenceCount(), 2);
    // The schemaMetadata difference: fields[2].nativeDataType.
    int difference = -1;
    for (int d = 0; d < window->report()->aspects.size(); ++d) {
        if (window->report()->aspects.at(d).aspect == QLatin1String("schemaMetadata"))
            difference = d;
    }
    QVERIFY(difference >= 0);
    const FieldDifference field = window->report()->aspects.at(difference).fields.first();
    const QList<IgnoreSuggestion> suggestions = window->ignoreSuggestions(field);
    QCOMPARE(suggestions.size(), 3);
    QCOMPARE(suggestions.at(0).rule, QStringLiteral("root['aspect']['fields'][2]['nativeDataType']"));
    QCOMPARE(suggestions.at(1).rule, QStringLiteral("root['aspect']['fields'][*]['nativeDataType']"));
    QCOMPARE(suggestions.at(2).rule, QStringLiteral("root[**]['nativeDataType']"));
    for (const IgnoreSuggestion &s : suggestions)
        QCOMPARE(s.fields, 1);

    // "Ignore this path" from the difference itself, [*] generalised.
    while (window->currentDifference() != difference)
        window->nextDifference();
    std::unique_ptr<QMenu> menu(window->view()->createIgnoreMenu(window->currentField(), nullptr));
    QCOMPARE(menu->actions().size(), 3);
    QVERIFY(menu->actions().at(1)->text().contains(QStringLiteral("hides 1 difference")));
    QSignalSpy finished(window.get(), &DiffWindow::comparisonFinished);
    menu->actions().at(1)->trigger();
    QVERIFY(window->isBusy());
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(window->ignoreRules(), QStringList { suggestions.at(1).rule });
    QCOMPARE(window->report()->fieldDifferenceCount(), 1);
    QCOMPARE(window->report()->summary.aspectsChanged, 1);
    QVERIFY(window->report()->unusedRules().isEmpty());
    QCOMPARE(window->differenceCount(), 1);
    QCOMPARE(window->treeModel()->rowCount(), 1);

    // A typo is reported, not silently applied.
    window->addIgnoreRule(QStringLiteral("root['aspect']['customPropertys']"));
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(
        window->report()->unusedRules(), QStringList { QStringLiteral("root['aspect']['customPropertys']") });
    QCOMPARE(window->report()->fieldDifferenceCount(), 1);
}

void TestDiffWindow::profiles()
{
    DiffProfile profile;
    profile.name = QStringLiteral("replay / team");
    profile.preset = DiffPreset::Replay;
    profile.rules = { QStringLiteral("root['aspect']['customProperties']"),
        QStringLiteral("root[**]['nativeDataType']") };
    profile.strictCounts = true;
    DiffProfiles::save(profile);
    DiffProfile other;
    other.name = QStringLiteral("none");
    other.preset = DiffPreset::None;
    DiffProfiles::save(other);
    QCOMPARE(
        DiffProfiles::names(), (QStringList { QStringLiteral("none"), QStringLiteral("replay / team") }));
    const std::optional<DiffProfile> loaded = DiffProfiles::load(profile.name);
    QVERIFY(loaded);
    QCOMPARE(loaded->rules, profile.rules);
    QCOMPARE(loaded->preset, DiffPreset::Replay);
    QVERIFY(loaded->strictCounts);
    QVERIFY(!loaded->compareSystemMetadata);

    // The last profile used comes back with the next window, and applies.
    QSettings().setValue(QStringLiteral("diff/lastProfile"), profile.name);
    const auto window = compared(QStringLiteral("changed-nested"));
    QCOMPARE(window->ignoreRules(), profile.rules);
    QVERIFY(window->report());
    QVERIFY(window->report()->match());
    QVERIFY(window->report()->strictCounts);
    QCOMPARE(window->report()->preset, DiffPreset::Replay);

    DiffProfiles::remove(other.name);
    QCOMPARE(DiffProfiles::names(), QStringList { profile.name });
    DiffProfiles::remove(profile.name);
    QSettings().remove(QStringLiteral("diff/lastProfile"));
    QVERIFY(DiffProfiles::names().isEmpty());
}

void TestDiffWindow::exportReport()
{
    const auto window = compared(QStringLiteral("changed-nested"));
    QVERIFY(window->report());
    const QString md = m_dir.filePath(QStringLiteral("report.md"));
    const QString json = m_dir.filePath(QStringLiteral("report.json"));
    QVERIFY(window->exportReport(md, DiffWindow::ExportFormat::Markdown).ok());
    QVERIFY(window->exportReport(json, DiffWindow::ExportFormat::Json).ok());
    QVERIFY(test::readFile(md).startsWith("## Metadata diff"));
    QVERIFY(test::readFile(json).contains("\"aspects_changed\": 2"));
    const Status bad = window->exportReport(
        m_dir.filePath(QStringLiteral("no/such/folder/x.md")), DiffWindow::ExportFormat::Markdown);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::Io);
}

void TestDiffWindow::recordingAgainstItsOwnMcps()
{
    QCOMPARE(DiffWindow::ownMcpFile(test::samplePath()),
        QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"));
    QVERIFY(DiffWindow::ownMcpFile(set(QStringLiteral("reordered"), "recorded.json")).isEmpty());
    DiffWindow window;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), test::SamplePassword);
    window.setEnvironment(environment);
    window.setSources(test::samplePath(), {});
    window.show();
    QSignalSpy finished(&window, &DiffWindow::comparisonFinished);
    QVERIFY(window.compareWithOwnMcps()); // one click
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(window.replayedSource(), QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"));
    QVERIFY(window.report()->match());
    QCOMPARE(window.report()->recordedMcps, 24);
    QCOMPARE(window.treeModel()->rowCount(), 0); // changed only: nothing
    window.treeModel()->setChangedOnly(false);
    QCOMPARE(window.treeModel()->rowCount(), 7); // 2 dashboards, 3 charts, an explore, a platform resource
}

void TestDiffWindow::cancelComparison()
{
    DiffWindow window;
    window.setSources(set(QStringLiteral("changed-nested"), "recorded.json"),
        set(QStringLiteral("changed-nested"), "replayed.json"));
    window.show();
    QSignalSpy finished(&window, &DiffWindow::comparisonFinished);
    QSignalSpy failed(&window, &DiffWindow::comparisonFailed);
    window.compare();
    QVERIFY(window.isBusy());
    auto *bar = window.findChild<QWidget *>(QStringLiteral("loadingBar"));
    QVERIFY(bar && bar->isVisible());
    // Cancel asks the comparison to stop; it says how it ended (cancelled), and nothing is shown.
    QTest::mouseClick(bar->findChild<QPushButton *>(QStringLiteral("cancelLoadingButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), Timeout);
    QVERIFY(!bar->isVisible());
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("The comparison was cancelled."));
    QVERIFY(!window.report());
    QVERIFY(finished.isEmpty());
    QVERIFY(failed.isEmpty());

    // Compared again, it runs to the end.
    window.compare();
    QVERIFY(finished.wait(Timeout));
    QVERIFY(window.report());
}

TAPEDECK_GUI_TEST_MAIN(TestDiffWindow)
#include "tst_diffwindow.moc"
