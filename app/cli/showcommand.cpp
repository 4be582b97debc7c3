// SPDX-License-Identifier: MIT
// tapedeck-cli show: one event of a recording in full — HTTP headers and decoded bodies, SQL rows, MCP
// aspects.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/timelinejob.h"
#include "core/common/bytesize.h"
#include "core/common/controlchars.h"
#include "core/common/jsonvalue.h"
#include "core/common/utf8.h"
#include "core/recording/eventpresentation.h"

#include <cstdio>

namespace tapedeck {

namespace {

constexpr qsizetype HexDumpBytes = 512;
// Table cells and rows beyond these are cut on the terminal (--json and --raw always carry everything).
constexpr qsizetype MaxCellWidth = 40;
constexpr qsizetype MaxShownRows = 500;

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

// --- text helpers -----------------------------------------------------------------------------------------

// A recorded block (body, query, aspect) as its own lines, indented; its other control characters are
// escaped.
QString indented(const QString &text, int spaces = 2)
{
    const QString pad(spaces, QLatin1Char(' '));
    QString out;
    const QStringList lines = escapeControls(text, LineBreaks::Keep).split(QLatin1Char('\n'));
    for (const QString &line : lines)
        out += (line.isEmpty() ? QString() : pad + line) + QLatin1Char('\n');
    return out;
}

// Text core cut for display, with a note that says where the rest is (by default: everywhere else).
QString withCutNote(const QString &text, bool cut, const QString &rest = {})
{
    if (!cut)
        return text;
    return text
        + Cli::tr("\n… more not shown: the text is cut after %1 characters (%2)")
              .arg(BodyContent::MaxShownCharacters)
              .arg(rest.isEmpty() ? Cli::tr("--json or --raw give everything") : rest);
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

QString sizeText(qint64 bytes)
{
    if (bytes == 1)
        return Cli::tr("1 byte");
    return bytes < 1024 ? Cli::tr("%1 bytes").arg(bytes)
                        : Cli::tr("%1 (%2 bytes)").arg(formatByteSize(bytes)).arg(bytes);
}

QString bodyText(const Cli &cli, const QString &title, const BodyContent &b)
{
    QString out = cli.paint(title, Cli::Colour::Bold);
    if (b.shape == BodyContent::Shape::Null)
        return out + Cli::tr(": none (recorded as null)\n");
    if (b.shape == BodyContent::Shape::Empty)
        return out + Cli::tr(": empty\n");
    QStringList facts { sizeText(b.raw->size()) };
    if (!b.contentType.isEmpty())
        facts.append(escapeControls(b.contentType));
    out += QLatin1String(": ") + facts.join(QLatin1String(", ")) + QLatin1Char('\n');
    if (b.decoded)
        out += cli.paint(
            Cli::tr("  (Content-Encoding %1 decoded for display: %2; the recorded bytes are compressed)\n")
                .arg(escapeControls(b.contentEncoding), sizeText(b.content.size())),
            Cli::Colour::Dim);
    if (!b.decodeError.isEmpty())
        out += cli.paint(
            Cli::tr("  warning: Content-Encoding %1 could not be decoded (%2); the recorded bytes follow\n")
                .arg(escapeControls(b.contentEncoding), escapeControls(b.decodeError)),
            Cli::Colour::Yellow);
    if (b.tooLargeToParse)
        out += cli.paint(Cli::tr("  (larger than %1: not read as JSON or form data; shown as text)\n")
                             .arg(formatByteSize(BodyContent::MaxParsedBytes)),
            Cli::Colour::Dim);
    switch (b.shape) {
    case BodyContent::Shape::Json:
        out += indented(withCutNote(b.pretty, b.truncated));
        break;
    case BodyContent::Shape::Text:
        if (!b.jsonError.isEmpty())
            out += cli.paint(
                Cli::tr("  warning: not valid JSON (%1); shown as text\n").arg(escapeControls(b.jsonError)),
                Cli::Colour::Yellow);
        out += indented(withCutNote(b.text, b.truncated,
            b.decoded && b.content.size() > BodyContent::MaxParsedBytes
                ? Cli::tr("--json gives the first %1 of the decoded body, --raw the recorded bytes")
                      .arg(formatByteSize(BodyContent::MaxParsedBytes))
                : QString()));
        if (!b.formFields.isEmpty()) {
            QList<QStringList> rows;
            for (const auto &[key, value] : b.formFields)
                rows.append({ key + QLatin1Char(':'), value });
            out += cli.paint(Cli::tr("  form fields:\n"), Cli::Colour::Dim) + cli.table(rows, {}, 4);
        }
        break;
    case BodyContent::Shape::Binary:
        out += cli.paint(
            Cli::tr("  %1, %2%3; %4:\n")
                .arg(b.binaryKind.isEmpty() ? Cli::tr("binary") : escapeControls(b.binaryKind),
                    sizeText(b.content.size()),
                    b.contentType.isEmpty() ? QString() : Cli::tr(", %1").arg(escapeControls(b.contentType)),
                    b.content.size() > HexDumpBytes ? Cli::tr("the first %1 bytes").arg(HexDumpBytes)
                                                    : Cli::tr("all bytes")),
            Cli::Colour::Dim);
        out += hexDump(b.content, HexDumpBytes);
        break;
    case BodyContent::Shape::Null:
    case BodyContent::Shape::Empty:
        break;
    }
    return out;
}

// Bytes as JSON: text when valid UTF-8, else base64; "encoding" says which. Beyond limit bytes the data
// is cut (text at the start of a character).
void insertBytes(JsonValue &object, const QByteArray &bytes, qsizetype limit = -1)
{
    const bool cut = limit >= 0 && bytes.size() > limit;
    QByteArrayView shown = cut ? QByteArrayView(bytes).first(limit) : QByteArrayView(bytes);
    std::optional<QString> text;
    if (bytes.isValidUtf8()) {
        qsizetype end = shown.size();
        while (cut && end > 0 && (uchar(bytes[end]) & 0xc0) == 0x80)
            --end;
        shown = shown.first(end);
        text = strictUtf8(shown);
    }
    if (text) {
        object.insert(QStringLiteral("encoding"), str(QStringLiteral("utf-8")));
        object.insert(QStringLiteral("data"), str(*text));
    } else {
        object.insert(QStringLiteral("encoding"), str(QStringLiteral("base64")));
        object.insert(QStringLiteral("data"), str(QString::fromLatin1(shown.toByteArray().toBase64())));
    }
    if (limit >= 0)
        object.insert(QStringLiteral("truncated"), JsonValue::boolean(cut));
}

JsonValue bodyJson(const BodyContent &b)
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
        insertBytes(decoded, b.content, BodyContent::MaxParsedBytes);
    }
    o.insert(QStringLiteral("decoded"), std::move(decoded));
    o.insert(QStringLiteral("decode_error"), b.decodeError.isEmpty() ? JsonValue() : str(b.decodeError));
    return o;
}

QString headersText(const QList<HttpHeader> &headers)
{
    QString out;
    for (const HttpHeader &h : headers)
        out += QLatin1String("  ") + escapeControls(h.name) + QLatin1String(": ") + escapeControls(h.value)
            + QLatin1Char('\n');
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

QString headingText(const Cli &cli, const EventHeading &heading)
{
    return cli.paint(escapeControls(heading.title), Cli::Colour::Bold) + QStringLiteral(" · ")
        + escapeControls(heading.location) + QLatin1String("\n\n");
}

QString warningsText(const Cli &cli, const QStringList &warnings)
{
    QString out;
    for (const QString &w : warnings)
        out += cli.paint(Cli::tr("warning: %1").arg(escapeControls(w)), Cli::Colour::Yellow)
            + QLatin1Char('\n');
    return out;
}

Result<Shown> showHttp(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const HttpPresentation d = HttpPresentation::load(t, seq);
    if (d.error)
        return *d.error;
    const HttpExchange &x = d.exchange;

    Shown s;
    QString &o = s.text;
    o += headingText(cli, d.heading);
    o += cli.paint(escapeControls(x.method + QLatin1Char(' ') + x.uri), Cli::Colour::Bold)
        + QLatin1Char('\n');
    o += cli.paint(Cli::tr("Request headers"), Cli::Colour::Bold)
        + (x.requestHeaders.isEmpty() ? Cli::tr(": none\n") : QStringLiteral("\n"));
    o += headersText(x.requestHeaders);
    o += bodyText(cli, Cli::tr("Request body"), d.request);
    o += QLatin1Char('\n');
    o += cli.paint(Cli::tr("Response: %1").arg(escapeControls(d.statusLine())),
             d.failed ? Cli::Colour::Red : Cli::Colour::Bold)
        + QLatin1Char('\n');
    o += cli.paint(Cli::tr("Response headers"), Cli::Colour::Bold)
        + (x.responseHeaders.isEmpty() ? Cli::tr(": none\n") : QStringLiteral("\n"));
    o += headersText(x.responseHeaders);
    o += bodyText(cli, Cli::tr("Response body"), d.response);
    if (!d.mcps.isEmpty()) {
        QStringList seqs;
        for (const qsizetype k : d.mcps)
            seqs.append(QString::number(k));
        o += QLatin1Char('\n') + cli.paint(Cli::tr("MCPs carried (%1)").arg(d.mcps.size()), Cli::Colour::Bold)
            + QLatin1String(": ") + seqs.join(QLatin1String(", ")) + QLatin1Char('\n');
    }
    if (!x.warnings.isEmpty())
        o += QLatin1Char('\n') + warningsText(cli, x.warnings);

    JsonValue &j = s.json;
    j.insert(QStringLiteral("method"), str(x.method));
    j.insert(QStringLiteral("uri"), str(x.uri));
    j.insert(QStringLiteral("status"), x.hasStatus() ? JsonValue::integer(x.status) : JsonValue());
    j.insert(QStringLiteral("status_message"), optionalString(x.statusMessage));
    j.insert(QStringLiteral("http_version"), x.httpVersion.isEmpty() ? JsonValue() : str(x.httpVersion));
    j.insert(QStringLiteral("source_line"), JsonValue::integer(d.sourceLine));
    j.insert(QStringLiteral("request"),
        JsonValue::object({ { QStringLiteral("headers"), headersJson(x.requestHeaders) },
            { QStringLiteral("body"), bodyJson(d.request) } }));
    j.insert(QStringLiteral("response"),
        JsonValue::object({ { QStringLiteral("headers"), headersJson(x.responseHeaders) },
            { QStringLiteral("body"), bodyJson(d.response) } }));
    JsonValue mcpList = JsonValue::array();
    for (const qsizetype k : d.mcps)
        mcpList.append(JsonValue::integer(k));
    j.insert(QStringLiteral("mcps"), std::move(mcpList));
    j.insert(QStringLiteral("warnings"), stringList(x.warnings));

    s.raw = x.responseBody;
    if (!x.responseBody)
        s.rawNote = Cli::tr("event %1 recorded no response body (null); nothing written").arg(seq);
    return s;
}

Result<Shown> showSql(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const SqlPresentation d = SqlPresentation::load(t, seq);

    Shown s;
    // The line stays in the timeline's source text for as long as the command runs: not copied.
    s.raw = QByteArray::fromRawData(d.record.data(), d.record.size());
    QString &o = s.text;
    JsonValue &j = s.json;
    o += headingText(cli, d.heading);
    j.insert(QStringLiteral("source_line"), JsonValue::integer(d.sourceLine));

    if (!d.query) {
        // The indexer keeps unreadable records as error events; show what is there.
        o += cli.paint(Cli::tr("Unreadable record: %1").arg(escapeControls(d.recordError)), Cli::Colour::Red)
            + QLatin1Char('\n');
        bool cut = false;
        o += indented(withCutNote(BodyContent::capped(QString::fromUtf8(d.record), &cut), cut));
        j.insert(QStringLiteral("query"), JsonValue());
        j.insert(QStringLiteral("error"), JsonValue());
        j.insert(QStringLiteral("record_error"), str(d.recordError));
        return s;
    }
    const SqlQuery &q = *d.query;

    o += cli.paint(Cli::tr("Query"), Cli::Colour::Bold) + QLatin1Char('\n');
    bool cut = false;
    o += indented(withCutNote(BodyContent::capped(q.hasQuery ? q.query : Cli::tr("(no query string)"), &cut),
        cut || q.textCut, q.textCut ? Cli::tr("--raw writes the whole record") : QString()));
    o += cli.paint(Cli::tr("Parameters"), Cli::Colour::Bold) + QLatin1String(": ");
    if (d.parametersText.isEmpty())
        o += Cli::tr("none") + QLatin1Char('\n');
    else if (d.parametersText.contains(QLatin1Char('\n')))
        o += QLatin1Char('\n') + indented(d.parametersText);
    else
        o += escapeControls(d.parametersText) + QLatin1Char('\n');
    o += cli.paint(Cli::tr("Replay key"), Cli::Colour::Bold) + QLatin1String(": ")
        + (d.replayKey.isEmpty() ? Cli::tr("none (DataHub cannot compute one for this record)") : d.replayKey)
        + QLatin1Char('\n');
    if (d.replayedInsteadSeq >= 0) {
        o += cli.paint(Cli::tr("  a later record has the same key, and DataHub replays that one (line %1, event %2)")
                           .arg(d.replayedInsteadLine)
                           .arg(d.replayedInsteadSeq),
                 Cli::Colour::Yellow)
            + QLatin1Char('\n');
    }
    o += cli.paint(Cli::tr("Row count"), Cli::Colour::Bold) + QLatin1String(": ") + d.rowCountText()
        + (q.resultCount == 1 ? Cli::tr(" · 1 row recorded") : Cli::tr(" · %1 rows recorded").arg(q.resultCount))
        + QLatin1Char('\n');
    if (q.error) {
        o += QLatin1Char('\n') + cli.paint(Cli::tr("ERROR"), Cli::Colour::Red) + QLatin1Char('\n');
        o += cli.paint(
            indented(q.error->isEmpty() ? Cli::tr("(empty message: DataHub replays this record as a success)")
                                        : *q.error),
            Cli::Colour::Red);
    }

    const SqlRows &rows = d.rows;
    if (rows.rowCount() > 0) {
        QList<QStringList> table;
        QStringList header;
        for (const QString &c : rows.columns())
            header.append(SqlRows::oneLine(c, MaxCellWidth));
        table.append(header);
        const qsizetype shownRows = std::min(rows.rowCount(), MaxShownRows);
        for (qsizetype i = 0; i < shownRows; ++i) {
            QStringList cells;
            for (qsizetype c = 0; c < rows.columnCount(); ++c)
                cells.append(rows.line(i, c, MaxCellWidth));
            table.append(cells);
        }
        QStringList rule;
        for (qsizetype c = 0; c < rows.columnCount(); ++c) {
            qsizetype width = 3;
            for (const QStringList &row : std::as_const(table))
                width = std::max(width, row.at(c).size());
            rule.append(QString(width, QLatin1Char('-')));
        }
        table.insert(1, rule);
        o += QLatin1Char('\n') + cli.paint(Cli::tr("Rows"), Cli::Colour::Bold) + QLatin1Char('\n')
            + cli.table(table);
        if (rows.rowCount() > shownRows && !q.rowsCut)
            o += cli.paint(Cli::tr("  … %1 more rows (--json gives all of them)\n").arg(rows.rowCount() - shownRows),
                Cli::Colour::Dim);
    }
    if (q.rowsCut)
        o += cli.paint(Cli::tr("  … %1 more rows not shown: rows are read up to %2 of their text (--raw writes the "
                               "record)\n")
                           .arg(q.resultCount - std::min(rows.rowCount(), MaxShownRows))
                           .arg(formatByteSize(QueryLog::MaxRowBytes)),
            Cli::Colour::Dim);
    if (!q.warnings.isEmpty())
        o += QLatin1Char('\n') + warningsText(cli, q.warnings);

    j.insert(QStringLiteral("query"), q.hasQuery ? str(q.query) : JsonValue());
    j.insert(QStringLiteral("text_cut"), JsonValue::boolean(q.textCut));
    j.insert(QStringLiteral("parameters"), q.parameters);
    j.insert(QStringLiteral("replay_key"), d.replayKey.isEmpty() ? JsonValue() : str(d.replayKey));
    j.insert(QStringLiteral("replayed_instead"),
        d.replayedInsteadSeq >= 0 ? JsonValue::integer(d.replayedInsteadSeq) : JsonValue());
    j.insert(QStringLiteral("row_count"), q.rowCount ? JsonValue::integer(*q.rowCount) : JsonValue());
    j.insert(QStringLiteral("error"), q.error ? str(*q.error) : JsonValue());
    j.insert(QStringLiteral("columns"), stringList(q.columns));
    j.insert(QStringLiteral("description"), q.description);
    j.insert(QStringLiteral("rows"), JsonValue::array(q.rows));
    j.insert(QStringLiteral("rows_cut"), JsonValue::boolean(q.rowsCut));
    j.insert(QStringLiteral("result_count"), JsonValue::integer(q.resultCount));
    if (!q.otherFields.empty())
        j.insert(QStringLiteral("other_fields"), JsonValue::object(q.otherFields));
    j.insert(QStringLiteral("warnings"), stringList(q.warnings));
    return s;
}

Result<Shown> showMcp(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const McpPresentation d = McpPresentation::load(t, seq);
    if (d.error)
        return *d.error;
    const McpRecord &m = d.record;

    Shown s;
    QString &o = s.text;
    JsonValue &j = s.json;
    o += headingText(cli, d.heading);
    QList<QStringList> facts {
        { Cli::tr("Entity type:"), m.entityType },
        { Cli::tr("URN:"), m.entityUrn },
        { Cli::tr("Change type:"), m.changeType },
        { Cli::tr("Aspect:"), m.aspectName },
    };
    if (d.carrierSeq >= 0)
        facts.append({ Cli::tr("Carried by:"), d.carrierText });
    else
        facts.append({ Cli::tr("Record:"), d.positionText });
    facts.append({ Cli::tr("Form:"), d.formName });
    o += cli.table(facts, {}, 0);

    o += QLatin1Char('\n') + cli.paint(Cli::tr("System metadata"), Cli::Colour::Bold)
        + (d.systemMetadata.isNull() ? Cli::tr(": none\n") : QLatin1Char('\n') + indented(d.systemMetadataText));

    o += QLatin1Char('\n')
        + cli.paint(Cli::tr("Aspect %1").arg(escapeControls(m.aspectName)), Cli::Colour::Bold);
    if (m.aspectJson.isEmpty()) {
        o += Cli::tr(": none\n");
    } else if (!d.aspectError.isEmpty()) {
        o += QLatin1Char('\n')
            + cli.paint(Cli::tr("  warning: not valid JSON (%1); shown as recorded\n")
                            .arg(escapeControls(d.aspectError)),
                Cli::Colour::Yellow);
        o += indented(withCutNote(d.aspectText, d.aspectTruncated));
    } else {
        o += QLatin1Char('\n') + indented(withCutNote(d.aspectText, d.aspectTruncated));
    }

    if (d.isCheckpoint && d.aspect.isObject()) {
        o += QLatin1Char('\n')
            + cli.paint(d.checkpointSerde.isEmpty()
                    ? Cli::tr("Checkpoint state")
                    : Cli::tr("Checkpoint state (decoded from %1)").arg(escapeControls(d.checkpointSerde)),
                Cli::Colour::Bold);
        if (d.checkpointError.isEmpty()) {
            bool cut = false;
            o += QLatin1Char('\n') + indented(withCutNote(BodyContent::capped(d.checkpointText, &cut), cut));
        } else {
            o += QLatin1Char('\n')
                + cli.paint(
                    Cli::tr("  warning: %1\n").arg(escapeControls(d.checkpointError)), Cli::Colour::Yellow);
        }
    }
    if (!m.warnings.isEmpty())
        o += QLatin1Char('\n') + warningsText(cli, m.warnings);

    j.insert(QStringLiteral("entity_type"), str(m.entityType));
    j.insert(QStringLiteral("entity_urn"), str(m.entityUrn));
    j.insert(QStringLiteral("change_type"), str(m.changeType));
    j.insert(QStringLiteral("aspect_name"), str(m.aspectName));
    j.insert(QStringLiteral("carrier_seq"), d.carrierSeq >= 0 ? JsonValue::integer(d.carrierSeq) : JsonValue());
    j.insert(QStringLiteral("carrier_index"), JsonValue::integer(m.carrierIndex));
    j.insert(QStringLiteral("form"), str(d.formKey));
    j.insert(QStringLiteral("system_metadata"), d.systemMetadata);
    j.insert(QStringLiteral("aspect"), d.aspect);
    if (!d.aspectError.isEmpty()) {
        j.insert(QStringLiteral("aspect_error"), str(d.aspectError));
        j.insert(QStringLiteral("aspect_text"), str(QString::fromUtf8(m.aspectJson)));
    }
    if (d.isCheckpoint) {
        j.insert(QStringLiteral("checkpoint_state"), d.checkpoint);
        j.insert(QStringLiteral("checkpoint_error"), d.checkpointError.isEmpty() ? JsonValue() : str(d.checkpointError));
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
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    // "-1" would read as an unknown option; take it as the (out-of-range) seq it was meant to be, unless it
    // is the value of the option before it (--max-ratio -1 is a bad ratio, and is reported as one).
    QStringList args;
    QStringList negative;
    for (const QString &a : arguments) {
        if (a.size() > 1 && a.startsWith(QLatin1Char('-'))
            && std::all_of(a.begin() + 1, a.end(), [](QChar c) { return c.isDigit(); })
            && (args.isEmpty() || !Cli::isSharedValueOption(args.constLast())))
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

    const Result<QString> local = cli.localSource(parser.positionalArguments().constFirst(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    auto job = TimelineJob::start(cli, *local, Cli::passwordOptions(parser), *limits);
    if (!job)
        return cli.fail(job.error());
    const Status indexed = (*job)->wait();
    const Timeline &timeline = (*job)->timeline();
    if (!indexed)
        return cli.fail(indexed.error());

    // Digits only: no sign, fraction or exponent (the usage message says which events there are).
    const std::optional<qint64> seq = Cli::parseCount(seqText);
    if (!seq || *seq >= timeline.count()) {
        const QString range = timeline.count() == 0
            ? Cli::tr("%1 has no events").arg(parser.positionalArguments().constFirst())
            : timeline.count() == 1 ? Cli::tr("the only event is 0")
                                    : Cli::tr("events are numbered 0 to %1").arg(timeline.count() - 1);
        return cli.usage(seq ? Cli::tr("there is no event %1: %2").arg(QString::number(*seq), range)
                             : Cli::tr("\"%1\" is not an event number: %2").arg(seqText, range));
    }

    const EventRecord &r = timeline.record(*seq);
    Result<Shown> shown = r.kind == EventKind::Http ? showHttp(cli, timeline, *seq)
        : r.kind == EventKind::Sql                  ? showSql(cli, timeline, *seq)
                                                    : showMcp(cli, timeline, *seq);
    if (!shown)
        return cli.fail(shown.error());

    if (parser.isSet(raw)) {
        if (shown->raw)
            writeBytes(*shown->raw);
        else
            cli.err(QStringLiteral("tapedeck-cli: ") + escapeControls(shown->rawNote) + QLatin1Char('\n'));
    } else if (parser.isSet(json)) {
        JsonValue o = JsonValue::object({ { QStringLiteral("seq"), JsonValue::integer(*seq) },
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
