#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Generates a realistic, DataHub-shaped recording folder of a given size for benchmarks: a VCR.py
# cassette written by the same YAML emitter VCR.py uses, a queries.jsonl, a recipe and a manifest with
# real checksums. Deterministic for a given seed. Two cassette shapes:
#   --shape datahub (default): Looker-like JSON API calls (compact JSON) and GMS ingestProposalBatch posts,
#     some !!binary bodies;
#   --shape rest-api: a REST client as VCR.py records it through its own serializer (Request._to_dict,
#     compat.convert_to_unicode, CDumper): a quarter POSTs with small JSON bodies, JSON responses with
#     json.dumps' default ", " separators (long scalars folded at 80 columns), non-ASCII text (double-quoted
#     with \u escapes), apostrophes ('' in single quotes), plain-text pages (plain scalars folded over
#     several lines), and a 600-byte !!binary body every 40th response. --records sets how many records a
#     JSON response holds (default 1-4: responses of a few hundred bytes to about 1.5 KB).
#   --shape distinct: every request different (the replay benchmark's input): GETs of one item each with a
#     query string, and POST searches with a JSON body, alternating; JSON responses of about 400 bytes.
#     Use --count to say how many.
import argparse
import hashlib
import json
import os
import random

import yaml

# What VCR.py's YAML serializer uses: libyaml's emitter through PyYAML's CDumper, default settings.
Dumper = getattr(yaml, "CDumper", yaml.Dumper)

WORDS = ("orders customers revenue dashboard region snowflake schema lineage owner status forecast "
         "Umsätze 売上 pipeline marketing finance cohort retention churn funnel warehouse").split()


def looker_body(rng, n):
    tiles = [{"id": str(rng.randrange(10**6)), "title": " ".join(rng.choice(WORDS) for _ in range(4)),
              "query": {"model": rng.choice(WORDS), "view": rng.choice(WORDS),
                        "fields": [f"{rng.choice(WORDS)}.{rng.choice(WORDS)}" for _ in range(6)],
                        "filters": {rng.choice(WORDS): str(rng.randrange(1000))}},
              "updated_at": f"2025-11-{10 + rng.randrange(18)}T0{rng.randrange(10)}:41:07Z"}
             for _ in range(n)]
    return json.dumps({"id": str(rng.randrange(10**6)), "title": rng.choice(WORDS), "dashboard_elements": tiles},
                      separators=(",", ":"), ensure_ascii=False)


def mcp_body(rng, n):
    proposals = []
    for _ in range(n):
        urn = f"urn:li:dataset:(urn:li:dataPlatform:snowflake,{rng.choice(WORDS)}.{rng.choice(WORDS)}.t{rng.randrange(10**5)},PROD)"
        aspect = {"fields": [{"fieldPath": f"{rng.choice(WORDS)}_{i}", "nativeDataType": "VARCHAR",
                              "type": {"type": {"com.linkedin.schema.StringType": {}}}} for i in range(8)],
                  "schemaName": rng.choice(WORDS), "platform": "urn:li:dataPlatform:snowflake", "version": 0}
        proposals.append({"entityType": "dataset", "entityUrn": urn, "changeType": "UPSERT",
                          "aspectName": "schemaMetadata",
                          "aspect": {"value": json.dumps(aspect), "contentType": "application/json"},
                          "systemMetadata": {"lastObserved": 1763458867000 + rng.randrange(10**5),
                                             "runId": "looker-2025_11_18-09_41_07-k3x9qa"}})
    return json.dumps({"proposals": proposals})


def interaction(rng, i):
    """One interaction as VCR.py records it (the dict its YAML serializer dumps)."""
    if i % 50 == 49:
        method, uri = "POST", "http://datahub-gms.acme-corp.example:8080/aspects?action=ingestProposalBatch"
        request_body, body, ctype = mcp_body(rng, 20), "{\"value\":[]}", "application/json"
    else:
        method, uri = "GET", f"http://looker.acme-corp.example/api/4.0/dashboards/{i}"
        request_body, body, ctype = None, looker_body(rng, 12), "application/json"
    if i % 97 == 96:
        body, ctype = bytes(rng.randrange(256) for _ in range(3000)), "image/png"  # not UTF-8: !!binary
    return {"request": {"body": request_body,
                        "headers": {"Accept": ["application/json"], "User-Agent": ["python-requests/2.32.3"]},
                        "method": method, "uri": uri},
            "response": {"body": {"string": body},
                         "headers": {"Content-Type": [ctype], "Date": ["Tue, 18 Nov 2025 09:41:07 GMT"]},
                         "status": {"code": 200, "message": "OK"}}}


