// SPDX-License-Identifier: MIT
// The one UTF-8 encoder, hex decoder and JSON string unescape of core/common: each rule, and that every
// JSON reader agrees with them (JsonValue's parser, the unescape to UTF-16 and to UTF-8).
#include "core/common/hex.h"
#include "core/common/jsonstring.h"
#include "core/common/jsonvalue.h"
#include "core/common/utf8.h"

#include <QTest>

using namespace tapedeck;

class TestTextCodec : public QObject
{
    Q_OBJECT

private slots:
    void utf8Encoding_data();
    void utf8Encoding();
    void strictDecoding();
    void hexDigits();
    void unescape_data();
    void unescape();
    void invalidEscapesKept();
    void writerIndent();
};

void TestTextCodec::utf8Encoding_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("utf8");
    QTest::addRow("ascii") << QStringLiteral("abc") << QByteArray("abc");
    QTest::addRow("two bytes") << QStringLiteral("é") << QByteArray("\xc3\xa9");
    QTest::addRow("three bytes") << QStringLiteral("€") << QByteArray("\xe2\x82\xac");
    QTest::addRow("pair") << QString::fromUtf8("\xf0\x9f\x98\x80") << QByteArray("\xf0\x9f\x98\x80");
    QTest::addRow("lone high") << QString(QChar(0xd83d)) + QLatin1Char('x') << QByteArray("\xef\xbf\xbdx");
    QTest::addRow("lone low") << QString(QChar(0xde00)) << QByteArray("\xef\xbf\xbd");
    QTest::addRow("low then high") << QString(QChar(0xde00)) + QChar(0xd83d) << QByteArray("\xef\xbf\xbd\xef\xbf\xbd");
}

void TestTextCodec::utf8Encoding()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, utf8);
    QCOMPARE(toUtf8(text), utf8);
    QByteArray appended;
    qsizetype i = 0;
    while (i < text.size())
        appendUtf8(appended, nextCodePoint(text, i));
    QCOMPARE(appended, utf8);
    // The ensure_ascii=False writer encodes strings through the same encoder.
    QCOMPARE(pythonQuote(text, false), QByteArray('"' + utf8 + '"'));
}

void TestTextCodec::strictDecoding()
{
    QCOMPARE(strictUtf8("h\xc3\xa9llo"), std::optional<QString>(QStringLiteral("héllo")));
    QVERIFY(!strictUtf8("\xff").has_value());
    QVERIFY(!strictUtf8("\xc3").has_value()); // cut short
    QVERIFY(!strictUtf8("\xed\xa0\x80").has_value()); // an encoded surrogate is not UTF-8
    QCOMPARE(strictUtf8(""), std::optional<QString>(QString()));
}

void TestTextCodec::hexDigits()
{
    QCOMPARE(hexDigitValue('0'), 0);
    QCOMPARE(hexDigitValue('9'), 9);
    QCOMPARE(hexDigitValue('a'), 10);
    QCOMPARE(hexDigitValue('F'), 15);
    QCOMPARE(hexDigitValue('g'), -1);
    QCOMPARE(hexDigitValue('/'), -1);
}

void TestTextCodec::unescape_data()
{
    QTest::addColumn<QByteArray>("inner"); // between the quotes
    QTest::addColumn<QString>("text");
    QTest::addRow("plain") << QByteArray("abc") << QStringLiteral("abc");
    QTest::addRow("simple escapes") << QByteArray("a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti")
                                    << QStringLiteral("a\"b\\c/d\be\ff\ng\rh\ti");
    QTest::addRow("utf-8 kept") << QByteArray("caf\xc3\xa9 \\u00e9") << QStringLiteral("café é");
    QTest::addRow("pair") << QByteArray("\\ud83d\\ude00!") << QString::fromUtf8("\xf0\x9f\x98\x80!");
    QTest::addRow("upper-case hex") << QByteArray("\\uD83D\\uDE00") << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::addRow("lone high") << QByteArray("\\ud83dx") << QString(QChar(0xd83d)) + QLatin1Char('x');
    QTest::addRow("lone low") << QByteArray("\\ude00") << QString(QChar(0xde00));
    QTest::addRow("high then text") << QByteArray("\\ud83d\\n") << QString(QChar(0xd83d)) + QLatin1Char('\n');
    QTest::addRow("nul") << QByteArray("a\\u0000b") << QString(QLatin1Char('a')) + QChar(0) + QLatin1Char('b');
}

