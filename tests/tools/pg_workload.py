#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The PostgreSQL replay workload: one recorded workload, run by four kinds of client, with canonical results.

    pg_workload.py CLIENT URL [--seed N] [--out FILE]     CLIENT: psycopg2 | sqlalchemy | psql | libpq
    pg_workload.py compare EXPECTED ACTUAL                 prints every difference, exits 1 on any

The workload is what pg_fixture.py records (through a recorder with DataHub's db_proxy semantics) from a
real PostgreSQL 15, so every statement a client below sends is in the recording, written the way that
client puts it on the wire:
- psycopg2 (2.9.5): the data and DataHub-style catalog steps with `cursor.execute(template, params)` —
  psycopg2 interpolates on the client and sends plain text (simple protocol); some steps again through a
  named (server-side) cursor read with fetchmany(2): `DECLARE "…" CURSOR WITHOUT HOLD FOR …`,
  `FETCH FORWARD 2 FROM "…"`, `CLOSE "…"`; psycopg2's own `BEGIN`/`ROLLBACK` around them.
- sqlalchemy (1.4.46, postgresql+psycopg2): the SQLAlchemy inspector calls DataHub's SQL sources make
  (schemas, tables, views, columns, primary and foreign keys, indexes, view definitions, comments) and
  text() queries with bound parameters (one `IN :ids` expanding), plus SQLAlchemy's connect-time queries.
- psql: each step as psycopg2 sends it (`cursor.mogrify`, computed through a psycopg2 connection to URL
  that sends no statement), one `-c` each, and a few steps joined into one `-c` string (several
  statements in one Query message; the last string ends with the failing statement).
- libpq (libpq.so.5 through ctypes): `PQexecParams` with `$n` placeholders and text parameters (the
  extended protocol: Parse/Bind/Describe/Execute/Sync), `PQprepare` + `PQexecPrepared` twice with the two
  recorded parameter sets of one template, `PQdescribePrepared` (parameter count, result columns).
  Steps whose parameters psycopg2 expands into SQL syntax (`IN %s` with a tuple) have no `$n` form and
  are left out.

Canonical result (JSON): {"client", "seed", "results": [{"id", "statement", "columns", "types", "rows",
"rowcount", "error", …}]}. Values keep what the client got: psycopg2 and SQLAlchemy values as tagged JSON
({"$decimal": "12.340"}, {"$datetime": iso}, {"$bytes": hex}, {"$interval": [days, s, µs]}, {"$json": …},
{"$uuid": …}, {"$float": "NaN"}), psql and libpq values as the text PostgreSQL sent, NULL as null in
all. Errors are the primary message (what every client can show; SQLSTATE is not in DataHub's recording).
Column types are the type OIDs the client saw (psycopg2, SQLAlchemy, libpq; psql shows none).
"""
import argparse
import ctypes
import datetime as dt
import json
import math
import os
import random
import subprocess
import sys
import uuid
from decimal import Decimal

DATABASE = "datahub"
SCHEMAS = ("crm", "sales")
WIDE_SCHEMA = "wide"
SUBPROCESS_TIMEOUT = 60
PSQL_NULL = "\x01NULL\x01"
UTC = dt.timezone.utc


# --- the data (deterministic for a seed) -------------------------------------------------------------------

CUSTOMERS = [  # name, country: the non-ASCII names are the point
    ("Jürgen Weiß", "DE"), ("Zoë Ødegaard", "NO"), ("山田 太郎", "JP"), ("Ana María Peña", "ES"),
    ("Søren Kierkegård", "DK"), ("O'Brien & Sons", "IE")]
TEXTS = ["Grüße aus Köln", "日本語のテキスト", "emoji 🚀 rocket", "it's a \\ backslash", "",
         "line one\nline two", "Ωmega"]
VARCHARS = ["alpha", "Bäckerei", "gamma-3", "δέλτα", "epsilon", "zeta zeta", "eta"]
ARRAY_TEXTS = ["a b", "x,y", 'q"uote', "Ünï", "NULL", "", "{brace}"]
CITIES = ["München", "Zürich", "Kraków", "São Paulo", None]


def _decimal(rng, whole_digits, scale):
    # DataHub records Decimal as float: a value whose last digit at the column's scale is not 0 comes back
    # with the same text, so the replay can render what the database rendered (trailing zeros cannot).
    whole = rng.randint(0, 10 ** whole_digits - 1)
    frac = rng.randint(0, 10 ** (scale - 1) - 1) * 10 + rng.randint(1, 9)
    return Decimal(f"{whole}.{frac:0{scale}d}")


def fixture_data(seed):
    rng = random.Random(seed)
    customers = []
    for i, (name, country) in enumerate(CUSTOMERS, 1):
        created = dt.datetime(2023, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                              rng.randint(0, 59), rng.randint(0, 59), rng.choice((0, 250000, 123456)), tzinfo=UTC)
        email = None if i == 5 else f"customer{i}@example.{country.lower()}"
        customers.append((i, name, email, country, created))
    orders = []
    for i in range(1, 15):
        status = "open" if i in (1, 4) else rng.choice(("open", "shipped", "cancelled"))
        orders.append((i, 1 if i <= 3 else rng.randint(1, 5), status, _decimal(rng, 4, 2),
                       dt.datetime(2024, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                   rng.randint(0, 59), rng.randint(0, 59))))
    texts, varchars = TEXTS[:], VARCHARS[:]
    rng.shuffle(texts)
    rng.shuffle(varchars)
    typed = []
    for i in range(1, 8):
        ts = dt.datetime(2024, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59),
                         rng.randint(0, 59), rng.choice((0, 0, 500000, rng.randint(1, 999999))))
        doc = {"n": i, "tags": rng.sample(["red", "grün", "blue", "黄"], 2), "ok": rng.random() < 0.5}
        city = CITIES[(i + seed) % len(CITIES)]
        if city:
            doc["city"] = city
        typed.append({
            "id": i,
            "i2": -32768 if i == 1 else rng.randint(-32767, 32767),
            "i4": rng.randint(-1000, 1000),
            "i8": 9223372036854775807 if i == 2 else rng.randint(-2 ** 53, 2 ** 53),
            "amount": _decimal(rng, 6, 3),
            "f8": 0.1 if i == 3 else round(rng.uniform(-1e5, 1e5), rng.randint(0, 6)),
            "txt": texts[i - 1],
            "vc": varchars[i - 1],
            "b": b"" if i == 4 else (b"\x00\xff" if i == 1 else rng.randbytes(rng.randint(1, 8))),
            "flag": i % 2 == 0 if i != 5 else rng.random() < 0.5,
            "d": dt.date(2024, rng.randint(1, 12), rng.randint(1, 28)),
            "ts": ts,
            "tstz": ts.replace(tzinfo=UTC) + dt.timedelta(hours=rng.randint(-30, 30)),
            "j": doc,
            "jb": dict(doc, nested={"k": i, "v": [1, None, "x"]}),
            "ia": [rng.randint(-50, 50) for _ in range(rng.randint(0, 3))] + ([None] if i == 6 else []),
            "ta": rng.sample(ARRAY_TEXTS, rng.randint(1, 3)),
            "u": uuid.UUID(int=rng.getrandbits(128), version=4),
            "iv": dt.timedelta(days=rng.randint(0, 40), seconds=rng.randint(0, 86399),
                               microseconds=rng.choice((0, 500000))),
        })
    typed.append({"id": 8, **{k: None for k in typed[0] if k != "id"}})  # NULL in every column
    return {"customers": customers, "orders": orders, "typed": typed}


TYPED_COLUMNS = ["id", "i2", "i4", "i8", "amount", "f8", "txt", "vc", "b", "flag", "d", "ts", "tstz", "j", "jb",
                 "ia", "ta", "u", "iv"]

SCHEMA_DDL = """
CREATE SCHEMA crm;
CREATE SCHEMA sales;
COMMENT ON SCHEMA sales IS 'Verkäufe';
CREATE TABLE crm.customers (
    id integer PRIMARY KEY,
    name text NOT NULL,
    email varchar(80) UNIQUE,
    country char(2) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE crm.customers IS 'Kunden — one row per customer';
COMMENT ON COLUMN crm.customers.name IS 'Display name (UTF-8, ünïcødé)';
CREATE INDEX customers_country_idx ON crm.customers (country);
CREATE TABLE sales.orders (
    id serial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES crm.customers (id) ON DELETE CASCADE,
    status varchar(16) NOT NULL DEFAULT 'open',
    total numeric(10,2),
    ordered_at timestamp NOT NULL
);
COMMENT ON TABLE sales.orders IS 'Orders; status is open, shipped or cancelled';
COMMENT ON COLUMN sales.orders.total IS 'Gross total in €';
CREATE INDEX orders_status_idx ON sales.orders (status);
CREATE INDEX orders_customer_date_idx ON sales.orders (customer_id, ordered_at DESC);
CREATE TABLE sales.typed_values (
    id bigint PRIMARY KEY,
    i2 smallint, i4 integer, i8 bigint, amount numeric(12,3), f8 double precision,
    txt text, vc varchar(40), b bytea, flag boolean, d date, ts timestamp, tstz timestamptz,
    j json, jb jsonb, ia integer[], ta text[], u uuid, iv interval
);
COMMENT ON TABLE sales.typed_values IS 'One column per type the replay must render';
CREATE UNIQUE INDEX typed_values_vc_key ON sales.typed_values (vc);
CREATE VIEW sales.open_orders AS
    SELECT id, customer_id, total, ordered_at FROM sales.orders WHERE status = 'open';
COMMENT ON VIEW sales.open_orders IS 'Orders not yet shipped';
CREATE VIEW crm.customer_summary AS
    SELECT c.id AS customer_id, c.name, count(o.id) AS orders, max(o.total) AS largest_order
    FROM crm.customers c LEFT JOIN sales.orders o ON o.customer_id = c.id
    GROUP BY c.id, c.name;
"""


def wide_ddl(tables):
    """`tables` more tables in schema `wide` (a realistic catalog for the benchmark): keys, a foreign key
    to the previous table, an index and comments each."""
    if not tables:
        return ""
    out = [f"CREATE SCHEMA {WIDE_SCHEMA};"]
    for i in range(1, tables + 1):
        name = f"{WIDE_SCHEMA}.t_{i:04d}"
        fk = f" REFERENCES {WIDE_SCHEMA}.t_{i - 1:04d} (id)" if i > 1 else ""
        out.append(f"CREATE TABLE {name} (id integer PRIMARY KEY, parent_id integer{fk}, name varchar(50) NOT NULL, "
                   f"amount numeric(10,2), created timestamptz, payload jsonb, flags boolean[]);")
        out.append(f"CREATE INDEX t_{i:04d}_name_idx ON {name} (name);")
        out.append(f"COMMENT ON TABLE {name} IS 'wide table {i}';")
        out.append(f"COMMENT ON COLUMN {name}.amount IS 'amount of table {i}';")
        if i % 10 == 0:
            out.append(f"CREATE VIEW {WIDE_SCHEMA}.v_{i:04d} AS SELECT id, name FROM {name} WHERE amount > 0;")
    return "\n".join(out)


def load_data(cursor, data):
    """Inserts the fixture's rows (through a plain cursor: not part of the recording)."""
    for row in data["customers"]:
        cursor.execute("INSERT INTO crm.customers (id, name, email, country, created_at) VALUES (%s, %s, %s, %s, %s)",
                       row)
    for row in data["orders"]:
        cursor.execute("INSERT INTO sales.orders (id, customer_id, status, total, ordered_at) "
                       "VALUES (%s, %s, %s, %s, %s)", row)
    cursor.execute("SELECT setval('sales.orders_id_seq', 14)")
    for row in data["typed"]:
        values = [None if row[c] is None else json.dumps(row[c], ensure_ascii=False) if c in ("j", "jb")
                  else str(row[c]) if c == "u" else row[c] for c in TYPED_COLUMNS]
        cursor.execute(f"INSERT INTO sales.typed_values ({', '.join(TYPED_COLUMNS)}) VALUES "
                       f"({', '.join(['%s'] * len(TYPED_COLUMNS))})", values)


# --- the steps ---------------------------------------------------------------------------------------------

class Step:
    """One recorded statement: a psycopg2 template (%s or %(name)s) and its parameters."""

    def __init__(self, sid, sql, params=None, kind="data", named=False, libpq=True):
        self.id, self.sql, self.params, self.kind, self.named = sid, sql, params, kind, named
        self.libpq = libpq and not (isinstance(params, tuple) and any(isinstance(p, tuple) for p in params))


DUPLICATE_STEP = "D10"  # recorded twice, with an update in between (same key, different results)
FAILING_STEP = "D12"


def steps(seed):
    data = fixture_data(seed)
    typed = [r for r in data["typed"] if r["i4"] is not None]
    i4s = sorted(r["i4"] for r in typed)
    ts_min = min(r["ts"] for r in typed)
    with_bytes = next(r for r in typed if r["b"])
    view_lineage = (
        "SELECT DISTINCT pg_namespace.nspname AS source_schema, source_table.relname AS source_table,\n"
        "       pg_namespace_dependent.nspname AS dependent_schema, pg_class.relname AS dependent_view\n"
        "FROM pg_depend\n"
        "JOIN pg_rewrite ON pg_depend.objid = pg_rewrite.oid\n"
        "JOIN pg_class ON pg_rewrite.ev_class = pg_class.oid\n"
        "JOIN pg_class source_table ON pg_depend.refobjid = source_table.oid\n"
        "JOIN pg_namespace ON source_table.relnamespace = pg_namespace.oid\n"
        "JOIN pg_namespace pg_namespace_dependent ON pg_class.relnamespace = pg_namespace_dependent.oid\n"
        "WHERE pg_depend.deptype = 'n' AND pg_namespace.nspname NOT IN ('pg_catalog', 'information_schema')\n"
        "  AND source_table.relname <> pg_class.relname\n"
        "ORDER BY 1, 2, 3, 4")
    return [
        # DataHub's Postgres source's own catalog queries, and information_schema look-ups.
        Step("C1", "SELECT datname from pg_database where datname not in ('template0', 'template1') "
                   "ORDER BY datname", kind="catalog"),
        Step("C2", "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = %s "
                   "ORDER BY table_name", ("sales",), kind="catalog"),
        Step("C3", "SELECT column_name, data_type, is_nullable, character_maximum_length, numeric_precision, "
                   "numeric_scale, column_default FROM information_schema.columns "
                   "WHERE table_schema = %(schema)s AND table_name = %(table)s ORDER BY ordinal_position",
             {"schema": "sales", "table": "typed_values"}, kind="catalog", named=True),
        Step("C4", view_lineage, kind="catalog"),
        Step("C5", "SELECT n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class') AS comment "
                   "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'v') ORDER BY 1, 2", (list(SCHEMAS),),
             kind="catalog"),
        Step("C6", "SELECT conname, contype, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
                   "WHERE connamespace = %s::regnamespace ORDER BY conname", ("sales",), kind="catalog"),
        # Profiling-like queries over the typed tables, and parameterised look-ups.
        Step("D1", "SELECT * FROM sales.typed_values ORDER BY id", named=True),
        Step("D2", "SELECT count(*) AS row_count FROM sales.typed_values"),
        Step("D3", "SELECT min(i4) AS min_i4, max(i4) AS max_i4, avg(f8) AS avg_f8, stddev_samp(f8) AS stddev_f8, "
                   "count(DISTINCT vc) AS distinct_vc, count(*) - count(txt) AS null_txt, min(d) AS min_d, "
                   "max(ts) AS max_ts, bool_or(flag) AS any_flag FROM sales.typed_values"),
        Step("D4", "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f8) AS median_f8 FROM sales.typed_values"),
        Step("D5", "SELECT txt, vc, flag FROM sales.typed_values WHERE i4 > %s AND flag = %s ORDER BY id",
             (i4s[1], True)),
        Step("D5b", "SELECT txt, vc, flag FROM sales.typed_values WHERE i4 > %s AND flag = %s ORDER BY id",
             (i4s[2], False)),
        Step("D6", "SELECT id, ts, d, amount\n  FROM sales.typed_values\n WHERE ts >= %(since)s AND d < %(until)s"
                   "\n   AND amount > %(min_amount)s\n ORDER BY id",
             {"since": ts_min, "until": dt.date(2024, 11, 30), "min_amount": Decimal("10.5")}),
        Step("D7", "SELECT id FROM sales.typed_values WHERE (%(tag)s::text IS NULL OR vc = %(tag)s) ORDER BY id",
             {"tag": None}),
        Step("D8", "SELECT id, ia, ta FROM sales.typed_values WHERE i4 = ANY(%s) ORDER BY id",
             ([i4s[0], i4s[3], i4s[5], 5000],)),
        Step("D9", "SELECT id, vc FROM sales.typed_values WHERE vc IN %s ORDER BY id",
             ((typed[0]["vc"], typed[2]["vc"], "nope"),)),
        Step(DUPLICATE_STEP, "SELECT count(*) AS n, min(id) AS first_id FROM sales.orders WHERE status = %s", ("open",)),
        Step("D11", "SELECT id, ts, tstz FROM sales.typed_values WHERE ts < '2024-06-01 00:00:00' ORDER BY id"),
        Step(FAILING_STEP, "SELECT id, missing_column FROM sales.typed_values"),
        Step("D13", "SELECT o.id, c.name, o.status, o.total, o.ordered_at FROM sales.orders o "
                    "JOIN crm.customers c ON c.id = o.customer_id WHERE c.country = %s ORDER BY o.id", ("DE",),
             named=True),
        Step("D14", "SELECT * FROM sales.open_orders ORDER BY id"),
        Step("D15", "SELECT * FROM crm.customer_summary ORDER BY customer_id"),
        Step("D16", "SELECT id, txt FROM sales.typed_values WHERE txt = %s", ("no such text",)),
        Step("D17", "SELECT id, length(b) AS len, b FROM sales.typed_values WHERE b = %s", (with_bytes["b"],)),
        Step("D18", "SELECT id, txt FROM sales.typed_values WHERE txt LIKE 'Gr%%' OR vc LIKE %s ORDER BY id",
             ("%ä%",)),
        Step("D19", "SELECT id, j, jb, u, iv FROM sales.typed_values ORDER BY id LIMIT %s", (5,)),
        Step("D20", "SELECT id, jb ->> 'city' AS city, j -> 'tags' AS tags FROM sales.typed_values "
                    "WHERE jb ? 'city' ORDER BY id"),
        Step("D21", "SELECT i2, i8, -i4 AS neg_i4, f8 * 2 AS f8_twice FROM sales.typed_values "
                    "WHERE i8 IS NOT NULL ORDER BY id"),
        Step("D22", "SELECT id, name, email, created_at FROM crm.customers WHERE name = %(name)s",
             {"name": "Jürgen Weiß"}),
        Step("D23", "SELECT * FROM crm.customers ORDER BY id", named=True),
    ]


# Steps joined into one psql -c string (several statements in one Query message).
PSQL_MULTI = [("M1", ["D2", "D14", "D21"]), ("M2", ["C1", "D16", FAILING_STEP])]
# PQprepare once, PQexecPrepared with each step's parameters (one template, recorded with both).
LIBPQ_PREPARED = [("P1", ["D5", "D5b"]), ("P2", ["D22", "D22"])]
# psycopg2 named cursors are read in batches of this size.
FETCH_SIZE = 2


def duplicate_update_sql():
    """Run between the two recordings of DUPLICATE_STEP (and so before the clients' runs)."""
    return "UPDATE sales.orders SET status = 'shipped' WHERE id = (SELECT min(id) FROM sales.orders WHERE status = 'open')"


# --- canonical values --------------------------------------------------------------------------------------

def canon(value):
    """A Python value from psycopg2/SQLAlchemy as strict JSON (types kept apart by tags)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$interval": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    if isinstance(value, (list, tuple)):
        return [canon(v) for v in value]
    if isinstance(value, dict):  # a json/jsonb value: already JSON
        return {"$json": value}
    return {"$repr": f"{type(value).__name__}:{value!r}"}


def result_entry(sid, statement, **fields):
    entry = {"id": sid, "statement": statement, "columns": None, "types": None, "rows": None,
             "rowcount": None, "error": None}
    entry.update(fields)
    return entry


# --- psycopg2 ----------------------------------------------------------------------------------------------

def _psycopg2():
    import psycopg2
    import psycopg2.extensions
    return psycopg2


def run_psycopg2(url, seed):
    psycopg2 = _psycopg2()
    out = []
    conn = psycopg2.connect(url, connect_timeout=10)
    try:
        for step in steps(seed):
            cur = conn.cursor()
            try:
                cur.execute(step.sql, step.params)
            except psycopg2.Error as e:
                out.append(result_entry(step.id, step.sql, error=e.diag.message_primary or str(e)))
                conn.rollback()
                continue
            columns = [c.name for c in cur.description] if cur.description else None
            types = [c.type_code for c in cur.description] if cur.description else None
            rows = [canon(list(r)) for r in cur.fetchall()] if cur.description else None
            out.append(result_entry(step.id, step.sql, columns=columns, types=types, rows=rows,
                                    rowcount=cur.rowcount))
            cur.close()
            if step.named:
                out.append(_named_cursor(conn, step, psycopg2))
        conn.rollback()
    finally:
        conn.close()
    return out


def _named_cursor(conn, step, psycopg2):
    cur = conn.cursor(name=f"tapedeck_{step.id.lower()}")
    sid = step.id + "#named"
    try:
        cur.execute(step.sql, step.params)
        batches, rows = [], []
        while True:
            batch = cur.fetchmany(FETCH_SIZE)
            batches.append(len(batch))
            rows += [canon(list(r)) for r in batch]
            if len(batch) < FETCH_SIZE:
                break
        entry = result_entry(sid, step.sql, columns=[c.name for c in cur.description],
                             types=[c.type_code for c in cur.description], rows=rows, rowcount=cur.rowcount,
                             batches=batches)
        cur.close()
        return entry
    except psycopg2.Error as e:
        conn.rollback()
        return result_entry(sid, step.sql, error=e.diag.message_primary or str(e))


# --- SQLAlchemy --------------------------------------------------------------------------------------------

def _sa_canon(value, dialect):
    from sqlalchemy.types import TypeEngine
    if isinstance(value, TypeEngine):
        return {"$sqltype": value.compile(dialect=dialect)}
    if isinstance(value, dict):
        return {str(k): _sa_canon(v, dialect) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_sa_canon(v, dialect) for v in value]
    return canon(value)


def sqlalchemy_workload(engine, on_phase=None):
    """The inspector calls of a DataHub SQL source (and a few text() queries); returns canonical entries.
    on_phase("catalog") is called before the inspector, on_phase("data") before the text() queries."""
    from sqlalchemy import bindparam, inspect, text
    out = []
    on_phase = on_phase or (lambda phase: None)
    dialect = engine.dialect

    def call(sid, fn, *args, **kw):
        try:
            value = fn(*args, **kw)
        except Exception as e:  # noqa: BLE001 - a failed call is part of the result
            out.append({"id": sid, "value": None, "error": f"{type(e).__name__}: {e}".splitlines()[0]})
            return None
        out.append({"id": sid, "value": _sa_canon(value, dialect), "error": None})
        return value

    on_phase("catalog")
    insp = inspect(engine)
    schemas = call("sa:schemas", insp.get_schema_names) or []
    for schema in [s for s in schemas if s in SCHEMAS or s == WIDE_SCHEMA]:
        tables = call(f"sa:tables:{schema}", insp.get_table_names, schema=schema) or []
        views = call(f"sa:views:{schema}", insp.get_view_names, schema=schema) or []
        for table in tables:
            name = f"{schema}.{table}"
            call(f"sa:columns:{name}", insp.get_columns, table, schema=schema)
            call(f"sa:pk:{name}", insp.get_pk_constraint, table, schema=schema)
            call(f"sa:fks:{name}", insp.get_foreign_keys, table, schema=schema)
            call(f"sa:indexes:{name}", insp.get_indexes, table, schema=schema)
            call(f"sa:unique:{name}", insp.get_unique_constraints, table, schema=schema)
            call(f"sa:comment:{name}", insp.get_table_comment, table, schema=schema)
        for view in views:
            name = f"{schema}.{view}"
            call(f"sa:columns:{name}", insp.get_columns, view, schema=schema)
            call(f"sa:viewdef:{name}", insp.get_view_definition, view, schema=schema)
            call(f"sa:comment:{name}", insp.get_table_comment, view, schema=schema)

    queries = [
        ("sa:text:orders_since", text("SELECT count(*) AS n, min(ordered_at) AS first FROM sales.orders "
                                      "WHERE ordered_at >= :since"),
         {"since": dt.datetime(2024, 3, 1, 12, 0, 0)}),
        ("sa:text:customers_in", text("SELECT id, name, country FROM crm.customers WHERE id IN :ids ORDER BY id")
         .bindparams(bindparam("ids", expanding=True)), {"ids": [1, 3, 5]}),
        ("sa:text:typed_amount", text("SELECT id, amount, d, flag FROM sales.typed_values "
                                      "WHERE amount > :m AND flag = :f ORDER BY id"),
         {"m": Decimal("100.25"), "f": True}),
        ("sa:text:typed_all", text("SELECT * FROM sales.typed_values ORDER BY id"), {}),
    ]
    on_phase("data")
    with engine.connect() as conn:
        for sid, clause, params in queries:
            try:
                result = conn.execute(clause, params)
                columns = list(result.keys())
                types = [d[1] for d in result.cursor.description] if result.cursor is not None else None
                rows = [canon(list(r)) for r in result.fetchall()]
                out.append(result_entry(sid, str(clause), columns=columns, types=types, rows=rows,
                                        rowcount=result.rowcount))
            except Exception as e:  # noqa: BLE001
                out.append(result_entry(sid, str(clause), error=str(e).splitlines()[0]))
    return out


def sqlalchemy_url(url):
    """postgresql://… as SQLAlchemy's postgresql+psycopg2://…"""
    return "postgresql+psycopg2://" + url.split("://", 1)[1]


def run_sqlalchemy(url, seed):
    from sqlalchemy import create_engine
    engine = create_engine(sqlalchemy_url(url), connect_args={"connect_timeout": 10})
    try:
        return sqlalchemy_workload(engine)
    finally:
        engine.dispose()


# --- psql --------------------------------------------------------------------------------------------------

def mogrified(url, seed):
    """Every step's text as psycopg2 sends it (mogrify sends nothing to the server)."""
    psycopg2 = _psycopg2()
    conn = psycopg2.connect(url, connect_timeout=10)
    try:
        cur = conn.cursor()
        return {s.id: cur.mogrify(s.sql, s.params).decode("utf-8") for s in steps(seed)}
    finally:
        conn.close()


def _psql(url, sql):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", PGCLIENTENCODING="UTF8", PGCONNECT_TIMEOUT="10")
    env.pop("PGOPTIONS", None)
    proc = subprocess.run(["psql", "-X", "-q", "-A", "-F", "\x1f", "-0", "-P", f"null={PSQL_NULL}", "-P", "footer=on",
                           "-d", url, "-c", sql], capture_output=True, env=env, timeout=SUBPROCESS_TIMEOUT)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def parse_psql(stdout):
    """Unaligned output, fields split by U+001F, records by NUL: header, rows, '(n rows)' per result."""
    results, current = [], None
    records = stdout.split("\0")
    if records and records[-1] == "":
        records.pop()
    for record in records:
        if current is None:
            current = {"columns": record.split("\x1f"), "rows": []}
            continue
        footer = record.strip()
        if footer.startswith("(") and footer.endswith(")") and footer[1:-1].split(" ")[-1] in ("row", "rows") \
                and footer[1:-1].split(" ")[0].isdigit():
            current["rowcount"] = int(footer[1:-1].split(" ")[0])
            results.append(current)
            current = None
            continue
        current["rows"].append([None if v == PSQL_NULL else v for v in record.split("\x1f")])
    if current is not None:
        current["rowcount"] = None
        results.append(current)
    return results


def _psql_error(stderr):
    for line in stderr.splitlines():
        if line.startswith("ERROR:"):
            return line[len("ERROR:"):].strip()
    return stderr.strip() or "psql failed"


def run_psql(url, seed):
    texts = mogrified(url, seed)
    out = []
    for step in steps(seed):
        rc, stdout, stderr = _psql(url, texts[step.id])
        parsed = parse_psql(stdout)
        if rc != 0:
            out.append(result_entry(step.id, texts[step.id], error=_psql_error(stderr)))
        elif len(parsed) != 1:
            out.append(result_entry(step.id, texts[step.id], error=f"psql printed {len(parsed)} results"))
        else:
            out.append(result_entry(step.id, texts[step.id], **parsed[0]))
    for mid, ids in PSQL_MULTI:
        sql = "; ".join(texts[i] for i in ids)
        rc, stdout, stderr = _psql(url, sql)
        parsed = parse_psql(stdout)
        for n, sid in enumerate(ids):
            entry_id = f"{mid}:{sid}"
            if n < len(parsed):
                out.append(result_entry(entry_id, texts[sid], **parsed[n]))
            else:
                out.append(result_entry(entry_id, texts[sid],
                                        error=_psql_error(stderr) if rc != 0 else "no result printed"))
    return out


# --- libpq through ctypes ----------------------------------------------------------------------------------

PGRES_COMMAND_OK, PGRES_TUPLES_OK = 1, 2
CONNECTION_OK = 0
PG_DIAG_MESSAGE_PRIMARY = ord("M")


def _libpq():
    pq = ctypes.CDLL("libpq.so.5")
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    sig = {
        "PQconnectdb": (vp, [cp]), "PQstatus": (ci, [vp]), "PQerrorMessage": (cp, [vp]), "PQfinish": (None, [vp]),
        "PQexecParams": (vp, [vp, cp, ci, vp, ctypes.POINTER(cp), vp, vp, ci]),
        "PQprepare": (vp, [vp, cp, cp, ci, vp]),
        "PQexecPrepared": (vp, [vp, cp, ci, ctypes.POINTER(cp), vp, vp, ci]),
        "PQdescribePrepared": (vp, [vp, cp]), "PQresultStatus": (ci, [vp]), "PQresultErrorField": (cp, [vp, ci]),
        "PQresultErrorMessage": (cp, [vp]), "PQntuples": (ci, [vp]), "PQnfields": (ci, [vp]),
        "PQfname": (cp, [vp, ci]), "PQftype": (ctypes.c_uint, [vp, ci]), "PQgetisnull": (ci, [vp, ci, ci]),
        "PQgetvalue": (vp, [vp, ci, ci]), "PQgetlength": (ci, [vp, ci, ci]), "PQcmdTuples": (cp, [vp]),
        "PQnparams": (ci, [vp]), "PQclear": (None, [vp]),
    }
    for name, (restype, argtypes) in sig.items():
        fn = getattr(pq, name)
        fn.restype, fn.argtypes = restype, argtypes
    return pq


def dollar_sql(step):
    """The step's template with $n placeholders (named parameters numbered by first use, repeats share one),
    and its parameter values in $n order."""
    sql, out, values, names = step.sql, [], [], {}
    i = 0
    positional = list(step.params) if isinstance(step.params, (tuple, list)) else []
    while i < len(sql):
        if sql.startswith("%%", i):
            out.append("%")
            i += 2
        elif sql.startswith("%s", i):
            values.append(positional[len(values)])
            out.append(f"${len(values)}")
            i += 2
        elif sql.startswith("%(", i):
            end = sql.index(")s", i)
            name = sql[i + 2:end]
            if name not in names:
                values.append(step.params[name])
                names[name] = len(values)
            out.append(f"${names[name]}")
            i = end + 2
        else:
            out.append(sql[i])
            i += 1
    return "".join(out), values


def _array_literal(values):
    items = []
    for v in values:
        if v is None:
            items.append("NULL")
        elif isinstance(v, str):
            items.append('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            items.append(_text_param(v))
    return "{" + ",".join(items) + "}"


def _text_param(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (bytes, bytearray)):
        return "\\x" + bytes(value).hex()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return _array_literal(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


class LibPq:
    def __init__(self, url):
        self.pq = _libpq()
        os.environ.setdefault("PGCONNECT_TIMEOUT", "10")
        self.conn = self.pq.PQconnectdb(url.encode())
        if self.pq.PQstatus(self.conn) != CONNECTION_OK:
            message = self.pq.PQerrorMessage(self.conn).decode("utf-8", "replace")
            self.pq.PQfinish(self.conn)
            raise RuntimeError(f"libpq: cannot connect: {message.strip()}")

    def close(self):
        self.pq.PQfinish(self.conn)

    @staticmethod
    def _values(values):
        texts = [None if v is None else _text_param(v).encode("utf-8") for v in values]
        return (ctypes.c_char_p * max(1, len(texts)))(*texts), len(texts)

    def exec_params(self, sql, values):
        array, n = self._values(values)
        return self.pq.PQexecParams(self.conn, sql.encode("utf-8"), n, None, array, None, None, 0)

    def prepare(self, name, sql, nparams):
        return self.pq.PQprepare(self.conn, name.encode(), sql.encode("utf-8"), nparams, None)

    def exec_prepared(self, name, values):
        array, n = self._values(values)
        return self.pq.PQexecPrepared(self.conn, name.encode(), n, array, None, None, 0)

    def result(self, res, sid, statement):
        pq = self.pq
        try:
            status = pq.PQresultStatus(res)
            if status not in (PGRES_COMMAND_OK, PGRES_TUPLES_OK):
                message = pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                if not message:
                    message = pq.PQresultErrorMessage(res) or b"libpq: no result"
                return result_entry(sid, statement, error=message.decode("utf-8", "replace").strip())
            nfields, ntuples = pq.PQnfields(res), pq.PQntuples(res)
            columns = [pq.PQfname(res, c).decode("utf-8") for c in range(nfields)]
            types = [pq.PQftype(res, c) for c in range(nfields)]
            rows = []
            for r in range(ntuples):
                row = []
                for c in range(nfields):
                    if pq.PQgetisnull(res, r, c):
                        row.append(None)
                    else:
                        raw = ctypes.string_at(pq.PQgetvalue(res, r, c), pq.PQgetlength(res, r, c))
                        row.append(raw.decode("utf-8"))
                rows.append(row)
            tuples = pq.PQcmdTuples(res).decode()
            return result_entry(sid, statement, columns=columns, types=types, rows=rows,
                                rowcount=int(tuples) if tuples else None)
        finally:
            pq.PQclear(res)

    def describe(self, name, sid, statement):
        pq = self.pq
        res = pq.PQdescribePrepared(self.conn, name.encode())
        try:
            if pq.PQresultStatus(res) != PGRES_COMMAND_OK:
                message = pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) or b"describe failed"
                return result_entry(sid, statement, error=message.decode("utf-8", "replace"))
            nfields = pq.PQnfields(res)
            return result_entry(sid, statement, columns=[pq.PQfname(res, c).decode("utf-8") for c in range(nfields)],
                                types=[pq.PQftype(res, c) for c in range(nfields)], nparams=pq.PQnparams(res))
        finally:
            pq.PQclear(res)


def run_libpq(url, seed):
    by_id = {s.id: s for s in steps(seed)}
    client = LibPq(url)
    out = []
    try:
        for step in by_id.values():
            if not step.libpq:
                continue
            sql, values = dollar_sql(step)
            out.append(client.result(client.exec_params(sql, values), step.id, sql))
        for pid, ids in LIBPQ_PREPARED:
            sql, values = dollar_sql(by_id[ids[0]])
            name = f"tapedeck_{pid.lower()}"
            res = client.prepare(name, sql, len(values))
            entry = client.result(res, f"{pid}#prepare", sql)
            out.append({"id": entry["id"], "statement": sql, "error": entry["error"]})
            out.append(client.describe(name, f"{pid}#describe", sql))
            for n, sid in enumerate(ids, 1):
                _, values = dollar_sql(by_id[sid])
                out.append(client.result(client.exec_prepared(name, values), f"{pid}#exec{n}:{sid}", sql))
    finally:
        client.close()
    return out


CLIENTS = {"psycopg2": run_psycopg2, "sqlalchemy": run_sqlalchemy, "psql": run_psql, "libpq": run_libpq}


def run_client(client, url, seed):
    return {"client": client, "seed": seed, "results": CLIENTS[client](url, seed)}


def dump(result, path):
    text = json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return text


# --- compare -----------------------------------------------------------------------------------------------

def _show(value):
    return json.dumps(value, ensure_ascii=False)


def _diff_value(exp, act, where, out):
    if type(exp) is not type(act):
        note = ""
        if (exp is None and act == "") or (exp == "" and act is None):
            note = " (NULL vs empty string)"
        elif exp is None or act is None:
            note = " (NULL vs value)"
        out.append(f"{where}: expected {_show(exp)}, got {_show(act)}{note}")
    elif isinstance(exp, dict):
        for key in sorted(set(exp) | set(act)):
            if key not in act:
                out.append(f"{where}: key {key!r} missing")
            elif key not in exp:
                out.append(f"{where}: unexpected key {key!r} = {_show(act[key])}")
            else:
                _diff_value(exp[key], act[key], f"{where}.{key}", out)
    elif isinstance(exp, list):
        if len(exp) != len(act):
            out.append(f"{where}: expected {len(exp)} items, got {len(act)}")
        for i, (e, a) in enumerate(zip(exp, act)):
            _diff_value(e, a, f"{where}[{i}]", out)
    elif exp != act:
        out.append(f"{where}: expected {_show(exp)}, got {_show(act)}")


def _diff_entry(exp, act, out):
    sid = exp["id"]
    for key in sorted(set(exp) | set(act)):
        if key in ("id", "statement"):
            continue
        e, a = exp.get(key), act.get(key)
        if key == "rows" and isinstance(e, list) and isinstance(a, list):
            columns = exp.get("columns") or []
            if len(e) != len(a):
                out.append(f"{sid}: expected {len(e)} rows, got {len(a)}")
            for r, (erow, arow) in enumerate(zip(e, a)):
                if not isinstance(erow, list) or not isinstance(arow, list) or len(erow) != len(arow):
                    _diff_value(erow, arow, f"{sid} row {r}", out)
                    continue
                for c, (ev, av) in enumerate(zip(erow, arow)):
                    name = columns[c] if c < len(columns) else str(c)
                    _diff_value(ev, av, f"{sid} row {r} column {name!r}", out)
        else:
            _diff_value(e, a, f"{sid} {key}", out)


def compare(expected, actual):
    """Every difference between two canonical results, as lines."""
    out = []
    if expected.get("client") != actual.get("client"):
        out.append(f"client: expected {expected.get('client')}, got {actual.get('client')}")
    exp = {e["id"]: e for e in expected["results"]}
    act = {e["id"]: e for e in actual["results"]}
    for sid in exp:
        if sid not in act:
            out.append(f"{sid}: missing")
        else:
            _diff_entry(exp[sid], act[sid], out)
    for sid in act:
        if sid not in exp:
            out.append(f"{sid}: not expected")
    if [e["id"] for e in expected["results"] if e["id"] in act] != [e["id"] for e in actual["results"] if e["id"] in exp]:
        out.append("order of results differs")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("client", choices=sorted(CLIENTS) + ["compare"])
    parser.add_argument("url", help="libpq URI of the database (or, for compare, the expected JSON)")
    parser.add_argument("actual", nargs="?", help="compare: the actual JSON")
    parser.add_argument("--seed", type=int, default=1, help="the fixture's seed (default 1)")
    parser.add_argument("--out", help="write the canonical JSON here (default: stdout)")
    args = parser.parse_args(argv)
    if args.client == "compare":
        if not args.actual:
            parser.error("compare EXPECTED ACTUAL")
        with open(args.url, encoding="utf-8") as f:
            expected = json.load(f)
        with open(args.actual, encoding="utf-8") as f:
            actual = json.load(f)
        diffs = compare(expected, actual)
        for line in diffs:
            print(line)
        print(f"{expected.get('client')}: {len(expected['results'])} results, "
              f"{'identical' if not diffs else f'{len(diffs)} difference(s)'}")
        return 1 if diffs else 0
    text = dump(run_client(args.client, args.url, args.seed), args.out)
    if not args.out:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
