// SPDX-License-Identifier: MIT
// End-to-end tests of tapedeck-cli events/show/mcps on the bundled sample and on VCR.py fixtures; the
// expectations are read from the files by Debian's python3 (PyYAML, json), not from Tapedeck's own output.
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int SampleEvents = 41;

QString describe(const ProcessResult &r)
{
    return u"exit %1%2\n--- stderr ---\n%3\n--- stdout (start) ---\n%4"_s.arg(r.exitCode)
        .arg(r.crashed ? u" (CRASHED)"_s : QString(), QString::fromUtf8(r.err),
            QString::fromUtf8(r.out.left(3000)));
}

#define VERIFY_EXIT(result, expected)                                                                        \
    do {                                                                                                     \
        const ProcessResult &r_ = (result);                                                                  \
        QVERIFY2(!r_.crashed, qPrintable(describe(r_)));                                                     \
        QVERIFY2(r_.exitCode == (expected),                                                                  \
            qPrintable(u"expected exit %1, got "_s.arg(expected) + describe(r_)));                           \
    } while (false)

QProcessEnvironment passwordEnvironment()
{
    QProcessEnvironment env;
    env.insert(u"DATAHUB_RECORDING_PASSWORD"_s, SamplePassword);
    return env;
}

ProcessResult cli(const QStringList &arguments)
{
    return runCli(arguments, passwordEnvironment());
}

// Runs a Python script (given as text) with Debian's python3.
ProcessResult python(const QString &dir, const QByteArray &script, const QStringList &arguments)
{
    const QString path = dir + u"/script-%1.py"_s.arg(qHash(script), 0, 16);
    if (!QFileInfo::exists(path))
        writeFile(path, script);
    return run(u"/usr/bin/python3"_s, QStringList { path } + arguments, {}, cliEnvironment());
}

// The sample's events as DataHub's files describe them: the cassette read with PyYAML (as VCR.py reads it),
// MCPs taken from the ingestProposal(Batch) bodies, then queries.jsonl. Also the filter expectations and
// the PNG thumbnail's bytes.
const QByteArray ModelScript = R"PY(
import fnmatch, hashlib, json, re, sys, yaml

folder, out = sys.argv[1], sys.argv[2]
loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
with open(folder + '/http/cassette.yaml', 'rb') as f:
    cassette = yaml.load(f, Loader=loader)

def body_bytes(body):
    if isinstance(body, dict):
        body = body.get('string')
    if body is None or isinstance(body, bytes):
        return body
    return body.encode('utf-8')

events = []
for index, interaction in enumerate(cassette['interactions']):
    request, response = interaction['request'], interaction['response']
    status = response['status']['code']
    http = {'kind': 'http', 'interaction': index, 'method': request['method'], 'uri': request['uri'],
            'status': status, 'error': status >= 400,
            'message': response['status']['message'] if status >= 400 else ''}
    events.append(http)
    carrier = len(events) - 1
    body = body_bytes(request['body'])
    if request['method'] == 'POST' and '/aspects?action=ingestProposal' in request['uri'] and body:
        payload = json.loads(body)
        proposals = payload['proposals'] if 'proposals' in payload else [payload['proposal']]
        for p in proposals:
            events.append({'kind': 'mcp', 'interaction': index, 'carrier': carrier,
                           'method': request['method'], 'uri': request['uri'], 'error': http['error'],
                           'entity_type': p['entityType'], 'entity_urn': p['entityUrn'],
                           'change_type': p['changeType'], 'aspect_name': p['aspectName'],
                           'aspect': json.loads(p['aspect']['value'])})
    response_body = body_bytes(response['body'])
    if response_body is not None and response_body.startswith(b'\x89PNG'):
        with open(out + '/thumbnail.png', 'wb') as f:
            f.write(response_body)
        http['png'] = True

with open(folder + '/db/queries.jsonl', encoding='utf-8') as f:
    for line in f:
        if not line.strip():
            continue
        q = json.loads(line)
        params = q['parameters']
        key = '|'.join([q['query']] + ([json.dumps(params, sort_keys=True)] if params else []))
        events.append({'kind': 'sql', 'query': q['query'], 'parameters': params, 'row_count': q['row_count'],
                       'error': q['error'], 'results': q['results'], 'description': q['description'],
                       'replay_key': hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]})

lanes = {}
for seq, e in enumerate(events):
    e['seq'] = seq
    e['lane'] = lanes.get(e['kind'], 0)
    lanes[e['kind']] = e['lane'] + 1

def text(e, name):
    return (e.get(name) or '').casefold()

def failed(e):
    return e['error'] is not None and e['error'] is not False

def message(e):
    if e['kind'] == 'http':
        return e['message']
    if e['kind'] == 'sql':
        return e['error'] or ''
    return ''

def free(word):
    fields = ('method', 'uri', 'query', 'entity_urn', 'aspect_name', 'entity_type', 'change_type')
    return lambda e: any(word.casefold() in text(e, f) for f in fields) or word.casefold() in message(e).casefold()

def host(e):
    return re.sub(r'^[a-z]+://([^/:?]+).*$', r'\1', e.get('uri', '')).casefold()

filters = {
    'kind:http method:POST': lambda e: e['kind'] == 'http' and e['method'].upper() == 'POST',
    'status:>=400': lambda e: e['kind'] == 'http' and e['status'] >= 400,
    'sql:~"information_schema"': lambda e: e['kind'] == 'sql' and re.search('information_schema', e['query'], re.I),
    'urn:*orders*': lambda e: e['kind'] == 'mcp' and fnmatch.fnmatchcase(e['entity_urn'].casefold(), '*orders*'),
    'aspect:schemaMetadata': lambda e: e['kind'] == 'mcp' and e['aspect_name'].casefold() == 'schemametadata',
    'error': failed,
    'orders': free('orders'),
    'dashboard': free('dashboard'),
    'not kind:mcp': lambda e: e['kind'] != 'mcp',
    '(kind:sql or kind:mcp) error': lambda e: e['kind'] in ('sql', 'mcp') and failed(e),
    'kind:sql -error': lambda e: e['kind'] == 'sql' and not failed(e),
    'host:looker.* method:GET status:2xx': lambda e: e['kind'] == 'http' and host(e).startswith('looker.')
        and e['method'] == 'GET' and 200 <= e['status'] <= 299,
    'urn:*orders* or aspect:chartInfo': lambda e: e['kind'] == 'mcp' and (
        fnmatch.fnmatchcase(e['entity_urn'].casefold(), '*orders*') or e['aspect_name'] == 'chartInfo'),
}
json.dump({'events': events,
           'filters': {name: [e['seq'] for e in events if match(e)] for name, match in filters.items()}},
          open(out + '/model.json', 'w'), ensure_ascii=False)
)PY";

// A copy of a cassette cut inside a double-quoted body, and where PyYAML (libyaml underneath, as VCR.py
// loads cassettes) reports the fault.
const QByteArray TruncateScript = R"PY(
import json, sys, yaml
source, target, interaction = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(source, 'rb').read()
starts = [i for i in range(len(data)) if data.startswith(b'\n- request:', i)]
start = ([0] + [s + 1 for s in starts])[interaction] if data.startswith(b'- request:') else starts[interaction] + 1
quoted = data.index(b'string: "', start)
cut = quoted + len(b'string: "') + 40
open(target, 'wb').write(data[:cut])
try:
    yaml.load(data[:cut], Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))
    print(json.dumps({'error': None}))
except yaml.MarkedYAMLError as e:
    print(json.dumps({'error': str(e.problem), 'line': e.problem_mark.line + 1, 'column': e.problem_mark.column + 1}))
)PY";

// A cassette written by PyYAML (VCR.py's writer) with odd HTTP responses: a JSON body of 9 MiB inside two
// layers of gzip (Content-Encoding: [gzip, gzip]), a body gzipped six times, a response without a status
// and one whose status is null.
const QByteArray OddHttpScript = R"PY(
import base64, gzip, json, sys, yaml
body = b'{"a": "' + b'x' * (9 << 20) + b'"}'
twice = gzip.compress(gzip.compress(body))
six = b'{}'
for _ in range(6):
    six = gzip.compress(six)
def interaction(response):
    return {'request': {'body': None, 'headers': {}, 'method': 'GET', 'uri': 'http://example.test/'},
            'response': response}
def ok():
    return {'code': 200, 'message': 'OK'}
interactions = [
    interaction({'body': {'string': twice}, 'headers': {'Content-Encoding': ['gzip', 'gzip'],
                 'Content-Type': ['application/json']}, 'status': ok()}),
    interaction({'body': {'string': six}, 'headers': {'Content-Encoding': ['gzip'] * 6}, 'status': ok()}),
    interaction({'body': {'string': 'no status'}, 'headers': {}}),
    interaction({'body': {'string': 'null status'}, 'headers': {}, 'status': None}),
]
with open(sys.argv[1], 'w') as f:
    yaml.dump({'interactions': interactions, 'version': 1}, f, Dumper=getattr(yaml, 'CDumper', yaml.Dumper))
print(json.dumps({'size': len(body), 'raw_b64': base64.b64encode(twice).decode()}))
)PY";

// A queries.jsonl as DataHub writes it (json.dumps of QueryRecording.to_dict() a line) with one record of
// 200,000 rows (about 15 MB on one line) between two small ones.
const QByteArray HugeQueryLineScript = R"PY(
import json, sys
def record(query, rows):
    return json.dumps({'query': query, 'parameters': None, 'results': rows, 'row_count': len(rows),
                       'description': [['ID', 0, None, None, 38, 0, False], ['NAME', 2, None, 16777216, None, None, True]],
                       'error': None})
rows = [{'ID': i, 'NAME': 'table_%d with a longer name, as schemas have' % i} for i in range(200000)]
with open(sys.argv[1], 'w') as f:
    f.write(record('SELECT 1', [{'ID': 1, 'NAME': 'one'}]) + '\n')
    f.write(record('SELECT ID, NAME FROM INFORMATION_SCHEMA.TABLES', rows) + '\n')
    f.write(record('SELECT 2', []) + '\n')
)PY";

