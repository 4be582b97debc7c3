// SPDX-License-Identifier: MIT
// Tests JobTracker: the newest job wins, stale results (running or already on their way back) are dropped,
// a job superseded while queued never runs, an owner destroyed while a job runs gets nothing and crashes
// nothing, cancel() and abandon() reach the job, progress arrives, results arrive on the owner's thread,
// guarded callbacks follow the same rules, and worker threads run below the GUI thread.
#include "ui/jobs/jobtracker.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace tapedeck;

namespace {

constexpr int Timeout = 10000;

// Holds a job on its worker thread: the test learns when it runs (not merely queued) and decides when it
// goes on; what the job saw of cancelled() is kept.
class Gate
{
public:
    // Until the test calls open(), ignoring any request to stop: its result arrives late.
    void hold(const JobTracker::Job &job)
    {
        m_started.release();
        m_open.acquire();
        m_sawCancel = job.cancelled() ? 1 : 0;
    }
    // Until the job is told to stop.
    void holdUntilCancelled(const JobTracker::Job &job)
    {
        m_started.release();
        while (!job.cancelled())
            QThread::msleep(1);
        m_sawCancel = 1;
    }
    [[nodiscard]] bool waitUntilRunning() { return m_started.tryAcquire(1, Timeout); }
    void open() { m_open.release(); }
    bool sawCancel() const { return m_sawCancel.loadRelaxed() == 1; }

private:
    QSemaphore m_started;
    QSemaphore m_open;
    QAtomicInt m_sawCancel = 0;
};

// Starts a job that runs before(job) and returns label; the labels that arrive are appended to delivered.
template<typename Before>
void startLabelled(JobTracker &tracker, const QString &label, QStringList &delivered, Before before)
{
    tracker.start(
        [label, before](JobTracker::Job &job) mutable {
            before(job);
            return label;
        },
        [&delivered](const QString &result) { delivered << result; });
}

void startLabelled(JobTracker &tracker, const QString &label, QStringList &delivered)
{
    startLabelled(tracker, label, delivered, [](const JobTracker::Job &) {});
}

} // namespace

class TestJobTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultOnOwnersThread();
    void newestWins();
    void staleResultOnItsWayIsDropped();
    void supersededWhileQueuedNeverRuns();
    void ownerDestroyedWhileRunning();
    void ownerDestroyedWithResultOnItsWay();
    void cancelStopsTheJobAndStillDelivers();
    void abandonStopsTheJobAndDropsItsResult();
    void progressOfTheNewestJob();
    void guardedCallbacks();
    void voidWork();
    void workersRunBelowTheGuiThread();
};

void TestJobTracker::resultOnOwnersThread()
{
    QObject owner;
    JobTracker tracker(&owner);
    QThread *worker = nullptr;
    QThread *deliveredOn = nullptr;
    tracker.start([] { return QThread::currentThread(); },
        [&](QThread *thread) {
            worker = thread;
            deliveredOn = QThread::currentThread();
        });
    QVERIFY(tracker.isRunning());
    QVERIFY(!tracker.isIdle());
    QTRY_VERIFY_WITH_TIMEOUT(deliveredOn, Timeout);
    QCOMPARE(deliveredOn, owner.thread());
    QVERIFY(worker != owner.thread());
    QVERIFY(!tracker.isRunning());
    QVERIFY(tracker.isIdle());
}

void TestJobTracker::newestWins()
{
    QObject owner;
    JobTracker tracker(&owner, 2);
    Gate gate;
    QStringList delivered;
    startLabelled(
        tracker, QStringLiteral("first"), delivered, [&](const JobTracker::Job &job) { gate.hold(job); });
    QVERIFY(gate.waitUntilRunning());
    startLabelled(tracker, QStringLiteral("second"), delivered);
    QTRY_COMPARE_WITH_TIMEOUT(delivered, QStringList { QStringLiteral("second") }, Timeout);
    QVERIFY(!tracker.isRunning());
    QVERIFY(!tracker.isIdle()); // the first job still runs
    gate.open();
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), Timeout);
    QCOMPARE(delivered, QStringList { QStringLiteral("second") });
    QVERIFY(gate.sawCancel());
}

