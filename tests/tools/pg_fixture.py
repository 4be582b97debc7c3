#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Records a PostgreSQL replay fixture from a real PostgreSQL 15, the way DataHub records a Postgres source.

    pg_fixture.py record OUTDIR [--seed N] [--wide-tables N] [--keep-db]
    pg_fixture.py stop OUTDIR          stops a cluster left running by --keep-db

Starts a throwaway cluster (pgcluster.py), creates schemas `crm` and `sales` (every type the replay must
render, NULLs in every column, views, a foreign key across schemas, indexes, comments; `--wide-tables N`
adds N more tables in schema `wide`), then runs the workload of pg_workload.py through a recorder with
DataHub's db_proxy semantics (datahub-project/datahub metadata-ingestion/src/datahub/ingestion/recording/
db_proxy.py at c3f95994): per `cursor.execute(query, parameters)` it executes, reads `description` and
`rowcount`, `fetchall()`s, turns tuples into dicts by column name (`{"row": [...]}` without a description),
and writes `json.dumps({query, parameters, results, row_count, description, error})` + "\\n", values through
DataHub's `_serialize_value` (datetime/date as {"__type__", "__value__"}, Decimal as float, bytes as base64,
lists/tuples as lists, anything else as `str()` — so psycopg2's `Column` objects become
"Column(name='id', type_code=23)"); a failed execute writes `error` = str(exception) and re-raises.
The recorder is a psycopg2 connection/cursor subclass, so SQLAlchemy (create_engine(creator=…)) runs on it
unchanged, as DataHub's Postgres source runs on SQLAlchemy + psycopg2.

Two deliberate differences from DataHub's CursorProxy, neither visible in queries.jsonl:
- after recording, the rows are handed back to the caller (the cursor is scrolled back); DataHub's proxy
  forwards fetch*() to the already drained cursor, so its caller gets no rows from fetchall();
- the recording connection reads bytea as bytes (a psycopg2 typecaster): plain psycopg2 returns memoryview,
  which DataHub's `_serialize_value` writes as "<memory at 0x…>" (unreplayable, different on every run).

