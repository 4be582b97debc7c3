#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The signing oracle of tst_sigv4: Debian's python3-botocore (1.29) signs S3 requests with a frozen clock.

Reads {"rows": [...]} as JSON on stdin and writes {"rows": [...]} as JSON on stdout, one answer per row, in
order. A row describes a request the way Tapedeck's S3Request does (method, bucket, key, query as
[name, value-or-null] pairs in sending order, headers as [name, value] pairs, payload as base64) plus the
client's settings (endpoint or null for AWS's own, region, addressing auto|path|virtual, credentials, the
time as YYYYMMDDTHHMMSSZ) and a mode:

- "client": a real botocore S3 client (endpoint_url, Config(s3={addressing_style, us_east_1_regional_
  endpoint: regional}) as AWS CLI v2 uses it) makes the request through the operation that the method,
  bucket, key and query select in botocore's S3 model; the query and headers become that operation's
  parameters (in the row's order, which is the order botocore then serialises them in). The prepared
  request is captured at 'before-send' and never sent.
- "presign": the same client's generate_presigned_url(operation, params, ExpiresIn=row["expires"]).
- "raw": botocore's S3SigV4Auth signs an AWSRequest for row["url"] as given (for canonicalisation cases
  that no operation can express: header whitespace, repeated headers, a Date header).

Signing uses botocore's pure-Python S3SigV4Auth / S3SigV4QueryAuth (the classes whose canonical request and
string to sign can be read). Debian's botocore would pick awscrt's signer instead, as /usr/bin/aws does:
each "client" and "presign" row is signed a second time with it, and its signature is returned as
"crt_signature" so the two can be compared as well.

Answer: {name, url, method, headers: [[name, value]], canonical_request, string_to_sign, signature,
crt_signature} or {name, error}.
"""
import base64
import datetime
import json
import re
import sys

import botocore.auth
import botocore.crt.auth
import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore import xform_name

FROZEN = [datetime.datetime(2013, 5, 24)]


class FrozenDateTime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return FROZEN[0]


class FrozenModule:
    pass


FrozenModule.datetime = FrozenDateTime
FrozenModule.timedelta = datetime.timedelta
FrozenModule.timezone = datetime.timezone


botocore.auth.datetime = FrozenModule
botocore.crt.auth.datetime = FrozenModule

CAPTURED = {}


class CapturingAuth(botocore.auth.S3SigV4Auth):
    def canonical_request(self, request):
        CAPTURED['canonical_request'] = super().canonical_request(request)
        return CAPTURED['canonical_request']

    def string_to_sign(self, request, canonical_request):
        CAPTURED['string_to_sign'] = super().string_to_sign(request, canonical_request)
        return CAPTURED['string_to_sign']


class CapturingQueryAuth(botocore.auth.S3SigV4QueryAuth):
    def canonical_request(self, request):
        CAPTURED['canonical_request'] = super().canonical_request(request)
        return CAPTURED['canonical_request']

    def string_to_sign(self, request, canonical_request):
        CAPTURED['string_to_sign'] = super().string_to_sign(request, canonical_request)
        return CAPTURED['string_to_sign']


PURE = {'s3v4': CapturingAuth, 's3v4-query': CapturingQueryAuth}
CRT = {'s3v4': botocore.crt.auth.CrtS3SigV4Auth, 's3v4-query': botocore.crt.auth.CrtS3SigV4QueryAuth}


class Captured(Exception):
    def __init__(self, request):
        super().__init__('captured')
        self.request = request


def capture(request, **kwargs):
    raise Captured(request)


SESSION = botocore.session.Session()
SESSION.set_credentials('unused', 'unused')
MODEL = SESSION.get_service_model('s3')


def fixed_query(request_uri):
    """The query part of an operation's requestUri: [(name, value or None)]."""
    if '?' not in request_uri:
        return []
    pairs = []
    for part in request_uri.split('?', 1)[1].split('&'):
        name, eq, value = part.partition('=')
        pairs.append((name, value if eq else None))
    return pairs


