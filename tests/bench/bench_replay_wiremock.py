#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Benchmark: answering 10,000 distinct recorded requests, WireMock 3.13 against Tapedeck's replay.

One recording of N distinct GET and POST requests (gen_recording.py --shape distinct) is
- exported with `tapedeck-cli export-wiremock` and served by WireMock (the npm package's standalone jar,
  `java -jar`, with its performance flags --no-request-journal and --disable-request-logging), and
- served by `tapedeck-cli replay REC --listen 127.0.0.1:PORT`, a forward proxy: there the requests are
  sent in absolute form (`GET http://origin/path?q HTTP/1.1`) to the proxy port.
wrk drives both the same way: 16 keep-alive connections on 2 threads, a Lua script cycling through the N
requests (each thread from its own offset), a warm-up run (JIT, caches) and a measured run; its done()
hook reports requests/s, p50 and p99 latency and errors. Before that a sample of requests is checked
against the recorded responses, so a fast wrong answer cannot pass. Prints both sides and the ratio.

The Tapedeck side is skipped ("tapedeck replay: not available") while `tapedeck-cli replay` does not
exist in the build, so the WireMock side can be measured on its own.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
Loader = getattr(yaml, "CLoader", yaml.Loader)

# wrk's Lua side. Arguments after "--": the requests file (method, host, target, body; tab-separated) and
# the mode: "origin" sends origin-form targets, "proxy" absolute-form ones with the origin's Host header.
LUA = r"""
local requests = {}
local index = 0
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  local file, mode = args[1], args[2]
  for line in io.lines(file) do
    local method, host, target, body = line:match("^(%u+)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    if mode == "proxy" then
      target = "http://" .. host .. target
      headers["Host"] = host
    end
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    requests[#requests + 1] = wrk.format(method, target, headers, body)
  end
  index = (id * 5003) % #requests
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\"requests\": %d, \"duration_us\": %d, \"socket_errors\": %d, \"status_errors\": %d, " ..
    "\"p50_us\": %d, \"p99_us\": %d}\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def load_interactions(cassette):
    with open(cassette, encoding="utf-8") as f:
        data = yaml.load(f, Loader=Loader)
    out = []
    for item in data["interactions"]:
        req, resp = item["request"], item["response"]
        uri = urllib.parse.urlsplit(req["uri"])
        target = uri.path + ("?" + uri.query if uri.query else "")
        body = req["body"] or ""
        if "\t" in body or "\n" in body or "\t" in target:
            sys.exit("the generated requests must not hold tabs or newlines")
        string = resp["body"]["string"]
        out.append({"method": req["method"], "host": uri.netloc, "target": target, "body": body,
                    "status": resp["status"]["code"],
                    "response": string.encode("utf-8") if isinstance(string, str) else string})
    return out


def check_answers(interactions, port, proxy, count=200):
    """Sends a sample of the recorded requests; each must get its recorded status and body."""
    rng = random.Random(7)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for item in rng.sample(interactions, min(count, len(interactions))):
        target = f"http://{item['host']}{item['target']}" if proxy else item["target"]
        headers = {"Host": item["host"]}
        if item["body"]:
            headers["Content-Type"] = "application/json"
        conn.request(item["method"], target, body=item["body"].encode() if item["body"] else None, headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != item["status"] or body != item["response"]:
            return f"{item['method']} {item['target']}: got {resp.status} {body[:200]!r}"
    conn.close()
    return None


def run_wrk(port, script, requests_file, mode, seconds, threads, connections):
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", script,
           f"http://127.0.0.1:{port}", "--", requests_file, mode]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
            result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
            return result
    sys.exit("wrk printed no result:\n" + out)


def measure(name, port, proc, interactions, script, requests_file, mode, args):
    problem = check_answers(interactions, port, proxy=(mode == "proxy"))
    if problem:
        print(f"{name}: wrong answer: {problem}", file=sys.stderr)
        return None
    print(f"{name}: warming up ({args.warmup} s)…", flush=True)
    run_wrk(port, script, requests_file, mode, args.warmup, args.threads, args.connections)
    print(f"{name}: measuring ({args.duration} s)…", flush=True)
    result = run_wrk(port, script, requests_file, mode, args.duration, args.threads, args.connections)
    if proc.poll() is not None:
        print(f"{name}: the server exited during the run", file=sys.stderr)
        return None
    return result


def stop(proc, sig):
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def drain(stream, lines):
    for line in iter(stream.readline, ""):
        lines.append(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", help="tapedeck-cli to measure (default: build/release, else build/dev)")
    parser.add_argument("--requests", type=int, default=10000, help="distinct recorded requests")
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per side")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up per side")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--work", default="/tmp/tapedeck-bench", help="cache folder for the generated recording")
    args = parser.parse_args()

    cli = args.cli or next((p for p in (os.path.join(ROOT, "build", b, "bin", "tapedeck-cli") for b in ("release", "dev"))
                            if os.path.exists(p)), None)
    if not cli:
        sys.exit("build tapedeck-cli first (cmake --preset release && cmake --build --preset release)")
    jar_dir = os.path.join(ROOT, "tests", "npm", "node_modules", "wiremock", "build")
    jars = sorted(f for f in os.listdir(jar_dir) if f.endswith(".jar")) if os.path.isdir(jar_dir) else []
    for tool in ("java", "wrk"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed: run packaging/install-deps.sh")
    if not jars:
        sys.exit("the WireMock jar is missing in tests/npm/node_modules: run packaging/install-deps.sh")
    jar = os.path.join(jar_dir, jars[-1])

    os.makedirs(args.work, exist_ok=True)
    recording = os.path.join(args.work, f"replay-distinct-{args.requests}")
    if not os.path.exists(os.path.join(recording, "manifest.json")):
        print(f"generating a recording of {args.requests} distinct requests…", flush=True)
        shutil.rmtree(recording, ignore_errors=True)
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_recording.py"), recording, "--shape", "distinct",
                        "--count", str(args.requests)], check=True)
    interactions = load_interactions(os.path.join(recording, "http", "cassette.yaml"))
    requests_file = os.path.join(args.work, f"replay-distinct-{args.requests}.tsv")
    with open(requests_file, "w", encoding="utf-8") as f:
        for item in interactions:
            f.write(f"{item['method']}\t{item['host']}\t{item['target']}\t{item['body']}\n")
    script = os.path.join(args.work, "replay-cycle.lua")
    with open(script, "w") as f:
        f.write(LUA)

    results = {}

    # WireMock: export, serve, measure.
    export = os.path.join(args.work, "wiremock-export")
    shutil.rmtree(export, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([cli, "export-wiremock", recording, "--output", export], check=True, stderr=subprocess.DEVNULL)
    export_seconds = time.perf_counter() - started
    port = free_port()
    log = open(os.path.join(args.work, "wiremock.log"), "w")
    wiremock = subprocess.Popen(["java", "-jar", jar, "--port", str(port), "--bind-address", "127.0.0.1",
                                 "--root-dir", export, "--disable-banner", "--no-request-journal",
                                 "--disable-request-logging"],
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.perf_counter()
        if not wait_for_port(port, wiremock, 120):
            sys.exit(f"WireMock did not start (see {log.name})")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/__admin/health")  # answered once the mappings are loaded
        conn.getresponse().read()
        print(f"WireMock: {len(interactions)} mappings exported in {export_seconds:.1f} s, "
              f"serving after {time.perf_counter() - started:.1f} s", flush=True)
        results["WireMock " + jars[-1].removeprefix("wiremock-standalone-").removesuffix(".jar")] = measure(
            "WireMock", port, wiremock, interactions, script, requests_file, "origin", args)
    finally:
        stop(wiremock, signal.SIGTERM)
        log.close()

    # Tapedeck: the replay proxy, if this build has it.
    name = "tapedeck replay"
    probe = subprocess.run([cli, "replay", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        print("tapedeck replay: not available", flush=True)
        results[name] = None
    else:
        port = free_port()
        replay = subprocess.Popen([cli, "replay", recording, "--listen", f"127.0.0.1:{port}"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = []
        threading.Thread(target=drain, args=(replay.stdout, lines), daemon=True).start()
        try:
            started = time.perf_counter()
            # Ready when it has printed its endpoints and the port answers.
            deadline = time.time() + 120
            while not lines and replay.poll() is None and time.time() < deadline:
                time.sleep(0.05)
            if not lines or not wait_for_port(port, replay, 30):
                print("tapedeck replay: did not start: " + (replay.stderr.read() if replay.poll() is not None else ""),
                      file=sys.stderr)
                results[name] = None
            else:
                print(f"tapedeck replay: serving after {time.perf_counter() - started:.1f} s", flush=True)
                results[name] = measure(name, port, replay, interactions, script, requests_file, "proxy", args)
        finally:
            stop(replay, signal.SIGINT)

    print()
    print(f"{len(interactions)} distinct recorded requests, wrk {args.threads} threads / {args.connections} "
          f"keep-alive connections, {args.duration} s measured after {args.warmup} s warm-up")
    print(f"{'':22}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'errors':>9}")
    for label, r in results.items():
        if r is None:
            print(f"{label:22}{'—':>12}{'—':>10}{'—':>10}{'—':>9}")
        else:
            print(f"{label:22}{r['rps']:>12,.0f}{r['p50_us'] / 1000:>10.2f}{r['p99_us'] / 1000:>10.2f}"
                  f"{r['socket_errors'] + r['status_errors']:>9}")
    sides = [r for r in results.values()]
    if len(sides) == 2 and all(sides):
        w, t = sides
        print(f"{'ratio Tapedeck/WireMock':22}{t['rps'] / w['rps']:>11.2f}x{t['p50_us'] / w['p50_us']:>9.2f}x"
              f"{t['p99_us'] / w['p99_us']:>9.2f}x")
    else:
        print(f"{'ratio Tapedeck/WireMock':22}{'—':>12}")
    failed = [label for label, r in results.items() if r is not None and r["socket_errors"] + r["status_errors"]]
    if failed or results and next(iter(results.values())) is None:
        sys.exit(1)


if __name__ == "__main__":
    main()
