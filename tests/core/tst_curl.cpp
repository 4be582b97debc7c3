// SPDX-License-Identifier: MIT
// Tests "Copy as cURL": the command is run by /bin/sh with a stand-in curl that prints the arguments it
// gets (and the bytes piped to it), so the shell quoting is checked by a real shell.
#include "core/recording/curlcommand.h"
#include "testsupport.h"

#include <QTest>

using namespace tapedeck;

Q_DECLARE_METATYPE(tapedeck::HttpExchange)

namespace {

struct Invocation
{
    QStringList arguments;
    QByteArray input; // what arrived on standard input ("@-")
};

// Runs the command with `curl` defined as a shell function that writes each argument NUL-terminated, then
// a marker line and its standard input.
Invocation runThroughShell(const QString &command)
{
    const QString script
        = QStringLiteral(
              "curl() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; printf '\\n--stdin--\\n'; "
              "case \" $* \" in *' @- '*) cat ;; esac; }\n")
        + command + QLatin1Char('\n');
    const test::ProcessResult r = test::run(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), script });
    Invocation out;
    if (r.exitCode != 0) {
        qWarning("sh failed (%d): %s", r.exitCode, r.err.constData());
        return out;
    }
    const QByteArray marker("\n--stdin--\n");
    const qsizetype separator = r.out.indexOf(marker);
    if (separator < 0)
        return out;
    QByteArray args = r.out.left(separator);
    out.input = r.out.mid(separator + marker.size());
    while (!args.isEmpty()) {
        const qsizetype end = args.indexOf('\0');
        out.arguments.append(QString::fromUtf8(args.left(end)));
        args = args.mid(end + 1);
    }
    return out;
}

HttpExchange exchange(const QString &method, const QString &uri, const QList<HttpHeader> &headers,
    const std::optional<QByteArray> &body = std::nullopt)
{
    HttpExchange x;
    x.method = method;
    x.uri = uri;
    x.requestHeaders = headers;
    x.requestBody = body;
    return x;
}

} // namespace

class TestCurl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shellQuote_data();
    void shellQuote();
    void commands_data();
    void commands();
    void layout();
};

void TestCurl::shellQuote_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::addRow("plain") << QStringLiteral("https://example.com/a")
                           << QStringLiteral("https://example.com/a");
    QTest::addRow("space") << QStringLiteral("a b") << QStringLiteral("'a b'");
    QTest::addRow("quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::addRow("dollar") << QStringLiteral("$HOME") << QStringLiteral("'$HOME'");
    QTest::addRow("empty") << QString() << QStringLiteral("''");
}

void TestCurl::shellQuote()
{
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(CurlCommand::shellQuote(word), quoted);
    QCOMPARE(runThroughShell(QStringLiteral("curl ") + quoted).arguments, QStringList { word });
}

