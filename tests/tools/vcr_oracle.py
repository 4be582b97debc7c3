#!/usr/bin/python3
# Test tool: VCR.py 4.2.1 as the oracle for Tapedeck's `datahub` replay matching (tests/core/tst_vcroracle.cpp).
# SPDX-License-Identifier: MIT
"""Records a cassette with Debian's VCR.py, replays a request sequence inside VCR.py exactly as DataHub's
air-gapped replay configures it, and sends the same sequence through Tapedeck's mock layer.

Run with /usr/bin/python3 (Debian's python3-vcr 4.2.1, requests 2.28.1).

    vcr_oracle.py record OUTDIR
        Starts a threaded http.server on 127.0.0.1 (an ephemeral port; every answer depends on a counter per
        method and target, so repeated requests get different recorded responses), records the request set
        with VCR.py configured as DataHub's recorder (datahub/ingestion/recording/http_recorder.py,
        HTTPRecorder.__init__: serializer yaml, record_mode new_episodes, match_on uri/method/body,
        filter_headers, decode_compressed_response), stops the server and writes OUTDIR/cassette.yaml and
        OUTDIR/sequence.json (the replay sequence; see SEQUENCE below).

    vcr_oracle.py playback OUTDIR
        Replays sequence.json inside VCR.py as HTTPRecorder._replaying_with_vcr does (record_mode "none",
        match_on uri/method/custom_body with DataHub's custom body matcher, allow_playback_repeats=True;
        no server is listening, so nothing can leak through) and writes OUTDIR/vcr-results.json. It also
        writes OUTDIR/sequential-expected.json: what the `sequential` policy must answer (VCR.py has no
        such mode): the interactions VCR.py's own matchers accept for a request, handed out in recorded
        order, the last repeating.

    vcr_oracle.py client PROXY CA OUTDIR [RESULTS]
        Sends sequence.json through Tapedeck's forward proxy (CA: a CA bundle for https, or "-") and
        writes OUTDIR/RESULTS (default tapedeck-results.json). A 503 with X-Tapedeck-Unmatched: 1 is
        {"unmatched": true}.

Results: a JSON list in sequence order, each {"status": N, "body": BASE64} or {"unmatched": true}; the
VCR.py results also carry "interaction" (the index of the cassette interaction that answered).

SEQUENCE: a JSON object {"origin": ..., "recorded": N, "requests": [...]}, each request {"id", "category",
"method", "url", "headers", "body" (base64, or null for no body), "expect" ("match" or "unmatched": what
DataHub's rules say, so the test can tell the sequence exercises what it claims), "wire_ambiguous" and
"wire_twin" (see below)}.

None and b"": DataHub's _normalize_json_body returns both unchanged ("if not body"), so a request without
a body (VCR.py records None) does not match one recorded with an empty body (b"", written as '' in the YAML),
and the other way round. On the wire the two are the same bytes, so Tapedeck's mock layer looks a request
without body bytes up as None first and then as b"". The sequence holds all four combinations. Two of them
are marked "wire_ambiguous" (VCR.py and Tapedeck answer them differently by construction) and name their
"wire_twin", the request Tapedeck cannot tell them from: "empty-vs-none" (live b"", recorded None: VCR.py
unmatched, Tapedeck answers as VCR.py answers "none-vs-none") and "none-vs-empty" (live None, recorded b"":
VCR.py unmatched, Tapedeck answers as VCR.py answers "empty-vs-empty"). The test checks that rule for them.

Not exercised, because no HTTP server can see it: a file-like body (data=io.BytesIO(...)) never matches in
VCR.py playback under DataHub's matcher (vcr.request.Request.body hands the matcher a new BytesIO, which
json.loads rejects with TypeError, so the BytesIO object itself is compared, and compares by identity).
"""

import base64
import gzip
import json
import os
import random
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.dont_write_bytecode = True

import requests  # noqa: E402
import vcr  # noqa: E402
from vcr.errors import CannotOverwriteExistingCassetteException  # noqa: E402
from vcr.matchers import requests_match  # noqa: E402
from vcr.request import Request as VcrRequest  # noqa: E402

