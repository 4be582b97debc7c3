// SPDX-License-Identifier: MIT
// Fidelity against the real writer: every cassette under tests/data/cassettes (recorded by Debian's
// python3-vcr, or in the shapes older VCR.py versions and other writers produced) must read to exactly what
// VCR.py itself loads (<name>.expected.json, made by tests/tools/vcrfixtures/), bytes included; the bad
// ones must fail where the fixture says, keeping what came before.
#include "core/common/progress.h"
#include "core/recording/cassettelayout.h"
#include "core/recording/cassetteparser.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

const QString Fixtures = QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/cassettes");

QList<CassetteInteraction> parseAll(
    const QByteArray &yaml, CassetteSummary *summary, CassetteParser::Mode mode = CassetteParser::Mode::Full)
{
    QList<CassetteInteraction> all;
    *summary = CassetteParser::parse(
        yaml, QStringLiteral("cassette.yaml"),
        [&](CassetteInteraction &&i) {
            all.append(std::move(i));
            return true;
        },
        nullptr, mode);
    return all;
}

std::optional<QByteArray> expectedBody(const QJsonValue &v)
{
    if (v.isNull())
        return std::nullopt;
    return QByteArray::fromBase64(v.toString().toLatin1());
}

QString describe(const std::optional<QByteArray> &body)
{
    if (!body)
        return QStringLiteral("null");
    return QString::fromLatin1(body->left(120).toPercentEncoding(" {}[]:,\"'/=._-"));
}

} // namespace

