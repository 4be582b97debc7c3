# Shared by the cassette fixture generators: load a cassette the way VCR.py 4.2.1 does and dump it as JSON.
# SPDX-License-Identifier: MIT
"""What VCR.py itself loads from a cassette, as the JSON the Tapedeck tests compare against.

VCR.py 4.2.1 (Debian's python3-vcr) loads a cassette in
``vcr.persisters.filesystem.FilesystemPersister.load_cassette(path, serializer)``:

* the file is read with ``open(path)`` (text mode, locale encoding, universal newlines),
* ``vcr.serialize.deserialize(text, vcr.serializers.yamlserializer)`` parses it with
  ``yaml.load(text, Loader=yaml.CLoader)`` (libyaml, and the *unsafe* constructor set),
* every ``interactions[i]["request"]`` becomes ``vcr.request.Request._from_dict(...)``
  (``Request(**dict)``: a str body is encoded as UTF-8; a file-like body is read; headers
  become a ``HeadersDict`` that keeps only the first value of a list or tuple),
* every ``interactions[i]["response"]`` goes through ``vcr.serializers.compat.convert_to_bytes``
  (``body["string"]`` str -> UTF-8 bytes; anything else is left untouched).

``load_with_vcr`` calls exactly that entry point; ``to_expected`` turns the result into the JSON
shape below, *strictly*: anything that VCR.py does not hand over as bytes/None bodies and
list-valued headers raises, unless the caller passes a ``derive`` function that says how the
expected value is derived by hand (legacy.py does that, with a comment for each case).

Expected JSON: a list of interactions, in file order::

    {"request":  {"method": str, "uri": str, "headers": {name: [values]}, "body_b64": str|null},
     "response": {"status": {"code": int, "message": str|null},
                  "headers": {name: [values]}, "body_b64": str|null}}

Header objects keep the order VCR.py loaded them in (the file's order). Bodies are base64 of
the exact bytes; null means the cassette holds no body (None).
"""

import base64
import io
import json
import locale
import os
import sys

VCR_DIST = "/usr/lib/python3/dist-packages"


def check_environment():
    """The fixtures are only ground truth when made by Debian's packages."""
    import vcr
    import yaml

    if not vcr.__file__.startswith(VCR_DIST):
        sys.exit(f"vcr must come from {VCR_DIST} (got {vcr.__file__}); run /usr/bin/python3")
    if vcr.__version__ != "4.2.1":
        sys.exit(f"expected VCR.py 4.2.1, got {vcr.__version__}")
    if not yaml.__with_libyaml__:
        sys.exit("PyYAML without libyaml: VCR.py would use the pure-Python dumper")
    # FilesystemPersister opens cassettes in text mode with the locale's encoding.
    if locale.getpreferredencoding(False).lower().replace("-", "") != "utf8":
        sys.exit("run with a UTF-8 locale (e.g. PYTHONUTF8=1): VCR.py reads cassettes in the locale encoding")


def load_with_vcr(path):
    """(requests, responses) exactly as VCR.py 4.2.1 loads them before playback."""
    from vcr.persisters.filesystem import FilesystemPersister
    from vcr.serializers import yamlserializer

    return FilesystemPersister.load_cassette(str(path), serializer=yamlserializer)


def b64(data):
    if data is None:
        return None
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"body is {type(data).__name__}, not bytes: {data!r:.80}")
    return base64.b64encode(bytes(data)).decode("ascii")


class NotStandard(Exception):
    """A value VCR.py 4.2.1 loads but does not hand over in the standard shape."""


def _std_list(name, values):
    if isinstance(values, list) and all(isinstance(v, str) for v in values):
        return list(values)
    raise NotStandard(f"header {name!r} is {type(values).__name__}: {values!r:.80}")


