// SPDX-License-Identifier: MIT
// tapedeck-cli plumbing.
#include "app/cli/cli.h"

#include "core/common/bytesize.h"
#include "core/common/controlchars.h"
#include "app/cli/downloadprogress.h"
#include "core/recording/recordingsource.h"
#include "core/storage/s3download.h"
#include "core/storage/s3location.h"

#include <QFile>
#include <QProcessEnvironment>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace tapedeck {

namespace {

const QString PasswordOption = QStringLiteral("password");
const QString PasswordFileOption = QStringLiteral("password-file");
const QString MaxEntryOption = QStringLiteral("max-entry-size");
const QString MaxTotalOption = QStringLiteral("max-total-size");
const QString MaxRatioOption = QStringLiteral("max-ratio");
const QString ProfileOption = QStringLiteral("profile");
const QString RegionOption = QStringLiteral("region");
const QString EndpointOption = QStringLiteral("endpoint-url");
const QString NoCacheOption = QStringLiteral("no-cache");

void write(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

} // namespace

Cli::~Cli()
{
    for (const QString &path : std::as_const(m_temporaries))
        QFile::remove(path);
}

Cli::Cli()
{
    m_colour = isatty(STDOUT_FILENO) == 1 && qEnvironmentVariableIsEmpty("NO_COLOR")
        && qEnvironmentVariable("TERM") != QLatin1String("dumb");
}

void Cli::out(const QString &text) const
{
    write(stdout, text);
}

void Cli::out(QByteArrayView utf8) const
{
    std::fwrite(utf8.data(), 1, size_t(utf8.size()), stdout);
}

void Cli::err(const QString &text) const
{
    std::fflush(stdout);
    write(stderr, text);
}

QString Cli::paint(const QString &text, Colour colour) const
{
    if (!m_colour || colour == Colour::None)
        return text;
    const char *code = "";
    switch (colour) {
    case Colour::Red:
        code = "\x1b[1;31m";
        break;
    case Colour::Yellow:
        code = "\x1b[33m";
        break;
    case Colour::Green:
        code = "\x1b[32m";
        break;
    case Colour::Bold:
        code = "\x1b[1m";
        break;
    case Colour::Dim:
        code = "\x1b[2m";
        break;
    case Colour::None:
        break;
    }
    return QLatin1String(code) + text + QLatin1String("\x1b[0m");
}

QString Cli::table(const QList<QStringList> &rows,
    const QList<std::function<Colour(const QString &)>> &colours, int indent) const
{
    QList<QStringList> escaped;
    escaped.reserve(rows.size());
    for (const QStringList &row : rows) {
        QStringList cells;
        cells.reserve(row.size());
        for (const QString &cell : row)
            cells.append(escapeControls(cell));
        escaped.append(cells);
    }
    QList<qsizetype> widths;
    for (const QStringList &row : std::as_const(escaped)) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths.append(0);
            widths[c] = std::max(widths[c], row.at(c).size());
        }
    }
    QString text;
    for (const QStringList &row : std::as_const(escaped)) {
        QString line(indent, QLatin1Char(' '));
        for (qsizetype c = 0; c < row.size(); ++c) {
            const bool last = c + 1 == row.size();
            const QString cell = last ? row.at(c) : row.at(c).leftJustified(widths.at(c) + 2);
            const Colour colour
                = c < colours.size() && colours.at(c) ? colours.at(c)(row.at(c)) : Colour::None;
            line += paint(cell, colour);
        }
        text += line + QLatin1Char('\n');
    }
    return text;
}

int Cli::fail(const Error &error) const
{
    err(QStringLiteral("tapedeck-cli: ") + escapeControls(error.message) + QLatin1Char('\n'));
    return int(error.code);
}

