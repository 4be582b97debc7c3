// SPDX-License-Identifier: MIT
// PgText against a real PostgreSQL 15 and psycopg2 2.9.5 (tests/tools/pgtext_oracle.py): for ~200 values
// of every type the endpoint renders, recorded as DataHub records them from psycopg2, Tapedeck's text is
// byte-identical to PostgreSQL's where the recording kept what decides it, and otherwise psycopg2's own
// typecaster reads a value from it equal to the one it reads from PostgreSQL's; re-recording what
// psycopg2 reads gives the same recording. The columns of real queries (names, OIDs, typlen, typmod) as
// PostgreSQL announces them. Plus descriptions of other drivers, garbage, deep nesting and huge values.
#include "core/common/jsonvalue.h"
#include "core/common/nesting.h"
#include "core/replay/pgtext.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace tapedeck;
using namespace tapedeck::replay;
using namespace tapedeck::test;

namespace {

const QString PgBin = QStringLiteral("/usr/lib/postgresql/15/bin/initdb");

JsonValue parse(const char *json)
{
    Result<JsonValue> value = JsonValue::parse(QByteArray(json));
    if (!value.ok())
        qFatal("bad test JSON: %s", json);
    return *value;
}

PgColumn typed(quint32 oid)
{
    return PgColumn { QStringLiteral("v"), oid, PgText::typeLength(oid), -1, true };
}

QByteArray textOf(const JsonValue &value, const PgColumn &column)
{
    const auto text = pgTextValue(value, column);
    return text ? *text : QByteArrayLiteral("<NULL>");
}

// What the endpoint does with one recorded query: columns, then each row's values in their text.
struct Rendered
{
    PgColumns columns;
    QList<QList<std::optional<QByteArray>>> rows;
};

Rendered renderRecord(const JsonValue &record)
{
    Rendered out;
    const JsonValue description = record.value(u"description");
    const JsonValue results = record.value(u"results");
    out.columns = PgText::columns(description, results.toArray());
    for (const JsonValue &row : results.toArray()) {
        const std::vector<const JsonValue *> values = PgText::rowValues(row, out.columns);
        QList<std::optional<QByteArray>> texts;
        for (size_t i = 0; i < values.size(); ++i)
            texts.append(
                values[i] ? pgTextValue(*values[i], out.columns.columns[qsizetype(i)]) : std::nullopt);
        out.rows.append(texts);
    }
    return out;
}

} // namespace

class TestPgText : public QObject
{
    Q_OBJECT

    QTemporaryDir m_cluster;
    bool m_started = false;

private slots:
    void cleanupTestCase()
    {
        if (m_started)
            run(QStringLiteral("/usr/bin/python3"),
                { QStringLiteral(TAPEDECK_TEST_TOOLS "/pgcluster.py"), QStringLiteral("stop"),
                    m_cluster.path() });
    }

