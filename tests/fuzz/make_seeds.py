#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Writes the raw seed inputs of every fuzz harness (before minimisation) from the project's own data: the
# sample recording (read with tests/tools/aeszip.py), tests/data/cassettes, the MCP sets of
# tests/tools/gen_mcps_sets.py, the filter and ignore-rule spellings of the tests, and (optionally) the
# adversarial inputs of issue 10. `run-fuzzers.sh --merge DIR` then minimises them into corpus/<harness>.
# Usage: make_seeds.py OUTPUT_DIR [HOSTILE_INPUTS_DIR]
import base64
import bz2
import gzip
import io
import json
import lzma
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'tools'))
import aeszip  # noqa: E402

SAMPLE = os.path.join(ROOT, 'resources', 'samples', 'sample-recording.zip')
PASSWORD = 'tapedeck-sample'
CASSETTES = os.path.join(ROOT, 'tests', 'data', 'cassettes')
# Hostile inputs that break an invariant on today's main (issue 10's findings); they are replayed from the
# findings folder, and join the corpora once fixed.
KNOWN_FAILURES = {'deep-yaml-10000.yaml', 'billion-laughs-6.yaml', 'gzbomb1.yaml', 'redos-200.yaml',
                  'filter-deep-parens.txt', 'filter-minus.txt', 'overlap-bomb.zip', 'recipe-deep.zip'}


def write(out, harness, name, data):
    folder = os.path.join(out, harness)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


def sample_entries():
    return dict(aeszip.read_archive(SAMPLE, PASSWORD))


def cut_cassette(text, interactions):
    """The cassette with only its first `interactions` items (and its version line)."""
    lines = text.split('\n')
    starts = [i for i, line in enumerate(lines) if line.startswith('- request:')]
    if interactions >= len(starts):
        return text
    end = starts[interactions]
    tail = [line for line in lines if line.startswith('version:')]
    return '\n'.join(lines[:end] + tail) + '\n'


def zips(out, entries, hostile):
    small = dict(entries)
    small['http/cassette.yaml'] = cut_cassette(entries['http/cassette.yaml'].decode('utf-8'), 2).encode('utf-8')
    small['db/queries.jsonl'] = entries['db/queries.jsonl'].split(b'\n')[0] + b'\n'
    with open(SAMPLE, 'rb') as f:
        write(out, 'zip', 'sample-aes256-lzma.zip', f.read())
    with tempfile.TemporaryDirectory() as tmp:
        variants = [('aes256-deflate', 'deflate', 3, 1, True), ('aes128-bzip2-ae2', 'bzip2', 1, 2, True),
                    ('aes192-store', 'store', 2, 1, True), ('plain-lzma', 'lzma', 3, 1, False),
                    ('plain-deflate', 'deflate', 3, 1, False), ('plain-bzip2', 'bzip2', 3, 1, False),
                    ('plain-store', 'store', 3, 1, False)]
        for name, method, strength, ae, encrypt in variants:
            path = os.path.join(tmp, name + '.zip')
            aeszip.write_archive(path, PASSWORD, list(small.items()), method=method, strength=strength,
                                 ae_version=ae, encrypt=encrypt)
            with open(path, 'rb') as f:
                write(out, 'zip', name + '.zip', f.read())
        # The hostile shapes of issue 10's archives, on the small recording: duplicate and clashing
        # names, a missing manifest, checksums that do not match, tampered ciphertext, links, zip-slip.
        manifest = json.loads(small['manifest.json'])
        manifest['checksums'] = {'recipe.yaml': 'sha256:' + '0' * 64, 'http/cassette.yaml': 'nope',
                                 'missing.txt': 'AB' * 32}
        shapes = {
            'dup-manifest': [('manifest.json', small['manifest.json'])] + list(small.items()),
            'file-dir-clash': list(small.items()) + [('http', b'x')],
            'no-manifest': [item for item in small.items() if item[0] != 'manifest.json'],
            'checksums-weird': [('manifest.json', json.dumps(manifest).encode())]
            + [item for item in small.items() if item[0] != 'manifest.json'],
            'symlink-slip': list(small.items()) + [('link', b'/etc/passwd'), ('../escape.txt', b'x'),
                                                   ('dir/', b'')],
        }
        for name, items in shapes.items():
            path = os.path.join(tmp, name + '.zip')
            aeszip.write_archive(path, PASSWORD, items, method='deflate', encrypt=name != 'symlink-slip',
                                 symlinks=('link',) if name == 'symlink-slip' else ())
            with open(path, 'rb') as f:
                write(out, 'zip', name + '.zip', f.read())
        with open(os.path.join(tmp, 'aes256-deflate.zip'), 'rb') as f:
            tampered = bytearray(f.read())
        tampered[len(tampered) // 3] ^= 0x40
        write(out, 'zip', 'aes-tamper.zip', bytes(tampered))
    if hostile:
        with open(os.path.join(hostile, 'bomb-1g-bzip2.zip'), 'rb') as f:
            write(out, 'zip', 'hostile-bomb-1g-bzip2.zip', f.read())


def lzma_zip_stream(data, end_marker):
    """ZIP method 14: version, properties size, LZMA1 properties, raw stream (with or without end marker)."""
    filters = [{'id': lzma.FILTER_LZMA1, 'dict_size': 1 << 16}]
    raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters)
    props = lzma._encode_filter_properties(filters[0])
    stream = b'\x09\x14' + struct.pack('<H', len(props)) + props + raw
    if not end_marker:
        # LZMA_alone without size writes an end marker too; the marker-less stream is what 7-Zip writes
        # with a known size: the same data ends before the 5 or 6 bytes of the marker. Keep both shapes.
        stream = stream[:-6]
    return stream


