// SPDX-License-Identifier: MIT
// The metadata diff engine: generated MCP sets with each kind of difference and their expected
// classification, the canonical hash, inputs of every kind, bad input, cancellation and the reports.
#include "core/common/jsonvalue.h"
#include "core/diff/diffpreset.h"
#include "core/diff/ignorematcher.h"
#include "core/diff/ignoresuggestions.h"
#include "core/diff/mcpscanner.h"
#include "core/diff/metadatadiff.h"
#include "core/diff/sidebyside.h"
#include "core/diff/structuraldiff.h"
#include "core/recording/mcpextractor.h"
#include "core/recording/recording.h"
#include "core/recording/recordingsource.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

QString setsTool()
{
    return QStringLiteral(TAPEDECK_TEST_TOOLS "/gen_mcps_sets.py");
}

// "--preset replay --ignore-path P …" as the CLI reads them.
DiffOptions optionsFrom(const QStringList &args)
{
    DiffOptions o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--strict-counts"))
            o.strictCounts = true;
        else if (a == QLatin1String("--compare-system-metadata"))
            o.compareSystemMetadata = true;
        else if (a == QLatin1String("--preset"))
            o.preset = *DiffPresets::fromName(args.at(++i));
        else if (a == QLatin1String("--ignore-path"))
            o.rules.append(*IgnoreRule::parseIgnorePath(args.at(++i)));
        else if (a == QLatin1String("--ignore-regex"))
            o.rules.append(*IgnoreRule::parseRegex(args.at(++i)));
    }
    return o;
}

QStringList toStrings(const QJsonArray &a)
{
    QStringList out;
    for (const QJsonValue &v : a)
        out.append(v.toString());
    return out;
}

// urn|aspect|status|path,path… per aspect difference, sorted.
QStringList classification(const DiffReport &r)
{
    QStringList out;
    for (const AspectDifference &a : r.aspects) {
        if (a.duplicate && !r.strictCounts)
            continue;
        QStringList paths;
        for (const FieldDifference &f : a.fields)
            paths.append(DiffPaths::display(f.path));
        paths.sort();
        out.append(a.urn + QLatin1Char('|') + a.aspect + QLatin1Char('|') + DiffReport::statusName(a.status)
            + QLatin1Char('|') + paths.join(QLatin1Char(',')));
    }
    out.sort();
    return out;
}

QStringList classification(const QJsonObject &expected)
{
    QStringList out;
    for (const QJsonValue &v : expected.value(QStringLiteral("aspects")).toArray()) {
        const QJsonObject a = v.toObject();
        QStringList paths = toStrings(a.value(QStringLiteral("paths")).toArray());
        paths.sort();
        out.append(a.value(QStringLiteral("urn")).toString() + QLatin1Char('|')
            + a.value(QStringLiteral("aspect")).toString() + QLatin1Char('|')
            + a.value(QStringLiteral("status")).toString() + QLatin1Char('|') + paths.join(QLatin1Char(',')));
    }
    out.sort();
    return out;
}

class Canceller final : public ProgressReporter
{
public:
    void setProgress(qint64 done, qint64) override { m_calls += done > 0 ? 1 : 0; }
    bool isCancelled() const override { return m_calls > 0; }

private:
    int m_calls = 0;
};

const char *const OneMcp
    = "[\n{\n    \"entityType\": \"dataset\",\n    \"entityUrn\": \"urn:li:dataset:a\",\n"
      "    \"changeType\": \"UPSERT\",\n    \"aspectName\": \"status\",\n"
      "    \"aspect\": {\n        \"json\": {\n            \"removed\": false\n        }\n"
      "    }\n}\n]";

} // namespace

class TestDiffEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void generatedSets_data();
    void generatedSets();
    void canonicalHash_data();
    void canonicalHash();
    void equalValues_data();
    void equalValues();
    void malformedJson_data();
    void malformedJson();
    void missingFile();
    void notMcps();
    void legacyAspectText();
    void recordsInput();
    void recordingAgainstItsMcps();
    void duplicatesCountedOnce();
    void pairingClosestFirst();
    void cancellation();
    void jsonReport();
    void markdownReport();
    void windowsCutRecordsAnywhere_data();
    void windowsCutRecordsAnywhere();
    void sideBySide();
    void ignoreSuggestions();
    void identicalGroupsListed();