void TestTextCodec::unescape()
{
    QFETCH(QByteArray, inner);
    QFETCH(QString, text);
    QCOMPARE(unescapeJsonString(inner), text);
    QByteArray utf8;
    appendUnescapedJsonUtf8(inner, utf8);
    QCOMPARE(utf8, toUtf8(text)); // the diff hashes through both: they must agree byte for byte
    // JsonValue's parser decodes the same literal to the same string.
    const Result<JsonValue> parsed = JsonValue::parse(QByteArray('"' + inner + '"'));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->toString(), text);
}

void TestTextCodec::invalidEscapesKept()
{
    QVERIFY(!decodeJsonEscape("\\x", "\\x" + 2).has_value());
    QVERIFY(!decodeJsonEscape("\\u12", "\\u12" + 4).has_value());
    QVERIFY(!decodeJsonEscape("\\u12g4", "\\u12g4" + 6).has_value());
    QVERIFY(!decodeJsonEscape("\\", "\\" + 1).has_value());
    QCOMPARE(unescapeJsonString("a\\xb"), QStringLiteral("a\\xb"));
    QByteArray out;
    appendUnescapedJsonUtf8("\\q\\u12", out);
    QCOMPARE(out, QByteArray("\\q\\u12"));
    // The parser refuses them, naming the problem.
    JsonParseInfo info;
    QVERIFY(!JsonValue::parse("\"\\u12g4\"", &info));
    QVERIFY2(info.reason.contains(QStringLiteral("four hex digits")), qPrintable(info.reason));
    QCOMPARE(info.errorColumn, 6); // at the g
    QVERIFY(!JsonValue::parse("\"\\x\"", &info));
    QVERIFY2(info.reason.contains(QStringLiteral("invalid escape")), qPrintable(info.reason));
    QVERIFY(!JsonValue::parse("\"abc\\", &info));
    QVERIFY(info.truncated);
}

void TestTextCodec::writerIndent()
{
    const Result<JsonValue> v = JsonValue::parse(R"({"b": [1, 2.50, {}], "a": {"x": [], "y": "é"}, "n": 1e400})");
    QVERIFY(v);
    // One line: json.dumps defaults; floats as repr() gives them.
    QCOMPARE(pythonDumps(*v), QByteArray(R"({"b": [1, 2.5, {}], "a": {"x": [], "y": "\u00e9"}, "n": Infinity})"));
    QCOMPARE(pythonDumps(*v, true, true),
        QByteArray(R"({"a": {"x": [], "y": "\u00e9"}, "b": [1, 2.5, {}], "n": Infinity})"));
    // json.dumps(indent=2, ensure_ascii=False) as Python writes it...
    QCOMPARE(pythonDumps(*v, JsonDumpOptions { false, false, 2, false }),
        QByteArray("{\n  \"b\": [\n    1,\n    2.5,\n    {}\n  ],\n  \"a\": {\n    \"x\": [],\n    \"y\": \"\xc3\xa9\"\n  },"
                   "\n  \"n\": Infinity\n}"));
    // ...and for people, the numbers as recorded.
    QCOMPARE(prettyJson(*v, 1),
        QString::fromUtf8("{\n \"b\": [\n  1,\n  2.50,\n  {}\n ],\n \"a\": {\n  \"x\": [],\n  \"y\": \"é\"\n },\n \"n\": 1e400\n}"));
    QCOMPARE(prettyJson(JsonValue::number(0.1)), QStringLiteral("0.1"));
    QCOMPARE(prettyJson(JsonValue::array()), QStringLiteral("[]"));
}

QTEST_GUILESS_MAIN(TestTextCodec)
#include "tst_textcodec.moc"
