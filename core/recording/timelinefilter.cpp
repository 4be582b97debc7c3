// SPDX-License-Identifier: MIT
// The timeline view's matching loop.
#include "core/recording/timelinefilter.h"

#include "core/recording/timelinesubject.h"

#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent>

namespace tapedeck {

namespace {

constexpr qsizetype CancelCheckEvery = 1 << 12;

void matchPart(const Timeline &timeline, const FilterExpression &filter, KindMask kinds, qsizetype from,
    qsizetype to, const std::function<bool()> &cancelled, std::vector<quint32> &out)
{
    const bool everything = filter.isEmpty();
    TimelineSubject subject(timeline);
    for (qsizetype block = from; block < to; block += CancelCheckEvery) {
        if (cancelled && cancelled())
            return;
        const qsizetype end = std::min(to, block + CancelCheckEvery);
        for (qsizetype seq = block; seq < end; ++seq) {
            if (!(kinds & kindBit(timeline.record(seq).kind)))
                continue;
            if (!everything) {
                subject.setRow(seq);
                if (!filter.matches(subject))
                    continue;
            }
            out.push_back(quint32(seq));
        }
    }
}

} // namespace

std::vector<quint32> TimelineFilter::match(const Timeline &timeline, const FilterExpression &filter,
    KindMask kinds, qsizetype from, qsizetype to, QThreadPool *pool, const std::function<bool()> &cancelled)
{
    std::vector<quint32> result;
    if (to <= from || kinds == 0)
        return result;
    const qsizetype size = to - from;
    // Kind toggles alone are a byte test per event: one thread is faster than handing out parts.
    const int threads = pool && !filter.isEmpty() ? std::max(1, pool->maxThreadCount()) : 1;
    const qsizetype parts = std::clamp<qsizetype>(size / MinPartSize, 1, threads);
    if (parts == 1) {
        matchPart(timeline, filter, kinds, from, to, cancelled, result);
        return result;
    }
    std::vector<std::vector<quint32>> partResults(static_cast<size_t>(parts));
    std::vector<QFuture<void>> futures;
    const qsizetype step = (size + parts - 1) / parts;
    for (qsizetype p = 1; p < parts; ++p) {
        const qsizetype begin = from + p * step;
        const qsizetype end = std::min(to, begin + step);
        std::vector<quint32> *out = &partResults[size_t(p)];
        // The caller's pool decides the threads' priority (the GUI's job trackers run theirs below the GUI).
        futures.push_back(QtConcurrent::run(pool, [&timeline, &filter, kinds, begin, end, &cancelled, out] {
            matchPart(timeline, filter, kinds, begin, end, cancelled, *out);
        }));
    }
    matchPart(timeline, filter, kinds, from, std::min(to, from + step), cancelled, partResults[0]);
    // A part that has not started yet is run here by waitForFinished() (Qt takes it back from the pool),
    // so this cannot deadlock even when every pool thread is busy.
    for (QFuture<void> &future : futures)
        future.waitForFinished();
    size_t total = 0;
    for (const auto &part : partResults)
        total += part.size();
    result.reserve(total);
    for (const auto &part : partResults)
        result.insert(result.end(), part.begin(), part.end());
    return result;
}

qsizetype TimelineFilter::findRow(const Timeline &timeline, const FilterExpression &filter,
    const std::function<qsizetype(qsizetype)> &seqAtRow, qsizetype rowCount, qsizetype start, bool forward,
    const std::function<bool()> &cancelled)
{
    if (rowCount <= 0)
        return -1;
    start = ((start % rowCount) + rowCount) % rowCount;
    TimelineSubject subject(timeline);
    for (qsizetype i = 0; i < rowCount; ++i) {
        if (i % CancelCheckEvery == 0 && cancelled && cancelled())
            return -1;
        const qsizetype row = forward ? (start + i) % rowCount : (start - i + rowCount) % rowCount;
        subject.setRow(seqAtRow(row));
        if (filter.matches(subject))
            return row;
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
