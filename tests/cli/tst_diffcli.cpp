// SPDX-License-Identifier: MIT
// tapedeck-cli diff end to end: exit codes, the JSON schema of DESIGN.md §4, Markdown, the PERFECT
// SEMANTIC MATCH line, the bundled sample recording against its own MCP file, bad input, hostile ignore
// rules (nested too deep, a regex that gives up) and control characters in the data.
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

QString sampleMcps()
{
    return QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json");
}

QStringList lines(const QByteArray &text)
{
    return QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// A recorded/replayed pair of file-sink MCP files (json.dumps(indent=4), as DataHub's file sink writes):
// the replayed side has an aspect key of 40 a's (DeepDiff path root[0].aspect['aaa…']), a URN with terminal
// escape sequences only it has, and a changed value under a key with control characters.
const QByteArray PairScript = R"PY(
import json, sys
folder = sys.argv[1]
def mcp(urn, aspect):
    return {"entityType": "dataset", "entityUrn": urn, "changeType": "UPSERT", "aspectName": "datasetProperties",
            "aspect": {"json": aspect}}
urn = "urn:li:dataset:(urn:li:dataPlatform:hive,db.t,PROD)"
recorded = [mcp(urn, {"name": "t", "k\x1b[2J\r": 1, "a" * 40: 1})]
replayed = [mcp(urn, {"name": "t", "k\x1b[2J\r": 2, "a" * 40: 1}),
            mcp("urn:li:dataset:\x1b]0;pwned\x07\u202e", {"name": "x"})]
for name, records in (("recorded", recorded), ("replayed", replayed)):
    with open(folder + "/" + name + ".json", "w") as f:
        f.write(json.dumps(records, indent=4))
)PY";

} // namespace

class TestDiffCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sampleRecordingMatchesItsMcps();
    void sampleWithPasswordFromEnvironment();
    void perfectMatchLine();
    void differencesText();
    void jsonSchema();
    void markdown();
    void replayPreset();
    void strictCounts();
    void ignoreRules();
    void exitCodes_data();
    void exitCodes();
    void malformedNamesLineAndColumn();
    void ignorePathTooDeep();
    void ignoreRegexGivesUp();
    void controlCharactersEscaped();

private:
    QString set(const QString &name, const char *file) const
    {
        return m_dir.filePath(QStringLiteral("sets/") + name + QLatin1Char('/') + QLatin1String(file));
    }
    QTemporaryDir m_dir;
};

void TestDiffCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"),
        { QStringLiteral(TAPEDECK_TEST_TOOLS "/gen_mcps_sets.py"), m_dir.filePath(QStringLiteral("sets")) });
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestDiffCli::sampleRecordingMatchesItsMcps()
{
    // The recording (its cassette's GMS requests) against the file sink's output of the same run.
    const test::ProcessResult r = test::runCli({ QStringLiteral("diff"), test::samplePath(), sampleMcps(),
        QStringLiteral("--password"), test::SamplePassword, QStringLiteral("--json") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("match")), QJsonValue(true));
    QCOMPARE(o.value(QStringLiteral("recorded")).toObject().value(QStringLiteral("mcps")).toInt(), 24);
    QCOMPARE(o.value(QStringLiteral("replayed")).toObject().value(QStringLiteral("mcps")).toInt(), 24);
    QCOMPARE(
        o.value(QStringLiteral("summary")).toObject().value(QStringLiteral("values_identical")).toInt(), 24);
    // And the other way round, without --json.
    const test::ProcessResult text = test::runCli({ QStringLiteral("diff"), sampleMcps(), test::samplePath(),
        QStringLiteral("--password"), test::SamplePassword });
    QCOMPARE(text.exitCode, 0);
    QCOMPARE(lines(text.out).constLast(), QStringLiteral("PERFECT SEMANTIC MATCH"));
}

void TestDiffCli::sampleWithPasswordFromEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATAHUB_RECORDING_PASSWORD"), test::SamplePassword);
    const test::ProcessResult r
        = test::runCli({ QStringLiteral("diff"), test::samplePath(), test::samplePath() }, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(lines(r.out).contains(QStringLiteral("PERFECT SEMANTIC MATCH")));
}

