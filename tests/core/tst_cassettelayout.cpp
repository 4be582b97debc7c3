// SPDX-License-Identifier: MIT
// The cassette layout scanner that lets summary reading skip large response bodies: its scalar
// measurements must agree with libyaml's parser on what libyaml's emitter (VCR.py's writer) produces, and
// a summary read with elisions must equal a full read on every shape, including the ones built to fool it.
#include "core/recording/cassettelayout.h"
#include "core/recording/cassetteparser.h"
#include "testsupport.h"

#include <QTest>

#include <random>
#include <yaml.h>

using namespace tapedeck;
using namespace tapedeck::cassettelayout;

namespace {

// {string: value} written by libyaml's emitter in the given style (as PyYAML's CDumper writes it).
QByteArray emitted(const QByteArray &value, yaml_scalar_style_t style, bool unicode)
{
    yaml_emitter_t emitter;
    yaml_event_t event;
    QByteArray out;
    yaml_emitter_initialize(&emitter);
    yaml_emitter_set_output(
        &emitter,
        [](void *data, unsigned char *buffer, size_t size) {
            static_cast<QByteArray *>(data)->append(reinterpret_cast<const char *>(buffer), qsizetype(size));
            return 1;
        },
        &out);
    yaml_emitter_set_unicode(&emitter, unicode ? 1 : 0);
    yaml_emitter_set_width(&emitter, 80);
    const auto scalar = [&](const QByteArray &text, yaml_scalar_style_t s) {
        yaml_scalar_event_initialize(&event, nullptr, nullptr,
            reinterpret_cast<yaml_char_t *>(const_cast<char *>(text.constData())), int(text.size()), 1, 1, s);
        yaml_emitter_emit(&emitter, &event);
    };
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    yaml_emitter_emit(&emitter, &event);
    yaml_document_start_event_initialize(&event, nullptr, nullptr, nullptr, 1);
    yaml_emitter_emit(&emitter, &event);
    yaml_mapping_start_event_initialize(&event, nullptr, nullptr, 1, YAML_BLOCK_MAPPING_STYLE);
    yaml_emitter_emit(&emitter, &event);
    scalar("string", YAML_PLAIN_SCALAR_STYLE);
    scalar(value, style);
    yaml_mapping_end_event_initialize(&event);
    yaml_emitter_emit(&emitter, &event);
    yaml_document_end_event_initialize(&event, 1);
    yaml_emitter_emit(&emitter, &event);
    yaml_stream_end_event_initialize(&event);
    yaml_emitter_emit(&emitter, &event);
    yaml_emitter_delete(&emitter);
    return out;
}

// What libyaml's parser reads as the value of the mapping's only key; nullopt on a parse error.
std::optional<QByteArray> parsedValue(const QByteArray &yaml)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(
        &parser, reinterpret_cast<const unsigned char *>(yaml.constData()), size_t(yaml.size()));
    std::optional<QByteArray> value;
    int scalars = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            value.reset();
            break;
        }
        const yaml_event_type_t type = event.type;
        if (type == YAML_SCALAR_EVENT && ++scalars == 2)
            value = QByteArray(
                reinterpret_cast<const char *>(event.data.scalar.value), qsizetype(event.data.scalar.length));
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    return value;
}

QByteArray randomText(std::mt19937 &rng, int length)
{
    static const QList<QByteArray> pieces = { "a", "Z", "0", "{", "}", ":", ",", "\"", "'", "\\", " ", " ",
        "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\xc3\xa9", "\xe5\xa3\xb2", "\xf0\x9f\x98\x80", "\xc2\x85",
        "\xe2\x80\xa8", "\xe2\x80\xa9", "\xef\xbb\xbf", "\x01", "\x1b", "\x7f", "\xc2\xa0", "---", "...", "#",
        "- ", ": ", "word ", "longerword ", "\xe2\x80\x8b" };
    QByteArray out;
    std::uniform_int_distribution<int> pick(0, int(pieces.size()) - 1);
    while (out.size() < length)
        out += pieces.at(pick(rng));
    return out;
}

struct Parsed
{
    QList<CassetteInteraction> interactions;
    CassetteSummary summary;
};

Parsed parse(const QByteArray &yaml, CassetteParser::Mode mode)
{
    Parsed p;
    p.summary = CassetteParser::parse(
        yaml, QStringLiteral("c.yaml"),
        [&](CassetteInteraction &&i) {
            p.interactions.append(std::move(i));
            return true;
        },
        nullptr, mode);
    return p;
}