REST_WORDS = ("account invoice shipment customer's order line item warehouse region quota renewal "
              "Zürich café naïve 東京 Ωmega status pending shipped delivered won't can't it's").split()


def rest_text(rng, n):
    return " ".join(rng.choice(REST_WORDS) for _ in range(n))


def rest_record(rng, k):
    return {"id": f"{rng.randrange(16**12):012x}", "type": rng.choice(("invoice", "shipment", "account")),
            "attributes": {"name": rest_text(rng, 3), "description": rest_text(rng, rng.randrange(4, 30)),
                           "amount": round(rng.random() * 10000, 2), "currency": rng.choice(("EUR", "USD", "JPY")),
                           "tags": [rng.choice(REST_WORDS) for _ in range(rng.randrange(4))],
                           "created_at": f"2025-11-{10 + rng.randrange(18)}T0{rng.randrange(10)}:41:07Z",
                           "active": rng.random() < 0.8, "parent": None if k % 3 else f"rec-{rng.randrange(10**6)}"},
            "links": {"self": f"https://api.shop.example/v2/records/{rng.randrange(10**7)}"}}


def rest_interaction(rng, i, records_range):
    """One interaction of the rest-api shape, as the dict VCR.py's serializer dumps."""
    from vcr.request import Request
    from vcr.serializers import compat

    headers = {"Accept": "application/json", "Accept-Encoding": "gzip, deflate",
               "User-Agent": "python-requests/2.28.1", "Connection": "keep-alive"}
    if i % 4 == 3:
        method = "POST"
        uri = f"https://api.shop.example/v2/{rng.choice(('search', 'orders', 'events'))}"
        payload = {"query": rest_text(rng, rng.randrange(2, 6)), "page": rng.randrange(40),
                   "filters": {"status": rng.choice(("pending", "shipped")), "region": rng.choice(REST_WORDS)}}
        body = json.dumps(payload, ensure_ascii=rng.random() < 0.5).encode("utf-8")
        headers.update({"Content-Type": "application/json", "Content-Length": str(len(body))})
    else:
        method, body = "GET", None
        uri = f"https://api.shop.example/v2/records?page={i}&per_page={rng.choice((10, 25, 50))}&sort=-created_at"
    request = Request(method, uri, body, headers)
    if i % 40 == 39:
        payload, ctype = bytes(rng.randrange(256) for _ in range(600)), "application/octet-stream"
        if payload[:2] == b"\x00\x00":
            payload = b"\xff" + payload[1:]  # never valid UTF-8 (it is not with 600 random bytes anyway)
    elif i % 23 == 22:
        # A proxy's plain-text error page: a plain scalar, folded over several lines.
        words = [w for w in REST_WORDS if w.isascii() and "'" not in w]
        payload = ("Upstream service temporarily unavailable, please retry the request later. "
                   + " ".join(rng.choice(words) for _ in range(rng.randrange(80, 400)))).encode("utf-8")
        ctype = "text/plain; charset=utf-8"
    else:
        records = [rest_record(rng, k) for k in range(rng.randint(*records_range))]
        document = {"data": records, "meta": {"page": i, "total": rng.randrange(10**5), "next": None}}
        payload = json.dumps(document, ensure_ascii=rng.random() < 0.6).encode("utf-8")
        ctype = "application/json; charset=utf-8"
    response = {"status": {"code": 200 if i % 61 else 503, "message": "OK" if i % 61 else "Service Unavailable"},
                "headers": {"Content-Type": [ctype], "Date": ["Tue, 18 Nov 2025 09:41:07 GMT"],
                            "Server": ["nginx/1.22.1"], "Vary": ["Accept-Encoding", "Origin"],
                            "X-Request-Id": [f"{rng.randrange(16**32):032x}"],
                            "Cache-Control": ["private, max-age=0, no-cache"]},
                "body": {"string": payload}}
    return {"request": compat.convert_to_unicode(request._to_dict()), "response": compat.convert_to_unicode(response)}


