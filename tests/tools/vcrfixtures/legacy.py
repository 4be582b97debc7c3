#!/usr/bin/python3
# Test tool: writes cassettes in the shapes older VCR.py versions and its other stubs wrote, with what VCR.py 4.2.1 loads.
# SPDX-License-Identifier: MIT
"""Legacy and other-writer cassette shapes (VCR.py 1.x to 8.x), for Tapedeck's cassette parser.

Each fixture is produced by YAML-dumping the Python objects the writer in question dumped (with
PyYAML's libyaml dumper, as VCR.py does), or - where the writer is not installable here (Python 2
PyYAML, httpx, aiohttp, tornado) - by dumping objects built the way that writer's source builds
them, or by hand where the point is a particular scalar style. Every ``legacy-<name>.yaml`` gets
a ``legacy-<name>.expected.json`` (shape: see vcrload.py) computed by loading the file with
VCR.py 4.2.1 (``FilesystemPersister.load_cassette``). Where VCR.py 4.2.1 loads the file but does
not hand over standard data (so it could not play it back, or would play back something else),
the fixture has a ``derive`` function and a comment saying what is derived by hand and why.

Usage:
    /usr/bin/python3 tests/tools/vcrfixtures/legacy.py [--out DIR]
"""

import argparse
import json
import os
import sys

import yaml

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vcrload  # noqa: E402

FIXTURES = []


def fixture(name, derive=None):
    def register(make):
        FIXTURES.append((name, make, derive))
        return make

    return register


# --------------------------------------------------------------------------- shared sample data

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005fe02fea7359a"
    "d20000000049454e44ae426082"
)
DATE = "Tue, 01 Apr 2025 12:00:00 GMT"
GMS = "http://gms.example.test:8080"


def sample_pairs():
    """(vcr.request.Request, response dict) as a VCR.py stub hands them to Cassette.append."""
    from vcr.request import Request

    ua = {"Accept": "*/*", "Accept-Encoding": "gzip, deflate", "Connection": "keep-alive", "User-Agent": "python-requests/2.31.0"}
    mcp = json.dumps(
        {"proposal": {"entityUrn": "urn:li:corpuser:müller", "aspectName": "corpUserInfo", "changeType": "UPSERT"}},
        ensure_ascii=False,
    ).encode("utf-8")
    return [
        (
            Request("GET", GMS + "/config", None, dict(ua)),
            {
                "status": {"code": 200, "message": "OK"},
                "headers": {"Content-Type": ["application/json"], "Date": [DATE], "Server": ["Jetty(9.4.46)"]},
                "body": {"string": b'{"noCode": "true", "versions": {"acryldata/datahub": {"version": "v0.13.0"}}}'},
            },
        ),
        (
            Request(
                "POST",
                GMS + "/aspects?action=ingestProposal",
                mcp,
                dict(ua, **{"Content-Type": "application/json", "Content-Length": str(len(mcp)), "X-RestLi-Protocol-Version": "2.0.0"}),
            ),
            {
                "status": {"code": 200, "message": "OK"},
                "headers": {"Content-Type": ["application/json"], "Date": [DATE]},
                "body": {"string": '{"value": "urn:li:corpuser:müller"}'.encode("utf-8")},
            },
        ),
        (
            Request("GET", "https://api.example.test/v1/items?page=2&q=caf%C3%A9", None, dict(ua)),
            {
                "status": {"code": 200, "message": "OK"},
                "headers": {
                    "Content-Type": ["text/plain; charset=utf-8"],
                    "Set-Cookie": ["a=1; Path=/", "b=2; Path=/; Secure"],
                    "Date": [DATE],
                },
                "body": {"string": "Grüße aus Zürich 😀\n\ttab, 'quotes' and \"double\"\n".encode("utf-8")},
            },
        ),
        (
            Request("GET", "https://cdn.example.test/logo.png", None, dict(ua)),
            {
                "status": {"code": 200, "message": "OK"},
                "headers": {"Content-Type": ["image/png"], "Content-Length": [str(len(PNG_1X1))]},
                "body": {"string": PNG_1X1},
            },
        ),
        (
            Request("DELETE", GMS + "/entities/urn%3Ali%3Acorpuser%3Aold", None, dict(ua, **{"Content-Length": "0"})),
            {"status": {"code": 204, "message": "No Content"}, "headers": {"Date": [DATE]}, "body": {"string": b""}},
        ),
    ]


