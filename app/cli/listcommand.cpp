// SPDX-License-Identifier: MIT
// tapedeck-cli list: the recordings in a folder or under an S3 prefix, brought into the catalog and shown
// with run id, source and sink, creation time and failure, filtered like `search`.
#include "app/cli/catalogoptions.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/downloadprogress.h"
#include "core/common/controlchars.h"
#include "core/storage/s3location.h"

#include <QDir>
#include <QFileInfo>

namespace tapedeck {

int runList(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("List the recordings in a folder or under an S3 prefix (default: $INGESTION_ARTIFACT_DIR) and "
                "record them in the catalog that `search` reads. Only new or changed recordings are read "
                "(by ETag or modification time); from S3, a recording's manifest is read by ranged reads "
                "without downloading the archive. Encrypted manifests are read with the usual password "
                "sources; without a password, archives are listed as locked."));
    parser.addPositionalArgument(QStringLiteral("location"), Cli::tr("A folder, or s3://bucket/prefix/."),
        QStringLiteral("list [<dir>|s3://bucket/prefix/]"));
    CatalogOptions::add(parser);
    Cli::addPasswordOptions(parser);
    Cli::addS3Options(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() > 1)
        return cli.usage(Cli::tr("list takes at most one folder or S3 prefix"));
    QString where = parser.positionalArguments().value(0);
    if (where.isEmpty())
        where = qEnvironmentVariable("INGESTION_ARTIFACT_DIR");
    if (where.isEmpty())
        return cli.usage(Cli::tr("give a folder or an S3 prefix, or set INGESTION_ARTIFACT_DIR"));
    Result<CatalogQuery> query = CatalogOptions::query(parser);
    if (!query)
        return cli.fail(query.error());

    CatalogLocation location;
    location.s3 = Cli::s3Options(parser);
    if (!S3Location::isS3Url(where)) {
        const QFileInfo info(where);
        if (!info.exists())
            return cli.fail(makeError(ErrorCode::Io, Cli::tr("%1 does not exist").arg(escapeControls(where))));
        if (!info.isDir())
            return cli.fail(makeError(ErrorCode::Io, Cli::tr("%1 is not a folder").arg(escapeControls(where))));
    }
    const Result<QString> container = CatalogOptions::container(where);
    if (!container)
        return cli.fail(container.error());
    location.url = *container;

    // Listing never prompts: one password (if any source is set) is tried on every archive.
    const auto password = PasswordSources::resolve(Cli::passwordOptions(parser));
    if (!password)
        return cli.fail(password.error());
    const std::optional<QString> pw = *password ? std::optional<QString>((*password)->password) : std::nullopt;

    Result<std::unique_ptr<Catalog>> catalog = CatalogOptions::open(parser);
    if (!catalog)
        return cli.fail(catalog.error());
    DownloadProgress progress(cli, Cli::tr("Listing %1").arg(location.url));
    const Result<CatalogRefreshStats> stats = (*catalog)->refresh(location, pw, &progress);
    progress.clear();
    if (!stats) {
        if (stats.error().code == ErrorCode::Cancelled)
            return progress.exitCode(int(ErrorCode::Cancelled));
        return cli.fail(stats.error());
    }
    query->container = location.url;
    const Result<QList<CatalogEntry>> entries = (*catalog)->search(*query);
    if (!entries)
        return cli.fail(entries.error());
    CatalogOptions::print(cli, parser, *entries, location.url);
    return 0;
}

} // namespace tapedeck