def stream_decoders(out, entries):
    payloads = [entries['db/queries.jsonl'][:1500], entries['manifest.json'], b'', b'a' * 3000]
    for k, data in enumerate(payloads):
        deflated = zlib.compressobj(9, zlib.DEFLATED, -15)
        deflate = deflated.compress(data) + deflated.flush()
        shapes = [(0, data, True), (1, deflate, True), (2, bz2.compress(data), True),
                  (3, lzma_zip_stream(data, True), True), (3, lzma_zip_stream(data, False), False)]
        for method, body, end_marker in shapes:
            # method, declared size (3 bytes), end-marker flag, split (2 bytes), output cap (3 bytes)
            header = bytes([method]) + len(data).to_bytes(3, 'big') + bytes([end_marker]) \
                + (len(body) // 2).to_bytes(2, 'big') + ((1 << 22) - 1).to_bytes(3, 'big')
            write(out, 'streamdecoder', 'm%d-%d-%d' % (method, k, len(body)), header + body)


def documents(out, entries, hostile):
    write(out, 'manifest', 'sample.json', entries['manifest.json'])
    manifest = json.loads(entries['manifest.json'])
    odd = dict(manifest)
    odd['checksums'] = {'a': 'SHA256:' + 'AB' * 32, 'b': 'not a digest', 'c': 7}
    odd['exception_info'] = 'a string'
    odd['has_exception'] = 'yes'
    odd['run_id'] = 12.5
    odd.pop('files', None)
    write(out, 'manifest', 'odd.json', json.dumps(odd, indent=2))
    write(out, 'manifest', 'unknown-keys.json', json.dumps({'format_version': '2.0', 'x': [1, {'y': None}]}))
    if hostile:
        with open(os.path.join(hostile, 'esc-manifest.json'), 'rb') as f:
            write(out, 'manifest', 'hostile-esc-manifest.json', f.read())

    write(out, 'recipe', 'sample.yaml', entries['recipe.yaml'])
    write(out, 'recipe', 'anchors.yaml',
          'source: &s\n  type: looker\n  config: {a: [1, 2, {b: c}], secret: "__REPLAY_DUMMY__"}\n'
          'sink: *s\nlist:\n- *s\n- !!str 3\n- ? [complex]\n  : key\n')


def pieces(text, limit):
    """A block-style cassette above `limit` bytes as cassettes of consecutive interactions, each below it
    where one interaction allows (flow-style and other cassettes stay whole)."""
    if len(text) <= limit:
        return [text]
    parts = re.split(rb'(?m)^(?=- request:)', text)
    head, items = parts[0], parts[1:]
    if not items:
        return [text]
    tail = b''
    last = items[-1]
    at = last.find(b'\nversion:')
    if at >= 0:
        items[-1], tail = last[:at + 1], last[at + 1:]
    out, current = [], []
    for item in items:
        if current and sum(map(len, current)) + len(item) > limit:
            out.append(head + b''.join(current) + tail)
            current = []
        current.append(item)
    out.append(head + b''.join(current) + tail)
    return out


def cassettes(out, entries, hostile):
    sources = {'sample.yaml': entries['http/cassette.yaml']}
    for name in sorted(os.listdir(CASSETTES)):
        if name.endswith('.yaml'):
            with open(os.path.join(CASSETTES, name), 'rb') as f:
                sources[name] = f.read()
    if hostile:
        for name in ('alias-min.yaml', 'esc-cassette.yaml', 'redos25.yaml'):
            with open(os.path.join(hostile, name), 'rb') as f:
                sources['hostile-' + name] = f.read()
    for name, whole in sources.items():
        for k, data in enumerate(pieces(whole, 4096)):
            if len(data) > 8192:
                continue  # the sample's GMS batch: the mcpextractor corpus has its body
            piece = '%s-%d' % (name, k)
            write(out, 'cassette', piece, data)
            if k == 0:
                write(out, 'har', piece, data)
                write(out, 'cassettelayout', 'scan-' + piece, b'\x02\x00' + data)
            if k == 0 and name in ('sample.yaml', 'vcr-scalars.yaml', 'legacy-body-shapes.yaml'):
                write(out, 'cassettelayout', 'scan-bodies-' + piece, b'\x02\x01' + data)
        text = whole
        # The quoted scalars and binary literals of the cassette, each as a scalar after "string: ".
        text = data
        for k, m in enumerate(re.finditer(rb"(?m)^( *)string: (['\"])", text)):
            start = m.end() - 1
            quote = text[start:start + 1]
            end = start + 1
            while end < len(text):
                if text[end:end + 1] == b'\\' and quote == b'"':
                    end += 2
                    continue
                if text[end:end + 1] == quote:
                    if quote == b"'" and text[end + 1:end + 2] == b"'":
                        end += 2
                        continue
                    break
                end += 1
            indent = len(m.group(1)) % 9
            write(out, 'cassettelayout', 'quoted-%s-%d' % (name, k),
                  b'\x00' + bytes([indent]) + text[start:end + 1] + b'\n')
        for k, m in enumerate(re.finditer(rb"(?m)^( *)string: (!!binary \|\n(?:\1  .*\n)+)", text)):
            indent = len(m.group(1)) % 9
            write(out, 'cassettelayout', 'binary-%s-%d' % (name, k), b'\x01' + bytes([indent]) + m.group(2))
    for k, scalar in enumerate([b"'a\n  b'", b"'a   \n  b'", b"'a\n\n\n  b'", b"'a\r\n  b\r\n\r\n  c'",
                                b'"a\\\n  b"', b'"\\x41\\u00e9\\U0001F600\\N\\_\\L\\P"', b"''", b'""',
                                b"'it''s'", b'"\\t\\"\\\\\\/"', b"'\xc2\x85\xe2\x80\xa8'"]):
        write(out, 'cassettelayout', 'edge-%d' % k, b'\x00\x06' + scalar + b'\n')


def queries(out, entries):
    jsonl = entries['db/queries.jsonl']
    write(out, 'queries', 'sample.jsonl', jsonl)
    lines = jsonl.split(b'\n')
    odd = [lines[0], b'', b'{"query": 5}', b'not json', lines[1][:40],
           b'{"query": "q", "parameters": {"b": 1, "a": [1.50, -0, 1e400]}, "results": [{"row": [1]}],'
           b' "row_count": null, "description": null, "error": "", "extra": true}',
           b'\xef\xbb\xbf{"query": "\\ud800", "parameters": [true], "results": []}\r',
           b'{"query": "x", "results": [{"c": {"__type__": "date", "__value__": "2024-01-02"}},'
           b' {"c": "wP/uALraVQ=="}], "description": [["c", 1]]}']
    write(out, 'queries', 'odd.jsonl', b'\n'.join(odd))
    for k, line in enumerate(lines):
        if line:
            write(out, 'json', 'query-%d.json' % k, line)


def mcps(out, entries, hostile):
    with open(os.path.join(ROOT, 'resources', 'samples', 'sample-recording.mcps.json'), 'rb') as f:
        sample = f.read()
    records = json.loads(sample)
    files = {'sample.json': json.dumps(records[:3], indent=4).encode('utf-8'),
             'sample-lines.json': b'\n'.join(json.dumps(r).encode('utf-8') for r in records[3:6])}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(ROOT, 'tests', 'tools', 'gen_mcps_sets.py'), tmp],
                       check=True, stdout=subprocess.DEVNULL)
        for case in sorted(os.listdir(tmp)):
            for side in ('recorded.json', 'replayed.json'):
                path = os.path.join(tmp, case, side)
                if os.path.exists(path) and os.path.getsize(path) < 6144:
                    with open(path, 'rb') as f:
                        files['%s-%s' % (case, side)] = f.read()
    if hostile:
        with open(os.path.join(hostile, 'trunc.mcps.json'), 'rb') as f:
            files['hostile-trunc.mcps.json'] = f.read()
    for name, data in files.items():
        write(out, 'mcpscanner', name, b'\x05\x01' + data)
        write(out, 'mcpextractor', 'file-' + name, b'\x00' + data)
        write(out, 'json', 'mcps-' + name, data)
    # GMS request bodies of the sample's cassette, for the extractor's endpoints.
    endpoints = {'ingestProposalBatch': 1, 'ingestProposal': 2}
    cassette = entries['http/cassette.yaml'].decode('utf-8')
    for k, m in enumerate(re.finditer(r"(?s)body: '(\{.*?\})'\n", cassette)):
        body = m.group(1).replace("''", "'").replace('\n      ', ' ')
        selector = 1 if 'proposals' in body else 2
        write(out, 'mcpextractor', 'request-%d' % k, bytes([selector]) + body.encode('utf-8'))
    proposal = {'entityType': 'dataset', 'entityUrn': 'urn:li:dataset:(urn:li:dataPlatform:hive,a.b,PROD)',
                'changeType': 'UPSERT', 'aspectName': 'status',
                'aspect': {'value': '{"removed": false}', 'contentType': 'application/json'}}
    snapshot = {'entity': {'value': {'com.linkedin.metadata.snapshot.DatasetSnapshot': {
        'urn': proposal['entityUrn'],
        'aspects': [{'com.linkedin.common.Status': {'removed': False}},
                    {'com.linkedin.schema.SchemaMetadata': {'schemaName': 'b', 'fields': [], 'x': None}}]}}}}
    openapi = [{'urn': proposal['entityUrn'], 'status': {'value': {'removed': False}, 'systemMetadata': None}}]
    bodies = [(1, {'proposals': [proposal, proposal], 'async': 'true'}), (2, {'proposal': proposal}),
              (3, snapshot), (4, {'entities': [snapshot['entity']]}), (5, {'urn': proposal['entityUrn']}),
              (6, openapi), (7, [{'urn': proposal['entityUrn'], 'status': {'value': {'patch': []}}}]), (8, None),
              (9, {'buckets': [{'resource': proposal['entityUrn'], 'bucket': 1, 'duration': 'DAY',
                                'metrics': {'uniqueUserCount': 1}}]})]
    for selector, body in bodies:
        data = b'' if body is None else json.dumps(body).encode('utf-8')
        write(out, 'mcpextractor', 'endpoint-%d' % selector, bytes([selector]) + data)
        write(out, 'json', 'endpoint-%d.json' % selector, data or b'null')
    write(out, 'json', 'numbers.json', b'[0, -0, 1.50, 1e400, -1e-400, 123456789012345678901234567890, NaN,'
                                      b' -Infinity, 1E+2, {"a": 1, "a": 2}, "\\ud800\\udc00\\ud800"]')


