// SPDX-License-Identifier: MIT
// Background work yields the CPU to the GUI thread: on a two-core machine, decrypting and indexing on
// every core would otherwise delay repaints and input.
#pragma once

namespace tapedeck {

// Makes the calling (worker) thread, and threads it starts, a little "nicer" than the GUI thread.
// Once per thread; a no-op where the platform has no per-thread nice value.
void lowerWorkerPriority();

} // namespace tapedeck
