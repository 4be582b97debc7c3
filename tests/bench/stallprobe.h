// SPDX-License-Identifier: MIT
// The GUI benchmarks' stall probe: a 1 ms timer on the GUI thread; the gap between two of its ticks is how
// long the thread was away from its event loop. Longest gap, percentiles and tick count, and for the
// longest gaps where the time went: on the CPU (the thread's own work) or waiting for a core (another
// process had it: the machine's load, not the program), from the kernel's per-thread schedstat. Shared
// by bench_gui_load, bench_gui_timeline and bench_gui_replay.
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <functional>
#include <vector>

namespace tapedeck::bench {

class StallProbe
{
public:
    // One gap between two ticks (or from the last tick to stop()).
    struct Gap
    {
        qint64 wallNs = 0;
        qint64 cpuNs = 0; // the thread ran
        qint64 waitNs = -1; // the thread was runnable but had no core (-1: the kernel does not say)
        qint64 endNs = 0; // on the probe's clock
    };

    StallProbe();
    ~StallProbe();
    Q_DISABLE_COPY_MOVE(StallProbe)

    // Starts (again) from now, on the thread to probe: the gaps of an earlier run are dropped.
    void start();
    // Counts the gap up to now (a stall still going on when the measurement ends counts too).
    void stop();

    // Called on every tick with the probe's clock (ns since start()).
    std::function<void(qint64 nowNs)> onTick;

    qint64 longestNs() const { return m_longest.wallNs; }
    qint64 longestEndNs() const { return m_longest.endNs; } // when the longest gap ended
    const Gap &longest() const { return m_longest; }
    // The gap with the most CPU time in it: the thread's own longest piece of work.
    const Gap &busiest() const { return m_busiest; }
    // The longest gap less the time spent waiting for a core: what it would have been on an idle machine
    // (CPU time, plus time blocked on a lock or asleep).
    const Gap &longestOwn() const { return m_longestOwn; }
    qint64 cpuNs() const { return m_stopSample.cpuNs - m_startSample.cpuNs; } // from start() to stop()
    qint64 waitNs() const; // waiting for a core from start() to stop(); -1: unknown
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }
    qint64 lastTickNs() const { return m_last; }
    qsizetype ticks() const { return qsizetype(m_gaps.size()); }
    // The gap below which `percent` of the gaps lie (0 without ticks).
    qint64 percentileNs(double percent) const;
    // Gaps longer than `ns`.
    qsizetype gapsOver(qint64 ns) const;

private:
    struct Sample
    {
        qint64 cpuNs = 0;
        qint64 waitNs = -1;
    };
    Sample sample() const;
    void record(qint64 now);
    void tick();

    QElapsedTimer m_clock;
    QTimer m_timer;
    int m_schedstat = -1; // /proc/thread-self/schedstat of the probed thread
    std::vector<qint64> m_gaps;
    qint64 m_last = 0;
    Sample m_lastSample;
    Sample m_startSample;
    Sample m_stopSample;
    Gap m_longest;
    Gap m_busiest;
    Gap m_longestOwn;
};

inline double toMs(qint64 ns)
{
    return double(ns) / 1e6;
}

} // namespace tapedeck::bench
