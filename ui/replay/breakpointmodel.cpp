// SPDX-License-Identifier: MIT
#include "ui/replay/breakpointmodel.h"

#include "ui/widgets/themecolors.h"

#include <QApplication>

namespace tapedeck {

BreakpointModel::BreakpointModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

BreakpointModel::Breakpoint BreakpointModel::make(const QString &text)
{
    Breakpoint b;
    b.text = text.trimmed();
    if (b.text.isEmpty()) {
        b.error = tr("An empty breakpoint would hold everything; use Pause for that.");
        return b;
    }
    Result<FilterExpression> parsed = FilterExpression::parse(b.text);
    if (parsed)
        b.expression = std::move(parsed).value();
    else
        b.error = parsed.error().message;
    return b;
}

int BreakpointModel::rowOf(const QString &text) const
{
    const QString wanted = text.trimmed();
    for (int i = 0; i < m_breakpoints.size(); ++i) {
        if (m_breakpoints[i].text == wanted)
            return i;
    }
    return -1;
}

int BreakpointModel::add(const QString &text)
{
    if (const int existing = rowOf(text); existing >= 0)
        return existing;
    const int row = int(m_breakpoints.size());
    beginInsertRows({}, row, row);
    m_breakpoints.append(make(text));
    endInsertRows();
    emit breakpointsChanged();
    return row;
}

bool BreakpointModel::toggle(const QString &text)
{
    if (const int existing = rowOf(text); existing >= 0) {
        removeRow(existing);
        return false;
    }
    add(text);
    return true;
}

bool BreakpointModel::removeRow(int row)
{
    if (row < 0 || row >= m_breakpoints.size())
        return false;
    beginRemoveRows({}, row, row);
    m_breakpoints.removeAt(row);
    endRemoveRows();
    emit breakpointsChanged();
    return true;
}

QStringList BreakpointModel::texts() const
{
    QStringList out;
    for (const Breakpoint &b : m_breakpoints)
        out.append(b.text);
    return out;
}

void BreakpointModel::setTexts(const QStringList &texts)
{
    beginResetModel();
    m_breakpoints.clear();
    for (const QString &t : texts) {
        if (!t.trimmed().isEmpty() && rowOf(t) < 0)
            m_breakpoints.append(make(t));
    }
    endResetModel();
    emit breakpointsChanged();
}

QList<FilterExpression> BreakpointModel::expressions() const
{
    QList<FilterExpression> out;
    for (const Breakpoint &b : m_breakpoints) {
        if (b.enabled && b.expression)
            out.append(*b.expression);
    }
    return out;
}

std::optional<QString> BreakpointModel::errorAt(int row) const
{
    if (row < 0 || row >= m_breakpoints.size() || m_breakpoints[row].error.isEmpty())
        return std::nullopt;
    return m_breakpoints[row].error;
}

int BreakpointModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_breakpoints.size());
}

QVariant BreakpointModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_breakpoints.size())
        return {};
    const Breakpoint &b = m_breakpoints[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return b.text;
    case Qt::CheckStateRole: return b.enabled ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        return b.error.isEmpty() ? tr("Holds every request or statement this filter matches (as it would be answered)") : b.error;
    case Qt::ForegroundRole:
        if (!b.error.isEmpty())
            return ThemeColors::fromApplication().errorText;
        return {};
    default: break;
    }
    return {};
}

bool BreakpointModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_breakpoints.size())
        return false;
    Breakpoint &b = m_breakpoints[index.row()];
    if (role == Qt::CheckStateRole) {
        const bool enabled = Qt::CheckState(value.toInt()) == Qt::Checked;
        if (enabled == b.enabled)
            return true;
        b.enabled = enabled;
    } else if (role == Qt::EditRole) {
        const QString text = value.toString().trimmed();
        if (text == b.text)
            return true;
        const bool enabled = b.enabled;
        b = make(text);
        b.enabled = enabled;
    } else {
        return false;
    }
    emit dataChanged(index, index);
    emit breakpointsChanged();
    return true;
}

Qt::ItemFlags BreakpointModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsUserCheckable | Qt::ItemNeverHasChildren;
}

} // namespace tapedeck
