// SPDX-License-Identifier: MIT
// Ignore rules: the path syntax, DataHub's regex rewriting, what a rule hides, the presets, and the
// reporting of rules that matched nothing.
#include "core/diff/diffpreset.h"
#include "core/diff/ignorematcher.h"
#include "core/diff/ignorerule.h"
#include "core/diff/metadatadiff.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

Q_DECLARE_METATYPE(tapedeck::DiffPath)

namespace {

// "aspect/fields/3/x" → the segments below the record.
DiffPath pathOf(const QString &spec)
{
    DiffPath path;
    for (const QString &part : spec.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        bool isIndex = false;
        const qint64 index = part.toLongLong(&isIndex);
        path.append(isIndex ? PathSegment::ofIndex(index) : PathSegment::ofKey(part.toUtf8()));
    }
    return path;
}

QString patternText(const IgnoreRule &rule)
{
    QStringList out;
    for (const IgnoreRule::Pattern &p : rule.patterns()) {
        switch (p.kind) {
        case IgnoreRule::Pattern::Kind::Key:
            out.append(QString::fromUtf8(p.key));
            break;
        case IgnoreRule::Pattern::Kind::Index:
            out.append(QString::number(p.index));
            break;
        case IgnoreRule::Pattern::Kind::AnyOne:
            out.append(QStringLiteral("*"));
            break;
        case IgnoreRule::Pattern::Kind::AnyDepth:
            out.append(QStringLiteral("**"));
            break;
        }
    }
    return out.join(QLatin1Char('/'));
}

QByteArray mcp(const QByteArray &urn, const QByteArray &aspectName, const QByteArray &aspect,
    const QByteArray &lastObserved = "1")
{
    return "{\"entityType\": \"dataset\", \"entityUrn\": \"" + urn + "\", \"changeType\": \"UPSERT\", "
        + "\"aspectName\": \"" + aspectName + "\", \"aspect\": {\"json\": " + aspect
        + "}, \"systemMetadata\": {\"lastObserved\": " + lastObserved + ", \"runId\": \"run-" + lastObserved
        + "\"}}";
}

} // namespace

class TestDiffRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsePath_data();
    void parsePath();
    void badPath_data();
    void badPath();
    void dataHubRegex_data();
    void dataHubRegex();
    void ignorePathOption();
    void hides_data();
    void hides();
    void presets();
    void matcherCountsEveryRule();
    void ruleEffects_data();
    void ruleEffects();
    void unusedRules();
    void displayRoundTrip();

private:
    QString write(const QString &name, const QList<QByteArray> &records);
    QTemporaryDir m_dir;
};

QString TestDiffRules::write(const QString &name, const QList<QByteArray> &records)
{
    QByteArray json = "[\n";
    for (qsizetype i = 0; i < records.size(); ++i)
        json += (i ? ",\n" : "") + records.at(i);
    json += "\n]";
    const QString path = m_dir.filePath(name);
    return test::writeFile(path, json) ? path : QString();
}

void TestDiffRules::parsePath_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("patterns");
    QTest::addRow("docs example") << QStringLiteral("root['*']['systemMetadata']['lastObserved']")
                                  << QStringLiteral("*/systemMetadata/lastObserved");
    QTest::addRow("record position ignored")
        << QStringLiteral("root[3]['aspect']['name']") << QStringLiteral("*/aspect/name");
    QTest::addRow("position left out")
        << QStringLiteral("root['aspect']['name']") << QStringLiteral("*/aspect/name");
    QTest::addRow("json dropped") << QStringLiteral("root[*]['aspect']['json']['fields'][*]['description']")
                                  << QStringLiteral("*/aspect/fields/*/description");
    QTest::addRow("value dropped") << QStringLiteral("root[0]['aspect']['value']['x']")
                                   << QStringLiteral("*/aspect/x");
    // The record position is taken as [*]: a leading [**] never reaches it.
    QTest::addRow("any depth") << QStringLiteral("root[**]['auditStamp']['time']")
                               << QStringLiteral("*/**/auditStamp/time");
    QTest::addRow("quoted wildcards")
        << QStringLiteral("root['*']['aspect']['**']['x']") << QStringLiteral("*/aspect/**/x");
    QTest::addRow("double quotes") << QStringLiteral("root[\"aspect\"][\"it's\"]")
                                   << QStringLiteral("*/aspect/it's");
    QTest::addRow("escaped quote") << QStringLiteral("root['aspect']['it\\'s']")
                                   << QStringLiteral("*/aspect/it's");
    QTest::addRow("spaces") << QStringLiteral(" root [ * ] [ 'aspect' ] [ 12 ] ")
                            << QStringLiteral("*/aspect/12");
    QTest::addRow("deepdiff attribute")
        << QStringLiteral("root[0].aspect['fields'][1]") << QStringLiteral("*/aspect/fields/1");
    QTest::addRow("change_type attribute")
        << QStringLiteral("root[4].change_type") << QStringLiteral("*/changeType");
    QTest::addRow("as datahub prints")
        << QStringLiteral("aspect['fields'][0]['type']") << QStringLiteral("*/aspect/fields/0/type");
    QTest::addRow("whole records") << QStringLiteral("root") << QStringLiteral("*");
    QTest::addRow("non-ascii key") << QStringLiteral("root['aspect']['Umsätze']")
                                   << QStringLiteral("*/aspect/Umsätze");
}

