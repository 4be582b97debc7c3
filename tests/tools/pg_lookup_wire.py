#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""DataHub's SQL lookup oracle (sqllookup_oracle.py), through the PostgreSQL wire: does Tapedeck's endpoint
answer every generated statement with the recording DataHub's get_recording chooses?

    pg_lookup_wire.py --cli PATH/tapedeck-cli [--seed N] [--count N] [--strict] [--keep DIR]

Generates the recorded queries and live statements of sqllookup_oracle.generate(SEED, COUNT) (duplicates,
normalised twins, time-literal variations, small and big edits, parameters as None, [], lists and dicts),
writes them as DataHub's db/queries.jsonl with every record answering one row {"rec": <its index>}
(description ["Column(name='rec', type_code=23)"], as DataHub writes psycopg2's Column), packs manifest.json,
recipe.yaml and db/queries.jsonl into an AES archive (aeszip.write_archive, as pg_fixture.py does), starts
`tapedeck-cli replay ARCHIVE --password … --json` in serve mode and sends every live statement
- through psycopg2 as a DataHub source does: cursor.execute(query, params) with the generator's params
  (psycopg2 interpolates on the client and sends plain text; what psycopg2 itself refuses to send — a %s
  template with a dict, too few or too many items — never reaches the wire and is counted apart);
- again through libpq's extended protocol (ctypes PQexecParams) when it has parameters and its template
  has placeholders: %s numbered in order, %(name)s by first appearance, values as text (untyped, OID 0) as
  psycopg2 adapts them, without quotes.
The `rec` answered (or the miss) is compared with the oracle's choice; Tapedeck's rule is read from the
--json report the server prints when stopped and compared with the oracle's rule.

Every statement is classed by what the wire can carry of DataHub's input:
  mappable       its template is a recorded template, or it has no parameters (None, [] or {}): the text
                 (or $n text and values) maps back onto exactly what DataHub's cursor.execute received;
  template-miss  a near miss with parameters: its template is no recorded template, so Tapedeck cannot
                 take the literals back out, and looks the rendered text up with null parameters, while
                 DataHub's normalised key and fuzzy step see the template and its parameters.
Prints counts per rule (exact / normalized / fuzzy / none) for each class and client, and every
disagreement with both choices. Exit 1 on any disagreement among mappable statements (or on an error that
is neither an answer nor a miss); template-miss disagreements are printed and counted — with --strict
they fail too.
"""
import argparse
import collections
import ctypes
import json
import os
import re
import sys
import tempfile
import time
import types
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import psycopg2  # noqa: E402
import yaml  # noqa: E402

import pg_fixture  # noqa: E402
import pg_workload  # noqa: E402
from aeszip import write_archive  # noqa: E402
from pg_replay_check import ReplayServer  # noqa: E402
from sqllookup_oracle import generate  # noqa: E402

RULES = ("exact", "normalized", "fuzzy", "none")
CLASSES = ("mappable", "params-lost", "template-miss")
CLIENTS = ("psycopg2", "libpq")
MISS = "Query not found in recordings"
PLACEHOLDER = re.compile(r"%s|%\([^)%]*\)s")
# The English rule texts of SqlReplay::explainMatch (the server runs under LC_ALL=C).
RULE_TEXTS = (("the replay key", "exact"), ("the normalised query's key", "normalized"), ("difflib ratio", "fuzzy"))


def write_recording(folder, recorded):
    """DataHub's queries.jsonl (one json.dumps line per execute) where the answer names its record."""
    queries = folder / "queries.jsonl"
    with open(queries, "w", encoding="utf-8") as f:
        for i, r in enumerate(recorded):
            f.write(json.dumps({"query": r["query"], "parameters": r["parameters"], "results": [{"rec": i}],
                                "row_count": 1, "description": ["Column(name='rec', type_code=23)"],
                                "error": None}) + "\n")
    manifest = json.dumps(pg_fixture.make_manifest(queries), indent=2)
    recipe = yaml.dump(pg_fixture.make_recipe(5432), default_flow_style=False)
    archive = folder / "recording.zip"
    write_archive(str(archive), pg_fixture.PASSWORD,
                  [("manifest.json", manifest.encode("utf-8")), ("recipe.yaml", recipe.encode("utf-8")),
                   ("db/queries.jsonl", queries.read_bytes())],
                  method="lzma", strength=3, ae_version=1, encrypt=True)
    return archive


def squeeze(text):
    """The text with whitespace runs collapsed and its ends trimmed: how loosely Tapedeck fits a template."""
    return " ".join(text.split())


class Classes:
    """What the wire carries of DataHub's input (query, parameters), per live statement and client.

    params-lost    (psycopg2 only) the wire text does not determine DataHub's input: the live query has no
                   placeholder yet non-null parameters (psycopg2 drops them: [1, 2], {"schema": …}, [] and {}
                   all send the bare text, while DataHub's key and its fuzzy step's parameter check see them),
                   or the text is also — up to whitespace runs, which Tapedeck lets differ — what psycopg2
                   sends for a recorded (query, parameters) DataHub tells apart from the live one (a recorded
                   query without placeholders, recorded with parameters: its text says nothing of them);
    template-miss  the live query has placeholders and parameters, and no recorded query equals it (up to
                   whitespace runs): nothing to map the literals (or $n) back onto;
    mappable       the rest: the text, or the $n text and its values, give DataHub's input back."""

    def __init__(self, recorded, renderings):
        self.templates = {squeeze(r["query"]) for r in recorded if PLACEHOLDER.search(r["query"])}
        self.renderings = renderings  # text → {(query, json parameters)} of the recorded queries psycopg2 can send

    def of(self, live, sent_text=None):
        query, params = live["query"], live["parameters"]
        if sent_text is not None:
            if params is not None and not PLACEHOLDER.search(query):
                return "params-lost"
            if self.renderings.get(squeeze(sent_text), set()) - {(squeeze(query), json.dumps(params, sort_keys=True))}:
                return "params-lost"
        if params and PLACEHOLDER.search(query) and squeeze(query) not in self.templates:
            return "template-miss"
        return "mappable"


def recorded_renderings(url, recorded):
    conn = psycopg2.connect(url)
    out = collections.defaultdict(set)
    try:
        cur = conn.cursor()
        for r in recorded:
            try:
                text = cur.mogrify(r["query"], r["parameters"]).decode("utf-8")
            except Exception:  # psycopg2 would refuse it: no text on the wire is this recording's
                continue
            out[squeeze(text)].add((squeeze(r["query"]), json.dumps(r["parameters"], sort_keys=True)))
    finally:
        conn.close()
    return out


def dollar_form(query, params):
    """(the $n text, its text values) as a driver with $n placeholders sends the statement, or None when it has
    no such form (no parameters, or a template without placeholders)."""
    if not params or not PLACEHOLDER.search(query):
        return None
    sql, values = pg_workload.dollar_sql(types.SimpleNamespace(sql=query, params=params))
    return sql, [pg_workload._text_param(v) for v in values]


def rec_of(rows):
    if len(rows) == 1 and len(rows[0]) == 1:
        return int(rows[0][0])
    raise ValueError(f"unexpected rows {rows!r}")


def send_psycopg2(url, lives):
    """Per live statement: ("sent", text, rec | None, error | None) or ("refused", psycopg2's exception)."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    out = []
    try:
        for live in lives:
            cur = conn.cursor()
            try:
                text = cur.mogrify(live["query"], live["parameters"]).decode("utf-8")
            except Exception as e:  # psycopg2 refuses on the client: nothing is sent
                out.append(("refused", f"{type(e).__name__}: {e}"))
                continue
            try:
                cur.execute(live["query"], live["parameters"])
                out.append(("sent", text, rec_of(cur.fetchall()), None))
            except psycopg2.Error as e:
                out.append(("sent", text, None, (e.pgerror or str(e)).strip()))
            finally:
                cur.close()
    finally:
        conn.close()
    return out


def send_libpq(url, forms):
    """Per ($n text, values): (rec | None, error | None)."""
    lib = pg_workload.LibPq(url)
    pq = lib.pq
    out = []
    try:
        for sql, values in forms:
            texts = [None if v is None else v.encode("utf-8") for v in values]
            array = (ctypes.c_char_p * max(1, len(texts)))(*texts)
            res = pq.PQexecParams(lib.conn, sql.encode("utf-8"), len(texts), None, array, None, None, 0)
            try:
                if pq.PQresultStatus(res) != pg_workload.PGRES_TUPLES_OK:
                    message = pq.PQresultErrorField(res, pg_workload.PG_DIAG_MESSAGE_PRIMARY) or pq.PQresultErrorMessage(res)
                    out.append((None, (message or b"libpq: no result").decode("utf-8", "replace").strip()))
                    continue
                rows = [[ctypes.string_at(pq.PQgetvalue(res, r, c), pq.PQgetlength(res, r, c)).decode("utf-8")
                         for c in range(pq.PQnfields(res))] for r in range(pq.PQntuples(res))]
                out.append((rec_of(rows), None))
            finally:
                pq.PQclear(res)
    finally:
        lib.close()
    return out


def rule_of(event):
    if event is None or event.get("outcome") == "unmatched":
        return "none"
    text = event.get("rule") or ""
    for prefix, rule in RULE_TEXTS:
        if text.startswith(prefix):
            return rule
    return f"? {text}"


def events_by_connection(report):
    """The report's statements grouped by connection, in arrival order."""
    grouped = collections.OrderedDict()
    for s in (report or {}).get("sql", {}).get("statements", []):
        grouped.setdefault(s["connection"], []).append(s)
    return list(grouped.values())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True, help="tapedeck-cli")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=600, help="live statements (default 600)")
    parser.add_argument("--strict", action="store_true", help="template-miss disagreements fail too")
    parser.add_argument("--keep", help="write the recording, server log and report into this folder and keep them")
    parser.add_argument("--show", type=int, default=1000, help="print at most this many disagreements per class")
    args = parser.parse_args(argv)

    started = time.monotonic()
    recorded, lives = generate(args.seed, args.count)
    work_holder = None
    if args.keep:
        work = Path(args.keep)
        work.mkdir(parents=True, exist_ok=True)
    else:
        work_holder = tempfile.TemporaryDirectory(prefix="tapedeck-lookup-wire-")
        work = Path(work_holder.name)
    archive = write_recording(work, recorded)

    env = dict(os.environ, LC_ALL="C.UTF-8", XDG_DATA_HOME=str(work / "data"))
    env.pop("LANGUAGE", None)
    server = ReplayServer(args.cli, archive, pg_fixture.PASSWORD, work / "server.log", json_report=True, env=env)
    url = server.start()
    try:
        classes = Classes(recorded, recorded_renderings(url, recorded))
        wire = send_psycopg2(url, lives)
        # The extended protocol only for what psycopg2 agreed to send (its parameters fit the template).
        forms = [dollar_form(live["query"], live["parameters"]) if answer[0] == "sent" else None
                 for live, answer in zip(lives, wire)]
        extended = send_libpq(url, [f for f in forms if f is not None])
    finally:
        server.stop()
    report = server.report
    if args.keep and report is not None:
        (work / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if report is None:
        print(f"no JSON report from the server (exit {server.exit_code}; log {work / 'server.log'})")
        return 1
    # The connections in the order they were opened: the renderings' (no statement), psycopg2's, libpq's.
    connections = events_by_connection(report)
    sent = [w for w in wire if w[0] == "sent"]
    n_extended = sum(1 for f in forms if f is not None)
    if len(connections) != (1 if sent else 0) + (1 if n_extended else 0):
        print(f"the report has {len(connections)} connections with statements, expected 2")
        return 1
    psy_events = iter(connections[0] if sent else [])
    pq_events = iter(connections[-1] if n_extended else [])
    pq_answers = iter(extended)

    # counts[client][class][DataHub's rule] = [agree, disagree]
    counts = {c: {k: {r: [0, 0] for r in RULES} for k in CLASSES} for c in CLIENTS}
    disagreements = {k: [] for k in CLASSES}
    rule_only = {c: collections.Counter() for c in CLIENTS}  # the same record by another rule
    errors = []
    by_text = collections.defaultdict(set)  # psycopg2's text → DataHub's choices for the statements that sent it

    def compare(client, i, live, klass, rec, error, event, sent_text):
        oracle_rule = live["rule"] or "none"
        expected = live["expected"]
        if error is not None and MISS not in error:
            errors.append(f"{client} #{i}: {sent_text!r}: unexpected error {error!r}")
        got_rule = rule_of(event)
        agree = rec == expected and got_rule == oracle_rule
        counts[client][klass][oracle_rule][0 if agree else 1] += 1
        if not agree and rec == expected:
            rule_only[client][klass] += 1
        if not agree:
            mapping = event.get("mapping") if event else None
            disagreements[klass].append(
                f"{client} #{i} [{klass}] query {live['query']!r} parameters {json.dumps(live['parameters'])}\n"
                f"    sent {sent_text!r}\n"
                f"    DataHub: {expected} ({oracle_rule}) — Tapedeck: {rec} ({got_rule}; mapped {mapping}: "
                f"{(event or {}).get('query')!r} {json.dumps((event or {}).get('parameters'))})")

    refused = 0
    for i, (live, answer, form) in enumerate(zip(lives, wire, forms)):
        if answer[0] == "refused":
            refused += 1
            continue
        _, text, rec, error = answer
        by_text[text].add((live["expected"], live["rule"]))
        event = next(psy_events, None)
        if event is None or event["statement"].strip() != text.strip():
            errors.append(f"psycopg2 #{i}: the report's statement {event and event['statement']!r} is not {text!r}")
        compare("psycopg2", i, live, classes.of(live, text), rec, error, event, text)
        if form is not None:
            rec, error = next(pq_answers)
            event = next(pq_events, None)
            if event is None or event["statement"].strip() != form[0].strip():
                errors.append(f"libpq #{i}: the report's statement {event and event['statement']!r} is not {form[0]!r}")
            compare("libpq", i, live, classes.of(live), rec, error, event, f"{form[0]} with {form[1]}")

    oracle = collections.Counter(live["rule"] or "none" for live in lives)
    print(f"seed {args.seed}: {len(recorded)} recorded queries, {len(lives)} live statements; DataHub's rules: "
          + ", ".join(f"{r} {oracle[r]}" for r in RULES))
    conflicting = [t for t, choices in by_text.items() if len(choices) > 1]
    print(f"psycopg2 refused {refused} (a client-side error: nothing on the wire), sent {len(sent)} "
          f"({len(by_text)} distinct texts; {len(conflicting)} of them sent by statements DataHub answers differently)")
    print("agreeing/all per DataHub's rule; disagree: another record, or the same record by another rule")
    print(f"{'client':<9} {'class':<14} " + " ".join(f"{r:>16}" for r in RULES)
          + f" {'agree':>7} {'disagree':>8} {'record':>7} {'rule':>5}")
    for client in CLIENTS:
        for klass in CLASSES:
            cells = counts[client][klass]
            agree = sum(c[0] for c in cells.values())
            disagree = sum(c[1] for c in cells.values())
            print(f"{client:<9} {klass:<14} " + " ".join(f"{cells[r][0]:>7}/{cells[r][0] + cells[r][1]:<8}" for r in RULES)
                  + f" {agree:>7} {disagree:>8} {disagree - rule_only[client][klass]:>7} {rule_only[client][klass]:>5}")
    for klass in CLASSES:
        if disagreements[klass]:
            print(f"\n{len(disagreements[klass])} disagreements, {klass}:")
            for d in disagreements[klass][:args.show]:
                print(d)
    for e in errors:
        print(e)
    known = [k for k in CLASSES if k != "mappable"]
    failed = bool(errors or disagreements["mappable"] or (args.strict and any(disagreements[k] for k in known)))
    print(f"\n{'DISAGREEMENTS' if failed else 'AGREES'}: "
          + ", ".join(f"{k} {len(disagreements[k])}" for k in CLASSES)
          + f", errors {len(errors)} ({time.monotonic() - started:.1f} s)")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