// Cassettes written by VCR.py's own serializer: "redos" has three GETs, the second with a URI on which
// ^(a+)+$-style regexes backtrack without end; "escapes" has terminal escape sequences, carriage returns,
// C1 and bidi controls in its URI, status message, headers and body. A manifest.json with the same kind of
// values, written as DataHub's archive.py writes it (json.dumps, indent=2).
const QByteArray HostileScript = R"PY(
import json, sys
from vcr.request import Request
from vcr.serialize import serialize
from vcr.serializers import yamlserializer

kind, out = sys.argv[1], sys.argv[2]

def response(message, body, headers):
    return {"status": {"code": 200, "message": message}, "headers": headers, "body": {"string": body}}

ESC = "\x1b]0;pwned\x07\x1b[2J\r"
BASE = "http:" + "/" * 2 + "api.example/"  # not spelled out: moc takes two slashes for a comment
if kind == "manifest":
    manifest = json.load(open(out))
    manifest["run_id"] = "run" + ESC + "FAKE LINE\u202e"
    manifest["checksums"]["http/cassette.yaml"] = "abc\x1b[2Kdef"
    manifest["exception_info"] = {"type": "SDKError\x1b[31m", "message": "boom\x1b[31mRED\x1b[0m\nsecond line\x85",
                                  "traceback": '  File "x.py", line 1\r\n    raise\x1b[2K SDKError()\n'}
    open(out, "w").write(json.dumps(manifest, indent=2))
    sys.exit(0)
plain = {"Content-Type": ["text/plain"]}
if kind == "redos":
    pairs = [(Request("GET", BASE + "ok/0", None, {}), response("OK", b"zero", plain)),
             (Request("GET", BASE + "a" * 40 + "!", None, {}), response("OK", b"one", plain)),
             (Request("GET", BASE + "ok/2", None, {}), response("OK", b"two", plain))]
else:
    body = "line one\r\n\x1b[31mred\x1b[0m\nline\ttwo\rover\u202e\n".encode("utf-8")
    pairs = [(Request("GET", BASE + ESC + "ok\u202e", None, {"X-Note": "a" + ESC + "b"}),
              response("\x1b[5mOK\x85", body, {"Content-Type": ["text/plain"], "X-Evil": ["\x1b[2Kx\rover"]}))]
cassette = {"requests": [q for q, _ in pairs], "responses": [r for _, r in pairs]}
open(out, "w").write(serialize(cassette, yamlserializer))
)PY";

// Control characters that reach a terminal raw: C0 (except a newline, a tab, and the \r of \r\n, which
// show's body blocks keep), DEL, C1 and the bidi controls, as UTF-8. Empty when there are none.
QString rawControls(const QByteArray &output)
{
    const QString text = QString::fromUtf8(output);
    QStringList found;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const bool crlf = c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n';
        if ((c < 0x20 && c != u'\n' && c != u'\t' && !crlf) || (c >= 0x7f && c < 0xa0)
            || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            found.append(u"U+%1 at %2"_s.arg(uint(c), 4, 16, QLatin1Char('0')).arg(i));
    }
    return found.join(u", "_s);
}

// The gzip/deflate bodies of a VCR.py fixture recorded with decode_compressed_response=False, decoded by
// Python, as json.dumps(indent=2, ensure_ascii=False) would show them.
const QByteArray DecodeScript = R"PY(
import base64, gzip, json, sys, zlib
entries = json.load(open(sys.argv[1]))
out = []
for e in entries:
    raw = base64.b64decode(e['response']['body_b64'])
    encoding = e['response']['headers'].get('Content-Encoding', [''])[0]
    if encoding == 'gzip':
        content = gzip.decompress(raw)
    elif encoding == 'deflate':
        try:
            content = zlib.decompress(raw)
        except zlib.error:
            content = zlib.decompress(raw, -zlib.MAX_WBITS)
    else:
        content = raw
    text = content.decode('utf-8')
    try:
        pretty = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        pretty = None
    out.append({'encoding': encoding, 'raw_b64': e['response']['body_b64'], 'text': text, 'pretty': pretty})
print(json.dumps(out))
)PY";

// A file-sink file with one datahubIngestionCheckpoint aspect whose state DataHub's way encodes
// (base64.b85encode(bz2.compress(json))), and the state itself.
const QByteArray CheckpointScript = R"PY(
import base64, bz2, json, sys
state = {'urns': ['urn:li:dataset:(urn:li:dataPlatform:looker,sales.explore.orders,PROD)',
                  'urn:li:dashboard:(looker,dashboards.1)'],
         'version': '1.0', 'serde_note': 'Ums\u00e4tze \u58f2\u4e0a', 'count': 2}
payload = base64.b85encode(bz2.compress(json.dumps(state).encode('utf-8'))).decode('ascii')
aspect = {'timestampMillis': 1763458901000, 'pipelineName': 'looker-prod-daily', 'platformInstanceId': 'looker_prod',
          'config': '', 'state': {'formatVersion': '1.0', 'serde': 'base85-bz2-json', 'payload': payload},
          'runId': 'looker-2025_11_18-09_41_07-k3x9qa', 'messageId': 'looker-prod-daily_looker_prod'}
record = {'entityType': 'dataJob',
          'entityUrn': 'urn:li:dataJob:(urn:li:dataFlow:(datahub,looker-prod-daily,prod),looker_prod)',
          'changeType': 'UPSERT', 'aspectName': 'datahubIngestionCheckpoint', 'aspect': {'json': aspect},
          'systemMetadata': {'lastObserved': 1763458901000, 'runId': 'looker-2025_11_18-09_41_07-k3x9qa'}}
with open(sys.argv[1], 'w') as f:
    f.write('[\n' + json.dumps(record, indent=4) + '\n]')
print(json.dumps(state))
)PY";

// A queries.jsonl written the way DataHub's CursorProxy writes it (json.dumps per line) with the odd cases:
// a replay key shared by two records, rows without a description, an empty error message, a wide cell.
const QByteArray QueriesScript = R"PY(
import json, sys
wide = 'x' * 70 + 'END'
records = [
    {'query': 'SELECT id, note FROM t WHERE id = %(id)s', 'parameters': {'id': 7}, 'results': [{'row': [7, wide]}],
     'row_count': 1, 'description': None, 'error': None},
    {'query': 'UPDATE t SET note = NULL', 'parameters': None, 'results': [], 'row_count': -1, 'description': None,
     'error': ''},
    {'query': 'SELECT id, note FROM t WHERE id = %(id)s', 'parameters': {'id': 7}, 'results': [{'row': [7, 'later']}],
     'row_count': 1, 'description': None, 'error': None},
]
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    for r in records:
        f.write(json.dumps(r) + '\n')
)PY";

QList<QJsonObject> jsonLines(const QByteArray &out, QString *problem)
{
    QList<QJsonObject> objects;
    const QList<QByteArray> lines = out.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].isEmpty() && i + 1 == lines.size())
            break;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(lines[i], &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            *problem = u"line %1 is no JSON object (%2): %3"_s.arg(i + 1).arg(
                error.errorString(), QString::fromUtf8(lines[i]));
            return {};
        }
        objects.append(document.object());
    }
    return objects;
}

// The seq numbers of a table printed by `events` (first column).
QList<int> tableSeqs(const QByteArray &out)
{
    QList<int> seqs;
    static const QRegularExpression row(u"^\\s*(\\d+)\\s+(http|sql|mcp)\\s"_s);
    for (const QString &line : QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch m = row.match(line);
        seqs.append(m.hasMatch() ? m.captured(1).toInt() : -1);
    }
    return seqs;
}

QList<int> intList(const QJsonArray &array)
{
    QList<int> list;
    for (const QJsonValue &v : array)
        list.append(v.toInt());
    return list;
}

// The lines of a section of `show` output: after the heading line that starts with `heading`, up to the
// next line that is not indented, with the two-space indent taken off.
QString section(const QString &text, const QString &heading)
{
    const QStringList lines = text.split(u'\n');
    qsizetype i = 0;
    while (i < lines.size() && !lines[i].startsWith(heading))
        ++i;
    QStringList body;
    for (++i; i < lines.size() && (lines[i].startsWith(u"  "_s) || lines[i].isEmpty()); ++i) {
        if (lines[i].isEmpty()) {
            // Blank lines inside a block are kept; a blank line followed by an unindented one ends it.
            if (i + 1 >= lines.size() || !lines[i + 1].startsWith(u"  "_s))
                break;
        }
        body.append(lines[i].mid(2));
    }
    return body.join(u'\n');
}

QJsonValue parseJson(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8());
    return document.isArray() && document.array().size() == 1 ? document.array().first()
                                                              : QJsonValue(QJsonValue::Undefined);
}

} // namespace

class TstEvents final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // events
    void eventsListsSample();
    void eventsJsonlKeys();
    void eventsFilter_data();
    void eventsFilter();
    void eventsBadFilter_data();
    void eventsBadFilter();
    void eventsFilterTooDeep_data();
    void eventsFilterTooDeep();
    void eventsFilterGivesUp();
    void controlCharactersEscaped();
    void eventsOtherSources_data();
    void eventsOtherSources();
    void eventsTruncatedCassette();
    void eventsMissingStatusIsNull();
    void eventsHugeQueriesLine();
    // show
    void showHttpDecodesCompressedBodies();
    void showHttpJson();
    void showHttpCarriedMcps();
    void showRawWritesPngBytes();
    void showBinaryAsHexDump();
    void showSqlRows();
    void showSqlError();
    void showSqlJson();
    void showSqlOddRecords();
    void showMcpAspects();
    void showCheckpointState();
    void showBoundsDecodedBodies();
    void showBadSeq_data();
    void showBadSeq();
    void showRecordingProblemExitCode();
    void showAnchorsOfEarlierInteractions();
    // hostile YAML
    void hostileYaml_data();
    void hostileYaml();
    // mcps
    void mcpsMatchesFileSink();
    void truncatedMcpFileExitsFour_data();
    void truncatedMcpFileExitsFour();

