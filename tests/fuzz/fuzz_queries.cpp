// SPDX-License-Identifier: MIT
// db/queries.jsonl: the tolerant indexed reader, lazy re-reading of records, DataHub's replay key and the
// display of cells.
//
// Input: the file's bytes.
// Invariants:
// - reading never fails (bad lines are skipped and counted) and every warning says something;
// - lines read plus lines skipped never exceed the physical lines; entries are in order, inside the file,
//   with increasing line numbers;
// - every indexed record re-reads (query(i) and parseLine of its bytes) the same: line, row count, error
//   and warnings flags as the index recorded;
// - the replay key: the index's key, the record's replayKey() and replayKey(query, parameters) agree; it is
//   empty or 16 lower-case hex digits; a key with parameters does not depend on their key order (DataHub
//   sorts them); indexOfReplayKey finds the last record with that key;
// - every cell displays (displayValue), also as a bytes column.
#include "core/common/jsonvalue.h"
#include "core/recording/sqlquery.h"
#include "fuzzsupport.h"

#include <QRegularExpression>

using namespace tapedeck;
using namespace tapedeck::fuzz;

namespace {

const QString Origin = QStringLiteral("fuzz/db/queries.jsonl");

bool isKey(const QString &key)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{16}$"));
    return key.isEmpty() || hex.match(key).hasMatch();
}

// The same value with every object's members in reverse order (a key order DataHub's sort_keys undoes).
JsonValue reordered(const JsonValue &value)
{
    if (value.isArray()) {
        JsonArray items;
        for (const JsonValue &item : value.toArray())
            items.push_back(reordered(item));
        return JsonValue::array(std::move(items));
    }
    if (value.isObject()) {
        JsonObject members;
        const JsonObject &object = value.toObject();
        for (auto it = object.crbegin(); it != object.crend(); ++it)
            members.push_back(JsonMember { it->key, reordered(it->value) });
        return JsonValue::object(std::move(members));
    }
    return value;
}

void checkRecord(const QueryLog &log, qsizetype index, QHash<QString, qsizetype> &lastWithKey)
{
    const QueryLog::Entry &e = log.entry(index);
    const Result<SqlQuery> q = log.query(index);
    FUZZ_CHECK(q.ok(),
        QStringLiteral("record %1 (line %2) was indexed but does not re-read: %3")
            .arg(index)
            .arg(e.line)
            .arg(q.ok() ? QString() : q.error().message));
    const Result<SqlQuery> line = QueryLog::parseLine(log.lineData(index), Origin, e.line);
    FUZZ_CHECK(line.ok() && line->query == q->query && line->line == q->line && line->warnings == q->warnings,
        QStringLiteral("parseLine reads record %1 differently").arg(index));
    FUZZ_CHECK(q->line == e.line && qsizetype(e.resultCount) == qsizetype(q->rows.size())
            && bool(e.flags & QueryLog::HasError) == q->error.has_value()
            && bool(e.flags & QueryLog::HasWarnings) == !q->warnings.isEmpty()
            && bool(e.flags & QueryLog::HasParameters) == q->parameters.isTruthy(),
        QStringLiteral("record %1: the index says line %2, %3 rows, flags %4; the record line %5, %6 rows")
            .arg(index)
            .arg(e.line)
            .arg(e.resultCount)
            .arg(e.flags)
            .arg(q->line)
            .arg(q->rows.size()));
    for (const QString &w : q->warnings)
        FUZZ_CHECK(!w.trimmed().isEmpty(), QStringLiteral("record %1 has an empty warning").arg(index));

    const QString key = q->replayKey();
    FUZZ_CHECK(isKey(key), QStringLiteral("record %1: replay key \"%2\"").arg(index).arg(key));
    FUZZ_CHECK(key == log.replayKeyAt(index),
        QStringLiteral("record %1: key %2, the index has %3").arg(index).arg(key, log.replayKeyAt(index)));
    FUZZ_CHECK(!q->hasQuery || key == QueryLog::replayKey(q->query, q->parameters),
        QStringLiteral("record %1: replayKey() and replayKey(query, parameters) differ").arg(index));
    if (q->hasQuery)
        FUZZ_CHECK(QueryLog::replayKey(q->query, reordered(q->parameters)) == key,
            QStringLiteral("record %1: the key depends on the parameters' key order").arg(index));
    if (!key.isEmpty())
        lastWithKey.insert(key, index);

    // Every cell displays, as text and as a bytes column would show it.
    for (const JsonValue &row : q->rows) {
        for (const JsonMember &cell : row.toObject()) {
            (void)QueryLog::displayValue(cell.value);
            (void)QueryLog::displayValue(cell.value, QueryLog::ValueHint::Bytes);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    const QByteArray jsonl(reinterpret_cast<const char *>(bytes), qsizetype(size));
    const Result<QueryLog> log = QueryLog::parse(jsonl, Origin);
    FUZZ_CHECK(log.ok(), log.ok() ? QString() : log.error().message);
    for (const QString &w : log->warnings())
        FUZZ_CHECK(!w.trimmed().isEmpty(), QStringLiteral("an empty file warning"));
    FUZZ_CHECK(log->size() + log->skippedLines() <= log->lineCount(),
        QStringLiteral("%1 records and %2 skipped lines in %3 lines")
            .arg(log->size())
            .arg(log->skippedLines())
            .arg(log->lineCount()));
    qint64 previousEnd = 0;
    int previousLine = 0;
    QHash<QString, qsizetype> lastWithKey;
    for (qsizetype i = 0; i < log->size(); ++i) {
        const QueryLog::Entry &e = log->entry(i);
        FUZZ_CHECK(e.offset >= previousEnd && e.length >= 0 && e.offset + e.length <= jsonl.size()
                && e.line > previousLine && e.line <= log->lineCount(),
            QStringLiteral("entry %1 at %2+%3 line %4, after %5 line %6")
                .arg(i)
                .arg(e.offset)
                .arg(e.length)
                .arg(e.line)
                .arg(previousEnd)
                .arg(previousLine));
        previousEnd = e.offset + e.length;
        previousLine = e.line;
        checkRecord(*log, i, lastWithKey);
    }
    for (auto it = lastWithKey.cbegin(); it != lastWithKey.cend(); ++it)
        FUZZ_CHECK(log->indexOfReplayKey(it.key()) == it.value(),
            QStringLiteral("key %1: indexOfReplayKey gives %2, the last record with it is %3")
                .arg(it.key())
                .arg(log->indexOfReplayKey(it.key()))
                .arg(it.value()));
    return 0;
}