void TestDiffCli::perfectMatchLine()
{
    for (const char *c : { "timestamps-only", "reordered", "duplicates", "mce-vs-mcp", "jsonl" }) {
        const test::ProcessResult r = test::runCli({ QStringLiteral("diff"),
            set(QLatin1String(c), "recorded.json"), set(QLatin1String(c), "replayed.json") });
        QVERIFY2(r.exitCode == 0, c);
        // A literal line of its own, uncoloured (stdout is no terminal here).
        QVERIFY2(lines(r.out).contains(QStringLiteral("PERFECT SEMANTIC MATCH")), r.out.constData());
        QVERIFY(!r.out.contains('\x1b'));
    }
}

void TestDiffCli::differencesText()
{
    const test::ProcessResult r
        = test::runCli({ QStringLiteral("diff"), set(QStringLiteral("changed-nested"), "recorded.json"),
            set(QStringLiteral("changed-nested"), "replayed.json") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!r.out.contains("PERFECT SEMANTIC MATCH"));
    QCOMPARE(lines(r.out).constLast(), QStringLiteral("DIFFERENCES FOUND"));
    QVERIFY(r.out.contains("~ schemaMetadata changed"));
    QVERIFY(r.out.contains(
        "root['aspect']['fields'][2]['nativeDataType']: \"FLOAT\" \xe2\x86\x92 \"NUMBER(12,2)\""));
    QVERIFY(!r.out.contains('\x1b'));

    const test::ProcessResult urns
        = test::runCli({ QStringLiteral("diff"), set(QStringLiteral("urn-added-removed"), "recorded.json"),
            set(QStringLiteral("urn-added-removed"), "replayed.json") });
    QCOMPARE(urns.exitCode, 1);
    QVERIFY(urns.out.contains("URNs only in the replay:\n  + "
                              "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.sales.refunds,PROD)"));
    QVERIFY(urns.out.contains("URNs only in the recording:\n  - "
                              "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.sales.revenue,PROD)"));
}

void TestDiffCli::jsonSchema()
{
    const test::ProcessResult r
        = test::runCli({ QStringLiteral("diff"), set(QStringLiteral("urn-added-removed"), "recorded.json"),
            set(QStringLiteral("urn-added-removed"), "replayed.json"), QStringLiteral("--json") });
    QCOMPARE(r.exitCode, 1);
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    // DESIGN.md §4: {match, summary: {…}, urns_added, urns_removed, aspects: [{urn, aspect, status,
    // fields: [{path, recorded, replayed}]}], unused_ignore_rules}
    QCOMPARE(o.value(QStringLiteral("match")), QJsonValue(false));
    const QJsonObject s = o.value(QStringLiteral("summary")).toObject();
    QCOMPARE(s.value(QStringLiteral("urns_added")).toInt(), 1);
    QCOMPARE(s.value(QStringLiteral("urns_removed")).toInt(), 1);
    QCOMPARE(s.value(QStringLiteral("aspects_added")).toInt(), 2);
    QCOMPARE(s.value(QStringLiteral("aspects_removed")).toInt(), 8);
    QCOMPARE(s.value(QStringLiteral("aspects_changed")).toInt(), 0);
    QCOMPARE(o.value(QStringLiteral("urns_added")).toArray(),
        QJsonArray {
            QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.sales.refunds,PROD)") });
    QCOMPARE(o.value(QStringLiteral("urns_removed")).toArray().size(), 1);
    const QJsonArray aspects = o.value(QStringLiteral("aspects")).toArray();
    QCOMPARE(aspects.size(), 10);
    for (const QJsonValue &v : aspects) {
        const QJsonObject a = v.toObject();
        QVERIFY(a.value(QStringLiteral("urn")).isString());
        QVERIFY(a.value(QStringLiteral("aspect")).isString());
        const QString status = a.value(QStringLiteral("status")).toString();
        QVERIFY(status == QLatin1String("added") || status == QLatin1String("removed"));
        QVERIFY(a.value(QStringLiteral("fields")).isArray());
    }
    QCOMPARE(o.value(QStringLiteral("unused_ignore_rules")).toArray(), QJsonArray());

    const test::ProcessResult changed
        = test::runCli({ QStringLiteral("diff"), set(QStringLiteral("types-and-lists"), "recorded.json"),
            set(QStringLiteral("types-and-lists"), "replayed.json"), QStringLiteral("--json"),
            QStringLiteral("--ignore-path"), QStringLiteral("root['aspect']['nope']") });
    QCOMPARE(changed.exitCode, 1);
    const QJsonObject c = QJsonDocument::fromJson(changed.out).object();
    QCOMPARE(c.value(QStringLiteral("unused_ignore_rules")).toArray(),
        QJsonArray { QStringLiteral("root['aspect']['nope']") });
    QVERIFY(changed.err.contains("the ignore rule \"root['aspect']['nope']\" matched nothing"));
    int fields = 0;
    for (const QJsonValue &v : c.value(QStringLiteral("aspects")).toArray()) {
        QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("changed"));
        for (const QJsonValue &f : v.toObject().value(QStringLiteral("fields")).toArray()) {
            const QJsonObject field = f.toObject();
            QVERIFY(field.value(QStringLiteral("path")).isString());
            QVERIFY(field.contains(QStringLiteral("recorded")));
            QVERIFY(field.contains(QStringLiteral("replayed")));
            ++fields;
        }
    }
    QCOMPARE(fields, 4);
}

void TestDiffCli::markdown()
{
    const test::ProcessResult r
        = test::runCli({ QStringLiteral("diff"), set(QStringLiteral("changed-nested"), "recorded.json"),
            set(QStringLiteral("changed-nested"), "replayed.json"), QStringLiteral("--markdown") });
    QCOMPARE(r.exitCode, 1);
    const QString md = QString::fromUtf8(r.out);
    QVERIFY(md.startsWith(QLatin1String("## Metadata diff: ")));
    QVERIFY(md.contains(QLatin1String("**Differences found**")));
    QVERIFY(md.contains(QLatin1String("| Aspects | 0 | 0 | 2 |")));
    QVERIFY(md.contains(QLatin1String(
        "| `root['aspect']['customProperties']['TABLE_TYPE']` | `\"BASE TABLE\"` | `\"VIEW\"` |")));
    const test::ProcessResult same
        = test::runCli({ QStringLiteral("diff"), set(QStringLiteral("reordered"), "recorded.json"),
            set(QStringLiteral("reordered"), "replayed.json"), QStringLiteral("--markdown") });
    QCOMPARE(same.exitCode, 0);
    QVERIFY(same.out.contains("**PERFECT SEMANTIC MATCH**"));
}

void TestDiffCli::replayPreset()
{
    const QStringList files { set(QStringLiteral("auditstamp"), "recorded.json"),
        set(QStringLiteral("auditstamp"), "replayed.json") };
    QCOMPARE(test::runCli(QStringList { QStringLiteral("diff") } + files).exitCode, 1);
    QCOMPARE(test::runCli(QStringList { QStringLiteral("diff") } + files
                 + QStringList { QStringLiteral("--preset"), QStringLiteral("replay") })
                 .exitCode,
        0);
    // With no preset even the aspect-level timestampMillis DataHub ignores is a difference.
    const QStringList profile { set(QStringLiteral("timestamps-only"), "recorded.json"),
        set(QStringLiteral("timestamps-only"), "replayed.json") };
    QCOMPARE(test::runCli(QStringList { QStringLiteral("diff") } + profile).exitCode, 0);
    const test::ProcessResult none = test::runCli(QStringList { QStringLiteral("diff") } + profile
        + QStringList { QStringLiteral("--preset"), QStringLiteral("none") });
    QCOMPARE(none.exitCode, 1);
    QVERIFY(none.out.contains("root['aspect']['timestampMillis']: 1763458868000 \xe2\x86\x92 1763999999000"));
}

void TestDiffCli::strictCounts()
{
    const QStringList files { set(QStringLiteral("duplicates"), "recorded.json"),
        set(QStringLiteral("duplicates"), "replayed.json") };
    const test::ProcessResult counts = test::runCli(QStringList { QStringLiteral("diff") } + files);
    QCOMPARE(counts.exitCode, 0);
    QVERIFY(counts.out.contains("Repeated emissions"));
    const test::ProcessResult strict = test::runCli(QStringList { QStringLiteral("diff") } + files
        + QStringList { QStringLiteral("--strict-counts"), QStringLiteral("--json") });
    QCOMPARE(strict.exitCode, 1);
    const QJsonObject o = QJsonDocument::fromJson(strict.out).object();
    QCOMPARE(o.value(QStringLiteral("aspects")).toArray().size(), 3);
    for (const QJsonValue &v : o.value(QStringLiteral("aspects")).toArray())
        QCOMPARE(v.toObject().value(QStringLiteral("duplicate")), QJsonValue(true));
}

void TestDiffCli::ignoreRules()
{
    const QStringList files { set(QStringLiteral("changed-nested"), "recorded.json"),
        set(QStringLiteral("changed-nested"), "replayed.json") };
    // The path syntax of DataHub's docs, [*] and [**].
    QCOMPARE(test::runCli(QStringList { QStringLiteral("diff") } + files
                 + QStringList { QStringLiteral("--ignore-path"),
                     QStringLiteral("root[*][**]['nativeDataType']"), QStringLiteral("--ignore-path"),
                     QStringLiteral("root['*']['aspect']['customProperties']['TABLE_TYPE']") })
                 .exitCode,
        0);
    // A DataHub regex given to --ignore-path (as scripts for `datahub check metadata-diff` do) still works.
    const test::ProcessResult regex = test::runCli(QStringList { QStringLiteral("diff") } + files
        + QStringList { QStringLiteral("--ignore-path"),
            QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['json'\\]\\['fields'\\]"),
            QStringLiteral("--ignore-regex"), QStringLiteral("TABLE_TYPE") });
    QCOMPARE(regex.exitCode, 0);
    QVERIFY(regex.err.contains("was read as a DeepDiff regex"));
    // The documented path given as a regex matches nothing, and is reported.
    const test::ProcessResult typo = test::runCli(QStringList { QStringLiteral("diff") } + files
        + QStringList { QStringLiteral("--ignore-regex"),
            QStringLiteral("root['*']['systemMetadata']['lastObserved']") });
    QCOMPARE(typo.exitCode, 1);
    QVERIFY(typo.err.contains("matched nothing (in a regex, [ ] is a character class"));
}

void TestDiffCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString a = QStringLiteral("sets/reordered/recorded.json");
    QTest::addRow("one source") << QStringList { a } << 2 << QStringLiteral("two sources");
    QTest::addRow("json and markdown")
        << QStringList { a, a, QStringLiteral("--json"), QStringLiteral("--markdown") } << 2
        << QStringLiteral("exclude each other");
    QTest::addRow("unknown preset") << QStringList { a, a, QStringLiteral("--preset"), QStringLiteral("dh") }
                                    << 2 << QStringLiteral("unknown preset \"dh\"");
    QTest::addRow("bad path") << QStringList { a, a, QStringLiteral("--ignore-path"),
        QStringLiteral("root['x") }
                              << 2 << QStringLiteral("is not a path");
    QTest::addRow("bad regex") << QStringList { a, a, QStringLiteral("--ignore-regex"), QStringLiteral("(") }
                               << 2 << QStringLiteral("not a valid regular expression");
    QTest::addRow("unknown option") << QStringList { a, a, QStringLiteral("--colour") } << 2
                                    << QStringLiteral("colour");
    QTest::addRow("missing recorded") << QStringList { QStringLiteral("missing.json"), a } << 5
                                      << QStringLiteral("missing.json does not exist");
    QTest::addRow("missing replayed") << QStringList { a, QStringLiteral("gone/replayed.json") } << 5
                                      << QStringLiteral("gone/replayed.json does not exist");
    QTest::addRow("wrong password") << QStringList { test::samplePath(), a, QStringLiteral("--password"),
        QStringLiteral("nope") } << 3
                                    << QStringLiteral("wrong password");
    QTest::addRow("no password") << QStringList { test::samplePath(), a } << 3 << QStringLiteral("password");
}

void TestDiffCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const test::ProcessResult r = test::run(QStringLiteral(TAPEDECK_CLI),
        QStringList { QStringLiteral("diff") } + args, m_dir.path(), test::cliEnvironment());
    QCOMPARE(r.exitCode, code);
    QVERIFY(r.out.isEmpty());
    const QStringList err = lines(r.err);
    QCOMPARE(err.size(), 1); // one clear sentence
    QVERIFY2(err.first().startsWith(QLatin1String("tapedeck-cli: ")), r.err.constData());
    QVERIFY2(err.first().contains(message), r.err.constData());
}

void TestDiffCli::malformedNamesLineAndColumn()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QVERIFY(test::writeFile(
        bad, "[\n  {\"entityUrn\": \"urn:li:dataset:a\",\n   \"aspectName\" \"status\"}\n]\n"));
    const test::ProcessResult r
        = test::runCli({ QStringLiteral("diff"), set(QStringLiteral("reordered"), "recorded.json"), bad });
    QCOMPARE(r.exitCode, 4);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(QString::fromUtf8(r.err).trimmed(),
        QStringLiteral("tapedeck-cli: %1 is not valid JSON (line 3, column 17: expected ':' but found '\"')")
            .arg(bad));
}

// A path rule is as deep as the JSON it can match (1000 levels): deeper is an error, not read as a regex.
void TestDiffCli::ignorePathTooDeep()
{
    const QString a = set(QStringLiteral("reordered"), "recorded.json");
    const QString deep = QStringLiteral("root[*]") + QStringLiteral("['a']").repeated(1200);
    const test::ProcessResult r
        = test::runCli({ QStringLiteral("diff"), a, a, QStringLiteral("--ignore-path"), deep });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("is not a path: nesting deeper than 1000 levels"), r.err.left(300).constData());
    QVERIFY(!r.err.contains("regular expression"));
    // 1000 levels are fine.
    const QString deepest = QStringLiteral("root[*]['aspect']") + QStringLiteral("['a']").repeated(1000);
    QCOMPARE(
        test::runCli({ QStringLiteral("diff"), a, a, QStringLiteral("--ignore-path"), deepest }).exitCode, 0);
}

