// SPDX-License-Identifier: MIT
// What `list` and `search` share: the catalog's query options and how found recordings are printed.
#pragma once

#include "core/common/result.h"
#include "core/storage/catalog.h"

#include <QCommandLineParser>

#include <memory>

namespace tapedeck {

class Cli;

namespace CatalogOptions {

// --source, --since, --until, --failed, --where (repeatable), --text, --limit, --sort, --json, --catalog.
void add(QCommandLineParser &parser);
// The query those options describe; a Usage error for a bad date, KEY=VALUE or number.
Result<CatalogQuery> query(const QCommandLineParser &parser);
// The catalog named by --catalog, TAPEDECK_CATALOG, or the default path.
Result<std::unique_ptr<Catalog>> open(const QCommandLineParser &parser);
// The catalog's name for a location given on the command line: a folder's absolute clean path, or an S3
// prefix, where "s3://bucket/runs" means the prefix "runs/" (a key is never a folder: the slash is implied).
Result<QString> container(const QString &argument);
// A table (or --json) of the entries; locations under container are shown relative to it.
void print(const Cli &cli, const QCommandLineParser &parser, const QList<CatalogEntry> &entries,
    const QString &container);

} // namespace CatalogOptions

} // namespace tapedeck
