// SPDX-License-Identifier: MIT
// Tests SigV4 byte for byte against botocore 1.29 (Debian's python3-botocore through
// tests/tools/botocore_sign.py, frozen clock, one process for the whole table) and against AWS's published
// S3 signature examples; every URL must also pass through QUrl's strict parser unchanged.
#include "core/storage/sigv4.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace tapedeck;

using QueryList = QList<QPair<QString, QString>>;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");
const QString Oracle = QStringLiteral(TAPEDECK_TEST_TOOLS "/botocore_sign.py");

const QString AccessKey = QStringLiteral("AKIDEXAMPLE");
const QString SecretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const QString Token = QStringLiteral("IQoJb3JpZ2luX2VjE/+token=="); // '/', '+' and '=' need encoding in URLs

enum class Mode { Client, Raw, Presign };

struct Case
{
    QString name;
    Mode mode = Mode::Client;
    S3Request request;
    S3Config config;
    QDateTime now;
    int expires = 0;
};

QDateTime at(const char *iso)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    time.setTimeSpec(Qt::UTC);
    return time;
}

const QDateTime Now = at("2024-03-05T07:08:09");

AwsCredentials credentials(bool withToken)
{
    AwsCredentials c;
    c.accessKeyId = AccessKey;
    c.secretAccessKey = SecretKey;
    if (withToken)
        c.sessionToken = Token;
    return c;
}

// AWS's own endpoint for the region, as AwsConfig resolves it when nothing names another.
S3Config aws(const QString &region, AddressingStyle addressing = AddressingStyle::Auto, bool token = false)
{
    S3Config config;
    config.credentials = credentials(token);
    config.region = region;
    config.endpoint = QUrl(QStringLiteral("https://s3.%1.amazonaws.com").arg(region));
    config.addressing = addressing;
    return config;
}

S3Config custom(const char *endpoint, const QString &region = QStringLiteral("us-east-1"),
    AddressingStyle addressing = AddressingStyle::Auto, bool token = false)
{
    S3Config config = aws(region, addressing, token);
    config.endpoint = QUrl::fromEncoded(endpoint, QUrl::StrictMode);
    config.customEndpoint = true;
    return config;
}

S3Request request(const char *method, const QString &bucket, const QString &key,
    QList<QPair<QString, QString>> query = {}, HeaderList headers = {}, QByteArray payload = {})
{
    S3Request r;
    r.method = method;
    r.bucket = bucket;
    r.key = key;
    r.query = std::move(query);
    r.headers = std::move(headers);
    r.payload = std::move(payload);
    return r;
}

QPair<QString, QString> q(const char *name, const QString &value)
{
    return { QString::fromUtf8(name), value };
}

// A value-less parameter (?lifecycle).
QPair<QString, QString> bare(const char *name)
{
    return { QString::fromUtf8(name), QString() };
}

const QString B = QStringLiteral("mybucket");

qsizetype toUtf8Size(const QString &text)
{
    return text.toUtf8().size();
}

QString longKey()
{
    // 1,024 UTF-8 bytes: every kind of character that needs encoding, repeated.
    QString key;
    const QString piece = QStringLiteral("dir é/~x+y (1)!*'%#?&=;,$@[]");
    while (toUtf8Size(key + piece) <= 1024)
        key += piece;
    while (toUtf8Size(key) < 1024)
        key += u'k';
    return key;
}

