// SPDX-License-Identifier: MIT
// Shared by the timeline, filter and detail-pane tests: the bundled sample indexed into a Timeline, and
// synthetic events.
#pragma once

#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"

#include <QTest>

#include <memory>

namespace tapedeck::test {

inline QString sampleRecordingPath()
{
    return QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.zip");
}

// The sample (12 HTTP, 5 SQL and 24 MCP events), decrypted and indexed; nullptr (with a test failure
// message) when it cannot be read.
inline std::shared_ptr<Timeline> sampleTimeline(std::shared_ptr<const Recording> *keep = nullptr)
{
    Result<std::unique_ptr<RecordingSource>> source = RecordingSource::open(sampleRecordingPath());
    if (!source) {
        qWarning("cannot open the sample: %s", qPrintable(source.error().message));
        return nullptr;
    }
    if (Status unlocked = (*source)->unlock(QStringLiteral("tapedeck-sample")); !unlocked) {
        qWarning("cannot unlock the sample: %s", qPrintable(unlocked.error().message));
        return nullptr;
    }
    Result<Recording> recording = Recording::load(**source);
    if (!recording) {
        qWarning("cannot load the sample: %s", qPrintable(recording.error().message));
        return nullptr;
    }
    auto shared = std::make_shared<const Recording>(std::move(recording).value());
    auto timeline = std::make_shared<Timeline>();
    if (Status indexed = TimelineIndexer::indexRecording(*timeline, *shared); !indexed) {
        qWarning("cannot index the sample: %s", qPrintable(indexed.error().message));
        return nullptr;
    }
    if (keep)
        *keep = shared;
    return timeline;
}

// A synthetic event of each kind, cycling through them by `i` (what the benchmark appends too).
inline void appendSynthetic(Timeline &t, qsizetype i)
{
    EventRecord r;
    const QString n = QString::number(i);
    switch (i % 4) {
    case 0:
    case 1: {
        r.kind = EventKind::Http;
        r.number = i % 97 == 0 ? 500 : 200;
        if (r.number >= 400)
            r.flags |= ErrorFlag;
        r.sizeA = quint32(i % 1000);
        r.sizeB = quint32(i % 5000);
        const QString uri
            = QStringLiteral("https://api.looker.example/api/4.0/looks/") + n + QStringLiteral("?fields=id");
        const QString method = i % 2 ? QStringLiteral("POST") : QStringLiteral("GET");
        t.append(r, { method, uri, QStringLiteral("application/json"), QString() });
        break;
    }
    case 2: {
        r.kind = EventKind::Sql;
        r.number = int(i % 13);
        const QString query
            = QStringLiteral("SELECT * FROM analytics.orders_") + n + QStringLiteral(" WHERE id = %s");
        t.append(r, { query, QString() });
        break;
    }
    default: {
        r.kind = EventKind::Mcp;
        r.related = EventRecord::NoCarrier;
        r.sizeA = 120;
        const QString urn = QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:snowflake,db.schema.table_")
            + n + QStringLiteral(",PROD)");
        const QString aspect = i % 8 == 3 ? QStringLiteral("schemaMetadata") : QStringLiteral("status");
        t.append(r, { QStringLiteral("dataset"), urn, aspect, QStringLiteral("UPSERT"), QString() });
        break;
    }
    }
}

} // namespace tapedeck::test