void TestDiffRules::parsePath()
{
    QFETCH(QString, text);
    QFETCH(QString, patterns);
    const Result<IgnoreRule> rule = IgnoreRule::parsePath(text);
    QVERIFY2(rule.ok(), rule.ok() ? "" : qPrintable(rule.error().message));
    QCOMPARE(rule->kind(), IgnoreRule::Kind::Path);
    QCOMPARE(rule->text(), text);
    QCOMPARE(patternText(*rule), patterns);
}

void TestDiffRules::badPath_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    QTest::addRow("no root") << QStringLiteral("['aspect']") << QStringLiteral("starts with root");
    QTest::addRow("unclosed bracket") << QStringLiteral("root['aspect'") << QStringLiteral("expected ']'");
    QTest::addRow("unclosed quote") << QStringLiteral("root['aspect]") << QStringLiteral("not closed");
    QTest::addRow("bare word") << QStringLiteral("root[aspect]") << QStringLiteral("character 6");
    QTest::addRow("regex") << QStringLiteral("root\\[\\d+\\]") << QStringLiteral("unexpected '\\'");
    QTest::addRow("attribute deep down")
        << QStringLiteral("root['aspect'].fields") << QStringLiteral("['fields']");
    QTest::addRow("unknown attribute")
        << QStringLiteral("root[0].delta_info") << QStringLiteral(".delta_info");
}

void TestDiffRules::badPath()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    const Result<IgnoreRule> rule = IgnoreRule::parsePath(text);
    QVERIFY(!rule.ok());
    QCOMPARE(rule.error().code, ErrorCode::Usage);
    QVERIFY2(rule.error().message.contains(text), qPrintable(rule.error().message));
    QVERIFY2(rule.error().message.contains(why), qPrintable(rule.error().message));
}

void TestDiffRules::dataHubRegex_data()
{
    // What MCPDiff.convert_path makes of regexes written for the file's layout.
    QTest::addColumn<QString>("regex");
    QTest::addColumn<QString>("converted");
    QTest::addRow("default exclusion")
        << QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['json'\\]\\['created'\\]")
        << QStringLiteral("root\\[\\d+].aspect\\['created'\\]");
    QTest::addRow("a fixed position") << QStringLiteral("root\\[12\\]\\['aspect'\\]\\['value'\\]\\['x'\\]")
                                      << QStringLiteral("root\\[\\d+].aspect\\['x'\\]");
    QTest::addRow("unescaped") << QStringLiteral("root[0]['aspect']['json']['x']")
                               << QStringLiteral("root\\[\\d+].aspect['x']");
    QTest::addRow("without json") << QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['x'\\]")
                                  << QStringLiteral("root\\[\\d+].aspect\\['x'\\]");
    QTest::addRow("systemMetadata untouched") << QStringLiteral("root\\[\\d+\\]\\['systemMetadata'\\]")
                                              << QStringLiteral("root\\[\\d+\\]\\['systemMetadata'\\]");
    QTest::addRow("docs path untouched") << QStringLiteral("root['*']['systemMetadata']['lastObserved']")
                                         << QStringLiteral("root['*']['systemMetadata']['lastObserved']");
}

void TestDiffRules::dataHubRegex()
{
    QFETCH(QString, regex);
    QFETCH(QString, converted);
    QCOMPARE(IgnoreRule::convertDataHubRegex(regex), converted);
    const Result<IgnoreRule> rule = IgnoreRule::parseRegex(regex);
    QVERIFY(rule.ok());
    QCOMPARE(rule->regexPattern(), converted);
}

