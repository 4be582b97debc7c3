// SPDX-License-Identifier: MIT
#include "ui/replay/replaypanel.h"

#include "core/recording/recording.h"
#include "core/recording/timeline.h"
#include "ui/replay/breakpointmodel.h"
#include "ui/replay/heldmodel.h"
#include "ui/replay/replaydetailsview.h"
#include "ui/replay/replaylogmodel.h"
#include "ui/replay/replaysetupview.h"
#include "ui/timeline/filterbar.h"
#include "ui/widgets/banner.h"
#include "ui/widgets/themecolors.h"

#include <QAction>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTextCharFormat>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace tapedeck {

using namespace tapedeck::replay;

namespace {

// A value of the filter language in quotes: \ and " escaped, everything else literal.
QString quotedValue(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

constexpr int MaxOutputLines = 20'000;
constexpr int MaxReportLines = 5'000;

// Asks where, then writes data there whole (or not at all); the error text, empty when it worked or the
// user cancelled.
QString saveWithDialog(QWidget *parent, const QString &title, const QString &name, const QByteArray &data)
{
    const QString path = QFileDialog::getSaveFileName(parent, title, name, ReplayPanel::tr("JSON (*.json)"));
    if (path.isEmpty())
        return {};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return ReplayPanel::tr("%1: %2").arg(path, file.errorString());
    return {};
}

} // namespace

ReplayPanel::ReplayPanel(QWidget *parent)
    : QWidget(parent)
    , m_toolbar(new QToolBar(this))
    , m_state(new QLabel(this))
    , m_banner(new Banner(Banner::Kind::Error, this))
    , m_filterBar(new FilterBar(this))
    , m_model(new ReplayLogModel(this))
    , m_view(new QTableView(this))
    , m_details(new ReplayDetailsView(this))
    , m_bottom(new QTabWidget(this))
    , m_setup(new ReplaySetupView(this))
    , m_output(new QPlainTextEdit(this))
    , m_breakpoints(new BreakpointModel(this))
    , m_breakpointView(new QListView(this))
    , m_held(new HeldModel(m_model, this))
    , m_heldView(new QTableView(this))
    , m_report(new QPlainTextEdit(this))
    , m_compare(new QPushButton(tr("Compare Replayed Metadata"), this))
    , m_exportPatch(new QPushButton(tr("Export Edits as Patch…"), this))
    , m_saveReport(new QPushButton(tr("Save Report as JSON…"), this))
{
    m_banner->setDismissable(true);
    m_banner->hide();
    m_filterBar->setKindOffered(EventKind::Mcp, false);
    createActions();

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(ReplayLogModel::RequestColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    const int digit = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_view->setColumnWidth(ReplayLogModel::EntryColumn, digit * 8);
    m_view->setColumnWidth(ReplayLogModel::KindColumn, digit * 6);
    m_view->setColumnWidth(ReplayLogModel::OutcomeColumn, digit * 20);
    m_view->setColumnWidth(ReplayLogModel::ResultColumn, digit * 14);
    m_view->setColumnWidth(ReplayLogModel::ServedColumn, digit * 7);
    m_view->setColumnWidth(ReplayLogModel::ArrivedColumn, digit * 11);
    m_view->setColumnWidth(ReplayLogModel::DurationColumn, digit * 9);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_breakpointAction);

    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(MaxOutputLines);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setPlaceholderText(tr("The command's output (stdout and stderr) appears here."));
    m_report->setReadOnly(true);
    m_report->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setPlaceholderText(tr("The replay's report appears here when it ends."));
    m_compare->setEnabled(false);
    m_exportPatch->setEnabled(false);
    m_saveReport->setEnabled(false);

    // Breakpoints: filter expressions, one per line, each on or off.
    auto *breakpointsPage = new QWidget(this);
    auto *newBreakpoint = new QLineEdit(breakpointsPage);
    newBreakpoint->setPlaceholderText(tr("A filter, e.g. url:~/dashboards/  sql:~information_schema  unmatched — Enter adds it"));
    auto *removeBreakpoint = new QPushButton(tr("Remove"), breakpointsPage);
    m_breakpointView->setModel(m_breakpoints);
    m_breakpointView->setUniformItemSizes(true);
    auto *breakpointRow = new QHBoxLayout;
    breakpointRow->addWidget(newBreakpoint, 1);
    breakpointRow->addWidget(removeBreakpoint);
    auto *breakpointLayout = new QVBoxLayout(breakpointsPage);
    breakpointLayout->addLayout(breakpointRow);
    breakpointLayout->addWidget(m_breakpointView, 1);
    connect(newBreakpoint, &QLineEdit::returnPressed, this, [this, newBreakpoint] {
        if (newBreakpoint->text().trimmed().isEmpty())
            return;
        const int row = m_breakpoints->add(newBreakpoint->text());
        if (const std::optional<QString> error = m_breakpoints->errorAt(row))
            showProblem(tr("That breakpoint does not parse"), *error);
        newBreakpoint->clear();
    });
    connect(removeBreakpoint, &QPushButton::clicked, this, [this] { m_breakpoints->removeRow(m_breakpointView->currentIndex().row()); });
    connect(m_breakpoints, &BreakpointModel::breakpointsChanged, this, [this] {
        if (m_controller)
            m_controller->setBreakpoints(m_breakpoints->expressions());
    });

    m_heldView->setModel(m_held);
    m_heldView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_heldView->verticalHeader()->hide();
    m_heldView->horizontalHeader()->setSectionResizeMode(HeldModel::RequestColumn, QHeaderView::Stretch);
    connect(m_heldView, &QTableView::activated, this, [this](const QModelIndex &index) { selectEntry(m_held->entryAt(index.row())); });

    auto *reportPage = new QWidget(this);
    auto *reportButtons = new QHBoxLayout;
    reportButtons->addWidget(m_compare);
    reportButtons->addWidget(m_exportPatch);
    reportButtons->addWidget(m_saveReport);
    reportButtons->addStretch(1);
    auto *reportLayout = new QVBoxLayout(reportPage);
    reportLayout->addLayout(reportButtons);
    reportLayout->addWidget(m_report, 1);
    connect(m_compare, &QPushButton::clicked, this, [this] {
        if (m_controller && m_controller->result())
            emit compareRequested(m_controller->result()->recorded, m_controller->result()->replayed);
    });
    connect(m_exportPatch, &QPushButton::clicked, this, &ReplayPanel::exportPatch);
    connect(m_saveReport, &QPushButton::clicked, this, &ReplayPanel::saveReport);

    // The set-up scrolls rather than taking height from the list.
    auto *setupScroll = new QScrollArea(this);
    setupScroll->setWidget(m_setup);
    setupScroll->setWidgetResizable(true);
    setupScroll->setFrameShape(QFrame::NoFrame);
    m_bottom->addTab(setupScroll, tr("Set-up"));
    m_bottom->addTab(m_output, tr("Output"));
    m_bottom->addTab(breakpointsPage, tr("Breakpoints"));
    m_bottom->addTab(m_heldView, tr("Held"));
    m_bottom->addTab(reportPage, tr("Report"));

    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_filterBar);
    listLayout->addWidget(m_view, 1);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(listPane);
    top->addWidget(m_details);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto *main = new QSplitter(Qt::Vertical, this);
    main->addWidget(top);
    main->addWidget(m_bottom);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);
    top->setSizes({ 600, 450 });
    m_mainSplitter = main;
    main->setObjectName(QStringLiteral("replaySplitter"));

    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->addAction(m_startAction);
    m_toolbar->addAction(m_stopAction);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_pauseAction);
    m_toolbar->addAction(m_stepAction);
    m_toolbar->addAction(m_nextUnmatchedAction);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_breakpointAction);
    auto *toolbarRow = new QHBoxLayout;
    toolbarRow->addWidget(m_toolbar);
    toolbarRow->addStretch(1);
    toolbarRow->addWidget(m_state);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toolbarRow);
    layout->addWidget(m_banner);
    layout->addWidget(main, 1);

    connect(m_filterBar, &FilterBar::filterChanged, m_model, &ReplayLogModel::setFilter);
    connect(m_filterBar, &FilterBar::kindsChanged, m_model, &ReplayLogModel::setKinds);
    // The counts change with every batch (20 a second): the filter bar shows them four times a second, as a
    // repaint of its labels relayouts the bar.
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(250);
    connect(&m_countsTimer, &QTimer::timeout, this, [this] {
        m_filterBar->setCounts(m_model->rowCount(), m_model->totalCount());
        m_filterBar->setKindCounts(m_model->kindCount(EventKind::Http), m_model->kindCount(EventKind::Sql), 0);
        updateActions();
    });
    connect(m_model, &ReplayLogModel::filterGaveUp, m_filterBar, &FilterBar::setMatchError);
    connect(m_model, &ReplayLogModel::countsChanged, this, [this] {
        if (!m_countsTimer.isActive())
            m_countsTimer.start();
    });
    connect(m_model, &ReplayLogModel::filterApplied, this, [this] {
        // A new filter rebuilt the rows: the selected request stays selected when it is still shown.
        if (m_currentEntry >= 0)
            selectEntry(m_currentEntry);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReplayPanel::onCurrentChanged);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
        [this](int value) { m_follow = value >= m_view->verticalScrollBar()->maximum(); });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const qsizetype seq = index.data(ReplayLogModel::RecordedSeqRole).toLongLong();
        if (seq >= 0)
            emit recordedEventRequested(seq);
    });

    connect(m_details, &ReplayDetailsView::releaseRequested, this, [this](ReplayRef ref) {
        if (m_controller)
            m_controller->release(ref);
    });
    connect(m_details, &ReplayDetailsView::editedAnswerRequested, this, [this](ReplayRef ref, const HttpAnswer &answer) {
        if (m_controller)
            m_controller->answerEdited(ref, answer);
    });
    connect(m_details, &ReplayDetailsView::errorAnswerRequested, this, [this](ReplayRef ref, int status, const QString &message) {
        if (m_controller)
            m_controller->answerError(ref, status, message);
    });
    connect(m_details, &ReplayDetailsView::whatIfRequested, this, [this](ReplayRef ref, const MatchOptions &options) {
        if (m_controller)
            m_controller->requestWhatIf(ref, options);
    });
    connect(m_details, &ReplayDetailsView::recordedEventRequested, this, &ReplayPanel::recordedEventRequested);
    updateActions();
}