QList<Case> clientCases()
{
    const HeaderList none;
    QList<Case> cases;
    const auto add
        = [&cases](const char *name, const S3Config &config, const S3Request &r, const QDateTime &now = Now) {
              cases.append({ QString::fromUtf8(name), Mode::Client, r, config, now, 0 });
          };
    // GET and HEAD of objects, AWS's endpoint (virtual-host style) and others.
    add("get, us-east-1", aws(QStringLiteral("us-east-1")),
        request("GET", B, QStringLiteral("recording-1.zip")));
    add("get range, eu-west-1", aws(QStringLiteral("eu-west-1")),
        request("GET", B, QStringLiteral("runs/recording-1.zip"), {}, { { "Range", "bytes=0-1048575" } }));
    add("get suffix range, IPv4 endpoint", custom("http://127.0.0.1:4568"),
        request("GET", B, QStringLiteral("a.zip"), {}, { { "Range", "bytes=-100" } }));
    add("get range and If-Match, localhost", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("a.zip"), {},
            { { "Range", "bytes=100-199" }, { "If-Match", "\"9b2cf535f27731c974343645a3985328\"" } }));
    add("get If-Match with whitespace runs", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("a.zip"), {}, { { "If-Match", "  \"a   b\t\tc\"  " } }));
    add("head, eu-central-1", aws(QStringLiteral("eu-central-1")),
        request("HEAD", B, QStringLiteral("k.zip")));
    add("head with session token",
        custom("http://localhost:9000", QStringLiteral("us-east-1"), AddressingStyle::Auto, true),
        request("HEAD", B, QStringLiteral("k.zip")));
    add("get with session token, AWS", aws(QStringLiteral("ap-southeast-2"), AddressingStyle::Auto, true),
        request("GET", B, QStringLiteral("k.zip"), {}, { { "Range", "bytes=0-9" } }));
    // Keys.
    add("key with spaces", custom("https://minio.example.com"),
        request("GET", B, QStringLiteral("a b/c  d.zip")));
    add("key with plus, equals, ampersand", aws(QStringLiteral("us-east-1")),
        request("GET", B, QStringLiteral("a+b=c&d;e,f$g@h:i.zip")));
    add("key with tilde and slashes, path style", aws(QStringLiteral("us-east-1"), AddressingStyle::Path),
        request("GET", B, QStringLiteral("~user/dir/file~1.zip")));
    add("key with sub-delimiters", custom("http://127.0.0.1:4568"),
        request("GET", B, QStringLiteral("it's (really)!*.zip")));
    add("key with percent, question mark, hash", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("100%/q?x=1#frag %41")));
    add("non-ASCII key", aws(QStringLiteral("eu-west-3")),
        request("GET", B, QStringLiteral("données/日本語/émoji😀.zip")));
    add("1024-byte key, virtual host on custom endpoint",
        custom("https://minio.example.com", QStringLiteral("us-east-1"), AddressingStyle::Virtual),
        request("GET", B, longKey()));
    add("key with dot segments and empty segments", aws(QStringLiteral("us-east-1"), AddressingStyle::Path),
        request("GET", B, QStringLiteral("/leading//double/./dot/../x")));
    add("key with brackets and braces", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("[a]{b}|c^d`e\"f<g>h\\i")));
    // Addressing.
    add("dotted bucket on AWS: path style", aws(QStringLiteral("eu-west-1")),
        request("GET", QStringLiteral("my.dotted.bucket"), QStringLiteral("k")));
    add("dotted bucket, virtual asked: path style",
        aws(QStringLiteral("eu-west-1"), AddressingStyle::Virtual),
        request("GET", QStringLiteral("my.dotted.bucket"), QStringLiteral("k")));
    add("legacy bucket name: path style", aws(QStringLiteral("us-east-1")),
        request("GET", QStringLiteral("My_Bucket"), QStringLiteral("k")));
    add("virtual host on custom endpoint with base path",
        custom("http://s3.example.com:9000/base/", QStringLiteral("us-east-1"), AddressingStyle::Virtual),
        request("GET", B, QStringLiteral("k.zip")));
    add("path style on custom endpoint with base path", custom("http://s3.example.com:9000/base"),
        request("GET", B, QStringLiteral("k.zip")));
    add("virtual asked on IP endpoint: path style",
        custom("http://127.0.0.1:9000", QStringLiteral("us-east-1"), AddressingStyle::Virtual),
        request("GET", B, QStringLiteral("k.zip")));
    add("IPv6 endpoint", custom("http://[::1]:9000"), request("GET", B, QStringLiteral("k.zip")));
    add("explicit default port", custom("https://s3.example.com:443", QStringLiteral("eu-west-1")),
        request("GET", B, QStringLiteral("k.zip")));
    add("http default port", custom("http://s3.example.com:80"), request("HEAD", B, QStringLiteral("k.zip")));
    // Listings.
    add("list, AWS", aws(QStringLiteral("us-east-1")),
        request("GET", B, {},
            { q("list-type", QStringLiteral("2")), q("prefix", QStringLiteral("runs/")),
                q("encoding-type", QStringLiteral("url")) }));
    add("list page with token, delimiter, max-keys", custom("http://localhost:9000"),
        request("GET", B, {},
            { q("list-type", QStringLiteral("2")), q("continuation-token", QStringLiteral("1/a+b=c==")),
                q("delimiter", QStringLiteral("/")), q("max-keys", QStringLiteral("1000")),
                q("prefix", QStringLiteral("runs/2024/")), q("encoding-type", QStringLiteral("url")) }));
    add("list prefix needing encoding", custom("https://minio.example.com", QStringLiteral("eu-west-1")),
        request("GET", B, {},
            { q("list-type", QStringLiteral("2")), q("prefix", QStringLiteral("a b/(x)!*'~é&=+;")),
                q("start-after", QStringLiteral("a b/(x)!*'~é&=+;/0")),
                q("encoding-type", QStringLiteral("url")) }));
    add("list empty prefix", custom("http://127.0.0.1:4568"),
        request("GET", B, {},
            { q("list-type", QStringLiteral("2")), q("prefix", QStringLiteral("")),
                q("encoding-type", QStringLiteral("url")) }));
    add("list, virtual host on custom endpoint",
        custom("http://s3.example.com:9000/base/", QStringLiteral("us-east-1"), AddressingStyle::Virtual),
        request("GET", B, {},
            { q("list-type", QStringLiteral("2")), q("encoding-type", QStringLiteral("url")) }));
    add("list buckets, AWS", aws(QStringLiteral("us-east-1")), request("GET", {}, {}));
    add("list buckets, base path", custom("http://localhost:9000/base"), request("GET", {}, {}));
    add("bucket lifecycle", aws(QStringLiteral("us-east-1")), request("GET", B, {}, { bare("lifecycle") }));
    add("bucket location", custom("http://localhost:9000"), request("GET", B, {}, { bare("location") }));
    add("head bucket", custom("https://minio.example.com"), request("HEAD", B, {}));
    add("get with response overrides and version",
        aws(QStringLiteral("us-west-2"), AddressingStyle::Auto, true),
        request("GET", B, QStringLiteral("a b.zip"),
            { q("response-content-disposition", QStringLiteral("attachment; filename=\"a b.zip\"")),
                q("versionId",
                    QStringLiteral("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo")) }));
    add("get part number", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("k.zip"), { q("partNumber", QStringLiteral("1")) }));
    // Uploads: the payload is hashed over http; over https with Content-MD5 it goes unsigned.
    add("put over http", custom("http://localhost:9000"),
        request("PUT", B, QStringLiteral("up load.txt"), {},
            { { "Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==" } }, QByteArrayLiteral("hello")));
    add("put over https", aws(QStringLiteral("us-east-1")),
        request("PUT", B, QStringLiteral("up load.txt"), {},
            { { "Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==" }, { "Content-Type", "text/plain" } },
            QByteArrayLiteral("hello")));
    // Clock edges: the date of the scope is the UTC date.
    add("new year's eve", aws(QStringLiteral("us-east-1")), request("GET", B, QStringLiteral("k")),
        at("2023-12-31T23:59:59"));
    add("leap day", aws(QStringLiteral("eu-west-1")), request("GET", B, QStringLiteral("k")),
        at("2024-02-29T00:00:00"));
    return cases;
}

