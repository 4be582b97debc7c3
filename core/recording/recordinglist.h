// SPDX-License-Identifier: MIT
// Finds the recordings in a folder (archives and extracted folders) and reads each one's manifest.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <optional>

namespace tapedeck {

struct RecordingSummary
{
    QString path;
    qint64 size = 0;
    QDateTime modified;
    bool isDirectory = false;
    bool archiveOpened = false; // the ZIP directory could be read, so "encrypted" is known
    bool encrypted = false;
    bool manifestRead = false;
    QString runId;
    QString sourceType;
    QString createdAt;
    bool hasException = false;
    std::optional<Error> problem; // why the manifest could not be read (locked, damaged, …)
};

class RecordingList
{
    Q_DECLARE_TR_FUNCTIONS(RecordingList)

public:
    // Every *.zip file and every sub-folder holding a manifest.json, newest first. The password (if any)
    // opens encrypted archives; without it they are listed as locked with what their file name tells.
    static Result<QList<RecordingSummary>> scan(
        const QString &folder, const std::optional<QString> &password);
};

} // namespace tapedeck
