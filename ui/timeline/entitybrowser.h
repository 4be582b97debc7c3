// SPDX-License-Identifier: MIT
// The entity browser: the run's MCPs by entity URN and aspect, with a name filter and a summary line.
// Selecting an MCP reports its seq; the selection and open entities survive regrouping while indexing.
#pragma once

#include "core/recording/timeline.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace tapedeck {

class EntityModel;

class EntityBrowser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityBrowser)

public:
    explicit EntityBrowser(QWidget *parent = nullptr);

    void setTimeline(std::shared_ptr<const Timeline> timeline);

    EntityModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    // The selected MCP's seq, or -1 (nothing selected, or a URN or an aspect with several MCPs).
    qsizetype currentSeq() const;

public Q_SLOTS:
    // Selects the node of an MCP event (e.g. the one selected in the timeline) without emitting
    // mcpSelected(); clears the selection when seq is not an MCP event.
    void selectSeq(qsizetype seq);

Q_SIGNALS:
    void mcpSelected(qsizetype seq);

private:
    void saveState();
    void restoreState();
    void updateSummary();

    EntityModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    QStringList m_expandedUrns;
    QStringList m_expandedAspects; // "urn\naspect"
    qsizetype m_selectedSeq = -1;
    bool m_syncing = false;
};

} // namespace tapedeck