int Cli::failFilter(const Error &error) const
{
    QStringList lines = error.message.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = escapeControls(line);
    err(QStringLiteral("tapedeck-cli: ") + lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return int(error.code);
}

int Cli::usage(const QString &message) const
{
    const QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.size() > 1 ? arguments.at(1) + QLatin1Char(' ') : QString();
    err(tr("tapedeck-cli: %1 (see \"tapedeck-cli %2--help\")\n")
            .arg(escapeControls(message), escapeControls(command)));
    return int(ErrorCode::Usage);
}

void Cli::warn(const QString &message) const
{
    err(tr("tapedeck-cli: warning: %1\n").arg(escapeControls(message)));
}

std::optional<int> Cli::parse(QCommandLineParser &parser, const QStringList &arguments) const
{
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, tr("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        out(parser.helpText());
        return 0;
    }
    return std::nullopt;
}

void Cli::addPasswordOptions(QCommandLineParser &parser)
{
    parser.addOption({ PasswordOption,
        tr("The archive password (visible to other users in the process list; prefer the alternatives)."),
        tr("password") });
    parser.addOption(
        { PasswordFileOption, tr("Read the archive password from the first line of <file>."), tr("file") });
}

void Cli::addS3Options(QCommandLineParser &parser)
{
    parser.addOption({ ProfileOption,
        tr("The AWS profile for s3:// sources (from ~/.aws/config and ~/.aws/credentials; wins over "
           "AWS_PROFILE and the AWS_ACCESS_KEY_ID environment variables)."),
        tr("name") });
    parser.addOption({ RegionOption, tr("The region of s3:// sources (wins over AWS_REGION and the profile)."),
        tr("region") });
    parser.addOption({ EndpointOption,
        tr("An S3-compatible endpoint for s3:// sources, e.g. http://127.0.0.1:9000 (wins over "
           "AWS_ENDPOINT_URL and the profile)."),
        tr("url") });
    parser.addOption({ NoCacheOption,
        tr("Download s3:// sources to a temporary file removed afterwards, not into the cache.") });
}

S3Options Cli::s3Options(const QCommandLineParser &parser)
{
    S3Options options;
    options.profile = parser.value(ProfileOption);
    options.region = parser.value(RegionOption);
    options.endpointUrl = parser.value(EndpointOption);
    options.noCache = parser.isSet(NoCacheOption);
    return options;
}

Result<QString> Cli::localSource(const QString &argument, const S3Options &s3) const
{
    if (!S3Location::isS3Url(argument))
        return argument;
    const Result<S3Location> location = S3Location::parse(argument);
    if (!location)
        return location.error();
    if (location->isPrefix())
        return makeError(ErrorCode::Usage,
            tr("%1 names a prefix (a folder), not a recording; list it with \"tapedeck-cli list %1\"")
                .arg(location->toString()));
    const Result<S3Config> config = AwsConfig::resolve(s3);
    if (!config)
        return config.error();
    S3Client client(*config);
    S3DownloadOptions options;
    options.useCache = !s3.noCache;
    DownloadProgress progress(*this, location->toString());
    const Result<S3Fetched> fetched = S3Download::fetch(client, *location, options, &progress);
    if (!fetched) {
        if (fetched.error().code == ErrorCode::Cancelled)
            return makeError(ErrorCode(progress.exitCode(int(ErrorCode::Cancelled))),
                tr("the download of %1 was interrupted").arg(location->toString()));
        return fetched.error();
    }
    if (fetched->temporary)
        m_temporaries.append(fetched->path);
    m_downloadNames.insert(fetched->path, location->fileName());
    return fetched->path;
}

void Cli::addLimitOptions(QCommandLineParser &parser)
{
    parser.addOption({ MaxEntryOption,
        tr("Refuse entries larger than <size> uncompressed (default %1; 0 = no limit).")
            .arg(formatByteSize(ExtractionLimits::DefaultMaxEntrySize)),
        tr("size") });
    parser.addOption({ MaxTotalOption,
        tr("Refuse archives larger than <size> uncompressed in total (default %1; 0 = no limit).")
            .arg(formatByteSize(ExtractionLimits::DefaultMaxTotalSize)),
        tr("size") });
    parser.addOption({ MaxRatioOption,
        tr("Refuse entries that expand more than <ratio> times (default %1; 0 = no limit).")
            .arg(ExtractionLimits::DefaultMaxRatio),
        tr("ratio") });
}

PasswordOptions Cli::passwordOptions(const QCommandLineParser &parser)
{
    PasswordOptions options;
    if (parser.isSet(PasswordOption))
        options.password = parser.value(PasswordOption);
    if (parser.isSet(PasswordFileOption))
        options.passwordFile = parser.value(PasswordFileOption);
    return options;
}

Result<ExtractionLimits> Cli::limits(const QCommandLineParser &parser)
{
    ExtractionLimits limits;
    for (const auto &[option, field] : { std::pair { MaxEntryOption, &ExtractionLimits::maxEntrySize },
             std::pair { MaxTotalOption, &ExtractionLimits::maxTotalSize } }) {
        if (!parser.isSet(option))
            continue;
        const std::optional<qint64> size = parseByteSize(parser.value(option));
        if (!size)
            return makeError(ErrorCode::Usage,
                tr("--%1 expects a whole number of bytes such as 512M or 8G (0 = no limit), not \"%2\"")
                    .arg(option, parser.value(option)));
        limits.*field = *size;
    }
    if (parser.isSet(MaxRatioOption)) {
        bool ok = false;
        const QString text = parser.value(MaxRatioOption).trimmed();
        const double ratio = text.toDouble(&ok);
        // QString::toDouble() reads "nan" and "inf"; NaN would switch the check off (every comparison
        // with it is false) and turn into an undefined integer.
        if (!ok || !std::isfinite(ratio) || std::signbit(ratio))
            return makeError(ErrorCode::Usage,
                tr("--%1 expects a non-negative number such as 1000 (0 = no limit), not \"%2\"")
                    .arg(MaxRatioOption, parser.value(MaxRatioOption)));
        limits.maxRatio = ratio;
    }
    return limits;
}

bool Cli::isSharedValueOption(const QString &argument)
{
    if (!argument.startsWith(QLatin1String("--")))
        return false;
    const QStringView name = QStringView(argument).sliced(2);
    for (const QString &option :
        { PasswordOption, PasswordFileOption, MaxEntryOption, MaxTotalOption, MaxRatioOption, ProfileOption,
            RegionOption, EndpointOption }) {
        if (name == option)
            return true;
    }
    return false;
}

std::optional<qint64> Cli::parseCount(const QString &text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    return text.toLongLong();
}

Result<FilterExpression> Cli::filter(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return FilterExpression();
    return FilterExpression::parse(parser.value(option));
}

Status Cli::unlock(RecordingSource &source, const PasswordOptions &options) const
{
    if (!source.needsPassword())
        return success();
    const auto resolved = PasswordSources::resolve(options);
    if (!resolved)
        return resolved.error();
    if (*resolved) {
        const PasswordSources::Resolved &password = **resolved;
        Status s = source.unlock(password.password);
        if (!s && s.error().code == ErrorCode::Password)
            return makeError(ErrorCode::Password,
                tr("%1: wrong password (taken from %2)")
                    .arg(source.displayName(), PasswordSources::originName(password.origin)));
        return s;
    }
    if (!PasswordSources::stdinIsTerminal()) {
        return makeError(ErrorCode::Password,
            tr("%1 is encrypted: give the password with --password-file, --password, "
               "or the DATAHUB_RECORDING_PASSWORD environment variable")
                .arg(source.displayName()));
    }
    constexpr int Attempts = 3;
    for (int attempt = 1; attempt <= Attempts; ++attempt) {
        const std::optional<QString> typed
            = PasswordSources::promptOnTerminal(tr("Password for %1: ").arg(source.displayName()));
        if (!typed)
            break;
        Status s = source.unlock(*typed);
        if (s || s.error().code != ErrorCode::Password)
            return s;
        if (attempt < Attempts)
            err(tr("Wrong password, try again.\n"));
    }
    return makeError(ErrorCode::Password, tr("%1: wrong password").arg(source.displayName()));
}

Result<std::unique_ptr<RecordingSource>> Cli::openUnlocked(
    const QString &path, const PasswordOptions &options) const
{
    // A download is named as its key is: the cache's own file name means nothing to its user.
    auto source = RecordingSource::open(path, m_downloadNames.value(path));
    if (!source)
        return source.error();
    if (Status s = unlock(**source, options); !s)
        return s.error();
    return source;
}

Result<QString> Cli::newPassword(const PasswordOptions &options) const
{
    const auto resolved = PasswordSources::resolve(options);
    if (!resolved)
        return resolved.error();
    if (*resolved)
        return (*resolved)->password;
    if (!PasswordSources::stdinIsTerminal()) {
        return makeError(ErrorCode::Password,
            tr("a password is needed: give it with --password-file, --password, "
               "or the DATAHUB_RECORDING_PASSWORD environment variable"));
    }
    const std::optional<QString> first = PasswordSources::promptOnTerminal(tr("New archive password: "));
    const std::optional<QString> second = PasswordSources::promptOnTerminal(tr("Repeat the password: "));
    if (!first || !second || first->isEmpty())
        return makeError(ErrorCode::Password, tr("no password was entered"));
    if (*first != *second)
        return makeError(ErrorCode::Password, tr("the two passwords differ"));
    return *first;
}

} // namespace tapedeck
