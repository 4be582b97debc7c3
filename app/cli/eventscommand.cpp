// SPDX-License-Identifier: MIT
// tapedeck-cli events: the timeline of a recording, filtered, as a table or JSON lines, printed while
// indexing.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/timelinejob.h"
#include "core/common/bytesize.h"
#include "core/common/compactjson.h"
#include "core/common/controlchars.h"
#include "core/recording/filterexpression.h"
#include "core/recording/timelinesubject.h"

namespace tapedeck {

namespace {

QString oneLine(QStringView text, qsizetype limit)
{
    QString s = text.toString().simplified();
    if (s.size() > limit)
        s = s.left(limit - 1) + QChar(0x2026);
    return escapeControls(s);
}

// One event as a JSON line (keys in sorted order, as QJsonDocument wrote them before).
void appendJsonLine(QByteArray &out, const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    const QStringView message = t.field(seq,
        r.kind == EventKind::Http      ? EventField::HttpMessage
            : r.kind == EventKind::Sql ? EventField::SqlError
                                       : EventField::McpMessage);
    const QLatin1StringView kind(eventKindName(r.kind));
    const auto key = [](const char *name) { return QLatin1StringView(name); };
    CompactJsonObject o(out);
    switch (r.kind) {
    case EventKind::Http:
        o.string(key("content_type"), t.field(seq, EventField::ContentType));
        o.boolean(key("has_error"), r.flags & ErrorFlag);
        o.boolean(key("has_warning"), r.flags & WarningFlag);
        o.string(key("kind"), QString(kind));
        o.integer(key("lane"), qint64(r.lane));
        o.integer(key("mcps"), qint64(r.related));
        if (!message.isEmpty())
            o.string(key("message"), message);
        o.string(key("method"), t.field(seq, EventField::Method));
        o.integer(key("request_size"), qint64(r.sizeA));
        o.integer(key("response_size"), qint64(r.sizeB));
        o.integer(key("seq"), seq);
        if (r.flags & NoNumberFlag)
            o.null(key("status"));
        else
            o.integer(key("status"), r.number);
        o.string(key("uri"), t.field(seq, EventField::Uri));
        break;
    case EventKind::Sql:
        if (r.flags & ErrorFlag)
            o.string(key("error"), t.field(seq, EventField::SqlError));
        else
            o.null(key("error"));
        o.boolean(key("has_error"), r.flags & ErrorFlag);
        o.boolean(key("has_warning"), r.flags & WarningFlag);
        o.string(key("kind"), QString(kind));
        o.integer(key("lane"), qint64(r.lane));
        if (!message.isEmpty())
            o.string(key("message"), message);
        o.string(key("query"), t.field(seq, EventField::Query));
        if (r.flags & NoNumberFlag)
            o.null(key("row_count"));
        else
            o.integer(key("row_count"), r.number);
        o.integer(key("seq"), seq);
        break;
    case EventKind::Mcp:
        o.string(key("aspect_name"), t.field(seq, EventField::AspectName));
        if (r.related == EventRecord::NoCarrier)
            o.null(key("carrier_seq"));
        else
            o.integer(key("carrier_seq"), qint64(r.related));
        o.string(key("change_type"), t.field(seq, EventField::ChangeType));
        o.string(key("entity_type"), t.field(seq, EventField::EntityType));
        o.string(key("entity_urn"), t.field(seq, EventField::EntityUrn));
        o.boolean(key("has_error"), r.flags & ErrorFlag);
        o.boolean(key("has_warning"), r.flags & WarningFlag);
        o.string(key("kind"), QString(kind));
        o.integer(key("lane"), qint64(r.lane));
        if (!message.isEmpty())
            o.string(key("message"), message);
        o.integer(key("seq"), seq);
        break;
    }
    o.finish();
    out.append('\n');
}

QString rowFor(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    QString what;
    QString result;
    QString target;
    switch (r.kind) {
    case EventKind::Http:
        what = escapeControls(t.field(seq, EventField::Method).toString());
        result = (r.flags & NoNumberFlag) ? Cli::tr("–", "no HTTP status recorded") : QString::number(r.number);
        target = escapeControls(t.field(seq, EventField::Uri).toString()) + QLatin1String("  ")
            + formatByteSize(r.sizeB);
        if (r.related == 1)
            target += Cli::tr("  (1 MCP)");
        else if (r.related > 1)
            target += Cli::tr("  (%1 MCPs)").arg(r.related);
        break;
    case EventKind::Sql: {
        const QString query = t.field(seq, EventField::Query).toString().simplified();
        what = escapeControls(query.section(QLatin1Char(' '), 0, 0).toUpper());
        result = (r.flags & ErrorFlag) ? Cli::tr("error")
            : (r.flags & NoNumberFlag) ? QString()
            : r.number == 1            ? Cli::tr("1 row")
                                       : Cli::tr("%1 rows").arg(r.number);
        target = oneLine(query, 160);
        break;
    }
    case EventKind::Mcp:
        what = escapeControls(t.field(seq, EventField::ChangeType).toString());
        result = escapeControls(t.field(seq, EventField::AspectName).toString());
        target = escapeControls(t.field(seq, EventField::EntityUrn).toString());
        break;
    }
    const Cli::Colour colour = (r.flags & ErrorFlag) ? Cli::Colour::Red
        : (r.flags & WarningFlag)                    ? Cli::Colour::Yellow
                                                     : Cli::Colour::None;
    return cli.paint(QStringLiteral("%1  %2  %3  %4  ")
                         .arg(seq, 6)
                         .arg(QString(eventKindName(r.kind)), -4)
                         .arg(what.left(7), -7)
                         .arg(result, -22),
               colour)
        + target + QLatin1Char('\n');
}

} // namespace

int runEvents(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("List the HTTP, SQL and MCP events of a recording, optionally filtered (see the filter "
                "language in the README). Events are printed while the recording is being read."));
    parser.addPositionalArgument(QStringLiteral("source"),
        Cli::tr("An archive, an extracted folder, a cassette.yaml, a queries.jsonl or an MCP JSON file."),
        QStringLiteral("events <source>"));
    const QCommandLineOption filter({ QStringLiteral("f"), QStringLiteral("filter") },
        Cli::tr("Only events matching <expression>."), Cli::tr("expression"));
    const QCommandLineOption jsonl(QStringLiteral("jsonl"), Cli::tr("One JSON object per event."));
    parser.addOptions({ filter, jsonl });
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("events needs exactly one source"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);
    Result<FilterExpression> parsedFilter = Cli::filter(parser, filter);
    if (!parsedFilter)
        return cli.failFilter(parsedFilter.error()); // a Usage error, printed with its caret line
    const FilterExpression expression = std::move(parsedFilter).value();

