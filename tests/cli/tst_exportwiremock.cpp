// SPDX-License-Identifier: MIT
// tapedeck-cli export-wiremock against the real peer: the exported mappings are served by WireMock 3.13
// (the standalone jar of npm `wiremock` in tests/npm, run with java -jar) and every recorded request is
// replayed against it; what VCR.py itself loads from the cassette (tests/tools/wiremockcases.py) says
// what must come back.
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tapedeck;

namespace {

const QString TestsDir = QStringLiteral(TAPEDECK_TEST_TOOLS "/..");
const QString CasesScript = QStringLiteral(TAPEDECK_TEST_TOOLS "/wiremockcases.py");

QProcessEnvironment passwordEnv()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), test::SamplePassword);
    return env;
}

// The wiremock package's bundled standalone jar; empty when tests/npm is not installed.
QString wireMockJar()
{
    const QDir build(TestsDir + QLatin1String("/npm/node_modules/wiremock/build"));
    const QStringList jars
        = build.entryList({ QStringLiteral("wiremock-standalone-*.jar") }, QDir::Files, QDir::Name);
    return jars.isEmpty() ? QString() : build.filePath(jars.constLast());
}

struct Answer
{
    int status = 0;
    QByteArray body;
    QString error;
};

// One WireMock process serving a root folder on a loopback port of its own.
class WireMock
{
public:
    ~WireMock() { stop(); }

    // Starts java -jar JAR on a free port and waits until the admin API lists `mappings` stubs.
    QString start(const QString &java, const QString &jar, const QString &root, qsizetype mappings)
    {
        QTcpServer probe; // a free port: bound, read, released, then handed to WireMock
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return QStringLiteral("no free port: ") + probe.errorString();
        m_port = probe.serverPort();
        probe.close();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        // A short-lived JVM: the client compiler alone starts WireMock about a second sooner.
        m_process->start(java,
            { QStringLiteral("-XX:TieredStopAtLevel=1"), QStringLiteral("-jar"), jar,
                QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind-address"),
                QStringLiteral("127.0.0.1"), QStringLiteral("--root-dir"), root,
                QStringLiteral("--disable-banner") });
        if (!m_process->waitForStarted(10000))
            return QStringLiteral("java did not start: ") + m_process->errorString();
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 45000) {
            if (m_process->state() != QProcess::Running)
                return QStringLiteral("WireMock exited: ") + QString::fromUtf8(m_process->readAll());
            const Answer admin = send("GET", QStringLiteral("/__admin/mappings?limit=1"));
            if (admin.status == 200) {
                const qint64 total = QJsonDocument::fromJson(admin.body)
                                         .object()
                                         .value(QLatin1String("meta"))
                                         .toObject()
                                         .value(QLatin1String("total"))
                                         .toInteger();
                if (total == mappings)
                    return {};
                return QStringLiteral("WireMock loaded %1 mappings, not %2").arg(total).arg(mappings);
            }
            QTest::qWait(200);
        }
        return QStringLiteral("WireMock did not answer within 45 s: ")
            + QString::fromUtf8(m_process->readAll());
    }

    void stop()
    {
        if (!m_process)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        m_process.reset();
    }

    // target: path and query exactly as sent (percent-encoding kept).
    Answer send(const QByteArray &method, const QString &target, const std::optional<QByteArray> &body = {},
        const QString &contentType = {})
    {
        QNetworkRequest request(QUrl::fromEncoded(
            QByteArrayLiteral("http://127.0.0.1:") + QByteArray::number(m_port) + target.toUtf8(),
            QUrl::StrictMode));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(15000);
        if (body)
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                contentType.isEmpty() ? QStringLiteral("application/octet-stream") : contentType);
        QNetworkReply *reply = body ? m_network.sendCustomRequest(request, method, *body)
                                    : m_network.sendCustomRequest(request, method);
        QElapsedTimer timer;
        timer.start();
        while (!reply->isFinished() && timer.elapsed() < 20000)
            QTest::qWait(5);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        if (!reply->isFinished())
            answer.error = QStringLiteral("no answer");
        else if (answer.status == 0)
            answer.error = reply->errorString();
        reply->deleteLater();
        return answer;
    }

private:
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

