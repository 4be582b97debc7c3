// SPDX-License-Identifier: MIT
#include "ui/jobs/workerpriority.h"

#include <QtGlobal> // Q_OS_LINUX

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace tapedeck {

void lowerWorkerPriority()
{
#ifdef Q_OS_LINUX
    // On Linux the nice value belongs to the thread (and threads it creates inherit it).
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    // Failure only means the work competes with the GUI as before.
    (void)::setpriority(PRIO_PROCESS, tid, 5);
#endif
}

} // namespace tapedeck
