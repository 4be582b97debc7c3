// SPDX-License-Identifier: MIT
#include "tests/bench/stallprobe.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace tapedeck::bench {

StallProbe::StallProbe()
{
    m_timer.setInterval(1);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
}

StallProbe::~StallProbe()
{
    if (m_schedstat >= 0)
        ::close(m_schedstat);
}

StallProbe::Sample StallProbe::sample() const
{
    Sample s;
    if (m_schedstat >= 0) {
        // "<ns on the CPU> <ns waiting on a run queue> <time slices>"
        char text[96];
        const ssize_t n = ::pread(m_schedstat, text, sizeof text - 1, 0);
        long long cpu = 0;
        long long wait = 0;
        if (n > 0) {
            text[n] = '\0';
            if (std::sscanf(text, "%lld %lld", &cpu, &wait) == 2)
                return { cpu, wait };
        }
    }
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    s.cpuNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    return s;
}

void StallProbe::start()
{
    if (m_schedstat >= 0)
        ::close(m_schedstat);
    m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    m_gaps.clear();
    m_gaps.reserve(1 << 16);
    m_longest = m_busiest = m_longestOwn = Gap {};
    m_clock.start();
    m_last = 0;
    m_lastSample = m_startSample = m_stopSample = sample();
    m_timer.start();
}

void StallProbe::record(qint64 now)
{
    const Sample s = sample();
    Gap gap { now - m_last, s.cpuNs - m_lastSample.cpuNs, -1, now };
    if (s.waitNs >= 0 && m_lastSample.waitNs >= 0)
        gap.waitNs = s.waitNs - m_lastSample.waitNs;
    if (gap.wallNs > m_longest.wallNs)
        m_longest = gap;
    if (gap.cpuNs > m_busiest.cpuNs)
        m_busiest = gap;
    const auto own = [](const Gap &g) { return g.wallNs - std::max<qint64>(0, g.waitNs); };
    if (own(gap) > own(m_longestOwn))
        m_longestOwn = gap;
    m_last = now;
    m_lastSample = s;
}

void StallProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_gaps.push_back(now - m_last);
    record(now);
    if (onTick)
        onTick(now);
}

void StallProbe::stop()
{
    record(m_clock.nsecsElapsed());
    m_stopSample = m_lastSample;
    m_timer.stop();
}

qint64 StallProbe::waitNs() const
{
    return m_startSample.waitNs >= 0 && m_stopSample.waitNs >= 0 ? m_stopSample.waitNs - m_startSample.waitNs
                                                                 : -1;
}

qint64 StallProbe::percentileNs(double percent) const
{
    if (m_gaps.empty())
        return 0;
    std::vector<qint64> sorted = m_gaps;
    const size_t at = std::min(sorted.size() - 1, size_t(double(sorted.size()) * percent / 100.0));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(at), sorted.end());
    return sorted[at];
}

qsizetype StallProbe::gapsOver(qint64 ns) const
{
    return qsizetype(std::count_if(m_gaps.begin(), m_gaps.end(), [ns](qint64 gap) { return gap > ns; }));
}

} // namespace tapedeck::bench