ReplayPanel::~ReplayPanel() = default;

void ReplayPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_sized) {
        // The list and the details first; the set-up and output below them.
        m_sized = true;
        const int h = std::max(600, m_mainSplitter->height());
        m_mainSplitter->setSizes({ h * 2 / 3, h / 3 });
    }
}

void ReplayPanel::createActions()
{
    auto make = [this](const QString &text, QStyle::StandardPixmap icon, const QKeySequence &key, const QString &tip) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(key.isEmpty() ? tip : tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        addAction(a);
        return a;
    };
    m_startAction = make(tr("Start"), QStyle::SP_MediaPlay, QKeySequence(Qt::Key_F5), tr("Start the replay, or continue a paused one"));
    m_startAction->setObjectName(QStringLiteral("replayStartAction"));
    m_stopAction = make(tr("Stop"), QStyle::SP_MediaStop, QKeySequence(Qt::SHIFT | Qt::Key_F5),
        tr("Stop the command and end the replay (its report follows)"));
    m_stopAction->setObjectName(QStringLiteral("replayStopAction"));
    m_pauseAction = make(tr("Pause"), QStyle::SP_MediaPause, QKeySequence(), tr("Hold every new request and statement"));
    m_pauseAction->setCheckable(true);
    m_stepAction = make(tr("Step"), QStyle::SP_MediaSeekForward, QKeySequence(Qt::Key_F10), tr("Answer the oldest held request"));
    m_nextUnmatchedAction = make(tr("Next Unmatched"), QStyle::SP_MediaSkipForward, QKeySequence(),
        tr("Answer what is held and run on until a request or statement would go unmatched"));
    m_breakpointAction = make(tr("Breakpoint"), QStyle::SP_DialogApplyButton, QKeySequence(Qt::Key_F9),
        tr("Hold every request to the selected request's URL, or every run of its statement"));
    connect(m_startAction, &QAction::triggered, this, &ReplayPanel::startOrContinue);
    connect(m_stopAction, &QAction::triggered, this, &ReplayPanel::stop);
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        if (m_controller && m_controller->isActive())
            m_controller->setPaused(paused);
        updateActions();
    });
    connect(m_stepAction, &QAction::triggered, this, &ReplayPanel::step);
    connect(m_nextUnmatchedAction, &QAction::triggered, this, &ReplayPanel::continueToNextUnmatched);
    connect(m_breakpointAction, &QAction::triggered, this, &ReplayPanel::toggleBreakpoint);
}

