// SPDX-License-Identifier: MIT
// Tests MCP extraction from every GMS ingest request shape and from file-sink files (array, MCE, JSON
// lines), the file-sink writer (byte-identical to Python's json.dumps(indent=4)), bad input, and the bundled
// sample recording against its sample-recording.mcps.json.
#include "core/recording/mcpextractor.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

// Bodies and files built by Debian's python3 the way DataHub's code builds them: rest_emitter.py (emit_mcp,
// _emit_restli_mcps, emit_mce, emit_usage), request_helper.py (OpenApiRequest.from_mcp, joined as
// _emit_openapi_mcps joins chunks), serialization_helper.py (pre_json_transform) and sink/file.py.
// The scripts use single quotes only: moc reads this file too.
const char *const GeneratorScript = R"PY(
import json, sys
from urllib.parse import quote

PEG = 'com.linkedin.pegasus2avro.'

def pre_json_transform(obj):
    if isinstance(obj, dict):
        if len(obj) == 1:
            key = list(obj)[0]
            if PEG in key:
                return {key.replace(PEG, 'com.linkedin.'): pre_json_transform(obj[key])}
        return {k: pre_json_transform(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [pre_json_transform(v) for v in obj]
    return obj

def SM(ms):
    return {'lastObserved': ms, 'runId': 'snowflake-2025_11_18-k3x9qa', 'lastRunId': 'no-run-id-provided',
            'pipelineName': 'pipe \u00e4'}

URN = 'urn:li:dataset:(urn:li:dataPlatform:snowflake,db.sch\u00e9ma.t\u00e4ble,PROD)'
URN2 = 'urn:li:dataset:(urn:li:dataPlatform:s3,bucket/path/\u65e5\u672c.csv,PROD)'
MLURN = 'urn:li:mlModel:(urn:li:dataPlatform:sagemaker,churn,PROD)'
DQ = chr(34)
BS = chr(92)

SCHEMA = {'schemaName': 'orders', 'platform': 'urn:li:dataPlatform:snowflake', 'version': 0,
          'created': {'time': 0, 'actor': 'urn:li:corpuser:unknown'}, 'hash': '',
          'platformSchema': {'com.linkedin.schema.MySqlDDL': {'tableSchema': ''}},
          'fields': [{'fieldPath': 'id', 'nullable': False,
                      'type': {'type': {'com.linkedin.schema.NumberType': {}}},
                      'nativeDataType': 'NUMBER(38,0)', 'recursive': False, 'isPartOfKey': True}]}
ASPECTS = [
    ('status', {'removed': False}),
    ('datasetProperties', {'description': 'Ums\u00e4tze \u58f2\u4e0a \U0001F600 tab\there ' + DQ + 'q' + DQ
                           + ' back' + BS + 'slash /slash \u007f del', 'customProperties': {'z': '1', 'a': '2'},
                           'name': 'orders', 'tags': []}),
    ('schemaMetadata', SCHEMA),
    ('datasetProfile', {'timestampMillis': 1763458868068, 'rowCount': 9007199254740993, 'columnCount': 3,
                        'fieldProfiles': [{'fieldPath': 'amount', 'mean': '0.1', 'min': 1e-07, 'max': 1.5e+300,
                                           'median': -0.0, 'stdev': float('nan'), 'quantiles': []}],
                        'sizeInBytes': 12.5}),
]
PATCH = [{'op': 'add', 'path': '/tags/urn:li:tag:pii', 'value': {'tag': 'urn:li:tag:pii'}}]

def wire_mcp(urn, name, aspect, ms, change='UPSERT', content_type='application/json', entity='dataset'):
    o = {'entityType': entity, 'entityUrn': urn, 'changeType': change, 'aspectName': name}
    if aspect is not None:
        o['aspect'] = {'value': json.dumps(aspect), 'contentType': content_type}
    o['systemMetadata'] = SM(ms)
    return pre_json_transform(o)

def expect(form, index, urn, name, aspect, sm, change='UPSERT', entity='dataset'):
    return {'form': form, 'carrierIndex': index, 'entityType': entity, 'entityUrn': urn, 'changeType': change,
            'aspectName': name, 'aspectJson': '' if aspect is None else json.dumps(aspect),
            'systemMetadata': sm or {}}

def sink_object(e):
    if e['form'] == 'Usage':
        return json.loads(e['aspectJson'])
    o = {'entityType': e['entityType']}
    if e['entityUrn']:
        o['entityUrn'] = e['entityUrn']
    o['changeType'] = e['changeType']
    if e['aspectName']:
        o['aspectName'] = e['aspectName']
    if e['aspectJson']:
        o['aspect'] = {'json': json.loads(e['aspectJson'])}
    if e['systemMetadata']:
        o['systemMetadata'] = e['systemMetadata']
    return o

def sink_text(objects):
    # sink/file.py: FileSink.close() and write_metadata_file()
    if not objects:
        return '[]'
    return '[' + chr(10) + (',' + chr(10)).join(json.dumps(o, indent=4) for o in objects) + chr(10) + ']'

cases = []
def case(name, method, uri, body, expected):
    cases.append({'name': name, 'method': method, 'uri': uri, 'body': body, 'expected': expected,
                  'sink': sink_text([sink_object(e) for e in expected])})

# RESTli batch, as _emit_restli_mcps sends it; a DELETE travels without an aspect.
mcps = [wire_mcp(URN, n, a, 1000 + i) for i, (n, a) in enumerate(ASPECTS)]
mcps.append(wire_mcp(URN2, 'datasetKey', None, 2000, change='DELETE'))
exp = [expect('Proposal', i, URN, n, a, SM(1000 + i)) for i, (n, a) in enumerate(ASPECTS)]
exp.append(expect('Proposal', len(ASPECTS), URN2, 'datasetKey', None, SM(2000), change='DELETE'))
case('ingestProposalBatch', 'POST', 'http://datahub-gms.example:8080/aspects?action=ingestProposalBatch',
     json.dumps({'proposals': mcps, 'async': 'true'}), exp)

# RESTli single proposal (emit_mcp), through the frontend's /api/gms proxy; an UPSERT and a JSON patch.
case('ingestProposal', 'POST', 'http://datahub-frontend.example:9002/api/gms/aspects?action=ingestProposal',
     json.dumps({'proposal': wire_mcp(URN, 'schemaMetadata', SCHEMA, 3000), 'async': 'false'}),
     [expect('Proposal', 0, URN, 'schemaMetadata', SCHEMA, SM(3000))])
case('ingestProposal patch', 'post', '/aspects?async=false&action=ingestProposal',
     json.dumps({'proposal': wire_mcp(URN, 'globalTags', PATCH, 3001, change='PATCH',
                                      content_type='application/json-patch+json'), 'async': 'false'}),
     [expect('Proposal', 0, URN, 'globalTags', PATCH, SM(3001), change='PATCH')])

# RESTli delete of a key aspect (emit_mcp with DELETE): only the URN goes over the wire.
case('entities delete', 'POST', 'https://acme.acryl.io/gms/entities?action=delete', json.dumps({'urn': URN2}),
     [expect('Proposal', 0, URN2, '', None, None, change='DELETE')])

# MCE snapshots (emit_mce): pegasus2avro union keys and None values as the avro classes hold them.
mce_aspects = [
    {PEG + 'common.Status': {'removed': False}},
    {PEG + 'schema.SchemaMetadata': dict(SCHEMA, platformSchema={PEG + 'schema.MySqlDDL': {'tableSchema': ''}},
                                         deleted=None)},
    {PEG + 'dataset.DatasetProperties': {'description': None, 'customProperties': {'k': 'v'}, 'tags': []}},
]
def mce_expect(form, urn, aspects, sm, index=None):
    out = []
    for i, a in enumerate(aspects):
        cls, value = list(a.items())[0]
        name = cls.rsplit('.', 1)[1]
        name = 'mlModelProperties' if name == 'MLModelProperties' else name[0].lower() + name[1:]
        out.append(expect(form, i if index is None else index, urn, name, pre_json_transform(value), sm,
                          entity=urn.split(':')[2]))
    return out
snapshot = {'urn': URN, 'aspects': mce_aspects}
case('entities ingest', 'POST', 'http://datahub-gms.example:8080/entities?action=ingest',
     json.dumps({'entity': {'value': {'com.linkedin.metadata.snapshot.DatasetSnapshot': pre_json_transform(snapshot)}},
                 'systemMetadata': SM(4000)}),
     mce_expect('Snapshot', URN, mce_aspects, SM(4000)))
ml_aspects = [{PEG + 'ml.metadata.MLModelProperties': {'description': 'churn', 'customProperties': {},
                                                        'hyperParams': None}}]
case('entities ingest mlModel', 'POST', '/entities?action=ingest',
     json.dumps({'entity': {'value': {'com.linkedin.metadata.snapshot.MLModelSnapshot':
                                      pre_json_transform({'urn': MLURN, 'aspects': ml_aspects})}},
                 'systemMetadata': SM(4001)}),
     mce_expect('Snapshot', MLURN, ml_aspects, SM(4001)))

# OpenAPI v3 (OpenApiRequest.from_mcp, chunks joined with ','); the second item holds two aspects and a
# null systemMetadata, which the server accepts.
def item(urn, entries):
    o = {'urn': urn}
    for name, value, sm in entries:
        o[name] = {'value': value, 'systemMetadata': sm, 'headers': {}}
    return json.dumps(o)
items = [item(URN, [('status', {'removed': False}, SM(5000))]),
         item(URN2, [('datasetProperties', ASPECTS[1][1], None), ('schemaMetadata', SCHEMA, SM(5002))])]
case('openapi post', 'POST', 'http://datahub-gms.example:8080/openapi/v3/entity/dataset?async=false',
     '[' + ','.join(items) + ']',
     [expect('OpenApi', 0, URN, 'status', {'removed': False}, SM(5000)),
      expect('OpenApi', 1, URN2, 'datasetProperties', ASPECTS[1][1], None),
      expect('OpenApi', 1, URN2, 'schemaMetadata', SCHEMA, SM(5002))])
case('openapi patch', 'PATCH', 'http://datahub-gms.example:8080/openapi/v3/entity/dataset?async=true',
     '[' + item(URN, [('globalTags', {'patch': PATCH}, SM(5003))]) + ']',
     [expect('OpenApi', 0, URN, 'globalTags', {'patch': PATCH}, SM(5003), change='PATCH')])
case('openapi delete', 'DELETE', 'http://datahub-gms.example:8080/openapi/v3/entity/dataset/'
     + quote(URN2, safe=':/(),'), '', [expect('OpenApi', 0, URN2, '', None, None, change='DELETE')])
case('openapi delete aspect', 'DELETE', '/api/gms/openapi/v3/entity/dataset/' + quote(URN, safe=':/(),')
     + '/status', '', [expect('OpenApi', 0, URN, 'status', None, None, change='DELETE')])

# Usage buckets (emit_usage), one request per bucket in DataHub, two here.
USAGE = [{'bucket': 1763424000000, 'duration': 'DAY', 'resource': URN,
          'metrics': {'uniqueUserCount': 2, 'users': [{'user': 'urn:li:corpuser:k', 'count': 3}],
                      'totalSqlQueries': 5, 'topSqlQueries': ['select * from t\u00e4ble'],
                      'fields': [{'name': 'id', 'count': 3}]}},
         {'bucket': 1763510400000, 'duration': 'DAY', 'resource': URN2, 'metrics': {'uniqueUserCount': 0}}]
case('usageStats', 'POST', 'http://datahub-gms.example:8080/usageStats?action=batchIngest',
     json.dumps({'buckets': USAGE}),
     [expect('Usage', i, u['resource'], 'usageStats', u, None) for i, u in enumerate(USAGE)])

# A file-sink file with MCPs (simplified and legacy aspect forms, a DELETE), an MCE and a usage bucket.
records = []
file_expected = []
for i, (n, a) in enumerate(ASPECTS):
    records.append({'entityType': 'dataset', 'entityUrn': URN, 'changeType': 'UPSERT', 'aspectName': n,
                    'aspect': {'json': a}, 'systemMetadata': SM(6000 + i)})
    file_expected.append(expect('FileMcp', len(records) - 1, URN, n, a, SM(6000 + i)))
records.append({'entityType': 'dataset', 'entityUrn': URN2, 'changeType': 'UPSERT', 'aspectName': 'status',
                'aspect': {'value': json.dumps({'removed': True}), 'contentType': 'application/json'},
                'systemMetadata': SM(6100)})
file_expected.append(expect('FileMcp', len(records) - 1, URN2, 'status', {'removed': True}, SM(6100)))
records.append({'entityType': 'dataset', 'entityUrn': URN2, 'changeType': 'DELETE', 'aspectName': 'datasetKey',
                'systemMetadata': SM(6101)})
file_expected.append(expect('FileMcp', len(records) - 1, URN2, 'datasetKey', None, SM(6101), change='DELETE'))
records.append({'auditHeader': None,
                'proposedSnapshot': {PEG + 'metadata.snapshot.DatasetSnapshot': {'urn': URN, 'aspects': mce_aspects}},
                'proposedDelta': None, 'systemMetadata': SM(6200)})
file_expected += mce_expect('FileMce', URN, mce_aspects, SM(6200), index=len(records) - 1)
records.append(USAGE[0])
file_expected.append(expect('Usage', len(records) - 1, URN, 'usageStats', USAGE[0], None))

json.dump({'cases': cases,
           'file': {'array': sink_text(records),
                    'lines': ''.join(json.dumps(r) + chr(10) for r in records),
                    'expected': file_expected,
                    'sink': sink_text([sink_object(e) for e in file_expected])}}, sys.stdout)
)PY";

// The request side of the sample's cassette, as PyYAML loads it (what VCR.py does).
const char *const CassetteScript = R"PY(
import base64, json, sys, yaml
data = yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)
out = []
for interaction in data['interactions']:
    request = interaction['request']
    body = request['body']
    if isinstance(body, dict):
        body = body.get('string')
    if isinstance(body, str):
        body = body.encode('utf-8')
    out.append({'method': request['method'], 'uri': request['uri'],
                'body': None if body is None else base64.b64encode(body).decode('ascii')})
