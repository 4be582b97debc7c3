// SPDX-License-Identifier: MIT
// Tests the db/queries.jsonl reader: DataHub's replay key against CPython running DataHub's serialisation
// and key rules on tricky parameters, the bundled sample recording, and bad input (truncated and garbage
// lines, invalid UTF-8, missing fields, a 10 MB line).
#include "core/common/progress.h"
#include "core/recording/bodycontent.h"
#include "core/recording/sqlquery.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");

// DataHub's rules, restated from db_proxy.py (QueryRecording.to_dict / _serialize_value /
// _serialize_params / get_key, QueryRecorder.record / load_recordings): argv[1] is the query as UTF-16LE
// hex, argv[2] a Python expression for the parameters the connector received. Prints the line DataHub
// writes, the key it computes when recording (from the Python objects) and when replaying (from the line
// read back), and json.dumps of the parameters read back.
const char KeyScript[]
    = "import sys, json, hashlib, base64, datetime, decimal, uuid\n"
      "query = bytes.fromhex(sys.argv[1]).decode('utf-16-le', 'surrogatepass')\n"
      "params = eval(sys.argv[2], {'datetime': datetime, 'decimal': decimal, 'uuid': uuid})\n"
      "def ser(v):\n"
      "    if v is None or isinstance(v, (str, int, float, bool)):\n"
      "        return v\n"
      "    if isinstance(v, datetime.datetime):\n"
      "        return {'__type__': 'datetime', '__value__': v.isoformat()}\n"
      "    if isinstance(v, datetime.date):\n"
      "        return {'__type__': 'date', '__value__': v.isoformat()}\n"
      "    if isinstance(v, decimal.Decimal):\n"
      "        return float(v)\n"
      "    if isinstance(v, bytes):\n"
      "        return base64.b64encode(v).decode('utf-8')\n"
      "    if isinstance(v, (list, tuple)):\n"
      "        return [ser(x) for x in v]\n"
      "    if isinstance(v, dict):\n"
      "        return {k: ser(x) for k, x in v.items()}\n"
      "    return str(v)\n"
      "def ser_params(p):\n"
      "    if p is None:\n"
      "        return None\n"
      "    if isinstance(p, dict):\n"
      "        return {k: ser(x) for k, x in p.items()}\n"
      "    return ser(p)\n"
      "def key(q, p):\n"
      "    parts = [q]\n"
      "    if p:\n"
      "        parts.append(json.dumps(ser_params(p), sort_keys=True))\n"
      "    try:\n"
      "        return hashlib.sha256('|'.join(parts).encode()).hexdigest()[:16]\n"
      "    except UnicodeEncodeError:\n"
      "        return None\n"
      "record = {'query': query, 'parameters': ser_params(params), 'results': [], 'row_count': None,\n"
      "          'description': None, 'error': None}\n"
      "line = json.dumps(record)\n"
      "loaded = json.loads(line)\n"
      "try:\n"
      "    record_key = key(query, params)\n"
      "except TypeError:\n"
      "    record_key = 'TypeError'\n"
      "print(json.dumps({'line': line, 'record_key': record_key,\n"
      "                  'load_key': key(loaded['query'], loaded.get('parameters')),\n"
      "                  'dumps': json.dumps(loaded.get('parameters'), sort_keys=True)}))\n";

// QueryRecorder.load_recordings over a file: the key of every non-blank line, in order.
const char FileKeysScript[]
    = "import sys, json, hashlib\n"
      "with open(sys.argv[1], encoding='utf-8') as f:\n"
      "    for line in f:\n"
      "        if line.strip():\n"
      "            d = json.loads(line)\n"
      "            p = d.get('parameters')\n"
      "            parts = [d['query']] + ([json.dumps(p, sort_keys=True)] if p else [])\n"
      "            print(hashlib.sha256('|'.join(parts).encode()).hexdigest()[:16])\n";

QString utf16Hex(const QString &text)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2).toHex());
}

QList<QByteArray> pythonFileKeys(const QString &path)
{
    const test::ProcessResult r
        = test::run(Python, { QStringLiteral("-c"), QString::fromLatin1(FileKeysScript), path });
    if (r.exitCode != 0)
        qWarning().noquote() << "python3 failed:" << QString::fromUtf8(r.err);
    return r.out.trimmed().split('\n');
}

const QByteArray GoodLine = "{\"query\": \"SELECT 1\", \"parameters\": null, \"results\": [{\"1\": 1}], "
                            "\"row_count\": 1, \"description\": [[\"1\", 0, null, null, 38, 0, true]], "
                            "\"error\": null}";

