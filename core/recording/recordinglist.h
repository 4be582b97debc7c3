// SPDX-License-Identifier: MIT
// Finds the recordings in a folder (archives and extracted folders) and reads each one's summary: the
// manifest and the recipe, decrypted in memory only.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfoList>
#include <QList>
#include <QMap>

#include <optional>

namespace tapedeck {

class ZipArchive;

struct RecordingSummary
{
    QString path; // an absolute file or folder path, or s3://bucket/key
    qint64 size = 0;
    QDateTime modified;
    bool isDirectory = false;
    bool archiveOpened = false; // the ZIP directory could be read, so "encrypted" is known
    bool encrypted = false;
    bool manifestRead = false;
    QString runId;
    QString sourceType;
    QString sinkType;
    QString createdAt; // as the manifest writes it
    bool hasException = false;
    QString exceptionType;
    QString exceptionMessage;
    // Scalar manifest fields under their names ("datahub_cli_version", "exception_info.type"; not the
    // checksum table) and recipe scalars under "recipe." and their dotted path
    // ("recipe.source.config.host_port", "recipe.transformers[0].type"). Values longer than
    // MaxFieldLength are cut there; at most MaxFields fields are kept.
    QMap<QString, QString> fields;
    bool recipeRead = false;
    std::optional<Error> problem; // why the manifest could not be read (locked, damaged, …)
    std::optional<Error> recipeProblem; // why recipe.yaml could not be read (absent is no problem)

    static constexpr qsizetype MaxFieldLength = 4096;
    static constexpr qsizetype MaxFields = 2000;

    // created_at as a UTC time; invalid when absent or not ISO 8601.
    QDateTime created() const;
};

class RecordingList
{
    Q_DECLARE_TR_FUNCTIONS(RecordingList)

public:
    // Every *.zip file and every sub-folder holding a manifest.json, newest first. The password (if any)
    // opens encrypted archives; without it they are listed as locked with what their file name tells.
    static Result<QList<RecordingSummary>> scan(
        const QString &folder, const std::optional<QString> &password);

    // What scan lists in folder, unsorted and unread: *.zip entries (whatever kind of file: reading one
    // that is not a regular file reports it) and sub-folders holding a manifest.json.
    static Result<QFileInfoList> find(const QString &folder);
    // The summary of one recording scan would list (a *.zip file or an extracted folder).
    static RecordingSummary read(const QFileInfo &info, const std::optional<QString> &password);
    // The summary of an archive already opened (from a file, from memory or through ranged reads: the one
    // function for all of them), into s (whose path names it in messages): manifest.json and
    // recipe.yaml are decrypted in memory, nothing is written.
    static void readArchive(ZipArchive &archive, const std::optional<QString> &password, RecordingSummary &s);
    // DataHub names archives recording-{run_id}.zip: the run id a file name tells (empty if none).
    static QString runIdFromFileName(const QString &fileName);
};

} // namespace tapedeck