bool ReplayPanel::isRunning() const
{
    return m_controller && m_controller->isActive();
}

void ReplayPanel::setRecording(std::shared_ptr<const Recording> recording, std::shared_ptr<const Timeline> timeline, const QString &path)
{
    if (isRunning())
        m_controller->stop();
    m_controller.reset();
    m_recording = std::move(recording);
    m_timeline = std::move(timeline);
    m_path = path;
    m_timelineComplete = m_timeline && m_timeline->isComplete();
    m_model->clear();
    m_details->clear();
    m_held->setHeld({}, 0);
    m_report->clear();
    m_output->clear();
    m_setup->setEndpoints(nullptr);
    m_setup->setRecordingKey(path, m_recording && m_recording->contents.contains(Recipe::FileName));
    m_currentEntry = -1;
    updateActions();
}

void ReplayPanel::setTimelineComplete(bool complete)
{
    m_timelineComplete = complete;
    updateActions();
}

QString ReplayPanel::breakpointFor(const ReplayRow &row)
{
    if (row.ref.kind == ReplayKind::Http)
        return QStringLiteral("url:=") + quotedValue(row.target);
    // A statement cut for the list: the part that is there, then anything.
    if (row.target.size() > ReplayRow::MaxTarget)
        return QStringLiteral("sql:") + quotedValue(row.target.left(ReplayRow::MaxTarget)) + QLatin1Char('*');
    return QStringLiteral("sql:=") + quotedValue(row.target);
}

