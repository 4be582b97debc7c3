// SPDX-License-Identifier: MIT
// Random access to bytes that live elsewhere (an S3 object, read by ranged GETs) as a read-only QIODevice,
// so that the ZIP reader can read a recording's end and one entry without downloading the whole archive.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QMap>

#include <functional>
#include <optional>

namespace tapedeck {

class RangeDevice : public QIODevice
{
    Q_DECLARE_TR_FUNCTIONS(RangeDevice)

public:
    // fetch(offset, length) returns exactly those bytes (or an error). A read fetches what it misses in
    // whole blocks of blockSize, clipped to the object's end and to bytes already held, one request per
    // run of adjacent missing blocks; prefetch() asks for exactly its range. No byte is fetched twice.
    using Fetch = std::function<Result<QByteArray>(qint64 offset, qint64 length)>;

    // The device is open (read-only, unbuffered) once constructed.
    RangeDevice(qint64 size, Fetch fetch, qint64 blockSize = 64 * 1024);

    // Reads [offset, offset + length) in one request ahead of use (the archive's end, say): from the first
    // missing byte to the last one, clipped to the object; nothing when all of it is held.
    Status prefetch(qint64 offset, qint64 length);
    // Whether every byte of [offset, offset + length) is held (clipped to the object).
    bool isHeld(qint64 offset, qint64 length) const;

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }

    qint64 bytesFetched() const { return m_bytesFetched; }
    int requests() const { return m_requests; }
    // The first fetch error, if any (reads that need a fetch then fail with -1).
    const std::optional<Error> &lastError() const { return m_error; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    // The missing parts of [offset, end) as (begin, end) pairs, in order.
    QList<QPair<qint64, qint64>> gaps(qint64 offset, qint64 end) const;
    Status fetchInto(qint64 offset, qint64 length);
    // Keeps the parts of bytes (which start at offset) that are not held yet.
    void store(qint64 offset, const QByteArray &bytes);
    void copyOut(qint64 offset, qint64 length, char *data) const;

    qint64 m_size = 0;
    Fetch m_fetch;
    qint64 m_blockSize = 0;
    QMap<qint64, QByteArray> m_spans; // start offset → bytes held, never overlapping
    qint64 m_bytesFetched = 0;
    int m_requests = 0;
    std::optional<Error> m_error;
};

} // namespace tapedeck
