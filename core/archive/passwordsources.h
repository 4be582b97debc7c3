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

    // Option, file, DATAHUB_RECORDING_PASSWORD, ADMIN_PASSWORD (empty variables count as unset, as in
    // DataHub). nullopt when no source is set; an error when the password file cannot be read.
    static Result<std::optional<Resolved>> resolve(const PasswordOptions &options,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    static QString originName(Origin origin);

    // Reads a password from the terminal with echo off. nullopt when stdin is not a terminal.
    static std::optional<QString> promptOnTerminal(const QString &prompt);
    static bool stdinIsTerminal();
};

} // namespace tapedeck
