// SPDX-License-Identifier: MIT
// Which events of a range pass a filter expression and kind toggles, split over threads, and the next
// matching row for search: the timeline view's matching loop, run off the GUI thread by TimelineModel.
#pragma once

#include "core/recording/eventcoverage.h"
#include "core/recording/eventkind.h"
#include "core/recording/filterexpression.h"
#include "core/recording/timeline.h"

#include <QtGlobal>

#include <functional>
#include <optional>
#include <vector>

class QThreadPool;

namespace tapedeck {

// One bit per EventKind (1 << int(kind)).
using KindMask = quint8;
inline constexpr KindMask AllKinds = 0x7;
inline constexpr KindMask kindBit(EventKind kind)
{
    return KindMask(1u << int(kind));
}

class TimelineFilter
{
public:
    struct Matches
    {
        std::vector<quint32> seqs; // ascending
        // Set when a regex term gave up on an event (FilterExpression::Outcome::GaveUp): matching stopped
        // there, and seqs holds the matches before that event only.
        std::optional<FilterError> gaveUp;
    };

    // Seqs in [from, to) whose kind is in `kinds` and that `filter` matches. Every seq must be below
    // timeline.count(). Large ranges are split into parts that run on `pool` (the calling thread takes
    // the first part itself); `cancelled` is polled every few thousand events and, once it returns true,
    // the result is incomplete and should be dropped. `coverage` answers `served:` terms (without it they
    // match nothing); every thread reads it, so it must not change while this runs (a snapshot never does).
    static Matches match(const Timeline &timeline, const FilterExpression &filter, KindMask kinds,
        qsizetype from, qsizetype to, QThreadPool *pool = nullptr,
        const std::function<bool()> &cancelled = {}, const EventCoverage *coverage = nullptr);

    // The first of `rows` (seqs, in view order), starting at index `start` and wrapping around, whose event
    // `filter` matches; -1 when none does, or when a regex term gave up (searches use freeTextExpression(),
    // which has none). Walks backwards when `forward` is false.
    static qsizetype findRow(const Timeline &timeline, const FilterExpression &filter,
        const std::function<qsizetype(qsizetype)> &seqAtRow, qsizetype rowCount, qsizetype start,
        bool forward, const std::function<bool()> &cancelled = {}, const EventCoverage *coverage = nullptr);

    // The filter expression that searches for `text` as free text, literally (quotes and backslashes
    // escaped; no globs, keywords or fields).
    static QString freeTextExpression(const QString &text);

    // Parts smaller than this are not worth a thread.
    static constexpr qsizetype MinPartSize = 1 << 16;
};

} // namespace tapedeck