private:
    QTemporaryDir m_dir;
    QString m_sets;
};

void TestDiffEngine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sets = m_dir.filePath(QStringLiteral("sets"));
    const test::ProcessResult r = test::run(QStringLiteral("/usr/bin/python3"), { setsTool(), m_sets });
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestDiffEngine::generatedSets_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QJsonObject>("expected");
    const QStringList cases = QDir(m_sets).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 11);
    for (const QString &c : cases) {
        const QString folder = m_sets + QLatin1Char('/') + c;
        const QJsonObject expected
            = QJsonDocument::fromJson(test::readFile(folder + QStringLiteral("/expected.json"))).object();
        QTest::addRow("%s", qPrintable(c)) << folder << QStringList() << expected;
        const QJsonArray variants = expected.value(QStringLiteral("variants")).toArray();
        for (const QJsonValue &v : variants) {
            QJsonObject variant = v.toObject();
            const QStringList args = toStrings(variant.value(QStringLiteral("args")).toArray());
            for (const char *key : { "urns_added", "urns_removed", "aspects" }) {
                if (!variant.contains(QLatin1String(key)))
                    variant.insert(QLatin1String(key), QJsonArray());
            }
            QTest::addRow("%s %s", qPrintable(c), qPrintable(args.join(QLatin1Char(' '))))
                << folder << args << variant;
        }
    }
}

void TestDiffEngine::generatedSets()
{
    QFETCH(QString, folder);
    QFETCH(QStringList, args);
    QFETCH(QJsonObject, expected);
    const Result<DiffReport> report
        = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
            DiffInput::file(folder + QStringLiteral("/replayed.json")), optionsFrom(args));
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->match(), expected.value(QStringLiteral("match")).toBool());
    QCOMPARE(report->urnsAdded, toStrings(expected.value(QStringLiteral("urns_added")).toArray()));
    QCOMPARE(report->urnsRemoved, toStrings(expected.value(QStringLiteral("urns_removed")).toArray()));
    QCOMPARE(classification(*report), classification(expected));
    QVERIFY(report->warnings.isEmpty());
    QVERIFY(report->unusedRules().isEmpty());
}

void TestDiffEngine::canonicalHash_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("scalars") << QByteArray("[null, true, false, 0, -0, 12, -7, 1.5, 1e2, 2E-3, -0.0]");
    QTest::addRow("big integer") << QByteArray("123456789012345678901234567890");
    QTest::addRow("float out of range") << QByteArray("[1e400, -1e400, 1e-400]");
    QTest::addRow("python literals") << QByteArray("[NaN, Infinity, -Infinity]");
    QTest::addRow("escapes") << QByteArray(
        "\"Prim\\u00e4r \\\"q\\\" \\/ \\\\ \\n\\t \\ud83d\\ude00 \\ud800\"");
    QTest::addRow("raw utf-8") << QByteArray("{\"Ums\xc3\xa4tze\": \"\xe5\xa3\xb2\xe4\xb8\x8a\"}");
    QTest::addRow("nested") << QByteArray(
        "{\"fields\": [{\"a\": [1, [2, {\"b\": null}]], \"c\": {}}, []], \"d\": {\"e\": \"f\"}}");
    QTest::addRow("repeated items") << QByteArray("[1, 1, {\"a\": 1}, {\"a\": 1}]");
    QTest::addRow("indented") << QByteArray("{\n    \"a\": [\n        1,\n        2\n    ]\n}\n");
    // Python's dict keeps the last of a repeated key (fuzz_json finding duplicate-keys), also when the
    // object is large enough to be checked by sorting, and with the key spelt two ways.
    QTest::addRow("repeated key") << QByteArray("{\"a\": 1, \"b\": 0, \"a\": 2}");
    QTest::addRow("repeated key, escaped") << QByteArray("{\"\\u0061\": 1, \"a\": {\"a\": 3, \"a\": [4]}}");
    QByteArray many = "{";
    for (int i = 0; i < 40; ++i)
        many += "\"k" + QByteArray::number(i % 25) + "\": " + QByteArray::number(i) + ", ";
    many += "\"k3\": \"last\"}";
    QTest::addRow("many repeated keys") << many;
    // Malformed UTF-8 is U+FFFD in the tree, so the scanner hashes it as such (finding invalid-utf8-hash).
    QTest::addRow("invalid utf-8") << QByteArray("[\"\xff\", \"a\xef\xbb\", {\"\xc3\": \"\xed\xa0\x80\\n\"}]");
    QTest::addRow("leading bom") << QByteArray("{\"\xef\xbb\xbf\": \"\\n\xef\xbb\xbfx\"}");
}

