// SPDX-License-Identifier: MIT
// tapedeck-cli export-har and HarWriter: HAR 1.2 output checked by the real peer har-validator (npm, run
// with node from tests/npm) and against what VCR.py itself loads from the fixture cassettes.
#include "core/recording/harwriter.h"
#include "testsupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

const QString TestsDir = QStringLiteral(TAPEDECK_TEST_TOOLS "/..");
const QString Fixtures = QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/cassettes");
const QString Validator = QStringLiteral(TAPEDECK_TEST_TOOLS "/../npm/validate.js");

QProcessEnvironment passwordEnv(const QString &password = test::SamplePassword)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), password);
    return env;
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(test::readFile(path)).object();
}

QJsonArray entriesOf(const QJsonObject &har)
{
    return har.value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
}

// The first entry whose request URL ends with suffix (and, if given, has that method).
QJsonObject entryFor(const QJsonArray &entries, const QString &suffix, const QString &method = {})
{
    for (const QJsonValue &e : entries) {
        const QJsonObject request = e.toObject().value(QLatin1String("request")).toObject();
        if (request.value(QLatin1String("url")).toString().endsWith(suffix)
            && (method.isEmpty() || request.value(QLatin1String("method")).toString() == method))
            return e.toObject();
    }
    return {};
}

// What VCR.py loads from a fixture (tests/data/cassettes/<name>.expected.json), by URI suffix.
QJsonObject expectedFor(const QString &fixture, const QString &suffix, const QString &method = {})
{
    const QJsonArray all = QJsonDocument::fromJson(
        test::readFile(Fixtures + QLatin1Char('/') + fixture + QLatin1String(".expected.json")))
                               .array();
    for (const QJsonValue &v : all) {
        const QJsonObject request = v.toObject().value(QLatin1String("request")).toObject();
        if (request.value(QLatin1String("uri")).toString().endsWith(suffix)
            && (method.isEmpty() || request.value(QLatin1String("method")).toString() == method))
            return v.toObject();
    }
    return {};
}

QList<std::pair<QString, QString>> pairs(const QJsonArray &list)
{
    QList<std::pair<QString, QString>> out;
    for (const QJsonValue &v : list)
        out.append({ v.toObject().value(QLatin1String("name")).toString(),
            v.toObject().value(QLatin1String("value")).toString() });
    return out;
}

QByteArray contentBytes(const QJsonObject &content)
{
    const QString text = content.value(QLatin1String("text")).toString();
    return content.value(QLatin1String("encoding")).toString() == QLatin1String("base64")
        ? QByteArray::fromBase64(text.toLatin1())
        : text.toUtf8();
}

// A minimal valid HAR entry (no raw string literal: moc does not read them).
QByteArray minimalEntry()
{
    return QByteArray(
        "{\"startedDateTime\":\"2025-04-01T12:00:00.000Z\",\"time\":0,"
        "\"request\":{\"method\":\"GET\",\"url\":\"http:\\/\\/example.test\\/\",\"httpVersion\":\"HTTP/1.1\","
        "\"cookies\":[],\"headers\":[],\"queryString\":[],\"headersSize\":-1,\"bodySize\":0},"
        "\"response\":{\"status\":200,\"statusText\":\"OK\",\"httpVersion\":\"HTTP/1.1\",\"cookies\":[],"
        "\"headers\":[],\"content\":{\"size\":0,\"mimeType\":\"\"},\"redirectURL\":\"\",\"headersSize\":-1,"
        "\"bodySize\":0},\"cache\":{},\"timings\":{\"send\":0,\"wait\":0,\"receive\":0}}");
}

} // namespace