private:
    QString path(const QString &name) const { return m_work.path() + u'/' + name; }
    QJsonObject modelEvent(int seq) const { return m_model.value(u"events"_s).toArray().at(seq).toObject(); }

    QTemporaryDir m_work;
    QString m_sample;
    QString m_extracted; // the sample, extracted by aeszip.py (pyzipper's reader rules)
    QJsonObject m_model;
    QJsonArray m_fileSink; // resources/samples/sample-recording.mcps.json
};

void TstEvents::initTestCase()
{
    QVERIFY(m_work.isValid());
    m_sample = samplePath();
    QVERIFY(QFileInfo::exists(m_sample));
    m_extracted = path(u"sample"_s);
    const ProcessResult extracted
        = aeszip({ u"read"_s, u"--password"_s, SamplePassword, u"--output-dir"_s, m_extracted, m_sample });
    VERIFY_EXIT(extracted, 0);
    QVERIFY(QFileInfo::exists(m_extracted + u"/http/cassette.yaml"_s));
    QVERIFY(QFileInfo::exists(m_extracted + u"/db/queries.jsonl"_s));

    VERIFY_EXIT(python(m_work.path(), ModelScript, { m_extracted, m_work.path() }), 0);
    m_model = QJsonDocument::fromJson(readFile(path(u"model.json"_s))).object();
    QCOMPARE(m_model.value(u"events"_s).toArray().size(), SampleEvents);

    const QJsonDocument sink
        = QJsonDocument::fromJson(readFile(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json")));
    QVERIFY(sink.isArray());
    m_fileSink = sink.array();
    QCOMPARE(m_fileSink.size(), 24);
}

void TstEvents::eventsListsSample()
{
    const ProcessResult r = cli({ u"events"_s, m_sample });
    VERIFY_EXIT(r, 0);
    QList<int> expected;
    for (int seq = 0; seq < SampleEvents; ++seq)
        expected.append(seq);
    QCOMPARE(tableSeqs(r.out), expected);
    QHash<QString, int> kinds;
    static const QRegularExpression row(u"^\\s*(\\d+)\\s+(http|sql|mcp)\\s"_s);
    for (const QString &line : QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch m = row.match(line);
        QCOMPARE(m.captured(2), modelEvent(m.captured(1).toInt()).value(u"kind"_s).toString());
        ++kinds[m.captured(2)];
    }
    QCOMPARE(kinds.value(u"http"_s), 12);
    QCOMPARE(kinds.value(u"mcp"_s), 24);
    QCOMPARE(kinds.value(u"sql"_s), 5);
    QVERIFY2(QString::fromUtf8(r.err).contains(u"41 of 41"_s), r.err.constData());
}

void TstEvents::eventsJsonlKeys()
{
    const ProcessResult r = cli({ u"events"_s, m_sample, u"--jsonl"_s });
    VERIFY_EXIT(r, 0);
    QString problem;
    const QList<QJsonObject> lines = jsonLines(r.out, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(lines.size(), SampleEvents);
    for (int seq = 0; seq < SampleEvents; ++seq) {
        const QJsonObject &o = lines[seq];
        const QJsonObject e = modelEvent(seq);
        const QString where = u"seq %1: %2"_s.arg(seq).arg(
            QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        QVERIFY2(o.value(u"seq"_s).isDouble() && o.value(u"seq"_s).toInt() == seq, qPrintable(where));
        const QString kind = e.value(u"kind"_s).toString();
        QVERIFY2(o.value(u"kind"_s).toString() == kind, qPrintable(where));
        QVERIFY2(o.value(u"lane"_s).toInt(-1) == e.value(u"lane"_s).toInt(), qPrintable(where));
        if (kind == u"http"_s) {
            QVERIFY2(o.value(u"method"_s).toString() == e.value(u"method"_s).toString(), qPrintable(where));
            QVERIFY2(o.value(u"uri"_s).toString() == e.value(u"uri"_s).toString(), qPrintable(where));
            QVERIFY2(o.value(u"status"_s).isDouble()
                    && o.value(u"status"_s).toInt() == e.value(u"status"_s).toInt(),
                qPrintable(where));
        } else if (kind == u"sql"_s) {
            QVERIFY2(o.value(u"query"_s).toString() == e.value(u"query"_s).toString(), qPrintable(where));
            QVERIFY2(o.contains(u"row_count"_s) && o.contains(u"error"_s), qPrintable(where));
            // row_count as recorded: null stays null.
            const QJsonValue rowCount = e.value(u"row_count"_s);
            const QJsonValue shown = o.value(u"row_count"_s);
            QVERIFY2(
                rowCount.isNull() ? shown.isNull() : shown.toInt(-1) == rowCount.toInt(), qPrintable(where));
            QVERIFY2(o.value(u"error"_s) == e.value(u"error"_s), qPrintable(where));
        } else {
            QVERIFY2(o.value(u"entity_urn"_s).toString() == e.value(u"entity_urn"_s).toString(),
                qPrintable(where));
            QVERIFY2(o.value(u"aspect_name"_s).toString() == e.value(u"aspect_name"_s).toString(),
                qPrintable(where));
            QVERIFY2(o.value(u"change_type"_s).toString() == e.value(u"change_type"_s).toString(),
                qPrintable(where));
        }
    }
}

void TstEvents::eventsFilter_data()
{
    QTest::addColumn<QString>("expression");
    for (const QString &expression : m_model.value(u"filters"_s).toObject().keys())
        QTest::addRow("%s", qPrintable(expression)) << expression;
}

void TstEvents::eventsFilter()
{
    QFETCH(QString, expression);
    const QList<int> expected = intList(m_model.value(u"filters"_s).toObject().value(expression).toArray());
    // Every expression picks some events and leaves some out, so a filter that ignores its input fails.
    QVERIFY(!expected.isEmpty());
    QVERIFY(expected.size() < SampleEvents);
    const ProcessResult table = cli({ u"events"_s, m_sample, u"--filter"_s, expression });
    VERIFY_EXIT(table, 0);
    QCOMPARE(tableSeqs(table.out), expected);
    QVERIFY2(
        QString::fromUtf8(table.err).contains(u"%1 of 41"_s.arg(expected.size())), table.err.constData());

    const ProcessResult jsonl = cli({ u"events"_s, m_sample, u"--filter"_s, expression, u"--jsonl"_s });
    VERIFY_EXIT(jsonl, 0);
    QString problem;
    QList<int> seqs;
    for (const QJsonObject &o : jsonLines(jsonl.out, &problem))
        seqs.append(o.value(u"seq"_s).toInt());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(seqs, expected);
}

void TstEvents::eventsBadFilter_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("unknown field") << u"kind:http stauts:404"_s << 11 << u"stauts"_s;
    QTest::addRow("bad status") << u"status:40O"_s << 8 << u"40O"_s;
    QTest::addRow("dangling or") << u"kind:http (status:5xx or"_s << 25 << u"or"_s;
    QTest::addRow("unknown kind") << u"kind:xml"_s << 6 << u"xml"_s;
}

void TstEvents::eventsBadFilter()
{
    QFETCH(QString, expression);
    QFETCH(int, column);
    QFETCH(QString, mentions);
    const ProcessResult r = cli({ u"events"_s, m_sample, u"--filter"_s, expression });
    VERIFY_EXIT(r, 2);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(u"column %1"_s.arg(column)), qPrintable(err));
    QVERIFY2(err.contains(mentions), qPrintable(err));
    // The expression is echoed and a caret points at the column.
    const QStringList lines = err.split(u'\n');
    const qsizetype echo = lines.indexOf(u"  "_s + expression);
    QVERIFY2(echo >= 0 && echo + 1 < lines.size(), qPrintable(err));
    QCOMPARE(lines[echo + 1].indexOf(u'^'), 2 + column - 1);
}

void TstEvents::eventsFilterTooDeep_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("column");
    // What the adversarial run sent (filter-deep-parens.txt, filter-minus.txt): a stack overflow before.
    QTest::addRow("10,000 parentheses")
        << u"("_s.repeated(10000) + u"kind:http"_s + u")"_s.repeated(10000) << 1001;
    QTest::addRow("20,000 minus") << u"-"_s.repeated(20000) + u"kind:http"_s << 1001;
    QTest::addRow("30,000 not") << u"not "_s.repeated(30000) + u"kind:http"_s << 4001;
}

void TstEvents::eventsFilterTooDeep()
{
    QFETCH(QString, expression);
    QFETCH(int, column);
    for (const char *command : { "events", "export-har" }) {
        const QString output = path(u"deep.har"_s);
        QStringList arguments { QString::fromLatin1(command), m_sample, u"--filter"_s, expression };
        if (QLatin1StringView(command) == "export-har"_L1)
            arguments << u"--output"_s << output;
        const ProcessResult r = cli(arguments);
        VERIFY_EXIT(r, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFileInfo::exists(output));
        const QString err = QString::fromUtf8(r.err);
        const QStringList lines = err.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(
            lines.value(0).startsWith(u"tapedeck-cli: invalid filter at column %1: nesting deeper than 1000 "
                                      u"levels"_s.arg(column)),
            qPrintable(err.left(500)));
        // The expression is shown around the error only, with the caret under the offending token.
        QCOMPARE(lines.size(), 3);
        for (const QString &line : lines)
            QVERIFY2(line.size() < 200, qPrintable(line.left(300)));
        QCOMPARE(lines[2].indexOf(u'^'), 2 + 41);
    }
}

// A regex term that reaches the match limit on an event: the events before it are printed, then an error
// names the term and the event; exit 2 (the filter has to change, the recording is fine).
void TstEvents::eventsFilterGivesUp()
{
    const QString cassette = path(u"redos.yaml"_s);
    VERIFY_EXIT(python(m_work.path(), HostileScript, { u"redos"_s, cassette }), 0);
    const QString expression = u"url:~\"(a+)+c|a!|ok/\""_s;
    // Without the hostile alternative every event is there and the first and last match.
    const ProcessResult plain = cli({ u"events"_s, cassette, u"--filter"_s, u"url:~\"ok/\""_s });
    VERIFY_EXIT(plain, 0);
    QCOMPARE(tableSeqs(plain.out), QList<int>({ 0, 2 }));

    const ProcessResult r = cli({ u"events"_s, cassette, u"--filter"_s, expression });
    VERIFY_EXIT(r, 2);
    QCOMPARE(tableSeqs(r.out), QList<int>({ 0 }));
    const QStringList lines = QString::fromUtf8(r.err).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].startsWith(u"tapedeck-cli: invalid filter at column 1: "_s + expression
                 + u" gave up on event 1: its regular expression needs more than 1000000 steps"_s),
        qPrintable(lines[0]));
    QCOMPARE(lines[1], u"  "_s + expression);
    QCOMPARE(lines[2], u"  "_s + QString(expression.size(), u'^'));

    const ProcessResult jsonl = cli({ u"events"_s, cassette, u"--filter"_s, expression, u"--jsonl"_s });
    VERIFY_EXIT(jsonl, 2);
    QCOMPARE(jsonl.out.count('\n'), 1);
    QCOMPARE(jsonl.err, r.err);

    // export-har writes nothing: a HAR without the events the filter could not decide would be wrong.
    const QString har = path(u"redos.har"_s);
    const ProcessResult exported
        = cli({ u"export-har"_s, cassette, u"--filter"_s, expression, u"--output"_s, har });
    VERIFY_EXIT(exported, 2);
    QCOMPARE(exported.err, r.err);
    QVERIFY(!QFileInfo::exists(har));
}