void TestDiffRules::ignorePathOption()
{
    const Result<IgnoreRule> path = IgnoreRule::parseIgnorePath(QStringLiteral("root['*']['aspect']['x']"));
    QVERIFY(path.ok());
    QCOMPARE(path->kind(), IgnoreRule::Kind::Path);
    QVERIFY(!path->readAsRegex());
    // What DataHub users pass to its --ignore-path keeps working.
    const Result<IgnoreRule> regex
        = IgnoreRule::parseIgnorePath(QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['json'\\]\\['x'\\]"));
    QVERIFY(regex.ok());
    QCOMPARE(regex->kind(), IgnoreRule::Kind::Regex);
    QVERIFY(regex->readAsRegex());
    const Result<IgnoreRule> neither = IgnoreRule::parseIgnorePath(QStringLiteral("root['x"));
    QVERIFY(!neither.ok());
    QCOMPARE(neither.error().code, ErrorCode::Usage);
    QVERIFY(neither.error().message.contains(QStringLiteral("not a regular expression either")));
    QVERIFY(!IgnoreRule::parseRegex(QStringLiteral("root[")).ok());
}

void TestDiffRules::hides_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("hidden");
    const QString field = QStringLiteral("aspect/fields/3/nativeDataType");
    QTest::addRow("exact") << QStringLiteral("root['aspect']['fields'][3]['nativeDataType']") << false
                           << field << true;
    QTest::addRow("other index") << QStringLiteral("root['aspect']['fields'][2]['nativeDataType']") << false
                                 << field << false;
    QTest::addRow("[*]") << QStringLiteral("root['aspect']['fields'][*]['nativeDataType']") << false << field
                         << true;
    QTest::addRow("[**]") << QStringLiteral("root[*][**]['nativeDataType']") << false << field << true;
    QTest::addRow("[**] matches none")
        << QStringLiteral("root['aspect'][**]['fields'][3]") << false << field << true;
    QTest::addRow("ancestor") << QStringLiteral("root['aspect']['fields']") << false << field << true;
    QTest::addRow("descendant") << QStringLiteral("root['aspect']['fields'][3]['nativeDataType']['x']")
                                << false << field << false;
    QTest::addRow("[*] is one level")
        << QStringLiteral("root[*][*]['nativeDataType']") << false << field << false;
    QTest::addRow("aspect level only")
        << QStringLiteral("root['aspect']['nativeDataType']") << false << field << false;
    QTest::addRow("whole record") << QStringLiteral("root") << false << field << true;
    // A leading [**] never reaches the record's position: [0] after it is a list's first item, not record 0
    // (it hid whole records that came first in their group: fuzz_ignorerule).
    QTest::addRow("leading [**] then an index")
        << QStringLiteral("root[**][3]") << false << field << true;
    QTest::addRow("leading [**] skips the record position")
        << QStringLiteral("root[**][0]") << false << QStringLiteral("aspect") << false;
    QTest::addRow("leading [**] then a key")
        << QStringLiteral("root[**]['nativeDataType']") << false << field << true;
    QTest::addRow("regex") << QStringLiteral("\\['nativeDataType'\\]") << true << field << true;
    QTest::addRow("regex datahub form")
        << QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['json'\\]\\['fields'\\]") << true << field << true;
    QTest::addRow("regex no match") << QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['fields'\\]\\[2\\]")
                                    << true << field << false;
    QTest::addRow("regex change_type")
        << QStringLiteral("\\.change_type$") << true << QStringLiteral("changeType") << true;
    QTest::addRow("regex systemMetadata")
        << QStringLiteral("root\\[\\d+\\]\\['systemMetadata'\\]\\['lastObserved'\\]") << true
        << QStringLiteral("systemMetadata/lastObserved") << true;
    QTest::addRow("docs path as regex") << QStringLiteral("root['*']['systemMetadata']['lastObserved']")
                                        << true << QStringLiteral("systemMetadata/lastObserved") << false;
}

void TestDiffRules::hides()
{
    QFETCH(QString, rule);
    QFETCH(bool, regex);
    QFETCH(QString, path);
    QFETCH(bool, hidden);
    const Result<IgnoreRule> r = regex ? IgnoreRule::parseRegex(rule) : IgnoreRule::parsePath(rule);
    QVERIFY(r.ok());
    QCOMPARE(r->hides(pathOf(path), 0), hidden);
    QCOMPARE(r->hides(pathOf(path), 7), hidden); // the record's position never matters
}

