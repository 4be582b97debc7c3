// SPDX-License-Identifier: MIT
// Two JSON values laid out side by side for review: pretty-printed line by line, members of one key and
// list items of one index on the same line, a gap where one side has nothing, each line knowing the path
// of the value it shows (so differences can be found and highlighted by path).
#pragma once

#include "core/common/jsonvalue.h"
#include "core/diff/diffpath.h"

#include <QList>
#include <QString>

#include <optional>

namespace tapedeck {

struct SideBySideLine
{
    QString left; // empty (and leftPresent false) where the left side has nothing here
    QString right;
    bool leftPresent = false;
    bool rightPresent = false;
    DiffPath path; // of the innermost value the line belongs to
};

class SideBySide
{
public:
    // Objects are shown key by key (the left side's order, then keys only the right has), lists item by
    // item; anything else (scalars, values of different types, a side that is absent) is printed on each
    // side and padded to the same height. Text is Python's json.dumps style with the given indent.
    static QList<SideBySideLine> layout(const std::optional<JsonValue> &left,
        const std::optional<JsonValue> &right, const DiffPath &root = {}, int indent = 2);

    // Whether a line belongs to the value at path (the path itself or anything below it).
    static bool isWithin(const DiffPath &line, const DiffPath &path);
};

} // namespace tapedeck