// A DeepDiff regex that reaches its match limit on a path fails the diff with a message naming the rule
// and the path, instead of silently not ignoring the place.
void TestDiffCli::ignoreRegexGivesUp()
{
    const QString folder = m_dir.filePath(QStringLiteral("hostile"));
    QVERIFY(QDir().mkpath(folder));
    const test::ProcessResult made = test::run(
        QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), QString::fromUtf8(PairScript), folder });
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const QStringList files { folder + QStringLiteral("/recorded.json"),
        folder + QStringLiteral("/replayed.json") };
    const test::ProcessResult r = test::runCli(QStringList { QStringLiteral("diff") } + files
        + QStringList { QStringLiteral("--ignore-regex"), QStringLiteral("(a+)+c|x") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.startsWith("tapedeck-cli: the ignore rule \"(a+)+c|x\" gave up on root[0].aspect['aaaa"),
        r.err.constData());
    QVERIFY(r.err.contains("more than 1000000 steps"));
    // An ordinary regex on the same data works.
    QCOMPARE(test::runCli(QStringList { QStringLiteral("diff") } + files
                 + QStringList { QStringLiteral("--ignore-regex"), QStringLiteral("a{40}") })
                 .exitCode,
        1);
}

// URNs and keys from the data reach the terminal escaped in the text report; --json keeps JSON's escapes.
void TestDiffCli::controlCharactersEscaped()
{
    const QString folder = m_dir.filePath(QStringLiteral("escapes"));
    QVERIFY(QDir().mkpath(folder));
    const test::ProcessResult made = test::run(
        QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), QString::fromUtf8(PairScript), folder });
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const QStringList files { folder + QStringLiteral("/recorded.json"),
        folder + QStringLiteral("/replayed.json") };
    const test::ProcessResult r = test::runCli(QStringList { QStringLiteral("diff") } + files);
    QCOMPARE(r.exitCode, 1);
    for (const char c : r.out)
        QVERIFY2(uchar(c) >= 0x20 || c == '\n', r.out.constData());
    QVERIFY(!r.out.contains("\u202e"));
    const QByteArray urn = R"(+ urn:li:dataset:\x1b]0;pwned\x07\u202e)";
    const QByteArray key = R"(k\x1b[2J\r)";
    QVERIFY2(r.out.contains(urn), r.out.constData());
    QVERIFY2(r.out.contains(key), r.out.constData());
    const test::ProcessResult markdown = test::runCli(
        QStringList { QStringLiteral("diff") } + files + QStringList { QStringLiteral("--markdown") });
    QCOMPARE(markdown.exitCode, 1);
    for (const char c : markdown.out)
        QVERIFY2(uchar(c) >= 0x20 || c == '\n', markdown.out.constData());
    const QByteArray markdownUrn = R"(- `urn:li:dataset:\x1b]0;pwned\x07\u202e`)";
    QVERIFY2(markdown.out.contains(markdownUrn), markdown.out.constData());
    const test::ProcessResult json = test::runCli(
        QStringList { QStringLiteral("diff") } + files + QStringList { QStringLiteral("--json") });
    QCOMPARE(json.exitCode, 1);
    const QJsonArray added
        = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("urns_added")).toArray();
    QCOMPARE(added.first().toString(), QStringLiteral("urn:li:dataset:\x1b]0;pwned\x07\u202e"));
}

QTEST_GUILESS_MAIN(TestDiffCli)
#include "tst_diffcli.moc"
