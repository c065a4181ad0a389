"""A throwaway PostgreSQL 15 cluster for the tests: initdb in a temp dir, a unix socket there and a
free TCP port on 127.0.0.1, fsync off. PostgreSQL refuses to run as root, so as root the binaries
run as the OS user `postgres` (runuser); otherwise they run as the current user.

Skipped only with RISKFRAME_SKIP_POSTGRES=1; missing binaries are an error, not a skip.
"""

from __future__ import annotations

import atexit
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

    def start(self) -> "PgCluster":
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