// Control characters from recorded data are escaped in every human-readable output and in error and
// warning lines; JSON output keeps its own escapes, byte for byte.
void TstEvents::controlCharactersEscaped()
{
    const QString cassette = path(u"escapes.yaml"_s);
    VERIFY_EXIT(python(m_work.path(), HostileScript, { u"escapes"_s, cassette }), 0);

    const ProcessResult events = cli({ u"events"_s, cassette });
    VERIFY_EXIT(events, 0);
    QCOMPARE(rawControls(events.out), QString());
    const QByteArray escapedUri = R"(http://api.example/\x1b]0;pwned\x07\x1b[2J\rok\u202e)";
    QVERIFY2(events.out.contains(escapedUri), events.out.constData());
    QCOMPARE(tableSeqs(events.out), QList<int>({ 0 }));

    const ProcessResult jsonl = cli({ u"events"_s, cassette, u"--jsonl"_s });
    VERIFY_EXIT(jsonl, 0);
    const QByteArray jsonUri = R"("uri":"http://api.example/\u001b]0;pwned\u0007\u001b[2J\rok)";
    QVERIFY2(jsonl.out.contains(jsonUri), jsonl.out.constData());

    const ProcessResult show = cli({ u"show"_s, cassette, u"0"_s });
    VERIFY_EXIT(show, 0);
    QCOMPARE(rawControls(show.out), QString());
    const QString shown = QString::fromUtf8(show.out);
    QVERIFY2(shown.contains(u"Response: 200 \\x1b[5mOK\\x85\n"_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"  X-Evil: \\x1b[2Kx\\rover\n"_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"  X-Note: a\\x1b]0;pwned\\x07\\x1b[2J\\rb\n"_s), qPrintable(shown));
    // The body keeps its lines (and the \r of \r\n, which does no harm); everything else is escaped.
    QVERIFY2(shown.contains(u"  line one\r\n  \\x1b[31mred\\x1b[0m\n  line\ttwo\\rover\\u202e\n"_s),
        qPrintable(shown));
    const ProcessResult showJson = cli({ u"show"_s, cassette, u"0"_s, u"--json"_s });
    VERIFY_EXIT(showJson, 0);
    const QJsonObject o = QJsonDocument::fromJson(showJson.out).object();
    QCOMPARE(o.value(u"status_message"_s).toString(), u"\x1b[5mOK\u0085"_s);

    // info and list: a manifest with the same kind of values, in a copy of the sample's folder.
    const QString folder = path(u"escapes/recording"_s);
    QVERIFY(QDir().mkpath(folder + u"/http"_s) && QDir().mkpath(folder + u"/db"_s));
    for (const QString &name : listFiles(m_extracted))
        QVERIFY(QFile::copy(m_extracted + u'/' + name, folder + u'/' + name));
    VERIFY_EXIT(python(m_work.path(), HostileScript, { u"manifest"_s, folder + u"/manifest.json"_s }), 0);
    const ProcessResult info = cli({ u"info"_s, folder });
    VERIFY_EXIT(info, 4); // the checksum no longer matches
    QCOMPARE(rawControls(info.out), QString());
    QCOMPARE(rawControls(info.err), QString());
    const QString infoText = QString::fromUtf8(info.out);
    QVERIFY2(infoText.contains(u"run\\x1b]0;pwned\\x07\\x1b[2J\\rFAKE LINE\\u202e"_s), qPrintable(infoText));
    // The exception's message keeps its two lines, each indented; the traceback's lines are escaped.
    QVERIFY2(infoText.contains(u"  boom\\x1b[31mRED\\x1b[0m\n  second line\\x85\n"_s), qPrintable(infoText));
    QVERIFY2(infoText.contains(u"raise\\x1b[2K SDKError()"_s), qPrintable(infoText));
    // The error line quotes the manifest's value as written in JSON (a checksum that is no digest is
    // quoted that way, so that "" and ["a"] show), which leaves no control character raw, on one line.
    const QStringList errors = QString::fromUtf8(info.err).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains(u"the manifest says \"abc\\u001b[2Kdef\", which is not a SHA-256 digest"_s),
        qPrintable(errors[0]));
    const ProcessResult infoJson = cli({ u"info"_s, folder, u"--json"_s });
    QCOMPARE(QJsonDocument::fromJson(infoJson.out).object().value(u"run_id"_s).toString(),
        u"run\x1b]0;pwned\x07\x1b[2J\rFAKE LINE\u202e"_s);

    const ProcessResult list = cli({ u"list"_s, path(u"escapes"_s) });
    VERIFY_EXIT(list, 0);
    QCOMPARE(rawControls(list.out), QString());
    const QByteArray escapedRunId = R"(run\x1b]0;pwned\x07\x1b[2J\rFAKE LINE\u202e)";
    QVERIFY2(list.out.contains(escapedRunId), list.out.constData());
}

void TstEvents::eventsOtherSources_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QList<int>>("modelSeqs"); // the sample's events the source holds, in order
    QList<int> all;
    QList<int> cassette;
    QList<int> queries;
    QList<int> mcps;
    for (int seq = 0; seq < SampleEvents; ++seq) {
        all.append(seq);
        const QString kind = modelEvent(seq).value(u"kind"_s).toString();
        (kind == u"sql"_s ? queries : cassette).append(seq);
        if (kind == u"mcp"_s)
            mcps.append(seq);
    }
    QTest::addRow("extracted folder") << m_extracted << all;
    QTest::addRow("bare cassette") << m_extracted + u"/http/cassette.yaml"_s << cassette;
    QTest::addRow("queries.jsonl") << m_extracted + u"/db/queries.jsonl"_s << queries;
    QTest::addRow("file-sink MCPs") << QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json") << mcps;
}

void TstEvents::eventsOtherSources()
{
    QFETCH(QString, source);
    QFETCH(QList<int>, modelSeqs);
    const ProcessResult r = runCli({ u"events"_s, source, u"--jsonl"_s }); // no password needed
    VERIFY_EXIT(r, 0);
    QString problem;
    const QList<QJsonObject> lines = jsonLines(r.out, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(lines.size(), modelSeqs.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QJsonObject e = modelEvent(modelSeqs[i]);
        const QJsonObject &o = lines[i];
        QCOMPARE(o.value(u"seq"_s).toInt(), int(i));
        QCOMPARE(o.value(u"kind"_s).toString(), e.value(u"kind"_s).toString());
        const QString kind = e.value(u"kind"_s).toString();
        const QStringList keys = kind == u"http"_s ? QStringList { u"method"_s, u"uri"_s }
            : kind == u"sql"_s                     ? QStringList { u"query"_s }
                               : QStringList { u"entity_urn"_s, u"aspect_name"_s, u"change_type"_s };
        for (const QString &key : keys)
            QCOMPARE(o.value(key).toString(), e.value(key).toString());
    }
    QVERIFY2(r.err.isEmpty(), r.err.constData());
}

void TstEvents::eventsTruncatedCassette()
{
    // Cut inside the double-quoted body of interaction 6 (GET /dashboards): seq 0..6 come before it.
    const QString cut = path(u"truncated.yaml"_s);
    const ProcessResult made
        = python(m_work.path(), TruncateScript, { m_extracted + u"/http/cassette.yaml"_s, cut, u"6"_s });
    VERIFY_EXIT(made, 0);
    const QJsonObject fault = QJsonDocument::fromJson(made.out).object();
    QVERIFY2(fault.value(u"error"_s).isString(), made.out.constData()); // PyYAML fails on it
    QList<int> expected;
    for (int seq = 0; seq < SampleEvents; ++seq) {
        const QJsonObject e = modelEvent(seq);
        if (e.value(u"kind"_s).toString() != u"sql"_s && e.value(u"interaction"_s).toInt() < 6)
            expected.append(seq);
    }
    QCOMPARE(expected.size(), 7);

    // Every event before the fault is listed; the fault names file, line and column; exit 4 (corrupt input).
    const ProcessResult r = runCli({ u"events"_s, cut });
    QVERIFY2(!r.crashed, qPrintable(describe(r)));
    QCOMPARE(r.exitCode, 4);
    QCOMPARE(tableSeqs(r.out), expected);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(u"not valid YAML"_s), qPrintable(err));
    QVERIFY2(err.contains(u"truncated.yaml"_s), qPrintable(err));
    const QString line = QString::number(fault.value(u"line"_s).toInt());
    const QString column = QString::number(fault.value(u"column"_s).toInt());
    QVERIFY2(err.contains(QRegularExpression(u"line %1\\b"_s.arg(line))),
        qPrintable(u"expected line %1: "_s.arg(line) + err));
    QVERIFY2(err.contains(QRegularExpression(u"column %1\\b"_s.arg(column))),
        qPrintable(u"expected column %1: "_s.arg(column) + err));

    // show still works on the events before the fault (and still reports the fault), and names the range.
    VERIFY_EXIT(runCli({ u"show"_s, cut, u"6"_s }), 4);
    const ProcessResult beyond = runCli({ u"show"_s, cut, u"7"_s });
    VERIFY_EXIT(beyond, 2);
    QVERIFY2(QString::fromUtf8(beyond.err).contains(u"0 to 6"_s), beyond.err.constData());
}

