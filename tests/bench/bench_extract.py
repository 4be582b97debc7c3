#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Benchmark: extracting a ~200 MB (uncompressed) AES-256/LZMA recording with `tapedeck-cli extract` and
# with `7z x`, same archive, same machine, same run. Prints both times, peak memory and the ratio.
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PASSWORD = "bench-password"


def timed(cmd):
    """Runs cmd, returns (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd[0]} failed: {stderr}")
    return elapsed, usage.ru_maxrss / 1024


def tree_digest(folder):
    digest = hashlib.sha256()
    for base, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            path = os.path.join(base, name)
            digest.update(os.path.relpath(path, folder).encode())
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli", help="tapedeck-cli to measure (default: build/release, else build/dev)")
    parser.add_argument("--size-mb", type=float, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/tmp/tapedeck-bench", help="cache folder for the generated archive")
    args = parser.parse_args()

    cli = args.cli or next((p for p in (os.path.join(ROOT, "build", b, "bin", "tapedeck-cli") for b in ("release", "dev"))
                            if os.path.exists(p)), None)
    if not cli:
        sys.exit("build tapedeck-cli first (cmake --preset release && cmake --build --preset release)")
    os.makedirs(args.work, exist_ok=True)
    source = os.path.join(args.work, f"recording-{args.size_mb:g}mb")
    archive = source + ".zip"
    if not os.path.exists(archive):
        print(f"generating a {args.size_mb:g} MB recording and packing it with 7z (LZMA, AES-256)…", flush=True)
        shutil.rmtree(source, ignore_errors=True)
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_recording.py"), source, "--size-mb", str(args.size_mb)], check=True)
        subprocess.run(["7z", "a", "-tzip", "-mm=LZMA", "-mem=AES256", "-mx=5", "-p" + PASSWORD, archive,
                        "manifest.json", "recipe.yaml", "http", "db"], cwd=source, check=True, stdout=subprocess.DEVNULL)
    unpacked = sum(os.path.getsize(os.path.join(b, f)) for b, _, fs in os.walk(source) for f in fs)

    out_tapedeck = os.path.join(args.work, "out-tapedeck")
    out_7z = os.path.join(args.work, "out-7z")
    tools = {
        "tapedeck-cli extract": ([cli, "extract", archive, "--output-dir", out_tapedeck, "--password", PASSWORD, "--quiet"], out_tapedeck),
        "7z x": (["7z", "x", "-y", "-o" + out_7z, "-p" + PASSWORD, archive], out_7z),
    }
    results = {name: [] for name in tools}
    for run in range(args.runs):
        order = list(tools) if run % 2 == 0 else list(reversed(tools))  # alternate to even out cache effects
        for name in order:
            cmd, out = tools[name]
            shutil.rmtree(out, ignore_errors=True)
            results[name].append(timed(cmd))
    if tree_digest(out_tapedeck) != tree_digest(out_7z):
        sys.exit("the two tools extracted different bytes")
    for _, out in tools.values():
        shutil.rmtree(out, ignore_errors=True)

    print(f"archive: {archive} ({os.path.getsize(archive) / 2**20:.1f} MiB packed, {unpacked / 2**20:.1f} MiB unpacked), "
          f"{args.runs} runs each, median")
    print(f"{'tool':24} {'time (s)':>9} {'MB/s':>8} {'peak RSS (MiB)':>15}")
    medians = {}
    for name, samples in results.items():
        seconds = statistics.median(s for s, _ in samples)
        rss = max(m for _, m in samples)
        medians[name] = seconds
        print(f"{name:24} {seconds:9.3f} {unpacked / 2**20 / seconds:8.1f} {rss:15.1f}")
    ratio = medians["tapedeck-cli extract"] / medians["7z x"]
    print(f"ratio tapedeck/7z: {ratio:.2f} (target <= 1.0: {'met' if ratio <= 1.0 else 'NOT met'}); identical output: yes")


if __name__ == "__main__":
    main()
