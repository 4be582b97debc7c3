// SPDX-License-Identifier: MIT
// GUI background work: the newest job wins, and its result reaches a living owner on the owner's thread.
#pragma once

#include "core/common/progress.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <type_traits>
#include <utility>

namespace tapedeck {

// The owner keeps a tracker (a member constructed with `this`, or a child) and starts jobs on it:
//
//     m_jobs.start([input](JobTracker::Job &job) { return compute(input, job); },
//         [this](Output output) { show(std::move(output)); });
//
// The work runs on the tracker's pool and must only touch what it captured (copies, shared pointers). The
// delivery runs on the owner's thread, and only while the job is still the newest one (no job was started
// after it and it was not abandoned) and the owner still lives; otherwise the result is dropped.
//
// Stopping is cooperative: the work polls Job::cancelled(). Jobs are plain functions on the pool, not
// QFutures with then() continuations, so nothing here ever cancels a continuation chain: Qt 6.4's
// QFuture::cancel() walks that chain even after the future finished, when it points at freed memory.
class JobTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobTracker)

public:
    // What a running job sees of its tracker, handed to the work on its worker thread. It is the
    // ProgressReporter that core operations take.
    class Job final : public ProgressReporter
    {
    public:
        quint64 id() const { return m_id; }
        // A newer job started, this one was cancelled or abandoned, or the tracker is going away: the work
        // should stop early. Safe from any thread (work split over several threads polls it from each).
        bool cancelled() const { return m_tracker->isCancelled(m_id); }
        bool isCancelled() const override { return cancelled(); }
        // Reported as the tracker's progressChanged() in permille, a few dozen times a second at most; the
        // last value reported arrives before the result. From one thread at a time (work reporting from
        // several threads serialises its reports).
        void setProgress(qint64 done, qint64 total) override;
        // The tracker's pool, for work that splits itself further: its threads run at the same priority.
        QThreadPool *pool() const { return &m_tracker->m_pool; }

    private:
        friend class JobTracker;
        Job(JobTracker *tracker, quint64 id)
            : m_tracker(tracker)
            , m_id(id)
        { }

        void flushProgress();

        JobTracker *m_tracker;
        quint64 m_id;
        int m_pending = -1; // the latest value, not yet reported when it came too soon after the last
        int m_reported = -1;
        QElapsedTimer m_sinceReport;
    };

    // owner receives the results and becomes the tracker's parent. maxThreads bounds the pool: with 1 a
    // newer job waits until the one it superseded noticed; with 2 it starts beside work that cannot stop
    // early (loading a document, reading one event).
    explicit JobTracker(QObject *owner, int maxThreads = 1);
    // Tells its jobs to stop and waits for them: they may use the pool until they return.
    ~JobTracker() override;

    // Starts work(Job &) (or work()) on the pool and supersedes the job running before, which is told to
    // stop and whose result is dropped. deliver(result) (or deliver() for void work) follows on the owner's
    // thread. Both must be copyable (the pool queues a std::function): capture values, shared pointers and
    // `this`.
    template<typename Work, typename Deliver> quint64 start(Work work, Deliver deliver);
    // Makes an answer that comes from elsewhere (another API's callback, called on the owner's thread) the
    // newest job: the returned callable forwards to callback only while no job was started after it, it was
    // not abandoned, and the tracker and its owner live.
    template<typename Callback> auto guard(Callback callback);

    // Asks the newest job to stop early; its result still arrives, so the owner hears how it ended.
    void cancel();
    // Forgets the newest job: it is asked to stop and whatever it returns is dropped.
    void abandon();

    // The newest job has not delivered yet (and was not abandoned).
    bool isRunning() const { return m_running; }
    // No job of this tracker is running or on its way back: nothing more can be delivered or dropped.
    // Tests wait for it before checking that a superseded result never landed.
    bool isIdle() const { return m_outstanding == 0; }
    // Waits until the pool ran out of work (shutdown and tests); results still arrive through the event loop.
    void waitForDone() { m_pool.waitForDone(); }

Q_SIGNALS:
    // The newest job's progress, in permille.
    void progressChanged(int permille);

private:
    quint64 begin(bool onPool);
    bool isCancelled(quint64 id) const
    {
        return id != m_current.load(std::memory_order_acquire)
            || id <= m_cancelledUpTo.load(std::memory_order_acquire);
    }
    bool isSuperseded(quint64 id) const { return id != m_current.load(std::memory_order_acquire); }
    // On the owner's thread, when a job's answer is there: whether it is to be delivered.
    bool finish(quint64 id, bool onPool);
    void reportProgress(quint64 id, int permille);
    static void prepareWorkerThread();
    template<typename Deliver> void post(quint64 id, Deliver deliver);

    QPointer<QObject> m_owner;
    QThreadPool m_pool;
    quint64 m_lastId = 0; // only touched on the owner's thread
    std::atomic<quint64> m_current { 0 }; // the newest job; an id no job has once it was abandoned
    std::atomic<quint64> m_cancelledUpTo { 0 }; // jobs up to this id were asked to stop
    int m_outstanding = 0; // jobs on the pool whose answer has not been handled
    bool m_running = false;
};

template<typename Work, typename Deliver> quint64 JobTracker::start(Work work, Deliver deliver)
{
    const quint64 id = begin(true);
    m_pool.start([this, id, work = std::move(work), deliver = std::move(deliver)]() mutable {
        prepareWorkerThread();
        Job job(this, id);
        if (isSuperseded(id)) {
            post(id, [] {}); // superseded while queued: its result would be dropped anyway
            return;
        }
        const auto run = [&] {
            if constexpr (std::is_invocable_v<Work &, Job &>)
                return work(job);
            else
                return work();
        };
        if constexpr (std::is_void_v<decltype(run())>) {
            run();
            job.flushProgress();
            post(id, std::move(deliver));
        } else {
            auto output = run();
            job.flushProgress();
            post(id, [deliver = std::move(deliver), output = std::move(output)]() mutable {
                deliver(std::move(output));
            });
        }
    });
    return id;
}

template<typename Callback> auto JobTracker::guard(Callback callback)
{
    const quint64 id = begin(false);
    return [tracker = QPointer<JobTracker>(this), id, callback = std::move(callback)](
               auto &&...arguments) mutable {
        if (tracker && tracker->finish(id, false))
            callback(std::forward<decltype(arguments)>(arguments)...);
    };
}

template<typename Deliver> void JobTracker::post(quint64 id, Deliver deliver)
{
    // The tracker outlives every job (its destructor waits for them), and an answer still queued when it
    // goes is discarded with it.
    QMetaObject::invokeMethod(
        this,
        [this, id, deliver = std::move(deliver)]() mutable {
            if (finish(id, true))
                deliver();
        },
        Qt::QueuedConnection);
}

} // namespace tapedeck
