// SPDX-License-Identifier: MIT
// DiffFile: pread on a descriptor kept open, and the file's identity (size, modification time).
#include "core/diff/diffside.h"

#include "core/common/regularfile.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace tapedeck {

namespace {

QString reason(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

qint64 modifiedNs(const struct stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

} // namespace

Result<std::shared_ptr<DiffFile>> DiffFile::open(const QString &path)
{
    const Result<int> opened = RegularFile::open(path);
    if (!opened)
        return opened.error();
    const int fd = *opened;
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError(ErrorCode::Io, tr("%1 could not be read: %2").arg(path, reason(error)));
    }
    std::shared_ptr<DiffFile> file(new DiffFile);
    file->m_fd = fd;
    file->m_path = path;
    file->m_size = qint64(st.st_size);
    file->m_modified = modifiedNs(st);
    return file;
}

DiffFile::~DiffFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status DiffFile::read(qint64 offset, char *into, qint64 length) const
{
    while (length > 0) {
        const ssize_t n = ::pread(m_fd, into, size_t(length), off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            return makeError(ErrorCode::Io,
                tr("%1 could not be read completely: %2")
                    .arg(m_path, n < 0 ? reason(errno) : tr("it got shorter")));
        }
        into += n;
        offset += n;
        length -= n;
    }
    return success();
}

Result<QByteArray> DiffFile::span(qint64 begin, qint64 end) const
{
    QByteArray out(qsizetype(end - begin), Qt::Uninitialized);
    if (Status s = read(begin, out.data(), end - begin); !s)
        return s.error();
    return out;
}

Status DiffFile::checkUnchanged() const
{
    struct stat st;
    if (::fstat(m_fd, &st) != 0 || qint64(st.st_size) != m_size || modifiedNs(st) != m_modified)
        return makeError(ErrorCode::InvalidInput, tr("%1 changed while it was being compared").arg(m_path));
    return success();
}

QString DiffFile::position(qint64 offset) const
{
    qint64 line = 1;
    qint64 column = 1;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (qint64 done = 0; done < offset;) {
        const qint64 n = std::min<qint64>(chunk.size(), offset - done);
        if (!read(done, chunk.data(), n))
            break;
        for (qint64 i = 0; i < n; ++i) {
            const char c = chunk[qsizetype(i)];
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((uchar(c) & 0xc0) != 0x80) {
                ++column;
            }
        }
        done += n;
    }
    return tr("line %1, column %2").arg(line).arg(column);
}

} // namespace tapedeck
