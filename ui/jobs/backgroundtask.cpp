// SPDX-License-Identifier: MIT
#include "ui/jobs/backgroundtask.h"

#include "ui/jobs/promiseprogress.h"
#include "ui/jobs/workerpriority.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace tapedeck {

BackgroundTask::BackgroundTask(QObject *parent)
    : QObject(parent)
{ }

BackgroundTask::~BackgroundTask()
{
    forget();
    waitForFinished();
}

void BackgroundTask::forget()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
    m_future.cancel();
}

void BackgroundTask::start(const QString &description, Work work)
{
    forget(); // a superseded task does not report
    m_description = description;
    m_future = QtConcurrent::run([work = std::move(work)](QPromise<Status> &promise) {
        lowerWorkerPriority();
        PromiseProgress<Status> progress(promise);
        Status status = work(progress);
        if (status && promise.isCanceled())
            status = makeError(ErrorCode::Cancelled, QString());
        promise.addResult(std::move(status));
    });
    auto *watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, &BackgroundTask::progressChanged);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (m_watcher == watcher)
            m_watcher = nullptr;
        const Status status = watcher->future().resultCount() > 0
            ? watcher->result()
            : Status(makeError(ErrorCode::Cancelled, QString()));
        Q_EMIT finished(status);
    });
    m_watcher = watcher;
    watcher->setFuture(m_future);
}

void BackgroundTask::cancel()
{
    m_future.cancel(); // the work notices, stops, and finished() reports it as cancelled
}

bool BackgroundTask::isRunning() const
{
    return m_watcher != nullptr && m_future.isRunning();
}

void BackgroundTask::waitForFinished()
{
    if (m_future.isValid())
        m_future.waitForFinished();
}

} // namespace tapedeck
