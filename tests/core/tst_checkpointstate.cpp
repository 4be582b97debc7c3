// SPDX-License-Identifier: MIT
// Tests checkpoint state decoding against payloads Python writes as DataHub's checkpoint.py does
// (base64.b85encode(bz2.compress(json))), Python's own base85 errors, corrupt data and bz2 bombs.
#include "core/recording/checkpointstate.h"
#include "core/recording/mcpextractor.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace tapedeck;

namespace {

// The scripts use single quotes only: moc reads this file too.
const char *const GeneratorScript = R"PY(
import base64, bz2, json, sys

state = {'urns': ['urn:li:dataset:(urn:li:dataPlatform:snowflake,db.t\u00e4ble,PROD)',
                  'urn:li:container:\u65e5\u672c\U0001F600'],
         'version': '1.0', 'serde': 'base85-bz2-json', 'count': 2, 'ratio': 0.25, 'nested': {'a': [None, True]}}
text = json.dumps(state)

def aspect(serde, payload):
    a = {'timestampMillis': 1763458868068, 'pipelineName': 'snowflake-prod', 'platformInstanceId': 'snowflake',
         'config': '{}', 'state': {'formatVersion': '1.0', 'serde': serde}, 'runId': 'snowflake-2025_11_18'}
    if payload is not None:
        a['state']['payload'] = payload
    return a

# CheckpointStateBase._to_bytes_base85_json: bz2 level 9, then base85.
encoded = base64.b85encode(bz2.compress(text.encode('utf-8'), 9)).decode('ascii')
out = {'state': text,
       'base85': aspect('base85-bz2-json', encoded),
       'utf8': aspect('utf-8', text),
       # GMS (Rest.li) hands bytes back as one character per byte.
       'utf8Restli': aspect('utf-8', json.dumps(state, ensure_ascii=False).encode('utf-8').decode('latin-1')),
       'utf8Absent': aspect('utf-8', None),
       'base85Absent': aspect('base85-bz2-json', None),
       'pickle': aspect('base85', base64.b85encode(bz2.compress(b'not a pickle')).decode('ascii'))}

# The aspect inside a RESTli ingestProposal, as the checkpointing provider emits it.
out['request'] = json.dumps({'proposal': {
    'entityType': 'dataJob',
    'entityUrn': 'urn:li:dataJob:(urn:li:dataFlow:(datahub,snowflake-prod_snowflake,prod),common_ingest_provider)',
    'changeType': 'UPSERT', 'aspectName': 'datahubIngestionCheckpoint',
    'aspect': {'value': json.dumps(out['base85']), 'contentType': 'application/json'},
    'systemMetadata': {'lastObserved': 1763458868068, 'runId': 'snowflake-2025_11_18'}}, 'async': 'false'})

# base64.b85decode on every length from 0 to 40 and on odd inputs, with its verdicts.
seed = 12345
def rand(n):
    global seed
    out = bytearray()
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(seed >> 16 & 255)
    return bytes(out)
cases = [base64.b85encode(rand(n)).decode('ascii') for n in range(41)]
cases += [base64.b85encode(bytes([255]) * n).decode('ascii') for n in range(1, 9)]
cases += ['VE', 'VE ', '~~~~~', '|NsC0', '|NsC1', '|NsC0|NsC1', 'V', '~', '00', 'ab' + chr(34) + 'cd', 'abc,d', 'z' * 7]
verdicts = []
for c in cases:
    try:
        verdicts.append({'text': c, 'bytes': base64.b85decode(c).hex()})
    except ValueError as e:
        verdicts.append({'text': c, 'error': str(e)})
out['base85Cases'] = verdicts

# Corrupt and hostile payloads.
good = bz2.compress(text.encode('utf-8'))
out['corrupt'] = {
    'badCharacter': aspect('base85-bz2-json', encoded[:10] + ',' + encoded[11:]),
    'overflow': aspect('base85-bz2-json', '~~~~~' + encoded),
    'notBzip2': aspect('base85-bz2-json', base64.b85encode(b'PK' + good[2:]).decode('ascii')),
    'corruptBlock': aspect('base85-bz2-json', base64.b85encode(good[:20] + bytes(b ^ 0x55 for b in good[20:40])
                                                                + good[40:]).decode('ascii')),
    'truncated': aspect('base85-bz2-json', base64.b85encode(good[:len(good) // 2]).decode('ascii')),
    'trailingGarbage': aspect('base85-bz2-json', base64.b85encode(good + b'garbage!').decode('ascii')),
    'notJson': aspect('base85-bz2-json', base64.b85encode(bz2.compress(b'{' + chr(10).encode() + b'  oops}')).decode('ascii')),
}
# Two concatenated streams, which bz2.decompress reads as one.
out['multiStream'] = aspect('base85-bz2-json', base64.b85encode(bz2.compress(text[:20].encode())
                                                                + bz2.compress(text[20:].encode())).decode('ascii'))

# A bomb: 300 MiB of zeros, a few hundred bytes compressed; and 1 MiB + 1 byte against a 1 MiB cap.
c = bz2.BZ2Compressor(9)
zeros = bytes(1 << 20)
chunks = [c.compress(zeros) for _ in range(300)]
chunks.append(c.flush())
out['bomb'] = aspect('base85-bz2-json', base64.b85encode(b''.join(chunks)).decode('ascii'))
exact = b'[' + chr(34).encode() + b'a' * ((1 << 20) - 4) + chr(34).encode() + b']'
out['exactMiB'] = aspect('base85-bz2-json', base64.b85encode(bz2.compress(exact)).decode('ascii'))
out['overMiB'] = aspect('base85-bz2-json', base64.b85encode(bz2.compress(exact + b' ')).decode('ascii'))
out['exactSize'] = len(exact)
json.dump(out, sys.stdout)
)PY";

} // namespace

class TestCheckpointState : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_generated;

    QJsonObject aspect(const QString &name) const { return m_generated.value(name).toObject(); }
    QJsonDocument expectedState() const
    {
        return QJsonDocument::fromJson(m_generated.value(QStringLiteral("state")).toString().toUtf8());
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
        QVERIFY(expectedState().isObject());
    }

    void decodesPayloads_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("base85-bz2-json") << QStringLiteral("base85");
        QTest::addRow("utf-8") << QStringLiteral("utf8");
        QTest::addRow("utf-8 as Rest.li returns it") << QStringLiteral("utf8Restli");
        QTest::addRow("concatenated bz2 streams") << QStringLiteral("multiStream");
    }

