#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""PostgreSQL 15 and psycopg2 2.9.5 (Debian 12) as the oracle of tst_pgtext (core/replay/pgtext.h).

Usage (PORT: a running cluster, e.g. from `pgcluster.py start DIR`; user tapedeck, database postgres):
    pgtext_oracle.py generate PORT > cases.json
        Runs every case against the real server and prints, per case: the recorded query as DataHub's
        recorder writes it from psycopg2's values (description and results), PostgreSQL's own text for the
        value (fetched with a cursor whose typecasters return the raw string), and what Tapedeck's text must
        meet (the case's mode, below). Also "tables": records of multi-column queries with the columns
        PostgreSQL announces (name, type OID, typlen from pg_type, typmod from pg_attribute).
    pgtext_oracle.py check PORT cases.json texts.json > results.json
        texts.json: {case id: Tapedeck's text or null}. Applies psycopg2's own typecaster for the column's
        OID (psycopg2.extensions.string_types[oid], on a real cursor) to Tapedeck's text and to PostgreSQL's.
    pgtext_oracle.py types PORT
        pg_type below 10000 as the C++ table of pgtext.cpp.

Modes: exact — Tapedeck's text is byte-identical to PostgreSQL's (the recording kept everything that
decides the text); value — the text may differ where the recording lost the spelling (numeric scale,
json spacing, interval months, 24:00:00, infinity), but psycopg2 reads from it a value equal to the one
it reads from PostgreSQL's; recorded — the value itself was cut by the recording (a Decimal's digits
beyond a double): only the re-recording check applies; lost — psycopg2's memoryview: the recording holds "<memory at 0x…>", sent as
those bytes. Every case but lost must also re-record identically: DataHub's serialisation
of what psycopg2 reads from Tapedeck's text equals the recorded value.

_serialize_value below is DataHub's semantics (metadata-ingestion/src/datahub/ingestion/recording/
db_proxy.py, commit c3f9599), written out here.
"""
import json
import sys

import psycopg2
import psycopg2.extensions as ext
from datahub_db import serialize_value as serialize  # noqa: E402


def record(query, description, rows):
    """QueryRecording.to_dict() for a psycopg2 cursor's description and fetchall()."""
    results = []
    if rows:
        names = [d[0] for d in description]
        results = [dict(zip(names, row)) for row in rows]
    return {"query": query, "parameters": None, "results": [serialize(r) for r in results],
            "row_count": len(rows), "description": serialize(description), "error": None}


E, V, R, L = "exact", "value", "recorded", "lost"

