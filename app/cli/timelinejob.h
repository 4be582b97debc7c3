// SPDX-License-Identifier: MIT
// Opens any event source for the CLI (archive, folder, cassette, queries.jsonl, MCP file) and indexes it
// on a worker thread, so commands can print the first events while the rest is still being read.
#pragma once

#include "core/archive/extractionlimits.h"
#include "core/archive/passwordsources.h"
#include "core/common/result.h"
#include "core/recording/timeline.h"

#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace tapedeck {

class Cli;

class TimelineJob
{
public:
    static Result<std::unique_ptr<TimelineJob>> start(const Cli &cli, const QString &path,
        const PasswordOptions &passwords, const ExtractionLimits &limits);
    ~TimelineJob();
    TimelineJob(const TimelineJob &) = delete;
    TimelineJob &operator=(const TimelineJob &) = delete;

    const Timeline &timeline() const { return m_timeline; }
    // Calls onEvent for every event, in order, as soon as it is published; returns when indexing is done.
    Status follow(const std::function<void(qsizetype seq)> &onEvent);
    Status wait();
    // A problem of the recording that still let its events be read (checksum mismatch, damaged entry).
    const std::optional<Error> &recordingProblem() const { return m_recordingProblem; }
    // The manifest's recording_start_time; empty for bare files and recordings without one.
    const QString &recordingStartTime() const { return m_recordingStartTime; }
    // After a command's output: prints the timeline's warnings and faults on stderr and returns the exit
    // code: 4 for a fault that stopped reading (malformed YAML/JSON), the recording's problem, else 0.
    int finish(const Cli &cli) const;

private:
    TimelineJob() = default;

    Timeline m_timeline;
    std::thread m_worker;
    Status m_status = success();
    std::optional<Error> m_recordingProblem;
    QString m_recordingStartTime;
};

} // namespace tapedeck
