// SPDX-License-Identifier: MIT
// A read-only QIODevice over ranged fetches, holding what it fetched as non-overlapping spans.
#include "core/storage/rangedevice.h"

#include <algorithm>
#include <cstring>

namespace tapedeck {

RangeDevice::RangeDevice(qint64 size, Fetch fetch, qint64 blockSize)
    : m_size(std::max<qint64>(0, size))
    , m_fetch(std::move(fetch))
    , m_blockSize(std::max<qint64>(1, blockSize))
{
    QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

QList<QPair<qint64, qint64>> RangeDevice::gaps(qint64 offset, qint64 end) const
{
    QList<QPair<qint64, qint64>> result;
    offset = std::max<qint64>(0, offset);
    end = std::min(end, m_size);
    qint64 cursor = offset;
    auto it = m_spans.upperBound(offset);
    if (it != m_spans.cbegin()) {
        const auto previous = std::prev(it);
        cursor = std::max(cursor, previous.key() + previous.value().size());
    }
    for (; it != m_spans.cend() && it.key() < end; ++it) {
        if (it.key() > cursor)
            result.append({ cursor, it.key() });
        cursor = std::max(cursor, it.key() + it.value().size());
    }
    if (cursor < end)
        result.append({ cursor, end });
    return result;
}

bool RangeDevice::isHeld(qint64 offset, qint64 length) const
{
    return gaps(offset, offset + std::max<qint64>(0, length)).isEmpty();
}

void RangeDevice::store(qint64 offset, const QByteArray &bytes)
{
    for (const auto &[begin, end] : gaps(offset, offset + bytes.size()))
        m_spans.insert(begin, bytes.mid(begin - offset, end - begin));
}

Status RangeDevice::fetchInto(qint64 offset, qint64 length)
{
    if (m_error)
        return *m_error;
    ++m_requests;
    Result<QByteArray> bytes = m_fetch(offset, length);
    if (bytes)
        m_bytesFetched += bytes->size();
    if (bytes && bytes->size() != length)
        bytes = makeError(ErrorCode::Io,
            tr("a ranged read of %1 bytes at offset %2 returned %3 bytes")
                .arg(length)
                .arg(offset)
                .arg(bytes->size()));
    if (!bytes) {
        m_error = bytes.error();
        setErrorString(bytes.error().message);
        return bytes.error();
    }
    store(offset, *bytes);
    return success();
}

Status RangeDevice::prefetch(qint64 offset, qint64 length)
{
    const QList<QPair<qint64, qint64>> missing = gaps(offset, offset + std::max<qint64>(0, length));
    if (missing.isEmpty())
        return success();
    return fetchInto(missing.constFirst().first, missing.constLast().second - missing.constFirst().first);
}

void RangeDevice::copyOut(qint64 offset, qint64 length, char *data) const
{
    while (length > 0) {
        const auto it = std::prev(m_spans.upperBound(offset));
        const qint64 within = offset - it.key();
        const qint64 take = std::min(length, it.value().size() - within);
        std::memcpy(data, it.value().constData() + within, size_t(take));
        data += take;
        offset += take;
        length -= take;
    }
}

qint64 RangeDevice::readData(char *data, qint64 maxSize)
{
    const qint64 offset = pos();
    const qint64 length = std::min(maxSize, m_size - offset);
    if (length <= 0)
        return 0;
    for (const auto &[begin, end] : gaps(offset, offset + length)) {
        // Widen the gap to whole blocks, but never over bytes already held nor past the end: the held
        // neighbours bound the widening, so each run of missing blocks is one request.
        qint64 low = 0;
        auto next = m_spans.upperBound(begin);
        if (next != m_spans.cbegin()) {
            const auto previous = std::prev(next);
            low = previous.key() + previous.value().size();
        }
        const qint64 high = next == m_spans.cend() ? m_size : next.key();
        const qint64 from = std::max(low, begin / m_blockSize * m_blockSize);
        const qint64 to
            = std::min(high, std::min(m_size, (end + m_blockSize - 1) / m_blockSize * m_blockSize));
        if (!fetchInto(from, to - from))
            return -1;
    }
    copyOut(offset, length, data);
    return length;
}

} // namespace tapedeck
