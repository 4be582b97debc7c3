// SPDX-License-Identifier: MIT
// tapedeck-cli with recordings in S3, end to end against a real S3 server on loopback (@20minutes/s3rver,
// which checks SigV4 signatures, and plain s3rver): fetch into the cache and to a file, every recording
// command reading s3://bucket/key exactly as it reads the same archive from disk, list over a prefix into
// the catalog and search in it, credentials from the environment and from profiles, and the errors with
// their exit codes: refused and missing credentials (3), an unreachable endpoint and a missing key or
// bucket (5), a prefix where a recording is expected (2).
#include "replaysupport.h"
#include "s3server.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tapedeck;
using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

#define VERIFY_EXIT(result, expected)                                                                        \
    do {                                                                                                     \
        const ProcessResult &r_ = (result);                                                                  \
        QVERIFY2(!r_.crashed, qPrintable(describe(r_)));                                                     \
        QVERIFY2(r_.exitCode == (expected),                                                                  \
            qPrintable(u"expected exit %1, got "_s.arg(expected) + describe(r_)));                           \
    } while (false)

int modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

// A recording like the sample with another manifest: run id, source, creation time, failed or not.
struct Variant
{
    QString runId;
    QString source;
    QString created;
    bool failed = false;
};

} // namespace

class TstS3Cli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fetchIntoTheCacheThenFromIt();
    void fetchToAFile();
    void everyCommandReadsS3AsItReadsDisk_data();
    void everyCommandReadsS3AsItReadsDisk();
    void noCacheLeavesNothingBehind();
    void refusedCredentials_data();
    void refusedCredentials();
    void missingCredentialsNameWhereTheyWereLookedFor();
    void profilesFromTheSharedFiles();
    void networkAndMissingObjects_data();
    void networkAndMissingObjects();
    void listAPrefixIntoTheCatalogAndSearchIt();

private:
    // tapedeck-cli in an environment that reaches the verifying server, with private cache and catalog.
    ProcessResult cli(const QStringList &arguments, const QProcessEnvironment &extra = {}) const;
    QProcessEnvironment environment() const;
    QString makeVariant(const Variant &v);

    S3TestServer m_server;
    S3TestServer m_plain;
    QTemporaryDir m_home;
    QString m_extracted;
    QString m_sampleUrl;
};

QProcessEnvironment TstS3Cli::environment() const
{
    QProcessEnvironment env = m_server.environment(cliEnvironment());
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    env.insert(u"TMPDIR"_s, m_home.filePath(u"tmp"_s));
    env.remove(u"TAPEDECK_CATALOG"_s);
    return env;
}

ProcessResult TstS3Cli::cli(const QStringList &arguments, const QProcessEnvironment &extra) const
{
    QProcessEnvironment env = environment();
    for (const QString &key : extra.keys()) {
        if (extra.value(key) == u"<unset>"_s)
            env.remove(key);
        else
            env.insert(key, extra.value(key));
    }
    return run(QStringLiteral(TAPEDECK_CLI), arguments, {}, env);
}

QString TstS3Cli::makeVariant(const Variant &v)
{
    const QString dir = m_home.filePath(u"variants/"_s + v.runId);
    if (!QDir(dir).exists()) {
        [&] {
            QVERIFY(QDir().mkpath(dir));
            for (const QString &file : listFiles(m_extracted)) {
                QVERIFY(QDir().mkpath(QFileInfo(dir + u'/' + file).path()));
                QVERIFY(QFile::copy(m_extracted + u'/' + file, dir + u'/' + file));
            }
            QJsonObject manifest = QJsonDocument::fromJson(readFile(dir + u"/manifest.json"_s)).object();
            manifest.insert(u"run_id"_s, v.runId);
            manifest.insert(u"source_type"_s, v.source);
            manifest.insert(u"created_at"_s, v.created);
            if (!v.failed)
                manifest.remove(u"exception_info"_s);
            QVERIFY(writeFile(dir + u"/manifest.json"_s, QJsonDocument(manifest).toJson()));
        }();
    }
    const QString archive = m_home.filePath(u"variants/recording-"_s + v.runId + u".zip"_s);
    const ProcessResult packed = runCli({ u"pack"_s, dir, u"--output"_s, archive, u"--password"_s, SamplePassword });
    if (packed.exitCode != 0)
        qWarning("%s", qPrintable(describe(packed)));
    return archive;
}