void TestDiffEngine::canonicalHash()
{
    // The scanner hashes text in one pass, the field comparison hashes trees: both must agree.
    QFETCH(QByteArray, json);
    QString error;
    const std::optional<quint64> scanned = McpScanner::hashJson(json, &error);
    QVERIFY2(scanned, qPrintable(error));
    const Result<JsonValue> tree = JsonValue::parse(json);
    QVERIFY(tree.ok());
    QCOMPARE(*scanned, StructuralDiff::plainHash(*tree));
}

void TestDiffEngine::equalValues_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::addRow("key order") << QByteArray("{\"a\": 1, \"b\": 2}") << QByteArray("{\"b\": 2, \"a\": 1}")
                               << true;
    QTest::addRow("list order") << QByteArray("[1, 2, 3]") << QByteArray("[3, 1, 2]") << true;
    QTest::addRow("list repetition") << QByteArray("[\"x\", \"x\"]") << QByteArray("[\"x\"]") << true;
    QTest::addRow("escape spelling") << QByteArray("\"\\u00e9/\"") << QByteArray("\"\xc3\xa9\\/\"") << true;
    QTest::addRow("exponent spelling") << QByteArray("1e2") << QByteArray("100.0") << true;
    QTest::addRow("negative zero integer") << QByteArray("-0") << QByteArray("0") << true;
    QTest::addRow("int and float") << QByteArray("1") << QByteArray("1.0") << false;
    QTest::addRow("bool and int") << QByteArray("true") << QByteArray("1") << false;
    QTest::addRow("string and number") << QByteArray("\"1\"") << QByteArray("1") << false;
    QTest::addRow("null and missing") << QByteArray("{\"a\": null}") << QByteArray("{}") << false;
    QTest::addRow("swapped values") << QByteArray("{\"a\": 1, \"b\": 2}")
                                    << QByteArray("{\"a\": 2, \"b\": 1}") << false;
    QTest::addRow("list and object") << QByteArray("[]") << QByteArray("{}") << false;
    QTest::addRow("repeated key: last wins") << QByteArray("{\"a\": 1, \"a\": 2}") << QByteArray("{\"a\": 2}")
                                             << true;
    QTest::addRow("repeated key: not the first") << QByteArray("{\"a\": 1, \"a\": 2}")
                                                 << QByteArray("{\"a\": 1}") << false;
    QTest::addRow("bad byte and its replacement") << QByteArray("\"\xff\"") << QByteArray("\"\\ufffd\"") << true;
}

void TestDiffEngine::equalValues()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(*McpScanner::hashJson(a) == *McpScanner::hashJson(b), equal);
}

void TestDiffEngine::malformedJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    QTest::addRow("missing comma") << QByteArray("[\n{\"entityUrn\": \"u\"\n  \"aspectName\": \"status\"}\n]")
                                   << QStringLiteral("line 3, column 3");
    QTest::addRow("truncated array") << QByteArray(OneMcp).left(120) << QStringLiteral("line 6, column 19");
    QTest::addRow("bad literal") << QByteArray("[{\"entityUrn\": tru}]")
                                 << QStringLiteral("line 1, column 16");
    QTest::addRow("bad jsonl line") << QByteArray(
        "{\"entityUrn\": \"a\", \"aspectName\": \"s\", \"changeType\": "
        "\"UPSERT\"}\n{\"entityUrn\": \"b\",,}\n")
                                    << QStringLiteral("line 2, column 19");
    QTest::addRow("control character")
        << QByteArray("[{\"entityUrn\": \"a\tb\"}]") << QStringLiteral("line 1, column 18");
    QTest::addRow("not json at all") << QByteArray("hello") << QStringLiteral("line 1, column 1");
    QTest::addRow("data after the array") << QByteArray("[]\n]") << QStringLiteral("line 2, column 1");
}

void TestDiffEngine::malformedJson()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QVERIFY(test::writeFile(bad, text));
    const QString good = m_sets + QStringLiteral("/reordered/recorded.json");
    for (const bool badFirst : { true, false }) {
        const Result<DiffReport> r = badFirst
            ? MetadataDiff::run(DiffInput::file(bad), DiffInput::file(good), {})
            : MetadataDiff::run(DiffInput::file(good), DiffInput::file(bad), {});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.startsWith(bad), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(where), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QLatin1Char('\n')));
    }
}