# (SQL value expression, mode). One case per value, as `SELECT expr AS v`.
VALUES = [
    ("true", E), ("false", E), ("NULL::bool", E),
    ("(-32768)::int2", E), ("32767::int2", E), ("0::int2", E),
    ("(-2147483648)::int4", E), ("2147483647::int4", E),
    ("(-9223372036854775808)::int8", E), ("9223372036854775807::int8", E), ("NULL::int8", E),
    ("4294967295::oid", E),
    ("1e15::float8", E), ("1e16::float8", E), ("1e-5::float8", E), ("1e-4::float8", E), ("1e14::float8", E),
    ("123456789012345.6::float8", E), ("0.1::float8", E), ("1.5::float8", E), ("'-0'::float8", E),
    ("'NaN'::float8", E), ("'Infinity'::float8", E), ("'-Infinity'::float8", E),
    ("1.7976931348623157e308::float8", E), ("5e-324::float8", E), ("100::float8", E), ("(1/3::float8)", E),
    ("2.5e-310::float8", E), ("-123.456e-7::float8", E),
    ("1.1::float4", E), ("1e6::float4", E), ("123456::float4", E), ("1234567::float4", E),
    ("3.4028235e38::float4", E), ("1e-45::float4", E), ("'NaN'::float4", E), ("0.1::float4", E),
    ("16777217::float4", E), ("3.14159::float4", E), ("-0.00012345::float4", E), ("'-Infinity'::float4", E),
    ("1.50::numeric", V), ("0::numeric", E), ("100::numeric", E), ("12.340::numeric", V), ("-1.5::numeric", E),
    ("0.000001::numeric", E), ("1e-20::numeric", E), ("'NaN'::numeric", E), ("'Infinity'::numeric", E),
    ("'-Infinity'::numeric", E), ("5::numeric(10,2)", V), ("123456789012345678901234567890.123456789", R),
    ("3.14159265358979323846::numeric", R), ("sum(x) from (values (1::int8), (2)) t(x)", E),
    ("avg(x) from (values (1), (2), (2)) t(x)", R), ("1e20::numeric", E),
    ("''::text", E), ("'héllo wörld ✓ 😀'::text", E), ("'quote''s \"double\" back\\slash'::text", E),
    ("E'tab\\tnew\\nline\\r'::text", E), ("'NULL'::text", E), ("repeat('xé', 50000)", E), ("NULL::text", E),
    ("'abc'::varchar(10)", E), ("'ab'::char(5)", E), ("'abc'::name", E), ("'x'::\"char\"", E),
    ("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", E), ("'10.0.0.1/8'::inet", E), ("'10.0.0.0/8'::cidr", E),
    ("'08:00:2b:01:02:03'::macaddr", E), ("1234.56::money", E), ("'<a>é</a>'::xml", E),
    ("B'1010'::bit(4)", E), ("B'101'::varbit", E), ("'a fat cat'::tsvector", E),
    ("int4range(1, 10)", E), ("'[2024-01-01,2024-02-01)'::daterange", E), ("'(,5)'::int8range", E),
    ("'empty'::int4range", E), ("'[1.5,2.50]'::numrange", V), ("'(1,)'::numrange", E),
    ("'[2024-01-01 00:00:00,2024-01-02 03:04:05.5)'::tsrange", E), ("'[infinity,infinity]'::numrange", E),
    ("'[2024-01-01 00:00:00+00,)'::tstzrange", E), ("'[2024-01-01,infinity)'::daterange", V),
    ("'\\x00ff'::bytea", L),
    ("'2024-01-02'::date", E), ("'0001-01-01'::date", E), ("'9999-12-31'::date", E),
    ("'infinity'::date", V), ("'-infinity'::date", V), ("NULL::date", E),
    ("'2024-01-02 03:04:05'::timestamp", E), ("'2024-01-02 03:04:05.123'::timestamp", E),
    ("'2024-01-02 03:04:05.000001'::timestamp", E), ("'2024-01-02 03:04:05.12345'::timestamp", E),
    ("'0999-01-01 00:00:00'::timestamp", E), ("'infinity'::timestamp", V),
    ("'12:00:00'::time", E), ("'23:59:59.999999'::time", E), ("'00:00:00.5'::time", E), ("'24:00:00'::time", V),
    ("'12:00:00+05:30'::timetz", E), ("'00:00:00-08'::timetz", E), ("'12:34:56.789+00'::timetz", E),
    ("'1 day 02:00:00'::interval", E), ("'-00:00:01'::interval", E), ("'-1 days -02:00:00'::interval", E),
    ("'2 days'::interval", E), ("'00:00:00'::interval", E), ("'00:00:01.5'::interval", E), ("'1 day'::interval", E),
    ("'-1 days'::interval", E), ("'999 days 23:59:59.999999'::interval", E), ("'-3 days -00:00:00.25'::interval", E),
    ("'1 mon'::interval", V), ("'-1 days +02:00:00'::interval", V), ("'25:00:00'::interval", V),
    ("'1 year 2 mons 3 days 04:05:06.7'::interval", V), ("'-1 year'::interval", V),
    ("ARRAY['', 'NULL', 'null', 'a b', 'a,b', 'a\"b', 'a\\b', '{x}', 'é', NULL, E'tab\\there', ' lead', 'plain']", E),
    ("ARRAY[[1, 2], [3, 4]]", E), ("'{}'::int[]", E), ("ARRAY[1, NULL, 3]", E), ("'{{{1}}}'::int[]", E),
    ("ARRAY[1.5::float8, 'NaN', 1e20]", E), ("ARRAY[1.50::numeric, NULL]", V), ("ARRAY[true, false]", E),
    ("ARRAY['2024-01-02'::date]", E), ("ARRAY['2024-01-02 03:04:05.5'::timestamp]", E),
    ("ARRAY['2024-01-02 03:04:05+00'::timestamptz]", E), ("ARRAY['1 day'::interval, '-00:00:01']", E),
    ("ARRAY['12:00:00.25'::time]", E), ("ARRAY['{\"a\": 1}'::json]", E), ("ARRAY['{\"a\":1}'::json]", V), ("ARRAY['{\"a\": [1, \"x y\"]}'::jsonb]", E),
    ("ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]", E), ("ARRAY['x'::varchar, 'y z']", E),
    ("ARRAY['x'::char(3)]", E), ("'[0:1]={5,6}'::int[]", V), ("ARRAY[[['a', 'b'], ['c', NULL]]]", E),
    ("ARRAY[(-9223372036854775808)::int8]", E), ("ARRAY['abc'::name]", E), ("ARRAY[1.1::float4]", E),
    ("'{\"a\": 1, \"b\": [1, 2]}'::json", E), ("'{\"a\":1,\"b\":[1,2]}'::json", V), ("'{\"a\" : 1,  \"b\":[1,2]}'::json", V), ("'[]'::json", E),
    ("'\"x\"'::json", E), ("'\"é\\u00e9\"'::json", V), ("'123'::json", E), ("'1.5'::json", E), ("'null'::json", V),
    ("'{\"b\":[1,2], \"a\" : 1, \"aa\": \"é\\u00e9\\n\"}'::jsonb", E), ("'{\"a\": 1.50}'::jsonb", V),
    ("'[1.0, 1e2, 1.5e20, 0.00001, -0.5, 12345678901234567890]'::jsonb", E),
    ("'{\"k\": \"\\u0001 ctrl \\\\ \\\" \\t\"}'::jsonb", E), ("'{\"a\": {\"b\": {\"c\": [[[]]], \"d\": {}}}}'::jsonb", E),
    ("'\"str\"'::jsonb", E), ("'true'::jsonb", E), ("'null'::jsonb", V), ("'[{\"日本\": \"語\"}, null, false]'::jsonb", E),
]

