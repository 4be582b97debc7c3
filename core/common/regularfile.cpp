// SPDX-License-Identifier: MIT
// Non-blocking opening of regular files.
#include "core/common/regularfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tapedeck {

QString RegularFile::kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return tr("a folder");
    if (S_ISFIFO(mode))
        return tr("a FIFO (named pipe)");
    if (S_ISSOCK(mode))
        return tr("a socket");
    if (S_ISCHR(mode))
        return tr("a character device");
    if (S_ISBLK(mode))
        return tr("a block device");
    if (S_ISLNK(mode))
        return tr("a symbolic link");
    return tr("a special file");
}

Result<int> RegularFile::open(const QString &path, Links links)
{
    const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (links == Links::Refuse ? O_NOFOLLOW : 0);
    const int fd = ::open(QFile::encodeName(path).constData(), flags);
    if (fd < 0) {
        const int error = errno;
        if (error == ELOOP && links == Links::Refuse)
            return makeError(
                ErrorCode::Io, tr("%1 is a symbolic link; links are not followed here").arg(path));
        return makeError(ErrorCode::Io,
            tr("%1 could not be opened: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0) {
        const int error = errno;
        ::close(fd);
        return makeError(ErrorCode::Io,
            tr("%1 could not be read: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError(ErrorCode::Io, tr("%1 is %2, not a regular file").arg(path, kindOf(st.st_mode)));
    }
    // Regular files never block; the flag goes so that later reads behave as usual.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

Status RegularFile::open(QFile &file, const QString &path, Links links)
{
    const Result<int> fd = open(path, links);
    if (!fd)
        return fd.error();
    if (!file.open(*fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(*fd);
        return makeError(ErrorCode::Io, tr("%1 could not be opened: %2").arg(path, file.errorString()));
    }
    return success();
}

} // namespace tapedeck
