// SPDX-License-Identifier: MIT
// Tree model over a recipe.yaml.
#include "ui/overview/recipemodel.h"

#include "ui/widgets/icons.h"

#include <QBrush>
#include <QFont>

namespace tapedeck {

namespace {

const QColor RedactedColour(0x6a, 0x1b, 0x9a);

QString childKey(const RecipeNode &parent, const RecipeNode &child, qsizetype row)
{
    return parent.type == RecipeNode::Type::Sequence ? QStringLiteral("[%1]").arg(row) : child.key;
}

QString childPath(const RecipeNode &parent, const QString &parentPath, const QString &key)
{
    if (parent.type == RecipeNode::Type::Sequence)
        return parentPath + key;
    return parentPath.isEmpty() ? key : parentPath + QLatin1Char('.') + key;
}

} // namespace

RecipeModel::RecipeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_redactedIcon(icons::redacted())
{ }

void RecipeModel::setRecipe(const std::optional<Recipe> &recipe)
{
    beginResetModel();
    m_items.clear();
    m_topLevel.clear();
    m_dummyCount = 0;
    m_recipe = recipe;
    if (m_recipe) {
        const RecipeNode &root = m_recipe->root;
        if (root.type == RecipeNode::Type::Scalar) {
            // A recipe that is a bare scalar is not a recipe, but it is still shown as what it is.
            if (!root.value.isEmpty()) {
                m_items.append(Item { &root, -1, 0, {}, tr("(document)"), QString() });
                m_topLevel.append(0);
                m_dummyCount += root.isReplayDummy() ? 1 : 0;
            }
        } else {
            addChildren(-1, root, QString());
        }
    }
    endResetModel();
}

void RecipeModel::addChildren(qsizetype parentItem, const RecipeNode &node, const QString &path)
{
    for (qsizetype i = 0; i < node.children.size(); ++i) {
        const RecipeNode &child = node.children.at(i);
        const QString key = childKey(node, child, i);
        const QString itemPath = childPath(node, path, key);
        const qsizetype index = m_items.size();
        m_items.append(Item { &child, parentItem, int(i), {}, key, itemPath });
        if (parentItem < 0)
            m_topLevel.append(index);
        else
            m_items[parentItem].children.append(index);
        if (child.isReplayDummy())
            ++m_dummyCount;
        addChildren(index, child, itemPath);
    }
}

const RecipeModel::Item *RecipeModel::itemAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const auto position = qsizetype(index.internalId());
    return position < m_items.size() ? &m_items.at(position) : nullptr;
}

QModelIndex RecipeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const QList<qsizetype> &rows = parent.isValid() ? itemAt(parent)->children : m_topLevel;
    return createIndex(row, column, quintptr(rows.at(row)));
}

QModelIndex RecipeModel::parent(const QModelIndex &child) const
{
    const Item *item = itemAt(child);
    if (!item || item->parent < 0)
        return {};
    return createIndex(m_items.at(item->parent).row, 0, quintptr(item->parent));
}

int RecipeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_topLevel.size());
    // Only the first column has children, as QTreeView expects.
    if (parent.column() != 0)
        return 0;
    const Item *item = itemAt(parent);
    return item ? int(item->children.size()) : 0;
}

int RecipeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RecipeModel::valueDisplay(const RecipeNode &node) const
{
    const int count = int(node.children.size());
    switch (node.type) {
    // Singular and plural are separate source strings: the untranslated English must read right too.
    case RecipeNode::Type::Mapping:
        return count == 1 ? tr("1 key") : tr("%n keys", nullptr, count);
    case RecipeNode::Type::Sequence:
        return count == 1 ? tr("1 item") : tr("%n items", nullptr, count);
    case RecipeNode::Type::Scalar:
        break;
    }
    if (node.isNull())
        return QStringLiteral("null");
    // One line per cell; the tooltip has the full text.
    QString text = node.value;
    while (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    text.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    return text;
}

QString RecipeModel::valueToolTip(const Item &item) const
{
    const RecipeNode &node = *item.node;
    QStringList lines;
    if (node.isReplayDummy())
        lines << tr("Secret redacted by DataHub: the recording keeps only the placeholder %1.")
                     .arg(Recipe::ReplayDummyMarker);
    else if (node.type == RecipeNode::Type::Scalar
        && (node.value.contains(QLatin1Char('\n')) || node.value.size() > 32))
        lines << node.value; // long values are elided in the cell
    if (!node.tag.isEmpty())
        lines << tr("YAML tag: %1").arg(node.tag);
    if (!item.path.isEmpty())
        lines << tr("Path: %1 (line %2)").arg(item.path).arg(node.line);
    return lines.join(QLatin1Char('\n'));
}

QVariant RecipeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Item *item = itemAt(index);
    if (!item)
        return {};
    const RecipeNode &node = *item->node;
    const bool dummy = node.isReplayDummy();
    const bool value = index.column() == ValueColumn;

    switch (role) {
    case Qt::DisplayRole:
        return value ? valueDisplay(node) : QVariant(item->key);
    case Qt::ToolTipRole:
        return valueToolTip(*item);
    case Qt::DecorationRole:
        return value && dummy ? QVariant(m_redactedIcon) : QVariant();
    case Qt::ForegroundRole:
        if (value && dummy)
            return QBrush(RedactedColour);
        return {};
    case Qt::FontRole:
        // Summaries of mappings and sequences and YAML nulls are not values the user wrote: italic.
        if (value && (dummy || node.type != RecipeNode::Type::Scalar || node.isNull())) {
            QFont font;
            font.setItalic(!dummy);
            font.setBold(dummy);
            return font;
        }
        return {};
    case ReplayDummyRole:
        return dummy;
    case PathRole:
        return item->path;
    default:
        return {};
    }
}

QVariant RecipeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

} // namespace tapedeck
