// SPDX-License-Identifier: MIT
// Chunked, append-only event index.
#include "core/recording/timeline.h"

#include <algorithm>
#include <cstring>

namespace tapedeck {

Timeline::Timeline()
    : m_records(new std::unique_ptr<EventRecord[]>[MaxChunks])
    , m_text(new std::unique_ptr<char16_t[]>[MaxChunks])
    , m_textChunkSize(new qsizetype[MaxChunks]())
{
    m_sources.reserve(MaxSources);
}

Timeline::~Timeline() = default;

const EventRecord &Timeline::record(qsizetype seq) const
{
    return m_records[seq / RecordChunk][seq % RecordChunk];
}

QStringView Timeline::field(qsizetype seq, EventField which) const
{
    const EventRecord &r = record(seq);
    const int index = int(which);
    if (index >= r.fieldCount)
        return {};
    const char16_t *p = m_text[r.textChunk].get() + r.textOffset;
    for (int i = 0;; ++i) {
        const qsizetype length = qsizetype(p[0]) | (qsizetype(p[1]) << 16);
        if (i == index)
            return QStringView(p + 2, length);
        p += 2 + length;
    }
}

qsizetype Timeline::laneCount(EventKind kind) const
{
    return m_publishedLanes[int(kind)].load(std::memory_order_acquire);
}

int Timeline::addSource(const QString &name, const QByteArray &text)
{
    Q_ASSERT(m_sources.size() < size_t(MaxSources));
    m_sources.push_back({ name, text });
    return int(m_sources.size()) - 1;
}

const QByteArray &Timeline::sourceText(int index) const
{
    return m_sources.at(size_t(index)).text;
}

const QString &Timeline::sourceName(int index) const
{
    return m_sources.at(size_t(index)).name;
}

qsizetype Timeline::append(EventRecord r, std::initializer_list<QStringView> fields)
{
    qsizetype needed = 0;
    for (const QStringView f : fields)
        needed += 2 + f.size();
    if (m_textChunks == 0 || m_textUsed + needed > m_textChunkSize[m_textChunks - 1]) {
        const qsizetype size = qMax(TextChunk, needed);
        m_text[m_textChunks].reset(new char16_t[size_t(size)]);
        m_textChunkSize[m_textChunks] = size;
        ++m_textChunks;
        m_textUsed = 0;
    }
    char16_t *p = m_text[m_textChunks - 1].get() + m_textUsed;
    r.textChunk = quint32(m_textChunks - 1);
    r.textOffset = quint32(m_textUsed);
    r.fieldCount = quint8(fields.size());
    for (const QStringView f : fields) {
        p[0] = char16_t(f.size() & 0xffff);
        p[1] = char16_t(f.size() >> 16);
        if (!f.isEmpty()) // an empty view may have no data pointer at all
            std::memcpy(p + 2, f.utf16(), size_t(f.size()) * sizeof(char16_t));
        p += 2 + f.size();
    }
    m_textUsed += needed;

    const qsizetype seq = m_appended;
    if (seq % RecordChunk == 0)
        m_records[seq / RecordChunk].reset(new EventRecord[RecordChunk]);
    r.lane = quint32(m_lanes[int(r.kind)]++);
    m_records[seq / RecordChunk][seq % RecordChunk] = r;
    ++m_appended;
    if (r.flags & AnchorFlag) {
        std::lock_guard lock(m_warningMutex);
        m_anchorEvents.push_back(seq);
    }
    return seq;
}

QList<qsizetype> Timeline::anchorEventsBefore(qsizetype seq) const
{
    std::lock_guard lock(m_warningMutex);
    const auto end = std::lower_bound(m_anchorEvents.cbegin(), m_anchorEvents.cend(), seq);
    return QList<qsizetype>(m_anchorEvents.cbegin(), end);
}

void Timeline::publish()
{
    for (int k = 0; k < 3; ++k)
        m_publishedLanes[k].store(m_lanes[k], std::memory_order_release);
    m_published.store(m_appended, std::memory_order_release);
}

void Timeline::setComplete()
{
    publish();
    m_complete.store(true, std::memory_order_release);
}

QStringList Timeline::warnings() const
{
    std::lock_guard lock(m_warningMutex);
    return m_warnings;
}

void Timeline::addWarning(const QString &warning)
{
    std::lock_guard lock(m_warningMutex);
    m_warnings.append(warning);
}

QList<Error> Timeline::faults() const
{
    std::lock_guard lock(m_warningMutex);
    return m_faults;
}

void Timeline::addFault(const Error &fault)
{
    std::lock_guard lock(m_warningMutex);
    m_faults.append(fault);
}

qint64 Timeline::indexBytes() const
{
    const qint64 recordChunks = (m_appended + RecordChunk - 1) / RecordChunk;
    qint64 text = 0;
    for (qsizetype i = 0; i < m_textChunks; ++i)
        text += m_textChunkSize[i] * qint64(sizeof(char16_t));
    return recordChunks * RecordChunk * qint64(sizeof(EventRecord)) + text;
}

} // namespace tapedeck
