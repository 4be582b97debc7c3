// SPDX-License-Identifier: MIT
// Runs one long core operation (indexing a timeline, exporting HAR, extracting) on the thread pool with
// progress in permille and cancellation, and reports its Status back on the GUI thread.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <functional>

class QFutureWatcherBase;

namespace tapedeck {

class BackgroundTask final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundTask)

public:
    // The work runs on a pool thread; it must only touch what it captured (shared pointers, copies).
    using Work = std::function<Status(ProgressReporter &)>;

    explicit BackgroundTask(QObject *parent = nullptr);
    ~BackgroundTask() override; // cancels, and waits for the work to stop

    // Starts work, cancelling whatever ran before (which then reports nothing).
    void start(const QString &description, Work work);
    void cancel();
    bool isRunning() const;
    QString description() const { return m_description; }
    // Waits until the work ends (tests and shutdown).
    void waitForFinished();

Q_SIGNALS:
    void progressChanged(int permille);
    // The work ended: ok, failed, or cancelled (ErrorCode::Cancelled).
    void finished(const tapedeck::Status &status);

private:
    void forget();

    QString m_description;
    QFuture<Status> m_future;
    QPointer<QFutureWatcherBase> m_watcher;
};

} // namespace tapedeck
