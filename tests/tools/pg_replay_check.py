#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Replays a recorded PostgreSQL fixture through Tapedeck's PostgreSQL endpoint with real clients and compares
every answer with what the real database gave.

    pg_replay_check.py --cli PATH/tapedeck-cli [--keep] [--seed N]
    pg_replay_check.py --target-url fixture [--corrupt]          no server: the fixture's own database
    pg_replay_check.py --target-url URL --fixture DIR [--corrupt] no server: a database holding DIR's data
                                                                  (pg_fixture.py record DIR --keep-db)

With --cli: records a fixture (pg_fixture.py; the database is stopped and removed afterwards), starts
`tapedeck-cli replay DIR/recording.zip --password replay-test` in serve mode, reads TAPEDECK_POSTGRES_URL from
its `export NAME='value'` lines, runs the four clients of pg_workload.py (psycopg2 with normal and named
cursors, SQLAlchemy, psql, libpq with $n parameters and prepared statements) against it and compares each
with DIR/expected/<client>.json; then `pgbench -n -f SCRIPT -t 50 -c 4` with the recorded statements (as
psycopg2 sent them, and one with pgbench variables) in -M simple, extended and prepared; then stops the
server with SIGINT. Exit 0 only if every client's results are identical and every pgbench run completed.

--target-url skips the server and checks against a real database instead, to prove the comparisons
(identical there by construction); --corrupt then changes one expected value and one expected NULL and
checks that the comparison reports both (exit 1 if it does not).
"""
import argparse
import copy
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pg_fixture  # noqa: E402
import pg_workload  # noqa: E402

PYTHON = "/usr/bin/python3"
CLIENT_TIMEOUT = 300
PGBENCH_TIMEOUT = 300
SERVER_START_TIMEOUT = 60
PGBENCH_MODES = ("simple", "extended", "prepared")
# pgbench turns :name into a variable (a $n in extended/prepared mode); '::' casts are left alone.
PGBENCH_VARIABLE = re.compile(r"(?<![:\w]):[A-Za-z_]")


# --- the replay server ------------------------------------------------------------------------------------

class ReplayServer:
    """`tapedeck-cli replay REC --password PW` in serve mode; its exports parsed from stdout.

    With json_report the server runs with --json: the exports come on stderr (copied into the log too),
    and after stop() `report` holds the JSON report it printed on stdout (every statement, its rule)."""

    def __init__(self, cli, recording, password, log_path, json_report=False, env=None):
        self.cli, self.recording, self.password, self.log_path = cli, recording, password, log_path
        self.json_report, self.env = json_report, env
        self.proc, self.exports, self.lines = None, {}, []
        self.exit_code = None
        self.report, self._stdout = None, None

    def start(self):
        self.log = open(self.log_path, "w", encoding="utf-8")
        args = [self.cli, "replay", str(self.recording), "--password", self.password]
        if self.json_report:
            args.append("--json")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE if self.json_report else self.log,
                                     text=True, start_new_session=True, env=self.env)
        exports_from = self.proc.stderr if self.json_report else self.proc.stdout
        self._threads = [threading.Thread(target=self._read, args=(exports_from,), daemon=True)]
        if self.json_report:
            self._stdout = []
            self._threads.append(threading.Thread(target=lambda: self._stdout.append(self.proc.stdout.read()), daemon=True))
        for thread in self._threads:
            thread.start()
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if "TAPEDECK_POSTGRES_URL" in self.exports:
                return self.exports["TAPEDECK_POSTGRES_URL"]
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("tapedeck-cli replay printed no TAPEDECK_POSTGRES_URL "
                           f"(exit {self.exit_code}; output {self.lines[:5]!r}; stderr in {self.log_path})")

    def _read(self, stream):
        for line in iter(stream.readline, ""):
            self.lines.append(line.rstrip("\n"))
            if self.json_report:
                self.log.write(line)
                self.log.flush()
            try:
                words = shlex.split(line)
            except ValueError:
                continue
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                name, value = words[1].split("=", 1)
                self.exports[name] = value

    def stop(self):
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60 if self.json_report else 15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)
        self.exit_code = self.proc.returncode
        for thread in self._threads:
            thread.join(timeout=15)
        if self.json_report:
            try:
                self.report = json.loads(self._stdout[0]) if self._stdout else None
            except ValueError:
                self.report = None
        self.log.close()
        return self.exit_code


# --- clients ----------------------------------------------------------------------------------------------

def run_client(client, url, seed, out_path):
    try:
        proc = subprocess.run([PYTHON, str(HERE / "pg_workload.py"), client, url, "--seed", str(seed),
                               "--out", str(out_path)], capture_output=True, text=True, timeout=CLIENT_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {CLIENT_TIMEOUT} s"
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return None, f"exit {proc.returncode}: {tail}"
    with open(out_path, encoding="utf-8") as f:
        return json.load(f), None


def check_clients(url, fixture, seed, work, show=20):
    summary = {}
    for client in pg_workload.CLIENTS:
        with open(fixture / "expected" / f"{client}.json", encoding="utf-8") as f:
            expected = json.load(f)
        actual, problem = run_client(client, url, seed, work / f"{client}.json")
        if problem:
            print(f"{client}: {problem}")
            summary[client] = {"results": len(expected["results"]), "differences": None, "problem": problem}
            continue
        diffs = pg_workload.compare(expected, actual)
        (work / f"{client}.diff").write_text("".join(d + "\n" for d in diffs), encoding="utf-8")
        for line in diffs[:show]:
            print(f"{client}: {line}")
        if len(diffs) > show:
            print(f"{client}: … {len(diffs) - show} more in {work / (client + '.diff')}")
        summary[client] = {"results": len(expected["results"]), "differences": len(diffs), "problem": None}
    return summary


# --- pgbench ----------------------------------------------------------------------------------------------

def pgbench_scripts(fixture, seed, folder):
    """One script per mode: every recorded statement that succeeded, as psycopg2 sent it, and D5 written with
    pgbench variables (simple mode substitutes their text, extended/prepared bind them as $1, $2)."""
    statements = [json.loads(line) for line in (fixture / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    good = [s["sent"].strip().rstrip(";").strip() for s in statements if not s["error"]]
    d5 = next(s for s in pg_workload.steps(seed) if s.id == "D5")
    variables = (f"\\set minval {d5.params[0]}\n\\set flagval {'true' if d5.params[1] else 'false'}\n"
                 + d5.sql.replace("%s", ":minval", 1).replace("%s", ":flagval", 1) + ";\n")
    scripts, skipped = {}, {}
    for mode in PGBENCH_MODES:
        usable = good if mode == "simple" else [s for s in good if not PGBENCH_VARIABLE.search(s)]
        skipped[mode] = len(good) - len(usable)
        path = folder / f"pgbench-{mode}.sql"
        path.write_text("".join(s + ";\n" for s in usable) + variables, encoding="utf-8")
        scripts[mode] = (path, len(usable) + 1)
    return scripts, skipped


def run_pgbench(url, script, mode, transactions=50, clients=4):
    cmd = ["pgbench", "-n", "-f", str(script), "-t", str(transactions), "-c", str(clients), "-M", mode, url]
    env = dict(os.environ, PGCONNECT_TIMEOUT="10", LC_ALL="C.UTF-8")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PGBENCH_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return {"ok": False, "detail": f"timed out after {PGBENCH_TIMEOUT} s"}
    text = proc.stdout + proc.stderr
    match = re.search(r"number of transactions actually processed: (\d+)/(\d+)", text)
    done, wanted = (int(match.group(1)), int(match.group(2))) if match else (0, transactions * clients)
    errors = [line for line in text.splitlines() if "error" in line.lower()]
    ok = proc.returncode == 0 and done == wanted and not errors
    tps = re.search(r"tps = ([\d.]+)", text)
    detail = f"{done}/{wanted} transactions" + (f", {float(tps.group(1)):.0f} tps" if tps else "")
    if errors:
        detail += f"; {errors[0][:300]}"
    elif proc.returncode != 0:
        detail += f"; exit {proc.returncode}"
    return {"ok": ok, "detail": detail}


# --- corrupting an expectation -----------------------------------------------------------------------------

def corrupt_check(fixture, work):
    """Changes one value and one NULL in a copy of expected/psycopg2.json; compare must report both."""
    with open(fixture / "expected" / "psycopg2.json", encoding="utf-8") as f:
        expected = json.load(f)
    with open(work / "psycopg2.json", encoding="utf-8") as f:
        actual = json.load(f)
    broken = copy.deepcopy(expected)
    by_id = {e["id"]: e for e in broken["results"]}
    by_id["D2"]["rows"][0][0] += 1                       # a count off by one
    null_row = by_id["D1"]["rows"][-1]                   # the all-NULL row
    null_row[by_id["D1"]["columns"].index("txt")] = ""   # NULL expected as an empty string
    path = work / "psycopg2.corrupted.json"
    path.write_text(json.dumps(broken, ensure_ascii=False, indent=1), encoding="utf-8")
    proc = subprocess.run([PYTHON, str(HERE / "pg_workload.py"), "compare", str(path), str(work / "psycopg2.json")],
                          capture_output=True, text=True, timeout=60)
    print(f"compare with a corrupted expectation (exit {proc.returncode}):")
    for line in proc.stdout.splitlines():
        print("  " + line)
    reported = proc.returncode == 1 and "D2 row 0" in proc.stdout and "NULL vs empty string" in proc.stdout
    print("corruption " + ("detected" if reported else "NOT detected"))
    return reported and not pg_workload.compare(expected, actual)


# --- main -------------------------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", help="tapedeck-cli to check (serve mode)")
    parser.add_argument("--target-url", help="check against this database instead of a replay server "
                                             "('fixture': the fixture's own database, kept running meanwhile)")
    parser.add_argument("--fixture", help="use this recorded fixture folder instead of recording one")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (fixture, results, diffs)")
    parser.add_argument("--corrupt", action="store_true", help="also prove that a corrupted expectation fails")
    parser.add_argument("--transactions", type=int, default=50, help="pgbench -t")
    parser.add_argument("--clients", type=int, default=4, help="pgbench -c")
    args = parser.parse_args(argv)
    if bool(args.cli) == bool(args.target_url):
        parser.error("give either --cli or --target-url")
    if args.target_url and args.target_url != "fixture" and not args.fixture:
        parser.error("--target-url URL needs --fixture DIR (the fixture that database holds)")
    for tool in ("psql", "pgbench"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: run packaging/install-deps.sh")

    work = Path(tempfile.mkdtemp(prefix="tapedeck-pgcheck-"))
    cluster, server = None, None
    ok = True
    try:
        if args.fixture:
            fixture = Path(args.fixture)
        else:
            fixture = work / "fixture"
            summary, cluster = pg_fixture.record(fixture, args.seed, keep_db=args.target_url == "fixture")
            print(f"fixture: {summary['recorded']} recorded queries (seed {args.seed})"
                  + ("; database stopped" if cluster is None else "; database kept running"))
        if args.cli:
            server = ReplayServer(args.cli, fixture / "recording.zip", pg_fixture.PASSWORD, work / "server.log")
            try:
                url = server.start()
            except RuntimeError as e:
                print(f"FAILED: {e}")
                if not args.keep:
                    print((work / "server.log").read_text(encoding="utf-8", errors="replace")[-2000:])
                return 1
            print(f"tapedeck-cli replay serving: {url}")
        else:
            url = cluster.uri(pg_workload.DATABASE) if cluster else args.target_url
            print(f"target (no replay server): {url}")
        results = work / "actual"
        results.mkdir()
        clients = check_clients(url, fixture, args.seed, results)

        scripts, skipped = pgbench_scripts(fixture, args.seed, work)
        benches = {}
        for mode in PGBENCH_MODES:
            script, count = scripts[mode]
            benches[mode] = run_pgbench(url, script, mode, args.transactions, args.clients)
            benches[mode]["statements"] = count
            benches[mode]["skipped"] = skipped[mode]

        if server:
            code = server.stop()
            print(f"server stopped with SIGINT: exit {code}")
            if code not in (0, -signal.SIGINT, 130):
                ok = False

        print()
        print(f"{'client':12}{'results':>9}{'differences':>13}  verdict")
        for client, s in clients.items():
            verdict = "identical" if s["differences"] == 0 else (s["problem"] or "DIFFERENT")
            print(f"{client:12}{s['results']:>9}{'—' if s['differences'] is None else s['differences']:>13}  {verdict}")
            ok &= s["differences"] == 0
        for mode, b in benches.items():
            note = f", {b['skipped']} statements with :name left out" if b["skipped"] else ""
            print(f"{'pgbench ' + mode:21}{b['statements']:>4} statements/transaction  "
                  f"{'ok' if b['ok'] else 'FAILED'}: {b['detail']}{note}")
            ok &= b["ok"]
        if args.corrupt:
            print()
            ok &= corrupt_check(fixture, results)
        print()
        print("ALL IDENTICAL" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        if server:
            server.stop()
        if cluster:
            cluster.remove()
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