// Requests that no S3 operation expresses, signed by botocore's S3SigV4Auth from the URL Tapedeck made.
QList<Case> rawCases()
{
    QList<Case> cases;
    const auto add = [&cases](const char *name, const S3Config &config, const S3Request &r) {
        cases.append({ QString::fromUtf8(name), Mode::Raw, r, config, Now, 0 });
    };
    add("query names that prefix one another", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("k"),
            { q("b", QStringLiteral("2")), q("a-b", QStringLiteral("1")), q("a", QStringLiteral("z")),
                q("a", QStringLiteral("y")), q("A", QStringLiteral("x")), q("a_", QStringLiteral("w")) }));
    add("bare and empty parameters", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("k"), { bare("acl"), q("x", QStringLiteral("")), bare("tagging") }));
    add("header whitespace and repeated names", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("k"), {},
            { { "X-Amz-Meta-A", " one \t two\r\n  three " }, { "x-amz-meta-a", "four" },
                { "X-AMZ-META-B", "\x0b\x0c\x1c mixed \x1f" }, { "X-Amz-Meta-C", "" } }));
    add("transport headers left unsigned", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("k"), {},
            { { "User-Agent", "tapedeck/0.1" }, { "Expect", "100-continue" }, { "X-Amzn-Trace-Id", "Root=1" },
                { "Range", "bytes=0-0" } }));
    add("a Date header replaces X-Amz-Date", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("k"), {}, { { "Date", "whatever" } }));
    add("non-ASCII header value", custom("http://localhost:9000"),
        request("GET", B, QStringLiteral("k"), {},
            { { "X-Amz-Meta-Name", "  caf\xc3\xa9\xc2\xa0 au\xe3\x80\x80lait " } }));
    return cases;
}

