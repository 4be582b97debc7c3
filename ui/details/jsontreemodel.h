// SPDX-License-Identifier: MIT
// A collapsible tree over a JSON value (an MCP's aspect): a flat node table built once (off the GUI
// thread) and a thin QAbstractItemModel over it, with key, value and type columns.
#pragma once

#include "core/common/jsonvalue.h"

#include <QAbstractItemModel>

#include <vector>

namespace tapedeck {

struct JsonTree
{
    struct Node
    {
        QString key; // member name, or "[i]" for array elements
        int parent = -1;
        int row = 0; // position among its parent's children
        std::vector<int> children;
        JsonValue::Type type = JsonValue::Type::Null;
        QString value; // scalars: as JSON writes them (strings quoted); containers: empty
    };

    // nodes[0] is an invisible root; an object's members or an array's elements hang from it, a scalar
    // root becomes its one child.
    std::vector<Node> nodes;

    static JsonTree build(const JsonValue &root);
    // Where a node sits, as a JSONPath-like string: $.fields[0].nativeDataType
    QString path(int node) const;
    int size() const { return int(nodes.size()); }
};

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
