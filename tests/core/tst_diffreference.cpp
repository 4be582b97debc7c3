// SPDX-License-Identifier: MIT
// Tapedeck's diff against the DeepDiff-based reference (tests/tools/deepdiff_ref.py, Debian's
// python3-deepdiff, DataHub's grouping): same verdict, same URNs, same aspects with the same field paths,
// values and kinds of change, on every generated set and on a larger realistic pair.
#include "core/diff/metadatadiff.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");

QStringList toStrings(const QJsonArray &a)
{
    QStringList out;
    for (const QJsonValue &v : a)
        out.append(v.toString());
    return out;
}

QString compact(const QJsonValue &v)
{
    // Normalised JSON of a value (keys sorted by QJsonDocument), so both sides spell values alike.
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

// One line per aspect difference: urn | aspect | status | path=recorded→replayed (change); …
QStringList aspects(const QJsonObject &report)
{
    QStringList out;
    for (const QJsonValue &v : report.value(QStringLiteral("aspects")).toArray()) {
        const QJsonObject a = v.toObject();
        if (a.value(QStringLiteral("duplicate")).toBool())
            continue; // repeated emissions: counts, which DataHub does not report at all
        QStringList fields;
        for (const QJsonValue &f : a.value(QStringLiteral("fields")).toArray()) {
            const QJsonObject field = f.toObject();
            fields.append(field.value(QStringLiteral("path")).toString() + QLatin1Char('=')
                + compact(field.value(QStringLiteral("recorded"))) + QStringLiteral("->")
                + compact(field.value(QStringLiteral("replayed"))) + QLatin1String(" (")
                + field.value(QStringLiteral("change")).toString() + QLatin1Char(')'));
        }
        fields.sort();
        out.append(a.value(QStringLiteral("urn")).toString() + QLatin1String(" | ")
            + a.value(QStringLiteral("aspect")).toString() + QLatin1String(" | ")
            + a.value(QStringLiteral("status")).toString() + QLatin1String(" | ")
            + fields.join(QLatin1String("; ")));
    }
    out.sort();
    return out;
}

} // namespace

class TestDiffReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameAsDeepDiff_data();
    void sameAsDeepDiff();

private:
    QTemporaryDir m_dir;
};

void TestDiffReference::initTestCase()
{
    const test::ProcessResult check
        = test::run(Python, { QStringLiteral("-c"), QStringLiteral("import deepdiff") });
    QVERIFY2(check.exitCode == 0, "Debian's python3-deepdiff is needed (packaging/install-deps.sh)");
    QVERIFY(m_dir.isValid());
    const test::ProcessResult sets = test::run(Python,
        { QStringLiteral(TAPEDECK_TEST_TOOLS "/gen_mcps_sets.py"), m_dir.filePath(QStringLiteral("sets")) });
    QVERIFY2(sets.exitCode == 0, sets.err.constData());
    // A realistic pair: a SQL source's containers and datasets, 5 % of the MCPs changed in the replay.
    const test::ProcessResult bench = test::run(Python,
        { QStringLiteral(TAPEDECK_TEST_TOOLS "/../bench/gen_mcps.py"),
            m_dir.filePath(QStringLiteral("realistic")), QStringLiteral("--count"), QStringLiteral("4000"),
            QStringLiteral("--changed"), QStringLiteral("0.05") });
    QVERIFY2(bench.exitCode == 0, bench.err.constData());
}

