// SPDX-License-Identifier: MIT
// Tests JsonValue against CPython at test time: json.dumps(json.loads(text)) byte for byte (sorted and
// unsorted, ensure_ascii on and off), repr(float) on many doubles, which texts are rejected, and how
// malformed UTF-8 is repaired.
#include "core/common/jsonvalue.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

using namespace tapedeck;

namespace {

const QString Python = QStringLiteral("/usr/bin/python3");

// Reads the UTF-8 JSON text (hex in argv[1]) the way DataHub's reader does (str, json.loads) and prints
// what json.dumps makes of it.
const char DumpsScript[]
    = "import sys, json\n"
      "v = json.loads(bytes.fromhex(sys.argv[1]).decode('utf-8'))\n"
      "def utf8(s):\n"
      "    try:\n"
      "        return s.encode('utf-8').hex()\n"
      "    except UnicodeEncodeError:\n"
      "        return None\n"
      "print(json.dumps({'sorted': json.dumps(v, sort_keys=True), 'unsorted': json.dumps(v),\n"
      "    'utf8': utf8(json.dumps(v, sort_keys=True, ensure_ascii=False)), 'truthy': bool(v)}))\n";

// Whether CPython accepts the bytes (hex in argv[1]) as JSON: strict UTF-8, then json.loads.
const char AcceptsScript[] = "import sys, json\n"
                             "try:\n"
                             "    json.loads(bytes.fromhex(sys.argv[1]).decode('utf-8'))\n"
                             "    print('accepted')\n"
                             "except (ValueError, RecursionError):\n"
                             "    print('rejected')\n";

// Malformed UTF-8 repaired with Python's "replace" handler, then loaded and dumped.
const char ReplaceScript[]
    = "import sys, json\n"
      "t = bytes.fromhex(sys.argv[1]).decode('utf-8', 'replace')\n"
      "print(json.dumps({'dumps': json.dumps(json.loads(t)), 'replaced': t.count('\\ufffd')}))\n";

// repr() of the doubles in a file of 16-hex-digit little-endian bit patterns, one a line.
const char ReprScript[] = "import sys, struct\n"
                          "with open(sys.argv[1]) as f:\n"
                          "    for line in f:\n"
                          "        print(repr(struct.unpack('<d', bytes.fromhex(line.strip()))[0]))\n";

QJsonObject runJson(const char *script, const QStringList &arguments)
{
    const test::ProcessResult r
        = test::run(Python, QStringList { QStringLiteral("-c"), QString::fromUtf8(script) } + arguments);
    if (r.exitCode != 0)
        qWarning().noquote() << "python3 failed:" << QString::fromUtf8(r.err);
    return QJsonDocument::fromJson(r.out).object();
}

QByteArray pythonLine(const char *script, const QStringList &arguments)
{
    const test::ProcessResult r
        = test::run(Python, QStringList { QStringLiteral("-c"), QString::fromUtf8(script) } + arguments);
    if (r.exitCode != 0)
        qWarning().noquote() << "python3 failed:" << QString::fromUtf8(r.err);
    return r.out.trimmed();
}

QByteArray bigObject()
{
    // More than 16 members switches the parser to its hashed duplicate check; k5 repeats.
    QByteArray text = "{";
    for (int i = 29; i >= 0; --i)
        text += "\"k" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ", ";
    text += "\"k5\": \"again\"}";
    return text;
}

quint64 xorshift(quint64 &state)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

} // namespace

