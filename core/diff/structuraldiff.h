// SPDX-License-Identifier: MIT
// Field-by-field comparison of two aspect values that hash differently, the way DeepDiff with
// ignore_order compares them for DataHub: lists as multisets whose leftover items are paired by similarity.
#pragma once

#include "core/common/jsonvalue.h"
#include "core/diff/diffpath.h"

#include <QList>

#include <optional>

namespace tapedeck {

class IgnoreMatcher;

struct FieldDifference
{
    // Changed: the value at path differs (TypeChanged: and so does its JSON type). Added / Removed: the
    // place exists on one side only (a member, or a list item nothing on the other side was paired with).
    enum class Kind : quint8 { Changed, TypeChanged, Added, Removed };

    Kind kind = Kind::Changed;
    DiffPath path;
    std::optional<JsonValue> recorded; // absent for Added
    std::optional<JsonValue> replayed; // absent for Removed
};

class StructuralDiff
{
public:
    // DeepDiff's defaults: leftover list items are paired only when their rough distance is below 0.3, and
    // only when no more than 70 % of a list's distinct items are leftovers.
    static constexpr double PairDistanceCutoff = 0.3;
    static constexpr double PairIntersectionCutoff = 0.7;
    // Pairing compares every leftover item with every other; beyond this many pairs the items are reported
    // as added and removed instead (DeepDiff would take minutes there).
    static constexpr qsizetype MaxPairCandidates = 20000;

    // The matcher is used (and its counters disturbed): give the diff one of its own.
    explicit StructuralDiff(IgnoreMatcher &matcher);

    // The differences between a and b, which sit at path (the matcher must be at that place).
    void compare(const JsonValue &a, const JsonValue &b, DiffPath &path, QList<FieldDifference> &out);
    // The canonical hash with the rules applied at the matcher's place; equals McpScanner's for the text.
    quint64 hash(const JsonValue &value);
    // DeepDiff's rough distance between two values at the matcher's place: 0 equal, up to 1 far apart.
    double distance(const JsonValue &a, const JsonValue &b);

    // The canonical hash with no rules.
    static quint64 plainHash(const JsonValue &value);

private:
    qint64 roughLength(const JsonValue &value);
    void compareArrays(const JsonValue &a, const JsonValue &b, DiffPath &path, QList<FieldDifference> &out);

    IgnoreMatcher &m_matcher;
};

} // namespace tapedeck