void TestDiffRules::presets()
{
    QCOMPARE(DiffPresets::names(),
        (QStringList { QStringLiteral("datahub"), QStringLiteral("replay"), QStringLiteral("none") }));
    for (const QString &name : DiffPresets::names())
        QCOMPARE(DiffPresets::name(*DiffPresets::fromName(name)), name);
    QVERIFY(!DiffPresets::fromName(QStringLiteral("datahb")));
    const QList<IgnoreRule> datahub = DiffPresets::rules(DiffPreset::DataHub);
    const QList<IgnoreRule> replay = DiffPresets::rules(DiffPreset::Replay);
    QCOMPARE(datahub.size(), 7);
    QVERIFY(DiffPresets::rules(DiffPreset::None).isEmpty());
    QCOMPARE(replay.mid(0, datahub.size()), datahub);
    QVERIFY(replay.size() > datahub.size());
    for (const IgnoreRule &r : replay)
        QCOMPARE(r.origin(), IgnoreRule::Origin::Preset);
    // DataHub's default exclusions, aspect level only.
    const auto hidden = [&datahub](const QString &path) {
        return std::any_of(
            datahub.begin(), datahub.end(), [&](const IgnoreRule &r) { return r.hides(pathOf(path)); });
    };
    for (const char *p : { "aspect/timestampMillis", "aspect/lastUpdatedTimestamp", "aspect/created/time",
             "aspect/lastModified/actor", "systemMetadata/lastObserved", "systemMetadata/runId",
             "systemMetadata/lastRunId", "aspect/x/systemMetadata/runId" })
        QVERIFY2(hidden(QLatin1String(p)), p);
    for (const char *p : { "aspect/upstreams/0/created/time", "aspect/timestampMillisX",
             "systemMetadata/pipelineName", "aspect/upstreams/0/auditStamp/time", "changeType" })
        QVERIFY2(!hidden(QLatin1String(p)), p);
    const auto replayHides = [&replay](const QString &path) {
        return std::any_of(
            replay.begin(), replay.end(), [&](const IgnoreRule &r) { return r.hides(pathOf(path)); });
    };
    QVERIFY(replayHides(QStringLiteral("aspect/upstreams/0/auditStamp/time")));
    QVERIFY(replayHides(QStringLiteral("aspect/auditStamp/time")));
    QVERIFY(replayHides(QStringLiteral("aspect/runId")));
    QVERIFY(!replayHides(QStringLiteral("aspect/upstreams/0/auditStamp/actor")));
}

void TestDiffRules::matcherCountsEveryRule()
{
    const QList<IgnoreRule> rules { *IgnoreRule::parsePath(QStringLiteral("root['aspect']['a']")),
        *IgnoreRule::parsePath(QStringLiteral("root[**]['a']")),
        *IgnoreRule::parseRegex(QStringLiteral("\\['a'\\]$")),
        *IgnoreRule::parsePath(QStringLiteral("root['aspect']['b']")) };
    IgnoreMatcher m(rules);
    QCOMPARE(m.beginRecord(0), -1);
    QCOMPARE(m.enterKey(QByteArrayLiteral("aspect")), -1);
    QVERIFY(m.alive());
    QCOMPARE(m.enterKey(QByteArrayLiteral("a")), 0);
    m.leave();
    QCOMPARE(m.enterKey(QByteArrayLiteral("c")), -1);
    QCOMPARE(m.enterKey(QByteArrayLiteral("a")), 1);
    m.leave();
    m.leave();
    m.leave();
    QCOMPARE(m.hits(), (std::vector<qint64> { 1, 2, 2, 0 }));
    QCOMPARE(m.depth(), 1);
}

void TestDiffRules::ruleEffects_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("regexes");
    QTest::addColumn<qint64>("changed");
    QTest::addRow("nothing ignored") << QStringList() << QStringList() << qint64(2);
    QTest::addRow("exact") << QStringList { QStringLiteral("root['aspect']['tags'][0]['type']") }
                           << QStringList() << qint64(1);
    QTest::addRow("[*]") << QStringList { QStringLiteral("root['aspect']['fields'][*]['type']") }
                         << QStringList() << qint64(1);
    QTest::addRow("[**]") << QStringList { QStringLiteral("root[**]['type']") } << QStringList() << qint64(0);
    QTest::addRow("regex") << QStringList() << QStringList { QStringLiteral("\\['type'\\]") } << qint64(0);
    QTest::addRow("regex for the file layout")
        << QStringList()
        << QStringList { QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['json'\\]\\['fields'\\]") }
        << qint64(1);
}