void TstS3Cli::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(QDir().mkpath(m_home.filePath(u"tmp"_s)));
    QVERIFY2(m_server.start(S3TestServer::Flavour::Verify, { u"recordings"_s, u"other"_s }),
        qPrintable(m_server.errorString()));
    QVERIFY2(m_plain.start(S3TestServer::Flavour::Plain, { u"recordings"_s }), qPrintable(m_plain.errorString()));
    m_sampleUrl = u"s3://recordings/prod/looker/recording-sample.zip"_s;
    QVERIFY(m_server.upload(samplePath(), m_sampleUrl));
    QVERIFY(m_plain.upload(samplePath(), m_sampleUrl));
    m_extracted = m_home.filePath(u"extracted"_s);
    VERIFY_EXIT(runCli({ u"extract"_s, samplePath(), u"--output-dir"_s, m_extracted, u"--password"_s, SamplePassword }), 0);
}

void TstS3Cli::fetchIntoTheCacheThenFromIt()
{
    const ProcessResult first = cli({ u"fetch"_s, m_sampleUrl, u"--json"_s });
    VERIFY_EXIT(first, 0);
    const QJsonObject a = QJsonDocument::fromJson(first.out).object();
    const QString path = a.value(u"path"_s).toString();
    QVERIFY2(path.startsWith(m_home.filePath(u"cache/tapedeck/s3/"_s)), qPrintable(path));
    QCOMPARE(readFile(path), readFile(samplePath()));
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(m_home.filePath(u"cache/tapedeck/s3"_s)), 0700);
    QCOMPARE(a.value(u"from_cache"_s).toBool(), false);
    QCOMPARE(a.value(u"bytes_transferred"_s).toInteger(), QFileInfo(samplePath()).size());
    // The file keeps the key's name, so messages about it and the type it is read as stay right.
    QVERIFY2(path.endsWith(u"recording-sample.zip"_s), qPrintable(path));

    const ProcessResult second = cli({ u"fetch"_s, m_sampleUrl, u"--json"_s });
    VERIFY_EXIT(second, 0);
    const QJsonObject b = QJsonDocument::fromJson(second.out).object();
    QCOMPARE(b.value(u"path"_s).toString(), path);
    QCOMPARE(b.value(u"from_cache"_s).toBool(), true);
    QCOMPARE(b.value(u"bytes_transferred"_s).toInteger(), 0);

    // Text mode: the path on stdout (for scripts), what happened on stderr.
    const ProcessResult text = cli({ u"fetch"_s, m_sampleUrl });
    VERIFY_EXIT(text, 0);
    QCOMPARE(QString::fromUtf8(text.out).trimmed(), path);
    QVERIFY2(text.err.contains("cache"), qPrintable(describe(text)));
}

void TstS3Cli::fetchToAFile()
{
    const QString target = m_home.filePath(u"out/fetched.zip"_s);
    QVERIFY(QDir().mkpath(QFileInfo(target).path()));
    VERIFY_EXIT(cli({ u"fetch"_s, m_sampleUrl, u"--output"_s, target, u"-q"_s }), 0);
    QCOMPARE(readFile(target), readFile(samplePath()));
    QCOMPARE(modeOf(target), 0600);
    QVERIFY(!QFileInfo::exists(target + u".part"_s));
    // An existing file is kept unless --force.
    const ProcessResult again = cli({ u"fetch"_s, m_sampleUrl, u"--output"_s, target });
    VERIFY_EXIT(again, 5);
    QVERIFY2(again.err.contains("--force"), qPrintable(describe(again)));
    VERIFY_EXIT(cli({ u"fetch"_s, m_sampleUrl, u"--output"_s, target, u"--force"_s, u"-q"_s }), 0);
    // Usage errors.
    VERIFY_EXIT(cli({ u"fetch"_s, m_sampleUrl, u"--no-cache"_s }), 2);
    VERIFY_EXIT(cli({ u"fetch"_s, samplePath() }), 2);
    VERIFY_EXIT(cli({ u"fetch"_s, u"s3://recordings/prod/"_s }), 2);
    VERIFY_EXIT(cli({ u"fetch"_s, u"s3://"_s }), 2);
}

