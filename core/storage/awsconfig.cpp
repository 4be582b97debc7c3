// SPDX-License-Identifier: MIT
// The AWS CLI v2's resolution of credentials, region, endpoint and S3 addressing, from its vendored
// botocore (credentials.py create_credential_resolver, session.py full_config, configloader.py) and the
// AWS CLI's documentation for the settings 2.9 predates (AWS_ENDPOINT_URL*, endpoint_url, [services]).
#include "core/storage/awsconfig.h"

#include "core/common/controlchars.h"
#include "core/storage/inifile.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <atomic>

namespace tapedeck {

namespace {

std::atomic<int> s_processTimeoutMs { 30000 };

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(escapeControls(path));
}

QString where(const IniFile &file, int line)
{
    return AwsConfig::tr("%1, line %2").arg(shown(file.path)).arg(line);
}

// The environment's value, empty when unset (botocore treats AWS_* variables set to "" as unset almost
// everywhere; Tapedeck does everywhere).
QString env(const QProcessEnvironment &environment, const char *name)
{
    return environment.value(QString::fromLatin1(name)).trimmed();
}

// os.path.expandvars then os.path.expanduser, with the given environment's variables and HOME.
QString expandPath(const QString &path, const QProcessEnvironment &environment, const QString &home)
{
    static const QRegularExpression variable(QStringLiteral("\\$(\\w+|\\{[^}]*\\})"));
    QString out;
    qsizetype last = 0;
    for (auto it = variable.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString name = m.captured(1);
        if (name.startsWith(u'{'))
            name = name.mid(1, name.size() - 2);
        out += path.mid(last, m.capturedStart() - last);
        out += environment.contains(name) ? environment.value(name) : m.captured();
        last = m.capturedEnd();
    }
    out += path.mid(last);
    if (out == u"~")
        return home;
    if (out.startsWith(QLatin1String("~/")))
        return home + out.mid(1);
    return out;
}

bool isTrue(const QString &value)
{
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

// One setting of the profile and where it was written.
struct Setting
{
    QString value;
    const IniFile *file = nullptr;
    const IniOption *option = nullptr;

    QString where() const { return tapedeck::where(*file, option->line); }
};

// A profile as botocore's session.full_config sees it: the config file's section, with the credentials
// file's section of the same name laid over it (its values win, for every setting, region included).
struct Profile
{
    QString name;
    const IniFile *config = nullptr;
    const IniSection *configSection = nullptr;
    const IniFile *credentials = nullptr;
    const IniSection *credentialsSection = nullptr;

    bool exists() const { return configSection || credentialsSection; }

    std::optional<Setting> get(QStringView key) const
    {
        if (credentialsSection) {
            if (const IniOption *o = credentialsSection->option(key))
                return Setting { o->value, credentials, o };
        }
        if (configSection) {
            if (const IniOption *o = configSection->option(key))
                return Setting { o->value, config, o };
        }
        return std::nullopt;
    }

    // "[profile dev]" or "[default]", as the config file names it.
    QString configHeader() const
    {
        return configSection
            ? u'[' + configSection->name + u']'
            : (name == u"default" ? QStringLiteral("[default]") : QStringLiteral("[profile %1]").arg(name));
    }
};

// build_profile_map: "[default]" and "[profile NAME]" (NAME shlex-split, so it may be quoted); the last
// section that names the profile wins.
const IniSection *configProfile(
    const IniFile &config, const QString &name, const QString &kind = QStringLiteral("profile"))
{
    const IniSection *found = nullptr;
    for (const IniSection &section : config.sections) {
        if (kind == u"profile" && section.name == u"default") {
            if (name == u"default")
                found = &section;
            continue;
        }
        if (!section.name.startsWith(kind))
            continue;
        const std::optional<QStringList> parts = AwsConfig::splitCommand(section.name);
        // botocore checks only the prefix: "[profiles x]" names the profile x as well.
        if (parts && parts->size() == 2 && parts->at(1) == name)
            found = &section;
    }
    return found;
}

Error passwordError(const QString &message)
{
    return makeError(ErrorCode::Password, message);
}

// botocore's validate_region_name: one host label, not all digits.
bool validRegion(const QString &region)
{
    static const QRegularExpression label(QStringLiteral("^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$"));
    return label.match(region).hasMatch();
}

// An endpoint URL as botocore accepts it: http or https, a host, nothing after the path.
std::optional<QUrl> parseEndpoint(const QString &text)
{
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()
        || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return std::nullopt;
    return url;
}

struct ProcessOutcome
{
    std::optional<AwsCredentials> credentials;
    QString problem; // why not, for the message (never the process's standard output)
};

QString firstLine(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes).trimmed();
    text = text.section(u'\n', 0, 0).trimmed();
    if (text.size() > 200)
        text = text.left(200) + QStringLiteral("…");
    return escapeControls(text);
}

ProcessOutcome runCredentialProcess(const QString &command, const QProcessEnvironment &environment)
{
    const std::optional<QStringList> argv = AwsConfig::splitCommand(command);
    if (!argv)
        return { std::nullopt, AwsConfig::tr("its command has an unclosed quote or a trailing backslash") };
    if (argv->isEmpty())
        return { std::nullopt, AwsConfig::tr("its command is empty") };
    QString program = argv->front();
    if (!program.contains(u'/')) {
        // Popen looks the program up in the PATH the process gets, not in Tapedeck's own.
        const QString found = QStandardPaths::findExecutable(
            program, environment.value(QStringLiteral("PATH")).split(u':', Qt::SkipEmptyParts));
        if (found.isEmpty())
            return { std::nullopt,
                AwsConfig::tr("%1 is not a program in the PATH").arg(escapeControls(program)) };
        program = found;
    }
    QProcess process;
    process.setProgram(program);
    process.setArguments(argv->mid(1));
    process.setProcessEnvironment(environment);
    // As the AWS CLI runs it: the terminal's standard input (a helper may ask for an MFA code), standard
    // output and error captured.
    process.setInputChannelMode(QProcess::ForwardedInputChannel);
    process.start();
    if (!process.waitForStarted())
        return {
            std::nullopt,
            AwsConfig::tr("%1 could not be started: %2").arg(escapeControls(program), process.errorString())
        };
    const int timeoutMs = s_processTimeoutMs.load();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return { std::nullopt,
            AwsConfig::tr("it did not finish within %n second(s)", nullptr, std::max(1, timeoutMs / 1000)) };
    }
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit)
        return { std::nullopt, AwsConfig::tr("it crashed") };
    if (process.exitCode() != 0) {
        const QString said = firstLine(err);
        return { std::nullopt,
            said.isEmpty() ? AwsConfig::tr("it exited with code %1").arg(process.exitCode())
                           : AwsConfig::tr("it exited with code %1: %2").arg(process.exitCode()).arg(said) };
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &parseError);
    const QString expected = AwsConfig::tr(
        "a JSON object with Version 1, AccessKeyId, SecretAccessKey and optionally SessionToken");
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return { std::nullopt, AwsConfig::tr("it printed something other than %1").arg(expected) };
    const QJsonObject json = doc.object();
    const QJsonValue version = json.value(u"Version");
    if (!version.isDouble() || version.toDouble() != 1.0) {
        QString shownVersion = AwsConfig::tr("no Version");
        if (version.isDouble())
            shownVersion = AwsConfig::tr("Version %1").arg(version.toDouble());
        else if (version.isString())
            shownVersion = AwsConfig::tr("Version \"%1\"").arg(escapeControls(version.toString().left(20)));
        else if (!version.isUndefined())
            shownVersion = AwsConfig::tr("a Version that is not a number");
        return { std::nullopt,
            AwsConfig::tr("it printed %1; the AWS CLI and Tapedeck read Version 1").arg(shownVersion) };
    }
    AwsCredentials credentials;
    const QJsonValue key = json.value(u"AccessKeyId");
    const QJsonValue secret = json.value(u"SecretAccessKey");
    const QJsonValue token = json.value(u"SessionToken");
    if (!key.isString() || key.toString().isEmpty())
        return { std::nullopt, AwsConfig::tr("its JSON has no AccessKeyId") };
    if (!secret.isString() || secret.toString().isEmpty())
        return { std::nullopt, AwsConfig::tr("its JSON has no SecretAccessKey") };
    if (!token.isUndefined() && !token.isNull() && !token.isString())
        return { std::nullopt, AwsConfig::tr("its SessionToken is not a string") };
    credentials.accessKeyId = key.toString();
    credentials.secretAccessKey = secret.toString();
    credentials.sessionToken = token.toString();
    return { credentials, {} };
}