void TestDiffRules::ruleEffects()
{
    QFETCH(QStringList, paths);
    QFETCH(QStringList, regexes);
    QFETCH(qint64, changed);
    const QString a = write(QStringLiteral("effects-a.json"),
        { mcp("urn:li:dataset:x", "schemaMetadata",
              "{\"fields\": [{\"fieldPath\": \"a\", \"type\": \"int\"}, {\"fieldPath\": \"b\", \"type\": "
              "\"int\"}]}"),
            mcp("urn:li:dataset:y", "globalTags", "{\"tags\": [{\"tag\": \"t\", \"type\": \"x\"}]}") });
    const QString b = write(QStringLiteral("effects-b.json"),
        { mcp("urn:li:dataset:x", "schemaMetadata",
              "{\"fields\": [{\"fieldPath\": \"b\", \"type\": \"long\"}, {\"fieldPath\": \"a\", \"type\": "
              "\"int\"}]}",
              "2"),
            mcp("urn:li:dataset:y", "globalTags", "{\"tags\": [{\"tag\": \"t\", \"type\": \"y\"}]}", "2") });
    DiffOptions options;
    for (const QString &p : paths)
        options.rules.append(*IgnoreRule::parsePath(p));
    for (const QString &r : regexes)
        options.rules.append(*IgnoreRule::parseRegex(r));
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(a), DiffInput::file(b), options);
    QVERIFY(r.ok());
    QCOMPARE(r->summary.aspectsChanged, changed);
    QCOMPARE(r->match(), changed == 0);
    QVERIFY(r->unusedRules().isEmpty());
}

void TestDiffRules::unusedRules()
{
    const QString a = write(QStringLiteral("unused-a.json"),
        { mcp("urn:li:dataset:x", "schemaMetadata", "{\"created\": {\"time\": 5}, \"name\": \"n\"}") });
    const QString b = write(QStringLiteral("unused-b.json"),
        { mcp("urn:li:dataset:x", "schemaMetadata", "{\"created\": {\"time\": 6}, \"name\": \"n\"}", "2") });
    DiffOptions options;
    const QStringList used { QStringLiteral(
                                 "root['*']['systemMetadata']['lastObserved']"), // as the docs write it
        QStringLiteral("root['aspect']['created']['time']"), // hidden by the preset first: still a match
        QStringLiteral("root[**]['name']") };
    const QStringList unusedPaths { QStringLiteral("root['aspect']['craeted']"),
        QStringLiteral("root['aspect']['name']['first']") };
    const QString unusedRegex = QStringLiteral("root['*']['systemMetadata']['runId']");
    for (const QString &p : used + unusedPaths)
        options.rules.append(*IgnoreRule::parsePath(p));
    options.rules.append(*IgnoreRule::parseRegex(unusedRegex));
    const Result<DiffReport> r = MetadataDiff::run(DiffInput::file(a), DiffInput::file(b), options);
    QVERIFY(r.ok());
    QVERIFY(r->match());
    QCOMPARE(r->unusedRules(), unusedPaths + QStringList { unusedRegex });
    // Preset rules are never reported, used or not.
    for (const RuleUsage &u : r->rules) {
        if (u.origin == IgnoreRule::Origin::Preset)
            QVERIFY(!r->unusedRules().contains(u.rule));
        if (u.rule == used.at(1)) {
            QCOMPARE(u.hits, 0);
            QCOMPARE(u.shadowHits, 2);
        }
    }
}

void TestDiffRules::displayRoundTrip()
{
    // A reported path, pasted into --ignore-path, hides exactly that place.
    const DiffPath path { PathSegment::ofKey("aspect"), PathSegment::ofKey("it's \"odd\""),
        PathSegment::ofIndex(4), PathSegment::ofKey("Umsätze") };
    const QString text = DiffPaths::display(path);
    const Result<IgnoreRule> rule = IgnoreRule::parsePath(text);
    QVERIFY2(rule.ok(), qPrintable(text));
    QVERIFY(rule->hides(path));
    DiffPath sibling = path;
    sibling[2].index = 5;
    QVERIFY(!rule->hides(sibling));
    QCOMPARE(
        DiffPaths::deepDiffText(2, path), QByteArray("root[2].aspect['it's \"odd\"'][4]['Ums\xc3\xa4tze']"));
}

QTEST_GUILESS_MAIN(TestDiffRules)
#include "tst_diffrules.moc"
