// SPDX-License-Identifier: MIT
// The download cache under $XDG_CACHE_HOME/tapedeck/s3/ (DESIGN.md §8): files keyed by endpoint, bucket,
// key and ETag, 0600 in a 0700 folder, capped in size (least recently used first out). Holds archives as
// S3 stores them (encrypted); nothing decrypted is ever put here.
#pragma once

#include "core/common/result.h"
#include "core/storage/s3client.h"

#include <QCoreApplication>
#include <QString>

namespace tapedeck {

class S3Cache
{
    Q_DECLARE_TR_FUNCTIONS(S3Cache)

public:
    // The default folder ($XDG_CACHE_HOME or ~/.cache, then tapedeck/s3) and cap (TAPEDECK_S3_CACHE_MAX
    // in bytes, with K/M/G suffixes; 10 GiB otherwise).
    S3Cache();
    S3Cache(QString folder, qint64 maxBytes);

    const QString &folder() const { return m_folder; }
    qint64 maxBytes() const { return m_maxBytes; }
    // Why the environment's TAPEDECK_S3_CACHE_MAX was not used; empty when it was, or was not set.
    const QString &warning() const { return m_warning; }

    // The complete file for this object version, when cached (its use time is refreshed).
    QString lookup(const QUrl &endpoint, const S3Location &location, const S3Object &object) const;
    // Where a download of this object puts its data while incomplete (".part", resumable; one per object,
    // whatever the version: its state, ".part.state", names the version) and where this version ends up
    // when complete.
    QString partialPath(const QUrl &endpoint, const S3Location &location, const S3Object &object) const;
    QString finalPath(const QUrl &endpoint, const S3Location &location, const S3Object &object) const;
    // Creates the folder (0700) when missing; refuses a folder that is a symlink or not the user's own.
    Status prepare() const;
    // Removes the least recently used complete files until they come to at most maxBytes less `incoming`,
    // and partial downloads untouched for a week (partial downloads do not count against the cap). Never
    // removes `keep` (a complete file's path; counted).
    void evict(qint64 incoming, const QString &keep = {}) const;

    // The file name of an object version: the hex SHA-256 of "endpoint|bucket|key|etag", then '-' and the
    // key's file name reduced to [A-Za-z0-9._-] (at most 64 characters of its end).
    static QString baseName(const QUrl &endpoint, const S3Location &location, const S3Object &object);
    // The key's file name reduced to [A-Za-z0-9._-], no leading dots, at most its last 64 characters.
    static QString readableName(const S3Location &location);

private:
    QString m_folder;
    qint64 m_maxBytes = 0;
    QString m_warning;
};

} // namespace tapedeck