# timestamptz in several session zones (the recording keeps the offset each session printed).
TIMESTAMPTZ = ["'2024-01-02 03:04:05.5+00'", "'2024-07-01 12:00:00-07'", "'1900-01-01 00:00:00+00'",
               "'2024-01-02 03:04:05.000120+00'", "'0500-06-15 12:00:00+00'", "'infinity'"]
ZONES = ["UTC", "Asia/Kolkata", "America/Los_Angeles", "Europe/Amsterdam", "Pacific/Chatham"]

# bytea as a driver that returns bytes (pg8000, redshift_connector, psycopg 3) records it: base64.
BYTEA = ["'\\x'::bytea", "'\\x00ff80'::bytea", "('\\x' || repeat('ab', 1000))::bytea", "'\\x5c22'::bytea"]


def connect(port, **kw):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="tapedeck", dbname="postgres", **kw)
    conn.autocommit = True
    return conn


def raw_cursor(conn, oids):
    cur = conn.cursor()
    ext.register_type(ext.new_type(tuple(oids), "TAPEDECK_RAW", lambda s, c: s), cur)
    return cur


def run_case(conn, sql, zone="UTC", caster=None):
    cur = conn.cursor()
    cur.execute("SET TimeZone = %s", (zone,))
    if caster is not None:
        ext.register_type(ext.new_type((17,), "TAPEDECK_BYTES", caster), cur)
    cur.execute(sql)
    rows = cur.fetchall()
    description = cur.description
    raw = raw_cursor(conn, {d.type_code for d in description})
    raw.execute("SET TimeZone = %s", (zone,))
    raw.execute(sql)
    text = raw.fetchall()[0][0]
    return record(sql, description, rows), text, description[0].type_code


