// SPDX-License-Identifier: MIT
// Entity browser widget.
#include "ui/timeline/entitybrowser.h"

#include "ui/timeline/entitymodel.h"

#include <QBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace tapedeck {

EntityBrowser::EntityBrowser(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("entityBrowser"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("entityFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter entities and aspects"));
    layout->addWidget(m_filter);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("entitySummary"));
    layout->addWidget(m_summary);

    m_model = new EntityModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(
        true); // an aspect match keeps its URN; a URN match shows its aspects
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(EntityModel::NameColumn);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("entityTree"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(EntityModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(EntityModel::TypeColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(EntityModel::CountColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_view->expandAll(); // matches may sit under closed URNs
    });
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, &EntityBrowser::saveState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EntityBrowser::restoreState);
    connect(m_model, &EntityModel::rebuilt, this, &EntityBrowser::updateSummary);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            const qsizetype seq = current.isValid() ? current.data(EntityModel::SeqRole).toLongLong() : -1;
            m_selectedSeq = seq;
            if (seq >= 0 && !m_syncing)
                Q_EMIT mcpSelected(seq);
        });
    updateSummary();
}

void EntityBrowser::setTimeline(std::shared_ptr<const Timeline> timeline)
{
    m_expandedUrns.clear();
    m_expandedAspects.clear();
    m_selectedSeq = -1;
    m_model->setTimeline(std::move(timeline));
    updateSummary();
}

qsizetype EntityBrowser::currentSeq() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(EntityModel::SeqRole).toLongLong() : -1;
}

void EntityBrowser::selectSeq(qsizetype seq)
{
    const QModelIndex source = m_model->indexOfSeq(seq);
    const QModelIndex index = m_proxy->mapFromSource(source);
    m_syncing = true;
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clear();
    }
    m_syncing = false;
}

void EntityBrowser::saveState()
{
    // Remembered by name: the regrouped model has new rows for the same entities.
    m_expandedUrns.clear();
    m_expandedAspects.clear();
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex urn = m_proxy->index(r, 0);
        if (!m_view->isExpanded(urn))
            continue;
        m_expandedUrns.append(urn.data(EntityModel::UrnRole).toString());
        for (int a = 0; a < m_proxy->rowCount(urn); ++a) {
            const QModelIndex aspect = m_proxy->index(a, 0, urn);
            if (m_view->isExpanded(aspect))
                m_expandedAspects.append(urn.data(EntityModel::UrnRole).toString() + QLatin1Char('\n')
                    + aspect.data(EntityModel::AspectRole).toString());
        }
    }
}

void EntityBrowser::restoreState()
{
    if (!m_expandedUrns.isEmpty() || !m_expandedAspects.isEmpty()) {
        for (int r = 0; r < m_proxy->rowCount(); ++r) {
            const QModelIndex urn = m_proxy->index(r, 0);
            const QString name = urn.data(EntityModel::UrnRole).toString();
            if (m_expandedUrns.contains(name))
                m_view->expand(urn);
            for (int a = 0; a < m_proxy->rowCount(urn); ++a) {
                const QModelIndex aspect = m_proxy->index(a, 0, urn);
                if (m_expandedAspects.contains(
                        name + QLatin1Char('\n') + aspect.data(EntityModel::AspectRole).toString()))
                    m_view->expand(aspect);
            }
        }
    }
    if (m_selectedSeq >= 0)
        selectSeq(m_selectedSeq);
}

void EntityBrowser::updateSummary()
{
    const EntityIndex &e = m_model->entities();
    const QLocale locale;
    const QString entities = e.urns.size() == 1
        ? tr("1 entity")
        : tr("%1 entities").arg(locale.toString(qlonglong(e.urns.size())));
    const QString aspects = e.aspects.size() == 1
        ? tr("1 aspect")
        : tr("%1 aspects").arg(locale.toString(qlonglong(e.aspects.size())));
    const QString mcps
        = e.mcpCount == 1 ? tr("1 MCP") : tr("%1 MCPs").arg(locale.toString(qlonglong(e.mcpCount)));
    m_summary->setText(tr("%1 · %2 · %3").arg(entities, aspects, mcps));
}

} // namespace tapedeck