void TstS3Cli::everyCommandReadsS3AsItReadsDisk_data()
{
    QTest::addColumn<QStringList>("arguments"); // "{}" stands for the recording
    const QStringList pw { u"--password"_s, SamplePassword };
    QTest::addRow("info") << QStringList { u"info"_s, u"{}"_s } + pw;
    QTest::addRow("info --json") << QStringList { u"info"_s, u"{}"_s, u"--json"_s } + pw;
    QTest::addRow("events --jsonl") << QStringList { u"events"_s, u"{}"_s, u"--jsonl"_s } + pw;
    QTest::addRow("events --filter") << QStringList { u"events"_s, u"{}"_s, u"--filter"_s, u"status:5xx"_s } + pw;
    QTest::addRow("show") << QStringList { u"show"_s, u"{}"_s, u"35"_s } + pw;
    QTest::addRow("mcps") << QStringList { u"mcps"_s, u"{}"_s } + pw;
    QTest::addRow("diff against the MCP file")
        << QStringList { u"diff"_s, u"{}"_s, QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"),
               u"--json"_s }
            + pw;
    QTest::addRow("diff S3 against itself") << QStringList { u"diff"_s, u"{}"_s, u"{}"_s } + pw;
    QTest::addRow("replay, a command that sends nothing")
        << QStringList { u"replay"_s, u"{}"_s, u"--json"_s } + pw + QStringList { u"--"_s, u"true"_s };
}

void TstS3Cli::everyCommandReadsS3AsItReadsDisk()
{
    QFETCH(QStringList, arguments);
    const auto with = [&](const QString &source) {
        QStringList a = arguments;
        a.replaceInStrings(QRegularExpression(u"^\\{\\}$"_s), source);
        return a;
    };
    const ProcessResult local = cli(with(samplePath()));
    const ProcessResult remote = cli(with(m_sampleUrl));
    QVERIFY2(!remote.crashed, qPrintable(describe(remote)));
    QCOMPARE(remote.exitCode, local.exitCode);
    // The same facts: outputs differ at most where they name the file they read.
    const auto normalized = [&](QByteArray text) {
        QString s = QString::fromUtf8(text);
        s.replace(m_sampleUrl, u"<recording>"_s);
        s.replace(samplePath(), u"<recording>"_s);
        s.replace(QRegularExpression(u"[^\\s\"]*/cache/tapedeck/s3/[^\\s\"]*recording-sample\\.zip"_s), u"<recording>"_s);
        s.replace(u"recording-sample.zip"_s, u"<name>"_s).replace(u"sample-recording.zip"_s, u"<name>"_s);
        // replay's report names its temporary folders, ports and timings
        s.replace(QRegularExpression(u"\"(duration_ms|elapsed_ms|milliseconds|started_at|finished_at)\": [^,\\n]+"_s),
            u"\"\\1\": x"_s);
        s.replace(QRegularExpression(u"127\\.0\\.0\\.1:\\d+"_s), u"127.0.0.1:x"_s);
        s.replace(QRegularExpression(u"/tmp/[^\\s\"]+"_s), u"<tmp>"_s);
        return s;
    };
    if (arguments.first() != u"replay"_s)
        QCOMPARE(normalized(remote.out), normalized(local.out));
    else
        QCOMPARE(QJsonDocument::fromJson(remote.out).object().value(u"requests"_s),
            QJsonDocument::fromJson(local.out).object().value(u"requests"_s));
    QVERIFY2(!remote.out.isEmpty(), qPrintable(describe(remote)));
}

void TstS3Cli::noCacheLeavesNothingBehind()
{
    QTemporaryDir cache;
    QTemporaryDir tmp;
    const QProcessEnvironment env = [&] {
        QProcessEnvironment e;
        e.insert(u"XDG_CACHE_HOME"_s, cache.path());
        e.insert(u"TMPDIR"_s, tmp.path());
        return e;
    }();
    const ProcessResult r = cli({ u"info"_s, m_sampleUrl, u"--no-cache"_s, u"--password"_s, SamplePassword }, env);
    VERIFY_EXIT(r, 0);
    QVERIFY2(r.out.contains("looker-2025_11_18-09_41_07-k3x9qa"), qPrintable(describe(r)));
    QCOMPARE(listFiles(cache.path()), QStringList());
    QCOMPARE(listFiles(tmp.path()), QStringList());
}

void TstS3Cli::refusedCredentials_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("code");
    QTest::addRow("wrong secret") << u"S3RVER"_s << u"not-the-secret"_s << u"SignatureDoesNotMatch"_s;
    QTest::addRow("unknown key") << u"AKIANOTKNOWN"_s << u"S3RVER"_s << u"InvalidAccessKeyId"_s;
}