// A summary read (with elisions) must report what a full read reports.
void compareModes(const QByteArray &yaml)
{
    const Parsed full = parse(yaml, CassetteParser::Mode::Full);
    const Parsed quick = parse(yaml, CassetteParser::Mode::Summary);
    QCOMPARE(quick.summary.fault.has_value(), full.summary.fault.has_value());
    if (full.summary.fault)
        QCOMPARE(quick.summary.fault->message, full.summary.fault->message);
    QCOMPARE(quick.summary.version, full.summary.version);
    QCOMPARE(quick.summary.warnings, full.summary.warnings);
    QCOMPARE(quick.interactions.size(), full.interactions.size());
    for (qsizetype k = 0; k < full.interactions.size(); ++k) {
        const CassetteInteraction &a = full.interactions.at(k);
        const CassetteInteraction &b = quick.interactions.at(k);
        QCOMPARE(b.index, a.index);
        QCOMPARE(b.begin, a.begin);
        QCOMPARE(b.end, a.end);
        QCOMPARE(b.line, a.line);
        QCOMPARE(b.exchange.method, a.exchange.method);
        QCOMPARE(b.exchange.uri, a.exchange.uri);
        QCOMPARE(b.exchange.status, a.exchange.status);
        QCOMPARE(b.exchange.warnings, a.exchange.warnings);
        QVERIFY(b.exchange.requestBody == a.exchange.requestBody);
        QCOMPARE(b.requestBodySize, a.exchange.requestBody ? a.exchange.requestBody->size() : -1);
        QCOMPARE(b.responseBodySize, a.exchange.responseBody ? a.exchange.responseBody->size() : -1);
    }
}

QByteArray interaction(const QByteArray &requestBody, const QByteArray &responseBody, int status = 200)
{
    return "- request:\n    body: " + requestBody
        + "\n    headers:\n      Accept:\n      - application/json\n    method: GET\n"
          "    uri: http://example.test/a\n  response:\n    body:\n      string: "
        + responseBody
        + "\n    headers:\n      Content-Type:\n      - application/json\n    status:\n      code: "
        + QByteArray::number(status) + "\n      message: OK\n";
}

QByteArray cassette(const QList<QByteArray> &interactions)
{
    return "interactions:\n" + interactions.join() + "version: 1\n";
}

QByteArray large(char c = 'x', int size = 3000)
{
    return "'" + QByteArray(size, c) + "'";
}

} // namespace

class TestCassetteLayout : public QObject
{
    Q_OBJECT

private slots:
    void quotedScalarsAgreeWithLibyaml()
    {
        std::mt19937 rng(20261121);
        int measured = 0;
        int refused = 0;
        for (int round = 0; round < 3000; ++round) {
            const QByteArray value = randomText(rng, 1 + int(rng() % 400));
            const yaml_scalar_style_t style
                = round % 2 ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
            const QByteArray yaml = emitted(value, style, round % 3 == 0);
            const std::optional<QByteArray> parsed = parsedValue(yaml);
            const qsizetype at = yaml.indexOf("string: ") + 8;
            if (yaml.at(at) != '\'' && yaml.at(at) != '"')
                continue; // the emitter chose another style (plain or literal)
            const std::optional<Measured> m = measureQuoted(yaml, at);
            if (!parsed) {
                QVERIFY2(!m, yaml.constData()); // libyaml refuses: so must we
                continue;
            }
            if (!m) {
                ++refused; // allowed (we leave it to libyaml), but must stay rare
                continue;
            }
            ++measured;
            QVERIFY2(m->size == parsed->size(), yaml.constData());
            QCOMPARE(m->valueLength, m->size);
            QCOMPARE(yaml.at(m->end - 1), yaml.at(at));
            QCOMPARE(yaml.mid(m->end).trimmed(), QByteArray());
            QCOMPARE(m->breaks, int(yaml.mid(at, m->end - at).count('\n')));
        }
        QVERIFY(measured > 1500);
        QVERIFY2(refused < measured / 20, qPrintable(QString::number(refused)));
    }

