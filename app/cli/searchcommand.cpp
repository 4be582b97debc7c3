// SPDX-License-Identifier: MIT
// tapedeck-cli search: the recording catalog filled by `list` (and the desktop app's Recordings window),
// searched without listing any folder or bucket again.
#include "app/cli/catalogoptions.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"

namespace tapedeck {

int runSearch(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Search the recording catalog that `list` fills, without listing again: by source type, "
                "creation date, failure, manifest or recipe fields and text. Newest first."));
    parser.addPositionalArgument(QStringLiteral("location"),
        Cli::tr("Only recordings listed under this folder or S3 prefix (optional)."),
        QStringLiteral("search [<dir>|s3://bucket/prefix/]"));
    CatalogOptions::add(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() > 1)
        return cli.usage(Cli::tr("search takes at most one folder or S3 prefix"));
    Result<CatalogQuery> query = CatalogOptions::query(parser);
    if (!query)
        return cli.fail(query.error());
    QString container = parser.positionalArguments().value(0);
    if (!container.isEmpty()) {
        const Result<QString> normalized = CatalogOptions::container(container);
        if (!normalized)
            return cli.fail(normalized.error());
        container = *normalized;
        query->container = container;
    }
    Result<std::unique_ptr<Catalog>> catalog = CatalogOptions::open(parser);
    if (!catalog)
        return cli.fail(catalog.error());
    const Result<QList<CatalogEntry>> entries = (*catalog)->search(*query);
    if (!entries)
        return cli.fail(entries.error());
    CatalogOptions::print(cli, parser, *entries, container);
    return 0;
}

} // namespace tapedeck