QString targetOf(const QString &uri)
{
    const qsizetype scheme = uri.indexOf(QLatin1String("://"));
    const qsizetype path = uri.indexOf(QLatin1Char('/'), scheme + 3);
    return path < 0 ? QStringLiteral("/") : uri.mid(path);
}

} // namespace

class TestExportWireMock : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_java;
    QString m_jar;
    QString m_cassette; // generated by VCR.py (wiremockcases.py)

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QJsonArray plan(const QString &cassette, const QString &name)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONUTF8"), QStringLiteral("1"));
        const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"),
            { CasesScript, QStringLiteral("plan"), cassette, path(name) }, {}, env);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return QJsonDocument::fromJson(test::readFile(path(name))).array();
    }

    void requireWireMock()
    {
        if (m_java.isEmpty())
            QSKIP("java is not installed (openjdk-17-jre-headless): run packaging/install-deps.sh");
        if (m_jar.isEmpty())
            QSKIP(
                "the WireMock jar is not in tests/npm/node_modules/wiremock: run packaging/install-deps.sh");
    }

    // Sends every planned request in recorded order; each must get the recorded status and body.
    void replay(WireMock &wiremock, const QJsonArray &steps)
    {
        for (const QJsonValue &v : steps) {
            const QJsonObject step = v.toObject();
            const QString method = step.value(QLatin1String("method")).toString();
            const QString uri = step.value(QLatin1String("uri")).toString();
            std::optional<QByteArray> body;
            if (step.value(QLatin1String("body_b64")).isString())
                body = QByteArray::fromBase64(step.value(QLatin1String("body_b64")).toString().toLatin1());
            const Answer answer = wiremock.send(
                method.toLatin1(), targetOf(uri), body, step.value(QLatin1String("content_type")).toString());
            const QByteArray what = (method + QLatin1Char(' ') + uri).toUtf8();
            QVERIFY2(answer.error.isEmpty(), QByteArray(what + ": " + answer.error.toUtf8()).constData());
            QVERIFY2(answer.status == step.value(QLatin1String("status")).toInt(),
                QByteArray(
                    what + ": status " + QByteArray::number(answer.status) + "\n" + answer.body.left(2000))
                    .constData());
            QVERIFY2(answer.body
                    == QByteArray::fromBase64(
                        step.value(QLatin1String("response_b64")).toString().toLatin1()),
                QByteArray(what + ": body " + answer.body.left(300)).constData());
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_java = QStandardPaths::findExecutable(QStringLiteral("java"));
        m_jar = wireMockJar();
        m_cassette = path(QStringLiteral("cases.yaml"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONUTF8"), QStringLiteral("1"));
        const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"),
            { CasesScript, QStringLiteral("cassette"), m_cassette }, {}, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void layout()
    {
        const QString out = path(QStringLiteral("layout"));
        const test::ProcessResult r = test::runCli(
            { QStringLiteral("export-wiremock"), m_cassette, QStringLiteral("--output"), out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("17 stub mappings written to"), r.err.constData());
        QStringList expected;
        for (int i = 0; i < 17; ++i)
            expected.append(QStringLiteral("mappings/mapping-%1.json").arg(i, 6, 10, QLatin1Char('0')));
        // The PNG (binary) and the 100 KB JSON (over the inline limit) go to __files.
        expected.append(QStringLiteral("__files/body-000006.bin"));
        expected.append(QStringLiteral("__files/body-000016.json"));
        expected.sort();
        QCOMPARE(test::listFiles(out), expected);

        const auto mapping = [&](int i) {
            return QJsonDocument::fromJson(
                test::readFile(
                    out + QStringLiteral("/mappings/mapping-%1.json").arg(i, 6, 10, QLatin1Char('0'))))
                .object();
        };
        // The three answers of one request: a scenario handing over in recorded order, the last one staying.
        QCOMPARE(
            mapping(3).value(QLatin1String("requiredScenarioState")).toString(), QStringLiteral("Started"));
        QCOMPARE(mapping(3).value(QLatin1String("newScenarioState")).toString(), QStringLiteral("2"));
        QCOMPARE(mapping(4).value(QLatin1String("requiredScenarioState")).toString(), QStringLiteral("2"));
        QCOMPARE(mapping(4).value(QLatin1String("newScenarioState")).toString(), QStringLiteral("3"));
        QCOMPARE(mapping(5).value(QLatin1String("requiredScenarioState")).toString(), QStringLiteral("3"));
        QVERIFY(!mapping(5).contains(QLatin1String("newScenarioState")));
        QCOMPARE(
            mapping(5).value(QLatin1String("scenarioName")), mapping(3).value(QLatin1String("scenarioName")));
        QVERIFY(!mapping(0).contains(QLatin1String("scenarioName")));
        // The gzip response is stored decoded, without the framing WireMock decides itself.
        const QJsonObject gzipped = mapping(7).value(QLatin1String("response")).toObject();
        QCOMPARE(gzipped.value(QLatin1String("headers")).toObject().keys(),
            QStringList { QStringLiteral("Content-Type") });
        QCOMPARE(gzipped.value(QLatin1String("body")).toString(),
            QStringLiteral("{\"compressed\": \"gzip\", \"city\": \"Zürich\"}"));
        // Repeated response headers stay one array.
        QCOMPARE(mapping(11)
                     .value(QLatin1String("response"))
                     .toObject()
                     .value(QLatin1String("headers"))
                     .toObject()
                     .value(QLatin1String("Set-Cookie"))
                     .toArray()
                     .size(),
            2);
    }

    void refusesFolders()
    {
        // A non-empty mappings folder: nothing is written, and the message says why.
        const QString used = path(QStringLiteral("used"));
        QVERIFY(QDir().mkpath(used + QLatin1String("/mappings")));
        QVERIFY(test::writeFile(used + QLatin1String("/mappings/mine.json"), "{}"));
        test::ProcessResult r = test::runCli(
            { QStringLiteral("export-wiremock"), m_cassette, QStringLiteral("--output"), used });
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("not empty"), r.err.constData());
        QCOMPARE(test::listFiles(used), QStringList { QStringLiteral("mappings/mine.json") });

        // __files as a link out of the folder is never written through.
        const QString linked = path(QStringLiteral("linked"));
        const QString elsewhere = path(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(linked));
        QVERIFY(QDir().mkpath(elsewhere));
        QVERIFY(QFile::link(elsewhere, linked + QLatin1String("/__files")));
        r = test::runCli(
            { QStringLiteral("export-wiremock"), m_cassette, QStringLiteral("--output"), linked });
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("is not a folder"), r.err.constData());
        QVERIFY(test::listFiles(elsewhere).isEmpty());

        // Empty mappings and __files folders are fine.
        const QString empty = path(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty + QLatin1String("/mappings")));
        QVERIFY(QDir().mkpath(empty + QLatin1String("/__files")));
        r = test::runCli(
            { QStringLiteral("export-wiremock"), m_cassette, QStringLiteral("--output"), empty });
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = test::runCli({ QStringLiteral("export-wiremock"), m_cassette });
        QCOMPARE(r.exitCode, 2);
        r = test::runCli({ QStringLiteral("export-wiremock"), test::samplePath(), QStringLiteral("--output"),
            path(QStringLiteral("nopassword")) });
        QCOMPARE(r.exitCode, 3);
    }

    void sampleServedByWireMock()
    {
        requireWireMock();
        // The bundled sample: the archive exported, its cassette (extracted by aeszip.py, pyzipper's
        // rules) loaded by VCR.py for the expectations.
        const QString extracted = path(QStringLiteral("sample"));
        test::ProcessResult r = test::aeszip({ QStringLiteral("read"), QStringLiteral("--password"),
            test::SamplePassword, QStringLiteral("--output-dir"), extracted, test::samplePath() });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray steps
            = plan(extracted + QLatin1String("/http/cassette.yaml"), QStringLiteral("sample.json"));
        QCOMPARE(steps.size(), 12);

        const QString out = path(QStringLiteral("sample-wiremock"));
        r = test::runCli(
            { QStringLiteral("export-wiremock"), test::samplePath(), QStringLiteral("--output"), out },
            passwordEnv());
        QVERIFY2(r.exitCode == 0, r.err.constData());

        WireMock wiremock;
        const QString started = wiremock.start(m_java, m_jar, out, steps.size());
        QVERIFY2(started.isEmpty(), qPrintable(started));
        replay(wiremock, steps);
        QCOMPARE(wiremock.send("GET", QStringLiteral("/api/4.0/not-recorded")).status, 404);
        QCOMPARE(wiremock.send("DELETE", QStringLiteral("/api/4.0/dashboards/1")).status, 404);
    }

    void casesServedByWireMock()
    {
        requireWireMock();
        const QJsonArray steps = plan(m_cassette, QStringLiteral("cases.json"));
        QCOMPARE(steps.size(), 17);
        const QString out = path(QStringLiteral("cases-wiremock"));
        const test::ProcessResult r = test::runCli(
            { QStringLiteral("export-wiremock"), m_cassette, QStringLiteral("--output"), out });
        QVERIFY2(r.exitCode == 0, r.err.constData());

        WireMock wiremock;
        const QString started = wiremock.start(m_java, m_jar, out, steps.size());
        QVERIFY2(started.isEmpty(), qPrintable(started));
        // In recorded order every repeat gets its own recorded answer...
        replay(wiremock, steps);
        // ...and the last one answers every further repeat.
        QCOMPARE(wiremock.send("GET", QStringLiteral("/api/jobs/7/status")).body,
            QByteArray("{\"state\": \"done\"}"));
        QCOMPARE(wiremock.send("GET", QStringLiteral("/api/jobs/7/status")).body,
            QByteArray("{\"state\": \"done\"}"));
        QCOMPARE(wiremock.send("POST", QStringLiteral("/__admin/scenarios/reset"), QByteArray()).status, 200);
        QCOMPARE(wiremock.send("GET", QStringLiteral("/api/jobs/7/status")).body,
            QByteArray("{\"state\": \"pending\"}"));

        // JSON bodies match whatever the member order and spacing; values, array order and extra members
        // still count.
        const QString json = QStringLiteral("application/json");
        QCOMPARE(
            wiremock
                .send("POST", QStringLiteral("/api/search"),
                    QByteArray(
                        "{ \"fields\": [\"id\",\"name\",\"amount\"], \"filters\": {\"region\": \"emea\", "
                        "\"status\": \"open\"}, \"page\": 2, \"query\": \"orders\" }"),
                    json)
                .body,
            QByteArray("{\"hits\": 3, \"for\": \"orders\"}"));
        QCOMPARE(wiremock
                     .send("POST", QStringLiteral("/api/search"),
                         QByteArray("{\"query\": \"orders\", \"page\": 3, \"filters\": {\"status\": "
                                    "\"open\", \"region\": "
                                    "\"emea\"}, \"fields\": [\"id\", \"name\", \"amount\"]}"),
                         json)
                     .status,
            404);
        QCOMPARE(wiremock
                     .send("POST", QStringLiteral("/api/search"),
                         QByteArray("{\"query\": \"orders\", \"page\": 2, \"filters\": {\"status\": "
                                    "\"open\", \"region\": "
                                    "\"emea\"}, \"fields\": [\"name\", \"id\", \"amount\"]}"),
                         json)
                     .status,
            404);
        QCOMPARE(wiremock
                     .send("POST", QStringLiteral("/api/search"),
                         QByteArray("{\"query\": \"orders\", \"page\": 2, \"filters\": {\"status\": "
                                    "\"open\", \"region\": "
                                    "\"emea\"}, \"fields\": [\"id\", \"name\", \"amount\"], \"extra\": 1}"),
                         json)
                     .status,
            404);
        // The query is an exact string: reordered parameters are another request.
        QCOMPARE(
            wiremock.send("GET", QStringLiteral("/api/records?b=2&a=1&q=caf%C3%A9%20au%20lait")).status, 200);
        QCOMPARE(
            wiremock.send("GET", QStringLiteral("/api/records?a=1&b=2&q=caf%C3%A9%20au%20lait")).status, 404);
        // Method and body count too.
        QCOMPARE(wiremock.send("PUT", QStringLiteral("/api/upload"), QByteArray("x")).status, 404);
        QCOMPARE(wiremock.send("POST", QStringLiteral("/api/upload"), QByteArray("\xff\xfe", 2)).status, 404);
        QCOMPARE(wiremock.send("GET", QStringLiteral("/nowhere")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestExportWireMock)
#include "tst_exportwiremock.moc"