void TstEvents::eventsMissingStatusIsNull()
{
    // Interactions 2 and 3 of the odd cassette: no status, and status: null.
    const QString file = path(u"odd-http-status.yaml"_s);
    VERIFY_EXIT(python(m_work.path(), OddHttpScript, { file }), 0);

    const ProcessResult jsonl = runCli({ u"events"_s, file, u"--jsonl"_s });
    VERIFY_EXIT(jsonl, 0);
    const QList<QByteArray> lines = jsonl.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    for (int seq = 0; seq < 4; ++seq) {
        const QJsonObject o = QJsonDocument::fromJson(lines[seq]).object();
        QVERIFY2(o.contains(u"status"_s), lines[seq].constData());
        if (seq < 2)
            QCOMPARE(o.value(u"status"_s), QJsonValue(200));
        else
            QVERIFY2(o.value(u"status"_s).isNull(), lines[seq].constData());
    }

    for (const QString &seq : { u"2"_s, u"3"_s }) {
        const ProcessResult j = runCli({ u"show"_s, file, seq, u"--json"_s });
        VERIFY_EXIT(j, 0);
        const QJsonObject o = QJsonDocument::fromJson(j.out).object();
        QVERIFY(o.contains(u"status"_s));
        QVERIFY(o.value(u"status"_s).isNull());
        QVERIFY2(runCli({ u"show"_s, file, seq }).out.contains("Response: no response recorded"), qPrintable(seq));
    }

    // The table shows a dash; a status filter never matches a missing status.
    const ProcessResult table = runCli({ u"events"_s, file });
    VERIFY_EXIT(table, 0);
    const QStringList rows = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 4);
    QVERIFY2(rows[2].contains(QRegularExpression(u"GET +\u2013 "_s)), qPrintable(rows[2]));
    QVERIFY2(rows[0].contains(QRegularExpression(u"GET +200 "_s)), qPrintable(rows[0]));
    QCOMPARE(tableSeqs(runCli({ u"events"_s, file, u"--filter"_s, u"status:<300"_s }).out), (QList<int> { 0, 1 }));

    // HAR 1.2 requires a number: 0, as browsers write a request that got no response.
    const QString har = path(u"odd-http-status.har"_s);
    VERIFY_EXIT(runCli({ u"export-har"_s, file, u"--output"_s, har }), 0);
    const QJsonArray entries
        = QJsonDocument::fromJson(readFile(har)).object().value(u"log"_s).toObject().value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries[1].toObject().value(u"response"_s).toObject().value(u"status"_s), QJsonValue(200));
    QCOMPARE(entries[2].toObject().value(u"response"_s).toObject().value(u"status"_s), QJsonValue(0));
    QCOMPARE(entries[3].toObject().value(u"response"_s).toObject().value(u"status"_s), QJsonValue(0));
}

void TstEvents::eventsHugeQueriesLine()
{
    const QString file = path(u"huge-line.queries.jsonl"_s);
    VERIFY_EXIT(python(m_work.path(), HugeQueryLineScript, { file }), 0);
    QVERIFY(QFileInfo(file).size() > 12 * 1024 * 1024); // more than QueryLog::MaxRowBytes

    const ProcessResult jsonl = runCli({ u"events"_s, file, u"--jsonl"_s });
    VERIFY_EXIT(jsonl, 0);
    const QList<QByteArray> lines = jsonl.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value(u"row_count"_s), QJsonValue(200000));
    QVERIFY(jsonl.err.isEmpty());

    // show reads the rows up to 8 MiB of their text and says so; the record itself stays whole (--raw).
    const ProcessResult text = runCli({ u"show"_s, file, u"1"_s });
    VERIFY_EXIT(text, 0);
    const QString out = QString::fromUtf8(text.out);
    QVERIFY2(out.contains(u"Row count: 200000 \u00b7 200000 rows recorded"_s), qPrintable(out.left(2000)));
    QVERIFY2(out.contains(QRegularExpression(u"\\d+ more rows not shown: rows are read up to 8.0 MiB of their text"_s)),
        qPrintable(out.right(500)));
    const ProcessResult j = runCli({ u"show"_s, file, u"1"_s, u"--json"_s });
    VERIFY_EXIT(j, 0);
    const QJsonObject o = QJsonDocument::fromJson(j.out).object();
    QCOMPARE(o.value(u"rows_cut"_s), QJsonValue(true));
    QCOMPARE(o.value(u"result_count"_s), QJsonValue(200000));
    const QJsonArray rows = o.value(u"rows"_s).toArray();
    QVERIFY(rows.size() > 10000 && rows.size() < 200000);
    QCOMPARE(rows.last().toObject().value(u"ID"_s), QJsonValue(rows.size() - 1));
    QCOMPARE(o.value(u"replay_key"_s).toString().size(), 16);
    const ProcessResult raw = runCli({ u"show"_s, file, u"1"_s, u"--raw"_s });
    VERIFY_EXIT(raw, 0);
    QCOMPARE(raw.out, readFile(file).split('\n').at(1));

    // A small record shows all its rows, and says nothing of cutting.
    const QJsonObject small = QJsonDocument::fromJson(runCli({ u"show"_s, file, u"0"_s, u"--json"_s }).out).object();
    QCOMPARE(small.value(u"rows_cut"_s), QJsonValue(false));
    QCOMPARE(small.value(u"rows"_s).toArray().size(), 1);
}

void TstEvents::showHttpDecodesCompressedBodies()
{
    const QString fixture = QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/cassettes/vcr-compressed-raw.yaml");
    const QString expectedFile
        = QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/cassettes/vcr-compressed-raw.expected.json");
    const ProcessResult decoded = python(m_work.path(), DecodeScript, { expectedFile });
    VERIFY_EXIT(decoded, 0);
    const QJsonArray bodies = QJsonDocument::fromJson(decoded.out).array();
    QVERIFY(bodies.size() >= 2);
    int gzipJson = 0;
    for (qsizetype seq = 0; seq < bodies.size(); ++seq) {
        const QJsonObject body = bodies[seq].toObject();
        const QString encoding = body.value(u"encoding"_s).toString();
        if (encoding.isEmpty())
            continue;
        const ProcessResult r = runCli({ u"show"_s, fixture, QString::number(seq) });
        VERIFY_EXIT(r, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(u"Content-Encoding %1 decoded"_s.arg(encoding)), qPrintable(out));
        const QString shown = section(out, u"Response body"_s);
        const QString pretty = body.value(u"pretty"_s).toString();
        if (!pretty.isEmpty()) {
            ++gzipJson;
            QCOMPARE(shown.section(u'\n', 1), pretty); // the first line is the decoding note
        } else {
            QCOMPARE(shown.section(u'\n', 1), body.value(u"text"_s).toString().trimmed());
        }

        // --json carries the recorded (compressed) bytes and the decoded text.
        const ProcessResult j = runCli({ u"show"_s, fixture, QString::number(seq), u"--json"_s });
        VERIFY_EXIT(j, 0);
        const QJsonObject response = QJsonDocument::fromJson(j.out)
                                         .object()
                                         .value(u"response"_s)
                                         .toObject()
                                         .value(u"body"_s)
                                         .toObject();
        QCOMPARE(response.value(u"content_encoding"_s).toString(), encoding);
        QCOMPARE(response.value(u"encoding"_s).toString(), u"base64"_s);
        QCOMPARE(response.value(u"data"_s).toString(), body.value(u"raw_b64"_s).toString());
        QCOMPARE(response.value(u"decoded"_s).toObject().value(u"data"_s).toString(),
            body.value(u"text"_s).toString());

        // --raw gives the recorded bytes unchanged.
        const ProcessResult raw = runCli({ u"show"_s, fixture, QString::number(seq), u"--raw"_s });
        VERIFY_EXIT(raw, 0);
        QCOMPARE(raw.out, QByteArray::fromBase64(body.value(u"raw_b64"_s).toString().toLatin1()));
    }
    QVERIFY(gzipJson > 0);
}

void TstEvents::showHttpJson()
{
    // The login: a form request body, JSON response, two Set-Cookie headers.
    const ProcessResult r = cli({ u"show"_s, m_sample, u"1"_s, u"--json"_s });
    VERIFY_EXIT(r, 0);
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    for (const QString &key : { u"seq"_s, u"kind"_s, u"lane"_s, u"source"_s, u"method"_s, u"uri"_s,
             u"status"_s, u"request"_s, u"response"_s, u"mcps"_s, u"warnings"_s })
        QVERIFY2(o.contains(key), qPrintable(key));
    const QJsonObject e = modelEvent(1);
    QCOMPARE(o.value(u"seq"_s).toInt(), 1);
    QCOMPARE(o.value(u"kind"_s).toString(), u"http"_s);
    QCOMPARE(o.value(u"method"_s).toString(), e.value(u"method"_s).toString());
    QCOMPARE(o.value(u"uri"_s).toString(), e.value(u"uri"_s).toString());
    QCOMPARE(o.value(u"status"_s).toInt(), 200);
    int cookies = 0;
    for (const QJsonValue &h : o.value(u"response"_s).toObject().value(u"headers"_s).toArray())
        cookies
            += h.toObject().value(u"name"_s).toString().compare(u"Set-Cookie"_s, Qt::CaseInsensitive) == 0;
    QCOMPARE(cookies, 2);
    const QJsonObject request = o.value(u"request"_s).toObject().value(u"body"_s).toObject();
    QCOMPARE(request.value(u"encoding"_s).toString(), u"utf-8"_s);
    QVERIFY(request.value(u"data"_s).toString().contains(u"client_id="_s));
    const QJsonObject response = o.value(u"response"_s).toObject().value(u"body"_s).toObject();
    QVERIFY(response.value(u"decoded"_s).isNull());
    QVERIFY(parseJson(response.value(u"data"_s).toString()).toObject().contains(u"access_token"_s));

    const ProcessResult text = cli({ u"show"_s, m_sample, u"1"_s });
    VERIFY_EXIT(text, 0);
    const QString out = QString::fromUtf8(text.out);
    QVERIFY2(out.contains(u"POST "_s + e.value(u"uri"_s).toString()), qPrintable(out));
    QVERIFY2(out.contains(u"Response: 200"_s), qPrintable(out));
    QVERIFY2(out.contains(u"\"token_type\": \"Bearer\""_s), qPrintable(out)); // pretty JSON
}

