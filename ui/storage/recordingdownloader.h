// SPDX-License-Identifier: MIT
// Downloads an s3:// recording in the background before it is opened: credentials resolved as the AWS CLI
// does (the profile named, never a stored secret), progress in bytes on a loading bar, Cancel.
#pragma once

#include "core/common/result.h"
#include "core/storage/awsconfig.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace tapedeck {

class JobTracker;
class LoadingBar;

class RecordingDownloader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingDownloader)

public:
    // bar shows the download while it runs (hidden otherwise); its Cancel button cancels.
    RecordingDownloader(QObject *parent, LoadingBar *bar);
    ~RecordingDownloader() override;

    // Downloads url (s3://bucket/key) into the download cache, superseding a download in progress. A copy
    // already in the cache for the object's current ETag is delivered without a transfer.
    void download(const QString &url, const S3Options &options);
    // Stops the download in progress; cancelled() follows at once. What was transferred stays in the
    // cache's partial file, so the next download of the same object resumes it.
    void cancel();
    // Stops the download in progress without a signal (another open takes over).
    void abandon();
    bool isBusy() const;
    QString url() const { return m_url; }

Q_SIGNALS:
    void started(const QString &url);
    void downloaded(const QString &url, const QString &localPath);
    void failed(const QString &url, const tapedeck::Error &error);
    void cancelled(const QString &url);

private:
    struct Progress
    {
        std::atomic<qint64> done { 0 };
        std::atomic<qint64> total { 0 };
    };

    void updateText();

    LoadingBar *m_bar;
    JobTracker *m_jobs;
    QString m_url;
    QString m_name; // the object's file name, for the bar
    std::shared_ptr<Progress> m_progress;
};

} // namespace tapedeck
