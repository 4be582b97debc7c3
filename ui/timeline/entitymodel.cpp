// SPDX-License-Identifier: MIT
// MCPs grouped by entity and aspect.
#include "ui/timeline/entitymodel.h"

#include "ui/widgets/icons.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace tapedeck {

namespace {

// internalId: the node type in the low two bits; URN and aspect nodes carry their index above them, MCP
// nodes their aspect (bits 34 and up) and their position under it (bits 2..33).
constexpr quintptr TypeBits = 2;

quintptr urnId(int urn)
{
    return (quintptr(urn) << TypeBits) | EntityModel::UrnNode;
}

quintptr aspectId(int aspect)
{
    return (quintptr(aspect) << TypeBits) | EntityModel::AspectNode;
}

quintptr mcpId(int aspect, int position)
{
    return (((quintptr(aspect) << 32) | quintptr(quint32(position))) << TypeBits) | EntityModel::McpNode;
}

EntityModel::NodeType typeOf(quintptr id)
{
    return EntityModel::NodeType(id & 3);
}

int firstOf(quintptr id)
{
    return typeOf(id) == EntityModel::McpNode ? int(id >> (TypeBits + 32)) : int(id >> TypeBits);
}

int positionOf(quintptr id)
{
    return int(quint32(id >> TypeBits));
}

} // namespace

EntityIndex EntityIndex::build(const Timeline &t, qsizetype count)
{
    struct Group
    {
        QStringView urn;
        QStringView entityType;
        QHash<QStringView, int> aspectOf;
        std::vector<std::pair<QStringView, std::vector<quint32>>> aspects;
    };
    // The text views point into the timeline's arena, which never moves: no string is copied per event.
    QHash<QStringView, int> groupOf;
    std::vector<Group> groups;
    EntityIndex index;
    for (qsizetype seq = 0; seq < count; ++seq) {
        if (t.record(seq).kind != EventKind::Mcp)
            continue;
        const QStringView urn = t.field(seq, EventField::EntityUrn);
        auto g = groupOf.constFind(urn);
        if (g == groupOf.constEnd()) {
            g = groupOf.insert(urn, int(groups.size()));
            groups.push_back({ urn, t.field(seq, EventField::EntityType), {}, {} });
        }
        Group &group = groups[size_t(*g)];
        const QStringView aspect = t.field(seq, EventField::AspectName);
        auto a = group.aspectOf.constFind(aspect);
        if (a == group.aspectOf.constEnd()) {
            a = group.aspectOf.insert(aspect, int(group.aspects.size()));
            group.aspects.push_back({ aspect, {} });
        }
        group.aspects[size_t(*a)].second.push_back(quint32(seq));
        ++index.mcpCount;
    }
    index.scanned = count;

    std::vector<int> order(groups.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
        [&](int a, int b) { return groups[size_t(a)].urn < groups[size_t(b)].urn; });
    index.urns.reserve(groups.size());
    for (const int g : order) {
        Group &group = groups[size_t(g)];
        std::sort(group.aspects.begin(), group.aspects.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
        Urn urn;
        urn.urn = group.urn.toString();
        urn.entityType = group.entityType.toString();
        const int urnIndex = int(index.urns.size());
        for (auto &[name, seqs] : group.aspects) {
            Aspect aspect;
            aspect.name = name.toString();
            aspect.urn = urnIndex;
            aspect.row = int(urn.aspects.size());
            urn.mcps += qsizetype(seqs.size());
            aspect.seqs = std::move(seqs);
            urn.aspects.push_back(int(index.aspects.size()));
            index.aspects.push_back(std::move(aspect));
        }
        index.urns.push_back(std::move(urn));
    }

    std::vector<std::pair<quint32, std::pair<int, int>>> places;
    places.reserve(size_t(index.mcpCount));
    for (int a = 0; a < int(index.aspects.size()); ++a) {
        const std::vector<quint32> &seqs = index.aspects[size_t(a)].seqs;
        for (int k = 0; k < int(seqs.size()); ++k)
            places.push_back({ seqs[size_t(k)], { a, k } });
    }
    std::sort(places.begin(), places.end());
    index.m_allSeqs.reserve(places.size());
    index.m_places.reserve(places.size());
    for (const auto &[seq, place] : places) {
        index.m_allSeqs.push_back(seq);
        index.m_places.push_back(place);
    }
    return index;
}

std::pair<int, int> EntityIndex::find(qsizetype seq) const
{
    const auto it = std::lower_bound(m_allSeqs.begin(), m_allSeqs.end(), quint32(seq));
    if (seq < 0 || it == m_allSeqs.end() || *it != quint32(seq))
        return { -1, -1 };
    return m_places[size_t(it - m_allSeqs.begin())];
}

EntityModel::EntityModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_mcpIcon(icons::eventKind(EventKind::Mcp))
{
    connect(&m_poll, &QTimer::timeout, this, &EntityModel::refresh);
}

void EntityModel::setTimeline(std::shared_ptr<const Timeline> timeline)
{
    m_jobs.abandon();
    m_again = false;
    beginResetModel();
    m_timeline = std::move(timeline);
    m_index = EntityIndex();
    endResetModel();
    if (m_timeline && m_pollInterval > 0 && !m_timeline->isComplete())
        m_poll.start(m_pollInterval);
    else
        m_poll.stop();
    refresh();
}

void EntityModel::setPollInterval(int milliseconds)
{
    m_pollInterval = milliseconds;
    if (milliseconds <= 0)
        m_poll.stop();
    else if (m_timeline && !m_timeline->isComplete())
        m_poll.start(milliseconds);
}

void EntityModel::refresh()
{
    if (!m_timeline)
        return;
    if (m_timeline->isComplete())
        m_poll.stop();
    if (m_timeline->count() == m_index.scanned)
        return;
    if (isBuilding()) {
        m_again = true;
        return;
    }
    startBuild();
}

void EntityModel::startBuild()
{
    m_again = false;
    const qsizetype count = m_timeline->count();
    m_jobs.start([timeline = m_timeline, count] { return EntityIndex::build(*timeline, count); },
        [this](EntityIndex index) {
            beginResetModel();
            m_index = std::move(index);
            endResetModel();
            Q_EMIT rebuilt();
            if (m_again)
                refresh();
        });
}

QModelIndex EntityModel::indexOfSeq(qsizetype seq) const
{
    const auto [aspect, position] = m_index.find(seq);
    if (aspect < 0)
        return {};
    const EntityIndex::Aspect &a = m_index.aspects[size_t(aspect)];
    if (a.seqs.size() == 1)
        return createIndex(a.row, 0, aspectId(aspect));
    return createIndex(position, 0, mcpId(aspect, position));
}

QModelIndex EntityModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, urnId(row));
    const quintptr id = parent.internalId();
    switch (typeOf(id)) {
    case UrnNode:
        return createIndex(row, column, aspectId(m_index.urns[size_t(firstOf(id))].aspects[size_t(row)]));
    case AspectNode:
        return createIndex(row, column, mcpId(firstOf(id), row));
    case McpNode:
        break;
    }
    return {};
}