class TestCassetteFidelity : public QObject
{
    Q_OBJECT

private slots:
    void matchesVcrPy_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList files
            = QDir(Fixtures).entryList({ QStringLiteral("*.expected.json") }, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 15, "the VCR.py fixtures are missing");
        for (const QString &f : files) {
            const QString name = f.chopped(int(qstrlen(".expected.json")));
            QTest::addRow("%s", qPrintable(name)) << name;
        }
    }

    void matchesVcrPy()
    {
        QFETCH(QString, name);
        const QByteArray yaml = test::readFile(Fixtures + QLatin1Char('/') + name + QStringLiteral(".yaml"));
        const QJsonArray expected = QJsonDocument::fromJson(
            test::readFile(Fixtures + QLatin1Char('/') + name + QStringLiteral(".expected.json")))
                                        .array();
        compareWithVcrPy(name, yaml, expected);
    }

    void hugeBodyMatchesVcrPy()
    {
        // bad.py --huge-body: a 5 MiB JSON response body, large but nothing malformed (not committed).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.yaml"));
        const test::ProcessResult made = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/vcrfixtures/bad.py"), QStringLiteral("--huge-body"),
                path });
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QByteArray yaml = test::readFile(path);
        QVERIFY(yaml.size() > 5 * 1024 * 1024);
        const QJsonArray expected
            = QJsonDocument::fromJson(test::readFile(dir.filePath(QStringLiteral("huge.expected.json"))))
                  .array();
        QCOMPARE(expected.size(), 5);
        compareWithVcrPy(QStringLiteral("huge"), yaml, expected);
        if (QTest::currentTestFailed())
            return;
        CassetteSummary summary;
        const QList<CassetteInteraction> all = parseAll(yaml, &summary);
        QVERIFY(all.at(1).exchange.responseBody->size() >= 5 * 1024 * 1024);
        QVERIFY(all.at(1).exchange.warnings.isEmpty()); // 5 MiB is not absurd
    }

    void cdumperCassetteMatchesVcrPy_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("as VCR.py writes") << QStringList();
        QTest::newRow("allow_unicode") << QStringList { QStringLiteral("--unicode") };
        QTest::newRow("another seed") << QStringList { QStringLiteral("--seed"), QStringLiteral("31") };
    }

    void cdumperCassetteMatchesVcrPy()
    {
        // cdumper.py: VCR.py's own serializer (PyYAML's CDumper) on POST JSON bodies, !!binary bodies, long
        // folded strings, non-ASCII text and '' in single quotes; VCR.py's loader says what they hold.
        QFETCH(QStringList, options);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cdumper.yaml"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PYTHONUTF8"), QStringLiteral("1"));
        const test::ProcessResult made = test::run(QStringLiteral("/usr/bin/python3"),
            QStringList { QStringLiteral(TAPEDECK_TEST_TOOLS "/vcrfixtures/cdumper.py"), path } + options, {},
            environment);
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QByteArray yaml = test::readFile(path);
        const QJsonArray expected
            = QJsonDocument::fromJson(test::readFile(dir.filePath(QStringLiteral("cdumper.expected.json")))).array();
        QCOMPARE(expected.size(), 120);
        // The full reading (libyaml) against VCR.py.
        compareWithVcrPy(QStringLiteral("cdumper"), yaml, expected);
        if (QTest::currentTestFailed())
            return;

        // Summary reading takes the fast path for every interaction the real writer wrote...
        cassettelayout::LayoutScanner scanner(yaml, 1024);
        scanner.advanceTo(yaml.size());
        QVERIFY(!scanner.gaveUp());
        qsizetype whole = 0;
        for (const cassettelayout::Elision &e : scanner.elisions())
            whole += e.kind == cassettelayout::Elision::Kind::Interaction ? qsizetype(e.items.size()) : 0;
        QCOMPARE(whole, expected.size());

        // ...and reports what the full reading reports, field by field.
        CassetteSummary fullSummary;
        const QList<CassetteInteraction> full = parseAll(yaml, &fullSummary);
        CassetteSummary quickSummary;
        const QList<CassetteInteraction> quick = parseAll(yaml, &quickSummary, CassetteParser::Mode::Summary);
        QVERIFY(!quickSummary.fault);
        QCOMPARE(quickSummary.version, fullSummary.version);
        QCOMPARE(quickSummary.warnings, fullSummary.warnings);
        QCOMPARE(quick.size(), full.size());
        int elided = 0;
        for (qsizetype k = 0; k < full.size(); ++k) {
            const CassetteInteraction &a = full.at(k);
            const CassetteInteraction &b = quick.at(k);
            const QByteArray where = "#" + QByteArray::number(k);
            QVERIFY2(b.begin == a.begin && b.end == a.end && b.line == a.line, where.constData());
            QVERIFY2(b.exchange.method == a.exchange.method && b.exchange.uri == a.exchange.uri, where.constData());
            QVERIFY2(b.exchange.status == a.exchange.status, where.constData());
            QVERIFY2(b.exchange.statusMessage == a.exchange.statusMessage, where.constData());
            QVERIFY2(b.exchange.warnings == a.exchange.warnings, where.constData());
            QVERIFY2(b.exchange.requestBody == a.exchange.requestBody, where.constData());
            QVERIFY2(b.requestBodySize == a.requestBodySize, where.constData());
            QVERIFY2(b.responseBodySize == (a.exchange.responseBody ? a.exchange.responseBody->size() : -1),
                where.constData());
            for (const auto &[mine, theirs] : { std::pair { &b.exchange.requestHeaders, &a.exchange.requestHeaders },
                     std::pair { &b.exchange.responseHeaders, &a.exchange.responseHeaders } }) {
                QVERIFY2(mine->size() == theirs->size(), where.constData());
                for (qsizetype h = 0; h < mine->size(); ++h)
                    QVERIFY2(mine->at(h).name == theirs->at(h).name && mine->at(h).value == theirs->at(h).value,
                        where.constData());
            }
            // Bodies above the summary's size are measured, not kept; the others are kept as they are.
            if (b.responseBodySize > 1024 && b.exchange.responseBody->isEmpty())
                ++elided;
            else
                QVERIFY2(b.exchange.responseBody == a.exchange.responseBody, where.constData());
        }
        QVERIFY(elided > 10);
    }

    void sharedHeadersOnTwoThreadsMatchVcrPy()
    {
        // cdumper.py --shared-headers: every response has the same headers and status objects, which VCR.py's
        // serializer (PyYAML) writes once with anchors and as aliases in every later interaction. Above
        // 16 MiB, summary reading splits the cassette across two threads: the second half uses anchors the
        // first defines.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.yaml"));
        const test::ProcessResult made = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/vcrfixtures/cdumper.py"), path, QStringLiteral("--count"),
                QStringLiteral("9000"), QStringLiteral("--shared-headers") });
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QByteArray yaml = test::readFile(path);
        QVERIFY(yaml.size() > (16 << 20));
        QVERIFY(yaml.contains("headers: &id001\n") && yaml.contains("headers: *id001\n"));
        const QJsonArray expected
            = QJsonDocument::fromJson(test::readFile(dir.filePath(QStringLiteral("shared.expected.json"))))
                  .array();
        QCOMPARE(expected.size(), 9000);
        compareWithVcrPy(QStringLiteral("shared"), yaml, expected);
        if (QTest::currentTestFailed())
            return;
        CassetteSummary fullSummary;
        const QList<CassetteInteraction> full = parseAll(yaml, &fullSummary);
        CassetteSummary quickSummary;
        const QList<CassetteInteraction> quick = parseAll(yaml, &quickSummary, CassetteParser::Mode::Summary);
        QVERIFY2(
            !quickSummary.fault, qPrintable(quickSummary.fault ? quickSummary.fault->message : QString()));
        QCOMPARE(quick.size(), full.size());
        for (qsizetype k = 0; k < full.size(); ++k) {
            const QByteArray where = "#" + QByteArray::number(k);
            QVERIFY2(quick.at(k).line == full.at(k).line, where.constData());
            QVERIFY2(quick.at(k).exchange.status == full.at(k).exchange.status, where.constData());
            QVERIFY2(
                quick.at(k).exchange.responseHeaders.size() == full.at(k).exchange.responseHeaders.size(),
                where.constData());
        }

        // The second half is read again after the first, on the calling thread: progress goes on to the end
        // through it, and cancelling there stops it.
        struct Reporter final : ProgressReporter
        {
            qint64 cancelAbove = -1;
            qint64 last = 0;
            void setProgress(qint64 done, qint64) override { last = std::max(last, done); }
            bool isCancelled() const override { return cancelAbove >= 0 && last > cancelAbove; }
        };
        for (const bool cancel : { false, true }) {
            Reporter reporter;
            if (cancel)
                reporter.cancelAbove = yaml.size() * 3 / 4;
            qsizetype delivered = 0;
            const CassetteSummary s = CassetteParser::parse(
                yaml, QStringLiteral("shared.yaml"),
                [&](CassetteInteraction &&) {
                    ++delivered;
                    return true;
                },
                &reporter, CassetteParser::Mode::Summary);
            QCOMPARE(s.cancelled, cancel);
            QCOMPARE(delivered < 9000, cancel);
            QVERIFY2(reporter.last > (cancel ? yaml.size() * 3 / 4 : yaml.size() * 9 / 10),
                qPrintable(QString::number(reporter.last)));
        }
    }

    void anchorsSurviveAReadingThatStartsAgain()
    {
        // A byte that is not UTF-8 far into a cassette: summary reading starts again from there on a repaired
        // copy, and the anchors defined before it still count.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.yaml"));
        const test::ProcessResult made = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(TAPEDECK_TEST_TOOLS "/vcrfixtures/cdumper.py"), path, QStringLiteral("--count"),
                QStringLiteral("300"), QStringLiteral("--shared-headers") });
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QByteArray yaml = test::readFile(path);
        const qsizetype at = yaml.indexOf("page=250&");
        QVERIFY(at > (64 << 10));
        yaml[at + 5] = '\xff';
        CassetteSummary fullSummary;
        const QList<CassetteInteraction> full = parseAll(yaml, &fullSummary);
        CassetteSummary quickSummary;
        const QList<CassetteInteraction> quick = parseAll(yaml, &quickSummary, CassetteParser::Mode::Summary);
        QVERIFY2(!fullSummary.fault, qPrintable(fullSummary.fault ? fullSummary.fault->message : QString()));
        QVERIFY2(
            !quickSummary.fault, qPrintable(quickSummary.fault ? quickSummary.fault->message : QString()));
        QCOMPARE(full.size(), 300);
        QCOMPARE(quick.size(), 300);
        QCOMPARE(quick.last().exchange.responseHeaders.size(), full.last().exchange.responseHeaders.size());
        QVERIFY(!quick.last().exchange.responseHeaders.isEmpty());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList files = QDir(Fixtures).entryList(
            { QStringLiteral("bad-*.expected-errors.json") }, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 5);
        for (const QString &f : files)
            QTest::addRow("%s", qPrintable(f.chopped(int(qstrlen(".expected-errors.json")))))
                << f.chopped(int(qstrlen(".expected-errors.json")));
    }

    void badInput()
    {
        QFETCH(QString, name);
        const QByteArray yaml = test::readFile(Fixtures + QLatin1Char('/') + name + QStringLiteral(".yaml"));
        const QJsonObject expected = QJsonDocument::fromJson(
            test::readFile(Fixtures + QLatin1Char('/') + name + QStringLiteral(".expected-errors.json")))
                                         .object();
        CassetteSummary summary;
        const QList<CassetteInteraction> all = parseAll(yaml, &summary);
        const int readableBefore = expected.value(QStringLiteral("readable_before")).toInt();
        const int affected = expected.value(QStringLiteral("affected_interaction")).toInt(); // 1-based
        QVERIFY(all.size() >= readableBefore);
        for (int k = 0; k < readableBefore; ++k)
            QVERIFY2(all.at(k).exchange.warnings.isEmpty(),
                qPrintable(name + QStringLiteral(" #%1: ").arg(k) + all.at(k).exchange.warnings.join(u'|')));
        if (expected.value(QStringLiteral("fatal")).toBool()) {
            // A fault the YAML parser cannot pass: reported with its position; nothing after it is invented.
            const bool reported = summary.fault.has_value()
                || (all.size() >= affected && !all.at(affected - 1).exchange.warnings.isEmpty());
            QVERIFY2(reported, qPrintable(name));
            if (summary.fault) {
                const QString line
                    = QStringLiteral("line %1").arg(expected.value(QStringLiteral("line")).toInt());
                QVERIFY2(summary.fault->message.contains(line),
                    qPrintable(summary.fault->message + QStringLiteral(" (expected ") + line + u')'));
            }
        } else {
            // Well-formed YAML with a bad interaction: reading goes on, the affected one carries a warning.
            QVERIFY2(!summary.fault, qPrintable(summary.fault ? summary.fault->message : QString()));
            QCOMPARE(all.size(), expected.value(QStringLiteral("interactions_in_file")).toInt());
            QVERIFY2(!all.at(affected - 1).exchange.warnings.isEmpty(), qPrintable(name));
        }
    }

    void absurdBodyIsAWarning()
    {
        // A response body above 100 MiB: read (measured, in summary mode), flagged on its event, no fault.
        const QByteArray head
            = "interactions:\n- request:\n    body: null\n    headers: {}\n    method: GET\n"
              "    uri: http://example.test/dump\n  response:\n    body:\n      string: '";
        const QByteArray tail
            = "'\n    headers: {}\n    status:\n      code: 200\n      message: OK\n"
              "- request:\n    body: null\n    headers: {}\n    method: GET\n"
              "    uri: http://example.test/next\n  response:\n    body:\n      string: ok\n"
              "    headers: {}\n    status:\n      code: 200\n      message: OK\nversion: 1\n";
        const qsizetype bodySize = (qsizetype(101) << 20) + 7;
        QByteArray yaml;
        yaml.reserve(head.size() + bodySize + tail.size());
        yaml += head;
        yaml += QByteArray(bodySize, 'x');
        yaml += tail;
        CassetteSummary summary;
        const QList<CassetteInteraction> all = parseAll(yaml, &summary, CassetteParser::Mode::Summary);
        QVERIFY(!summary.fault);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).responseBodySize, bodySize);
        QCOMPARE(all.at(0).exchange.warnings, QStringList { QStringLiteral("a body of 101 MiB") });
        QVERIFY(all.at(1).exchange.warnings.isEmpty());
        QCOMPARE(all.at(1).exchange.uri, QStringLiteral("http://example.test/next"));
    }

