"""A throwaway PostgreSQL 15 cluster for the tests: initdb in a temp dir, a unix socket there and a
free TCP port on 127.0.0.1, fsync off. PostgreSQL refuses to run as root, so as root the binaries
run as the OS user `postgres` (runuser); otherwise they run as the current user.

Skipped only with RISKFRAME_SKIP_POSTGRES=1; missing binaries are an error, not a skip.

One cluster per test run: under pytest-xdist the first worker that needs PostgreSQL starts it and
the others attach to it (`shared_cluster`, a file lock in the temp dir keyed by the controller's
pid); the controller stops it when the run ends (`stop_shared`). Without xdist the one process
starts and stops it.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

PG_BIN = Path(os.environ.get("RISKFRAME_PG_BIN", "/usr/lib/postgresql/15/bin"))
SKIP_ENV = "RISKFRAME_SKIP_POSTGRES"
_SETTINGS = {
    "listen_addresses": "127.0.0.1", "fsync": "off", "synchronous_commit": "off",
    "full_page_writes": "off", "max_connections": "60", "shared_buffers": "32MB",
    "unix_socket_permissions": "0777",
}


def skip_requested() -> bool:
    return os.environ.get(SKIP_ENV, "").strip() == "1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgCluster:
    """One running cluster; create_database/drop_database give each test its own database."""

    def __init__(self) -> None:
        for tool in ("initdb", "pg_ctl"):
            if not (PG_BIN / tool).exists():
                raise RuntimeError(f"PostgreSQL 15 is not installed ({PG_BIN / tool} missing): run "
                                   f"`sudo make system-deps`, or set {SKIP_ENV}=1 to skip PostgreSQL tests")
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="riskframe-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self._stopped = False
        atexit.register(self.stop)  # also when the test run is interrupted
        if self.as_root:
            pg = pwd.getpwnam("postgres")
            os.chown(self.root, pg.pw_uid, pg.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync", "--no-instructions")

    def _run(self, tool: str, *args: str) -> None:
        command = [str(PG_BIN / tool), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    @classmethod
    def attach(cls, state: dict) -> PgCluster:
        """The running cluster another process started (never stopped from here)."""
        cluster = cls.__new__(cls)
        cluster.as_root = os.geteuid() == 0
        cluster.root = Path(state["root"])
        cluster.data = cluster.root / "data"
        cluster.log = cluster.root / "server.log"
        cluster.port = int(state["port"])
        cluster._stopped = True
        return cluster

    def state(self) -> dict:
        return {"root": str(self.root), "port": self.port}

    def alive(self) -> bool:
        try:
            with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                                 connect_timeout=5):
                return True
        except psycopg.Error:
            return False

    def start(self) -> PgCluster:
        last: Exception | None = None
        for _ in range(3):  # another process may grab the port between _free_port and the bind
            self.port = _free_port()
            options = " ".join(f"-c {k}={v}" for k, v in {**_SETTINGS, "port": self.port,
                                                           "unix_socket_directories": self.root}.items())
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                          "-o", options, "start")
                return self
            except RuntimeError as exc:
                last = exc
        raise RuntimeError(f"could not start PostgreSQL: {last}")

    def stop(self) -> None:
        """Stop the server and delete its files (idempotent; also runs at interpreter exit)."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                               autocommit=True)

    def has_database(self, name: str) -> bool:
        with self._admin() as conn:
            return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        with self._admin() as conn:
            suffix = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{suffix}')
        return name

    def truncate(self, dbname: str, tables: list[str]) -> None:
        """Empty `tables` and restart their id sequences: ~5x cheaper than a new database."""
        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname,
                             autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")
            conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def in_worker() -> bool:
    return bool(os.environ.get("PYTEST_XDIST_WORKER"))


def _run_files() -> tuple[Path, Path]:
    """(state, lock) files of this test run: keyed by the xdist controller's pid (a worker's parent)."""
    key = os.getppid() if in_worker() else os.getpid()
    base = Path(tempfile.gettempdir()) / f"riskframe-pg-run-{key}"
    return base.with_suffix(".json"), base.with_suffix(".lock")


class RunLock:
    """An exclusive lock shared by the processes of one test run (set-up steps done once per run)."""

    def __enter__(self) -> RunLock:
        self._file = open(_run_files()[1], "w")
        fcntl.flock(self._file, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()


def shared_cluster() -> PgCluster:
    """This run's cluster: attach to the one another worker started, or start it. Outside xdist the
    caller owns it (stop() at the end); in a worker the controller stops it (stop_shared)."""
    state_file, _ = _run_files()
    with RunLock():
        if state_file.exists():
            cluster = PgCluster.attach(json.loads(state_file.read_text()))
            if cluster.alive():
                return cluster
        cluster = PgCluster().start()
        if in_worker():
            atexit.unregister(cluster.stop)  # other workers may still use it; the controller stops it
        state_file.write_text(json.dumps(cluster.state()))
        return cluster


def stop_shared() -> None:
    """At the end of a run (the xdist controller): stop the cluster a worker started, if any."""
    state_file, lock_file = _run_files()
    if state_file.exists():
        cluster = PgCluster.attach(json.loads(state_file.read_text()))
        cluster._stopped = False
        try:
            cluster.stop()
        finally:
            state_file.unlink(missing_ok=True)
    lock_file.unlink(missing_ok=True)
