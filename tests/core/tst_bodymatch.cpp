// SPDX-License-Identifier: MIT
// Tests DataHub's replay body normalisation against Python: the oracle runs the normalisation's steps
// (docs/research/replay-facts.md §1.2) with Python's own json module, on every body of the table at once.
#include "core/replay/bodymatch.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::replay;

namespace {

struct Row
{
    const char *name;
    std::optional<QByteArray> body;
};

// Bodies that exercise every step: absent and empty, bytes that are not UTF-8, text, JSON in every shape
// the "filters" rule distinguishes, and what Python's json module writes its own way.
const std::vector<Row> &rows()
{
    static const std::vector<Row> all {
        { "none", std::nullopt },
        { "empty", QByteArray("") },
        { "not UTF-8", QByteArray("\xff\xfe{}") },
        { "encoded surrogate", QByteArray("\"\xed\xa0\x80\"") },
        { "plain text", QByteArray("hello, world") },
        { "keys reordered", QByteArray("{\"b\": 1, \"a\": [1, 2.0, 1e2, -0, 1E-7]}") },
        { "whitespace", QByteArray("  {\"a\":1}\n ") },
        { "filters sorted", QByteArray("{\"q\": \"\xc3\xa9\", \"filters\": {\"x\": \"c,a,b\", \"y\": 1, \"z\": \"no\"}}") },
        { "filters empty parts", QByteArray("{\"filters\": {\"x\": \",,a,\"}}") },
        { "filters code point order", QByteArray("{\"filters\": {\"x\": \"\xf0\x9f\x98\x80,\xef\xbf\xbf,a\"}}") },
        { "filters a list", QByteArray("{\"filters\": [\"c,a\"], \"b\": 1}") },
        { "filters null", QByteArray("{\"filters\": null}") },
        { "filters nested", QByteArray("{\"a\": {\"filters\": {\"x\": \"b,a\"}}}") },
        { "top-level list", QByteArray("[{\"filters\": {\"x\": \"b,a\"}}]") },
        { "duplicate keys", QByteArray("{\"a\": 1, \"b\": 2, \"a\": 3}") },
        { "non-finite", QByteArray("[NaN, Infinity, -Infinity, 1e400]") },
        { "float digits", QByteArray("[3.14159265358979323846, 0.1, 100000000000000000000.0, 1e16]") },
        { "big integer", QByteArray("123456789012345678901234567890") },
        { "string", QByteArray("\"just text\"") },
        { "lone surrogate escape", QByteArray("{\"k\": \"\\ud800\"}") },
        { "non-ASCII escaped", QByteArray("{\"k\": \"\xe2\x82\xac \xf0\x9f\x98\x80\"}") },
        { "byte order mark", QByteArray("\xef\xbb\xbf{\"a\": 1}") },
        { "invalid JSON", QByteArray("{\"a\": 1,}") },
    };
    return all;
}

// What Python prints for one result: "none", "bytes BASE64" or "text BASE64" (UTF-8, surrogates passed).
QByteArray describe(const NormalizedBody &n)
{
    switch (n.kind) {
    case NormalizedBody::Kind::None:
        return "none";
    case NormalizedBody::Kind::Bytes:
        return "bytes " + n.data.toBase64();
    case NormalizedBody::Kind::Text:
        return "text " + n.data.toBase64();
    }
    return {};
}

const char *const Oracle = R"PY(
import base64, json, sys

def normalize(body):
    if not body:
        return body
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            return body
    try:
        data = json.loads(body)
        if isinstance(data, dict) and "filters" in data:
            for key, value in data["filters"].items():
                if isinstance(value, str) and "," in value:
                    data["filters"][key] = ",".join(sorted(value.split(",")))
        return json.dumps(data, sort_keys=True)
    except (json.JSONDecodeError, TypeError, AttributeError, UnicodeDecodeError):
        return body

for line in open(sys.argv[1]):
    line = line.strip()
    body = None if line == "-" else base64.b64decode(line)
    n = normalize(body)
    if n is None:
        print("none")
    elif isinstance(n, bytes):
        print("bytes " + base64.b64encode(n).decode())
    else:
        print("text " + base64.b64encode(n.encode("utf-8", "surrogatepass")).decode())
)PY";

} // namespace

class TestBodyMatch : public QObject
{
    Q_OBJECT

private slots:
    void normalisesAsPythonDoes()
    {
        QTemporaryDir dir;
        QByteArray input;
        for (const Row &r : rows())
            input += (r.body ? r.body->toBase64() : QByteArray("-")) + '\n';
        QVERIFY(test::writeFile(dir.filePath(QStringLiteral("bodies")), input));
        const test::ProcessResult python = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"), QString::fromUtf8(Oracle), dir.filePath(QStringLiteral("bodies")) });
        QCOMPARE(python.exitCode, 0);
        const QList<QByteArray> expected = python.out.trimmed().split('\n');
        QCOMPARE(expected.size(), qsizetype(rows().size()));
        for (size_t k = 0; k < rows().size(); ++k) {
            const QByteArray ours = describe(normalizeBody(rows()[k].body));
            QVERIFY2(ours == expected.at(qsizetype(k)),
                qPrintable(QStringLiteral("%1:\n  Tapedeck %2\n  Python   %3")
                        .arg(QLatin1String(rows()[k].name), QString::fromLatin1(ours),
                            QString::fromLatin1(expected.at(qsizetype(k))))));
        }
    }

    void equalityIsPythons()
    {
        // None, b"" and "" differ; JSON that reads the same compares equal however it is written.
        QVERIFY(!(normalizeBody(std::nullopt) == normalizeBody(QByteArray(""))));
        QVERIFY(normalizeBody(QByteArray("{\"a\":1,\"b\":[2]}"))
            == normalizeBody(QByteArray("{ \"b\": [2], \"a\": 1 }")));
        QVERIFY(normalizeBody(QByteArray("{\"filters\": {\"t\": \"y,x\"}}"))
            == normalizeBody(QByteArray("{\"filters\": {\"t\": \"x,y\"}}")));
        QVERIFY(!(normalizeBody(QByteArray("{\"a\": 1}")) == normalizeBody(QByteArray("{\"a\": 1.0}"))));
        QVERIFY(normalizeBody(QByteArray("{\"a\": 1}")).json);
        QVERIFY(!normalizeBody(QByteArray("a=1")).json);
    }

    void authEndpoints_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("auth");
        QTest::newRow("login") << QStringLiteral("https://looker.example.com/api/4.0/login") << true;
        QTest::newRow("upper case") << QStringLiteral("https://x.example.com/API/LOGIN") << true;
        QTest::newRow("oauth") << QStringLiteral("https://x.example.com/oauth2/v1/token") << true;
        QTest::newRow("auth host") << QStringLiteral("https://auth.example.com/v1/x") << true;
        QTest::newRow("authors") << QStringLiteral("https://x.example.com/authors") << true;
        QTest::newRow("in the query") << QStringLiteral("https://x.example.com/a?next=/token") << true;
        QTest::newRow("data") << QStringLiteral("https://x.example.com/api/4.0/dashboards/3") << false;
        QTest::newRow("no slash before") << QStringLiteral("https://x.example.com/api/xauth/mytoken") << false;
    }

    void authEndpoints()
    {
        QFETCH(QString, uri);
        QFETCH(bool, auth);
        QCOMPARE(isAuthUri(uri), auth);
    }
};

QTEST_GUILESS_MAIN(TestBodyMatch)
#include "tst_bodymatch.moc"
