// SPDX-License-Identifier: MIT
// The URN/aspect tree over a diff report: compact per-URN records built once, filters applied by
// rebuilding the visible index lists.
#include "ui/diff/difftreemodel.h"

#include "ui/widgets/themecolors.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace tapedeck {

namespace {

// Child rows carry their URN's visible row + 1 as internal id; URN rows carry 0.
constexpr quintptr TopLevel = 0;

QColor statusColour(DiffTreeModel::Status status)
{
    switch (status) {
    case DiffTreeModel::Status::Added:
        return ThemeColors::fromApplication().addedText;
    case DiffTreeModel::Status::Removed:
        return ThemeColors::fromApplication().removedText;
    case DiffTreeModel::Status::Changed:
        return ThemeColors::fromApplication().changedText;
    case DiffTreeModel::Status::Identical:
        break;
    }
    return {};
}

DiffTreeModel::Status fromReport(AspectDifference::Status status)
{
    switch (status) {
    case AspectDifference::Status::Added:
        return DiffTreeModel::Status::Added;
    case AspectDifference::Status::Removed:
        return DiffTreeModel::Status::Removed;
    case AspectDifference::Status::Changed:
        break;
    }
    return DiffTreeModel::Status::Changed;
}

} // namespace

DiffTreeModel::DiffTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

QString DiffTreeModel::statusText(Status status)
{
    switch (status) {
    case Status::Added:
        return tr("added");
    case Status::Removed:
        return tr("removed");
    case Status::Changed:
        return tr("changed");
    case Status::Identical:
        return tr("identical");
    }
    return {};
}

void DiffTreeModel::setReport(std::shared_ptr<const DiffReport> report)
{
    beginResetModel();
    m_report = std::move(report);
    m_urns.clear();
    m_differenceRows.clear();
    if (m_report) {
        QHash<QString, int> byUrn;
        const auto urnRow = [&](const QString &urn) {
            const auto it = byUrn.constFind(urn);
            if (it != byUrn.constEnd())
                return *it;
            byUrn.insert(urn, int(m_urns.size()));
            m_urns.push_back(Urn { urn, Status::Identical, 0, 0, 0, 0, {}, {} });
            return int(m_urns.size()) - 1;
        };
        m_differenceRows.assign(size_t(m_report->aspects.size()), { -1, -1 });
        for (qsizetype d = 0; d < m_report->aspects.size(); ++d) {
            const AspectDifference &a = m_report->aspects.at(d);
            if (a.duplicate && !m_report->strictCounts)
                continue;
            const int u = urnRow(a.urn);
            Urn &urn = m_urns[size_t(u)];
            const Status s = fromReport(a.status);
            urn.added += s == Status::Added ? 1 : 0;
            urn.removed += s == Status::Removed ? 1 : 0;
            urn.changed += s == Status::Changed ? 1 : 0;
            m_differenceRows[size_t(d)] = { u, int(urn.aspects.size()) };
            urn.aspects.push_back({ a.aspect, s, a.count, int(d) });
        }
        for (const IdenticalGroup &g : m_report->identical) {
            Urn &urn = m_urns[size_t(urnRow(g.urn))];
            ++urn.identical;
            urn.aspects.push_back({ g.aspect, Status::Identical, g.values, -1 });
        }
        const QSet<QString> added(m_report->urnsAdded.begin(), m_report->urnsAdded.end());
        const QSet<QString> removed(m_report->urnsRemoved.begin(), m_report->urnsRemoved.end());
        for (Urn &urn : m_urns) {
            urn.status = added.contains(urn.urn)            ? Status::Added
                : removed.contains(urn.urn)                 ? Status::Removed
                : urn.added + urn.removed + urn.changed > 0 ? Status::Changed
                                                            : Status::Identical;
        }
        // Sorted by URN; aspects by name (differences and identical groups of one aspect together).
        std::vector<int> order(m_urns.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        std::sort(order.begin(), order.end(),
            [this](int a, int b) { return m_urns[size_t(a)].urn < m_urns[size_t(b)].urn; });
        std::vector<Urn> sorted;
        sorted.reserve(m_urns.size());
        std::vector<int> newRow(m_urns.size());
        for (size_t i = 0; i < order.size(); ++i) {
            newRow[size_t(order[i])] = int(i);
            sorted.push_back(std::move(m_urns[size_t(order[i])]));
        }
        m_urns = std::move(sorted);
        for (auto &[u, a] : m_differenceRows) {
            if (u >= 0)
                u = newRow[size_t(u)];
        }
        for (size_t u = 0; u < m_urns.size(); ++u) {
            std::vector<Aspect> &aspects = m_urns[u].aspects;
            std::vector<int> position(aspects.size());
            for (size_t i = 0; i < position.size(); ++i)
                position[i] = int(i);
            std::stable_sort(position.begin(), position.end(),
                [&aspects](int a, int b) { return aspects[size_t(a)].name < aspects[size_t(b)].name; });
            std::vector<Aspect> byName;
            for (const int p : position)
                byName.push_back(aspects[size_t(p)]);
            aspects = std::move(byName);
            for (size_t i = 0; i < aspects.size(); ++i) {
                if (aspects[i].difference >= 0)
                    m_differenceRows[size_t(aspects[i].difference)] = { int(u), int(i) };
            }
        }
    }
    rebuild();
    endResetModel();
}

void DiffTreeModel::setChangedOnly(bool changedOnly)
{
    if (changedOnly == m_changedOnly)
        return;
    beginResetModel();
    m_changedOnly = changedOnly;
    rebuild();
    endResetModel();
}

void DiffTreeModel::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    m_filter = text;
    rebuild();
    endResetModel();
}