void TstS3Cli::refusedCredentials()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    QFETCH(QString, code);
    QProcessEnvironment env;
    env.insert(u"AWS_ACCESS_KEY_ID"_s, key);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, secret);
    for (const QStringList &arguments : { QStringList { u"fetch"_s, m_sampleUrl, u"--no-cache"_s, u"-o"_s,
                                              m_home.filePath(u"refused.zip"_s) },
             QStringList { u"info"_s, m_sampleUrl }, QStringList { u"list"_s, u"s3://recordings/prod/"_s } }) {
        const ProcessResult r = cli(arguments, env);
        VERIFY_EXIT(r, 3);
        const QString err = QString::fromUtf8(r.err);
        QCOMPARE(err.count(u'\n'), 1); // one clear line
        QVERIFY2(err.contains(code), qPrintable(describe(r)));
        QVERIFY2(err.contains(u"AWS_ACCESS_KEY_ID"_s) || err.contains(u"environment"_s), qPrintable(describe(r)));
        QVERIFY2(!err.contains(secret) || secret == u"S3RVER"_s, qPrintable(describe(r))); // never the secret
        QVERIFY(!QFileInfo::exists(m_home.filePath(u"refused.zip"_s)));
    }
    // s3rver 3.7.1 knows its access key but checks no signature: it lets the wrong secret through, so the
    // rejection above is the verifying server's, and Tapedeck reports what it is told.
    if (code != u"SignatureDoesNotMatch"_s)
        return;
    QProcessEnvironment plain = env;
    plain.insert(u"AWS_ENDPOINT_URL"_s, m_plain.endpoint());
    VERIFY_EXIT(cli({ u"info"_s, m_sampleUrl, u"--password"_s, SamplePassword }, plain), 0);
}

void TstS3Cli::missingCredentialsNameWhereTheyWereLookedFor()
{
    QProcessEnvironment env;
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"<unset>"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"<unset>"_s);
    const ProcessResult r = cli({ u"info"_s, m_sampleUrl }, env);
    VERIFY_EXIT(r, 3);
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(err.count(u'\n'), 1);
    QVERIFY2(err.contains(u"AWS_ACCESS_KEY_ID"_s), qPrintable(err));
    QVERIFY2(err.contains(m_server.directory() + u"/no-aws-credentials"_s), qPrintable(err));
    QVERIFY2(err.contains(m_server.directory() + u"/no-aws-config"_s), qPrintable(err));
}

void TstS3Cli::profilesFromTheSharedFiles()
{
    QTemporaryDir aws;
    QVERIFY(writeFile(aws.filePath(u"config"_s),
        (u"[default]\nregion = eu-west-1\n\n[profile tapes]\nregion = us-east-1\nendpoint_url = "_s
            + m_server.endpoint() + u"\ns3 =\n    addressing_style = path\n"_s)
            .toUtf8()));
    QVERIFY(writeFile(aws.filePath(u"credentials"_s), "[tapes]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n"));
    QProcessEnvironment env;
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"<unset>"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"<unset>"_s);
    env.insert(u"AWS_ENDPOINT_URL"_s, u"<unset>"_s);
    env.insert(u"AWS_REGION"_s, u"<unset>"_s);
    env.insert(u"AWS_CONFIG_FILE"_s, aws.filePath(u"config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, aws.filePath(u"credentials"_s));
    const QStringList info { u"info"_s, m_sampleUrl, u"--password"_s, SamplePassword, u"--no-cache"_s };
    VERIFY_EXIT(cli(info + QStringList { u"--profile"_s, u"tapes"_s }, env), 0);
    QProcessEnvironment viaEnv = env;
    viaEnv.insert(u"AWS_PROFILE"_s, u"tapes"_s);
    VERIFY_EXIT(cli(info, viaEnv), 0);
    // --profile wins over keys in the environment (here wrong ones).
    QProcessEnvironment wrongKeys = env;
    wrongKeys.insert(u"AWS_ACCESS_KEY_ID"_s, u"S3RVER"_s);
    wrongKeys.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"wrong"_s);
    VERIFY_EXIT(cli(info + QStringList { u"--profile"_s, u"tapes"_s }, wrongKeys), 0);
    // --endpoint-url wins over the profile's endpoint.
    const ProcessResult elsewhere
        = cli(info + QStringList { u"--profile"_s, u"tapes"_s, u"--endpoint-url"_s, u"http://127.0.0.1:9"_s }, env);
    VERIFY_EXIT(elsewhere, 5);
    const ProcessResult unknown = cli(info + QStringList { u"--profile"_s, u"nope"_s }, env);
    VERIFY_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains("nope"), qPrintable(describe(unknown)));
}

