// SPDX-License-Identifier: MIT
// The timeline as one widget: the filter bar over a virtualized table of events, wired together
// (filtering, counts, search with next/previous), reporting the selected event.
#pragma once

#include "core/recording/eventcoverage.h"
#include "core/recording/timeline.h"

#include <QWidget>

#include <memory>

class QTableView;

namespace tapedeck {

class FilterBar;
class TimelineModel;

class TimelinePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelinePanel)

public:
    explicit TimelinePanel(QWidget *parent = nullptr);

    // Shows a timeline, also one still being indexed on another thread (rows arrive as it grows).
    void setTimeline(std::shared_ptr<const Timeline> timeline);
    // How often a replay served each event (nullptr: no replay): marks in the table, `served:` in the
    // filter. Call it again with every new snapshot; the selection and the scroll position stay.
    void setCoverage(std::shared_ptr<const EventCoverage> coverage);

    TimelineModel *model() const { return m_model; }
    FilterBar *filterBar() const { return m_filterBar; }
    QTableView *view() const { return m_view; }

    qsizetype currentSeq() const;

public Q_SLOTS:
    // Selects and shows an event; false when the filter hides it (or it does not exist).
    bool selectSeq(qsizetype seq);

Q_SIGNALS:
    // The selected event changed (-1: none). Not emitted when a filter change keeps the same event selected.
    void currentEventChanged(qsizetype seq);

private:
    void onSearch(const QString &text, int direction);
    void onSearchFinished(const QString &text, qsizetype seq);

    TimelineModel *m_model = nullptr;
    FilterBar *m_filterBar = nullptr;
    QTableView *m_view = nullptr;
    qsizetype m_current = -1; // selected seq, kept across filter changes
};

} // namespace tapedeck