// A record of just over 10 MB on one line: many rows with markers, unicode and floats.
QByteArray tenMegabyteLine()
{
    QByteArray line = "{\"query\": \"SELECT ID, NAME, TS, V FROM BIG WHERE K IN (%s)\", \"parameters\": [";
    for (int i = 0; i < 1000; ++i)
        line += (i ? ", " : "") + QByteArray::number(i * 7919);
    line += "], \"results\": [";
    int rows = 0;
    while (line.size() < 10 * 1024 * 1024 + 1000) {
        if (rows)
            line += ", ";
        line += "{\"ID\": " + QByteArray::number(rows) + ", \"NAME\": \"row \\u00e9\\u58f2 "
            + QByteArray::number(rows)
            + "\", \"TS\": {\"__type__\": \"datetime\", \"__value__\": "
              "\"2025-11-18T01:30:17.250000-08:00\"}, "
              "\"V\": "
            + QByteArray::number(rows) + ".25}";
        ++rows;
    }
    line += "], \"row_count\": " + QByteArray::number(rows)
        + ", \"description\": [[\"ID\", 0, null, null, 38, 0, false], [\"NAME\", 2, null, 16777216, null, "
          "null, true], [\"TS\", 6, null, null, 0, 9, true], [\"V\", 1, null, null, null, null, true]], "
          "\"error\": null}";
    return line;
}

class CancelAfterFirstReport : public ProgressReporter
{
public:
    void setProgress(qint64 done, qint64 total) override
    {
        Q_UNUSED(total)
        m_last = done;
        ++m_reports;
    }
    bool isCancelled() const override { return m_reports > 0; }
    qint64 m_last = 0;
    int m_reports = 0;
};

} // namespace

class TestSqlQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(Python), "Debian's /usr/bin/python3 is required"); }

    void replayKeyLikeDataHub_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("parameters"); // a Python expression: what the connector received
        QTest::addColumn<bool>("recordKeyAgrees"); // DataHub's record-time key equals its replay-time key

        const QString select = QStringLiteral("SELECT * FROM T WHERE A = %s");
        // Truthiness decides whether "|" + json.dumps(...) is appended at all.
        QTest::addRow("None") << select << QStringLiteral("None") << true;
        QTest::addRow("empty tuple") << select << QStringLiteral("()") << true;
        QTest::addRow("empty list") << select << QStringLiteral("[]") << true;
        QTest::addRow("empty dict") << select << QStringLiteral("{}") << true;
        QTest::addRow("zero") << select << QStringLiteral("0") << true;
        QTest::addRow("zero float") << select << QStringLiteral("-0.0") << true;
        QTest::addRow("False") << select << QStringLiteral("False") << true;
        QTest::addRow("empty string") << select << QStringLiteral("''") << true;
        QTest::addRow("Decimal zero") << select << QStringLiteral("decimal.Decimal('0.00')") << true;
        QTest::addRow("list of None") << select << QStringLiteral("[None]") << true;
        QTest::addRow("list of zero") << select << QStringLiteral("(0,)") << true;
        QTest::addRow("dict with empty key") << select << QStringLiteral("{'': None}") << true;
        QTest::addRow("NaN is truthy") << select << QStringLiteral("float('nan')") << true;
        QTest::addRow("single string") << select << QStringLiteral("'single'") << true;
        QTest::addRow("True") << select << QStringLiteral("True") << true;
        // Shapes.
        QTest::addRow("named") << QStringLiteral("SELECT * FROM C WHERE S = %(schema)s AND T = %(table)s")
                               << QStringLiteral("{'schema': 'SALES', 'table': 'ORDERS'}") << true;
        QTest::addRow("tuple") << select << QStringLiteral("('2025-11-17', 'C0FFEE00BADA55', '2025-11-17')")
                               << true;
        QTest::addRow("nested unsorted")
            << select << QStringLiteral("{'b': {'z': 1, 'a': [3, {'y': 2, 'x': (1, 2)}]}, 'a': 0, 'B': None}")
            << true;
        QTest::addRow("nested tuples") << select << QStringLiteral("[(1, 2), [3, (4,)], ()]") << true;
        QTest::addRow("mixed scalars")
            << select << QStringLiteral("[True, False, None, '', 0, 0.0, [], {}]") << true;
        // Unicode.
        QTest::addRow("BMP") << select << QStringLiteral("{'table': '\\u58f2\\u4e0a', 'de': 'Ums\\xe4tze'}")
                             << true;
        QTest::addRow("astral") << select << QStringLiteral("['\\U0001F600', '\\U00010000', '\\U0010FFFF']")
                                << true;
        QTest::addRow("control chars, quotes, backslashes")
            << select
            << QStringLiteral("['\\x00\\x01\\x1f\\x7f', '\\n\\r\\t\\b\\f', '\"quoted\"', 'back\\\\slash /']")
            << true;
        QTest::addRow("lone surrogate parameter")
            << select << QStringLiteral("['\\ud800', '\\udfff x']") << true;
        QTest::addRow("keys in code point order")
            << select
            << QStringLiteral(
                   "{'\\uffff': 1, '\\U0001F600': 2, 'a': 3, 'A': 4, '\\xe9': 5, '': 6, '\\ue000': 7, "
                   "'ab': 8, 'a\\x00': 9}")
            << true;
        // Floats and integers.
        QTest::addRow("floats")
            << select
            << QStringLiteral("[0.1, 1e-05, 1e16, 1.5e300, -0.0, 123456789.123456789, 5e-324, 1e15, 0.0001, "
                              "2.5e-7, 1/3, 1e22, 100.0, float('inf'), float('-inf'), float('nan')]")
            << true;
        QTest::addRow("ints") << select
                              << QStringLiteral("[2**53 + 1, 10**40, -10**30, 0, -1, 2**63, -2**63 - 1]")
                              << true;
        QTest::addRow("2**53+1 as float") << select << QStringLiteral("[float(2**53 + 1)]") << true;
        // What DataHub's serialisation turns into JSON first.
        QTest::addRow("datetime and date")
            << select
            << QStringLiteral(
                   "(datetime.datetime(2025, 11, 17, 22, 5, 41, 902000, "
                   "tzinfo=datetime.timezone(datetime.timedelta(hours=-8))), datetime.date(2025, 11, "
                   "17), datetime.datetime(2024, 1, 2))")
            << true;
        QTest::addRow("datetime in dict")
            << select << QStringLiteral("{'since': datetime.datetime(2025, 1, 1, 0, 0, 0, 1), 'n': 3}")
            << true;
        QTest::addRow("bytes and Decimal")
            << select
            << QStringLiteral("(b'\\xc0\\xff\\xee\\x00\\xba\\xda\\x55', b'', decimal.Decimal('12.50'), "
                              "decimal.Decimal('1E-7'), decimal.Decimal('123456789012345678901234567890'))")
            << true;
        QTest::addRow("str() of other types")
            << select
            << QStringLiteral("(uuid.UUID(int=1), datetime.time(10, 30), datetime.timedelta(days=1))")
            << true;
        QTest::addRow("long list") << select << QStringLiteral("list(range(1000))") << true;
        // Queries.
        QTest::addRow("unicode query")
            << QStringLiteral("SELECT '\u58f2\u4e0a', '\U0001F600' -- Ums\u00e4tze") << QStringLiteral("None")
            << true;
        QTest::addRow("unicode query with params")
            << QStringLiteral("SELECT \"A\"\nFROM T\tWHERE B = '\\\\' AND C = %s")
            << QStringLiteral("('\\u58f2',)") << true;
        QTest::addRow("NUL in query")
            << QStringLiteral("SELECT 'a") + QChar(0) + QStringLiteral("b'") << QStringLiteral("[1]") << true;
        QTest::addRow("empty query") << QString() << QStringLiteral("{'a': 1}") << true;
        QTest::addRow("pipe in query")
            << QStringLiteral("SELECT 'a|b' || %s") << QStringLiteral("['|']") << true;
        // Where the recording-time key (from Python objects) differs from what the file can give back:
        // non-string dict keys are sorted as ints, then written as strings ("9" < "10" vs "10" < "9").
        QTest::addRow("int keys") << select << QStringLiteral("{10: 'a', 9: 'b'}") << false;
        QTest::addRow("one int key") << select << QStringLiteral("{1: 'a'}") << true;
        // A lone surrogate in the query: Python's str.encode() raises, so there is no key.
        QTest::addRow("lone surrogate query")
            << QStringLiteral("SELECT '") + QChar(0xd800) + QStringLiteral("'") << QStringLiteral("None")
            << true;
    }

    void replayKeyLikeDataHub()
    {
        QFETCH(QString, query);
        QFETCH(QString, parameters);
        QFETCH(bool, recordKeyAgrees);

        const test::ProcessResult r = test::run(
            Python, { QStringLiteral("-c"), QString::fromLatin1(KeyScript), utf16Hex(query), parameters });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject expected = QJsonDocument::fromJson(r.out).object();
        const QByteArray line = expected.value(QStringLiteral("line")).toString().toUtf8();
        const QJsonValue loadKey = expected.value(QStringLiteral("load_key"));

        // Tapedeck reads the line DataHub wrote and computes the key DataHub's replay computes.
        const Result<SqlQuery> q = QueryLog::parseLine(line, QStringLiteral("queries.jsonl"), 1);
        QVERIFY(q.ok());
        QVERIFY2(q->warnings.isEmpty(), qPrintable(q->warnings.join(u'\n')));
        QCOMPARE(q->query, query);
        QCOMPARE(
            pythonDumps(q->parameters, true), expected.value(QStringLiteral("dumps")).toString().toUtf8());
        QCOMPARE(q->replayKey(), loadKey.isNull() ? QString() : loadKey.toString());
        QCOMPARE(QueryLog::replayKey(q->query, q->parameters), q->replayKey());
        if (!loadKey.isNull())
            QCOMPARE(q->replayKey().size(), 16);
        // Read as the index reads it (the query hashed as UTF-8 straight from the line), and for display.
        for (const QueryLog::Detail detail : { QueryLog::Detail::Summary, QueryLog::Detail::Display }) {
            const Result<SqlQuery> other = QueryLog::parseLine(line, QStringLiteral("queries.jsonl"), 1, detail);
            QVERIFY(other.ok());
            QCOMPARE(other->replayKey(), q->replayKey());
            QCOMPARE(other->query, q->query);
            QVERIFY(!other->textCut);
        }

        // And documents when DataHub's own recording-time key cannot be reproduced from the file.
        QCOMPARE(expected.value(QStringLiteral("record_key")) == loadKey, recordKeyAgrees);
    }

    void sampleRecording()
    {
        QVERIFY2(!test::sevenZip().isEmpty(), "7z is missing: run packaging/install-deps.sh");
        QTemporaryDir dir;
        const test::ProcessResult extracted = test::run(test::sevenZip(),
            { QStringLiteral("x"), QStringLiteral("-p") + test::SamplePassword,
                QStringLiteral("-o") + dir.path(), test::samplePath() });
        QCOMPARE(extracted.exitCode, 0);
        const QString path = dir.filePath(QueryLog::FileName);
        const QByteArray data = test::readFile(path);
        QVERIFY(!data.isEmpty());

        const Result<QueryLog> log = QueryLog::parse(data, QueryLog::FileName);
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 5);
        QCOMPARE(log->lineCount(), 5);
        QCOMPARE(log->skippedLines(), 0);
        QVERIFY(log->warnings().isEmpty());

        // Keys as DataHub's load_recordings computes them from this very file.
        const QList<QByteArray> keys = pythonFileKeys(path);
        QCOMPARE(keys.size(), 5);
        for (qsizetype i = 0; i < 5; ++i) {
            QCOMPARE(log->replayKeyAt(i), QString::fromLatin1(keys[i]));
            QCOMPARE(log->query(i)->replayKey(), QString::fromLatin1(keys[i]));
            QCOMPARE(log->indexOfReplayKey(QString::fromLatin1(keys[i])), i);
        }

        // 1: no parameters.
        const Result<SqlQuery> tables = log->query(0);
        QVERIFY(tables.ok());
        QVERIFY(tables->warnings.isEmpty());
        QVERIFY(tables->query.startsWith(QStringLiteral("SELECT TABLE_CATALOG, TABLE_SCHEMA")));
        QVERIFY(tables->parameters.isNull());
        QCOMPARE(tables->rows.size(), size_t(3));
        QVERIFY(tables->rowCount == std::optional<qint64>(3));
        QVERIFY(tables->columnsFromDescription);
        QCOMPARE(tables->columns,
            (QStringList { QStringLiteral("TABLE_CATALOG"), QStringLiteral("TABLE_SCHEMA"),
                QStringLiteral("TABLE_NAME"), QStringLiteral("TABLE_TYPE") }));
        QCOMPARE(QueryLog::displayValue(tables->rows[2].value(u"TABLE_NAME")),
            QStringLiteral("REVENUE_BY_REGION"));
        QVERIFY(!tables->error.has_value());
        QVERIFY(!(log->entry(0).flags & QueryLog::HasParameters));

        // 2: named parameters.
        const Result<SqlQuery> columns = log->query(1);
        QCOMPARE(
            pythonDumps(columns->parameters), QByteArray("{\"schema\": \"SALES\", \"table\": \"ORDERS\"}"));
        QCOMPARE(columns->rows.size(), size_t(5));
        QCOMPARE(QueryLog::displayValue(columns->rows[4].value(u"ORDINAL_POSITION")), QStringLiteral("5"));

        // 3: datetime markers decoded for display.
        const Result<SqlQuery> freshness = log->query(2);
        QVERIFY(QueryLog::isDateTimeMarker(freshness->rows[0].value(u"CREATED")));
        QCOMPARE(QueryLog::displayValue(freshness->rows[0].value(u"CREATED")),
            QStringLiteral("2023-02-06 10:12:03.114000-08:00"));
        QCOMPARE(QueryLog::displayValue(freshness->rows[1].value(u"LAST_ALTERED")),
            QStringLiteral("2025-11-18 01:30:17.250000-08:00"));
        QCOMPARE(QueryLog::displayValue(freshness->rows[1].value(u"ROW_COUNT")), QStringLiteral("1873344"));

        // 4: the failed query.
        const Result<SqlQuery> failed = log->query(3);
        QVERIFY(failed->error.has_value());
        QVERIFY(failed->error->contains(QStringLiteral("Schema 'ANALYTICS.FINANCE_JP' does not exist")));
        QVERIFY(failed->replayRaises());
        QVERIFY(failed->rows.empty());
        QVERIFY(!failed->rowCount.has_value());
        QVERIFY(failed->description.isNull());
        QVERIFY(failed->columns.isEmpty());
        QCOMPARE(failed->parameters.value(u"table").toString(), QStringLiteral("\u58f2\u4e0a"));
        QVERIFY(log->entry(3).flags & QueryLog::HasError);
        QVERIFY(!(log->entry(2).flags & QueryLog::HasError));

        // 5: positional parameters, a date marker, bytes as base64, a Decimal as a float.
        const Result<SqlQuery> snapshot = log->query(4);
        QVERIFY(snapshot->parameters.isArray());
        QCOMPARE(snapshot->parameters.size(), 3);
        const JsonValue &row = snapshot->rows[0];
        QCOMPARE(QueryLog::displayValue(row.value(u"SNAPSHOT_DAY")), QStringLiteral("2025-11-17"));
        QCOMPARE(QueryLog::displayValue(row.value(u"ETAG")), QStringLiteral("wP/uALraVQ=="));
        QCOMPARE(QueryLog::displayValue(row.value(u"ETAG"), QueryLog::ValueHint::Bytes),
            QStringLiteral("0xC0FFEE00BADA55"));
        QVERIFY(QueryLog::decodeBytes(row.value(u"ETAG"))
            == std::optional<QByteArray>(QByteArray::fromHex("C0FFEE00BADA55")));
        QCOMPARE(QueryLog::displayValue(row.value(u"MIN_AMOUNT_EUR")), QStringLiteral("12.5"));

        // The index points at the exact lines.
        const QList<QByteArray> lines = data.split('\n');
        for (qsizetype i = 0; i < 5; ++i) {
            QCOMPARE(log->lineData(i).toByteArray(), lines[i]);
            QCOMPARE(log->entry(i).line, int(i + 1));
        }
    }

    void displayValues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("hint");
        QTest::addColumn<QString>("expected");
        const int automatic = int(QueryLog::ValueHint::Auto);
        const int bytes = int(QueryLog::ValueHint::Bytes);
        QTest::addRow("null") << QByteArray("null") << automatic << QStringLiteral("NULL");
        QTest::addRow("bools") << QByteArray("[true, false]") << automatic << QStringLiteral("[true, false]");
        QTest::addRow("big int") << QByteArray("123456789012345678901234567890") << automatic
                                 << QStringLiteral("123456789012345678901234567890");
        QTest::addRow("float repr") << QByteArray("1E-5") << automatic << QStringLiteral("1e-05");
        QTest::addRow("NaN") << QByteArray("NaN") << automatic << QStringLiteral("NaN");
        QTest::addRow("string verbatim")
            << QByteArray("\"a\\nb \\u00e9\"") << automatic << QStringLiteral("a\nb \u00e9");
        QTest::addRow("datetime") << QByteArray(
            "{\"__type__\": \"datetime\", \"__value__\": \"2024-01-02T03:04:05\"}")
                                  << automatic << QStringLiteral("2024-01-02 03:04:05");
        QTest::addRow("date") << QByteArray("{\"__value__\": \"2024-01-02\", \"__type__\": \"date\"}")
                              << automatic << QStringLiteral("2024-01-02");
        QTest::addRow("unknown marker")
            << QByteArray("{\"__type__\": \"time\", \"__value__\": \"10:30\"}") << automatic
            << QStringLiteral("{\"__type__\": \"time\", \"__value__\": \"10:30\"}");
        QTest::addRow("marker with a third key")
            << QByteArray("{\"__type__\": \"date\", \"__value__\": \"2024-01-02\", \"x\": 1}") << automatic
            << QStringLiteral("{\"__type__\": \"date\", \"__value__\": \"2024-01-02\", \"x\": 1}");
        QTest::addRow("object as JSON") << QByteArray("{\"b\": [1, 2.50], \"a\": \"\\u58f2\"}") << automatic
                                        << QStringLiteral("{\"b\": [1, 2.5], \"a\": \"\u58f2\"}");
        QTest::addRow("bytes") << QByteArray("\"wP/uALraVQ==\"") << bytes
                               << QStringLiteral("0xC0FFEE00BADA55");
        QTest::addRow("empty bytes") << QByteArray("\"\"") << bytes << QStringLiteral("0x");
        QTest::addRow("not base64") << QByteArray("\"not base64!\"") << bytes
                                    << QStringLiteral("not base64!");
        QTest::addRow("long bytes") << QByteArray("\"") + QByteArray(300, 'A').toBase64() + "\"" << bytes
                                    << QStringLiteral("0x")
                + QString(512, QLatin1Char('4')).replace(QStringLiteral("44"), QStringLiteral("41"))
                + QStringLiteral("\u2026 (300 bytes)");
    }

    void displayValues()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, hint);
        QFETCH(QString, expected);
        const Result<JsonValue> v = JsonValue::parse(json);
        QVERIFY(v.ok());
        QCOMPARE(QueryLog::displayValue(*v, QueryLog::ValueHint(hint)), expected);
    }

    void truncatedLastLine()
    {
        const QByteArray data = GoodLine + "\n" + GoodLine.left(70);
        const Result<QueryLog> log = QueryLog::parse(data, QStringLiteral("db/queries.jsonl"));
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->skippedLines(), 1);
        QCOMPARE(log->lineCount(), 2);
        QCOMPARE(log->warnings().size(), 1);
        const QString warning = log->warnings().constFirst();
        QVERIFY2(warning.startsWith(QStringLiteral(
                     "db/queries.jsonl:2:66: the last line is truncated (unterminated string")),
            qPrintable(warning));
    }

    void garbageLineInTheMiddle()
    {
        const QByteArray data = GoodLine + "\n" + "this is not json\n"
            + "{\"query\": \"SELECT 2\", \"parameters\": [1, 2,]}\n" + "[1, 2]\n" + GoodLine + "\r\n"
            + "   \n" + GoodLine + "\n";
        const Result<QueryLog> log = QueryLog::parse(data, QStringLiteral("q.jsonl"));
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 3);
        QCOMPARE(log->skippedLines(), 3);
        QCOMPARE(log->lineCount(), 7);
        QCOMPARE(log->warnings(),
            (QStringList { QStringLiteral("q.jsonl:2:1: expected a value, found 't'; line skipped"),
                QStringLiteral("q.jsonl:3:43: expected a value, found ']'; line skipped"),
                QStringLiteral("q.jsonl:4:1: not a JSON object; line skipped") }));
        QCOMPARE(log->entry(0).line, 1);
        QCOMPARE(log->entry(1).line, 5);
        QCOMPARE(log->entry(2).line, 7);
        QCOMPARE(log->lineData(1).toByteArray(), GoodLine); // "\r\n" is a line end
        // Same key three times: DataHub's dict keeps the last record.
        QCOMPARE(log->indexOfReplayKey(log->replayKeyAt(0)), 2);
        QCOMPARE(log->indexOfReplayKey(QStringLiteral("0123456789abcdef")), -1);
        QCOMPARE(log->indexOfReplayKey(QStringLiteral("nonsense")), -1);
    }

    void invalidUtf8()
    {
        // Inside a string: the record is kept, with U+FFFD and a warning naming the column.
        const QByteArray inString
            = "{\"query\": \"SELECT 'Ums\xe4tze'\", \"parameters\": null, \"results\": [], "
              "\"row_count\": 0, \"description\": null, \"error\": null}";
        // Outside a string: not JSON, skipped.
        const QByteArray outside = "{\"query\": \"SELECT 1\"\xff}";
        const Result<QueryLog> log
            = QueryLog::parse(inString + "\n" + outside + "\n", QStringLiteral("q.jsonl"));
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->skippedLines(), 1);
        QCOMPARE(log->warnings(),
            QStringList {
                QStringLiteral("q.jsonl:2:21: expected ',' or '}', found byte 0xFF; line skipped") });
        QVERIFY(log->entry(0).flags & QueryLog::HasWarnings);
        const Result<SqlQuery> q = log->query(0);
        QVERIFY(q.ok());
        QCOMPARE(q->query, QStringLiteral("SELECT 'Ums\ufffdtze'"));
        QCOMPARE(q->warnings,
            QStringList { QStringLiteral(
                "q.jsonl:1: invalid UTF-8 at column 23 (1 malformed sequence(s) shown as U+FFFD)") });
    }

    void missingAndMistypedFields_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("warnings");
        QTest::addColumn<bool>("hasKey");
        QTest::addRow("only query") << QByteArray("{\"query\": \"SELECT 1\"}")
                                    << QStringList { QStringLiteral("x:1: \"parameters\" is missing"),
                                           QStringLiteral("x:1: \"results\" is missing"),
                                           QStringLiteral("x:1: \"row_count\" is missing"),
                                           QStringLiteral("x:1: \"description\" is missing"),
                                           QStringLiteral("x:1: \"error\" is missing") }
                                    << true;
        QTest::addRow("no query") << QByteArray(
            "{\"parameters\": null, \"results\": [], \"row_count\": null, \"description\": null, "
            "\"error\": null}") << QStringList { QStringLiteral("x:1: \"query\" is missing") }
                                  << false;
        QTest::addRow("mistyped") << QByteArray(
            "{\"query\": 42, \"parameters\": null, \"results\": {\"a\": 1}, \"row_count\": \"3\", "
            "\"description\": \"ID\", \"error\": 7}")
                                  << QStringList { QStringLiteral("x:1: \"query\" is not a string"),
                                         QStringLiteral("x:1: \"results\" is not a list"),
                                         QStringLiteral("x:1: \"row_count\" is not an integer"),
                                         QStringLiteral("x:1: \"description\" is not a list"),
                                         QStringLiteral("x:1: \"error\" is not a string") }
                                  << false;
        QTest::addRow("odd rows and columns")
            << QByteArray(
                   "{\"query\": \"q\", \"parameters\": null, \"results\": [[1], {\"a\": 1}, 2], "
                   "\"row_count\": 3, \"description\": [[\"a\"], \"b\"], \"error\": null, \"extra\": true}")
            << QStringList { QStringLiteral("x:1: 2 row(s) of \"results\" are not objects"),
                   QStringLiteral("x:1: 1 column(s) of \"description\" are neither lists nor column texts") }
            << true;
    }

    void missingAndMistypedFields()
    {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, warnings);
        QFETCH(bool, hasKey);
        const Result<SqlQuery> q = QueryLog::parseLine(line, QStringLiteral("x"), 1);
        QVERIFY(q.ok());
        QCOMPARE(q->warnings, warnings);
        QCOMPARE(!q->replayKey().isEmpty(), hasKey);

        const Result<QueryLog> log = QueryLog::parse(line, QStringLiteral("x"));
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 1);
        QVERIFY(log->entry(0).flags & QueryLog::HasWarnings);
        QCOMPARE(bool(log->entry(0).flags & QueryLog::HasKey), hasKey);
    }

    void fieldsAndColumns()
    {
        const Result<SqlQuery> q = QueryLog::parseLine(
            "{\"query\": \"q\", \"parameters\": [1], \"results\": [{\"B\": 1}, {\"A\": 2, \"B\": 3}], "
            "\"row_count\": -1, \"description\": null, \"error\": \"\", \"extra\": {\"k\": 1}}");
        QVERIFY(q.ok());
        QVERIFY(q->warnings.isEmpty());
        QVERIFY(!q->columnsFromDescription);
        QCOMPARE(q->columns, (QStringList { QStringLiteral("B"), QStringLiteral("A") }));
        QVERIFY(q->rowCount == std::optional<qint64>(-1));
        QVERIFY(q->error.has_value());
        QVERIFY(!q->replayRaises()); // an empty message is falsy for DataHub's replay
        QCOMPARE(q->otherFields.size(), size_t(1));
        QCOMPARE(q->otherFields.front().key, QStringLiteral("extra"));

        const Result<SqlQuery> bad = QueryLog::parseLine("{\"query\": ", QStringLiteral("f"), 9);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().message, QStringLiteral("f:9:11: expected a value, found the end of the text"));
        const Result<SqlQuery> array = QueryLog::parseLine("[]");
        QVERIFY(!array.ok());
        QCOMPARE(array.error().message, QStringLiteral("1:1: not a JSON object"));
    }

    void byteOrderMarkAndBlankLines()
    {
        const QByteArray data = "\xef\xbb\xbf" + GoodLine + "\n\n  \t\n" + GoodLine;
        const Result<QueryLog> log = QueryLog::parse(data, QStringLiteral("q.jsonl"));
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 2);
        QCOMPARE(log->skippedLines(), 0);
        QCOMPARE(log->lineCount(), 4);
        QCOMPARE(log->warnings().size(), 1);
        QVERIFY(log->warnings().constFirst().contains(QStringLiteral("byte order mark")));
        QCOMPARE(log->lineData(0).toByteArray(), GoodLine);
        QCOMPARE(log->entry(1).line, 4);

        const Result<QueryLog> empty = QueryLog::parse({}, QStringLiteral("q.jsonl"));
        QVERIFY(empty.ok());
        QCOMPARE(empty->size(), 0);
        QCOMPARE(empty->lineCount(), 0);
    }

    void tenMegabyteLine()
    {
        const QByteArray big = ::tenMegabyteLine();
        QVERIFY(big.size() > 10 * 1024 * 1024);
        const QByteArray data = GoodLine + "\n" + big + "\n" + GoodLine + "\n" + big.left(big.size() / 2);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("queries.jsonl"));
        QVERIFY(test::writeFile(path, data.left(data.size() - big.size() / 2)));

        const Result<QueryLog> log = QueryLog::parse(data, QStringLiteral("big.jsonl"));
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 3);
        QCOMPARE(log->skippedLines(), 1);
        QCOMPARE(log->lineCount(), 4);
        QVERIFY(log->warnings().constFirst().startsWith(QStringLiteral("big.jsonl:4:")));
        QVERIFY(log->warnings().constFirst().contains(QStringLiteral("truncated")));
        QCOMPARE(log->entry(1).length, big.size());
        QVERIFY(log->entry(1).resultCount > 50000);

        const Result<SqlQuery> q = log->query(1);
        QVERIFY(q.ok());
        QVERIFY(q->warnings.isEmpty());
        QCOMPARE(qsizetype(q->rows.size()), qsizetype(log->entry(1).resultCount));
        QVERIFY(q->rowCount == std::optional<qint64>(log->entry(1).resultCount));
        QCOMPARE(q->columns.size(), 4);
        QCOMPARE(QueryLog::displayValue(q->rows.back().value(u"TS")),
            QStringLiteral("2025-11-18 01:30:17.250000-08:00"));

        const QList<QByteArray> keys = pythonFileKeys(path);
        QCOMPARE(keys.size(), 3);
        for (qsizetype i = 0; i < 3; ++i)
            QCOMPARE(log->replayKeyAt(i), QString::fromLatin1(keys[i]));
    }

    void hugeLinesAreReadWithoutTheirTree()
    {
        // The index reads a record's rows without building them, show builds only the first MaxRowBytes of
        // them; counts, keys and warnings are those of the whole record.
        const QByteArray big = ::tenMegabyteLine();
        QVERIFY(big.size() > QueryLog::MaxRowBytes);
        const Result<SqlQuery> full = QueryLog::parseLine(big, QStringLiteral("q"), 1);
        const Result<SqlQuery> summary = QueryLog::parseLine(big, QStringLiteral("q"), 1, QueryLog::Detail::Summary);
        const Result<SqlQuery> display = QueryLog::parseLine(big, QStringLiteral("q"), 1, QueryLog::Detail::Display);
        QVERIFY(full.ok() && summary.ok() && display.ok());
        QCOMPARE(full->resultCount, qsizetype(full->rows.size()));
        QVERIFY(!full->rowsCut);
        QCOMPARE(summary->resultCount, full->resultCount);
        QVERIFY(summary->rows.empty());
        QCOMPARE(display->resultCount, full->resultCount);
        QVERIFY(display->rowsCut);
        QVERIFY(display->rows.size() > 1000 && qsizetype(display->rows.size()) < full->resultCount);
        for (size_t i = 0; i < display->rows.size(); ++i)
            QVERIFY(display->rows[i] == full->rows[i]);
        for (const Result<SqlQuery> &q : { summary, display }) {
            QCOMPARE(q->replayKey(), full->replayKey());
            QCOMPARE(q->rowCount, full->rowCount);
            QCOMPARE(q->warnings, full->warnings);
            QCOMPARE(q->query, full->query);
        }

        // A query of 3 Mi characters with escapes: its text is cut for display, its key is of the whole.
        QByteArray query;
        for (int i = 0; i < 100000; ++i)
            query += "SELECT \\\"c" + QByteArray::number(i) + "\\\"\\n\\u00e9 FROM t;";
        const QByteArray line = "{\"query\": \"" + query
            + "\", \"parameters\": [1], \"results\": [], \"row_count\": 0, \"description\": null, \"error\": null}";
        const Result<SqlQuery> whole = QueryLog::parseLine(line, QStringLiteral("q"), 1);
        const Result<SqlQuery> cut = QueryLog::parseLine(line, QStringLiteral("q"), 1, QueryLog::Detail::Summary);
        QVERIFY(whole.ok() && cut.ok());
        QVERIFY(whole->query.size() > BodyContent::MaxShownCharacters);
        QVERIFY(!whole->textCut);
        QVERIFY(cut->textCut);
        QCOMPARE(cut->query, whole->query.left(BodyContent::MaxShownCharacters));
        QCOMPARE(cut->replayKey(), whole->replayKey());
        QCOMPARE(cut->replayKey(), QueryLog::replayKey(whole->query, whole->parameters));

        // Other members are built only while small: parameters too large are not read (and give no key).
        const QByteArray many = "[" + QByteArray("0, ").repeated(QueryLog::MaxValueBytes / 3 + 1) + "0]";
        const QByteArray bigParameters = "{\"query\": \"q\", \"parameters\": " + many
            + ", \"results\": [], \"row_count\": 0, \"description\": null, \"error\": null, \"extra\": " + many + "}";
        for (const QueryLog::Detail detail : { QueryLog::Detail::Full, QueryLog::Detail::Summary }) {
            const Result<SqlQuery> q = QueryLog::parseLine(bigParameters, QStringLiteral("q"), 1, detail);
            QVERIFY(q.ok());
            QVERIFY(q->replayKey().isEmpty());
            QVERIFY(q->parameters.isNull());
            QVERIFY2(q->warnings.contains(QStringLiteral("q:1: \"parameters\" is larger than 8.0 MiB and was not read")),
                qPrintable(q->warnings.join(u'|')));
            QVERIFY(q->otherFields.empty());
            QVERIFY2(q->warnings.contains(QStringLiteral("q:1: 1 other member(s) were not kept (more than 8.0 MiB together)")),
                qPrintable(q->warnings.join(u'|')));
        }
        const Result<QueryLog> log = QueryLog::parse(bigParameters, QStringLiteral("q"));
        QVERIFY(log.ok());
        QVERIFY(!(log->entry(0).flags & QueryLog::HasKey));
        QVERIFY(log->entry(0).flags & QueryLog::HasWarnings);
    }

    void cancellation()
    {
        const QByteArray data = ::tenMegabyteLine() + "\n" + GoodLine + "\n";
        CancelAfterFirstReport progress;
        const Result<QueryLog> log = QueryLog::parse(data, QStringLiteral("q.jsonl"), &progress);
        QVERIFY(!log.ok());
        QCOMPARE(log.error().code, ErrorCode::Cancelled);
        QCOMPARE(progress.m_reports, 1);
    }

    // psycopg2's Column objects are not tuples, so DataHub writes their str(): every psycopg2 recording's
    // description looks like this (checked with Debian's python3-psycopg2 2.9.5), names quoted as Python does.
    void psycopg2ColumnTexts()
    {
        const QByteArray line = "{\"query\": \"select 1\", \"parameters\": null, \"results\": [], \"row_count\": 0, "
                                "\"description\": [\"Column(name='id', type_code=23)\", \"Column(name=\\\"it's\\\", type_code=25)\", "
                                "\"<Column 'total', type: numeric(10,2) (oid: 1700)>\"], \"error\": null}";
        const Result<SqlQuery> q = QueryLog::parseLine(line, QStringLiteral("x"), 1);
        QVERIFY(q.ok());
        QVERIFY2(q->warnings.isEmpty(), qPrintable(q->warnings.join(u'\n')));
        QVERIFY(q->columnsFromDescription);
        QCOMPARE(q->columns, (QStringList { QStringLiteral("id"), QStringLiteral("it's"), QStringLiteral("total") }));
    }
};

QTEST_GUILESS_MAIN(TestSqlQuery)
#include "tst_sqlquery.moc"