void TstS3Cli::networkAndMissingObjects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("named");
    QTcpServer closed;
    closed.listen(QHostAddress::LocalHost, 0);
    const QString deadEndpoint = u"http://127.0.0.1:%1"_s.arg(closed.serverPort());
    closed.close(); // nothing listens there now
    QTest::addRow("no such key") << QStringList { u"info"_s, u"s3://recordings/prod/nothing.zip"_s } << 5
                                 << QStringList { u"s3://recordings/prod/nothing.zip"_s, u"NoSuchKey|not found|does not exist"_s };
    QTest::addRow("no such bucket") << QStringList { u"info"_s, u"s3://no-bucket-here/x.zip"_s } << 5
                                    << QStringList { u"no-bucket-here"_s, u"NoSuchBucket|not found|does not exist"_s };
    QTest::addRow("nothing listens")
        << QStringList { u"info"_s, m_sampleUrl, u"--endpoint-url"_s, deadEndpoint } << 5
        << QStringList { deadEndpoint.mid(7), u"refused|connect"_s };
    QTest::addRow("list, nothing listens")
        << QStringList { u"list"_s, u"s3://recordings/prod/"_s, u"--endpoint-url"_s, deadEndpoint } << 5
        << QStringList { deadEndpoint.mid(7) };
    QTest::addRow("a prefix given for a recording") << QStringList { u"info"_s, u"s3://recordings/prod/"_s } << 2
                                                    << QStringList { u"prefix"_s, u"list"_s };
    QTest::addRow("a bad bucket name") << QStringList { u"info"_s, u"s3://Bad_Bucket!/x.zip"_s } << 2
                                       << QStringList { u"Bad_Bucket"_s };
}

void TstS3Cli::networkAndMissingObjects()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QStringList, named);
    const ProcessResult r = cli(arguments);
    VERIFY_EXIT(r, exitCode);
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(err.count(u'\n'), 1);
    for (const QString &pattern : named)
        QVERIFY2(err.contains(QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption)),
            qPrintable(pattern + u" not in: "_s + err));
}

