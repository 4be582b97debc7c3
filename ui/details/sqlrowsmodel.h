// SPDX-License-Identifier: MIT
// The result rows of one recorded SQL query as a table: column names from the cursor description,
// cells formatted as DataHub's values read (datetimes, bytes as hex, NULL).
#pragma once

#include "core/recording/sqlquery.h"

#include <QAbstractTableModel>

namespace tapedeck {

class SqlRowsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SqlRowsModel)

public:
    enum Role {
        FullTextRole = Qt::UserRole + 1, // QString: the whole cell, not cut
        IsNullRole, // bool: the cell is JSON null (or missing from its row)
    };

    // Cells longer than this are cut in the table (tooltips and FullTextRole hold the whole value).
    static constexpr qsizetype MaxCellLength = 300;

    explicit SqlRowsModel(QObject *parent = nullptr);

    void setQuery(const SqlQuery &query);
    void clear();
    const QStringList &columns() const { return m_columns; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const JsonValue *cell(int row, int column) const;
    bool isBytesColumn(int column) const;

    JsonArray m_rows;
    QStringList m_columns;
    QList<QueryLog::ValueHint> m_hints;
    QStringList m_columnTips; // the description tuple of each column, as JSON
    bool m_positional = false; // {"row": [...]} rows (no cursor description)
};

} // namespace tapedeck
