#!/usr/bin/python3
# Test tool: writes broken cassettes and where their first fault is, for Tapedeck's cassette parser error tests.
# SPDX-License-Identifier: MIT
"""Bad inputs for Tapedeck's cassette parser.

Every ``bad-<name>.yaml`` is a five-interaction cassette written by VCR.py's serializer (the sample
data of legacy.py) and then damaged in one place. Next to it, ``bad-<name>.expected-errors.json``::

    {"fault": short name, "description": what is wrong,
     "line": 1-based line, "column": 1-based column counted in characters (as libyaml counts),
     "byte_offset": 0-based offset of the first faulty byte in the file,
     "fatal": true when a YAML parser cannot go on past the fault (libyaml stops there),
     "readable_before": interactions completely readable before the fault,
     "readable_total": interactions completely readable in the whole file by a parser that keeps
                       going past non-fatal faults (== readable_before when fatal),
     "interactions_in_file": how many interactions the file was made with,
     "affected_interaction": 1-based index of the interaction holding the fault, or null,
     "libyaml": libyaml's own report (via PyYAML's C parser), or null when the YAML is well-formed,
     "libyaml_closed_before_error": interactions libyaml's event stream completed before it
                       reported the error (null when there is no error),
     "vcrpy_4_2_1": what VCR.py 4.2.1 does when loading the file}

"Completely readable" counts interactions whose mapping libyaml closed before the fault (checked
here by replaying libyaml's event stream) and that have both a request and a response.

Usage:
    /usr/bin/python3 tests/tools/vcrfixtures/bad.py [--out DIR]
    /usr/bin/python3 tests/tools/vcrfixtures/bad.py --huge-body PATH.yaml
        # a cassette whose 2nd response body is 5 MiB, PATH.expected-errors.json and PATH.expected.json
"""

import argparse
import os
import sys

import yaml

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legacy  # noqa: E402
import vcrload  # noqa: E402


def base_text():
    return legacy.vcr_serialize(legacy.sample_pairs())


