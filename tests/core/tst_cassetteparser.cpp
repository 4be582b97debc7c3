// SPDX-License-Identifier: MIT
// Tests the VCR.py cassette reader: the sample recording's cassette, lazy re-reads, faults and odd bytes.
#include "core/archive/ziparchive.h"
#include "core/recording/cassetteparser.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

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

QList<CassetteInteraction> parseAll(const QByteArray &yaml, CassetteSummary *summary = nullptr)
{
    QList<CassetteInteraction> all;
    const CassetteSummary s
        = CassetteParser::parse(yaml, QStringLiteral("cassette.yaml"), [&](CassetteInteraction &&i) {
              all.append(std::move(i));
              return true;
          });
    if (summary)
        *summary = s;
    return all;
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
};

QTEST_GUILESS_MAIN(TestCassetteParser)
#include "tst_cassetteparser.moc"
