#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Benchmark: the desktop window under load. (1) The GUI thread's longest stall while a ~200 MB recording
# loads in the real main window (the encrypted archive, and the same recording as an extracted folder),
# and when its first events were on screen. (2) With a 1,000,000-event timeline: applying a filter
# expression and scrolling to the end (bench_gui_timeline). Targets: no stall over 50 ms, filter under
# 100 ms. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PASSWORD = "bench-password"  # bench_extract.py packs the archive with it


def binary(name, explicit):
    found = explicit or next((p for p in (os.path.join(ROOT, "build", b, "bin", name) for b in ("release", "dev"))
                              if os.path.exists(p)), None)
    if not found:
        sys.exit(f"build {name} first (cmake --preset release && cmake --build --preset release)")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", default="/tmp/tapedeck-bench")
    parser.add_argument("--size-mb", type=float, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, DATAHUB_RECORDING_PASSWORD=PASSWORD)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    source = os.path.join(args.work, f"recording-{args.size_mb:g}mb")
    archive = source + ".zip"
    if not os.path.exists(archive):
        # bench_extract.py generates and packs it (7z, LZMA, AES-256) and caches it.
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "bench_extract.py"), "--size-mb", str(args.size_mb),
                        "--runs", "1", "--work", args.work], check=True)
    load = binary("bench_gui_load", None)
    print(f"{'loading in the main window':34} {'events':>8} {'first rows (s)':>15} {'indexed (s)':>12} "
          f"{'longest stall (ms)':>19} {'p99 gap (ms)':>13}")
    worst = 0.0
    for label, path in (("encrypted archive (AES-256, LZMA)", archive), ("extracted folder", source)):
        for _ in range(args.runs):
            out = subprocess.run([load, path], env=env, capture_output=True, text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            worst = max(worst, r["longest_stall_ms"])
            print(f"{label:34} {r['events']:8d} {r['first_rows_s']:15.3f} {r['total_s']:12.3f} "
                  f"{r['longest_stall_ms']:19.1f} {r['p99_gap_ms']:13.2f}")
    print(f"longest GUI-thread stall: {worst:.1f} ms (target <= 50 ms: {'met' if worst <= 50 else 'NOT met'})")
    timeline = os.path.join(os.path.dirname(load), "bench_gui_timeline")
    if os.path.exists(timeline):
        print()
        sys.stdout.flush()
        subprocess.run([timeline], env=env, check=True)


if __name__ == "__main__":
    main()
