// SPDX-License-Identifier: MIT
// Reading db/queries.jsonl and computing DataHub's replay keys.
#include "core/recording/sqlquery.h"

#include "core/recording/sqldescription.h"

#include "core/common/bytesize.h"
#include "core/common/jsonstring.h"
#include "core/common/progress.h"
#include "core/common/sha256.h"
#include "core/common/utf8.h"
#include "core/recording/bodycontent.h"

#include <algorithm>
#include <climits>

namespace tapedeck {

namespace {

const QString QueryKey = QStringLiteral("query");
const QString ParametersKey = QStringLiteral("parameters");
const QString ResultsKey = QStringLiteral("results");
const QString RowCountKey = QStringLiteral("row_count");
const QString DescriptionKey = QStringLiteral("description");
const QString ErrorKey = QStringLiteral("error");

// How much a cell shows of a bytes value before eliding.
constexpr qsizetype MaxDisplayedBytes = 256;

// "origin:line:column" (compiler style); without an origin just "line:column".
QString position(const QString &origin, int line, int column = 0)
{
    QString text = origin.isEmpty() ? QString() : origin + QLatin1Char(':');
    text += QString::number(std::max(line, 1));
    if (column > 0)
        text += QLatin1Char(':') + QString::number(column);
    return text;
}

bool isBlank(QByteArrayView line)
{
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f')
            return false;
    }
    return true;
}

bool hasLoneSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return true;
    }
    return false;
}

