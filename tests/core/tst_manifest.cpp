// SPDX-License-Identifier: MIT
// Tests manifest.json parsing (every field of DESIGN.md §3) and writing (byte-identical to Python's
// json.dumps).
#include "core/archive/manifest.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

// moc cannot read raw string literals that contain quotes, so fixtures are plain literals.
const QByteArray Full
    = "{\n"
      "  \"format_version\": \"1.0.0\",\n"
      "  \"run_id\": \"looker-2024-12-03-10_30_00-abc123\",\n"
      "  \"source_type\": \"looker\",\n"
      "  \"sink_type\": \"datahub-rest\",\n"
      "  \"datahub_cli_version\": \"0.14.0\",\n"
      "  \"python_version\": \"3.10.15\",\n"
      "  \"created_at\": \"2024-12-03T10:35:00Z\",\n"
      "  \"recording_start_time\": \"2024-12-03T10:30:00Z\",\n"
      "  \"files\": [\"http/cassette.yaml\", \"db/queries.jsonl\"],\n"
      "  \"checksums\": {\n"
      "    \"http/cassette.yaml\": "
      "\"sha256:B541929A8E59EB499B1962A96C633351F1F79C4A2E153DBD4501B1DE5E7B7C52\",\n"
      "    \"db/queries.jsonl\": \"2b1f99575ca508d398514cb6c4e9b4c8443f344eb41e4609cffd517045d67349\"\n"
      "  },\n"
      "  \"has_exception\": true,\n"
      "  \"exception_info\": {\"type\": \"SDKError\", \"message\": \"dashboard 3 failed\", \"traceback\": \" "
      " File \\\"x.py\\\", line 1\\n\"},\n"
      "  \"operator\": \"jane@example.com\",\n"
      "  \"retries\": 2\n"
      "}\n";

} // namespace