QList<Case> presignCases()
{
    QList<Case> cases;
    const auto add = [&cases](const char *name, const S3Config &config, const S3Request &r, int expires) {
        cases.append({ QString::fromUtf8(name), Mode::Presign, r, config, Now, expires });
    };
    add("presign, AWS", aws(QStringLiteral("us-east-1")),
        request("GET", B, QStringLiteral("recording-1.zip")), 3600);
    add("presign with token, odd key",
        custom("http://localhost:9000", QStringLiteral("us-east-1"), AddressingStyle::Auto, true),
        request("GET", B, QStringLiteral("a b/c~!*'()+é.zip")), 600);
    add("presign with response override",
        custom("https://minio.example.com", QStringLiteral("eu-west-1"), AddressingStyle::Virtual),
        request("GET", B, QStringLiteral("k.zip"),
            { q("response-content-type", QStringLiteral("application/zip; charset=\"x\"")) }),
        86400);
    add("presign path style, a week", aws(QStringLiteral("eu-west-1"), AddressingStyle::Path),
        request("GET", QStringLiteral("my.dotted.bucket"), QStringLiteral("k.zip")), 604800);
    add("presign with a signed Range header", custom("http://127.0.0.1:4568"),
        request("GET", B, QStringLiteral("k.zip"), {}, { { "Range", "bytes=0-9" } }), 60);
    add("presign HEAD", aws(QStringLiteral("us-east-1"), AddressingStyle::Auto, true),
        request("HEAD", B, QStringLiteral("k.zip")), 900);
    return cases;
}

QJsonArray jsonQuery(const QList<QPair<QString, QString>> &query)
{
    QJsonArray out;
    for (const auto &[name, value] : query)
        out.append(QJsonArray { name, value.isNull() ? QJsonValue() : QJsonValue(value) });
    return out;
}

QJsonArray jsonHeaders(const HeaderList &headers)
{
    QJsonArray out;
    for (const auto &[name, value] : headers)
        out.append(QJsonArray { QString::fromUtf8(name), QString::fromUtf8(value) });
    return out;
}

QString addressingName(AddressingStyle style)
{
    switch (style) {
    case AddressingStyle::Path:
        return QStringLiteral("path");
    case AddressingStyle::Virtual:
        return QStringLiteral("virtual");
    case AddressingStyle::Auto:
        break;
    }
    return QStringLiteral("auto");
}

QJsonObject jsonRow(const Case &c)
{
    QJsonObject row;
    row.insert(u"name", c.name);
    row.insert(u"mode",
        c.mode == Mode::Client    ? QStringLiteral("client")
            : c.mode == Mode::Raw ? QStringLiteral("raw")
                                  : QStringLiteral("presign"));
    row.insert(u"method", QString::fromLatin1(c.request.method));
    row.insert(u"bucket", c.request.bucket);
    row.insert(u"key", c.request.key);
    row.insert(u"query", jsonQuery(c.request.query));
    row.insert(u"headers", jsonHeaders(c.request.headers));
    row.insert(u"payload", QString::fromLatin1(c.request.payload.toBase64()));
    row.insert(u"endpoint",
        c.config.customEndpoint ? QJsonValue(QString::fromUtf8(c.config.endpoint.toEncoded()))
                                : QJsonValue());
    row.insert(u"region", c.config.region);
    row.insert(u"addressing", addressingName(c.config.addressing));
    row.insert(u"access_key", c.config.credentials.accessKeyId);
    row.insert(u"secret_key", c.config.credentials.secretAccessKey);
    row.insert(u"token",
        c.config.credentials.sessionToken.isEmpty() ? QJsonValue()
                                                    : QJsonValue(c.config.credentials.sessionToken));
    row.insert(
        u"time", QString::fromLatin1(c.now.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1()));
    if (c.mode == Mode::Presign)
        row.insert(u"expires", c.expires);
    if (c.mode == Mode::Raw)
        row.insert(u"url", QString::fromUtf8(SigV4::sign(c.request, c.config, c.now).url));
    return row;
}

