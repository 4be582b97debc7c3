// SPDX-License-Identifier: MIT
// Password source resolution and the no-echo terminal prompt.
#include "core/archive/passwordsources.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QScopeGuard>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace tapedeck {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The first line of path without its '\n', read without ever blocking for longer than waitMs: a FIFO
// nobody writes to, a terminal or an endless device must not hang the command.
Result<QByteArray> readFirstLine(const QString &path, int waitMs)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return makeError(ErrorCode::Io,
            PasswordSources::tr("the password file %1 could not be read: %2").arg(path, systemError(errno)));
    const auto closer = qScopeGuard([fd] { ::close(fd); });
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0)
        return makeError(ErrorCode::Io,
            PasswordSources::tr("the password file %1 could not be read: %2").arg(path, systemError(errno)));
    if (S_ISDIR(st.st_mode))
        return makeError(ErrorCode::Io, PasswordSources::tr("the password file %1 is a folder").arg(path));
    const bool regular = S_ISREG(st.st_mode);
    QDeadlineTimer deadline(waitMs);
    QByteArray line;
    char buffer[512];
    for (;;) {
        if (!regular) {
            pollfd poller { fd, POLLIN, 0 };
            const int ready = ::poll(&poller, 1, int(deadline.remainingTime()));
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready < 0)
                return makeError(ErrorCode::Io,
                    PasswordSources::tr("the password file %1 could not be read: %2")
                        .arg(path, systemError(errno)));
            if (ready == 0)
                return makeError(ErrorCode::Io,
                    PasswordSources::tr("no password line arrived from %1 within %n seconds", nullptr,
                        int((waitMs + 999) / 1000))
                        .arg(path));
        }
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0)
            return makeError(ErrorCode::Io,
                PasswordSources::tr("the password file %1 could not be read: %2")
                    .arg(path, systemError(errno)));
        const QByteArrayView got(buffer, n);
        const qsizetype newline = got.indexOf('\n');
        line.append(newline < 0 ? got : got.first(newline));
        OPENSSL_cleanse(buffer, sizeof buffer);
        if (line.size() > PasswordSources::MaxLineLength) {
            OPENSSL_cleanse(line.data(), size_t(line.size()));
            return makeError(ErrorCode::Password,
                PasswordSources::tr("the first line of the password file %1 is longer than %2 bytes; it is "
                                    "not a password")
                    .arg(path)
                    .arg(PasswordSources::MaxLineLength));
        }
        if (n == 0 || newline >= 0)
            return line;
    }
}

} // namespace

Result<std::optional<PasswordSources::Resolved>> PasswordSources::resolve(
    const PasswordOptions &options, const QProcessEnvironment &environment)
{
    using Found = std::optional<Resolved>;
    if (options.password)
        return Found(Resolved { *options.password, Origin::Option });
    if (options.passwordFile) {
        Result<QByteArray> line = readFirstLine(*options.passwordFile, options.pipeWaitMs);
        if (!line)
            return line.error();
        // Only the line ending is stripped: spaces may be part of a password.
        if (line->endsWith('\r'))
            line->chop(1);
        if (line->isEmpty())
            return makeError(
                ErrorCode::Password, tr("the password file %1 is empty").arg(*options.passwordFile));
        const QString password = QString::fromUtf8(*line);
        OPENSSL_cleanse(line->data(), size_t(line->size()));
        return Found(Resolved { password, Origin::File });
    }
    const QString recording = environment.value(QStringLiteral("DATAHUB_RECORDING_PASSWORD"));
    if (!recording.isEmpty())
        return Found(Resolved { recording, Origin::RecordingEnvironment });
    const QString admin = environment.value(QStringLiteral("ADMIN_PASSWORD"));
    if (!admin.isEmpty())
        return Found(Resolved { admin, Origin::AdminEnvironment });
    return Found();
}

QString PasswordSources::originName(Origin origin)
{
    switch (origin) {
    case Origin::Option:
        return tr("--password");
    case Origin::File:
        return tr("--password-file");
    case Origin::RecordingEnvironment:
        return QStringLiteral("DATAHUB_RECORDING_PASSWORD");
    case Origin::AdminEnvironment:
        return QStringLiteral("ADMIN_PASSWORD");
    case Origin::Prompt:
        return tr("prompt");
    }
    return {};
}

bool PasswordSources::stdinIsTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

std::optional<QString> PasswordSources::promptOnTerminal(const QString &prompt)
{
    if (!stdinIsTerminal())
        return std::nullopt;
    // Echo goes off before the prompt appears, so nothing typed in response can ever be echoed.
    termios saved {};
    const bool haveTermios = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTermios) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    QByteArray line;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin)) {
        if (line.size() <= MaxLineLength) // what is typed beyond that is read but not kept
            line.append(char(c));
    }
    if (haveTermios)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (line.endsWith('\r'))
        line.chop(1);
    const QString password = QString::fromUtf8(line);
    line.fill('\0'); // best effort: do not leave the typed password in a freed buffer
    return password;
}

} // namespace tapedeck
