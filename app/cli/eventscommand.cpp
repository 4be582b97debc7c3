// SPDX-License-Identifier: MIT
// tapedeck-cli events: the timeline of a recording, filtered, as a table or JSON lines, printed while
// indexing.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/common/bytesize.h"
#include "core/recording/filterexpression.h"
#include "core/recording/timelinesubject.h"
#include "app/cli/timelinejob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tapedeck {

namespace {

QString oneLine(QStringView text, qsizetype limit)
{
    QString s = text.toString().simplified();
    if (s.size() > limit)
        s = s.left(limit - 1) + QChar(0x2026);
    return s;
}

QJsonObject jsonFor(const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    QJsonObject o { { QStringLiteral("seq"), seq },
        { QStringLiteral("kind"), QString(eventKindName(r.kind)) },
        { QStringLiteral("lane"), qint64(r.lane) },
        { QStringLiteral("has_error"), bool(r.flags & ErrorFlag) },
        { QStringLiteral("has_warning"), bool(r.flags & WarningFlag) } };
    switch (r.kind) {
    case EventKind::Http:
        o.insert(QStringLiteral("method"), t.field(seq, EventField::Method).toString());
        o.insert(QStringLiteral("uri"), t.field(seq, EventField::Uri).toString());
        o.insert(QStringLiteral("status"), r.number);
        o.insert(QStringLiteral("request_size"), qint64(r.sizeA));
        o.insert(QStringLiteral("response_size"), qint64(r.sizeB));
        o.insert(QStringLiteral("content_type"), t.field(seq, EventField::ContentType).toString());
        o.insert(QStringLiteral("mcps"), qint64(r.related));
        break;
    case EventKind::Sql: {
        o.insert(QStringLiteral("query"), t.field(seq, EventField::Query).toString());
        o.insert(QStringLiteral("row_count"), (r.flags & NoNumberFlag) ? QJsonValue() : QJsonValue(r.number));
        const QStringView error = t.field(seq, EventField::SqlError);
        o.insert(
            QStringLiteral("error"), (r.flags & ErrorFlag) ? QJsonValue(error.toString()) : QJsonValue());
        break;
    }
    case EventKind::Mcp:
        o.insert(QStringLiteral("entity_type"), t.field(seq, EventField::EntityType).toString());
        o.insert(QStringLiteral("entity_urn"), t.field(seq, EventField::EntityUrn).toString());
        o.insert(QStringLiteral("aspect_name"), t.field(seq, EventField::AspectName).toString());
        o.insert(QStringLiteral("change_type"), t.field(seq, EventField::ChangeType).toString());
        o.insert(QStringLiteral("carrier_seq"),
            r.related == EventRecord::NoCarrier ? QJsonValue() : QJsonValue(qint64(r.related)));
        break;
    }
    const QStringView message = t.field(seq,
        r.kind == EventKind::Http      ? EventField::HttpMessage
            : r.kind == EventKind::Sql ? EventField::SqlError
                                       : EventField::McpMessage);
    if (!message.isEmpty())
        o.insert(QStringLiteral("message"), message.toString());
    return o;
}

QString rowFor(const Cli &cli, const Timeline &t, qsizetype seq)
{
    const EventRecord &r = t.record(seq);
    QString what;
    QString result;
    QString target;
    switch (r.kind) {
    case EventKind::Http:
        what = t.field(seq, EventField::Method).toString();
        result = QString::number(r.number);
        target = t.field(seq, EventField::Uri).toString() + QLatin1String("  ") + formatByteSize(r.sizeB);
        if (r.related == 1)
            target += Cli::tr("  (1 MCP)");
        else if (r.related > 1)
            target += Cli::tr("  (%1 MCPs)").arg(r.related);
        break;
    case EventKind::Sql: {
        const QString query = t.field(seq, EventField::Query).toString().simplified();
        what = query.section(QLatin1Char(' '), 0, 0).toUpper();
        result = (r.flags & ErrorFlag) ? Cli::tr("error")
            : (r.flags & NoNumberFlag) ? QString()
            : r.number == 1            ? Cli::tr("1 row")
                                       : Cli::tr("%1 rows").arg(r.number);
        target = oneLine(query, 160);
        break;
    }
    case EventKind::Mcp:
        what = t.field(seq, EventField::ChangeType).toString();
        result = t.field(seq, EventField::AspectName).toString();
        target = t.field(seq, EventField::EntityUrn).toString();
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
        return cli.fail(parsedFilter.error()); // a Usage error, printed with its caret line
    const FilterExpression expression = std::move(parsedFilter).value();

    auto job = TimelineJob::start(
        cli, parser.positionalArguments().constFirst(), Cli::passwordOptions(parser), *limits);
    if (!job)
        return cli.fail(job.error());
    const Timeline &timeline = (*job)->timeline();
    TimelineSubject subject(timeline);
    const bool json = parser.isSet(jsonl);
    qsizetype shown = 0;
    const Status s = (*job)->follow([&](qsizetype seq) {
        subject.setRow(seq);
        if (!expression.isEmpty() && !expression.matches(subject))
            return;
        ++shown;
        cli.out(json ? QString::fromUtf8(QJsonDocument(jsonFor(timeline, seq)).toJson(QJsonDocument::Compact))
                    + QLatin1Char('\n')
                     : rowFor(cli, timeline, seq));
    });
    if (!s)
        return cli.fail(s.error());
    if (!json)
        cli.err(Cli::tr("%1 of %2 events shown\n").arg(shown).arg(timeline.count()));
    return (*job)->finish(cli);
}

} // namespace tapedeck
