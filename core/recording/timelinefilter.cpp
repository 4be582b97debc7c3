// SPDX-License-Identifier: MIT
// The timeline view's matching loop.
#include "core/recording/timelinefilter.h"

#include "core/recording/timelinesubject.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent>

#include <atomic>
#include <limits>

namespace tapedeck {

namespace {

constexpr qsizetype CancelCheckEvery = 1 << 12;

// One part's matches; gaveUpSeq is the lowest seq any part gave up on so far, which parts above it stop at.
struct Part
{
    std::vector<quint32> seqs;
    std::optional<FilterError> gaveUp;
};

void matchPart(const Timeline &timeline, const FilterExpression &filter, KindMask kinds, qsizetype from,
    qsizetype to, const std::function<bool()> &cancelled, const EventCoverage *coverage,
    std::atomic<qsizetype> &gaveUpSeq, Part &out)
{
    const bool everything = filter.isEmpty();
    TimelineSubject subject(timeline, coverage);
    for (qsizetype block = from; block < to; block += CancelCheckEvery) {
        if (cancelled && cancelled())
            return;
        const qsizetype end = std::min(to, block + CancelCheckEvery);
        for (qsizetype seq = block; seq < end; ++seq) {
            if (!(kinds & kindBit(timeline.record(seq).kind)))
                continue;
            if (!everything) {
                // Every event past a give-up is wasted work, and each may cost a regex its whole limit.
                if (seq > gaveUpSeq.load(std::memory_order_relaxed))
                    return;
                subject.setRow(seq);
                FilterError gaveUp;
                const FilterExpression::Outcome outcome = filter.match(subject, &gaveUp);
                if (outcome == FilterExpression::Outcome::GaveUp) {
                    out.gaveUp = std::move(gaveUp);
                    qsizetype lowest = gaveUpSeq.load();
                    while (seq < lowest && !gaveUpSeq.compare_exchange_weak(lowest, seq)) { }
                    return;
                }
                if (outcome != FilterExpression::Outcome::Match)
                    continue;
            }
            out.seqs.push_back(quint32(seq));
        }
    }
}

} // namespace

TimelineFilter::Matches TimelineFilter::match(const Timeline &timeline, const FilterExpression &filter,
    KindMask kinds, qsizetype from, qsizetype to, QThreadPool *pool, const std::function<bool()> &cancelled,
    const EventCoverage *coverage)
{
    Matches result;
    if (to <= from || kinds == 0)
        return result;
    const qsizetype size = to - from;
    std::atomic<qsizetype> gaveUpSeq = std::numeric_limits<qsizetype>::max();
    // Kind toggles alone are a byte test per event: one thread is faster than handing out parts.
    const int threads = pool && !filter.isEmpty() ? std::max(1, pool->maxThreadCount()) : 1;
    const qsizetype parts = std::clamp<qsizetype>(size / MinPartSize, 1, threads);
    std::vector<Part> partResults(static_cast<size_t>(parts));
    if (parts == 1) {
        matchPart(timeline, filter, kinds, from, to, cancelled, coverage, gaveUpSeq, partResults[0]);
    } else {
        std::vector<QFuture<void>> futures;
        const qsizetype step = (size + parts - 1) / parts;
        for (qsizetype p = 1; p < parts; ++p) {
            const qsizetype begin = from + p * step;
            const qsizetype end = std::min(to, begin + step);
            Part *out = &partResults[size_t(p)];
            // The caller's pool decides the threads' priority (the GUI's job trackers run theirs below the
            // GUI).
            futures.push_back(QtConcurrent::run(
                pool, [&timeline, &filter, kinds, begin, end, &cancelled, coverage, &gaveUpSeq, out] {
                    matchPart(timeline, filter, kinds, begin, end, cancelled, coverage, gaveUpSeq, *out);
                }));
        }
        matchPart(timeline, filter, kinds, from, std::min(to, from + step), cancelled, coverage, gaveUpSeq,
            partResults[0]);
        // A part that has not started yet is run here by waitForFinished() (Qt takes it back from the
        // pool), so this cannot deadlock even when every pool thread is busy.
        for (QFuture<void> &future : futures)
            future.waitForFinished();
    }
    // Parts below the first give-up ran to their end; the part that gave up stopped there; parts above
    // it stopped early, and what they found is dropped.
    size_t total = 0;
    for (const Part &part : partResults)
        total += part.seqs.size();
    result.seqs.reserve(total);
    for (Part &part : partResults) {
        result.seqs.insert(result.seqs.end(), part.seqs.begin(), part.seqs.end());
        if (part.gaveUp) {
            result.gaveUp = std::move(part.gaveUp);
            break;
        }
    }
    return result;
}

qsizetype TimelineFilter::findRow(const Timeline &timeline, const FilterExpression &filter,
    const std::function<qsizetype(qsizetype)> &seqAtRow, qsizetype rowCount, qsizetype start, bool forward,
    const std::function<bool()> &cancelled, const EventCoverage *coverage)
{
    if (rowCount <= 0)
        return -1;
    start = ((start % rowCount) + rowCount) % rowCount;
    TimelineSubject subject(timeline, coverage);
    for (qsizetype i = 0; i < rowCount; ++i) {
        if (i % CancelCheckEvery == 0 && cancelled && cancelled())
            return -1;
        const qsizetype row = forward ? (start + i) % rowCount : (start - i + rowCount) % rowCount;
        subject.setRow(seqAtRow(row));
        switch (filter.match(subject)) {
        case FilterExpression::Outcome::Match:
            return row;
        case FilterExpression::Outcome::GaveUp:
            return -1;
        case FilterExpression::Outcome::NoMatch:
            break;
        }
    }
    return -1;
}

QString TimelineFilter::freeTextExpression(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace tapedeck
