// SPDX-License-Identifier: MIT
// Parallel ranged GETs into a preallocated part file, with a state file that makes the download resumable.
#include "core/storage/s3download.h"

#include "core/storage/s3exchange.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QTemporaryFile>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <list>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace tapedeck {

namespace {

constexpr int StateVersion = 1;
constexpr qint64 MaxStateBytes = 4 * 1024 * 1024;
constexpr qint64 MinPartSize = 64 * 1024;
// Qt opens at most six HTTP/1.1 connections to one host; a seventh request would wait inside Qt, where the
// idle timeout would take the wait for a stall.
constexpr int MaxParallel = 6;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

// Makes a rename or unlink in the folder of path durable.
void syncFolderOf(const QString &path)
{
    const int fd
        = ::open(native(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Where a resumable download stands: which object version, cut into which parts, and which parts were
// written. Parts are not fsync'd one by one (that doubled a download's time): an interrupted or killed
// process loses nothing written, and bytes a power loss kept from the disk are caught by the end-to-end
// MD5 (single-part ETags) or, in an archive, by every entry's HMAC.
struct PartState
{
    QString source; // endpoint|bucket|key
    QString etag;
    qint64 size = -1;
    qint64 partSize = 0;
    std::vector<bool> done;

    qint64 partCount() const { return size <= 0 ? 0 : (size + partSize - 1) / partSize; }
    qint64 partOffset(qint64 index) const { return index * partSize; }
    qint64 partLength(qint64 index) const { return std::min(partSize, size - index * partSize); }
    qint64 bytesDone() const
    {
        qint64 bytes = 0;
        for (qint64 i = 0; i < qint64(done.size()); ++i) {
            if (done[size_t(i)])
                bytes += partLength(i);
        }
        return bytes;
    }
};

QByteArray encodeState(const PartState &state)
{
    QByteArray bits((state.done.size() + 7) / 8, '\0');
    for (size_t i = 0; i < state.done.size(); ++i) {
        if (state.done[i])
            bits[qsizetype(i / 8)] = char(quint8(bits[qsizetype(i / 8)]) | (1u << (i % 8)));
    }
    QJsonObject json { { QStringLiteral("version"), StateVersion },
        { QStringLiteral("source"), state.source }, { QStringLiteral("etag"), state.etag },
        { QStringLiteral("size"), QString::number(state.size) },
        { QStringLiteral("part_size"), QString::number(state.partSize) },
        { QStringLiteral("done"), QString::fromLatin1(bits.toHex()) } };
    return QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n';
}

// The state in a file, when it is one this version wrote and it is consistent.
std::optional<PartState> readState(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > MaxStateBytes)
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject json = document.object();
    if (json.value(QStringLiteral("version")).toInt() != StateVersion)
        return std::nullopt;
    PartState state;
    state.source = json.value(QStringLiteral("source")).toString();
    state.etag = json.value(QStringLiteral("etag")).toString();
    bool sizeOk = false;
    bool partOk = false;
    state.size = json.value(QStringLiteral("size")).toString().toLongLong(&sizeOk);
    state.partSize = json.value(QStringLiteral("part_size")).toString().toLongLong(&partOk);
    if (!sizeOk || !partOk || state.size < 0 || state.partSize < 1 || state.etag.isEmpty())
        return std::nullopt;
    const QByteArray bits = QByteArray::fromHex(json.value(QStringLiteral("done")).toString().toLatin1());
    const qint64 parts = state.partCount();
    if (bits.size() != (parts + 7) / 8)
        return std::nullopt;
    state.done.resize(size_t(parts));
    for (qint64 i = 0; i < parts; ++i)
        state.done[size_t(i)] = (quint8(bits[qsizetype(i / 8)]) >> (i % 8)) & 1u;
    return state;
}

// Replaces the state file atomically: a temporary file renamed over it (fsync'd first when durable).
Status writeState(const QString &path, const PartState &state, bool durable = true)
{
    const QString temporary = path + QStringLiteral(".tmp");
    const QByteArray data = encodeState(state);
    const int fd
        = ::open(native(temporary).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return makeError(
            ErrorCode::Io, S3Download::tr("Cannot write %1: %2.").arg(temporary, systemError(errno)));
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            return makeError(
                ErrorCode::Io, S3Download::tr("Cannot write %1: %2.").arg(temporary, systemError(error)));
        }
        written += n;
    }
    if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0)
        return makeError(
            ErrorCode::Io, S3Download::tr("Cannot write %1: %2.").arg(temporary, systemError(errno)));
    if (::rename(native(temporary).constData(), native(path).constData()) != 0)
        return makeError(ErrorCode::Io, S3Download::tr("Cannot write %1: %2.").arg(path, systemError(errno)));
    if (durable)
        syncFolderOf(path);
    return success();
}

void removeFile(const QString &path)
{
    ::unlink(native(path).constData());
}

// Where one download writes.
struct Target
{
    QString part; // written while incomplete
    QString final; // where the complete file goes (== part for a temporary file)
    bool resumable = false; // a state file beside part
    bool temporary = false;
    QString state() const { return part + QStringLiteral(".state"); }
};

// The download of one object version into target, parts in parallel, on a private event loop.
class DownloadJob
{
    Q_DISABLE_COPY_MOVE(DownloadJob)

public:
    DownloadJob(S3Client &client, const S3Location &location, const S3Object &object,
        const S3DownloadOptions &options, Target target, ProgressReporter *progress)
        : m_client(client)
        , m_location(location)
        , m_object(object)
        , m_options(options)
        , m_target(std::move(target))
        , m_progress(progress)
    { }

