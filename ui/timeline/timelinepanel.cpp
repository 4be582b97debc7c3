// SPDX-License-Identifier: MIT
// Filter bar + timeline table.
#include "ui/timeline/timelinepanel.h"

#include "ui/timeline/filterbar.h"
#include "ui/timeline/timelinemodel.h"

#include <QBoxLayout>
#include <QHeaderView>
#include <QTableView>

namespace tapedeck {

TimelinePanel::TimelinePanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timelinePanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_filterBar = new FilterBar(this);
    m_filterBar->setObjectName(QStringLiteral("filterBar"));
    layout->addWidget(m_filterBar);

    m_model = new TimelineModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    // Fixed row heights and column widths: nothing may measure a million rows.
    QHeaderView *rows = m_view->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(std::max(m_view->fontMetrics().height() + 6, 20));
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(TimelineModel::TargetColumn, QHeaderView::Stretch);
    columns->setHighlightSections(false);
    const QFontMetrics metrics = m_view->fontMetrics();
    const auto width
        = [&metrics](const char *sample) { return metrics.horizontalAdvance(QLatin1String(sample)) + 30; };
    m_view->setColumnWidth(TimelineModel::SeqColumn, width("0000000"));
    m_view->setColumnWidth(TimelineModel::KindColumn, width("HTTP"));
    m_view->setColumnWidth(TimelineModel::OperationColumn, width("DELETE_"));
    m_view->setColumnWidth(TimelineModel::ResultColumn, width("no response"));
    m_view->setColumnWidth(TimelineModel::SizeColumn, width("99.9 KiB / 999 B"));
    layout->addWidget(m_view, 1);

    connect(m_filterBar, &FilterBar::filterChanged, m_model, &TimelineModel::setFilter);
    connect(m_model, &TimelineModel::filterGaveUp, m_filterBar, &FilterBar::setMatchError);
    connect(m_filterBar, &FilterBar::kindsChanged, m_model, &TimelineModel::setKinds);
    connect(m_model, &TimelineModel::countsChanged, m_filterBar, &FilterBar::setCounts);
    connect(m_model, &TimelineModel::kindCountsChanged, m_filterBar, &FilterBar::setKindCounts);
    connect(m_filterBar, &FilterBar::searchRequested, this,
        [this](
            const QString &text, FilterBar::SearchDirection direction) { onSearch(text, int(direction)); });
    connect(m_model, &TimelineModel::searchFinished, this, &TimelinePanel::onSearchFinished);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // A new filter: keep the selected event selected when it is still shown.
        const int row = m_model->rowOfSeq(m_current);
        if (row >= 0) {
            const QSignalBlocker blocker(m_view->selectionModel());
            m_view->selectRow(row);
            m_view->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtCenter);
        }
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            const qsizetype seq = current.isValid() ? m_model->seqAt(current.row()) : -1;
            if (seq == m_current || seq < 0)
                return; // a reset that lost the row keeps the detail pane on the old event
            m_current = seq;
            Q_EMIT currentEventChanged(seq);
        });
}

void TimelinePanel::setTimeline(std::shared_ptr<const Timeline> timeline)
{
    m_current = -1;
    m_model->setTimeline(std::move(timeline));
    Q_EMIT currentEventChanged(-1);
}

void TimelinePanel::setCoverage(std::shared_ptr<const EventCoverage> coverage)
{
    m_model->setCoverage(std::move(coverage));
}

qsizetype TimelinePanel::currentSeq() const
{
    return m_current;
}

bool TimelinePanel::selectSeq(qsizetype seq)
{
    const int row = m_model->rowOfSeq(seq);
    if (row < 0)
        return false;
    m_view->setCurrentIndex(m_model->index(row, TimelineModel::SeqColumn));
    m_view->selectRow(row);
    m_view->scrollTo(m_model->index(row, 0));
    return true;
}

void TimelinePanel::onSearch(const QString &text, int direction)
{
    const int row = m_model->rowOfSeq(m_current);
    switch (FilterBar::SearchDirection(direction)) {
    case FilterBar::SearchDirection::Next:
        m_model->find(text, row, true);
        break;
    case FilterBar::SearchDirection::Previous:
        m_model->find(text, row, false);
        break;
    case FilterBar::SearchDirection::FromCurrent:
        m_model->find(text, row < 0 ? -1 : row - 1, true);
        break;
    }
}

void TimelinePanel::onSearchFinished(const QString &text, qsizetype seq)
{
    if (text != m_filterBar->searchText())
        return; // an answer to an older search text
    const bool found = seq >= 0 && selectSeq(seq);
    m_filterBar->setSearchResult(found);
}

} // namespace tapedeck
