#!/usr/bin/python3
# Test tool: records HTTP cassettes with Debian's VCR.py 4.2.1 against a local server, plus what VCR.py loads back.
# SPDX-License-Identifier: MIT
"""Ground truth for Tapedeck's cassette parser, written by the real writer.

Records cassettes with VCR.py 4.2.1 (Debian's python3-vcr), configured like DataHub's
``datahub.ingestion.recording.http_recorder.HTTPRecorder``::

    vcr.VCR(serializer="yaml", record_mode="new_episodes", match_on=["uri", "method", "body"],
            filter_headers=["Authorization", "X-DataHub-Auth", "Cookie", "Set-Cookie"],
            decode_compressed_response=True, before_record_request=<logs and returns the request>)

against a stdlib ``http.server`` on 127.0.0.1 (ephemeral port) that sends a fixed ``Date`` and
``Server`` header, so the output is byte-for-byte reproducible. The one change to DataHub's setup:
``before_record_request`` also rewrites the ephemeral port in the URI to 8080 (a documented VCR.py
hook, applied before VCR.py serializes the request, so the YAML is still VCR.py's own output).

Next to every ``<name>.yaml`` it writes ``<name>.expected.json``: what VCR.py itself loads from
the file (see vcrload.py for the exact entry points and the JSON shape).

Usage:
    /usr/bin/python3 tests/tools/vcrfixtures/record.py [--out DIR]   # the committed cassettes
    /usr/bin/python3 tests/tools/vcrfixtures/record.py --large PATH.yaml
        # one cassette with a ~2 MB JSON body (gzip on the wire), PATH.expected.json next to it
"""

import argparse
import gzip
import hashlib
import http.client
import io
import json
import os
import random
import shutil
import struct
import sys
import tempfile
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vcrload  # noqa: E402

FIXED_DATE = "Tue, 01 Apr 2025 12:00:00 GMT"
FIXED_SERVER = "TapedeckFixtureServer/1.0"
RECORDED_ORIGIN = "http://127.0.0.1:8080"


# --------------------------------------------------------------------------- deterministic bodies


def png_bytes():
    """A 16x16 RGBA gradient PNG (deterministic)."""
    width = height = 16
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 16, y * 16, (x + y) * 8, 255)) for x in range(width)) for y in range(height)
    )

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def random_bytes(n, seed):
    data = random.Random(seed).randbytes(n)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    raise AssertionError("random bytes happen to be valid UTF-8; pick another seed")