void ReplayPanel::startOrContinue()
{
    if (isRunning()) {
        m_pauseAction->setChecked(false);
        m_controller->continueReplay();
        return;
    }
    start();
}

void ReplayPanel::start()
{
    if (!m_timeline || !m_timelineComplete)
        return;
    const Result<ReplayStartOptions> options = m_setup->options();
    if (!options) {
        showProblem(tr("The replay's options are not valid"), options.error().message);
        m_bottom->setCurrentIndex(0);
        return;
    }
    m_banner->hide();
    m_matchOptions = options->session.match;
    m_details->setBaseOptions(m_matchOptions);
    m_controller.reset();
    m_model->clear();
    m_details->clear();
    m_held->setHeld({}, 0);
    m_output->clear();
    m_report->clear();
    m_currentEntry = -1;
    m_heldCount = 0;
    m_firstHeld = -1;
    m_follow = true;
    m_controller = std::make_unique<ReplayController>(m_timeline, m_recording, m_path);
    connectController();
    m_controller->start(*options);
    // Queued behind start(): the session exists when they run.
    m_controller->setBreakpoints(m_breakpoints->expressions());
    if (m_pauseAction->isChecked())
        m_controller->setPaused(true);
    const QStringList argv = m_setup->commandArguments();
    if (!argv.isEmpty()) {
        m_setup->remember();
        m_controller->runCommand(argv, m_setup->workingDirectory(), QProcessEnvironment::systemEnvironment());
    }
    m_setup->setRunning(true);
    updateActions();
    emit runningChanged(true);
}

void ReplayPanel::connectController()
{
    ReplayController *c = m_controller.get();
    connect(c, &ReplayController::started, this, &ReplayPanel::onStarted);
    connect(c, &ReplayController::commandStarted, this, [this](const Status &status) {
        if (!status)
            showProblem(tr("The command could not be started"), status.error().message);
        else
            m_bottom->setCurrentWidget(m_output);
        updateActions();
    });
    connect(c, &ReplayController::commandOutput, this, &ReplayPanel::appendOutput);
    connect(c, &ReplayController::commandFinished, this, [this](const ReplayCommandStatus &status) {
        QString line = status.crashed ? tr("The command was ended by signal %1.").arg(status.exitCode)
                                      : tr("The command exited with status %1.").arg(status.exitCode);
        if (!status.error.isEmpty())
            line = tr("The command failed: %1").arg(status.error);
        appendOutput(QByteArray("\n") + line.toUtf8() + '\n', false);
        updateActions();
    });
    connect(c, &ReplayController::rowsAdded, this, &ReplayPanel::onRowsAdded);
    connect(c, &ReplayController::rowsChanged, this, &ReplayPanel::onRowsChanged);
    connect(c, &ReplayController::holdStateChanged, this, &ReplayPanel::onHoldState);
    connect(c, &ReplayController::coverageChanged, this, &ReplayPanel::coverageChanged);
    connect(c, &ReplayController::detailsReady, this, [this](const ReplayDetails &d) {
        if (d.entry == m_currentEntry)
            m_details->showDetails(d);
    });
    connect(c, &ReplayController::whatIfReady, this,
        [this](ReplayRef ref, const MatchOptions &options, const ReplayWhatIf &whatIf, const QList<ReplaySession::RecordedRequest> &candidates) {
            if (m_details->details() && m_details->details()->ref == ref)
                m_details->showWhatIf(options, whatIf, candidates);
        });
    connect(c, &ReplayController::editsChanged, this, [this] { m_exportPatch->setEnabled(m_controller && !m_controller->edits().isEmpty()); });
    connect(c, &ReplayController::finished, this, &ReplayPanel::onFinished);
}