void TestDiffEngine::missingFile()
{
    const QString missing = m_dir.filePath(QStringLiteral("nowhere.json"));
    const Result<DiffReport> r = MetadataDiff::run(
        DiffInput::file(m_sets + QStringLiteral("/reordered/recorded.json")), DiffInput::file(missing), {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Io);
    QVERIFY2(r.error().message.contains(missing), qPrintable(r.error().message));
}

void TestDiffEngine::notMcps()
{
    const QString queries = m_dir.filePath(QStringLiteral("queries.jsonl"));
    QVERIFY(test::writeFile(queries, "{\"query\": \"SELECT 1\", \"parameters\": null, \"results\": []}\n"));
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(queries), DiffInput::file(queries), {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY(r.error().message.contains(queries));
}

void TestDiffEngine::legacyAspectText()
{
    // {"value": "<JSON text>"} (the wire form, older file sinks) compares as the aspect it holds.
    const QString legacy = m_dir.filePath(QStringLiteral("legacy.json"));
    QVERIFY(test::writeFile(legacy,
        "[{\"entityType\": \"dataset\", \"entityUrn\": \"urn:li:dataset:a\", \"changeType\": \"UPSERT\", "
        "\"aspectName\": \"status\", \"aspect\": {\"value\": \"{\\\"removed\\\": false}\", \"contentType\": "
        "\"application/json\"}}]"));
    const QString plain = m_dir.filePath(QStringLiteral("plain.json"));
    QVERIFY(test::writeFile(plain, OneMcp));
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(legacy), DiffInput::file(plain), {});
    QVERIFY(r.ok());
    QVERIFY(r->match());
    QCOMPARE(r->recordedMcps, 1);
}

void TestDiffEngine::recordsInput()
{
    const QString file = m_sets + QStringLiteral("/changed-nested/recorded.json");
    QStringList warnings;
    const Result<QList<McpRecord>> records = McpExtractor::fromFile(test::readFile(file), file, &warnings);
    QVERIFY(records.ok());
    const Result<DiffReport> same = MetadataDiff::run(
        DiffInput::records(QStringLiteral("extracted"), *records), DiffInput::file(file), {});
    QVERIFY(same.ok());
    QVERIFY(same->match());
    const Result<DiffReport> other
        = MetadataDiff::run(DiffInput::records(QStringLiteral("extracted"), *records),
            DiffInput::file(m_sets + QStringLiteral("/changed-nested/replayed.json")), {});
    QVERIFY(other.ok());
    QCOMPARE(other->summary.aspectsChanged, 2);
}

void TestDiffEngine::recordingAgainstItsMcps()
{
    // The bundled sample: the MCPs its cassette carried are exactly those of its MCP file.
    Result<std::unique_ptr<RecordingSource>> source = RecordingSource::open(test::samplePath());
    QVERIFY(source.ok());
    QVERIFY((*source)->unlock(test::SamplePassword).ok());
    Result<Recording> recording = Recording::load(**source);
    QVERIFY(recording.ok());
    const DiffInput recorded
        = DiffInput::recording(std::make_shared<const Recording>(std::move(recording).value()));
    const DiffInput file = DiffInput::file(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"));
    const Result<DiffReport> r = MetadataDiff::run(recorded, file, {});
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->recordedMcps, 24);
    QCOMPARE(r->replayedMcps, 24);
    QVERIFY(r->match());
    QCOMPARE(r->summary.valuesIdentical, 24);
    // Run again on the same inputs (what the diff window does after a rule change): same answer.
    DiffOptions strict;
    strict.preset = DiffPreset::None;
    strict.compareSystemMetadata = true;
    const Result<DiffReport> again = MetadataDiff::run(recorded, file, strict);
    QVERIFY(again.ok());
    QVERIFY(again->match());
}

void TestDiffEngine::duplicatesCountedOnce()
{
    const QString folder = m_sets + QStringLiteral("/duplicates");
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
        DiffInput::file(folder + QStringLiteral("/replayed.json")), {});
    QVERIFY(r.ok());
    QVERIFY(r->match());
    QCOMPARE(r->duplicates.size(), 3);
    QCOMPARE(r->summary.duplicateEmissions, 3);
    for (const DuplicateCount &d : r->duplicates)
        QVERIFY((d.recorded == 1 && d.replayed == 2) || (d.recorded == 2 && d.replayed == 1));
}

