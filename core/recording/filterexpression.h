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
class FilterExpression
{
    Q_DECLARE_TR_FUNCTIONS(FilterExpression)

public:
    FilterExpression(); // the empty filter: matches every event

    // Parses and compiles. On failure the Error (code Usage) carries FilterError::formatted() as its
    // message and, when `detail` is given, the position, length and expectation are stored there too.
    static Result<FilterExpression> parse(const QString &text, FilterError *detail = nullptr);

    bool matches(const FilterSubject &subject) const;

    // True for a blank expression; such a filter matches everything and callers may skip evaluating it.
    bool isEmpty() const;

    // The canonical spelling: lower-case field names and keywords, explicit "and"/"not", parentheses
    // where "and" groups sit inside "or", minimal quoting. Parsing it again yields the same filter.
    QString normalized() const;

    // The text parse() was given.
    QString text() const;

private:
    std::shared_ptr<const FilterProgram> m_program;
};

} // namespace tapedeck
