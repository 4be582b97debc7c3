// SPDX-License-Identifier: MIT
// One YAML node of a cassette interaction as the cassette reader keeps it. libyaml's events and the layout
// scanner's own reading of a standard interaction both build this tree, and one interpretation turns it
// into an HttpExchange, so the two ways of reading cannot drift apart after the tree.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <string_view>
#include <vector>

namespace tapedeck {

inline constexpr std::string_view CassetteTagNull = "tag:yaml.org,2002:null";
inline constexpr std::string_view CassetteTagBinary = "tag:yaml.org,2002:binary";

// Where a node stands on the way to an interaction's response body text (interactions[i].response.body.string),
// the one scalar summary reading measures instead of copying, in every way of reading a cassette: a long
// header value or reason is read whole.
enum class BodyPath : quint8 { Elsewhere, Response, Body, String };

// The place of the value under key in a mapping at place parent; item: the mapping is an interaction.
inline BodyPath bodyPathBelow(BodyPath parent, bool item, QByteArrayView key)
{
    if (item && key == "response")
        return BodyPath::Response;
    if (parent == BodyPath::Response && key == "body")
        return BodyPath::Body;
    if (parent == BodyPath::Body && key == "string")
        return BodyPath::String;
    return BodyPath::Elsewhere;
}

// Mapping items alternate key, value.
struct CassetteNode
{
    enum class Type : quint8 { Scalar, Mapping, Sequence };
    Type type = Type::Scalar;
    bool plain = true;
    int line = 0;
    QByteArray tag;
    QByteArray value;
    qint64 elidedSize = -1; // summary mode: a large scalar's decoded size; its value was not copied
    std::vector<CassetteNode> items;

    bool hasTag(std::string_view t) const
    {
        return std::string_view(tag.constData(), size_t(tag.size())) == t;
    }
    bool isNull() const
    {
        if (type != Type::Scalar || elidedSize >= 0) // an elided scalar was long: never null
            return false;
        if (hasTag(CassetteTagNull))
            return true;
        return tag.isEmpty() && plain
            && (value.isEmpty() || value == "null" || value == "~" || value == "Null" || value == "NULL");
    }
    const CassetteNode *get(std::string_view key) const
    {
        if (type != Type::Mapping)
            return nullptr;
        for (size_t i = 0; i + 1 < items.size(); i += 2) {
            const CassetteNode &k = items[i];
            if (k.type == Type::Scalar
                && std::string_view(k.value.constData(), size_t(k.value.size())) == key)
                return &items[i + 1];
        }
        return nullptr;
    }
};

} // namespace tapedeck
