// SPDX-License-Identifier: MIT
// Table model over a recording's Timeline: one row per shown event, cells formatted at display time from
// the compact records, rows appended while indexing goes on, filtering computed off the GUI thread, and
// how often a replay served each event.
#pragma once

#include "core/recording/eventcoverage.h"
#include "core/recording/filterexpression.h"
#include "core/recording/timeline.h"
#include "core/recording/timelinefilter.h"
#include "ui/jobs/jobtracker.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

namespace tapedeck {

class TimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    enum Column {
        SeqColumn,
        KindColumn,
        OperationColumn,
        TargetColumn,
        ResultColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role {
        SeqRole = Qt::UserRole + 1, // qlonglong, every column
        KindRole, // int(EventKind)
        FlagsRole, // int: EventFlag bits (an MCP also gets ErrorFlag when the request that carried it failed)
        MessageRole, // QString: the event's error and warning text
        ServedRole, // qlonglong, every column: how often the replay served the event; -1 when not known
    };

    explicit TimelineModel(QObject *parent = nullptr);

    // Shows `timeline` (nullptr: nothing) and, while it is still being indexed on another thread, polls
    // it for new events every pollInterval() ms. Keeps the current filter and kinds; drops the coverage,
    // which belongs to one timeline.
    void setTimeline(std::shared_ptr<const Timeline> timeline);
    const std::shared_ptr<const Timeline> &timeline() const { return m_timeline; }

    // How often a replay served each event of the timeline (nullptr: no replay). The Result column marks
    // every servable event as never, once or many times served, and `served:` terms match on it. A new
    // snapshot changes no rows by itself (dataChanged, no reset: selection and scrolling stay); when the
    // filter depends on replays it is matched again off the GUI thread, and the rows it changes are
    // swapped in with one layout change (coverageApplied() follows).
    void setCoverage(std::shared_ptr<const EventCoverage> coverage);
    const std::shared_ptr<const EventCoverage> &coverage() const { return m_coverage; }

    // 0 turns polling off (call refresh() yourself). Default 100 ms.
    void setPollInterval(int milliseconds);
    int pollInterval() const { return m_pollInterval; }

    // Both are applied off the GUI thread; the rows shown change (with a model reset) once the result is
    // there, and filterApplied() follows. A newer request cancels an older one still running. When a regex
    // term of the filter gives up on an event, the rows are the matches before it, filterGaveUp() says so,
    // and nothing more is matched until the filter, the kinds or the timeline change.
    void setFilter(const FilterExpression &filter);
    void setKinds(KindMask kinds);
    const FilterExpression &filter() const { return m_filter; }
    KindMask kinds() const { return m_kinds; }
    // True while the rows shown do not yet reflect the current filter and kinds.
    bool isFilterPending() const { return m_pendingReset; }

    qsizetype shownCount() const;
    qsizetype totalCount() const { return m_total; } // events published so far
    qsizetype kindCount(EventKind kind) const;
    qsizetype seqAt(int row) const;
    int rowOfSeq(qsizetype seq) const; // -1 when the event is not shown

    // Searches the shown rows for `text` as free text (the filter language's free-text fields), from the
    // row after `fromRow` (before it when going backwards) around to `fromRow` itself. Off the GUI thread;
    // answers with searchFinished(). An empty text answers -1 at once.
    void find(const QString &text, int fromRow, bool forward);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    // Takes in the events published since the last call (appending rows) and notices the end of indexing.
    void refresh();

Q_SIGNALS:
    void countsChanged(qsizetype shown, qsizetype total);
    void kindCountsChanged(qsizetype http, qsizetype sql, qsizetype mcp);
    // The rows now reflect the filter and kinds last set (after a model reset).
    void filterApplied();
    // A regex term of the filter gave up on an event (FilterExpression::Outcome::GaveUp): error names the
    // term (its place in the filter text) and the event. The rows shown are the matches before that event.
    void filterGaveUp(const tapedeck::FilterError &error);
    // The timeline was complete when refresh() last looked and every event is in the model.
    void timelineComplete();
    // The answer to find(): the seq of the matching event (rowOfSeq() gives its current row), or -1.
    void searchFinished(const QString &text, qsizetype seq);
    // The rows now reflect the coverage last set, for a filter that depends on replays (after a layout
    // change).
    void coverageApplied();

private:
    using Rows = std::vector<quint32>;

    // Append: match the events published since the last job and append the matches. Reset: a new filter or
    // kinds, matched from the start and shown with a model reset. Replace: the same filter with a new
    // coverage, matched from the start and swapped in with a layout change.
    enum class JobMode : quint8 { Append, Reset, Replace };

    bool isIdentity() const { return m_filter.isEmpty() && m_kinds == AllKinds; }
    void restartFiltering();
    void startJob(qsizetype from, qsizetype to, JobMode mode);
    void finishJob(qsizetype from, qsizetype to, JobMode mode, TimelineFilter::Matches matches);
    void replaceRows(Rows rows);
    void emitCounts();
    void updateColours() const; // from the application palette, when it changed
    QVariant display(qsizetype seq, int column) const;
    QVariant toolTip(qsizetype seq, int column) const;
    int eventFlags(qsizetype seq) const;
    qint64 servedOf(qsizetype seq) const; // -1: no coverage, or the event is not servable

    std::shared_ptr<const Timeline> m_timeline;
    qsizetype m_total = 0; // events taken in from the timeline
    bool m_completeSignalled = false;

    FilterExpression m_filter;
    KindMask m_kinds = AllKinds;
    // Shown seqs when filtering (unused in identity mode, where row == seq). Shared with searches running on
    // other threads: copied before appending when a search still holds it.
    std::shared_ptr<Rows> m_rows = std::make_shared<Rows>();
    qsizetype m_identityRows = 0; // rows shown in identity mode (may lag m_total while a filter is pending)
    bool m_identity = true; // what the rows currently shown are (may lag behind the filter while pending)
    bool m_pendingReset = false;
    qsizetype m_filteredUpTo = 0; // events [0, m_filteredUpTo) have been matched for the current filter
    bool m_gaveUp = false; // the current filter gave up on an event: no more matching for it
    JobMode m_jobMode = JobMode::Append; // of the filter job last started
    // The coverage changed while a Reset or Replace job ran with the one before: match again once it is in
    // (rather than superseding it, so that frequent snapshots cannot starve the matching).
    bool m_rematchForCoverage = false;

    std::shared_ptr<const EventCoverage> m_coverage;

    QTimer m_poll;
    int m_pollInterval = 100;

    std::array<QIcon, EventKindCount> m_kindIcons;
    QIcon m_errorIcon;
    QIcon m_warningIcon;
    mutable QColor m_errorText;
    mutable QColor m_errorBackground;
    mutable QColor m_warningBackground;
    mutable QColor m_mutedText;
    mutable std::array<QIcon, 3> m_servedMarks; // never, once, many times
    mutable qint64 m_paletteKey = -1;

    // Matching splits itself over every core; a search walks the rows on one thread.
    JobTracker m_filterJobs { this, std::max(2, QThread::idealThreadCount()) };
    JobTracker m_searchJobs { this };
};

} // namespace tapedeck
