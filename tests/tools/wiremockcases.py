#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Test data for tst_exportwiremock, from VCR.py itself (Debian's python3-vcr 4.2.1, /usr/bin/python3).

  wiremockcases.py cassette OUT.yaml    a cassette written by VCR.py's own serializer (vcr.serialize with
                                        the YAML serializer, libyaml's emitter) holding the cases below
  wiremockcases.py plan CASSETTE OUT.json
                                        what replaying CASSETTE must give: the cassette as VCR.py loads it
                                        (vcrfixtures/vcrload.py), one entry per interaction in recorded
                                        order: the request to send and the status and body expected back.
                                        Response bodies are what a client reads: VCR.py's own
                                        decode_response undoes gzip/deflate; a body it cannot decode (one
                                        stored decoded with its Content-Encoding kept) is expected as stored.

Cases: JSON request bodies (the same body recorded twice with its members in another order), query
strings (unsorted, percent-encoded), one request recorded three times with different answers, a binary
request and a binary response, gzip and deflate responses as recorded without decode_compressed_response,
a decoded body that kept its Content-Encoding header, a form body, a 204 without body, a 500, a response
too large to go inline and repeated response headers.
"""

import base64
import gzip
import json
import os
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "vcrfixtures"))

API = "http://api.example.test"
GMS = "http://datahub-gms.example.test:8080"


def cases():
    """(method, uri, request headers, request body bytes|None, status, reason, response headers, body)."""
    search = {"query": "orders", "page": 2, "filters": {"status": "open", "region": "emea"},
              "fields": ["id", "name", "amount"]}
    other_search = dict(search, query="customers")
    proposal = {"proposal": {"entityUrn": "urn:li:corpuser:jdoe", "aspectName": "status",
                             "aspect": {"value": "{\"removed\": false}", "contentType": "application/json"}},
                "async": "false"}
    reordered_proposal = {"async": "false", "proposal": {"aspect": proposal["proposal"]["aspect"],
                                                         "aspectName": "status",
                                                         "entityUrn": "urn:li:corpuser:jdoe"}}
    ctype_json = {"Content-Type": ["application/json"]}
    png = b"\x89PNG\r\n\x1a\n" + bytes((i * 37 + 11) % 256 for i in range(600))
    blob = bytes((i * 91 + 7) % 256 for i in range(300)) + b"\xff\xfe"
    large = json.dumps({"rows": [{"id": i, "name": f"row {i} Zürich 東京"} for i in range(3000)]})
    gz = gzip.compress(b'{"compressed": "gzip", "city": "Z\xc3\xbcrich"}', mtime=0)
    deflated = zlib.compress(b"deflated text body, zlib-wrapped as HTTP's deflate is meant to be")
    json_req = {"Content-Type": "application/json", "Accept": "application/json"}
    return [
        ("POST", f"{API}/api/search", json_req, json.dumps(search).encode(), 200, "OK", ctype_json,
         b'{"hits": 3, "for": "orders"}'),
        ("POST", f"{API}/api/search", json_req, json.dumps(other_search).encode(), 200, "OK", ctype_json,
         b'{"hits": 1, "for": "customers"}'),
        ("GET", f"{API}/api/records?b=2&a=1&q=caf%C3%A9%20au%20lait", {}, None, 200, "OK",
         {"Content-Type": ["application/json; charset=utf-8"]}, '{"city": "Zürich", "q": "café au lait"}'.encode()),
        ("GET", f"{API}/api/jobs/7/status", {}, None, 200, "OK", ctype_json, b'{"state": "pending"}'),
        ("GET", f"{API}/api/jobs/7/status", {}, None, 200, "OK", ctype_json, b'{"state": "running"}'),
        ("GET", f"{API}/api/jobs/7/status", {}, None, 200, "OK", ctype_json, b'{"state": "done"}'),
        ("GET", f"{API}/api/thumbnail.png?size=64", {}, None, 200, "OK", {"Content-Type": ["image/png"]}, png),
        ("GET", f"{API}/api/gzipped", {}, None, 200, "OK",
         {"Content-Encoding": ["gzip"], "Content-Length": [str(len(gz))], "Content-Type": ["application/json"]}, gz),
        ("GET", f"{API}/api/deflated", {}, None, 200, "OK",
         {"Content-Encoding": ["deflate"], "Content-Type": ["text/plain"]}, deflated),
        ("GET", f"{API}/api/decoded-but-labelled", {}, None, 200, "OK",
         {"Content-Encoding": ["gzip"], "Content-Type": ["text/plain"], "content-length": ["30"]},
         b"stored decoded, header kept :)"),
        ("POST", f"{API}/api/upload", {"Content-Type": "application/octet-stream"}, blob, 201, "Created",
         {"Location": [f"{API}/api/upload/1"]}, b"created"),
        ("POST", f"{API}/api/login", {"Content-Type": "application/x-www-form-urlencoded"},
         b"client_id=abc&client_secret=__REPLAY_DUMMY__", 200, "OK",
         {"Content-Type": ["application/json"], "Set-Cookie": ["a=1; Path=/", "b=2; Path=/"]},
         b'{"access_token": "t0k3n"}'),
        ("POST", f"{GMS}/aspects?action=ingestProposal", json_req, json.dumps(proposal).encode(), 200, "OK",
         ctype_json, b'{"value": "urn:li:corpuser:jdoe#1"}'),
        ("POST", f"{GMS}/aspects?action=ingestProposal", json_req,
         json.dumps(reordered_proposal, separators=(",", ":")).encode(), 200, "OK", ctype_json,
         b'{"value": "urn:li:corpuser:jdoe#2"}'),
        ("DELETE", f"{API}/api/records/5", {}, None, 204, "No Content", {}, None),
        ("GET", f"{API}/api/broken", {}, None, 500, "Internal Server Error", ctype_json,
         b'{"message": "An error has occurred."}'),
        ("GET", f"{API}/api/large", {}, None, 200, "OK", {"Content-Type": ["application/json"]}, large.encode()),
    ]


def write_cassette(path):
    from vcr.request import Request
    from vcr.serialize import serialize
    from vcr.serializers import yamlserializer

    requests, responses = [], []
    for method, uri, req_headers, req_body, status, reason, headers, body in cases():
        requests.append(Request(method, uri, req_body, req_headers))
        responses.append({"status": {"code": status, "message": reason}, "headers": headers,
                          "body": {"string": body}})
    with open(path, "w", encoding="utf-8") as f:
        f.write(serialize({"requests": requests, "responses": responses}, yamlserializer))


def write_plan(cassette, path):
    import vcrload
    from vcr.filters import decode_response

    vcrload.check_environment()
    requests, responses = vcrload.load_with_vcr(cassette)
    plan = []
    for req, resp in zip(requests, responses):
        try:
            resp = decode_response(resp)
        except zlib.error:
            pass  # stored decoded under a Content-Encoding header: served as stored
        body = resp["body"]["string"]
        plan.append({"method": req.method, "uri": req.uri,
                     "content_type": req.headers.get("Content-Type"),
                     "body_b64": vcrload.b64(req.body),
                     "status": resp["status"]["code"],
                     "response_b64": vcrload.b64(body if body is not None else b"")})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(plan, f, indent=1)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "cassette":
        write_cassette(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "plan":
        write_plan(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