# --------------------------------------------------------------------------------------------- DataHub's rules
# metadata-ingestion/src/datahub/ingestion/recording/http_recorder.py (datahub-project/datahub @8f77cc99),
# _normalize_json_body and HTTPRecorder._replaying_with_vcr, reproduced step for step.

AUTH_ENDPOINTS = ["/login", "/oauth", "/token", "/auth"]


def _normalize_json_body(body):
    if not body:
        return body

    try:
        if isinstance(body, bytes):
            try:
                body = body.decode("utf-8")
            except UnicodeDecodeError:
                return body
        data = json.loads(body)

        if isinstance(data, dict) and "filters" in data:
            filters = data["filters"]
            for key, value in filters.items():
                if isinstance(value, str) and "," in value:
                    values = sorted(value.split(","))
                    filters[key] = ",".join(values)

        return json.dumps(data, sort_keys=True)
    except (json.JSONDecodeError, TypeError, AttributeError, UnicodeDecodeError):
        return body


def is_auth_request(request):
    uri = request.uri.lower()
    return any(endpoint in uri for endpoint in AUTH_ENDPOINTS)


def custom_body_matcher(r1, r2):
    if is_auth_request(r1):
        return True
    return _normalize_json_body(r1.body) == _normalize_json_body(r2.body)


def recording_vcr():
    """HTTPRecorder.__init__'s VCR (its before_record_request only logs)."""
    return vcr.VCR(
        serializer="yaml",
        record_mode="new_episodes",
        match_on=["uri", "method", "body"],
        filter_headers=["Authorization", "X-DataHub-Auth", "Cookie", "Set-Cookie"],
        decode_compressed_response=True,
    )


def replay_cassette(path):
    """HTTPRecorder._replaying_with_vcr's cassette."""
    replay_vcr = vcr.VCR(serializer="yaml", record_mode="none", decode_compressed_response=True)
    replay_vcr.register_matcher("custom_body", custom_body_matcher)
    return replay_vcr.use_cassette(
        path,
        record_mode="none",
        match_on=["uri", "method", "custom_body"],
        allow_playback_repeats=True,
    )


# --------------------------------------------------------------------------------------------- the server