json.dump(out, sys.stdout)
)PY";

QString formName(McpRecord::Form form)
{
    switch (form) {
    case McpRecord::Form::Proposal:
        return QStringLiteral("Proposal");
    case McpRecord::Form::Snapshot:
        return QStringLiteral("Snapshot");
    case McpRecord::Form::OpenApi:
        return QStringLiteral("OpenApi");
    case McpRecord::Form::Usage:
        return QStringLiteral("Usage");
    case McpRecord::Form::FileMcp:
        return QStringLiteral("FileMcp");
    case McpRecord::Form::FileMce:
        return QStringLiteral("FileMce");
    }
    return {};
}

// The first difference between records and the generator's expectations, or an empty string.
QString mismatch(const QList<McpRecord> &records, const QJsonArray &expected, bool compareForm = true)
{
    if (records.size() != expected.size())
        return QStringLiteral("%1 records, expected %2").arg(records.size()).arg(expected.size());
    for (qsizetype i = 0; i < records.size(); ++i) {
        const McpRecord &r = records.at(i);
        const QJsonObject e = expected.at(i).toObject();
        auto differs = [&](const char *field, const QString &actual, const QString &wanted) {
            return QStringLiteral("record %1: %2 is \"%3\", expected \"%4\"")
                .arg(i)
                .arg(QLatin1String(field), actual, wanted);
        };
        if (compareForm && formName(r.form) != e.value(QStringLiteral("form")).toString())
            return differs("form", formName(r.form), e.value(QStringLiteral("form")).toString());
        if (compareForm && r.carrierIndex != e.value(QStringLiteral("carrierIndex")).toInt())
            return differs("carrierIndex", QString::number(r.carrierIndex),
                QString::number(e.value(QStringLiteral("carrierIndex")).toInt()));
        for (const char *field : { "entityType", "entityUrn", "changeType", "aspectName" }) {
            const QString actual = field == QByteArrayView("entityType") ? r.entityType
                : field == QByteArrayView("entityUrn")                   ? r.entityUrn
                : field == QByteArrayView("changeType")                  ? r.changeType
                                                                         : r.aspectName;
            const QString wanted = e.value(QLatin1String(field)).toString();
            if (actual != wanted)
                return differs(field, actual, wanted);
        }
        const QByteArray wantedAspect = e.value(QStringLiteral("aspectJson")).toString().toUtf8();
        if (r.aspectJson != wantedAspect)
            return differs("aspectJson", QString::fromUtf8(r.aspectJson), QString::fromUtf8(wantedAspect));
        if (r.systemMetadata != e.value(QStringLiteral("systemMetadata")).toObject()) {
            return differs("systemMetadata", QString::fromUtf8(QJsonDocument(r.systemMetadata).toJson()),
                QString::fromUtf8(
                    QJsonDocument(e.value(QStringLiteral("systemMetadata")).toObject()).toJson()));
        }
        if (!r.warnings.isEmpty())
            return QStringLiteral("record %1 has warnings: %2")
                .arg(i)
                .arg(r.warnings.join(QStringLiteral("; ")));
    }
    return {};
}

} // namespace

