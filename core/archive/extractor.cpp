// SPDX-License-Identifier: MIT
// Safe, all-or-nothing extraction.
#include "core/archive/extractor.h"

#include "core/archive/entryname.h"
#include "core/archive/manifest.h"
#include "core/archive/ziparchive.h"
#include "core/common/sha256.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace tapedeck {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Creates every missing folder of relativeDir below root with mode 0700, refusing to pass through
// anything that is not a real folder (a link planted in the target must not redirect the extraction).
Status makeFolders(const QString &root, const QString &relativeDir)
{
    QString path = root;
    for (const QString &segment : relativeDir.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        path += QLatin1Char('/') + segment;
        const QByteArray native = QFile::encodeName(path);
        struct stat st
        {
        };
        if (lstat(native.constData(), &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                return makeError(ErrorCode::Io, Extractor::tr("%1 exists and is not a folder").arg(path));
            continue;
        }
        if (mkdir(native.constData(), 0700) != 0)
            return makeError(ErrorCode::Io,
                Extractor::tr("the folder %1 could not be created: %2").arg(path, systemError()));
    }
    return success();
}

class StagingFolder
{
public:
    ~StagingFolder()
    {
        if (!m_path.isEmpty())
            QDir(m_path).removeRecursively();
    }
    Status create(const QString &parent)
    {
        QByteArray templ = QFile::encodeName(parent + QLatin1String("/.tapedeck-extract-XXXXXX"));
        if (!mkdtemp(templ.data()))
            return makeError(ErrorCode::Io,
                Extractor::tr("a staging folder could not be created in %1: %2").arg(parent, systemError()));
        m_path = QFile::decodeName(templ);
        return success();
    }
    const QString &path() const { return m_path; }
    void release() { m_path.clear(); }

private:
    QString m_path;
};

Status writeAll(int fd, QByteArrayView data, const QString &path)
{
    const char *p = data.data();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return makeError(
                ErrorCode::Io, Extractor::tr("%1 could not be written: %2").arg(path, systemError()));
        }
        p += n;
        left -= n;
    }
    return success();
}

// Hashes and writes one file on a second thread while the calling thread decrypts and decompresses, so
// extraction costs about as long as decompression alone. The queue is bounded to keep memory flat.
class ChunkWriter
{
public:
    ChunkWriter(int fd, QString path)
        : m_fd(fd)
        , m_path(std::move(path))
        , m_thread([this] { run(); })
    { }
    ~ChunkWriter() { stop(); }
    ChunkWriter(const ChunkWriter &) = delete;
    ChunkWriter &operator=(const ChunkWriter &) = delete;

    Status push(QByteArrayView chunk)
    {
        QByteArray buffer;
        {
            std::unique_lock lock(m_mutex);
            m_space.wait(lock, [this] { return m_queue.size() < MaxQueued || m_error; });
            if (m_error)
                return *m_error;
            if (!m_spare.empty()) {
                buffer = std::move(m_spare.back());
                m_spare.pop_back();
            }
        }
        // Buffers are recycled: allocating 256 KiB per chunk costs an mmap and page faults each time.
        buffer.resize(chunk.size());
        std::memcpy(buffer.data(), chunk.data(), size_t(chunk.size()));
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(buffer));
        }
        m_ready.notify_one();
        return success();
    }

    // Waits for the queue to drain; the SHA-256 of everything written, or the write error.
    Result<QByteArray> finish()
    {
        stop();
        if (m_error)
            return *m_error;
        return m_hash.hexResult();
    }

private:
    static constexpr size_t MaxQueued = 16;

    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_ready.notify_one();
        if (m_thread.joinable())
            m_thread.join();
    }

    void run()
    {
        for (;;) {
            QByteArray chunk;
            {
                std::unique_lock lock(m_mutex);
                m_ready.wait(lock, [this] { return !m_queue.empty() || m_done; });
                if (m_queue.empty())
                    return;
                chunk = std::move(m_queue.front());
                m_queue.pop_front();
            }
            m_space.notify_one();
            m_hash.addData(chunk);
            if (Status s = writeAll(m_fd, chunk, m_path); !s) {
                std::lock_guard lock(m_mutex);
                m_error = s.error();
                m_queue.clear();
                m_space.notify_all();
                return;
            }
            std::lock_guard lock(m_mutex);
            m_spare.push_back(std::move(chunk));
        }
    }

    int m_fd;
    QString m_path;
    Sha256 m_hash;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_space;
    std::deque<QByteArray> m_queue;
    std::vector<QByteArray> m_spare;
    std::optional<Error> m_error;
    bool m_done = false;
    std::thread m_thread; // last: starts after every other member is ready
};

bool isEmptyFolder(const QString &path)
{
    return QDir(path).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

} // namespace