    ~DownloadJob()
    {
        m_active.clear();
        m_finished.clear();
        if (m_fd >= 0)
            ::close(m_fd);
    }

    Result<S3Fetched> run();

private:
    struct Part
    {
        qint64 index = 0;
        std::unique_ptr<S3RangeGet> reader;
        std::unique_ptr<S3Exchange> exchange;
    };

    Status open();
    void startParts();
    void onPartFinished(Part *part);
    void fail(const Error &error);
    Status markDone(qint64 index);
    Status writeAt(qint64 offset, QByteArrayView bytes);
    // Hashes the parts done from the first unhashed one on, in order, so that the MD5 of the whole file is
    // mostly computed while later parts are still arriving.
    Status hashDoneParts();
    Status verify();
    void report();
    QString source() const;

    S3Client &m_client;
    S3Location m_location;
    S3Object m_object;
    S3DownloadOptions m_options;
    Target m_target;
    ProgressReporter *m_progress;

    int m_fd = -1;
    PartState m_state;
    qint64 m_resumed = 0;
    qint64 m_transferred = 0;
    qint64 m_next = 0; // the next part index to look at
    std::list<std::unique_ptr<Part>> m_active;
    std::vector<std::unique_ptr<Part>> m_finished; // kept until no signal of theirs is being delivered
    std::optional<Error> m_error;
    QEventLoop *m_loop = nullptr;
    QCryptographicHash m_md5 { QCryptographicHash::Md5 };
    qint64 m_hashedParts = 0; // parts [0, m_hashedParts) are in m_md5
};

QString DownloadJob::source() const
{
    return m_client.config().endpoint.toString(QUrl::FullyEncoded | QUrl::RemoveUserInfo) + QLatin1Char('|')
        + m_location.bucket + QLatin1Char('|') + m_location.key;
}

Status DownloadJob::open()
{
    const QString path = m_target.part;
    bool fresh = true;
    if (m_target.resumable) {
        const std::optional<PartState> old = readState(m_target.state());
        struct stat st
        {
        };
        const bool partExists = ::lstat(native(path).constData(), &st) == 0;
        // Resumed only when it is the same object version, cut the same way, in a part file of its size.
        if (old && old->source == source() && old->etag == m_object.etag && old->size == m_object.size
            && partExists && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() && st.st_size == m_object.size) {
            m_state = *old;
            fresh = false;
        } else {
            removeFile(m_target.state());
            if (partExists && !S_ISDIR(st.st_mode))
                removeFile(path);
        }
    }
    m_fd = ::open(native(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (m_fd < 0)
        return makeError(
            ErrorCode::Io, S3Download::tr("Cannot create %1: %2.").arg(path, systemError(errno)));
    struct stat st
    {
    };
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid())
        return makeError(ErrorCode::Io, S3Download::tr("%1 is not a file of this user's.").arg(path));
    if ((st.st_mode & 07777) != 0600 && ::fchmod(m_fd, 0600) != 0)
        return makeError(
            ErrorCode::Io, S3Download::tr("Cannot make %1 private: %2.").arg(path, systemError(errno)));
    if (fresh) {
        m_state = PartState {};
        m_state.source = source();
        m_state.etag = m_object.etag;
        m_state.size = m_object.size;
        m_state.partSize = std::max(MinPartSize, m_options.partSize);
        m_state.done.assign(size_t(m_state.partCount()), false);
        if (::ftruncate(m_fd, 0) != 0)
            return makeError(
                ErrorCode::Io, S3Download::tr("Cannot write %1: %2.").arg(path, systemError(errno)));
        if (m_object.size > 0) {
            // All the space up front: a full disk shows now, not after minutes of downloading.
            const int error = ::posix_fallocate(m_fd, 0, m_object.size);
            if (error == EOPNOTSUPP || error == EINVAL) {
                if (::ftruncate(m_fd, m_object.size) != 0)
                    return makeError(
                        ErrorCode::Io, S3Download::tr("Cannot write %1: %2.").arg(path, systemError(errno)));
            } else if (error != 0) {
                return makeError(ErrorCode::Io,
                    S3Download::tr("Cannot make room for %1 bytes in %2: %3.")
                        .arg(m_object.size)
                        .arg(path, systemError(error)));
            }
        }
        if (m_target.resumable) {
            if (Status s = writeState(m_target.state(), m_state); !s)
                return s;
        }
    }
    m_resumed = m_state.bytesDone();
    return success();
}

Status DownloadJob::writeAt(qint64 offset, QByteArrayView bytes)
{
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n
            = ::pwrite(m_fd, bytes.data() + written, size_t(bytes.size() - written), offset + written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return makeError(ErrorCode::Io,
                S3Download::tr("Cannot write %1: %2.").arg(m_target.part, systemError(n < 0 ? errno : EIO)));
        written += n;
    }
    return success();
}

Status DownloadJob::markDone(qint64 index)
{
    if (!m_target.resumable) {
        m_state.done[size_t(index)] = true;
        return success();
    }
    m_state.done[size_t(index)] = true;
    return writeState(m_target.state(), m_state, false);
}

Status DownloadJob::hashDoneParts()
{
    if (!m_object.etagIsMd5() || !m_options.checkMd5)
        return success();
    QByteArray buffer;
    while (m_hashedParts < m_state.partCount() && m_state.done[size_t(m_hashedParts)]) {
        const qint64 begin = m_hashedParts * m_state.partSize;
        const qint64 end = std::min(m_object.size, begin + m_state.partSize);
        buffer.resize(std::min<qint64>(1024 * 1024, end - begin));
        for (qint64 offset = begin; offset < end;) {
            if (m_progress && m_progress->isCancelled())
                return S3Exchange::cancelledError(m_location.toString());
            const ssize_t n = ::pread(m_fd, buffer.data(), size_t(std::min<qint64>(buffer.size(), end - offset)), offset);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return makeError(ErrorCode::Io,
                    S3Download::tr("Cannot read %1: %2.").arg(m_target.part, systemError(n < 0 ? errno : EIO)));
            m_md5.addData(QByteArrayView(buffer.constData(), n));
            offset += n;
        }
        ++m_hashedParts;
    }
    return success();
}

void DownloadJob::report()
{
    if (m_progress)
        m_progress->setProgress(m_resumed + m_transferred, m_object.size);
}

void DownloadJob::startParts()
{
    const int parallel = std::clamp(m_options.parallel, 1, MaxParallel);
    while (!m_error && int(m_active.size()) < parallel && m_next < m_state.partCount()) {
        const qint64 index = m_next++;
        if (m_state.done[size_t(index)])
            continue;
        auto part = std::make_unique<Part>();
        part->index = index;
        const qint64 offset = m_state.partOffset(index);
        part->reader = std::make_unique<S3RangeGet>(m_location, offset, m_state.partLength(index),
            m_object.etag, m_object.size, [this, offset](qint64 position, QByteArrayView bytes) {
                return writeAt(offset + position, bytes);
            });
        part->reader->setOnProgress([this](qint64 bytes) {
            m_transferred += bytes;
            report();
        });
        part->exchange
            = std::make_unique<S3Exchange>(m_client, m_location.toString(), part->reader->handler());
        Part *raw = part.get();
        QObject::connect(part->exchange.get(), &S3Exchange::finished, part->exchange.get(),
            [this, raw] { onPartFinished(raw); });
        m_active.push_back(std::move(part));
        raw->exchange->start();
    }
}

void DownloadJob::fail(const Error &error)
{
    if (m_error)
        return;
    m_error = error;
    const Error stopped = makeError(error.code, error.message);
    for (const std::unique_ptr<Part> &part : m_active)
        part->exchange->abort(stopped);
}

void DownloadJob::onPartFinished(Part *part)
{
    m_finished.clear(); // none of theirs is being delivered now
    auto it
        = std::find_if(m_active.begin(), m_active.end(), [part](const auto &p) { return p.get() == part; });
    if (it == m_active.end())
        return;
    std::unique_ptr<Part> finished = std::move(*it);
    m_active.erase(it);
    if (const std::optional<Error> &error = finished->exchange->error()) {
        fail(*error);
    } else if (!m_error) {
        if (Status s = markDone(finished->index); !s)
            fail(s.error());
        else if (Status h = hashDoneParts(); !h)
            fail(h.error());
    }
    m_finished.push_back(std::move(finished));
    startParts();
    if (m_active.empty() && m_loop)
        m_loop->quit();
}

// The whole file against the ETag, when the ETag is the MD5 of the object: a check of every byte, resumed
// ones included, end to end.
Status DownloadJob::verify()
{
    struct stat st
    {
    };
    if (::fstat(m_fd, &st) != 0 || st.st_size != m_object.size)
        return makeError(ErrorCode::Io,
            S3Download::tr("%1 has %2 bytes after the download, not %3.")
                .arg(m_target.part)
                .arg(qint64(st.st_size))
                .arg(m_object.size));
    if (!m_object.etagIsMd5() || !m_options.checkMd5)
        return success();
    if (Status s = hashDoneParts(); !s)
        return s;
    const QString digest = QString::fromLatin1(m_md5.result().toHex());
    if (digest != m_object.etag)
        return makeError(ErrorCode::InvalidInput,
            S3Download::tr("The bytes downloaded of %1 do not match its ETag (their MD5 is %2, the ETag %3).")
                .arg(m_location.toString(), digest, m_object.etag));
    return success();
}

Result<S3Fetched> DownloadJob::run()
{
    // One download of a given file at a time: two processes writing the same part file would mix.
    std::unique_ptr<QLockFile> lock;
    if (m_target.resumable) {
        lock = std::make_unique<QLockFile>(m_target.part + QStringLiteral(".lock"));
        lock->setStaleLockTime(0); // stale only when its process is gone, however long a download takes
        if (!lock->tryLock(0)) {
            qint64 pid = 0;
            QString host;
            QString application;
            lock->getLockInfo(&pid, &host, &application);
            return makeError(ErrorCode::Io,
                S3Download::tr("%1 is already being downloaded into %2 (process %3).")
                    .arg(m_location.toString(), m_target.part)
                    .arg(pid));
        }
    }

    if (Status s = open(); !s) {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        return s.error();
    }
    report();

    if (m_state.partCount() > 0) {
        QEventLoop loop;
        m_loop = &loop;
        QTimer poll;
        poll.setInterval(S3Exchange::CancelPollMs);
        QObject::connect(&poll, &QTimer::timeout, &loop, [this] {
            if (m_progress->isCancelled())
                fail(S3Exchange::cancelledError(m_location.toString()));
        });
        if (m_progress && m_progress->isCancelled())
            fail(S3Exchange::cancelledError(m_location.toString()));
        startParts();
        if (m_progress)
            poll.start();
        if (!m_active.empty())
            loop.exec();
        m_loop = nullptr;
    }
    if (!m_error) {
        for (bool done : m_state.done) {
            if (!done) {
                m_error = makeError(ErrorCode::Io,
                    S3Download::tr("The download of %1 stopped before its end.").arg(m_location.toString()));
                break;
            }
        }
    }
    if (!m_error) {
        if (Status s = verify(); !s)
            m_error = s.error();
    }
    if (!m_error && ::fsync(m_fd) != 0)
        m_error = makeError(
            ErrorCode::Io, S3Download::tr("Cannot write %1: %2.").arg(m_target.part, systemError(errno)));
    ::close(m_fd);
    m_fd = -1;

    if (m_error) {
        // Another version's bytes, or bytes that fail the check, are never kept for a resume; a temporary
        // file is never resumed. Anything else (the network, a cancel) leaves the part and its state.
        if (m_error->code == ErrorCode::InvalidInput || !m_target.resumable) {
            removeFile(m_target.part);
            if (m_target.resumable)
                removeFile(m_target.state());
        }
        return *m_error;
    }
    if (m_target.part != m_target.final) {
        if (::rename(native(m_target.part).constData(), native(m_target.final).constData()) != 0)
            return makeError(ErrorCode::Io,
                S3Download::tr("Cannot move %1 to %2: %3.")
                    .arg(m_target.part, m_target.final, systemError(errno)));
        syncFolderOf(m_target.final);
    }
    if (m_target.resumable)
        removeFile(m_target.state());

    S3Fetched fetched;
    fetched.path = m_target.final;
    fetched.object = m_object;
    fetched.temporary = m_target.temporary;
    fetched.bytesTransferred = m_transferred;
    fetched.bytesResumed = m_resumed;
    return fetched;
}

} // namespace

Result<S3Fetched> S3Download::fetch(S3Client &client, const S3Location &location,
    const S3DownloadOptions &options, ProgressReporter *progress, const S3Cache &cache)
{
    if (location.key.isEmpty() || location.isPrefix())
        return makeError(ErrorCode::Usage, tr("%1 names a folder, not an object.").arg(location.toString()));
    const Result<S3Object> head = client.head(location, progress);
    if (!head)
        return head.error();
    const S3Object &object = *head;
    const QUrl &endpoint = client.config().endpoint;

    Target target;
    std::unique_ptr<QTemporaryFile> temporary;
    bool cached = false;
    if (!options.output.isEmpty()) {
        target.final = QFileInfo(options.output).absoluteFilePath();
        target.part = target.final + QStringLiteral(".part");
        target.resumable = true;
    } else if (options.useCache) {
        if (Status s = cache.prepare(); !s)
            return s.error();
        if (const QString hit = cache.lookup(endpoint, location, object); !hit.isEmpty()) {
            if (progress)
                progress->setProgress(object.size, object.size);
            S3Fetched fetched;
            fetched.path = hit;
            fetched.object = object;
            fetched.fromCache = true;
            return fetched;
        }
        target.final = cache.finalPath(endpoint, location, object);
        target.part = cache.partialPath(endpoint, location, object);
        target.resumable = true;
        cached = true;
        cache.evict(object.size, target.final);
    } else {
        const QString name = S3Cache::readableName(location);
        temporary = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/tapedeck-s3-XXXXXX")
            + (name.isEmpty() ? QString() : QLatin1Char('-') + name));
        temporary->setAutoRemove(false);
        if (!temporary->open())
            return makeError(ErrorCode::Io,
                tr("Cannot create a temporary file in %1: %2.")
                    .arg(QDir::tempPath(), temporary->errorString()));
        target.part = target.final = temporary->fileName();
        target.temporary = true;
        temporary->close();
    }

    DownloadJob job(client, location, object, options, target, progress);
    Result<S3Fetched> fetched = job.run();
    if (fetched && cached)
        cache.evict(0, target.final);
    return fetched;
}

} // namespace tapedeck
