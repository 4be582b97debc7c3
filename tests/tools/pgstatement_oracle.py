#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Cases for tst_pgstatement, rendered by psycopg2 2.9.5 itself (Debian's python3-psycopg2) against a real
PostgreSQL 15 (tests/tools/pgcluster.py), standard_conforming_strings on.

    pgstatement_oracle.py SEED [TEMPLATES]

Prints one JSON object:
  cases: {query, parameters (as DataHub serializes them), key (DataHub's replay key), error (psycopg2 raised),
          mogrified (cursor.mogrify with the values the source passed), recorded (cursor.mogrify with the values
          the recording gives back: bytes as their base64 str, tuples as lists, Decimals as floats),
          lossless (the two are the same), extractable (the literals alone give DataHub's key back),
          kind: positional | named | none | empty}
  bindings: one $n statement per template as libpq's PQexecPrepared would bind the template's first recorded
          parameters: {text, values: [{bytes: base64 | null, format, oid}], case}
  nearMisses: statements that fit no recording exactly: {text, bound: [...] | null}
  whitespaceVariants: a case's mogrified text with whitespace changed: {text, case}
  bindingWhitespaceVariants: a binding's $n text with a trailing space: {text, bound, case}
DataHub's serialization and key (db_proxy.py _serialize_value/_serialize_params/get_key) are written out here.
"""
import base64
import datetime as dt
import decimal
import hashlib
import json
import math
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pgcluster import PgCluster  # noqa: E402

import psycopg2  # noqa: E402
from datahub_db import serialize_params  # noqa: E402


# --- DataHub's recording side (serialisation in datahub_db.py) ------------------------------------------------
def replay_key(query, params):
    parts = [query]
    if params:
        parts.append(json.dumps(serialize_params(params), sort_keys=True))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def from_recording(value):
    """What the recording gives back: markers as datetime/date, everything else as JSON has it."""
    if isinstance(value, dict):
        if set(value) == {"__type__", "__value__"}:
            if value["__type__"] == "date":
                return dt.date.fromisoformat(value["__value__"])
            return dt.datetime.fromisoformat(value["__value__"])
        return {k: from_recording(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_recording(v) for v in value]
    return value


# --- values --------------------------------------------------------------------------------------------------
ZONES = [dt.timezone.utc, dt.timezone(dt.timedelta(hours=-8, minutes=-30)), dt.timezone(dt.timedelta(hours=5, minutes=45)),
         dt.timezone(dt.timedelta(hours=1))]
STRINGS = ["sales", "it's", "a\\b", "c:\\temp\\'x'", "é ü ß 😀 中文", "line\nbreak\r\n", "100%", "%s", "%(x)s", "",
           "''", "tab\there", " lead", "trail ", "O'Brien's \"q\"", "-- not a comment", "/* nor this */", "x)y(z",
           "ARRAY[1]", "NULL", "true", "42", "-7", "2024-01-02", "\\x00ff", "E'x'", "::date"]


def scalar(rng):
    k = rng.randrange(17)
    if k == 0:
        return None
    if k == 1:
        return rng.choice([True, False])
    if k == 2:
        return rng.choice([0, 1, -1, 42, -42, 7, 2**31, -2**63, 2**64 + 3, 10**30, -10**30, rng.randrange(-10**6, 10**6)])
    if k == 3:
        return rng.choice([1.5, -2.25, 0.0, -0.0, math.nan, math.inf, -math.inf, 1e16, 1.5e16, 1e-5, -1e-5, 123.456,
                           1e300, 5e-324, 0.1, 1 / 3, rng.uniform(-1e6, 1e6)])
    if k == 4:
        return decimal.Decimal(rng.choice(["1.10", "-3.5", "42", "1E+3", "0.000", "NaN", "Infinity", "-0", "12345678901234567890",
                                           "3.14159265358979323846"]))
    if k in (5, 6, 7):
        return rng.choice(STRINGS) + (str(rng.randrange(100)) if rng.random() < 0.5 else "")
    if k == 8:
        return dt.date(rng.randrange(1, 9999), rng.randrange(1, 13), rng.randrange(1, 29))
    if k in (9, 10):
        micro = rng.choice([0, 0, 6, 123456, 999999])
        d = dt.datetime(rng.randrange(1900, 2100), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(24),
                        rng.randrange(60), rng.randrange(60), micro)
        if k == 10:
            d = d.replace(tzinfo=rng.choice(ZONES))
        return d
    if k == 11:
        return rng.choice([b"\x00\xff", b"", b"abc", bytes(range(0, 256, 17)), b"'\\"])
    if k in (12, 13, 14):
        return rng.choice(["x", "schema_" + str(rng.randrange(50)), "table name", "ÄÖÜ"])
    return rng.randrange(-1000, 1000)


def value(rng, depth=0):
    k = rng.random()
    if depth < 2 and k < 0.12:
        shape = rng.randrange(9)
        if shape == 0:
            return []
        if shape == 1:
            return [None] * rng.randrange(1, 3)
        if shape == 2:
            return [[None]] if rng.random() < 0.5 else [[None], [None, None]]
        if shape == 3:
            return [[], None] if rng.random() < 0.5 else [[]]
        if shape == 4:
            n = rng.randrange(1, 4)
            return [[rng.randrange(-5, 5) for _ in range(2)] for _ in range(n)]
        kind = rng.randrange(4)
        items = []
        for _ in range(rng.randrange(1, 5)):
            v = scalar(rng)
            if kind == 0 and not isinstance(v, (int, float)):
                v = rng.randrange(-9, 9)
            items.append(v)
        return items
    if depth < 1 and k < 0.18:
        return tuple(scalar(rng) for _ in range(rng.randrange(0, 4)))
    return scalar(rng)


def signature(v):
    """Values the mapper cannot tell apart (numbers by their float value, NaN and ±inf alike as psycopg2
    sends Decimal infinities as 'NaN'::numeric, bytes by their base64 text)."""
    if v is None:
        return ("N",)
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, (int, float, decimal.Decimal)):
        f = float(v)
        return ("n", "X" if math.isnan(f) or math.isinf(f) else repr(f))
    if isinstance(v, bytes):
        return ("s", base64.b64encode(v).decode())
    if isinstance(v, dt.datetime):
        return ("t", v.isoformat())
    if isinstance(v, dt.date):
        return ("d", v.isoformat())
    if isinstance(v, (list, tuple)):
        return ("l",) + tuple(signature(x) for x in v)
    return ("s", v)


def lossless(v):
    if isinstance(v, (bytes, tuple, decimal.Decimal)):
        return False
    if isinstance(v, list):
        return all(lossless(x) for x in v)
    if isinstance(v, dict):
        return all(lossless(x) for x in v.values())
    return True


def extractable(v):
    """The literal alone serializes back to DataHub's value (not so for a Decimal that is integral or infinite:
    psycopg2 sends 42 or 'NaN'::numeric, DataHub wrote 42.0 or Infinity)."""
    if isinstance(v, decimal.Decimal):
        return v.is_finite() and v != v.to_integral_value()
    if isinstance(v, (list, tuple)):
        return all(extractable(x) for x in v)
    if isinstance(v, dict):
        return all(extractable(x) for x in v.values())
    return True


# --- templates -------------------------------------------------------------------------------------------------
def make_template(rng, tid, named):
    n = rng.randrange(1, 5)
    slots = []

    def ph():
        if named:
            distinct = list(dict.fromkeys(slots))
            name = rng.choice(distinct) if distinct and rng.random() < 0.25 else "p%d" % len(distinct)
            slots.append(name)
            return "%%(%s)s" % name
        slots.append(len(slots))
        return "%s"

    family = tid % 7 == 3
    parts = []
    if family:
        parts.append("s = 'family_%d'" % rng.randrange(40))
    for i in range(n):
        form = rng.randrange(9)
        p = ph()
        parts.append({0: "c%d = %s" % (i, p), 1: "c%d IN %s" % (i, p), 2: "c%d = ANY(%s)" % (i, p),
                      3: "coalesce(c%d, %s) > 0" % (i, p), 4: "%s = c%d" % (p, i), 5: "c%d > %s - 1" % (i, p),
                      6: "c%d <> %s" % (i, p), 7: "(c%d, 1) = (%s, 1)" % (i, p), 8: "c%d LIKE %s" % (i, p)}[form])
    static = rng.choice(["", " AND status = 'active'", " AND n > 5", " AND pct LIKE '10%%'", " AND x = -3",
                         " -- trailing note\n", " AND d > '2024-01-01'::date"])
    table = "family" if family else "t%d" % tid
    sql = "SELECT a, b FROM sch.%s WHERE %s%s" % (table, " AND ".join(parts), static)
    if rng.random() < 0.3:
        sql += " LIMIT 10"
    return sql, list(dict.fromkeys(slots)) if named else None, slots


def params_for(rng, names, slots):
    if names is None:
        return tuple(value(rng) for _ in slots)
    return {name: value(rng) for name in dict.fromkeys(slots)}


# --- $n bindings ---------------------------------------------------------------------------------------------
def numbered(template):
    out, i, names, count = [], 0, {}, 0
    while i < len(template):
        c = template[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        nxt = template[i + 1]
        if nxt == "%":
            out.append("%")
            i += 2
        elif nxt == "s":
            count += 1
            out.append("$%d" % count)
            i += 2
        else:
            close = template.index(")", i)
            name = template[i + 2:close]
            if name not in names:
                names[name] = len(names) + 1
            out.append("$%d" % names[name])
            i = close + 2
    return "".join(out)


def pg_array_text(v):
    def item(x):
        if x is None:
            return "NULL"
        if isinstance(x, (list, tuple)):
            return pg_array_text(x)
        t = scalar_text(x)
        return '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "{" + ",".join(item(x) for x in v) + "}"


def scalar_text(v):
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, float):
        return "NaN" if math.isnan(v) else ("Infinity" if v == math.inf else ("-Infinity" if v == -math.inf else repr(v)))
    if isinstance(v, bytes):
        return "\\x" + v.hex()
    if isinstance(v, dt.datetime):
        return str(v)  # libpq users format with a space; PostgreSQL reads either
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


EPOCH = dt.datetime(2000, 1, 1)


def bind(rng, v):
    """(bytes | None, format, oid) as a libpq client would pass the value to PQexecPrepared."""
    if v is None:
        return None, 0, rng.choice([0, 25, 23])
    binary = rng.random() < 0.4
    if isinstance(v, bool):
        return (bytes([1 if v else 0]), 1, 16) if binary else (("t" if v else "f").encode(), 0, rng.choice([16, 0]))
    if isinstance(v, int):
        if binary and -2**63 <= v < 2**63:
            return struct.pack(">q", v), 1, 20
        return str(v).encode(), 0, rng.choice([20, 23, 1700, 0])
    if isinstance(v, float):
        if binary:
            return struct.pack(">d", v), 1, 701
        return scalar_text(v).encode(), 0, rng.choice([701, 0])
    if isinstance(v, decimal.Decimal):
        return str(v).encode(), 0, rng.choice([1700, 0])
    if isinstance(v, bytes):
        return (v, 1, 17) if binary else (scalar_text(v).encode(), 0, 17)
    if isinstance(v, dt.datetime):
        if v.tzinfo is None and binary:
            delta = v - EPOCH
            return struct.pack(">q", (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds), 1, 1114
        return str(v).encode(), 0, 1184 if v.tzinfo else rng.choice([1114, 0])
    if isinstance(v, dt.date):
        if binary:
            return struct.pack(">i", (v - EPOCH.date()).days), 1, 1082
        return v.isoformat().encode(), 0, rng.choice([1082, 0])
    if isinstance(v, (list, tuple)):
        return pg_array_text(v).encode(), 0, 0
    if binary:
        return v.encode(), 1, rng.choice([25, 1043])
    return v.encode(), 0, rng.choice([25, 1043, 0, 705])


def bound_json(b):
    data, fmt, oid = b
    return {"bytes": None if data is None else base64.b64encode(data).decode(), "format": fmt, "oid": oid}


# --- main -----------------------------------------------------------------------------------------------------
def main():
    seed = sys.argv[1]
    templates = int(sys.argv[2]) if len(sys.argv) > 2 else 320
    rng = random.Random(seed)
    out = {"cases": [], "bindings": [], "nearMisses": [], "whitespaceVariants": [], "bindingWhitespaceVariants": []}
    seen_text = set()
    with PgCluster() as pg:
        conn = psycopg2.connect(pg.dsn())
        cur = conn.cursor()

        def mogrify(q, p):
            try:
                return cur.mogrify(q, p).decode("utf-8")
            except Exception:  # psycopg2 raised: the case is an error
                return None

        def add(query, params, kind, must_be_new=True):
            text = mogrify(query, params)
            if text is not None and must_be_new:
                if text in seen_text:
                    return None
                seen_text.add(text)
            ser = serialize_params(params)
            rec_values = from_recording(json.loads(json.dumps(ser)))
            recorded = mogrify(query, rec_values) if text is not None else None
            values = None if params is None else (list(params.values()) if isinstance(params, dict) else list(params))
            case = {"query": query, "parameters": ser, "key": replay_key(query, params), "error": text is None,
                    "mogrified": text, "recorded": recorded, "lossless": values is None or lossless(values),
                    "extractable": values is None or extractable(values), "kind": kind}
            out["cases"].append(case)
            return len(out["cases"]) - 1

        for tid in range(templates):
            named = rng.random() < 0.45
            query, names, slots = make_template(rng, tid, named)
            sigs = {}
            first = None
            first_params = None
            for _ in range(rng.randrange(4, 12)):
                params = params_for(rng, names, slots)
                values = list(params.values()) if isinstance(params, dict) else list(params)
                sig = tuple(signature(v) for v in values)
                key = replay_key(query, params)
                if sigs.get(sig, key) != key:
                    continue  # indistinguishable from an earlier set with another key
                index = add(query, params, "named" if named else "positional")
                if index is None:
                    continue
                sigs[sig] = key
                if first is None and not out["cases"][index]["error"]:
                    first, first_params = index, params
            if first is not None:
                values = first_params
                if names is None:
                    bound = [bind(rng, v) for v in values]
                else:
                    order = list(dict.fromkeys(slots))
                    bound = [bind(rng, values[name]) for name in order]
                out["bindings"].append({"text": numbered(query), "values": [bound_json(b) for b in bound], "case": first})
                # Near misses: the same statement one value short, and a text one keyword off.
                out["nearMisses"].append({"text": numbered(query) + " FOR UPDATE", "bound": [bound_json(b) for b in bound]})
                # Whitespace changed around the $n text maps like the literals' (below).
                out["bindingWhitespaceVariants"].append(
                    {"text": numbered(query) + " ", "bound": [bound_json(b) for b in bound], "case": first})
                if len(bound) > 1:
                    out["nearMisses"].append({"text": numbered(query), "bound": [bound_json(b) for b in bound[:-1]]})
                text = out["cases"][first]["mogrified"]
                for mutated in (text.replace("SELECT a, b", "SELECT a, b, c", 1), text.replace(" WHERE ", " WHERE NOT ", 1),
                                text + " FOR UPDATE", text.replace("sch.", "sch2.", 1)):
                    if mutated != text and mutated not in seen_text:
                        out["nearMisses"].append({"text": mutated, "bound": None})
                # The same statement with whitespace changed (a tool that trims or re-indents): it maps onto the
                # template as the client would have had it, so DataHub's normalised key decides.
                for mutated in (text + " ", text.replace(" WHERE ", "  WHERE ", 1), text.replace(" FROM ", "\nFROM ", 1)):
                    if mutated != text and mutated not in seen_text:
                        out["whitespaceVariants"].append({"text": mutated, "case": first})

        # Recorded without parameters (psycopg2 does no % processing) and with empty ones (it collapses %%).
        for k in range(40):
            add("SELECT * FROM v%d WHERE pct LIKE '10%%' AND note = '%%s'" % k, None, "none")
            add("SELECT %%s, 100%%%% FROM w%d" % k, [] if k % 2 else {}, "empty")
            add("SELECT count(*) FROM z%d WHERE n = %d" % (k, k), None, "none")
        # Where psycopg2 raises: DataHub records the error; nothing renders.
        for k in range(30):
            bad = [("SELECT %d FROM e" + str(k), (1,)), ("SELECT %s, %s FROM e" + str(k), (1,)),
                   ("SELECT %s FROM e" + str(k), (1, 2)), ("SELECT %s FROM e" + str(k), ({"a": 1},)),
                   ("SELECT %s FROM e" + str(k), ("a\x00b",)), ("SELECT %(a)s %s FROM e" + str(k), {"a": 1}),
                   ("SELECT %(a)s FROM e" + str(k), {}), ("SELECT 5% FROM e" + str(k), (1,))]
            q, p = bad[k % len(bad)]
            index = add(q, p, "positional" if not isinstance(p, dict) else "named", must_be_new=False)
            assert out["cases"][index]["error"], q
        conn.close()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