private:
    static void compareWithVcrPy(const QString &name, const QByteArray &yaml, const QJsonArray &expected)
    {
        QVERIFY(!yaml.isEmpty());
        CassetteSummary summary;
        const QList<CassetteInteraction> all = parseAll(yaml, &summary);
        QVERIFY2(!summary.fault, qPrintable(summary.fault ? summary.fault->message : QString()));
        QCOMPARE(all.size(), expected.size());
        for (qsizetype k = 0; k < all.size(); ++k) {
            const HttpExchange &x = all.at(k).exchange;
            const QJsonObject request = expected.at(k).toObject().value(QStringLiteral("request")).toObject();
            const QJsonObject response
                = expected.at(k).toObject().value(QStringLiteral("response")).toObject();
            const QString where = name + QStringLiteral(" #") + QString::number(k);
            QVERIFY2(x.method == request.value(QStringLiteral("method")).toString(), qPrintable(where));
            QVERIFY2(x.uri == request.value(QStringLiteral("uri")).toString(),
                qPrintable(where + QStringLiteral(": ") + x.uri));
            const std::optional<QByteArray> requestBody
                = expectedBody(request.value(QStringLiteral("body_b64")));
            QVERIFY2(x.requestBody == requestBody,
                qPrintable(where + QStringLiteral(" request body: ") + describe(x.requestBody)
                    + QStringLiteral(" vs ") + describe(requestBody)));
            const std::optional<QByteArray> responseBody
                = expectedBody(response.value(QStringLiteral("body_b64")));
            QVERIFY2(x.responseBody == responseBody,
                qPrintable(where + QStringLiteral(" response body: ") + describe(x.responseBody)
                    + QStringLiteral(" vs ") + describe(responseBody)));
            const QJsonObject status = response.value(QStringLiteral("status")).toObject();
            QVERIFY2(x.status == status.value(QStringLiteral("code")).toInt(), qPrintable(where));
            QVERIFY2(x.statusMessage == status.value(QStringLiteral("message")).toString(),
                qPrintable(where + QStringLiteral(": ") + x.statusMessage));

            // Response headers: every value, names in file order and spelling.
            const QJsonObject responseHeaders = response.value(QStringLiteral("headers")).toObject();
            QList<HttpHeader> flat;
            for (auto it = responseHeaders.begin(); it != responseHeaders.end(); ++it) {
                for (const QJsonValue &v : it.value().toArray())
                    flat.append({ it.key(), v.toString() });
            }
            QVERIFY2(x.responseHeaders.size() == flat.size(),
                qPrintable(where
                    + QStringLiteral(" response header count %1 vs %2")
                          .arg(x.responseHeaders.size())
                          .arg(flat.size())));
            for (const HttpHeader &h : flat) {
                const QStringList values = [&] {
                    QStringList out;
                    for (const HttpHeader &mine : x.responseHeaders) {
                        if (mine.name == h.name)
                            out.append(mine.value);
                    }
                    return out;
                }();
                QVERIFY2(values.contains(h.value),
                    qPrintable(where + QStringLiteral(" response header ") + h.name));
            }
            // Request headers: VCR.py keeps only the first value of each; Tapedeck keeps them all.
            const QJsonObject requestHeaders = request.value(QStringLiteral("headers")).toObject();
            for (auto it = requestHeaders.begin(); it != requestHeaders.end(); ++it) {
                const auto mine = std::find_if(x.requestHeaders.cbegin(), x.requestHeaders.cend(),
                    [&](const HttpHeader &h) { return h.name == it.key(); });
                QVERIFY2(mine != x.requestHeaders.cend(),
                    qPrintable(where + QStringLiteral(" request header ") + it.key()));
                QVERIFY2(mine->value == it.value().toArray().first().toString(),
                    qPrintable(where + QStringLiteral(" request header ") + it.key()));
            }
        }
        // Summary mode (indexing) agrees on everything it keeps.
        CassetteSummary quick;
        const QList<CassetteInteraction> summaries = parseAll(yaml, &quick, CassetteParser::Mode::Summary);
        QVERIFY2(!quick.fault, qPrintable(quick.fault ? quick.fault->message : QString()));
        QCOMPARE(summaries.size(), all.size());
        for (qsizetype k = 0; k < all.size(); ++k) {
            QCOMPARE(summaries.at(k).responseBodySize,
                all.at(k).exchange.responseBody ? all.at(k).exchange.responseBody->size() : -1);
            QCOMPARE(summaries.at(k).definesAnchors, all.at(k).definesAnchors);
        }
        // Each interaction re-read alone, as show and the details pane read it, is what the whole reading
        // found: anchors of earlier interactions included (VCR.py's &id001), warnings and their lines too.
        // From the interactions that define anchors, and (in small cassettes) from everything before it.
        const CassetteParser::AnchorSources definers = [&all] {
            QList<std::pair<qint64, qint64>> ranges;
            for (const CassetteInteraction &i : all) {
                if (i.definesAnchors)
                    ranges.append({ i.begin, i.end });
            }
            return ranges;
        };
        for (const CassetteParser::AnchorSources &earlier : { definers, CassetteParser::AnchorSources() }) {
            if (!earlier && yaml.size() > (1 << 20))
                break;
            for (qsizetype k = 0; k < all.size(); ++k) {
                const CassetteInteraction &i = all.at(k);
                const QString where = name + QStringLiteral(" #") + QString::number(k);
                const Result<HttpExchange> again = CassetteParser::parseInteraction(
                    yaml, i.begin, i.end, QStringLiteral("cassette.yaml"), earlier);
                QVERIFY2(
                    again.ok(), qPrintable(where + u' ' + (again.ok() ? QString() : again.error().message)));
                QVERIFY2(
                    again->method == i.exchange.method && again->uri == i.exchange.uri, qPrintable(where));
                QVERIFY2(again->status == i.exchange.status, qPrintable(where));
                QVERIFY2(again->requestBody == i.exchange.requestBody, qPrintable(where));
                QVERIFY2(again->responseBody == i.exchange.responseBody, qPrintable(where));
                QVERIFY2(again->warnings == i.exchange.warnings,
                    qPrintable(where + u' ' + again->warnings.join(u'|') + u" vs "
                        + i.exchange.warnings.join(u'|')));
                QVERIFY2(
                    again->responseHeaders.size() == i.exchange.responseHeaders.size(), qPrintable(where));
                for (qsizetype h = 0; h < again->responseHeaders.size(); ++h)
                    QVERIFY2(again->responseHeaders.at(h).name == i.exchange.responseHeaders.at(h).name
                            && again->responseHeaders.at(h).value == i.exchange.responseHeaders.at(h).value,
                        qPrintable(where));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCassetteFidelity)
#include "tst_cassettefidelity.moc"
