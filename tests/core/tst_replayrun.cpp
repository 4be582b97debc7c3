// SPDX-License-Identifier: MIT
// A replay run in-process, on the bundled sample (its recipe swapped for a PostgreSQL source): the private
// replay recipe pointing at the session's GMS and PostgreSQL endpoints, Tapedeck's CA, the client
// variables of DESIGN.md §7 and their export lines read back by a real shell, and the command: captured
// stdout and stderr, {recipe}, the working folder, start failures, Stop's escalation (SIGINT, SIGTERM,
// SIGKILL) and what the command leaves in its group; then the MCP diff off the thread and the report.
#include "core/archive/recipe.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "core/recording/timeline.h"
#include "core/recording/timelineindexer.h"
#include "core/replay/replayrun.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QtConcurrent>

#include <csignal>
#include <memory>

#include <sys/stat.h>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace std::chrono_literals;

namespace {

// The sample's sink, a PostgreSQL source: the replay recipe points both at the session.
const QByteArray PostgresRecipe = "pipeline_name: pg-replay-test\n"
                                  "source:\n"
                                  "  type: postgres\n"
                                  "  config:\n"
                                  "    host_port: db.acme-corp.example:5432\n"
                                  "    database: analytics\n"
                                  "    username: ingest\n"
                                  "    password: __REPLAY_DUMMY__\n"
                                  "sink:\n"
                                  "  type: datahub-rest\n"
                                  "  config:\n"
                                  "    server: http://datahub-gms.acme-corp.example:8080\n";

const QByteArray BareCassette = "interactions:\n"
                                "- request:\n"
                                "    body: null\n"
                                "    headers: {}\n"
                                "    method: GET\n"
                                "    uri: http://api.example.com/items\n"
                                "  response:\n"
                                "    body: {string: '[]'}\n"
                                "    headers: {}\n"
                                "    status: {code: 200, message: OK}\n"
                                "version: 1\n";

int modeOf(const QString &path)
{
    struct stat st { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

// Gone, or a zombie for a moment (reaped by whoever inherited it).
bool processGone(pid_t pid)
{
    if (::kill(pid, 0) != 0)
        return true;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    return status.open(QIODevice::ReadOnly) && status.readAll().contains("State:\tZ");
}

struct Captured
{
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

} // namespace

class TestReplayRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Recording> m_recording;
    Timeline m_timeline;
    std::unique_ptr<ReplayRun> m_run;
    std::shared_ptr<Captured> m_captured;

    QString caDirectory() const { return m_dir.filePath(QStringLiteral("ca")); }

    void startRun(const QString &caDir = {})
    {
        ReplayRunSetup setup;
        setup.recording = m_recording;
        setup.recordingPath = test::samplePath();
        setup.caDirectory = caDir.isEmpty() ? caDirectory() : caDir;
        m_run = std::make_unique<ReplayRun>(m_timeline, std::move(setup));
        // Tests need not wait the real grace periods.
        m_run->setGracePeriods({ 500ms, 500ms, 500ms });
        const Status started = m_run->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    }

    // Starts argv in Capture mode; m_captured collects what it writes.
    void startCaptured(const QStringList &argv, const QString &workingDirectory = {})
    {
        m_captured = std::make_shared<Captured>();
        connect(m_run.get(), &ReplayRun::commandOutput, this, [c = m_captured](const QByteArray &data, QProcess::ProcessChannel channel) {
            (channel == QProcess::StandardOutput ? c->out : c->err) += data;
        });
        connect(m_run.get(), &ReplayRun::commandFinished, this, [c = m_captured] { c->finished = true; });
        const Status launched = m_run->startCommand(argv, workingDirectory, QProcessEnvironment::systemEnvironment(), ReplayRun::Output::Capture);
        QVERIFY2(launched.ok(), launched.ok() ? "" : qPrintable(launched.error().message));
        QVERIFY(m_run->isCommandRunning());
    }

    ReplayCommandStatus waitForCommand()
    {
        if (!QTest::qWaitFor([this] { return m_captured->finished; }, 30'000))
            return {};
        return m_run->commandStatus().value_or(ReplayCommandStatus {});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Result<std::unique_ptr<RecordingSource>> source = RecordingSource::open(test::samplePath());
        QVERIFY(source.ok());
        QVERIFY((*source)->unlock(test::SamplePassword).ok());
        Result<Recording> loaded = Recording::load(**source);
        QVERIFY(loaded.ok());
        Recording recording = std::move(loaded).value();
        QVERIFY(recording.contents.contains(QStringLiteral("db/queries.jsonl")));
        recording.contents.insert(Recipe::FileName, PostgresRecipe);
        Result<Recipe> recipe = Recipe::parse(PostgresRecipe, Recipe::FileName);
        QVERIFY(recipe.ok());
        recording.recipe = std::move(recipe).value();
        m_recording = std::make_shared<const Recording>(std::move(recording));
        QVERIFY(TimelineIndexer::indexRecording(m_timeline, *m_recording).ok());
        m_timeline.setComplete();
    }

    void cleanup()
    {
        m_run.reset();
        m_captured.reset();
    }

    void startWritesAPrivateRecipeForTheSession()
    {
        startRun();
        const QString path = m_run->recipePath();
        QVERIFY(QFileInfo(path).isFile());
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(modeOf(QFileInfo(path).absolutePath()), 0700);
        const Result<Recipe> written = Recipe::parse(test::readFile(path), path);
        QVERIFY(written.ok());
        const ReplaySession &session = m_run->session();
        QCOMPARE(written->scalar(QStringLiteral("sink.config.server")), session.gmsUrl());
        const QUrl postgres(session.postgresUrl());
        QVERIFY(postgres.port() > 0);
        QCOMPARE(written->scalar(QStringLiteral("source.config.host_port")), QStringLiteral("127.0.0.1:%1").arg(postgres.port()));
        QCOMPARE(written->scalar(QStringLiteral("source.config.password")), QStringLiteral("replay-mode-no-secret-needed"));
        QVERIFY(m_run->recipeChanges().contains(
            QStringLiteral("source.config.host_port: db.acme-corp.example:5432 → 127.0.0.1:%1").arg(postgres.port())));
        // It goes with the run.
        m_run.reset();
        QVERIFY(!QFileInfo::exists(path));
    }

    void caIsTapedecksOwn()
    {
        startRun();
        QCOMPARE(m_run->caPath(), caDirectory() + QStringLiteral("/ca.pem"));
        QCOMPARE(m_run->caCertificatePem(), test::readFile(m_run->caPath()));
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(m_run->caCertificatePem());
        QCOMPARE(certificates.size(), 1);
        QByteArray digest = certificates.first().digest(QCryptographicHash::Sha256).toHex(':').toUpper();
        QCOMPARE(m_run->caFingerprint(), QString::fromLatin1(digest));
    }

    void environmentNamesEveryVariable()
    {
        startRun();
        const ReplaySession &session = m_run->session();
        const QString proxy = session.proxyUrl();
        const QString ca = m_run->caPath();
        QVERIFY(proxy.startsWith(u"http://127.0.0.1:"));
        QVERIFY(session.postgresUrl().startsWith(u"postgresql://replay@127.0.0.1:"));
        // DESIGN.md §7, each with the session's value.
        const QList<std::pair<QString, QString>> expected {
            { QStringLiteral("HTTP_PROXY"), proxy },
            { QStringLiteral("HTTPS_PROXY"), proxy },
            { QStringLiteral("http_proxy"), proxy },
            { QStringLiteral("https_proxy"), proxy },
            { QStringLiteral("REQUESTS_CA_BUNDLE"), ca },
            { QStringLiteral("SSL_CERT_FILE"), ca },
            { QStringLiteral("CURL_CA_BUNDLE"), ca },
            { QStringLiteral("NODE_EXTRA_CA_CERTS"), ca },
            { QStringLiteral("AWS_CA_BUNDLE"), ca },
            { QStringLiteral("TAPEDECK_PROXY_URL"), proxy },
            { QStringLiteral("TAPEDECK_CA_BUNDLE"), ca },
            { QStringLiteral("TAPEDECK_GMS_URL"), session.gmsUrl() },
            { QStringLiteral("TAPEDECK_POSTGRES_URL"), session.postgresUrl() },
            { QStringLiteral("TAPEDECK_RECIPE"), m_run->recipePath() },
        };
        const QList<std::pair<QString, QString>> vars = m_run->environment();
        QCOMPARE(vars.size(), expected.size());
        for (const auto &variable : expected)
            QVERIFY2(vars.contains(variable), qPrintable(variable.first));

        // The command's environment: the base, without NO_PROXY, with the variables.
        QProcessEnvironment base;
        base.insert(QStringLiteral("NO_PROXY"), QStringLiteral("looker.acme-corp.example"));
        base.insert(QStringLiteral("no_proxy"), QStringLiteral("looker.acme-corp.example"));
        base.insert(QStringLiteral("HTTP_PROXY"), QStringLiteral("http://corporate-proxy:3128"));
        base.insert(QStringLiteral("KEEP_ME"), QStringLiteral("kept"));
        const QProcessEnvironment command = m_run->commandEnvironment(base);
        QVERIFY(!command.contains(QStringLiteral("NO_PROXY")));
        QVERIFY(!command.contains(QStringLiteral("no_proxy")));
        QCOMPARE(command.value(QStringLiteral("KEEP_ME")), QStringLiteral("kept"));
        for (const auto &[name, value] : expected)
            QCOMPARE(command.value(name), value);
    }

    void shellQuoted_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addRow("plain") << QStringLiteral("http://127.0.0.1:8080");
        QTest::addRow("single quote") << QStringLiteral("it's");
        QTest::addRow("only quotes") << QStringLiteral("''");
        QTest::addRow("shell syntax") << QStringLiteral("$HOME `id` $(id) \\ \" ; & | * ~ \n end");
        QTest::addRow("empty") << QString();
    }

    void shellQuoted()
    {
        QFETCH(QString, value);
        // What a POSIX shell makes of it is the value itself.
        const test::ProcessResult r
            = test::run(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), QStringLiteral("printf '%s' ") + ReplayRun::shellQuoted(value) });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out), value);
    }

    void exportLinesReadBackByAShell()
    {
        // A CA folder with a single quote in its name: the CA variables then hold one.
        const QString caDir = m_dir.filePath(QStringLiteral("it's the CA"));
        startRun(caDir);
        QVERIFY(m_run->caPath().contains(u'\''));
        const QString lines = m_run->exportLines();
        QVERIFY2(lines.contains(QStringLiteral("export SSL_CERT_FILE=") + ReplayRun::shellQuoted(m_run->caPath()) + u'\n'), qPrintable(lines));
        QString script = lines;
        for (const auto &[name, value] : m_run->environment())
            script += QStringLiteral("printf '%s=%s\\n' %1 \"$%1\"\n").arg(name);
        const test::ProcessResult r = test::run(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), script });
        QCOMPARE(r.exitCode, 0);
        QString expected;
        for (const auto &[name, value] : m_run->environment())
            expected += name + u'=' + value + u'\n';
        QCOMPARE(QString::fromUtf8(r.out), expected);
    }

    void captureKeepsStdoutAndStderrApart()
    {
        startRun();
        startCaptured({ QStringLiteral("/bin/sh"), QStringLiteral("-c"),
            QStringLiteral("printf 'to stdout'; printf 'to stderr' >&2; printf ' %s' \"$TAPEDECK_PROXY_URL\"; exit 7") });
        const ReplayCommandStatus status = waitForCommand();
        QVERIFY(m_captured->finished);
        QCOMPARE(m_captured->out, QByteArray("to stdout ") + m_run->session().proxyUrl().toUtf8());
        QCOMPARE(m_captured->err, QByteArray("to stderr"));
        QCOMPARE(status.exitCode, 7);
        QVERIFY(!status.crashed);
        QVERIFY(!status.interrupted);
        QVERIFY(status.error.isEmpty());
        QVERIFY(!m_run->isCommandRunning());
    }

    void recipeIsSubstituted()
    {
        startRun();
        startCaptured({ QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("cat \"$1\"; printf '%s' \"$2\" >&2"),
            QStringLiteral("sh"), QStringLiteral("{recipe}"), QStringLiteral("--config={recipe}") });
        const ReplayCommandStatus status = waitForCommand();
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(m_captured->out, test::readFile(m_run->recipePath()));
        QCOMPARE(m_captured->err, (QStringLiteral("--config=") + m_run->recipePath()).toUtf8());
        QCOMPARE(status.argv.value(4), m_run->recipePath());
    }

    void noRecipeForABareCassette()
    {
        const QString path = m_dir.filePath(QStringLiteral("bare-cassette.yaml"));
        QVERIFY(test::writeFile(path, BareCassette));
        Timeline timeline;
        QVERIFY(TimelineIndexer::indexFile(timeline, path).ok());
        timeline.setComplete();
        ReplayRunSetup setup;
        setup.recordingPath = path;
        setup.caDirectory = caDirectory();
        ReplayRun run(timeline, std::move(setup));
        QVERIFY(run.start().ok());
        QCOMPARE(run.recordingName(), QStringLiteral("bare-cassette.yaml"));
        QVERIFY(run.recipePath().isEmpty());
        const auto names = [&run] {
            QStringList n;
            for (const auto &variable : run.environment())
                n.append(variable.first);
            return n;
        }();
        QVERIFY(!names.contains(QStringLiteral("TAPEDECK_RECIPE")));
        QVERIFY(!names.contains(QStringLiteral("TAPEDECK_POSTGRES_URL")));
        const Result<QStringList> line = run.commandLine({ QStringLiteral("echo"), QStringLiteral("{recipe}") });
        QVERIFY(!line.ok());
        QCOMPARE(line.error().code, ErrorCode::Usage);
        QVERIFY(line.error().message.contains(u"{recipe}"));
        const Status launched = run.startCommand({ QStringLiteral("echo"), QStringLiteral("--config={recipe}") }, {},
            QProcessEnvironment::systemEnvironment(), ReplayRun::Output::Capture);
        QVERIFY(!launched.ok());
        QCOMPARE(launched.error().code, ErrorCode::Usage);
        QVERIFY(!run.isCommandRunning());
        // Without {recipe} the command runs.
        QVERIFY(run.commandLine({ QStringLiteral("echo"), QStringLiteral("hello") }).ok());
    }

    void workingDirectoryIsHonoured_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addRow("from PATH") << QStringLiteral("sh");
        QTest::addRow("relative to the working folder") << QStringLiteral("./where.sh");
    }

    void workingDirectoryIsHonoured()
    {
        QFETCH(QString, program);
        const QString folder = m_dir.filePath(QStringLiteral("work folder"));
        QVERIFY(QDir().mkpath(folder));
        const QString script = folder + QStringLiteral("/where.sh");
        QVERIFY(test::writeFile(script, "#!/bin/sh\npwd\n"));
        QVERIFY(QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        startRun();
        startCaptured(program == u"sh" ? QStringList { program, QStringLiteral("-c"), QStringLiteral("pwd") } : QStringList { program }, folder);
        const ReplayCommandStatus status = waitForCommand();
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(QString::fromUtf8(m_captured->out.trimmed()), QFileInfo(folder).canonicalFilePath());
    }

    void startFailureIsAClearStatus_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<QString>("workingDirectory");
        QTest::addColumn<QString>("says");
        QTest::addRow("not in PATH") << QStringList { QStringLiteral("tapedeck-no-such-program") } << QString()
                                     << QStringLiteral("tapedeck-no-such-program: no such program in PATH");
        QTest::addRow("no such file") << QStringList { QStringLiteral("/nonexistent/tapedeck/program") } << QString()
                                      << QStringLiteral("/nonexistent/tapedeck/program: no such file");
        QTest::addRow("not executable") << QStringList { QStringLiteral("./plain.txt") } << QStringLiteral("{dir}")
                                        << QStringLiteral("./plain.txt: not an executable file");
        QTest::addRow("a folder") << QStringList { QStringLiteral("{dir}") } << QString() << QStringLiteral("{dir}: not an executable file");
        QTest::addRow("no working folder") << QStringList { QStringLiteral("/bin/true") } << QStringLiteral("/nonexistent/tapedeck/folder")
                                           << QStringLiteral("the working folder /nonexistent/tapedeck/folder does not exist");
    }

    void startFailureIsAClearStatus()
    {
        QFETCH(QStringList, argv);
        QFETCH(QString, workingDirectory);
        QFETCH(QString, says);
        QVERIFY(test::writeFile(m_dir.filePath(QStringLiteral("plain.txt")), "not a program\n"));
        for (QString &a : argv)
            a.replace(QStringLiteral("{dir}"), m_dir.path());
        workingDirectory.replace(QStringLiteral("{dir}"), m_dir.path());
        says.replace(QStringLiteral("{dir}"), m_dir.path());
        startRun();
        QSignalSpy finished(m_run.get(), &ReplayRun::commandFinished);
        const Status launched = m_run->startCommand(argv, workingDirectory, QProcessEnvironment::systemEnvironment(), ReplayRun::Output::Capture);
        QVERIFY(!launched.ok());
        QCOMPARE(launched.error().code, ErrorCode::Io);
        QCOMPARE(launched.error().message, QStringLiteral("the command could not be started: ") + says);
        QVERIFY(!m_run->isCommandRunning());
        QVERIFY(m_run->commandStatus());
        QCOMPARE(m_run->commandStatus()->error, says);
        QCOMPARE(finished.size(), 0);
        // The report says so, and the run is no success.
        const ReplayReport report = m_run->finish();
        QVERIFY(report.command);
        QCOMPARE(report.command->error, says);
        QVERIFY(!report.success());
    }

    void execFailureArrivesAsFinished()
    {
        // Executable, but its interpreter is missing: only exec() can tell.
        const QString script = m_dir.filePath(QStringLiteral("orphan-script"));
        QVERIFY(test::writeFile(script, "#!/nonexistent/tapedeck/interpreter\n"));
        QVERIFY(QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        startRun();
        startCaptured({ script });
        const ReplayCommandStatus status = waitForCommand();
        QVERIFY(m_captured->finished);
        QVERIFY2(!status.error.isEmpty(), "no error for a command exec() refused");
        QVERIFY(!status.crashed);
    }

    void stopEscalates_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("endedBy");
        QTest::addRow("SIGINT ends it") << QStringLiteral("echo ready; exec sleep 60") << int(SIGINT);
        QTest::addRow("ignores SIGINT") << QStringLiteral("trap '' INT; echo ready; exec sleep 60") << int(SIGTERM);
        QTest::addRow("ignores SIGINT and SIGTERM") << QStringLiteral("trap '' INT TERM; echo ready; exec sleep 60") << int(SIGKILL);
    }

    void stopEscalates()
    {
        QFETCH(QString, script);
        QFETCH(int, endedBy);
        startRun();
        startCaptured({ QStringLiteral("/bin/sh"), QStringLiteral("-c"), script });
        // The traps are set once it says so.
        QTRY_VERIFY_WITH_TIMEOUT(m_captured->out.contains("ready"), 20'000);
        m_run->stopCommand();
        m_run->stopCommand(); // a second Stop changes nothing
        const ReplayCommandStatus status = waitForCommand();
        QVERIFY(m_captured->finished);
        QVERIFY(status.crashed);
        QCOMPARE(status.exitCode, endedBy);
        QVERIFY(status.interrupted);
        QVERIFY(!status.asRecorded());
    }

    void leftoversInTheGroupAreEnded_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addRow("background job") << QStringLiteral("sleep 60 & echo $! > \"$1\"");
        QTest::addRow("background job ignoring SIGTERM") << QStringLiteral("(trap '' TERM; exec sleep 60) & echo $! > \"$1\"");
    }

    void leftoversInTheGroupAreEnded()
    {
        QFETCH(QString, script);
        const QString pidFile = m_dir.filePath(QStringLiteral("background.pid"));
        QFile::remove(pidFile);
        startRun();
        startCaptured({ QStringLiteral("/bin/sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), pidFile });
        const ReplayCommandStatus status = waitForCommand();
        QVERIFY(m_captured->finished);
        // The command itself ended well, on its own.
        QCOMPARE(status.exitCode, 0);
        QVERIFY(!status.crashed);
        QVERIFY(!status.interrupted);
        const pid_t background = pid_t(test::readFile(pidFile).trimmed().toInt());
        QVERIFY(background > 0);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(background), 10'000);
    }

    void finishComparesTheMcpsOffTheThread()
    {
        startRun();
        m_run->stopServing();
        // What the GUI does: the diff on another thread, the report back on its own.
        QFuture<Result<DiffReport>> compared = QtConcurrent::run(
            [recorded = m_run->recordedMcps(), replayed = m_run->replayedMcps()] { return ReplayRun::compareMcps(recorded, replayed); });
        Result<DiffReport> result = compared.takeResult();
        QVERIFY(result.ok());
        const ReplayReport report = m_run->finish(std::move(result));
        QVERIFY(report.mcpDiff);
        QCOMPARE(report.mcpDiff->recordedMcps, 24); // the sample's cassette carried 24
        QCOMPARE(report.mcpDiff->replayedMcps, 0); // nothing ran
        QVERIFY(!report.success());
        QCOMPARE(report.recipePath, m_run->recipePath());
        QCOMPARE(report.recipeChanges, m_run->recipeChanges());
        QVERIFY(!report.command);
        QVERIFY(m_run->diff());
        QCOMPARE(m_run->diff()->recordedMcps, 24);
    }

    void finishOnTheCallingThread()
    {
        startRun();
        startCaptured({ QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("exit 0") });
        waitForCommand();
        const ReplayReport report = m_run->finish();
        QVERIFY(report.command);
        QCOMPARE(report.command->exitCode, 0);
        QVERIFY(report.command->expectedFailure); // the sample's recorded run ended with an exception
        QVERIFY(report.mcpDiff);
        QCOMPARE(report.mcpDiff->recordedMcps, 24);
    }
};

QTEST_GUILESS_MAIN(TestReplayRun)
#include "tst_replayrun.moc"
