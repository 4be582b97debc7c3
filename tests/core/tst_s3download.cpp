// SPDX-License-Identifier: MIT
// S3Download against real S3 servers: parallel parts byte for byte, the cache, resume after the server died,
// an object replaced mid-download, refused credentials, missing objects, and faultproxy.py dropping, cutting,
// stalling and corrupting connections; after every failure nothing complete-looking is left behind.
#include "core/storage/s3download.h"
#include "s3faults.h"
#include "s3server.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace tapedeck;
using namespace tapedeck::test;

namespace {

const QString Bucket = QStringLiteral("recordings");
constexpr qint64 MiB = 1024 * 1024;

S3Location at(const QString &key)
{
    return S3Location { Bucket, key };
}

S3DownloadOptions parts(qint64 partSize, int parallel)
{
    S3DownloadOptions options;
    options.partSize = partSize;
    options.parallel = parallel;
    options.checkMd5 = true; // the end-to-end check is what catches a corrupted byte and a part marked early
    return options;
}

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

// Files that look like a finished download: anything but a partial download's data, state and lock.
QStringList completeLooking(const QString &folder)
{
    QStringList result;
    for (const QString &name : listFiles(folder)) {
        if (!name.endsWith(QStringLiteral(".part")) && !name.endsWith(QStringLiteral(".part.state"))
            && !name.endsWith(QStringLiteral(".part.lock")))
            result.append(name);
    }
    return result;
}

} // namespace

class TestS3Download : public QObject
{
    Q_OBJECT

private:
    S3TestServer m_verify;
    S3TestServer m_plain;
    QTemporaryDir m_dir;
    QString m_cacheHome;
    QByteArray m_big; // 20 MiB + 123, "big.bin" (a multipart upload)
    QByteArray m_small; // 4 MiB + 5, "small.bin" (single part: ETag = MD5)

