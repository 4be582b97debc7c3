#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Benchmark: indexing a ~200 MB VCR.py cassette. Tapedeck's timeline index (time until the first 1,000
# events are visible, total time, peak memory) next to PyYAML's CLoader loading the same file, which is
# what VCR.py does, in one run on the same machine. Both sides include reading the file from disk.
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYYAML = ("import sys, time, yaml\n"
          "t = time.perf_counter()\n"
          "with open(sys.argv[1], 'rb') as f:\n"
          "    data = yaml.load(f, Loader=yaml.CLoader)\n"
          "print(len(data['interactions']), time.perf_counter() - t)\n")


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd[0]} failed: {err}")
    return out, elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", help="bench_cassette executable (default: build/release, else build/dev)")
    parser.add_argument("--size-mb", type=float, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pyyaml-runs", type=int, default=1, help="PyYAML takes ~25 s a run")
    parser.add_argument("--work", default="/tmp/tapedeck-bench")
    args = parser.parse_args()

    bench = args.bench or next((p for p in (os.path.join(ROOT, "build", b, "bin", "bench_cassette") for b in ("release", "dev"))
                                if os.path.exists(p)), None)
    if not bench:
        sys.exit("build bench_cassette first (cmake --preset release && cmake --build --preset release --target bench_cassette)")
    source = os.path.join(args.work, f"recording-{args.size_mb:g}mb")
    cassette = os.path.join(source, "http", "cassette.yaml")
    if not os.path.exists(cassette):
        os.makedirs(args.work, exist_ok=True)
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_recording.py"), source, "--size-mb", str(args.size_mb)], check=True)
    size = os.path.getsize(cassette)

    ours = []
    for _ in range(args.runs):
        out, wall, rss = run([bench, cassette])
        result = json.loads(out)
        ours.append((result, wall, rss))
    theirs = []
    for _ in range(args.pyyaml_runs):
        out, wall, rss = run(["/usr/bin/python3", "-c", PYYAML, cassette])
        count, seconds = out.split()
        theirs.append((int(count), float(seconds), wall, rss))

    events = ours[0][0]["events"]
    interactions = theirs[0][0]
    tapedeck_total = statistics.median(r["read_s"] + r["total_s"] for r, _, _ in ours)
    tapedeck_first = statistics.median(r["read_s"] + r["first_1000_s"] for r, _, _ in ours)
    tapedeck_rss = max(rss for _, _, rss in ours)
    pyyaml_total = statistics.median(seconds for _, seconds, _, _ in theirs)
    pyyaml_rss = max(rss for _, _, _, rss in theirs)
    print(f"cassette: {cassette} ({size / 2**20:.1f} MiB, {interactions} interactions; Tapedeck indexed {events} events "
          f"incl. the MCPs inside GMS requests)")
    print(f"{'':28} {'first 1000 (s)':>15} {'full (s)':>9} {'peak RSS (MiB)':>15}")
    print(f"{'Tapedeck timeline index':28} {tapedeck_first:15.3f} {tapedeck_total:9.3f} {tapedeck_rss:15.1f}")
    print(f"{'PyYAML CLoader (VCR.py)':28} {'-':>15} {pyyaml_total:9.3f} {pyyaml_rss:15.1f}")
    ratio = pyyaml_total / tapedeck_total
    print(f"speed-up: {ratio:.1f}x (target >= 30x: {'met' if ratio >= 30 else 'NOT met'}); "
          f"first events: {tapedeck_first:.3f} s (target < 0.5 s: {'met' if tapedeck_first < 0.5 else 'NOT met'}); "
          f"memory: {tapedeck_rss / pyyaml_rss:.2f} of PyYAML's")


if __name__ == "__main__":
    main()