def checkpoints(out):
    state = json.dumps({'urns': ['urn:li:dataset:(urn:li:dataPlatform:snowflake,db.t\u00e4ble,PROD)'],
                        'version': '1.0', 'count': 2, 'nested': {'a': [None, True]}})
    packed = bz2.compress(state.encode('utf-8'), 9)
    encoded = base64.b85encode(packed)
    cap = (0xffff).to_bytes(2, 'big')
    write(out, 'checkpoint', 'base85', b'\x00' + cap + encoded)
    write(out, 'checkpoint', 'base85-partial', b'\x00' + cap + encoded[:-3])
    write(out, 'checkpoint', 'bz2', b'\x01' + cap + packed)
    write(out, 'checkpoint', 'bz2-twice', b'\x01' + cap + packed + packed)
    write(out, 'checkpoint', 'payload-base85', b'\x02' + cap + encoded)
    write(out, 'checkpoint', 'payload-utf8', b'\x03' + cap + state.encode('utf-8'))
    aspect = {'timestampMillis': 1763458868068, 'pipelineName': 'p', 'state': {
        'formatVersion': '1.0', 'serde': 'base85-bz2-json', 'payload': encoded.decode('ascii')}}
    write(out, 'checkpoint', 'aspect', b'\x04' + cap + json.dumps(aspect).encode('utf-8'))
    write(out, 'checkpoint', 'aspect-pickle', b'\x04' + cap + json.dumps({'serde': 'base85', 'payload': 'x'}).encode())