def random_bytes(n, seed):
    """Deterministic bytes that are not UTF-8 (a 0xff in front makes sure)."""
    return b"\xff" + random.Random(seed).randbytes(n - 1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    counters = {}
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        key = self.command + " " + self.path
        with self.lock:
            n = self.counters.get(key, 0) + 1
            self.counters[key] = n
        path = self.path.split("?", 1)[0]
        status = 200
        headers = {"Content-Type": "application/json"}
        payload = {"method": self.command, "target": self.path, "n": n, "request_bytes": len(body)}
        data = None
        if path == "/api/text":
            headers = {"Content-Type": "text/plain; charset=utf-8"}
            data = ("text answer %d for %s\n" % (n, self.path)).encode()
        elif path == "/api/binary" or path == "/api/upload":
            headers = {"Content-Type": "application/octet-stream"}
            data = random_bytes(48 + n, seed=n * 7 + len(path))
        elif path == "/api/gzip":
            headers["Content-Encoding"] = "gzip"
            data = gzip.compress(json.dumps(payload).encode(), mtime=0)
        elif path.startswith("/api/status/"):
            status = int(path.rsplit("/", 1)[1])
            payload["error"] = "status %d" % status
        elif path == "/api/created":
            status = 201
        elif path == "/api/nocontent":
            status = 204
            data = b""
            headers = {}
        elif path in ("/api/login", "/oauth/token"):
            payload["access_token"] = "token-%d" % n
        if self.command == "HEAD":
            data = b""
        if data is None:
            data = json.dumps(payload, sort_keys=True).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer


# --------------------------------------------------------------------------------------------- requests


def req(rid, category, method, path, body=None, headers=None, expect="match", wire_twin=None):
    """body: None (no body), bytes, or a str (sent as UTF-8). wire_twin: for a request with an empty body, the
    request without one that looks the same on the wire (what Tapedeck must answer like)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return {
        "id": rid,
        "category": category,
        "method": method,
        "path": path,
        "headers": headers or {},
        "body": None if body is None else base64.b64encode(body).decode("ascii"),
        "expect": expect,
        "wire_ambiguous": wire_twin is not None,
        "wire_twin": wire_twin,
    }


JSON = {"Content-Type": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TEXT = {"Content-Type": "text/plain; charset=utf-8"}
OCTETS = {"Content-Type": "application/octet-stream"}

SEARCH_TABLES = '{"query": "tables", "limit": 10, "nested": {"x": 1, "y": [1, 2]}}'
SEARCH_VIEWS = '{"query": "views", "limit": 10}'
SEARCH_FILTERS = '{"filters": {"ids": "urn:c,urn:a,urn:b", "type": "TABLE", "tags": "x, y", "n": 3}, "query": "f"}'
FILTERS_LIST = '{"filters": ["b", "a"], "q": 1}'
FILTERS_NESTED = '{"outer": {"filters": {"ids": "b,a"}}, "q": 2}'
FLOATS = '{"f": 1e2, "g": 1.0, "pi": 3.14159265358979323846, "i": 7}'
UNICODE = '{"name": "café", "emoji": "😀", "k": 1}'
NAN = '{"a": NaN, "b": 1}'
# Sent as text/plain: with a JSON content type, VCR.py's own "body" matcher (the recorder's match_on) raises
# JSONDecodeError on a BOM while recording (it catches only AssertionError), which would end the recording.
BOM = '\ufeff{"a": 1, "b": 2}'
DUPKEYS = '{"a": 1, "b": 0, "a": 2}'
SURROGATE = '{"s": "\\ud800", "t": 1}'
UPLOAD = random_bytes(64, seed=11)
FORM_BODY = "name=x&value=1"


def recorded_requests():
    """What the recording run sends, in order."""
    items = "/api/items?a=1&b=2"
    return [
        req("get-query", "recorded", "GET", items),
        req("get-query-repeat-2", "recorded", "GET", items),
        req("get-query-repeat-3", "recorded", "GET", items),
        req("get-text", "recorded", "GET", "/api/text?q=hello%20world"),
        req("get-gzip", "recorded", "GET", "/api/gzip"),
        req("get-binary", "recorded", "GET", "/api/binary"),
        req("get-encoded", "recorded", "GET", "/api/items?c=%2Fx&d=a+b"),
        req("head", "recorded", "HEAD", "/api/head"),
        req("search-tables", "recorded", "POST", "/api/search", SEARCH_TABLES, JSON),
        req("search-views", "recorded", "POST", "/api/search", SEARCH_VIEWS, JSON),
        req("search-filters", "recorded", "POST", "/api/search", SEARCH_FILTERS, JSON),
        req("search-filters-repeat-2", "recorded", "POST", "/api/search", SEARCH_FILTERS, JSON),
        req("search-filters-repeat-3", "recorded", "POST", "/api/search", SEARCH_FILTERS, JSON),
        req("filters-list", "recorded", "POST", "/api/search", FILTERS_LIST, JSON),
        req("filters-nested", "recorded", "POST", "/api/search", FILTERS_NESTED, JSON),
        req("floats", "recorded", "POST", "/api/numbers", FLOATS, JSON),
        req("unicode", "recorded", "POST", "/api/unicode", UNICODE, JSON),
        req("nan", "recorded", "POST", "/api/nan", NAN, JSON),
        req("bom", "recorded", "POST", "/api/bom", BOM, TEXT),
        req("dupkeys", "recorded", "POST", "/api/dupkeys", DUPKEYS, JSON),
        req("surrogate", "recorded", "POST", "/api/surrogate", SURROGATE, JSON),
        req("form", "recorded", "POST", "/api/form", FORM_BODY, FORM),
        req("text-body", "recorded", "POST", "/api/textbody", "plain text, not JSON", TEXT),
        req("upload", "recorded", "POST", "/api/upload", UPLOAD, OCTETS),
        req("login", "recorded", "POST", "/api/login", '{"username": "u", "password": "real-secret"}', JSON),
        req("login-other-body", "recorded", "POST", "/api/login", '{"username": "u", "password": "other"}', JSON),
        req("oauth", "recorded", "POST", "/oauth/token", "grant_type=client_credentials&client_secret=s1", FORM),
        req("status-404", "recorded", "GET", "/api/status/404"),
        req("status-500", "recorded", "GET", "/api/status/500"),
        req("created", "recorded", "POST", "/api/created", '{"a": 1}', JSON),
        req("nocontent", "recorded", "DELETE", "/api/nocontent"),
        req("put", "recorded", "PUT", "/api/items/1", '{"name": "one"}', JSON),
        req("patch", "recorded", "PATCH", "/api/items/1", '{"name": "uno"}', JSON),
        req("post-none", "recorded", "POST", "/api/empty-none"),
        req("post-empty-bytes", "recorded", "POST", "/api/empty-bytes", b""),
    ]


def replay_sequence(recorded):
    """The recorded requests in order, then every rule."""
    # (The recorded b"" request goes over the wire as nothing; Tapedeck's lookup of b"" after None finds it
    # as VCR.py does: see "None and b''" above.)
    seq = [dict(r) for r in recorded]
    items = "/api/items?a=1&b=2"
    seq += [
        # Repeats beyond the recorded count: DataHub serves the first recorded answer forever.
        req("repeat-4", "repeat", "GET", items),
        req("repeat-5", "repeat", "GET", items),
        req("search-filters-repeat-4", "repeat", "POST", "/api/search", SEARCH_FILTERS, JSON),
        # The URI is an exact string.
        req("query-reordered", "query-order", "GET", "/api/items?b=2&a=1", expect="unmatched"),
        req("query-extra", "query-order", "GET", "/api/items?a=1&b=2&c=3", expect="unmatched"),
        req("query-decoded", "query-order", "GET", "/api/items?c=/x&d=a+b", expect="unmatched"),
        req("path-case", "query-order", "GET", "/API/items?a=1&b=2", expect="unmatched"),
        req("method-differs", "method", "POST", items, expect="unmatched"),
        req("method-put-get", "method", "GET", "/api/items/1", expect="unmatched"),
        # JSON bodies are compared after normalisation.
        req("json-reordered", "json-normalised", "POST", "/api/search",
            '{"nested":{"y":[1,2],"x":1},"limit":10,"query":"tables"}', JSON),
        req("json-whitespace", "json-normalised", "POST", "/api/search",
            '\n{ "limit" : 10 , "query" : "views" }\n', JSON),
        req("json-floats", "json-normalised", "POST", "/api/numbers",
            '{"i": 7, "pi": 3.141592653589793, "g": 1.0, "f": 100.0}', JSON),
        req("json-unicode-escaped", "json-normalised", "POST", "/api/unicode",
            '{"k": 1, "emoji": "\\ud83d\\ude00", "name": "caf\\u00e9"}', JSON),
        req("json-nan", "json-normalised", "POST", "/api/nan", '{"b": 1, "a": NaN}', JSON),
        req("json-dupkeys", "json-normalised", "POST", "/api/dupkeys", '{"b": 0, "a": 2}', JSON),
        req("json-surrogate", "json-normalised", "POST", "/api/surrogate", '{"t": 1, "s": "\\ud800"}', JSON),
        req("json-bom-reordered", "json-normalised", "POST", "/api/bom", '\ufeff{"b": 2, "a": 1}', TEXT,
            expect="unmatched"),
        req("json-bom-same", "json-normalised", "POST", "/api/bom", BOM, TEXT),
        # "filters": comma lists in a top-level object's filters object are order-free.
        req("filters-shuffled", "filters", "POST", "/api/search",
            '{"query": "f", "filters": {"n": 3, "type": "TABLE", "tags": " y,x", "ids": "urn:b,urn:c,urn:a"}}', JSON),
        req("filters-space-moved", "filters", "POST", "/api/search",
            '{"query": "f", "filters": {"n": 3, "type": "TABLE", "tags": "y, x", "ids": "urn:a,urn:b,urn:c"}}', JSON,
            expect="unmatched"),
        req("filters-list-reordered", "filters", "POST", "/api/search", '{"q": 1, "filters": ["b", "a"]}', JSON,
            expect="unmatched"),
        req("filters-list-same", "filters", "POST", "/api/search", FILTERS_LIST, JSON),
        req("filters-nested-shuffled", "filters", "POST", "/api/search",
            '{"outer": {"filters": {"ids": "a,b"}}, "q": 2}', JSON, expect="unmatched"),
        req("filters-nested-reordered", "filters", "POST", "/api/search",
            '{"q": 2, "outer": {"filters": {"ids": "b,a"}}}', JSON),
        # A different JSON value is a different body.
        req("json-value-differs", "json-differs", "POST", "/api/search",
            '{"query": "tables", "limit": 11, "nested": {"x": 1, "y": [1, 2]}}', JSON, expect="unmatched"),
        req("json-int-float", "json-differs", "POST", "/api/created", '{"a": 1.0}', JSON, expect="unmatched"),
        req("json-array-order", "json-differs", "POST", "/api/search",
            '{"query": "tables", "limit": 10, "nested": {"x": 1, "y": [2, 1]}}', JSON, expect="unmatched"),
        # Auth endpoints ignore the body.
        req("login-new-body", "auth", "POST", "/api/login", '{"username": "u", "password": "replay-dummy"}', JSON),
        req("login-no-body", "auth", "POST", "/api/login"),
        req("oauth-new-body", "auth", "POST", "/oauth/token", "grant_type=client_credentials&client_secret=x", FORM),
        req("login-get", "auth", "GET", "/api/login", expect="unmatched"),
        # Bodies that are not JSON: compared as text, or as bytes when they are not UTF-8.
        req("form-same", "non-json", "POST", "/api/form", FORM_BODY, FORM),
        req("form-reordered", "non-json", "POST", "/api/form", "value=1&name=x", FORM, expect="unmatched"),
        req("text-same", "non-json", "POST", "/api/textbody", "plain text, not JSON", TEXT),
        req("text-differs", "non-json", "POST", "/api/textbody", "plain text, not JSON!", TEXT, expect="unmatched"),
        req("binary-same", "binary", "POST", "/api/upload", UPLOAD, OCTETS),
        req("binary-differs", "binary", "POST", "/api/upload", UPLOAD[:-1] + bytes([UPLOAD[-1] ^ 1]), OCTETS,
            expect="unmatched"),
        req("binary-none", "binary", "POST", "/api/upload", expect="unmatched"),
        # None and b"" (see the module's documentation).
        req("none-vs-none", "none-vs-empty", "POST", "/api/empty-none"),
        req("empty-vs-none", "none-vs-empty", "POST", "/api/empty-none", b"", expect="unmatched",
            wire_twin="none-vs-none"),
        req("none-vs-empty", "none-vs-empty", "POST", "/api/empty-bytes", expect="unmatched",
            wire_twin="empty-vs-empty"),
        req("empty-vs-empty", "none-vs-empty", "POST", "/api/empty-bytes", b""),
        req("json-vs-none", "none-vs-empty", "POST", "/api/empty-none", "{}", JSON, expect="unmatched"),
        # Nothing recorded there.
        req("unknown-path", "unmatched", "GET", "/api/never-recorded", expect="unmatched"),
        req("unknown-body", "unmatched", "POST", "/api/search", '{"query": "never"}', JSON, expect="unmatched"),
        req("unknown-origin", "unmatched", "GET", "http://unrecorded.invalid/api/items?a=1&b=2", expect="unmatched"),
        # Earlier answers are still served after the misses.
        req("after-misses", "repeat", "GET", "/api/status/404"),
    ]
    return seq


def url_of(origin, r):
    return r["path"] if r["path"].startswith("http://") else origin + r["path"]


def body_of(r):
    return None if r["body"] is None else base64.b64decode(r["body"])


def send(session, origin, r, **kwargs):
    """One request of the sequence, exactly as described: body None is no body, b"" an empty one."""
    body = body_of(r)
    prepared = session.prepare_request(
        requests.Request(r["method"], url_of(origin, r), headers=r["headers"], data=body or None)
    )
    if body == b"":
        prepared.body = b""  # requests turns data=b"" into None; urllib3 and VCR.py see b"" this way
    return session.send(prepared, allow_redirects=False, timeout=30, **kwargs)


def new_session():
    session = requests.Session()
    session.trust_env = False  # no proxy or CA settings from the environment (NO_PROXY would bypass Tapedeck)
    return session


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1, sort_keys=True)
        f.write("\n")


def record(outdir):
    os.makedirs(outdir, exist_ok=True)
    cassette = os.path.join(outdir, "cassette.yaml")
    if os.path.exists(cassette):
        os.remove(cassette)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = "http://127.0.0.1:%d" % server.server_address[1]
    recorded = recorded_requests()
    try:
        session = new_session()
        with recording_vcr().use_cassette(cassette, record_mode="new_episodes") as c:
            for r in recorded:
                send(session, origin, r)
            count = len(c)
    finally:
        server.shutdown()
        server.server_close()
    if count != len(recorded):
        sys.exit("VCR.py recorded %d interactions for %d requests" % (count, len(recorded)))
    write_json(os.path.join(outdir, "sequence.json"),
               {"origin": origin, "recorded": len(recorded), "requests": replay_sequence(recorded)})


def load_sequence(outdir):
    with open(os.path.join(outdir, "sequence.json"), encoding="utf-8") as f:
        return json.load(f)


def vcr_request(origin, r):
    return VcrRequest(r["method"], url_of(origin, r), body_of(r), r["headers"])


def answer(status, body, **extra):
    out = {"status": status, "body": base64.b64encode(body).decode("ascii")}
    out.update(extra)
    return out


def playback(outdir):
    seq = load_sequence(outdir)
    origin = seq["origin"]
    session = new_session()
    results = []
    sequential = []
    with replay_cassette(os.path.join(outdir, "cassette.yaml")) as cassette:
        data = list(cassette.data)
        handed = {}
        for r in seq["requests"]:
            live = vcr_request(origin, r)
            matches = [i for i, (stored, _) in enumerate(data) if requests_match(live, stored, cassette._match_on)]
            try:
                response = send(session, origin, r)
                results.append(answer(response.status_code, response.content,
                                      interaction=matches[0] if matches else -1))
            except CannotOverwriteExistingCassetteException:
                results.append({"unmatched": True})
            if not matches:
                sequential.append({"unmatched": True})
                continue
            group = tuple(matches)
            k = handed.get(group, 0)
            handed[group] = k + 1
            index = matches[min(k, len(matches) - 1)]
            stored = data[index][1]
            body = stored["body"]["string"]
            body = body.encode("utf-8") if isinstance(body, str) else body
            sequential.append(answer(stored["status"]["code"], body, interaction=index))
    write_json(os.path.join(outdir, "vcr-results.json"), results)
    write_json(os.path.join(outdir, "sequential-expected.json"), sequential)


def client(proxy, ca, outdir, name):
    seq = load_sequence(outdir)
    session = new_session()
    proxies = {"http": proxy, "https": proxy}
    verify = True if ca == "-" else ca
    results = []
    for r in seq["requests"]:
        response = send(session, seq["origin"], r, proxies=proxies, verify=verify)
        if response.status_code == 503 and response.headers.get("X-Tapedeck-Unmatched") == "1":
            results.append({"unmatched": True})
        else:
            results.append(answer(response.status_code, response.content))
    write_json(os.path.join(outdir, name), results)


def main(argv):
    if len(argv) == 3 and argv[1] == "record":
        record(argv[2])
    elif len(argv) == 3 and argv[1] == "playback":
        playback(argv[2])
    elif len(argv) in (5, 6) and argv[1] == "client":
        client(argv[2], argv[3], argv[4], argv[5] if len(argv) == 6 else "tapedeck-results.json")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
