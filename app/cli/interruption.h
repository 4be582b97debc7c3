// SPDX-License-Identifier: MIT
// SIGINT and SIGTERM as a cancellation request, for CLI work that must clean up before it ends.
#pragma once

#include "core/common/progress.h"

#include <QtGlobal>

#include <csignal>

namespace tapedeck {

// While one exists, the first SIGINT or SIGTERM only asks the work to stop: the work sees isCancelled(),
// removes what it wrote (extract's staging folder of decrypted files, pack's temporary archive) and the
// command ends with 128 + the signal number, 130 or 143, as if the signal had ended it. A second signal
// ends the process at once, as without the handler. The handler only stores the signal number: that is
// all a signal handler may safely do.
class Interruption final : public ProgressReporter
{
public:
    Interruption();
    ~Interruption() override; // restores the previous handlers
    Q_DISABLE_COPY_MOVE(Interruption)

    void setProgress(qint64, qint64) override { }
    bool isCancelled() const override { return signal() != 0; }

    int signal() const; // the signal received, 0 while none was
    // 128 + the signal when one was received, otherwise exitCode.
    int exitCode(int exitCode) const { return signal() ? 128 + signal() : exitCode; }

private:
    struct sigaction m_previousInt
    {
    };
    struct sigaction m_previousTerm
    {
    };
};

} // namespace tapedeck
