// SPDX-License-Identifier: MIT
// tapedeck-cli info: manifest, entries with checksum status, recipe summary and the captured exception.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/common/bytesize.h"
#include "core/common/controlchars.h"
#include "core/recording/checksumsummary.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tapedeck {

namespace {

QString kindName(RecordingSource::Kind kind)
{
    switch (kind) {
    case RecordingSource::Kind::EncryptedArchive:
        return QStringLiteral("encrypted-archive");
    case RecordingSource::Kind::Archive:
        return QStringLiteral("archive");
    case RecordingSource::Kind::Directory:
        return QStringLiteral("directory");
    }
    return {};
}

QJsonObject toJson(const Recording &r)
{
    QJsonObject o = r.manifest ? r.manifest->object : QJsonObject();
    if (r.manifest) {
        if (!o.contains(QStringLiteral("files")))
            o.insert(QStringLiteral("files"), QJsonArray::fromStringList(r.manifest->files));
        o.insert(QStringLiteral("has_exception"), r.manifest->hasException);
    } else {
        o.insert(QStringLiteral("has_exception"), false);
    }
    o.insert(QStringLiteral("checksums_ok"), r.checksumsOk());
    QJsonArray entries;
    for (const EntryCheck &c : r.entries) {
        if (c.entry.isDirectory)
            continue;
        QJsonObject e { { QStringLiteral("name"), c.entry.name },
            { QStringLiteral("checksum"), Recording::checksumStateName(c.checksum) } };
        if (c.checksum != ChecksumState::Missing) {
            e.insert(QStringLiteral("size"), c.entry.size);
            e.insert(QStringLiteral("compressed_size"), c.entry.storedSize);
            e.insert(QStringLiteral("encryption"), c.entry.encryption);
            e.insert(QStringLiteral("method"), c.entry.method);
            if (!c.actual.isEmpty()) // entries Tapedeck does not use are not decoded, so not hashed
                e.insert(QStringLiteral("sha256"), c.actual);
        }
        if (!c.expected.isEmpty())
            e.insert(QStringLiteral("expected_sha256"), c.expected);
        if (!c.problem.isEmpty())
            e.insert(QStringLiteral("problem"), c.problem);
        entries.append(e);
    }
    o.insert(QStringLiteral("entries"), entries);
    o.insert(QStringLiteral("source"),
        QJsonObject { { QStringLiteral("path"), r.location }, { QStringLiteral("kind"), kindName(r.kind) } });
    if (r.recipe) {
        o.insert(QStringLiteral("recipe"),
            QJsonObject { { QStringLiteral("source_type"), r.recipe->scalar(QStringLiteral("source.type")) },
                { QStringLiteral("sink_type"), r.recipe->scalar(QStringLiteral("sink.type")) },
                { QStringLiteral("redacted"), QJsonArray::fromStringList(r.recipe->replayDummyPaths()) } });
    }
    QJsonArray problems;
    for (const Error &e : r.problems)
        problems.append(e.message);
    if (r.manifest) {
        for (const QString &w : r.manifest->warnings)
            problems.append(Cli::tr("manifest: %1").arg(w));
    }
    o.insert(QStringLiteral("problems"), problems);
    return o;
}

QString orDash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("—") : s;
}

