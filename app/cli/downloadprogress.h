// SPDX-License-Identifier: MIT
// A download's progress on stderr for the commands that fetch from S3: a line redrawn at most ten times a
// second when stderr is a terminal, and Ctrl+C (SIGINT/SIGTERM) as cancellation.
#pragma once

#include "app/cli/interruption.h"
#include "core/common/progress.h"

#include <QElapsedTimer>
#include <QString>

namespace tapedeck {

class Cli;

class DownloadProgress final : public ProgressReporter
{
public:
    DownloadProgress(const Cli &cli, QString what, bool quiet = false);
    ~DownloadProgress() override; // clears the line
    Q_DISABLE_COPY_MOVE(DownloadProgress)

    void setProgress(qint64 done, qint64 total) override;
    bool isCancelled() const override { return m_interruption.isCancelled(); }

    void clear();
    // 128 + the signal when one cancelled the download, otherwise code.
    int exitCode(int code) const { return m_interruption.exitCode(code); }
    qint64 elapsedMs() const { return m_started.elapsed(); }

private:
    const Cli &m_cli;
    QString m_what;
    bool m_show = false;
    bool m_shown = false;
    QElapsedTimer m_redrawn;
    QElapsedTimer m_started;
    Interruption m_interruption;
};

} // namespace tapedeck