// Headers botocore's HTTP layer adds outside the signature (User-Agent, Expect and the retry bookkeeping
// are never signed; Content-Length comes from the body).
bool transportHeader(const QString &name)
{
    const QString lower = name.toLower();
    return lower == u"user-agent" || lower == u"expect" || lower == u"content-length"
        || lower == u"amz-sdk-invocation-id" || lower == u"amz-sdk-request";
}

QString show(const HeaderList &headers)
{
    QStringList lines;
    for (const auto &[name, value] : headers)
        lines.append(QString::fromUtf8(name + ": " + value));
    return lines.join(u'\n');
}

void checkUrlSurvivesQUrl(const QByteArray &url)
{
    const QUrl parsed = QUrl::fromEncoded(url, QUrl::StrictMode);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.errorString()));
    QCOMPARE(parsed.toEncoded(), url);
}

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private:
    QHash<QString, QJsonObject> m_answers;
    QHash<QString, Case> m_cases;

    void addRows(const QList<Case> &cases)
    {
        QTest::addColumn<QString>("name");
        for (const Case &c : cases)
            QTest::addRow("%s", qPrintable(c.name)) << c.name;
    }

    // The oracle's answer for a row; fails the test when botocore could not sign it.
    QJsonObject answer(const QString &name)
    {
        const QJsonObject a = m_answers.value(name);
        if (a.isEmpty() || a.contains(u"error"))
            qWarning("botocore: %s", qPrintable(a.value(u"error").toString(QStringLiteral("no answer"))));
        return a;
    }

