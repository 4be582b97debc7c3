// SPDX-License-Identifier: MIT
// Safe, all-or-nothing extraction.
#include "core/archive/extractor.h"

#include "core/archive/entryname.h"
#include "core/archive/manifest.h"
#include "core/archive/ziparchive.h"
#include "core/common/sha256.h"

#include <QDir>
#include <QFileInfo>

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

// Folders an extraction created outside its staging folder: removed again (those still empty, deepest
// first) unless the extraction succeeded, so a failure leaves the file system as it was.
class CreatedFolders
{
public:
    CreatedFolders() = default;
    CreatedFolders(const CreatedFolders &) = delete;
    CreatedFolders &operator=(const CreatedFolders &) = delete;
    ~CreatedFolders()
    {
        for (auto it = m_paths.crbegin(); it != m_paths.crend(); ++it)
            ::rmdir(QFile::encodeName(*it).constData());
    }
    void add(const QString &path) { m_paths.append(path); }
    void keep() { m_paths.clear(); }

private:
    QStringList m_paths;
};

Status checkFolder(const QString &path, bool *exists)
{
    struct stat st
    {
    };
    *exists = lstat(QFile::encodeName(path).constData(), &st) == 0;
    if (*exists && !S_ISDIR(st.st_mode))
        return makeError(ErrorCode::Io, Extractor::tr("%1 exists and is not a folder").arg(path));
    return success();
}

// Creates every missing folder of relativeDir below root with the given mode, refusing to pass through
// anything that is not a real folder (a link planted in the target must not redirect the extraction).
Status makeFolders(const QString &root, const QString &relativeDir, mode_t mode, CreatedFolders *created)
{
    QString path = root;
    for (const QString &segment : relativeDir.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        path += QLatin1Char('/') + segment;
        bool exists = false;
        if (Status s = checkFolder(path, &exists); !s)
            return s;
        if (exists)
            continue;
        if (mkdir(QFile::encodeName(path).constData(), mode) != 0)
            return makeError(ErrorCode::Io,
                Extractor::tr("the folder %1 could not be created: %2").arg(path, systemError()));
        if (created)
            created->add(path);
    }
    return success();
}

