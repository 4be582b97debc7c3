// SPDX-License-Identifier: MIT
// JSON tree model.
#include "ui/details/jsontreemodel.h"

#include "ui/widgets/highlighters.h"

#include <QGuiApplication>
#include <QPalette>

namespace tapedeck {

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_tree.nodes.emplace_back();
}

void JsonTreeModel::setTree(JsonTree tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    if (m_tree.nodes.empty())
        m_tree.nodes.emplace_back();
    endResetModel();
}

void JsonTreeModel::clear()
{
    setTree({});
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const JsonTree::Node &node = m_tree.nodes[size_t(nodeOf(parent))];
    if (row >= int(node.children.size()))
        return {};
    return createIndex(row, column, quintptr(node.children[size_t(row)]));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parent = m_tree.nodes[size_t(nodeOf(child))].parent;
    if (parent <= 0)
        return {};
    return createIndex(m_tree.nodes[size_t(parent)].row, 0, quintptr(parent));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(m_tree.nodes[size_t(nodeOf(parent))].children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString JsonTreeModel::typeName(JsonValue::Type type) const
{
    switch (type) {
    case JsonValue::Type::Null:
        return tr("null");
    case JsonValue::Type::Bool:
        return tr("boolean");
    case JsonValue::Type::Integer:
    case JsonValue::Type::Double:
        return tr("number");
    case JsonValue::Type::String:
        return tr("string");
    case JsonValue::Type::Array:
        return tr("array");
    case JsonValue::Type::Object:
        return tr("object");
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int n = nodeOf(index);
    const JsonTree::Node &node = m_tree.nodes[size_t(n)];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return node.key;
        case ValueColumn:
            if (node.type == JsonValue::Type::Object) {
                const int count = int(node.children.size());
                return count == 1 ? tr("{1 key}") : tr("{%n keys}", nullptr, count);
            }
            if (node.type == JsonValue::Type::Array) {
                const int count = int(node.children.size());
                return count == 1 ? tr("[1 item]") : tr("[%n items]", nullptr, count);
            }
            return node.value.size() > MaxShownValue ? node.value.left(MaxShownValue) + QChar(0x2026)
                                                     : node.value;
        case TypeColumn:
            return typeName(node.type);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && node.value.size() > 80)
            return node.value.left(4096);
        if (index.column() == KeyColumn)
            return m_tree.path(n);
        return {};
    case Qt::ForegroundRole: {
        if (index.column() != ValueColumn)
            return {};
        const SyntaxTheme theme = SyntaxTheme::forPalette(QGuiApplication::palette());
        switch (node.type) {
        case JsonValue::Type::String:
            return theme.format(SyntaxStyle::String).foreground().color();
        case JsonValue::Type::Integer:
        case JsonValue::Type::Double:
            return theme.format(SyntaxStyle::Number).foreground().color();
        case JsonValue::Type::Bool:
        case JsonValue::Type::Null:
            return theme.format(SyntaxStyle::Literal).foreground().color();
        default:
            return theme.format(SyntaxStyle::Punctuation).foreground().color();
        }
    }
    case PathRole:
        return m_tree.path(n);
    case JsonTypeRole:
        return int(node.type);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace tapedeck
