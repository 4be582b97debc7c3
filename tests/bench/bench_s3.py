#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Benchmark: recordings from S3, Tapedeck against the AWS CLI and curl, on one local S3 server.

1. Downloading one ~100 MiB recording (gen_recording.py, packed by 7-Zip as an AES-256 ZIP, stored so it
   stays that size) from the S3 server on loopback (tests/tools/s3server.js, npm @20minutes/s3rver, which
   checks every signature):
   - `tapedeck-cli fetch s3://… --output FILE` (parallel ranged GETs, no cache),
   - `aws s3 cp s3://… FILE` (Debian's awscli 2.9, its default 10 threads and 8 MiB parts),
   - `curl -o FILE` on a URL presigned by `aws s3 presign` (one connection, no signing work: the server's
     ceiling for one stream).
   Each --runs times, alternating; the median of each, the ratios aws/Tapedeck and Tapedeck/curl; the three
   files are checked to be the same bytes. Targets: >= 2x faster than aws, within 1.5x of curl.
2. Summaries of --count recordings of --each-mb MiB under one prefix: `tapedeck-cli list s3://…/ --json`
   (ranged reads of each archive's end and of its manifest and recipe; a fresh catalog) against downloading
   them all (`aws s3 cp --recursive`) and listing the downloaded folder. Both go through a counting TCP
   proxy, so the bytes each side moved are measured the same way. Prints time and bytes of each, and checks
   that both listings found the same run ids.

Run on a release build: cmake --preset release && cmake --build --preset release --target tapedeck-cli
"""
import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "bench-password"


class Server:
    """tests/tools/s3server.js on loopback."""

    def __init__(self, directory, flavour, buckets):
        self.proc = subprocess.Popen(
            ["node", "--openssl-legacy-provider", os.path.join(ROOT, "tests/tools/s3server.js"), "--flavour",
             flavour, "--dir", directory] + sum((["--bucket", b] for b in buckets), []),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening "):
            raise SystemExit(f"the S3 server did not start: {line!r}")
        self.port = int(line.split()[1])
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.kill()
        self.proc.wait()


class CountingProxy:
    """A TCP relay that counts the bytes flowing from the server to the client."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.down = 0
        self.up = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def reset(self):
        with self.lock:
            self.down = self.up = 0

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, server, "up"), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "down"), daemon=True).start()

    def _pump(self, source, sink, direction):
        try:
            while True:
                data = source.recv(1 << 18)
                if not data:
                    break
                sink.sendall(data)
                with self.lock:
                    if direction == "down":
                        self.down += len(data)
                    else:
                        self.up += len(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def environment(endpoint):
    env = dict(os.environ)
    env.update(AWS_ACCESS_KEY_ID="S3RVER", AWS_SECRET_ACCESS_KEY="S3RVER", AWS_REGION="us-east-1",
               AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL=endpoint, AWS_EC2_METADATA_DISABLED="true",
               AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
               DATAHUB_RECORDING_PASSWORD=PASSWORD, NO_COLOR="1")
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)
    return env


def aws(endpoint, *arguments, **kw):
    return subprocess.run(["/usr/bin/aws", "--endpoint-url", endpoint, *arguments], env=environment(endpoint),
                          check=True, **kw)