// The AWS CLI features Tapedeck does not implement that would give this profile its credentials before
// the shared files do (botocore's providers ahead of SharedCredentialProvider).
std::optional<QString> unsupportedSource(
    const Profile &profile, bool environmentAllowed, const QProcessEnvironment &environment)
{
    if (profile.get(u"role_arn"))
        return AwsConfig::tr("assumes a role (role_arn)");
    if (profile.get(u"web_identity_token_file"))
        return AwsConfig::tr("uses a web identity token (web_identity_token_file)");
    if (profile.get(u"sso_session") || profile.get(u"sso_start_url"))
        return AwsConfig::tr("signs in with IAM Identity Center (SSO)");
    if (environmentAllowed && !env(environment, "AWS_ROLE_ARN").isEmpty()
        && !env(environment, "AWS_WEB_IDENTITY_TOKEN_FILE").isEmpty())
        return AwsConfig::tr("gets a web identity from AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE");
    return std::nullopt;
}

} // namespace

void AwsConfig::setCredentialProcessTimeout(int milliseconds)
{
    s_processTimeoutMs.store(std::max(1, milliseconds));
}

std::optional<QStringList> AwsConfig::splitCommand(const QString &command)
{
    // shlex.split(s): posix=True, whitespace_split=True, no comments.
    const auto isSpace = [](QChar c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n'; };
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command[i];
        if (isSpace(c)) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else if (c == u'\'') {
            inWord = true;
            const qsizetype close = command.indexOf(u'\'', i + 1);
            if (close < 0)
                return std::nullopt;
            word += command.mid(i + 1, close - i - 1);
            i = close;
        } else if (c == u'"') {
            inWord = true;
            for (++i;; ++i) {
                if (i >= command.size())
                    return std::nullopt;
                if (command[i] == u'"')
                    break;
                if (command[i] == u'\\') {
                    if (i + 1 >= command.size())
                        return std::nullopt;
                    // In double quotes a backslash escapes only '"' and itself.
                    if (command[i + 1] != u'"' && command[i + 1] != u'\\')
                        word += u'\\';
                    ++i;
                }
                word += command[i];
            }
        } else if (c == u'\\') {
            if (i + 1 >= command.size())
                return std::nullopt;
            inWord = true;
            word += command[++i];
        } else {
            inWord = true;
            word += c;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

Result<S3Config> AwsConfig::resolve(const S3Options &options, const QProcessEnvironment &environment)
{
    QString home = environment.value(QStringLiteral("HOME"));
    if (home.isEmpty())
        home = QDir::homePath();
    const auto filePath = [&](const char *variable, const char *fallback) {
        const QString given = env(environment, variable);
        return QDir::cleanPath(
            expandPath(given.isEmpty() ? QString::fromLatin1(fallback) : given, environment, home));
    };
    Result<IniFile> config = IniFile::read(filePath("AWS_CONFIG_FILE", "~/.aws/config"));
    if (!config)
        return config.error();
    Result<IniFile> credentialsFile
        = IniFile::read(filePath("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"));
    if (!credentialsFile)
        return credentialsFile.error();

    S3Config result;
    // The profile: --profile, else AWS_PROFILE (then AWS_DEFAULT_PROFILE, which the AWS CLI v2 still reads),
    // else "default". A profile named on purpose must exist; "default" may be missing.
    const bool explicitProfile = !options.profile.isEmpty();
    QString profileName = options.profile;
    QString profileFrom = QStringLiteral("--profile");
    for (const char *variable : { "AWS_PROFILE", "AWS_DEFAULT_PROFILE" }) {
        if (profileName.isEmpty()) {
            profileName = env(environment, variable);
            profileFrom = QString::fromLatin1(variable);
        }
    }
    const bool namedProfile = !profileName.isEmpty();
    if (!namedProfile)
        profileName = QStringLiteral("default");
    result.profile = profileName;

    Profile profile;
    profile.name = profileName;
    profile.config = &*config;
    profile.configSection = configProfile(*config, profileName);
    profile.credentials = &*credentialsFile;
    profile.credentialsSection = credentialsFile->section(profileName);
    if (namedProfile && !profile.exists())
        return makeError(ErrorCode::Usage,
            tr("The AWS profile \"%1\" (from %2) is in neither %3 nor %4.")
                .arg(escapeControls(profileName), profileFrom, shown(credentialsFile->path),
                    shown(config->path)));

    // Credentials, in botocore's order: the environment (unless --profile named a profile: then the
    // profile wins over AWS_ACCESS_KEY_ID, while AWS_PROFILE does not), the credentials file, the profile's
    // credential_process, the config file.
    const QString missingFile = tr(" (no such file)");
    std::optional<AwsCredentials> found;
    if (!explicitProfile) {
        result.searched.append(tr("environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"));
        const QString key = env(environment, "AWS_ACCESS_KEY_ID");
        if (!key.isEmpty()) {
            const QString secret = env(environment, "AWS_SECRET_ACCESS_KEY");
            if (secret.isEmpty())
                return passwordError(
                    tr("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or "
                       "unset AWS_ACCESS_KEY_ID to use a profile."));
            AwsCredentials c;
            c.accessKeyId = key;
            c.secretAccessKey = secret;
            // botocore's EnvProvider.TOKENS order.
            c.sessionToken = env(environment, "AWS_SECURITY_TOKEN");
            if (c.sessionToken.isEmpty())
                c.sessionToken = env(environment, "AWS_SESSION_TOKEN");
            c.origin = tr("the environment (AWS_ACCESS_KEY_ID)");
            found = c;
        }
    }
    if (!found) {
        if (const std::optional<QString> what = unsupportedSource(profile, !explicitProfile, environment))
            return passwordError(
                tr("The AWS profile \"%1\" %2, which Tapedeck does not do; give it credentials "
                   "another way, e.g. credential_process = aws configure export-credentials "
                   "--profile %1 --format process in a profile of its own.")
                    .arg(escapeControls(profileName), *what));
    }
    // Keys of the shared files: aws_access_key_id present means this file answers (botocore), and then the
    // secret must be there too.
    const auto keysFrom = [&](const IniFile &file, const IniSection *section,
                              const QString &origin) -> std::optional<Result<AwsCredentials>> {
        if (!section)
            return std::nullopt;
        const IniOption *key = section->option(u"aws_access_key_id");
        if (!key)
            return std::nullopt;
        const IniOption *secret = section->option(u"aws_secret_access_key");
        if (!secret || secret->value.isEmpty() || key->value.isEmpty())
            return Result<AwsCredentials>(
                passwordError(tr("%1: the profile \"%2\" sets %3 but not %4.")
                                  .arg(where(file, key->line), escapeControls(profileName),
                                      key->value.isEmpty() ? QStringLiteral("aws_access_key_id =")
                                                           : QStringLiteral("aws_access_key_id"),
                                      QStringLiteral("aws_secret_access_key"))));
        AwsCredentials c;
        c.accessKeyId = key->value;
        c.secretAccessKey = secret->value;
        for (const char16_t *tokenKey : { u"aws_security_token", u"aws_session_token" }) {
            if (const IniOption *token = section->option(QStringView(tokenKey));
                token && c.sessionToken.isEmpty())
                c.sessionToken = token->value;
        }
        c.origin = origin;
        return Result<AwsCredentials>(c);
    };
    if (!found) {
        result.searched.append(QStringLiteral("%1 [%2]%3")
                                   .arg(shown(credentialsFile->path), escapeControls(profileName),
                                       credentialsFile->exists ? QString() : missingFile));
        if (auto keys = keysFrom(*credentialsFile, profile.credentialsSection,
                tr("profile \"%1\" in %2").arg(escapeControls(profileName), shown(credentialsFile->path)))) {
            if (!*keys)
                return keys->error();
            found = keys->value();
        }
    }
    if (!found) {
        if (const std::optional<Setting> process = profile.get(u"credential_process")) {
            const QString origin
                = tr("credential_process of profile \"%1\"").arg(escapeControls(profileName));
            result.searched.append(origin);
            ProcessOutcome outcome = runCredentialProcess(process->value, environment);
            if (!outcome.credentials)
                return passwordError(
                    tr("The credential_process of the AWS profile \"%1\" (%2) failed: %3.")
                        .arg(escapeControls(profileName), process->where(), outcome.problem));
            outcome.credentials->origin = origin;
            found = outcome.credentials;
        }
    }
    if (!found) {
        result.searched.append(QStringLiteral("%1 %2%3").arg(shown(config->path),
            escapeControls(profile.configHeader()), config->exists ? QString() : missingFile));
        if (auto keys = keysFrom(*config, profile.configSection,
                tr("profile \"%1\" in %2").arg(escapeControls(profileName), shown(config->path)))) {
            if (!*keys)
                return keys->error();
            found = keys->value();
        }
    }
    if (!found)
        return passwordError(tr("No AWS credentials found; looked in: %1. Set AWS_ACCESS_KEY_ID and "
                                "AWS_SECRET_ACCESS_KEY, or a profile (aws configure).")
                                 .arg(result.searched.join(QStringLiteral("; "))));
    result.credentials = *found;

    // Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1.
    QString regionFrom;
    if (!options.region.isEmpty()) {
        result.region = options.region.trimmed();
        regionFrom = QStringLiteral("--region");
    } else {
        for (const char *variable : { "AWS_REGION", "AWS_DEFAULT_REGION" }) {
            if (result.region.isEmpty()) {
                result.region = env(environment, variable);
                regionFrom = QString::fromLatin1(variable);
            }
        }
    }
    if (result.region.isEmpty()) {
        if (const std::optional<Setting> region = profile.get(u"region");
            region && !region->value.isEmpty()) {
            if (!validRegion(region->value))
                return makeError(ErrorCode::InvalidInput,
                    tr("%1: \"%2\" is not a region name.")
                        .arg(region->where(), escapeControls(region->value)));
            result.region = region->value;
        }
    } else if (!validRegion(result.region)) {
        return makeError(ErrorCode::Usage,
            tr("\"%1\" (from %2) is not a region name.").arg(escapeControls(result.region), regionFrom));
    }
    if (result.region.isEmpty())
        result.region = QStringLiteral("us-east-1");

    // The profile's "s3 =" block: addressing_style.
    if (const std::optional<Setting> s3 = profile.get(u"s3"); s3 && s3->value.startsWith(u'\n')) {
        Result<QList<QPair<QString, QString>>> nested = IniFile::nested(*s3->option, s3->file->path);
        if (!nested)
            return nested.error();
        for (const auto &[name, value] : *nested) {
            if (name != u"addressing_style")
                continue;
            if (value == u"auto")
                result.addressing = AddressingStyle::Auto;
            else if (value == u"path")
                result.addressing = AddressingStyle::Path;
            else if (value == u"virtual")
                result.addressing = AddressingStyle::Virtual;
            else
                return makeError(ErrorCode::InvalidInput,
                    tr("%1: addressing_style is auto, virtual or path, not \"%2\".")
                        .arg(s3->where(), escapeControls(value)));
        }
    }

    // Endpoint: --endpoint-url; unless configured endpoints are ignored, AWS_ENDPOINT_URL_S3,
    // AWS_ENDPOINT_URL, the s3 endpoint_url of the profile's [services] section, the profile's endpoint_url;
    // else AWS's for the region.
    if (!options.endpointUrl.isEmpty()) {
        const std::optional<QUrl> url = parseEndpoint(options.endpointUrl.trimmed());
        if (!url)
            return makeError(ErrorCode::Usage,
                tr("--endpoint-url %1 is not an http:// or https:// URL.")
                    .arg(escapeControls(options.endpointUrl)));
        result.endpoint = *url;
        result.customEndpoint = true;
    } else {
        const std::optional<Setting> ignoreSetting = profile.get(u"ignore_configured_endpoint_urls");
        const bool ignore = isTrue(env(environment, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
            || (ignoreSetting && isTrue(ignoreSetting->value));
        if (!ignore) {
            for (const char *variable : { "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL" }) {
                const QString value = env(environment, variable);
                if (value.isEmpty() || result.customEndpoint)
                    continue;
                const std::optional<QUrl> url = parseEndpoint(value);
                if (!url)
                    return makeError(ErrorCode::Usage,
                        tr("%1=%2 is not an http:// or https:// URL.")
                            .arg(QString::fromLatin1(variable), escapeControls(value)));
                result.endpoint = *url;
                result.customEndpoint = true;
            }
            std::optional<Setting> configured;
            if (const std::optional<Setting> services = profile.get(u"services");
                services && !result.customEndpoint) {
                if (const IniSection *section
                    = configProfile(*config, services->value, QStringLiteral("services"))) {
                    if (const IniOption *s3 = section->option(u"s3"); s3 && s3->value.startsWith(u'\n')) {
                        Result<QList<QPair<QString, QString>>> nested = IniFile::nested(*s3, config->path);
                        if (!nested)
                            return nested.error();
                        for (const auto &[name, value] : *nested) {
                            if (name == u"endpoint_url")
                                configured = Setting { value, &*config, s3 };
                        }
                    }
                }
            }
            if (!configured && !result.customEndpoint)
                configured = profile.get(u"endpoint_url");
            if (configured && !configured->value.isEmpty()) {
                const std::optional<QUrl> url = parseEndpoint(configured->value);
                if (!url)
                    return makeError(ErrorCode::InvalidInput,
                        tr("%1: endpoint_url %2 is not an http:// or https:// URL.")
                            .arg(configured->where(), escapeControls(configured->value)));
                result.endpoint = *url;
                result.customEndpoint = true;
            }
        }
    }
    if (!result.customEndpoint)
        result.endpoint = QUrl(QStringLiteral("https://s3.%1.amazonaws.com").arg(result.region));
    return result;
}

} // namespace tapedeck