    void floats_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("isFloat4");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("1e15") << 1e15 << false << QByteArray("1e+15");
        QTest::addRow("1e14") << 1e14 << false << QByteArray("100000000000000");
        QTest::addRow("1e-5") << 1e-5 << false << QByteArray("1e-05");
        QTest::addRow("1e-4") << 1e-4 << false << QByteArray("0.0001");
        QTest::addRow("-0") << -0.0 << false << QByteArray("-0");
        QTest::addRow("nan") << std::numeric_limits<double>::quiet_NaN() << false << QByteArray("NaN");
        QTest::addRow("-inf") << -std::numeric_limits<double>::infinity() << false << QByteArray("-Infinity");
        QTest::addRow("1.5e300") << 1.5e300 << false << QByteArray("1.5e+300");
        QTest::addRow("f4 1234567") << 1234567.0 << true << QByteArray("1.234567e+06");
        QTest::addRow("f4 123456") << 123456.0 << true << QByteArray("123456");
        QTest::addRow("f4 1.1 from a double") << 1.1 << true << QByteArray("1.1");
    }

    void floats()
    {
        QFETCH(double, value);
        QFETCH(bool, isFloat4);
        QFETCH(QByteArray, expected);
        QCOMPARE(isFloat4 ? PgText::float4Text(float(value)) : PgText::float8Text(value), expected);
        QCOMPARE(textOf(JsonValue::number(value), typed(isFloat4 ? 700 : 701)), expected);
    }

    // Unit rows for the rules the oracle cannot reach (other drivers' values, mismatched JSON types).
    void values_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<quint32>("oid");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("numeric float") << QByteArray("1e-05") << 1700u << QByteArray("0.00001");
        QTest::addRow("numeric big") << QByteArray("1.5e+20") << 1700u << QByteArray("150000000000000000000");
        QTest::addRow("numeric int") << QByteArray("123456789012345678901234567890") << 1700u
                                     << QByteArray("123456789012345678901234567890");
        QTest::addRow("bool int") << QByteArray("0") << 16u << QByteArray("f");
        QTest::addRow("int from float") << QByteArray("3.0") << 23u << QByteArray("3");
        QTest::addRow("timestamptz naive")
            << QByteArray("{\"__type__\": \"datetime\", \"__value__\": \"2024-01-02T03:04:05\"}") << 1184u
            << QByteArray("2024-01-02 03:04:05+00");
        QTest::addRow("timestamp aware")
            << QByteArray("{\"__type__\": \"datetime\", \"__value__\": \"2024-01-02T03:04:05.100000-08:00\"}")
            << 1114u << QByteArray("2024-01-02 03:04:05.1");
        QTest::addRow("timestamptz from date")
            << QByteArray("{\"__type__\": \"date\", \"__value__\": \"2024-01-02\"}") << 1184u
            << QByteArray("2024-01-02 00:00:00+00");
        QTest::addRow("bad marker passes")
            << QByteArray("{\"__type__\": \"datetime\", \"__value__\": \"yesterday\"}") << 1114u
            << QByteArray("yesterday");
        QTest::addRow("str timestamp passes")
            << QByteArray("\"2024-01-02T03:04:05\"") << 1114u << QByteArray("2024-01-02T03:04:05");
        QTest::addRow("bytea base64") << QByteArray("\"AP+A\"") << 17u << QByteArray("\\x00ff80");
        QTest::addRow("bytea memoryview")
            << QByteArray("\"<memory at 0x7f>\"") << 17u << QByteArray("\\x3c6d656d6f727920617420307837663e");
        QTest::addRow("interval days") << QByteArray("\"3 days, 0:00:00\"") << 1186u << QByteArray("3 days");
        QTest::addRow("interval negative")
            << QByteArray("\"-2 days, 23:59:59.500000\"") << 1186u << QByteArray("-1 days -00:00:00.5");
        QTest::addRow("interval garbage")
            << QByteArray("\"1 fortnight, 0:00:00\"") << 1186u << QByteArray("1 fortnight, 0:00:00");
        QTest::addRow("interval huge") << QByteArray("\"999999999 days, 23:59:59.999999\"") << 1186u
                                       << QByteArray("999999999 days 23:59:59.999999");
        QTest::addRow("interval too big") << QByteArray("\"99999999999999999999 days, 0:00:00\"") << 1186u
                                          << QByteArray("99999999999999999999 days, 0:00:00");
        QTest::addRow("range unbounded") << QByteArray("\"(None, 2024-01-02 03:04:05+05:30]\"") << 3910u
                                         << QByteArray("(,\"2024-01-02 03:04:05+05:30\"]");
        QTest::addRow("range garbage") << QByteArray("\"[1, 2, 3)\"") << 3904u << QByteArray("[1, 2, 3)");
        QTest::addRow("range repr passes") << QByteArray("\"NumericRange(1, 10, '[)')\"") << 3904u
                                           << QByteArray("NumericRange(1, 10, '[)')");
        QTest::addRow("timetz") << QByteArray("\"12:00:00.250000-03:30\"") << 1266u
                                << QByteArray("12:00:00.25-03:30");
        QTest::addRow("json string") << QByteArray("\"a\\\"b\"") << 114u << QByteArray("\"a\\\"b\"");
        QTest::addRow("jsonb marker kept")
            << QByteArray("{\"__type__\": \"date\", \"__value__\": \"2024-01-02\"}") << 3802u
            << QByteArray("{\"__type__\": \"date\", \"__value__\": \"2024-01-02\"}");
        QTest::addRow("array of strings in int[]")
            << QByteArray("[\"1\", \"x y\"]") << 1007u << QByteArray("{1,\"x y\"}");
        QTest::addRow("array text passes") << QByteArray("\"{a,b}\"") << 2951u << QByteArray("{a,b}");
        QTest::addRow("list in int column") << QByteArray("[1, 2]") << 23u << QByteArray("{1,2}");
        // Not typed by the recording: the ::text cast of the natural type.
        QTest::addRow("text bool") << QByteArray("true") << 0u << QByteArray("true");
        QTest::addRow("text float") << QByteArray("1e16") << 0u << QByteArray("1e+16");
        QTest::addRow("text int") << QByteArray("-7") << 0u << QByteArray("-7");
        QTest::addRow("text datetime")
            << QByteArray("{\"__type__\": \"datetime\", \"__value__\": \"2024-01-02T03:04:05+00:00\"}") << 0u
            << QByteArray("2024-01-02 03:04:05+00");
        QTest::addRow("text date") << QByteArray("{\"__type__\": \"date\", \"__value__\": \"2024-01-02\"}")
                                   << 0u << QByteArray("2024-01-02");
        QTest::addRow("text dict") << QByteArray("{\"a\": [1, 2.5, null, \"é\"]}") << 0u
                                   << QByteArray("{\"a\": [1, 2.5, null, \"é\"]}");
        QTest::addRow("text list") << QByteArray("[[true, null], [\"\", \"NULL\"]]") << 0u
                                   << QByteArray("{{true,NULL},{\"\",\"NULL\"}}");
        QTest::addRow("text null") << QByteArray("null") << 0u << QByteArray("<NULL>");
    }

    void values()
    {
        QFETCH(QByteArray, json);
        QFETCH(quint32, oid);
        QFETCH(QByteArray, expected);
        const PgColumn column
            = oid ? typed(oid) : PgColumn { QStringLiteral("v"), PgText::TextOid, -1, -1, false };
        QCOMPARE(textOf(parse(json.constData()), column), expected);
    }

    void descriptions_data()
    {
        QTest::addColumn<QByteArray>("description");
        QTest::addColumn<QByteArray>("rows");
        // name:oid:typlen:typmod:typed, one per column, separated by |
        QTest::addColumn<QString>("expected");
        QTest::addRow("psycopg2") << QByteArray(
            "[\"Column(name='id', type_code=23)\", \"Column(name=\\\"it's\\\", type_code=1700)\"]")
                                  << QByteArray("[]") << QStringLiteral("id:23:4:-1:1|it's:1700:-1:-1:1");
        QTest::addRow("repr escapes")
            << QByteArray("[\"Column(name='a\\\\x00\\\\u00e9\\\\U0001f600\\\\\\\\\\\\'', type_code=25)\"]")
            << QByteArray("[]") << QStringLiteral("a%1é😀\\':25:-1:-1:1").arg(QChar(0));
        QTest::addRow("psycopg 3") << QByteArray(
            "[\"<Column 'n', type: numeric(10,2) (oid: 1700)>\", \"<Column 'c', type: varchar(5) (oid: "
            "1043)>\", \"<Column 'i', type: int4[] (oid: 1007)>\"]")
                                   << QByteArray("[]")
                                   << QStringLiteral("n:1700:-1:655366:1|c:1043:-1:9:1|i:1007:-1:-1:1");
        QTest::addRow("pg8000") << QByteArray(
            "[[\"id\", 23, null, null, null, null, null], [\"u\", 16385, null, null, null, null, null]]")
                                << QByteArray("[]") << QStringLiteral("id:23:4:-1:1|u:16385:-1:-1:1");
        QTest::addRow("pymysql") << QByteArray(
            "[[\"id\", 3, null, 11, 11, 0, false], [\"name\", 253, null, 80, 80, 0, true]]")
                                 << QByteArray("[]") << QStringLiteral("id:25:-1:-1:0|name:25:-1:-1:0");
        QTest::addRow("mysql codes that are OIDs") << QByteArray("[[\"b\", 16, null, 1, 1, 0, true]]")
                                                   << QByteArray("[]") << QStringLiteral("b:25:-1:-1:0");
        QTest::addRow("snowflake") << QByteArray(
            "[[\"ID\", 0, null, null, 38, 0, false], [\"NAME\", 2, null, 16777216, null, null, true]]")
                                   << QByteArray("[]") << QStringLiteral("ID:25:-1:-1:0|NAME:25:-1:-1:0");
        QTest::addRow("bigquery") << QByteArray("[[\"id\", \"INTEGER\", null, null, null, null, true]]")
                                  << QByteArray("[]") << QStringLiteral("id:25:-1:-1:0");
        QTest::addRow("sqlite") << QByteArray("[[\"id\", null, null, null, null, null, null]]")
                                << QByteArray("[]") << QStringLiteral("id:25:-1:-1:0");
        QTest::addRow("garbage string, rows name it")
            << QByteArray("[\"Column(name='x\", \"hello\"]") << QByteArray("[{\"p\": 1, \"q\": 2}]")
            << QStringLiteral("p:25:-1:-1:0|q:25:-1:-1:0");
        QTest::addRow("garbage, no rows")
            << QByteArray("[\"Column(name='x', type_code=99999999999)\", 5, {\"name\": 7}]")
            << QByteArray("[]") << QStringLiteral("x:25:-1:-1:0|?column?:25:-1:-1:0|?column?:25:-1:-1:0");
        QTest::addRow("bad escape") << QByteArray("[\"Column(name='a\\\\q', type_code=23)\"]")
                                    << QByteArray("[]") << QStringLiteral("?column?:25:-1:-1:0");
        QTest::addRow("no description")
            << QByteArray("null") << QByteArray("[{\"a\": 1}, {\"b\": 2, \"a\": 3}]")
            << QStringLiteral("a:25:-1:-1:0|b:25:-1:-1:0");
        QTest::addRow("row wrappers")
            << QByteArray("null") << QByteArray("[{\"row\": [1, 2]}, {\"row\": [3]}]")
            << QStringLiteral("?column?:25:-1:-1:0|?column?:25:-1:-1:0");
        QTest::addRow("not a list") << QByteArray("\"Column(name='id', type_code=23)\"")
                                    << QByteArray("[{\"id\": 1}]") << QStringLiteral("id:25:-1:-1:0");
    }

    void descriptions()
    {
        QFETCH(QByteArray, description);
        QFETCH(QByteArray, rows);
        QFETCH(QString, expected);
        const JsonValue rowList = parse(rows.constData());
        const PgColumns columns = PgText::columns(parse(description.constData()), rowList.toArray());
        QStringList got;
        for (const PgColumn &c : columns.columns)
            got.append(QStringLiteral("%1:%2:%3:%4:%5")
                           .arg(c.name)
                           .arg(c.typeOid)
                           .arg(c.typeLength)
                           .arg(c.typeModifier)
                           .arg(c.typeFromRecording ? 1 : 0));
        QCOMPARE(got.join(u'|'), expected);
    }

    void rowValues()
    {
        const JsonValue rows = parse("[{\"a\": 1, \"b\": null}, {\"row\": [5, 6, 7]}, [8], 42, {\"b\": 2}]");
        const PgColumns byName = PgText::columns(parse("[[\"a\", 23], [\"b\", 23]]"), {});
        QCOMPARE(byName.columns.size(), 2);
        const JsonArray &list = rows.toArray();
        auto ints = [](const std::vector<const JsonValue *> &values) {
            QStringList out;
            for (const JsonValue *v : values)
                out.append(v ? QString::fromLatin1(v->integerText()) : QStringLiteral("NULL"));
            return out.join(u',');
        };
        QCOMPARE(ints(PgText::rowValues(list[0], byName)), QStringLiteral("1,NULL"));
        QCOMPARE(ints(PgText::rowValues(list[1], byName)), QStringLiteral("5,6"));
        QCOMPARE(ints(PgText::rowValues(list[2], byName)), QStringLiteral("8,NULL"));
        QCOMPARE(ints(PgText::rowValues(list[3], byName)), QStringLiteral("NULL,NULL"));
        QCOMPARE(ints(PgText::rowValues(list[4], byName)), QStringLiteral("NULL,2"));
        // A real column named "row" holding a list is read by name.
        const PgColumns named = PgText::columns(parse("[\"Column(name='row', type_code=1007)\"]"), {});
        const JsonValue wrapped = parse("{\"row\": [1, 2]}");
        const auto values = PgText::rowValues(wrapped, named);
        QCOMPARE(values.size(), size_t(1));
        QVERIFY(values[0] && values[0]->isArray());
        QCOMPARE(textOf(*values[0], named.columns.first()), QByteArray("{1,2}"));
    }

    void boundedOnGarbage()
    {
        // Nesting: PostgreSQL arrays stop at 6 dimensions, JSON at the parser's limit; beyond
        // Nesting::MaxDepth the value is NULL rather than a stack overflow.
        JsonValue deep = JsonValue::integer(1);
        for (int i = 0; i < Nesting::MaxDepth + 5; ++i) {
            JsonArray wrap;
            wrap.push_back(std::move(deep));
            deep = JsonValue::array(std::move(wrap));
        }
        QVERIFY(!pgTextValue(deep, typed(1007)));
        QVERIFY(!pgTextValue(deep, typed(3802)));
        QVERIFY(!pgTextValue(deep, PgColumn {}));
        // Within the limit it renders, linearly.
        JsonValue ok = JsonValue::integer(1);
        for (int i = 0; i < 900; ++i) {
            JsonArray wrap;
            wrap.push_back(std::move(ok));
            ok = JsonValue::array(std::move(wrap));
        }
        QCOMPARE(pgTextValue(ok, typed(1007))->size(), 1801);
        QCOMPARE(pgTextValue(ok, typed(3802))->size(), 1801);
        // Huge values: 8 MB of string, a base64 payload, a long description string.
        const QString big(8 << 20, u'"');
        QCOMPARE(pgTextValue(JsonValue::array({ JsonValue::string(big) }), typed(1009))->size(),
            2 * big.size() + 4);
        const QByteArray bytes = pseudoRandom(1 << 20, 7);
        QCOMPARE(*pgTextValue(JsonValue::string(QString::fromLatin1(bytes.toBase64())), typed(17)),
            "\\x" + bytes.toHex());
        const QString longName
            = QStringLiteral("Column(name='") + QString(1 << 20, u'x') + QStringLiteral("', type_code=23)");
        const PgColumns columns = PgText::columns(JsonValue::array({ JsonValue::string(longName) }), {});
        QCOMPARE(columns.columns.first().name.size(), 1 << 20);
        // Random bytes as descriptions and values: no crash, nothing unbounded.
        for (quint64 seed = 1; seed <= 300; ++seed) {
            const QByteArray noise = pseudoRandom(64, seed);
            const JsonValue s = JsonValue::string(QString::fromLatin1(noise));
            const JsonValue d = JsonValue::array(
                { JsonValue::string(QStringLiteral("Column(name='") + QString::fromLatin1(noise)), s });
            const PgColumns c = PgText::columns(d, {});
            QCOMPARE(c.columns.size(), 2);
            for (const quint32 oid :
                { 16u, 17u, 700u, 1082u, 1083u, 1114u, 1184u, 1186u, 1266u, 114u, 1007u })
                QVERIFY(pgTextValue(s, typed(oid))->size() <= 6 * noise.size() + 2); // \u00xx at most
        }
        // Too many columns: at most what RowDescription can carry.
        JsonArray many;
        for (int i = 0; i < PgText::MaxColumns + 10; ++i)
            many.push_back(
                JsonValue::array({ JsonValue::string(QString::number(i)), JsonValue::integer(23) }));
        const PgColumns capped = PgText::columns(JsonValue::array(std::move(many)), {});
        QCOMPARE(capped.columns.size(), PgText::MaxColumns);
        QVERIFY(!capped.warnings.isEmpty());
    }

    void againstPostgres()
    {
        if (!QFile::exists(PgBin))
            QSKIP("PostgreSQL 15's server binaries (postgresql-15) are not installed");
        QVERIFY(m_cluster.isValid());
        const ProcessResult started = run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/pgcluster.py"), QStringLiteral("start"),
                m_cluster.path() });
        QVERIFY2(started.exitCode == 0, started.out.constData());
        m_started = true;
        const QString port = QString::fromLatin1(started.out.trimmed());
        const QString oracle = QStringLiteral(TAPEDECK_TEST_TOOLS "/pgtext_oracle.py");
        const ProcessResult generated
            = run(QStringLiteral("/usr/bin/python3"), { oracle, QStringLiteral("generate"), port });
        QVERIFY2(generated.exitCode == 0, generated.err.constData());
        const QString casesPath = m_cluster.filePath(QStringLiteral("cases.json"));
        QVERIFY(writeFile(casesPath, generated.out));
        const Result<JsonValue> parsed = JsonValue::parse(generated.out);
        QVERIFY(parsed.ok());
        const JsonValue cases = parsed->value(u"cases");
        const JsonValue tables = parsed->value(u"tables");
        QVERIFY(cases.size() > 190);

        // Each case through the endpoint's path: columns from the record, the row's value, its text.
        JsonValue texts = JsonValue::object();
        for (const JsonValue &c : cases.toArray()) {
            const QString id = c.value(u"id").toString();
            const Rendered r = renderRecord(c.value(u"record"));
            QCOMPARE(r.columns.columns.size(), 1);
            const PgColumn &column = r.columns.columns.first();
            QCOMPARE(column.name, QStringLiteral("v"));
            QVERIFY(column.typeFromRecording);
            QCOMPARE(qint64(column.typeOid), *c.value(u"oid").toInt64());
            QCOMPARE(r.rows.size(), 1);
            const std::optional<QByteArray> text = r.rows.first().first();
            texts.insert(id, text ? JsonValue::string(QString::fromUtf8(*text)) : JsonValue());
        }
        const QString textsPath = m_cluster.filePath(QStringLiteral("texts.json"));
        QVERIFY(writeFile(textsPath, pythonDumps(texts)));
        const ProcessResult checked = run(QStringLiteral("/usr/bin/python3"),
            { oracle, QStringLiteral("check"), port, casesPath, textsPath });
        QVERIFY2(checked.exitCode == 0, checked.err.constData());
        const Result<JsonValue> verdict = JsonValue::parse(checked.out);
        QVERIFY(verdict.ok());
        const JsonValue results = verdict->value(u"results");
        QStringList failures;
        int identical = 0;
        for (const JsonValue &r : results.toArray()) {
            if (r.value(u"identical").toBool())
                ++identical;
            else
                qInfo("differs (%s): %s\n  PostgreSQL: %s\n  Tapedeck:   %s",
                    qPrintable(r.value(u"mode").toString()), qPrintable(r.value(u"sql").toString()),
                    pythonDumps(r.value(u"postgres"), false, false).left(100).constData(),
                    pythonDumps(r.value(u"tapedeck"), false, false).left(100).constData());
            const JsonValue problems = r.value(u"problems");
            if (problems.size() == 0)
                continue;
            QStringList why;
            for (const JsonValue &p : problems.toArray())
                why.append(p.toString());
            failures.append(
                QStringLiteral("%1 [%2, %3, TimeZone %4]\n  PostgreSQL: %5\n  Tapedeck:   %6\n  %7")
                    .arg(r.value(u"id").toString(), r.value(u"sql").toString(), r.value(u"mode").toString(),
                        r.value(u"zone").toString(),
                        QString::fromUtf8(pythonDumps(r.value(u"postgres"), false, false)),
                        QString::fromUtf8(pythonDumps(r.value(u"tapedeck"), false, false)),
                        why.join(QStringLiteral("; "))));
        }
        qInfo("%lld cases, %d byte-identical to PostgreSQL, counts by mode %s", qlonglong(results.size()),
            identical, pythonDumps(verdict->value(u"counts")).constData());
        QVERIFY2(failures.isEmpty(),
            qPrintable(QStringLiteral("%1 of %2 cases fail:\n").arg(failures.size()).arg(results.size())
                + failures.join(u'\n')));
        QCOMPARE(results.size(), cases.size());

        // Whole queries: the columns PostgreSQL announces, and every cell (numeric cells, whose scale the
        // recording lost, only as NULL or not).
        for (const JsonValue &table : tables.toArray()) {
            const QString id = table.value(u"id").toString();
            const Rendered r = renderRecord(table.value(u"record"));
            const JsonValue expectedColumns = table.value(u"columns");
            QCOMPARE(r.columns.columns.size(), expectedColumns.size());
            const bool typmods = table.value(u"typmods").toBool();
            for (qsizetype i = 0; i < r.columns.columns.size(); ++i) {
                const PgColumn &got = r.columns.columns[i];
                const JsonValue &want = expectedColumns.toArray()[size_t(i)];
                const quint32 oid = quint32(*want.value(u"oid").toInt64());
                QVERIFY2(got.name == want.value(u"name").toString(), qPrintable(id + u' ' + got.name));
                QCOMPARE(got.typeOid, oid);
                QVERIFY(got.typeFromRecording);
                QCOMPARE(qint64(got.typeLength), *want.value(u"typlen").toInt64());
                // PostgreSQL's typmod where the recording carries it (numeric, varchar, bpchar in tuples).
                const bool carried = typmods && (oid == 1700 || oid == 1043 || oid == 1042);
                QCOMPARE(qint64(got.typeModifier), carried ? *want.value(u"typmod").toInt64() : -1);
            }
            const JsonValue rowTexts = table.value(u"texts");
            QCOMPARE(r.rows.size(), rowTexts.size());
            for (qsizetype row = 0; row < r.rows.size(); ++row) {
                const JsonArray &want = rowTexts.toArray()[size_t(row)].toArray();
                QCOMPARE(r.rows[row].size(), qsizetype(want.size()));
                for (qsizetype col = 0; col < r.rows[row].size(); ++col) {
                    const std::optional<QByteArray> &got = r.rows[row][col];
                    const JsonValue &pg = want[size_t(col)];
                    QVERIFY2(got.has_value() == !pg.isNull(),
                        qPrintable(QStringLiteral("%1 row %2 column %3").arg(id).arg(row).arg(col)));
                    if (got && r.columns.columns[col].typeOid != 1700)
                        QCOMPARE(QString::fromUtf8(*got), pg.toString());
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPgText)
#include "tst_pgtext.moc"