def timed(command, env):
    start = time.monotonic()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def make_recording(work, name, size_mb, seed, run_id=None, created=None):
    folder = os.path.join(work, name + ".d")
    archive = os.path.join(work, name + ".zip")
    if os.path.exists(archive):
        return archive
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests/bench/gen_recording.py"), folder, "--size-mb",
                    str(size_mb), "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    if run_id:
        path = os.path.join(folder, "manifest.json")
        manifest = json.load(open(path))
        manifest["run_id"] = run_id
        manifest["created_at"] = created
        json.dump(manifest, open(path, "w"), indent=2)
    # Stored (-mx0): the archive stays the size asked for, as an archive of already-compressed bodies would.
    subprocess.run(["7z", "a", "-tzip", "-mx0", "-mem=AES256", f"-p{PASSWORD}", archive, "."], cwd=folder,
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(folder)
    return archive


def download_benchmark(args, server, work, cli):
    archive = make_recording(work, "big", args.size_mb, 1)
    size = os.path.getsize(archive)
    aws(server.endpoint, "s3", "cp", "--only-show-errors", archive, "s3://bench/big/recording-big.zip")
    url = "s3://bench/big/recording-big.zip"
    presigned = aws(server.endpoint, "s3", "presign", url, "--expires-in", "3600", capture_output=True,
                    text=True).stdout.strip()
    env = environment(server.endpoint)
    env["XDG_CACHE_HOME"] = os.path.join(work, "cache")
    outputs = {k: os.path.join(work, f"out-{k}.zip") for k in ("tapedeck", "aws", "curl")}
    commands = {
        "tapedeck": [cli, "fetch", url, "--output", outputs["tapedeck"], "--force", "-q"],
        # awscli 2.9 reads no AWS_ENDPOINT_URL: the endpoint goes on its command line.
        "aws": ["/usr/bin/aws", "--endpoint-url", server.endpoint, "s3", "cp", "--only-show-errors", url,
                outputs["aws"]],
        "curl": ["curl", "-sS", "-f", "-o", outputs["curl"], presigned],
    }
    times = {k: [] for k in commands}
    for run in range(args.runs):
        for name, command in commands.items():
            if os.path.exists(outputs[name]):
                os.remove(outputs[name])
            times[name].append(timed(command, env))
    digests = {k: sha256(p) for k, p in outputs.items()}
    same = len(set(digests.values())) == 1 and digests["tapedeck"] == sha256(archive)
    median = {k: statistics.median(v) for k, v in times.items()}
    mib = size / (1 << 20)
    print(f"\n1. Downloading one recording of {mib:.1f} MiB ({args.runs} runs each, median; "
          f"S3 server: {args.flavour})")
    for name, label in (("tapedeck", "tapedeck-cli fetch"), ("aws", "aws s3 cp (awscli 2.9)"),
                        ("curl", "curl, presigned URL")):
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"  {label:<26} {median[name]:7.2f} s  {mib / median[name]:7.1f} MiB/s   runs: {runs}")
    print(f"  aws / tapedeck:  {median['aws'] / median['tapedeck']:.2f}x  (target >= 2)")
    print(f"  tapedeck / curl: {median['tapedeck'] / median['curl']:.2f}x  (target <= 1.5)")
    print(f"  same bytes in all three files: {'yes' if same else 'NO'}")
    return same, {"size": size, "median_s": median, "runs_s": times}


