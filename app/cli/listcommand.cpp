// SPDX-License-Identifier: MIT
// tapedeck-cli list: the recordings in a folder with run id, source type, creation time and failure flag.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/common/bytesize.h"
#include "core/common/controlchars.h"
#include "core/recording/recordinglist.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tapedeck {

int runList(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("List the recordings in a folder (default: $INGESTION_ARTIFACT_DIR). Encrypted "
                "manifests are read with the usual password sources; without a password, "
                "archives are listed as locked."));
    parser.addPositionalArgument(
        QStringLiteral("dir"), Cli::tr("The folder to list."), QStringLiteral("list [<dir>]"));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print machine-readable JSON."));
    parser.addOption(json);
    Cli::addPasswordOptions(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() > 1)
        return cli.usage(Cli::tr("list takes at most one folder"));
    QString folder = parser.positionalArguments().value(0);
    if (folder.isEmpty())
        folder = qEnvironmentVariable("INGESTION_ARTIFACT_DIR");
    if (folder.isEmpty())
        return cli.usage(Cli::tr("give a folder or set INGESTION_ARTIFACT_DIR"));

    // Listing never prompts: one password (if any source is set) is tried on every archive.
    const auto password = PasswordSources::resolve(Cli::passwordOptions(parser));
    if (!password)
        return cli.fail(password.error());
    const std::optional<QString> pw
        = *password ? std::optional<QString>((*password)->password) : std::nullopt;
    const Result<QList<RecordingSummary>> list = RecordingList::scan(folder, pw);
    if (!list)
        return cli.fail(list.error());

    if (parser.isSet(json)) {
        QJsonArray array;
        for (const RecordingSummary &s : *list) {
            QJsonObject o { { QStringLiteral("path"), s.path },
                { QStringLiteral("run_id"), s.runId.isEmpty() ? QJsonValue() : QJsonValue(s.runId) },
                { QStringLiteral("source_type"),
                    s.sourceType.isEmpty() ? QJsonValue() : QJsonValue(s.sourceType) },
                { QStringLiteral("created_at"),
                    s.createdAt.isEmpty() ? QJsonValue() : QJsonValue(s.createdAt) },
                { QStringLiteral("has_exception"),
                    s.manifestRead ? QJsonValue(s.hasException) : QJsonValue() },
                { QStringLiteral("encrypted"),
                    s.archiveOpened || s.isDirectory ? QJsonValue(s.encrypted) : QJsonValue() },
                { QStringLiteral("directory"), s.isDirectory }, { QStringLiteral("size"), s.size },
                { QStringLiteral("manifest_read"), s.manifestRead } };
            if (s.problem)
                o.insert(QStringLiteral("problem"), s.problem->message);
            array.append(o);
        }
        cli.out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return 0;
    }
    if (list->isEmpty()) {
        cli.out(Cli::tr("No recordings in %1.\n").arg(escapeControls(QDir(folder).absolutePath())));
        return 0;
    }
    QList<QStringList> rows { { Cli::tr("RUN ID"), Cli::tr("SOURCE"), Cli::tr("CREATED"), Cli::tr("STATUS"),
        Cli::tr("SIZE"), Cli::tr("FILE") } };
    for (const RecordingSummary &s : *list) {
        QString status;
        if (s.manifestRead)
            status = s.hasException ? Cli::tr("FAILED") : Cli::tr("ok");
        else if (s.problem && s.problem->code == ErrorCode::Password)
            status = pw ? Cli::tr("wrong password") : Cli::tr("locked");
        else
            status = Cli::tr("unreadable");
        rows.append({ s.runId.isEmpty() ? QStringLiteral("—") : s.runId,
            s.sourceType.isEmpty() ? QStringLiteral("—") : s.sourceType,
            s.createdAt.isEmpty() ? QStringLiteral("—") : s.createdAt, status,
            s.isDirectory ? Cli::tr("folder") : formatByteSize(s.size), QFileInfo(s.path).fileName() });
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
    for (const RecordingSummary &s : *list) {
        if (s.problem && s.problem->code != ErrorCode::Password)
            cli.fail(*s.problem); // printed only (messages name their file): the listing itself succeeded
    }
    return 0;
}

} // namespace tapedeck
