// SPDX-License-Identifier: MIT
// Random access to bytes that live elsewhere (an S3 object, read by ranged GETs) as a read-only QIODevice,
// so that the ZIP reader can read a recording's end and one entry without downloading the whole archive.
#pragma once

#include "core/common/result.h"

#include <QIODevice>
#include <QMap>

#include <functional>

namespace tapedeck {

class RangeDevice : public QIODevice
{
public:
    // fetch(offset, length) returns exactly those bytes (or an error); it is called with block-aligned
    // ranges of blockSize (the last one shorter) and whatever prefetch() asks for.
    using Fetch = std::function<Result<QByteArray>(qint64 offset, qint64 length)>;

    RangeDevice(qint64 size, Fetch fetch, qint64 blockSize = 64 * 1024);

    // Reads [offset, offset + length) in one request ahead of use (the archive's end, say).
    Status prefetch(qint64 offset, qint64 length);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }

    qint64 bytesFetched() const { return m_bytesFetched; }
    int requests() const { return m_requests; }
    // The first fetch error, if any (reads then fail with -1).
    const std::optional<Error> &lastError() const { return m_error; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size = 0;
    Fetch m_fetch;
    qint64 m_blockSize = 0;
    QMap<qint64, QByteArray> m_spans; // start offset → bytes held, never overlapping
    qint64 m_bytesFetched = 0;
    int m_requests = 0;
    std::optional<Error> m_error;
};

} // namespace tapedeck
