#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Benchmark: the Replay tab's GUI thread while 100,000 requests a minute stream through the replay.

bench_gui_replay opens the bundled sample recording in the real main window (offscreen), sets a filter in the
Replay tab's filter bar, starts a replay without a command and prints its proxy URL. This script then checks
one answer per URL of the mix through the proxy (the recorded ones 200, the unrecorded 503) and runs wrk
against the proxy (absolute-form requests, keep-alive) at a fixed rate: wrk has no rate option, so its Lua
script paces the requests itself (each thread sends its k-th request at start + k / (rate / threads), from a
monotonic clock through LuaJIT's FFI; a connection that falls behind catches up without waiting). The mix
repeats every 20 requests: 8x /dashboards/1 and 6x /dashboards/2 (recorded, shown under the default
filter), 2x /user and 2x /lookml_models (recorded, hidden by it), 1x /dashboards/999 and 1x /folders/7 (not
recorded: 503, hidden by -status:5xx). While wrk runs, the bench measures the GUI thread with a 1 ms probe
timer; when it is done, the bench is told how many requests wrk completed, counts the list's rows, waits for
it to catch up, presses Stop and times the report. Target: no GUI-thread stall over 50 ms.
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(ROOT, "resources", "samples", "sample-recording.zip")
PASSWORD = "tapedeck-sample"  # resources/samples/README.md
TARGET_STALL_MS = 50

LOOKER = "http://looker.acme-corp.example"
# (URL, expected status, shown under the default filter, weight in a cycle of 20)
MIX = [
    (f"{LOOKER}/api/4.0/dashboards/1", 200, True, 8),
    (f"{LOOKER}/api/4.0/dashboards/2", 200, True, 6),
    (f"{LOOKER}/api/4.0/user?fields=id%2Cdisplay_name%2Cemail%2Crole_ids", 200, False, 2),
    (f"{LOOKER}/api/4.0/lookml_models?fields=name%2Clabel%2Cproject_name%2Cexplores", 200, False, 2),
    (f"{LOOKER}/api/4.0/dashboards/999", 503, False, 1),
    (f"{LOOKER}/api/4.0/folders/7", 503, False, 1),
]

# wrk's Lua side. Arguments after "--": the overall rate (requests/s), wrk's thread count, then the cycle of
# URLs (absolute form: the replay is a forward proxy).
LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *ts);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local requests = {}
local index = 0
local interval = 0
local due = nil
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  interval = 1000.0 * tonumber(args[2]) / tonumber(args[1])
  for i = 3, #args do
    local url = args[i]
    requests[#requests + 1] = wrk.format("GET", url, { ["Host"] = url:match("^http://([^/]+)") })
  end
  index = (id * 7) % #requests
end

-- The wait before this connection's next request: the thread's next free slot in the schedule.
function delay()
  local now = now_ms()
  if due == nil then due = now end
  due = due + interval
  local wait = due - now
  if wait < 0 then return 0 end
  return wait
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\"requests\": %d, \"duration_us\": %d, \"socket_errors\": %d, \"status_errors\": %d, " ..
    "\"p50_us\": %d, \"p99_us\": %d, \"max_us\": %d}\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def binary(name, explicit):
    found = explicit or next((p for p in (os.path.join(ROOT, "build", b, "bin", name) for b in ("release", "dev"))
                              if os.path.exists(p)), None)
    if not found:
        sys.exit(f"build {name} first (cmake --preset release && cmake --build --preset release --target {name})")
    return found


def check_answers(proxy):
    """One request per URL of the mix through the proxy: each must get its expected status."""
    parts = urllib.parse.urlsplit(proxy)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    for url, status, _, _ in MIX:
        conn.request("GET", url, headers={"Host": urllib.parse.urlsplit(url).netloc})
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != status:
            return f"{url}: got {resp.status}, expected {status}: {body[:200]!r}"
    conn.close()
    return None


def run_once(bench, args, work):
    env = dict(os.environ, DATAHUB_RECORDING_PASSWORD=PASSWORD,
               XDG_DATA_HOME=os.path.join(work, "data"), XDG_CONFIG_HOME=os.path.join(work, "config"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    cmd = [bench, args.recording] + ([args.filter] if args.filter else [])
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    # Its standard error, less the offscreen platform's complaints about window hints.
    errors = []
    reader = threading.Thread(target=lambda: errors.extend(
        line for line in proc.stderr if "propagateSizeHints" not in line and "XDG_RUNTIME_DIR" not in line))
    reader.start()
    try:
        ready = None
        for line in proc.stdout:
            if line.startswith("READY "):
                ready = json.loads(line[len("READY "):])
                break
            sys.stdout.write(line)
        if not ready:
            sys.exit(f"bench_gui_replay exited with {proc.wait()} before serving")
        proxy = ready["proxy"]
        problem = check_answers(proxy)
        if problem:
            sys.exit(f"wrong answer through the replay: {problem}")
        parts = urllib.parse.urlsplit(proxy)
        urls = [url for url, _, _, weight in MIX for _ in range(weight)]
        # Spread each URL over the cycle, as a client's requests would come, not in runs.
        urls = [urls[(i * 7) % len(urls)] for i in range(len(urls))]
        script = os.path.join(work, "paced.lua")
        with open(script, "w") as f:
            f.write(LUA)
        rate = args.rate / 60.0
        print(f"proxy {proxy}: wrk {args.threads} thread(s), {args.connections} connections, "
              f"{args.rate:,} requests/min ({rate:,.0f}/s) for {args.seconds} s…", flush=True)
        out = subprocess.run(["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.seconds}s",
                              "--latency", "-s", script, f"http://{parts.hostname}:{parts.port}", "--",
                              f"{rate:.3f}", str(args.threads)] + urls,
                             check=True, capture_output=True, text=True).stdout
        result = next((json.loads(line[len("RESULT "):]) for line in out.splitlines() if line.startswith("RESULT ")),
                      None)
        if not result:
            sys.exit("wrk printed no result:\n" + out)
        # wrk counts a request when its response is complete; the answer check's requests came first.
        completed = result["requests"] + len(MIX)
        proc.stdin.write(f"stop {completed}\n")
        proc.stdin.flush()
        rest = proc.stdout.read()
        code = proc.wait(timeout=120)
        if code != 0:
            sys.exit(f"bench_gui_replay exited with {code}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join()
        sys.stderr.write("".join(errors))
    sys.stdout.write(rest)
    summary = json.loads(rest.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return summary, result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", help="bench_gui_replay to run (default: build/release, else build/dev)")
    parser.add_argument("--recording", default=SAMPLE)
    parser.add_argument("--filter", default="url:~dashboards -status:5xx", help="the live list's filter")
    parser.add_argument("--rate", type=int, default=100_000, help="requests per minute")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run packaging/install-deps.sh")
    bench = binary("bench_gui_replay", args.bench)
    shown_share = sum(w for _, _, shown, w in MIX if shown) / sum(w for *_, w in MIX)

    rows = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="tapedeck-bench-replay-") as work:
            if args.runs > 1:
                print(f"\n— run {run + 1} of {args.runs}", flush=True)
            load = os.getloadavg()[0]
            summary, wrk = run_once(bench, args, work)
        rows.append((summary, wrk, load))

    print()
    print(f"{'run':>4} {'load avg':>8} {'requests/s':>11} {'p99 (ms)':>9} {'errors':>7} {'longest stall':>14} "
          f"{'own':>8} {'p99 gap':>8} {'probes':>7} {'rows':>8} {'shown':>7} {'behind':>7} {'row delay p99':>14} "
          f"{'report (ms)':>12}")
    worst = max((s for s, _, _ in rows), key=lambda s: s["longest_stall_ms"])
    for i, (s, w, load) in enumerate(rows, 1):
        print(f"{i:>4} {load:>8.2f} {w['rps']:>11,.0f} {w['p99_us'] / 1000:>9.2f} {w['socket_errors']:>7} "
              f"{s['longest_stall_ms']:>11.1f} ms {s['longest_own_stall_ms']:>5.1f} ms {s['p99_gap_ms']:>8.2f} "
              f"{s['probes']:>7} {s['rows_at_stop']:>8} {s['shown_at_stop']:>7} {s['lag_rows']:>7} "
              f"{s['row_delay_p99_ms']:>11} ms {s['stop_to_report_ms']:>12}")
    print(f"(target rate {args.rate / 60:,.0f}/s; the mix's share shown under the default filter: {shown_share:.0%}; "
          f"own: the longest stall less its wait for a core; load avg: 1 min, before the run, {os.cpu_count()} cores)")
    longest = worst["load"]["longest"]
    blocked = max(0.0, longest["ms"] - longest["cpu_ms"] - max(0.0, longest["wait_ms"]))
    print(f"longest GUI stall {longest['ms']:.1f} ms (target ≤ {TARGET_STALL_MS} ms: "
          f"{'met' if longest['ms'] <= TARGET_STALL_MS else 'NOT met'}); of it {longest['cpu_ms']:.1f} ms on the CPU, "
          + (f"{longest['wait_ms']:.1f} ms waiting for a core, " if longest["wait_ms"] >= 0 else "")
          + f"{blocked:.1f} ms blocked or asleep")
    print(f"in that run, the longest GUI stall less its wait for a core: {worst['longest_own_stall_ms']:.1f} ms; most GUI CPU time "
          f"between two ticks: {worst['busiest_cpu_ms']:.1f} ms")


if __name__ == "__main__":
    main()
