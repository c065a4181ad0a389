"""Engines and transactions: one read and one write transaction shape, the same on both engines.

SQLite: WAL, busy_timeout and foreign keys on every connection; SQLAlchemy emits BEGIN itself
(pysqlite's own transaction handling disabled) so writes take the lock up front with BEGIN
IMMEDIATE and reads see one snapshot. PostgreSQL: reads run in REPEATABLE READ (one snapshot),
writes in READ COMMITTED guarded by a compare-and-set on the assessment's head revision.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from riskframe.i18n import _
from riskframe.store.errors import InvalidInput, StoreError

BUSY_TIMEOUT_MS = 30_000
NO_PSYCOPG = ("a postgresql URL needs the psycopg driver, which is not installed: "
              "install riskframe with the postgres extra (pip install 'riskframe[postgres]')")
_BEGIN_OPTION = "riskframe_sqlite_begin"


def _private_file(path: Path) -> None:
    """Create the database file readable by its owner only (it holds password hashes); SQLite
    gives the -wal and -shm files the same mode. An existing file keeps its mode."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _refuse_nul(_conn: Any, _cursor: Any, _statement: str, parameters: Any, _context: Any,
                _executemany: bool) -> None:
    """Last line of defence, identical on both engines: no text with NUL reaches the database.

    Input boundaries name the field first (riskframe.safety.storable); this catches any path that
    forgot to, instead of SQLite storing what PostgreSQL would refuse with a driver error.
    """
    batches = parameters if isinstance(parameters, list) else [parameters]
    for params in batches:
        values = params.values() if isinstance(params, dict) else (params or ())
        for value in values:
            # a list is one array parameter (PostgreSQL inserts a save's rows as one array per column)
            for text in value if isinstance(value, list) else (value,):
                if isinstance(text, str) and "\x00" in text:
                    raise InvalidInput("text", text, _("contains a NUL character (\\0), which cannot be stored; "
                                                        "remove it and try again"))


def _sqlite_engine(url: Any) -> Engine:
    database = url.database or ""
    memory = database in ("", ":memory:")
    if not memory:
        _private_file(Path(database).expanduser())
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}}
    if memory:
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see do_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


PING_AFTER_S = 1.0  # a pooled connection used more recently than this is taken as alive
_LAST_USED = "riskframe_last_used"


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled PostgreSQL connection before use only when it sat idle longer than PING_AFTER_S.

    pool_pre_ping checked it before every transaction: one more round trip per save. Connections die
    while idle (a server restart, an idle timeout), and those are still found and replaced here. One
    that dies between two transactions less than PING_AFTER_S apart fails its next statement and the
    pool replaces every connection; a write is then run again once (Store._write_once)."""

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[_LAST_USED] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        last = record.info.get(_LAST_USED)
        if last is not None and time.monotonic() - last < PING_AFTER_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the pool discards this connection and checks out a fresh one
            raise DisconnectionError("the pooled connection is closed") from exc


class Database:
    """An engine plus the two transaction shapes the store uses."""

    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except Exception as exc:
            raise StoreError(_("database URL {url!r} is not a valid SQLAlchemy URL: {exc}").format(url=url, exc=exc)) from None
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")  # the driver riskframe installs
        self.url = parsed
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(parsed)
        elif self.dialect == "postgresql":
            if parsed.get_driver_name() == "psycopg" and importlib.util.find_spec("psycopg") is None:
                raise StoreError(NO_PSYCOPG)
            self.engine = create_engine(parsed)
            _ping_when_idle(self.engine)
        else:
            raise StoreError(_("database URL {url!r}: only sqlite and postgresql+psycopg are supported").format(url=url))
        event.listen(self.engine, "before_cursor_execute", _refuse_nul)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def _options(self, write: bool) -> dict[str, Any]:
        if self.is_sqlite:
            return {_BEGIN_OPTION: "IMMEDIATE" if write else "DEFERRED"}
        return {"isolation_level": "READ COMMITTED" if write else "REPEATABLE READ"}

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot: every query inside sees the same committed state."""
        with self._session(write=False) as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed when the block ends without an exception."""
        with self._session(write=True) as session:
            yield session
            session.commit()

    @contextmanager
    def _session(self, write: bool) -> Iterator[Session]:
        session = self._sessions()
        try:
            session.connection(execution_options=self._options(write))
            yield session
        except DBAPIError as exc:
            session.rollback()
            hint = _explain(exc, self.url)
            if hint is None:
                raise
            raise hint from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _explain(exc: Exception, url: Any = None) -> StoreError | None:
    """Turn the database faults a person can act on into advice; None leaves the rest as they are."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    where = url.render_as_string(hide_password=True) if url is not None else "the database"
    if "file is not a database" in text or "database disk image is malformed" in text:
        return StoreError(_("{where} is damaged or is not a riskframe database; restore it from a backup "
                             "(`riskframe restore`) into a new file").format(where=where))
    if "unable to open database file" in text:
        return StoreError(_("{where} cannot be opened: check that its folder exists and that you may write to it").format(
            where=where))
    if "database or disk is full" in text or "no space left on device" in text:
        return StoreError(_("the disk is full: nothing was written; free some space and try again"))
    if "connection refused" in text or "could not connect" in text or "connection failed" in text \
            or "name or service not known" in text or "timeout expired" in text:
        return StoreError(_("the PostgreSQL server of {where} cannot be reached: check that it is running and that "
                             "RISKFRAME_DATABASE_URL is right").format(where=where))
    if "password authentication failed" in text:
        return StoreError(_("PostgreSQL refused the user or password in {where}: check RISKFRAME_DATABASE_URL").format(
            where=where))
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return StoreError(_("the database has no riskframe tables yet; run `riskframe db upgrade`"))
    if "database is locked" in text:
        return StoreError(_("the SQLite database stayed locked by another writer for 30 s; try again"))
    return None