def generate(port):
    conn = connect(port)
    cases = []

    def add(sql, mode, zone="UTC", caster=None, casterName=None):
        rec, text, oid = run_case(conn, sql, zone, caster)
        cases.append({"id": str(len(cases)), "sql": sql, "zone": zone, "mode": mode, "oid": oid,
                      "record": rec, "pgtext": text, "caster": casterName})

    for expr, mode in VALUES:
        add(f"SELECT {expr} AS v" if " from " not in expr else f"SELECT {expr.replace(' from ', ' AS v from ', 1)}",
            mode)
    for zone in ZONES:
        for literal in TIMESTAMPTZ:
            add(f"SELECT {literal}::timestamptz AS v", V if literal == "'infinity'" else E, zone)
        add("SELECT '12:00:00+05:45'::timetz AS v", E, zone)
        add("SELECT '[2024-01-01 00:00:00+00,2024-07-01 00:00:00+00)'::tstzrange AS v", E, zone)
    for literal in BYTEA:
        add(f"SELECT {literal} AS v", E, caster=lambda s, c: None if s is None else bytes(ext.string_types[17](s, c)),
            casterName="bytes")

    tables = []
    cur = conn.cursor()
    cur.execute('CREATE TEMP TABLE t (id int4, "we\'ird""name\\" int2, "é\n\t" text, amount numeric(10,2), '
                'ratio numeric, code varchar(10), flag char(3), tags text[], at timestamp(3), "row" jsonb, '
                'f4 float4, u uuid, n name)')
    cur.execute("INSERT INTO t VALUES (1, 2, 'x', 12.30, 0.5, 'ab', 'y', ARRAY['a b', NULL], '2024-01-02 03:04:05.123', "
                "'{\"k\": [1]}', 1.5, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'nm'), "
                "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")
    cur.execute("SELECT a.attname, a.atttypid::int8, t.typlen, a.atttypmod FROM pg_attribute a "
                "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = 't'::regclass AND a.attnum > 0 "
                "ORDER BY a.attnum")
    announced = [{"name": n, "oid": o, "typlen": l, "typmod": m} for n, o, l, m in cur.fetchall()]
    sql = "SELECT * FROM t ORDER BY id"
    cur.execute(sql)
    rows = cur.fetchall()
    description = cur.description
    raw = raw_cursor(conn, {d.type_code for d in description})
    raw.execute(sql)
    texts = raw.fetchall()
    rec = record(sql, description, rows)
    tables.append({"id": "psycopg2", "record": rec, "columns": announced, "texts": texts, "typmods": False})
    # The same as psycopg2 < 2.8 (and other PostgreSQL drivers) describe it: DB-API tuples, written as lists.
    listed = dict(rec, description=[serialize(list(d)) for d in description])
    tables.append({"id": "tuples", "record": listed, "columns": announced, "texts": texts, "typmods": True})
    # Duplicate names: DataHub's dict keeps the last value for both.
    sql = "SELECT 1 AS a, 2 AS a, 'z' AS b"
    cur.execute(sql)
    rows = cur.fetchall()
    dup = record(sql, cur.description, rows)
    tables.append({"id": "duplicates", "record": dup,
                   "columns": [{"name": "a", "oid": 23, "typlen": 4, "typmod": -1}] * 2
                   + [{"name": "b", "oid": 25, "typlen": -1, "typmod": -1}],
                   "texts": [["2", "2", "z"]], "typmods": False})
    # information_schema: its domains reach the client as their base types.
    sql = ("SELECT table_name, ordinal_position, is_nullable FROM information_schema.columns "
           "WHERE table_name = 'pg_type' ORDER BY ordinal_position LIMIT 3")
    cur.execute(sql)
    rows = cur.fetchall()
    description = cur.description
    raw = raw_cursor(conn, {d.type_code for d in description})
    raw.execute(sql)
    texts = raw.fetchall()
    info = record(sql, description, rows)
    tables.append({"id": "information_schema", "record": info,
                   "columns": [{"name": "table_name", "oid": 19, "typlen": 64, "typmod": -1},
                               {"name": "ordinal_position", "oid": 23, "typlen": 4, "typmod": -1},
                               {"name": "is_nullable", "oid": 1043, "typlen": -1, "typmod": -1}],
                   "texts": texts, "typmods": False})
    conn.close()
    # DataHub writes with json.dumps (NaN and Infinity as bare literals, which JsonValue reads).
    json.dump({"cases": cases, "tables": tables}, sys.stdout)