class CapturingSerializer:
    """Stands in for vcr.serializers.yamlserializer: vcr.serialize.serialize builds the data
    exactly as VCR.py does (compat.convert_to_unicode etc.), we choose how it is dumped."""

    def __init__(self, **dump_options):
        self.dump_options = dump_options

    def serialize(self, data):
        return yaml.dump(data, Dumper=yaml.CDumper, **self.dump_options)


def vcr_serialize(pairs, **dump_options):
    from vcr.serialize import serialize

    cassette_dict = {"requests": [q for q, _ in pairs], "responses": [r for _, r in pairs]}
    return serialize(cassette_dict, CapturingSerializer(**dump_options))


def vcr_data(pairs):
    """The dict VCR.py 4.2.1 would hand to the YAML dumper (version, interactions)."""
    captured = {}

    class Capture:
        def serialize(self, data):
            captured["data"] = data
            return ""

    from vcr.serialize import serialize

    serialize({"requests": [q for q, _ in pairs], "responses": [r for _, r in pairs]}, Capture())
    return captured["data"]


# Dumper with the Python 2 tags: PyYAML on Python 2 tagged `unicode` objects that were pure ASCII
# as !!python/unicode and `str` (byte strings) that were non-ASCII UTF-8 as !!python/str.
class Py2Dumper(yaml.CDumper):
    pass


class Py2Unicode(str):
    pass


class Py2Str(str):
    pass