class TestJsonValue : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(Python), "Debian's /usr/bin/python3 is required"); }

    void dumpsLikePython_data()
    {
        QTest::addColumn<QByteArray>("text");
        // Empty and falsy values (their truthiness decides DataHub's "|params" part).
        QTest::addRow("null") << QByteArray("null");
        QTest::addRow("false") << QByteArray("false");
        QTest::addRow("true") << QByteArray("true");
        QTest::addRow("zero") << QByteArray("0");
        QTest::addRow("minus zero int") << QByteArray("-0");
        QTest::addRow("zero float") << QByteArray("0.0");
        QTest::addRow("minus zero float") << QByteArray("-0.0");
        QTest::addRow("empty string") << QByteArray("\"\"");
        QTest::addRow("empty list") << QByteArray("[]");
        QTest::addRow("empty dict") << QByteArray("{}");
        QTest::addRow("list of falsy") << QByteArray("[null, false, 0, 0.0, \"\", [], {}]");
        // Floats: Python's repr, not the text as written.
        QTest::addRow("0.1") << QByteArray("0.1");
        QTest::addRow("1e-05") << QByteArray("1e-05");
        QTest::addRow("0.00001") << QByteArray("0.00001");
        QTest::addRow("0.0001") << QByteArray("0.0001");
        QTest::addRow("1e16") << QByteArray("1e16");
        QTest::addRow("1E+16") << QByteArray("1E+16");
        QTest::addRow("1e15") << QByteArray("1e15");
        QTest::addRow("1.5e16") << QByteArray("1.5e16");
        QTest::addRow("1.5e300") << QByteArray("1.5e300");
        QTest::addRow("1e22") << QByteArray("1e22");
        QTest::addRow("123456789.123456789") << QByteArray("123456789.123456789");
        QTest::addRow("5e-324") << QByteArray("5e-324");
        QTest::addRow("2e-324 underflows") << QByteArray("2e-324");
        QTest::addRow("-1e-400 underflows") << QByteArray("-1e-400");
        QTest::addRow("1e400 overflows") << QByteArray("1e400");
        QTest::addRow("-1e400 overflows") << QByteArray("-1e400");
        QTest::addRow("0.000e999") << QByteArray("0.000e999");
        QTest::addRow("max double") << QByteArray("1.7976931348623157e308");
        QTest::addRow("2.5e-7") << QByteArray("2.5e-7");
        QTest::addRow("1.0") << QByteArray("1.0");
        QTest::addRow("12.50") << QByteArray("12.50");
        QTest::addRow("0.1e1") << QByteArray("0.1e1");
        QTest::addRow("2**53+1 as float") << QByteArray("9007199254740993.0");
        QTest::addRow("NaN") << QByteArray("NaN");
        QTest::addRow("Infinity") << QByteArray("Infinity");
        QTest::addRow("-Infinity") << QByteArray("-Infinity");
        // Integers of any size.
        QTest::addRow("2**53+1 as int") << QByteArray("9007199254740993");
        QTest::addRow("big int") << QByteArray("123456789012345678901234567890123456789");
        QTest::addRow("big negative int") << QByteArray("-98765432109876543210987654321");
        QTest::addRow("int64 edges") << QByteArray(
            "[9223372036854775807, -9223372036854775808, 18446744073709551616]");
        // Strings.
        QTest::addRow("BMP escaped") << QByteArray("\"\\u58f2\\u4e0a\"");
        QTest::addRow("BMP raw UTF-8") << QByteArray("\"\xe5\xa3\xb2\xe4\xb8\x8a Ums\xc3\xa4tze\"");
        QTest::addRow("astral escaped") << QByteArray("\"\\ud83d\\ude00\"");
        QTest::addRow("astral raw UTF-8") << QByteArray("\"\xf0\x9f\x98\x80 \xf0\x90\x80\x80\"");
        QTest::addRow("U+FFFF and U+E000") << QByteArray("\"\\uffff\\ue000\"");
        QTest::addRow("lone surrogates") << QByteArray("[\"\\ud800x\", \"\\udc00\", \"\\ude00\\ud83d\"]");
        QTest::addRow("control chars") << QByteArray("\"\\u0000\\u0001\\u001f\\u007f\\b\\f\\n\\r\\t\"");
        QTest::addRow("DEL raw") << QByteArray("\"a\x7f b\"");
        QTest::addRow("quotes and backslashes") << QByteArray("\"\\\"q\\\" \\\\ \\/ '\"");
        QTest::addRow("upper hex escape") << QByteArray("\"\\u00E9\\u00e9\"");
        QTest::addRow("U+2028 raw") << QByteArray("\"a\xe2\x80\xa8 b\"");
        // Objects: nesting, order, duplicates, code point order of keys.
        QTest::addRow("nested unsorted")
            << QByteArray("{\"b\": {\"z\": 1, \"a\": [3, {\"y\": 2, \"x\": 1}]}, \"a\": 0, \"B\": null}");
        QTest::addRow("duplicate keys") << QByteArray("{\"a\": 1, \"b\": 2, \"a\": 3}");
        QTest::addRow("many keys with a duplicate") << bigObject();
        QTest::addRow("code point key order") << QByteArray(
            "{\"\\uffff\": 1, \"\\ud83d\\ude00\": 2, \"a\": 3, \"A\": 4, \"\\u00e9\": 5, \"\": 6, "
            "\"\\ue000\": 7, \"ab\": 8, \"a\\u0000\": 9}");
        QTest::addRow("lone surrogate keys")
            << QByteArray("{\"\\ud800\": 1, \"\\ue000\": 2, \"\\ud83d\\ude00\": 3}");
        QTest::addRow("datetime marker") << QByteArray(
            "{\"__value__\": \"2025-11-17T22:05:41.902000-08:00\", \"__type__\": \"datetime\"}");
        QTest::addRow("parameters list") << QByteArray("[\"2025-11-17\", \"C0FFEE00BADA55\", 12.5, 3, null]");
        QTest::addRow("whitespace") << QByteArray(" \t\r\n[ 1 , 2 , { \"a\" : [ ] } ]\n ");
        QTest::addRow("compact") << QByteArray("[1,2,{\"a\":[],\"b\":{}}]");
        QTest::addRow("deep") << QByteArray(200, '[') + QByteArray(200, ']');
    }

    void dumpsLikePython()
    {
        QFETCH(QByteArray, text);
        JsonParseInfo info;
        const Result<JsonValue> v = JsonValue::parse(text, &info);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().message));
        QCOMPARE(info.invalidUtf8, 0);

        const QJsonObject expected = runJson(DumpsScript, { QString::fromLatin1(text.toHex()) });
        QVERIFY2(!expected.isEmpty(), "python3 gave no answer");
        QCOMPARE(pythonDumps(*v, true), expected.value(QStringLiteral("sorted")).toString().toUtf8());
        QCOMPARE(pythonDumps(*v, false), expected.value(QStringLiteral("unsorted")).toString().toUtf8());
        if (!expected.value(QStringLiteral("utf8")).isNull()) {
            QCOMPARE(pythonDumps(*v, true, false).toHex(),
                expected.value(QStringLiteral("utf8")).toString().toLatin1());
        }
        QCOMPARE(v->isTruthy(), expected.value(QStringLiteral("truthy")).toBool());
        // What dumps writes reads back as the same value.
        const Result<JsonValue> again = JsonValue::parse(pythonDumps(*v, false));
        QVERIFY(again.ok());
        QVERIFY(*again == *v);
    }

    void floatReprLikePython()
    {
        // Random bit patterns (mostly 17-digit values) and short decimals of every magnitude (where
        // choosing the shortest digits matters), plus the edges.
        std::vector<double> values { 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-5, 1e-4, 1e16, 1e15,
            9.999999999999999e15, 1.5e300, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
            1.7976931348623157e308, 9007199254740993.0, 123456789.123456789, 4.35, 0.1 + 0.2, 100.0, 1e23,
            5e-7, 8.41e21, 5.0e-324 * 3 };
        quint64 state = 0x9e3779b97f4a7c15ULL;
        for (int i = 0; i < 20000; ++i) {
            quint64 bits = xorshift(state);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            if (std::isfinite(d))
                values.push_back(d);
        }
        for (int i = 0; i < 20000; ++i) {
            const int digits = int(xorshift(state) % 17) + 1;
            QByteArray text = QByteArray::number(xorshift(state) % 100000000000000000ULL).left(digits);
            text += 'e' + QByteArray::number(int(xorshift(state) % 640) - 330);
            double d = 0;
            std::from_chars(text.constData(), text.constData() + text.size(), d);
            if (std::isfinite(d) && d != 0)
                values.push_back(xorshift(state) % 2 ? d : -d);
        }
        QTemporaryDir dir;
        QByteArray input;
        for (double d : values) {
            QByteArray bytes(reinterpret_cast<const char *>(&d), sizeof d); // little-endian host
            input += bytes.toHex() + '\n';
        }
        const QString path = dir.filePath(QStringLiteral("doubles.txt"));
        QVERIFY(test::writeFile(path, input));
        const test::ProcessResult r
            = test::run(Python, { QStringLiteral("-c"), QString::fromLatin1(ReprScript), path });
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> expected = r.out.split('\n');
        QVERIFY(expected.size() >= qsizetype(values.size()));
        int mismatches = 0;
        for (size_t i = 0; i < values.size(); ++i) {
            const QByteArray ours = pythonFloatRepr(values[i]);
            if (ours != expected[qsizetype(i)]) {
                if (++mismatches <= 5)
                    qWarning() << "repr mismatch:" << ours << "python:" << expected[qsizetype(i)];
            }
            // And our parser reads the text back to the same bits.
            const Result<JsonValue> back = JsonValue::parse(ours);
            QVERIFY(back.ok());
            QCOMPARE(std::bit_cast<quint64>(back->toDouble()), std::bit_cast<quint64>(values[i]));
        }
        QCOMPARE(mismatches, 0);
        QCOMPARE(pythonFloatRepr(-0.0), QByteArray("-0.0"));
        QCOMPARE(pythonFloatRepr(std::nan("")), QByteArray("nan"));
        QCOMPARE(pythonFloatRepr(-HUGE_VAL), QByteArray("-inf"));
    }

    void rejectsLikePython_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("reason");
        QTest::addRow("empty") << QByteArray("") << 1 << 1
                               << QStringLiteral("expected a value, found the end");
        QTest::addRow("unclosed list") << QByteArray("[1, 2") << 1 << 6
                                       << QStringLiteral("expected ',' or ']', found the end of the text");
        QTest::addRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6
                                       << QStringLiteral("expected ':' after the member name, found '1'");
        QTest::addRow("trailing comma in object") << QByteArray(
            "{\"a\": 1,}") << 1 << 9 << QStringLiteral("expected a member name in double quotes");
        QTest::addRow("trailing comma in list")
            << QByteArray("[1,]") << 1 << 4 << QStringLiteral("expected a value, found ']'");
        QTest::addRow("leading zero") << QByteArray("01") << 1 << 2 << QStringLiteral("extra data");
        QTest::addRow("bare point") << QByteArray("1.") << 1 << 3
                                    << QStringLiteral("expected a digit after the decimal point");
        QTest::addRow("bare minus") << QByteArray("-") << 1 << 2
                                    << QStringLiteral("expected a digit after '-'");
        QTest::addRow("empty exponent")
            << QByteArray("1e+") << 1 << 4 << QStringLiteral("expected a digit in the exponent");
        QTest::addRow("unterminated string")
            << QByteArray("[\"abc") << 1 << 2 << QStringLiteral("unterminated string");
        QTest::addRow("raw newline in string")
            << QByteArray("\"a\nb\"") << 1 << 3 << QStringLiteral("control character U+000A");
        QTest::addRow("raw tab in string")
            << QByteArray("\"a\tb\"") << 1 << 3 << QStringLiteral("control character U+0009");
        QTest::addRow("bad escape") << QByteArray("\"\\x\"") << 1 << 2
                                    << QStringLiteral("invalid escape 'x'");
        QTest::addRow("short unicode escape")
            << QByteArray("\"\\u12g4\"") << 1 << 6 << QStringLiteral("four hex digits after \\u, found 'g'");
        QTest::addRow("tru") << QByteArray("tru") << 1 << 1 << QStringLiteral("expected a value, found 't'");
        QTest::addRow("lowercase nan") << QByteArray("nan") << 1 << 1 << QStringLiteral("expected a value");
        QTest::addRow("-NaN") << QByteArray("-NaN") << 1 << 2
                              << QStringLiteral("expected a digit after '-', found 'N'");
        QTest::addRow("+1") << QByteArray("+1") << 1 << 1 << QStringLiteral("expected a value, found '+'");
        QTest::addRow("single quotes") << QByteArray("['a']") << 1 << 2 << QStringLiteral("found '''");
        QTest::addRow("missing comma")
            << QByteArray("[1 2]") << 1 << 4 << QStringLiteral("expected ',' or ']', found '2'");
        QTest::addRow("extra data on line 2") << QByteArray("[1]\n  x") << 2 << 3
                                              << QStringLiteral("extra data after the JSON value, found 'x'");
        QTest::addRow("column counts characters")
            << QByteArray("{\"\xe5\xa3\xb2\": x}") << 1 << 7 << QStringLiteral("expected a value, found 'x'");
        QTest::addRow("two values") << QByteArray("{\"a\":1}}") << 1 << 8 << QStringLiteral("extra data");
        QTest::addRow("byte order mark")
            << QByteArray("\xef\xbb\xbf{}") << 1 << 1 << QStringLiteral("byte order mark");
        QTest::addRow("stray non-ASCII") << QByteArray("[\xc3\xa9]") << 1 << 2
                                         << QStringLiteral("expected a value, found '\u00e9' (U+00E9)");
        QTest::addRow("comment") << QByteArray("[1] // no") << 1 << 5 << QStringLiteral("extra data");
        QTest::addRow("too deep") << QByteArray(1001, '[') + QByteArray(1001, ']') << 1 << 1001
                                  << QStringLiteral("nesting deeper than 1000 levels");
    }

    void rejectsLikePython()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, reason);
        JsonParseInfo info;
        const Result<JsonValue> v = JsonValue::parse(text, &info);
        QVERIFY(!v.ok());
        QVERIFY2(info.reason.contains(reason), qPrintable(info.reason));
        QCOMPARE(info.errorLine, line);
        QCOMPARE(info.errorColumn, column);
        QVERIFY(v.error().message.startsWith(QStringLiteral("line %1, column %2: ").arg(line).arg(column)));
        QCOMPARE(v.error().code, ErrorCode::InvalidInput);
        QCOMPARE(pythonLine(AcceptsScript, { QString::fromLatin1(text.toHex()) }), QByteArray("rejected"));

        // scan() reads the same way: the same error, at the same place.
        JsonParseInfo scanned;
        const Status s = JsonValue::scan(text, &scanned, [](const QString &, QByteArrayView) {});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().message, v.error().message);
        QCOMPARE(scanned.errorOffset, info.errorOffset);
        QCOMPARE(scanned.truncated, info.truncated);
    }

    void scanHandsOverTopLevelValues()
    {
        QList<std::pair<QString, QByteArray>> seen;
        const auto collect = [&](const QString &key, QByteArrayView value) { seen.append({ key, value.toByteArray() }); };
        const QByteArray object = " {\"a\" : [1, {\"x\": 2}] ,\"b\":\"s\\\"t\",\n\"a\": {\"c\": null}, \"\u00e9\": -1.5e3 } ";
        QVERIFY(JsonValue::scan(object, nullptr, collect).ok());
        // Every member in order, repeated keys as often as they come; nested values are not visited.
        QCOMPARE(seen,
            (QList<std::pair<QString, QByteArray>> { { QStringLiteral("a"), "[1, {\"x\": 2}]" },
                { QStringLiteral("b"), "\"s\\\"t\"" }, { QStringLiteral("a"), "{\"c\": null}" },
                { QStringLiteral("\u00e9"), "-1.5e3" } }));
        // Each value text parses to what parse() built for it (the last of a repeated key).
        const JsonValue whole = *JsonValue::parse(object);
        QCOMPARE(*JsonValue::parse(seen[2].second), whole.value(u"a"));
        QCOMPARE(*JsonValue::parse(seen[1].second), whole.value(u"b"));

        seen.clear();
        QVERIFY(JsonValue::scan("[ 1,\"two\" , [3], {} ]", nullptr, collect).ok());
        QCOMPARE(seen,
            (QList<std::pair<QString, QByteArray>> {
                { QString(), "1" }, { QString(), "\"two\"" }, { QString(), "[3]" }, { QString(), "{}" } }));

        seen.clear();
        QVERIFY(JsonValue::scan("\"just a string\"", nullptr, collect).ok());
        QVERIFY(JsonValue::scan("{}", nullptr, collect).ok());
        QVERIFY(JsonValue::scan("[]", nullptr, collect).ok());
        QVERIFY(seen.isEmpty());

        const QByteArray deepest = QByteArray(JsonValue::MaxDepth, '[') + QByteArray(JsonValue::MaxDepth, ']');
        QVERIFY(JsonValue::scan(deepest, nullptr, collect).ok());
        const Status tooDeep = JsonValue::scan(QByteArray('[' + deepest + ']'), nullptr, collect);
        QVERIFY(!tooDeep.ok());
        QVERIFY(tooDeep.error().message.contains(Nesting::tooDeep()));
    }

    void nestingLimit()
    {
        const QByteArray deepest
            = QByteArray(JsonValue::MaxDepth, '[') + QByteArray(JsonValue::MaxDepth, ']');
        QVERIFY(JsonValue::parse(deepest).ok());
        QVERIFY(!JsonValue::parse(QByteArray('[' + deepest + ']')).ok());
    }

    void repairsUtf8LikePython_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addRow("stray continuation") << QByteArray("\"a\x80z\"");
        QTest::addRow("truncated sequence") << QByteArray("\"\xe2\x82\"");
        QTest::addRow("encoded surrogate") << QByteArray("[\"\xed\xa0\x80\"]");
        QTest::addRow("above U+10FFFF") << QByteArray("\"\xf4\x90\x80\x80\"");
        QTest::addRow("overlong slash") << QByteArray("\"\xc0\xaf\"");
        QTest::addRow("overlong 3 bytes") << QByteArray("\"\xe0\x80\xaf\"");
        QTest::addRow("latin-1 text") << QByteArray("{\"k\": \"Ums\xe4tze \xff\"}");
        QTest::addRow("mixed") << QByteArray("\"\xe2\x82\xac ok \xf0\x9f\x98 \xf0\x9f\x98\x80\"");
    }

    void repairsUtf8LikePython()
    {
        QFETCH(QByteArray, text);
        JsonParseInfo info;
        const Result<JsonValue> v = JsonValue::parse(text, &info);
        QVERIFY(v.ok());
        const QJsonObject expected = runJson(ReplaceScript, { QString::fromLatin1(text.toHex()) });
        QCOMPARE(pythonDumps(*v), expected.value(QStringLiteral("dumps")).toString().toUtf8());
        QCOMPARE(info.invalidUtf8, expected.value(QStringLiteral("replaced")).toInt());
        QVERIFY(info.firstInvalidUtf8Offset > 0);
        QCOMPARE(info.firstInvalidUtf8Line, 1);

        JsonParseInfo scanned;
        QVERIFY(JsonValue::scan(text, &scanned, [](const QString &, QByteArrayView) {}).ok());
        QCOMPARE(scanned.invalidUtf8, info.invalidUtf8);
        QCOMPARE(scanned.firstInvalidUtf8Offset, info.firstInvalidUtf8Offset);
        QCOMPARE(scanned.firstInvalidUtf8Column, info.firstInvalidUtf8Column);
    }

    void accessors()
    {
        const Result<JsonValue> v = JsonValue::parse(
            "{\"i\": -0, \"big\": 123456789012345678901234567890, \"f\": 1E2, \"s\": \"x\", \"a\": [1, 2]}");
        QVERIFY(v.ok());
        QCOMPARE(v->size(), 5);
        QCOMPARE(v->value(u"i").integerText(), QByteArray("0"));
        QCOMPARE(v->value(u"i").numberText(), QByteArray("-0"));
        QVERIFY(v->value(u"i").toInt64() == std::optional<qint64>(0));
        QVERIFY(!v->value(u"big").toInt64().has_value());
        QCOMPARE(v->value(u"big").toDouble(), 1.2345678901234568e29);
        QVERIFY(v->value(u"f").isDouble());
        QCOMPARE(v->value(u"f").numberText(), QByteArray("1E2"));
        QCOMPARE(pythonDumps(v->value(u"f")), QByteArray("100.0"));
        QCOMPARE(v->value(u"s").toString(), QStringLiteral("x"));
        QCOMPARE(v->value(u"a").toArray().size(), size_t(2));
        QVERIFY(v->value(u"missing").isNull());
        QVERIFY(!v->contains(u"missing"));

        JsonValue built;
        built.insert(QStringLiteral("b"), JsonValue::integer(1));
        built.insert(QStringLiteral("a"), JsonValue::string(QStringLiteral("\u00e9")));
        built.insert(QStringLiteral("b"), JsonValue::number(0.5));
        QCOMPARE(pythonDumps(built), QByteArray("{\"b\": 0.5, \"a\": \"\\u00e9\"}"));
        QCOMPARE(pythonDumps(built, true, false), QByteArray("{\"a\": \"\xc3\xa9\", \"b\": 0.5}"));
        QVERIFY(JsonValue::integerFromText("123").has_value());
        QVERIFY(!JsonValue::integerFromText("0123").has_value());
        QVERIFY(!JsonValue::integerFromText("-").has_value());
        QVERIFY(compareCodePoints(u"\uffff", u"\U0001F600") < 0);
        QVERIFY(QStringView(u"\uffff").compare(QStringView(u"\U0001F600")) > 0); // why the helper exists
    }
};

QTEST_GUILESS_MAIN(TestJsonValue)
#include "tst_jsonvalue.moc"
