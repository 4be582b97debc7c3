// SPDX-License-Identifier: MIT
// Worker threads below the GUI thread's priority.
#include "ui/jobs/workerpriority.h"

#include <QtGlobal> // Q_OS_LINUX

#ifdef Q_OS_LINUX
#include <algorithm>
#include <cerrno>
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
    // Five steps below where the thread started (it inherits the process's nice value), not nice 5 outright:
    // under `nice -n 10` an absolute 5 would put the workers above the GUI thread. getpriority() can
    // return -1 as a value, so errno tells a failure apart.
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, tid);
    if (errno != 0)
        return;
    // Failure only means the work competes with the GUI as before.
    (void)::setpriority(PRIO_PROCESS, tid, std::min(current + 5, 19));
#endif
}

} // namespace tapedeck