class TestHar : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_node;

    QString out(const QString &name) const { return m_dir.filePath(name); }

    test::ProcessResult validate(const QString &file) const
    {
        return test::run(m_node, { Validator, file }, TestsDir);
    }

    // Exports source to a fresh file in the temporary folder; the HAR must be valid per har-validator.
    QJsonObject exportValid(const QString &source, const QString &name, const QStringList &extra = {},
        const QProcessEnvironment &env = {})
    {
        const QString file = out(name);
        QFile::remove(file);
        const test::ProcessResult r = test::runCli(
            QStringList { QStringLiteral("export-har"), source, QStringLiteral("--output"), file } + extra,
            env);
        if (r.exitCode != 0) {
            qWarning().noquote() << r.err;
            return {};
        }
        const test::ProcessResult v = validate(file);
        if (v.exitCode != 0) {
            qWarning().noquote() << "har-validator:" << v.err << v.out;
            return {};
        }
        return readJson(file);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A missing peer is a broken setup, not a reason to pass: fail and say how to fix it.
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (m_node.isEmpty())
            QFAIL("node (Node.js) is not installed: run packaging/install-deps.sh");
        if (QStandardPaths::findExecutable(QStringLiteral("npm")).isEmpty())
            QFAIL("npm is not installed: run packaging/install-deps.sh");
        if (!QFile::exists(TestsDir + QLatin1String("/npm/node_modules/har-validator/package.json")))
            QFAIL("har-validator is not installed in tests/npm/node_modules: run packaging/install-deps.sh");
    }

    // The validator must be able to say no, or every "valid" below proves nothing.
    void validatorRejectsBrokenHar_data()
    {
        QTest::addColumn<QByteArray>("har");
        QTest::addColumn<int>("exitCode");
        const QByteArray entry = minimalEntry();
        const auto har = [](const QByteArray &entries) -> QByteArray {
            return QByteArray(R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[)")
                + entries + "]}}";
        };
        QTest::addRow("valid control") << har(entry) << 0;
        QTest::addRow("no entries") << QByteArray(
            R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"}}})")
                                    << 1;
        QTest::addRow("status as text")
            << har(QByteArray(entry).replace(R"("status":200)", R"("status":"200")")) << 1;
        QTest::addRow("bad startedDateTime")
            << har(QByteArray(entry).replace("2025-04-01T12:00:00.000Z", "yesterday")) << 1;
        QTest::addRow("header without value") << har(QByteArray(entry).replace(
            R"("headers":[],"queryString")", R"("headers":[{"name":"A"}],"queryString")"))
                                              << 1;
        QTest::addRow("no timings") << har(
            QByteArray(entry).replace(R"(,"timings":{"send":0,"wait":0,"receive":0})", ""))
                                    << 1;
        QTest::addRow("not JSON") << QByteArray("{\"log\": [") << 2;
    }
    void validatorRejectsBrokenHar()
    {
        QFETCH(QByteArray, har);
        QFETCH(int, exitCode);
        const QString file = out(QStringLiteral("broken.har"));
        QVERIFY(test::writeFile(file, har));
        const test::ProcessResult v = validate(file);
        QVERIFY2(v.exitCode == exitCode, v.err.constData());
    }

    void exportIsValid_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("encrypted");
        QTest::addColumn<int>("entries");
        QTest::addRow("sample recording") << test::samplePath() << true << 12;
        QTest::addRow("vcr-requests") << Fixtures + QLatin1String("/vcr-requests.yaml") << false << 26;
        QTest::addRow("vcr-compressed-raw")
            << Fixtures + QLatin1String("/vcr-compressed-raw.yaml") << false << 4;
    }
    void exportIsValid()
    {
        QFETCH(QString, source);
        QFETCH(bool, encrypted);
        QFETCH(int, entries);
        const QProcessEnvironment env = encrypted ? passwordEnv() : QProcessEnvironment();
        const QString file = out(QStringLiteral("export.har"));
        QFile::remove(file);
        const test::ProcessResult r
            = test::runCli({ QStringLiteral("export-har"), source, QStringLiteral("--output"), file }, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains(QByteArray(QByteArray::number(entries) + " HTTP entries written to")),
            r.err.constData());
        const test::ProcessResult v = validate(file);
        QVERIFY2(v.exitCode == 0, QByteArray(v.err + v.out).constData());

        const QJsonObject log = readJson(file).value(QLatin1String("log")).toObject();
        QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
        QCOMPARE(log.value(QLatin1String("creator")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("Tapedeck"));
        QCOMPARE(log.value(QLatin1String("creator")).toObject().value(QLatin1String("version")).toString(),
            QStringLiteral(TAPEDECK_VERSION));
        const QJsonArray har = log.value(QLatin1String("entries")).toArray();
        QCOMPARE(har.size(), entries);

        // Entry by entry the same HTTP events, in the same order, as `events --jsonl` lists.
        const test::ProcessResult events
            = test::runCli({ QStringLiteral("events"), source, QStringLiteral("--jsonl"),
                               QStringLiteral("--filter"), QStringLiteral("kind:http") },
                env);
        QCOMPARE(events.exitCode, 0);
        const QList<QByteArray> lines = events.out.trimmed().split('\n');
        QCOMPARE(lines.size(), entries);
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject event = QJsonDocument::fromJson(lines.at(i)).object();
            const QJsonObject entry = har.at(i).toObject();
            QCOMPARE(entry.value(QLatin1String("_tapedeckSeq")).toInteger(),
                event.value(QLatin1String("seq")).toInteger());
            const QJsonObject request = entry.value(QLatin1String("request")).toObject();
            QCOMPARE(request.value(QLatin1String("method")).toString(),
                event.value(QLatin1String("method")).toString());
            QCOMPARE(
                request.value(QLatin1String("url")).toString(), event.value(QLatin1String("uri")).toString());
            QCOMPARE(entry.value(QLatin1String("response")).toObject().value(QLatin1String("status")).toInt(),
                event.value(QLatin1String("status")).toInt());
            QCOMPARE(entry.value(QLatin1String("time")).toInt(-1), 0);
        }
    }

    void timestampsFromDateHeaders()
    {
        const QJsonArray sample
            = entriesOf(exportValid(test::samplePath(), QStringLiteral("sample.har"), {}, passwordEnv()));
        QVERIFY(!sample.isEmpty());
        // The sample's first response: "Date: Tue, 18 Nov 2025 09:41:07 GMT".
        QCOMPARE(sample.first().toObject().value(QLatin1String("startedDateTime")).toString(),
            QStringLiteral("2025-11-18T09:41:07.000Z"));
        QString previous;
        for (const QJsonValue &e : sample) {
            const QString t = e.toObject().value(QLatin1String("startedDateTime")).toString();
            QVERIFY2(t >= previous, qPrintable(t));
            previous = t;
        }
        const QJsonArray vcr = entriesOf(
            exportValid(Fixtures + QLatin1String("/vcr-requests.yaml"), QStringLiteral("vcr.har")));
        for (const QJsonValue &e : vcr)
            QCOMPARE(e.toObject().value(QLatin1String("startedDateTime")).toString(),
                QStringLiteral("2025-04-01T12:00:00.000Z"));
    }

    // Without Date headers the times are invented in order, 1 ms apart. The CLI does not get the
    // manifest from the timeline, so they start at the Unix epoch (HarWriter's documented fallback).
    void undatedEntriesKeepOrder()
    {
        const QString folder = out(QStringLiteral("undated"));
        const test::ProcessResult x
            = test::runCli({ QStringLiteral("extract"), test::samplePath(), QStringLiteral("--output-dir"),
                               folder, QStringLiteral("--force") },
                passwordEnv());
        QVERIFY2(x.exitCode == 0, x.err.constData());
        const QString cassettePath = folder + QLatin1String("/http/cassette.yaml");
        const QByteArray cassette = test::readFile(cassettePath);
        QByteArray undated;
        bool skipValue = false;
        for (const QByteArray &line : cassette.split('\n')) {
            if (skipValue && line.trimmed().startsWith("- ")) {
                skipValue = false;
                continue;
            }
            skipValue = line.trimmed() == "Date:";
            if (!skipValue)
                undated += line + '\n';
        }
        undated.chop(1);
        QVERIFY(undated.size() < cassette.size());
        QVERIFY(!undated.contains("Date:"));
        QVERIFY(test::writeFile(cassettePath, undated));
        // Keep the manifest's checksum right, so the folder is a sound recording.
        const QString manifestPath = folder + QLatin1String("/manifest.json");
        QByteArray manifest = test::readFile(manifestPath);
        manifest.replace(QCryptographicHash::hash(cassette, QCryptographicHash::Sha256).toHex(),
            QCryptographicHash::hash(undated, QCryptographicHash::Sha256).toHex());
        QVERIFY(test::writeFile(manifestPath, manifest));

        // A recording: undated entries count from the manifest's recording_start_time, 1 ms apart.
        const QString startText = QJsonDocument::fromJson(manifest)
                                      .object()
                                      .value(QLatin1String("recording_start_time"))
                                      .toString();
        const QDateTime start = QDateTime::fromString(startText, Qt::ISODateWithMs).toUTC();
        QVERIFY2(start.isValid(), qPrintable(startText));
        const auto stamp = [](const QDateTime &t) -> QString { return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + u'Z'; };
        const QJsonArray entries = entriesOf(exportValid(folder, QStringLiteral("undated.har")));
        QCOMPARE(entries.size(), 12);
        QCOMPARE(entries.at(0).toObject().value(QLatin1String("startedDateTime")).toString(), stamp(start));
        QCOMPARE(entries.at(1).toObject().value(QLatin1String("startedDateTime")).toString(), stamp(start.addMSecs(1)));
        QCOMPARE(entries.at(11).toObject().value(QLatin1String("startedDateTime")).toString(), stamp(start.addMSecs(11)));
        // A bare cassette has no manifest: they count from the Unix epoch.
        const QJsonArray bare = entriesOf(exportValid(cassettePath, QStringLiteral("undated-bare.har")));
        QCOMPARE(bare.size(), 12);
        QCOMPARE(bare.at(0).toObject().value(QLatin1String("startedDateTime")).toString(),
            QStringLiteral("1970-01-01T00:00:00.000Z"));
        QCOMPARE(bare.at(11).toObject().value(QLatin1String("startedDateTime")).toString(),
            QStringLiteral("1970-01-01T00:00:00.011Z"));
    }

    void binaryBodiesRoundTrip()
    {
        const QJsonArray entries = entriesOf(
            exportValid(Fixtures + QLatin1String("/vcr-requests.yaml"), QStringLiteral("vcr.har")));
        // The PNG response: base64, byte for byte what VCR.py loads.
        const QJsonObject png = entryFor(entries, QStringLiteral("/png"));
        const QJsonObject content
            = png.value(QLatin1String("response")).toObject().value(QLatin1String("content")).toObject();
        QCOMPARE(content.value(QLatin1String("encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(content.value(QLatin1String("mimeType")).toString(), QStringLiteral("image/png"));
        const QByteArray expected
            = QByteArray::fromBase64(expectedFor(QStringLiteral("vcr-requests"), QStringLiteral("/png"))
                                         .value(QLatin1String("response"))
                                         .toObject()
                                         .value(QLatin1String("body_b64"))
                                         .toString()
                                         .toLatin1());
        QVERIFY(expected.startsWith("\x89PNG\r\n\x1a\n"));
        QCOMPARE(contentBytes(content), expected);
        QCOMPARE(content.value(QLatin1String("size")).toInteger(), expected.size());
        QCOMPARE(png.value(QLatin1String("response")).toObject().value(QLatin1String("bodySize")).toInteger(),
            expected.size());
        QVERIFY(!content.contains(QLatin1String("compression")));

        // A binary request body: base64 in postData.text, flagged with the custom _encoding.
        const QJsonObject put = entryFor(entries, QStringLiteral("/items/1"), QStringLiteral("PUT"));
        const QJsonObject postData
            = put.value(QLatin1String("request")).toObject().value(QLatin1String("postData")).toObject();
        QCOMPARE(postData.value(QLatin1String("_encoding")).toString(), QStringLiteral("base64"));
        const QByteArray sent = QByteArray::fromBase64(
            expectedFor(QStringLiteral("vcr-requests"), QStringLiteral("/items/1"), QStringLiteral("PUT"))
                .value(QLatin1String("request"))
                .toObject()
                .value(QLatin1String("body_b64"))
                .toString()
                .toLatin1());
        QVERIFY(!sent.isValidUtf8());
        QCOMPARE(QByteArray::fromBase64(postData.value(QLatin1String("text")).toString().toLatin1()), sent);
        QCOMPARE(put.value(QLatin1String("request")).toObject().value(QLatin1String("bodySize")).toInteger(),
            sent.size());

        // The sample's dashboard thumbnail.
        const QJsonArray sample
            = entriesOf(exportValid(test::samplePath(), QStringLiteral("sample.har"), {}, passwordEnv()));
        const QJsonObject thumb = entryFor(sample, QStringLiteral("height=32"))
                                      .value(QLatin1String("response"))
                                      .toObject()
                                      .value(QLatin1String("content"))
                                      .toObject();
        QCOMPARE(thumb.value(QLatin1String("encoding")).toString(), QStringLiteral("base64"));
        QVERIFY(contentBytes(thumb).startsWith("\x89PNG\r\n\x1a\n"));
    }

    void compressedContentIsDecoded()
    {
        const QJsonArray entries = entriesOf(
            exportValid(Fixtures + QLatin1String("/vcr-compressed-raw.yaml"), QStringLiteral("raw.har")));
        QCOMPARE(entries.size(), 4);
        for (const QString &path : { QStringLiteral("/gzip"), QStringLiteral("/deflate"),
                 QStringLiteral("/deflate-raw"), QStringLiteral("/gzip-chunked") }) {
            const QJsonObject response = entryFor(entries, path).value(QLatin1String("response")).toObject();
            const QByteArray raw
                = QByteArray::fromBase64(expectedFor(QStringLiteral("vcr-compressed-raw"), path)
                                             .value(QLatin1String("response"))
                                             .toObject()
                                             .value(QLatin1String("body_b64"))
                                             .toString()
                                             .toLatin1());
            // Decoded independently by Python's zlib (wbits 47 accepts gzip and zlib, -15 raw deflate).
            const int wbits = path == QLatin1String("/deflate-raw") ? -15 : 47;
            const test::ProcessResult py = test::run(QStringLiteral("/usr/bin/python3"),
                { QStringLiteral("-c"),
                    QStringLiteral(
                        "import sys,zlib,base64; "
                        "sys.stdout.buffer.write(zlib.decompress(base64.b64decode(sys.argv[1]), %1))")
                        .arg(wbits),
                    QString::fromLatin1(raw.toBase64()) });
            QVERIFY2(py.exitCode == 0, py.err.constData());
            const QJsonObject content = response.value(QLatin1String("content")).toObject();
            QCOMPARE(contentBytes(content), py.out);
            QVERIFY(!content.contains(QLatin1String("encoding")));
            QCOMPARE(content.value(QLatin1String("size")).toInteger(), py.out.size());
            QCOMPARE(response.value(QLatin1String("bodySize")).toInteger(), raw.size());
            QCOMPARE(content.value(QLatin1String("compression")).toInteger(), py.out.size() - raw.size());
            // The header says what the wire carried; it stays.
            bool hasEncoding = false;
            for (const auto &[name, value] : pairs(response.value(QLatin1String("headers")).toArray()))
                hasEncoding = hasEncoding
                    || name.compare(QLatin1String("Content-Encoding"), Qt::CaseInsensitive) == 0;
            QVERIFY(hasEncoding);
        }
    }

    void queryStrings()
    {
        const QJsonArray entries = entriesOf(
            exportValid(Fixtures + QLatin1String("/vcr-requests.yaml"), QStringLiteral("vcr.har")));
        const QJsonObject search
            = entryFor(entries, QStringLiteral("&empty=")).value(QLatin1String("request")).toObject();
        const QList<std::pair<QString, QString>> expected {
            { QStringLiteral("q"), QStringLiteral("Grüße straße") },
            { QStringLiteral("tag"), QStringLiteral("a&b") },
            { QStringLiteral("tag"), QStringLiteral("c=d") },
            { QStringLiteral("emoji"), QStringLiteral("😀") },
            { QStringLiteral("empty"), QString() },
        };
        QCOMPARE(pairs(search.value(QLatin1String("queryString")).toArray()), expected);
        const QJsonObject files
            = entryFor(entries, QStringLiteral("&z=%25zz")).value(QLatin1String("request")).toObject();
        const QList<std::pair<QString, QString>> expectedFiles { { QStringLiteral("x"),
                                                                     QStringLiteral("1 2") },
            { QStringLiteral("y"), QStringLiteral("%7E") }, { QStringLiteral("z"), QStringLiteral("%zz") } };
        QCOMPARE(pairs(files.value(QLatin1String("queryString")).toArray()), expectedFiles);
        QVERIFY(entryFor(entries, QStringLiteral("/json/utf8"))
                    .value(QLatin1String("request"))
                    .toObject()
                    .value(QLatin1String("queryString"))
                    .toArray()
                    .isEmpty());
    }

    void headersAndCookiesKeepRecordedOrder()
    {
        const QJsonArray entries = entriesOf(
            exportValid(Fixtures + QLatin1String("/vcr-requests.yaml"), QStringLiteral("vcr.har")));
        const QJsonObject response
            = entryFor(entries, QStringLiteral("/headers")).value(QLatin1String("response")).toObject();
        // Every value VCR.py loads, in its order, repeated headers included.
        QList<std::pair<QString, QString>> expected;
        const QJsonObject headers = expectedFor(QStringLiteral("vcr-requests"), QStringLiteral("/headers"))
                                        .value(QLatin1String("response"))
                                        .toObject()
                                        .value(QLatin1String("headers"))
                                        .toObject();
        const QByteArray fixture = test::readFile(Fixtures + QLatin1String("/vcr-requests.expected.json"));
        // QJsonObject sorts keys; take the file's order from the fixture text.
        QStringList order = headers.keys();
        std::sort(order.begin(), order.end(), [&](const QString &a, const QString &b) {
            const qsizetype at = fixture.indexOf("/headers\"");
            return fixture.indexOf(QByteArray("\"" + a.toUtf8() + "\": ["), at)
                < fixture.indexOf(QByteArray("\"" + b.toUtf8() + "\": ["), at);
        });
        for (const QString &name : order) {
            for (const QJsonValue &v : headers.value(name).toArray())
                expected.append({ name, v.toString() });
        }
        QCOMPARE(pairs(response.value(QLatin1String("headers")).toArray()), expected);
        int setCookies = 0;
        for (const auto &[name, value] : expected)
            setCookies += name == QLatin1String("Set-Cookie");
        QCOMPARE(setCookies, 2);

        const QJsonArray cookies = response.value(QLatin1String("cookies")).toArray();
        QCOMPARE(cookies.size(), 2);
        const QJsonObject session = cookies.at(0).toObject();
        QCOMPARE(session.value(QLatin1String("name")).toString(), QStringLiteral("session"));
        QCOMPARE(session.value(QLatin1String("value")).toString(), QStringLiteral("abc123"));
        QCOMPARE(session.value(QLatin1String("path")).toString(), QStringLiteral("/"));
        QCOMPARE(session.value(QLatin1String("httpOnly")).toBool(), true);
        QVERIFY(!session.contains(QLatin1String("expires")));
        const QJsonObject theme = cookies.at(1).toObject();
        QCOMPARE(theme.value(QLatin1String("name")).toString(), QStringLiteral("theme"));
        QCOMPARE(theme.value(QLatin1String("httpOnly")).toBool(), false);
        // Max-Age=3600 after "Date: Tue, 01 Apr 2025 12:00:00 GMT".
        QCOMPARE(
            theme.value(QLatin1String("expires")).toString(), QStringLiteral("2025-04-01T13:00:00.000Z"));

        const QJsonObject redirect
            = entryFor(entries, QStringLiteral("/redirect")).value(QLatin1String("response")).toObject();
        QCOMPARE(redirect.value(QLatin1String("status")).toInt(), 302);
        const QString location = expectedFor(QStringLiteral("vcr-requests"), QStringLiteral("/redirect"))
                                     .value(QLatin1String("response"))
                                     .toObject()
                                     .value(QLatin1String("headers"))
                                     .toObject()
                                     .value(QLatin1String("Location"))
                                     .toArray()
                                     .first()
                                     .toString();
        QVERIFY(!location.isEmpty());
        QCOMPARE(redirect.value(QLatin1String("redirectURL")).toString(), location);
        QVERIFY(entryFor(entries, QStringLiteral("/json/utf8"))
                    .value(QLatin1String("response"))
                    .toObject()
                    .value(QLatin1String("redirectURL"))
                    .toString()
                    .isEmpty());
    }

    void nonAsciiIsPreserved()
    {
        const QString file = out(QStringLiteral("vcr.har"));
        const QJsonArray entries = entriesOf(
            exportValid(Fixtures + QLatin1String("/vcr-requests.yaml"), QStringLiteral("vcr.har")));
        // Written as UTF-8, not as \u escapes, and read back to the same characters.
        const QByteArray raw = test::readFile(file);
        QVERIFY(raw.isValidUtf8());
        QVERIFY(raw.contains("Müller & Söhne GmbH"));
        const QJsonObject content = entryFor(entries, QStringLiteral("/json/utf8"), QStringLiteral("GET"))
                                        .value(QLatin1String("response"))
                                        .toObject()
                                        .value(QLatin1String("content"))
                                        .toObject();
        const QByteArray expected
            = QByteArray::fromBase64(expectedFor(QStringLiteral("vcr-requests"), QStringLiteral("/json/utf8"))
                                         .value(QLatin1String("response"))
                                         .toObject()
                                         .value(QLatin1String("body_b64"))
                                         .toString()
                                         .toLatin1());
        QCOMPARE(content.value(QLatin1String("text")).toString().toUtf8(), expected);
        QVERIFY(content.value(QLatin1String("text")).toString().contains(QStringLiteral("📼🎉👍🏽")));
        QCOMPARE(content.value(QLatin1String("size")).toInteger(), expected.size());

        bool sawJson = false;
        for (const QJsonValue &e : entries) {
            const QJsonObject postData = e.toObject()
                                             .value(QLatin1String("request"))
                                             .toObject()
                                             .value(QLatin1String("postData"))
                                             .toObject();
            if (postData.value(QLatin1String("text")).toString().contains(QStringLiteral("東京"))) {
                sawJson = true;
                QCOMPARE(postData.value(QLatin1String("text")).toString(),
                    QStringLiteral(R"({"name": "Jürgen", "city": "東京"})"));
                QVERIFY(!postData.contains(QLatin1String("_encoding")));
            }
        }
        QVERIFY(sawJson);
        // A non-ASCII (percent-encoded) path stays the recorded URL.
        QVERIFY(!entryFor(entries, QStringLiteral("/caf%C3%A9/%C3%BCn%C3%AFcode%20path")).isEmpty());
    }

    void filterSelectsEntries()
    {
        const QJsonArray entries = entriesOf(exportValid(test::samplePath(), QStringLiteral("post.har"),
            { QStringLiteral("--filter"), QStringLiteral("method:POST") }, passwordEnv()));
        const test::ProcessResult events
            = test::runCli({ QStringLiteral("events"), test::samplePath(), QStringLiteral("--jsonl"),
                               QStringLiteral("--filter"), QStringLiteral("kind:http method:POST") },
                passwordEnv());
        QCOMPARE(events.exitCode, 0);
        QVERIFY(!entries.isEmpty());
        QCOMPARE(entries.size(), events.out.trimmed().split('\n').size());
        for (const QJsonValue &e : entries)
            QCOMPARE(e.toObject()
                         .value(QLatin1String("request"))
                         .toObject()
                         .value(QLatin1String("method"))
                         .toString(),
                QStringLiteral("POST"));
        // An MCP-only filter leaves no HTTP entries: still a valid, empty HAR.
        QCOMPARE(entriesOf(exportValid(test::samplePath(), QStringLiteral("none.har"),
                               { QStringLiteral("--filter"), QStringLiteral("kind:mcp") }, passwordEnv()))
                     .size(),
            0);
        QVERIFY(QFile::exists(out(QStringLiteral("none.har"))));
    }

    void errorsLeaveNoFile_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("exitCode");
        const QString target = QStringLiteral("@OUT@");
        QTest::addRow("nonexistent source")
            << QStringList { QStringLiteral("/nonexistent/recording.zip"), QStringLiteral("-o"), target }
            << QString() << 5;
        QTest::addRow("wrong password") << QStringList { test::samplePath(), QStringLiteral("-o"), target }
                                        << QStringLiteral("wrong") << 3;
        QTest::addRow("missing password")
            << QStringList { test::samplePath(), QStringLiteral("-o"), target } << QString() << 3;
        QTest::addRow("bad filter") << QStringList { test::samplePath(), QStringLiteral("-o"), target,
            QStringLiteral("--filter"), QStringLiteral("status:>=") }
                                    << test::SamplePassword << 2;
        QTest::addRow("no output") << QStringList { test::samplePath() } << test::SamplePassword << 2;
    }
    void errorsLeaveNoFile()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, password);
        QFETCH(int, exitCode);
        const QString target = out(QStringLiteral("error.har"));
        QFile::remove(target);
        arguments.replaceInStrings(QStringLiteral("@OUT@"), target);
        const test::ProcessResult r = test::runCli(QStringList { QStringLiteral("export-har") } + arguments,
            password.isEmpty() ? QProcessEnvironment() : passwordEnv(password));
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        QVERIFY(!r.err.isEmpty());
        QVERIFY(!QFile::exists(target));
        // Nothing else was left in the folder either (QSaveFile's temporary file).
        const QStringList leftovers
            = QDir(m_dir.path()).entryList({ QStringLiteral("error.har*") }, QDir::Files | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }

    // Bad input loses nothing: the interactions before a YAML fault are exported, the fault is reported
    // on stderr with exit code 4 (like every command) and kept as the log's comment.
    void malformedCassetteKeepsWhatWasRead()
    {
        const QString target = out(QStringLiteral("tab.har"));
        const test::ProcessResult r = test::runCli({ QStringLiteral("export-har"),
            Fixtures + QLatin1String("/bad-tab-indent.yaml"), QStringLiteral("-o"), target });
        QVERIFY2(r.exitCode == 4, r.err.constData());
        QVERIFY2(
            r.err.contains("bad-tab-indent.yaml is not valid YAML (line 70, column 1"), r.err.constData());
        QVERIFY2(r.err.contains("2 HTTP entries written to"), r.err.constData());
        QCOMPARE(validate(target).exitCode, 0);
        const QJsonObject har = readJson(target);
        QCOMPARE(entriesOf(har).size(), 2);
        QVERIFY(har.value(QLatin1String("log"))
                    .toObject()
                    .value(QLatin1String("comment"))
                    .toString()
                    .contains(QLatin1String("line 70, column 1")));
        // Warnings on one interaction become that entry's comment.
        const QJsonArray tagged = entriesOf(
            exportValid(Fixtures + QLatin1String("/bad-unknown-tag.yaml"), QStringLiteral("tag.har")));
        QVERIFY(entryFor(tagged, QStringLiteral("action=ingestProposal"))
                    .value(QLatin1String("comment"))
                    .toString()
                    .contains(QLatin1String("unknown tag")));
    }

    void existingFileSurvivesFailure()
    {
        const QString target = out(QStringLiteral("keep.har"));
        QVERIFY(test::writeFile(target, "keep me"));
        const test::ProcessResult r
            = test::runCli({ QStringLiteral("export-har"), test::samplePath(), QStringLiteral("-o"), target },
                passwordEnv(QStringLiteral("wrong")));
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(test::readFile(target), QByteArray("keep me"));
        const test::ProcessResult io
            = test::runCli({ QStringLiteral("export-har"), Fixtures + QLatin1String("/vcr-requests.yaml"),
                QStringLiteral("-o"), out(QStringLiteral("no/such/dir/x.har")) });
        QVERIFY2(io.exitCode == 5, io.err.constData());
        QVERIFY2(io.err.contains("x.har"), io.err.constData());
    }

    // HarWriter directly: escaping across buffer flushes, base64 across slices, and the time fallback.
    void writerEscapesLargeBodies()
    {
        QByteArray text;
        for (int i = 0; text.size() < (3 << 20); ++i)
            text += QByteArray("line ") + QByteArray::number(i) + " \"q\" \\ tab\t ctl\x01\x1f ä€😀\r\n";
        QByteArray binary = test::pseudoRandom((2 << 20) + 7, 42);
        QVERIFY(!binary.isValidUtf8());

        HttpExchange x;
        x.method = QStringLiteral("POST");
        x.uri = QStringLiteral("http://example.test/a b?k=v#frag");
        x.requestHeaders = { { QStringLiteral("Content-Type"), QStringLiteral("text/plain") },
            { QStringLiteral("X-Quote"), QStringLiteral("say \"hi\"\\\x02") },
            { QStringLiteral("Cookie"), QStringLiteral("a=1; b=two=2") } };
        x.requestBody = text;
        x.status = 200;
        x.statusMessage = QStringLiteral("OK");
        x.responseHeaders
            = { { QStringLiteral("Content-Type"), QStringLiteral("application/octet-stream") } };
        x.responseBody = binary;
        x.warnings = { QStringLiteral("a warning") };

        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        HarWriter writer(buffer, { QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC) });
        QVERIFY(writer.begin().ok());
        QVERIFY(writer.addExchange(x, 7).ok());
        x.responseHeaders.append({ QStringLiteral("Date"), QStringLiteral("Sun, 06 Nov 1994 08:49:37 GMT") });
        x.requestBody.reset();
        x.responseBody = QByteArray();
        QVERIFY(writer.addExchange(x, 8).ok());
        x.responseHeaders.removeLast();
        QVERIFY(writer.addExchange(x, 9).ok());
        QVERIFY(writer.finish({ QStringLiteral("log note") }).ok());
        QCOMPARE(writer.entryCount(), 3);
        buffer.close();

        const QString file = out(QStringLiteral("large.har"));
        QVERIFY(test::writeFile(file, buffer.data()));
        const test::ProcessResult v = validate(file);
        QVERIFY2(v.exitCode == 0, v.err.constData());

        QJsonParseError error;
        const QJsonObject har = QJsonDocument::fromJson(buffer.data(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(har.value(QLatin1String("log")).toObject().value(QLatin1String("comment")).toString(),
            QStringLiteral("log note"));
        const QJsonArray entries = entriesOf(har);
        QCOMPARE(entries.size(), 3);
        const QJsonObject first = entries.at(0).toObject();
        QCOMPARE(first.value(QLatin1String("_tapedeckSeq")).toInteger(), 7);
        QCOMPARE(first.value(QLatin1String("comment")).toString(), QStringLiteral("a warning"));
        const QJsonObject request = first.value(QLatin1String("request")).toObject();
        QCOMPARE(
            request.value(QLatin1String("url")).toString(), QStringLiteral("http://example.test/a%20b?k=v"));
        QCOMPARE(request.value(QLatin1String("postData"))
                     .toObject()
                     .value(QLatin1String("text"))
                     .toString()
                     .toUtf8(),
            text);
        QCOMPARE(request.value(QLatin1String("bodySize")).toInteger(), text.size());
        QCOMPARE(pairs(request.value(QLatin1String("headers")).toArray()).at(1).second,
            QStringLiteral("say \"hi\"\\\x02"));
        const QList<std::pair<QString, QString>> cookies { { QStringLiteral("a"), QStringLiteral("1") },
            { QStringLiteral("b"), QStringLiteral("two=2") } };
        QCOMPARE(pairs(request.value(QLatin1String("cookies")).toArray()), cookies);
        QCOMPARE(
            contentBytes(
                first.value(QLatin1String("response")).toObject().value(QLatin1String("content")).toObject()),
            binary);

        // Times: the recording start for an undated first entry, the Date header when there is one, and
        // the previous entry plus 1 ms after it.
        QCOMPARE(first.value(QLatin1String("startedDateTime")).toString(),
            QStringLiteral("2024-02-29T23:59:59.999Z"));
        QCOMPARE(entries.at(1).toObject().value(QLatin1String("startedDateTime")).toString(),
            QStringLiteral("1994-11-06T08:49:37.000Z"));
        QCOMPARE(entries.at(2).toObject().value(QLatin1String("startedDateTime")).toString(),
            QStringLiteral("1994-11-06T08:49:37.001Z"));
        // A null request body has no postData; an empty response body has empty text.
        QVERIFY(!entries.at(1)
                     .toObject()
                     .value(QLatin1String("request"))
                     .toObject()
                     .contains(QLatin1String("postData")));
        QCOMPARE(entries.at(1)
                     .toObject()
                     .value(QLatin1String("request"))
                     .toObject()
                     .value(QLatin1String("bodySize"))
                     .toInteger(),
            0);
        const QJsonObject emptyContent = entries.at(1)
                                             .toObject()
                                             .value(QLatin1String("response"))
                                             .toObject()
                                             .value(QLatin1String("content"))
                                             .toObject();
        QCOMPARE(emptyContent.value(QLatin1String("text")).toString(QStringLiteral("missing")), QString());
        QCOMPARE(emptyContent.value(QLatin1String("size")).toInteger(), 0);
    }

    void stackedEncodingsAreDecoded()
    {
        // gzip inside gzip, as VCR.py records it: Content-Encoding: [gzip, gzip] is two header values. Both
        // are undone, as show does (only the first used to be).
        const QByteArray body("{\"a\": [1, 2, 3]}");
        const test::ProcessResult py = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"),
                QStringLiteral("import sys,gzip; sys.stdout.buffer.write(gzip.compress(gzip.compress(sys.argv[1].encode())))"),
                QString::fromLatin1(body) });
        QVERIFY2(py.exitCode == 0, py.err.constData());
        HttpExchange x;
        x.method = QStringLiteral("GET");
        x.uri = QStringLiteral("http://example.test/");
        x.status = 200;
        x.responseHeaders = { { QStringLiteral("Content-Encoding"), QStringLiteral("gzip") },
            { QStringLiteral("Content-Type"), QStringLiteral("application/json") },
            { QStringLiteral("Content-Encoding"), QStringLiteral("gzip") } };
        x.responseBody = py.out;
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        HarWriter writer(buffer);
        QVERIFY(writer.begin().ok());
        QVERIFY(writer.addExchange(x, 0).ok());
        QVERIFY(writer.finish().ok());
        const QJsonObject response = entriesOf(QJsonDocument::fromJson(buffer.data()).object())
                                         .at(0)
                                         .toObject()
                                         .value(QLatin1String("response"))
                                         .toObject();
        const QJsonObject content = response.value(QLatin1String("content")).toObject();
        QCOMPARE(contentBytes(content), body);
        QCOMPARE(content.value(QLatin1String("size")).toInteger(), body.size());
        QCOMPARE(response.value(QLatin1String("bodySize")).toInteger(), py.out.size());
        QVERIFY(!content.contains(QLatin1String("comment")));
    }

    void undecodableBodyIsKeptRaw()
    {
        HttpExchange x;
        x.method = QStringLiteral("GET");
        x.uri = QStringLiteral("http://example.test/");
        x.status = 200;
        x.responseHeaders = { { QStringLiteral("Content-Encoding"), QStringLiteral("gzip") } };
        x.responseBody = QByteArray("not gzip at all");
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        HarWriter writer(buffer);
        QVERIFY(writer.begin().ok());
        QVERIFY(writer.addExchange(x, 0).ok());
        QVERIFY(writer.finish().ok());
        const QJsonObject content = entriesOf(QJsonDocument::fromJson(buffer.data()).object())
                                        .at(0)
                                        .toObject()
                                        .value(QLatin1String("response"))
                                        .toObject()
                                        .value(QLatin1String("content"))
                                        .toObject();
        QCOMPARE(contentBytes(content), QByteArray("not gzip at all"));
        QVERIFY(!content.contains(QLatin1String("compression")));
        QVERIFY(content.value(QLatin1String("comment")).toString().contains(QLatin1String("gzip")));
        // Undated with no recording start: the Unix epoch.
        QCOMPARE(entriesOf(QJsonDocument::fromJson(buffer.data()).object())
                     .at(0)
                     .toObject()
                     .value(QLatin1String("startedDateTime"))
                     .toString(),
            QStringLiteral("1970-01-01T00:00:00.000Z"));
    }

    void httpDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("iso"); // empty: not a date
        QTest::addRow("IMF-fixdate") << QStringLiteral("Sun, 06 Nov 1994 08:49:37 GMT")
                                     << QStringLiteral("1994-11-06T08:49:37.000Z");
        QTest::addRow("RFC 850") << QStringLiteral("Sunday, 06-Nov-94 08:49:37 GMT")
                                 << QStringLiteral("1994-11-06T08:49:37.000Z");
        QTest::addRow("asctime") << QStringLiteral("Sun Nov  6 08:49:37 1994")
                                 << QStringLiteral("1994-11-06T08:49:37.000Z");
        QTest::addRow("numeric zone") << QStringLiteral("Tue, 01 Apr 2025 14:00:00 +0200")
                                      << QStringLiteral("2025-04-01T12:00:00.000Z");
        QTest::addRow("cookie expires")
            << QStringLiteral("Wed, 21-Oct-2015 07:28:00 GMT") << QStringLiteral("2015-10-21T07:28:00.000Z");
        QTest::addRow("empty") << QString() << QString();
        QTest::addRow("garbage") << QStringLiteral("yesterday at noon") << QString();
        QTest::addRow("bad day") << QStringLiteral("Mon, 31 Feb 2025 10:00:00 GMT") << QString();
        QTest::addRow("bad time") << QStringLiteral("Tue, 01 Apr 2025 25:00:00 GMT") << QString();
    }
    void httpDates()
    {
        QFETCH(QString, text);
        QFETCH(QString, iso);
        const std::optional<QDateTime> parsed = HarWriter::parseHttpDate(text);
        if (iso.isEmpty()) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(parsed->toUTC().toString(Qt::ISODateWithMs), iso);
        }
    }
};

QTEST_GUILESS_MAIN(TestHar)
#include "tst_har.moc"
