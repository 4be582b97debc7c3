#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Benchmark: a recorded Postgres-source workload answered by the real PostgreSQL 15 and by Tapedeck's replay.

A fixture is recorded for real (tests/tools/pg_fixture.py) with a larger catalog (`--tables`, default 200
extra tables with keys, foreign keys, indexes and comments, so SQLAlchemy's reflection queries work on a
realistic pg_catalog) and the database is kept running. The recorded statements, as psycopg2 sent them,
are split into two classes — catalog (SQLAlchemy's connect-time and reflection queries, DataHub's
information_schema/pg_catalog look-ups) and data (profiling SELECTs and parameterised look-ups) — and each
class becomes a pgbench script in which one transaction is one statement picked at random (`\\set r
random(1, N)` and a binary tree of `\\if`, so picking costs ~log2 N comparisons, not N).

pgbench (Debian 12, postgresql-client-15) then runs each class for `--duration` seconds after a warm-up,
`-n -f SCRIPT -c CLIENTS -j THREADS -M MODE -r --log`, against the real PostgreSQL and then against
`tapedeck-cli replay REC --password replay-test` in serve mode (its TAPEDECK_POSTGRES_URL), on the same
machine, in one run. Statements/s come from pgbench's tps; p50/p99 latency from its per-transaction logs
(`--log`); `-r` gives each statement's mean latency (the slowest is printed). Before measuring the replay,
a sample of recorded statements is answered by it and compared with the real database's answers (column
names, type OIDs, rows, errors): a fast wrong answer does not count. Timings are never pass/fail; the
exit status is 1 only when an answer was wrong or a pgbench run failed.

