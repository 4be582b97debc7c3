// SPDX-License-Identifier: MIT
// The job tracker's bookkeeping on the owner's thread, and what every worker does before its first job.
#include "ui/jobs/jobtracker.h"

#include "ui/jobs/workerpriority.h"

#include <algorithm>
#include <limits>

namespace tapedeck {

namespace {

// A loading bar needs no more: more often only costs the GUI thread events.
constexpr qint64 ProgressIntervalMs = 40;

} // namespace

void JobTracker::Job::setProgress(qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    // Byte counts of big recordings do not fit an int: the range is fixed at permille.
    const int permille = int(std::clamp<qint64>(done * 1000 / total, 0, 1000));
    if (permille == m_reported)
        return;
    m_pending = permille;
    if (permille < 1000 && m_sinceReport.isValid() && m_sinceReport.elapsed() < ProgressIntervalMs)
        return; // kept for later, or for the end of the job
    flushProgress();
}

void JobTracker::Job::flushProgress()
{
    if (m_pending < 0 || m_pending == m_reported)
        return;
    m_reported = m_pending;
    m_sinceReport.start();
    QMetaObject::invokeMethod(
        m_tracker,
        [tracker = m_tracker, id = m_id, permille = m_reported] { tracker->reportProgress(id, permille); },
        Qt::QueuedConnection);
}

JobTracker::JobTracker(QObject *owner, int maxThreads)
    : QObject(owner)
    , m_owner(owner)
{
    m_pool.setMaxThreadCount(std::max(1, maxThreads));
}

JobTracker::~JobTracker()
{
    m_cancelledUpTo.store(std::numeric_limits<quint64>::max(), std::memory_order_release);
    m_pool.waitForDone();
}

quint64 JobTracker::begin(bool onPool)
{
    const quint64 id = ++m_lastId;
    m_current.store(id, std::memory_order_release);
    m_running = true;
    if (onPool)
        ++m_outstanding;
    return id;
}

void JobTracker::cancel()
{
    m_cancelledUpTo.store(m_current.load(std::memory_order_acquire), std::memory_order_release);
}

void JobTracker::abandon()
{
    m_current.store(++m_lastId, std::memory_order_release);
    m_running = false;
}

bool JobTracker::finish(quint64 id, bool onPool)
{
    if (onPool)
        --m_outstanding;
    if (isSuperseded(id) || !m_owner)
        return false;
    // Delivered once: from now on the job is no longer the newest, whatever the delivery starts next.
    m_current.store(++m_lastId, std::memory_order_release);
    m_running = false;
    return true;
}

void JobTracker::reportProgress(quint64 id, int permille)
{
    if (!isSuperseded(id) && m_owner)
        Q_EMIT progressChanged(permille);
}

void JobTracker::prepareWorkerThread()
{
    // Before anything else, also for a job that turns out superseded: every thread of the pool then runs
    // below the GUI thread, and so do the threads it starts for work split further.
    lowerWorkerPriority();
}

} // namespace tapedeck
