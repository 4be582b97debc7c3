// SPDX-License-Identifier: MIT
// "What metadata did this run produce": the timeline's MCPs grouped by entity URN, then by aspect, with
// counts. The grouping is computed off the GUI thread and swapped in.
#pragma once

#include "core/recording/timeline.h"
#include "ui/jobs/jobtracker.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QTimer>

#include <memory>
#include <vector>

namespace tapedeck {

// The grouping itself (plain data, built on a worker thread). URNs and aspects are sorted by name.
struct EntityIndex
{
    struct Aspect
    {
        QString name;
        int urn = 0; // index into urns
        int row = 0; // position under its URN
        std::vector<quint32> seqs; // its MCP events, in timeline order
    };
    struct Urn
    {
        QString urn;
        QString entityType;
        std::vector<int> aspects; // indexes into aspects, in row order
        qsizetype mcps = 0;
    };

    std::vector<Urn> urns;
    std::vector<Aspect> aspects;
    qsizetype mcpCount = 0;
    qsizetype scanned = 0; // events [0, scanned) of the timeline are included

    // Groups the MCP events among the first `count` events of the timeline.
    static EntityIndex build(const Timeline &timeline, qsizetype count);
    // Where an MCP event sits: {aspect, position among its seqs}, or {-1, -1}.
    std::pair<int, int> find(qsizetype seq) const;

private:
    std::vector<quint32> m_allSeqs; // ascending, with the aspect and position of each
    std::vector<std::pair<int, int>> m_places;
};

class EntityModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityModel)

public:
    enum Column { NameColumn, TypeColumn, CountColumn, ColumnCount };
    enum NodeType { UrnNode, AspectNode, McpNode };
    enum Role {
        SeqRole = Qt::UserRole
            + 1, // qlonglong: the MCP's seq for an MCP node and for an aspect with one MCP; else -1
        UrnRole, // QString, every node
        AspectRole, // QString, aspect and MCP nodes
        NodeTypeRole, // int(NodeType)
    };

    explicit EntityModel(QObject *parent = nullptr);

    // Groups the timeline's MCPs (now, and again while indexing adds more: polled every pollInterval() ms).
    void setTimeline(std::shared_ptr<const Timeline> timeline);
    void setPollInterval(int milliseconds); // 0: only refresh() rebuilds; default 500 ms

    const EntityIndex &entities() const { return m_index; }
    bool isBuilding() const { return m_jobs.isRunning(); }
    // The node of an MCP event (an aspect node when it is its aspect's only MCP), or invalid.
    QModelIndex indexOfSeq(qsizetype seq) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    // Regroups when the timeline has published events since the last grouping.
    void refresh();

Q_SIGNALS:
    // A new grouping is shown (after a model reset).
    void rebuilt();

private:
    void startBuild();

    std::shared_ptr<const Timeline> m_timeline;
    EntityIndex m_index;
    bool m_again = false; // more events arrived while building
    QTimer m_poll;
    int m_pollInterval = 500;
    QIcon m_mcpIcon;
    JobTracker m_jobs { this };
};

} // namespace tapedeck
