// SPDX-License-Identifier: MIT
// Cells of the field-difference table, formatted when shown.
#include "ui/diff/difffieldsmodel.h"

namespace tapedeck {

DiffFieldsModel::DiffFieldsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString DiffFieldsModel::changeText(FieldDifference::Kind kind)
{
    switch (kind) {
    case FieldDifference::Kind::Changed:
        return tr("changed");
    case FieldDifference::Kind::TypeChanged:
        return tr("type changed");
    case FieldDifference::Kind::Added:
        return tr("added");
    case FieldDifference::Kind::Removed:
        return tr("removed");
    }
    return {};
}

void DiffFieldsModel::setDifference(std::shared_ptr<const DiffReport> report, int difference)
{
    beginResetModel();
    m_report = std::move(report);
    m_difference = m_report && difference >= 0 && difference < m_report->aspects.size() ? difference : -1;
    endResetModel();
}

const FieldDifference *DiffFieldsModel::field(int row) const
{
    if (m_difference < 0)
        return nullptr;
    const QList<FieldDifference> &fields = m_report->aspects.at(m_difference).fields;
    return row >= 0 && row < fields.size() ? &fields.at(row) : nullptr;
}

int DiffFieldsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || m_difference < 0)
        return 0;
    return int(m_report->aspects.at(m_difference).fields.size());
}

int DiffFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiffFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FieldDifference *f = field(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        const int length = role == Qt::DisplayRole ? 80 : 2000;
        switch (index.column()) {
        case PathColumn:
            return DiffPaths::display(f->path);
        case RecordedColumn:
            return DiffReport::shortJson(f->recorded, length);
        case ReplayedColumn:
            return DiffReport::shortJson(f->replayed, length);
        case ChangeColumn:
            return changeText(f->kind);
        default:
            return {};
        }
    }
    return {};
}

QVariant DiffFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Path");
    case RecordedColumn:
        return tr("Recorded");
    case ReplayedColumn:
        return tr("Replayed");
    case ChangeColumn:
        return tr("Change");
    default:
        return {};
    }
}

} // namespace tapedeck