    const Result<QString> local = cli.localSource(parser.positionalArguments().constFirst(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    auto job = TimelineJob::start(cli, *local, Cli::passwordOptions(parser), *limits);
    if (!job)
        return cli.fail(job.error());
    const Timeline &timeline = (*job)->timeline();
    TimelineSubject subject(timeline);
    const bool json = parser.isSet(jsonl);
    qsizetype shown = 0;
    QByteArray line;
    std::optional<FilterError> gaveUp;
    const Status s = (*job)->follow([&](qsizetype seq) {
        if (gaveUp)
            return; // the events printed so far stand; whether later ones match is unknown
        subject.setRow(seq);
        FilterError error;
        switch (expression.match(subject, &error)) {
        case FilterExpression::Outcome::Match:
            break;
        case FilterExpression::Outcome::NoMatch:
            return;
        case FilterExpression::Outcome::GaveUp:
            gaveUp = std::move(error);
            return;
        }
        ++shown;
        if (json) {
            line.clear();
            appendJsonLine(line, timeline, seq);
            cli.out(QByteArrayView(line));
        } else {
            cli.out(rowFor(cli, timeline, seq));
        }
    });
    if (!s)
        return cli.fail(s.error());
    // Exit 2 as for a filter that does not parse: the filter has to change, the recording is fine.
    if (gaveUp)
        return cli.failFilter(expression.gaveUpError(*gaveUp));
    if (!json)
        cli.err(Cli::tr("%1 of %2 events shown\n").arg(shown).arg(timeline.count()));
    return (*job)->finish(cli);
}

} // namespace tapedeck