private slots:
    void initTestCase()
    {
        QList<Case> all = clientCases() + rawCases() + presignCases();
        QVERIFY2(clientCases().size() >= 25, "the table needs at least 25 requests");
        QJsonArray rows;
        for (const Case &c : all) {
            QVERIFY2(!m_cases.contains(c.name), qPrintable(c.name));
            m_cases.insert(c.name, c);
            rows.append(jsonRow(c));
        }
        // One oracle process for the whole table: JSON in on stdin, JSON out.
        QProcess oracle;
        oracle.start(Python, { Oracle });
        QVERIFY2(oracle.waitForStarted(), qPrintable(oracle.errorString()));
        oracle.write(
            QJsonDocument(QJsonObject { { QStringLiteral("rows"), rows } }).toJson(QJsonDocument::Compact));
        oracle.closeWriteChannel();
        QVERIFY(oracle.waitForFinished(300000));
        const QByteArray err = oracle.readAllStandardError();
        QVERIFY2(oracle.exitStatus() == QProcess::NormalExit && oracle.exitCode() == 0, err.constData());
        QJsonParseError parseError;
        const QJsonDocument out = QJsonDocument::fromJson(oracle.readAllStandardOutput(), &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        const QJsonArray answers = out.object().value(u"rows").toArray();
        QCOMPARE(answers.size(), all.size());
        for (const QJsonValue &a : answers)
            m_answers.insert(a.toObject().value(u"name").toString(), a.toObject());
    }

    // Every request of the table, sent through a real botocore client: the same URL, the same headers,
    // the same canonical request and string to sign, and the signature awscrt (what /usr/bin/aws signs with)
    // computes as well.
    void matchesBotocore_data() { addRows(clientCases()); }

    void matchesBotocore()
    {
        QFETCH(QString, name);
        const Case c = m_cases.value(name);
        const QJsonObject a = answer(name);
        QVERIFY(!a.isEmpty() && !a.contains(u"error"));
        const SignedRequest signedRequest = SigV4::sign(c.request, c.config, c.now);
        QCOMPARE(QString::fromUtf8(signedRequest.url), a.value(u"url").toString());
        QCOMPARE(QString::fromLatin1(signedRequest.method), a.value(u"method").toString());
        QCOMPARE(QString::fromUtf8(signedRequest.canonicalRequest), a.value(u"canonical_request").toString());
        QCOMPARE(QString::fromUtf8(signedRequest.stringToSign), a.value(u"string_to_sign").toString());

        HeaderList expected;
        for (const QJsonValue &h : a.value(u"headers").toArray()) {
            const QString headerName = h.toArray().at(0).toString();
            if (!transportHeader(headerName))
                expected.append({ headerName.toUtf8(), h.toArray().at(1).toString().toUtf8() });
        }
        QCOMPARE(show(signedRequest.headers), show(expected));
        QCOMPARE(a.value(u"crt_signature").toString(), a.value(u"signature").toString());
        checkUrlSurvivesQUrl(signedRequest.url);
    }

    void rawMatchesBotocore_data() { addRows(rawCases()); }

    void rawMatchesBotocore()
    {
        QFETCH(QString, name);
        const Case c = m_cases.value(name);
        const QJsonObject a = answer(name);
        QVERIFY(!a.isEmpty() && !a.contains(u"error"));
        const SignedRequest signedRequest = SigV4::sign(c.request, c.config, c.now);
        QCOMPARE(QString::fromUtf8(signedRequest.canonicalRequest), a.value(u"canonical_request").toString());
        QCOMPARE(QString::fromUtf8(signedRequest.stringToSign), a.value(u"string_to_sign").toString());
        HeaderList expected;
        for (const QJsonValue &h : a.value(u"headers").toArray())
            expected.append({ h.toArray().at(0).toString().toUtf8(), h.toArray().at(1).toString().toUtf8() });
        QCOMPARE(show(signedRequest.headers), show(expected));
        checkUrlSurvivesQUrl(signedRequest.url);
    }

    // generate_presigned_url of the same client (pure-Python S3SigV4QueryAuth, whose parameter order
    // /usr/bin/aws s3 presign shares; awscrt orders them otherwise but signs the same).
    void presignMatchesBotocore_data() { addRows(presignCases()); }

    void presignMatchesBotocore()
    {
        QFETCH(QString, name);
        const Case c = m_cases.value(name);
        const QJsonObject a = answer(name);
        QVERIFY(!a.isEmpty() && !a.contains(u"error"));
        const SignedRequest presigned = SigV4::presignRequest(c.request, c.config, c.now, c.expires);
        QCOMPARE(QString::fromUtf8(presigned.url), a.value(u"url").toString());
        QCOMPARE(QString::fromUtf8(presigned.canonicalRequest), a.value(u"canonical_request").toString());
        QCOMPARE(QString::fromUtf8(presigned.stringToSign), a.value(u"string_to_sign").toString());
        QCOMPARE(SigV4::presign(c.request, c.config, c.now, c.expires), presigned.url);
        QCOMPARE(a.value(u"crt_signature").toString(), a.value(u"signature").toString());
        checkUrlSurvivesQUrl(presigned.url);
    }

    // AWS's "Examples: Signature Calculations" for S3 (sig-v4-header-based-auth.html and
    // sigv4-query-string-auth.html of the S3 API reference), with their published signatures.
    void awsPublishedExamples_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QueryList>("query");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("signedHeaders");
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<QByteArray>("stringToSignHash"); // where the page prints it
        QTest::addRow("GET Object")
            << QByteArray("GET") << QStringLiteral("test.txt") << QueryList()
            << HeaderList { { "Range", "bytes=0-9" } }
            << QByteArray("host;range;x-amz-content-sha256;x-amz-date")
            << QByteArray("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
            << QByteArray("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
        QTest::addRow("GET Bucket Lifecycle")
            << QByteArray("GET") << QString() << QueryList { bare("lifecycle") } << HeaderList()
            << QByteArray("host;x-amz-content-sha256;x-amz-date")
            << QByteArray("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543") << QByteArray();
        // Given in the other order: the signature sorts them.
        QTest::addRow("Get Bucket (List Objects)")
            << QByteArray("GET") << QString()
            << QueryList { q("prefix", QStringLiteral("J")), q("max-keys", QStringLiteral("2")) }
            << HeaderList() << QByteArray("host;x-amz-content-sha256;x-amz-date")
            << QByteArray("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") << QByteArray();
    }

    void awsPublishedExamples()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, key);
        QFETCH(QueryList, query);
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, signedHeaders);
        QFETCH(QByteArray, signature);
        QFETCH(QByteArray, stringToSignHash);
        S3Config config = examplesConfig();
        const SignedRequest signedRequest
            = SigV4::sign(request(method.constData(), QStringLiteral("examplebucket"), key, query, headers),
                config, at("2013-05-24T00:00:00"));
        QByteArray authorization;
        for (const auto &[name, value] : signedRequest.headers) {
            if (name == "Authorization")
                authorization = value;
        }
        // botocore writes ", " between the parts where the page writes ","; the parts are the page's.
        QCOMPARE(authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders="
                + signedHeaders + ", Signature=" + signature);
        QVERIFY(signedRequest.url.startsWith("https://examplebucket.s3.amazonaws.com/"));
        if (!stringToSignHash.isEmpty())
            QVERIFY(signedRequest.stringToSign.endsWith(QByteArray('\n' + stringToSignHash)));
    }

    // The PUT Object example signs a Date header beside X-Amz-Date, which botocore never sends (it rewrites
    // a Date header to the signing time and leaves X-Amz-Date out): its canonical request, as the page
    // prints it, signed by the last steps of sign(); and sign() agrees with it but for the date line.
    void awsPublishedPutObject()
    {
        const QByteArray payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        const QByteArray published = "PUT\n/test%24file.text\n\n"
                                     "date:Fri, 24 May 2013 00:00:00 GMT\n"
                                     "host:examplebucket.s3.amazonaws.com\n"
                                     "x-amz-content-sha256:"
            + payloadHash
            + "\n"
              "x-amz-date:20130524T000000Z\n"
              "x-amz-storage-class:REDUCED_REDUNDANCY\n\n"
              "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
            + payloadHash;
        const S3Config config = examplesConfig();
        QCOMPARE(
            SigV4::signCanonical(published, config.credentials, config.region, at("2013-05-24T00:00:00")),
            QByteArray("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));

        const SignedRequest signedRequest
            = SigV4::sign(request("PUT", QStringLiteral("examplebucket"), QStringLiteral("test$file.text"),
                              {}, { { "x-amz-storage-class", "REDUCED_REDUNDANCY" } },
                              QByteArrayLiteral("Welcome to Amazon S3.")),
                config, at("2013-05-24T00:00:00"));
        QByteArray withoutDate = published;
        withoutDate.replace("date:Fri, 24 May 2013 00:00:00 GMT\n", "").replace("date;host", "host");
        QCOMPARE(signedRequest.canonicalRequest, withoutDate);
    }

    void awsPublishedPresignedUrl()
    {
        const QByteArray url
            = SigV4::presign(request("GET", QStringLiteral("examplebucket"), QStringLiteral("test.txt")),
                examplesConfig(), at("2013-05-24T00:00:00"), 86400);
        QCOMPARE(url,
            QByteArray("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                       "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                       "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                       "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"));
        checkUrlSurvivesQUrl(url);
    }

    void uriEncode_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("keepSlash");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("unreserved") << QByteArray("AZaz09-_.~") << false << QByteArray("AZaz09-_.~");
        QTest::addRow("slash kept") << QByteArray("a/b") << true << QByteArray("a/b");
        QTest::addRow("slash encoded") << QByteArray("a/b") << false << QByteArray("a%2Fb");
        QTest::addRow("sub-delimiters")
            << QByteArray("!$&'()*+,;=") << true << QByteArray("%21%24%26%27%28%29%2A%2B%2C%3B%3D");
        QTest::addRow("space and percent") << QByteArray(" %") << true << QByteArray("%20%25");
        QTest::addRow("UTF-8 upper-case hex")
            << QByteArray("\xc3\xa9\xff") << true << QByteArray("%C3%A9%FF");
        QTest::addRow("controls") << QByteArray("\x00\x1f\x7f", 3) << true << QByteArray("%00%1F%7F");
        QTest::addRow("empty") << QByteArray() << true << QByteArray();
    }

    void uriEncode()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, keepSlash);
        QFETCH(QByteArray, expected);
        QCOMPARE(SigV4::uriEncode(input, keepSlash), expected);
    }

    void endpointDefault()
    {
        S3Config config;
        config.region = QStringLiteral("eu-north-1");
        QCOMPARE(SigV4::endpoint(config), QUrl(QStringLiteral("https://s3.eu-north-1.amazonaws.com")));
        const SignedRequest signedRequest = SigV4::sign(request("GET", B, QStringLiteral("k")), config, Now);
        QCOMPARE(signedRequest.url, QByteArray("https://mybucket.s3.eu-north-1.amazonaws.com/k"));
    }

private:
    static S3Config examplesConfig()
    {
        // The examples address examplebucket.s3.amazonaws.com: AWS's global endpoint, virtual-host style.
        S3Config config;
        config.credentials.accessKeyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
        config.credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        config.region = QStringLiteral("us-east-1");
        config.endpoint = QUrl(QStringLiteral("https://s3.amazonaws.com"));
        return config;
    }
};

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