def gzip_bytes(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def raw_deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


UTF8_JSON = json.dumps(
    {
        "name": "Müller & Söhne GmbH",
        "city": "Zürich",
        "greeting": "Grüß Gott",
        "cjk": "数据目录 データカタログ 데이터",
        "emoji": "📼🎉👍🏽",
        "rtl": "שלום",
        "math": "∑ x² ≤ ∞",
    },
    ensure_ascii=False,
    indent=2,
).encode("utf-8")

GZIP_JSON = json.dumps(
    {"urn": "urn:li:dataset:(urn:li:dataPlatform:hive,db.orders,PROD)", "rows": list(range(40))}
).encode("ascii")

LATIN1_TEXT = "Grüße aus Köln – café, naïve, façade: ÄÖÜ äöü ß ½ ©\n".replace("–", "-").encode("latin-1")

# Bodies that force every YAML scalar style PyYAML/libyaml has (plain, single-quoted, double-quoted
# with escapes, folded long lines) and strings YAML would otherwise read as non-strings.
SCALAR_BODIES = [
    ("tab", "column\tseparated\tvalues\n"),
    ("cr", "carriage\rreturn only, then CRLF\r\nend"),
    ("controls", "NUL \x00 SOH \x01 ESC \x1b BEL \x07 DEL \x7f end"),
    ("trailing-spaces", "trailing spaces   "),
    ("leading-spaces", "   leading spaces"),
    ("leading-double-quote", '"quoted" at the start'),
    ("leading-single-quote", "'single' at the start"),
    ("colon-space-hash", "key: value # not a comment"),
    ("hash-start", "# starts like a comment"),
    ("dash-start", "- looks like a list item"),
    ("flow-chars", "[a, b] {c: d} & * ! | > % @ `"),
    ("backslash-quotes", 'back\\slash and "double" and \'single\' quotes'),
    ("newlines", "line one\nline two\n\nline four after a blank line\n"),
    ("only-newline", "\n"),
    ("only-spaces", "   "),
    ("unicode-specials", "NEL\x85 LS\u2028 PS\u2029 BOM\ufeff NBSP\xa0 ZWSP\u200b"),
    ("astral", "emoji 😀, replacement char \ufffd, noncharacter \ufffe"),
    ("yaml-true", "true"),
    ("yaml-yes", "yes"),
    ("yaml-null", "null"),
    ("yaml-tilde", "~"),
    ("yaml-int", "123"),
    ("yaml-octal", "0o17"),
    ("yaml-float", "1e3"),
    ("yaml-date", "2001-12-14"),
    ("yaml-doc-markers", "---\n...\n"),
    ("long-plain", " ".join(["word%d" % i for i in range(60)])),
    ("long-unbroken", "x" * 200),
    ("long-escaped", "\t".join(["field-%d-é" % i for i in range(30)])),
    ("long-escaped-spaced", " ".join(["wört %d\t" % i for i in range(40)])),
    ("long-crlf", "".join(["Windows line %d with  two  spaces\r\n" % i for i in range(8)])),
    ("double-spaces", "two  spaces  between  words  " * 8),
    ("leading-newline", "\nstarts with a newline"),
    ("trailing-newlines", "ends with newlines\n\n\n"),
    ("long-multiline", "\n".join(["a fairly long line number %d of a multi-line text body, with spaces" % i for i in range(6)])),
]


# --------------------------------------------------------------------------- the local server


class Reply:
    def __init__(self, status, body=b"", headers=(), reason=None, chunked=False, content_length=True):
        self.status = status
        self.body = body
        self.headers = list(headers)
        self.reason = reason
        self.chunked = chunked
        self.content_length = content_length


def route(method, path, body, req_headers):
    """Everything the local server answers; deterministic."""
    base, _, _query = path.partition("?")
    ctype_json = ("Content-Type", "application/json; charset=utf-8")
    if base == "/json/utf8":
        return Reply(200, UTF8_JSON, [ctype_json])
    if base == "/gzip":
        return Reply(200, gzip_bytes(GZIP_JSON), [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
    if base == "/gzip-chunked":
        return Reply(
            200, gzip_bytes(GZIP_JSON), [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], chunked=True
        )
    if base == "/deflate":
        text = b"deflate (zlib-wrapped, RFC 1950) text body\n" * 8
        return Reply(200, zlib.compress(text, 9), [("Content-Type", "text/plain"), ("Content-Encoding", "deflate")])
    if base == "/deflate-raw":
        text = b"raw deflate (RFC 1951, no zlib header) body\n" * 8
        return Reply(200, raw_deflate(text), [("Content-Type", "text/plain"), ("Content-Encoding", "deflate")])
    if base == "/large":
        return Reply(200, gzip_bytes(large_json()), [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
    if base == "/png":
        return Reply(200, png_bytes(), [("Content-Type", "image/png")])
    if base == "/random":
        return Reply(200, random_bytes(256, 20250401), [("Content-Type", "application/octet-stream")])
    if base == "/headers":
        return Reply(
            200,
            b'{"ok": true}',
            [
                ("content-type", "application/json"),  # lower-case name, kept as sent
                ("Set-Cookie", "session=abc123; Path=/; HttpOnly"),
                ("Set-Cookie", "theme=dark; Path=/; Max-Age=3600"),
                ("Link", '<https://example.test/page/2>; rel="next"'),
                ("Link", '<https://example.test/page/9>; rel="last"'),
                ("X-Case", "first"),
                ("x-case", "second"),  # same name, other case: VCR.py records both values under both names
                ("X-Empty", ""),
                ("X-Spaces", "  padded value  "),
            ],
        )
    if base == "/latin1":
        return Reply(200, LATIN1_TEXT, [("Content-Type", "text/plain; charset=iso-8859-1")])
    if base in ("/api/json", "/api/form", "/upload", "/items/1") and method in ("POST", "PUT"):
        echo = {
            "method": method,
            "content_type": req_headers.get("Content-Type"),
            "length": len(body),
            "sha256": hashlib.sha256(body).hexdigest()[:16],
        }
        return Reply(201 if method == "POST" else 200, json.dumps(echo).encode(), [ctype_json])
    if base == "/items/1" and method == "DELETE":
        return Reply(200, b'{"deleted": true}', [ctype_json])
    if base == "/redirect":
        return Reply(302, b"", [("Location", "/redirect/target")])
    if base == "/redirect/target":
        return Reply(200, b"you were redirected\n", [("Content-Type", "text/plain")])
    if base == "/empty":
        return Reply(200, b"", [("Content-Type", "text/plain")])
    if base == "/no-content":
        return Reply(204, b"", content_length=False)
    if base == "/missing":
        return Reply(404, b"<html><body><h1>404 Not Found</h1></body></html>\n", [("Content-Type", "text/html")])
    if base == "/error":
        return Reply(
            500,
            b'{"error": "NullPointerException", "trace": "at com.linkedin.metadata..."}',
            [ctype_json],
            reason="Internal Server Error",
        )
    if base == "/teapot":
        return Reply(418, b"short and stout", [("Content-Type", "text/plain")], reason="I'm a Teapot (custom reason)")
    if base.startswith("/scalar/"):
        name = base[len("/scalar/") :]
        text = dict(SCALAR_BODIES)[name]
        return Reply(200, text.encode("utf-8"), [("Content-Type", "text/plain; charset=utf-8")])
    if base == "/surrogate":
        # CESU-8 style surrogate half: looks like UTF-8 but is not valid UTF-8 -> !!binary
        return Reply(200, b"before \xed\xa0\x80 after", [("Content-Type", "text/plain")])
    if base.startswith("/search") or base.startswith("/files/") or base.startswith("/caf"):
        return Reply(200, json.dumps({"path": path}).encode(), [ctype_json])
    if base == "/filtered":
        return Reply(200, b"secret headers were filtered from the request", [("Content-Type", "text/plain")])
    return Reply(404, b"no such route: " + base.encode(), [("Content-Type", "text/plain")])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return FIXED_SERVER

    def date_time_string(self, timestamp=None):
        return FIXED_DATE

    def log_message(self, *args):
        pass

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _handle(self):
        body = self._read_body()
        method = self.command
        reply = route("GET" if method == "HEAD" else method, self.path, body, self.headers)
        self.send_response(reply.status, reply.reason)
        for k, v in reply.headers:
            self.send_header(k, v)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif reply.content_length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if method == "HEAD" or reply.status in (204, 304):
            return
        if reply.chunked:
            data = reply.body
            for i in range(0, len(data), 64):
                part = data[i : i + 64]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(reply.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle


class Server:
    def __enter__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------- VCR.py, configured like DataHub


def datahub_vcr(origin, decode_compressed_response=True):
    import vcr

    def before_record_request(request):
        # DataHub's hook only logs; we additionally pin the ephemeral port so the file is reproducible.
        if request.uri.startswith(origin):
            request.uri = RECORDED_ORIGIN + request.uri[len(origin) :]
        return request

    return vcr.VCR(
        serializer="yaml",
        record_mode="new_episodes",
        match_on=["uri", "method", "body"],
        filter_headers=["Authorization", "X-DataHub-Auth", "Cookie", "Set-Cookie"],
        decode_compressed_response=decode_compressed_response,
        before_record_request=before_record_request,
    )


def derive_odd_bodies(kind, value):
    # vcr-odd-request-bodies.yaml: the third request body is an exhausted list iterator that
    # VCR.py 4.2.1 loads as a live iterator, not bytes; derived by hand, see vcrload.join_iterator_body.
    if kind == "request-body" and type(value).__name__ == "list_iterator":
        return vcrload.join_iterator_body(value)
    raise vcrload.NotStandard(f"{kind}: {value!r:.80}")


def known_body(path, decoded):
    """The bytes the server sent for a GET path (decompressed when VCR.py decodes), or None."""
    if path.startswith("/scalar/"):
        return dict(SCALAR_BODIES)[path[len("/scalar/") :]].encode("utf-8")
    fixed = {"/json/utf8": UTF8_JSON, "/png": png_bytes(), "/random": random_bytes(256, 20250401), "/latin1": LATIN1_TEXT}
    if path in fixed:
        return fixed[path]
    if path in ("/gzip", "/gzip-chunked"):
        return GZIP_JSON if decoded else gzip_bytes(GZIP_JSON)
    if path == "/large" and decoded:
        return large_json()
    return None


def check_against_server(data, decoded):
    """Cross-check: for GET routes with known bodies, what VCR.py loads is exactly what was sent."""
    import base64

    checked = 0
    for item in data:
        req, resp = item["request"], item["response"]
        path = req["uri"][len(RECORDED_ORIGIN) :]
        want = known_body(path, decoded)
        if req["method"] != "GET" or want is None:
            continue
        got = base64.b64decode(resp["body_b64"])
        if got != want:
            raise AssertionError(f"{path}: VCR.py loads {len(got)} bytes that differ from the {len(want)} sent")
        checked += 1
    return checked


def record(target, scenario, decode_compressed_response=True, derive=None):
    """Run scenario(session, origin) inside a fresh cassette; copy it to target; write expected JSON."""
    import requests

    with tempfile.TemporaryDirectory() as tmp, Server() as server:
        path = os.path.join(tmp, "cassette.yaml")
        recorder = datahub_vcr(server.origin, decode_compressed_response)
        with recorder.use_cassette(path, record_mode="new_episodes"):
            with requests.Session() as session:
                session.trust_env = False  # no proxies or .netrc from the environment
                scenario(session, server.origin)
        shutil.copyfile(path, target)
    data = vcrload.write_cassette_and_expected(target, derive)
    checked = check_against_server(data, decode_compressed_response)
    print(f"{target}: {len(data)} interactions, {os.path.getsize(target)} bytes, {checked} bodies checked")
    return data


def ok(response, *codes):
    codes = codes or (200,)
    if response.status_code not in codes:
        raise AssertionError(f"{response.request.method} {response.url}: {response.status_code}")
    return response


# --------------------------------------------------------------------------- scenarios


def scenario_requests(s, o):
    """vcr-requests.yaml: the everyday shapes DataHub's recorder produces (decode_compressed_response=True)."""
    ok(s.get(o + "/json/utf8"))
    ok(s.get(o + "/gzip"))
    ok(s.get(o + "/deflate"))
    ok(s.get(o + "/png"))
    ok(s.get(o + "/random"))
    ok(s.get(o + "/headers"))
    ok(s.get(o + "/latin1"))
    ok(s.get(o + "/surrogate"))
    # POST JSON via requests' json= (ASCII with \u escapes) and as raw UTF-8 bytes
    ok(s.post(o + "/api/json", json={"query": "Grüße", "ids": [1, 2, 3], "emoji": "📼", "nested": {"a": None}}), 201)
    ok(
        s.post(
            o + "/api/json",
            data=json.dumps({"name": "Jürgen", "city": "東京"}, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json; charset=utf-8"},
        ),
        201,
    )
    ok(s.post(o + "/api/form", data={"user": "jürgen", "q": "a&b=c", "space": "x y", "plus": "1+1"}), 201)
    ok(s.get(o + "/redirect"))  # 302, followed: two interactions
    ok(s.get(o + "/empty"))
    ok(s.get(o + "/no-content"), 204)
    ok(s.get(o + "/missing"), 404)
    ok(s.get(o + "/error"), 500)
    ok(s.get(o + "/teapot"), 418)
    ok(s.get(o + "/search", params={"q": "Grüße straße", "tag": ["a&b", "c=d"], "emoji": "😀", "empty": ""}))
    ok(s.get(o + "/files/a%2Fb%20c;v=1?x=1+2&y=%7E&z=%zz"))
    ok(s.get(o + "/café/ünïcode path"))
    ok(s.head(o + "/json/utf8"))
    ok(s.put(o + "/items/1", data=random_bytes(64, 7), headers={"Content-Type": "application/octet-stream"}))
    ok(s.delete(o + "/items/1"))
    ok(s.get(o + "/gzip-chunked"))
    ok(
        s.get(
            o + "/filtered",
            headers={
                "Authorization": "Bearer not-recorded",
                "X-DataHub-Auth": "not-recorded",
                "Cookie": "session=not-recorded",
                "x-custom-lower": "kept as typed",
            },
        )
    )


def scenario_scalars(s, o):
    """vcr-scalars.yaml: one response per YAML scalar style, and a few of them as request bodies."""
    for name, _ in SCALAR_BODIES:
        ok(s.get(o + "/scalar/" + name))
    for name in ("tab", "controls", "newlines", "unicode-specials", "yaml-null", "long-escaped"):
        text = dict(SCALAR_BODIES)[name]
        ok(s.post(o + "/upload", data=text.encode("utf-8"), headers={"Content-Type": "text/plain; charset=utf-8"}), 201)


def scenario_compressed_raw(s, o):
    """vcr-compressed-raw.yaml: decode_compressed_response=False, so the compressed bytes stay !!binary."""
    ok(s.get(o + "/gzip"))
    ok(s.get(o + "/deflate"))
    ok(s.get(o + "/deflate-raw"))  # VCR.py's decode_response would raise zlib.error on this one
    ok(s.get(o + "/gzip-chunked"))


def scenario_odd_request_bodies(s, o):
    """vcr-odd-request-bodies.yaml: request bodies VCR.py itself writes as Python objects."""
    # A file-like body: Request.body returns a fresh BytesIO, which PyYAML dumps as
    # !!python/object/new:_io.BytesIO.
    ok(s.put(o + "/upload", data=io.BytesIO(b"file-like body \xff\xfe"), headers={"Content-Type": "application/octet-stream"}))
    # A generator body: urllib3 sends it chunked through VCR.py's putrequest/send stubs, so the
    # recorded body is the chunk *framing* (hex sizes and CRLFs) accumulated in a bytearray.
    ok(s.post(o + "/upload", data=(part for part in [b"first,", b"second,", b"third"])), 201)
    # A list iterator given straight to http.client (with Content-Length): the real request consumes
    # it before VCR.py serializes, so the cassette holds an *exhausted* iterator:
    # !!python/object/apply:builtins.iter [[]] - the body is lost.
    port = int(o.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("POST", "/upload", body=iter([b"abc", b"def"]), headers={"Content-Length": "6"})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    if resp.status != 201:
        raise AssertionError(resp.status)


# --------------------------------------------------------------------------- large


def large_json(target_bytes=2 * 1024 * 1024):
    rng = random.Random(42)
    rows, size = [], 0
    i = 0
    while size < target_bytes:
        row = {
            "urn": f"urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.public.table_{i},PROD)",
            "description": "Zeile %d – Beschreibung mit Umlauten äöü und 中文" % i,
            "score": rng.random(),
            "tags": [f"tag{rng.randrange(100)}" for _ in range(5)],
        }
        text = json.dumps(row, ensure_ascii=False)
        rows.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    return ("[\n" + ",\n".join(rows) + "\n]\n").encode("utf-8")


def scenario_large(s, o):
    ok(s.get(o + "/large"))
    ok(s.get(o + "/json/utf8"))


COMMITTED = [
    ("vcr-requests", scenario_requests, True, None),
    ("vcr-scalars", scenario_scalars, True, None),
    ("vcr-compressed-raw", scenario_compressed_raw, False, None),
    ("vcr-odd-request-bodies", scenario_odd_request_bodies, True, derive_odd_bodies),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=vcrload.cassette_dir(), help="output directory (default: tests/data/cassettes)")
    parser.add_argument("--large", metavar="PATH.yaml", help="only write the ~2 MB cassette to PATH.yaml (not committed)")
    args = parser.parse_args()
    vcrload.check_environment()
    if args.large:
        if not args.large.endswith(".yaml"):
            parser.error("--large needs a path ending in .yaml")
        os.makedirs(os.path.dirname(os.path.abspath(args.large)), exist_ok=True)
        record(args.large, scenario_large)
        return
    os.makedirs(args.out, exist_ok=True)
    for name, scenario, decode, derive in COMMITTED:
        record(os.path.join(args.out, name + ".yaml"), scenario, decode, derive)


if __name__ == "__main__":
    main()
