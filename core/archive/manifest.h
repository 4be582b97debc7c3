// SPDX-License-Identifier: MIT
// The recording's manifest.json: run metadata, per-file SHA-256 checksums and the captured exception.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace tapedeck {

struct ExceptionInfo
{
    QString type;
    QString message;
    QString traceback;
};

class Manifest
{
    Q_DECLARE_TR_FUNCTIONS(Manifest)

public:
    static inline const QString FileName = QStringLiteral("manifest.json");
    // A manifest is a few KiB; one claiming more than this is refused rather than read.
    static constexpr qint64 MaxSize = qint64(16) << 20;
    // The keys DataHub's ArchiveManifest writes, in its order; everything else is "unknown" and kept.
    static const QStringList &knownKeys();

    static Result<Manifest> parse(const QByteArray &json, const QString &origin);

    QString formatVersion;
    QString runId;
    QString sourceType;
    QString sinkType;
    QString datahubCliVersion;
    QString pythonVersion;
    QString createdAt;
    QString recordingStartTime;
    // Relative path -> lower-case hex SHA-256, with any "sha256:" prefix removed; a value that is no
    // SHA-256 digest is kept as JSON text (a string in quotes), so it never reads as a digest or as nothing.
    QMap<QString, QString> checksums;
    QStringList files;
    bool filesDerived = false; // "files" was absent and comes from the checksum table
    bool hasException = false;
    bool hasExceptionDerived = false; // "has_exception" was absent and comes from exception_info
    std::optional<ExceptionInfo> exception;
    QStringList warnings; // problems that do not stop the manifest from being used
    QJsonObject object; // everything as parsed, unknown keys included

    QStringList unknownKeys() const;
    // A copy with a fresh checksum table, serialised the way DataHub writes it (json.dumps, indent 2).
    QByteArray toJson(const QMap<QString, QString> &newChecksums) const;
    // Normalises a checksum as written in a manifest; nullopt when it is not a SHA-256 hex digest.
    static std::optional<QString> normalizeChecksum(const QString &value);
};

} // namespace tapedeck