def filters(out):
    with open(os.path.join(ROOT, 'tests', 'core', 'tst_filterexpression.cpp'), encoding='utf-8') as f:
        source = f.read()
    expressions = set()
    for m in re.finditer(r'QStringLiteral\("((?:[^"\\]|\\.)*)"\)', source):
        text = m.group(1).replace('\\"', '"').replace('\\\\', '\\')
        if ':' in text or ' ' in text or '(' in text:
            expressions.add(text)
    events = (b'\x00' + b'\x00\xc8' + b'\x00' + b'\x00\x01' + b'GET\x01https://eu.looker.com/api/4.0/looks/42?q=1'
              b'\x01eu.looker.com\x01/api/4.0/looks/42\x01\x01\x01\x01\x01\x01Not Found\x01'
              + b'\x01\x00\x00' + b'\x01' + b'\x00\x02' + b'\x01\x01\x01\x01select * from orders\x01\x01\x01\x01\x01'
              b'relation does not exist\x01'
              + b'\x02\x00\x00' + b'\x02' + b'\x00\x03' + b'\x01\x01\x01\x01\x01urn:li:dataset:(urn:li:dataPlatform:'
              b'looker,db.orders,PROD)\x01schemaMetadata\x01dataset\x01UPSERT\x01Stra\xc3\x9fe\x01')
    for k, text in enumerate(sorted(expressions)):
        write(out, 'filter', 'expr-%03d' % k, text.encode('utf-8') + b'\x00' + events)


