// SPDX-License-Identifier: MIT
// Packs an extracted recording folder into an AES-256 archive with a fresh manifest checksum table.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"

#include <QCoreApplication>
#include <QMap>
#include <QStringList>

namespace tapedeck {

struct PackOptions
{
    QString sourceDir;
    QString output;
    QString password;
    bool store = false; // no compression (deflate otherwise)
    bool force = false; // replace an existing output file
};

struct PackReport
{
    QStringList files; // in archive order
    QMap<QString, QString> checksums;
    qint64 bytes = 0;
    qint64 archiveSize = 0;
};

class Packer
{
    Q_DECLARE_TR_FUNCTIONS(Packer)

public:
    // Entry order follows DataHub: manifest.json, recipe.yaml, then every other file sorted by path.
    // Checksums cover every file except manifest.json and recipe.yaml, as DataHub computes them.
    // libzip writes to a temporary file and renames it, so a failure leaves no partial archive.
    static Result<PackReport> pack(const PackOptions &options, ProgressReporter *progress = nullptr);
};

} // namespace tapedeck
