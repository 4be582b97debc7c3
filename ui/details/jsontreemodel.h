// SPDX-License-Identifier: MIT
// A collapsible tree over a JSON value (an MCP's aspect): a thin QAbstractItemModel over core's JsonTree,
// with key, value and type columns.
#pragma once

#include "core/common/jsontree.h"

#include <QAbstractItemModel>

#include <vector>

namespace tapedeck {

class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString: $.a.b[2]
        JsonTypeRole, // int(JsonValue::Type)
    };

    // Longer string values are cut in the Value column (the tooltip holds more).
    static constexpr qsizetype MaxShownValue = 500;

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setTree(JsonTree tree);
    const JsonTree &tree() const { return m_tree; }
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int nodeOf(const QModelIndex &index) const { return index.isValid() ? int(index.internalId()) : 0; }
    QString typeName(JsonValue::Type type) const;

    JsonTree m_tree;
};

} // namespace tapedeck
