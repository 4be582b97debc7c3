// SPDX-License-Identifier: MIT
// Progress reporting and cooperative cancellation for long core operations (decrypting, indexing).
#pragma once

#include <QtGlobal>

namespace tapedeck {

class ProgressReporter
{
public:
    virtual ~ProgressReporter() = default;
    // Units are whatever the operation counts (bytes for archive work); total may be 0 when unknown.
    virtual void setProgress(qint64 done, qint64 total) = 0;
    virtual bool isCancelled() const = 0;
};

} // namespace tapedeck
