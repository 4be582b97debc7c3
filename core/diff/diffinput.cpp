// SPDX-License-Identifier: MIT
// Reading a diff side: MCP files are kept as bytes for the scanner, cassettes and recordings become the
// MCPs their GMS requests carried.
#include "diffinput.h"

#include "diff/mcpscanner.h"
#include "recording/recording.h"
#include "recording/timeline.h"
#include "recording/timelineindexer.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace tapedeck {

namespace {

// A file's bytes in memory of their own (read, not mapped: a file truncated while mapped would crash the
// reader with SIGBUS). Backed by transparent huge pages where the kernel allows it: the page faults of
// fresh 4 KiB pages cost more than the copy itself for files of hundreds of megabytes.
class FileBuffer
{
    Q_DISABLE_COPY_MOVE(FileBuffer)

public:
    FileBuffer() = default;
    ~FileBuffer()
    {
        if (m_mapped)
            ::munmap(m_data, m_capacity);
        else
            std::free(m_data);
    }

    bool allocate(size_t size)
    {
        m_capacity = std::max<size_t>(size, 1);
        void *p = ::mmap(nullptr, m_capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            m_mapped = true;
#ifdef MADV_HUGEPAGE
            ::madvise(p, m_capacity, MADV_HUGEPAGE); // advice only: without it the buffer still works
#endif
            m_data = static_cast<char *>(p);
            return true;
        }
        m_data = static_cast<char *>(std::malloc(m_capacity));
        return m_data != nullptr;
    }
    char *data() const
    {
        return m_data;
    }

private:
    char *m_data = nullptr;
    size_t m_capacity = 0;
    bool m_mapped = false;
};

Result<QByteArray> readFile(const QString &path, std::shared_ptr<FileBuffer> &buffer)
{
    const auto reason = [](int error) { return QString::fromLocal8Bit(std::strerror(error)); };
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::Io, DiffInput::tr("%1 could not be opened: %2").arg(path, reason(errno)));
    const off_t size = ::lseek(fd, 0, SEEK_END);
    buffer = std::make_shared<FileBuffer>();
    if (size < 0 || !buffer->allocate(size_t(size))) {
        const int error = size < 0 ? errno : ENOMEM;
        ::close(fd);
        return makeError(ErrorCode::Io, DiffInput::tr("%1 could not be read: %2").arg(path, reason(error)));
    }
    off_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, buffer->data() + done, size_t(size - done), done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            return makeError(
                ErrorCode::Io, DiffInput::tr("%1 could not be read completely: %2").arg(path, reason(error)));
        }
        done += n;
    }
    ::close(fd);
    return QByteArray::fromRawData(buffer->data(), qsizetype(size));
}

} // namespace

struct DiffInput::Shared
{
    enum class Kind { File, Recording, Records };
    Kind kind = Kind::File;
    QString name;
    std::shared_ptr<const Recording> recording;

    QMutex mutex; // guards what follows
    bool loaded = false;
    std::optional<Error> loadError;
    bool isMcpFile = false;
    QByteArray data; // an MCP file's bytes (a view of buffer)
    std::shared_ptr<FileBuffer> buffer;
    QList<McpRecord> records; // everything else
    QStringList warnings;
};

namespace {

// The MCPs of a timeline (cassette or recording), or the fault that stopped reading it.
Status mcpsOf(const Timeline &timeline, QList<McpRecord> &records, QStringList &warnings)
{
    const QList<Error> faults = timeline.faults();
    if (!faults.isEmpty())
        return faults.first();
    Result<QList<McpRecord>> read = TimelineIndexer::mcps(timeline);
    if (!read)
        return read.error();
    records = std::move(read).value();
    warnings += timeline.warnings();
    return success();
}

} // namespace

DiffInput DiffInput::file(const QString &path)
{
    DiffInput input;
    input.m_shared = std::make_shared<Shared>();
    input.m_shared->kind = Shared::Kind::File;
    input.m_shared->name = path;
    return input;
}

