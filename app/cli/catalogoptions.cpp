// SPDX-License-Identifier: MIT
// The catalog's command-line options and output.
#include "app/cli/catalogoptions.h"

#include "app/cli/cli.h"
#include "core/common/bytesize.h"
#include "core/storage/datebound.h"
#include "core/storage/s3location.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tapedeck::CatalogOptions {

namespace {

const QString SourceOption = QStringLiteral("source");
const QString SinceOption = QStringLiteral("since");
const QString UntilOption = QStringLiteral("until");
const QString FailedOption = QStringLiteral("failed");
const QString WhereOption = QStringLiteral("where");
const QString TextOption = QStringLiteral("text");
const QString LimitOption = QStringLiteral("limit");
const QString SortOption = QStringLiteral("sort");
const QString JsonOption = QStringLiteral("json");
const QString CatalogOption = QStringLiteral("catalog");

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QString stateText(const CatalogEntry &e)
{
    switch (e.state) {
    case CatalogEntry::State::Ok:
        return e.failed ? Cli::tr("FAILED") : Cli::tr("ok");
    case CatalogEntry::State::Locked:
        return Cli::tr("locked");
    case CatalogEntry::State::WrongPassword:
        return Cli::tr("wrong password");
    case CatalogEntry::State::Unreadable:
        break;
    }
    return Cli::tr("unreadable");
}

QString stateName(CatalogEntry::State state)
{
    switch (state) {
    case CatalogEntry::State::Ok:
        return QStringLiteral("ok");
    case CatalogEntry::State::Locked:
        return QStringLiteral("locked");
    case CatalogEntry::State::WrongPassword:
        return QStringLiteral("wrong_password");
    case CatalogEntry::State::Unreadable:
        break;
    }
    return QStringLiteral("unreadable");
}

} // namespace

void add(QCommandLineParser &parser)
{
    parser.addOptions({
        { SourceOption, Cli::tr("Only recordings of this source type (e.g. looker, snowflake)."), Cli::tr("type") },
        { SinceOption,
            Cli::tr("Only recordings created at or after <date>: 2026-11-30, 2026-11-30T14:05 (UTC unless it "
                    "ends in Z or +hh:mm), or an age such as 36h, 7d, 2w."),
            Cli::tr("date") },
        { UntilOption, Cli::tr("Only recordings created at or before <date> (a day counts whole)."),
            Cli::tr("date") },
        { FailedOption, Cli::tr("Only recordings of failed runs (the manifest has an exception).") },
        { WhereOption,
            Cli::tr("Only recordings whose manifest or recipe field KEY equals VALUE (* matches any text); "
                    "recipe fields are named recipe.source.config.…; repeatable, all must hold."),
            Cli::tr("key=value") },
        { TextOption,
            Cli::tr("Only recordings whose run id, location, source, sink, exception or fields contain <text>."),
            Cli::tr("text") },
        { LimitOption, Cli::tr("At most <n> recordings."), Cli::tr("n") },
        { SortOption, Cli::tr("newest (default), oldest, location or size."), Cli::tr("order") },
        { JsonOption, Cli::tr("Print machine-readable JSON.") },
        { CatalogOption,
            Cli::tr("The catalog file (default $TAPEDECK_CATALOG, else $XDG_DATA_HOME/tapedeck/catalog.sqlite)."),
            Cli::tr("file") },
    });
}

Result<CatalogQuery> query(const QCommandLineParser &parser)
{
    CatalogQuery q;
    q.source = parser.value(SourceOption);
    q.failedOnly = parser.isSet(FailedOption);
    q.text = parser.value(TextOption);
    if (parser.isSet(SinceOption)) {
        const Result<QDateTime> since = DateBound::parse(parser.value(SinceOption), DateBound::Side::Since);
        if (!since)
            return makeError(ErrorCode::Usage, QStringLiteral("--since: ") + since.error().message);
        q.since = *since;
    }
    if (parser.isSet(UntilOption)) {
        const Result<QDateTime> until = DateBound::parse(parser.value(UntilOption), DateBound::Side::Until);
        if (!until)
            return makeError(ErrorCode::Usage, QStringLiteral("--until: ") + until.error().message);
        q.until = *until;
    }
    for (const QString &where : parser.values(WhereOption)) {
        const qsizetype eq = where.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return makeError(ErrorCode::Usage, Cli::tr("--where takes KEY=VALUE, not \"%1\"").arg(where));
        q.where.append({ where.left(eq).trimmed(), where.mid(eq + 1) });
    }
    if (parser.isSet(LimitOption)) {
        const std::optional<qint64> n = Cli::parseCount(parser.value(LimitOption));
        if (!n || *n < 1 || *n > std::numeric_limits<int>::max())
            return makeError(ErrorCode::Usage, Cli::tr("--limit takes a positive number"));
        q.limit = int(*n);
    }
    const QString sort = parser.value(SortOption);
    if (sort.isEmpty() || sort == QLatin1String("newest"))
        q.order = CatalogQuery::Order::CreatedDesc;
    else if (sort == QLatin1String("oldest"))
        q.order = CatalogQuery::Order::CreatedAsc;
    else if (sort == QLatin1String("location"))
        q.order = CatalogQuery::Order::Location;
    else if (sort == QLatin1String("size"))
        q.order = CatalogQuery::Order::Size;
    else
        return makeError(ErrorCode::Usage, Cli::tr("--sort takes newest, oldest, location or size"));
    return q;
}