void TstS3Cli::listAPrefixIntoTheCatalogAndSearchIt()
{
    // Four recordings under one prefix, one elsewhere; the sample (failed, looker, 2025-11-18) among them.
    const QList<Variant> variants { { u"snow-ok-1"_s, u"snowflake"_s, u"2026-11-01T10:00:00.000001+00:00"_s, false },
        { u"snow-failed-2"_s, u"snowflake"_s, u"2026-11-20T08:30:00+00:00"_s, true },
        { u"looker-ok-3"_s, u"looker"_s, u"2026-11-25T23:59:59.500000+00:00"_s, false } };
    for (const Variant &v : variants) {
        const QString archive = makeVariant(v);
        QVERIFY(QFileInfo::exists(archive));
        QVERIFY(m_server.upload(archive, u"s3://recordings/runs/recording-"_s + v.runId + u".zip"_s));
    }
    QVERIFY(m_server.upload(samplePath(), u"s3://recordings/runs/recording-sample.zip"_s));
    QVERIFY(m_server.upload(samplePath(), u"s3://recordings/elsewhere/recording-sample.zip"_s));
    const QStringList pw { u"--password"_s, SamplePassword };

    const ProcessResult listed = cli(QStringList { u"list"_s, u"s3://recordings/runs"_s, u"--json"_s } + pw);
    VERIFY_EXIT(listed, 0);
    const QJsonArray all = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(all.size(), 4);
    QStringList runIds;
    for (const QJsonValue &v : all)
        runIds << v[u"run_id"_s].toString();
    // Newest first.
    QCOMPARE(runIds, (QStringList { u"looker-ok-3"_s, u"snow-failed-2"_s, u"snow-ok-1"_s,
                         u"looker-2025_11_18-09_41_07-k3x9qa"_s }));
    const QJsonObject sample = all.at(3).toObject();
    QCOMPARE(sample[u"path"_s].toString(), u"s3://recordings/runs/recording-sample.zip"_s);
    QCOMPARE(sample[u"has_exception"_s].toBool(), true);
    QCOMPARE(sample[u"sink_type"_s].toString(), u"datahub-rest"_s);
    QCOMPARE(sample[u"exception_type"_s].toString(), u"SDKError"_s);
    QCOMPARE(sample[u"size"_s].toInteger(), QFileInfo(samplePath()).size());
    QCOMPARE(sample[u"created_at"_s].toString(), u"2025-11-18T09:41:41.168244+00:00"_s);

    // Filters on list itself, and search over the catalog without listing again.
    const auto runIdsOf = [&](const QStringList &arguments) {
        const ProcessResult r = cli(arguments + QStringList { u"--json"_s });
        QStringList ids;
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(describe(r)));
            return QStringList { u"<failed>"_s };
        }
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
            ids << v[u"run_id"_s].toString();
        return ids;
    };
    QCOMPARE(runIdsOf(QStringList { u"list"_s, u"s3://recordings/runs/"_s, u"--failed"_s } + pw),
        (QStringList { u"snow-failed-2"_s, u"looker-2025_11_18-09_41_07-k3x9qa"_s }));
    // The server is gone: search still answers from the catalog.
    QCOMPARE(runIdsOf({ u"search"_s, u"--source"_s, u"SNOWFLAKE"_s }), (QStringList { u"snow-failed-2"_s, u"snow-ok-1"_s }));
    QCOMPARE(runIdsOf({ u"search"_s, u"--since"_s, u"2026-11-20"_s, u"--until"_s, u"2026-11-25"_s }),
        (QStringList { u"looker-ok-3"_s, u"snow-failed-2"_s }));
    QCOMPARE(runIdsOf({ u"search"_s, u"--until"_s, u"2026-11-01T10:00"_s }),
        (QStringList { u"snow-ok-1"_s, u"looker-2025_11_18-09_41_07-k3x9qa"_s }));
    QCOMPARE(runIdsOf({ u"search"_s, u"--where"_s, u"recipe.source.config.base_url=http://looker.*"_s,
                 u"--failed"_s }),
        (QStringList { u"snow-failed-2"_s, u"looker-2025_11_18-09_41_07-k3x9qa"_s }));
    QCOMPARE(runIdsOf({ u"search"_s, u"--text"_s, u"dashboard 3"_s, u"--sort"_s, u"oldest"_s }),
        (QStringList { u"looker-2025_11_18-09_41_07-k3x9qa"_s, u"snow-failed-2"_s }));
    QCOMPARE(runIdsOf({ u"search"_s, u"--limit"_s, u"1"_s }), (QStringList { u"looker-ok-3"_s }));
    QCOMPARE(runIdsOf({ u"search"_s, u"s3://recordings/runs/"_s, u"--source"_s, u"looker"_s }),
        (QStringList { u"looker-ok-3"_s, u"looker-2025_11_18-09_41_07-k3x9qa"_s }));
    // Bad filters are usage errors.
    VERIFY_EXIT(cli({ u"search"_s, u"--since"_s, u"yesterday"_s }), 2);
    VERIFY_EXIT(cli({ u"search"_s, u"--where"_s, u"novalue"_s }), 2);
    VERIFY_EXIT(cli({ u"search"_s, u"--limit"_s, u"0"_s }), 2);

    // Without a password the archives are listed as locked, with what the listing tells.
    const ProcessResult locked = cli({ u"list"_s, u"s3://recordings/elsewhere/"_s, u"--json"_s });
    VERIFY_EXIT(locked, 0);
    const QJsonArray lockedRows = QJsonDocument::fromJson(locked.out).array();
    QCOMPARE(lockedRows.size(), 1);
    QCOMPARE(lockedRows.at(0)[u"state"_s].toString(), u"locked"_s);
    QCOMPARE(lockedRows.at(0)[u"manifest_read"_s].toBool(), false);

    // The table: one row per recording under the prefix, relative keys.
    const ProcessResult table = cli(QStringList { u"list"_s, u"s3://recordings/runs/"_s } + pw);
    VERIFY_EXIT(table, 0);
    const QString text = QString::fromUtf8(table.out);
    QVERIFY2(text.contains(u"recording-snow-ok-1.zip"_s) && !text.contains(u"s3://recordings/runs/recording"_s),
        qPrintable(text));
    QVERIFY2(text.contains(u"looker → datahub-rest"_s), qPrintable(text));
}

QTEST_GUILESS_MAIN(TstS3Cli)
#include "tst_s3cli.moc"