void TstEvents::showHttpCarriedMcps()
{
    for (const int http : { 3, 11 }) {
        QList<int> carried;
        for (int seq = 0; seq < SampleEvents; ++seq) {
            const QJsonObject e = modelEvent(seq);
            if (e.value(u"kind"_s).toString() == u"mcp"_s && e.value(u"carrier"_s).toInt() == http)
                carried.append(seq);
        }
        QVERIFY(!carried.isEmpty());
        const ProcessResult j = cli({ u"show"_s, m_sample, QString::number(http), u"--json"_s });
        VERIFY_EXIT(j, 0);
        QCOMPARE(intList(QJsonDocument::fromJson(j.out).object().value(u"mcps"_s).toArray()), carried);
        const ProcessResult text = cli({ u"show"_s, m_sample, QString::number(http) });
        VERIFY_EXIT(text, 0);
        QStringList seqs;
        for (const int seq : std::as_const(carried))
            seqs.append(QString::number(seq));
        QVERIFY2(QString::fromUtf8(text.out).contains(
                     u"MCPs carried (%1): %2"_s.arg(carried.size()).arg(seqs.join(u", "_s))),
            text.out.constData());
    }
}

void TstEvents::showRawWritesPngBytes()
{
    int png = -1;
    for (int seq = 0; seq < SampleEvents; ++seq) {
        if (modelEvent(seq).value(u"png"_s).toBool())
            png = seq;
    }
    QCOMPARE(png, 10);
    const QByteArray expected = readFile(path(u"thumbnail.png"_s));
    QVERIFY(expected.startsWith("\x89PNG\r\n\x1a\n"));
    const ProcessResult r = cli({ u"show"_s, m_sample, QString::number(png), u"--raw"_s });
    VERIFY_EXIT(r, 0);
    QCOMPARE(r.out.size(), expected.size());
    QVERIFY(r.out == expected);
}

void TstEvents::showBinaryAsHexDump()
{
    const QByteArray png = readFile(path(u"thumbnail.png"_s));
    QVERIFY(png.size() > 512);
    const ProcessResult r = cli({ u"show"_s, m_sample, u"10"_s });
    VERIFY_EXIT(r, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(u"PNG image"_s), qPrintable(out));
    QVERIFY2(out.contains(u"image/png"_s), qPrintable(out));
    QVERIFY2(out.contains(u"(%1 bytes)"_s.arg(png.size())), qPrintable(out));
    QVERIFY2(out.contains(u"00000000  89 50 4e 47 0d 0a 1a 0a  "_s), qPrintable(out));
    // Exactly the first 512 bytes: 32 lines of 16, the last one at offset 0x1f0.
    QVERIFY2(out.contains(u"000001f0  "_s), qPrintable(out));
    QVERIFY2(!out.contains(u"00000200  "_s), qPrintable(out));
    const QString lastLine = out.section(u"000001f0  "_s, 1).section(u'\n', 0, 0);
    QVERIFY2(lastLine.startsWith(QString::fromLatin1(png.mid(0x1f0, 1).toHex())), qPrintable(lastLine));
}

void TstEvents::showSqlRows()
{
    // Event 36: three tables; 38: datetime markers; 40: a date marker, bytes and a float.
    for (const int seq : { 36, 37, 38, 40 }) {
        const QJsonObject e = modelEvent(seq);
        QCOMPARE(e.value(u"kind"_s).toString(), u"sql"_s);
        const ProcessResult r = cli({ u"show"_s, m_sample, QString::number(seq) });
        VERIFY_EXIT(r, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(e.value(u"query"_s).toString().section(u'\n', 0, 0)), qPrintable(out));
        QVERIFY2(out.contains(u"Replay key: "_s + e.value(u"replay_key"_s).toString()), qPrintable(out));
        const QString rows = section(out, u"Rows"_s);
        const QStringList lines = rows.split(u'\n');
        const QJsonArray results = e.value(u"results"_s).toArray();
        QCOMPARE(lines.size(), results.size() + 2); // header and rule
        QStringList columns;
        for (const QJsonValue &c : e.value(u"description"_s).toArray())
            columns.append(c.toArray().first().toString());
        QCOMPARE(lines[0].split(u' ', Qt::SkipEmptyParts), columns);
        for (qsizetype i = 0; i < results.size(); ++i) {
            const QJsonObject row = results[i].toObject();
            for (const QString &c : std::as_const(columns)) {
                const QJsonValue v = row.value(c);
                QString cell;
                if (v.isString())
                    cell = v.toString();
                else if (v.isObject())
                    cell = v.toObject().value(u"__value__"_s).toString().replace(u'T', u' ');
                else
                    cell = QString::number(v.toDouble(), 'g', 17);
                if (c == u"ETAG"_s) // bytes: base64 in the file, hex on screen
                    cell = u"0x"_s
                        + QString::fromLatin1(
                            QByteArray::fromBase64(v.toString().toLatin1()).toHex().toUpper());
                QVERIFY2(lines[i + 2].contains(cell.left(39)),
                    qPrintable(u"row %1 lacks %2:\n%3"_s.arg(i).arg(cell, rows)));
            }
        }
    }
    const QString snapshot = QString::fromUtf8(cli({ u"show"_s, m_sample, u"40"_s }).out);
    QVERIFY2(snapshot.contains(u"0xC0FFEE00BADA55"_s), qPrintable(snapshot));
    QVERIFY2(snapshot.contains(u"2025-11-17"_s), qPrintable(snapshot));
    QVERIFY2(snapshot.contains(u"Parameters: [\"2025-11-17\", \"C0FFEE00BADA55\", \"2025-11-17\"]"_s),
        qPrintable(snapshot));
}

void TstEvents::showSqlError()
{
    const QJsonObject e = modelEvent(39);
    QVERIFY(e.value(u"error"_s).isString());
    const ProcessResult r = cli({ u"show"_s, m_sample, u"39"_s });
    VERIFY_EXIT(r, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(u"ERROR\n"_s), qPrintable(out));
    for (const QString &line : e.value(u"error"_s).toString().split(u'\n'))
        QVERIFY2(out.contains(u"  "_s + line), qPrintable(out));
    QVERIFY2(out.contains(u"\u58f2\u4e0a"_s), qPrintable(out)); // the parameter, not escaped
    QVERIFY2(!out.contains(u"Rows"_s), qPrintable(out));
}

void TstEvents::showSqlJson()
{
    for (const int seq : { 37, 39, 40 }) {
        const QJsonObject e = modelEvent(seq);
        const ProcessResult r = cli({ u"show"_s, m_sample, QString::number(seq), u"--json"_s });
        VERIFY_EXIT(r, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"kind"_s).toString(), u"sql"_s);
        QCOMPARE(o.value(u"query"_s).toString(), e.value(u"query"_s).toString());
        QCOMPARE(o.value(u"parameters"_s), e.value(u"parameters"_s));
        QCOMPARE(o.value(u"replay_key"_s).toString(), e.value(u"replay_key"_s).toString());
        QCOMPARE(o.value(u"row_count"_s), e.value(u"row_count"_s));
        QCOMPARE(o.value(u"error"_s), e.value(u"error"_s));
        QCOMPARE(o.value(u"rows"_s), e.value(u"results"_s));
        QCOMPARE(o.value(u"description"_s), e.value(u"description"_s));
    }
}

void TstEvents::showSqlOddRecords()
{
    const QString file = path(u"odd-queries.jsonl"_s);
    VERIFY_EXIT(python(m_work.path(), QueriesScript, { file }), 0);

    // Rows without a description: positional columns; the wide cell is cut with an ellipsis.
    const ProcessResult first = runCli({ u"show"_s, file, u"0"_s });
    VERIFY_EXIT(first, 0);
    const QString out = QString::fromUtf8(first.out);
    const QStringList rows = section(out, u"Rows"_s).split(u'\n');
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].split(u' ', Qt::SkipEmptyParts), (QStringList { u"#1"_s, u"#2"_s }));
    QVERIFY2(rows[2].startsWith(u"7 "_s) && rows[2].contains(u"xxxx\u2026"_s) && !rows[2].contains(u"END"_s),
        qPrintable(rows[2]));
    // DataHub keeps the last record of a key, so event 0 is never replayed: event 2 is.
    QVERIFY2(out.contains(u"DataHub replays that one (line 3, event 2)"_s), qPrintable(out));
    const QJsonObject json
        = QJsonDocument::fromJson(runCli({ u"show"_s, file, u"0"_s, u"--json"_s }).out).object();
    QCOMPARE(json.value(u"replayed_instead"_s).toInt(-1), 2);
    QVERIFY(json.value(u"rows"_s)
                .toArray()
                .first()
                .toObject()
                .value(u"row"_s)
                .toArray()
                .at(1)
                .toString()
                .endsWith(u"END"_s));
    const QJsonObject last
        = QJsonDocument::fromJson(runCli({ u"show"_s, file, u"2"_s, u"--json"_s }).out).object();
    QVERIFY(last.value(u"replayed_instead"_s).isNull());
    QCOMPARE(last.value(u"replay_key"_s), json.value(u"replay_key"_s));

    // An empty error message: DataHub replays the record as a success; -1 rows is "unknown".
    const ProcessResult empty = runCli({ u"show"_s, file, u"1"_s });
    VERIFY_EXIT(empty, 0);
    QVERIFY2(QString::fromUtf8(empty.out).contains(u"DataHub replays this record as a success"_s),
        empty.out.constData());
    QVERIFY2(QString::fromUtf8(empty.out).contains(u"Row count: -1 (unknown to the driver)"_s),
        empty.out.constData());

    // --raw of an SQL event: its line, exactly.
    const QList<QByteArray> lines = readFile(file).split('\n');
    QCOMPARE(runCli({ u"show"_s, file, u"1"_s, u"--raw"_s }).out, lines[1]);
}