bool DiffTreeModel::aspectVisible(const Urn &urn, const Aspect &aspect) const
{
    if (m_changedOnly && aspect.status == Status::Identical)
        return false;
    return m_filter.isEmpty() || urn.urn.contains(m_filter, Qt::CaseInsensitive)
        || aspect.name.contains(m_filter, Qt::CaseInsensitive);
}

void DiffTreeModel::rebuild()
{
    m_visible.clear();
    for (size_t u = 0; u < m_urns.size(); ++u) {
        Urn &urn = m_urns[u];
        urn.visible.clear();
        for (size_t a = 0; a < urn.aspects.size(); ++a) {
            if (aspectVisible(urn, urn.aspects[a]))
                urn.visible.push_back(int(a));
        }
        const bool urnMatches = m_filter.isEmpty() || urn.urn.contains(m_filter, Qt::CaseInsensitive);
        const bool differs = urn.status != Status::Identical;
        if (!urn.visible.empty() || (urnMatches && (!m_changedOnly || differs)))
            m_visible.push_back(int(u));
    }
}

QModelIndex DiffTreeModel::indexOfDifference(int difference) const
{
    if (difference < 0 || size_t(difference) >= m_differenceRows.size())
        return {};
    const auto [u, a] = m_differenceRows[size_t(difference)];
    if (u < 0)
        return {};
    const auto row = std::find(m_visible.begin(), m_visible.end(), u);
    if (row == m_visible.end())
        return {};
    const std::vector<int> &visible = m_urns[size_t(u)].visible;
    const auto child = std::find(visible.begin(), visible.end(), a);
    if (child == visible.end())
        return {};
    return createIndex(int(child - visible.begin()), 0, quintptr(row - m_visible.begin()) + 1);
}

int DiffTreeModel::differenceAt(const QModelIndex &index) const
{
    return index.isValid() ? index.data(DifferenceRole).toInt() : -1;
}

QModelIndex DiffTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return size_t(row) < m_visible.size() ? createIndex(row, column, TopLevel) : QModelIndex();
    if (parent.internalId() != TopLevel || parent.column() != 0)
        return {};
    const Urn &urn = m_urns[size_t(m_visible[size_t(parent.row())])];
    if (size_t(row) >= urn.visible.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex DiffTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, TopLevel);
}

int DiffTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_visible.size());
    if (parent.internalId() != TopLevel || parent.column() != 0)
        return 0;
    return int(m_urns[size_t(m_visible[size_t(parent.row())])].visible.size());
}

int DiffTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DiffTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == TopLevel) {
        const Urn &urn = m_urns[size_t(m_visible[size_t(index.row())])];
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == NameColumn)
                return urn.urn;
            if (index.column() == StatusColumn)
                return statusText(urn.status);
            {
                QStringList parts;
                if (urn.changed)
                    parts.append(tr("%1 changed").arg(urn.changed));
                if (urn.added)
                    parts.append(tr("%1 added").arg(urn.added));
                if (urn.removed)
                    parts.append(tr("%1 removed").arg(urn.removed));
                if (urn.identical)
                    parts.append(tr("%1 identical").arg(urn.identical));
                return parts.join(QLatin1String(", "));
            }
        case Qt::ToolTipRole:
            return urn.urn;
        case Qt::ForegroundRole:
            if (index.column() == StatusColumn && urn.status != Status::Identical)
                return QBrush(statusColour(urn.status));
            return {};
        case StatusRole:
            return int(urn.status);
        case DifferenceRole:
            return -1;
        case UrnRole:
            return urn.urn;
        default:
            return {};
        }
    }
    const Urn &urn = m_urns[size_t(m_visible[size_t(index.internalId() - 1)])];
    const Aspect &aspect = urn.aspects[size_t(urn.visible[size_t(index.row())])];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return aspect.name;
        if (index.column() == StatusColumn)
            return statusText(aspect.status);
        if (aspect.status == Status::Identical)
            return aspect.count == 1 ? tr("1 value") : tr("%1 values").arg(aspect.count);
        if (aspect.status == Status::Changed && m_report) {
            const int fields = int(m_report->aspects.at(aspect.difference).fields.size());
            return fields == 1 ? tr("1 field") : tr("%1 fields").arg(fields);
        }
        return aspect.count > 1 ? tr("×%1").arg(aspect.count) : QString();
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && aspect.status != Status::Identical)
            return QBrush(statusColour(aspect.status));
        return {};
    case StatusRole:
        return int(aspect.status);
    case DifferenceRole:
        return aspect.difference;
    case UrnRole:
        return urn.urn;
    default:
        return {};
    }
}

QVariant DiffTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("URN / aspect");
    case StatusColumn:
        return tr("Status");
    case DetailColumn:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace tapedeck