QModelIndex EntityModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const quintptr id = child.internalId();
    switch (typeOf(id)) {
    case UrnNode:
        return {};
    case AspectNode: {
        const int urn = m_index.aspects[size_t(firstOf(id))].urn;
        return createIndex(urn, 0, urnId(urn));
    }
    case McpNode: {
        const int aspect = firstOf(id);
        return createIndex(m_index.aspects[size_t(aspect)].row, 0, aspectId(aspect));
    }
    }
    return {};
}

int EntityModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_index.urns.size());
    if (parent.column() != 0)
        return 0;
    const quintptr id = parent.internalId();
    switch (typeOf(id)) {
    case UrnNode:
        return int(m_index.urns[size_t(firstOf(id))].aspects.size());
    case AspectNode: {
        const size_t seqs = m_index.aspects[size_t(firstOf(id))].seqs.size();
        return seqs > 1 ? int(seqs) : 0; // one MCP: the aspect node stands for it
    }
    case McpNode:
        return 0;
    }
    return 0;
}

int EntityModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant EntityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const quintptr id = index.internalId();
    const NodeType type = typeOf(id);
    const int column = index.column();
    const EntityIndex::Aspect *aspect = type == UrnNode ? nullptr : &m_index.aspects[size_t(firstOf(id))];
    const EntityIndex::Urn &urn = m_index.urns[size_t(type == UrnNode ? firstOf(id) : aspect->urn)];
    qsizetype seq = -1;
    if (type == McpNode)
        seq = aspect->seqs[size_t(positionOf(id))];
    else if (type == AspectNode && aspect->seqs.size() == 1)
        seq = aspect->seqs.front();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            if (type == UrnNode)
                return urn.urn;
            if (type == AspectNode)
                return aspect->name;
            return tr("Event %1").arg(seq);
        case TypeColumn:
            if (type == UrnNode)
                return urn.entityType;
            if (seq >= 0 && m_timeline && seq < m_timeline->count())
                return m_timeline->field(seq, EventField::ChangeType).toString();
            return {};
        case CountColumn:
            if (type == UrnNode)
                return qlonglong(urn.mcps);
            if (type == AspectNode)
                return qlonglong(aspect->seqs.size());
            return {};
        }
        return {};
    case Qt::ToolTipRole:
        if (type == UrnNode)
            return urn.mcps == 1 ? tr("%1\n%2 · 1 MCP").arg(urn.urn, urn.entityType)
                                 : tr("%1\n%2 · %3 MCPs").arg(urn.urn, urn.entityType).arg(urn.mcps);
        if (type == AspectNode && seq < 0)
            return tr("%1 MCPs of aspect %2: the entity got it more than once")
                .arg(aspect->seqs.size())
                .arg(aspect->name);
        if (seq >= 0)
            return tr("Event %1: %2 of %3").arg(seq).arg(aspect->name, urn.urn);
        return {};
    case Qt::DecorationRole:
        return column == NameColumn && seq >= 0 ? QVariant(m_mcpIcon) : QVariant();
    case Qt::TextAlignmentRole:
        return int((column == CountColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case SeqRole:
        return qlonglong(seq);
    case UrnRole:
        return urn.urn;
    case AspectRole:
        return aspect ? QVariant(aspect->name) : QVariant();
    case NodeTypeRole:
        return int(type);
    default:
        return {};
    }
}

QVariant EntityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractItemModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Entity / aspect");
        case TypeColumn:
            return tr("Type");
        case CountColumn:
            return tr("MCPs");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("Entity URN, the aspects written for it, and the MCP events when an aspect was written "
                      "more than once");
        case TypeColumn:
            return tr("Entity type, or the MCP's change type");
        case CountColumn:
            return tr("How many MCPs the run wrote for the entity or aspect");
        }
    } else if (role == Qt::TextAlignmentRole) {
        return int((section == CountColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    return {};
}

} // namespace tapedeck
