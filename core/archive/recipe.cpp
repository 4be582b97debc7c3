// SPDX-License-Identifier: MIT
// recipe.yaml parsing through libyaml's event parser.
#include "core/archive/recipe.h"

#include "core/common/aliasexpansion.h"
#include "core/common/nesting.h"
#include "core/common/utf8.h"

#include <QHash>

#include <memory>
#include <yaml.h>

namespace tapedeck {

namespace {

// Nodes in a recipe, expanded aliases included: recipes hold a few hundred; the display tree stays small.
constexpr qsizetype MaxNodes = 1'000'000;

struct ParserDeleter
{
    void operator()(yaml_parser_t *p) const
    {
        yaml_parser_delete(p);
        delete p;
    }
};

void collectDummies(const RecipeNode &node, const QString &path, QStringList &out)
{
    if (node.isReplayDummy())
        out.append(path);
    for (qsizetype i = 0; i < node.children.size(); ++i) {
        const RecipeNode &child = node.children.at(i);
        const QString childPath = node.type == RecipeNode::Type::Sequence
            ? path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']')
            : (path.isEmpty() ? child.key : path + QLatin1Char('.') + child.key);
        collectDummies(child, childPath, out);
    }
}

QString text(const yaml_char_t *s)
{
    return s ? decodeUtf8(reinterpret_cast<const char *>(s)) : QString();
}

} // namespace

bool RecipeNode::isNull() const
{
    return type == Type::Scalar && plain
        && (value.isEmpty() || value == QLatin1String("~") || value == QLatin1String("null")
            || value == QLatin1String("Null") || value == QLatin1String("NULL"));
}

bool RecipeNode::isReplayDummy() const
{
    return type == Type::Scalar && value.contains(Recipe::ReplayDummyMarker);
}

