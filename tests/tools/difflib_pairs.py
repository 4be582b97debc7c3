#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Pairs of strings with Python's difflib verdict, for tst_sequencematcher.

Usage: difflib_pairs.py COUNT SEED > pairs.jsonl
Each line: {"a": ..., "b": ..., "matches": sum of get_matching_blocks() sizes, "ratio": repr of
SequenceMatcher(None, a, b).ratio()}. The pairs are what DataHub's SQL replay compares (normalised query
texts, one edited from the other) and what stresses difflib: tiny alphabets (many ties), strings of 200
characters and more (autojunk's popular characters), non-ASCII, characters outside the BMP and lone
surrogates (one element each in a Python str), empty strings.
"""
import difflib
import json
import random
import sys

WORDS = ("SELECT FROM WHERE AND OR ORDER BY GROUP LIMIT JOIN ON AS TABLE_NAME COLUMN_NAME TABLE_SCHEMA "
         "information_schema.tables information_schema.columns pg_catalog.pg_class = <> >= ( ) , ; * "
         "'SALES' 'FINANCE' %s %(schema)s $1 $2 ? 2025-11-17 1700000000 NOW() DATEADD(day,-7,?) "
         "to_timestamp(?) created_at updated_at ANALYTICS orders 売上 café").split()


def sql(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def edit(rng, s, edits):
    chars = list(s)
    for _ in range(edits):
        op = rng.random()
        pos = rng.randrange(len(chars) + 1)
        if op < 0.4 and chars:
            del chars[min(pos, len(chars) - 1)]
        elif op < 0.8:
            chars.insert(pos, rng.choice("abcxyz _,()'0123456789"))
        elif chars:
            chars[min(pos, len(chars) - 1)] = rng.choice("ABC-+")
    return "".join(chars)


def small(rng, n, alphabet):
    return "".join(rng.choice(alphabet) for _ in range(n))


def pair(rng, k):
    kind = k % 8
    if kind == 0:
        a = sql(rng, rng.randint(3, 40))
        return a, edit(rng, a, rng.randint(0, 8))
    if kind == 1:  # long queries: autojunk (b of 200+ characters)
        a = sql(rng, rng.randint(60, 160))
        return edit(rng, a, rng.randint(0, 30)), a
    if kind == 2:  # tiny alphabets: ties everywhere
        return small(rng, rng.randint(0, 30), "ab"), small(rng, rng.randint(0, 30), "ab")
    if kind == 3:
        return small(rng, rng.randint(150, 400), "ab c"), small(rng, rng.randint(150, 400), "abc ")
    if kind == 4:  # beyond the BMP, lone surrogates
        alphabet = ["a", "b", "é", "\U0001F600", "\U00020000", "\ud800", "\udfff", " "]
        return (small(rng, rng.randint(0, 250), alphabet), small(rng, rng.randint(0, 250), alphabet))
    if kind == 5:  # unrelated queries
        return sql(rng, rng.randint(0, 30)), sql(rng, rng.randint(0, 30))
    if kind == 6:  # one popular character around rare ones
        b = " " * rng.randint(190, 260) + small(rng, 20, "xyz")
        b = "".join(rng.sample(b, len(b)))
        return edit(rng, b, rng.randint(0, 10)), b
    a = sql(rng, rng.randint(20, 80))
    return a, a.replace(" ", "  ", rng.randint(0, 5))


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    for k in range(count):
        a, b = pair(rng, k)
        # As the strings reach Tapedeck (through JSON): a lone high surrogate followed by a lone low one
        # reads back as one character, which a str built piece by piece would keep as two.
        a, b = json.loads(json.dumps(a)), json.loads(json.dumps(b))
        m = difflib.SequenceMatcher(None, a, b)
        matches = sum(block.size for block in m.get_matching_blocks())
        out.write(json.dumps({"a": a, "b": b, "matches": matches, "ratio": repr(m.ratio())}) + "\n")


if __name__ == "__main__":
    main()