    void quotedEdgeCases_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::newRow("folded line") << QByteArray("k: 'a\n  b'\n");
        QTest::newRow("trailing blanks before break") << QByteArray("k: 'a   \n  b'\n");
        QTest::newRow("blank lines") << QByteArray("k: 'a\n\n\n  b'\n");
        QTest::newRow("crlf") << QByteArray("k: 'a\r\n  b\r\n\r\n  c'\r\n");
        QTest::newRow("escaped break") << QByteArray("k: \"a\\\n  b\"\n");
        QTest::newRow("escaped break then blank line") << QByteArray("k: \"a\\\n\n  b\"\n");
        QTest::newRow("escaped space") << QByteArray("k: \"a\n  \\ b\"\n");
        QTest::newRow("escapes") << QByteArray(
            "k: \"\\0\\a\\b\\t\\\t\\n\\v\\f\\r\\e\\ \\\"\\\\\\N\\_\\L\\P\"\n");
        QTest::newRow("hex escapes") << QByteArray("k: \"\\x41\\xe9\\u58F2\\U0001F600\"\n");
        QTest::newRow("quote pairs") << QByteArray("k: 'it''s '''\n");
        QTest::newRow("nel and ls breaks") << QByteArray("k: 'a\xc2\x85  b\xe2\x80\xa8 c'\n");
        QTest::newRow("tabs") << QByteArray("k: 'a\t\tb\t\n\tc'\n");
        QTest::newRow("leading and trailing spaces") << QByteArray("k: '  a  '\n");
        QTest::newRow("document marker") << QByteArray("k: 'a\n--- b'\n");
        QTest::newRow("document end marker") << QByteArray("k: 'a\n...\n'\n");
        QTest::newRow("control character") << QByteArray("k: 'a\x01'\n");
        QTest::newRow("C1 control") << QByteArray("k: 'a\xc2\x9a'\n");
        QTest::newRow("unknown escape") << QByteArray("k: \"a\\q\"\n");
        QTest::newRow("surrogate escape") << QByteArray("k: \"\\uD800\"\n");
        QTest::newRow("unterminated") << QByteArray("k: 'abc\n");
        QTest::newRow("empty") << QByteArray("k: ''\n");
    }

    void quotedEdgeCases()
    {
        QFETCH(QByteArray, yaml);
        const std::optional<QByteArray> parsed = parsedValue(yaml);
        const std::optional<Measured> m = measureQuoted(yaml, 3);
        if (!parsed) {
            QVERIFY(!m);
            return;
        }
        QVERIFY(m);
        QCOMPARE(m->size, parsed->size());
        QCOMPARE(yaml.at(m->end - 1), yaml.at(3));
    }

    void binaryLiteralsAgreeWithLibyaml()
    {
        for (const int size : { 1, 2, 3, 56, 57, 58, 3000 }) {
            const QByteArray bytes = test::pseudoRandom(size, quint64(size));
            QByteArray base64 = bytes.toBase64();
            QByteArray yaml = "    body:\n      string: !!binary |\n";
            for (qsizetype at = 0; at < base64.size(); at += 76)
                yaml += "        " + base64.mid(at, 76) + "\n";
            yaml += "    headers: {}\n";
            const qsizetype tag = yaml.indexOf("!!binary");
            const std::optional<Measured> m = measureBinaryLiteral(yaml, tag, 6);
            QVERIFY(m);
            QCOMPARE(m->size, qint64(size));
            QByteArray block = "string: !!binary |\n";
            for (qsizetype at = 0; at < base64.size(); at += 76)
                block += "  " + base64.mid(at, 76) + "\n";
            const std::optional<QByteArray> parsed = parsedValue(block + "x: 1\n");
            QVERIFY(parsed);
            QCOMPARE(m->valueLength, parsed->size());
            QCOMPARE(yaml.at(m->end), '\n');
            QVERIFY(yaml.mid(m->end).startsWith("\n    headers"));
        }
        // Not what PyYAML writes: left to libyaml.
        QVERIFY(!measureBinaryLiteral("!!binary |\n        QUJD\n\n        QUJD\n", 0, 6)); // blank line
        QVERIFY(!measureBinaryLiteral("!!binary |\n        QUJD\n          QUJD\n", 0, 6)); // deeper line
        QVERIFY(!measureBinaryLiteral("!!binary |\n        QU*D\n", 0, 6)); // not base64
        QVERIFY(!measureBinaryLiteral("!!binary |\n      QUJD\n", 0, 6)); // not indented below the key
        QVERIFY(!measureBinaryLiteral("!!binary |-\n        QUJD\n", 0, 6)); // a chomping indicator
    }

    void scannerProposesResponseBodiesOnly()
    {
        const QByteArray yaml
            = cassette({ interaction(large('r'), large('a')), interaction("null", "'small'"),
                interaction("null", large('b', 1024)), interaction("null", large('c', 1025)) });
        LayoutScanner scanner(yaml, 1024);
        scanner.advanceTo(yaml.size());
        QVERIFY(!scanner.gaveUp());
        QCOMPARE(scanner.elisions().size(), size_t(2)); // not the request body, not the small ones
        const Elision &first = scanner.elisions().front();
        QCOMPARE(yaml.mid(first.begin, first.end - first.begin), large('a'));
        QCOMPARE(first.size, 3000);
        QCOMPARE(scanner.elisions().back().size, 1025);
    }

    void summaryEqualsFullRead_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        const QByteArray body = large();
        QTest::newRow("plain") << cassette({ interaction("null", body), interaction("'{}'", body, 404) });
        // The response pattern inside a request body: a scalar PyYAML would never indent like this.
        QTest::newRow("pattern inside a request body") << cassette(
            { interaction(
                  "'start\n  response:\n    body:\n      string: " + QByteArray(3000, 'q') + " end'", body),
                interaction("null", body) });
        QTest::newRow("pattern inside a request body, quoted")
            << cassette({ interaction("\"start\n  response:\n    body:\n      string: '"
                                  + QByteArray(3000, 'q') + "' end\"",
                              body),
                   interaction("null", body) });
        QTest::newRow("deeper line after the body") << cassette(
            { "- request:\n    body: null\n    method: GET\n    uri: http://a\n  response:\n    body:\n"
              "      string: "
                + body + "\n        more\n    status:\n      code: 200\n" });
        QTest::newRow("our placeholder spelled out")
            << cassette({ interaction("null", "!tapedeck/elided 0"), interaction("null", body) });
        QTest::newRow("our placeholder spelled out with a number in use")
            << cassette({ interaction("null", body), interaction("null", "!tapedeck/elided 0") });
        QTest::newRow("truncated inside a body") << QByteArray("interactions:\n") + interaction("null", body)
                + interaction("null", body).left(400);
        QTest::newRow("fault after elided bodies")
            << cassette({ interaction("null", body), interaction("null", body), "- request: [unclosed\n" });
        QTest::newRow("multi-line bodies shift lines") << cassette(
            { interaction("null", "'" + QByteArray(500, 'a') + "\n\n        " + QByteArray(800, 'b') + "'"),
                interaction("null", body), "- request:\n    body: !!python/weird 1\n" });
        QTest::newRow("anchored body")
            << cassette({ interaction("null", "&b " + body), interaction("null", "*b") });
        QTest::newRow("binary body") << cassette({ interaction("null",
            "!!binary |\n        " + QByteArray(76, 'A') + "\n        " + QByteArray(76, 'B') + "\n        "
                + QByteArray(76, 'C') + "\n        " + QByteArray(76, 'D') + "\n        "
                + QByteArray(76, 'E') + "\n        " + QByteArray(76, 'F') + "\n        "
                + QByteArray(76, 'G') + "\n        " + QByteArray(76, 'H') + "\n        "
                + QByteArray(76, 'I') + "\n        " + QByteArray(76, 'J') + "\n        "
                + QByteArray(76, 'K') + "\n        " + QByteArray(76, 'L') + "\n        "
                + QByteArray(76, 'M') + "\n        " + QByteArray(76, 'N') + "\n        "
                + QByteArray(8, 'O')) });
        QTest::newRow("flow collection gives up") << cassette({ interaction("null", body),
            "- {request: {method: GET}, response: {status: 200}}\n", interaction("null", body) });
        QTest::newRow("comments give up")
            << cassette({ interaction("null", body) + "# note\n", interaction("null", body) });
        QTest::newRow("invalid utf-8 in a body") << cassette(
            { interaction("null", "'" + QByteArray(2000, 'a') + "\xff\xfe" + QByteArray(2000, 'b') + "'"),
                interaction("null", body) });
        QTest::newRow("crlf")
            << cassette({ interaction("null", body), interaction("null", body) }).replace("\n", "\r\n");
    }

    void summaryEqualsFullRead()
    {
        QFETCH(QByteArray, yaml);
        compareModes(yaml);
    }

    void summaryEqualsFullReadOnRandomBodies()
    {
        // Bodies as libyaml's emitter writes them, in both quoting styles, with every awkward character.
        std::mt19937 rng(7);
        QList<QByteArray> items;
        for (int k = 0; k < 200; ++k) {
            const QByteArray text = randomText(rng, 900 + int(rng() % 2000));
            QByteArray scalar = emitted(
                text, k % 2 ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE, k % 3 == 0);
            scalar = scalar.mid(scalar.indexOf("string: ") + 8).trimmed();
            scalar.replace("\n", "\n      "); // indented below "string:" as in a cassette
            items.append(interaction("null", scalar));
        }
        compareModes(cassette(items));
    }
};

QTEST_GUILESS_MAIN(TestCassetteLayout)
#include "tst_cassettelayout.moc"
