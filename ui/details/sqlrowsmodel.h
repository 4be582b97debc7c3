// SPDX-License-Identifier: MIT
// The result rows of one recorded SQL query as a table: a thin model over core's SqlRows, which holds the
// column and cell rules `tapedeck-cli show` applies too.
#pragma once

#include "core/recording/sqlrows.h"

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

    void setRows(SqlRows rows);
    void clear();
    const QStringList &columns() const { return m_rows.columns(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    SqlRows m_rows;
};

} // namespace tapedeck
