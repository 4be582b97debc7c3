// SPDX-License-Identifier: MIT
// One interface over the places a recording lives: an encrypted archive, a plain ZIP, an extracted folder.
#pragma once

#include "core/archive/extractionlimits.h"
#include "core/archive/streamdecoder.h"
#include "core/common/progress.h"
#include "core/common/result.h"

#include <QCoreApplication>
#include <QList>

#include <memory>

namespace tapedeck {

class ZipArchive;

struct SourceEntry
{
    QString name; // relative path with '/' separators
    qint64 size = 0;
    qint64 storedSize = 0; // compressed (and encrypted) size; equals size for plain files
    QString method; // "lzma", "deflate", …; "file" in folders
    QString encryption; // "aes-256", …, "none"
    bool isDirectory = false;
    bool isSymlink = false;
    QString specialKind; // in folders, what a non-regular file is ("a FIFO (named pipe)", …); never opened
};

class RecordingSource
{
    Q_DECLARE_TR_FUNCTIONS(RecordingSource)

public:
    enum class Kind { EncryptedArchive, Archive, Directory };

    // A folder opens as an extracted recording, anything else as a ZIP archive.
    // displayName, when given, names it in messages and views instead of its file name (a recording
    // downloaded from S3 is cached under a name of its own).
    static Result<std::unique_ptr<RecordingSource>> open(const QString &path, const QString &displayName = {});

    virtual ~RecordingSource() = default;

    virtual Kind kind() const = 0;
    const QString &location() const { return m_location; }
    QString displayName() const;
    const QList<SourceEntry> &entries() const { return m_entries; }
    const SourceEntry *find(const QString &name) const;

    bool needsPassword() const { return kind() == Kind::EncryptedArchive; }
    // Sets the password and checks it against the archive's verifier; a no-op for unencrypted sources.
    virtual Status unlock(const QString &password);
    // Refuses sources whose declared sizes exceed the limits (decompression bombs).
    virtual Status checkLimits(const ExtractionLimits &limits) const;

    virtual Status read(const QString &name, const ChunkSink &sink, ProgressReporter *progress = nullptr) = 0;
    Result<QByteArray> readAll(const QString &name, ProgressReporter *progress = nullptr);

    // The underlying archive for archive sources (extraction works on it directly), else nullptr.
    virtual ZipArchive *archive() { return nullptr; }

protected:
    explicit RecordingSource(QString location)
        : m_location(std::move(location))
    { }

    QString m_location;
    QString m_displayName; // empty: the location's file name
    QList<SourceEntry> m_entries;
};

} // namespace tapedeck
