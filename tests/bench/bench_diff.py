#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Benchmark: the semantic diff of two file-sink MCP files of 100,000 MCPs each (realistic aspects, 1 % of
# them changed, the replay's emission order shuffled). tapedeck-cli diff --json next to the DeepDiff-based
# reference (tests/tools/deepdiff_ref.py: DataHub's grouping on Debian's python3-deepdiff), in one run on the
# same machine: wall time and peak RSS of each whole process (reading the files included), their ratio,
# and whether the verdicts (and every reported aspect and field path) agree.
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.path.join(ROOT, "tests", "tools", "deepdiff_ref.py")


def run_measured(cmd, expect=(0, 1)):
    start = time.perf_counter()
    out_path = "/tmp/tapedeck-bench-diff.out"
    with open(out_path, "wb") as out_file:
        proc = subprocess.Popen(cmd, stdout=out_file, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code not in expect:
        sys.exit(f"{cmd[0]} failed ({code}): {err}")
    with open(out_path, "rb") as f:
        out = f.read()
    os.unlink(out_path)
    return out, elapsed, usage.ru_maxrss / 1024


def aspects(report):
    out = set()
    for a in report["aspects"]:
        if a.get("duplicate"):
            continue
        fields = tuple(sorted((f["path"], json.dumps(f["recorded"], sort_keys=True),
                               json.dumps(f["replayed"], sort_keys=True), f["change"]) for f in a["fields"]))
        out.add((a["urn"], a["aspect"], a["status"], fields))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli", help="tapedeck-cli (default: build/release, else build/dev)")
    parser.add_argument("--count", type=int, default=100000, help="MCPs in the recorded file")
    parser.add_argument("--changed", type=float, default=0.01)
    parser.add_argument("--runs", type=int, default=5, help="Tapedeck runs (the median is reported)")
    parser.add_argument("--work", default="/tmp/tapedeck-bench")
    args = parser.parse_args()

    cli = args.cli or next((p for p in (os.path.join(ROOT, "build", b, "bin", "tapedeck-cli") for b in ("release", "dev"))
                            if os.path.exists(p)), None)
    if not cli:
        sys.exit("build tapedeck-cli first (cmake --preset release && cmake --build --preset release)")
    folder = os.path.join(args.work, f"diff-{args.count}-{args.changed:g}")
    recorded = os.path.join(folder, "recorded.json")
    replayed = os.path.join(folder, "replayed.json")
    if not os.path.exists(replayed):
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_mcps.py"), folder, "--count", str(args.count),
                        "--changed", str(args.changed)], check=True)
    sizes = (os.path.getsize(recorded) + os.path.getsize(replayed)) / 2**20

    load = os.getloadavg()[0]
    ours = [run_measured([cli, "diff", recorded, replayed, "--json"]) for _ in range(args.runs)]
    theirs_out, theirs_time, theirs_rss = run_measured(["/usr/bin/python3", REFERENCE, recorded, replayed])

    mine = json.loads(ours[0][0])
    theirs = json.loads(theirs_out)
    tapedeck_time = statistics.median(t for _, t, _ in ours)
    tapedeck_rss = max(r for _, _, r in ours)
    summary = mine["summary"]
    print(f"input: {recorded} and {replayed} ({sizes:.1f} MiB together; {mine['recorded']['mcps']:,} and "
          f"{mine['replayed']['mcps']:,} MCPs); {os.cpu_count()} CPUs, load average {load:.2f} at the start")
    print(f"Tapedeck found: {summary['aspects_changed']} aspects changed, {summary['aspects_added']} added, "
          f"{summary['aspects_removed']} removed, {summary['urns_added']} URNs added, {summary['urns_removed']} removed")
    print(f"{'':36} {'time (s)':>10} {'peak RSS (MiB)':>15}")
    print(f"{'tapedeck-cli diff --json':36} {tapedeck_time:10.3f} {tapedeck_rss:15.1f}"
          f"   (median of {args.runs}: {', '.join(f'{t:.3f}' for _, t, _ in ours)})")
    print(f"{'DeepDiff reference (DataHub grouping)':36} {theirs_time:10.3f} {theirs_rss:15.1f}")
    ratio = theirs_time / tapedeck_time
    print(f"speed-up: {ratio:.0f}x (target >= 100x: {'met' if ratio >= 100 else 'NOT met'}); "
          f"Tapedeck under 1 s: {'yes' if tapedeck_time < 1 else 'NO'}; "
          f"memory: {tapedeck_rss / theirs_rss:.2f} of the reference's")
    same_verdict = mine["match"] == theirs["match"]
    same_urns = mine["urns_added"] == theirs["urns_added"] and mine["urns_removed"] == theirs["urns_removed"]
    a, b = aspects(mine), aspects(theirs)
    print(f"verdicts agree: {'yes' if same_verdict else 'NO'} (match = {mine['match']}); URNs agree: "
          f"{'yes' if same_urns else 'NO'}; aspects and field paths agree: {'yes' if a == b else 'NO'} "
          f"({len(a)} vs {len(b)} aspect differences, {len(a & b)} identical)")
    if not (same_verdict and same_urns and a == b):
        sys.exit(1)


if __name__ == "__main__":
    main()
