// SPDX-License-Identifier: MIT
// Tree model over a recipe.yaml (RecipeNode tree), marking the secrets DataHub replaced by __REPLAY_DUMMY__.
#pragma once

#include "core/archive/recipe.h"

#include <QAbstractItemModel>
#include <QIcon>

#include <optional>

namespace tapedeck {

class RecipeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecipeModel)

public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };
    enum Role {
        ReplayDummyRole = Qt::UserRole + 1, // bool: a value DataHub redacted
        PathRole, // dotted path, e.g. "source.config.client_secret"
    };

    explicit RecipeModel(QObject *parent = nullptr);

    void setRecipe(const std::optional<Recipe> &recipe);
    bool hasRecipe() const { return m_recipe.has_value(); }
    int replayDummyCount() const { return m_dummyCount; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // A flat index over the node tree: a node's model index carries its position in m_items.
    struct Item
    {
        const RecipeNode *node = nullptr;
        qsizetype parent = -1; // -1 for top-level rows
        int row = 0;
        QList<qsizetype> children;
        QString key; // "name" in mappings, "[i]" in sequences
        QString path;
    };

    void addChildren(qsizetype parentItem, const RecipeNode &node, const QString &path);
    const Item *itemAt(const QModelIndex &index) const;
    QVariant valueDisplay(const RecipeNode &node) const;
    QString valueToolTip(const Item &item) const;

    std::optional<Recipe> m_recipe; // owns the nodes the items point into
    QList<Item> m_items;
    QList<qsizetype> m_topLevel;
    int m_dummyCount = 0;
    QIcon m_redactedIcon;
};

} // namespace tapedeck