Py2Dumper.add_representer(Py2Unicode, lambda d, v: d.represent_scalar("tag:yaml.org,2002:python/unicode", str(v)))
Py2Dumper.add_representer(Py2Str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:python/str", str(v)))


# --------------------------------------------------------------------------- hand derivations


def derive_scalar_header(kind, value):
    # A header value that is a plain string instead of a list. VCR.py 4.2.1 loads it as a str and its
    # playback (stubs.parse_headers: `for v in values`) would send one header per *character*; the
    # writers that produced this shape (VCR.py 4.0/4.1's httpx stub, pre-1.0 request headers) meant
    # the whole string as the single value, so the expected value is [string].
    if kind == "response-header-values" and isinstance(value, str):
        return [value]
    raise vcrload.NotStandard(f"{kind}: {value!r:.80}")


def derive_python_tags(kind, value):
    # !!python/tuple response header values load as tuples; VCR.py's playback iterates them like a
    # list, so the expected value is the list of the tuple's items.
    if kind == "response-header-values" and isinstance(value, tuple):
        return list(value)
    # !!python/object/apply:builtins.iter bodies load as a live list_iterator; see
    # vcrload.join_iterator_body for why the items concatenated are the expected bytes.
    if kind == "request-body" and type(value).__name__ == "list_iterator":
        return vcrload.join_iterator_body(value)
    raise vcrload.NotStandard(f"{kind}: {value!r:.80}")


def derive_body_shapes(kind, value):
    # body: <bare string> (no {string: ...} mapping) and body: null in a *response*: VCR.py 4.2.1's
    # compat.convert_to_bytes skips them (TypeError caught) and playback would fail on
    # recorded_response["body"]["string"]. The data is unambiguous: a bare string is the body text
    # (UTF-8 encoded, as convert_to_bytes does for {string: str}); null is no body.
    if kind == "response-body":
        if isinstance(value, str):
            return value.encode("utf-8")
        if value is None:
            return None
    raise vcrload.NotStandard(f"{kind}: {value!r:.80}")


def derive_httpx(kind, value):
    # The httpx stub of VCR.py 4.0-4.4 wrote {status_code, http_version, headers, content} instead of
    # {status, headers, body}. VCR.py 4.2.1 reads it back only inside its httpx stub, which is not in
    # the generic loader; VCR.py 5+ (httpcore stubs, _deserialize_response) converts it to
    # {status: {code: status_code}, headers, body: {string: content}} - no reason phrase - and
    # encodes content as UTF-8. That conversion is the expected value (message null). http_version
    # has no place in the expected JSON. 4.0/4.1 wrote header values as scalars: see
    # derive_scalar_header.
    if kind == "response" and "status_code" in value:
        return {
            "status": {"code": value["status_code"], "message": None},
            "headers": value["headers"],
            "body": {"string": value["content"].encode("utf-8")},
        }
    return derive_scalar_header(kind, value)


def derive_tornado(kind, value):
    # VCR.py's tornado stub stores response headers as a list of (name, [values]) tuples
    # ([(k, response.headers.get_list(k)) for k in keys()]), and its playback accepts a dict or such
    # a list. Expected: the same pairs as a {name: [values]} object, in order.
    if kind == "response-headers" and isinstance(value, list):
        return {name: values for name, values in value}
    raise vcrload.NotStandard(f"{kind}: {value!r:.80}")


def derive_aiohttp(kind, value):
    # aiohttp stub: `body: {}` when reading the body raised ClientConnectionError (no body); its
    # playback reads vcr_response["body"].get("string", b"") -> empty bytes.
    if kind == "response-body" and value == {}:
        return b""
    # aiohttp stub: Request(method, url, kwargs.get("data", kwargs.get("json")), headers) keeps a
    # json=/data= dict as is, so the cassette holds a YAML *mapping* as the request body. VCR.py
    # loads it as a dict. The wire bytes are not in the file; by convention the expected body is
    # aiohttp's default JSON rendering of it, json.dumps(dict) (Python defaults: ", ", ": ",
    # ensure_ascii) - a parser should keep the mapping and may render it so.
    if kind == "request-body" and isinstance(value, dict):
        return json.dumps(value).encode("utf-8")
    raise vcrload.NotStandard(f"{kind}: {value!r:.80}")


# --------------------------------------------------------------------------- the fixtures


@fixture("flow-style")
def make_flow_style():
    """yaml.dump(default_flow_style=True): everything in flow style, long lines wrapped at 80."""
    return vcr_serialize(sample_pairs(), default_flow_style=True)


@fixture("pyyaml-pre51")
def make_pyyaml_pre51():
    """PyYAML < 5.1 defaulted to default_flow_style=None: leaf collections in flow style
    (`Accept: ['*/*']`, `status: {code: 200, message: OK}`) - the look of VCR.py 1.x-2.x cassettes."""
    return vcr_serialize(sample_pairs(), default_flow_style=None)


@fixture("py2-tags")
def make_py2_tags():
    """VCR.py 1.x on Python 2: !!python/unicode on ASCII unicode strings, !!python/str on non-ASCII
    byte strings, plain untagged scalars for ASCII byte strings, pre-5.1 flow style leaves."""
    data = vcr_data(sample_pairs())
    i0, i1, i2 = data["interactions"][:3]
    i0["request"]["uri"] = Py2Unicode(i0["request"]["uri"])
    i0["request"]["headers"]["User-Agent"] = [Py2Unicode("python-requests/2.7.0 CPython/2.7.6 Linux/3.13.0")]
    i0["response"]["body"]["string"] = Py2Unicode(i0["response"]["body"]["string"])
    i1["request"]["body"] = Py2Str(i1["request"]["body"])
    i1["request"]["method"] = Py2Unicode("POST")
    i1["response"]["body"]["string"] = Py2Str(i1["response"]["body"]["string"])
    i2["response"]["status"]["message"] = Py2Unicode("OK")
    return yaml.dump(data, Dumper=Py2Dumper, default_flow_style=None)


@fixture("scalar-headers", derive=derive_scalar_header)
def make_scalar_headers():
    """Header values as plain scalars instead of lists, in requests (pre-1.0 style, VCR.py's
    HeadersDict accepts them) and responses (VCR.py 4.0/4.1 httpx stub style)."""
    data = vcr_data(sample_pairs())
    for item in data["interactions"]:
        for part in ("request", "response"):
            item[part]["headers"] = {k: ", ".join(v) for k, v in item[part]["headers"].items()}
    return yaml.dump(data, Dumper=yaml.CDumper)


@fixture("body-shapes", derive=derive_body_shapes)
def make_body_shapes():
    """Every way a body scalar is written, by hand: plain, single-quoted with '' and folded lines,
    double-quoted with escapes and an escaped line break, literal and folded block scalars
    (hand-edited cassettes), one-line !!binary, bare string response bodies, {string: null},
    body: null, empty strings."""
    lines = ["interactions:"]

    def item(method, path, req_body, resp_body, code=200, message="OK"):
        lines.extend(
            [
                "- request:",
                "    body: " + req_body,
                "    headers:",
                "      Accept:",
                "      - '*/*'",
                "    method: " + method,
                "    uri: https://api.example.test" + path,
                "  response:",
                "    body:" + (resp_body if resp_body.startswith("\n") else " " + resp_body),
                "    headers:",
                "      Content-Type:",
                "      - text/plain",
                "    status:",
                "      code: %d" % code,
                "      message: " + message,
            ]
        )

    item("GET", "/plain", "null", "\n      string: plain text, with a#hash, a:colon and trailing comment # not part of the body")
    item("POST", "/single", "'single ''quoted'' request body'", "\n      string: 'it''s a single-quoted\n\n        body with a blank line'")
    item(
        "POST",
        "/double",
        '"double \\"quoted\\"\\tbody\\u00e9\\x41\\U0001F600"',
        '\n      string: "escaped line \\\n        break joins; and a folded\n        line\\r\\n"',
    )
    item("GET", "/literal", "null", "\n      string: |\n        literal block\n          indented line\n        last line")
    item("GET", "/literal-keep", "null", "\n      string: |+\n        keep trailing newlines\n\n")
    item("GET", "/folded", "null", "\n      string: >-\n        folded block\n        joined with spaces\n\n        new paragraph")
    item("PUT", "/binary-inline", "!!binary AAEC/w==", "\n      string: !!binary \"iVBORw0KGgo=\"")
    item("GET", "/bare-string", "null", "bare response body string")
    item("GET", "/bare-quoted", "null", "'bare single-quoted: body'")
    item("GET", "/string-null", "null", "\n      string: null")
    item("GET", "/body-null", "null", "null")
    item("GET", "/empty", "''", "\n      string: ''", 204, "No Content")
    item("GET", "/tilde", "~", "\n      string: \"~\"")
    lines.append("version: 1")
    return "\n".join(lines) + "\n"


@fixture("python-tags", derive=derive_python_tags)
def make_python_tags():
    """!!python/tuple header values (VCR.py's putheader stored the *values tuple), a
    !!python/object/new:_io.BytesIO request body (VCR.py writes one for file-like bodies), a
    non-exhausted !!python/object/apply:builtins.iter body, !!python/str and !!python/unicode."""
    import io

    pairs = sample_pairs()
    data = vcr_data(pairs[:3])
    i0, i1, i2 = data["interactions"]
    i0["request"]["headers"]["User-Agent"] = ("python-requests/2.31.0",)
    i0["response"]["headers"]["Set-Cookie"] = ("x=1", "y=2")
    i1["request"]["body"] = io.BytesIO(i1["request"]["body"].encode("utf-8"))
    i2["request"]["method"] = "POST"
    i2["request"]["body"] = iter([b"chunk-1;", "chunk-2 \u00e9;", b"\xff"])
    i2["response"]["body"]["string"] = Py2Str(i2["response"]["body"]["string"])
    i2["response"]["status"]["message"] = Py2Unicode("OK")
    return yaml.dump(data, Dumper=Py2Dumper)


HTTPX_REQUEST_HEADERS = {
    # dict(httpx.Request.headers): lower-case names
    "host": "api.example.test",
    "accept": "*/*",
    "accept-encoding": "gzip, deflate",
    "connection": "keep-alive",
    "user-agent": "python-httpx/0.23.0",
}


def httpx_interactions(scalar_headers):
    def headers(pairs):
        out = {}
        for k, v in pairs:
            out.setdefault(k, []).append(v)
        if scalar_headers:
            # VCR.py 4.0/4.1: {key.decode(): var.decode() for key, var in dict(headers.raw).items()}
            # - the last value of a repeated header wins
            return {k: v[-1] for k, v in out.items()}
        return out

    return {
        "interactions": [
            {
                "request": {
                    "body": "",  # httpx_request.read().decode("utf-8")
                    "headers": {k: [v] for k, v in HTTPX_REQUEST_HEADERS.items()},
                    "method": "GET",
                    "uri": "https://api.example.test/v1/items?q=caf%C3%A9",
                },
                "response": {
                    "content": '{"items": ["Grüße", "数据"]}',  # content.decode("utf-8"[, "ignore"])
                    "headers": headers(
                        [
                            ("content-type", "application/json"),
                            ("set-cookie", "a=1"),
                            ("set-cookie", "b=2"),
                            ("date", DATE),
                        ]
                    ),
                    "http_version": "HTTP/1.1",
                    "status_code": 200,
                },
            },
            {
                "request": {
                    "body": '{"name": "x"}',
                    "headers": {
                        k: [v]
                        for k, v in dict(
                            HTTPX_REQUEST_HEADERS, **{"content-length": "13", "content-type": "application/json"}
                        ).items()
                    },
                    "method": "POST",
                    "uri": "https://api.example.test/v1/items",
                },
                "response": {
                    "content": "",
                    "headers": headers([("content-length", "0")]),
                    "http_version": "HTTP/1.1",
                    "status_code": 201,
                },
            },
        ],
        "version": 1,
    }


@fixture("httpx-scalar-headers", derive=derive_httpx)
def make_httpx_scalar_headers():
    """VCR.py 4.0/4.1 httpx stub: {status_code, http_version, headers (scalars), content}."""
    return yaml.dump(httpx_interactions(scalar_headers=True), Dumper=yaml.CDumper)


@fixture("httpx", derive=derive_httpx)
def make_httpx():
    """VCR.py 4.2-4.4 httpx stub: {status_code, http_version, headers (lists), content}."""
    return yaml.dump(httpx_interactions(scalar_headers=False), Dumper=yaml.CDumper)


@fixture("httpcore-http2")
def make_httpcore_http2():
    """VCR.py 5+-8.x httpcore stub over HTTP/2: the standard shape, but `message: null` (no reason
    phrase), lower-case header names, bytes bodies (str when decode_compressed_response decoded)."""
    from vcr.request import Request

    pairs = [
        (
            Request(
                "GET",
                "https://api.example.test/v2/data",
                b"",
                {"host": "api.example.test", "accept": "*/*", "user-agent": "python-httpx/0.28.1"},
            ),
            {
                "status": {"code": 200, "message": None},
                "headers": {"content-type": ["application/json"], "date": [DATE], "vary": ["Accept-Encoding", "Origin"]},
                "body": {"string": b'{"ok": true}'},
            },
        ),
        (
            Request("GET", "https://api.example.test/v2/blob", b"", {"host": "api.example.test", "accept": "*/*"}),
            {
                "status": {"code": 404, "message": None},
                "headers": {"content-type": ["application/octet-stream"]},
                "body": {"string": b"\x00\x01\x02\xfe\xff"},
            },
        ),
    ]
    return vcr_serialize(pairs)


@fixture("tornado", derive=derive_tornado)
def make_tornado():
    """VCR.py tornado stub: response headers as a list of (name, [values]) tuples (!!python/tuple
    items), plus a `url` key (effective_url) in the response."""
    from vcr.request import Request

    req = Request("GET", "http://tornado.example.test/feed", None, {"Accept-Encoding": "gzip", "User-Agent": "Tornado/6.2"})
    resp = {
        "status": {"code": 200, "message": "OK"},
        "headers": [
            ("Content-Type", ["application/atom+xml"]),
            ("Set-Cookie", ["k=v", "k2=v2"]),
            ("Date", [DATE]),
        ],
        "body": {"string": b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>\xc3\xa9t\xc3\xa9</title></feed>"},
        "url": "http://tornado.example.test/feed",
    }
    return vcr_serialize([(req, resp)])


@fixture("aiohttp", derive=derive_aiohttp)
def make_aiohttp():
    """VCR.py aiohttp stub: `url` key in the response, `body: {}` when there was no body, and a
    json=/data= dict kept as a YAML mapping request body."""
    from vcr.request import Request

    pairs = [
        (
            Request(
                "POST",
                "https://aio.example.test/api/search",
                {"query": "Grüße", "limit": 10, "filters": {"platform": ["snowflake", "looker"]}},
                {"Content-Type": ["application/json"]},
            ),
            {
                "status": {"code": 200, "message": "OK"},
                "headers": {"Content-Type": ["application/json; charset=utf-8"], "Date": [DATE]},
                "body": {"string": b'{"total": 0}'},
                "url": "https://aio.example.test/api/search",
            },
        ),
        (
            Request("HEAD", "https://aio.example.test/health", None, {}),
            {
                "status": {"code": 200, "message": "OK"},
                "headers": {"Content-Length": ["0"]},
                "body": {},
                "url": "https://aio.example.test/health",
            },
        ),
    ]
    return vcr_serialize(pairs)


@fixture("unsorted-keys")
def make_unsorted_keys():
    """sort_keys=False with keys in odd orders (response before request, uri before method, ...)."""
    data = vcr_data(sample_pairs())
    items = []
    for item in data["interactions"]:
        q, r = item["request"], item["response"]
        items.append(
            {
                "response": {"status": r["status"], "body": r["body"], "headers": dict(reversed(list(r["headers"].items())))},
                "request": {"uri": q["uri"], "method": q["method"], "headers": q["headers"], "body": q["body"]},
            }
        )
    return yaml.dump({"version": 1, "interactions": items}, Dumper=yaml.CDumper, sort_keys=False).replace(
        "version: 1\n", ""
    ) + "version: 1\n"


@fixture("version-first")
def make_version_first():
    """`version: 1` before `interactions`, with a leading comment, an explicit `---` document start
    and `...` document end, as other writers and hand edits produce."""
    text = yaml.dump({"version": 1, "interactions": vcr_data(sample_pairs()[:2])["interactions"]}, Dumper=yaml.CDumper, sort_keys=False)
    return "# cassette converted by hand from a HAR file\n---\n" + text + "...\n"


@fixture("anchors")
def make_anchors():
    """Anchors and aliases: PyYAML writes &id001/*id001 when one Python object occurs twice (here a
    before_record_response hook that gives every response the same headers dict and status)."""
    data = vcr_data(sample_pairs()[:3])
    shared_headers = {"Content-Type": ["application/json"], "Date": [DATE]}
    shared_status = {"code": 200, "message": "OK"}
    for item in data["interactions"]:
        item["response"]["headers"] = shared_headers
        item["response"]["status"] = shared_status
    return yaml.dump(data, Dumper=yaml.CDumper)


@fixture("crlf-bom")
def make_crlf_bom():
    """The pre-5.1 cassette as a Windows checkout or editor leaves it: UTF-8 BOM and CRLF line ends.
    (VCR.py reads text mode, so it sees LF; libyaml treats CRLF as one line break either way.)"""
    text = vcr_serialize(sample_pairs(), default_flow_style=None)
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")


# --------------------------------------------------------------------------- main


def write(out_dir, name, make, derive):
    content = make()
    path = os.path.join(out_dir, f"legacy-{name}.yaml")
    with open(path, "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    data = vcrload.write_cassette_and_expected(path, derive)
    print(f"{path}: {len(data)} interactions, {os.path.getsize(path)} bytes" + (" (partly derived by hand)" if derive else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=vcrload.cassette_dir(), help="output directory (default: tests/data/cassettes)")
    args = parser.parse_args()
    vcrload.check_environment()
    os.makedirs(args.out, exist_ok=True)
    for name, make, derive in FIXTURES:
        write(args.out, name, make, derive)


if __name__ == "__main__":
    main()
