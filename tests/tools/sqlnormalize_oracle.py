#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Queries and their normalisation as DataHub's db_proxy.normalize_query_for_matching computes it, for
tst_sqlnormalize.

Usage: sqlnormalize_oracle.py COUNT SEED > queries.jsonl   (each line {"q": query, "n": normalised})
The patterns and their order are DataHub's (metadata-ingestion/src/datahub/ingestion/recording/
db_proxy.py, _TIMESTAMP_PATTERNS and normalize_query_for_matching; see docs/research/replay-facts.md §1.5),
run by Python's own re, so Tapedeck's PCRE2 version is checked against the real semantics: Unicode \\d \\w
\\s \\b, IGNORECASE, str.strip().
"""
import json
import random
import re
import sys

PATTERNS = [
    (r"to_timestamp(?:_ltz|_ntz|_tz)?\s*\(\s*[\d]+\s*(?:,\s*[\d]+\s*)?\)", "to_timestamp(?)"),
    (r"DATEADD\s*\(\s*\w+\s*,\s*-?\d+\s*,\s*[^)]+\)", "DATEADD(?)"),
    (r"'\d{4}-\d{2}-\d{2}[T\s]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?'", "'?TIMESTAMP?'"),
    (r"'\d{4}-\d{2}-\d{2}'", "'?DATE?'"),
    (r"\b\d{13}\b", "?EPOCH_MS?"),
    (r"\b\d{10}\b(?!\d)", "?EPOCH_S?"),
    (r"(?:CURRENT_TIMESTAMP|NOW|GETDATE|SYSDATE)\s*\(\s*\)\s*(?:-\s*INTERVAL\s+'[^']+'\s*)?", "?CURRENT_TIME?"),
]
COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in PATTERNS]


def normalize(query):
    s = query
    for pattern, replacement in COMPILED:
        s = pattern.sub(replacement, s)
    return re.sub(r"\s+", " ", s).strip()


PIECES = [
    "SELECT", "select", "*", "FROM", "t", "WHERE", "created_at", ">=", "=", "AND", ",", "(", ")", "'x'",
    "to_timestamp(1700000000)", "TO_TIMESTAMP_LTZ( 1700000000123 , 3 )", "to_timestamp_ntz(17)", "to_timestamp(x)",
    "DATEADD(day, -7, CURRENT_TIMESTAMP())", "dateadd( hour ,3, '2025-01-01')", "DATEADD(day,x,y)",
    "'2025-11-17'", "'2025-11-17 09:41:08'", "'2025-11-17T09:41:08.123Z'", "'2025-11-17t09:41:08+02:00'",
    "'2025-11-17 09:41:08-0530'", "'2025-1-17'", "1700000000", "1700000000123", "17000000001", "12345678901234",
    "NOW()", "now ( )", "GETDATE()", "sysdate()", "CURRENT_TIMESTAMP() - INTERVAL '7 days'",
    "current_timestamp ( ) -  interval  '1 hour' ", "NOW", "x1700000000", "1700000000x", "_1700000000",
    "١٧٠٠٠٠٠٠٠٠", "'２０２５-１１-１７'", "\u00a0", "\u2003", "\x1c", "\x85", "\t", "\n", "  ", "\u3000",
    "é", "\U0001D7CE\U0001D7CF", "売上",
]


def query(rng):
    parts = [rng.choice(PIECES) for _ in range(rng.randint(0, 14))]
    glue = [rng.choice([" ", "", "  ", "\n", "\t", "\u00a0"]) for _ in parts]
    return "".join(p + g for p, g in zip(parts, glue))


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    for _ in range(count):
        q = query(rng)
        sys.stdout.write(json.dumps({"q": q, "n": normalize(q)}) + "\n")


if __name__ == "__main__":
    main()
