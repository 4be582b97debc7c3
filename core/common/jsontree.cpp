// SPDX-License-Identifier: MIT
// JSON node table.
#include "core/common/jsontree.h"

#include "core/common/utf8.h"

#include <QStringList>

#include <algorithm>

namespace tapedeck {

namespace {

void addChildren(JsonTree &tree, int parent, const JsonValue &value);

int addNode(JsonTree &tree, int parent, QString key, const JsonValue &value)
{
    const int index = int(tree.nodes.size());
    JsonTree::Node node;
    node.key = std::move(key);
    node.parent = parent;
    node.row = int(tree.nodes[size_t(parent)].children.size());
    node.type = value.type();
    if (!value.isArray() && !value.isObject())
        node.value = decodeUtf8(pythonDumps(value, false, false));
    tree.nodes.push_back(std::move(node));
    tree.nodes[size_t(parent)].children.push_back(index);
    addChildren(tree, index, value);
    return index;
}

void addChildren(JsonTree &tree, int parent, const JsonValue &value)
{
    if (value.isObject()) {
        for (const JsonMember &member : value.toObject())
            addNode(tree, parent, member.key, member.value);
    } else if (value.isArray()) {
        const JsonArray &items = value.toArray();
        for (size_t i = 0; i < items.size(); ++i)
            addNode(tree, parent, QStringLiteral("[%1]").arg(i), items[i]);
    }
}

bool isIdentifier(const QString &key)
{
    if (key.isEmpty() || key[0].isDigit())
        return false;
    return std::all_of(key.begin(), key.end(), [](QChar c) { return c.isLetterOrNumber() || c == u'_'; });
}

} // namespace

JsonTree JsonTree::build(const JsonValue &root)
{
    JsonTree tree;
    tree.nodes.emplace_back();
    tree.nodes[0].type = root.type();
    if (root.isObject() || root.isArray())
        addChildren(tree, 0, root);
    else
        addNode(tree, 0, QString(), root);
    return tree;
}

QString JsonTree::path(int node) const
{
    QStringList parts;
    for (int n = node; n > 0; n = nodes[size_t(n)].parent) {
        const QString &key = nodes[size_t(n)].key;
        const bool element = nodes[size_t(nodes[size_t(n)].parent)].type == JsonValue::Type::Array;
        if (element)
            parts.prepend(key);
        else if (isIdentifier(key))
            parts.prepend(QLatin1Char('.') + key);
        else
            parts.prepend(QStringLiteral("['%1']").arg(key));
    }
    return QLatin1Char('$') + parts.join(QString());
}

} // namespace tapedeck
