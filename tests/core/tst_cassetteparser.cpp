// SPDX-License-Identifier: MIT
// Tests the VCR.py cassette reader: the sample recording's cassette, lazy re-reads, faults and odd bytes.
#include "core/archive/ziparchive.h"
#include "core/common/aliasexpansion.h"
#include "core/common/nesting.h"
#include "core/recording/cassetteparser.h"
#include "cassettesupport.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace Qt::StringLiterals;

namespace {

QByteArray sampleCassette()
{
    auto archive = ZipArchive::open(test::samplePath());
    if (!archive)
        return {};
    (*archive)->setPassword(test::SamplePassword);
    const ZipEntry *e = (*archive)->find(QStringLiteral("http/cassette.yaml"));
    if (!e)
        return {};
    Result<QByteArray> data = (*archive)->readAll(*e);
    return data ? *data : QByteArray();
}

QList<CassetteInteraction> parseAll(const QByteArray &yaml, CassetteSummary *summary = nullptr,
    CassetteParser::Mode mode = CassetteParser::Mode::Full)
{
    QList<CassetteInteraction> all;
    const CassetteSummary s = CassetteParser::parse(
        yaml, QStringLiteral("cassette.yaml"),
        [&](CassetteInteraction &&i) {
            all.append(std::move(i));
            return true;
        },
        nullptr, mode);
    if (summary)
        *summary = s;
    return all;
}

// One interaction as VCR.py writes it (block style), with extra lines in its request (indented 4).
QByteArray interaction(int n, const QByteArray &requestLines = {})
{
    return "- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/"
        + QByteArray::number(n) + "\n" + requestLines
        + "  response:\n    body: {string: ok}\n    headers: {}\n" + "    status: {code: 200, message: OK}\n";
}

// A cassette whose interactions carry the given extra request lines (none for the others), count in all.
QByteArray cassette(const QList<QByteArray> &extras, int count)
{
    QByteArray yaml = "interactions:\n";
    for (int n = 0; n < count; ++n)
        yaml += interaction(n, n < extras.size() ? extras.at(n) : QByteArray());
    return yaml + "version: 1\n";
}

// The line of the first occurrence of what in yaml (1-based).
int lineOf(const QByteArray &yaml, const QByteArray &what)
{
    return int(yaml.first(yaml.indexOf(what)).count('\n')) + 1;
}

// levels of nesting written out as a request value, in the shape given; the deepest collection is at level
// 4 + levels in the document (root mapping, interactions, the interaction, its request).
QByteArray nested(const QString &shape, int levels)
{
    if (shape == u"flow sequences")
        return "    extra: " + QByteArray(levels, '[') + QByteArray(levels, ']') + "\n";
    if (shape == u"flow mappings")
        return "    extra: " + QByteArray("{a: ").repeated(levels) + "1" + QByteArray(levels, '}') + "\n";
    if (shape == u"block sequences")
        return "    extra:\n    " + QByteArray("- ").repeated(levels) + "1\n";
    QByteArray lines = "    extra:\n"; // block mappings
    for (int k = 0; k < levels; ++k)
        lines += QByteArray(6 + 2 * k, ' ') + "a:" + (k + 1 == levels ? " 1\n" : "\n");
    return lines;
}

} // namespace