void ReplayPanel::onStarted(const Status &status)
{
    if (!status) {
        showProblem(tr("The replay could not start"), status.error().message);
        m_setup->setRunning(false);
        updateActions();
        emit runningChanged(false);
        return;
    }
    m_setup->setEndpoints(&m_controller->endpoints());
    updateActions();
}

void ReplayPanel::onRowsAdded(const QList<ReplayRow> &rows)
{
    m_model->addRows(rows);
    if (m_follow && m_heldCount == 0)
        m_view->scrollToBottom();
}

void ReplayPanel::onRowsChanged(const QList<ReplayRow> &rows)
{
    m_model->updateRows(rows);
    for (const ReplayRow &r : rows) {
        if (r.entry == m_currentEntry) {
            m_controller->requestDetails(r.ref);
            break;
        }
    }
    m_held->setHeld(m_controller->holdState().held, m_controller->endpoints().startedAtMs);
}

void ReplayPanel::onHoldState(const ReplayHoldState &state)
{
    m_heldCount = state.held.size();
    m_held->setHeld(state.held, m_controller->endpoints().startedAtMs);
    if (m_pauseAction->isChecked() != state.paused) {
        const QSignalBlocker block(m_pauseAction);
        m_pauseAction->setChecked(state.paused);
    }
    // Something new is held: show the oldest, so a breakpoint lands where the user looks (unless the user
    // is looking at another held one).
    const qsizetype firstHeld = state.held.isEmpty() ? -1 : state.held.first();
    if (firstHeld >= 0 && firstHeld != m_firstHeld) {
        const ReplayRow *current = m_model->entry(m_currentEntry);
        if (!current || current->outcome != ReplayOutcome::Held) {
            if (!selectEntry(firstHeld)) {
                // Hidden by the filter: the Held tab lists it.
                m_bottom->setCurrentWidget(m_heldView);
            }
        }
    }
    m_firstHeld = firstHeld;
    updateActions();
}

void ReplayPanel::onFinished(const std::shared_ptr<const ReplayResult> &result)
{
    // A long replay's report has a line per request: the first lines are shown, the whole of it is saved.
    QString text = result->text;
    if (const qsizetype cut = [&] {
            qsizetype at = 0;
            for (int line = 0; line < MaxReportLines && at >= 0; ++line)
                at = text.indexOf(QLatin1Char('\n'), at + 1);
            return at;
        }();
        cut >= 0 && cut + 1 < text.size()) {
        const qsizetype rest = text.count(QLatin1Char('\n'), Qt::CaseSensitive) - MaxReportLines;
        text.truncate(cut + 1);
        text += tr("… %n more line(s): Save Report as JSON for all of it.", nullptr, int(std::min<qsizetype>(rest, INT_MAX))) + QLatin1Char('\n');
    }
    if (result->diff)
        text += QLatin1Char('\n')
            + tr("Replayed MCPs against the recorded (preset replay): %1")
                  .arg(result->diff->match() ? DiffReport::PerfectMatch
                                             : tr("%n URN(s) added, %1 removed, %2 aspect(s) changed", nullptr, int(result->diff->summary.urnsAdded))
                                                   .arg(result->diff->summary.urnsRemoved)
                                                   .arg(result->diff->summary.aspectsChanged))
            + QLatin1Char('\n');
    m_report->setPlainText(text);
    m_bottom->setCurrentWidget(m_report->parentWidget());
    m_compare->setEnabled(true);
    m_saveReport->setEnabled(true);
    m_setup->setRunning(false);
    m_pauseAction->setChecked(false);
    updateActions();
    emit runningChanged(false);
    emit replayFinished(result->success);
}