// A JSON string literal's text may hold a surrogate escape (\uD800-\uDFFF): a lone one makes DataHub's key
// fail, which only the decoded UTF-16 text tells.
bool mayHoldSurrogateEscape(QByteArrayView literal)
{
    for (qsizetype i = literal.indexOf("\\u"); i >= 0 && i + 3 < literal.size(); i = literal.indexOf("\\u", i + 2)) {
        const char a = literal[i + 2];
        const char b = literal[i + 3];
        if ((a == 'd' || a == 'D') && ((b >= '8' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')))
            return true;
    }
    return false;
}

// The text of a record's members: the ones DataHub writes by name (a repeated key keeps its first position
// and takes its last value, as in a Python dict), the others in order while they stay small.
struct RecordText
{
    std::vector<std::pair<QString, QByteArrayView>> members;
    QHash<QString, qsizetype> index;
    qsizetype otherBytes = 0;
    int othersLeftOut = 0;
};

bool isKnownKey(const QString &key)
{
    return key == QueryKey || key == ParametersKey || key == ResultsKey || key == RowCountKey
        || key == DescriptionKey || key == ErrorKey;
}

enum class ReadFailure { None, NotJson, NotObject };

// Reads one line as a record, building only what detail asks for (QueryLog::Detail); every problem of a
// field becomes a warning on the record.
std::optional<SqlQuery> readRecord(QByteArrayView line, const QString &origin, int lineNumber,
    QueryLog::Detail detail, JsonParseInfo &info, ReadFailure &failure)
{
    using Detail = QueryLog::Detail;
    const bool summary = detail == Detail::Summary || detail == Detail::Lookup;
    // Full and Lookup read the query and error text whole; the others cut it for display (textCut).
    const bool cutText = detail != Detail::Full && detail != Detail::Lookup;
    RecordText text;
    const Status scanned = JsonValue::scan(line, &info, [&](const QString &key, QByteArrayView value) {
        if (const qsizetype at = text.index.value(key, -1); at >= 0) {
            text.members[size_t(at)].second = value;
            return;
        }
        if (!isKnownKey(key)) {
            // Other members are kept as they are for display, but never more than MaxValueBytes of them
            // (a summary keeps none, but reports the same).
            if (text.otherBytes + value.size() > QueryLog::MaxValueBytes) {
                ++text.othersLeftOut;
                return;
            }
            text.otherBytes += value.size();
            if (summary)
                return;
        }
        text.index.insert(key, qsizetype(text.members.size()));
        text.members.emplace_back(key, value);
    });
    if (!scanned) {
        failure = ReadFailure::NotJson;
        return std::nullopt;
    }
    if (!QByteArrayView(line).trimmed().startsWith('{')) {
        failure = ReadFailure::NotObject;
        return std::nullopt;
    }
    failure = ReadFailure::None;

    SqlQuery q;
    q.line = lineNumber;
    const QString where = position(origin, lineNumber);
    const auto warn
        = [&](const QString &message) { q.warnings.append(QueryLog::tr("%1: %2").arg(where, message)); };
    if (info.invalidUtf8 > 0) {
        warn(QueryLog::tr("invalid UTF-8 at column %1 (%n malformed sequence(s) shown as U+FFFD)", nullptr,
            info.invalidUtf8)
                 .arg(info.firstInvalidUtf8Column));
    }
    // Members other than the query and the rows are built as JSON values only while small.
    const auto value = [&](const QString &key, QByteArrayView text) -> std::optional<JsonValue> {
        if (text.size() > QueryLog::MaxValueBytes) {
            warn(QueryLog::tr("\"%1\" is larger than %2 and was not read").arg(key, formatByteSize(QueryLog::MaxValueBytes)));
            return std::nullopt;
        }
        Result<JsonValue> v = JsonValue::parse(text);
        return v ? std::optional<JsonValue>(std::move(v).value()) : std::nullopt;
    };

    // A summary's query is read as UTF-8 straight from the line (the key is its hash), and only its shown
    // part becomes text. Invalid UTF-8 and surrogate escapes take the exact way through the decoded text.
    QByteArray queryUtf8Buffer;
    std::optional<QByteArrayView> queryUtf8;
    bool parametersLeftOut = false;
    bool seenQuery = false, seenParameters = false, seenResults = false, seenRowCount = false,
         seenDescription = false, seenError = false;
    for (const auto &[key, v] : text.members) {
        if (key == QueryKey) {
            seenQuery = true;
            q.hasQuery = v.startsWith('"');
            if (!q.hasQuery) {
                warn(QueryLog::tr("\"query\" is not a string"));
                continue;
            }
            const QByteArrayView literal = v.sliced(1, v.size() - 2);
            if (cutText && info.invalidUtf8 == 0 && !mayHoldSurrogateEscape(literal)) {
                if (literal.contains('\\')) {
                    appendUnescapedJsonUtf8(literal, queryUtf8Buffer);
                    queryUtf8 = QByteArrayView(queryUtf8Buffer);
                } else {
                    queryUtf8 = literal;
                }
                bool cut = false;
                q.query = BodyContent::cappedText(*queryUtf8, &cut).value_or(QString());
                q.textCut = q.textCut || cut;
            } else {
                q.query = JsonValue::parse(v)->toString();
            }
        } else if (key == ParametersKey) {
            seenParameters = true;
            if (std::optional<JsonValue> p = value(key, v))
                q.parameters = std::move(*p);
            else
                parametersLeftOut = true;
        } else if (key == ResultsKey) {
            seenResults = true;
            if (!v.startsWith('[')) {
                warn(QueryLog::tr("\"results\" is not a list"));
                continue;
            }
            // Element by element: a summary only counts them, a display builds the first ones.
            qsizetype notObjects = 0;
            qsizetype builtBytes = 0;
            (void)JsonValue::scan(v, nullptr, [&](const QString &, QByteArrayView row) {
                ++q.resultCount;
                if (!row.startsWith('{'))
                    ++notObjects;
                if (summary || q.rowsCut)
                    return;
                if (detail == Detail::Display && builtBytes + row.size() > QueryLog::MaxRowBytes) {
                    q.rowsCut = true;
                    return;
                }
                builtBytes += row.size();
                q.rows.push_back(*JsonValue::parse(row));
            });
            if (notObjects > 0)
                warn(QueryLog::tr("%n row(s) of \"results\" are not objects", nullptr, int(std::min<qsizetype>(notObjects, INT_MAX))));
        } else if (key == RowCountKey) {
            seenRowCount = true;
            const std::optional<JsonValue> n = value(key, v);
            if (n && n->isInteger() && n->toInt64())
                q.rowCount = *n->toInt64();
            else if (n && !n->isNull())
                warn(QueryLog::tr("\"row_count\" is not an integer"));
        } else if (key == DescriptionKey) {
            seenDescription = true;
            std::optional<JsonValue> d = value(key, v);
            if (d && (d->isArray() || d->isNull()))
                q.description = std::move(*d);
            else if (d)
                warn(QueryLog::tr("\"description\" is not a list"));
        } else if (key == ErrorKey) {
            seenError = true;
            if (v.startsWith('"')) {
                q.error = JsonValue::parse(v)->toString();
                if (cutText) {
                    bool cut = false;
                    q.error = BodyContent::capped(*q.error, &cut);
                    q.textCut = q.textCut || cut;
                }
            } else if (std::optional<JsonValue> e = value(key, v); e && !e->isNull()) {
                warn(QueryLog::tr("\"error\" is not a string"));
                q.error = decodeUtf8(pythonDumps(*e, false, false));
            } else if (!e) {
                q.error = QString(); // present, but not read: still a failed execute
            }
        } else if (std::optional<JsonValue> other = value(key, v)) {
            q.otherFields.push_back(JsonMember { key, std::move(*other) });
        }
    }
    if (text.othersLeftOut > 0)
        warn(QueryLog::tr("%n other member(s) were not kept (more than %1 together)", nullptr, text.othersLeftOut)
                 .arg(formatByteSize(QueryLog::MaxValueBytes)));
    const auto missing = [&](bool seen, const QString &key) {
        if (!seen)
            warn(QueryLog::tr("\"%1\" is missing").arg(key));
    };
    missing(seenQuery, QueryKey);
    missing(seenParameters, ParametersKey);
    missing(seenResults, ResultsKey);
    missing(seenRowCount, RowCountKey);
    missing(seenDescription, DescriptionKey);
    missing(seenError, ErrorKey);

    if (parametersLeftOut) {
        q.knownReplayKey = QString();
    } else if (queryUtf8) {
        // get_key(): "|".join([query] + ([json.dumps(params, sort_keys=True)] if params else [])), UTF-8.
        Sha256 sha;
        sha.addData(*queryUtf8);
        if (q.parameters.isTruthy()) {
            sha.addData("|");
            sha.addData(pythonDumps(q.parameters, true, true));
        }
        q.knownReplayKey = QString::fromLatin1(sha.hexResult().left(16));
    } else if (cutText) {
        q.knownReplayKey = q.hasQuery ? QueryLog::replayKey(q.query, q.parameters) : QString();
        if (q.hasQuery) {
            bool cut = false;
            q.query = BodyContent::capped(q.query, &cut);
            q.textCut = q.textCut || cut;
        }
    }

    // Column names: DB-API description tuples start with the name; psycopg2's Column objects were written
    // as their text ("Column(name='id', type_code=23)").
    int badColumns = 0;
    for (const JsonValue &column : q.description.toArray()) {
        if (column.isArray() && column.size() > 0) {
            const JsonValue &name = column.toArray().front();
            q.columns.append(name.isString() ? name.toString() : QueryLog::displayValue(name));
        } else if (const std::optional<QString> name = column.isString() ? readDescribedColumnText(column.toString()).name : std::nullopt) {
            q.columns.append(*name);
        } else {
            ++badColumns;
            q.columns.append(QString());
        }
    }
    if (badColumns > 0)
        warn(QueryLog::tr("%n column(s) of \"description\" are neither lists nor column texts", nullptr, badColumns));
    q.columnsFromDescription = !q.columns.isEmpty();
    if (q.columns.isEmpty()) {
        for (const JsonValue &row : q.rows) {
            for (const JsonMember &m : row.toObject()) {
                if (!q.columns.contains(m.key))
                    q.columns.append(m.key);
            }
        }
    }
    return q;
}

} // namespace

QString SqlQuery::replayKey() const
{
    if (knownReplayKey)
        return *knownReplayKey;
    return hasQuery ? QueryLog::replayKey(query, parameters) : QString();
}

QString QueryLog::replayKey(const QString &query, const JsonValue &parameters)
{
    if (hasLoneSurrogate(query))
        return {};
    // get_key(): "|".join([query] + ([json.dumps(params, sort_keys=True)] if params else [])), UTF-8.
    QByteArray keyString = query.toUtf8();
    if (parameters.isTruthy()) {
        keyString += '|';
        keyString += pythonDumps(parameters, true, true);
    }
    return QString::fromLatin1(Sha256::hex(keyString).left(16));
}

bool QueryLog::isDateTimeMarker(const JsonValue &value)
{
    if (!value.isObject() || value.size() != 2)
        return false;
    const JsonValue *type = value.find(u"__type__");
    const JsonValue *text = value.find(u"__value__");
    if (!type || !text || !text->isString())
        return false;
    const QString t = type->toString();
    return t == QLatin1String("datetime") || t == QLatin1String("date");
}

std::optional<QByteArray> QueryLog::decodeBytes(const JsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    for (const QChar c : text) {
        if (c.unicode() > 0x7f)
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

QString QueryLog::displayValue(const JsonValue &value, ValueHint hint)
{
    switch (value.type()) {
    case JsonValue::Type::Null:
        return QStringLiteral("NULL");
    case JsonValue::Type::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case JsonValue::Type::Integer:
    case JsonValue::Type::Double:
        return QString::fromLatin1(pythonDumps(value));
    case JsonValue::Type::String:
        if (hint == ValueHint::Bytes) {
            if (const auto bytes = decodeBytes(value)) {
                QString hex = QStringLiteral("0x")
                    + QString::fromLatin1(bytes->left(MaxDisplayedBytes).toHex()).toUpper();
                if (bytes->size() > MaxDisplayedBytes)
                    hex = tr("%1… (%n bytes)", nullptr, int(std::min<qsizetype>(bytes->size(), INT_MAX)))
                              .arg(hex);
                return hex;
            }
        }
        return value.toString();
    case JsonValue::Type::Object:
        if (isDateTimeMarker(value)) {
            // str() of the datetime DataHub's reader rebuilds: isoformat() with a space between date and
            // time.
            QString text = value.value(u"__value__").toString();
            if (text.size() > 10 && text.at(10) == QLatin1Char('T'))
                text[10] = QLatin1Char(' ');
            return text;
        }
        [[fallthrough]];
    case JsonValue::Type::Array:
        return decodeUtf8(pythonDumps(value, false, false));
    }
    return {};
}

Result<SqlQuery> QueryLog::parseLine(QByteArrayView line, const QString &origin, int lineNumber, Detail detail)
{
    JsonParseInfo info;
    ReadFailure failure = ReadFailure::None;
    std::optional<SqlQuery> q = readRecord(line, origin, lineNumber, detail, info, failure);
    if (failure == ReadFailure::NotJson) {
        return makeError(ErrorCode::InvalidInput,
            tr("%1: %2").arg(position(origin, lineNumber, info.errorColumn), info.reason));
    }
    if (failure == ReadFailure::NotObject) {
        return makeError(
            ErrorCode::InvalidInput, tr("%1: not a JSON object").arg(position(origin, lineNumber, 1)));
    }
    return std::move(*q);
}

Result<QueryLog> QueryLog::parse(
    const QByteArray &jsonl, const QString &origin, ProgressReporter *progress, const RecordHandler &onRecord)
{
    QueryLog log;
    log.m_origin = origin;
    log.m_data = jsonl;
    const char *data = jsonl.constData();
    const qsizetype total = jsonl.size();
    qsizetype pos = 0;
    if (jsonl.startsWith("\xef\xbb\xbf")) {
        pos = 3;
        log.m_warnings.append(tr("%1: starts with a UTF-8 byte order mark (ignored; DataHub's reader would "
                                 "reject the first line)")
                                  .arg(position(origin, 1, 1)));
    }
    constexpr qsizetype ReportEvery = 4 * 1024 * 1024;
    qsizetype nextReport = ReportEvery;
    int lineNumber = 0;
    while (pos < total) {
        ++lineNumber;
        const qsizetype newline = QByteArrayView(data + pos, total - pos).indexOf('\n');
        const bool terminated = newline >= 0;
        const qsizetype lineEnd = terminated ? pos + newline : total;
        qsizetype contentEnd = lineEnd;
        if (contentEnd > pos && data[contentEnd - 1] == '\r')
            --contentEnd;
        const QByteArrayView line(data + pos, contentEnd - pos);
        const qsizetype lineStart = pos;
        pos = terminated ? lineEnd + 1 : total;

        if (progress && pos >= nextReport) {
            nextReport = pos + ReportEvery;
            progress->setProgress(pos, total);
            if (progress->isCancelled())
                return makeError(ErrorCode::Cancelled, tr("reading %1 was cancelled").arg(origin));
        }
        if (isBlank(line))
            continue; // DataHub's reader skips these too

        JsonParseInfo info;
        ReadFailure failure = ReadFailure::None;
        std::optional<SqlQuery> q = readRecord(line, origin, lineNumber, Detail::Summary, info, failure);
        if (failure == ReadFailure::NotJson) {
            ++log.m_skippedLines;
            const QString at = position(origin, lineNumber, info.errorColumn);
            if (!terminated && info.truncated) {
                log.m_warnings.append(
                    tr("%1: the last line is truncated (%2); skipped").arg(at, info.reason));
            } else {
                log.m_warnings.append(tr("%1: %2; line skipped").arg(at, info.reason));
            }
            continue;
        }
        if (failure == ReadFailure::NotObject) {
            ++log.m_skippedLines;
            log.m_warnings.append(
                tr("%1: not a JSON object; line skipped").arg(position(origin, lineNumber, 1)));
            continue;
        }

        Entry e;
        e.offset = lineStart;
        e.length = line.size();
        e.line = lineNumber;
        e.resultCount = int(std::min<qsizetype>(q->resultCount, INT_MAX));
        if (q->error)
            e.flags |= HasError;
        if (q->parameters.isTruthy())
            e.flags |= HasParameters;
        if (!q->warnings.isEmpty())
            e.flags |= HasWarnings;
        const QString key = q->replayKey();
        if (!key.isEmpty()) {
            e.key = key.toULongLong(nullptr, 16);
            e.flags |= HasKey;
            log.m_byKey.insert(e.key, qsizetype(log.m_entries.size()));
        }
        log.m_entries.push_back(e);
        if (onRecord)
            onRecord(e, std::move(*q));
    }
    log.m_lineCount = lineNumber;
    if (progress)
        progress->setProgress(total, total);
    return log;
}

QByteArrayView QueryLog::lineData(qsizetype index) const
{
    const Entry &e = entry(index);
    return QByteArrayView(m_data.constData() + e.offset, e.length);
}

Result<SqlQuery> QueryLog::query(qsizetype index, Detail detail) const
{
    return parseLine(lineData(index), m_origin, entry(index).line, detail);
}

QString QueryLog::replayKeyAt(qsizetype index) const
{
    const Entry &e = entry(index);
    if (!(e.flags & HasKey))
        return {};
    return QStringLiteral("%1").arg(e.key, 16, 16, QLatin1Char('0'));
}

qsizetype QueryLog::indexOfReplayKey(const QString &key) const
{
    if (key.size() != 16)
        return -1;
    bool ok = false;
    const quint64 k = key.toULongLong(&ok, 16);
    if (!ok)
        return -1;
    return m_byKey.value(k, -1);
}

} // namespace tapedeck