def request_to_expected(req, derive=None):
    body = req.body
    if isinstance(body, io.BytesIO):
        # Request(body=<file>) reads the file and Request.body returns BytesIO(bytes) again:
        # this is VCR.py's own handling of a !!python/object/new:_io.BytesIO body.
        body = body.getvalue()
    headers = {}
    for name, value in req.headers.items():
        # HeadersDict already reduced lists/tuples to their first value;
        # Request._to_dict writes {name: [value]} back, and so do we.
        if not isinstance(value, str):
            if derive is None:
                raise NotStandard(f"request header {name!r} is {type(value).__name__}")
            value = derive("request-header-value", value)
        headers[name] = [value]
    if body is not None and not isinstance(body, (bytes, bytearray)):
        if derive is None:
            raise NotStandard(f"request body is {type(body).__name__}")
        body = derive("request-body", body)
    return {"method": req.method, "uri": req.uri, "headers": headers, "body_b64": b64(body)}


def response_to_expected(resp, derive=None):
    if derive is not None and not ("status" in resp and "body" in resp):
        resp = derive("response", resp)
    status = resp["status"]
    raw_headers = resp["headers"]
    headers = {}
    if not isinstance(raw_headers, dict):
        if derive is None:
            raise NotStandard(f"response headers are {type(raw_headers).__name__}")
        raw_headers = derive("response-headers", raw_headers)
    for name, values in raw_headers.items():
        try:
            headers[name] = _std_list(name, values)
        except NotStandard:
            if derive is None:
                raise
            headers[name] = derive("response-header-values", values)
    body = resp["body"]
    if isinstance(body, dict) and "string" in body and (body["string"] is None or isinstance(body["string"], bytes)):
        body = body["string"]
    else:
        if derive is None:
            raise NotStandard(f"response body is {body!r:.80}")
        body = derive("response-body", body)
    return {
        "status": {"code": status["code"], "message": status.get("message")},
        "headers": headers,
        "body_b64": b64(body),
    }


def join_iterator_body(it):
    """Hand derivation for an ``!!python/object/apply:builtins.iter`` body.

    VCR.py 4.2.1 hands such a body over as a live ``list_iterator`` (Request.body neither
    encodes nor reads it, and playback would pass the iterator on to http.client, which sends
    its items in turn). The bytes on the wire are therefore the items concatenated, str items
    encoded as UTF-8 (http.client's rule) - that is the expected body. An exhausted iterator,
    as VCR.py itself records it after the real request consumed it, is ``iter([])``: b"".
    """
    return b"".join(x if isinstance(x, (bytes, bytearray)) else x.encode("utf-8") for x in it)


def to_expected(requests, responses, derive=None):
    return [
        {"request": request_to_expected(q, derive), "response": response_to_expected(r, derive)}
        for q, r in zip(requests, responses)
    ]


def expected_for(path, derive=None):
    requests, responses = load_with_vcr(path)
    return to_expected(requests, responses, derive)


def dumps(value, depth=0, pretty_depth=4):
    """JSON text: one member per line down to pretty_depth levels, compact below (header lists)."""
    if depth >= pretty_depth or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=True)
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(value, dict):
        members = [f"{inner}{json.dumps(k, ensure_ascii=True)}: {dumps(v, depth + 1, pretty_depth)}" for k, v in value.items()]
        return "{\n" + ",\n".join(members) + "\n" + pad + "}"
    members = [inner + dumps(v, depth + 1, pretty_depth) for v in value]
    return "[\n" + ",\n".join(members) + "\n" + pad + "]"


def write_json(path, data):
    text = dumps(data) + "\n"
    assert json.loads(text) == data
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(text)


def write_cassette_and_expected(yaml_path, derive=None):
    """Write <name>.expected.json next to <name>.yaml; returns the interactions."""
    data = expected_for(yaml_path, derive)
    base = str(yaml_path)[: -len(".yaml")]
    write_json(base + ".expected.json", data)
    return data


def repo_root():
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))


def cassette_dir():
    return os.path.join(repo_root(), "tests", "data", "cassettes")
