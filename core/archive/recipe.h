// SPDX-License-Identifier: MIT
// The recording's recipe.yaml as a tree for display, with DataHub's redacted secrets identifiable.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace tapedeck {

struct RecipeNode
{
    enum class Type { Mapping, Sequence, Scalar };

    Type type = Type::Scalar;
    QString key; // the key in the parent mapping; empty for sequence items and the root
    QString keyTag; // the key's explicit YAML tag, if any
    bool keyPlain = true; // the key was an unquoted scalar (may mean null, a bool or a number)
    bool keyComplex = false; // the key was a mapping or sequence (key holds "<complex key>")
    QString value; // scalar text
    QString tag; // explicit YAML tag, if any
    bool plain = true; // an unquoted scalar (may mean null, a bool or a number)
    int line = 0; // 1-based
    QList<RecipeNode> children;

    bool isNull() const;
    // DataHub replaces secrets by this marker before storing the recipe.
    bool isReplayDummy() const;
};

class Recipe
{
    Q_DECLARE_TR_FUNCTIONS(Recipe)

public:
    static inline const QString FileName = QStringLiteral("recipe.yaml");
    static inline const QString ReplayDummyMarker = QStringLiteral("__REPLAY_DUMMY__");

    static Result<Recipe> parse(const QByteArray &yaml, const QString &origin);

    RecipeNode root;

    // Dotted paths ("source.config.client_secret", "sink.config.headers[0]") of every redacted value.
    QStringList replayDummyPaths() const;
    // A scalar by dotted mapping path, e.g. "source.type"; empty when absent.
    QString scalar(const QString &dottedPath) const;
};

} // namespace tapedeck