void TestJobTracker::staleResultOnItsWayIsDropped()
{
    QObject owner;
    JobTracker tracker(&owner);
    QStringList delivered;
    startLabelled(tracker, QStringLiteral("old"), delivered);
    tracker.waitForDone(); // its answer is queued for this thread, not handled yet
    QVERIFY(!tracker.isIdle());
    startLabelled(tracker, QStringLiteral("new"), delivered);
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), Timeout);
    QCOMPARE(delivered, QStringList { QStringLiteral("new") });
}

void TestJobTracker::supersededWhileQueuedNeverRuns()
{
    QObject owner;
    JobTracker tracker(&owner, 1);
    Gate gate;
    QStringList delivered;
    QAtomicInt ran = 0;
    startLabelled(tracker, QStringLiteral("first"), delivered, [&](const JobTracker::Job &job) {
        gate.holdUntilCancelled(job);
        ran.fetchAndOrRelaxed(1);
    });
    QVERIFY(gate.waitUntilRunning()); // it holds the pool's only thread
    startLabelled(tracker, QStringLiteral("queued"), delivered,
        [&](const JobTracker::Job &) { ran.fetchAndOrRelaxed(2); });
    startLabelled(tracker, QStringLiteral("newest"), delivered,
        [&](const JobTracker::Job &) { ran.fetchAndOrRelaxed(4); });
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), Timeout);
    QCOMPARE(delivered, QStringList { QStringLiteral("newest") });
    QCOMPARE(ran.loadRelaxed(), 1 | 4); // the one in the middle never started
}

void TestJobTracker::ownerDestroyedWhileRunning()
{
    auto *owner = new QObject;
    auto *tracker = new JobTracker(owner, 1);
    const QPointer<JobTracker> alive(tracker);
    Gate gate;
    QStringList delivered;
    startLabelled(*tracker, QStringLiteral("late"), delivered,
        [&](const JobTracker::Job &job) { gate.holdUntilCancelled(job); });
    QVERIFY(gate.waitUntilRunning());
    delete owner; // the tracker goes with it, telling the job to stop and waiting for it
    QVERIFY(!alive);
    QVERIFY(gate.sawCancel());
    QCoreApplication::sendPostedEvents();
    QVERIFY(delivered.isEmpty());
}

void TestJobTracker::ownerDestroyedWithResultOnItsWay()
{
    auto *owner = new QObject;
    auto *tracker = new JobTracker(owner);
    QStringList delivered;
    startLabelled(
        *tracker, QStringLiteral("late"), delivered, [](JobTracker::Job &job) { job.setProgress(1, 1); });
    tracker->waitForDone(); // result and progress are queued for this thread
    delete owner;
    QCoreApplication::sendPostedEvents();
    QVERIFY(delivered.isEmpty());
}

void TestJobTracker::cancelStopsTheJobAndStillDelivers()
{
    QObject owner;
    JobTracker tracker(&owner);
    Gate gate;
    QStringList delivered;
    startLabelled(tracker, QStringLiteral("stopped early"), delivered,
        [&](const JobTracker::Job &job) { gate.holdUntilCancelled(job); });
    QVERIFY(gate.waitUntilRunning());
    tracker.cancel();
    QVERIFY(tracker.isRunning()); // until it says how it ended
    QTRY_COMPARE_WITH_TIMEOUT(delivered, QStringList { QStringLiteral("stopped early") }, Timeout);
    QVERIFY(!tracker.isRunning());

    // A job started after cancel() is not affected by it.
    std::optional<bool> cancelledLater;
    tracker.start([](JobTracker::Job &job) { return job.cancelled(); }, [&](bool c) { cancelledLater = c; });
    QTRY_VERIFY_WITH_TIMEOUT(cancelledLater.has_value(), Timeout);
    QCOMPARE(*cancelledLater, false);
}

void TestJobTracker::abandonStopsTheJobAndDropsItsResult()
{
    QObject owner;
    JobTracker tracker(&owner);
    Gate gate;
    QStringList delivered;
    startLabelled(tracker, QStringLiteral("abandoned"), delivered,
        [&](const JobTracker::Job &job) { gate.holdUntilCancelled(job); });
    QVERIFY(gate.waitUntilRunning());
    tracker.abandon();
    QVERIFY(!tracker.isRunning()); // at once: the owner has moved on
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), Timeout);
    QVERIFY(gate.sawCancel());
    QVERIFY(delivered.isEmpty());
}