// The missing ancestors of an absolute path, created as mkdir -p would (mode 0777 less the umask).
Status makeParents(const QString &absolutePath, CreatedFolders *created)
{
    QString existing = QDir::cleanPath(absolutePath);
    while (!QFileInfo::exists(existing) && existing != QLatin1String("/"))
        existing = QFileInfo(existing).path();
    const QString missing = QDir(existing).relativeFilePath(absolutePath);
    if (missing == QLatin1String("."))
        return success();
    return makeFolders(existing, missing, 0777, created);
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

// --force into a folder with content. Every destination is checked before anything moves; then the files
// move one by one, and a file they replace is set aside in the staging folder. If a move fails, the moves
// made so far are undone and the replaced files put back: the folder ends as it was, or with every file.
Status mergeInto(StagingFolder &staging, const QString &targetPath, const QStringList &files)
{
    for (const QString &file : files) {
        QString folder = targetPath;
        const QStringList segments = file.split(QLatin1Char('/'));
        for (qsizetype i = 0; i + 1 < segments.size(); ++i) {
            folder += QLatin1Char('/') + segments.at(i);
            bool exists = false;
            if (Status s = checkFolder(folder, &exists); !s)
                return makeError(
                    s.error().code, Extractor::tr("%1; nothing was extracted").arg(s.error().message));
            if (!exists)
                break;
        }
        const QString destination = targetPath + QLatin1Char('/') + file;
        struct stat st
        {
        };
        if (lstat(QFile::encodeName(destination).constData(), &st) == 0 && S_ISDIR(st.st_mode))
            return makeError(ErrorCode::Io,
                Extractor::tr("%1 is a folder and cannot be replaced by a file; nothing was extracted")
                    .arg(destination));
    }

    QByteArray replaced = QFile::encodeName(staging.path() + QLatin1String("/.tapedeck-replaced-XXXXXX"));
    if (!mkdtemp(replaced.data()))
        return makeError(ErrorCode::Io,
            Extractor::tr("a folder for replaced files could not be created in %1: %2")
                .arg(staging.path(), systemError()));
    struct Move
    {
        QByteArray staged;
        QByteArray destination;
        QByteArray backup; // where the file it replaced waits; empty when it replaced nothing
    };
    std::vector<Move> moves;
    CreatedFolders created;
    // Undoes the moves in reverse order; the replaced files that could not be put back.
    const auto rollBack = [&] {
        QStringList stranded;
        for (auto it = moves.crbegin(); it != moves.crend(); ++it) {
            if (::rename(it->destination.constData(), it->staged.constData()) != 0)
                ::unlink(it->destination.constData());
            if (!it->backup.isEmpty() && ::rename(it->backup.constData(), it->destination.constData()) != 0)
                stranded.append(QFile::decodeName(it->destination));
        }
        return stranded;
    };
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QString &file = files.at(i);
        Move move { QFile::encodeName(staging.path() + QLatin1Char('/') + file),
            QFile::encodeName(targetPath + QLatin1Char('/') + file), {} };
        Status s = makeFolders(targetPath, file.section(QLatin1Char('/'), 0, -2), 0700, &created);
        struct stat st
        {
        };
        if (s && lstat(move.destination.constData(), &st) == 0) {
            move.backup = replaced + '/' + QByteArray::number(i);
            if (::rename(move.destination.constData(), move.backup.constData()) != 0) {
                s = makeError(ErrorCode::Io,
                    Extractor::tr("%1 could not be replaced: %2")
                        .arg(QFile::decodeName(move.destination), systemError()));
                move.backup.clear();
            }
        }
        if (s && ::rename(move.staged.constData(), move.destination.constData()) != 0) {
            s = makeError(ErrorCode::Io,
                Extractor::tr("%1 could not be moved into place: %2")
                    .arg(QFile::decodeName(move.destination), systemError()));
            if (!move.backup.isEmpty()
                && ::rename(move.backup.constData(), move.destination.constData()) == 0)
                move.backup.clear();
            if (!move.backup.isEmpty())
                moves.push_back(move); // so that the rollback puts the replaced file back
        } else if (s) {
            moves.push_back(move);
        }
        if (!s) {
            const QStringList stranded = rollBack();
            if (stranded.isEmpty())
                return makeError(
                    s.error().code, Extractor::tr("%1; nothing was changed").arg(s.error().message));
            staging.release(); // it holds the replaced files now
            return makeError(s.error().code,
                Extractor::tr("%1; %2 could not be put back: the replaced files are in %3")
                    .arg(s.error().message, stranded.join(QLatin1String(", ")), QFile::decodeName(replaced)));
        }
    }
    created.keep();
    return success();
}

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

    // Refuse hostile archives before writing a single byte (duplicate and clashing names were refused
    // when the archive was opened).
    for (const ZipEntry &e : archive.entries()) {
        if (const std::optional<QString> reason = EntryName::unsafeReason(e.name))
            return makeError(
                ErrorCode::InvalidInput, tr("%1: entry \"%2\" is refused: %3").arg(name, e.name, *reason));
        if (e.isSymlink)
            return makeError(ErrorCode::InvalidInput,
                tr("%1: entry \"%2\" is a symbolic link; links are never extracted").arg(name, e.name));
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

    CreatedFolders createdParents;
    const QString parent = target.absolutePath();
    if (Status s = makeParents(parent, &createdParents); !s)
        return s.error();
    StagingFolder staging;
    if (Status s = staging.create(parent); !s)
        return s.error();

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
    const Error cancelled = makeError(ErrorCode::Cancelled, tr("cancelled; nothing was extracted"));

    QStringList mismatches;
    for (const ZipEntry &e : archive.entries()) {
        entryProgress.base = base;
        base += e.compressedSize;
        const QString relativeDir = e.isDirectory ? e.name : e.name.section(QLatin1Char('/'), 0, -2);
        if (Status s = makeFolders(staging.path(), relativeDir, 0700, nullptr); !s)
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
        // Cancellation is also checked per decoded chunk: one compressed piece may expand a thousandfold.
        Status s = archive.read(
            e,
            [&](QByteArrayView chunk) -> Status {
                if (entryProgress.isCancelled())
                    return cancelled;
                return writer.push(chunk);
            },
            &entryProgress);
        const Result<QByteArray> digest = writer.finish();
        if (s && !digest)
            s = digest.error();
        if (::close(fd) != 0 && s)
            s = makeError(ErrorCode::Io, tr("%1 could not be written: %2").arg(shownPath, systemError()));
        if (!s)
            return s.error().code == ErrorCode::Cancelled ? cancelled : s.error();
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
    if (entryProgress.isCancelled())
        return cancelled;

    if (!mergeIntoExisting) {
        const QByteArray nativeTarget = QFile::encodeName(targetPath);
        struct stat emptyTarget
        {
        };
        const bool replacesEmpty = lstat(nativeTarget.constData(), &emptyTarget) == 0;
        if (replacesEmpty && ::rmdir(nativeTarget.constData()) != 0)
            return makeError(ErrorCode::Io,
                tr("the empty folder %1 could not be replaced: %2").arg(targetPath, systemError()));
        if (::rename(QFile::encodeName(staging.path()).constData(), nativeTarget.constData()) != 0) {
            const QString reason = systemError();
            if (replacesEmpty)
                ::mkdir(nativeTarget.constData(), emptyTarget.st_mode & 07777);
            return makeError(
                ErrorCode::Io, tr("%1 could not be moved into place: %2").arg(targetPath, reason));
        }
        staging.release();
        createdParents.keep();
        return report;
    }
    if (Status s = mergeInto(staging, targetPath, report.files); !s)
        return s.error();
    createdParents.keep();
    return report;
}

} // namespace tapedeck
