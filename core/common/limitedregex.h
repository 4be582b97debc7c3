// SPDX-License-Identifier: MIT
// Regular expressions that users type (filter terms, diff ignore rules), run on recorded data at a bounded
// cost: PCRE's match limit is lowered, and a match that hits it is told apart from "no match".
#pragma once

#include <QCoreApplication>
#include <QRegularExpression>
#include <QString>
#include <QStringView>

namespace tapedeck {

class LimitedRegex
{
    Q_DECLARE_TR_FUNCTIONS(LimitedRegex)

public:
    // PCRE's match limit for one subject. Its own default (10,000,000) lets a pattern such as (a+)+c spend
    // ~15 ms on every 30-character field before giving up; this lets it spend ~1.5 ms (with the JIT, which
    // Qt uses by default), while ordinary patterns still scan fields of a megabyte. A pattern may lower it,
    // or raise it up to PCRE's default, with its own (*LIMIT_MATCH=n) at the start.
    static constexpr int MatchLimit = 1000000;

    enum class Outcome : quint8 {
        NoMatch,
        Match,
        GaveUp, // the match limit was reached (or the JIT's stack ran out): whether it matches is unknown
    };

    LimitedRegex() = default;
    explicit LimitedRegex(const QString &pattern, QRegularExpression::PatternOptions options = {});

    // The pattern as given (without the limit this class adds).
    const QString &pattern() const { return m_pattern; }
    bool isValid() const { return m_regex.isValid(); }
    QString errorString() const { return m_regex.errorString(); }
    // Where the pattern as given is wrong, in UTF-16 units; -1 when it is valid.
    qsizetype patternErrorOffset() const;
    // Compiles (and JIT-compiles) now rather than in the first match.
    void optimize() const { m_regex.optimize(); }

    // Searches subject (not anchored). Text that is not valid UTF-16 (a lone surrogate) is matched with
    // U+FFFD in its place, as PCRE refuses it.
    Outcome match(QStringView subject) const;

    // Why a match gave up, for messages: "more than 1000000 steps (the match limit)".
    static QString gaveUpReason();

private:
    QString m_pattern;
    QRegularExpression m_regex;
};

} // namespace tapedeck