class TestCassetteParser : public QObject
{
    Q_OBJECT

private slots:
    void sample()
    {
        const QByteArray yaml = sampleCassette();
        QVERIFY(!yaml.isEmpty());
        CassetteSummary summary;
        const QList<CassetteInteraction> all = parseAll(yaml, &summary);
        QVERIFY2(!summary.fault, qPrintable(summary.fault ? summary.fault->message : QString()));
        QCOMPARE(summary.version, 1);
        QCOMPARE(all.size(), 12);
        QCOMPARE(all.first().exchange.method, QStringLiteral("GET"));
        QVERIFY(all.first().exchange.uri.endsWith(QLatin1String("/config")));
        QCOMPARE(all.first().exchange.status, 200);
        QCOMPARE(all.last().exchange.status, 500);
        int binary = 0;
        for (const CassetteInteraction &i : all) {
            QVERIFY2(i.exchange.warnings.isEmpty(), qPrintable(i.exchange.warnings.join(QLatin1Char('|'))));
            if (i.exchange.responseBody && i.exchange.responseBody->startsWith("\x89PNG"))
                ++binary;
            // Every interaction re-reads alone from its byte range, identically.
            const Result<HttpExchange> again
                = CassetteParser::parseInteraction(yaml, i.begin, i.end, QStringLiteral("cassette.yaml"));
            QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
            QCOMPARE(again->method, i.exchange.method);
            QCOMPARE(again->uri, i.exchange.uri);
            QCOMPARE(again->status, i.exchange.status);
            QVERIFY(again->requestBody == i.exchange.requestBody);
            QVERIFY(again->responseBody == i.exchange.responseBody);
            QCOMPARE(again->responseHeaders.size(), i.exchange.responseHeaders.size());
        }
        QCOMPARE(binary, 1);
        // Repeated response headers stay separate values.
        const auto login = std::find_if(all.cbegin(), all.cend(),
            [](const CassetteInteraction &i) { return i.exchange.uri.endsWith(QLatin1String("/login")); });
        QVERIFY(login != all.cend());
        QCOMPARE(HttpExchange::headerValues(login->exchange.responseHeaders, u"set-cookie").size(), 2);
    }

