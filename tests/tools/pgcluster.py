#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A throwaway PostgreSQL 15 cluster (Debian's postgresql-15 server binaries) in a temporary folder, on a
free loopback port, for tests and benchmarks. Trust authentication, fsync off, listening on 127.0.0.1 only.

As a module:
    with PgCluster() as pg:
        pg.port, pg.dsn("dbname"), pg.uri("dbname"), pg.psql("dbname", "select 1")
As a program (for C++ tests that need a cluster for a while):
    pgcluster.py start DIR      prints the port, leaves the server running (DIR is created)
    pgcluster.py stop DIR
"""
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile

BIN = "/usr/lib/postgresql/15/bin"


def free_port():
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def _as_postgres_user():
    # initdb refuses to run as root; CI runs as root, so the cluster then belongs to an unprivileged user.
    return os.geteuid() == 0


class PgCluster:
    def __init__(self, folder=None, port=None, user="tapedeck"):
        self.owned = folder is None
        self.folder = folder or tempfile.mkdtemp(prefix="tapedeck-pg-")
        self.data = os.path.join(self.folder, "data")
        self.port = port or free_port()
        self.user = user
        self.started = False

    def _cmd(self, args):
        if _as_postgres_user():
            return ["runuser", "-u", "nobody", "--"] + args
        return args

    def start(self):
        os.makedirs(self.folder, exist_ok=True)
        if _as_postgres_user():
            os.chmod(self.folder, 0o777)
            shutil.chown(self.folder, "nobody")
        if not os.path.exists(os.path.join(self.data, "PG_VERSION")):
            _run(self._cmd([f"{BIN}/initdb", "-D", self.data, "-A", "trust", "-U", self.user, "-E", "UTF8",
                            "--locale=C.UTF-8", "--no-sync"]))
        sock = os.path.join(self.folder, "sock")
        os.makedirs(sock, exist_ok=True)
        if _as_postgres_user():
            shutil.chown(sock, "nobody")
        opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={sock} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC "
                "-c max_connections=200")
        _run(self._cmd([f"{BIN}/pg_ctl", "-D", self.data, "-o", opts, "-l",
                        os.path.join(self.folder, "server.log"), "-w", "-t", "60", "start"]))
        self.started = True
        return self

    def stop(self):
        if self.started or os.path.exists(os.path.join(self.data, "postmaster.pid")):
            subprocess.run(self._cmd([f"{BIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.started = False

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def dsn(self, dbname="postgres"):
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={dbname}"

    def uri(self, dbname="postgres"):
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def psql(self, dbname, sql):
        return _run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-q", "-d", self.uri(dbname), "-c", sql]).stdout

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        if self.owned:
            self.remove()
        else:
            self.stop()


def main(argv):
    if len(argv) == 3 and argv[1] == "start":
        pg = PgCluster(folder=argv[2])
        pg.start()
        print(pg.port)
        return 0
    if len(argv) == 3 and argv[1] == "stop":
        PgCluster(folder=argv[2]).stop()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
