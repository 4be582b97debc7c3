// SPDX-License-Identifier: MIT
// recipe.yaml parsing through libyaml's event parser.
#include "core/archive/recipe.h"

#include <QHash>

#include <memory>
#include <yaml.h>

namespace tapedeck {

namespace {

// Expanded aliases count too, so a "billion laughs" recipe stops here instead of eating memory.
constexpr qsizetype MaxNodes = 1'000'000;

struct ParserDeleter
{
    void operator()(yaml_parser_t *p) const
    {
        yaml_parser_delete(p);
        delete p;
    }
};

qsizetype countNodes(const RecipeNode &node)
{
    qsizetype n = 1;
    for (const RecipeNode &child : node.children)
        n += countNodes(child);
    return n;
}

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
    return s ? QString::fromUtf8(reinterpret_cast<const char *>(s)) : QString();
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
    QList<bool> expectingKey; // per open mapping: is the next scalar a key?
    QList<QString> pendingKey;
    QList<int> pendingKeyLine;
    QHash<QString, RecipeNode> anchors;
    QList<QString> openAnchors;
    std::optional<RecipeNode> root;
    qsizetype nodes = 0;

    const auto place = [&](RecipeNode node, const QString &anchor) -> Status {
        nodes += countNodes(node);
        if (nodes > MaxNodes)
            return makeError(
                ErrorCode::InvalidInput, tr("%1 expands to more than %2 nodes").arg(origin).arg(MaxNodes));
        if (!anchor.isEmpty())
            anchors.insert(anchor, node);
        if (stack.isEmpty()) {
            if (!root)
                root = std::move(node);
            return success();
        }
        RecipeNode &parent = stack.last();
        if (parent.type == RecipeNode::Type::Mapping) {
            if (expectingKey.last()) {
                // Complex (non-scalar) keys are rare in recipes; show them by their first line.
                pendingKey.last() = node.type == RecipeNode::Type::Scalar ? node.value : tr("<complex key>");
                pendingKeyLine.last() = node.line;
                expectingKey.last() = false;
                return success();
            }
            node.key = pendingKey.last();
            node.line = pendingKeyLine.last(); // a value is shown on its key's line
            expectingKey.last() = true;
        }
        parent.children.append(std::move(node));
        return success();
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
            RecipeNode node;
            node.type = RecipeNode::Type::Scalar;
            node.value = QString::fromUtf8(
                reinterpret_cast<const char *>(event.data.scalar.value), qsizetype(event.data.scalar.length));
            node.tag = text(event.data.scalar.tag);
            node.plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            node.line = int(event.start_mark.line) + 1;
            status = place(std::move(node), text(event.data.scalar.anchor));
            break;
        }
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
            RecipeNode node;
            const bool mapping = type == YAML_MAPPING_START_EVENT;
            node.type = mapping ? RecipeNode::Type::Mapping : RecipeNode::Type::Sequence;
            node.tag = text(mapping ? event.data.mapping_start.tag : event.data.sequence_start.tag);
            node.line = int(event.start_mark.line) + 1;
            openAnchors.append(
                text(mapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor));
            stack.append(std::move(node));
            expectingKey.append(true);
            pendingKey.append(QString());
            pendingKeyLine.append(0);
            break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
            RecipeNode node = stack.takeLast();
            expectingKey.removeLast();
            pendingKey.removeLast();
            pendingKeyLine.removeLast();
            status = place(std::move(node), openAnchors.takeLast());
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
            } else {
                status = place(*it, QString());
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