QString describe(const Cli &cli, const Recording &r)
{
    QString text;
    QString kind;
    switch (r.kind) {
    case RecordingSource::Kind::EncryptedArchive:
        kind = Cli::tr("encrypted archive");
        break;
    case RecordingSource::Kind::Archive:
        kind = Cli::tr("unencrypted archive");
        break;
    case RecordingSource::Kind::Directory:
        kind = Cli::tr("extracted folder");
        break;
    }
    const ChecksumSummary checksums = ChecksumSummary::of(r.entries);
    const int files = checksums.present();
    // Singular and plural are separate source strings so the untranslated English reads right too.
    const QString count = files == 1 ? Cli::tr("1 file") : Cli::tr("%n files", nullptr, files);
    text += cli.paint(escapeControls(r.displayName), Cli::Colour::Bold)
        + Cli::tr(" — %1, %2").arg(kind, count) + QLatin1String("\n\n");

    if (const std::optional<Manifest> &m = r.manifest) {
        QList<QStringList> rows {
            { Cli::tr("Run ID"), orDash(m->runId) },
            { Cli::tr("Source → sink"), Cli::tr("%1 → %2").arg(orDash(m->sourceType), orDash(m->sinkType)) },
            { Cli::tr("DataHub CLI"),
                Cli::tr("%1 (Python %2)").arg(orDash(m->datahubCliVersion), orDash(m->pythonVersion)) },
            { Cli::tr("Recording start"), orDash(m->recordingStartTime) },
            { Cli::tr("Created"), orDash(m->createdAt) },
            { Cli::tr("Format"), orDash(m->formatVersion) },
        };
        for (const QString &key : m->unknownKeys())
            rows.append({ key,
                QString::fromUtf8(
                    QJsonDocument(QJsonArray { m->object.value(key) }).toJson(QJsonDocument::Compact))
                    .mid(1)
                    .chopped(1) });
        text += cli.table(rows) + QLatin1Char('\n');

        if (m->hasException) {
            const ExceptionInfo e = m->exception.value_or(ExceptionInfo {});
            text += cli.paint(Cli::tr("✖ THE RUN FAILED: %1")
                                  .arg(e.type.isEmpty() ? Cli::tr("exception") : escapeControls(e.type)),
                        Cli::Colour::Red)
                + QLatin1Char('\n');
            // A message may have several lines (Python's str(exception)): each is indented and escaped.
            if (!e.message.isEmpty()) {
                for (const QString &line :
                    escapeControls(e.message, LineBreaks::Keep).split(QLatin1Char('\n')))
                    text += QLatin1String("  ") + cli.paint(line, Cli::Colour::Red) + QLatin1Char('\n');
            }
            if (!e.traceback.isEmpty()) {
                text += QLatin1String("  ") + Cli::tr("Traceback (most recent call last):")
                    + QLatin1Char('\n');
                for (const QString &line : e.traceback.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                    text += QLatin1String("  ")
                        + cli.paint(escapeControls(line, LineBreaks::Keep), Cli::Colour::Dim)
                        + QLatin1Char('\n');
            }
            text += QLatin1Char('\n');
        }
    }

    QList<QStringList> rows { { Cli::tr("CHECKSUM"), Cli::tr("NAME"), Cli::tr("SIZE"), Cli::tr("STORED"),
        Cli::tr("METHOD"), Cli::tr("ENCRYPTION") } };
    for (const EntryCheck &c : r.entries) {
        if (c.entry.isDirectory)
            continue;
        if (c.checksum == ChecksumState::Missing) {
            rows.append({ Recording::checksumStateName(c.checksum), c.entry.name, QStringLiteral("—"),
                QStringLiteral("—"), QStringLiteral("—"), QStringLiteral("—") });
            continue;
        }
        rows.append({ Recording::checksumStateName(c.checksum), c.entry.name, formatByteSize(c.entry.size),
            formatByteSize(c.entry.storedSize), c.entry.method, c.entry.encryption });
    }
    const auto stateColour = [](const QString &state) {
        if (state == QLatin1String("ok"))
            return Cli::Colour::Green;
        if (state == QLatin1String("unlisted"))
            return Cli::Colour::Dim;
        if (state == QLatin1String("CHECKSUM"))
            return Cli::Colour::Bold;
        return Cli::Colour::Red;
    };
    text += cli.paint(Cli::tr("Entries"), Cli::Colour::Bold) + QLatin1Char('\n')
        + cli.table(rows, { stateColour });

    if (r.manifest) {
        const QString tally = checksums.allOk()
            ? Cli::tr("Checksums: all %1 listed files match the manifest.").arg(checksums.listed())
            : Cli::tr("Checksums: %1 of %2 listed files match the manifest.")
                  .arg(checksums.ok)
                  .arg(checksums.listed());
        text += QLatin1Char('\n')
            + cli.paint(tally, checksums.allOk() ? Cli::Colour::Green : Cli::Colour::Red) + QLatin1Char('\n');
    }
    if (r.recipe) {
        const QStringList redacted = r.recipe->replayDummyPaths();
        const QString secrets = redacted.size() == 1
            ? Cli::tr("1 secret redacted by DataHub")
            : Cli::tr("%n secrets redacted by DataHub", nullptr, int(redacted.size()));
        text += Cli::tr("Recipe: %1 → %2; %3")
                    .arg(escapeControls(orDash(r.recipe->scalar(QStringLiteral("source.type")))),
                        escapeControls(orDash(r.recipe->scalar(QStringLiteral("sink.type")))), secrets);
        if (!redacted.isEmpty())
            text += QLatin1String(": ") + escapeControls(redacted.join(QLatin1String(", ")));
        text += QLatin1Char('\n');
    }
    if (r.manifest) {
        for (const QString &w : r.manifest->warnings)
            text += cli.paint(Cli::tr("Warning: manifest: %1").arg(escapeControls(w)), Cli::Colour::Yellow)
                + QLatin1Char('\n');
    }
    if (!r.problems.isEmpty()) {
        text += QLatin1Char('\n') + cli.paint(Cli::tr("Problems"), Cli::Colour::Red) + QLatin1Char('\n');
        for (const Error &e : r.problems)
            text += QLatin1String("  ") + escapeControls(e.message) + QLatin1Char('\n');
    }
    return text;
}

} // namespace

int runInfo(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Show a recording's manifest, entries with checksum status, recipe and captured exception."));
    parser.addPositionalArgument(QStringLiteral("source"),
        Cli::tr("A recording archive or an extracted recording folder."),
        QStringLiteral("info <archive|dir>"));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print machine-readable JSON."));
    parser.addOption(json);
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    Cli::addLimitOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("info needs exactly one recording"));
    const Result<ExtractionLimits> limits = Cli::limits(parser);
    if (!limits)
        return cli.usage(limits.error().message);

    const Result<QString> local = cli.localSource(parser.positionalArguments().constFirst(), Cli::s3Options(parser));
    if (!local)
        return cli.fail(local.error());
    auto source = cli.openUnlocked(*local, Cli::passwordOptions(parser));
    if (!source)
        return cli.fail(source.error());
    const Result<Recording> recording = Recording::load(**source, *limits);
    if (!recording)
        return cli.fail(recording.error());

    if (parser.isSet(json))
        cli.out(QString::fromUtf8(QJsonDocument(toJson(*recording)).toJson(QJsonDocument::Indented)));
    else
        cli.out(describe(cli, *recording));
    if (const std::optional<Error> problem = recording->mainProblem())
        return cli.fail(*problem);
    return 0;
}

} // namespace tapedeck
