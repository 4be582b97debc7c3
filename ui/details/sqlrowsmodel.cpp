// SPDX-License-Identifier: MIT
// SQL result rows model over core's SqlRows.
#include "ui/details/sqlrowsmodel.h"

#include "ui/widgets/themecolors.h"

#include <QFont>
#include <QGuiApplication>

namespace tapedeck {

SqlRowsModel::SqlRowsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void SqlRowsModel::clear()
{
    setRows(SqlRows());
}

void SqlRowsModel::setRows(SqlRows rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SqlRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.rowCount());
}

int SqlRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.columnCount());
}

QVariant SqlRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JsonValue *v = m_rows.cell(index.row(), index.column());
    const bool null = !v || v->isNull();
    switch (role) {
    case Qt::DisplayRole:
        return v ? m_rows.line(index.row(), index.column(), MaxCellLength) : QString();
    case Qt::ToolTipRole:
    case FullTextRole: {
        if (!v)
            return role == FullTextRole ? QVariant(QString()) : QVariant(tr("(missing from this row)"));
        const QString text = m_rows.text(index.row(), index.column());
        return role == Qt::ToolTipRole ? QVariant(text.left(4096)) : QVariant(text);
    }
    case Qt::TextAlignmentRole:
        return int((v && v->isNumber() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return null ? QVariant(ThemeColors::fromApplication().mutedText) : QVariant();
    case Qt::FontRole:
        if (null) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case IsNullRole:
        return null;
    default:
        return {};
    }
}

QVariant SqlRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= 0 && section < m_rows.columnCount()) {
        if (role == Qt::DisplayRole)
            return m_rows.columns().at(section);
        if (role == Qt::ToolTipRole) {
            QString tip = m_rows.columnDescription(section);
            if (m_rows.isBytesColumn(section))
                tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Bytes, shown as hex");
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
    }
    if (orientation == Qt::Vertical && role == Qt::DisplayRole && section >= 0 && section < rowCount())
        return section + 1;
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace tapedeck
