#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Simple-query strings holding several statements, and what a real PostgreSQL 15 answers to each, for
tst_pgbuiltin: the server's own lexer decides where one statement ends.

Usage: pgsplit_oracle.py COUNT SEED > cases.jsonl
Each line: {"text": the string sent as one Query, "results": the first column of each statement's result, in
order}. The statements are `select <marker>` decorated with what can hide a semicolon: string literals
('' doubled, E'' with backslash escapes), quoted identifiers, dollar quoting with and without a tag, line
comments and nested block comments, and empty statements (;;). psql 15 -c sends the string as one Query
and prints every statement's result (--csv -t: one line each).
"""
import json
import random
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pgcluster import PgCluster  # noqa: E402


def decorate(rng, marker):
    pieces = [
        lambda: f"select '{marker}'",
        lambda: f"select '{marker}' as \"a;b\"\"c\"",
        lambda: f"select '{marker}' || ';'",
        lambda: f"select '{marker}' || 'it''s; fine'",
        lambda: f"select '{marker}' || E'a\\'; b'",
        lambda: f"select '{marker}' || $$; $ ;$$",
        lambda: f"select '{marker}' || $q$ $$; $q$",
        lambda: f"select '{marker}' -- a comment; with a semicolon\n",
        lambda: f"select /* outer /* inner; */ still; */ '{marker}'",
        lambda: f"select '{marker}'::text",
        lambda: f"  \n select\t'{marker}'  ",
        lambda: f"select '{marker}' || e'\\\\'",
    ]
    return rng.choice(pieces)()


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    with PgCluster() as pg:
        for n in range(count):
            k = rng.randint(1, 5)
            markers = [f"m{n}_{i}" for i in range(k)]
            parts = [decorate(rng, m) for m in markers]
            text = ""
            for p in parts:
                text += p + rng.choice([";", ";", "; ;", ";\n", " ;;"])
            if rng.random() < 0.3:
                text = text.rstrip(" ;\n")  # the last statement without its semicolon
            out = subprocess.run(["psql", "-X", "-q", "--csv", "-t", "-v", "ON_ERROR_STOP=1", "-d", pg.uri("postgres"),
                                  "-c", text], check=True, capture_output=True, text=True).stdout
            results = [line for line in out.split("\n") if line]
            print(json.dumps({"text": text, "results": results}))


if __name__ == "__main__":
    main()
