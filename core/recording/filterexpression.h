// SPDX-License-Identifier: MIT
// The event filter language shared by `tapedeck-cli events --filter` and the GUI filter bar (documented in
// README.md, "Filtering events").
#pragma once

#include "core/common/result.h"
#include "core/recording/filtererror.h"
#include "core/recording/filtersubject.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace tapedeck {

struct FilterProgram;

// A parsed, compiled filter. Cheap to copy (the compiled program is shared and immutable) and safe to use
// from several threads at once. Globs and literals are case-folded once at parse time; matching does not
// allocate unless a regex (~) term runs or a field is non-ASCII UTF-8 (decoded into a per-thread buffer).
// Parentheses, "-" and "not" nest at most Nesting::MaxDepth levels deep, which bounds every recursion.
class FilterExpression
{
    Q_DECLARE_TR_FUNCTIONS(FilterExpression)

public:
    enum class Outcome : quint8 {
        NoMatch,
        Match,
        // A regex term reached its match limit (LimitedRegex::MatchLimit) on the event, so whether the event
        // matches is unknown. Callers stop and report it: the filter has to change, the event is fine.
        GaveUp,
    };

    FilterExpression(); // the empty filter: matches every event

    // Parses and compiles. On failure the Error (code Usage) carries FilterError::formatted() as its
    // message and, when `detail` is given, the position, length and expectation are stored there too.
    static Result<FilterExpression> parse(const QString &text, FilterError *detail = nullptr);

    // Whether the filter lets the event through. On GaveUp, `gaveUp` (when given) gets the term that gave
    // up: its position and length in the expression and a message naming it and the event.
    Outcome match(const FilterSubject &subject, FilterError *gaveUp = nullptr) const;
    // The Usage error for a term that gave up, as parse() words its errors (FilterError::formatted()).
    Error gaveUpError(const FilterError &gaveUp) const;

    // True for a blank expression; such a filter matches everything and callers may skip evaluating it.
    bool isEmpty() const;

    // True when a term asks about replays (`served:`, `outcome:`, matched, unmatched, held, edited): its
    // matches change with the replay, so callers match again when they get newer replay information.
    bool dependsOnReplay() const;

    // The canonical spelling: lower-case field names and keywords, explicit "and"/"not", parentheses
    // where "and" groups sit inside "or", minimal quoting. Parsing it again yields the same filter, except
    // when those added parentheses take it past Nesting::MaxDepth (then it is refused as too deep).
    QString normalized() const;

    // The text parse() was given.
    QString text() const;

private:
    std::shared_ptr<const FilterProgram> m_program;
};

} // namespace tapedeck