    S3Cache freshCache(qint64 maxBytes = qint64(10) * 1024 * MiB)
    {
        static int n = 0;
        return S3Cache(m_dir.filePath(QStringLiteral("cache-%1").arg(++n)), maxBytes);
    }
    S3Config viaProxy(const FaultProxy &proxy) const
    {
        S3Config config = m_verify.config();
        config.endpoint = QUrl(proxy.endpoint());
        return config;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cacheHome = m_dir.filePath(QStringLiteral("xdg-cache"));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cacheHome));
        qunsetenv("TAPEDECK_S3_CACHE_MAX");
        QVERIFY2(
            m_verify.start(S3TestServer::Flavour::Verify, { Bucket }), qPrintable(m_verify.errorString()));
        QVERIFY2(m_plain.start(S3TestServer::Flavour::Plain, { Bucket }), qPrintable(m_plain.errorString()));
        m_big = pseudoRandom(20 * MiB + 123, 7);
        m_small = pseudoRandom(4 * MiB + 5, 8);
        const QString folder = m_dir.filePath(QStringLiteral("upload"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(writeFile(folder + QStringLiteral("/big.bin"), m_big));
        QVERIFY(writeFile(folder + QStringLiteral("/small.bin"), m_small));
        QVERIFY(writeFile(folder + QStringLiteral("/empty.zip"), {}));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/lru")));
        for (const QString &name :
            { QStringLiteral("a.bin"), QStringLiteral("b.bin"), QStringLiteral("c.bin") })
            QVERIFY(
                writeFile(folder + QStringLiteral("/lru/") + name, pseudoRandom(MiB, name.at(0).unicode())));
        QVERIFY(m_verify.upload(folder, QStringLiteral("s3://recordings/")));
        QVERIFY(m_plain.upload(folder, QStringLiteral("s3://recordings/")));
    }

    void multipart_data()
    {
        QTest::addColumn<QString>("flavour");
        QTest::newRow("verify") << QStringLiteral("verify");
        QTest::newRow("plain") << QStringLiteral("plain");
    }
    void multipart()
    {
        QFETCH(QString, flavour);
        S3TestServer &server = flavour == u"verify" ? m_verify : m_plain;
        S3Client client(server.config());
        const S3Cache cache; // the default: $XDG_CACHE_HOME/tapedeck/s3
        QCOMPARE(cache.folder(), m_cacheHome + QStringLiteral("/tapedeck/s3"));
        LambdaProgress progress;
        qint64 total = 0;
        progress.onProgress = [&total](qint64, qint64 t) { total = t; };
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("big.bin")), parts(MiB, 4), &progress, cache);
        QVERIFY2(fetched.ok(), fetched.ok() ? "" : qPrintable(fetched.error().message));
        QVERIFY(!fetched->fromCache);
        QVERIFY(!fetched->temporary);
        QCOMPARE(fetched->bytesTransferred, m_big.size());
        QCOMPARE(fetched->bytesResumed, 0);
        QCOMPARE(fetched->object.size, m_big.size());
        // The AWS CLI put it in parts, yet both servers give it the MD5 of the whole object as its ETag (real
        // S3 would say "<md5 of the parts' md5s>-3"): so this download is checked end to end too.
        QCOMPARE(fetched->object.etag,
            QString::fromLatin1(QCryptographicHash::hash(m_big, QCryptographicHash::Md5).toHex()));
        QVERIFY(fetched->object.etagIsMd5());
        QVERIFY(readFile(fetched->path) == m_big);
        QVERIFY(fetched->path.startsWith(cache.folder() + QLatin1Char('/')));
        QVERIFY2(fetched->path.endsWith(QStringLiteral("-big.bin")), qPrintable(fetched->path));
        QCOMPARE(modeOf(fetched->path), 0600);
        QCOMPARE(modeOf(cache.folder()), 0700);
        QCOMPARE(modeOf(QFileInfo(cache.folder()).path()), 0700); // …/tapedeck
        QVERIFY(progress.monotonic);
        QCOMPARE(progress.last, m_big.size());
        QCOMPARE(total, m_big.size());
        QCOMPARE(completeLooking(cache.folder()), QStringList { QFileInfo(fetched->path).fileName() });
        QCOMPARE(listFiles(cache.folder()).size(), 1); // no part, state or lock left

        // The second time from the cache, nothing transferred.
        const Result<S3Fetched> again
            = S3Download::fetch(client, at(QStringLiteral("big.bin")), parts(MiB, 4), nullptr, cache);
        QVERIFY(again.ok());
        QVERIFY(again->fromCache);
        QCOMPARE(again->bytesTransferred, 0);
        QCOMPARE(again->path, fetched->path);
        QVERIFY(QFile::remove(fetched->path));
    }

    void singlePartChecked()
    {
        S3Client client(m_verify.config());
        const S3Cache cache = freshCache();
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("small.bin")), parts(MiB, 3), nullptr, cache);
        QVERIFY2(fetched.ok(), fetched.ok() ? "" : qPrintable(fetched.error().message));
        QVERIFY(fetched->object.etagIsMd5());
        QVERIFY(readFile(fetched->path) == m_small);
        // One part for the whole object, one in flight.
        const S3Cache other = freshCache();
        const Result<S3Fetched> whole
            = S3Download::fetch(client, at(QStringLiteral("small.bin")), parts(64 * MiB, 1), nullptr, other);
        QVERIFY(whole.ok());
        QVERIFY(readFile(whole->path) == m_small);
    }

    void emptyObject()
    {
        S3Client client(m_verify.config());
        const S3Cache cache = freshCache();
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("empty.zip")), {}, nullptr, cache);
        QVERIFY2(fetched.ok(), fetched.ok() ? "" : qPrintable(fetched.error().message));
        QCOMPARE(QFileInfo(fetched->path).size(), 0);
        QCOMPARE(modeOf(fetched->path), 0600);
    }

    // The server dies mid-download: an error, the part file and its state stay; after a restart the
    // download resumes from the parts on disk and ends byte-identical.
    void serverKilledThenResumed()
    {
        const S3Cache cache = freshCache();
        {
            S3Client client(m_verify.config(), quickRetries(2));
            LambdaProgress progress;
            bool stopped = false;
            progress.onProgress = [&](qint64 done, qint64 total) {
                if (!stopped && done > total / 2) {
                    stopped = true;
                    m_verify.stop();
                }
            };
            const Result<S3Fetched> fetched
                = S3Download::fetch(client, at(QStringLiteral("big.bin")), parts(MiB, 4), &progress, cache);
            QVERIFY(stopped);
            QVERIFY(!fetched.ok());
            QCOMPARE(fetched.error().code, ErrorCode::Io);
            QVERIFY2(fetched.error().message.contains(QStringLiteral("s3://recordings/big.bin")),
                qPrintable(fetched.error().message));
        }
        QCOMPARE(completeLooking(cache.folder()), QStringList());
        const QStringList left = listFiles(cache.folder());
        QCOMPARE(left.size(), 2);
        QVERIFY(left.at(0).endsWith(QStringLiteral("-big.bin.part")));
        QVERIFY(left.at(1).endsWith(QStringLiteral("-big.bin.part.state")));
        QCOMPARE(modeOf(cache.folder() + QLatin1Char('/') + left.at(0)), 0600);

        QVERIFY2(m_verify.restart(), qPrintable(m_verify.errorString()));
        S3Client client(m_verify.config());
        LambdaProgress progress;
        const Result<S3Fetched> resumed
            = S3Download::fetch(client, at(QStringLiteral("big.bin")), parts(4 * MiB, 4), &progress, cache);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : qPrintable(resumed.error().message));
        QVERIFY(resumed->bytesResumed > 0);
        QVERIFY(resumed->bytesResumed % MiB == 0); // whole parts of the first cut (1 MiB), not the new option
        QCOMPARE(resumed->bytesResumed + resumed->bytesTransferred, m_big.size());
        QVERIFY(readFile(resumed->path) == m_big);
        QVERIFY(progress.monotonic);
        QCOMPARE(listFiles(cache.folder()).size(), 1);
    }

    // Cancelled mid-download: Cancelled, resumable like any interruption.
    void cancelThenResume()
    {
        const S3Cache cache = freshCache();
        S3Client client(m_verify.config());
        LambdaProgress progress;
        qint64 seen = 0;
        progress.onProgress = [&seen](qint64 done, qint64) { seen = done; };
        progress.cancelled = [&] { return seen > 5 * MiB; };
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("big.bin")), parts(MiB, 2), &progress, cache);
        QVERIFY(!fetched.ok());
        QCOMPARE(fetched.error().code, ErrorCode::Cancelled);
        QCOMPARE(completeLooking(cache.folder()), QStringList());
        QCOMPARE(listFiles(cache.folder()).size(), 2);
        const Result<S3Fetched> resumed
            = S3Download::fetch(client, at(QStringLiteral("big.bin")), parts(MiB, 2), nullptr, cache);
        QVERIFY2(resumed.ok(), resumed.ok() ? "" : qPrintable(resumed.error().message));
        QVERIFY(resumed->bytesResumed >= 4 * MiB);
        QVERIFY(readFile(resumed->path) == m_big);
    }

    // Another version is put while the download runs: the parts that follow carry another ETag; the download
    // fails as InvalidInput and keeps nothing of either version.
    void replacedMidDownload()
    {
        const S3Cache cache = freshCache();
        const QString other = m_dir.filePath(QStringLiteral("other.bin"));
        QVERIFY(writeFile(other, pseudoRandom(m_big.size(), 99)));
        QVERIFY(m_verify.upload(m_dir.filePath(QStringLiteral("upload/big.bin")),
            QStringLiteral("s3://recordings/replaced.bin")));
        S3Client client(m_verify.config());
        LambdaProgress progress;
        bool replaced = false;
        progress.onProgress = [&](qint64 done, qint64 total) {
            if (!replaced && done > total / 3) {
                replaced = true;
                QVERIFY(m_verify.upload(other, QStringLiteral("s3://recordings/replaced.bin")));
            }
        };
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("replaced.bin")), parts(MiB, 2), &progress, cache);
        QVERIFY(replaced);
        QVERIFY(!fetched.ok());
        QCOMPARE(fetched.error().code, ErrorCode::InvalidInput);
        QVERIFY2(fetched.error().message.contains(QStringLiteral("changed on the server while downloading")),
            qPrintable(fetched.error().message));
        QCOMPARE(listFiles(cache.folder()), QStringList()); // no final file, no part, no state

        // The same into --output: nothing at the path, no .part beside it.
        QVERIFY(m_verify.upload(m_dir.filePath(QStringLiteral("upload/big.bin")),
            QStringLiteral("s3://recordings/replaced.bin")));
        replaced = false;
        S3DownloadOptions options = parts(MiB, 2);
        options.output = m_dir.filePath(QStringLiteral("out/replaced.bin"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("out"))));
        const Result<S3Fetched> output
            = S3Download::fetch(client, at(QStringLiteral("replaced.bin")), options, &progress, cache);
        QVERIFY(replaced);
        QVERIFY(!output.ok());
        QCOMPARE(output.error().code, ErrorCode::InvalidInput);
        QCOMPARE(listFiles(m_dir.filePath(QStringLiteral("out"))), QStringList());
    }

    // Interrupted, then the object is replaced: the next fetch discards the partial download of the old
    // version (resume only when ETag and size still match) and leaves only the new version behind.
    void replacedBetweenAttempts()
    {
        const S3Cache cache = freshCache();
        QVERIFY(m_verify.upload(
            m_dir.filePath(QStringLiteral("upload/small.bin")), QStringLiteral("s3://recordings/swap.bin")));
        S3Client client(m_verify.config());
        LambdaProgress progress;
        qint64 seen = 0;
        progress.onProgress = [&seen](qint64 done, qint64) { seen = done; };
        progress.cancelled = [&seen] { return seen > 2 * MiB; };
        const Result<S3Fetched> cancelled
            = S3Download::fetch(client, at(QStringLiteral("swap.bin")), parts(MiB, 1), &progress, cache);
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
        QCOMPARE(listFiles(cache.folder()).size(), 2); // .part and .part.state

        const QByteArray replacement = pseudoRandom(m_small.size(), 1234);
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("swap.bin")), replacement));
        QVERIFY(m_verify.upload(
            m_dir.filePath(QStringLiteral("swap.bin")), QStringLiteral("s3://recordings/swap.bin")));
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("swap.bin")), parts(MiB, 1), nullptr, cache);
        QVERIFY2(fetched.ok(), fetched.ok() ? "" : qPrintable(fetched.error().message));
        QCOMPARE(fetched->bytesResumed, 0);
        QCOMPARE(fetched->bytesTransferred, replacement.size());
        QVERIFY(readFile(fetched->path) == replacement);
        QCOMPARE(listFiles(cache.folder()), QStringList { QFileInfo(fetched->path).fileName() });
    }

    void refusedAndMissing()
    {
        const S3Cache cache = freshCache();
        S3Client wrong(m_verify.config(QStringLiteral("wrong-secret")));
        const Result<S3Fetched> refused
            = S3Download::fetch(wrong, at(QStringLiteral("small.bin")), {}, nullptr, cache);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Password);
        QVERIFY2(refused.error().message.contains(QStringLiteral("the test")),
            qPrintable(refused.error().message));

        S3Client client(m_verify.config());
        const Result<S3Fetched> missing
            = S3Download::fetch(client, at(QStringLiteral("nope.zip")), {}, nullptr, cache);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::Io);
        QVERIFY2(missing.error().message.contains(QStringLiteral("s3://recordings/nope.zip")),
            qPrintable(missing.error().message));
        QVERIFY2(missing.error().message.contains(QStringLiteral("NoSuchKey")),
            qPrintable(missing.error().message));
        QCOMPARE(listFiles(cache.folder()), QStringList());
    }

    // faultproxy.py between client and server: a few broken connections are retried and the result is
    // byte-identical; when every connection breaks, an error after the retries and only resumable leftovers.
    void proxyFaults_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("times");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("errorCode");
        QTest::newRow("drop 3 connections") << QStringLiteral("drop") << 3 << true << 0;
        QTest::newRow("cut 2 bodies short") << QStringLiteral("cut") << 2 << true << 0;
        QTest::newRow("stall 2 connections") << QStringLiteral("stall") << 2 << true << 0;
        QTest::newRow("cut every body") << QStringLiteral("cut") << -1 << false << int(ErrorCode::Io);
        QTest::newRow("drop every connection") << QStringLiteral("drop") << -1 << false << int(ErrorCode::Io);
        QTest::newRow("corrupt a byte")
            << QStringLiteral("corrupt") << 1 << false << int(ErrorCode::InvalidInput);
    }
    void proxyFaults()
    {
        QFETCH(QString, mode);
        QFETCH(int, times);
        QFETCH(bool, succeeds);
        QFETCH(int, errorCode);
        FaultProxy proxy;
        QVERIFY(proxy.start(m_verify.port(), mode, 300'000, times));
        S3RetryPolicy policy = quickRetries(3);
        policy.timeoutMs = 500;
        S3Client client(viaProxy(proxy), policy);
        const S3Cache cache = freshCache();
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("small.bin")), parts(MiB, 3), nullptr, cache);
        QCOMPARE(fetched.ok(), succeeds);
        if (succeeds) {
            QVERIFY(readFile(fetched->path) == m_small);
            QCOMPARE(proxy.count(QStringLiteral("fault")), times);
            QCOMPARE(listFiles(cache.folder()).size(), 1);
            return;
        }
        QCOMPARE(int(fetched.error().code), errorCode);
        QVERIFY(proxy.count(QStringLiteral("fault")) >= 1);
        QCOMPARE(completeLooking(cache.folder()), QStringList());
        if (fetched.error().code == ErrorCode::Io) {
            QVERIFY2(fetched.error().message.contains(QStringLiteral("3 attempts")),
                qPrintable(fetched.error().message));
        } else {
            // Bytes that fail the MD5 check are never kept for a resume.
            QVERIFY2(fetched.error().message.contains(QStringLiteral("do not match its ETag")),
                qPrintable(fetched.error().message));
            QCOMPARE(listFiles(cache.folder()), QStringList());
        }
    }

    // The least recently used file goes first when the cap is reached; a lookup counts as a use.
    void evictionOrder()
    {
        const S3Cache cache = freshCache(2 * MiB + MiB / 2);
        S3Client client(m_verify.config());
        const auto fetch = [&](const char *name) {
            return S3Download::fetch(
                client, at(QStringLiteral("lru/") + QLatin1String(name)), parts(MiB / 2, 2), nullptr, cache);
        };
        const Result<S3Fetched> a = fetch("a.bin");
        QVERIFY(a.ok());
        const Result<S3Fetched> b = fetch("b.bin");
        QVERIFY(b.ok());
        const Result<S3Fetched> aAgain = fetch("a.bin");
        QVERIFY(aAgain.ok());
        QVERIFY(aAgain->fromCache); // a is now more recently used than b
        const Result<S3Fetched> c = fetch("c.bin");
        QVERIFY(c.ok());
        QVERIFY(!c->fromCache);
        QVERIFY(QFile::exists(a->path));
        QVERIFY(!QFile::exists(b->path));
        QVERIFY(QFile::exists(c->path));
        const Result<S3Fetched> bAgain = fetch("b.bin");
        QVERIFY(bAgain.ok());
        QVERIFY(!bAgain->fromCache);
        QVERIFY(!QFile::exists(a->path)); // now the least recently used
        QCOMPARE(listFiles(cache.folder()).size(), 2);
    }

    void noCache()
    {
        S3Client client(m_verify.config());
        const S3Cache cache = freshCache();
        S3DownloadOptions options = parts(MiB, 4);
        options.useCache = false;
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("small.bin")), options, nullptr, cache);
        QVERIFY2(fetched.ok(), fetched.ok() ? "" : qPrintable(fetched.error().message));
        QVERIFY(fetched->temporary);
        QVERIFY(!fetched->fromCache);
        QVERIFY(fetched->path.startsWith(QDir::tempPath()));
        QCOMPARE(modeOf(fetched->path), 0600);
        QVERIFY(readFile(fetched->path) == m_small);
        QVERIFY(!QFileInfo::exists(cache.folder())); // never touched
        QVERIFY(QFile::remove(fetched->path));

        // A failure leaves no temporary file behind.
        const QStringList before
            = QDir(QDir::tempPath()).entryList({ QStringLiteral("tapedeck-s3-*") }, QDir::Files);
        FaultProxy proxy;
        QVERIFY(proxy.start(m_verify.port(), QStringLiteral("corrupt"), 300'000, 1));
        S3Client faulty(viaProxy(proxy), quickRetries());
        const Result<S3Fetched> failed
            = S3Download::fetch(faulty, at(QStringLiteral("small.bin")), options, nullptr, cache);
        QVERIFY(!failed.ok());
        QCOMPARE(QDir(QDir::tempPath()).entryList({ QStringLiteral("tapedeck-s3-*") }, QDir::Files), before);
    }

    void outputFile()
    {
        S3Client client(m_verify.config());
        const S3Cache cache = freshCache();
        const QString folder = m_dir.filePath(QStringLiteral("output"));
        QVERIFY(QDir().mkpath(folder));
        S3DownloadOptions options = parts(MiB, 4);
        options.output = folder + QStringLiteral("/recording.zip");
        const Result<S3Fetched> fetched
            = S3Download::fetch(client, at(QStringLiteral("big.bin")), options, nullptr, cache);
        QVERIFY2(fetched.ok(), fetched.ok() ? "" : qPrintable(fetched.error().message));
        QCOMPARE(fetched->path, options.output);
        QVERIFY(!fetched->temporary);
        QCOMPARE(modeOf(fetched->path), 0600);
        QVERIFY(readFile(fetched->path) == m_big);
        QCOMPARE(listFiles(folder), QStringList { QStringLiteral("recording.zip") });
        QVERIFY(!QFileInfo::exists(cache.folder()));

        // Interrupted, the output path stays empty and the .part beside it resumes.
        QVERIFY(QFile::remove(options.output));
        {
            S3Client once(m_verify.config());
            LambdaProgress progress;
            qint64 seen = 0;
            progress.onProgress = [&seen](qint64 done, qint64) { seen = done; };
            progress.cancelled = [&] { return seen > 8 * MiB; };
            const Result<S3Fetched> cancelled
                = S3Download::fetch(once, at(QStringLiteral("big.bin")), options, &progress, cache);
            QVERIFY(!cancelled.ok());
            QCOMPARE(listFiles(folder),
                (QStringList {
                    QStringLiteral("recording.zip.part"), QStringLiteral("recording.zip.part.state") }));
        }
        const Result<S3Fetched> resumed
            = S3Download::fetch(client, at(QStringLiteral("big.bin")), options, nullptr, cache);
        QVERIFY(resumed.ok());
        QVERIFY(resumed->bytesResumed > 0);
        QVERIFY(readFile(options.output) == m_big);
        QCOMPARE(listFiles(folder), QStringList { QStringLiteral("recording.zip") });
    }

    void cleanupTestCase()
    {
        m_verify.stop();
        m_plain.stop();
    }
};

QTEST_GUILESS_MAIN(TestS3Download)
#include "tst_s3download.moc"