def distinct_interaction(rng, i):
    """One interaction of the distinct shape: no two requests alike (URI or body differ)."""
    if i % 2 == 0:
        method, uri, body = "GET", f"http://api.bench.example/api/v1/items/{i}?fields=id,name,tags&page={i % 50}", None
        headers = {"Accept": ["application/json"], "User-Agent": ["python-requests/2.28.1"]}
    else:
        method, uri = "POST", "http://api.bench.example/api/v1/search"
        body = json.dumps({"query": f"item {i} {rng.choice(WORDS)}", "page": i % 50,
                           "filters": {"region": rng.choice(("emea", "amer", "apac")), "status": "open"}})
        headers = {"Accept": ["application/json"], "Content-Type": ["application/json"],
                   "User-Agent": ["python-requests/2.28.1"]}
    payload = json.dumps({"id": i, "name": " ".join(rng.choice(WORDS) for _ in range(4)),
                          "tags": [rng.choice(WORDS) for _ in range(6)],
                          "owner": f"urn:li:corpuser:{rng.choice(WORDS)}{rng.randrange(1000)}",
                          "updated_at": f"2025-11-{10 + rng.randrange(18)}T0{rng.randrange(10)}:41:07Z",
                          "metrics": {"rows": rng.randrange(10**7), "bytes": rng.randrange(10**10)}},
                         separators=(",", ":"), ensure_ascii=False)
    return {"request": {"body": body, "headers": headers, "method": method, "uri": uri},
            "response": {"body": {"string": payload},
                         "headers": {"Content-Type": ["application/json"], "Date": ["Tue, 18 Nov 2025 09:41:07 GMT"]},
                         "status": {"code": 200, "message": "OK"}}}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", help="folder to create")
    parser.add_argument("--size-mb", type=float, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=("datahub", "rest-api", "distinct"), default="datahub")
    parser.add_argument("--records", default="1-4", help="rest-api: records per JSON response, MIN-MAX")
    parser.add_argument("--count", type=int, help="write exactly this many interactions (instead of --size-mb)")
    parser.add_argument("--size-of", choices=("recording", "cassette"), default="recording",
                        help="what --size-mb measures: cassette and queries.jsonl together, or the cassette alone")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records_range = tuple(int(n) for n in args.records.split("-"))
    os.makedirs(os.path.join(args.output, "http"), exist_ok=True)
    os.makedirs(os.path.join(args.output, "db"), exist_ok=True)
    target = int(args.size_mb * 1024 * 1024)
    cassette = os.path.join(args.output, "http", "cassette.yaml")
    queries = os.path.join(args.output, "db", "queries.jsonl")
    written = 0
    with open(queries, "w", encoding="utf-8") as q:
        for i in range(2000):
            row = {"query": f"SELECT * FROM information_schema.columns WHERE table_schema = %(s)s -- {i}",
                   "parameters": {"s": rng.choice(WORDS)},
                   "results": [{"column_name": rng.choice(WORDS), "data_type": "VARCHAR",
                                "last_altered": {"__type__": "datetime", "__value__": "2025-11-18T09:41:07"}}
                               for _ in range(10)],
                   "row_count": 10, "description": [["column_name", "text"], ["data_type", "text"]], "error": None}
            written += q.write(json.dumps(row) + "\n")
    if args.size_of == "cassette":
        written = 0
    # yaml.dump({"interactions": [...], "version": 1}) writes exactly this, one list item at a time
    # (block style, sorted keys, the list not indented below its key), without holding 200 MB of dicts.
    with open(cassette, "w", encoding="utf-8") as c:
        c.write("interactions:\n")
        i = 0
        while (i < args.count) if args.count is not None else (written < target):
            if args.shape == "datahub":
                item = interaction(rng, i)
            elif args.shape == "rest-api":
                item = rest_interaction(rng, i, records_range)
            else:
                item = distinct_interaction(rng, i)
            written += c.write(yaml.dump([item], Dumper=Dumper))
            i += 1
        c.write("version: 1\n")
    checksums = {}
    for rel in ("http/cassette.yaml", "db/queries.jsonl"):
        h = hashlib.sha256()
        with open(os.path.join(args.output, rel), "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        checksums[rel] = h.hexdigest()
    manifest = {"format_version": "1.0.0", "run_id": "bench-run", "source_type": "looker", "sink_type": "datahub-rest",
                "datahub_cli_version": "1.3.1.2", "python_version": "3.11.2",
                "created_at": "2025-11-18T09:41:41+00:00", "checksums": checksums,
                "recording_start_time": "2025-11-18T09:41:07+00:00"}
    with open(os.path.join(args.output, "manifest.json"), "w") as m:
        m.write(json.dumps(manifest, indent=2))
    with open(os.path.join(args.output, "recipe.yaml"), "w") as r:
        r.write("source:\n  type: looker\n  config:\n    client_secret: __REPLAY_DUMMY__\nsink:\n  type: datahub-rest\n")


if __name__ == "__main__":
    main()