Prints "tapedeck replay: not available" when the build has no PostgreSQL endpoint (no
TAPEDECK_POSTGRES_URL among the exports), so the real side can be measured on its own.
"""
import argparse
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "tools"))

import pg_fixture  # noqa: E402
import pg_workload  # noqa: E402
from pg_replay_check import PGBENCH_VARIABLE, ReplayServer  # noqa: E402

CLASSES = ("catalog", "data")


def load_statements(fixture, mode):
    """Distinct recorded statements that succeeded, as sent, by class (setup counts as catalog). In extended
    and prepared mode pgbench would turn a `:name` in the text into a parameter: such statements are left out."""
    by_class = {c: [] for c in CLASSES}
    seen = set()
    for line in (fixture / "statements.jsonl").read_text(encoding="utf-8").splitlines():
        s = json.loads(line)
        text = s["sent"].strip().rstrip(";").strip()
        if s["error"] or text in seen or (mode != "simple" and PGBENCH_VARIABLE.search(text)):
            continue
        seen.add(text)
        by_class["data" if s["class"] == "data" else "catalog"].append(text)
    return by_class


def write_script(path, statements):
    out = [f"\\set r random(1, {len(statements)})"]

    def tree(lo, hi):
        if lo == hi:
            out.append(statements[lo - 1] + ";")
            return
        mid = (lo + hi) // 2
        out.append(f"\\if :r <= {mid}")
        tree(lo, mid)
        out.append("\\else")
        tree(mid + 1, hi)
        out.append("\\endif")

    tree(1, len(statements))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def answer(url, statements):
    """Canonical answers (psycopg2, autocommit) to each statement text."""
    import psycopg2
    conn = psycopg2.connect(url, connect_timeout=10)
    conn.autocommit = True
    out = []
    try:
        for text in statements:
            cur = conn.cursor()
            try:
                cur.execute(text)
                out.append({"columns": [c.name for c in cur.description] if cur.description else None,
                            "types": [c.type_code for c in cur.description] if cur.description else None,
                            "rows": [pg_workload.canon(list(r)) for r in cur.fetchall()] if cur.description else None,
                            "error": None})
            except psycopg2.Error as e:
                out.append({"error": e.diag.message_primary or str(e)})
            cur.close()
    finally:
        conn.close()
    return out


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(p / 100 * len(values) + 0.5)) - 1))]


def run_pgbench(url, script, args, seconds, log_prefix=None):
    cmd = ["pgbench", "-n", "-f", str(script), "-c", str(args.clients), "-j", str(args.threads), "-T", str(seconds),
           "-M", args.mode, "--random-seed", "7"]
    if log_prefix:
        cmd += ["-r", "--log", f"--log-prefix={log_prefix}"]
    cmd.append(url)
    env = dict(os.environ, PGCONNECT_TIMEOUT="10", LC_ALL="C.UTF-8")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120, env=env,
                          cwd=os.path.dirname(log_prefix) if log_prefix else None)
    text = proc.stdout + proc.stderr
    errors = [line for line in text.splitlines() if "error" in line.lower()]
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", text)
    if proc.returncode != 0 or errors or not tps:
        return {"error": (errors or [f"pgbench exit {proc.returncode}"])[0][:300]}
    result = {"tps": float(tps.group(1)), "error": None}
    if log_prefix:
        latencies = []
        for path in glob.glob(log_prefix + ".*"):
            with open(path) as f:
                latencies += [int(line.split()[2]) for line in f if line.strip()]
        result["p50_ms"] = percentile(latencies, 50) / 1000
        result["p99_ms"] = percentile(latencies, 99) / 1000
        result["transactions"] = len(latencies)
        # -r: "   latency   failures  command"; the SQL lines (not \set/\if/\else/\endif), slowest first.
        per_statement = []
        for line in text.splitlines():
            m = re.match(r"\s+([\d.]+)\s+\d+\s+(.*)$", line)
            if m and not m.group(2).startswith("\\"):
                per_statement.append((float(m.group(1)), m.group(2)))
        per_statement.sort(reverse=True)
        result["slowest"] = per_statement[0] if per_statement else None
    return result


def measure(label, url, scripts, args, work):
    results = {}
    for cls in CLASSES:
        print(f"{label}, {cls}: warming up ({args.warmup} s)…", flush=True)
        warm = run_pgbench(url, scripts[cls], args, args.warmup)
        if warm.get("error"):
            results[cls] = warm
            print(f"{label}, {cls}: {warm['error']}", file=sys.stderr)
            continue
        print(f"{label}, {cls}: measuring ({args.duration} s)…", flush=True)
        prefix = str(work / f"log-{label.split()[0]}-{cls}")
        for old in glob.glob(prefix + ".*"):
            os.unlink(old)
        results[cls] = run_pgbench(url, scripts[cls], args, args.duration, prefix)
        if results[cls].get("error"):
            print(f"{label}, {cls}: {results[cls]['error']}", file=sys.stderr)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", help="tapedeck-cli to measure (default: build/release, else build/dev)")
    parser.add_argument("--tables", type=int, default=200, help="extra tables in the recorded catalog")
    parser.add_argument("--clients", type=int, default=4, help="pgbench -c")
    parser.add_argument("--threads", type=int, default=2, help="pgbench -j")
    parser.add_argument("--mode", default="simple", choices=("simple", "extended", "prepared"), help="pgbench -M")
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per class and side")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per class and side")
    parser.add_argument("--sample", type=int, default=100, help="statements checked against the real answers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", default="/tmp/tapedeck-bench/pg", help="work folder (fixture, scripts, logs)")
    args = parser.parse_args()

    cli = args.cli or next((str(p) for p in (ROOT / "build" / b / "bin" / "tapedeck-cli" for b in ("release", "dev"))
                            if p.exists()), None)
    if not shutil.which("pgbench"):
        sys.exit("pgbench is missing: run packaging/install-deps.sh")
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    print(f"recording a fixture with {args.tables} extra tables…", flush=True)
    started = time.monotonic()
    summary, cluster = pg_fixture.record(work / "fixture", args.seed, wide_tables=args.tables, keep_db=True,
                                         expected=False, log=lambda *a: None)
    results, wrong = {}, False
    try:
        print(f"recorded {summary['recorded']} queries in {time.monotonic() - started:.1f} s", flush=True)
        statements = load_statements(work / "fixture", args.mode)
        scripts = {}
        for cls in CLASSES:
            scripts[cls] = work / f"{cls}.sql"
            write_script(scripts[cls], statements[cls])
        rng = random.Random(args.seed)
        pool = statements["catalog"] + statements["data"]
        sample = rng.sample(pool, min(args.sample, len(pool)))
        real_url = cluster.uri(pg_workload.DATABASE)
        real_answers = answer(real_url, sample)

        results["PostgreSQL 15"] = measure("PostgreSQL 15", real_url, scripts, args, work)
        cluster.remove()
        cluster = None

        name = "tapedeck replay"
        if not cli:
            print(f"{name}: not available (no tapedeck-cli built; --cli)", flush=True)
            results[name] = None
        else:
            server = ReplayServer(cli, work / "fixture" / "recording.zip", pg_fixture.PASSWORD, work / "server.log")
            try:
                try:
                    url = server.start()
                except RuntimeError as e:
                    print(f"{name}: not available ({e})", flush=True)
                    url = None
                if url:
                    replay_answers = answer(url, sample)
                    bad = [i for i, (a, b) in enumerate(zip(real_answers, replay_answers)) if a != b]
                    if bad:
                        wrong = True
                        print(f"{name}: {len(bad)} of {len(sample)} sampled answers differ from PostgreSQL's; "
                              f"first: {sample[bad[0]][:160]!r}", file=sys.stderr)
                        results[name] = None
                    else:
                        print(f"{name}: {len(sample)} sampled answers identical to PostgreSQL's", flush=True)
                        results[name] = measure(name, url, scripts, args, work)
                else:
                    results[name] = None
            finally:
                server.stop()
    finally:
        if cluster:
            cluster.remove()

    print()
    print(f"{summary['recorded']} recorded statements ({len(statements['catalog'])} distinct catalog, "
          f"{len(statements['data'])} distinct data; {args.tables} extra tables); pgbench -M {args.mode}, "
          f"{args.clients} clients, {args.threads} threads, one statement per transaction, "
          f"{args.duration} s measured after {args.warmup} s warm-up")
    print(f"{'':18}{'class':9}{'statements/s':>14}{'p50 ms':>9}{'p99 ms':>9}  slowest statement (mean ms)")
    for label, per_class in results.items():
        for cls in CLASSES:
            r = (per_class or {}).get(cls)
            if not r or r.get("error"):
                print(f"{label:18}{cls:9}{'—':>14}{'—':>9}{'—':>9}  {r['error'] if r else ''}")
                continue
            slow = f"{r['slowest'][0]:.3f}  {r['slowest'][1][:60]}" if r.get("slowest") else ""
            print(f"{label:18}{cls:9}{r['tps']:>14,.0f}{r['p50_ms']:>9.3f}{r['p99_ms']:>9.3f}  {slow}")
    real, replay = results.get("PostgreSQL 15"), results.get("tapedeck replay")
    for cls in CLASSES:
        a, b = (real or {}).get(cls), (replay or {}).get(cls)
        if a and b and not a.get("error") and not b.get("error"):
            print(f"{'ratio Tapedeck/PG':18}{cls:9}{b['tps'] / a['tps']:>13.2f}x{b['p50_ms'] / a['p50_ms']:>8.2f}x"
                  f"{b['p99_ms'] / a['p99_ms']:>8.2f}x")
        else:
            print(f"{'ratio Tapedeck/PG':18}{cls:9}{'—':>14}")
    failed = any(r and r.get("error") for per_class in results.values() if per_class for r in per_class.values())
    return 1 if wrong or failed else 0


if __name__ == "__main__":
    sys.exit(main())