def ignore_rules(out):
    texts = set()
    for path in (os.path.join(ROOT, 'tests', 'core', 'tst_diffrules.cpp'), os.path.join(ROOT, 'core', 'diff', 'diffpreset.cpp')):
        with open(path, encoding='utf-8') as f:
            for m in re.finditer(r'QStringLiteral\("((?:[^"\\]|\\.)*)"\)', f.read()):
                text = m.group(1).replace('\\"', '"').replace('\\\\', '\\')
                if text.startswith(('root', 'aspect', '.aspect', 'change_type', '\\', '^')) or '\\[' in text:
                    texts.add(text)
    place = b'\x01aspect\x01\x01fields\x01\x04\x01nativeDataType\x01'
    for k, text in enumerate(sorted(texts)):
        kind = 1 if '\\[' in text or text.startswith('^') else 0
        write(out, 'ignorerule', 'rule-%03d' % k, text.encode('utf-8') + b'\x00' + bytes([kind, 3]) + place)
    write(out, 'ignorerule', 'ignore-path-regex', b"root\\[\\d+\\]\\['aspect'\\]\\['json'\\]\\['x'\\]\x00\x02\x00"
          + b"\x01aspect\x01\x01x\x01")


def bodies(out, entries):
    text = entries['manifest.json']
    brotli = None
    try:
        import brotli as brotli_module  # noqa: F401
        brotli = brotli_module.compress(text)
    except ImportError:
        pass
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    shapes = [('gzip', 'application/json', gzip.compress(text)), ('deflate', 'application/json', zlib.compress(text)),
              ('deflate', 'text/plain', deflater.compress(text) + deflater.flush()),
              ('gzip, gzip', 'application/json', gzip.compress(gzip.compress(text))),
              ('identity', 'application/x-www-form-urlencoded', b'client_id=a&client_secret=b%20c+d'),
              ('', 'image/png', base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==')),
              ('', 'text/plain', b'caf\xc3\xa9 \xff\x00'), ('x-gzip', '', gzip.compress(b'{"a": [1, 2]}')),
              ('br', 'application/json', brotli or b'\x0b\x02\x80{}\x03')]
    for k, (encoding, ctype, body) in enumerate(shapes):
        write(out, 'bodycontent', 'body-%d' % k,
              encoding.encode() + b'\x00' + ctype.encode() + b'\x00' + b'\x40\x00' + body)


def mock_http(out):
    """Scripts for fuzz_mockhttpserver (its header comment has the format): realistic clients of the proxy,
    the reverse endpoint and CONNECT tunnels, and hostile ones."""
    def op_open(target=0):
        return bytes([0, target])

    def op_write(c, data):
        if isinstance(data, str):
            data = data.encode('latin-1')
        out_ = b''
        for at in range(0, len(data), 4095):
            piece = data[at:at + 4095]
            out_ += bytes([1, c]) + len(piece).to_bytes(2, 'big') + piece
        return out_

    def op_connect(c, host, port):
        return bytes([2, c, host]) + port.to_bytes(2, 'big')

    def op_close(c, how=0):
        return bytes([3, c, how])

    def op_time(how=0):
        return bytes([4, how])

    def op_answer(which, kind=0):
        return bytes([5, which, kind])

    def op_drop(which):
        return bytes([6, which])

    def op_read(c):
        return bytes([7, c])

    hold, events = bytes([8]), bytes([9])
    get = 'GET %s HTTP/1.1\r\nHost: %s\r\n\r\n'
    login = ('POST /api/4.0/login HTTP/1.1\r\nHost: looker.example.com\r\nContent-Length: 27\r\n\r\n'
             'client_id=a&client_secret=b')
    seeds = {
        'keep-alive': op_open() + b''.join(
            op_write(0, get % ('http://h.example/p?q=1&r=%d' % i, 'h.example')) + op_read(0) for i in range(4)),
        'pipelined-held': op_open() + hold + op_write(0, ''.join(
            get % ('http://localhost:8080/config?%d' % i, 'localhost:8080') for i in range(6)))
            + events + op_answer(3, 0) + op_answer(0, 5) + op_answer(1, 6) + op_answer(0, 7) + events + op_read(0)
            + op_answer(0, 0) + op_answer(0, 4) + op_read(0),
        'reverse-origin-form': op_open(1) + op_write(0, login) + op_write(
            0, get % ('/api/4.0/dashboards/1?fields=id,title', 'looker.example.com')) + op_read(0),
        'chunked-expect': op_open() + op_write(
            0, 'POST http://localhost:8080/aspects?action=ingestProposal HTTP/1.1\r\nHost: localhost:8080\r\n'
               'Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n') + op_read(0)
            + op_write(0, '5\r\n{"pro\r\n0\r\n\r\n') + op_read(0),
        'connect-tls-garbage': op_open() + op_connect(0, 0, 443) + events + op_read(0)
            + op_write(0, b'\x16\x03\x01\x00\x05hello') + events + op_time(),
        'connect-refused-and-no-leaf': op_open() + op_connect(0, 3, 443) + op_open() + op_connect(1, 2, 8443)
            + events + op_read(0) + op_read(1),
        'connect-hello-too-early': op_open() + op_write(
            0, b'CONNECT looker.example.com:443 HTTP/1.1\r\n\r\n\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'),
        'connect-no-handshake': op_open() + op_connect(0, 0, 443) + events + op_time() + op_open() + op_write(
            1, get % ('/x', 'looker.example.com')),
        'slow-loris': op_open() + op_write(0, 'GET http://h.example/ HTTP/1.1\r\nHo') + op_time()
            + op_write(0, 'st: h') + op_time() + op_open() + op_write(1, get % ('/', 'h.example')) + op_read(1),
        'header-flood': op_open() + op_write(0, 'GET http://h.example/ HTTP/1.1\r\n' + 'X-A: b\r\n' * 20 + '\r\n')
            + op_open() + op_write(1, 'GET http://h.example/ HTTP/1.1\r\nX-Big: ' + 'a' * 12000) + op_read(0)
            + op_read(1),
        'refusals': op_open() + op_write(0, 'POST http://h.example/ HTTP/1.1\r\nContent-Length: 10000000000\r\n\r\n')
            + op_open() + op_write(1, 'GET / HTTP/2.0\r\n\r\n') + op_open() + op_write(2, b'\x00\x01garbage\r\n\r\n')
            + op_open() + op_write(3, get % ('ftp://x/', 'x')) + events + op_read(0) + op_read(1) + op_read(2),
        'too-many-connections': b''.join(op_open(i) for i in range(6)) + b''.join(
            op_write(i, get % ('/c', 'h')) for i in range(6)) + events + op_read(0) + op_close(1) + op_open(),
        'abandoned-and-dropped': op_open() + op_open() + hold + op_write(0, get % ('http://h.example/a', 'h'))
            + op_write(1, get % ('http://h.example/b', 'h') * 2) + events + op_close(0) + events + op_drop(0)
            + op_answer(0, 0),
        'upgrade-and-close': op_open() + op_write(
            0, get % ('http://h.example/ws', 'h\r\nConnection: Upgrade\r\nUpgrade: websocket')) + op_open() + op_write(
            1, get % ('http://h.example/c', 'h\r\nConnection: close')) + op_read(0),
        'never-reads': op_open() + hold + op_write(0, get % ('http://h.example/big', 'h\r\nConnection: close'))
            + events + op_answer(0, 5) + op_time() + op_time(),
    }
    # The first byte picks the timeouts: 0x00 all expire at the next `time`; 0x2a: none does.
    for name, script in seeds.items():
        write(out, 'mockhttpserver', name, bytes([0x2a if name in ('keep-alive', 'pipelined-held') else 0]) + script)


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__ or 'usage: make_seeds.py OUTPUT_DIR [HOSTILE_INPUTS_DIR]', file=sys.stderr)
        return 2
    out = sys.argv[1]
    hostile = sys.argv[2] if len(sys.argv) == 3 else None
    entries = sample_entries()
    zips(out, entries, hostile)
    stream_decoders(out, entries)
    documents(out, entries, hostile)
    cassettes(out, entries, hostile)
    queries(out, entries)
    mcps(out, entries, hostile)
    checkpoints(out)
    filters(out)
    ignore_rules(out)
    bodies(out, entries)
    mock_http(out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
