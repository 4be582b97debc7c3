// SPDX-License-Identifier: MIT
// S3Client against real S3 servers (@20minutes/s3rver verifying signatures, s3rver verifying nothing) with
// objects put by the AWS CLI: listings past 1,000 keys, prefixes and delimiters, odd keys, HEAD, ranges,
// errors and their exit codes, retries (faultproxy.py in between), cancel.
#include "core/storage/s3client.h"
#include "core/storage/s3xml.h"
#include "s3faults.h"
#include "s3server.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::test;

namespace {

const QString Bucket = QStringLiteral("recordings");
constexpr int ManyKeys = 2345;

// Keys an archive might really have: spaces, '+', '~', '&', '=', '%', non-ASCII (NFC), a deep path.
QStringList oddKeyList()
{
    return { QStringLiteral("odd/with space.zip"), QStringLiteral("odd/plus+sign.zip"),
        QStringLiteral("odd/tilde~x.zip"), QStringLiteral("odd/and&equals=.zip"),
        QStringLiteral("odd/per%25cent.zip"), QStringLiteral("odd/Grüße-日本語.zip"),
        QStringLiteral("odd/deep/er/still/x.zip") };
}

S3Location at(const QString &key)
{
    return S3Location { Bucket, key };
}

} // namespace

class TestS3Client : public QObject
{
    Q_OBJECT

private:
    S3TestServer &server(const QString &flavour) { return flavour == u"verify" ? m_verify : m_plain; }
    static void addFlavours()
    {
        QTest::addColumn<QString>("flavour");
        QTest::newRow("verify") << QStringLiteral("verify");
        QTest::newRow("plain") << QStringLiteral("plain");
    }

