// SPDX-License-Identifier: MIT
// The Replay tab end to end with the bundled sample's own client (resources/samples/make_sample.py, Python
// requests through the replay's proxy, its fake servers not running): a breakpoint on the dashboard that
// failed holds the run there, its 500 is edited into a 200 with a dashboard document, the run then finishes
// and the replayed MCPs differ from the recorded ones by exactly what the client made of the edit (the
// sample's own dashboard_mcps() says what that is); a second run without the edit is a PERFECT SEMANTIC
// MATCH. A miss held by the `unmatched` breakpoint shows its nearest recorded requests, and "what if" finds
// the recorded one once the differing parameter is ignored. The new models run under
// QAbstractItemModelTester.
#include "core/diff/diffreport.h"
#include "core/recording/timeline.h"
#include "core/replay/replaysubject.h"
#include "guitestmain.h"
#include "testsupport.h"
#include "ui/diff/diffwindow.h"
#include "ui/mainwindow.h"
#include "ui/replay/breakpointmodel.h"
#include "ui/replay/heldmodel.h"
#include "ui/replay/replaydetailsview.h"
#include "ui/replay/replaylogmodel.h"
#include "ui/replay/replaypanel.h"
#include "ui/replay/replaysetupview.h"
#include "ui/replay/sidebysidetext.h"
#include "ui/timeline/timelinemodel.h"
#include "ui/timeline/timelinepanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

namespace {

// The dashboard the edit answers with (folder and element shaped as the sample's Looker serves them).
const QByteArray EditedDashboard
    = "{\"id\": \"3\", \"title\": \"Quartalszahlen\", \"description\": \"edited in the replay\", \"folder\": {\"id\": \"12\", "
      "\"name\": \"Finance\", \"parent_id\": \"1\", \"content_metadata_id\": \"57\"}, \"user_id\": \"42\", \"created_at\": "
      "\"2024-05-01T10:00:00.000+00:00\", \"updated_at\": \"2025-11-01T10:00:00.000+00:00\", \"last_updater_id\": \"42\", "
      "\"deleted\": false, \"hidden\": false, \"dashboard_filters\": [], \"dashboard_elements\": [{\"id\": \"31\", \"title\": "
      "\"Umsatz je Quartal\", \"type\": \"vis\", \"look_id\": null, \"note_text\": null, \"subtitle_text\": null, \"query\": {\"id\": "
      "\"4031\", \"model\": \"sales\", \"view\": \"orders\", \"fields\": [\"orders.order_quarter\", \"orders.total_revenue\"], "
      "\"filters\": {}, \"sorts\": [], \"limit\": \"500\", \"vis_config\": {\"type\": \"looker_line\"}}}]}";

ReplayRow row(qsizetype entry, ReplayKind kind, ReplayOutcome outcome, const QString &target, int status = 200)
{
    ReplayRow r;
    r.entry = entry;
    r.ref = { kind, entry };
    r.outcome = outcome;
    r.target = target;
    r.method = kind == ReplayKind::Http ? QStringLiteral("GET") : QString();
    r.status = kind == ReplayKind::Http ? status : 0;
    r.rows = kind == ReplayKind::Sql ? 1 : -1;
    r.served = outcome == ReplayOutcome::Matched ? 1 : -1;
    r.recordedSeq = outcome == ReplayOutcome::Matched ? entry : -1;
    return r;
}

FilterExpression filter(const QString &text)
{
    Result<FilterExpression> f = FilterExpression::parse(text);
    if (!f)
        qFatal("%s", qPrintable(f.error().message));
    return *f;
}

} // namespace

class TestReplayPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<MainWindow> m_window;

    ReplayPanel *openSample()
    {
        m_window = std::make_unique<MainWindow>();
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword);
        m_window->setEnvironment(environment);
        m_window->resize(1400, 900);
        m_window->show();
        QSignalSpy indexed(m_window.get(), &MainWindow::timelineIndexed);
        m_window->openRecording(samplePath());
        if (!indexed.wait(60'000))
            return nullptr;
        m_window->tabs()->setCurrentIndex(MainWindow::ReplayTab);
        return m_window->replayPanel();
    }

    static QString sampleCommand()
    {
        return QStringLiteral("/usr/bin/python3 " TAPEDECK_SAMPLES "/make_sample.py --replay {recipe}");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Tapedeck's CA and settings in a throwaway home.
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
    }

    void cleanup() { m_window.reset(); }

    void logModelAppendsUpdatesAndFiltersInSlices()
    {
        ReplayLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setSliceSize(3);
        QList<ReplayRow> first;
        for (int i = 0; i < 10; ++i)
            first.append(row(i, i % 3 == 2 ? ReplayKind::Sql : ReplayKind::Http, i == 4 ? ReplayOutcome::Held : ReplayOutcome::Matched,
                QStringLiteral("http://h.example/item/%1").arg(i)));
        model.addRows(first);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.kindCount(EventKind::Sql), 3);
        // A filter over more rows than one slice: matched between event-loop turns, then applied at once.
        QSignalSpy applied(&model, &ReplayLogModel::filterApplied);
        model.setFilter(filter(QStringLiteral("held or kind:sql")));
        QVERIFY(model.isFilterPending());
        QVERIFY(applied.wait());
        QCOMPARE(model.rowCount(), 4); // entries 2, 4, 5, 8
        QCOMPARE(model.rowAt(1)->entry, 4);
        // Rows arriving under the filter: only the matching ones appear.
        model.addRows({ row(10, ReplayKind::Http, ReplayOutcome::Held, QStringLiteral("x")), row(11, ReplayKind::Http, ReplayOutcome::Matched, QStringLiteral("y")) });
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rowOfEntry(10), 4);
        QCOMPARE(model.rowOfEntry(11), -1);
        // A held request answered: it leaves the `held` filter; an answered one that is held again would come in.
        model.updateRows({ row(4, ReplayKind::Http, ReplayOutcome::Matched, QStringLiteral("http://h.example/item/4")) });
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOfEntry(4), -1);
        model.updateRows({ row(0, ReplayKind::Http, ReplayOutcome::Held, QStringLiteral("http://h.example/item/0")) });
        QCOMPARE(model.rowOfEntry(0), 0);
        // Changes that arrive while a filter is being matched are matched again.
        model.setFilter(filter(QStringLiteral("unmatched")));
        model.updateRows({ row(1, ReplayKind::Http, ReplayOutcome::Unmatched, QStringLiteral("http://h.example/item/1"), 503) });
        QVERIFY(applied.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowAt(0)->entry, 1);
        QCOMPARE(model.index(0, ReplayLogModel::ResultColumn).data().toString(), QStringLiteral("503"));
        // Kinds, then back to everything.
        model.setFilter(FilterExpression());
        model.setKinds(kindBit(EventKind::Sql));
        QTRY_COMPARE(model.rowCount(), 3);
        model.setKinds(AllKinds);
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.index(2, ReplayLogModel::KindColumn).data().toString(), QStringLiteral("SQL"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void heldAndBreakpointModels()
    {
        ReplayLogModel log;
        log.addRows({ row(0, ReplayKind::Http, ReplayOutcome::Held, QStringLiteral("http://h.example/a")),
            row(1, ReplayKind::Sql, ReplayOutcome::Held, QStringLiteral("SELECT 1")) });
        HeldModel held(&log);
        QAbstractItemModelTester heldTester(&held, QAbstractItemModelTester::FailureReportingMode::Fatal);
        held.setHeld({ 0, 1 }, QDateTime::currentMSecsSinceEpoch() - 61'000);
        QCOMPARE(held.rowCount(), 2);
        QCOMPARE(held.index(1, HeldModel::RequestColumn).data().toString(), QStringLiteral("SELECT 1"));
        QCOMPARE(held.index(0, HeldModel::AgeColumn).data().toString(), HeldModel::ageText(61'000));
        QCOMPARE(held.index(0, HeldModel::WouldGetColumn).data().toString(), QStringLiteral("nothing recorded"));
        held.setHeld({ 1 }, 0);
        QCOMPARE(held.entryAt(0), 1);
        held.setHeld({}, 0);
        QCOMPARE(held.rowCount(), 0);

        BreakpointModel breakpoints;
        QAbstractItemModelTester tester(&breakpoints, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy changed(&breakpoints, &BreakpointModel::breakpointsChanged);
        QCOMPARE(breakpoints.add(QStringLiteral("url:~/dashboards/")), 0);
        QCOMPARE(breakpoints.add(QStringLiteral("url:~/dashboards/")), 0); // once
        QCOMPARE(breakpoints.add(QStringLiteral("status:>>")), 1);
        QVERIFY(breakpoints.errorAt(1).has_value());
        QCOMPARE(breakpoints.expressions().size(), 1); // the one that parses
        QVERIFY(breakpoints.setData(breakpoints.index(0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(breakpoints.expressions().size(), 0);
        QVERIFY(breakpoints.setData(breakpoints.index(1), QStringLiteral("unmatched"), Qt::EditRole));
        QCOMPARE(breakpoints.expressions().size(), 1);
        QVERIFY(!breakpoints.toggle(QStringLiteral("unmatched")));
        QCOMPARE(breakpoints.rowCount(), 1);
        QVERIFY(changed.size() >= 5);
    }

    void f9BreakpointHoldsExactlyThatUrlOrStatement()
    {
        const ReplayRow odd = row(0, ReplayKind::Http, ReplayOutcome::Matched, QStringLiteral("http://h.example/a \"b\"\\c?x=1,2 and (y)"));
        const ReplayRow other = row(1, ReplayKind::Http, ReplayOutcome::Matched, QStringLiteral("http://h.example/a \"b\"\\c?x=1,2 and (y)&z"));
        const FilterExpression f = filter(ReplayPanel::breakpointFor(odd));
        ReplayRowSubject subject;
        subject.setRow(odd);
        QCOMPARE(f.match(subject), FilterExpression::Outcome::Match);
        subject.setRow(other);
        QCOMPARE(f.match(subject), FilterExpression::Outcome::NoMatch);
        const ReplayRow sql = row(2, ReplayKind::Sql, ReplayOutcome::Matched, QStringLiteral("SELECT \"a\" FROM t WHERE x = 'y*'"));
        const FilterExpression g = filter(ReplayPanel::breakpointFor(sql));
        subject.setRow(sql);
        QCOMPARE(g.match(subject), FilterExpression::Outcome::Match);
        const ReplayRow sql2 = row(3, ReplayKind::Sql, ReplayOutcome::Matched, QStringLiteral("SELECT \"a\" FROM t WHERE x = 'yz'"));
        subject.setRow(sql2);
        QCOMPARE(g.match(subject), FilterExpression::Outcome::NoMatch);
    }

    void heldAtTheFailedDashboardEditedAndRunToTheEnd()
    {
        ReplayPanel *panel = openSample();
        QVERIFY(panel);
        QTRY_VERIFY(panel->startAction()->isEnabled());
        panel->setup()->setCommandText(sampleCommand());
        panel->breakpoints()->add(QStringLiteral("url:~/dashboards/3$"));
        QSignalSpy finished(panel, &ReplayPanel::replayFinished);
        panel->startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(panel->heldModel()->rowCount(), 1, 60'000);
        const qsizetype entry = panel->heldModel()->entryAt(0);
        const ReplayRow *held = panel->model()->entry(entry);
        QVERIFY(held);
        QVERIFY2(held->target.endsWith(QLatin1String("/api/4.0/dashboards/3")), qPrintable(held->target));
        QCOMPARE(held->outcome, ReplayOutcome::Held);
        QVERIFY(held->recordedSeq >= 0); // what it would get: the recorded 500
        // The held request is selected, its details show what it would get, ready to edit.
        QTRY_COMPARE(panel->currentEntry(), entry);
        ReplayDetailsView *details = panel->details();
        QTRY_VERIFY(details->details() && details->details()->entry == entry);
        QCOMPARE(details->statusEdit()->value(), 500);
        QVERIFY(details->sendEditedButton()->isVisible());
        // Sent as recorded, but for the headers the recording does not keep (DataHub filters Authorization and
        // Cookie, VCR.py never records Host): those three lines differ, nothing else.
        QCOMPARE(details->comparison()->differingLines(), 3);
        QVERIFY(details->comparison()->leftText().contains(QLatin1String("\"authorization\"")));
        QVERIFY(!details->comparison()->rightText().contains(QLatin1String("\"authorization\"")));
        QCOMPARE(details->comparison()->leftText().section(QLatin1Char('\n'), 0, 2), details->comparison()->rightText().section(QLatin1Char('\n'), 0, 2));
        details->statusEdit()->setValue(200);
        details->headersEdit()->setPlainText(QStringLiteral("Content-Type: application/json\n"));
        details->bodyEdit()->setPlainText(QString::fromUtf8(EditedDashboard));
        details->sendEditedButton()->click();
        QVERIFY(finished.wait(120'000));
        const std::shared_ptr<const ReplayResult> result = panel->controller()->result();
        QVERIFY(result);
        const QString output = panel->outputView()->toPlainText();
        QVERIFY2(output.contains(QLatin1String("the replayed run finished")), qPrintable(output.right(3000)));
        QVERIFY(result->command && result->command->exitCode == 0);
        QCOMPARE(panel->model()->entry(entry)->outcome, ReplayOutcome::Edited);
        QCOMPARE(panel->controller()->edits().size(), 1);
        const QJsonObject patch = QJsonDocument::fromJson(panel->controller()->patch()).object();
        const QJsonObject edit = patch.value(u"edits").toArray().first().toObject();
        QCOMPARE(edit.value(u"response").toObject().value(u"status").toInt(), 200);
        QVERIFY(edit.value(u"request").toObject().value(u"uri").toString().endsWith(u"/api/4.0/dashboards/3"));

        // What the client made of the edit, from the sample's own dashboard_mcps().
        QTemporaryDir dir;
        const QString bodyFile = dir.filePath(QStringLiteral("body.json"));
        QFile f(bodyFile);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(EditedDashboard) == EditedDashboard.size());
        f.close();
        const ProcessResult expected = run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/sample_dashboard_mcps.py"), bodyFile }, {}, QProcessEnvironment::systemEnvironment(), 60'000);
        QCOMPARE(expected.exitCode, 0);
        QSet<std::pair<QString, QString>> wanted;
        QSet<QString> wantedUrns;
        for (const QJsonValue &v : QJsonDocument::fromJson(expected.out).array()) {
            wanted.insert({ v.toArray().at(0).toString(), v.toArray().at(1).toString() });
            wantedUrns.insert(v.toArray().at(0).toString());
        }
        QCOMPARE(wanted.size(), 7);
        // The replayed MCPs against the recorded: exactly those added, nothing removed or changed.
        QVERIFY(result->diff);
        const DiffReport &diff = *result->diff;
        QVERIFY(!diff.match());
        QCOMPARE(QSet<QString>(diff.urnsAdded.begin(), diff.urnsAdded.end()), wantedUrns);
        QVERIFY(diff.urnsRemoved.isEmpty());
        QSet<std::pair<QString, QString>> added;
        for (const AspectDifference &a : diff.aspects) {
            QCOMPARE(a.status, AspectDifference::Status::Added);
            added.insert({ a.urn, a.aspect });
        }
        QCOMPARE(added, wanted);
        QCOMPARE(diff.replayedMcps - diff.recordedMcps, qint64(7));
        QVERIFY(panel->reportView()->toPlainText().contains(QLatin1String("edited")));
        QVERIFY(panel->compareButton()->isEnabled());

        // Coverage: the timeline knows how often each recorded event was served; the edited one never.
        const TimelineModel *timeline = m_window->timelinePanel()->model();
        // The snapshot comes from the replay's thread after the run; under a loaded ctest -j2 that took
        // longer than QTRY's default 5 s once (a fresh machine), so the wait is bounded generously.
        QTRY_VERIFY_WITH_TIMEOUT(timeline->coverage() != nullptr, 60'000);
        QCOMPARE(timeline->coverage()->servedOf(held->recordedSeq), 0);

        // Again without the edit: the run fails as recorded and the metadata is the recorded metadata.
        panel->breakpoints()->setTexts({});
        finished.clear();
        panel->startAction()->trigger();
        QVERIFY(finished.wait(120'000));
        const std::shared_ptr<const ReplayResult> second = panel->controller()->result();
        QVERIFY(second && second->diff);
        QVERIFY(second->diff->match());
        QVERIFY2(panel->reportView()->toPlainText().contains(DiffReport::PerfectMatch), qPrintable(panel->reportView()->toPlainText()));
        QCOMPARE(second->command->exitCode, 1);
        QVERIFY(second->command->asRecorded());
        QTRY_VERIFY_WITH_TIMEOUT(
            timeline->coverage() && timeline->coverage()->servedOf(held->recordedSeq) == 1, 60'000);

        // Compare Replayed Metadata: the diff window on the recorded against the replayed MCPs.
        panel->compareButton()->click();
        DiffWindow *diffWindow = m_window->findChild<DiffWindow *>();
        QVERIFY(diffWindow);
        QTRY_VERIFY_WITH_TIMEOUT(diffWindow->report() != nullptr, 30'000);
        QVERIFY(diffWindow->report()->match());
        QCOMPARE(diffWindow->report()->preset, DiffPreset::Replay);
        diffWindow->close();
    }

    void aMissShowsItsCandidatesAndWhatIfFindsTheRecordedOne()
    {
        ReplayPanel *panel = openSample();
        QVERIFY(panel);
        QTRY_VERIFY(panel->startAction()->isEnabled());
        panel->setup()->setCommandText(QStringLiteral("/usr/bin/curl -s -o /dev/null -w %{http_code} http://looker.acme-corp.example/api/4.0/dashboards/1?extra=1"));
        panel->breakpoints()->add(QStringLiteral("unmatched"));
        QSignalSpy finished(panel, &ReplayPanel::replayFinished);
        panel->startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(panel->heldModel()->rowCount(), 1, 60'000);
        ReplayDetailsView *details = panel->details();
        QTRY_VERIFY(details->details() && details->details()->http && details->details()->http->outcome == ReplayOutcome::Held);
        QVERIFY(details->candidatesTree()->topLevelItemCount() >= 1);
        QVERIFY(details->candidatesTree()->topLevelItem(0)->text(0).contains(QLatin1String("/api/4.0/dashboards/1")));
        QCheckBox *ignoreExtra = nullptr;
        for (QCheckBox *box : details->whatIfBoxes()) {
            if (box->text().contains(QLatin1String("extra")))
                ignoreExtra = box;
        }
        QVERIFY(ignoreExtra);
        ignoreExtra->setChecked(true);
        QTRY_VERIFY(details->whatIfResult()->text().contains(QLatin1String("would match")));
        ignoreExtra->setChecked(false);
        QTRY_VERIFY(details->whatIfResult()->text().contains(QLatin1String("Still unmatched")));
        // Step: it is answered as the replay decides (503), the command ends, the report follows.
        panel->stepAction()->trigger();
        QVERIFY(finished.wait(60'000));
        QVERIFY2(panel->outputView()->toPlainText().contains(QLatin1String("503")), qPrintable(panel->outputView()->toPlainText()));
    }

    void aHeldStatementAnsweredWithAnErrorThenOneSentAsRecorded()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/psql")))
            QSKIP("psql (postgresql-client-15) is not installed; packaging/install-deps.sh installs it");
        ReplayPanel *panel = openSample();
        QVERIFY(panel);
        QTRY_VERIFY(panel->startAction()->isEnabled());
        // psql against the replay's PostgreSQL endpoint, twice with a query the recording has (whitespace
        // collapsed: DataHub's normalised key finds it).
        QTemporaryDir dir;
        const QString script = dir.filePath(QStringLiteral("queries.sh"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray query = "SELECT TABLE_NAME, CREATED, LAST_ALTERED, ROW_COUNT, BYTES FROM ANALYTICS.INFORMATION_SCHEMA.TABLES "
                                 "WHERE TABLE_SCHEMA = 'SALES' AND TABLE_TYPE = 'BASE TABLE'";
        f.write("psql -X -A -t -d \"$TAPEDECK_POSTGRES_URL\" -c \"" + query + "\"\n");
        f.write("psql -X -A -t -d \"$TAPEDECK_POSTGRES_URL\" -c \"" + query + "\"\n");
        f.close();
        panel->setup()->setCommandText(QStringLiteral("/bin/sh ") + script);
        panel->breakpoints()->add(QStringLiteral("sql:~information_schema"));
        QSignalSpy finished(panel, &ReplayPanel::replayFinished);
        panel->startAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(panel->heldModel()->rowCount(), 1, 60'000);
        ReplayDetailsView *details = panel->details();
        QTRY_VERIFY(details->details() && details->details()->sql && details->details()->sql->outcome == ReplayOutcome::Held);
        QVERIFY(details->details()->record); // what it would get: the recorded rows
        QCOMPARE(details->details()->record->rows.size(), size_t(2));
        QVERIFY(details->errorButton()->isVisible());
        QVERIFY(!details->sendEditedButton()->isVisible()); // rows are not edited, only an error instead
        for (QLineEdit *edit : details->findChildren<QLineEdit *>()) {
            if (edit->placeholderText() == details->tr("error message"))
                edit->setText(QStringLiteral("chosen in the Replay tab"));
        }
        const qsizetype first = details->details()->entry;
        details->errorButton()->click();
        // The second run of it is held next (and shown, as nothing else is selected); Step sends it as recorded.
        QTRY_VERIFY_WITH_TIMEOUT(panel->heldModel()->rowCount() == 1 && panel->heldModel()->entryAt(0) != first, 60'000);
        QTRY_COMPARE(panel->currentEntry(), panel->heldModel()->entryAt(0));
        panel->stepAction()->trigger();
        QVERIFY(finished.wait(60'000));
        const QString output = panel->outputView()->toPlainText();
        QVERIFY2(output.contains(QLatin1String("ERROR:  chosen in the Replay tab")), qPrintable(output));
        QVERIFY2(output.contains(QLatin1String("CUSTOMERS|")) && output.contains(QLatin1String("ORDERS|")), qPrintable(output));
        QCOMPARE(panel->model()->entry(0)->outcome, ReplayOutcome::Errored);
        QCOMPARE(panel->model()->entry(1)->outcome, ReplayOutcome::Matched);
        QCOMPARE(panel->model()->entry(1)->rows, 2);
    }

    void keyboard()
    {
        ReplayPanel *panel = openSample();
        QVERIFY(panel);
        QCOMPARE(panel->startAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(panel->stopAction()->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F5));
        QCOMPARE(panel->stepAction()->shortcut(), QKeySequence(Qt::Key_F10));
        QCOMPARE(panel->breakpointAction()->shortcut(), QKeySequence(Qt::Key_F9));
        // Ctrl+4 shows the tab; F5 in it starts serving (no command); F9 on a request sets its breakpoint.
        m_window->tabs()->setCurrentIndex(MainWindow::OverviewTab);
        QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::ReplayTab));
        QTRY_VERIFY(panel->startAction()->isEnabled());
        // The command of the test before was remembered for this recording.
        QVERIFY(panel->setup()->commandText().endsWith(QLatin1String("queries.sh")));
        panel->setup()->setCommandText(QString());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        panel->view()->setFocus();
        QTRY_VERIFY(panel->view()->hasFocus());
        QTest::keyClick(panel->view(), Qt::Key_F5);
        QTRY_VERIFY(panel->controller() && panel->controller()->state() == ReplayController::State::Serving);
        ProcessResult r = run(QStringLiteral("curl"), { QStringLiteral("-s"), QStringLiteral("-x"), panel->controller()->endpoints().proxyUrl,
                                                       QStringLiteral("http://looker.acme-corp.example/api/4.0/dashboards/1") },
            {}, QProcessEnvironment::systemEnvironment(), 60'000);
        QCOMPARE(r.exitCode, 0);
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        QVERIFY(panel->selectEntry(0));
        // Go to the recorded event it got, and back (Alt+Left).
        QTRY_VERIFY(panel->details()->details() && panel->details()->details()->recordedSeq >= 0);
        const qsizetype seq = panel->details()->details()->recordedSeq;
        panel->details()->goToRecordedButton()->click();
        QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::TimelineTab));
        QCOMPARE(m_window->timelinePanel()->currentSeq(), seq);
        QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::ReplayTab));
        QCOMPARE(panel->currentEntry(), 0);
        panel->view()->setFocus();
        QTest::keyClick(panel->view(), Qt::Key_F9);
        QCOMPARE(panel->breakpoints()->texts(), QStringList { QStringLiteral("url:=\"http://looker.acme-corp.example/api/4.0/dashboards/1\"") });
        QTest::keyClick(panel->view(), Qt::Key_F9);
        QVERIFY(panel->breakpoints()->texts().isEmpty());
        QSignalSpy finished(panel, &ReplayPanel::replayFinished);
        QTest::keyClick(panel->view(), Qt::Key_F5, Qt::ShiftModifier);
        QVERIFY(finished.wait(60'000));
    }
};

TAPEDECK_GUI_TEST_MAIN(TestReplayPanel)
#include "tst_replaypanel.moc"
