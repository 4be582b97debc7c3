// SPDX-License-Identifier: MIT
// The compact event index of a recording: HTTP, SQL and MCP events on one timeline. Summary fields live
// in small records and a text arena; bodies and rows are re-read lazily from the decompressed sources.
#pragma once

#include "core/common/result.h"
#include "core/recording/eventkind.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <atomic>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <vector>

namespace tapedeck {

// The text fields stored per event, by kind (the index of a field inside its event's text block).
enum class EventField : quint8 {
    // HTTP
    Method = 0,
    Uri = 1,
    ContentType = 2,
    HttpMessage = 3, // reason phrase of a failed response, and reader warnings
    // SQL
    Query = 0,
    SqlError = 1, // the recorded error, and reader warnings
    // MCP
    EntityType = 0,
    EntityUrn = 1,
    AspectName = 2,
    ChangeType = 3,
    McpMessage = 4, // reader warnings
};

enum EventFlag : quint8 {
    ErrorFlag = 0x01, // HTTP status >= 400, SQL error, unreadable record
    WarningFlag = 0x02, // the event has parse warnings
    GmsIngestFlag = 0x04, // an HTTP request that carried MCPs to GMS
    NoNumberFlag = 0x08, // the recorded number was null or missing (SQL row_count, HTTP status)
    AnchorFlag = 0x10, // a cassette interaction that defines YAML anchors, which later ones may use
};

struct EventRecord
{
    // `related` of an MCP that no HTTP request carried (one read from a file-sink MCP file).
    static constexpr quint32 NoCarrier = 0xffffffffu;

    qint64 sourceBegin = 0; // byte range in its source text: a cassette interaction or a queries.jsonl line
    qint64 sourceEnd = 0;
    quint32 textChunk = 0; // where the event's text fields are stored
    quint32 textOffset = 0;
    quint32 lane = 0; // position among the events of its kind
    quint32 related = 0; // MCP: seq of the HTTP event that carried it; HTTP: how many MCPs it carried
    qint32 number = 0; // HTTP status, SQL row count, MCP position inside its carrier
    quint32 sizeA = 0; // HTTP request body bytes; MCP aspect bytes
    quint32 sizeB = 0; // HTTP response body bytes
    EventKind kind = EventKind::Http;
    quint8 flags = 0;
    quint8 source = 0; // which source text (see Timeline::sourceText)
    quint8 fieldCount = 0;
};

// Append-only storage with one writer and any number of readers: records and text live in fixed chunks
// that never move, and count() only advances once an event is complete, so readers on other threads may
// read every event below count() while indexing goes on.
class Timeline
{
public:
    Timeline();
    ~Timeline();
    Timeline(const Timeline &) = delete;
    Timeline &operator=(const Timeline &) = delete;

    qsizetype count() const { return m_published.load(std::memory_order_acquire); }
    const EventRecord &record(qsizetype seq) const;
    QStringView field(qsizetype seq, EventField field) const;
    qsizetype laneCount(EventKind kind) const;

    // Sources the events were indexed from; records point into them by byte range. Added by the
    // indexer before its first event (at most MaxSources).
    static constexpr int MaxSources = 16;
    int addSource(const QString &name, const QByteArray &text);
    const QByteArray &sourceText(int index) const;
    const QString &sourceName(int index) const;
    int sourceCount() const { return int(m_sources.size()); }

    // Writer side.
    qsizetype append(EventRecord record, std::initializer_list<QStringView> fields);
    void publish(); // makes every appended event visible to readers
    bool isComplete() const { return m_complete.load(std::memory_order_acquire); }
    void setComplete();

    // Warnings about the sources as a whole (skipped lines, odd bytes): reading went on.
    QStringList warnings() const;
    void addWarning(const QString &warning);
    // Faults that stopped reading a source (malformed YAML or JSON, with file, line and column): the
    // events before them are kept.
    QList<Error> faults() const;
    void addFault(const Error &fault);

    // The events flagged AnchorFlag below seq, in order: what re-reading a later interaction needs
    // (TimelineIndexer::exchange) without a walk over every record before it.
    QList<qsizetype> anchorEventsBefore(qsizetype seq) const;

    // Bytes held by the index itself (records and text), not counting the sources.
    qint64 indexBytes() const;

private:
    static constexpr qsizetype RecordChunk = 1 << 14;
    static constexpr qsizetype TextChunk = 1 << 20; // char16_t units
    static constexpr qsizetype MaxChunks = 1 << 16;

    struct Source
    {
        QString name;
        QByteArray text;
    };

    std::unique_ptr<std::unique_ptr<EventRecord[]>[]> m_records;
    std::unique_ptr<std::unique_ptr<char16_t[]>[]> m_text;
    std::unique_ptr<qsizetype[]> m_textChunkSize;
    qsizetype m_appended = 0;
    std::atomic<qsizetype> m_published { 0 };
    std::atomic<bool> m_complete { false };
    qsizetype m_textChunks = 0;
    qsizetype m_textUsed = 0;
    qsizetype m_lanes[3] = { 0, 0, 0 }; // writer's counts
    std::atomic<qsizetype> m_publishedLanes[3] = { 0, 0, 0 };
    std::vector<Source> m_sources; // filled before indexing starts, then read-only
    mutable std::mutex m_warningMutex;
    QStringList m_warnings;
    QList<Error> m_faults;
    std::vector<qsizetype> m_anchorEvents; // AnchorFlag events, under m_warningMutex
};

} // namespace tapedeck
