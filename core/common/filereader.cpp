// SPDX-License-Identifier: MIT
// Whole-file reads with pread, split across two threads for large files.
#include "core/common/filereader.h"

#include "core/common/regularfile.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

namespace tapedeck {

namespace {

constexpr qint64 SplitAbove = qint64(16) << 20;

// Faults in the whole pages of [data, data + size) in one call (Linux 5.14+), instead of one page fault per
// 4 KiB page while reading into it; nothing happens where that is not supported.
void populate(char *data, qint64 size)
{
#ifdef MADV_POPULATE_WRITE
    constexpr quintptr Page = 4096;
    const quintptr begin = (quintptr(data) + Page - 1) & ~(Page - 1);
    const quintptr end = (quintptr(data) + quintptr(size)) & ~(Page - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), size_t(end - begin), MADV_POPULATE_WRITE);
#else
    Q_UNUSED(data);
    Q_UNUSED(size);
#endif
}

// Reads [offset, offset + length) fully; errno is kept on failure.
bool readRange(int fd, char *into, qint64 offset, qint64 length)
{
    if (length >= SplitAbove / 2)
        populate(into, length);
    while (length > 0) {
        const ssize_t n = ::pread(fd, into, size_t(length), off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        into += n;
        offset += n;
        length -= n;
    }
    return true;
}

} // namespace

Result<QByteArray> FileReader::readAll(const QString &path)
{
    const Result<int> opened = RegularFile::open(path);
    if (!opened)
        return opened.error();
    const int fd = *opened;
    const off_t size = ::lseek(fd, 0, SEEK_END);
    if (size < 0) {
        ::close(fd);
        return makeError(ErrorCode::Io,
            tr("%1 could not be read: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    QByteArray data(qsizetype(size), Qt::Uninitialized);
    bool ok = true;
    if (size >= SplitAbove && std::thread::hardware_concurrency() > 1) {
        const qint64 half = qint64(size) / 2;
        bool secondOk = true;
        std::thread second([&] { secondOk = readRange(fd, data.data() + half, half, qint64(size) - half); });
        ok = readRange(fd, data.data(), 0, half);
        second.join();
        ok = ok && secondOk;
    } else {
        ok = readRange(fd, data.data(), 0, qint64(size));
    }
    const int error = errno;
    ::close(fd);
    if (!ok)
        return makeError(ErrorCode::Io,
            tr("%1 could not be read completely: %2")
                .arg(path, QString::fromLocal8Bit(std::strerror(error))));
    return data;
}

} // namespace tapedeck