Result<Recipe> Recipe::parse(const QByteArray &yaml, const QString &origin)
{
    std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
    if (!yaml_parser_initialize(parser.get()))
        return makeError(ErrorCode::Io, tr("the YAML parser could not be initialised"));
    yaml_parser_set_input_string(
        parser.get(), reinterpret_cast<const unsigned char *>(yaml.constData()), size_t(yaml.size()));

    // Nodes under construction; the last is the innermost open mapping or sequence.
    QList<RecipeNode> stack;
    // Per open node: is the next scalar a key, the pending key and its line, its anchor, the node count
    // when it opened and the deepest nesting below it so far.
    struct Open
    {
        bool expectingKey = true;
        QString pendingKey;
        QString pendingKeyTag;
        bool pendingKeyPlain = true;
        bool pendingKeyComplex = false;
        int pendingKeyLine = 0;
        QString anchor;
        qsizetype nodesBefore = 0;
        int levelsBelow = 0;
        qint64 bytes = 0; // scalar text below it
    };
    QList<Open> open;
    // An anchored node, and what repeating it adds (the same measures the cassette reader uses).
    struct Anchor
    {
        RecipeNode node;
        qsizetype nodes = 0;
        qint64 bytes = 0;
        int levels = 0; // nested mappings and sequences in it (0 for a scalar)
    };
    QHash<QString, Anchor> anchors;
    AliasExpansion expansion(yaml.size());
    std::optional<RecipeNode> root;
    qsizetype nodes = 0;

    const auto fail = [&](const QString &problem, const yaml_mark_t &mark) -> Status {
        return makeError(
            ErrorCode::InvalidInput, tr("%1: %2 (line %3)").arg(origin, problem).arg(mark.line + 1));
    };
    // Hangs a finished node (nodes and scalar bytes in it, levels of nesting it holds) into its parent.
    const auto place
        = [&](RecipeNode node, const QString &anchor, qsizetype count, qint64 bytes, int levels) -> Status {
        if (!anchor.isEmpty())
            anchors.insert(anchor, Anchor { node, count, bytes, levels });
        if (stack.isEmpty()) {
            if (!root)
                root = std::move(node);
            return success();
        }
        Open &parent = open.last();
        parent.levelsBelow = std::max(parent.levelsBelow, levels);
        parent.bytes += bytes;
        if (stack.last().type == RecipeNode::Type::Mapping) {
            if (parent.expectingKey) {
                // Complex (non-scalar) keys are rare in recipes; show them by their first line.
                const bool complex = node.type != RecipeNode::Type::Scalar;
                parent.pendingKey = complex ? tr("<complex key>") : node.value;
                parent.pendingKeyTag = node.tag;
                parent.pendingKeyPlain = !complex && node.plain;
                parent.pendingKeyComplex = complex;
                parent.pendingKeyLine = node.line;
                parent.expectingKey = false;
                return success();
            }
            node.key = parent.pendingKey;
            node.keyTag = parent.pendingKeyTag;
            node.keyPlain = parent.pendingKeyPlain;
            node.keyComplex = parent.pendingKeyComplex;
            node.line = parent.pendingKeyLine; // a value is shown on its key's line
            parent.expectingKey = true;
        }
        stack.last().children.append(std::move(node));
        return success();
    };
    const auto tooMany = [&] {
        return makeError(
            ErrorCode::InvalidInput, tr("%1 expands to more than %2 nodes").arg(origin).arg(MaxNodes));
    };

    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(parser.get(), &event)) {
            const yaml_mark_t mark = parser->problem_mark;
            QString detail = QString::fromUtf8(parser->problem ? parser->problem : "syntax error");
            if (parser->context)
                detail += QLatin1String(" ") + QString::fromUtf8(parser->context);
            return makeError(ErrorCode::InvalidInput,
                tr("%1 is not valid YAML (line %2, column %3: %4)")
                    .arg(origin)
                    .arg(mark.line + 1)
                    .arg(mark.column + 1)
                    .arg(detail));
        }
        const yaml_event_type_t type = event.type;
        Status status = success();
        switch (type) {
        case YAML_SCALAR_EVENT: {
            if (++nodes > MaxNodes) {
                status = tooMany();
                break;
            }
            RecipeNode node;
            node.type = RecipeNode::Type::Scalar;
            node.value = decodeUtf8(QByteArrayView(
                reinterpret_cast<const char *>(event.data.scalar.value), qsizetype(event.data.scalar.length)));
            node.tag = text(event.data.scalar.tag);
            node.plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            node.line = int(event.start_mark.line) + 1;
            status = place(
                std::move(node), text(event.data.scalar.anchor), 1, qint64(event.data.scalar.length), 0);
            break;
        }
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            // Recursion over the tree (display, secrets) stays bounded, and a 100,000-deep recipe costs
            // no more than reading it up to here.
            if (stack.size() >= Nesting::MaxDepth) {
                status = fail(Nesting::tooDeep(), event.start_mark);
                break;
            }
            if (++nodes > MaxNodes) {
                status = tooMany();
                break;
            }
            RecipeNode node;
            const bool mapping = type == YAML_MAPPING_START_EVENT;
            node.type = mapping ? RecipeNode::Type::Mapping : RecipeNode::Type::Sequence;
            node.tag = text(mapping ? event.data.mapping_start.tag : event.data.sequence_start.tag);
            node.line = int(event.start_mark.line) + 1;
            Open o;
            o.anchor = text(mapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor);
            o.nodesBefore = nodes - 1;
            stack.append(std::move(node));
            open.append(std::move(o));
            break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
            RecipeNode node = stack.takeLast();
            const Open o = open.takeLast();
            status = place(std::move(node), o.anchor, nodes - o.nodesBefore, o.bytes, o.levelsBelow + 1);
            break;
        }
        case YAML_ALIAS_EVENT: {
            const QString name = text(event.data.alias.anchor);
            const auto it = anchors.constFind(name);
            if (it == anchors.cend()) {
                status = makeError(ErrorCode::InvalidInput,
                    tr("%1 uses an undefined alias *%2 (line %3)")
                        .arg(origin, name)
                        .arg(event.start_mark.line + 1));
            } else if (stack.size() + it->levels > Nesting::MaxDepth) {
                status = fail(Nesting::tooDeep(), event.start_mark);
            } else if (const qint64 cost = AliasExpansion::costOf(it->nodes, it->bytes);
                       !expansion.spend(cost, expansion.spent() + cost)) { // the whole tree is held
                status = fail(expansion.exceeded(), event.start_mark);
            } else if ((nodes += it->nodes) > MaxNodes) {
                status = tooMany();
            } else {
                // The copy shares its children with the anchor (QList is implicitly shared).
                status = place(it->node, QString(), it->nodes, it->bytes, it->levels);
            }
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&event);
        if (!status)
            return status.error();
        if (type == YAML_DOCUMENT_END_EVENT || type == YAML_STREAM_END_EVENT)
            break;
    }

    Recipe recipe;
    if (root) {
        recipe.root = std::move(*root);
    } else {
        recipe.root.type = RecipeNode::Type::Mapping; // an empty document is an empty recipe
    }
    return recipe;
}

QStringList Recipe::replayDummyPaths() const
{
    QStringList paths;
    collectDummies(root, QString(), paths);
    return paths;
}

QString Recipe::scalar(const QString &dottedPath) const
{
    const RecipeNode *node = &root;
    for (const QString &part : dottedPath.split(QLatin1Char('.'))) {
        if (node->type != RecipeNode::Type::Mapping)
            return {};
        const auto it = std::find_if(node->children.cbegin(), node->children.cend(),
            [&](const RecipeNode &c) { return c.key == part; });
        if (it == node->children.cend())
            return {};
        node = &*it;
    }
    return node->type == RecipeNode::Type::Scalar ? node->value : QString();
}

} // namespace tapedeck
