// SPDX-License-Identifier: MIT
// tapedeck-cli show: one event of a recording in full — HTTP headers and decoded bodies, SQL rows, MCP
// aspects.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/common/bytesize.h"
#include "core/common/jsonvalue.h"
#include "core/recording/cassetteparser.h"
#include "core/recording/checkpointstate.h"
#include "core/recording/httpexchange.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/sqlquery.h"
#include "core/recording/timelineindexer.h"
#include "app/cli/timelinejob.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QUrlQuery>

#include <cstdio>

namespace tapedeck {

namespace {

constexpr qsizetype HexDumpBytes = 512;
// Text beyond this is cut on the terminal (--json and --raw always carry everything).
constexpr qsizetype MaxShownCharacters = qsizetype(1) << 20;
constexpr qsizetype MaxCellWidth = 40;
constexpr qsizetype MaxShownRows = 500;
constexpr quint32 NoCarrier = 0xffffffffu;

// --- JSON -------------------------------------------------------------------------------------------------

// json.dumps(value, indent=indent, ensure_ascii=False) with the key order and number spelling of the input:
// pretty for people, and still text Python's json.loads reads back to the same value.
void appendPretty(QByteArray &out, const JsonValue &value, int indent, int level)
{
    const auto newline = [&](int depth) {
        out += '\n';
        out += QByteArray(qsizetype(indent) * depth, ' ');
    };
    switch (value.type()) {
    case JsonValue::Type::Null:
        out += "null";
        return;
    case JsonValue::Type::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case JsonValue::Type::Integer:
        out += value.integerText();
        return;
    case JsonValue::Type::Double: {
        const QByteArray text = value.numberText();
        out += text.isEmpty() ? pythonFloatRepr(value.toDouble()) : text;
        return;
    }
    case JsonValue::Type::String:
        out += pythonQuote(value.toString(), false);
        return;
    case JsonValue::Type::Array: {
        const JsonArray &items = value.toArray();
        if (items.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < items.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(level + 1);
            appendPretty(out, items[i], indent, level + 1);
        }
        newline(level);
        out += ']';
        return;
    }
    case JsonValue::Type::Object: {
        const JsonObject &members = value.toObject();
        if (members.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        for (size_t i = 0; i < members.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(level + 1);
            out += pythonQuote(members[i].key, false);
            out += ": ";
            appendPretty(out, members[i].value, indent, level + 1);
        }
        newline(level);
        out += '}';
        return;
    }
    }
}

QString prettyJson(const JsonValue &value)
{
    QByteArray out;
    appendPretty(out, value, 2, 0);
    return QString::fromUtf8(out);
}

JsonValue str(const QString &text)
{
    return JsonValue::string(text);
}

JsonValue optionalString(const QString &text)
{
    return text.isNull() ? JsonValue() : JsonValue::string(text);
}

JsonValue stringList(const QStringList &texts)
{
    JsonValue list = JsonValue::array();
    for (const QString &t : texts)
        list.append(str(t));
    return list;
}

// Qt's JSON (no key order, doubles only) converted for output; objects come out sorted by key.
JsonValue fromQt(const QJsonDocument &document)
{
    Result<JsonValue> parsed = JsonValue::parse(document.toJson(QJsonDocument::Compact));
    return parsed ? std::move(parsed).value() : JsonValue();
}

// --- text helpers -----------------------------------------------------------------------------------------

QString indented(const QString &text, int spaces = 2)
{
    const QString pad(spaces, QLatin1Char(' '));
    QString out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        out += (line.isEmpty() ? QString() : pad + line) + QLatin1Char('\n');
    return out;
}

// Text cut to MaxShownCharacters with a note that says where the rest is.
QString capped(const QString &text)
{
    if (text.size() <= MaxShownCharacters)
        return text;
    return text.left(MaxShownCharacters)
        + Cli::tr("\n… %1 more characters not shown (--json or --raw give everything)")
              .arg(text.size() - MaxShownCharacters);
}

std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString hexDump(QByteArrayView data, qsizetype limit)
{
    QString out;
    const qsizetype n = std::min(data.size(), limit);
    for (qsizetype offset = 0; offset < n; offset += 16) {
        QString line = QStringLiteral("  %1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i == 8)
                line += QLatin1Char(' ');
            if (offset + i < n) {
                const uchar c = uchar(data[offset + i]);
                line += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(char(c)) : QLatin1Char('.');
            } else {
                line += QLatin1String("   ");
            }
        }
        out += line + QLatin1String(" |") + ascii + QLatin1String("|\n");
    }
    return out;
}

// What a few common binary formats are, by their first bytes.
QString magicName(QByteArrayView data)
{
    static const struct
    {
        QByteArrayView magic;
        const char *name;
    } magics[] = {
        { QByteArrayView("\x89PNG\r\n\x1a\n"), QT_TRANSLATE_NOOP("Cli", "PNG image") },
        { QByteArrayView("\xff\xd8\xff"), QT_TRANSLATE_NOOP("Cli", "JPEG image") },
        { QByteArrayView("GIF8"), QT_TRANSLATE_NOOP("Cli", "GIF image") },
        { QByteArrayView("%PDF-"), QT_TRANSLATE_NOOP("Cli", "PDF document") },
        { QByteArrayView("PK\x03\x04"), QT_TRANSLATE_NOOP("Cli", "ZIP archive") },
        { QByteArrayView("\x1f\x8b"), QT_TRANSLATE_NOOP("Cli", "gzip data") },
        { QByteArrayView("BZh"), QT_TRANSLATE_NOOP("Cli", "bzip2 data") },
    };
    for (const auto &m : magics) {
        if (data.startsWith(m.magic))
            return Cli::tr(m.name);
    }
    return {};
}

// Content types whose bodies are text even when they look odd, and ones that are never text.
bool isTextualType(const QString &contentType)
{
    const QString t = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (t.startsWith(QLatin1String("text/")))
        return true;
    for (const char *marker : { "json", "xml", "javascript", "ecmascript", "x-www-form-urlencoded", "yaml",
             "csv", "graphql", "html" }) {
        if (t.contains(QLatin1String(marker)))
            return true;
    }
    return false;
}

bool isBinaryType(const QString &contentType)
{
    const QString t = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (t.isEmpty() || isTextualType(t))
        return false;
    for (const char *prefix : { "image/", "audio/", "video/", "font/" }) {
        if (t.startsWith(QLatin1String(prefix)))
            return true;
    }
    for (const char *type : { "application/octet-stream", "application/pdf", "application/zip",
             "application/gzip", "application/x-gzip", "application/x-tar", "application/x-bzip2",
             "application/x-7z-compressed", "application/wasm", "application/x-protobuf",
             "application/protobuf", "application/x-msgpack", "application/msgpack",
             "application/vnd.apache.arrow.stream", "application/vnd.apache.parquet" }) {
        if (t == QLatin1String(type))
            return true;
    }
    return false;
}

// --- HTTP bodies ------------------------------------------------------------------------------------------

struct Body
{
    enum class Shape { Null, Empty, Json, Text, Binary };

    std::optional<QByteArray> raw; // as recorded
    QString contentType;
    QString contentEncoding; // empty or "identity": raw is the content
    QByteArray content; // Content-Encoding undone (the raw bytes when there is none or it failed)
    bool decoded = false;
    QString decodeError;
    Shape shape = Shape::Null;
    QString text; // Text and Json (the content as text)
    JsonValue json;
    QString jsonError; // the content type says JSON, but the content is not
};

Body inspectBody(const std::optional<QByteArray> &raw, const QList<HttpHeader> &headers)
{
    Body b;
    b.raw = raw;
    b.contentType = HttpExchange::headerValue(headers, u"content-type");
    b.contentEncoding
        = HttpExchange::headerValues(headers, u"content-encoding").join(QLatin1String(", ")).trimmed();
    if (!raw)
        return b;
    b.content = *raw;
    if (raw->isEmpty()) {
        b.shape = Body::Shape::Empty;
        return b;
    }
    if (!b.contentEncoding.isEmpty()
        && b.contentEncoding.compare(QLatin1String("identity"), Qt::CaseInsensitive) != 0) {
        Result<QByteArray> content = HttpExchange::decodeContent(*raw, b.contentEncoding);
        if (content) {
            b.content = std::move(content).value();
            b.decoded = true;
        } else {
            b.decodeError = content.error().message;
        }
    }
    const std::optional<QString> text = strictUtf8(b.content);
    const bool hasNul = b.content.contains('\0');
    if (!b.decodeError.isEmpty() || isBinaryType(b.contentType) || !text
        || (hasNul && !isTextualType(b.contentType))) {
        b.shape = Body::Shape::Binary;
        return b;
    }
    b.text = *text;
    b.shape = Body::Shape::Text;
    const QString lowerType = b.contentType.toLower();
    const QStringView trimmed = QStringView(b.text).trimmed();
    const bool saysJson = lowerType.contains(QLatin1String("json"));
    if (saysJson || trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
        JsonParseInfo info;
        Result<JsonValue> json = JsonValue::parse(b.content, &info);
        if (json) {
            b.json = std::move(json).value();
            b.shape = Body::Shape::Json;
        } else if (saysJson) {
            b.jsonError = Cli::tr("line %1, column %2: %3")
                              .arg(info.errorLine)
                              .arg(info.errorColumn)
                              .arg(info.reason);
        }
    }
    return b;
}

QString sizeText(qint64 bytes)
{
    if (bytes == 1)
        return Cli::tr("1 byte");
    return bytes < 1024 ? Cli::tr("%1 bytes").arg(bytes)
                        : Cli::tr("%1 (%2 bytes)").arg(formatByteSize(bytes)).arg(bytes);
}

QString bodyText(const Cli &cli, const QString &title, const Body &b)
{
    QString out = cli.paint(title, Cli::Colour::Bold);
    if (b.shape == Body::Shape::Null)
        return out + Cli::tr(": none (recorded as null)\n");
    if (b.shape == Body::Shape::Empty)
        return out + Cli::tr(": empty\n");
    QStringList facts { sizeText(b.raw->size()) };
    if (!b.contentType.isEmpty())
        facts.append(b.contentType);
    out += QLatin1String(": ") + facts.join(QLatin1String(", ")) + QLatin1Char('\n');
    if (b.decoded)
        out += cli.paint(
            Cli::tr("  (Content-Encoding %1 decoded for display: %2; the recorded bytes are compressed)\n")
                .arg(b.contentEncoding, sizeText(b.content.size())),
            Cli::Colour::Dim);
    if (!b.decodeError.isEmpty())
        out += cli.paint(
            Cli::tr("  warning: Content-Encoding %1 could not be decoded (%2); the recorded bytes follow\n")
                .arg(b.contentEncoding, b.decodeError),
            Cli::Colour::Yellow);
    switch (b.shape) {
    case Body::Shape::Json:
        out += indented(capped(prettyJson(b.json)));
        break;
    case Body::Shape::Text:
        if (!b.jsonError.isEmpty())
            out += cli.paint(Cli::tr("  warning: not valid JSON (%1); shown as text\n").arg(b.jsonError),
                Cli::Colour::Yellow);
        out += indented(capped(b.text));
        if (b.contentType.contains(QLatin1String("x-www-form-urlencoded"), Qt::CaseInsensitive)) {
            QList<QStringList> rows;
            const QUrlQuery query(b.text.trimmed());
            for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
                rows.append({ key + QLatin1Char(':'), value });
            if (!rows.isEmpty())
                out += cli.paint(Cli::tr("  form fields:\n"), Cli::Colour::Dim) + cli.table(rows, {}, 4);
        }
        break;
    case Body::Shape::Binary: {
        const QString kind = magicName(b.content);
        QString what = Cli::tr("binary");
        if (!kind.isEmpty())
            what = kind;
        out += cli.paint(
            Cli::tr("  %1, %2%3; %4:\n")
                .arg(what, sizeText(b.content.size()),
                    b.contentType.isEmpty() ? QString() : Cli::tr(", %1").arg(b.contentType),
                    b.content.size() > HexDumpBytes ? Cli::tr("the first %1 bytes").arg(HexDumpBytes)
                                                    : Cli::tr("all bytes")),
            Cli::Colour::Dim);
        out += hexDump(b.content, HexDumpBytes);
        break;
    }
    case Body::Shape::Null:
    case Body::Shape::Empty:
        break;
    }
    return out;
}

// Bytes as JSON: text when valid UTF-8, else base64; "encoding" says which.
void insertBytes(JsonValue &object, const QByteArray &bytes)
{
    if (const std::optional<QString> text = strictUtf8(bytes)) {
        object.insert(QStringLiteral("encoding"), str(QStringLiteral("utf-8")));
        object.insert(QStringLiteral("data"), str(*text));
    } else {
        object.insert(QStringLiteral("encoding"), str(QStringLiteral("base64")));
        object.insert(QStringLiteral("data"), str(QString::fromLatin1(bytes.toBase64())));
    }
}

JsonValue bodyJson(const Body &b)
{
    if (!b.raw)
        return {};
    JsonValue o = JsonValue::object();
    o.insert(QStringLiteral("size"), JsonValue::integer(b.raw->size()));
    o.insert(QStringLiteral("content_type"), b.contentType.isEmpty() ? JsonValue() : str(b.contentType));
    o.insert(QStringLiteral("content_encoding"),
        b.contentEncoding.isEmpty() ? JsonValue() : str(b.contentEncoding));
    insertBytes(o, *b.raw);
    JsonValue decoded;
    if (b.decoded) {
        decoded = JsonValue::object();
        decoded.insert(QStringLiteral("size"), JsonValue::integer(b.content.size()));
        insertBytes(decoded, b.content);
    }
    o.insert(QStringLiteral("decoded"), std::move(decoded));
    o.insert(QStringLiteral("decode_error"), b.decodeError.isEmpty() ? JsonValue() : str(b.decodeError));
    return o;
}

QString headersText(const QList<HttpHeader> &headers)
{
    QString out;
    for (const HttpHeader &h : headers)
        out += QLatin1String("  ") + h.name + QLatin1String(": ") + h.value + QLatin1Char('\n');
    return out;
}

JsonValue headersJson(const QList<HttpHeader> &headers)
{
    JsonValue list = JsonValue::array();
    for (const HttpHeader &h : headers)
        list.append(JsonValue::object(
            { { QStringLiteral("name"), str(h.name) }, { QStringLiteral("value"), str(h.value) } }));
    return list;
}

// --- output -----------------------------------------------------------------------------------------------

struct Shown
{
    QString text; // for the terminal
    JsonValue json = JsonValue::object(); // for --json
    std::optional<QByteArray> raw; // for --raw (nullopt: nothing to write)
    QString rawNote; // why --raw writes nothing
};

int lineOf(const QByteArray &text, qint64 offset)
{
    return int(QByteArrayView(text.constData(), std::clamp<qint64>(offset, 0, text.size())).count('\n')) + 1;
}

QString heading(const Cli &cli, const Timeline &t, qsizetype seq, const QString &where)
{
    const EventRecord &r = t.record(seq);
    const QString kind = QString(eventKindName(r.kind)).toUpper();
    return cli.paint(
               Cli::tr("Event %1 · %2 %3 of %4").arg(seq).arg(kind).arg(r.lane + 1).arg(t.laneCount(r.kind)),
               Cli::Colour::Bold)
        + (where.isEmpty() ? QString() : QStringLiteral(" · ") + where) + QLatin1String("\n\n");
}

QString warningsText(const Cli &cli, const QStringList &warnings)
{
    QString out;
    for (const QString &w : warnings)
        out += cli.paint(Cli::tr("warning: %1").arg(w), Cli::Colour::Yellow) + QLatin1Char('\n');
    return out;
}

Result<Shown> showHttp(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    const QByteArray &source = t.sourceText(r.source);
    Result<HttpExchange> parsed
        = CassetteParser::parseInteraction(source, r.sourceBegin, r.sourceEnd, t.sourceName(r.source));
    if (!parsed)
        return parsed.error();
    const HttpExchange &x = *parsed;
    const Body request = inspectBody(x.requestBody, x.requestHeaders);
    const Body response = inspectBody(x.responseBody, x.responseHeaders);
    QList<qsizetype> mcps;
    for (qsizetype k = seq + 1; k < t.count() && k <= seq + qsizetype(r.related); ++k) {
        if (t.record(k).kind == EventKind::Mcp && t.record(k).related == quint32(seq))
            mcps.append(k);
    }
    const int line = lineOf(source, r.sourceBegin);

    Shown s;
    QString &o = s.text;
    o += heading(cli, t, seq, Cli::tr("%1, line %2").arg(t.sourceName(r.source)).arg(line));
    o += cli.paint(x.method + QLatin1Char(' ') + x.uri, Cli::Colour::Bold) + QLatin1Char('\n');
    o += cli.paint(Cli::tr("Request headers"), Cli::Colour::Bold)
        + (x.requestHeaders.isEmpty() ? Cli::tr(": none\n") : QStringLiteral("\n"));
    o += headersText(x.requestHeaders);
    o += bodyText(cli, Cli::tr("Request body"), request);
    o += QLatin1Char('\n');
    QString statusLine;
    if (x.status <= 0) {
        statusLine = Cli::tr("no response recorded");
    } else {
        statusLine = QString::number(x.status);
        if (!x.statusMessage.isEmpty())
            statusLine += QLatin1Char(' ') + x.statusMessage;
        if (!x.httpVersion.isEmpty())
            statusLine = x.httpVersion + QLatin1Char(' ') + statusLine;
    }
    o += cli.paint(Cli::tr("Response: %1").arg(statusLine),
             (r.flags & ErrorFlag) ? Cli::Colour::Red : Cli::Colour::Bold)
        + QLatin1Char('\n');
    o += cli.paint(Cli::tr("Response headers"), Cli::Colour::Bold)
        + (x.responseHeaders.isEmpty() ? Cli::tr(": none\n") : QStringLiteral("\n"));
    o += headersText(x.responseHeaders);
    o += bodyText(cli, Cli::tr("Response body"), response);
    if (!mcps.isEmpty()) {
        QStringList seqs;
        for (const qsizetype k : std::as_const(mcps))
            seqs.append(QString::number(k));
        o += QLatin1Char('\n') + cli.paint(Cli::tr("MCPs carried (%1)").arg(mcps.size()), Cli::Colour::Bold)
            + QLatin1String(": ") + seqs.join(QLatin1String(", ")) + QLatin1Char('\n');
    }
    if (!x.warnings.isEmpty())
        o += QLatin1Char('\n') + warningsText(cli, x.warnings);

    JsonValue &j = s.json;
    j.insert(QStringLiteral("method"), str(x.method));
    j.insert(QStringLiteral("uri"), str(x.uri));
    j.insert(QStringLiteral("status"), x.status > 0 ? JsonValue::integer(x.status) : JsonValue());
    j.insert(QStringLiteral("status_message"), optionalString(x.statusMessage));
    j.insert(QStringLiteral("http_version"), x.httpVersion.isEmpty() ? JsonValue() : str(x.httpVersion));
    j.insert(QStringLiteral("source_line"), JsonValue::integer(line));
    j.insert(QStringLiteral("request"),
        JsonValue::object({ { QStringLiteral("headers"), headersJson(x.requestHeaders) },
            { QStringLiteral("body"), bodyJson(request) } }));
    j.insert(QStringLiteral("response"),
        JsonValue::object({ { QStringLiteral("headers"), headersJson(x.responseHeaders) },
            { QStringLiteral("body"), bodyJson(response) } }));
    JsonValue mcpList = JsonValue::array();
    for (const qsizetype k : std::as_const(mcps))
        mcpList.append(JsonValue::integer(k));
    j.insert(QStringLiteral("mcps"), std::move(mcpList));
    j.insert(QStringLiteral("warnings"), stringList(x.warnings));

    s.raw = x.responseBody;
    if (!x.responseBody)
        s.rawNote = Cli::tr("event %1 recorded no response body (null); nothing written").arg(seq);
    return s;
}

// Columns whose values are bytes: DataHub writes bytes as bare base64 strings, so the driver's type code
// in "description" has to say so (Snowflake BINARY 11, PostgreSQL bytea 17, BigQuery "BYTES"), and every
// value must really be base64.
bool isBytesColumn(
    const SqlQuery &q, qsizetype column, const std::function<const JsonValue *(const JsonValue &)> &cell)
{
    if (!q.columnsFromDescription || column >= qsizetype(q.description.toArray().size()))
        return false;
    const JsonValue &tuple = q.description.toArray()[size_t(column)];
    if (tuple.size() < 2)
        return false;
    const JsonValue &type = tuple.toArray()[1];
    bool binaryType = false;
    if (type.isInteger())
        binaryType = type.toInt64() == 11 || type.toInt64() == 17;
    else if (type.isString())
        binaryType = type.toString().contains(QRegularExpression(
            QStringLiteral("BINARY|BYTES|BLOB|BYTEA"), QRegularExpression::CaseInsensitiveOption));
    if (!binaryType)
        return false;
    for (const JsonValue &row : q.rows) {
        const JsonValue *v = cell(row);
        if (v && !v->isNull() && !QueryLog::decodeBytes(*v))
            return false;
    }
    return true;
}

QString cellText(const QString &text)
{
    QString s = text;
    s.replace(QLatin1String("\r\n"), QStringLiteral("\u21b5"));
    s.replace(QLatin1Char('\n'), QChar(0x21b5));
    s.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (s.size() > MaxCellWidth)
        s = s.left(MaxCellWidth - 1) + QChar(0x2026);
    return s;
}

Result<Shown> showSql(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    const QByteArray &source = t.sourceText(r.source);
    const QString origin = t.sourceName(r.source);
    const int line = lineOf(source, r.sourceBegin);
    const QByteArrayView recordLine(source.constData() + r.sourceBegin, r.sourceEnd - r.sourceBegin);

    Shown s;
    s.raw = recordLine.toByteArray();
    QString &o = s.text;
    JsonValue &j = s.json;
    o += heading(cli, t, seq, Cli::tr("%1, line %2").arg(origin).arg(line));
    j.insert(QStringLiteral("source_line"), JsonValue::integer(line));

    Result<SqlQuery> parsed = QueryLog::parseLine(recordLine, origin, line);
    if (!parsed) {
        // The indexer keeps unreadable records as error events; show what is there.
        o += cli.paint(Cli::tr("Unreadable record: %1").arg(parsed.error().message), Cli::Colour::Red)
            + QLatin1Char('\n');
        o += indented(capped(QString::fromUtf8(recordLine)));
        j.insert(QStringLiteral("query"), JsonValue());
        j.insert(QStringLiteral("error"), JsonValue());
        j.insert(QStringLiteral("record_error"), str(parsed.error().message));
        return s;
    }
    const SqlQuery &q = *parsed;

    // The record DataHub replays for this key is the last one with it.
    const QString key = q.replayKey();
    std::optional<qsizetype> replayedSeq;
    int replayedLine = 0;
    if (!key.isEmpty()) {
        if (const Result<QueryLog> log = QueryLog::parse(source, origin)) {
            const qsizetype winner = log->indexOfReplayKey(key);
            if (winner >= 0 && log->entry(winner).offset != r.sourceBegin) {
                replayedLine = log->entry(winner).line;
                for (qsizetype k = 0; k < t.count(); ++k) {
                    const EventRecord &other = t.record(k);
                    if (other.kind == EventKind::Sql && other.source == r.source
                        && other.sourceBegin == log->entry(winner).offset)
                        replayedSeq = k;
                }
            }
        }
    }

    o += cli.paint(Cli::tr("Query"), Cli::Colour::Bold) + QLatin1Char('\n');
    o += indented(capped(q.hasQuery ? q.query : Cli::tr("(no query string)")));
    o += cli.paint(Cli::tr("Parameters"), Cli::Colour::Bold) + QLatin1String(": ")
        + (q.parameters.isNull() ? Cli::tr("none")
                                 : capped(QString::fromUtf8(pythonDumps(q.parameters, false, false))))
        + QLatin1Char('\n');
    o += cli.paint(Cli::tr("Replay key"), Cli::Colour::Bold) + QLatin1String(": ")
        + (key.isEmpty() ? Cli::tr("none (DataHub cannot compute one for this record)") : key)
        + QLatin1Char('\n');
    if (replayedLine > 0) {
        o += cli.paint(
                 replayedSeq ? Cli::tr(
                     "  a later record has the same key, and DataHub replays that one (line %1, event %2)")
                                   .arg(replayedLine)
                                   .arg(*replayedSeq)
                             : Cli::tr(
                                 "  a later record has the same key, and DataHub replays that one (line %1)")
                                   .arg(replayedLine),
                 Cli::Colour::Yellow)
            + QLatin1Char('\n');
    }
    QString rowCount = q.rowCount ? QString::number(*q.rowCount) : Cli::tr("null");
    if (q.rowCount && *q.rowCount < 0)
        rowCount += Cli::tr(" (unknown to the driver)");
    o += cli.paint(Cli::tr("Row count"), Cli::Colour::Bold) + QLatin1String(": ") + rowCount
        + (q.rows.size() == 1 ? Cli::tr(" · 1 row recorded")
                              : Cli::tr(" · %1 rows recorded").arg(q.rows.size()))
        + QLatin1Char('\n');
    if (q.error) {
        o += QLatin1Char('\n') + cli.paint(Cli::tr("ERROR"), Cli::Colour::Red) + QLatin1Char('\n');
        o += cli.paint(
            indented(q.error->isEmpty() ? Cli::tr("(empty message: DataHub replays this record as a success)")
                                        : *q.error),
            Cli::Colour::Red);
    }

    // Rows: objects keyed by column, or positional lists ({"row": [...]} when the cursor had no description).
    QStringList columns = q.columns;
    const bool positional = !q.columnsFromDescription && columns == QStringList { QStringLiteral("row") }
        && std::all_of(q.rows.begin(), q.rows.end(),
            [](const JsonValue &row) { return row.size() == 1 && row.value(u"row").isArray(); });
    if (positional) {
        qsizetype width = 0;
        for (const JsonValue &row : q.rows)
            width = std::max(width, row.value(u"row").size());
        columns.clear();
        for (qsizetype c = 0; c < width; ++c)
            columns.append(QStringLiteral("#%1").arg(c + 1));
    }
    const auto cellOf = [&](const JsonValue &row, qsizetype c) -> const JsonValue * {
        if (positional) {
            const JsonValue *list = row.find(u"row");
            return list && c < list->size() ? &list->toArray()[size_t(c)] : nullptr;
        }
        if (row.isArray())
            return c < row.size() ? &row.toArray()[size_t(c)] : nullptr;
        return row.find(columns.at(c));
    };
    if (!q.rows.empty()) {
        QList<QueryLog::ValueHint> hints;
        for (qsizetype c = 0; c < columns.size(); ++c)
            hints.append(isBytesColumn(q, c, [&](const JsonValue &row) { return cellOf(row, c); })
                    ? QueryLog::ValueHint::Bytes
                    : QueryLog::ValueHint::Auto);
        QList<QStringList> table;
        QStringList header;
        for (const QString &c : std::as_const(columns))
            header.append(cellText(c));
        table.append(header);
        const qsizetype shownRows = std::min<qsizetype>(qsizetype(q.rows.size()), MaxShownRows);
        for (qsizetype i = 0; i < shownRows; ++i) {
            QStringList cells;
            for (qsizetype c = 0; c < columns.size(); ++c) {
                const JsonValue *v = cellOf(q.rows[size_t(i)], c);
                cells.append(v ? cellText(QueryLog::displayValue(*v, hints.at(c))) : QString());
            }
            table.append(cells);
        }
        QStringList rule;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            qsizetype width = 3;
            for (const QStringList &row : std::as_const(table))
                width = std::max(width, row.at(c).size());
            rule.append(QString(width, QLatin1Char('-')));
        }
        table.insert(1, rule);
        o += QLatin1Char('\n') + cli.paint(Cli::tr("Rows"), Cli::Colour::Bold) + QLatin1Char('\n')
            + cli.table(table);
        if (qsizetype(q.rows.size()) > shownRows)
            o += cli.paint(Cli::tr("  … %1 more rows (--json gives all of them)\n")
                               .arg(qsizetype(q.rows.size()) - shownRows),
                Cli::Colour::Dim);
    }
    if (!q.warnings.isEmpty())
        o += QLatin1Char('\n') + warningsText(cli, q.warnings);

    j.insert(QStringLiteral("query"), q.hasQuery ? str(q.query) : JsonValue());
    j.insert(QStringLiteral("parameters"), q.parameters);
    j.insert(QStringLiteral("replay_key"), key.isEmpty() ? JsonValue() : str(key));
    j.insert(
        QStringLiteral("replayed_instead"), replayedSeq ? JsonValue::integer(*replayedSeq) : JsonValue());
    j.insert(QStringLiteral("row_count"), q.rowCount ? JsonValue::integer(*q.rowCount) : JsonValue());
    j.insert(QStringLiteral("error"), q.error ? str(*q.error) : JsonValue());
    j.insert(QStringLiteral("columns"), stringList(q.columns));
    j.insert(QStringLiteral("description"), q.description);
    j.insert(QStringLiteral("rows"), JsonValue::array(q.rows));
    if (!q.otherFields.empty())
        j.insert(QStringLiteral("other_fields"), JsonValue::object(q.otherFields));
    j.insert(QStringLiteral("warnings"), stringList(q.warnings));
    return s;
}

// systemMetadata in the SystemMetadata schema's field order (as the file sink writes it), other keys after.
JsonValue systemMetadataJson(const QJsonObject &metadata)
{
    static const QStringList order { QStringLiteral("lastObserved"), QStringLiteral("runId"),
        QStringLiteral("lastRunId"), QStringLiteral("pipelineName"), QStringLiteral("registryName"),
        QStringLiteral("registryVersion"), QStringLiteral("properties"), QStringLiteral("version") };
    const JsonValue sorted = fromQt(QJsonDocument(metadata));
    JsonValue ordered = JsonValue::object();
    for (const QString &key : order) {
        if (const JsonValue *v = sorted.find(key))
            ordered.insert(key, *v);
    }
    for (const JsonMember &member : sorted.toObject()) {
        if (!order.contains(member.key))
            ordered.insert(member.key, member.value);
    }
    return ordered;
}

QString formName(McpRecord::Form form)
{
    switch (form) {
    case McpRecord::Form::Proposal:
        return Cli::tr("RESTli proposal");
    case McpRecord::Form::Snapshot:
        return Cli::tr("MCE snapshot aspect");
    case McpRecord::Form::OpenApi:
        return Cli::tr("OpenAPI v3 item");
    case McpRecord::Form::Usage:
        return Cli::tr("usage bucket");
    case McpRecord::Form::FileMcp:
        return Cli::tr("file-sink MCP");
    case McpRecord::Form::FileMce:
        return Cli::tr("file-sink MCE aspect");
    }
    return {};
}

QString formKey(McpRecord::Form form)
{
    switch (form) {
    case McpRecord::Form::Proposal:
        return QStringLiteral("proposal");
    case McpRecord::Form::Snapshot:
        return QStringLiteral("snapshot");
    case McpRecord::Form::OpenApi:
        return QStringLiteral("openapi");
    case McpRecord::Form::Usage:
        return QStringLiteral("usage");
    case McpRecord::Form::FileMcp:
        return QStringLiteral("file_mcp");
    case McpRecord::Form::FileMce:
        return QStringLiteral("file_mce");
    }
    return {};
}

Result<Shown> showMcp(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    Result<McpRecord> record = TimelineIndexer::mcp(t, seq);
    if (!record)
        return record.error();
    const McpRecord &m = *record;
    const bool carried = r.related != NoCarrier && qsizetype(r.related) < t.count();

    Shown s;
    QString &o = s.text;
    JsonValue &j = s.json;
    o += heading(cli, t, seq,
        carried ? Cli::tr("%1, line %2")
                      .arg(t.sourceName(r.source))
                      .arg(lineOf(t.sourceText(r.source), r.sourceBegin))
                : t.sourceName(r.source));
    QList<QStringList> facts {
        { Cli::tr("Entity type:"), m.entityType },
        { Cli::tr("URN:"), m.entityUrn },
        { Cli::tr("Change type:"), m.changeType },
        { Cli::tr("Aspect:"), m.aspectName },
    };
    if (carried) {
        facts.append({ Cli::tr("Carried by:"),
            Cli::tr("event %1 (%2 %3), MCP %4 of %5 in its body")
                .arg(r.related)
                .arg(t.field(r.related, EventField::Method).toString(),
                    t.field(r.related, EventField::Uri).toString())
                .arg(r.number + 1)
                .arg(t.record(r.related).related) });
    } else {
        facts.append({ Cli::tr("Record:"),
            Cli::tr("%1 of %2 in the file").arg(r.number + 1).arg(t.laneCount(EventKind::Mcp)) });
    }
    facts.append({ Cli::tr("Form:"), formName(m.form) });
    o += cli.table(facts, {}, 0);

    const JsonValue systemMetadata
        = m.systemMetadata.isEmpty() ? JsonValue() : systemMetadataJson(m.systemMetadata);
    o += QLatin1Char('\n') + cli.paint(Cli::tr("System metadata"), Cli::Colour::Bold)
        + (systemMetadata.isNull() ? Cli::tr(": none\n")
                                   : QLatin1Char('\n') + indented(prettyJson(systemMetadata)));

    JsonValue aspect;
    QString aspectError;
    if (!m.aspectJson.isEmpty()) {
        JsonParseInfo info;
        Result<JsonValue> parsed = JsonValue::parse(m.aspectJson, &info);
        if (parsed)
            aspect = std::move(parsed).value();
        else
            aspectError = Cli::tr("line %1, column %2: %3")
                              .arg(info.errorLine)
                              .arg(info.errorColumn)
                              .arg(info.reason);
    }
    o += QLatin1Char('\n') + cli.paint(Cli::tr("Aspect %1").arg(m.aspectName), Cli::Colour::Bold);
    if (m.aspectJson.isEmpty()) {
        o += Cli::tr(": none\n");
    } else if (!aspectError.isEmpty()) {
        o += QLatin1Char('\n')
            + cli.paint(Cli::tr("  warning: not valid JSON (%1); shown as recorded\n").arg(aspectError),
                Cli::Colour::Yellow);
        o += indented(capped(QString::fromUtf8(m.aspectJson)));
    } else {
        o += QLatin1Char('\n') + indented(capped(prettyJson(aspect)));
    }

    JsonValue checkpoint;
    QString checkpointError;
    if (m.aspectName == CheckpointState::AspectName && aspect.isObject()) {
        const QJsonDocument document = QJsonDocument::fromJson(m.aspectJson);
        const Result<QJsonDocument> state = CheckpointState::decodePayload(document.object());
        if (state)
            checkpoint = fromQt(*state);
        else
            checkpointError = state.error().message;
        const QString serde = aspect.value(u"state").value(u"serde").toString();
        o += QLatin1Char('\n')
            + cli.paint(serde.isEmpty() ? Cli::tr("Checkpoint state")
                                        : Cli::tr("Checkpoint state (decoded from %1)").arg(serde),
                Cli::Colour::Bold);
        if (state)
            o += QLatin1Char('\n') + indented(capped(prettyJson(checkpoint)));
        else
            o += QLatin1Char('\n')
                + cli.paint(Cli::tr("  warning: %1\n").arg(checkpointError), Cli::Colour::Yellow);
    }
    if (!m.warnings.isEmpty())
        o += QLatin1Char('\n') + warningsText(cli, m.warnings);

    j.insert(QStringLiteral("entity_type"), str(m.entityType));
    j.insert(QStringLiteral("entity_urn"), str(m.entityUrn));
    j.insert(QStringLiteral("change_type"), str(m.changeType));
    j.insert(QStringLiteral("aspect_name"), str(m.aspectName));
    j.insert(QStringLiteral("carrier_seq"), carried ? JsonValue::integer(r.related) : JsonValue());
    j.insert(QStringLiteral("carrier_index"), JsonValue::integer(m.carrierIndex));
    j.insert(QStringLiteral("form"), str(formKey(m.form)));
    j.insert(QStringLiteral("system_metadata"), systemMetadata);
    j.insert(QStringLiteral("aspect"), aspect);
    if (!aspectError.isEmpty()) {
        j.insert(QStringLiteral("aspect_error"), str(aspectError));
        j.insert(QStringLiteral("aspect_text"), str(QString::fromUtf8(m.aspectJson)));
    }
    if (m.aspectName == CheckpointState::AspectName) {
        j.insert(QStringLiteral("checkpoint_state"), checkpoint);
        j.insert(QStringLiteral("checkpoint_error"),
            checkpointError.isEmpty() ? JsonValue() : str(checkpointError));
    }
    j.insert(QStringLiteral("warnings"), stringList(m.warnings));

    s.raw = m.aspectJson;
    return s;
}

void writeBytes(const QByteArray &bytes)
{
    std::fflush(stdout);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int runShow(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Show one event of a recording in full: an HTTP exchange with its headers and decoded bodies, "
        "an SQL query with its parameters, replay key, error and rows, or an MCP with its aspect. "
        "The seq numbers are the ones \"tapedeck-cli events\" lists."));
    parser.addPositionalArgument(QStringLiteral("source"),
        Cli::tr("An archive, an extracted folder, a cassette.yaml, a queries.jsonl or an MCP JSON file."),
        QStringLiteral("show <source>"));
    parser.addPositionalArgument(
        QStringLiteral("seq"), Cli::tr("The event's sequence number."), QStringLiteral("<seq>"));
    const QCommandLineOption raw(QStringLiteral("raw"),
        Cli::tr("Write the raw recorded bytes to standard output and nothing else: an HTTP event's "
                "response body as recorded (still compressed when it was), an SQL event's "
                "queries.jsonl line, an MCP event's aspect JSON."));
    const QCommandLineOption json(QStringLiteral("json"),
        Cli::tr("One JSON object with everything shown (bodies as UTF-8 text, else base64)."));
    parser.addOptions({ raw, json });
    Cli::addPasswordOptions(parser);
    Cli::addLimitOptions(parser);
    // "-1" would read as an unknown option; take it as the (out-of-range) seq it was meant to be.
    QStringList args;
    QStringList negative;
    for (const QString &a : arguments) {
        if (a.size() > 1 && a.startsWith(QLatin1Char('-'))
            && std::all_of(a.begin() + 1, a.end(), [](QChar c) { return c.isDigit(); }))
            negative.append(a);
        else
            args.append(a);
    }
    if (!negative.isEmpty())
        args += QStringList { QStringLiteral("--") } + negative;
    if (const std::optional<int> stop = cli.parse(parser, args))
        return *stop;
    if (parser.positionalArguments().size() != 2)
        return cli.usage(Cli::tr("show needs a source and an event number"));
    if (parser.isSet(raw) && parser.isSet(json))
        return cli.usage(Cli::tr("--raw and --json exclude each other"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);
    const QString seqText = parser.positionalArguments().at(1);

    auto job = TimelineJob::start(
        cli, parser.positionalArguments().constFirst(), Cli::passwordOptions(parser), *limits);
    if (!job)
        return cli.fail(job.error());
    const Status indexed = (*job)->wait();
    const Timeline &timeline = (*job)->timeline();
    if (!indexed)
        return cli.fail(indexed.error());

    bool ok = false;
    const qlonglong seq = seqText.toLongLong(&ok);
    if (!ok || seq < 0 || seq >= timeline.count()) {
        const QString range = timeline.count() == 0
            ? Cli::tr("%1 has no events").arg(parser.positionalArguments().constFirst())
            : timeline.count() == 1 ? Cli::tr("the only event is 0")
                                    : Cli::tr("events are numbered 0 to %1").arg(timeline.count() - 1);
        return cli.usage(ok ? Cli::tr("there is no event %1: %2").arg(seq).arg(range)
                            : Cli::tr("\"%1\" is not an event number: %2").arg(seqText, range));
    }

    const EventRecord &r = timeline.record(seq);
    Result<Shown> shown = r.kind == EventKind::Http ? showHttp(cli, timeline, seq)
        : r.kind == EventKind::Sql                  ? showSql(cli, timeline, seq)
                                                    : showMcp(cli, timeline, seq);
    if (!shown)
        return cli.fail(shown.error());

    if (parser.isSet(raw)) {
        if (shown->raw)
            writeBytes(*shown->raw);
        else
            cli.err(QStringLiteral("tapedeck-cli: ") + shown->rawNote + QLatin1Char('\n'));
    } else if (parser.isSet(json)) {
        JsonValue o = JsonValue::object({ { QStringLiteral("seq"), JsonValue::integer(seq) },
            { QStringLiteral("kind"), str(QString(eventKindName(r.kind))) },
            { QStringLiteral("lane"), JsonValue::integer(r.lane) },
            { QStringLiteral("source"), str(timeline.sourceName(r.source)) },
            { QStringLiteral("has_error"), JsonValue::boolean(r.flags & ErrorFlag) },
            { QStringLiteral("has_warning"), JsonValue::boolean(r.flags & WarningFlag) } });
        for (JsonMember &member : shown->json.takeObject())
            o.insert(std::move(member.key), std::move(member.value));
        cli.out(prettyJson(o) + QLatin1Char('\n'));
    } else {
        cli.out(shown->text);
    }
    return (*job)->finish(cli);
}

} // namespace tapedeck