void TestDiffEngine::pairingClosestFirst()
{
    // Two values of one URN and aspect changed: each is paired with its closest counterpart.
    const auto write = [this](const QString &name, const QStringList &descriptions) {
        QByteArray json = "[";
        for (const QString &d : descriptions) {
            if (json.size() > 1)
                json += ",";
            json += "{\"entityUrn\": \"urn:li:dataset:a\", \"changeType\": \"UPSERT\", \"aspectName\": "
                    "\"editableDatasetProperties\", \"aspect\": {\"json\": {\"description\": \""
                + d.toUtf8() + "\", \"kind\": \"" + d.left(1).toUtf8() + "\", \"a\": 1, \"b\": 2}}}";
        }
        json += "]";
        const QString path = m_dir.filePath(name);
        return test::writeFile(path, json) ? path : QString();
    };
    const QString a = write(QStringLiteral("pa.json"), { QStringLiteral("alpha"), QStringLiteral("beta") });
    const QString b = write(QStringLiteral("pb.json"), { QStringLiteral("beta2"), QStringLiteral("alpha2") });
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(a), DiffInput::file(b), {});
    QVERIFY(r.ok());
    QCOMPARE(r->summary.aspectsChanged, 2);
    for (const AspectDifference &d : r->aspects) {
        QCOMPARE(d.fields.size(), 1);
        QCOMPARE(DiffPaths::display(d.fields.first().path), QStringLiteral("root['aspect']['description']"));
        QVERIFY(d.fields.first().replayed->toString().startsWith(d.fields.first().recorded->toString()));
    }
}

void TestDiffEngine::cancellation()
{
    // Big enough for the scanner to report progress (every few megabytes).
    QByteArray big = "[";
    for (int i = 0; i < 40000; ++i) {
        if (i > 0)
            big += ",\n";
        big += "{\"entityUrn\": \"urn:li:dataset:" + QByteArray::number(i)
            + "\", \"changeType\": \"UPSERT\", \"aspectName\": \"datasetProperties\", \"aspect\": {\"json\": "
              "{\"description\": \""
            + QByteArray(150, 'x') + "\"}}}";
    }
    big += "]";
    const QString path = m_dir.filePath(QStringLiteral("big.json"));
    QVERIFY(test::writeFile(path, big));
    Canceller cancel;
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(path), DiffInput::file(path), {}, &cancel);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
}

void TestDiffEngine::jsonReport()
{
    const QString folder = m_sets + QStringLiteral("/types-and-lists");
    DiffOptions options;
    options.rules.append(*IgnoreRule::parsePath(QStringLiteral("root['aspect']['nosuchfield']")));
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
        DiffInput::file(folder + QStringLiteral("/replayed.json")), options);
    QVERIFY(r.ok());
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(r->toJson(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(o.value(QStringLiteral("match")), QJsonValue(false));
    const QJsonObject s = o.value(QStringLiteral("summary")).toObject();
    for (const char *key :
        { "urns_added", "urns_removed", "aspects_added", "aspects_removed", "aspects_changed" })
        QVERIFY2(s.value(QLatin1String(key)).isDouble(), key);
    QCOMPARE(s.value(QStringLiteral("aspects_changed")).toInt(), 4);
    QVERIFY(o.value(QStringLiteral("urns_added")).isArray());
    QVERIFY(o.value(QStringLiteral("urns_removed")).isArray());
    QCOMPARE(o.value(QStringLiteral("unused_ignore_rules")).toArray(),
        QJsonArray { QStringLiteral("root['aspect']['nosuchfield']") });
    const QJsonArray aspects = o.value(QStringLiteral("aspects")).toArray();
    QCOMPARE(aspects.size(), 4);
    bool typeChange = false;
    for (const QJsonValue &v : aspects) {
        const QJsonObject a = v.toObject();
        QVERIFY(a.value(QStringLiteral("urn")).isString());
        QVERIFY(a.value(QStringLiteral("aspect")).isString());
        QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("changed"));
        for (const QJsonValue &f : a.value(QStringLiteral("fields")).toArray()) {
            const QJsonObject field = f.toObject();
            QVERIFY(field.value(QStringLiteral("path")).toString().startsWith(QLatin1String("root[")));
            QVERIFY(field.contains(QStringLiteral("recorded")));
            QVERIFY(field.contains(QStringLiteral("replayed")));
            if (field.value(QStringLiteral("path")).toString()
                == QLatin1String("root['aspect']['version']")) {
                typeChange = true;
                QCOMPARE(field.value(QStringLiteral("recorded")), QJsonValue(0));
                QCOMPARE(field.value(QStringLiteral("replayed")), QJsonValue(QStringLiteral("0")));
                QCOMPARE(field.value(QStringLiteral("change")).toString(), QStringLiteral("type_changed"));
            }
        }
    }
    QVERIFY(typeChange);
}