void TstEvents::showMcpAspects()
{
    int checked = 0;
    for (int seq = 0; seq < SampleEvents; ++seq) {
        const QJsonObject e = modelEvent(seq);
        if (e.value(u"kind"_s).toString() != u"mcp"_s)
            continue;
        const QJsonObject record = m_fileSink.at(checked++).toObject();
        const QJsonObject fileAspect = record.value(u"aspect"_s).toObject().value(u"json"_s).toObject();
        QCOMPARE(record.value(u"entityUrn"_s).toString(), e.value(u"entity_urn"_s).toString());
        QCOMPARE(record.value(u"aspectName"_s).toString(), e.value(u"aspect_name"_s).toString());
        QVERIFY(!fileAspect.isEmpty());

        const ProcessResult r = cli({ u"show"_s, m_sample, QString::number(seq) });
        VERIFY_EXIT(r, 0);
        const QString out = QString::fromUtf8(r.out);
        const QString aspectName = e.value(u"aspect_name"_s).toString();
        QVERIFY2(out.contains(e.value(u"entity_urn"_s).toString()), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(u"Change type:\\s+UPSERT"_s)), qPrintable(out));
        QVERIFY2(out.contains(
                     QRegularExpression(u"Carried by:\\s+event %1: "_s.arg(e.value(u"carrier"_s).toInt()))),
            qPrintable(out));
        const QString shown = section(out, u"Aspect "_s + aspectName);
        QVERIFY2(shown.contains(u'\n') || shown.size() < 80, qPrintable(shown)); // pretty-printed
        QCOMPARE(parseJson(shown), QJsonValue(fileAspect));
        // systemMetadata: the recording's, as the file sink wrote it.
        QCOMPARE(parseJson(section(out, u"System metadata"_s)), record.value(u"systemMetadata"_s));

        const ProcessResult j = cli({ u"show"_s, m_sample, QString::number(seq), u"--json"_s });
        VERIFY_EXIT(j, 0);
        const QJsonObject o = QJsonDocument::fromJson(j.out).object();
        QCOMPARE(o.value(u"aspect"_s), QJsonValue(fileAspect));
        QCOMPARE(o.value(u"entity_type"_s).toString(), record.value(u"entityType"_s).toString());
        QCOMPARE(o.value(u"change_type"_s).toString(), record.value(u"changeType"_s).toString());
        QCOMPARE(o.value(u"carrier_seq"_s).toInt(), e.value(u"carrier"_s).toInt());
        QCOMPARE(o.value(u"system_metadata"_s), record.value(u"systemMetadata"_s));
    }
    QCOMPARE(checked, 24);
}

void TstEvents::showCheckpointState()
{
    const QString file = path(u"checkpoint.mcps.json"_s);
    const ProcessResult made = python(m_work.path(), CheckpointScript, { file });
    VERIFY_EXIT(made, 0);
    const QJsonObject state = QJsonDocument::fromJson(made.out).object();
    QVERIFY(!state.isEmpty());

    const ProcessResult r = runCli({ u"show"_s, file, u"0"_s });
    VERIFY_EXIT(r, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(u"datahubIngestionCheckpoint"_s), qPrintable(out));
    QCOMPARE(parseJson(section(out, u"Checkpoint state"_s)), QJsonValue(state));
    QVERIFY2(out.contains(u"Ums\u00e4tze \u58f2\u4e0a"_s), qPrintable(out));

    const ProcessResult j = runCli({ u"show"_s, file, u"0"_s, u"--json"_s });
    VERIFY_EXIT(j, 0);
    const QJsonObject o = QJsonDocument::fromJson(j.out).object();
    QCOMPARE(o.value(u"checkpoint_state"_s), QJsonValue(state));
    QVERIFY(o.value(u"checkpoint_error"_s).isNull());
    QVERIFY(o.value(u"carrier_seq"_s).isNull());
}

void TstEvents::showBoundsDecodedBodies()
{
    const QString file = path(u"odd-http.yaml"_s);
    const ProcessResult made = python(m_work.path(), OddHttpScript, { file });
    VERIFY_EXIT(made, 0);
    const QJsonObject facts = QJsonDocument::fromJson(made.out).object();
    const qint64 size = facts.value(u"size"_s).toInteger();
    constexpr qint64 jsonCap = 8 << 20; // BodyContent::MaxParsedBytes

    // Both layers decoded; too large to be read as JSON, so shown as text, cut.
    const ProcessResult r = runCli({ u"show"_s, file, u"0"_s });
    VERIFY_EXIT(r, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(u"Content-Encoding gzip, gzip decoded for display: 9.0 MiB (%1 bytes)"_s.arg(size)),
        qPrintable(out.left(3000)));
    QVERIFY2(out.contains(u"larger than 8.0 MiB: not read as JSON or form data"_s), qPrintable(out.left(3000)));
    QVERIFY2(out.contains(u"--json gives the first 8.0 MiB of the decoded body"_s), qPrintable(out.right(500)));
    QVERIFY(r.out.size() < 2 * 1024 * 1024);

    // --json: the recorded bytes whole, the decoded ones cut at the cap and marked.
    const ProcessResult j = runCli({ u"show"_s, file, u"0"_s, u"--json"_s });
    VERIFY_EXIT(j, 0);
    const QJsonObject body
        = QJsonDocument::fromJson(j.out).object().value(u"response"_s).toObject().value(u"body"_s).toObject();
    QCOMPARE(body.value(u"data"_s).toString(), facts.value(u"raw_b64"_s).toString());
    const QJsonObject decoded = body.value(u"decoded"_s).toObject();
    QCOMPARE(decoded.value(u"size"_s).toInteger(), size);
    QCOMPARE(decoded.value(u"truncated"_s), QJsonValue(true));
    QCOMPARE(decoded.value(u"encoding"_s).toString(), u"utf-8"_s);
    QCOMPARE(decoded.value(u"data"_s).toString().size(), jsonCap);
    QVERIFY(decoded.value(u"data"_s).toString().startsWith(u"{\"a\": \"xxx"_s));

    // Six codings are more than are undone: the recorded bytes are shown, with the reason.
    const ProcessResult six = runCli({ u"show"_s, file, u"1"_s });
    VERIFY_EXIT(six, 0);
    QVERIFY2(QString::fromUtf8(six.out).contains(u"could not be decoded (the body is encoded more than 5 times"_s),
        six.out.constData());
}

void TstEvents::showBadSeq_data()
{
    QTest::addColumn<QString>("seq");
    QTest::addRow("one past the end") << u"41"_s;
    QTest::addRow("far past the end") << u"4000000000"_s;
    QTest::addRow("negative") << u"-1"_s;
    QTest::addRow("not a number") << u"twelve"_s;
    QTest::addRow("trailing garbage") << u"12x"_s;
}

void TstEvents::showBadSeq()
{
    QFETCH(QString, seq);
    const ProcessResult r = cli({ u"show"_s, m_sample, seq });
    VERIFY_EXIT(r, 2);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(u"0 to 40"_s), qPrintable(err));
    QVERIFY2(err.contains(seq.startsWith(u'-') ? seq.mid(1) : seq), qPrintable(err));
}

void TstEvents::showRecordingProblemExitCode()
{
    // An extracted folder whose queries.jsonl no longer matches the manifest's checksum.
    const QString folder = path(u"tampered"_s);
    QVERIFY(QDir().mkpath(folder + u"/http"_s) && QDir().mkpath(folder + u"/db"_s));
    for (const QString &name : listFiles(m_extracted))
        QVERIFY(QFile::copy(m_extracted + u'/' + name, folder + u'/' + name));
    QByteArray queries = readFile(folder + u"/db/queries.jsonl"_s);
    QVERIFY(queries.contains("'SALES'"));
    queries.replace("'SALES'", "'SALEZ'");
    QVERIFY(writeFile(folder + u"/db/queries.jsonl"_s, queries));

    const ProcessResult r = runCli({ u"show"_s, folder, u"36"_s });
    VERIFY_EXIT(r, 4);
    QVERIFY2(QString::fromUtf8(r.out).contains(u"'SALEZ'"_s), r.out.constData()); // printed first
    QVERIFY2(QString::fromUtf8(r.err).contains(u"queries.jsonl"_s), r.err.constData());
}

