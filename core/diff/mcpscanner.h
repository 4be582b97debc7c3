// SPDX-License-Identifier: MIT
// Reads MCP files for the diff in one pass: validates the JSON, finds each record's URN, aspect name and
// change type, and hashes its aspect canonically while applying the ignore rules, without building a tree.
#pragma once

#include "core/common/result.h"
#include "core/diff/diffside.h"
#include "core/recording/mcprecord.h"

#include <QByteArrayView>
#include <QCoreApplication>

#include <algorithm>
#include <functional>
#include <optional>

namespace tapedeck {

class IgnoreMatcher;

class McpScanner
{
    Q_DECLARE_TR_FUNCTIONS(McpScanner)

public:
    // Called every few megabytes with the bytes read so far; returning false stops the scan (cancelled).
    using Progress = std::function<bool(qint64 done)>;

    McpScanner(IgnoreMatcher &matcher, bool compareSystemMetadata);

    // Every record of the file-sink output in side.file: a JSON array, or JSON lines (any whitespace-
    // separated sequence of objects), read in windows; entries point into the file by byte range. MCPs with
    // aspect {"json": …} are read directly; other records (MCEs, the legacy {"value": "<JSON text>"} aspects,
    // usage buckets) go through McpExtractor, so they compare as the MCPs DataHub would send. Malformed JSON
    // is an InvalidInput error naming the file, line and column; records that are no MCP become warnings.
    Status scanFile(DiffSide &side, const Progress &progress = {});
    // The window files are read through (8 MiB); tests make it tiny to cut records everywhere.
    void setWindowSize(qint64 bytes) { m_windowSize = std::max<qint64>(bytes, 1); }

    // Entries for MCPs read elsewhere (a recording's cassette): their texts are kept in side.texts.
    void addRecords(DiffSide &side, const QList<McpRecord> &records);

    // The canonical hash of a JSON text with no rules applied; nullopt (and why) when it is not JSON.
    static std::optional<quint64> hashJson(QByteArrayView json, QString *error = nullptr);

    // "line 3, column 7" for a byte offset (columns count characters).
    static QString position(QByteArrayView text, qsizetype offset);

private:
    IgnoreMatcher &m_matcher;
    bool m_compareSystemMetadata;
    qint64 m_windowSize = qint64(8) << 20;
};

} // namespace tapedeck
