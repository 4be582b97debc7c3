#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Seeds for fuzz_pgserver: what real clients send to a real PostgreSQL 15.

Starts a throwaway cluster (tests/tools/pgcluster.py), puts a recording TCP proxy in front of it and runs
psql 15, psycopg2 and pgbench (simple, extended and prepared protocol) through the proxy. Each client
connection's bytes become one seed: a configuration byte (see fuzz_pgserver.cpp; 0 = trust, answered at
once), then the client's stream with the marker \\xfe\\xfe\\xfe\\xfe between the pieces the client sent in
separate writes (its flights: SSLRequest, the startup packet, each query).

    make_pg_seeds.py OUT        writes OUT/<client>-<n>
"""
import os
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from pgcluster import PgCluster  # noqa: E402

MARKER = b"\xfe\xfe\xfe\xfe"


class RecordingProxy:
    """Forwards loopback connections to the cluster; keeps each connection's client flights."""

    def __init__(self, target_port):
        self.target = target_port
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.streams = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(("127.0.0.1", self.target))
            flights = []
            with self.lock:
                self.streams.append(flights)
            threading.Thread(target=self._pipe, args=(client, server, flights), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, None), daemon=True).start()

    @staticmethod
    def _pipe(src, dst, flights):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if flights is not None:
                    flights.append(data)
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def take(self):
        with self.lock:
            streams, self.streams = self.streams, []
        return [MARKER.join(f) for f in streams if f]


def main(out):
    os.makedirs(out, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    with PgCluster() as pg:
        pg.psql("postgres", "create database db")
        pg.psql("postgres", "create user u superuser")
        proxy = RecordingProxy(pg.port)
        uri = "postgresql://u@127.0.0.1:%d/db" % proxy.port
        seeds = {}

        def run(name, args, **kw):
            subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, **kw)
            import time
            time.sleep(0.3)  # let the proxy see the end
            seeds.setdefault(name, []).extend(proxy.take())

        psql = ["/usr/bin/psql", "-X", "-A", "-t"]
        run("psql-simple", psql + [uri + "?sslmode=disable", "-c", "select 1"])
        run("psql-sslrequest", psql + [uri + "?sslmode=prefer", "-c", "select 1, 'x', null"])
        run("psql-several", psql + [uri + "?sslmode=disable", "-c",
                                    "begin; select 1; select 'a;b' as \"x;y\", $$c;d$$; commit; show DateStyle; set application_name = 'z'"])
        run("psql-error", psql + [uri + "?sslmode=disable", "-c", "begin; select 1/0; rollback"])
        run("psql-cursor", psql + [uri + "?sslmode=disable", "-c",
                                   "begin; declare c cursor for select generate_series(1, 5); fetch 2 from c; move 1 in c; fetch all c; close c; commit"])
        script = r"""import sys, psycopg2
c = psycopg2.connect(sys.argv[1])
cur = c.cursor()
cur.execute("select %s, %s, %s", (1, "it's", None))
cur.fetchall()
cur.execute("select version()")
try:
    cur.execute("select * from nope")
except psycopg2.Error:
    c.rollback()
n = c.cursor("named")
n.execute("select generate_series(1, 10)")
n.fetchmany(3)
n.close()
c.commit()
c.close()
"""
        run("psycopg2", ["/usr/bin/python3", "-c", script, uri + "?sslmode=disable&application_name=seed"])
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write("\\set n random(1, 5)\nselect :n, 'x';\nselect 1 / (:n - :n + 1);\n")
            bench = f.name
        for mode in ("simple", "extended", "prepared"):
            run("pgbench-" + mode, ["/usr/bin/pgbench", "-n", "-t", "2", "-M", mode, "-f", bench,
                                    "-h", "127.0.0.1", "-p", str(proxy.port), "-U", "u", "db"])
        os.unlink(bench)
        # The same flights with other configurations: cleartext password asked (a startup then 'p'), statements
        # held until the end of each piece, a small output limit.
        for name, streams in sorted(seeds.items()):
            for i, stream in enumerate(streams):
                with open(os.path.join(out, "%s-%d" % (name, i)), "wb") as f:
                    f.write(b"\x00" + stream)
        with open(os.path.join(out, "psql-simple-held"), "wb") as f:
            f.write(b"\x18" + max(seeds["psql-simple"], key=len))
        with open(os.path.join(out, "pgbench-extended-held"), "wb") as f:
            f.write(b"\x08" + max(seeds["pgbench-extended"], key=len))
        with open(os.path.join(out, "psql-cleartext"), "wb") as f:
            f.write(b"\x01" + max(seeds["psql-simple"], key=len).replace(MARKER, MARKER + b"p\x00\x00\x00\x07pw\x00" + MARKER, 1))
        with open(os.path.join(out, "psql-sslrequest-tls"), "wb") as f:
            f.write(b"\x04" + max(seeds["psql-sslrequest"], key=len))
    for name in sorted(os.listdir(out)):
        print(name, os.path.getsize(os.path.join(out, name)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
