// SPDX-License-Identifier: MIT
// tapedeck-cli replay end to end with real clients: the bundled sample's own client (resources/samples/
// make_sample.py, Python requests) replayed through the mock layer with its fake servers not running and a
// sentinel standing where they were, over http and over https through the forward proxy (TLS with
// Tapedeck's CA), curl through the proxy, unmatched requests (503 with the nearest recorded ones, or a
// closed connection), CONNECT to a host the recording never saw, and a recording without a cassette.
#include "replaysupport.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace tapedeck;
using namespace tapedeck::test;

namespace {

QString makeSample()
{
    return QStringLiteral(TAPEDECK_SAMPLES "/make_sample.py");
}

// A server standing where the recorded hosts would be: anything that connects to it got past the replay.
class Sentinel
{
public:
    Sentinel() { m_server.listen(QHostAddress::LocalHost, 0); }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()); }
    bool touched()
    {
        m_server.waitForNewConnection(0);
        return m_server.hasPendingConnections();
    }

private:
    QTcpServer m_server;
};

ProcessResult curl(const QStringList &arguments)
{
    return run(QStringLiteral("curl"), QStringList { QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("20") } + arguments,
        {}, QProcessEnvironment::systemEnvironment(), 60'000);
}

} // namespace

class TestReplay : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_httpsRecording;
    QString m_exceptionMessage;

    // The replay's JSON report, after checking the run like the recorded one: every request answered from
    // the recording (or, for GMS ingest calls, captured), the same failure, the same metadata.
    void checkSampleRun(const ProcessResult &r, bool tunnel, const QString &mcpsOut)
    {
        QVERIFY2(!r.crashed && r.exitCode == 0, qPrintable(describe(r)));
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + describe(r)));
        QCOMPARE(report.value(u"success").toBool(), true);
        const QJsonObject summary = report.value(u"summary").toObject();
        QCOMPARE(summary.value(u"unmatched").toInt(), 0);
        QCOMPARE(summary.value(u"refused_connections").toInt(), 0);
        const QJsonArray requests = report.value(u"requests").toArray();
        QCOMPARE(requests.size(), 12); // as many as the recording has interactions
        int matched = 0;
        int captured = 0;
        for (const QJsonValue &v : requests) {
            const QJsonObject q = v.toObject();
            const QString outcome = q.value(u"outcome").toString();
            const QString uri = q.value(u"uri").toString();
            if (outcome == u"matched") {
                ++matched;
            } else {
                // GMS ingest calls carry the run's clock (systemMetadata.lastObserved): captured, not matched.
                QCOMPARE(outcome, QStringLiteral("synthesized"));
                QVERIFY2(q.value(u"gms").toBool() && uri.contains(u"/aspects?action=ingestProposal"), qPrintable(uri));
                captured += q.value(u"mcps").toInt();
            }
            if (uri.startsWith(u"https://looker.acme-corp.example"))
                QCOMPARE(q.value(u"tunnel").toBool(), tunnel);
        }
        QCOMPARE(matched, 10);
        QCOMPARE(captured, 24);
        const QJsonObject last = requests.last().toObject();
        QVERIFY(last.value(u"uri").toString().endsWith(u"/api/4.0/dashboards/3"));
        QCOMPARE(last.value(u"status").toInt(), 500);
        const QJsonObject command = report.value(u"command").toObject();
        QCOMPARE(command.value(u"exit_code").toInt(), 1);
        QCOMPARE(command.value(u"expected_failure").toBool(), true);
        QCOMPARE(command.value(u"as_recorded").toBool(), true);
        // The client failed as the recorded run did, with the same message.
        QVERIFY2(r.err.contains(QString(QStringLiteral("SDKError: ") + m_exceptionMessage).toUtf8()), qPrintable(describe(r)));
        // The command got the replay recipe, its sink pointed at the GMS endpoint.
        const QJsonArray changes = report.value(u"recipe").toObject().value(u"changes").toArray();
        QVERIFY2(std::any_of(changes.begin(), changes.end(),
                     [&](const QJsonValue &c) {
                         return c.toString().startsWith(u"sink.config.server:")
                             && c.toString().endsWith(report.value(u"endpoints").toObject().value(u"gms").toString());
                     }),
            qPrintable(QString::fromUtf8(QJsonDocument(changes).toJson())));
        const QJsonObject mcps = report.value(u"mcps").toObject();
        QCOMPARE(mcps.value(u"verdict").toString(), QStringLiteral("PERFECT SEMANTIC MATCH"));
        // The replayed MCPs written in the file sink's format match the sample's recorded MCP file.
        // (preset replay: the run's own clock in audit stamps is not a difference.)
        const ProcessResult diff = runCli({ QStringLiteral("diff"), QStringLiteral("--preset"), QStringLiteral("replay"),
            QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"), mcpsOut });
        QVERIFY2(diff.exitCode == 0 && diff.out.contains("PERFECT SEMANTIC MATCH"), qPrintable(describe(diff)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), SamplePassword);
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        const ProcessResult info = runCli({ QStringLiteral("info"), samplePath(), QStringLiteral("--json") }, m_env);
        QVERIFY2(info.exitCode == 0, qPrintable(describe(info)));
        m_exceptionMessage
            = QJsonDocument::fromJson(info.out).object().value(u"exception_info").toObject().value(u"message").toString();
        QVERIFY2(m_exceptionMessage.contains(u"500"), qPrintable(QString::fromUtf8(info.out.left(3000))));

        // The sample served over https: extracted, and its Looker origin moved to https (the recipe too).
        m_httpsRecording = m_dir.filePath(QStringLiteral("https-recording"));
        const ProcessResult extracted = runCli({ QStringLiteral("extract"), samplePath(), QStringLiteral("--output-dir"), m_httpsRecording }, m_env);
        QVERIFY2(extracted.exitCode == 0, qPrintable(describe(extracted)));
        // Only where the requests go: the URLs inside the recorded MCPs stay as they were.
        const std::pair<const char *, const char *> moves[] = { { "http/cassette.yaml", "uri: " }, { "recipe.yaml", "base_url: " } };
        for (const auto &[name, key] : moves) {
            const QString path = m_httpsRecording + u'/' + QLatin1String(name);
            QByteArray text = readFile(path);
            const QByteArray from = QByteArray(key) + "http://looker.acme-corp.example";
            QVERIFY2(text.contains(from), name);
            text.replace(from, QByteArray(QByteArray(key) + "https://looker.acme-corp.example"));
            QVERIFY(writeFile(path, text));
        }
    }

    void sampleOverHttp()
    {
        Sentinel sentinel;
        const QString out = m_dir.filePath(QStringLiteral("replayed-http.json"));
        const ProcessResult r = runCli({ QStringLiteral("replay"), samplePath(), QStringLiteral("--json"), QStringLiteral("--mcps-out"), out,
                                           QStringLiteral("--"), QStringLiteral("/usr/bin/python3"), makeSample(), QStringLiteral("--replay"),
                                           QStringLiteral("{recipe}"), QStringLiteral("--sentinel"), sentinel.address() },
            m_env);
        checkSampleRun(r, false, out);
        QVERIFY2(!sentinel.touched(), "something connected to the recorded servers' address");
    }

    void sampleOverHttpsThroughTheProxy()
    {
        Sentinel sentinel;
        const QString out = m_dir.filePath(QStringLiteral("replayed-https.json"));
        const ProcessResult r = runCli({ QStringLiteral("replay"), m_httpsRecording, QStringLiteral("--json"), QStringLiteral("--mcps-out"), out,
                                           QStringLiteral("--"), QStringLiteral("/usr/bin/python3"), makeSample(), QStringLiteral("--replay"),
                                           QStringLiteral("{recipe}"), QStringLiteral("--sentinel"), sentinel.address() },
            m_env);
        checkSampleRun(r, true, out);
        QVERIFY2(!sentinel.touched(), "something connected to the recorded servers' address");
    }

    void curlThroughTheProxy()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QFAIL("curl is missing: packaging/install-deps.sh installs it");
        Serving serving;
        QVERIFY(serving.start({ m_httpsRecording, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") }, [this] {
            QProcessEnvironment env = cliEnvironment();
            env.insert(m_env);
            return env;
        }()));
        const QString proxy = serving.var(QStringLiteral("TAPEDECK_PROXY_URL"));
        const QString ca = serving.var(QStringLiteral("TAPEDECK_CA_BUNDLE"));
        QVERIFY(QFileInfo(ca).isFile());
        // Recorded: answered over TLS with a certificate curl verifies against Tapedeck's CA alone.
        ProcessResult got = curl({ QStringLiteral("--proxy"), proxy, QStringLiteral("--cacert"), ca,
            QStringLiteral("https://looker.acme-corp.example/api/4.0/user?fields=id%2Cdisplay_name%2Cemail%2Crole_ids") });
        QVERIFY2(got.exitCode == 0 && got.out.contains("\"display_name\":\"DataHub Service\""), qPrintable(describe(got)));
        // Without the CA, curl refuses the certificate (exit 60): the leaf is Tapedeck's, not a public one.
        got = curl({ QStringLiteral("--proxy"), proxy, QStringLiteral("--cacert"), QStringLiteral("/etc/ssl/certs/ca-certificates.crt"),
            QStringLiteral("https://looker.acme-corp.example/api/4.0/user") });
        QCOMPARE(got.exitCode, 60);
        // Unmatched: 503, the marker header, and the nearest recorded request with what differs.
        got = curl({ QStringLiteral("-i"), QStringLiteral("--proxy"), proxy, QStringLiteral("--cacert"), ca,
            QStringLiteral("https://looker.acme-corp.example/api/4.0/user?fields=id") });
        QVERIFY2(got.out.startsWith("HTTP/1.1 200 Connection Established"), qPrintable(describe(got)));
        QVERIFY2(got.out.contains("HTTP/1.1 503 Service Unavailable") && got.out.contains("X-Tapedeck-Unmatched: 1"), qPrintable(describe(got)));
        QVERIFY2(got.out.contains("GET https://looker.acme-corp.example/api/4.0/user?fields=id%2Cdisplay_name%2Cemail%2Crole_ids"),
            qPrintable(describe(got)));
        QVERIFY2(got.out.contains("query parameter fields: recorded \"id%2Cdisplay_name%2Cemail%2Crole_ids\", sent \"id\""),
            qPrintable(describe(got)));
        // A host the recording never saw: the CONNECT itself is refused.
        got = curl({ QStringLiteral("--proxy"), proxy, QStringLiteral("--cacert"), ca, QStringLiteral("https://elsewhere.example/") });
        QVERIFY2(got.exitCode != 0 && got.err.contains("503"), qPrintable(describe(got)));
        // Plain http through the proxy to the GMS origin, and the GMS reverse endpoint directly.
        got = curl({ QStringLiteral("--proxy"), proxy, QStringLiteral("http://datahub-gms.acme-corp.example:8080/config") });
        QVERIFY2(got.exitCode == 0 && got.out.contains("\"noCode\""), qPrintable(describe(got)));
        got = curl({ serving.var(QStringLiteral("TAPEDECK_GMS_URL")) + QStringLiteral("/config") });
        QVERIFY2(got.exitCode == 0 && got.out.contains("\"noCode\""), qPrintable(describe(got)));

        const ProcessResult stopped = serving.stop();
        QVERIFY2(!stopped.crashed, qPrintable(describe(stopped)));
        QCOMPARE(stopped.exitCode, 1); // unmatched requests were seen
        QVERIFY2(stopped.out.contains("UNMATCHED"), qPrintable(describe(stopped)));
        QVERIFY2(stopped.out.contains("elsewhere.example"), qPrintable(describe(stopped)));
    }

    void unmatchedCanCloseTheConnection()
    {
        Serving serving;
        QProcessEnvironment env = cliEnvironment();
        env.insert(m_env);
        QVERIFY(serving.start({ samplePath(), QStringLiteral("--unmatched"), QStringLiteral("close") }, env));
        const QString proxy = serving.var(QStringLiteral("TAPEDECK_PROXY_URL"));
        const ProcessResult got = curl({ QStringLiteral("--proxy"), proxy, QStringLiteral("http://looker.acme-corp.example/nothing") });
        QCOMPARE(got.exitCode, 52); // curl: empty reply from server
        const ProcessResult stopped = serving.stop();
        QCOMPARE(stopped.exitCode, 1);
        QVERIFY2(stopped.out.contains("UNMATCHED (connection closed)"), qPrintable(describe(stopped)));
    }

    void recordingWithoutCassette()
    {
        const QString folder = m_dir.filePath(QStringLiteral("no-cassette"));
        const ProcessResult extracted = runCli({ QStringLiteral("extract"), samplePath(), QStringLiteral("--output-dir"), folder }, m_env);
        QVERIFY2(extracted.exitCode == 0, qPrintable(describe(extracted)));
        QVERIFY(QFile::remove(folder + QStringLiteral("/http/cassette.yaml")));
        // The queries are still served, over PostgreSQL's protocol.
        const ProcessResult r = runCli({ QStringLiteral("replay"), folder, QStringLiteral("--"), QStringLiteral("/bin/false") }, m_env);
        QVERIFY2(r.err.contains("PostgreSQL:     postgresql://replay@127.0.0.1:"), qPrintable(describe(r)));
        QVERIFY2(!r.err.contains("has neither"), qPrintable(describe(r)));
        // The command failed as the recorded run did, and no MCPs were expected or sent.
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        // Without queries either, only the GMS endpoint is left, and Tapedeck says so.
        QVERIFY(QFile::remove(folder + QStringLiteral("/db/queries.jsonl")));
        const ProcessResult bare = runCli({ QStringLiteral("replay"), folder, QStringLiteral("--"), QStringLiteral("/bin/false") }, m_env);
        QVERIFY2(bare.err.contains("has neither an HTTP cassette"), qPrintable(describe(bare)));
        QVERIFY2(!bare.err.contains("PostgreSQL:"), qPrintable(describe(bare)));
        QVERIFY2(bare.exitCode == 0, qPrintable(describe(bare)));
    }

    void ctrlCStopsTheCommandAndItsProcessGroup()
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("background.pid"));
        QProcess replay;
        QProcessEnvironment env = cliEnvironment();
        env.insert(m_env);
        replay.setProcessEnvironment(env);
        // A shell that starts a background job (which, as in any non-interactive shell, ignores SIGINT) and
        // waits for it.
        replay.start(QStringLiteral(TAPEDECK_CLI), { QStringLiteral("replay"), samplePath(), QStringLiteral("--"), QStringLiteral("/bin/sh"),
                                                       QStringLiteral("-c"), QStringLiteral("sleep 120 & echo $! > '%1'; wait").arg(pidFile) });
        QVERIFY(replay.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(pidFile).size() > 0, 20'000);
        const pid_t background = pid_t(readFile(pidFile).trimmed().toInt());
        QVERIFY(background > 0);
        QCOMPARE(::kill(background, 0), 0);
        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(replay.processId()), SIGINT);
        QVERIFY(replay.waitForFinished(20'000));
        QCOMPARE(replay.exitCode(), 130);
        QVERIFY2(clock.elapsed() < 10'000, qPrintable(QString::number(clock.elapsed())));
        // The background job is gone too (reaped by init, or a zombie for a moment at most).
        const auto gone = [background] {
            if (::kill(background, 0) != 0)
                return true;
            QFile status(QStringLiteral("/proc/%1/status").arg(background));
            return status.open(QIODevice::ReadOnly) && status.readAll().contains("State:\tZ");
        };
        QTRY_VERIFY_WITH_TIMEOUT(gone(), 10'000);
        const QByteArray out = replay.readAllStandardOutput();
        QVERIFY2(out.contains("was stopped"), out.constData());
    }

    void usageErrors()
    {
        QCOMPARE(runCli({ QStringLiteral("replay") }).exitCode, 2);
        QCOMPARE(runCli({ QStringLiteral("replay"), samplePath(), QStringLiteral("--match"), QStringLiteral("fuzzy") }, m_env).exitCode, 2);
        QCOMPARE(runCli({ QStringLiteral("replay"), samplePath(), QStringLiteral("--unmatched"), QStringLiteral("404") }, m_env).exitCode, 2);
        const ProcessResult outside = runCli({ QStringLiteral("replay"), samplePath(), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:8080") }, m_env);
        QCOMPARE(outside.exitCode, 2);
        QVERIFY(outside.err.contains("loopback"));
        QCOMPARE(runCli({ QStringLiteral("replay"), samplePath(), QStringLiteral("extra") }, m_env).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