void TestDiffReference::sameAsDeepDiff_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QStringList>("args"); // Tapedeck's options
    QTest::addColumn<QStringList>("referenceArgs");
    QTest::addColumn<bool>("expectMatch");
    const QString sets = m_dir.filePath(QStringLiteral("sets"));
    for (const QString &c : QDir(sets).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString folder = sets + QLatin1Char('/') + c;
        const QJsonObject expected
            = QJsonDocument::fromJson(test::readFile(folder + QStringLiteral("/expected.json"))).object();
        QTest::addRow("%s", qPrintable(c))
            << folder << QStringList() << QStringList() << expected.value(QStringLiteral("match")).toBool();
        for (const QJsonValue &v : expected.value(QStringLiteral("variants")).toArray()) {
            const QJsonObject variant = v.toObject();
            // Variants the reference cannot express (path rules, presets, systemMetadata) are checked by
            // tst_diffengine against their expected classification instead.
            if (!variant.contains(QStringLiteral("reference_args")))
                continue;
            const QStringList args = toStrings(variant.value(QStringLiteral("args")).toArray());
            QTest::addRow("%s %s", qPrintable(c), qPrintable(args.join(QLatin1Char(' '))))
                << folder << args << toStrings(variant.value(QStringLiteral("reference_args")).toArray())
                << variant.value(QStringLiteral("match")).toBool();
        }
    }
    const QString realistic = m_dir.filePath(QStringLiteral("realistic"));
    QTest::addRow("realistic") << realistic << QStringList() << QStringList() << false;
    const QStringList regex { QStringLiteral("--ignore-regex"), QStringLiteral("\\['nativeDataType'\\]"),
        QStringLiteral("--ignore-regex"),
        QStringLiteral("root\\[\\d+\\]\\['aspect'\\]\\['json'\\]\\['removed'\\]") };
    QTest::addRow("realistic with regexes") << realistic << regex << regex << false;
    QTest::addRow("realistic no defaults")
        << realistic << QStringList { QStringLiteral("--preset"), QStringLiteral("none") }
        << QStringList { QStringLiteral("--no-defaults") } << false;
}

void TestDiffReference::sameAsDeepDiff()
{
    QFETCH(QString, folder);
    QFETCH(QStringList, args);
    QFETCH(QStringList, referenceArgs);
    QFETCH(bool, expectMatch);
    const QString recorded = folder + QStringLiteral("/recorded.json");
    const QString replayed = folder + QStringLiteral("/replayed.json");

    const test::ProcessResult ref = test::run(Python,
        QStringList { QStringLiteral(TAPEDECK_TEST_TOOLS "/deepdiff_ref.py"), recorded, replayed }
            + referenceArgs);
    QVERIFY2(ref.exitCode == 0, ref.err.constData());
    const QJsonObject theirs = QJsonDocument::fromJson(ref.out).object();
    QVERIFY(!theirs.isEmpty());

    const test::ProcessResult ours = test::runCli(
        QStringList { QStringLiteral("diff"), recorded, replayed, QStringLiteral("--json") } + args);
    QCOMPARE(ours.exitCode, expectMatch ? 0 : 1);
    const QJsonObject mine = QJsonDocument::fromJson(ours.out).object();
    QVERIFY(!mine.isEmpty());

    QCOMPARE(mine.value(QStringLiteral("match")).toBool(), expectMatch);
    QCOMPARE(theirs.value(QStringLiteral("match")).toBool(), expectMatch);
    QCOMPARE(toStrings(mine.value(QStringLiteral("urns_added")).toArray()),
        toStrings(theirs.value(QStringLiteral("urns_added")).toArray()));
    QCOMPARE(toStrings(mine.value(QStringLiteral("urns_removed")).toArray()),
        toStrings(theirs.value(QStringLiteral("urns_removed")).toArray()));
    const QStringList a = aspects(mine);
    const QStringList b = aspects(theirs);
    if (a != b) {
        for (const QString &line : a) {
            if (!b.contains(line))
                qWarning("only Tapedeck: %s", qPrintable(line));
        }
        for (const QString &line : b) {
            if (!a.contains(line))
                qWarning("only the reference: %s", qPrintable(line));
        }
    }
    QCOMPARE(a.size(), b.size());
    QCOMPARE(a, b);
    if (!expectMatch)
        QVERIFY(!a.isEmpty());
}

QTEST_GUILESS_MAIN(TestDiffReference)
#include "tst_diffreference.moc"