class TestManifest : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryField()
    {
        const Result<Manifest> m = Manifest::parse(Full, QStringLiteral("manifest.json"));
        QVERIFY(m.ok());
        QCOMPARE(m->formatVersion, QStringLiteral("1.0.0"));
        QCOMPARE(m->runId, QStringLiteral("looker-2024-12-03-10_30_00-abc123"));
        QCOMPARE(m->sourceType, QStringLiteral("looker"));
        QCOMPARE(m->sinkType, QStringLiteral("datahub-rest"));
        QCOMPARE(m->datahubCliVersion, QStringLiteral("0.14.0"));
        QCOMPARE(m->pythonVersion, QStringLiteral("3.10.15"));
        QCOMPARE(m->createdAt, QStringLiteral("2024-12-03T10:35:00Z"));
        QCOMPARE(m->recordingStartTime, QStringLiteral("2024-12-03T10:30:00Z"));
        QCOMPARE(m->files,
            (QStringList { QStringLiteral("http/cassette.yaml"), QStringLiteral("db/queries.jsonl") }));
        QVERIFY(!m->filesDerived);
        QVERIFY(m->hasException);
        QVERIFY(!m->hasExceptionDerived);
        QVERIFY(m->exception.has_value());
        QCOMPARE(m->exception->type, QStringLiteral("SDKError"));
        QCOMPARE(m->exception->message, QStringLiteral("dashboard 3 failed"));
        QCOMPARE(m->exception->traceback, QStringLiteral("  File \"x.py\", line 1\n"));
        // The "sha256:" prefix and upper case are normalised away.
        QCOMPARE(m->checksums.value(QStringLiteral("http/cassette.yaml")),
            QStringLiteral("b541929a8e59eb499b1962a96c633351f1f79c4a2e153dbd4501b1de5e7b7c52"));
        QCOMPARE(m->checksums.value(QStringLiteral("db/queries.jsonl")),
            QStringLiteral("2b1f99575ca508d398514cb6c4e9b4c8443f344eb41e4609cffd517045d67349"));
        QCOMPARE(m->unknownKeys(), (QStringList { QStringLiteral("operator"), QStringLiteral("retries") }));
        QCOMPARE(m->object.value(QStringLiteral("operator")).toString(), QStringLiteral("jane@example.com"));
        QVERIFY(m->warnings.isEmpty());
    }

    void derivesMissingFields_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("hasException");
        QTest::addColumn<QStringList>("files");
        QTest::addRow("DataHub's real writer, failed run")
            << QByteArray("{\"run_id\": \"r\", \"checksums\": {\"b\": \"sha256:" + QByteArray(64, 'a')
                   + "\", \"a\": \"" + QByteArray(64, 'b')
                   + "\"}, \"exception_info\": {\"type\": \"E\", \"message\": \"m\", \"traceback\": \"t\"}}")
            << true << QStringList { QStringLiteral("a"), QStringLiteral("b") };
        QTest::addRow("clean run") << QByteArray("{\"run_id\": \"r\", \"checksums\": {}}") << false
                                   << QStringList();
        QTest::addRow("exception_info null")
            << QByteArray("{\"run_id\": \"r\", \"exception_info\": null}") << false << QStringList();
        QTest::addRow("explicit flag wins")
            << QByteArray("{\"run_id\": \"r\", \"has_exception\": true}") << true << QStringList();
    }

    void derivesMissingFields()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, hasException);
        QFETCH(QStringList, files);
        const Result<Manifest> m = Manifest::parse(json, QStringLiteral("manifest.json"));
        QVERIFY(m.ok());
        QCOMPARE(m->hasException, hasException);
        QCOMPARE(m->files, files);
    }

    void warnsButKeepsGoing()
    {
        const Result<Manifest> m = Manifest::parse(
            "{\"format_version\": \"2.0.0\", \"checksums\": {\"a\": \"md5:abc\"}, \"source_type\": 5}",
            QStringLiteral("manifest.json"));
        QVERIFY(m.ok());
        const QString all = m->warnings.join(QLatin1Char('|'));
        QVERIFY2(all.contains(QLatin1String("run_id")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("2.0.0")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("SHA-256")), qPrintable(all));
        QCOMPARE(m->sourceType, QStringLiteral("5"));
    }

    void rejectsMalformedJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::addRow("missing comma")
            << QByteArray("{\n  \"run_id\": \"r\"\n  \"x\": 1\n}") << QStringLiteral("line 3");
        QTest::addRow("truncated") << QByteArray("{\"run_id\": \"r\", ") << QStringLiteral("line 1");
        QTest::addRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("object");
        QTest::addRow("empty") << QByteArray() << QStringLiteral("not valid JSON");
        // A U+FEFF is one character (Tapedeck hands it to Qt's reader as an escape of six).
        QTest::addRow("after U+FEFF") << QByteArray("{\"\xef\xbb\xbf\": \"\xef\xbb\xbf\" \"x\": 1}")
                                      << QStringLiteral("line 1, column 12");
        QTest::addRow("U+FEFF escaped by a backslash") << QByteArray("{\"run_id\": \"x\\\xef\xbb\xbf\"}")
                                                      << QStringLiteral("not valid JSON");
        QTest::addRow("after ASCII") << QByteArray("{\"a\": \"b\" \"x\": 1}") << QStringLiteral("line 1, column 12");
    }

    void rejectsMalformedJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const Result<Manifest> m = Manifest::parse(json, QStringLiteral("rec.zip/manifest.json"));
        QVERIFY(!m.ok());
        QCOMPARE(m.error().code, ErrorCode::InvalidInput);
        QVERIFY2(m.error().message.contains(QLatin1String("rec.zip/manifest.json")),
            qPrintable(m.error().message));
        QVERIFY2(m.error().message.contains(expected), qPrintable(m.error().message));
    }

    void writesLikePythonJsonDumps_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addRow("every kind of value")
            << QByteArray("{\"format_version\": \"1.0.0\", \"run_id\": \"Umsätze-売上-\\u00e9\\ud83d\\ude00\", "
                          "\"source_type\": null,\n"
                          "            \"sink_type\": \"file\", \"checksums\": {\"old\": \"x\"}, \"created_at\": "
                          "\"2025-01-01T00:00:00+00:00\",\n"
                          "            \"exception_info\": {\"type\": \"E\", \"message\": \"tab\\there "
                          "\\\"quoted\\\" back\\\\slash\", \"traceback\": \"a\\nb\\u0001\"},\n"
                          "            \"zeta\": [1, 2.5, true, null, {}, []], \"alpha\": {\"nested\": {\"k\": "
                          "-3}}, \"recording_start_time\": \"2025\"}");
        // fuzz_manifest: Qt's JSON reader dropped a U+FEFF starting a string, so "\ufeff" and "" became
        // one key and the rewritten manifest lost one.
        QTest::addRow("strings starting with U+FEFF")
            << QByteArray("{\"\xef\xbb\xbf\": \"a\", \"\": \"b\", \"run_id\": \"\xef\xbb\xbfr\", \"\xef\xbb\xbfrun_id\": 1, "
                          "\"x\": [\"\xef\xbb\xbf\", {\"\xef\xbb\xbfk\": \"v\xef\xbb\xbf\"}]}");
    }

    void writesLikePythonJsonDumps()
    {
        // The file DataHub writes is json.dumps(to_dict(), indent=2); ours must be byte-identical to
        // what Python prints for the same keys in the same order, non-ASCII escaping included.
        QFETCH(QByteArray, input);
        const Result<Manifest> m = Manifest::parse(input, QStringLiteral("manifest.json"));
        QVERIFY(m.ok());
        QMap<QString, QString> fresh;
        fresh.insert(QStringLiteral("http/cassette.yaml"), QString(64, QLatin1Char('c')));
        fresh.insert(QStringLiteral("db/queries.jsonl"), QString(64, QLatin1Char('d')));
        const QByteArray ours = m->toJson(fresh);

        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath(QStringLiteral("in.json")), input));
        const QString script = QStringLiteral(
            "import json, sys\n"
            "d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
            "d['checksums'] = {'db/queries.jsonl': 'd' * 64, 'http/cassette.yaml': 'c' * 64}\n"
            "known = ['format_version', 'run_id', 'source_type', 'sink_type', 'datahub_cli_version', "
            "'python_version',\n"
            "         'created_at', 'checksums', 'recording_start_time', 'exception_info', 'files', "
            "'has_exception']\n"
            "order = [k for k in known if k in d] + sorted(k for k in d if k not in known)\n"
            "sys.stdout.write(json.dumps({k: d[k] for k in order}, indent=2))\n");
        const test::ProcessResult python = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"), script, dir.filePath(QStringLiteral("in.json")) });
        QCOMPARE(python.exitCode, 0);
        // Line by line, so a failure shows the first differing line.
        QCOMPARE(ours.split('\n'), python.out.split('\n'));
    }
};

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