    void decodesPayloads()
    {
        QFETCH(QString, name);
        const Result<QJsonDocument> state = CheckpointState::decodePayload(aspect(name));
        QVERIFY2(state.ok(), state.ok() ? "" : qPrintable(state.error().message));
        QCOMPARE(*state, expectedState());
        // The bare state object works too.
        const Result<QJsonDocument> bare
            = CheckpointState::decodePayload(aspect(name).value(QStringLiteral("state")).toObject());
        QVERIFY(bare.ok());
        QCOMPARE(*bare, expectedState());
    }

    void absentPayloadIsEmpty()
    {
        for (const char *name : { "utf8Absent", "base85Absent" }) {
            const Result<QJsonDocument> state = CheckpointState::decodePayload(aspect(QLatin1String(name)));
            QVERIFY(state.ok());
            QCOMPARE(*state, QJsonDocument(QJsonObject {}));
        }
    }

    void decodesAnExtractedCheckpointAspect()
    {
        QStringList warnings;
        const QList<McpRecord> records = McpExtractor::fromRequest(QStringLiteral("POST"),
            QStringLiteral("http://gms:8080/aspects?action=ingestProposal"),
            m_generated.value(QStringLiteral("request")).toString().toUtf8(), &warnings);
        QVERIFY(warnings.isEmpty());
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().aspectName, CheckpointState::AspectName);
        const Result<QJsonDocument> state
            = CheckpointState::decodePayload(QJsonDocument::fromJson(records.first().aspectJson).object());
        QVERIFY(state.ok());
        QCOMPARE(*state, expectedState());
    }

    void base85MatchesPython_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QJsonObject>("verdict");
        const QJsonArray cases = m_generated.value(QStringLiteral("base85Cases")).toArray();
        QVERIFY(cases.size() > 50);
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const QJsonObject c = cases.at(i).toObject();
            QTest::addRow("%d: %s", int(i), qPrintable(c.value(QStringLiteral("text")).toString().left(24)))
                << c.value(QStringLiteral("text")).toString() << c;
        }
    }

    void base85MatchesPython()
    {
        QFETCH(QString, text);
        QFETCH(QJsonObject, verdict);
        const Result<QByteArray> decoded = CheckpointState::base85Decode(text.toLatin1());
        if (verdict.contains(QStringLiteral("bytes"))) {
            QVERIFY2(decoded.ok(), decoded.ok() ? "" : qPrintable(decoded.error().message));
            QCOMPARE(decoded->toHex(), verdict.value(QStringLiteral("bytes")).toString().toLatin1());
            return;
        }
        QVERIFY(!decoded.ok());
        // Python: "bad base85 character at position N" / "base85 overflow in hunk starting at byte N".
        const QString python = verdict.value(QStringLiteral("error")).toString();
        const QString position = QRegularExpression(QStringLiteral("(\\d+)$")).match(python).captured(1);
        QVERIFY(!position.isEmpty());
        QVERIFY2(decoded.error().message.endsWith(QLatin1String(" position ") + position),
            qPrintable(decoded.error().message));
        QCOMPARE(decoded.error().message.contains(QLatin1String("overflow")),
            python.contains(QLatin1String("overflow")));
    }

    void reportsCorruptPayloads_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::addRow("bad character") << QStringLiteral(
            "badCharacter") << QStringLiteral("not valid base85: bad base85 character at position 10");
        QTest::addRow("overflow")
            << QStringLiteral("overflow")
            << QStringLiteral("not valid base85: base85 overflow in the group starting at position 0");
        QTest::addRow("not bzip2") << QStringLiteral("notBzip2") << QStringLiteral("the data is not bzip2");
        QTest::addRow("corrupt block")
            << QStringLiteral("corruptBlock") << QStringLiteral("the bzip2 data is corrupt");
        QTest::addRow("truncated") << QStringLiteral("truncated")
                                   << QStringLiteral("the bzip2 data ends before the end-of-stream marker");
        QTest::addRow("trailing garbage") << QStringLiteral(
            "trailingGarbage") << QStringLiteral("the data after the end of the bzip2 stream is not bzip2");
        QTest::addRow("not json") << QStringLiteral(
            "notJson") << QStringLiteral("the checkpoint state is not valid JSON (line 2, column ");
    }

    void reportsCorruptPayloads()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        const Result<QJsonDocument> state = CheckpointState::decodePayload(
            m_generated.value(QStringLiteral("corrupt")).toObject().value(name).toObject());
        QVERIFY(!state.ok());
        QCOMPARE(state.error().code, ErrorCode::InvalidInput);
        QVERIFY2(state.error().message.contains(message), qPrintable(state.error().message));
    }

    void stopsBz2Bombs()
    {
        // 300 MiB of zeros against the default 256 MiB cap.
        const Result<QJsonDocument> bomb = CheckpointState::decodePayload(aspect(QStringLiteral("bomb")));
        QVERIFY(!bomb.ok());
        QCOMPARE(bomb.error().code, ErrorCode::InvalidInput);
        QVERIFY2(bomb.error().message.contains(QLatin1String("decompresses to more than 256")),
            qPrintable(bomb.error().message));

        // The cap is inclusive: exactly the limit decodes, one byte more does not.
        const qint64 cap = qint64(1) << 20;
        QCOMPARE(m_generated.value(QStringLiteral("exactSize")).toInteger(), cap);
        const Result<QJsonDocument> exact
            = CheckpointState::decodePayload(aspect(QStringLiteral("exactMiB")), cap);
        QVERIFY2(exact.ok(), exact.ok() ? "" : qPrintable(exact.error().message));
        QCOMPARE(exact->array().first().toString().size(), (1 << 20) - 4);
        const Result<QJsonDocument> over
            = CheckpointState::decodePayload(aspect(QStringLiteral("overMiB")), cap);
        QVERIFY(!over.ok());
        QVERIFY2(
            over.error().message.contains(QLatin1String("more than 1")), qPrintable(over.error().message));
    }

    void rejectsOtherStates()
    {
        const Result<QJsonDocument> pickle = CheckpointState::decodePayload(aspect(QStringLiteral("pickle")));
        QVERIFY(!pickle.ok());
        QVERIFY2(pickle.error().message.contains(QLatin1String("does not unpickle")),
            qPrintable(pickle.error().message));

        QJsonObject unknown = aspect(QStringLiteral("utf8"));
        QJsonObject state = unknown.value(QStringLiteral("state")).toObject();
        state.insert(QStringLiteral("serde"), QStringLiteral("msgpack"));
        unknown.insert(QStringLiteral("state"), state);
        const Result<QJsonDocument> unknownSerde = CheckpointState::decodePayload(unknown);
        QVERIFY(!unknownSerde.ok());
        QVERIFY(unknownSerde.error().message.contains(QLatin1String("unknown checkpoint serde \"msgpack\"")));

        QVERIFY(
            !CheckpointState::decodePayload(QJsonObject { { QStringLiteral("runId"), QStringLiteral("x") } })
                 .ok());
        QVERIFY(!CheckpointState::decodePayload(QJsonObject { { QStringLiteral("state"), 5 } }).ok());
        QVERIFY(!CheckpointState::decodePayload(
            QJsonObject {
                { QStringLiteral("serde"), QStringLiteral("utf-8") }, { QStringLiteral("payload"), 5 } })
                     .ok());
        QVERIFY(CheckpointState::bz2Decompress({})->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCheckpointState)
#include "tst_checkpointstate.moc"
