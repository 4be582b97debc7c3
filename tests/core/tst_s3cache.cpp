// SPDX-License-Identifier: MIT
// S3Cache: where it lives, its cap from the environment, its file names, the folder's checks, LRU eviction
// and stale partial downloads.
#include "core/storage/s3cache.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tapedeck;
using namespace tapedeck::test;

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

// Sets a file's modification time to `secondsAgo` before now (plus a nanosecond order within the second).
void age(const QString &path, qint64 secondsAgo, long nanoseconds = 0)
{
    timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    const timespec times[2]
        = { { now.tv_sec - secondsAgo, nanoseconds }, { now.tv_sec - secondsAgo, nanoseconds } };
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW), 0);
}

S3Object version(const QString &etag, qint64 size = 0)
{
    S3Object object;
    object.etag = etag;
    object.size = size;
    return object;
}

} // namespace

class TestS3Cache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const QUrl m_endpoint { QStringLiteral("http://127.0.0.1:9000") };
    const S3Location m_location { QStringLiteral("recordings"), QStringLiteral("runs/2024/run 1.zip") };

private Q_SLOTS:
    void defaultFolder_data()
    {
        QTest::addColumn<QByteArray>("xdg");
        QTest::addColumn<QString>("expected");
        QTest::newRow("XDG_CACHE_HOME")
            << QByteArray("/var/cache/someone") << QStringLiteral("/var/cache/someone/tapedeck/s3");
        QTest::newRow("trailing slash")
            << QByteArray("/var/cache/someone/") << QStringLiteral("/var/cache/someone/tapedeck/s3");
        QTest::newRow("relative: ignored")
            << QByteArray("cache") << QStringLiteral("HOME/.cache/tapedeck/s3");
        QTest::newRow("unset") << QByteArray() << QStringLiteral("HOME/.cache/tapedeck/s3");
    }
    void defaultFolder()
    {
        QFETCH(QByteArray, xdg);
        QFETCH(QString, expected);
        const QByteArray home = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(m_dir.path()));
        if (xdg.isNull())
            qunsetenv("XDG_CACHE_HOME");
        else
            qputenv("XDG_CACHE_HOME", xdg);
        const S3Cache cache;
        qputenv("HOME", home);
        expected.replace(QStringLiteral("HOME"), m_dir.path());
        QCOMPARE(cache.folder(), expected);
    }

    void maxBytes_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<bool>("warns");
        const qint64 tenGiB = qint64(10) * 1024 * 1024 * 1024;
        QTest::newRow("unset") << QByteArray() << tenGiB << false;
        QTest::newRow("bytes") << QByteArray("1000") << qint64(1000) << false;
        QTest::newRow("K") << QByteArray("10K") << qint64(10240) << false;
        QTest::newRow("M") << QByteArray("500M") << qint64(500) * 1024 * 1024 << false;
        QTest::newRow("G") << QByteArray("2G") << qint64(2) * 1024 * 1024 * 1024 << false;
        QTest::newRow("fraction") << QByteArray("1.5G") << qint64(1536) * 1024 * 1024 << false;
        QTest::newRow("zero: keep nothing") << QByteArray("0") << qint64(0) << false;
        QTest::newRow("junk") << QByteArray("lots") << tenGiB << true;
        QTest::newRow("negative") << QByteArray("-5M") << tenGiB << true;
    }
    void maxBytes()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        QFETCH(bool, warns);
        if (value.isNull())
            qunsetenv("TAPEDECK_S3_CACHE_MAX");
        else
            qputenv("TAPEDECK_S3_CACHE_MAX", value);
        const S3Cache cache;
        qunsetenv("TAPEDECK_S3_CACHE_MAX");
        QCOMPARE(cache.maxBytes(), expected);
        QCOMPARE(!cache.warning().isEmpty(), warns);
        if (warns)
            QVERIFY(cache.warning().contains(QString::fromLatin1(value)));
    }

    void names()
    {
        const S3Cache cache(m_dir.filePath(QStringLiteral("names")), 1000);
        const QString path = cache.finalPath(m_endpoint, m_location, version(QStringLiteral("abc")));
        // The SHA-256 of endpoint|bucket|key|etag, computed here independently, then the readable name.
        const QByteArray hash
            = QCryptographicHash::hash(QByteArray("http://127.0.0.1:9000|recordings|runs/2024/run 1.zip|abc"),
                QCryptographicHash::Sha256)
                  .toHex();
        QCOMPARE(path,
            cache.folder() + QLatin1Char('/') + QString::fromLatin1(hash) + QStringLiteral("-run_1.zip"));
        // One partial download per object, whatever the version: the SHA-256 of endpoint|bucket|key.
        const QByteArray objectHash = QCryptographicHash::hash(
            QByteArray("http://127.0.0.1:9000|recordings|runs/2024/run 1.zip"), QCryptographicHash::Sha256)
                                          .toHex();
        const QString partial = cache.folder() + QLatin1Char('/') + QString::fromLatin1(objectHash)
            + QStringLiteral("-run_1.zip.part");
        QCOMPARE(cache.partialPath(m_endpoint, m_location, version(QStringLiteral("abc"))), partial);
        QCOMPARE(cache.partialPath(m_endpoint, m_location, version(QStringLiteral("abd"))), partial);
        // Every part of the identity counts.
        QVERIFY(cache.finalPath(m_endpoint, m_location, version(QStringLiteral("abd"))) != path);
        QVERIFY(cache.finalPath(
                    QUrl(QStringLiteral("http://127.0.0.1:9001")), m_location, version(QStringLiteral("abc")))
            != path);
        QVERIFY(cache.finalPath(m_endpoint, S3Location { QStringLiteral("other"), m_location.key },
                    version(QStringLiteral("abc")))
            != path);
        QVERIFY(cache.finalPath(m_endpoint,
                    S3Location { m_location.bucket, QStringLiteral("runs/2024/run 2.zip") },
                    version(QStringLiteral("abc")))
            != path);
        // A trailing slash on the endpoint is the same endpoint.
        QCOMPARE(cache.finalPath(QUrl(QStringLiteral("http://127.0.0.1:9000/")), m_location,
                     version(QStringLiteral("abc"))),
            path);
    }

    void readableNames_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("a/recording-1.zip") << QStringLiteral("recording-1.zip");
        QTest::newRow("spaces and quotes")
            << QStringLiteral("a/it's a \"run\".zip") << QStringLiteral("it_s_a_run_.zip");
        QTest::newRow("dot files") << QStringLiteral("a/..hidden") << QStringLiteral("hidden");
        QTest::newRow("non-ASCII") << QStringLiteral("Grüße.zip") << QStringLiteral("Gr_e.zip");
        QTest::newRow("long: the end kept") << QStringLiteral("x/") + QString(100, QLatin1Char('a'))
                + QStringLiteral(".zip") << QString(60, QLatin1Char('a')) + QStringLiteral(".zip");
        QTest::newRow("looks partial") << QStringLiteral("x/y.part") << QStringLiteral("y.part_");
        QTest::newRow("looks like state")
            << QStringLiteral("x/y.part.state") << QStringLiteral("y.part.state_");
        QTest::newRow("nothing readable") << QStringLiteral("x/...") << QString();
    }
    void readableNames()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        QCOMPARE(S3Cache::readableName(S3Location { QStringLiteral("b"), key }), expected);
        const QString base = S3Cache::baseName(
            m_endpoint, S3Location { QStringLiteral("b"), key }, version(QStringLiteral("e")));
        QCOMPARE(base.size(), 64 + (expected.isEmpty() ? 0 : 1 + expected.size()));
        QVERIFY(!base.contains(QLatin1Char('/')));
    }

    void prepare()
    {
        const QString root = m_dir.filePath(QStringLiteral("prepare"));
        const S3Cache cache(root + QStringLiteral("/xdg/tapedeck/s3"), 1000);
        QVERIFY(cache.prepare().ok());
        QCOMPARE(modeOf(cache.folder()), 0700);
        QCOMPARE(modeOf(root + QStringLiteral("/xdg/tapedeck")), 0700);
        QCOMPARE(modeOf(root + QStringLiteral("/xdg")), 0700); // made missing, so made private
        // A folder opened up is closed again.
        QCOMPARE(::chmod(QFile::encodeName(cache.folder()).constData(), 0755), 0);
        QVERIFY(cache.prepare().ok());
        QCOMPARE(modeOf(cache.folder()), 0700);
        // An existing parent that is not Tapedeck's keeps its mode.
        const QString shared = m_dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(shared));
        QCOMPARE(::chmod(QFile::encodeName(shared).constData(), 0755), 0);
        QVERIFY(S3Cache(shared + QStringLiteral("/tapedeck/s3"), 1).prepare().ok());
        QCOMPARE(modeOf(shared), 0755);
    }

    void prepareRefuses()
    {
        const QString root = m_dir.filePath(QStringLiteral("refuse"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/elsewhere")));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/a/tapedeck")));
        // The s3 folder a symbolic link to somewhere else.
        QVERIFY(QFile::link(root + QStringLiteral("/elsewhere"), root + QStringLiteral("/a/tapedeck/s3")));
        const Status linked = S3Cache(root + QStringLiteral("/a/tapedeck/s3"), 1).prepare();
        QVERIFY(!linked.ok());
        QCOMPARE(linked.error().code, ErrorCode::Io);
        QVERIFY2(linked.error().message.contains(QStringLiteral("symbolic link")),
            qPrintable(linked.error().message));
        // The tapedeck folder a link.
        QVERIFY(QDir().mkpath(root + QStringLiteral("/b")));
        QVERIFY(QFile::link(root + QStringLiteral("/elsewhere"), root + QStringLiteral("/b/tapedeck")));
        const Status parentLinked = S3Cache(root + QStringLiteral("/b/tapedeck/s3"), 1).prepare();
        QVERIFY(!parentLinked.ok());
        QVERIFY2(parentLinked.error().message.contains(root + QStringLiteral("/b/tapedeck ")),
            qPrintable(parentLinked.error().message));
        // A file where the folder should be.
        QVERIFY(QDir().mkpath(root + QStringLiteral("/c/tapedeck")));
        QVERIFY(writeFile(root + QStringLiteral("/c/tapedeck/s3"), "x"));
        QVERIFY(!S3Cache(root + QStringLiteral("/c/tapedeck/s3"), 1).prepare().ok());
        // Another user's folder (root can make one).
        if (::geteuid() != 0)
            QSKIP("needs root to give a folder to another user");
        const QString foreign = root + QStringLiteral("/d/tapedeck/s3");
        QVERIFY(QDir().mkpath(foreign));
        QCOMPARE(::chown(QFile::encodeName(foreign).constData(), 65534, 65534), 0);
        const Status owned = S3Cache(foreign, 1).prepare();
        QVERIFY(!owned.ok());
        QVERIFY2(owned.error().message.contains(QStringLiteral("another user")),
            qPrintable(owned.error().message));
    }

    void lookup()
    {
        const S3Cache cache(m_dir.filePath(QStringLiteral("lookup")), 1000);
        QVERIFY(cache.prepare().ok());
        const S3Object object = version(QStringLiteral("e1"), 5);
        QVERIFY(cache.lookup(m_endpoint, m_location, object).isEmpty());
        const QString path = cache.finalPath(m_endpoint, m_location, object);
        QVERIFY(writeFile(path, "12345"));
        age(path, 3600);
        QCOMPARE(cache.lookup(m_endpoint, m_location, object), path);
        QVERIFY(QFileInfo(path).lastModified().secsTo(QDateTime::currentDateTime())
            < 3000); // its use time refreshed
        // Another version is another file.
        QVERIFY(cache.lookup(m_endpoint, m_location, version(QStringLiteral("e2"), 5)).isEmpty());
        // A file of the wrong size is not handed out, and goes.
        QVERIFY(cache.lookup(m_endpoint, m_location, version(QStringLiteral("e1"), 6)).isEmpty());
        QVERIFY(!QFileInfo::exists(path));
        // A symbolic link in its place is not followed.
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("target")), "12345"));
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("target")), path));
        QVERIFY(cache.lookup(m_endpoint, m_location, object).isEmpty());
    }

    void evictLeastRecentlyUsed()
    {
        const S3Cache cache(m_dir.filePath(QStringLiteral("evict")), 3000);
        QVERIFY(cache.prepare().ok());
        const QString a = cache.folder() + QStringLiteral("/a");
        const QString b = cache.folder() + QStringLiteral("/b");
        const QString c = cache.folder() + QStringLiteral("/c");
        for (const QString &path : { a, b, c })
            QVERIFY(writeFile(path, QByteArray(1000, 'x')));
        age(a, 300);
        age(b, 100);
        age(c, 200);
        cache.evict(0);
        QCOMPARE(listFiles(cache.folder()).size(), 3); // 3,000 fit
        cache.evict(1000); // room for 1,000 more: the least recently used goes
        QCOMPARE(listFiles(cache.folder()), (QStringList { QStringLiteral("b"), QStringLiteral("c") }));
        cache.evict(2000, c); // c is kept even when older than b
        QCOMPARE(listFiles(cache.folder()), QStringList { QStringLiteral("c") });
        cache.evict(5000, c); // kept even when the cap cannot be met
        QCOMPARE(listFiles(cache.folder()), QStringList { QStringLiteral("c") });
        cache.evict(5000);
        QCOMPARE(listFiles(cache.folder()), QStringList());
    }

    void evictPartials()
    {
        const S3Cache cache(m_dir.filePath(QStringLiteral("partials")), 10'000);
        QVERIFY(cache.prepare().ok());
        const QString folder = cache.folder() + QLatin1Char('/');
        // Abandoned eight days ago: data and state go.
        QVERIFY(writeFile(folder + QStringLiteral("old.part"), QByteArray(100, 'x')));
        QVERIFY(writeFile(folder + QStringLiteral("old.part.state"), "{}"));
        age(folder + QStringLiteral("old.part"), 8 * 24 * 3600);
        age(folder + QStringLiteral("old.part.state"), 8 * 24 * 3600);
        // A state left old but data written to yesterday: still a download in progress.
        QVERIFY(writeFile(folder + QStringLiteral("live.part"), QByteArray(100, 'x')));
        QVERIFY(writeFile(folder + QStringLiteral("live.part.state"), "{}"));
        age(folder + QStringLiteral("live.part"), 24 * 3600);
        age(folder + QStringLiteral("live.part.state"), 9 * 24 * 3600);
        // A state whose data is gone.
        QVERIFY(writeFile(folder + QStringLiteral("orphan.part.state"), "{}"));
        age(folder + QStringLiteral("orphan.part.state"), 8 * 24 * 3600);
        // Complete files are never "stale", only least recently used.
        QVERIFY(writeFile(folder + QStringLiteral("complete"), QByteArray(100, 'x')));
        age(folder + QStringLiteral("complete"), 30 * 24 * 3600);
        cache.evict(0);
        QCOMPARE(listFiles(cache.folder()),
            (QStringList { QStringLiteral("complete"), QStringLiteral("live.part"),
                QStringLiteral("live.part.state") }));
        // Partial downloads do not count against the cap, and only complete files are evicted for room.
        const S3Cache small(cache.folder(), 100);
        small.evict(0);
        QCOMPARE(listFiles(cache.folder()).size(), 3);
        small.evict(1);
        QCOMPARE(listFiles(cache.folder()),
            (QStringList { QStringLiteral("live.part"), QStringLiteral("live.part.state") }));
    }
};

QTEST_GUILESS_MAIN(TestS3Cache)
#include "tst_s3cache.moc"