def choose_operation(row):
    """The operation, its parameters in the row's order, and the fixed query pairs it consumes."""
    query = [tuple(pair) for pair in row.get('query', [])]
    best = None
    for name in MODEL.operation_names:
        op = MODEL.operation_model(name)
        # A client rewrites the shared model's requestUri for the endpoint rule set (bucket left out) and
        # keeps the original as authPath.
        uri = op.http.get('authPath', op.http['requestUri'])
        if op.http['method'] != row['method']:
            continue
        if ('{Bucket}' in uri) != bool(row['bucket']) or ('{Key+}' in uri) != bool(row['key']):
            continue
        fixed = fixed_query(uri)
        if query[: len(fixed)] != fixed:
            continue
        members = op.input_shape.members if op.input_shape else {}
        by_query = {m.serialization.get('name'): n for n, m in members.items()
                    if m.serialization.get('location') == 'querystring'}
        by_header = {m.serialization.get('name', '').lower(): n for n, m in members.items()
                     if m.serialization.get('location') == 'header'}
        if not all(q[0] in by_query for q in query[len(fixed):]):
            continue
        if not all(h[0].lower() in by_header for h in row.get('headers', [])):
            continue
        given = {'Bucket', 'Key'} | {by_query[q[0]] for q in query[len(fixed):]}
        given |= {by_header[h[0].lower()] for h in row.get('headers', [])}
        if op.input_shape and op.input_shape.serialization.get('payload'):
            given.add(op.input_shape.serialization['payload'])
        if op.input_shape and not set(op.input_shape.required_members) <= given:
            continue
        # The most specific fixed query wins; between equals (GetBucketLifecycle and its successor
        # GetBucketLifecycleConfiguration send the same request) the one not deprecated.
        rank = (len(fixed), not op.deprecated)
        if best is None or rank > best[0]:
            best = (rank, op, fixed, by_query, by_header)
    if best is None:
        raise ValueError('no S3 operation takes this request')
    _, op, fixed, by_query, by_header = best
    params = {}
    if row['bucket']:
        params['Bucket'] = row['bucket']
    if row['key']:
        params['Key'] = row['key']
    members = op.input_shape.members if op.input_shape else {}
    for name, value in query[len(fixed):]:
        member = by_query[name]
        params[member] = int(value) if members[member].type_name == 'integer' else value
    for name, value in row.get('headers', []):
        params[by_header[name.lower()]] = value
    payload = base64.b64decode(row.get('payload', ''))
    if op.input_shape and op.input_shape.serialization.get('payload') and payload:
        params[op.input_shape.serialization['payload']] = payload
    return op, params


def make_client(row, signers):
    botocore.auth.AUTH_TYPE_MAPS.update(signers)
    config = Config(
        signature_version='s3v4',
        retries={'max_attempts': 1},
        s3={'addressing_style': row.get('addressing', 'auto'), 'us_east_1_regional_endpoint': 'regional'},
    )
    client = SESSION.create_client(
        's3',
        region_name=row['region'],
        endpoint_url=row.get('endpoint'),
        aws_access_key_id=row['access_key'],
        aws_secret_access_key=row['secret_key'],
        aws_session_token=row.get('token'),
        config=config,
    )
    client.meta.events.register('before-send', capture)
    return client


def text(value):
    return value.decode('utf-8') if isinstance(value, bytes) else str(value)


def send(row, signers):
    op, params = choose_operation(row)
    client = make_client(row, signers)
    try:
        getattr(client, xform_name(op.name))(**params)
    except Captured as captured:
        return captured.request
    raise RuntimeError('the request was not captured')


def signature_of(authorization):
    match = re.search(r'Signature=([0-9a-f]+)', authorization)
    return match.group(1) if match else None


def run_client(row):
    CAPTURED.clear()
    request = send(row, PURE)
    answer = {
        'url': request.url,
        'method': request.method,
        'headers': [[text(k), text(v)] for k, v in request.headers.items()],
        'canonical_request': CAPTURED['canonical_request'],
        'string_to_sign': CAPTURED['string_to_sign'],
        'signature': signature_of(text(request.headers['Authorization'])),
    }
    crt = send(row, CRT)
    answer['crt_signature'] = signature_of(text(crt.headers['Authorization']))
    return answer


def run_presign(row):
    CAPTURED.clear()
    op, params = choose_operation(row)
    url = make_client(row, PURE).generate_presigned_url(
        xform_name(op.name), Params=params, ExpiresIn=row['expires'], HttpMethod=row['method'])
    answer = {
        'url': url,
        'method': row['method'],
        'headers': [],
        'canonical_request': CAPTURED['canonical_request'],
        'string_to_sign': CAPTURED['string_to_sign'],
        'signature': re.search(r'X-Amz-Signature=([0-9a-f]+)', url).group(1),
    }
    crt = make_client(row, CRT).generate_presigned_url(
        xform_name(op.name), Params=params, ExpiresIn=row['expires'], HttpMethod=row['method'])
    answer['crt_signature'] = re.search(r'X-Amz-Signature=([0-9a-f]+)', crt).group(1)
    answer['crt_url'] = crt
    return answer


def run_raw(row):
    CAPTURED.clear()
    from botocore.compat import HTTPHeaders

    request = AWSRequest(method=row['method'], url=row['url'], data=base64.b64decode(row.get('payload', '')))
    request.headers = HTTPHeaders.from_pairs([(k, v) for k, v in row.get('headers', [])])
    credentials = Credentials(row['access_key'], row['secret_key'], row.get('token'))
    CapturingAuth(credentials, 's3', row['region']).add_auth(request)
    return {
        'url': request.url,
        'method': request.method,
        'headers': [[text(k), text(v)] for k, v in request.headers.items()],
        'canonical_request': CAPTURED['canonical_request'],
        'string_to_sign': CAPTURED['string_to_sign'],
        'signature': signature_of(text(request.headers['Authorization'])),
    }


def main():
    rows = json.load(sys.stdin)['rows']
    answers = []
    for row in rows:
        FROZEN[0] = datetime.datetime.strptime(row['time'], '%Y%m%dT%H%M%SZ')
        try:
            mode = row.get('mode', 'client')
            answer = {'client': run_client, 'presign': run_presign, 'raw': run_raw}[mode](row)
        except Exception as e:  # one bad row must not hide the others' answers
            answer = {'error': f'{type(e).__name__}: {e}'}
        answer['name'] = row['name']
        answers.append(answer)
    json.dump({'rows': answers}, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main()
