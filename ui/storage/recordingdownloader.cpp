// SPDX-License-Identifier: MIT
// Downloading s3:// recordings before they are opened.
#include "ui/storage/recordingdownloader.h"

#include "core/storage/s3client.h"
#include "core/storage/s3download.h"
#include "core/storage/s3location.h"
#include "ui/jobs/jobtracker.h"
#include "ui/widgets/loadingbar.h"

#include <QLocale>

namespace tapedeck {

namespace {

// Counts bytes for the bar's text and hands progress and cancellation on to the job.
class ByteProgress final : public ProgressReporter
{
public:
    ByteProgress(JobTracker::Job &job, std::atomic<qint64> &done, std::atomic<qint64> &total)
        : m_job(job)
        , m_done(done)
        , m_total(total)
    { }

    void setProgress(qint64 done, qint64 total) override
    {
        m_done.store(done, std::memory_order_relaxed);
        m_total.store(total, std::memory_order_relaxed);
        m_job.setProgress(done, total);
    }
    bool isCancelled() const override { return m_job.cancelled(); }

private:
    JobTracker::Job &m_job;
    std::atomic<qint64> &m_done;
    std::atomic<qint64> &m_total;
};

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace

RecordingDownloader::RecordingDownloader(QObject *parent, LoadingBar *bar)
    : QObject(parent)
    , m_bar(bar)
    , m_jobs(new JobTracker(this))
{
    connect(m_bar, &LoadingBar::cancelRequested, this, &RecordingDownloader::cancel);
    connect(m_jobs, &JobTracker::progressChanged, this, [this](int permille) {
        m_bar->setProgress(permille);
        updateText();
    });
}

RecordingDownloader::~RecordingDownloader() = default; // the tracker stops a download still running

bool RecordingDownloader::isBusy() const
{
    return m_jobs->isRunning();
}

void RecordingDownloader::download(const QString &url, const S3Options &options)
{
    m_url = url;
    const Result<S3Location> parsed = S3Location::parse(url);
    m_name = parsed && !parsed->key.isEmpty() ? parsed->fileName() : url;
    m_progress = std::make_shared<Progress>();
    m_bar->setProgressVisible(true);
    m_bar->setProgress(-1);
    updateText();
    m_bar->show();
    Q_EMIT started(url);
    m_jobs->start(
        [url, options, progress = m_progress](JobTracker::Job &job) -> Result<QString> {
            const Result<S3Location> location = S3Location::parse(url);
            if (!location)
                return location.error();
            if (location->isPrefix())
                return makeError(ErrorCode::Usage,
                    tr("%1 is a prefix (a folder), not a recording: add it as a location to list its recordings.")
                        .arg(url));
            // The credentials are resolved here, each time, from the process environment and the AWS
            // files: the GUI keeps none of them.
            Result<S3Config> config = AwsConfig::resolve(options);
            if (!config)
                return config.error();
            S3Client client(std::move(config).value());
            ByteProgress bytes(job, progress->done, progress->total);
            S3DownloadOptions downloadOptions;
            downloadOptions.useCache = !options.noCache;
            Result<S3Fetched> fetched = S3Download::fetch(client, location.value(), downloadOptions, &bytes);
            if (!fetched)
                return fetched.error();
            return fetched->path;
        },
        [this, url](const Result<QString> &result) {
            m_bar->hide();
            if (result)
                Q_EMIT downloaded(url, result.value());
            else if (result.error().code == ErrorCode::Cancelled)
                Q_EMIT cancelled(url);
            else
                Q_EMIT failed(url, result.error());
        });
}

void RecordingDownloader::cancel()
{
    if (!m_jobs->isRunning())
        return;
    abandon();
    Q_EMIT cancelled(m_url);
}

void RecordingDownloader::abandon()
{
    if (!m_jobs->isRunning())
        return;
    m_jobs->abandon();
    m_bar->hide();
}

void RecordingDownloader::updateText()
{
    const qint64 total = m_progress ? m_progress->total.load(std::memory_order_relaxed) : 0;
    const qint64 done = m_progress ? m_progress->done.load(std::memory_order_relaxed) : 0;
    if (total > 0)
        m_bar->setText(tr("Downloading %1 from S3… %2 of %3").arg(m_name, sizeText(done), sizeText(total)));
    else
        m_bar->setText(tr("Downloading %1 from S3…").arg(m_name));
}

} // namespace tapedeck