void TestDiffEngine::markdownReport()
{
    const QString same = m_sets + QStringLiteral("/reordered");
    const Result<DiffReport> match
        = MetadataDiff::run(DiffInput::file(same + QStringLiteral("/recorded.json")),
            DiffInput::file(same + QStringLiteral("/replayed.json")), {});
    QVERIFY(match.ok());
    QVERIFY(match->toMarkdown().contains(QStringLiteral("**PERFECT SEMANTIC MATCH**")));
    const QString folder = m_sets + QStringLiteral("/changed-nested");
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
        DiffInput::file(folder + QStringLiteral("/replayed.json")), {});
    QVERIFY(r.ok());
    const QString md = r->toMarkdown();
    QVERIFY(md.startsWith(QLatin1String("## Metadata diff")));
    QVERIFY(!md.contains(DiffReport::PerfectMatch));
    QVERIFY(md.contains(QStringLiteral("| `root['aspect']['fields'][2]['nativeDataType']` | `\"FLOAT\"` | "
                                       "`\"NUMBER(12,2)\"` |")));
}

namespace {

// What scanning a file gives, as text: every entry and the counters; or the error.
QStringList scanned(const QString &path, qint64 window, const QList<IgnoreRule> &rules)
{
    IgnoreMatcher matcher(rules);
    McpScanner scanner(matcher, true);
    scanner.setWindowSize(window);
    DiffSide side;
    side.name = path;
    side.file = *DiffFile::open(path);
    const Status s = scanner.scanFile(side);
    if (!s)
        return { s.error().message };
    QStringList out;
    for (const DiffEntry &e : side.entries) {
        out.append(QString::fromUtf8(e.urn + ' ' + e.aspectName + ' ' + e.changeType) + QLatin1Char(' ')
            + QString::number(e.valueHash, 16) + QLatin1Char(' ') + QString::number(e.aspectBegin)
            + QLatin1Char('-') + QString::number(e.aspectEnd) + QLatin1Char(' ')
            + QString::number(e.metadataBegin) + QLatin1Char('-') + QString::number(e.metadataEnd)
            + QLatin1Char(' ') + QString::number(e.groupIndex) + QLatin1Char(' ')
            + QString::number(e.recordIndex));
    }
    out.append(QStringLiteral("records %1, warnings %2").arg(side.records).arg(side.warnings.size()));
    QStringList counts;
    for (size_t r = 0; r < matcher.hits().size(); ++r)
        counts.append(
            QString::number(matcher.hits()[r]) + QLatin1Char('/') + QString::number(matcher.shadowHits()[r]));
    out.append(counts.join(QLatin1Char(' ')));
    return out;
}

} // namespace

