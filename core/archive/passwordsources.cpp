// SPDX-License-Identifier: MIT
// Password source resolution and the no-echo terminal prompt.
#include "core/archive/passwordsources.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace tapedeck {

Result<std::optional<PasswordSources::Resolved>> PasswordSources::resolve(
    const PasswordOptions &options, const QProcessEnvironment &environment)
{
    using Found = std::optional<Resolved>;
    if (options.password)
        return Found(Resolved { *options.password, Origin::Option });
    if (options.passwordFile) {
        QFile file(*options.passwordFile);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io,
                tr("the password file %1 could not be read: %2")
                    .arg(*options.passwordFile, file.errorString()));
        QByteArray content = file.readAll();
        // Only the line ending a text editor adds is stripped: spaces may be part of a password.
        if (content.endsWith('\n'))
            content.chop(1);
        if (content.endsWith('\r'))
            content.chop(1);
        if (content.isEmpty())
            return makeError(
                ErrorCode::Password, tr("the password file %1 is empty").arg(*options.passwordFile));
        return Found(Resolved { QString::fromUtf8(content), Origin::File });
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
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin))
        line.append(char(c));
    if (haveTermios)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (line.endsWith('\r'))
        line.chop(1);
    const QString password = QString::fromUtf8(line);
    line.fill('\0'); // best effort: do not leave the typed password in a freed buffer
    return password;
}

} // namespace tapedeck