What DataHub's format cannot carry, and so the workload avoids (replayed answers could not equal the real
ones): numeric trailing zeros (Decimal → float: the fixture's numerics end in a non-zero digit), duplicate
column names (rows are dicts), month intervals (timedelta), json text layout other than json.dumps'
(the json values are inserted as json.dumps writes them), SQLSTATE codes (only str(exception) is kept).

Writes OUTDIR/queries.jsonl (DataHub's bytes), OUTDIR/statements.jsonl (per recorded line: the text
psycopg2 sent, `cursor.query`, and the statement class: setup, catalog or data), OUTDIR/expected/<client>.json
(pg_workload.py's four clients against the real database, after the recording), OUTDIR/manifest.json,
OUTDIR/recipe.yaml and OUTDIR/recording.zip (manifest.json, recipe.yaml, db/queries.jsonl; AES-256/LZMA,
password `replay-test`, written by aeszip.write_archive as pyzipper writes DataHub's archives).
Deterministic for a seed, except what the database makes (the recipe's port, now()).
"""
import argparse
import datetime as dt
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import psycopg2  # noqa: E402
import psycopg2.extensions  # noqa: E402
import yaml  # noqa: E402

import pg_workload  # noqa: E402
from datahub_db import serialize_params, serialize_value  # noqa: E402
from pgcluster import PgCluster  # noqa: E402

PASSWORD = "replay-test"
USER = "tapedeck"
REPLAY_DUMMY = "__REPLAY_DUMMY__"
RUN_ID = "postgres-2026_01_05-10_00_00-fixture"
RECORDING_START = dt.datetime(2026, 1, 5, 10, 0, 0, 125000, tzinfo=dt.timezone.utc)
DATAHUB_CLI_VERSION = "1.3.1.2"


# --- DataHub's serialisation: datahub_db.py --------------------------------------------------------------------

def replay_key(query, parameters):
    """QueryRecording.get_key (DataHub's exact replay key), for reports and checks."""
    parts = [query]
    if parameters:
        parts.append(json.dumps(serialize_params(parameters), sort_keys=True))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class QueryLog:
    """QueryRecorder in recording mode: one json.dumps line per execute, written and flushed at once."""

    def __init__(self, folder):
        self.path = Path(folder) / "queries.jsonl"
        self.file = open(self.path, "w", encoding="utf-8")
        self.sent = open(Path(folder) / "statements.jsonl", "w", encoding="utf-8")
        self.statement_class = "setup"
        self.count = 0

    def record(self, query, parameters, results=(), row_count=None, description=None, error=None, sent=None):
        line = {
            "query": query,
            "parameters": serialize_params(parameters),
            "results": [serialize_value(row) for row in results],
            "row_count": row_count,
            "description": serialize_value(description),
            "error": error,
        }
        self.file.write(json.dumps(line) + "\n")
        self.file.flush()
        if isinstance(sent, bytes):
            sent = sent.decode("utf-8")
        self.sent.write(json.dumps({"index": self.count, "class": self.statement_class, "sent": sent,
                                    "error": error is not None, "key": replay_key(query, parameters)},
                                   ensure_ascii=False) + "\n")
        self.sent.flush()
        self.count += 1

    def close(self):
        self.file.close()
        self.sent.close()


def _bytea_as_bytes(value, cursor):
    raw = psycopg2.BINARY(value, cursor)
    return None if raw is None else bytes(raw)


BYTEA_AS_BYTES = psycopg2.extensions.new_type(psycopg2.BINARY.values, "BYTEA_AS_BYTES", _bytea_as_bytes)


class RecordingCursor(psycopg2.extensions.cursor):
    """CursorProxy._record_execute's semantics on a real psycopg2 cursor."""

    def execute(self, query, parameters=None):
        log = self.connection.query_log
        try:
            if parameters is not None:
                super().execute(query, parameters)
            else:
                super().execute(query)
            description = self.description
            row_count = self.rowcount
            results = []
            try:
                fetched = super().fetchall()
                if fetched:
                    if isinstance(fetched[0], dict):
                        results = fetched
                    elif description:
                        names = [d[0] for d in description]
                        results = [dict(zip(names, row)) for row in fetched]
                    else:
                        results = [{"row": list(row)} for row in fetched]
            except (AttributeError, TypeError, RuntimeError):
                pass
            log.record(query, parameters, results, row_count, description, sent=self.query)
        except Exception as e:
            log.record(query, parameters, error=str(e), sent=self.query)
            raise
        if self.name is None and results:
            self.scroll(0, mode="absolute")  # the caller still gets the rows (see the module comment)

    def executemany(self, query, vars_list):
        raise NotImplementedError("the fixture's workload does not use executemany")


class RecordingConnection(psycopg2.extensions.connection):
    """ConnectionProxy: every cursor records, whatever cursor_factory the caller asks for (psycopg2's own
    HstoreAdapter.get_oids, which SQLAlchemy calls on connect, asks for the base cursor class)."""

    _recording_classes = {}

    def __init__(self, dsn, *args, **kwargs):
        super().__init__(dsn, *args, **kwargs)
        self.query_log = None
        psycopg2.extensions.register_type(BYTEA_AS_BYTES, self)

    def cursor(self, *args, cursor_factory=None, **kwargs):
        factory = cursor_factory or RecordingCursor
        if not issubclass(factory, RecordingCursor):
            factory = self._recording_classes.setdefault(
                factory, type(f"Recording{factory.__name__}", (RecordingCursor, factory), {}))
        return super().cursor(*args, cursor_factory=factory, **kwargs)


def recording_connect(dsn, log):
    conn = psycopg2.connect(dsn, connection_factory=RecordingConnection)
    conn.query_log = log
    return conn


# --- the recorded run ----------------------------------------------------------------------------------------

def create_schema(pg, seed, wide_tables):
    admin = psycopg2.connect(pg.dsn("postgres"))
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {pg_workload.DATABASE} ENCODING 'UTF8' TEMPLATE template0")
    admin.close()
    conn = psycopg2.connect(pg.dsn(pg_workload.DATABASE))
    with conn, conn.cursor() as cur:
        cur.execute(pg_workload.SCHEMA_DDL)
        if wide_tables:
            cur.execute(pg_workload.wide_ddl(wide_tables))
        pg_workload.load_data(cur, pg_workload.fixture_data(seed))
    with conn.cursor() as cur:
        conn.autocommit = True
        cur.execute("ANALYZE")
    conn.close()


def record_workload(pg, seed, log):
    from sqlalchemy import create_engine
    dsn = pg.dsn(pg_workload.DATABASE)
    # SQLAlchemy: the inspector and text() queries; its connect-time queries are recorded as "setup".
    log.statement_class = "setup"
    engine = create_engine("postgresql+psycopg2://", creator=lambda: recording_connect(dsn, log))
    try:
        with engine.connect():
            pass
        pg_workload.sqlalchemy_workload(engine, on_phase=lambda phase: setattr(log, "statement_class", phase))
    finally:
        engine.dispose()

    # psycopg2: DataHub-style catalog queries and the data steps. The duplicate step is recorded once
    # before an update (made outside the recording) and once more after it.
    conn = recording_connect(dsn, log)
    other = psycopg2.connect(dsn)
    try:
        all_steps = pg_workload.steps(seed)
        duplicate = next(s for s in all_steps if s.id == pg_workload.DUPLICATE_STEP)
        log.statement_class = "data"
        conn.cursor().execute(duplicate.sql, duplicate.params)
        conn.commit()
        with other, other.cursor() as cur:
            cur.execute(pg_workload.duplicate_update_sql())
        for step in all_steps:
            log.statement_class = step.kind
            try:
                conn.cursor().execute(step.sql, step.params)
            except psycopg2.Error:
                if step.id != pg_workload.FAILING_STEP:
                    raise
                conn.rollback()
        conn.commit()
    finally:
        conn.close()
        other.close()


def make_recipe(port):
    return {
        "pipeline_name": "postgres-replay-fixture",
        "source": {
            "type": "postgres",
            "config": {
                "host_port": f"127.0.0.1:{port}",
                "database": pg_workload.DATABASE,
                "username": USER,
                "password": REPLAY_DUMMY,
                "schema_pattern": {"allow": ["crm", "sales", "wide"]},
                "include_tables": True,
                "include_views": True,
                "profiling": {"enabled": True, "profile_table_level_only": False},
                "stateful_ingestion": {"enabled": False},
            },
        },
        "sink": {"type": "datahub-rest", "config": {"server": "http://localhost:8080", "token": REPLAY_DUMMY}},
        "recording": {"enabled": True, "password": REPLAY_DUMMY, "s3_upload": False},
    }


def make_manifest(queries_path):
    created = RECORDING_START + dt.timedelta(seconds=4, microseconds=311000)
    python = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    return {  # ArchiveManifest.to_dict() key order; checksums only of the files present
        "format_version": "1.0.0",
        "run_id": RUN_ID,
        "source_type": "postgres",
        "sink_type": "datahub-rest",
        "datahub_cli_version": DATAHUB_CLI_VERSION,
        "python_version": python,
        "created_at": created.isoformat(),
        "checksums": {"db/queries.jsonl": hashlib.sha256(queries_path.read_bytes()).hexdigest()},
        "recording_start_time": RECORDING_START.isoformat(),
    }


def write_expected(url, seed, folder):
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for client in pg_workload.CLIENTS:
        result = pg_workload.run_client(client, url, seed)
        pg_workload.dump(result, folder / f"{client}.json")
        counts[client] = len(result["results"])
    return counts


def record(outdir, seed=1, wide_tables=0, keep_db=False, expected=True, log=print):
    """Records the fixture into outdir. Returns (summary dict, the running PgCluster if keep_db else None)."""
    from aeszip import write_archive
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("queries.jsonl", "statements.jsonl", "recording.zip", "manifest.json", "recipe.yaml", "cluster.json"):
        (out / stale).unlink(missing_ok=True)
    shutil.rmtree(out / "expected", ignore_errors=True)
    # The cluster lives in its own folder under /tmp: OUTDIR's parents need not be open to the cluster's
    # user (nobody, when run as root).
    pg = PgCluster(user=USER)
    summary = {"seed": seed, "wide_tables": wide_tables}
    try:
        started = time.monotonic()
        pg.start()
        create_schema(pg, seed, wide_tables)
        summary["schema_seconds"] = round(time.monotonic() - started, 2)
        qlog = QueryLog(out)
        try:
            record_workload(pg, seed, qlog)
        finally:
            qlog.close()
        summary["recorded"] = qlog.count
        summary["url"] = pg.uri(pg_workload.DATABASE)
        if expected:
            summary["expected"] = write_expected(pg.uri(pg_workload.DATABASE), seed, out / "expected")
        manifest_text = json.dumps(make_manifest(qlog.path), indent=2)
        recipe_text = yaml.dump(make_recipe(pg.port), default_flow_style=False)
        (out / "manifest.json").write_text(manifest_text, encoding="utf-8")
        (out / "recipe.yaml").write_text(recipe_text, encoding="utf-8")
        write_archive(str(out / "recording.zip"), PASSWORD,
                      [("manifest.json", manifest_text.encode("utf-8")), ("recipe.yaml", recipe_text.encode("utf-8")),
                       ("db/queries.jsonl", qlog.path.read_bytes())],
                      method="lzma", strength=3, ae_version=1, encrypt=True)
        log(f"recorded {qlog.count} queries into {out / 'queries.jsonl'}; archive {out / 'recording.zip'} "
            f"(password {PASSWORD})")
        if keep_db:
            (out / "cluster.json").write_text(json.dumps({"folder": pg.folder, "port": pg.port, "url": summary["url"]}),
                                              encoding="utf-8")
            return summary, pg
    except BaseException:
        pg.remove()
        raise
    pg.remove()
    return summary, None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="record a fixture into OUTDIR")
    rec.add_argument("outdir")
    rec.add_argument("--seed", type=int, default=1)
    rec.add_argument("--wide-tables", type=int, default=0, help="extra tables in schema `wide` (a larger catalog)")
    rec.add_argument("--keep-db", action="store_true",
                     help="leave the cluster running (OUTDIR/cluster.json) and print its URL (stop with `stop OUTDIR`)")
    stop = sub.add_parser("stop", help="stop and remove the cluster a --keep-db run left (OUTDIR/cluster.json)")
    stop.add_argument("outdir")
    args = parser.parse_args(argv)
    if args.command == "stop":
        info_path = Path(args.outdir) / "cluster.json"
        info = json.loads(info_path.read_text(encoding="utf-8"))
        PgCluster(folder=info["folder"], port=info["port"]).remove()
        info_path.unlink()
        return 0
    summary, pg = record(args.outdir, args.seed, args.wide_tables, args.keep_db)
    for client, count in summary.get("expected", {}).items():
        print(f"expected/{client}.json: {count} results")
    if pg:
        print(f"database left running: {summary['url']}  (stop: {sys.argv[0]} stop {args.outdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
