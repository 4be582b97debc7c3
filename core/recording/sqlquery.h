// SPDX-License-Identifier: MIT
// DataHub's db/queries.jsonl (one QueryRecording.to_dict() a line): a tolerant, indexed reader that parses
// records lazily, and DataHub's replay key computed byte-exactly as Python computes it.
#pragma once

#include "core/common/jsonvalue.h"
#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace tapedeck {

class ProgressReporter;

// One recorded query. DataHub writes exactly query, parameters, results, row_count, description, error.
struct SqlQuery
{
    QString query;
    bool hasQuery = false; // "query" was a string (DataHub cannot load the line otherwise)
    // null, a list (Python tuples are written as lists), an object, or (rarely) a scalar.
    JsonValue parameters;
    // "results": normally one object per row, column name -> value ({"row": [...]} when the cursor had no
    // description). Datetimes are {"__type__": "datetime"|"date", "__value__": iso} markers; bytes are bare
    // base64 strings (no marker); Decimals are floats.
    JsonArray rows;
    // Elements of "results": rows holds all of them unless rowsCut (the record was read for display, and
    // its rows are larger than QueryLog::MaxRowBytes) or it was read as a summary (no rows built).
    qsizetype resultCount = 0;
    bool rowsCut = false;
    // Column names: the first item of each "description" tuple, or the rows' keys when there is none.
    QStringList columns;
    bool columnsFromDescription = false;
    JsonValue description; // as written: a list of column tuples (as lists), or null
    std::optional<qint64> rowCount; // cursor.rowcount (-1: unknown to the driver); nullopt for null
    std::optional<QString> error; // str(exception) of a failed execute; nullopt when it succeeded
    // Read for display or as a summary: query and error hold only their first
    // BodyContent::MaxShownCharacters (the key is of the whole query).
    bool textCut = false;
    // The replay key when it was settled while reading (a summary, whose query text is cut, or parameters
    // too large to read); otherwise replayKey() computes it from query and parameters.
    std::optional<QString> knownReplayKey;
    JsonObject otherFields; // keys DataHub does not write, kept as they are
    QStringList warnings; // problems of this record (missing or mistyped fields, invalid UTF-8)
    int line = 0; // 1-based line in the file; 0 when unknown

    // DataHub's key for this record (16 hex digits); empty when DataHub could not compute one.
    QString replayKey() const;
    // DataHub replays an error only when the message is non-empty (`if recording.error:`).
    bool replayRaises() const { return error.has_value() && !error->isEmpty(); }
};

class QueryLog
{
    Q_DECLARE_TR_FUNCTIONS(QueryLog)

public:
    static inline const QString FileName = QStringLiteral("db/queries.jsonl");

    enum EntryFlag : quint8 {
        HasError = 0x1, // "error" is a string (see SqlQuery::error)
        HasParameters = 0x2, // parameters are truthy, so the key includes them
        HasWarnings = 0x4,
        HasKey = 0x8, // key holds the replay key
    };

    // Compact summary of one record; the record itself is re-parsed from its line on demand.
    struct Entry
    {
        qint64 offset = 0; // of the line in data()
        qint64 length = 0; // of the line, without "\n" or "\r\n"
        int line = 0; // 1-based
        int resultCount = 0; // number of rows in "results"
        quint64 key = 0; // the replay key's 16 hex digits as a number
        quint8 flags = 0;
    };

    // Never fails on bad lines: a malformed or truncated line is skipped, counted and reported in
    // warnings() with file, line and column. Fails only when cancelled through progress.
    // onRecord, when given, receives each record read, as a summary, with its entry.
    using RecordHandler = std::function<void(const Entry &entry, SqlQuery &&summary)>;
    static Result<QueryLog> parse(const QByteArray &jsonl, const QString &origin,
        ProgressReporter *progress = nullptr, const RecordHandler &onRecord = {});
    // How much of a record is built when it is read. A line of hundreds of megabytes is read without a
    // JSON tree of it (ten to fifty times its size): a summary builds no rows, a display builds the
    // first ones up to MaxRowBytes of their text, and no other member larger than MaxValueBytes is built
    // (it is reported and left out; without its parameters a record has no replay key).
    enum class Detail {
        Full, // every row, the whole query and error text
        Display, // what show and the detail pane present: rows up to MaxRowBytes, query and error cut
        Summary, // what the index keeps: rows counted, not built; query and error cut
        Lookup, // what a replay's lookup needs: the whole query, parameters and error; rows counted, not built
    };
    static constexpr qsizetype MaxRowBytes = qsizetype(8) << 20;
    static constexpr qsizetype MaxValueBytes = qsizetype(8) << 20;

    // One line (without its line end). Fails when it is not a JSON object; field problems are warnings.
    static Result<SqlQuery> parseLine(
        QByteArrayView line, const QString &origin = {}, int lineNumber = 0, Detail detail = Detail::Full);

    // sha256(query + ("|" + json.dumps(parameters, sort_keys=True) if parameters else "")) as hex, first
    // 16 digits, the way QueryRecording.get_key() computes it for a record loaded from this file. Empty when
    // the query holds a lone surrogate (Python's str.encode() raises there).
    static QString replayKey(const QString &query, const JsonValue &parameters);

    enum class ValueHint : quint8 {
        Auto, // as the value is: markers decoded, strings verbatim
        Bytes, // the column holds bytes: base64 strings are shown as hex
    };
    // A cell for display: NULL, numbers as Python prints them, datetime/date markers as str(datetime)
    // ("2023-02-06 10:12:03.114000-08:00"), other objects and lists as JSON.
    static QString displayValue(const JsonValue &value, ValueHint hint = ValueHint::Auto);
    // The bytes of a base64 string as DataHub writes bytes values; nullopt when it is not valid base64.
    static std::optional<QByteArray> decodeBytes(const JsonValue &value);
    // {"__type__": "datetime"|"date", "__value__": iso} exactly (two members), as DataHub's reader accepts.
    static bool isDateTimeMarker(const JsonValue &value);

    QString origin() const { return m_origin; }
    const QByteArray &data() const { return m_data; }
    int lineCount() const { return m_lineCount; } // physical lines, blank and skipped ones included
    qsizetype size() const { return qsizetype(m_entries.size()); } // records read
    const Entry &entry(qsizetype index) const { return m_entries[size_t(index)]; }
    QByteArrayView lineData(qsizetype index) const;
    Result<SqlQuery> query(qsizetype index, Detail detail = Detail::Full) const;
    QString replayKeyAt(qsizetype index) const;
    // The record DataHub replays for a key: the last one with it (later records overwrite earlier ones in
    // its dict). -1 when none.
    qsizetype indexOfReplayKey(const QString &key) const;
    int skippedLines() const { return m_skippedLines; }
    const QStringList &warnings() const { return m_warnings; } // file-level: skipped lines, BOM

private:
    QString m_origin;
    QByteArray m_data;
    std::vector<Entry> m_entries;
    QHash<quint64, qsizetype> m_byKey;
    QStringList m_warnings;
    int m_lineCount = 0;
    int m_skippedLines = 0;
};

} // namespace tapedeck