def summaries_benchmark(args, server, work, cli):
    many = os.path.join(work, "many")
    os.makedirs(many, exist_ok=True)
    base = make_recording(work, "base", args.each_mb, 2)
    # Each recording is its own archive (a manifest of its own: run id and creation time); they share the
    # generated content, so only the manifest differs.
    expected = set()
    stamp = os.path.join(many, ".uploaded")
    if not os.path.exists(stamp):
        template = os.path.join(work, "base.d")
        subprocess.run(["7z", "x", f"-p{PASSWORD}", f"-o{template}", "-y", base], check=True,
                       stdout=subprocess.DEVNULL)
        for i in range(args.count):
            run_id = f"bench-{i:05d}"
            path = os.path.join(template, "manifest.json")
            manifest = json.load(open(path))
            manifest["run_id"] = run_id
            manifest["created_at"] = f"2026-11-{1 + i % 28:02d}T{i % 24:02d}:00:00+00:00"
            json.dump(manifest, open(path, "w"), indent=2)
            target = os.path.join(many, f"recording-{run_id}.zip")
            subprocess.run(["7z", "a", "-tzip", "-mx0", "-mem=AES256", f"-p{PASSWORD}", target, "."],
                           cwd=template, check=True, stdout=subprocess.DEVNULL)
        shutil.rmtree(template)
        aws(server.endpoint, "s3", "cp", "--recursive", "--only-show-errors", many, "s3://bench/many/")
        for name in os.listdir(many):
            if name.endswith(".zip"):
                os.remove(os.path.join(many, name))
        open(stamp, "w").close()
    expected = {f"bench-{i:05d}" for i in range(args.count)}
    total = args.count * os.path.getsize(base)

    proxy = CountingProxy(server.port)
    env = environment(proxy.endpoint)
    catalog = os.path.join(work, "catalog.sqlite")
    if os.path.exists(catalog):
        os.remove(catalog)
    proxy.reset()
    start = time.monotonic()
    listed = subprocess.run([cli, "list", "s3://bench/many/", "--json", "--catalog", catalog], env=env,
                            check=True, capture_output=True, text=True).stdout
    t_list = time.monotonic() - start
    b_list = proxy.down + proxy.up
    found = {r["run_id"] for r in json.loads(listed)}

    downloaded = os.path.join(work, "downloaded")
    shutil.rmtree(downloaded, ignore_errors=True)
    proxy.reset()
    start = time.monotonic()
    subprocess.run(["/usr/bin/aws", "--endpoint-url", proxy.endpoint, "s3", "cp", "--recursive",
                    "--only-show-errors", "s3://bench/many/", downloaded], env=env, check=True)
    t_download = time.monotonic() - start
    b_download = proxy.down + proxy.up
    start = time.monotonic()
    local = subprocess.run([cli, "list", downloaded, "--json", "--catalog", catalog + ".local"], env=env,
                           check=True, capture_output=True, text=True).stdout
    t_local = time.monotonic() - start
    found_local = {r["run_id"] for r in json.loads(local)}
    shutil.rmtree(downloaded)

    print(f"\n2. Summaries of {args.count} recordings of {args.each_mb} MiB ({total / (1 << 30):.2f} GiB in all)")
    print(f"  tapedeck-cli list s3://…/      {t_list:8.2f} s  {b_list / (1 << 20):10.1f} MiB transferred")
    print(f"  aws s3 cp --recursive + list   {t_download + t_local:8.2f} s  {b_download / (1 << 20):10.1f} MiB "
          f"transferred  (download {t_download:.2f} s, local list {t_local:.2f} s)")
    print(f"  time: {(t_download + t_local) / t_list:.1f}x less; bytes: {b_download / max(1, b_list):.0f}x fewer; "
          f"{b_list / args.count / 1024:.1f} KiB per recording")
    ok = found == expected and found_local == expected
    print(f"  both found the same {len(expected)} run ids: {'yes' if ok else 'NO'}")
    return ok, {"list_s": t_list, "list_bytes": b_list, "download_s": t_download, "local_list_s": t_local,
                "download_bytes": b_download}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default=os.path.join(ROOT, "build/release/bin/tapedeck-cli"))
    parser.add_argument("--work", default="/tmp/tapedeck-bench-s3")
    parser.add_argument("--size-mb", type=float, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--each-mb", type=float, default=20)
    parser.add_argument("--flavour", choices=("verify", "plain"), default="verify")
    parser.add_argument("--skip", choices=("download", "summaries"), action="append", default=[])
    args = parser.parse_args()
    if not os.path.exists(args.cli):
        raise SystemExit(f"{args.cli} does not exist: build the release preset first")
    os.makedirs(args.work, exist_ok=True)
    store = tempfile.mkdtemp(prefix="s3store-", dir=args.work)
    server = Server(store, args.flavour, ["bench"])
    ok = True
    report = {}
    try:
        with open("/proc/loadavg") as f:
            print(f"load average at start: {f.read().split()[0]}")
        if "download" not in args.skip:
            good, report["download"] = download_benchmark(args, server, args.work, args.cli)
            ok &= good
        if "summaries" not in args.skip:
            good, report["summaries"] = summaries_benchmark(args, server, args.work, args.cli)
            ok &= good
    finally:
        server.stop()
        shutil.rmtree(store, ignore_errors=True)
        stamp = os.path.join(args.work, "many", ".uploaded")
        if os.path.exists(stamp):
            os.remove(stamp)  # the objects went with the server's folder
    print(json.dumps(report))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
