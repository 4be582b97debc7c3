// SPDX-License-Identifier: MIT
// The Replay tab's live list: every HTTP request and SQL statement of a replay in arrival order, one row
// each, from the batches ReplayController sends (rows appended in batches, changed rows updated in place).
// The filter language applies, with its replay terms; a new filter is matched in slices of the rows between
// event-loop turns, so a million rows never stall the GUI thread.
#pragma once

#include "core/recording/eventkind.h"
#include "core/recording/filterexpression.h"
#include "core/recording/timelinefilter.h"
#include "core/replay/replaycontroller.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QTimer>

#include <deque>
#include <vector>

namespace tapedeck {

class ReplayLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayLogModel)

public:
    enum Column { EntryColumn, KindColumn, OutcomeColumn, RequestColumn, ResultColumn, ServedColumn, ArrivedColumn, DurationColumn, ColumnCount };
    enum Role {
        EntryRole = Qt::UserRole + 1, // qlonglong: place in arrival order
        OutcomeRole, // int(ReplayOutcome)
        RecordedSeqRole, // qlonglong: the timeline event that answered it, -1
        KindRole, // int(EventKind)
    };

    explicit ReplayLogModel(QObject *parent = nullptr);

    void clear();
    void addRows(const QList<replay::ReplayRow> &rows);
    void updateRows(const QList<replay::ReplayRow> &rows);

    void setFilter(const FilterExpression &filter);
    void setKinds(KindMask kinds);
    const FilterExpression &filter() const { return m_filter; }
    // True while a new filter or kinds are still being matched against the rows already there.
    bool isFilterPending() const { return m_refilterAt >= 0; }
    // Rows matched per slice (tests make it small to see slicing at work).
    void setSliceSize(qsizetype rows) { m_slice = std::max<qsizetype>(1, rows); }

    qsizetype totalCount() const { return qsizetype(m_rows.size()); }
    qsizetype kindCount(EventKind kind) const { return m_kindCounts[int(kind)]; }
    const replay::ReplayRow *rowAt(int row) const;
    const replay::ReplayRow *entry(qsizetype entry) const;
    int rowOfEntry(qsizetype entry) const; // -1 when not shown

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString outcomeText(replay::ReplayOutcome outcome);
    // A row's request on one line: "GET uri", or the statement.
    static QString requestText(const replay::ReplayRow &row);

Q_SIGNALS:
    void countsChanged(qsizetype shown, qsizetype total);
    void filterApplied();
    void filterGaveUp(const tapedeck::FilterError &error);

private:
    bool matches(const replay::ReplayRow &row);
    bool isIdentity() const { return m_filter.isEmpty() && m_kinds == AllKinds; }
    void refilterSlice();
    void emitCounts();
    QVariant display(const replay::ReplayRow &row, int column) const;
    QVariant foreground(const replay::ReplayRow &row, int column) const;
    void updateColours() const;

    std::deque<replay::ReplayRow> m_rows; // by entry (arrival order)
    std::vector<qsizetype> m_shown; // entries shown, ascending (identity: unused)
    bool m_identity = true; // what is shown now: every row
    FilterExpression m_filter;
    KindMask m_kinds = AllKinds;
    qsizetype m_kindCounts[EventKindCount] = {};
    // Re-matching after a filter change: the entries matched so far, and where it goes on.
    std::vector<qsizetype> m_next;
    qsizetype m_refilterAt = -1;
    qsizetype m_slice = 20'000;
    QTimer m_refilter;
    bool m_gaveUp = false;

    mutable QColor m_errorText;
    mutable QColor m_okText;
    mutable QColor m_warningText;
    mutable QColor m_mutedText;
    mutable qint64 m_paletteKey = -1;
};

} // namespace tapedeck
