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
    void pythonDecoding_data();
    void pythonDecoding();
    void textPositions_data();
    void textPositions();
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
    // A leading U+FEFF is text, not a byte order mark to drop (QStringDecoder's default drops it).
    QCOMPARE(strictUtf8("\xef\xbb\xbf" "a"), std::optional<QString>(QString(QChar(0xfeff)) + QLatin1Char('a')));
}

// The expected texts are what Python 3 gives for bytes.decode("utf-8", "replace") (fuzz_json findings
// leading-bom and invalid-utf8-replacement: QString::fromUtf8 dropped the U+FEFF and wrote a U+FFFD per
// byte, so the aspect text and `show` disagreed with JsonValue).
void TestTextCodec::pythonDecoding_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<uint>>("codePoints");
    QTest::addRow("empty") << QByteArray() << QList<uint> {};
    QTest::addRow("leading bom") << QByteArray("\xef\xbb\xbf" "a") << QList<uint> { 0xfeff, 'a' };
    QTest::addRow("two boms") << QByteArray("\xef\xbb\xbf\xef\xbb\xbf") << QList<uint> { 0xfeff, 0xfeff };
    QTest::addRow("bom only") << QByteArray("\xef\xbb\xbf") << QList<uint> { 0xfeff };
    QTest::addRow("cut 3-byte, then text") << QByteArray("\xef\xbbl\xbf") << QList<uint> { 0xfffd, 'l', 0xfffd };
    QTest::addRow("cut 4-byte") << QByteArray("\xf0\x9f\x98") << QList<uint> { 0xfffd };
    QTest::addRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << QList<uint> { 0x1f600 };
    QTest::addRow("overlong") << QByteArray("\xe0\x80\x80") << QList<uint> { 0xfffd, 0xfffd, 0xfffd };
    QTest::addRow("no lead f5") << QByteArray("\xf5\x80") << QList<uint> { 0xfffd, 0xfffd };
    QTest::addRow("ff fe") << QByteArray("a\xff\xfe" "b") << QList<uint> { 'a', 0xfffd, 0xfffd, 'b' };
    QTest::addRow("cut at end") << QByteArray("\xc2") << QList<uint> { 0xfffd };
    QTest::addRow("above 10ffff") << QByteArray("\xf4\x90\x80\x80") << QList<uint> { 0xfffd, 0xfffd, 0xfffd, 0xfffd };
    QTest::addRow("surrogate") << QByteArray("\xed\xa0\x80x") << QList<uint> { 0xfffd, 0xfffd, 0xfffd, 'x' };
    QTest::addRow("bom, then bad") << QByteArray("\xef\xbb\xbf\xe2\x82") << QList<uint> { 0xfeff, 0xfffd };
    QTest::addRow("encoded fffd stays") << QByteArray("\xef\xbf\xbd") << QList<uint> { 0xfffd };
}

void TestTextCodec::pythonDecoding()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<uint>, codePoints);
    const QString text = decodeUtf8(bytes);
    QCOMPARE(text.toUcs4(), codePoints);
    // The byte form says the same, and JSON strings read the same way in all three readers.
    QByteArray replaced;
    appendValidUtf8(replaced, bytes);
    QCOMPARE(replaced, toUtf8(text));
    QCOMPARE(unescapeJsonString(bytes), text);
    QByteArray unescaped;
    appendUnescapedJsonUtf8(bytes, unescaped);
    QCOMPARE(unescaped, replaced);
    const Result<JsonValue> parsed = JsonValue::parse(QByteArray('"' + bytes + '"'));
    QVERIFY(parsed);
    QCOMPARE(parsed->toString(), text);
    // Around an escape too (unescapeJsonString decodes the runs between escapes one by one).
    QCOMPARE(unescapeJsonString(QByteArray("\\n" + bytes)), QString(QLatin1Char('\n') + text));
}

// Columns count characters as Python's json module does (its text is decoded code points), not UTF-16 units.
void TestTextCodec::textPositions_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("start") << QByteArray("abc") << 0 << 1 << 1;
    QTest::newRow("second line") << QByteArray("ab\ncd") << 4 << 2 << 2;
    QTest::newRow("after an emoji") << QByteArray("\xf0\x9f\x98\x80x") << 4 << 1 << 2;
    QTest::newRow("after two bad bytes") << QByteArray("\xff\xfex") << 2 << 1 << 3;
    QTest::newRow("after a cut sequence") << QByteArray("\xe2\x82x") << 2 << 1 << 2;
    QTest::newRow("beyond the end") << QByteArray("a\nb") << 99 << 2 << 2;
}

void TestTextCodec::textPositions()
{
    QFETCH(QByteArray, text);
    QFETCH(int, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    const TextPosition at = textPosition(text, offset);
    QCOMPARE(at.line, line);
    QCOMPARE(at.column, column);
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