def line_col(data, offset):
    """1-based line and character column of byte offset in data."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def count_closed_interactions(data):
    """Interactions whose mapping libyaml closes before the first error, and the error if any."""
    depth = 0
    in_interactions = False
    closed = 0
    pending_key = None
    try:
        for event in yaml.parse(data, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if depth == 1 and pending_key == "interactions" and isinstance(event, yaml.SequenceStartEvent):
                    in_interactions = True
                depth += 1
                pending_key = None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                if in_interactions and depth == 2 and isinstance(event, yaml.MappingEndEvent):
                    closed += 1
                if in_interactions and depth == 1:
                    in_interactions = False
            elif isinstance(event, yaml.ScalarEvent) and depth == 1:
                pending_key = event.value if pending_key is None else None
    except yaml.YAMLError as e:
        return closed, e
    return closed, None


def describe_yaml_error(e):
    if isinstance(e, yaml.reader.ReaderError):
        return f"{e.reason} at byte {e.position}"
    parts = [e.context, e.problem]
    text = "; ".join(p for p in parts if p)
    if e.problem_mark is not None:
        text += f" (line {e.problem_mark.line + 1}, column {e.problem_mark.column + 1})"
    return text


def vcr_outcome(path):
    try:
        reqs, _ = vcrload.load_with_vcr(path)
    except Exception as e:  # noqa: BLE001 - we report whatever VCR.py raises
        return f"raises {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}".rstrip(": ")
    return f"loads {len(reqs)} interactions"


def write_errors(path, info):
    vcrload.write_json(path[: -len(".yaml")] + ".expected-errors.json", info)


def make(out_dir, name, data, fault, description, offset, fatal, affected, readable_total, vcr=None):
    path = os.path.join(out_dir, f"bad-{name}.yaml")
    with open(path, "wb") as f:
        f.write(data)
    closed, error = count_closed_interactions(data)
    if fatal != (error is not None):
        raise AssertionError(f"{name}: expected fatal={fatal}, libyaml says {error!r}")
    readable_before = affected - 1 if affected else closed
    if fatal and closed != readable_before and not isinstance(error, yaml.reader.ReaderError):
        # (libyaml's reader decodes ahead in blocks, so on invalid UTF-8 it reports the error before
        # delivering the events that precede it: libyaml_closed_before_error records that.)
        raise AssertionError(f"{name}: libyaml closed {closed} interactions, expected {readable_before}")
    line, column = line_col(data, offset)
    if error is not None and not isinstance(error, yaml.reader.ReaderError):
        mark = error.problem_mark
        if (mark.line + 1, mark.column + 1) != (line, column):
            raise AssertionError(f"{name}: libyaml reports {mark.line + 1}:{mark.column + 1}, we say {line}:{column}")
    info = {
        "fault": fault,
        "description": description,
        "line": line,
        "column": column,
        "byte_offset": offset,
        "fatal": fatal,
        "readable_before": readable_before,
        "readable_total": readable_total,
        "interactions_in_file": 5,
        "affected_interaction": affected,
        "libyaml": describe_yaml_error(error) if error is not None else None,
        "libyaml_closed_before_error": closed if error is not None else None,
        "vcrpy_4_2_1": vcr if vcr is not None else vcr_outcome(path),
    }
    write_errors(path, info)
    print(f"{path}: {fault} at {line}:{column}, {readable_before} readable before")


def nth(data, needle, n):
    """Byte offset of the n-th (1-based) occurrence of needle."""
    pos = -1
    for _ in range(n):
        pos = data.index(needle, pos + 1)
    return pos


def make_all(out_dir):
    base = base_text().encode("utf-8")
    items = [i for i in range(len(base)) if base.startswith(b"\n- request:", i)]
    assert len(items) == 5 and base.startswith(b"interactions:\n- request:"), "unexpected base layout"

    # 1. Truncated inside the double-quoted response body of interaction 3.
    body3 = nth(base, b'string: "Gr', 1) + len(b'string: "Gr')
    cut = base[: body3 + 20]
    make(
        out_dir,
        "truncated",
        cut,
        "truncated",
        "file ends inside the double-quoted response body of interaction 3; libyaml reports the end of the stream",
        len(cut),
        True,
        3,
        2,
    )

    # 2. A tab used as indentation in interaction 3 (the `method:` line of its request).
    method3 = nth(base, b"\n    method: GET\n", 2) + 1  # interaction 1 and 3 are GETs: 2nd occurrence
    tabbed = base[:method3] + b"\tmethod: GET" + base[method3 + len(b"    method: GET") :]
    make(
        out_dir,
        "tab-indent",
        tabbed,
        "tab-indentation",
        "the `method:` line of interaction 3's request is indented with a tab instead of four spaces",
        method3,
        True,
        3,
        2,
    )

    # 3. An unknown (and dangerous) tag on interaction 2's request body. VCR.py 4.2.1 is not run on this
    # file: its loader is yaml.CLoader with the *unsafe* constructors, and !!python/object:os.system makes
    # it call os.system() (TypeError here, because no argument is given; !!python/object/apply:os.system
    # [cmd] would run cmd). Checked once by hand; the text below records that outcome.
    body2 = nth(base, b"\n    body: ", 2) + len(b"\n    body: ")
    end2 = base.index(b"\n    headers:", body2)
    tagged = base[:body2] + b"!!python/object:os.system\n      command: echo never executed" + base[end2:]
    make(
        out_dir,
        "unknown-tag",
        tagged,
        "unknown-tag",
        "interaction 2's request body carries the tag !!python/object:os.system; the YAML is well-formed, "
        "interaction 2 should be kept with a warning (body shown as data or dropped, never executed) and is not counted as fully readable",
        body2,
        False,
        2,
        4,
        vcr="not run here: its unsafe loader calls os.system() (TypeError: system() missing required argument 'command')",
    )

    # 4. Invalid UTF-8 (a Latin-1 0xE9) inside the plain scalar uri of interaction 3.
    uri3 = nth(base, b"uri: https://api.example.test/v1/items?page=2&q=caf%C3%A9", 1)
    bad_at = uri3 + len(b"uri: https://api.example.test/v1/items?page=2&q=caf")
    latin = base[:bad_at] + b"\xe9" + base[bad_at + len(b"%C3%A9") :]
    make(
        out_dir,
        "invalid-utf8",
        latin,
        "invalid-utf8",
        "byte 0xE9 (Latin-1 e-acute) in the plain-scalar uri of interaction 3; libyaml rejects the stream "
        "at the following byte (the 0xE9 announces a 3-byte sequence), so its reported offset is one more",
        bad_at,
        True,
        3,
        2,
    )

    # 5. Interaction 2 has no `response` key.
    start2 = items[1] + 1
    resp2 = base.index(b"\n  response:\n", start2) + 1
    next3 = items[2] + 1
    missing = base[:resp2] + base[next3:]
    make(
        out_dir,
        "missing-response",
        missing,
        "missing-response",
        "interaction 2 has a request but no `response` key; position is the start of that interaction's mapping",
        start2 + 2,  # after "- "
        False,
        2,
        4,
    )


def make_huge(path, size=5 * 1024 * 1024):
    """Interaction 2's response body is a 5 MiB JSON text (not committed)."""
    from vcr.request import Request

    pairs = legacy.sample_pairs()
    row = b'{"urn": "urn:li:dataset:(urn:li:dataPlatform:s3,bucket/key-%07d,PROD)", "size": %d}'
    parts, total, i = [], 2, 0
    while total < size:
        text = row % (i, i * 17)
        parts.append(text)
        total += len(text) + 2
        i += 1
    body = b"[" + b", ".join(parts) + b"]"
    q = pairs[1][0]
    pairs[1] = (
        Request(q.method, q.uri, q.body, dict(q.headers)),
        {
            "status": {"code": 200, "message": "OK"},
            "headers": {"Content-Type": ["application/json"], "Content-Length": [str(len(body))]},
            "body": {"string": body},
        },
    )
    data = legacy.vcr_serialize(pairs).encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    offset = nth(data, b"\n      string: ", 2) + len(b"\n      string: ")
    line, column = line_col(data, offset)
    expected = vcrload.write_cassette_and_expected(path)
    write_errors(
        path,
        {
            "fault": "huge-body",
            "description": f"interaction 2's response body is {len(body)} bytes of JSON text; nothing is malformed",
            "line": line,
            "column": column,
            "byte_offset": offset,
            "fatal": False,
            "readable_before": 1,
            "readable_total": 5,
            "interactions_in_file": 5,
            "affected_interaction": 2,
            "libyaml": None,
            "libyaml_closed_before_error": None,
            "vcrpy_4_2_1": f"loads {len(expected)} interactions",
        },
    )
    print(f"{path}: {len(data)} bytes, body {len(body)} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=vcrload.cassette_dir(), help="output directory (default: tests/data/cassettes)")
    parser.add_argument("--huge-body", metavar="PATH.yaml", help="only write the 5 MiB-body cassette to PATH.yaml")
    args = parser.parse_args()
    vcrload.check_environment()
    if args.huge_body:
        if not args.huge_body.endswith(".yaml"):
            parser.error("--huge-body needs a path ending in .yaml")
        make_huge(args.huge_body)
        return
    os.makedirs(args.out, exist_ok=True)
    make_all(args.out)


if __name__ == "__main__":
    main()
