// SPDX-License-Identifier: MIT
// The recording catalog (DESIGN.md §8): SQLite through Qt Sql at $XDG_DATA_HOME/tapedeck/catalog.sqlite,
// one row per recording seen in a folder or under an S3 prefix, filled by listing them (re-listing reads
// only what changed, by ETag or mtime) and searched without listing again.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/storage/awsconfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QStringList>

#include <memory>
#include <optional>

class QSqlError;

namespace tapedeck {

// Where recordings are listed from: a local folder or an S3 prefix with how to reach it. Saved by the GUI
// (profile by name only: never a secret).
struct CatalogLocation
{
    QString url; // an absolute folder path, or s3://bucket/prefix/
    S3Options s3; // profile, region, endpoint for S3 locations
};

struct CatalogEntry
{
    qint64 id = 0;
    QString container; // the CatalogLocation url it was listed under
    QString location; // absolute file/folder path, or s3://bucket/key
    qint64 size = 0;
    QString etag; // S3 ETag, or for files the mtime in ms since the epoch and the size ("m<ms>-<size>")
    QDateTime modified; // S3 LastModified or file mtime (UTC)
    enum class State { Ok, Locked, WrongPassword, Unreadable } state = State::Unreadable;
    QString problem; // why the manifest could not be read
    QString warning; // the manifest was read but recipe.yaml could not be (its fields are missing)
    bool encrypted = false;
    bool isDirectory = false; // an extracted recording folder
    QString runId;
    QString sourceType;
    QString sinkType;
    QDateTime created; // manifest created_at (UTC); invalid when unknown
    bool failed = false; // the manifest has exception_info
    QString exceptionType;
    QString exceptionMessage;
    // Scalar manifest fields under their names ("datahub_cli_version") and recipe fields under "recipe."
    // dotted paths ("recipe.source.config.host_port"); what --where and text search look at.
    QMap<QString, QString> fields;
    QDateTime listed; // when the catalog last saw it
};

struct CatalogQuery
{
    QString container; // only recordings listed under this location (empty: all)
    QString source; // source_type, case-insensitive exact
    QDateTime since; // created at or after
    QDateTime until; // created before or at
    bool failedOnly = false;
    QList<QPair<QString, QString>> where; // field = value, all must hold ("*" globs in the value)
    QString text; // substring of run id, location, source, sink, exception or any field
    int limit = 0; // 0 = no limit
    // Newest first by created (then location) unless another column is asked for.
    enum class Order { CreatedDesc, CreatedAsc, Location, Size } order = Order::CreatedDesc;
};

struct CatalogRefreshStats
{
    int listed = 0; // recordings found in the location
    int read = 0; // new or changed: summary read
    int unchanged = 0; // same ETag/mtime: nothing read
    int removed = 0; // gone from the location: removed from the catalog
    qint64 bytesRead = 0; // bytes fetched to read summaries (ranged reads; 0 for local files)
    int requests = 0; // ranged reads (GETs) they took
    QStringList readLocations; // the recordings read, in listing order
    QStringList removedLocations;
};

class Catalog
{
    Q_DECLARE_TR_FUNCTIONS(Catalog)

public:
    // $XDG_DATA_HOME (or ~/.local/share) + /tapedeck/catalog.sqlite
    static QString defaultPath();
    // Opens (creating, 0600, in a 0700 folder) the catalog; a file that is not a catalog is an InvalidInput
    // error, never overwritten. The catalog belongs to the calling thread.
    static Result<std::unique_ptr<Catalog>> open(const QString &path = defaultPath());
    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    // Lists the location and brings its rows up to date: new or changed recordings get their summary read
    // (S3: by ranged reads of the archive's end and of manifest.json and recipe.yaml alone, several at once);
    // unchanged ones are not read; vanished ones are removed. The password (if any) opens encrypted
    // manifests; without it they are recorded as locked and read again once one is given.
    // progress counts recordings.
    Result<CatalogRefreshStats> refresh(const CatalogLocation &location,
        const std::optional<QString> &password, ProgressReporter *progress = nullptr);

    Result<QList<CatalogEntry>> search(const CatalogQuery &query) const;
    Result<std::optional<CatalogEntry>> find(const QString &location) const;
    // The locations refreshed so far, with when.
    Result<QList<QPair<QString, QDateTime>>> containers() const;

    const QString &path() const { return m_path; }
    // How a location is keyed (CatalogEntry::container, CatalogQuery::container): an absolute clean folder
    // path, or s3://bucket/prefix/ ending in '/'. A Usage error for an S3 address that is not one.
    static Result<QString> containerUrl(const QString &url);
    // Summaries read at once when refreshing: local folders, S3 prefixes (one S3 client per reader).
    static constexpr int LocalReaders = 4;
    static constexpr int S3Readers = 8;

private:
    Catalog() = default;
    // A damaged file (SQLite's CORRUPT, NOTADB) is InvalidInput; anything else Io.
    Error databaseError(const QSqlError &error, bool writing) const;
    QString m_connection; // the QSqlDatabase connection name
    QString m_path;
};

} // namespace tapedeck
