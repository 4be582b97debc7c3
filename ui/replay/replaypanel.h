// SPDX-License-Identifier: MIT
// The Replay tab (Ctrl+4): set up and start a replay of the shown recording, run the user's command against
// it, watch every request and statement arrive, pause, step, break on filter expressions, edit a held
// request's answer, and read the report at the end. Everything it shows comes from the core's
// ReplayController (no replay logic here).
#pragma once

#include "core/recording/eventcoverage.h"
#include "core/replay/replaycontroller.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolBar;

namespace tapedeck {

class Banner;
class BreakpointModel;
class FilterBar;
class HeldModel;
class Recording;
class ReplayDetailsView;
class ReplayLogModel;
class ReplaySetupView;
class Timeline;

class ReplayPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayPanel)

public:
    explicit ReplayPanel(QWidget *parent = nullptr);
    ~ReplayPanel() override;

    // The recording to replay (null: none) and its timeline; the replay can start once the timeline is
    // complete. A replay still running is stopped.
    void setRecording(std::shared_ptr<const Recording> recording, std::shared_ptr<const Timeline> timeline, const QString &path);
    void setTimelineComplete(bool complete);

    replay::ReplayController *controller() const { return m_controller.get(); }
    ReplayLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    FilterBar *filterBar() const { return m_filterBar; }
    ReplayDetailsView *details() const { return m_details; }
    ReplaySetupView *setup() const { return m_setup; }
    BreakpointModel *breakpoints() const { return m_breakpoints; }
    HeldModel *heldModel() const { return m_held; }
    QTableView *heldView() const { return m_heldView; }
    QPlainTextEdit *outputView() const { return m_output; }
    QPlainTextEdit *reportView() const { return m_report; }
    QTabWidget *bottomTabs() const { return m_bottom; }
    QPushButton *compareButton() const { return m_compare; }
    QAction *startAction() const { return m_startAction; }
    QAction *stopAction() const { return m_stopAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *stepAction() const { return m_stepAction; }
    QAction *nextUnmatchedAction() const { return m_nextUnmatchedAction; }
    QAction *breakpointAction() const { return m_breakpointAction; }
    bool isRunning() const;
    qsizetype currentEntry() const { return m_currentEntry; }

    // The breakpoint F9 sets for a request or statement of the list: its URL or statement, whole.
    static QString breakpointFor(const replay::ReplayRow &row);

public Q_SLOTS:
    void startOrContinue(); // F5
    void stop(); // Shift+F5
    void step(); // F10
    void continueToNextUnmatched();
    void toggleBreakpoint(); // F9
    bool selectEntry(qsizetype entry);

Q_SIGNALS:
    void coverageChanged(const std::shared_ptr<const tapedeck::EventCoverage> &coverage);
    void recordedEventRequested(qsizetype seq);
    void compareRequested(const tapedeck::DiffInput &recorded, const tapedeck::DiffInput &replayed);
    void runningChanged(bool running);
    // A replay ended (its report is in the Report tab).
    void replayFinished(bool success);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void start();
    void connectController();
    void updateActions();
    void onStarted(const Status &status);
    void onRowsAdded(const QList<replay::ReplayRow> &rows);
    void onRowsChanged(const QList<replay::ReplayRow> &rows);
    void onHoldState(const replay::ReplayHoldState &state);
    void onFinished(const std::shared_ptr<const replay::ReplayResult> &result);
    void appendOutput(const QByteArray &data, bool standardError);
    void onCurrentChanged();
    void showProblem(const QString &title, const QString &text);
    void exportPatch();
    void saveReport();

    std::shared_ptr<const Recording> m_recording;
    std::shared_ptr<const Timeline> m_timeline;
    QString m_path;
    bool m_timelineComplete = false;
    std::unique_ptr<replay::ReplayController> m_controller;
    replay::MatchOptions m_matchOptions;
    qsizetype m_currentEntry = -1;
    qsizetype m_heldCount = 0;
    qsizetype m_firstHeld = -1; // the oldest held entry last seen
    bool m_follow = true;
    QTimer m_countsTimer;

    QSplitter *m_mainSplitter = nullptr;
    bool m_sized = false;
    QToolBar *m_toolbar;
    QLabel *m_state;
    Banner *m_banner;
    FilterBar *m_filterBar;
    ReplayLogModel *m_model;
    QTableView *m_view;
    ReplayDetailsView *m_details;
    QTabWidget *m_bottom;
    ReplaySetupView *m_setup;
    QPlainTextEdit *m_output;
    BreakpointModel *m_breakpoints;
    QListView *m_breakpointView;
    HeldModel *m_held;
    QTableView *m_heldView;
    QPlainTextEdit *m_report;
    QPushButton *m_compare;
    QPushButton *m_exportPatch;
    QPushButton *m_saveReport;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stepAction = nullptr;
    QAction *m_continueAction = nullptr;
    QAction *m_nextUnmatchedAction = nullptr;
    QAction *m_breakpointAction = nullptr;
};

} // namespace tapedeck
