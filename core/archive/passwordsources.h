// SPDX-License-Identifier: MIT
// Where a recording password comes from, in DataHub's order: option, file, environment, then a prompt.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <optional>

namespace tapedeck {

struct PasswordOptions
{
    std::optional<QString> password; // --password
    std::optional<QString> passwordFile; // --password-file
    // How long a password file that is a pipe or FIFO may take to deliver its first line.
    int pipeWaitMs = 10000;
};

class PasswordSources
{
    Q_DECLARE_TR_FUNCTIONS(PasswordSources)

public:
    enum class Origin { Option, File, RecordingEnvironment, AdminEnvironment, Prompt };

    struct Resolved
    {
        QString password;
        Origin origin;
    };

    // A password is one line; a password file whose first line is longer is refused unread.
    static constexpr qsizetype MaxLineLength = 4096;

    // Option, file, DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD (empty variables count as unset, as in
    // DataHub). nullopt when no source is set; an error when the password file cannot be read. Only the
    // file's first line is read (without its \n or \r\n), at most MaxLineLength bytes: the file may be
    // endless (/dev/zero) or a pipe (--password-file <(pass show x)), which gets options.pipeWaitMs.
    static Result<std::optional<Resolved>> resolve(const PasswordOptions &options,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    static QString originName(Origin origin);

    // Reads a password from the terminal with echo off. nullopt when stdin is not a terminal.
    static std::optional<QString> promptOnTerminal(const QString &prompt);
    static bool stdinIsTerminal();
};

} // namespace tapedeck
