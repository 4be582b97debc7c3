// SPDX-License-Identifier: MIT
// Small helpers for the QFutures the timeline and detail panes keep.
#pragma once

#include <QFuture>

namespace tapedeck {

// Cancels a future that has not finished. Qt 6.4's cancel() walks the chain of continuations attached with
// then(); once the future has finished and its continuation has run on this thread, that chain points at
// freed memory (seen as a crash in QFutureInterfaceBase::cancel()). A future not finished yet still owns its
// continuation, and one that finished has nothing left to cancel.
template<typename T> void cancelUnfinished(QFuture<T> &future)
{
    if (!future.isFinished())
        future.cancel();
}

} // namespace tapedeck
