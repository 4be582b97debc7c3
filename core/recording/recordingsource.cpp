// SPDX-License-Identifier: MIT
// Recording sources: ZIP archives (through ZipArchive) and extracted folders.
#include "core/recording/recordingsource.h"

#include "core/archive/ziparchive.h"
#include "core/common/regularfile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <sys/stat.h>

namespace tapedeck {

namespace {

class ArchiveSource final : public RecordingSource
{
public:
    ArchiveSource(QString location, std::unique_ptr<ZipArchive> archive)
        : RecordingSource(std::move(location))
        , m_archive(std::move(archive))
    {
        for (const ZipEntry &e : m_archive->entries()) {
            m_entries.append(SourceEntry { e.name, e.size, e.compressedSize, e.methodName(),
                e.encryptionName(), e.isDirectory, e.isSymlink, {} });
        }
    }

    Kind kind() const override { return m_archive->isEncrypted() ? Kind::EncryptedArchive : Kind::Archive; }

    Status unlock(const QString &password) override
    {
        if (!m_archive->isEncrypted())
            return success();
        m_archive->setPassword(password);
        return m_archive->verifyPassword();
    }

    Status checkLimits(const ExtractionLimits &limits) const override
    {
        return limits.check(m_archive->entries(), m_archive->displayName());
    }

    Status read(const QString &name, const ChunkSink &sink, ProgressReporter *progress) override
    {
        const ZipEntry *entry = m_archive->find(name);
        if (!entry)
            return makeError(ErrorCode::InvalidInput,
                RecordingSource::tr("%1 has no entry \"%2\"").arg(displayName(), name));
        return m_archive->read(*entry, sink, progress);
    }

    ZipArchive *archive() override { return m_archive.get(); }

private:
    std::unique_ptr<ZipArchive> m_archive;
};

class DirectorySource final : public RecordingSource
{
public:
    explicit DirectorySource(const QString &location)
        : RecordingSource(location)
    {
        const QDir root(location);
        // Symbolic links, FIFOs, sockets and devices are listed but never opened: an extracted recording
        // has none of its own, and opening a FIFO waits for a writer forever.
        QDirIterator it(location, QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QFileInfo info = it.fileInfo();
            SourceEntry e;
            e.name = root.relativeFilePath(info.filePath());
            e.isSymlink = info.isSymLink();
            struct stat st
            {
            };
            if (!e.isSymlink && ::lstat(QFile::encodeName(info.filePath()).constData(), &st) == 0
                && !S_ISREG(st.st_mode))
                e.specialKind = RegularFile::kindOf(st.st_mode);
            e.size = e.isSymlink || !e.specialKind.isEmpty() ? 0 : info.size();
            e.storedSize = e.size;
            e.method = QStringLiteral("file");
            e.encryption = QStringLiteral("none");
            m_entries.append(e);
        }
        std::sort(m_entries.begin(), m_entries.end(),
            [](const SourceEntry &a, const SourceEntry &b) { return a.name < b.name; });
    }

    Kind kind() const override { return Kind::Directory; }

    Status read(const QString &name, const ChunkSink &sink, ProgressReporter *progress) override
    {
        const SourceEntry *entry = find(name);
        if (!entry)
            return makeError(ErrorCode::InvalidInput,
                RecordingSource::tr("%1 has no file \"%2\"").arg(displayName(), name));
        if (entry->isSymlink)
            return makeError(ErrorCode::InvalidInput,
                RecordingSource::tr("%1: \"%2\" is a symbolic link; links are not followed")
                    .arg(displayName(), name));
        if (!entry->specialKind.isEmpty())
            return makeError(ErrorCode::InvalidInput,
                RecordingSource::tr("%1: \"%2\" is %3, not a regular file; it is not read")
                    .arg(displayName(), name, entry->specialKind));
        const QString path = QDir(m_location).filePath(name);
        QFile file;
        if (Status s = RegularFile::open(file, path, RegularFile::Links::Refuse); !s)
            return s;
        QByteArray buffer(256 * 1024, Qt::Uninitialized);
        qint64 done = 0;
        for (;;) {
            const qint64 n = file.read(buffer.data(), buffer.size());
            if (n < 0)
                return makeError(ErrorCode::Io,
                    RecordingSource::tr("%1 could not be read: %2").arg(path, file.errorString()));
            if (n == 0)
                break;
            done += n;
            if (Status s = sink(QByteArrayView(buffer.constData(), qsizetype(n))); !s)
                return s;
            if (progress) {
                progress->setProgress(done, entry->size);
                if (progress->isCancelled())
                    return makeError(ErrorCode::Cancelled, RecordingSource::tr("cancelled"));
            }
        }
        return success();
    }
};

} // namespace

Result<std::unique_ptr<RecordingSource>> RecordingSource::open(const QString &path, const QString &displayName)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(ErrorCode::Io, tr("%1 does not exist").arg(path));
    std::unique_ptr<RecordingSource> source;
    if (info.isDir()) {
        source.reset(new DirectorySource(info.absoluteFilePath()));
    } else {
        auto archive = ZipArchive::open(info.absoluteFilePath(), displayName);
        if (!archive)
            return archive.error();
        source.reset(new ArchiveSource(info.absoluteFilePath(), std::move(archive).value()));
    }
    source->m_displayName = displayName;
    return source;
}

QString RecordingSource::displayName() const
{
    if (!m_displayName.isEmpty())
        return m_displayName;
    return QFileInfo(m_location).fileName();
}

const SourceEntry *RecordingSource::find(const QString &name) const
{
    const auto it = std::find_if(
        m_entries.cbegin(), m_entries.cend(), [&](const SourceEntry &e) { return e.name == name; });
    return it == m_entries.cend() ? nullptr : &*it;
}

Status RecordingSource::unlock(const QString &)
{
    return success();
}

Status RecordingSource::checkLimits(const ExtractionLimits &) const
{
    return success();
}

Result<QByteArray> RecordingSource::readAll(const QString &name, ProgressReporter *progress)
{
    QByteArray data;
    if (const SourceEntry *e = find(name))
        data.reserve(qsizetype(std::min<qint64>(e->size, qint64(1) << 30)));
    const Status s = read(
        name,
        [&](QByteArrayView chunk) {
            data.append(chunk);
            return success();
        },
        progress);
    if (!s)
        return s.error();
    return data;
}

} // namespace tapedeck
