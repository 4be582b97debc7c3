// SPDX-License-Identifier: MIT
// Background indexing for CLI commands.
#include "app/cli/timelinejob.h"

#include "app/cli/cli.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "core/recording/timelineindexer.h"

#include <QFileInfo>

#include <chrono>

namespace tapedeck {

Result<std::unique_ptr<TimelineJob>> TimelineJob::start(
    const Cli &cli, const QString &path, const PasswordOptions &passwords, const ExtractionLimits &limits)
{
    std::unique_ptr<TimelineJob> job(new TimelineJob);
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(ErrorCode::Io, Cli::tr("%1 does not exist").arg(path));
    const bool isRecording
        = info.isDir() || info.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0;
    if (!isRecording) {
        job->m_worker = std::thread([job = job.get(), path] {
            job->m_status = TimelineIndexer::indexFile(job->m_timeline, path);
            job->m_timeline.setComplete(); // also after a failure, so followers stop waiting
        });
        return job;
    }
    auto source = cli.openUnlocked(path, passwords);
    if (!source)
        return source.error();
    Result<Recording> recording = Recording::load(**source, limits);
    if (!recording)
        return recording.error();
    job->m_recordingProblem = recording->mainProblem();
    if (recording->manifest)
        job->m_recordingStartTime = recording->manifest->recordingStartTime;
    job->m_worker = std::thread([job = job.get(), recording = std::move(recording).value()] {
        job->m_status = TimelineIndexer::indexRecording(job->m_timeline, recording);
        job->m_timeline.setComplete();
    });
    return job;
}

TimelineJob::~TimelineJob()
{
    if (m_worker.joinable())
        m_worker.join();
}

Status TimelineJob::follow(const std::function<void(qsizetype)> &onEvent)
{
    qsizetype seen = 0;
    for (;;) {
        // Completion is read first: once it is set, count() is final.
        const bool complete = m_timeline.isComplete();
        const qsizetype published = m_timeline.count();
        for (; seen < published; ++seen)
            onEvent(seen);
        if (complete)
            break;
        if (published == seen)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return wait();
}

int TimelineJob::finish(const Cli &cli) const
{
    for (const QString &w : m_timeline.warnings())
        cli.warn(w);
    const QList<Error> faults = m_timeline.faults();
    for (qsizetype k = 1; k < faults.size(); ++k)
        cli.fail(faults.at(k)); // printed only: the first fault decides the exit code
    if (!faults.isEmpty())
        return cli.fail(faults.first());
    if (m_recordingProblem)
        return cli.fail(*m_recordingProblem);
    return 0;
}

Status TimelineJob::wait()
{
    if (m_worker.joinable())
        m_worker.join();
    return m_status;
}

} // namespace tapedeck