void TestDiffEngine::windowsCutRecordsAnywhere_data()
{
    QTest::addColumn<QString>("path");
    for (const char *c : { "changed-nested/replayed.json", "mce-vs-mcp/recorded.json", "jsonl/replayed.json",
             "types-and-lists/recorded.json" })
        QTest::addRow("%s", c) << m_sets + QLatin1Char('/') + QLatin1String(c);
    // Long strings, escapes, numbers and literals right where a window may end; a bad record at the end.
    QByteArray odd = "[";
    for (int i = 0; i < 30; ++i) {
        odd += (i ? ",\n" : "") + QByteArray("{\"entityUrn\": \"urn:li:dataset:\\u00e4")
            + QByteArray::number(i)
            + "\", \"changeType\": \"UPSERT\", \"aspectName\": \"a\", \"aspect\": {\"json\": {\"s\": \""
            + QByteArray(i * 37, 'x') + "\\\"\\ud83d\\ude00\", \"n\": " + QByteArray::number(i * 1234567)
            + ".25e-3, \"t\": true, " + "\"f\": false, \"z\": null, \"l\": [NaN, -Infinity, "
            + QByteArray::number(i)
            + "]}}, \"systemMetadata\": " + "{\"lastObserved\": " + QByteArray::number(i) + "}}";
    }
    const QString good = m_dir.filePath(QStringLiteral("odd.json"));
    test::writeFile(good, odd + "]");
    QTest::addRow("odd values") << good;
    const QString bad = m_dir.filePath(QStringLiteral("odd-bad.json"));
    test::writeFile(bad, odd + ",\n{\"entityUrn\": \"x\", \"aspect\": {\"json\": [1, 2,, 3]}}]");
    QTest::addRow("malformed at the end") << bad;
    const QString truncated = m_dir.filePath(QStringLiteral("odd-truncated.json"));
    test::writeFile(truncated, odd.left(odd.size() - 5));
    QTest::addRow("truncated") << truncated;
    // fuzz_mcpscanner finding window-errors: a byte order mark split by a window under three bytes, and a
    // number running into a window's end (it goes on after it, or the file ends inside the array).
    const QString bom = m_dir.filePath(QStringLiteral("bom.json"));
    test::writeFile(bom, "\xef\xbb\xbf" + odd + "]");
    QTest::addRow("byte order mark") << bom;
    const QString numbers = m_dir.filePath(QStringLiteral("numbers.json"));
    test::writeFile(numbers, "[" + odd.mid(1) + ", 88888, 1.5e300, -7, 12345678");
    QTest::addRow("numbers, truncated") << numbers;
    const QString numbersOnly = m_dir.filePath(QStringLiteral("numbers-only.json"));
    test::writeFile(numbersOnly, "[88, 1234567, 3.25]");
    QTest::addRow("numbers only") << numbersOnly;
}

void TestDiffEngine::windowsCutRecordsAnywhere()
{
    // A record cut by the end of the scanner's window is read again with more of the file: the result
    // must not depend on where the cuts fall. Also with rules, so that counters are put back too.
    QFETCH(QString, path);
    QList<IgnoreRule> rules = DiffPresets::rules(DiffPreset::Replay);
    rules.append(*IgnoreRule::parsePath(QStringLiteral("root[**]['s']")));
    rules.append(*IgnoreRule::parseRegex(QStringLiteral("\\['n'\\]")));
    const QStringList whole = scanned(path, qint64(1) << 30, rules);
    QVERIFY(whole.size() >= 1);
    for (const qint64 window : { 1, 2, 3, 7, 64, 333, 4096 })
        QCOMPARE(scanned(path, window, rules), whole);
}

void TestDiffEngine::sideBySide()
{
    const JsonValue left
        = *JsonValue::parse("{\"a\": 1, \"list\": [1, {\"x\": \"y\"}], \"gone\": {\"k\": true}}");
    const JsonValue right = *JsonValue::parse("{\"a\": 2, \"list\": [1, {\"x\": \"z\"}, 3], \"new\": null}");
    const QList<SideBySideLine> lines = SideBySide::layout(left, right);
    QStringList l, r;
    for (const SideBySideLine &line : lines) {
        l.append(line.leftPresent ? line.left : QStringLiteral("~"));
        r.append(line.rightPresent ? line.right : QStringLiteral("~"));
    }
    // Members of one key and items of one index share a line; gaps where a side has nothing.
    QCOMPARE(l,
        (QStringList { QStringLiteral("{"), QStringLiteral("  \"a\": 1,"), QStringLiteral("  \"list\": ["),
            QStringLiteral("    1,"), QStringLiteral("    {"), QStringLiteral("      \"x\": \"y\""),
            QStringLiteral("    }"), QStringLiteral("~"), QStringLiteral("  ],"),
            QStringLiteral("  \"gone\": {"), QStringLiteral("    \"k\": true"), QStringLiteral("  }"),
            QStringLiteral("~"), QStringLiteral("}") }));
    QCOMPARE(r,
        (QStringList { QStringLiteral("{"), QStringLiteral("  \"a\": 2,"), QStringLiteral("  \"list\": ["),
            QStringLiteral("    1,"), QStringLiteral("    {"), QStringLiteral("      \"x\": \"z\""),
            QStringLiteral("    },"), QStringLiteral("    3"), QStringLiteral("  ],"), QStringLiteral("~"),
            QStringLiteral("~"), QStringLiteral("~"), QStringLiteral("  \"new\": null"),
            QStringLiteral("}") }));
    QCOMPARE(DiffPaths::display(lines.at(5).path), QStringLiteral("root['list'][1]['x']"));
    QCOMPARE(DiffPaths::display(lines.at(7).path), QStringLiteral("root['list'][2]"));
    QVERIFY(SideBySide::isWithin(lines.at(10).path, { PathSegment::ofKey("gone") }));
    QVERIFY(!SideBySide::isWithin(lines.at(1).path, { PathSegment::ofKey("gone") }));
    // One side absent: the other printed, the absent one blank.
    const QList<SideBySideLine> added = SideBySide::layout(std::nullopt, right);
    QCOMPARE(added.size(), 11);
    for (const SideBySideLine &line : added)
        QVERIFY(!line.leftPresent && line.rightPresent);
}