Result<std::unique_ptr<Catalog>> open(const QCommandLineParser &parser)
{
    QString path = parser.value(CatalogOption);
    if (path.isEmpty())
        path = qEnvironmentVariable("TAPEDECK_CATALOG");
    if (path.isEmpty())
        path = Catalog::defaultPath();
    return Catalog::open(path);
}

Result<QString> container(const QString &argument)
{
    if (!S3Location::isS3Url(argument))
        return Catalog::containerUrl(QFileInfo(argument).absoluteFilePath());
    const Result<S3Location> s3 = S3Location::parse(argument);
    if (!s3)
        return s3.error();
    S3Location prefix = *s3;
    if (!prefix.isPrefix())
        prefix.key += QLatin1Char('/');
    return Catalog::containerUrl(prefix.toString());
}

void print(const Cli &cli, const QCommandLineParser &parser, const QList<CatalogEntry> &entries,
    const QString &container)
{
    if (parser.isSet(JsonOption)) {
        QJsonArray array;
        for (const CatalogEntry &e : entries) {
            const bool read = e.state == CatalogEntry::State::Ok;
            // The keys `list --json` printed before the catalog existed keep their names and meaning.
            QJsonObject o { { QStringLiteral("path"), e.location },
                { QStringLiteral("run_id"), textOrNull(e.runId) },
                { QStringLiteral("source_type"), textOrNull(e.sourceType) },
                { QStringLiteral("sink_type"), textOrNull(e.sinkType) },
                // created_at as the manifest writes it (Python's isoformat), as before the catalog.
                { QStringLiteral("created_at"),
                    e.fields.contains(QStringLiteral("created_at"))
                        ? QJsonValue(e.fields.value(QStringLiteral("created_at")))
                        : e.created.isValid() ? QJsonValue(e.created.toString(Qt::ISODateWithMs))
                                              : QJsonValue() },
                { QStringLiteral("has_exception"), read ? QJsonValue(e.failed) : QJsonValue() },
                { QStringLiteral("exception_type"), textOrNull(e.exceptionType) },
                { QStringLiteral("exception_message"), textOrNull(e.exceptionMessage) },
                { QStringLiteral("encrypted"), e.encrypted }, { QStringLiteral("directory"), e.isDirectory },
                { QStringLiteral("size"), e.size }, { QStringLiteral("manifest_read"), read },
                { QStringLiteral("state"), stateName(e.state) }, { QStringLiteral("etag"), textOrNull(e.etag) },
                { QStringLiteral("modified"),
                    e.modified.isValid() ? QJsonValue(e.modified.toString(Qt::ISODate)) : QJsonValue() },
                { QStringLiteral("listed_under"), e.container } };
            if (!e.problem.isEmpty())
                o.insert(QStringLiteral("problem"), e.problem);
            if (!e.warning.isEmpty())
                o.insert(QStringLiteral("warning"), e.warning);
            QJsonObject fields;
            for (auto it = e.fields.cbegin(); it != e.fields.cend(); ++it)
                fields.insert(it.key(), it.value());
            o.insert(QStringLiteral("fields"), fields);
            array.append(o);
        }
        cli.out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return;
    }
    if (entries.isEmpty()) {
        cli.out(container.isEmpty() ? Cli::tr("No recordings match.\n")
                                    : Cli::tr("No recordings match in %1.\n").arg(container));
        return;
    }
    const QString base = container.endsWith(QLatin1Char('/')) ? container : container + QLatin1Char('/');
    QList<QStringList> rows { { Cli::tr("RUN ID"), Cli::tr("SOURCE → SINK"), Cli::tr("CREATED"), Cli::tr("STATUS"),
        Cli::tr("SIZE"), Cli::tr("RECORDING") } };
    const QString dash = QStringLiteral("—");
    for (const CatalogEntry &e : entries) {
        QString flow = e.sourceType.isEmpty() ? dash : e.sourceType;
        if (!e.sinkType.isEmpty())
            flow += QStringLiteral(" → ") + e.sinkType;
        const QString where
            = !container.isEmpty() && e.location.startsWith(base) ? e.location.mid(base.size()) : e.location;
        // created_at as the manifest writes it, as `list` printed it before the catalog.
        QString created = e.fields.value(QStringLiteral("created_at"));
        if (created.isEmpty())
            created = e.created.isValid() ? e.created.toString(Qt::ISODate) : dash;
        rows.append({ e.runId.isEmpty() ? dash : e.runId, flow, created, stateText(e),
            e.isDirectory ? Cli::tr("folder") : formatByteSize(e.size), where });
    }
    cli.out(cli.table(rows,
        { {}, {}, {},
            [](const QString &status) {
                if (status == Cli::tr("FAILED") || status == Cli::tr("unreadable")
                    || status == Cli::tr("wrong password"))
                    return Cli::Colour::Red;
                return status == Cli::tr("ok") ? Cli::Colour::Green : Cli::Colour::None;
            } },
        0));
    // Printed only (the listing itself succeeded), as errors are: one line naming the recording.
    for (const CatalogEntry &e : entries) {
        const QString message = e.state == CatalogEntry::State::Unreadable ? e.problem : e.warning;
        if (message.isEmpty())
            continue;
        const QString name = e.location.section(QLatin1Char('/'), -1);
        cli.fail(makeError(ErrorCode::InvalidInput,
            message.contains(name) ? message : e.location + QStringLiteral(": ") + message));
    }
}

} // namespace tapedeck::CatalogOptions