void TstEvents::showAnchorsOfEarlierInteractions()
{
    // legacy-anchors.yaml, written by PyYAML: the second and third responses repeat the first one's headers
    // and status by aliases (*id001, *id002). show reads each event as events did (VCR.py's reading in
    // legacy-anchors.expected.json says what they hold).
    const QString fixture = QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/cassettes/legacy-anchors.yaml");
    const QJsonArray expected = QJsonDocument::fromJson(
        readFile(QStringLiteral(TAPEDECK_TEST_TOOLS "/../data/cassettes/legacy-anchors.expected.json")))
                                    .array();
    QCOMPARE(expected.size(), 3);
    const ProcessResult listed = runCli({ u"events"_s, fixture, u"--jsonl"_s });
    VERIFY_EXIT(listed, 0);
    int http = 0;
    for (const QByteArray &line : listed.out.split('\n')) {
        const QJsonObject e = QJsonDocument::fromJson(line).object();
        if (e.value(u"kind"_s).toString() != u"http"_s)
            continue;
        const QString seq = QString::number(e.value(u"seq"_s).toInt());
        const ProcessResult r = runCli({ u"show"_s, fixture, seq, u"--json"_s });
        VERIFY_EXIT(r, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonObject want = expected.at(http++).toObject().value(u"response"_s).toObject();
        QCOMPARE(o.value(u"status"_s).toInt(), want.value(u"status"_s).toObject().value(u"code"_s).toInt());
        QStringList shown;
        for (const QJsonValue &h : o.value(u"response"_s).toObject().value(u"headers"_s).toArray())
            shown.append(h.toObject().value(u"name"_s).toString() + u": "_s
                + h.toObject().value(u"value"_s).toString());
        QStringList recorded;
        const QJsonObject headers = want.value(u"headers"_s).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            for (const QJsonValue &v : it.value().toArray())
                recorded.append(it.key() + u": "_s + v.toString());
        }
        QCOMPARE(shown, recorded);
        const ProcessResult text = runCli({ u"show"_s, fixture, seq });
        VERIFY_EXIT(text, 0);
        QVERIFY2(QString::fromUtf8(text.out).contains(u"Response: 200 OK"_s), text.out.constData());
    }
    QCOMPARE(http, 3);

    // The smallest case: the second interaction's body is the first one's anchored scalar.
    const QString small = path(u"alias-min.yaml"_s);
    QVERIFY(writeFile(small,
        "interactions:\n- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/1\n"
        "  response:\n    body: {string: &b hello}\n    headers: {}\n    status: {code: 200, message: OK}\n"
        "- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/2\n"
        "  response:\n    body: {string: *b}\n    headers: {}\n    status: {code: 200, message: OK}\n"
        "version: 1\n"));
    const ProcessResult r = runCli({ u"show"_s, small, u"1"_s });
    VERIFY_EXIT(r, 0);
    QCOMPARE(section(QString::fromUtf8(r.out), u"Response body"_s), u"hello"_s);
}

void TstEvents::hostileYaml_data()
{
    QTest::addColumn<QString>("entry"); // the recording's file that carries it
    QTest::addColumn<QByteArray>("yaml"); // an interaction added after the cassette's, or the whole recipe
    QTest::addColumn<QString>("problem");
    const QByteArray head
        = "- request:\n    body: null\n    headers: {}\n    method: GET\n    uri: http://x/hostile\n";
    const QByteArray tail
        = "  response:\n    body: {string: ok}\n    headers: {}\n    status: {code: 200, message: OK}\n";
    QTest::newRow("cassette 10,000 deep")
        << u"http/cassette.yaml"_s
        << head + "    extra: " + QByteArray(10'000, '[') + QByteArray(10'000, ']') + "\n" + tail
        << u"nesting deeper than 1000 levels"_s;
    QByteArray laughs = "    x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int k = 1; k <= 6; ++k)
        laughs += "    x" + QByteArray::number(k) + ": &a" + QByteArray::number(k) + " ["
            + QByteArray("*a" + QByteArray::number(k - 1) + ", ").repeated(10).chopped(2) + "]\n";
    QTest::newRow("cassette billion laughs")
        << u"http/cassette.yaml"_s << head + laughs + tail << u"aliases that expand to more than"_s;
    QTest::newRow("recipe 100,000 deep")
        << u"recipe.yaml"_s << "source: " + QByteArray(100'000, '[') + QByteArray(100'000, ']') + "\n"
        << u"recipe.yaml: nesting deeper than 1000 levels (line 1)"_s;
}

void TstEvents::hostileYaml()
{
    // The sample recording with hostile YAML in it, as an extracted folder, a bare cassette and a packed
    // archive: exit 4 (invalid input) naming the limit, quickly and without a crash; what came before it is
    // still listed.
    QFETCH(QString, entry);
    QFETCH(QByteArray, yaml);
    QFETCH(QString, problem);
    const QString folder = path(u"hostile-%1"_s.arg(qHash(yaml), 0, 16));
    QVERIFY(QDir().mkpath(folder + u"/http"_s) && QDir().mkpath(folder + u"/db"_s));
    for (const QString &name : listFiles(m_extracted))
        QVERIFY(QFile::copy(m_extracted + u'/' + name, folder + u'/' + name));
    if (entry == u"recipe.yaml"_s) {
        QVERIFY(writeFile(folder + u"/recipe.yaml"_s, yaml));
    } else {
        QByteArray cassette = readFile(folder + u"/http/cassette.yaml"_s);
        QVERIFY(cassette.endsWith("\nversion: 1\n"));
        cassette.insert(cassette.size() - qsizetype(qstrlen("version: 1\n")), yaml);
        QVERIFY(writeFile(folder + u"/http/cassette.yaml"_s, cassette));
    }
    const QString archive = folder + u".zip"_s;
    VERIFY_EXIT(cli({ u"pack"_s, folder, u"--output"_s, archive }), 0);

    if (entry == u"recipe.yaml"_s) {
        const ProcessResult r = cli({ u"info"_s, archive });
        VERIFY_EXIT(r, 4);
        QVERIFY2(QString::fromUtf8(r.err).contains(problem), r.err.constData());
        return;
    }
    const ProcessResult original = cli({ u"events"_s, m_extracted + u"/http/cassette.yaml"_s });
    VERIFY_EXIT(original, 0);
    const ProcessResult bare = cli({ u"events"_s, folder + u"/http/cassette.yaml"_s });
    VERIFY_EXIT(bare, 4);
    QVERIFY2(QString::fromUtf8(bare.err).contains(u"cassette.yaml: "_s + problem), bare.err.constData());
    QCOMPARE(tableSeqs(bare.out), tableSeqs(original.out));
    const ProcessResult packed = cli({ u"events"_s, archive });
    VERIFY_EXIT(packed, 4);
    QVERIFY2(
        QString::fromUtf8(packed.err).contains(u"http/cassette.yaml: "_s + problem), packed.err.constData());
    QCOMPARE(tableSeqs(packed.out), tableSeqs(cli({ u"events"_s, m_sample }).out));
}

void TstEvents::mcpsMatchesFileSink()
{
    const QByteArray expected = readFile(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"));
    QVERIFY(expected.startsWith("[\n{\n"));
    const QString output = path(u"mcps.json"_s);
    const ProcessResult written = cli({ u"mcps"_s, m_sample, u"--output"_s, output });
    VERIFY_EXIT(written, 0);
    QVERIFY(readFile(output) == expected);

    const ProcessResult stdoutRun = cli({ u"mcps"_s, m_sample });
    VERIFY_EXIT(stdoutRun, 0);
    QVERIFY(stdoutRun.out == expected);
    QVERIFY(stdoutRun.out.chopped(stdoutRun.out.endsWith('\n') ? 1 : 0) == expected);

    // The extracted folder and the bare cassette give the same file.
    for (const QString &source : QStringList { m_extracted, m_extracted + u"/http/cassette.yaml"_s }) {
        const QString other = path(u"mcps-other.json"_s);
        QFile::remove(other);
        VERIFY_EXIT(runCli({ u"mcps"_s, source, u"--output"_s, other }), 0);
        QVERIFY2(readFile(other) == expected, qPrintable(source));
    }
}

void TstEvents::truncatedMcpFileExitsFour_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("written");
    QTest::addColumn<int>("records");
    QTest::addRow("mcps") << QStringList { u"mcps"_s } << QString() << 3;
    QTest::addRow("mcps --output") << QStringList { u"mcps"_s, u"--output"_s, u"{out}"_s } << u"{out}"_s << 3;
    QTest::addRow("events") << QStringList { u"events"_s } << QString() << 3;
    QTest::addRow("events --jsonl") << QStringList { u"events"_s, u"--jsonl"_s } << QString() << 3;
    QTest::addRow("show") << QStringList { u"show"_s, u"{in}"_s, u"2"_s } << QString() << 1;
    QTest::addRow("export-har") << QStringList { u"export-har"_s, u"--output"_s, u"{out}"_s } << u"{out}"_s << 0;
}

void TstEvents::truncatedMcpFileExitsFour()
{
    // The first 3,000 bytes of the sample's MCP file: three records, then the data ends inside an object.
    // As for a truncated cassette, what was read is written, the fault is named, and the exit code is 4.
    QFETCH(QStringList, arguments);
    QFETCH(QString, written);
    QFETCH(int, records);
    const QString cut = path(u"trunc.mcps.json"_s);
    QVERIFY(writeFile(cut, readFile(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json")).left(3000)));
    const QString out = path(u"trunc-out-%1"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_')));
    if (!arguments.contains(u"{in}"_s))
        arguments.insert(1, u"{in}"_s);
    arguments.replaceInStrings(u"{in}"_s, cut);
    arguments.replaceInStrings(u"{out}"_s, out);
    const ProcessResult r = runCli(arguments);
    VERIFY_EXIT(r, 4);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(u"trunc.mcps.json is not valid JSON (line 96, column 32: the data ends inside an object); "
                          "the 3 records before the fault were read"_s),
        qPrintable(err));
    QVERIFY2(!err.contains(u"warning"_s), qPrintable(err)); // a fault, not a warning
    const QByteArray output = written.isEmpty() ? r.out : readFile(out);
    if (arguments.first() == u"mcps"_s) {
        const QJsonArray array = QJsonDocument::fromJson(output).array();
        QCOMPARE(array.size(), records);
        for (int i = 0; i < records; ++i)
            QCOMPARE(array.at(i), m_fileSink.at(i));
    } else if (arguments.contains(u"--jsonl"_s)) {
        QCOMPARE(output.count('\n'), records);
    } else if (arguments.first() == u"events"_s) {
        QCOMPARE(tableSeqs(output), (QList<int> { 0, 1, 2 }));
    } else if (arguments.first() == u"show"_s) {
        QVERIFY2(output.contains(m_fileSink.at(2).toObject().value(u"entityUrn"_s).toString().toUtf8()), output.constData());
    } else {
        QVERIFY(QJsonDocument::fromJson(output).object().contains(u"log"_s));
    }
}

QTEST_GUILESS_MAIN(TstEvents)

#include "tst_events.moc"