    S3TestServer m_verify;
    S3TestServer m_plain;
    QTemporaryDir m_dir;
    QByteArray m_blob; // "blob.bin"
    QMap<QString, QByteArray> m_odd; // odd key → content

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(
            m_verify.start(S3TestServer::Flavour::Verify, { Bucket }), qPrintable(m_verify.errorString()));
        QVERIFY2(m_plain.start(S3TestServer::Flavour::Plain, { Bucket }), qPrintable(m_plain.errorString()));
        // One folder, one `aws s3 cp --recursive` per server: many/ (past a page of 1,000), tree/, odd/,
        // blob.bin.
        const QString root = m_dir.filePath(QStringLiteral("upload"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/many")));
        for (int i = 1; i <= ManyKeys; ++i)
            QVERIFY(writeFile(
                root + QStringLiteral("/many/k%1").arg(i, 5, 10, QLatin1Char('0')), QByteArray::number(i)));
        for (const char *key : { "tree/a/1", "tree/a/2", "tree/b/1", "tree/c" }) {
            QVERIFY(QDir().mkpath(QFileInfo(root + QLatin1Char('/') + QLatin1String(key)).path()));
            QVERIFY(writeFile(root + QLatin1Char('/') + QLatin1String(key), key));
        }
        quint64 seed = 1;
        for (const QString &key : oddKeyList()) {
            m_odd.insert(key, pseudoRandom(1000 + qsizetype(seed) * 7, seed));
            ++seed;
            QVERIFY(QDir().mkpath(QFileInfo(root + QLatin1Char('/') + key).path()));
            QVERIFY(writeFile(root + QLatin1Char('/') + key, m_odd.value(key)));
        }
        m_blob = pseudoRandom(3 * 1024 * 1024 + 17, 42);
        QVERIFY(writeFile(root + QStringLiteral("/blob.bin"), m_blob));
        // Both at once: the AWS CLI takes a while for 2,345 PUTs.
        QProcess verify;
        QProcess plain;
        for (auto [process, s] : { std::pair { &verify, &m_verify }, std::pair { &plain, &m_plain } }) {
            process->setProcessEnvironment(s->environment());
            process->start(QStringLiteral("/usr/bin/aws"),
                { QStringLiteral("--endpoint-url"), s->endpoint(), QStringLiteral("s3"), QStringLiteral("cp"),
                    QStringLiteral("--only-show-errors"), QStringLiteral("--recursive"), root,
                    QStringLiteral("s3://recordings/") });
        }
        for (QProcess *process : { &verify, &plain }) {
            QVERIFY(process->waitForFinished(600'000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
    }

    void listPaging_data() { addFlavours(); }
    void listPaging()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config());
        const Result<S3ListPage> first = client.listPage(Bucket, QStringLiteral("many/"), {});
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QCOMPARE(first->objects.size(), 1000);
        QVERIFY(!first->nextContinuationToken.isEmpty());
        QCOMPARE(first->objects.first().key, QStringLiteral("many/k00001"));

        LambdaProgress progress;
        const Result<QList<S3Object>> all = client.listAll(Bucket, QStringLiteral("many/"), &progress);
        QVERIFY2(all.ok(), all.ok() ? "" : qPrintable(all.error().message));
        QCOMPARE(all->size(), ManyKeys);
        QCOMPARE(progress.last, qint64(ManyKeys));
        for (int i = 0; i < ManyKeys; ++i) {
            const S3Object &object = all->at(i);
            QCOMPARE(object.key, QStringLiteral("many/k%1").arg(i + 1, 5, 10, QLatin1Char('0')));
            QCOMPARE(object.size, qint64(QByteArray::number(i + 1).size()));
            QCOMPARE(object.etag,
                QString::fromLatin1(
                    QCryptographicHash::hash(QByteArray::number(i + 1), QCryptographicHash::Md5).toHex()));
            QVERIFY(object.lastModified.isValid());
            QCOMPARE(object.lastModified.timeSpec(), Qt::UTC);
        }
        // Small pages follow the same tokens.
        QString token;
        int pages = 0;
        int keys = 0;
        do {
            const Result<S3ListPage> page
                = client.listPage(Bucket, QStringLiteral("many/k0000"), token, {}, 4);
            QVERIFY(page.ok());
            keys += int(page->objects.size());
            token = page->nextContinuationToken;
            ++pages;
        } while (!token.isEmpty());
        QCOMPARE(keys, 9);
        QCOMPARE(pages, 3);
    }

    void prefixAndDelimiter_data() { addFlavours(); }
    void prefixAndDelimiter()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config());
        const Result<S3ListPage> page
            = client.listPage(Bucket, QStringLiteral("tree/"), {}, QStringLiteral("/"));
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        QCOMPARE(page->objects.size(), 1);
        QCOMPARE(page->objects.first().key, QStringLiteral("tree/c"));
        QCOMPARE(
            page->commonPrefixes, (QStringList { QStringLiteral("tree/a/"), QStringLiteral("tree/b/") }));
        QVERIFY(page->nextContinuationToken.isEmpty());

        const Result<QList<S3Object>> all = client.listAll(Bucket, QStringLiteral("tree/a/"));
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        const Result<QList<S3Object>> none = client.listAll(Bucket, QStringLiteral("nothing/here/"));
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    void oddKeys_data() { addFlavours(); }
    void oddKeys()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config());
        const Result<QList<S3Object>> listed = client.listAll(Bucket, QStringLiteral("odd/"));
        QVERIFY2(listed.ok(), listed.ok() ? "" : qPrintable(listed.error().message));
        QStringList keys;
        for (const S3Object &object : *listed)
            keys.append(object.key);
        QStringList expected = ::oddKeyList();
        if (flavour == u"verify") {
            // @20minutes/s3rver 4.0.4 escapes '&' twice in listings (its XML builder and `he` both escape):
            // the key reads "&amp;". Asserted, so that a fixed server shows up here.
            expected.replaceInStrings(QStringLiteral("and&equals"), QStringLiteral("and&amp;equals"));
        }
        expected.sort();
        keys.sort();
        QCOMPARE(keys, expected);
        for (const QString &key : ::oddKeyList()) {
            const QByteArray content = m_odd.value(key);
            const Result<S3Object> head = client.head(at(key));
            QVERIFY2(head.ok(), head.ok() ? "" : qPrintable(head.error().message));
            QCOMPARE(head->size, content.size());
            const Result<QByteArray> bytes = client.getRange(at(key), 0, content.size(), head->etag);
            QVERIFY2(bytes.ok(), bytes.ok() ? "" : qPrintable(bytes.error().message));
            QCOMPARE(*bytes, content);
            // A prefix with the odd characters in the query string.
            const Result<S3ListPage> exact = client.listPage(Bucket, key, {});
            QVERIFY2(exact.ok(), exact.ok() ? "" : qPrintable(exact.error().message));
            QCOMPARE(exact->objects.size(), 1);
            if (!key.contains(QLatin1Char('&')) || flavour == u"plain")
                QCOMPARE(exact->objects.first().key, key);
        }
    }

    void head_data() { addFlavours(); }
    void head()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config());
        const Result<S3Object> head = client.head(at(QStringLiteral("blob.bin")));
        QVERIFY2(head.ok(), head.ok() ? "" : qPrintable(head.error().message));
        QCOMPARE(head->key, QStringLiteral("blob.bin"));
        QCOMPARE(head->size, m_blob.size());
        // A single-part PUT: the ETag is the MD5 of the bytes.
        QCOMPARE(head->etag,
            QString::fromLatin1(QCryptographicHash::hash(m_blob, QCryptographicHash::Md5).toHex()));
        QVERIFY(head->etagIsMd5());
        QVERIFY(head->lastModified.isValid());
        QCOMPARE(head->lastModified.timeSpec(), Qt::UTC);
        // The listing says the same.
        const Result<S3ListPage> page = client.listPage(Bucket, QStringLiteral("blob.bin"), {});
        QVERIFY(page.ok());
        QCOMPARE(page->objects.size(), 1);
        QCOMPARE(page->objects.first().etag, head->etag);
        QCOMPARE(page->objects.first().size, head->size);
        // A folder is not an object.
        const Result<S3Object> folder = client.head(at(QStringLiteral("tree/")));
        QVERIFY(!folder.ok());
        QCOMPARE(folder.error().code, ErrorCode::Usage);
    }

    void ranges_data()
    {
        QTest::addColumn<QString>("flavour");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        const qint64 size = 3 * 1024 * 1024 + 17;
        for (const QString &flavour : { QStringLiteral("verify"), QStringLiteral("plain") }) {
            QTest::addRow("%s first two bytes", qPrintable(flavour)) << flavour << qint64(0) << qint64(2);
            QTest::addRow("%s second byte", qPrintable(flavour)) << flavour << qint64(1) << qint64(1);
            QTest::addRow("%s middle", qPrintable(flavour)) << flavour << qint64(1'000'003) << qint64(65'536);
            QTest::addRow("%s last byte", qPrintable(flavour)) << flavour << size - 1 << qint64(1);
            QTest::addRow("%s last 100", qPrintable(flavour)) << flavour << size - 100 << qint64(100);
            QTest::addRow("%s whole", qPrintable(flavour)) << flavour << qint64(0) << size;
        }
    }
    void ranges()
    {
        QFETCH(QString, flavour);
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        S3Client client(server(flavour).config());
        const QString etag
            = QString::fromLatin1(QCryptographicHash::hash(m_blob, QCryptographicHash::Md5).toHex());
        const Result<QByteArray> bytes
            = client.getRange(at(QStringLiteral("blob.bin")), offset, length, etag);
        QVERIFY2(bytes.ok(), bytes.ok() ? "" : qPrintable(bytes.error().message));
        QCOMPARE(bytes->size(), length);
        QVERIFY(*bytes == m_blob.mid(offset, length));
        // Without an expected ETag too.
        const Result<QByteArray> again = client.getRange(at(QStringLiteral("blob.bin")), offset, length);
        QVERIFY(again.ok());
        QVERIFY(*again == *bytes);
        // Past the end: what there is (an explicit range; the servers get suffix ranges wrong).
        const Result<QByteArray> beyond
            = client.getRange(at(QStringLiteral("blob.bin")), offset, m_blob.size());
        QVERIFY2(beyond.ok(), beyond.ok() ? "" : qPrintable(beyond.error().message));
        QVERIFY(*beyond == m_blob.mid(offset));
    }

    // Both servers answer "bytes=0-0" with the whole object (their `if (end)` takes "0" for no end): the
    // client must refuse what it did not ask for, not hand it on, whatever the server.
    void firstByteQuirk_data() { addFlavours(); }
    void firstByteQuirk()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config());
        const Result<QByteArray> bytes = client.getRange(at(QStringLiteral("blob.bin")), 0, 1);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().code, ErrorCode::InvalidInput);
        QVERIFY2(bytes.error().message.contains(QStringLiteral("bytes 0-0 were asked for")),
            qPrintable(bytes.error().message));
        QVERIFY2(bytes.error().message.contains(QStringLiteral("bytes 0-3145744/3145745")),
            qPrintable(bytes.error().message));
    }

    void etagMismatch_data() { addFlavours(); }
    void etagMismatch()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config());
        const Result<QByteArray> bytes = client.getRange(
            at(QStringLiteral("blob.bin")), 0, 10, QStringLiteral("0123456789abcdef0123456789abcdef"));
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().code, ErrorCode::InvalidInput);
        QVERIFY2(bytes.error().message.contains(QStringLiteral("changed on the server")),
            qPrintable(bytes.error().message));
    }

    void notFound_data() { addFlavours(); }
    void notFound()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config());
        const Result<S3Object> head = client.head(at(QStringLiteral("missing.zip")));
        QVERIFY(!head.ok());
        QCOMPARE(head.error().code, ErrorCode::Io);
        QVERIFY2(head.error().message.contains(QStringLiteral("s3://recordings/missing.zip")),
            qPrintable(head.error().message));
        QVERIFY2(
            head.error().message.contains(QStringLiteral("NoSuchKey")), qPrintable(head.error().message));

        const Result<QByteArray> get = client.getRange(at(QStringLiteral("missing.zip")), 0, 10);
        QVERIFY(!get.ok());
        QCOMPARE(get.error().code, ErrorCode::Io);
        QVERIFY2(get.error().message.contains(QStringLiteral("NoSuchKey")), qPrintable(get.error().message));
        QVERIFY2(get.error().message.contains(QStringLiteral("The specified key does not exist")),
            qPrintable(get.error().message));

        const Result<S3ListPage> list = client.listPage(QStringLiteral("no-such-bucket"), {}, {});
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code, ErrorCode::Io);
        QVERIFY2(
            list.error().message.contains(QStringLiteral("NoSuchBucket")), qPrintable(list.error().message));
        QVERIFY2(list.error().message.contains(QStringLiteral("s3://no-such-bucket")),
            qPrintable(list.error().message));

        const Result<S3Object> headBucket
            = client.head(S3Location { QStringLiteral("no-such-bucket"), QStringLiteral("x.zip") });
        QVERIFY(!headBucket.ok());
        QCOMPARE(headBucket.error().code, ErrorCode::Io);
        QVERIFY2(headBucket.error().message.contains(QStringLiteral("NoSuchBucket")),
            qPrintable(headBucket.error().message));
    }

    void wrongSecret_data() { addFlavours(); }
    void wrongSecret()
    {
        QFETCH(QString, flavour);
        S3Client client(server(flavour).config(QStringLiteral("not-the-secret")));
        const Result<S3Object> head = client.head(at(QStringLiteral("blob.bin")));
        const Result<QByteArray> get = client.getRange(at(QStringLiteral("blob.bin")), 0, 10);
        const Result<S3ListPage> list = client.listPage(Bucket, QStringLiteral("tree/"), {});
        if (flavour == u"plain") {
            // s3rver 3.7.1 checks no signature: the same requests succeed there. The difference is the point
            // of running both.
            QVERIFY(head.ok());
            QVERIFY(get.ok());
            QVERIFY(list.ok());
            return;
        }
        for (const Error &error : { head.error(), get.error(), list.error() }) {
            QCOMPARE(error.code, ErrorCode::Password);
            QVERIFY2(
                error.message.contains(QStringLiteral("the test")), qPrintable(error.message)); // the origin
            QVERIFY2(error.message.contains(QStringLiteral("s3://recordings")), qPrintable(error.message));
            QVERIFY2(!error.message.contains(QStringLiteral("not-the-secret")), qPrintable(error.message));
        }
        // GET and the listing have a body naming the code; HEAD has none, and asks a one-byte GET why.
        for (const Error &error : { head.error(), get.error(), list.error() })
            QVERIFY2(
                error.message.contains(QStringLiteral("SignatureDoesNotMatch")), qPrintable(error.message));

        S3Config unknownKey = server(flavour).config();
        unknownKey.credentials.accessKeyId = QStringLiteral("NOBODY");
        unknownKey.credentials.origin = QStringLiteral("profile \"other\"");
        S3Client stranger(unknownKey);
        const Result<QByteArray> refused = stranger.getRange(at(QStringLiteral("blob.bin")), 0, 10);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Password);
        QVERIFY2(refused.error().message.contains(QStringLiteral("InvalidAccessKeyId")),
            qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QStringLiteral("profile \"other\"")),
            qPrintable(refused.error().message));
    }

    // Real S3 answers encoding-type=url with encoded keys (neither npm server does): decoded as botocore
    // decodes them, with Python's urllib.parse.unquote_plus as the oracle.
    void urlDecodedListing()
    {
        const QStringList raw { QStringLiteral("odd/with+space.zip"), QStringLiteral("odd/plus%2Bsign.zip"),
            QStringLiteral("ctl%01char%C3%BC%E6%97%A5"), QStringLiteral("bad%ZZescape%"),
            QStringLiteral("half%C3"), QStringLiteral("100%25+done"), QStringLiteral("%e2%82%ac lower"),
            QStringLiteral("deep%2Fer%2F") };
        const ProcessResult python = run(QStringLiteral("/usr/bin/python3"),
            QStringList { QStringLiteral("-c"),
                QStringLiteral("import json, sys, urllib.parse; "
                               "print(json.dumps([urllib.parse.unquote_plus(a) for a in sys.argv[1:]]))") }
                + raw);
        QCOMPARE(python.exitCode, 0);
        const QJsonArray expected = QJsonDocument::fromJson(python.out).array();
        QCOMPARE(expected.size(), raw.size());
        QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult "
                         "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name><EncodingType>url</"
                         "EncodingType>"
                         "<IsTruncated>false</IsTruncated>";
        for (const QString &key : raw)
            xml += "<Contents><Key>" + key.toUtf8()
                + "</Key><Size>1</Size><ETag>&quot;x&quot;</ETag></Contents>";
        xml += "<CommonPrefixes><Prefix>odd%2Fdeep+er%2F</Prefix></CommonPrefixes></ListBucketResult>";
        const Result<S3ListPage> page = S3Xml::parseListObjectsV2(xml);
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message));
        QCOMPARE(page->objects.size(), raw.size());
        for (qsizetype i = 0; i < raw.size(); ++i) {
            QCOMPARE(page->objects.at(i).key, expected.at(i).toString());
            QCOMPARE(S3Xml::urlDecode(raw.at(i)), expected.at(i).toString());
        }
        QCOMPARE(page->commonPrefixes, QStringList { QStringLiteral("odd/deep er/") });
        // Without EncodingType the same text is taken as it is.
        xml.replace("<EncodingType>url</EncodingType>", "");
        const Result<S3ListPage> plain = S3Xml::parseListObjectsV2(xml);
        QVERIFY(plain.ok());
        QCOMPARE(plain->objects.first().key, raw.first());
    }

    void etagIsMd5_data()
    {
        QTest::addColumn<QString>("etag");
        QTest::addColumn<QString>("encryption");
        QTest::addColumn<bool>("md5");
        QTest::newRow("single part") << QStringLiteral("9e107d9d372bb6826bd81d3542a419d6") << QString()
                                     << true;
        QTest::newRow("SSE-S3") << QStringLiteral("9e107d9d372bb6826bd81d3542a419d6")
                                << QStringLiteral("AES256") << true;
        QTest::newRow("SSE-KMS") << QStringLiteral("9e107d9d372bb6826bd81d3542a419d6")
                                 << QStringLiteral("aws:kms") << false;
        QTest::newRow("SSE-C") << QStringLiteral("9e107d9d372bb6826bd81d3542a419d6")
                               << QStringLiteral("SSE-C") << false;
        QTest::newRow("multipart") << QStringLiteral("d41d8cd98f00b204e9800998ecf8427e-3") << QString()
                                   << false;
        QTest::newRow("upper case") << QStringLiteral("9E107D9D372BB6826BD81D3542A419D6") << QString()
                                    << false;
        QTest::newRow("short") << QStringLiteral("9e107d9d") << QString() << false;
    }
    void etagIsMd5()
    {
        QFETCH(QString, etag);
        QFETCH(QString, encryption);
        QFETCH(bool, md5);
        S3Object object;
        object.etag = etag;
        object.encryption = encryption;
        QCOMPARE(object.etagIsMd5(), md5);
    }

    void serverDown()
    {
        S3Config config = m_verify.config();
        const quint16 port = closedPort();
        config.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        S3Client client(config, quickRetries(3));
        const Result<S3Object> head = client.head(at(QStringLiteral("blob.bin")));
        QVERIFY(!head.ok());
        QCOMPARE(head.error().code, ErrorCode::Io);
        const QString message = head.error().message;
        QVERIFY2(message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("3 attempts")), qPrintable(message));
    }

    // 503 SlowDown and 500 are retried; a 4xx is not; a 301 names the bucket's region.
    void retries_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("faults");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("errorCode");
        QTest::newRow("503 SlowDown twice") << 503 << QStringLiteral("SlowDown") << 2 << true << 3 << 0;
        QTest::newRow("500 always") << 500 << QStringLiteral("InternalError") << -1 << false << 4
                                    << int(ErrorCode::Io);
        QTest::newRow("429 once") << 429 << QStringLiteral("TooManyRequests") << 1 << true << 2 << 0;
        QTest::newRow("400 never retried")
            << 400 << QStringLiteral("InvalidArgument") << -1 << false << 1 << int(ErrorCode::Io);
        QTest::newRow("403 never retried")
            << 403 << QStringLiteral("AccessDenied") << -1 << false << 1 << int(ErrorCode::Password);
        QTest::newRow("301 other region")
            << 301 << QStringLiteral("PermanentRedirect") << -1 << false << 1 << int(ErrorCode::Usage);
    }
    void retries()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(int, faults);
        QFETCH(bool, succeeds);
        QFETCH(int, requests);
        QFETCH(int, errorCode);
        FaultProxy proxy;
        QVERIFY(proxy.start(m_verify.port(), QStringLiteral("status"), 0, faults,
            { QStringLiteral("--status"), QString::number(status), QStringLiteral("--code"), code }));
        S3Config config = m_verify.config();
        config.endpoint = QUrl(proxy.endpoint());
        S3Client client(config, quickRetries(4));
        const Result<QByteArray> bytes = client.getRange(at(QStringLiteral("blob.bin")), 5, 10);
        QCOMPARE(bytes.ok(), succeeds);
        if (succeeds) {
            QVERIFY(*bytes == m_blob.mid(5, 10));
        } else {
            QCOMPARE(int(bytes.error().code), errorCode);
            QVERIFY2(bytes.error().message.contains(code), qPrintable(bytes.error().message));
            if (status == 301)
                QVERIFY2(bytes.error().message.contains(QStringLiteral("--region eu-west-1")),
                    qPrintable(bytes.error().message));
        }
        QCOMPARE(proxy.count(QStringLiteral("connection")), requests);
    }

    // Connections dropped, cut short or stalled part-way through a body are retried from where they broke.
    void transportFaults_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("times");
        QTest::addColumn<bool>("succeeds");
        QTest::newRow("drop twice") << QStringLiteral("drop") << 2 << true;
        QTest::newRow("cut twice") << QStringLiteral("cut") << 2 << true;
        QTest::newRow("stall once") << QStringLiteral("stall") << 1 << true;
        QTest::newRow("drop always") << QStringLiteral("drop") << -1 << false;
    }
    void transportFaults()
    {
        QFETCH(QString, mode);
        QFETCH(int, times);
        QFETCH(bool, succeeds);
        FaultProxy proxy;
        QVERIFY(proxy.start(m_verify.port(), mode, 200'000, times));
        S3Config config = m_verify.config();
        config.endpoint = QUrl(proxy.endpoint());
        S3RetryPolicy policy = quickRetries(3);
        policy.timeoutMs = 500;
        S3Client client(config, policy);
        const Result<QByteArray> bytes = client.getRange(at(QStringLiteral("blob.bin")), 1, 1'500'000);
        QCOMPARE(bytes.ok(), succeeds);
        if (succeeds) {
            QVERIFY(*bytes == m_blob.mid(1, 1'500'000));
        } else {
            QCOMPARE(bytes.error().code, ErrorCode::Io);
            QVERIFY2(bytes.error().message.contains(QStringLiteral("3 attempts")),
                qPrintable(bytes.error().message));
            QVERIFY2(bytes.error().message.contains(proxy.endpoint()), qPrintable(bytes.error().message));
        }
        QCOMPARE(proxy.count(QStringLiteral("fault")), succeeds ? times : 3);
    }

    void cancel()
    {
        // A server that never answers: only the cancel ends the wait (the timeout is far away).
        FaultProxy proxy;
        QVERIFY(proxy.start(m_verify.port(), QStringLiteral("stall"), 0, -1));
        S3Config config = m_verify.config();
        config.endpoint = QUrl(proxy.endpoint());
        S3Client client(config);
        int polls = 0;
        LambdaProgress progress;
        progress.cancelled = [&polls] { return ++polls > 3; };
        const Result<S3Object> head = client.head(at(QStringLiteral("blob.bin")), &progress);
        QVERIFY(!head.ok());
        QCOMPARE(head.error().code, ErrorCode::Cancelled);
        const Result<QList<S3Object>> list = client.listAll(Bucket, {}, &progress);
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code, ErrorCode::Cancelled);
    }

    void cleanupTestCase()
    {
        m_verify.stop();
        m_plain.stop();
    }
};

QTEST_GUILESS_MAIN(TestS3Client)
#include "tst_s3client.moc"
