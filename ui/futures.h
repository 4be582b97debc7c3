// SPDX-License-Identifier: MIT
// Small helpers for the QFutures the timeline and detail panes keep.
#pragma once

#include <QFuture>

namespace tapedeck {

// Cancels a future that has not finished. Qt 6.4's QFuture::cancel() crashes on a default-constructed
// future (which starts out finished and cancelled), and a finished one has nothing left to cancel.
template<typename T> void cancelUnfinished(QFuture<T> &future)
{
    if (!future.isFinished())
        future.cancel();
}

} // namespace tapedeck
