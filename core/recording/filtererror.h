// SPDX-License-Identifier: MIT
// Why a filter expression could not be parsed: where (for the caret and the GUI's underline) and what.
#pragma once

#include <QString>

namespace tapedeck {

struct FilterError
{
    qsizetype position = 0; // 0-based offset into the expression, in QString (UTF-16) units
    qsizetype length = 0; // units covered; 0 points between two characters (e.g. at the end)
    QString expected; // short noun phrase, e.g. "a term", "\")\"", "a status code"
    QString message; // one sentence: what is wrong and what was expected there

    // The message, the expression and a caret line under the offending part:
    //     invalid filter at column 11: unknown field "stauts"; did you mean "status"?
    //       kind:http stauts:404
    //                 ^^^^^^
    // Of an expression longer than 120 characters only 40 on either side of the error are shown.
    // Implemented in filterexpression.cpp, next to the parser that produces these errors.
    QString formatted(const QString &expression) const;
};

} // namespace tapedeck