void TestCurl::commands_data()
{
    QTest::addColumn<HttpExchange>("request");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");

    QTest::addRow("GET") << exchange(QStringLiteral("GET"), QStringLiteral("http://gms:8080/config?a=1&b=$x"),
        { { QStringLiteral("Accept"), QStringLiteral("*/*") },
            { QStringLiteral("Content-Length"), QStringLiteral("0") } })
                         << QStringList { QStringLiteral("http://gms:8080/config?a=1&b=$x"),
                                QStringLiteral("-H"), QStringLiteral("Accept: */*") }
                         << QByteArray();
    QTest::addRow("POST JSON with quotes")
        << exchange(QStringLiteral("POST"), QStringLiteral("http://gms/aspects?action=ingestProposal"),
               { { QStringLiteral("Content-Type"), QStringLiteral("application/json") },
                   { QStringLiteral("X-Note"), QStringLiteral("it's \"quoted\" `and` $(not run)") },
                   { QStringLiteral("Accept-Encoding"), QStringLiteral("gzip, deflate") } },
               QByteArray("{\"value\": \"{\\\"a\\\": 'b'}\",\n \"x\": \"\xc3\xa4 $HOME \\\\ !\"}"))
        << QStringList { QStringLiteral("http://gms/aspects?action=ingestProposal"), QStringLiteral("-H"),
               QStringLiteral("Content-Type: application/json"), QStringLiteral("-H"),
               QStringLiteral("X-Note: it's \"quoted\" `and` $(not run)"), QStringLiteral("--compressed"),
               QStringLiteral("--data-binary"),
               QString::fromUtf8("{\"value\": \"{\\\"a\\\": 'b'}\",\n \"x\": \"\xc3\xa4 $HOME \\\\ !\"}") }
        << QByteArray();
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary.append(char(i));
    binary.append("%s%%\\0\\101'\"");
    QTest::addRow("PUT binary") << exchange(QStringLiteral("PUT"), QStringLiteral("http://h/upload"),
        { { QStringLiteral("Content-Type"), QStringLiteral("application/octet-stream") } }, binary)
                                << QStringList { QStringLiteral("-X"), QStringLiteral("PUT"),
                                       QStringLiteral("http://h/upload"), QStringLiteral("-H"),
                                       QStringLiteral("Content-Type: application/octet-stream"),
                                       QStringLiteral("--data-binary"), QStringLiteral("@-") }
                                << binary;
    QTest::addRow("body starting with @")
        << exchange(QStringLiteral("POST"), QStringLiteral("http://h/"), {}, QByteArray("@/etc/passwd"))
        << QStringList { QStringLiteral("http://h/"), QStringLiteral("--data-binary"), QStringLiteral("@-") }
        << QByteArray("@/etc/passwd");
    QTest::addRow("HEAD") << exchange(QStringLiteral("HEAD"), QStringLiteral("http://h/x"), {})
                          << QStringList { QStringLiteral("--head"), QStringLiteral("http://h/x") }
                          << QByteArray();
    QTest::addRow("DELETE") << exchange(QStringLiteral("DELETE"), QStringLiteral("http://h/x"),
        {}) << QStringList { QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("http://h/x") }
                            << QByteArray();
    QTest::addRow("GET with body") << exchange(
        QStringLiteral("GET"), QStringLiteral("http://h/q"), {}, QByteArray("q=1"))
                                   << QStringList { QStringLiteral("-X"), QStringLiteral("GET"),
                                          QStringLiteral("http://h/q"), QStringLiteral("--data-binary"),
                                          QStringLiteral("q=1") }
                                   << QByteArray();
    QTest::addRow("POST without body")
        << exchange(QStringLiteral("POST"), QStringLiteral("http://h/p"), {}, QByteArray())
        << QStringList { QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("http://h/p") }
        << QByteArray();
    QTest::addRow("URL brackets and empty header")
        << exchange(QStringLiteral("GET"), QStringLiteral("http://h/api?fields=a[0]{b}"),
               { { QStringLiteral("X-Empty"), QString() } })
        << QStringList { QStringLiteral("--globoff"), QStringLiteral("http://h/api?fields=a[0]{b}"),
               QStringLiteral("-H"), QStringLiteral("X-Empty;") }
        << QByteArray();
}

void TestCurl::commands()
{
    QFETCH(HttpExchange, request);
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    const QString command = CurlCommand::build(request);
    QVERIFY2(command.contains(QLatin1String("curl")), qPrintable(command));
    const Invocation got = runThroughShell(command);
    // "-X PUT" and "-H 'a'" are two words each.
    QCOMPARE(got.arguments, arguments);
    QCOMPARE(got.input, input);
}

void TestCurl::layout()
{
    const QString command = CurlCommand::build(exchange(QStringLiteral("POST"), QStringLiteral("http://h/p"),
        { { QStringLiteral("A"), QStringLiteral("1") }, { QStringLiteral("B"), QStringLiteral("2") } },
        QByteArray("x")));
    QCOMPARE(
        command, QStringLiteral("curl http://h/p \\\n  -H 'A: 1' \\\n  -H 'B: 2' \\\n  --data-binary x"));
}

QTEST_GUILESS_MAIN(TestCurl)
#include "tst_curl.moc"
