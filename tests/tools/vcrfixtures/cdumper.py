#!/usr/bin/python3
# Test tool: a cassette written by VCR.py 4.2.1's own serializer (PyYAML's CDumper), with what VCR.py loads back.
# SPDX-License-Identifier: MIT
"""A CDumper-written cassette with every scalar shape libyaml's emitter chooses for real traffic.

The interactions go through ``vcr.serialize.serialize`` with ``vcr.serializers.yamlserializer``
(``yaml.dump(..., Dumper=yaml.CDumper)``), exactly as VCR.py 4.2.1 saves a cassette, so the
emitter picks every style itself: POST requests with small JSON bodies (single-quoted, with ``''``
for apostrophes), long JSON responses folded at 80 columns (single-quoted, or double-quoted with
``\\u`` escapes when they hold non-ASCII text), plain multi-line text folded over several lines,
``!!binary`` literals for bodies that are not UTF-8 (small and large), empty and null bodies,
header values with several entries, values that must be quoted (numbers, ``null``, ``: ``), a 404.
With ``--unicode`` the dump is made with ``allow_unicode=True`` (what other writers do): non-ASCII
text then stays raw UTF-8 in the scalars. With ``--shared-headers`` every response gets one and the same
headers dict and status dict (what a ``before_record_response`` hook that returns shared objects does):
PyYAML then writes them once with anchors (``&id001``) and as aliases (``*id001``) in every later
interaction. Deterministic for a given seed.

Next to PATH.yaml it writes PATH.expected.json: what VCR.py itself loads (see vcrload.py).

Usage:
    /usr/bin/python3 tests/tools/vcrfixtures/cdumper.py PATH.yaml [--count N] [--seed S] [--unicode]
        [--shared-headers]
"""

import argparse
import json
import os
import random
import sys

import yaml

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vcrload  # noqa: E402

WORDS = ("invoice shipment customer's order won't it's Zürich café naïve 東京 Ωmega 😀 status pending "
         "shipped region quota \"quoted\" back\\slash tab\there").split(" ")
ASCII_WORDS = [w for w in WORDS if w.isascii() and "'" not in w and '"' not in w and "\\" not in w and "\t" not in w]


def text(rng, n, words=WORDS):
    return " ".join(rng.choice(words) for _ in range(n))


def non_utf8(rng, n):
    data = bytes(rng.randrange(256) for _ in range(n))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return b"\xff" + data[1:]


def pair(rng, i):
    from vcr.request import Request

    headers = {"Accept": "application/json", "User-Agent": "python-requests/2.28.1"}
    kind = i % 12
    if kind in (1, 5, 9):
        method, uri = "POST", f"https://api.example.test/v2/search?q={i}"
        body = json.dumps({"query": text(rng, 3), "page": i, "note": "it's"}, ensure_ascii=rng.random() < 0.5)
        body = body.encode("utf-8")
        headers.update({"Content-Type": "application/json", "Content-Length": str(len(body))})
    elif kind == 7:
        method, uri = "PUT", f"https://api.example.test/v2/blobs/{i}"
        body = non_utf8(rng, 90)
    else:
        method, uri, body = "GET", f"https://api.example.test/v2/records?page={i}&sort=-created_at#top", None
    request = Request(method, uri, body, headers)

    status = {"code": 200, "message": "OK"}
    response_headers = {"Content-Type": ["application/json; charset=utf-8"], "Date": ["Tue, 18 Nov 2025 09:41:07 GMT"],
                        "Vary": ["Accept-Encoding", "Origin"], "X-Count": [str(rng.randrange(10**6))],
                        "X-Null": ["null"], "X-Colon": ["a: b"], "X-Dash": ["- dash"]}
    if kind == 0:
        records = [{"id": k, "name": text(rng, 3), "description": text(rng, rng.randrange(4, 40))} for k in range(rng.randrange(3, 30))]
        payload = json.dumps({"data": records}, ensure_ascii=rng.random() < 0.5).encode("utf-8")
    elif kind == 2:
        payload = non_utf8(rng, 600)  # a !!binary literal below the summary's elision size
        response_headers["Content-Type"] = ["application/octet-stream"]
    elif kind == 3:
        payload = non_utf8(rng, 3000)  # a !!binary literal above it
        response_headers["Content-Type"] = ["image/png"]
    elif kind == 4:
        payload = ("Upstream service temporarily unavailable, please retry later. " + text(rng, rng.randrange(20, 300), ASCII_WORDS)).encode()
        response_headers["Content-Type"] = ["text/plain"]
    elif kind == 6:
        payload = b""
    elif kind == 8:
        status = {"code": 404, "message": "Not Found"}
        payload = json.dumps({"error": "no such record", "detail": text(rng, 30)}).encode("utf-8")
    elif kind == 10:
        payload = ("line one\n\nline three with trailing spaces   \n\tindented " + text(rng, 40)).encode("utf-8")
    else:
        payload = json.dumps({"value": [text(rng, 5) for _ in range(rng.randrange(1, 60))]}, separators=(",", ":")).encode("utf-8")
    return request, {"status": status, "headers": response_headers, "body": {"string": payload}}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--unicode", action="store_true", help="dump with allow_unicode=True")
    parser.add_argument("--shared-headers", action="store_true",
                        help="one headers dict and one status dict shared by every response (anchors and aliases)")
    args = parser.parse_args()
    vcrload.check_environment()
    from vcr.serialize import serialize
    from vcr.serializers import yamlserializer

    rng = random.Random(args.seed)
    pairs = [pair(rng, i) for i in range(args.count)]
    if args.shared_headers:
        headers, status = pairs[0][1]["headers"], pairs[0][1]["status"]
        for _, response in pairs:
            response["headers"], response["status"] = headers, status
    cassette_dict = {"requests": [q for q, _ in pairs], "responses": [r for _, r in pairs]}
    if args.unicode:
        class UnicodeSerializer:
            @staticmethod
            def serialize(data):
                return yaml.dump(data, Dumper=yaml.CDumper, allow_unicode=True)

        text_out = serialize(cassette_dict, UnicodeSerializer)
    else:
        text_out = serialize(cassette_dict, yamlserializer)
    with open(args.path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text_out)
    vcrload.write_cassette_and_expected(args.path)


if __name__ == "__main__":
    main()
