// SPDX-License-Identifier: MIT
// "Ignore this path": the rules a reported difference suggests (the exact place, every list position, any
// depth) and how many of a report's differences each would hide.
#pragma once

#include "core/diff/diffpath.h"
#include "core/diff/diffreport.h"

#include <QCoreApplication>
#include <QList>

namespace tapedeck {

struct IgnoreSuggestion
{
    enum class Kind { Exact, AnyIndex, AnyDepth };

    Kind kind = Kind::Exact;
    QString rule; // path syntax, as --ignore-path takes it
    int fields = 0; // field differences of the report it would hide
    int aspects = 0; // changed aspects it would turn identical (all their field differences hidden)
};

class IgnoreSuggestions
{
    Q_DECLARE_TR_FUNCTIONS(IgnoreSuggestions)

public:
    // For a difference at path: root['aspect']['fields'][3]['type'] as it is, with [*] for every list
    // position, and as root[**]['type'] (from the last key on, positions as [*]). Rules that come out the
    // same are offered once.
    static QList<IgnoreSuggestion> forPath(const DiffPath &path, const DiffReport &report);
    // How much of the report a rule would hide (rule in the --ignore-path syntax).
    static IgnoreSuggestion count(const IgnoreRule &rule, const DiffReport &report);
    static QString kindName(IgnoreSuggestion::Kind kind); // "exact", "any list position", "any depth"
};

} // namespace tapedeck
