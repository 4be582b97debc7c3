// SPDX-License-Identifier: MIT
// Reading db/queries.jsonl and computing DataHub's replay keys.
#include "core/recording/sqlquery.h"

#include "core/common/progress.h"
#include "core/common/sha256.h"

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

// Fills a record from a parsed line; every problem becomes a warning on the record.
SqlQuery buildQuery(JsonValue root, const QString &origin, int lineNumber, const JsonParseInfo &info)
{
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

    bool seenQuery = false, seenParameters = false, seenResults = false, seenRowCount = false,
         seenDescription = false, seenError = false;
    for (JsonMember &member : root.takeObject()) {
        JsonValue &v = member.value;
        if (member.key == QueryKey) {
            seenQuery = true;
            if (v.isString()) {
                q.query = v.toString();
                q.hasQuery = true;
            } else {
                warn(QueryLog::tr("\"query\" is not a string"));
            }
        } else if (member.key == ParametersKey) {
            seenParameters = true;
            q.parameters = std::move(v);
        } else if (member.key == ResultsKey) {
            seenResults = true;
            if (v.isArray()) {
                q.rows = v.takeArray();
                const auto notObjects = std::count_if(
                    q.rows.begin(), q.rows.end(), [](const JsonValue &row) { return !row.isObject(); });
                if (notObjects > 0)
                    warn(QueryLog::tr("%n row(s) of \"results\" are not objects", nullptr, int(notObjects)));
            } else {
                warn(QueryLog::tr("\"results\" is not a list"));
            }
        } else if (member.key == RowCountKey) {
            seenRowCount = true;
            if (v.isInteger() && v.toInt64())
                q.rowCount = *v.toInt64();
            else if (!v.isNull())
                warn(QueryLog::tr("\"row_count\" is not an integer"));
        } else if (member.key == DescriptionKey) {
            seenDescription = true;
            if (v.isArray() || v.isNull())
                q.description = std::move(v);
            else
                warn(QueryLog::tr("\"description\" is not a list"));
        } else if (member.key == ErrorKey) {
            seenError = true;
            if (v.isString()) {
                q.error = v.toString();
            } else if (!v.isNull()) {
                warn(QueryLog::tr("\"error\" is not a string"));
                q.error = QString::fromUtf8(pythonDumps(v, false, false));
            }
        } else {
            q.otherFields.push_back(std::move(member));
        }
    }
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

    // Column names: DB-API description tuples start with the name.
    int badColumns = 0;
    for (const JsonValue &column : q.description.toArray()) {
        if (column.isArray() && column.size() > 0) {
            const JsonValue &name = column.toArray().front();
            q.columns.append(name.isString() ? name.toString() : QueryLog::displayValue(name));
        } else {
            ++badColumns;
            q.columns.append(QString());
        }
    }
    if (badColumns > 0)
        warn(QueryLog::tr("%n column(s) of \"description\" are not lists", nullptr, badColumns));
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
        return QString::fromUtf8(pythonDumps(value, false, false));
    }
    return {};
}

Result<SqlQuery> QueryLog::parseLine(QByteArrayView line, const QString &origin, int lineNumber)
{
    JsonParseInfo info;
    Result<JsonValue> root = JsonValue::parse(line, &info);
    if (!root) {
        return makeError(ErrorCode::InvalidInput,
            tr("%1: %2").arg(position(origin, lineNumber, info.errorColumn), info.reason));
    }
    if (!root->isObject()) {
        return makeError(
            ErrorCode::InvalidInput, tr("%1: not a JSON object").arg(position(origin, lineNumber, 1)));
    }
    return buildQuery(std::move(*root), origin, lineNumber, info);
}

Result<QueryLog> QueryLog::parse(const QByteArray &jsonl, const QString &origin, ProgressReporter *progress)
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
        Result<JsonValue> root = JsonValue::parse(line, &info);
        if (!root) {
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
        if (!root->isObject()) {
            ++log.m_skippedLines;
            log.m_warnings.append(
                tr("%1: not a JSON object; line skipped").arg(position(origin, lineNumber, 1)));
            continue;
        }

        const SqlQuery q = buildQuery(std::move(*root), origin, lineNumber, info);
        Entry e;
        e.offset = lineStart;
        e.length = line.size();
        e.line = lineNumber;
        e.resultCount = int(std::min<size_t>(q.rows.size(), size_t(INT_MAX)));
        if (q.error)
            e.flags |= HasError;
        if (q.parameters.isTruthy())
            e.flags |= HasParameters;
        if (!q.warnings.isEmpty())
            e.flags |= HasWarnings;
        const QString key = q.replayKey();
        if (!key.isEmpty()) {
            e.key = key.toULongLong(nullptr, 16);
            e.flags |= HasKey;
            log.m_byKey.insert(e.key, qsizetype(log.m_entries.size()));
        }
        log.m_entries.push_back(e);
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

Result<SqlQuery> QueryLog::query(qsizetype index) const
{
    return parseLine(lineData(index), m_origin, entry(index).line);
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