DiffInput DiffInput::recording(std::shared_ptr<const Recording> recording, const QString &name)
{
    DiffInput input;
    input.m_shared = std::make_shared<Shared>();
    input.m_shared->kind = Shared::Kind::Recording;
    input.m_shared->name = name.isEmpty() ? recording->location : name;
    input.m_shared->recording = std::move(recording);
    return input;
}

DiffInput DiffInput::records(const QString &name, QList<McpRecord> records, QStringList warnings)
{
    DiffInput input;
    input.m_shared = std::make_shared<Shared>();
    input.m_shared->kind = Shared::Kind::Records;
    input.m_shared->name = name;
    input.m_shared->records = std::move(records);
    input.m_shared->warnings = std::move(warnings);
    input.m_shared->loaded = true;
    return input;
}

bool DiffInput::isRecordingPath(const QString &path)
{
    const QFileInfo info(path);
    return info.isDir() || info.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0;
}

QString DiffInput::name() const
{
    return m_shared ? m_shared->name : QString();
}

Status DiffInput::load(DiffSide &side, McpScanner &scanner, ProgressReporter *progress) const
{
    if (!m_shared)
        return makeError(ErrorCode::Usage, tr("No input was given."));
    Shared &s = *m_shared;
    side.name = s.name;
    {
        const QMutexLocker lock(&s.mutex);
        if (!s.loaded) {
            s.loaded = true;
            if (s.kind == Shared::Kind::File) {
                Result<QByteArray> read = readFile(s.name, s.buffer);
                if (!read) {
                    s.loadError = read.error();
                } else {
                    const QByteArray head = read->left(65536);
                    const std::optional<TimelineIndexer::FileKind> kind
                        = TimelineIndexer::detect(s.name, head);
                    if (!kind) {
                        s.loadError = makeError(ErrorCode::InvalidInput,
                            tr("%1 is neither an MCP file (JSON or JSON lines) nor a cassette").arg(s.name));
                    } else if (*kind == TimelineIndexer::FileKind::Queries) {
                        s.loadError = makeError(ErrorCode::InvalidInput,
                            tr("%1 holds SQL queries (a queries.jsonl), not MCPs").arg(s.name));
                    } else if (*kind == TimelineIndexer::FileKind::McpFile) {
                        s.isMcpFile = true;
                        s.data = std::move(read).value();
                    } else {
                        Timeline timeline;
                        const Status indexed = TimelineIndexer::indexCassette(
                            timeline, QFileInfo(s.name).fileName(), *read, progress);
                        timeline.setComplete();
                        const Status extracted = indexed ? mcpsOf(timeline, s.records, s.warnings) : indexed;
                        if (!extracted)
                            s.loadError = extracted.error();
                    }
                }
            } else if (s.kind == Shared::Kind::Recording) {
                Timeline timeline;
                const Status indexed = TimelineIndexer::indexRecording(timeline, *s.recording, progress);
                timeline.setComplete();
                const Status extracted = indexed ? mcpsOf(timeline, s.records, s.warnings) : indexed;
                if (!extracted)
                    s.loadError = extracted.error();
                if (!s.recording->contents.contains(QStringLiteral("http/cassette.yaml")))
                    s.warnings.append(tr("%1 holds no http/cassette.yaml, so no MCPs").arg(s.name));
            }
        }
        if (s.loadError)
            return *s.loadError;
        side.warnings += s.warnings;
        if (s.isMcpFile)
            side.data = s.data;
    }
    if (s.isMcpFile) {
        const qint64 total = side.data.size();
        return scanner.scanFile(side, [progress, total](qint64 done) {
            if (!progress)
                return true;
            progress->setProgress(done, total);
            return !progress->isCancelled();
        });
    }
    scanner.addRecords(side, s.records);
    return success();
}

} // namespace tapedeck
