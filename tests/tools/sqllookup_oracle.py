#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Recorded queries, live statements and the recording DataHub's SQL replay answers each with, for
tst_sqlmatcher.

Usage: sqllookup_oracle.py SEED > case.json
(generate() is imported by pg_lookup_wire.py, which sends the same statements through the PostgreSQL wire.)
The lookup is DataHub's (metadata-ingestion/src/datahub/ingestion/recording/db_proxy.py: QueryRecording
.get_key / get_normalized_key, load_recordings, get_recording, _fuzzy_match; docs/research/replay-facts.md
§1.5) written out with Python's own hashlib, json, re and difflib: the exact key's last recording, else the
normalised key's first, else the best SequenceMatcher ratio >= 0.85 on the normalised texts (a recording
whose parameters differ from the live ones, when both have some, is skipped; the first wins a tie).
"""
import difflib
import hashlib
import json
import random
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from sqlnormalize_oracle import normalize  # noqa: E402 (DataHub's patterns under Python's re)


def key(query, params):
    parts = [query]
    if params:
        parts.append(json.dumps(params, sort_keys=True))
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


def lookup(recorded, query, params):
    exact = {}
    normalized = {}
    for i, r in enumerate(recorded):
        exact[key(r["query"], r["parameters"])] = i
        normalized.setdefault(key(normalize(r["query"]), r["parameters"]), []).append(i)
    k = key(query, params)
    if k in exact:
        return exact[k], "exact"
    nk = key(normalize(query), params)
    if nk in normalized:
        return normalized[nk][0], "normalized"
    best, best_i = 0.0, None
    live = normalize(query)
    for i, r in enumerate(recorded):
        if params is not None and r["parameters"] is not None and params != r["parameters"]:
            continue
        ratio = difflib.SequenceMatcher(None, live, normalize(r["query"])).ratio()
        if ratio > best:
            best, best_i = ratio, i
    if best_i is not None and best >= 0.85:
        return best_i, "fuzzy"
    return None, None


TABLES = ["ORDERS", "CUSTOMERS", "売上", "line_items", "events_2025"]


def base_query(rng):
    t = rng.choice(TABLES)
    return rng.choice([
        f"SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = %(schema)s AND TABLE_NAME = '{t}'",
        f"SELECT * FROM {t} WHERE created_at > to_timestamp({rng.randint(1600000000, 1800000000)}) LIMIT {rng.randint(1, 500)}",
        f"SELECT count(*) FROM {t} WHERE d = '2025-11-{rng.randint(10, 28)}' AND ts < NOW()",
        f"SELECT TABLE_NAME, ROW_COUNT FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'SALES' AND TABLE_NAME = '{t}'",
        f"select id, name from {t} where id = %s",
    ])


def params(rng):
    return rng.choice([None, None, [], ["SALES"], ["FINANCE"], {"schema": "SALES"}, {"schema": "FINANCE"}, [1, 2]])


def vary(rng, q):
    choice = rng.random()
    if choice < 0.25:
        return q
    if choice < 0.45:  # only what normalisation removes differs
        return q.replace("to_timestamp(", "to_timestamp( ").replace("2025-11-", "2024-11-").replace("  ", " ") + "  "
    if choice < 0.7:  # a small edit
        pos = rng.randrange(len(q))
        return q[:pos] + rng.choice(["", "x", " ", "_1"]) + q[pos + 1:]
    if choice < 0.85:  # a bigger edit
        return q.replace("SELECT", "SELECT DISTINCT").replace("WHERE", "WHERE 1=1 AND")
    return base_query(rng)


def generate(seed, count=600):
    """The recorded queries (60 draws, some recorded twice or with a normalised twin) and `count` live
    statements, each with the recording DataHub's lookup answers it with and the rule that chose it.
    pg_lookup_wire.py sends the same statements over the PostgreSQL protocol."""
    rng = random.Random(seed)
    recorded = []
    for _ in range(60):
        q = base_query(rng)
        recorded.append({"query": q, "parameters": params(rng)})
        if rng.random() < 0.3:  # the same key again, or its normalised twin
            recorded.append({"query": vary(rng, q) if rng.random() < 0.5 else q, "parameters": recorded[-1]["parameters"]})
    live = []
    for _ in range(count):
        r = rng.choice(recorded)
        q = vary(rng, r["query"])
        p = r["parameters"] if rng.random() < 0.8 else params(rng)
        index, rule = lookup(recorded, q, p)
        live.append({"query": q, "parameters": p, "expected": index, "rule": rule})
    return recorded, live


def main():
    recorded, live = generate(int(sys.argv[1]))
    json.dump({"recorded": recorded, "live": live}, sys.stdout)


if __name__ == "__main__":
    main()
