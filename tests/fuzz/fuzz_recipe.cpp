// SPDX-License-Identifier: MIT
// recipe.yaml: YAML parsing into the display tree, aliases expanded, secrets found.
//
// Input: the recipe's bytes.
// Invariants:
// - an error carries a message naming the recipe;
// - a parsed tree is bounded: no more containers nested than the one nesting rule allows
//   (Nesting::MaxDepth), no more than a million nodes (aliases counted as expanded);
// - every node's line is within the text, and scalars have no children;
// - the redacted secrets are found (replayDummyPaths) exactly once per redacted scalar;
// - the replay recipe made from it is refused with a message naming the recipe, or is YAML the parser reads
//   again, from which a second replay recipe changes nothing.
#include "core/archive/recipe.h"
#include "core/common/nesting.h"
#include "core/replay/replayrecipe.h"
#include "fuzzsupport.h"

#include <vector>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

const QString Origin = QStringLiteral("fuzz/recipe.yaml");
constexpr qsizetype MaxNodes = 1'000'000;

struct Shape
{
    qsizetype nodes = 0;
    int depth = 0; // containers nested
    qsizetype dummies = 0;
};

// Iterative, so that checking a tree never overflows the stack the parser was meant to protect.
Shape shapeOf(const RecipeNode &root, int lines)
{
    Shape shape;
    std::vector<std::pair<const RecipeNode *, int>> pending { { &root, 0 } };
    while (!pending.empty()) {
        const auto [node, depth] = pending.back();
        pending.pop_back();
        ++shape.nodes;
        const bool container = node->type != RecipeNode::Type::Scalar;
        const int nested = depth + (container ? 1 : 0);
        shape.depth = std::max(shape.depth, nested);
        if (node->isReplayDummy())
            ++shape.dummies;
        FUZZ_CHECK(node->line >= 0 && node->line <= lines,
            QStringLiteral("a node on line %1 of a %2-line recipe").arg(node->line).arg(lines));
        FUZZ_CHECK(container || node->children.isEmpty(), QStringLiteral("a scalar with children"));
        for (const RecipeNode &child : node->children)
            pending.emplace_back(&child, nested);
    }
    return shape;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray yaml(reinterpret_cast<const char *>(bytes), qsizetype(size));
    const Result<Recipe> recipe = Recipe::parse(yaml, Origin);
    if (!recipe) {
        FUZZ_CHECK_ERROR(recipe.error());
        FUZZ_CHECK(recipe.error().message.contains(Origin), recipe.error().message);
        return 0;
    }
    // libyaml counts a line for every break (\n, \r, \r\n, NEL, LS, PS): counting \r and \n apart bounds it;
    // and it starts a line at the end of a stream that does not end in a break.
    const int lines = int(yaml.count('\n') + yaml.count('\r') + yaml.count("\xc2\x85")
                          + yaml.count("\xe2\x80\xa8") + yaml.count("\xe2\x80\xa9"))
        + 2;
    const Shape shape = shapeOf(recipe->root, lines);
    FUZZ_CHECK(shape.depth <= Nesting::MaxDepth,
        QStringLiteral("a tree %1 containers deep was accepted").arg(shape.depth));
    FUZZ_CHECK(shape.nodes <= MaxNodes + 1, QStringLiteral("%1 nodes were accepted").arg(shape.nodes));
    FUZZ_CHECK(recipe->replayDummyPaths().size() == shape.dummies,
        QStringLiteral("%1 redacted scalars, %2 paths found")
            .arg(shape.dummies)
            .arg(recipe->replayDummyPaths().size()));

    replay::ReplayRecipeOptions options;
    options.gmsUrl = QStringLiteral("http://127.0.0.1:8080");
    options.postgresPort = 5432;
    options.origin = Origin;
    const Result<replay::ReplayRecipe> replayRecipe = replay::makeReplayRecipe(yaml, options);
    if (!replayRecipe) {
        FUZZ_CHECK_ERROR(replayRecipe.error());
        FUZZ_CHECK(replayRecipe.error().code == ErrorCode::InvalidInput
                && replayRecipe.error().message.contains(Origin),
            replayRecipe.error().message);
        return 0;
    }
    const Result<replay::ReplayRecipe> again = replay::makeReplayRecipe(replayRecipe->yaml, options);
    FUZZ_CHECK(again.ok(), again.ok() ? QString() : again.error().message);
    FUZZ_CHECK(again->changes.isEmpty(), again->changes.join(QLatin1Char('\n')));
    return 0;
}
