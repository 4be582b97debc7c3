// SPDX-License-Identifier: MIT
// Adapts a QPromise to core's ProgressReporter: progress in permille, cancellation from QFuture::cancel().
#pragma once

#include "core/common/progress.h"

#include <QPromise>

#include <algorithm>

namespace tapedeck {

template<typename T> class PromiseProgress final : public ProgressReporter
{
public:
    // QFuture progress is an int; byte counts of big recordings are not, so the range is fixed.
    static constexpr int Scale = 1000;

    explicit PromiseProgress(QPromise<T> &promise)
        : m_promise(promise)
    {
        m_promise.setProgressRange(0, Scale);
    }

    void setProgress(qint64 done, qint64 total) override
    {
        if (total > 0)
            m_promise.setProgressValue(int(std::clamp<qint64>(done * Scale / total, 0, Scale)));
    }

    bool isCancelled() const override { return m_promise.isCanceled(); }

private:
    QPromise<T> &m_promise;
};

} // namespace tapedeck