class TestMcpExtractor : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_generated;

    QJsonObject generatedCase(const QString &name) const
    {
        for (const QJsonValue &c : m_generated.value(QStringLiteral("cases")).toArray()) {
            if (c.toObject().value(QStringLiteral("name")).toString() == name)
                return c.toObject();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        const test::ProcessResult py = test::run(
            QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), QString::fromUtf8(GeneratorScript) });
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QJsonParseError error;
        m_generated = QJsonDocument::fromJson(py.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(m_generated.value(QStringLiteral("cases")).toArray().size() == 11);
    }

    void recognisesEndpoints_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("ingest");
        auto row = [](const char *name, const char *method, const char *uri, bool ingest) {
            QTest::addRow("%s", name) << QString::fromLatin1(method) << QString::fromLatin1(uri) << ingest;
        };
        row("batch absolute", "POST", "http://gms.example:8080/aspects?action=ingestProposalBatch", true);
        row("batch relative", "POST", "/aspects?action=ingestProposalBatch", true);
        row("batch query order", "POST",
            "http://gms.example:8080/aspects?async=true&action=ingestProposalBatch", true);
        row("single", "POST", "http://gms.example:8080/aspects?action=ingestProposal", true);
        row("single api/gms", "POST", "http://frontend.example:9002/api/gms/aspects?action=ingestProposal",
            true);
        row("single acryl gms", "POST", "https://acme.acryl.io/gms/aspects?action=ingestProposal", true);
        row("single lower-case method", "post", "/aspects?action=ingestProposal", true);
        row("trailing slash", "POST", "http://gms.example/aspects/?action=ingestProposal", true);
        row("fragment", "POST", "http://gms.example/aspects?action=ingestProposal#x", true);
        row("encoded action", "POST", "http://gms.example/aspects?action=ingest%50roposal", true);
        row("GET aspects", "GET", "http://gms.example/aspects?action=ingestProposal", false);
        row("other action", "POST", "http://gms.example/aspects?action=getCount", false);
        row("no action", "POST", "http://gms.example/aspects", false);
        row("action case", "POST", "http://gms.example/aspects?action=ingestproposal", false);
        row("mce", "POST", "http://gms.example:8080/entities?action=ingest", true);
        row("mce api/gms", "POST", "http://frontend.example/api/gms/entities?action=ingest", true);
        row("entity delete", "POST", "http://gms.example:8080/entities?action=delete", true);
        row("entity search", "POST", "http://gms.example:8080/entities?action=search", false);
        row("usage", "POST", "http://gms.example:8080/usageStats?action=batchIngest", true);
        row("usage query", "POST", "http://gms.example:8080/usageStats?action=queryRange", false);
        row("openapi post", "POST", "http://gms.example:8080/openapi/v3/entity/dataset?async=false", true);
        row("openapi patch", "PATCH", "http://gms.example:8080/openapi/v3/entity/dataset?async=true", true);
        row("openapi api/gms", "POST", "http://frontend.example/api/gms/openapi/v3/entity/chart", true);
        row("openapi get", "GET", "http://gms.example:8080/openapi/v3/entity/dataset", false);
        row("openapi delete", "DELETE",
            "http://gms.example/openapi/v3/entity/dataset/urn:li:dataset:(a,b,PROD)", true);
        row("openapi delete no urn", "DELETE", "http://gms.example/openapi/v3/entity/dataset", false);
        row("openapi v2", "POST", "http://gms.example/openapi/v2/entity/dataset", false);
        row("openapi no type", "POST", "http://gms.example/openapi/v3/entity", false);
        row("config", "GET", "http://gms.example:8080/config", false);
        row("looker login", "POST", "http://looker.example/api/4.0/login", false);
        row("empty", "POST", "", false);
    }

    void recognisesEndpoints()
    {
        QFETCH(QString, method);
        QFETCH(QString, uri);
        QFETCH(bool, ingest);
        QCOMPARE(McpExtractor::isGmsIngest(method, uri), ingest);
        if (!ingest) {
            QStringList warnings;
            QVERIFY(McpExtractor::fromRequest(method, uri, "{\"proposals\": []}", &warnings).isEmpty());
            QVERIFY(warnings.isEmpty());
        }
    }

    void extractsEveryRequestShape_data()
    {
        QTest::addColumn<QString>("name");
        for (const QJsonValue &c : m_generated.value(QStringLiteral("cases")).toArray()) {
            const QString name = c.toObject().value(QStringLiteral("name")).toString();
            QTest::addRow("%s", qPrintable(name)) << name;
        }
    }

    void extractsEveryRequestShape()
    {
        QFETCH(QString, name);
        const QJsonObject c = generatedCase(name);
        const QString method = c.value(QStringLiteral("method")).toString();
        const QString uri = c.value(QStringLiteral("uri")).toString();
        QVERIFY(McpExtractor::isGmsIngest(method, uri));
        QStringList warnings;
        const QList<McpRecord> records = McpExtractor::fromRequest(
            method, uri, c.value(QStringLiteral("body")).toString().toUtf8(), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        const QString problem = mismatch(records, c.value(QStringLiteral("expected")).toArray());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The file sink's rendering of the same records, as Python writes it.
        QCOMPARE(McpExtractor::toFileSinkJson(records), c.value(QStringLiteral("sink")).toString().toUtf8());
    }

    void readsKeysAsJsonLoads()
    {
        // A repeated key keeps its last value, a key written with escapes is the key it decodes to, and a key
        // that only looks like another is not it (what Python's json.loads gives, on both details).
        const QByteArray body = "{\"proposals\": [{\"entityUrn\": \"urn:li:corpuser:a\", "
                                "\"entity\\u0054ype\": \"corpuser\", \"entityUrn\": \"urn:li:corpuser:b\", "
                                "\"aspectName \": \"no\", \"aspectName\": \"corpUserInfo\", "
                                "\"chang\xc3\xa9Type\": \"no\", \"changeType\": \"UPSERT\"}]}";
        for (const McpExtractor::Detail detail : { McpExtractor::Detail::Full, McpExtractor::Detail::Summary }) {
            QStringList warnings;
            const QList<McpRecord> records = McpExtractor::fromRequest(QStringLiteral("POST"),
                QStringLiteral("http://gms:8080/aspects?action=ingestProposalBatch"), body, &warnings, detail);
            QCOMPARE(records.size(), 1);
            QCOMPARE(records.at(0).entityUrn, QStringLiteral("urn:li:corpuser:b"));
            QCOMPARE(records.at(0).entityType, QStringLiteral("corpuser"));
            QCOMPARE(records.at(0).aspectName, QStringLiteral("corpUserInfo"));
            QCOMPARE(records.at(0).changeType, QStringLiteral("UPSERT"));
            QVERIFY2(records.at(0).warnings.isEmpty(), qPrintable(records.at(0).warnings.join(u'|')));
        }
    }

    void readsFileSinkArray()
    {
        const QJsonObject file = m_generated.value(QStringLiteral("file")).toObject();
        QStringList warnings;
        const Result<QList<McpRecord>> records = McpExtractor::fromFile(
            file.value(QStringLiteral("array")).toString().toUtf8(), QStringLiteral("out.json"), &warnings);
        QVERIFY2(records.ok(), records.ok() ? "" : qPrintable(records.error().message));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        const QString problem = mismatch(*records, file.value(QStringLiteral("expected")).toArray());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void readsJsonLines()
    {
        const QJsonObject file = m_generated.value(QStringLiteral("file")).toObject();
        QStringList warnings;
        const Result<QList<McpRecord>> records = McpExtractor::fromFile(
            file.value(QStringLiteral("lines")).toString().toUtf8(), QStringLiteral("out.jsonl"), &warnings);
        QVERIFY(records.ok());
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        const QString problem = mismatch(*records, file.value(QStringLiteral("expected")).toArray());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void skipsABadJsonLine()
    {
        const QJsonObject file = m_generated.value(QStringLiteral("file")).toObject();
        QList<QByteArray> lines = file.value(QStringLiteral("lines")).toString().toUtf8().split('\n');
        const qsizetype total = lines.size() - 1; // the text ends in a newline
        lines.insert(2, lines.at(2).left(40)); // a line cut short, as a crashed writer leaves it
        QStringList warnings;
        const Result<QList<McpRecord>> records
            = McpExtractor::fromFile(lines.join('\n'), QStringLiteral("out.jsonl"), &warnings);
        QVERIFY(records.ok());
        // Nothing of the good lines is lost: the record count is that of the intact file.
        const Result<QList<McpRecord>> intact = McpExtractor::fromFile(
            file.value(QStringLiteral("lines")).toString().toUtf8(), QStringLiteral("out.jsonl"));
        QCOMPARE(records->size(), intact->size());
        QVERIFY(total > 3);
        QCOMPARE(warnings.size(), 2); // the bad line, then the count
        QVERIFY2(warnings.first().startsWith(QLatin1String("out.jsonl: line 3, column ")),
            qPrintable(warnings.first()));
        QVERIFY(warnings.first().endsWith(QLatin1String("; the line was skipped")));
        QVERIFY(warnings.last().contains(QLatin1String("1 line")));

        // Asked for it, the count is the fault that makes the file corrupt (exit 4 in the CLI); the skipped
        // line stays a warning.
        warnings.clear();
        std::optional<Error> fault;
        const Result<QList<McpRecord>> again
            = McpExtractor::fromFile(lines.join('\n'), QStringLiteral("out.jsonl"), &warnings, &fault);
        QVERIFY(again.ok());
        QCOMPARE(again->size(), intact->size());
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().endsWith(QLatin1String("; the line was skipped")));
        QVERIFY(fault);
        QCOMPARE(fault->code, ErrorCode::InvalidInput);
        QCOMPARE(fault->message, QStringLiteral("out.jsonl: 1 line could not be read"));
    }

    void keepsRecordsBeforeATruncation()
    {
        const QByteArray array = m_generated.value(QStringLiteral("file"))
                                     .toObject()
                                     .value(QStringLiteral("array"))
                                     .toString()
                                     .toUtf8();
        // Cut inside the third record, as an interrupted incremental file sink leaves the file.
        qsizetype cut = 0;
        for (int i = 0; i < 3; ++i)
            cut = array.indexOf("\n{", cut + 1);
        QVERIFY(cut > 0);
        QStringList warnings;
        const Result<QList<McpRecord>> records
            = McpExtractor::fromFile(array.left(cut + 30), QStringLiteral("out.json"), &warnings);
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 2);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(QLatin1String("out.json is not valid JSON")),
            qPrintable(warnings.first()));
        QVERIFY(warnings.first().contains(QLatin1String("the 2 records before the fault were read")));

        warnings.clear();
        std::optional<Error> fault;
        const Result<QList<McpRecord>> again
            = McpExtractor::fromFile(array.left(cut + 30), QStringLiteral("out.json"), &warnings, &fault);
        QVERIFY(again.ok());
        QCOMPARE(again->size(), 2);
        QVERIFY(warnings.isEmpty());
        QVERIFY(fault);
        QCOMPARE(fault->code, ErrorCode::InvalidInput);
        QVERIFY2(fault->message.contains(QLatin1String("out.json is not valid JSON")), qPrintable(fault->message));
        QVERIFY(fault->message.contains(QLatin1String("the 2 records before the fault were read")));

        // An intact file has no fault.
        fault.reset();
        QVERIFY(McpExtractor::fromFile(array, QStringLiteral("out.json"), &warnings, &fault).ok());
        QVERIFY(!fault);
    }

    void writesTheFileSinkFormat()
    {
        const QJsonObject file = m_generated.value(QStringLiteral("file")).toObject();
        const Result<QList<McpRecord>> records = McpExtractor::fromFile(
            file.value(QStringLiteral("array")).toString().toUtf8(), QStringLiteral("out.json"));
        QVERIFY(records.ok());
        const QByteArray written = McpExtractor::toFileSinkJson(*records);
        QCOMPARE(written, file.value(QStringLiteral("sink")).toString().toUtf8());

        // Round trip: reading what was written gives the same records (as MCPs) and the same bytes again.
        QStringList warnings;
        const Result<QList<McpRecord>> again
            = McpExtractor::fromFile(written, QStringLiteral("written.json"), &warnings);
        QVERIFY(again.ok());
        QVERIFY(warnings.isEmpty());
        const QString problem = mismatch(*again, file.value(QStringLiteral("expected")).toArray(), false);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(McpExtractor::toFileSinkJson(*again), written);
        QCOMPARE(McpExtractor::toFileSinkJson({}), QByteArray("[]"));
        QCOMPARE(McpExtractor::fromFile("[]", QStringLiteral("empty.json"))->size(), 0);
        QCOMPARE(McpExtractor::fromFile("", QStringLiteral("empty.json"))->size(), 0);
    }

    void sampleRecording()
    {
        if (test::sevenZip().isEmpty())
            QSKIP("7z (p7zip-full) is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const test::ProcessResult unzip = test::run(test::sevenZip(),
            { QStringLiteral("x"), QStringLiteral("-p") + test::SamplePassword,
                QStringLiteral("-o") + dir.path(), test::samplePath() });
        QVERIFY2(unzip.exitCode == 0, unzip.out.constData());
        const test::ProcessResult py = test::run(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"), QString::fromUtf8(CassetteScript),
                dir.filePath(QStringLiteral("http/cassette.yaml")) });
        QVERIFY2(py.exitCode == 0, py.err.constData());
        const QJsonArray requests = QJsonDocument::fromJson(py.out).array();
        QCOMPARE(requests.size(), 12);

        QList<McpRecord> recorded;
        int gmsRequests = 0;
        for (const QJsonValue &v : requests) {
            const QJsonObject request = v.toObject();
            const QString method = request.value(QStringLiteral("method")).toString();
            const QString uri = request.value(QStringLiteral("uri")).toString();
            const QByteArray body
                = QByteArray::fromBase64(request.value(QStringLiteral("body")).toString().toLatin1());
            QStringList warnings;
            const QList<McpRecord> records = McpExtractor::fromRequest(method, uri, body, &warnings);
            QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
            if (McpExtractor::isGmsIngest(method, uri)) {
                ++gmsRequests;
                QVERIFY(!records.isEmpty());
            } else {
                QVERIFY(records.isEmpty());
            }
            recorded += records;
        }
        QCOMPARE(gmsRequests, 2);
        QCOMPARE(recorded.size(), 24);
        QCOMPARE(recorded.first().aspectName, QStringLiteral("platformResourceInfo"));
        QCOMPARE(recorded.first().carrierIndex, 0);
        QCOMPARE(recorded.last().carrierIndex, 22);
        for (const McpRecord &r : std::as_const(recorded))
            QVERIFY(r.warnings.isEmpty());

        const QByteArray expected
            = test::readFile(QStringLiteral(TAPEDECK_SAMPLES "/sample-recording.mcps.json"));
        QVERIFY(!expected.isEmpty());
        QCOMPARE(McpExtractor::toFileSinkJson(recorded), expected);

        const Result<QList<McpRecord>> fromFile
            = McpExtractor::fromFile(expected, QStringLiteral("sample-recording.mcps.json"));
        QVERIFY(fromFile.ok());
        QCOMPARE(fromFile->size(), recorded.size());
        for (qsizetype i = 0; i < recorded.size(); ++i) {
            const McpRecord &a = recorded.at(i);
            const McpRecord &b = fromFile->at(i);
            QCOMPARE(b.form, McpRecord::Form::FileMcp);
            QCOMPARE(b.carrierIndex, int(i));
            QCOMPARE(b.entityType, a.entityType);
            QCOMPARE(b.entityUrn, a.entityUrn);
            QCOMPARE(b.changeType, a.changeType);
            QCOMPARE(b.aspectName, a.aspectName);
            QCOMPARE(b.aspectJson, a.aspectJson);
            QCOMPARE(b.systemMetadata, a.systemMetadata);
        }
    }

    void reportsMalformedBodies_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("records");
        QTest::addColumn<QString>("warning");
        const QString batch = QStringLiteral("http://gms/aspects?action=ingestProposalBatch");
        const QString single = QStringLiteral("http://gms/aspects?action=ingestProposal");
        const QByteArray proposal
            = "{\"entityType\": \"dataset\", \"entityUrn\": \"urn:li:dataset:(a,b,PROD)\", "
              "\"changeType\": \"UPSERT\", \"aspectName\": \"status\", \"aspect\": {\"value\": "
              "\"{\\\"removed\\\": false}\", \"contentType\": \"application/json\"}}";
        QTest::addRow("not json") << batch << QByteArray("proposals=1") << 0
                                  << QStringLiteral("not valid JSON (line 1, column 1: unexpected 'p')");
        QTest::addRow("empty") << batch << QByteArray("  \n") << 0 << QStringLiteral("empty body");
        QTest::addRow("truncated batch")
            << batch
            << QByteArray("{\"proposals\": [" + proposal + ", " + proposal + ", {\"entityType\": \"da") << 2
            << QStringLiteral("the string starting here is not terminated); the 2 "
                              "records before the fault were read");
        QTest::addRow("error on line 2")
            << batch << QByteArray("{\"proposals\": [\n  " + proposal + "\n  ,,]}") << 1
            << QStringLiteral("line 3, column 4: unexpected ','");
        QTest::addRow("trailing data") << single << QByteArray("{\"proposal\": " + proposal + "} x") << 0
                                       << QStringLiteral("unexpected 'x' after the JSON value");
        QTest::addRow("no proposals")
            << batch << QByteArray("{\"proposal\": []}") << 0 << QStringLiteral("no \"proposals\" list");
        QTest::addRow("proposals not a list")
            << batch << QByteArray("{\"proposals\": {}}") << 0 << QStringLiteral("no \"proposals\" list");
        QTest::addRow("body is a list")
            << batch << QByteArray("[]") << 0 << QStringLiteral("not a JSON object");
        QTest::addRow("proposal not an object")
            << batch << QByteArray("{\"proposals\": [" + proposal + ", 7]}") << 1
            << QStringLiteral("proposal 1 is not a JSON object");
        QTest::addRow("no proposal") << single << QByteArray("{\"async\": \"false\"}") << 0
                                     << QStringLiteral("no \"proposal\"");
        QTest::addRow("control character")
            << single << QByteArray("{\"proposal\": \"a\tb\"}") << 0
            << QStringLiteral("line 1, column 16: control character 0x09 in a string");
        QTest::addRow("bad escape") << single << QByteArray("{\"proposal\": \"a\\qb\"}") << 0
                                    << QStringLiteral("invalid escape \\q");
        QTest::addRow("deep nesting") << single << (QByteArray(1100, '[') + QByteArray(1100, ']')) << 0
                                      << QStringLiteral("nesting deeper than 1000 levels");
        QTest::addRow("openapi not json")
            << QStringLiteral("http://gms/openapi/v3/entity/dataset") << QByteArray("[{]") << 0
            << QStringLiteral("line 1, column 3: expected a \"key\" but found ']'");
        QTest::addRow("usage no buckets")
            << QStringLiteral("http://gms/usageStats?action=batchIngest") << QByteArray("{\"bucket\": []}")
            << 0 << QStringLiteral("no \"buckets\" list");
    }

    void reportsMalformedBodies()
    {
        QFETCH(QString, uri);
        QFETCH(QByteArray, body);
        QFETCH(int, records);
        QFETCH(QString, warning);
        QStringList warnings;
        const QList<McpRecord> result
            = McpExtractor::fromRequest(QStringLiteral("POST"), uri, body, &warnings);
        QCOMPARE(result.size(), records);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(warning), qPrintable(warnings.first()));
        // Without a warnings list nothing breaks either.
        QCOMPARE(McpExtractor::fromRequest(QStringLiteral("POST"), uri, body, nullptr).size(), records);
    }

    void warnsOnBadRecords()
    {
        // An aspect value that is no JSON text is kept verbatim, with a warning naming the position.
        const QByteArray body
            = "{\"proposal\": {\"entityType\": \"dataset\", \"entityUrn\": \"urn:li:dataset:(a,b,PROD)\", "
              "\"changeType\": \"UPSERT\", \"aspectName\": \"status\", \"aspect\": {\"value\": "
              "\"{\\\"removed\\\": fals}\", \"contentType\": \"application/json\"}}}";
        QStringList warnings;
        QList<McpRecord> records = McpExtractor::fromRequest(
            QStringLiteral("POST"), QStringLiteral("/aspects?action=ingestProposal"), body, &warnings);
        QVERIFY(warnings.isEmpty());
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().aspectJson, QByteArray("{\"removed\": fals}"));
        QCOMPARE(records.first().warnings.size(), 1);
        QVERIFY2(records.first().warnings.first().contains(QLatin1String("line 1, column 13")),
            qPrintable(records.first().warnings.first()));
        // Written back as the legacy value/contentType form, so nothing is lost.
        QVERIFY(McpExtractor::toFileSinkJson(records).contains(
            "\"aspect\": {\n        \"value\": \"{\\\"removed\\\": fals}\",\n        \"contentType\": "
            "\"application/json\"\n    }"));

        // Missing fields degrade to warnings; the entity type is guessed from the URN.
        records = McpExtractor::fromRequest(QStringLiteral("POST"),
            QStringLiteral("/aspects?action=ingestProposal"),
            "{\"proposal\": {\"entityUrn\": \"urn:li:chart:(looker,1)\", \"aspectName\": \"status\", "
            "\"aspect\": "
            "{\"value\": \"{}\", \"contentType\": \"text/plain\"}, \"systemMetadata\": 5}}",
            &warnings);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().entityType, QStringLiteral("chart"));
        QCOMPARE(records.first().aspectJson, QByteArray("{}"));
        const QString all = records.first().warnings.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("no entityType")), qPrintable(all));
        QVERIFY(all.contains(QLatin1String("no changeType")));
        QVERIFY(all.contains(QLatin1String("text/plain, not JSON")));
        QVERIFY(all.contains(QLatin1String("systemMetadata is not a JSON object")));

        // A file element that is neither MCP nor MCE is skipped with a warning; the others are read.
        warnings.clear();
        const Result<QList<McpRecord>> file = McpExtractor::fromFile(
            "[{\"hello\": 1}, {\"entityType\": \"dataset\", \"entityUrn\": \"urn:li:dataset:(a,b,PROD)\", "
            "\"changeType\": "
            "\"UPSERT\", \"aspectName\": \"status\", \"aspect\": {\"json\": {\"removed\": false}}}, 3]",
            QStringLiteral("mixed.json"), &warnings);
        QVERIFY(file.ok());
        QCOMPARE(file->size(), 1);
        QCOMPARE(file->first().carrierIndex, 1);
        QCOMPARE(warnings.size(), 2);
        QVERIFY(warnings.at(0).contains(QLatin1String("mixed.json: record 0 is neither an MCP nor an MCE")));
        QVERIFY(warnings.at(1).contains(QLatin1String("mixed.json: record 2 is not a JSON object")));
    }

    void rejectsUnreadableFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("text") << QByteArray("hello")
                              << QStringLiteral("f.json is neither a JSON array nor JSON lines "
                                                "(line 1, column 1: unexpected 'h')");
        QTest::addRow("string") << QByteArray("\n \"x\"")
                                << QStringLiteral("(line 2, column 2: unexpected '\"')");
        QTest::addRow("broken array")
            << QByteArray("[\n{\"entityType\": }]")
            << QStringLiteral("f.json is not valid JSON (line 2, column 16: unexpected '}')");
        QTest::addRow("broken line") << QByteArray("{\"entityType\": \"dataset\"\n")
                                     << QStringLiteral(
                                            "f.json: line 1, column 25: the data ends inside an object");
    }

    void rejectsUnreadableFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const Result<QList<McpRecord>> records = McpExtractor::fromFile(json, QStringLiteral("f.json"));
        QVERIFY(!records.ok());
        QCOMPARE(records.error().code, ErrorCode::InvalidInput);
        QVERIFY2(records.error().message.contains(error), qPrintable(records.error().message));
    }

    void reformatsLikePython()
    {
        // Key order and number spelling survive; strings come out ASCII-escaped as json.dumps writes them.
        const QByteArray text = "{ \"z\":1.50 ,\"a\" : [ ], \"m\":{}, \"s\":\"\\u00e4\\/\xE2\x82\xAC\", "
                                "\"n\" : [1,\n2e5,null,true] }";
        QCOMPARE(*McpExtractor::reformat(text),
            QByteArray("{\"z\": 1.50, \"a\": [], \"m\": {}, \"s\": \"\\u00e4/\\u20ac\", \"n\": [1, 2e5, "
                       "null, true]}"));
        QCOMPARE(*McpExtractor::reformat(text, 2),
            QByteArray("{\n  \"z\": 1.50,\n  \"a\": [],\n  \"m\": {},\n  \"s\": \"\\u00e4/\\u20ac\",\n  "
                       "\"n\": [\n    1,\n"
                       "    2e5,\n    null,\n    true\n  ]\n}"));
        const Result<QByteArray> bad = McpExtractor::reformat("{\"a\": 01}");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(
                     QLatin1String("line 1, column 8: expected ',' or '}' but found '1'")),
            qPrintable(bad.error().message));
        QVERIFY(!McpExtractor::reformat("[1,]").ok());
        QVERIFY(!McpExtractor::reformat("{\"a\" 1}").ok());
        QVERIFY(!McpExtractor::reformat("1.").ok());
        QVERIFY(!McpExtractor::reformat("-").ok());
        QVERIFY(!McpExtractor::reformat("\"\\u12\"").ok());
        QVERIFY(McpExtractor::reformat("[NaN, -Infinity, Infinity, -0.0, 1E+2]").ok());
    }

    void namesAspectsAndEntities_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");
        QTest::addRow("schema") << QStringLiteral("com.linkedin.pegasus2avro.schema.SchemaMetadata")
                                << QStringLiteral("schemaMetadata");
        QTest::addRow("status") << QStringLiteral("com.linkedin.common.Status") << QStringLiteral("status");
        QTest::addRow("ml") << QStringLiteral("com.linkedin.pegasus2avro.ml.metadata.MLModelProperties")
                            << QStringLiteral("mlModelProperties");
        QTest::addRow("bare") << QStringLiteral("DatasetProperties") << QStringLiteral("datasetProperties");
        QTest::addRow("all caps") << QStringLiteral("a.ML") << QStringLiteral("ml");
    }

    void namesAspectsAndEntities()
    {
        QFETCH(QString, input);
        QFETCH(QString, output);
        QCOMPARE(McpExtractor::aspectNameFromClass(input), output);
        QCOMPARE(
            McpExtractor::entityTypeFromUrn(QStringLiteral("urn:li:dataset:(urn:li:dataPlatform:a,b,PROD)")),
            QStringLiteral("dataset"));
        QCOMPARE(McpExtractor::entityTypeFromUrn(QStringLiteral("urn:li:corpuser:jdoe")),
            QStringLiteral("corpuser"));
        QCOMPARE(McpExtractor::entityTypeFromUrn(QStringLiteral("dataset")), QString());
    }
};

QTEST_GUILESS_MAIN(TestMcpExtractor)
#include "tst_mcpextractor.moc"