def same(a, b):
    if isinstance(a, memoryview):
        a = bytes(a)
    if isinstance(b, memoryview):
        b = bytes(b)
    return a == b or repr(a) == repr(b)


def check(port, cases_path, texts_path):
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    with open(texts_path, encoding="utf-8") as f:
        texts = json.load(f)
    conn = connect(port)
    cur = conn.cursor()
    results = []
    counts = {}
    for case in cases:
        mine = texts.get(case["id"])
        theirs = case["pgtext"]
        oid = case["oid"]
        caster = ext.string_types.get(oid)
        if case["caster"] == "bytes":
            def caster(s, c):
                return None if s is None else bytes(ext.string_types[17](s, c))
        problems = []
        recorded = case["record"]["results"][0]["v"] if case["record"]["results"] else None

        def cast(text):
            if caster is None or text is None:
                return text
            return caster(text, cur)

        mode = case["mode"]
        try:
            if mode == E and mine != theirs:
                problems.append("not byte-identical to PostgreSQL's text")
            if mode == L and mine != "\\x" + recorded.encode("utf-8").hex():
                problems.append("not the recorded string's bytes")
            if mode in (E, V, R):
                got = cast(mine)
                real = cast(theirs)
                if mode == V and mine != theirs and not same(got, real):
                    problems.append(f"psycopg2 reads {got!r} from it, {real!r} from PostgreSQL's")
                again = json.dumps(serialize(got), sort_keys=True)
                if again != json.dumps(recorded, sort_keys=True):
                    problems.append(f"re-recorded as {again}, recorded {json.dumps(recorded)}")
        except Exception as e:  # a typecaster refusing Tapedeck's text
            problems.append(f"psycopg2 cannot read it: {type(e).__name__}: {e}")
        counts[mode] = counts.get(mode, 0) + 1
        results.append({"id": case["id"], "sql": case["sql"][:200], "zone": case["zone"], "mode": mode,
                        "tapedeck": None if mine is None else mine[:300],
                        "postgres": None if theirs is None else theirs[:300], "problems": problems,
                        "identical": mine == theirs})
    conn.close()
    json.dump({"results": results, "counts": counts}, sys.stdout, ensure_ascii=False)


def types(port):
    conn = connect(port)
    cur = conn.cursor()
    cur.execute("SELECT oid::int8, typlen, CASE WHEN typcategory = 'A' AND oid NOT IN (22, 30) THEN typelem::int8 "
                "ELSE 0 END FROM pg_type WHERE oid < 10000 AND typtype <> 'c' ORDER BY oid")
    line = "   "
    for oid, length, element in cur.fetchall():
        item = f" {{ {oid}, {length}, {element} }}," if element else f" {{ {oid}, {length} }},"
        if len(line) + len(item) > 108:
            print(line)
            line = "   "
        line += item
    print(line)


def main(argv):
    if len(argv) == 3 and argv[1] == "generate":
        generate(int(argv[2]))
        return 0
    if len(argv) == 5 and argv[1] == "check":
        check(int(argv[2]), argv[3], argv[4])
        return 0
    if len(argv) == 3 and argv[1] == "types":
        types(int(argv[2]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
