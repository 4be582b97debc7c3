// SPDX-License-Identifier: MIT
// A JSON value as a flat table of nodes (key, type, scalar text, parent and children), built once off the
// GUI thread for the aspect tree, with JSONPath-like paths to each node.
#pragma once

#include "core/common/jsonvalue.h"

#include <QString>

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

} // namespace tapedeck