    void summaryModeOnTwoThreadsMatchesFullMode()
    {
        // Large enough to be split across two threads; the summary must agree with a full read.
        QTemporaryDir dir;
        const test::ProcessResult gen = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/../bench/gen_recording.py"), dir.path(),
                QStringLiteral("--size-mb"), QStringLiteral("24") });
        QCOMPARE(gen.exitCode, 0);
        const QByteArray yaml = test::readFile(dir.filePath(QStringLiteral("http/cassette.yaml")));
        QVERIFY(yaml.size() > (16 << 20));
        CassetteSummary fullSummary;
        const QList<CassetteInteraction> full = parseAll(yaml, &fullSummary);
        QList<CassetteInteraction> summary;
        const CassetteSummary s = CassetteParser::parse(
            yaml, QStringLiteral("c.yaml"),
            [&](CassetteInteraction &&i) {
                summary.append(std::move(i));
                return true;
            },
            nullptr, CassetteParser::Mode::Summary);
        QVERIFY(!s.fault && !fullSummary.fault);
        QCOMPARE(s.version, 1);
        QCOMPARE(summary.size(), full.size());
        for (qsizetype k = 0; k < full.size(); ++k) {
            const CassetteInteraction &a = full.at(k);
            const CassetteInteraction &b = summary.at(k);
            QCOMPARE(b.index, k);
            QCOMPARE(b.begin, a.begin);
            QCOMPARE(b.end, a.end);
            QCOMPARE(b.line, a.line);
            QCOMPARE(b.exchange.uri, a.exchange.uri);
            QCOMPARE(b.exchange.status, a.exchange.status);
            QCOMPARE(b.requestBodySize, a.exchange.requestBody ? a.exchange.requestBody->size() : -1);
            QCOMPARE(b.responseBodySize, a.exchange.responseBody ? a.exchange.responseBody->size() : -1);
            QVERIFY(
                b.exchange.requestBody == a.exchange.requestBody); // requests are kept (MCPs ride in them)
        }
    }

    void faultKeepsEarlierInteractions()
    {
        const QByteArray yaml = sampleCassette();
        // Cut inside the 6th interaction: five complete ones come out, then the fault with its line.
        qsizetype cut = 0;
        for (int i = 0; i < 6; ++i)
            cut = yaml.indexOf("\n- request:", cut + 1);
        CassetteSummary summary;
        const QList<CassetteInteraction> all
            = parseAll(yaml.left(cut + 40) + "\n  bad: [unclosed\n", &summary);
        QVERIFY(summary.fault.has_value());
        QVERIFY2(summary.fault->message.contains(QLatin1String("line ")), qPrintable(summary.fault->message));
        QVERIFY2(
            summary.fault->message.contains(QLatin1String("column ")), qPrintable(summary.fault->message));
        QCOMPARE(all.size(), 5);
    }

    void invalidUtf8IsAWarningNotAFault()
    {
        QByteArray yaml
            = "interactions:\n- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: "
              "http://x/a\n"
              "  response:\n    body: {string: 'ok \xff\xfe here'}\n    headers: {}\n    status: {code: 200, "
              "message: OK}\n"
              "- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/b\n"
              "  response:\n    body: {string: fine}\n    headers: {}\n    status: {code: 201, message: "
              "Created}\nversion: 1\n";
        CassetteSummary summary;
        const QList<CassetteInteraction> all = parseAll(yaml, &summary);
        QVERIFY(!summary.fault);
        QCOMPARE(all.size(), 2);
        QVERIFY(!all.at(0).exchange.warnings.isEmpty());
        QVERIFY(all.at(1).exchange.warnings.isEmpty());
        QCOMPARE(all.at(1).exchange.status, 201);
    }

    void controlCharactersAreWarningsToo()
    {
        // A NUL in a response (libyaml refuses the whole file, at "line 1, column 1", however far in it is):
        // shown as '?' like bytes that are not UTF-8, with the interactions before and after it.
        QByteArray yaml = cassette({}, 3);
        const qsizetype at = yaml.indexOf("ok}", yaml.indexOf("http://x/1"));
        yaml[at + 1] = '\0';
        const qsizetype c1 = yaml.indexOf("x/2");
        yaml.replace(c1, 1, "\xc2\x9b"); // a C1 control
        for (const CassetteParser::Mode mode : { CassetteParser::Mode::Full, CassetteParser::Mode::Summary }) {
            CassetteSummary summary;
            const QList<CassetteInteraction> all = parseAll(yaml, &summary, mode);
            QVERIFY2(!summary.fault, qPrintable(summary.fault ? summary.fault->message : QString()));
            QCOMPARE(all.size(), 3);
            QCOMPARE(summary.version, 1);
            QCOMPARE(summary.warnings,
                QStringList { u"cassette.yaml holds 2 character(s) YAML does not allow, shown as '?'"_s });
            QVERIFY(all.at(0).exchange.warnings.isEmpty());
            QCOMPARE(all.at(1).exchange.warnings,
                QStringList { u"U+0000, which YAML does not allow, at offset %1 replaced by '?'"_s.arg(at + 1) });
            QCOMPARE(all.at(2).exchange.warnings,
                QStringList { u"U+009B, which YAML does not allow, at offset %1 replaced by '?'"_s.arg(c1) });
            QCOMPARE(all.at(2).exchange.uri, u"http://?" "?/2"_s); // two bytes, two marks
        }
    }

    // fuzz_cassette's findings summary-malformed, range-order and reread-invalid-utf8: on broken YAML the
    // index (summary reading) and `show` (full reading, re-reading an interaction alone) disagreed.
    void brokenCassettesReadTheSameEveryWay_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("interactions");
        QTest::addColumn<QString>("fault"); // part of it; empty for none
        QTest::addRow("empty item at the end") << QByteArray("\n-") << 1 << QString();
        QTest::addRow("scalar item, then garbage") << QByteArray("- t\nY") << 1 << u"line 3, column 1"_s;
        QTest::addRow("mapping item, then a key") << QByteArray("- r:\nr:") << 1 << u"line 2, column 1"_s;
        QTest::addRow("list item, its dash above") << QByteArray("-\n - \x98") << 1 << QString();
        QTest::addRow("bad bytes in a scalar item")
            << QByteArray("interactions:\n- re\xf6\xff\xff\xfftS:b\n") << 1 << QString();
        // libyaml fails inside the item, looking for the ':' of the line after it: no interaction.
        QTest::addRow("item, then a plain line") << QByteArray("- e:\nh\n") << 0 << u"line 3, column 1"_s;
        // A lone CR is a line break to libyaml (and NEL, LS, PS): lines count them everywhere.
        QTest::addRow("CR line break") << QByteArray("\r- c") << 1 << QString();
        QTest::addRow("LS line break") << QByteArray("- a: 1\xe2\x80\xa8\n- c") << 2 << QString();
        QTest::addRow("NUL after the list") << QByteArray("interactions:\n-\nversion: 1\n- n:\nr\0") << 1
                                            << u"line 4, column 1"_s;
        // The list's start is where reading may restart: not the first "- " further on.
        QTest::addRow("first item's dash alone") << QByteArray("interactions:\n-\n - s:\n- ") << 2 << QString();
        QTest::addRow("bad bytes after the list")
            << QByteArray("interactions:\n- \ns:\n- r:\n  - a\ne:\n\xc5") << 1 << QString();
        // An item after a NEL line break: read again from the end of the one before, not from its line's
        // start (a restart there read another structure and failed elsewhere).
        QTest::addRow("item after NEL, then a cut quote")
            << QByteArray("interactions:\n- h:\xc2\x85- - '") << 1 << u"line 3, column 6"_s;
        QByteArray longHeaders = "interactions:\n- request: {}\n  response:\n    headers:\n      a"
            + QByteArray(2 << 20, 'b') + "\n    status: {code: 200}\n";
        QTest::addRow("elided headers that are not a mapping") << longHeaders << 1 << QString();
    }

    void brokenCassettesReadTheSameEveryWay()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, interactions);
        QFETCH(QString, fault);
        CassetteSummary full, summary;
        const QList<CassetteInteraction> a = parseAll(yaml, &full);
        const QList<CassetteInteraction> b = parseAll(yaml, &summary, CassetteParser::Mode::Summary);
        QCOMPARE(a.size(), interactions);
        QCOMPARE(b.size(), interactions);
        QCOMPARE(full.fault.has_value(), !fault.isEmpty());
        QCOMPARE(summary.fault.has_value(), !fault.isEmpty());
        if (full.fault) {
            QVERIFY2(full.fault->message.contains(fault), qPrintable(full.fault->message));
            QCOMPARE(summary.fault->message, full.fault->message);
        }
        QCOMPARE(summary.warnings, full.warnings);
        QCOMPARE(summary.version, full.version);
        qint64 previousEnd = 0;
        for (qsizetype k = 0; k < a.size(); ++k) {
            QCOMPARE(b.at(k).begin, a.at(k).begin);
            QCOMPARE(b.at(k).end, a.at(k).end);
            QVERIFY(a.at(k).begin >= previousEnd && a.at(k).begin <= a.at(k).end && a.at(k).end <= yaml.size());
            previousEnd = a.at(k).end;
            QCOMPARE(b.at(k).exchange.warnings, a.at(k).exchange.warnings);
            QCOMPARE(b.at(k).line, a.at(k).line);
            const Result<HttpExchange> again
                = CassetteParser::parseInteraction(yaml, a.at(k).begin, a.at(k).end, u"cassette.yaml"_s);
            QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
            QCOMPARE(again->warnings, a.at(k).exchange.warnings);
        }
    }

    // fuzz_cassette's finding summary-broken: byte ranges came from libyaml's character positions through a
    // cursor that miscounted a multi-byte character cut by its 8-byte steps, so ranges after it were off.
    void rangesAreBytesWhateverTheCharacters()
    {
        // The same layout twice: with characters of 2, 3 and 4 bytes just before an item's end, and with as many
        // ASCII letters in their place.
        for (int shift = 0; shift < 16; ++shift) {
            QByteArray yaml = "interactions:\n";
            for (int n = 0; n < 4; ++n)
                yaml += "- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/\n"
                        "  response:\n    body: {string: ok}\n    headers: {}\n    status: {code: 200, message: "
                    + QByteArray(shift + n, 'a') + "\xe2\x82\xac\xc3\xa9\xf0\x9f\x98\x80}\n";
            yaml += "version: 1\n";
            const QByteArray ascii = QByteArray(yaml).replace("\xe2\x82\xac", "EUR").replace("\xc3\xa9", "Ex").replace("\xf0\x9f\x98\x80", "EMOJ");
            QCOMPARE(ascii.size(), yaml.size());
            for (const CassetteParser::Mode mode : { CassetteParser::Mode::Full, CassetteParser::Mode::Summary }) {
                const QList<CassetteInteraction> a = parseAll(ascii, nullptr, mode);
                const QList<CassetteInteraction> b = parseAll(yaml, nullptr, mode);
                QCOMPARE(a.size(), 4);
                QCOMPARE(b.size(), 4);
                for (qsizetype k = 0; k < 4; ++k) {
                    QCOMPARE(b.at(k).begin, a.at(k).begin);
                    QCOMPARE(b.at(k).end, a.at(k).end);
                    QCOMPARE(b.at(k).begin, yaml.indexOf("- request", k == 0 ? 0 : b.at(k - 1).end));
                }
            }
        }
    }

    // fuzz_cassette's finding summary-elision: summary reading measured every long scalar below a response
    // (a header value, the reason, a body outside "string") and lost it from the index.
    void summaryElidesOnlyTheBodyText_data()
    {
        QTest::addColumn<QByteArray>("response"); // the response's lines, indented 4
        QTest::addColumn<bool>("elided"); // whether summary reading measures the body instead of reading it
        const QByteArray big(3000, 'v');
        QTest::addRow("long header value (block)")
            << "    body: {string: ok}\n    headers:\n      X-Long:\n      - " + big
                + "\n    status: {code: 200, message: OK}\n"
            << false;
        QTest::addRow("long header value (flow)")
            << "    body: {string: ok}\n    headers: {X-Long: ['" + big + "']}\n    status: {code: 200, message: OK}\n"
            << false;
        QTest::addRow("long reason") << "    body: {string: ok}\n    headers: {}\n    status:\n      code: 200\n"
                                        "      message: "
                + big + "\n"
                                     << false;
        QTest::addRow("long body outside string")
            << "    body: " + big + "\n    headers: {}\n    status: {code: 200, message: OK}\n" << false;
        QTest::addRow("long body text (plain)")
            << "    body:\n      string: " + big + "\n    headers: {}\n    status: {code: 200, message: OK}\n"
            << true;
        QTest::addRow("long body text (quoted)") << "    body:\n      string: '" + big
                + "'\n    headers: {}\n    status: {code: 200, message: OK}\n"
                                                 << true;
        QTest::addRow("long body text (flow)")
            << "    body: {string: '" + big + "'}\n    headers: {}\n    status: {code: 200, message: OK}\n" << true;
    }

    void summaryElidesOnlyTheBodyText()
    {
        QFETCH(QByteArray, response);
        QFETCH(bool, elided);
        const QByteArray one = "- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/\n"
                               "  response:\n"
            + response;
        const QByteArray yaml = "interactions:\n" + one + one + "version: 1\n";
        CassetteSummary fullSummary, quickSummary;
        const QList<CassetteInteraction> full = parseAll(yaml, &fullSummary);
        const QList<CassetteInteraction> quick = parseAll(yaml, &quickSummary, CassetteParser::Mode::Summary);
        QVERIFY(!fullSummary.fault && !quickSummary.fault);
        QCOMPARE(full.size(), 2);
        QCOMPARE(quick.size(), 2);
        for (qsizetype k = 0; k < 2; ++k) {
            const HttpExchange &a = full.at(k).exchange;
            const HttpExchange &b = quick.at(k).exchange;
            QVERIFY(test::sameHeaders(b.responseHeaders, a.responseHeaders));
            QCOMPARE(b.statusMessage, a.statusMessage);
            QCOMPARE(b.status, 200);
            QVERIFY(a.responseBody.has_value());
            QCOMPARE(quick.at(k).responseBodySize, a.responseBody->size());
            // An elided body is measured, not copied; any other is read whole.
            QCOMPARE(b.responseBody.has_value() && b.responseBody->size() == a.responseBody->size(), !elided);
        }
        const HttpExchange &read = full.at(0).exchange; // the long scalar is in it
        QVERIFY(read.responseBody->size() >= 3000
            || (!read.responseHeaders.isEmpty() && read.responseHeaders.first().value.size() >= 3000)
            || read.statusMessage.size() >= 3000);
    }

    void nestingLimit_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<int>("levels"); // of the request value
        QTest::addColumn<bool>("refused");
        const int atLimit = Nesting::MaxDepth - 4;
        for (const QString &shape :
            { u"flow sequences"_s, u"flow mappings"_s, u"block sequences"_s, u"block mappings"_s }) {
            QTest::addRow("%s at the limit", qPrintable(shape)) << shape << atLimit << false;
            QTest::addRow("%s one deeper", qPrintable(shape)) << shape << atLimit + 1 << true;
        }
        QTest::addRow("100,000 flow sequences") << u"flow sequences"_s << 100'000 << true;
        QTest::addRow("100,000 flow mappings") << u"flow mappings"_s << 100'000 << true;
    }

    void nestingLimit()
    {
        // Deep YAML in an interaction (a request field [[[…]]]) stops the reading there with the one nesting
        // rule: the interaction before it is delivered, the fault names the limit and the line; nothing after
        // it is invented. Both readings agree.
        QFETCH(QString, shape);
        QFETCH(int, levels);
        QFETCH(bool, refused);
        const QByteArray yaml = cassette({ {}, nested(shape, levels) }, 3);
        for (const CassetteParser::Mode mode :
            { CassetteParser::Mode::Full, CassetteParser::Mode::Summary }) {
            CassetteSummary summary;
            const QList<CassetteInteraction> all = parseAll(yaml, &summary, mode);
            if (!refused) {
                QVERIFY2(!summary.fault, qPrintable(summary.fault ? summary.fault->message : QString()));
                QCOMPARE(all.size(), 3);
                continue;
            }
            QVERIFY(summary.fault);
            QCOMPARE(summary.fault->code, ErrorCode::InvalidInput);
            QVERIFY2(
                summary.fault->message.startsWith(u"cassette.yaml: "_s), qPrintable(summary.fault->message));
            QVERIFY2(summary.fault->message.contains(Nesting::tooDeep()), qPrintable(summary.fault->message));
            // The collection that goes one level too deep: on the request line (flow), or the line of the
            // 997th key or dash (block; a block sequence's dashes share one line).
            const int line = shape == u"block mappings"_s
                ? lineOf(yaml, "    extra:") + Nesting::MaxDepth - 4 + 1
                : lineOf(yaml, shape == u"block sequences"_s ? "    - - " : "    extra:");
            QVERIFY2(summary.fault->message.endsWith(u"(line %1)"_s.arg(line)),
                qPrintable(summary.fault->message));
            QCOMPARE(all.size(), 1);
            QCOMPARE(all.first().exchange.uri, u"http://x/0"_s);
        }
    }

    void nestingThroughAnAlias()
    {
        // An alias counts the nesting of its anchor where it lands: 600 levels put below 500 are 1100.
        const QByteArray deep = QByteArray(600, '[') + QByteArray(600, ']');
        const QByteArray lines = "    anchored: &deep " + deep + "\n    extra: " + QByteArray(500, '[')
            + "*deep" + QByteArray(500, ']') + "\n";
        const QByteArray yaml = cassette({ {}, lines }, 3);
        for (const CassetteParser::Mode mode :
            { CassetteParser::Mode::Full, CassetteParser::Mode::Summary }) {
            CassetteSummary summary;
            const QList<CassetteInteraction> all = parseAll(yaml, &summary, mode);
            QVERIFY(summary.fault);
            QVERIFY2(summary.fault->message.contains(Nesting::tooDeep()), qPrintable(summary.fault->message));
            QVERIFY2(summary.fault->message.endsWith(u"(line %1)"_s.arg(lineOf(yaml, "    extra:"))),
                qPrintable(summary.fault->message));
            QCOMPARE(all.size(), 1);
        }
        // The same alias less deep is read.
        const QByteArray fine
            = cassette({ {}, "    anchored: &deep " + deep + "\n    extra: [[*deep]]\n" }, 3);
        CassetteSummary summary;
        QCOMPARE(parseAll(fine, &summary).size(), 3);
        QVERIFY(!summary.fault);
    }

    void billionLaughs()
    {
        // Each line repeats the one before ten times: 10^7 "lol"s written in a few hundred bytes. The copies
        // the aliases make stop at the budget, in both readings, after the interaction before.
        QByteArray lines
            = "    x0: &a0 "
              "[\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (int k = 1; k <= 6; ++k) {
            const QByteArray alias = "*a" + QByteArray::number(k - 1);
            lines += "    x" + QByteArray::number(k) + ": &a" + QByteArray::number(k) + " ["
                + QByteArray(alias + ",").repeated(9) + alias + "]\n";
        }
        const QByteArray yaml = cassette({ {}, lines }, 3);
        QVERIFY(yaml.size() < 2000);
        for (const CassetteParser::Mode mode :
            { CassetteParser::Mode::Full, CassetteParser::Mode::Summary }) {
            CassetteSummary summary;
            const QList<CassetteInteraction> all = parseAll(yaml, &summary, mode);
            QVERIFY(summary.fault);
            QVERIFY2(
                summary.fault->message.contains(
                    u"aliases that expand to more than 4.0 MiB at once (the file's size, at least 4.0 MiB)"_s),
                qPrintable(summary.fault->message));
            // The copies x1..x4 make cost about 2.3 MB (16 a node, 3 a "lol"), x5's 21 MB more.
            QVERIFY2(summary.fault->message.endsWith(u"(line %1)"_s.arg(lineOf(yaml, "    x5:"))),
                qPrintable(summary.fault->message));
            QCOMPARE(all.size(), 1);
        }
    }

    void aliasCopiesHeldAtOnce_data()
    {
        QTest::addColumn<int>("padding"); // bytes of body text in the first interaction
        QTest::addColumn<bool>("refused");
        QTest::newRow("small file") << 0 << true;
        // What may be held at once grows with the file: as much as a file that size holds anyway.
        QTest::newRow("8 MiB file") << (8 << 20) << false;
    }

    void aliasCopiesHeldAtOnce()
    {
        // One interaction repeats an anchor of 2,000 empty lists 200 times: about 6.4 MB of copies held at
        // once, more than a small file may hold, and less than an 8 MiB one.
        QFETCH(int, padding);
        QFETCH(bool, refused);
        QByteArray list = "[";
        for (int k = 0; k < 2000; ++k)
            list += k ? ", []" : "[]";
        list += "]";
        const QByteArray aliases = QByteArray("*big, ").repeated(199) + "*big";
        QByteArray yaml
            = cassette({ "    anchored: &big " + list + "\n", "    extra: [" + aliases + "]\n" }, 3);
        if (padding > 0)
            yaml.insert(yaml.indexOf("{string: ok}") + 9, QByteArray(padding, 'p')); // the first response
        const qint64 held = 200 * AliasExpansion::costOf(2001, 0);
        QVERIFY(held > AliasExpansion::MinBudget && held < (8 << 20));
        for (const CassetteParser::Mode mode :
            { CassetteParser::Mode::Full, CassetteParser::Mode::Summary }) {
            CassetteSummary summary;
            const QList<CassetteInteraction> all = parseAll(yaml, &summary, mode);
            if (!refused) {
                QVERIFY2(!summary.fault, qPrintable(summary.fault ? summary.fault->message : QString()));
                QCOMPARE(all.size(), 3);
                continue;
            }
            QVERIFY(summary.fault);
            QVERIFY2(summary.fault->message.contains(u"aliases that expand to more than 4.0 MiB at once"_s),
                qPrintable(summary.fault->message));
            QCOMPARE(all.size(), 1);
        }
    }

    void aliasBudgetCountsTheWholeDocument()
    {
        // One anchor of 2,000 empty lists, repeated once by each later interaction: each interaction holds
        // one small copy, but together the copies pass what the document may copy in all.
        QByteArray list = "[";
        for (int k = 0; k < 2000; ++k)
            list += k ? ", []" : "[]";
        list += "]";
        QList<QByteArray> extras { "    anchored: &big " + list + "\n" };
        for (int n = 1; n < 150; ++n)
            extras.append("    extra: *big\n");
        const QByteArray yaml = cassette(extras, 150);
        QVERIFY(yaml.size() * AliasExpansion::Factor < AliasExpansion::MinBudget); // the least budget applies
        const qint64 cost = AliasExpansion::costOf(2001, 0);
        const qsizetype copies = qsizetype(AliasExpansion::MinBudget / cost); // 131 fit
        QVERIFY(copies < 149);
        for (const CassetteParser::Mode mode :
            { CassetteParser::Mode::Full, CassetteParser::Mode::Summary }) {
            CassetteSummary summary;
            const QList<CassetteInteraction> all = parseAll(yaml, &summary, mode);
            QVERIFY(summary.fault);
            QVERIFY2(
                summary.fault->message.contains(
                    u"aliases that expand to more than 4.0 MiB in all (64 times the file's size, at least 4.0 MiB)"_s),
                qPrintable(summary.fault->message));
            QCOMPARE(all.size(), 1 + copies);
        }
    }

    void reReadingKeepsTheWholeFilesLines()
    {
        // The second interaction uses an anchor of the first (as VCR.py writes them); the third an alias that
        // no anchor defines. Re-read alone (what show does), the second is what the whole reading found, and
        // the third's error quotes its line in the whole file.
        const QByteArray yaml = "interactions:\n" + interaction(0, "    tags: &t [a, b]\n")
            + interaction(1, "    tags: *t\n    odd: !!python/object:os.system {}\n")
            + interaction(2, "    tags: *nope\n") + "version: 1\n";
        CassetteSummary summary;
        const QList<CassetteInteraction> all = parseAll(yaml, &summary);
        QCOMPARE(all.size(), 2);
        QVERIFY(all.at(0).definesAnchors);
        QVERIFY(!all.at(1).definesAnchors);
        QVERIFY(summary.fault);
        const QString undefined
            = u"cassette.yaml uses an undefined alias *nope (line %1)"_s.arg(lineOf(yaml, "    tags: *nope"));
        QCOMPARE(summary.fault->message, undefined);

        const Result<HttpExchange> second
            = CassetteParser::parseInteraction(yaml, all.at(1).begin, all.at(1).end, u"cassette.yaml"_s);
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
        QCOMPARE(second->warnings, all.at(1).exchange.warnings);
        const qint64 begin = yaml.indexOf(
            "- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/2");
        const Result<HttpExchange> third
            = CassetteParser::parseInteraction(yaml, begin, yaml.indexOf("version: 1"), u"cassette.yaml"_s);
        QVERIFY(!third.ok());
        QCOMPARE(third.error().message, undefined);
    }

    void reReadingTakesAnchorsFromTheListedInteractions()
    {
        // Two interactions define &h differently; a third uses it for its bodies. With the interactions that
        // define anchors listed, they are read in cassette order and the later definition wins, as in the
        // whole reading; given only the first, that one is what the third sees (nothing else is read).
        const QByteArray bodies = "interactions:\n" + interaction(0, "    t: &h {string: first}\n")
            + interaction(1, "    t: &h {string: second}\n")
            + "- request:\n    body: *h\n    headers: {}\n    method: POST\n    uri: http://x/2\n"
              "  response:\n    body: *h\n    headers: {}\n    status: {code: 200, message: OK}\nversion: "
              "1\n";
        const auto range = [](const CassetteInteraction &i) { return std::pair { i.begin, i.end }; };
        CassetteSummary summary;
        const QList<CassetteInteraction> read = parseAll(bodies, &summary);
        QCOMPARE(read.size(), 3);
        QCOMPARE(read.at(2).exchange.responseBody, QByteArray("second"));
        const CassetteInteraction &user = read.at(2);
        const Result<HttpExchange> inOrder
            = CassetteParser::parseInteraction(bodies, user.begin, user.end, u"c.yaml"_s, [&] {
                  return QList { range(read.at(0)), range(read.at(1)) };
              });
        QVERIFY(inOrder.ok());
        QCOMPARE(inOrder->responseBody, QByteArray("second"));
        QCOMPARE(inOrder->requestBody, QByteArray("second"));
        const Result<HttpExchange> firstOnly = CassetteParser::parseInteraction(
            bodies, user.begin, user.end, u"c.yaml"_s, [&] { return QList { range(read.at(0)) }; });
        QVERIFY(firstOnly.ok());
        QCOMPARE(firstOnly->responseBody, QByteArray("first"));
        // Without a list, everything before it is read.
        const Result<HttpExchange> alone
            = CassetteParser::parseInteraction(bodies, user.begin, user.end, u"c.yaml"_s);
        QVERIFY(alone.ok());
        QCOMPARE(alone->responseBody, QByteArray("second"));
    }
};

QTEST_GUILESS_MAIN(TestCassetteParser)
#include "tst_cassetteparser.moc"
