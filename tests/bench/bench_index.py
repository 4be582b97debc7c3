#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Benchmark: indexing VCR.py cassettes. Tapedeck's timeline index (time until the first 1,000 events are
# visible, total time, peak memory) next to PyYAML's CLoader loading the same file, which is what VCR.py
# does, in one run on the same machine. Both sides include reading the file from disk. Three cassettes,
# all written by PyYAML's CDumper (what VCR.py uses when libyaml is present):
#   datahub    ~200 MB, gen_recording.py's DataHub shape (Looker API calls, GMS ingestProposalBatch posts)
#   rest-api   ~50 MB, a REST client recorded through VCR.py's own serializer: a quarter POSTs with small
#              JSON bodies, responses of a few hundred bytes to ~1.5 KB, a 600-byte !!binary every 40th
#   rest-api, large responses   the same with responses of 1-10 KB (where CLoader is fastest per byte)
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TARGET = 40  # speed-up over CLoader, on every shape
PYYAML = ("import sys, time, yaml\n"
          "t = time.perf_counter()\n"
          "with open(sys.argv[1], 'rb') as f:\n"
          "    data = yaml.load(f, Loader=yaml.CLoader)\n"
          "print(len(data['interactions']), time.perf_counter() - t)\n")


def run(cmd):
    """Output, peak RSS (MiB) and CPU time (user + system, whole process, s)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd[0]} failed: {err}")
    return out, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def cassette_for(work, folder, size_mb, options):
    source = os.path.join(work, folder)
    cassette = os.path.join(source, "http", "cassette.yaml")
    if not os.path.exists(cassette):
        os.makedirs(work, exist_ok=True)
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_recording.py"), source, "--size-mb", str(size_mb)]
                       + options, check=True)
    return cassette


def measure(name, bench, cassette, runs, pyyaml_runs):
    ours = []
    for _ in range(runs):
        out, rss, cpu = run([bench, cassette])
        ours.append((json.loads(out), rss, cpu))
    theirs = []
    for _ in range(pyyaml_runs):
        out, rss, cpu = run(["/usr/bin/python3", "-c", PYYAML, cassette])
        count, seconds = out.split()
        theirs.append((int(count), float(seconds), rss, cpu))
    m = {
        "name": name,
        "cassette": cassette,
        "size": os.path.getsize(cassette),
        "events": ours[0][0]["events"],
        "interactions": theirs[0][0],
        "tapedeck": statistics.median(r["read_s"] + r["total_s"] for r, _, _ in ours),
        "tapedeck_first": statistics.median(r["read_s"] + r["first_1000_s"] for r, _, _ in ours),
        "tapedeck_rss": max(rss for _, rss, _ in ours),
        "tapedeck_cpu": statistics.median(cpu for _, _, cpu in ours),
        "pyyaml": statistics.median(seconds for _, seconds, _, _ in theirs),
        "pyyaml_rss": max(rss for _, _, rss, _ in theirs),
        "pyyaml_cpu": statistics.median(cpu for _, _, _, cpu in theirs),
    }
    m["ratio"] = m["pyyaml"] / m["tapedeck"]
    m["cpu_ratio"] = m["pyyaml_cpu"] / m["tapedeck_cpu"]
    return m


def met(ok):
    return "met" if ok else "NOT met"


def report(m):
    print(f"== {m['name']}: {m['cassette']} ({m['size'] / 2**20:.1f} MiB, {m['interactions']} interactions; "
          f"Tapedeck indexed {m['events']} events incl. the MCPs inside GMS requests)")
    print(f"{'':28} {'first 1000 (s)':>15} {'full (s)':>9} {'peak RSS (MiB)':>15} {'CPU (s)':>8}")
    print(f"{'Tapedeck timeline index':28} {m['tapedeck_first']:15.3f} {m['tapedeck']:9.3f} {m['tapedeck_rss']:15.1f} "
          f"{m['tapedeck_cpu']:8.3f}")
    print(f"{'PyYAML CLoader (VCR.py)':28} {'-':>15} {m['pyyaml']:9.3f} {m['pyyaml_rss']:15.1f} {m['pyyaml_cpu']:8.3f}")
    print(f"speed-up: {m['ratio']:.1f}x (target >= {TARGET}x: {met(m['ratio'] >= TARGET)}); "
          f"in CPU time: {m['cpu_ratio']:.1f}x; "
          f"first events: {m['tapedeck_first']:.3f} s (target < 0.5 s: {met(m['tapedeck_first'] < 0.5)}); "
          f"memory: {m['tapedeck_rss'] / m['pyyaml_rss']:.2f} of PyYAML's")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", help="bench_cassette executable (default: build/release, else build/dev)")
    parser.add_argument("--size-mb", type=float, default=200, help="the datahub recording")
    parser.add_argument("--api-size-mb", type=float, default=50, help="the rest-api cassettes")
    parser.add_argument("--runs", type=int, default=3, help="Tapedeck runs per cassette (the median counts)")
    parser.add_argument("--pyyaml-runs", type=int, default=1,
                        help="CLoader runs per cassette: ~25 s on the datahub recording, ~15 s on rest-api")
    parser.add_argument("--work", default="/tmp/tapedeck-bench")
    args = parser.parse_args()

    bench = args.bench or next((p for p in (os.path.join(ROOT, "build", b, "bin", "bench_cassette") for b in ("release", "dev"))
                                if os.path.exists(p)), None)
    if not bench:
        sys.exit("build bench_cassette first (cmake --preset release && cmake --build --preset release --target bench_cassette)")
    shapes = [
        ("datahub", f"recording-{args.size_mb:g}mb", args.size_mb, []),
        ("rest-api (CDumper)", f"cdumper-rest-api-{args.api_size_mb:g}mb", args.api_size_mb,
         ["--shape", "rest-api", "--size-of", "cassette"]),
        ("rest-api, large responses (CDumper)", f"cdumper-rest-api-large-{args.api_size_mb:g}mb", args.api_size_mb,
         ["--shape", "rest-api", "--records", "2-23", "--size-of", "cassette"]),
    ]
    cassettes = [(name, cassette_for(args.work, folder, size, options)) for name, folder, size, options in shapes]
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} before the runs; "
          f"Tapedeck: median of {args.runs} runs, CLoader: median of {args.pyyaml_runs}. Times are wall-clock; "
          f"CPU is user + system time of the whole process (Tapedeck indexes on two threads, so on a busy "
          f"machine its wall-clock advantage shrinks towards the CPU ratio)\n")
    results = []
    for name, cassette in cassettes:
        results.append(measure(name, bench, cassette, args.runs, args.pyyaml_runs))
        report(results[-1])
    print(f"{'cassette':38} {'MiB':>6} {'Tapedeck (s)':>13} {'CLoader (s)':>12} {'speed-up':>9} {'target':>8} "
          f"{'':8} {'CPU ratio':>9} {'RSS Tapedeck/CLoader (MiB)':>27}")
    for m in results:
        print(f"{m['name']:38} {m['size'] / 2**20:6.1f} {m['tapedeck']:13.3f} {m['pyyaml']:12.3f} {m['ratio']:8.1f}x "
              f"{'>= ' + str(TARGET) + 'x':>8} {met(m['ratio'] >= TARGET):8} {m['cpu_ratio']:8.1f}x "
              f"{m['tapedeck_rss']:12.1f} / {m['pyyaml_rss']:.1f}")


if __name__ == "__main__":
    main()