void TestDiffEngine::ignoreSuggestions()
{
    const QString folder = m_sets + QStringLiteral("/types-and-lists");
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
        DiffInput::file(folder + QStringLiteral("/replayed.json")), {});
    QVERIFY(r.ok());
    // root['aspect']['tags'][0]['tag'] (customers) and root['aspect']['tags'][2] (orders) differ.
    const DiffPath tag { PathSegment::ofKey("aspect"), PathSegment::ofKey("tags"), PathSegment::ofIndex(0),
        PathSegment::ofKey("tag") };
    const QList<IgnoreSuggestion> s = IgnoreSuggestions::forPath(tag, *r);
    QCOMPARE(s.size(), 3);
    QCOMPARE(s.at(0).kind, IgnoreSuggestion::Kind::Exact);
    QCOMPARE(s.at(0).rule, QStringLiteral("root['aspect']['tags'][0]['tag']"));
    QCOMPARE(s.at(0).fields, 1);
    QCOMPARE(s.at(0).aspects, 1);
    QCOMPARE(s.at(1).rule, QStringLiteral("root['aspect']['tags'][*]['tag']"));
    QCOMPARE(s.at(2).rule, QStringLiteral("root[**]['tag']"));
    const DiffPath item { PathSegment::ofKey("aspect"), PathSegment::ofKey("tags"), PathSegment::ofIndex(2) };
    const QList<IgnoreSuggestion> items = IgnoreSuggestions::forPath(item, *r);
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(1).rule, QStringLiteral("root['aspect']['tags'][*]"));
    QCOMPARE(items.at(1).fields, 2); // both tag differences
    QCOMPARE(items.at(2).rule, QStringLiteral("root[**]['tags'][*]"));
    // Suggestions that come out the same are offered once.
    const QList<IgnoreSuggestion> changeType
        = IgnoreSuggestions::forPath({ PathSegment::ofKey("changeType") }, *r);
    QCOMPARE(changeType.size(), 1);
    QCOMPARE(changeType.first().rule, QStringLiteral("root['changeType']"));
    QCOMPARE(changeType.first().fields, 1);
    // A suggestion's count is what the comparison then finds.
    DiffOptions options;
    options.rules.append(*IgnoreRule::parsePath(items.at(1).rule));
    const Result<DiffReport> after
        = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
            DiffInput::file(folder + QStringLiteral("/replayed.json")), options);
    QVERIFY(after.ok());
    QCOMPARE(after->fieldDifferenceCount(), r->fieldDifferenceCount() - items.at(1).fields);
}

void TestDiffEngine::identicalGroupsListed()
{
    const QString folder = m_sets + QStringLiteral("/changed-nested");
    DiffOptions options;
    options.listIdentical = true;
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
        DiffInput::file(folder + QStringLiteral("/replayed.json")), options);
    QVERIFY(r.ok());
    QCOMPARE(r->identical.size(), r->summary.aspectsCompared - 2);
    for (const IdenticalGroup &g : r->identical)
        QCOMPARE(g.values, 1);
    const Result<DiffReport> without
        = MetadataDiff::run(DiffInput::file(folder + QStringLiteral("/recorded.json")),
            DiffInput::file(folder + QStringLiteral("/replayed.json")), {});
    QVERIFY(without->identical.isEmpty());
}

QTEST_GUILESS_MAIN(TestDiffEngine)
#include "tst_diffengine.moc"
