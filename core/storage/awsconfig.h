// SPDX-License-Identifier: MIT
// Credentials, region and endpoint resolved as the AWS CLI resolves them (DESIGN.md §8): flags, then the
// environment, then the profile in the shared files (~/.aws/credentials, ~/.aws/config), with
// credential_process. Secrets are never logged and never written anywhere.
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace tapedeck {

// What the user chose on the command line or in a saved GUI location; empty means "not given".
struct S3Options
{
    QString profile; // --profile (wins over AWS_PROFILE and over the credential environment variables)
    QString region; // --region
    QString endpointUrl; // --endpoint-url
    bool noCache = false; // --no-cache: download to a temporary file, never into the cache
};

struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty unless temporary credentials
    // Where they came from, for messages: "the environment (AWS_ACCESS_KEY_ID)", "profile \"dev\" in
    // /home/u/.aws/credentials", "credential_process of profile \"dev\"". Never contains a secret.
    QString origin;
};

enum class AddressingStyle { Auto, Path, Virtual };

struct S3Config
{
    AwsCredentials credentials;
    QString region; // never empty: us-east-1 when nothing names one
    QUrl endpoint; // scheme://host[:port][/base path]; https://s3.<region>.amazonaws.com when not custom
    bool customEndpoint = false; // from --endpoint-url, AWS_ENDPOINT_URL(_S3) or the profile
    AddressingStyle addressing = AddressingStyle::Auto; // the profile's "s3 = addressing_style"
    QString profile; // the profile used ("default" when none is named)
    // Every place looked at, in order, for the "no credentials" message and `--debug`-style reports:
    // "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", "/root/.aws/credentials [default]", …
    QStringList searched;
};

class AwsConfig
{
    Q_DECLARE_TR_FUNCTIONS(AwsConfig)

public:
    // Resolves everything. Missing credentials are a Password error (exit 3) whose one-line message
    // names every place looked at; an unreadable or malformed shared file is an InvalidInput error naming
    // the file and line; a credential_process that fails, hangs (30 s) or prints something that is not its
    // JSON (Version 1, AccessKeyId, SecretAccessKey, optional SessionToken/Expiration) is a Password error
    // naming the profile. A named profile that exists in neither file is a Usage error.
    static Result<S3Config> resolve(const S3Options &options,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // credential_process split into its program and arguments as the AWS CLI splits it (Python's
    // shlex.split: POSIX quoting and backslashes, no variables, no globbing, no shell); nullopt for an
    // unclosed quote or a trailing backslash.
    static std::optional<QStringList> splitCommand(const QString &command);

    // For tests: how long a credential_process may run before it is killed (30 s unless set).
    static void setCredentialProcessTimeout(int milliseconds);
};

} // namespace tapedeck
