// SPDX-License-Identifier: MIT
// SQL result rows model. Column and cell rules follow `tapedeck-cli show` (app/cli/showcommand.cpp).
#include "ui/details/sqlrowsmodel.h"

#include "ui/widgets/themecolors.h"

#include <QFont>
#include <QGuiApplication>
#include <QRegularExpression>

namespace tapedeck {

SqlRowsModel::SqlRowsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void SqlRowsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_columns.clear();
    m_hints.clear();
    m_columnTips.clear();
    m_positional = false;
    endResetModel();
}

void SqlRowsModel::setQuery(const SqlQuery &q)
{
    beginResetModel();
    m_rows = q.rows;
    m_columns = q.columns;
    // {"row": [...]} rows: the cursor had no description, values are positional.
    m_positional = !q.columnsFromDescription && m_columns == QStringList { QStringLiteral("row") }
        && std::all_of(m_rows.begin(), m_rows.end(),
            [](const JsonValue &row) { return row.size() == 1 && row.value(u"row").isArray(); });
    if (m_positional) {
        qsizetype width = 0;
        for (const JsonValue &row : m_rows)
            width = std::max(width, row.value(u"row").size());
        m_columns.clear();
        for (qsizetype c = 0; c < width; ++c)
            m_columns.append(QStringLiteral("#%1").arg(c + 1));
    }
    m_columnTips.clear();
    const JsonArray &description = q.description.toArray();
    for (qsizetype c = 0; c < m_columns.size(); ++c) {
        m_columnTips.append(q.columnsFromDescription && c < qsizetype(description.size())
                ? QString::fromUtf8(pythonDumps(description[size_t(c)], false, false))
                : QString());
    }
    m_hints.clear();
    for (qsizetype c = 0; c < m_columns.size(); ++c)
        m_hints.append(QueryLog::ValueHint::Auto);
    // Bytes columns: the driver's type code says binary (Snowflake BINARY 11, PostgreSQL bytea 17, BigQuery
    // "BYTES") and every value is base64, since DataHub writes bytes as bare base64 strings.
    for (qsizetype c = 0; c < m_columns.size() && q.columnsFromDescription; ++c) {
        if (c >= qsizetype(description.size()) || description[size_t(c)].size() < 2)
            continue;
        const JsonValue &type = description[size_t(c)].toArray()[1];
        bool binary = false;
        if (type.isInteger())
            binary = type.toInt64() == 11 || type.toInt64() == 17;
        else if (type.isString())
            binary = type.toString().contains(QRegularExpression(
                QStringLiteral("BINARY|BYTES|BLOB|BYTEA"), QRegularExpression::CaseInsensitiveOption));
        if (binary && isBytesColumn(int(c)))
            m_hints[c] = QueryLog::ValueHint::Bytes;
    }
    endResetModel();
}

bool SqlRowsModel::isBytesColumn(int column) const
{
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const JsonValue *v = cell(r, column);
        if (v && !v->isNull() && !QueryLog::decodeBytes(*v))
            return false;
    }
    return true;
}

const JsonValue *SqlRowsModel::cell(int row, int column) const
{
    const JsonValue &r = m_rows[size_t(row)];
    if (m_positional) {
        const JsonValue *list = r.find(u"row");
        return list && column < list->size() ? &list->toArray()[size_t(column)] : nullptr;
    }
    if (r.isArray())
        return column < r.size() ? &r.toArray()[size_t(column)] : nullptr;
    return r.find(m_columns.at(column));
}

int SqlRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SqlRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant SqlRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JsonValue *v = cell(index.row(), index.column());
    const bool null = !v || v->isNull();
    switch (role) {
    case Qt::DisplayRole: {
        if (!v)
            return QString();
        QString text = QueryLog::displayValue(*v, m_hints.at(index.column()));
        text.replace(QLatin1String("\r\n"), QStringLiteral("\u21b5"));
        text.replace(QLatin1Char('\n'), QChar(0x21b5));
        if (text.size() > MaxCellLength)
            text = text.left(MaxCellLength - 1) + QChar(0x2026);
        return text;
    }
    case Qt::ToolTipRole:
    case FullTextRole: {
        if (!v)
            return role == FullTextRole ? QVariant(QString()) : QVariant(tr("(missing from this row)"));
        const QString text = QueryLog::displayValue(*v, m_hints.at(index.column()));
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
    if (orientation == Qt::Horizontal && section >= 0 && section < m_columns.size()) {
        if (role == Qt::DisplayRole)
            return m_columns.at(section);
        if (role == Qt::ToolTipRole) {
            QString tip = m_columnTips.value(section);
            if (m_hints.at(section) == QueryLog::ValueHint::Bytes)
                tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Bytes, shown as hex");
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
    }
    if (orientation == Qt::Vertical && role == Qt::DisplayRole && section >= 0 && section < rowCount())
        return section + 1;
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace tapedeck