void ReplayPanel::appendOutput(const QByteArray &data, bool standardError)
{
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    if (standardError)
        format.setForeground(ThemeColors::from(palette()).errorText);
    cursor.insertText(QString::fromUtf8(data), format);
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void ReplayPanel::stop()
{
    if (isRunning())
        m_controller->stop();
}

void ReplayPanel::step()
{
    if (isRunning())
        m_controller->step();
}

void ReplayPanel::continueToNextUnmatched()
{
    if (!isRunning())
        return;
    m_pauseAction->setChecked(false);
    m_controller->continueToNextUnmatched();
}

void ReplayPanel::toggleBreakpoint()
{
    const ReplayRow *row = m_model->entry(m_currentEntry);
    if (!row)
        return;
    m_breakpoints->toggle(breakpointFor(*row));
}

bool ReplayPanel::selectEntry(qsizetype entry)
{
    const int row = m_model->rowOfEntry(entry);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, ReplayLogModel::RequestColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void ReplayPanel::onCurrentChanged()
{
    const QModelIndex index = m_view->selectionModel()->currentIndex();
    const ReplayRow *row = index.isValid() ? m_model->rowAt(index.row()) : nullptr;
    const qsizetype entry = row ? row->entry : -1;
    if (entry == m_currentEntry)
        return;
    m_currentEntry = entry;
    if (!row) {
        m_details->clear();
    } else if (m_controller) {
        m_controller->requestDetails(row->ref);
    }
    updateActions();
}

void ReplayPanel::updateActions()
{
    const bool running = isRunning();
    const bool canStart = m_timeline && m_timelineComplete;
    const qsizetype held = m_controller ? m_controller->holdState().held.size() : 0;
    m_startAction->setEnabled(running ? (held > 0 || m_pauseAction->isChecked()) : canStart);
    // Only when it changes: setting an action's text or icon relayouts and repaints the tool bar.
    const QString startText = running ? tr("Continue") : tr("Start");
    if (m_startAction->text() != startText)
        m_startAction->setText(startText);
    m_stopAction->setEnabled(running);
    m_stepAction->setEnabled(running && held > 0);
    m_nextUnmatchedAction->setEnabled(running);
    m_breakpointAction->setEnabled(m_currentEntry >= 0);
    QString state;
    if (!m_timeline)
        state = tr("Open a recording to replay it.");
    else if (!canStart)
        state = tr("Waiting for the timeline to be read…");
    else if (!m_controller)
        state = tr("Ready: set up the replay below and press Start (F5).");
    else {
        switch (m_controller->state()) {
        case ReplayController::State::Starting: state = tr("Starting…"); break;
        case ReplayController::State::Serving: {
            const ReplayHoldState &h = m_controller->holdState();
            state = m_controller->isCommandRunning() ? tr("Running the command") : tr("Serving");
            if (h.paused)
                state += tr(", paused");
            if (h.holdNextUnmatched)
                state += tr(", holding the next unmatched");
            state += tr(" — %n request(s) and statement(s)", nullptr, int(std::min<qsizetype>(m_model->totalCount(), INT_MAX)));
            if (!h.held.isEmpty())
                state += tr(", %n held", nullptr, int(h.held.size()));
            if (h.unmatched > 0)
                state += tr(", %n unmatched", nullptr, int(h.unmatched));
            break;
        }
        case ReplayController::State::Finishing: state = tr("Finishing: comparing the replayed metadata…"); break;
        case ReplayController::State::Finished:
            state = m_controller->result() && m_controller->result()->success ? tr("Finished: everything matched.")
                                                                             : tr("Finished with differences (see the report).");
            break;
        case ReplayController::State::Failed: state = tr("The replay could not start."); break;
        case ReplayController::State::Idle: break;
        }
    }
    m_state->setText(state);
}

void ReplayPanel::showProblem(const QString &title, const QString &text)
{
    m_banner->setKind(Banner::Kind::Error);
    m_banner->setTitle(title);
    m_banner->setText(text);
    m_banner->show();
}

void ReplayPanel::exportPatch()
{
    if (!m_controller)
        return;
    const QString error = saveWithDialog(this, tr("Export Edits as Patch"), QStringLiteral("replay-edits.json"), m_controller->patch());
    if (!error.isEmpty())
        showProblem(tr("The patch could not be saved"), error);
}

void ReplayPanel::saveReport()
{
    if (!m_controller || !m_controller->result())
        return;
    const QString error = saveWithDialog(this, tr("Save Replay Report"), QStringLiteral("replay-report.json"), m_controller->result()->json);
    if (!error.isEmpty())
        showProblem(tr("The report could not be saved"), error);
}

} // namespace tapedeck
