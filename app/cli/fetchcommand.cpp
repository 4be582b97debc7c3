// SPDX-License-Identifier: MIT
// tapedeck-cli fetch: downloads a recording from S3 into the cache (to prefetch before going offline) or to
// a file, and prints where it is.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/downloadprogress.h"
#include "core/common/bytesize.h"
#include "core/storage/s3download.h"
#include "core/storage/s3location.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace tapedeck {

int runFetch(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Download a recording from S3 into the cache ($XDG_CACHE_HOME/tapedeck/s3), or to a file with "
                "--output, and print the local path. A download that was interrupted resumes where it "
                "stopped; a recording already in the cache (same ETag) is not downloaded again. The archive "
                "is stored as S3 holds it: encrypted."));
    parser.addPositionalArgument(QStringLiteral("source"), Cli::tr("The recording: s3://bucket/key."),
        QStringLiteral("fetch <s3://bucket/key>"));
    const QCommandLineOption output({ QStringLiteral("o"), QStringLiteral("output") },
        Cli::tr("Write the recording to <file> instead of the cache."), Cli::tr("file"));
    const QCommandLineOption force(QStringLiteral("force"), Cli::tr("Overwrite an existing --output file."));
    const QCommandLineOption parallel(QStringLiteral("parallel"),
        Cli::tr("Ranged GETs in flight at once (default %1).").arg(S3DownloadOptions().parallel), Cli::tr("n"));
    const QCommandLineOption verifyMd5(QStringLiteral("verify-md5"),
        Cli::tr("Also hash the whole download and compare it with the ETag when that is an MD5 (objects "
                "uploaded in one part): an end-to-end check beyond the ETag every part is checked against."));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print what was fetched as JSON."));
    const QCommandLineOption quiet(
        { QStringLiteral("q"), QStringLiteral("quiet") }, Cli::tr("No progress and no summary on stderr."));
    parser.addOptions({ output, force, parallel, verifyMd5, json, quiet });
    Cli::addS3Options(parser);
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1)
        return cli.usage(Cli::tr("fetch needs exactly one s3://bucket/key"));
    const QString argument = parser.positionalArguments().constFirst();
    if (!S3Location::isS3Url(argument))
        return cli.usage(Cli::tr("fetch downloads from S3: give s3://bucket/key, not %1").arg(argument));
    const Result<S3Location> location = S3Location::parse(argument);
    if (!location)
        return cli.fail(location.error());
    if (location->isPrefix())
        return cli.usage(Cli::tr("%1 names a prefix; fetch downloads one recording").arg(location->toString()));
    const S3Options s3 = Cli::s3Options(parser);
    if (s3.noCache && !parser.isSet(output))
        return cli.usage(Cli::tr("--no-cache needs --output: without the cache the download has nowhere to stay"));

    S3DownloadOptions options;
    options.checkMd5 = parser.isSet(verifyMd5);
    if (parser.isSet(parallel)) {
        const std::optional<qint64> n = Cli::parseCount(parser.value(parallel));
        if (!n || *n < 1 || *n > 6)
            return cli.usage(Cli::tr("--parallel takes a number from 1 to 6"));
        options.parallel = int(*n);
    }
    if (parser.isSet(output)) {
        options.output = parser.value(output);
        if (options.output.isEmpty())
            return cli.usage(Cli::tr("--output needs a file name"));
        const QFileInfo target(options.output);
        if (target.isDir())
            return cli.usage(Cli::tr("--output %1 is a folder; name the file").arg(options.output));
        if (target.exists() && !parser.isSet(force))
            return cli.fail(makeError(ErrorCode::Io,
                Cli::tr("%1 exists; use --force to overwrite it").arg(options.output)));
        options.useCache = false;
    }

    const Result<S3Config> config = AwsConfig::resolve(s3);
    if (!config)
        return cli.fail(config.error());
    S3Client client(*config);
    DownloadProgress progress(cli, location->toString(), parser.isSet(quiet));
    const Result<S3Fetched> fetched = S3Download::fetch(client, *location, options, &progress);
    progress.clear();
    if (!fetched) {
        if (fetched.error().code == ErrorCode::Cancelled) {
            cli.err(Cli::tr("tapedeck-cli: the download of %1 was interrupted; fetch it again to resume\n")
                        .arg(location->toString()));
            return progress.exitCode(int(ErrorCode::Cancelled));
        }
        return cli.fail(fetched.error());
    }
    const qint64 ms = progress.elapsedMs();
    if (parser.isSet(json)) {
        const QJsonObject o { { QStringLiteral("source"), location->toString() },
            { QStringLiteral("path"), QFileInfo(fetched->path).absoluteFilePath() },
            { QStringLiteral("size"), fetched->object.size }, { QStringLiteral("etag"), fetched->object.etag },
            { QStringLiteral("from_cache"), fetched->fromCache },
            { QStringLiteral("bytes_transferred"), fetched->bytesTransferred },
            { QStringLiteral("bytes_resumed"), fetched->bytesResumed }, { QStringLiteral("milliseconds"), ms } };
        cli.out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
        return 0;
    }
    cli.out(QFileInfo(fetched->path).absoluteFilePath() + QLatin1Char('\n'));
    if (!parser.isSet(quiet)) {
        QString how;
        if (fetched->fromCache)
            how = Cli::tr("already in the cache");
        else if (fetched->bytesResumed > 0)
            how = Cli::tr("%1 downloaded in %2 s, %3 resumed from an interrupted download")
                      .arg(formatByteSize(fetched->bytesTransferred))
                      .arg(double(ms) / 1000.0, 0, 'f', 2)
                      .arg(formatByteSize(fetched->bytesResumed));
        else
            how = Cli::tr("%1 downloaded in %2 s (%3/s)")
                      .arg(formatByteSize(fetched->bytesTransferred))
                      .arg(double(ms) / 1000.0, 0, 'f', 2)
                      .arg(formatByteSize(fetched->bytesTransferred * 1000 / std::max<qint64>(1, ms)));
        cli.err(Cli::tr("%1: %2\n").arg(location->toString(), how));
    }
    return 0;
}

} // namespace tapedeck