void TestJobTracker::progressOfTheNewestJob()
{
    QObject owner;
    JobTracker tracker(&owner, 2);
    QSignalSpy progress(&tracker, &JobTracker::progressChanged);
    bool done = false;
    tracker.start(
        [](JobTracker::Job &job) {
            for (qint64 step = 0; step <= 4; ++step) {
                job.setProgress(step * 1'000'000'000'000LL, 4'000'000'000'000LL); // bytes beyond an int
                QThread::msleep(50);
            }
        },
        [&] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, Timeout);
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.last().at(0).toInt(), 1000);
    int previous = -1;
    for (const QList<QVariant> &arguments : std::as_const(progress)) {
        QVERIFY(arguments.at(0).toInt() > previous);
        previous = arguments.at(0).toInt();
    }

    // A superseded job's progress is not the owner's concern any more.
    progress.clear();
    Gate gate;
    tracker.start(
        [&](JobTracker::Job &job) {
            gate.hold(job);
            job.setProgress(1, 2);
        },
        [] {});
    QVERIFY(gate.waitUntilRunning());
    done = false;
    tracker.start([] {}, [&] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, Timeout);
    gate.open();
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), Timeout);
    QVERIFY(progress.isEmpty());

    // Values that came too soon after the last one are not lost at the end: the last arrives before the
    // result.
    progress.clear();
    done = false;
    tracker.start(
        [](JobTracker::Job &job) {
            for (qint64 step = 0; step <= 997; ++step)
                job.setProgress(step, 1000);
        },
        [&] { done = progress.size() > 0 && progress.last().at(0).toInt() == 997; });
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), Timeout);
    QVERIFY(done);
    QVERIFY(progress.size() < 100); // not one event per step
}

void TestJobTracker::guardedCallbacks()
{
    QObject owner;
    auto tracker = std::make_unique<JobTracker>(&owner);
    QList<int> answers;
    auto older = tracker->guard([&](int value) { answers << value; });
    auto newer = tracker->guard([&](int value) { answers << value; });
    QVERIFY(tracker->isRunning());
    older(1); // superseded by the newer one
    newer(2);
    newer(3); // once only
    QCOMPARE(answers, QList<int> { 2 });
    QVERIFY(!tracker->isRunning());

    // A pool job supersedes a guarded callback, and abandon() drops one.
    auto dropped = tracker->guard([&](int value) { answers << value; });
    tracker->start([] { return 4; }, [&](int value) { answers << value; });
    dropped(5);
    QTRY_VERIFY_WITH_TIMEOUT(tracker->isIdle(), Timeout);
    auto abandoned = tracker->guard([&](int value) { answers << value; });
    tracker->abandon();
    abandoned(6);
    QCOMPARE(answers, (QList<int> { 2, 4 }));

    // An answer that comes after the tracker is gone (a keychain that answers late) is dropped.
    auto late = tracker->guard([&](int value) { answers << value; });
    tracker.reset();
    late(7);
    QCOMPARE(answers, (QList<int> { 2, 4 }));
}

void TestJobTracker::voidWork()
{
    QObject owner;
    JobTracker tracker(&owner);
    QAtomicInt ran = 0;
    bool delivered = false;
    tracker.start([&](JobTracker::Job &) { ran = 1; }, [&] { delivered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(delivered, Timeout);
    QCOMPARE(ran.loadRelaxed(), 1);
}

void TestJobTracker::workersRunBelowTheGuiThread()
{
#ifdef Q_OS_LINUX
    const auto niceOfThisThread = [] {
        errno = 0;
        return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
    };
    QObject owner;
    JobTracker tracker(&owner);
    std::optional<int> workerNice;
    tracker.start([&] { return niceOfThisThread(); }, [&](int nice) { workerNice = nice; });
    QTRY_VERIFY_WITH_TIMEOUT(workerNice.has_value(), Timeout);
    const int guiNice = niceOfThisThread();
    QVERIFY2(*workerNice >= guiNice, qPrintable(QStringLiteral("%1 < %2").arg(*workerNice).arg(guiNice)));
    if (guiNice < 5)
        QCOMPARE(*workerNice, 5);
#else
    QSKIP("per-thread nice values are a Linux feature");
#endif
}

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
