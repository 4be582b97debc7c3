// SPDX-License-Identifier: MIT
// A recording loaded into memory: manifest, recipe, decrypted entries and per-entry checksum status.
#pragma once

#include "core/archive/manifest.h"
#include "core/archive/recipe.h"
#include "core/recording/recordingsource.h"

#include <QHash>

#include <optional>

namespace tapedeck {

enum class ChecksumState { Ok, Mismatch, Missing, Unlisted, Unreadable };

struct EntryCheck
{
    SourceEntry entry; // for Missing entries only the name is known
    ChecksumState checksum = ChecksumState::Unlisted;
    QString expected; // from the manifest
    QString actual; // computed while reading
    QString problem; // why the entry could not be read
};

class Recording
{
    Q_DECLARE_TR_FUNCTIONS(Recording)

public:
    static inline const QString CassetteFileName = QStringLiteral("http/cassette.yaml");
    // The entries Tapedeck reads: manifest, recipe, cassette and queries.
    static const QStringList &readEntries();

    // Reads the entries Tapedeck uses once (decrypting, decompressing, hashing) and keeps their decoded
    // bytes in memory; other entries are only hashed when the manifest lists their checksum, and not
    // decoded at all otherwise. Fails only when nothing can be shown (limits exceeded, cancelled,
    // unreadable archive); every other problem lands in problems() next to whatever could still be read.
    static Result<Recording> load(
        RecordingSource &source, const ExtractionLimits &limits = {}, ProgressReporter *progress = nullptr);

    static QString checksumStateName(ChecksumState state); // the stable names of `info --json`

    QString location;
    QString displayName;
    RecordingSource::Kind kind = RecordingSource::Kind::Archive;
    std::optional<Manifest> manifest;
    std::optional<Recipe> recipe;
    QList<EntryCheck> entries;
    QList<Error> problems;
    QHash<QString, QByteArray> contents;

    // No listed entry mismatched, went missing or was unreadable.
    bool checksumsOk() const;
    // The problem that decides the exit code (the most severe; a password problem beats damage).
    std::optional<Error> mainProblem() const;
};

} // namespace tapedeck