Result<ExtractReport> Extractor::extract(
    ZipArchive &archive, const ExtractOptions &options, ProgressReporter *progress)
{
    const QString name = archive.displayName();
    if (Status s = options.limits.check(archive.entries(), name); !s)
        return s.error();

    // Refuse hostile archives before writing a single byte.
    QSet<QString> seen;
    for (const ZipEntry &e : archive.entries()) {
        if (const std::optional<QString> reason = EntryName::unsafeReason(e.name))
            return makeError(
                ErrorCode::InvalidInput, tr("%1: entry \"%2\" is refused: %3").arg(name, e.name, *reason));
        if (e.isSymlink)
            return makeError(ErrorCode::InvalidInput,
                tr("%1: entry \"%2\" is a symbolic link; links are never extracted").arg(name, e.name));
        if (seen.contains(e.name))
            return makeError(ErrorCode::InvalidInput, tr("%1: entry \"%2\" appears twice").arg(name, e.name));
        seen.insert(e.name);
    }

    const QFileInfo target(options.outputDir);
    const QString targetPath = target.absoluteFilePath();
    bool mergeIntoExisting = false;
    if (target.exists() || target.isSymLink()) {
        if (!target.isDir())
            return makeError(ErrorCode::Io, tr("%1 exists and is not a folder").arg(targetPath));
        if (!isEmptyFolder(targetPath)) {
            if (!options.force)
                return makeError(ErrorCode::Io,
                    tr("%1 already exists and is not empty; use --force to overwrite its files")
                        .arg(targetPath));
            mergeIntoExisting = true;
        }
    }
    const QString parent = target.absolutePath();
    if (!QDir().mkpath(parent))
        return makeError(ErrorCode::Io, tr("the folder %1 could not be created").arg(parent));

    StagingFolder staging;
    if (Status s = staging.create(parent); !s)
        return s.error();

    // The manifest first, in memory, so every other entry can be checked while it streams to disk.
    // A recording without a readable manifest cannot be verified: refuse it, as info does.
    const ZipEntry *manifestEntry = archive.find(Manifest::FileName);
    if (!manifestEntry)
        return makeError(ErrorCode::InvalidInput,
            tr("%1 has no manifest.json, so it is not a DataHub recording; nothing was extracted").arg(name));
    Result<QByteArray> manifestData = archive.readAll(*manifestEntry);
    if (!manifestData)
        return manifestData.error();
    Result<Manifest> manifest = Manifest::parse(*manifestData, name + QLatin1Char('/') + manifestEntry->name);
    if (!manifest)
        return makeError(
            manifest.error().code, tr("%1; nothing was extracted").arg(manifest.error().message));

    ExtractReport report;
    report.outputDir = targetPath;
    qint64 total = 0;
    for (const ZipEntry &e : archive.entries())
        total += e.compressedSize;
    qint64 base = 0;
    struct EntryProgress final : ProgressReporter
    {
        ProgressReporter *outer = nullptr;
        qint64 base = 0;
        qint64 total = 0;
        void setProgress(qint64 done, qint64) override
        {
            if (outer)
                outer->setProgress(base + done, total);
        }
        bool isCancelled() const override { return outer && outer->isCancelled(); }
    } entryProgress;
    entryProgress.outer = progress;
    entryProgress.total = total;

    QStringList mismatches;
    for (const ZipEntry &e : archive.entries()) {
        entryProgress.base = base;
        base += e.compressedSize;
        const QString relativeDir = e.isDirectory ? e.name : e.name.section(QLatin1Char('/'), 0, -2);
        if (Status s = makeFolders(staging.path(), relativeDir); !s)
            return s.error();
        if (e.isDirectory)
            continue;
        const QString path = staging.path() + QLatin1Char('/') + e.name;
        const int fd = ::open(
            QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0)
            return makeError(ErrorCode::Io, tr("%1 could not be created: %2").arg(path, systemError()));
        const QString shownPath = targetPath + QLatin1Char('/') + e.name;
        ChunkWriter writer(fd, shownPath);
        Status s = archive.read(
            e, [&](QByteArrayView chunk) { return writer.push(chunk); }, &entryProgress);
        const Result<QByteArray> digest = writer.finish();
        if (s && !digest)
            s = digest.error();
        if (::close(fd) != 0 && s)
            s = makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(shownPath, systemError()));
        if (!s)
            return s.error();
        const QString actual = QString::fromLatin1(*digest);
        QString state = QStringLiteral("unlisted");
        if (manifest->checksums.contains(e.name)) {
            const bool match = manifest->checksums.value(e.name) == actual;
            state = match ? QStringLiteral("ok") : QStringLiteral("mismatch");
            if (!match)
                mismatches.append(e.name);
        }
        report.checksumState.insert(e.name, state);
        report.files.append(e.name);
        report.bytes += e.size;
    }
    if (!mismatches.isEmpty() && !options.ignoreChecksums) {
        return makeError(ErrorCode::InvalidInput,
            tr("%1: checksum mismatch for %2; nothing was extracted (use --ignore-checksums to extract "
               "anyway)")
                .arg(name, mismatches.join(QLatin1String(", "))));
    }

    if (!mergeIntoExisting) {
        if (target.exists() && !QDir().rmdir(targetPath))
            return makeError(ErrorCode::Io, tr("the empty folder %1 could not be replaced").arg(targetPath));
        if (::rename(QFile::encodeName(staging.path()).constData(), QFile::encodeName(targetPath).constData())
            != 0)
            return makeError(
                ErrorCode::Io, tr("%1 could not be moved into place: %2").arg(targetPath, systemError()));
        staging.release();
        return report;
    }
    // --force into a folder with content: move file by file, replacing same-named files only.
    for (const QString &file : std::as_const(report.files)) {
        if (Status s = makeFolders(targetPath, file.section(QLatin1Char('/'), 0, -2)); !s)
            return s.error();
        const QString destination = targetPath + QLatin1Char('/') + file;
        struct stat st
        {
        };
        if (lstat(QFile::encodeName(destination).constData(), &st) == 0 && S_ISDIR(st.st_mode))
            return makeError(
                ErrorCode::Io, tr("%1 is a folder and cannot be replaced by a file").arg(destination));
        if (::rename(QFile::encodeName(staging.path() + QLatin1Char('/') + file).constData(),
                QFile::encodeName(destination).constData())
            != 0)
            return makeError(
                ErrorCode::Io, tr("%1 could not be moved into place: %2").arg(destination, systemError()));
    }
    return report;
}

} // namespace tapedeck
