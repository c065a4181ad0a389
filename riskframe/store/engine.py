"""Engines and transactions: one read and one write transaction shape, the same on both engines.

SQLite: WAL, busy_timeout and foreign keys on every connection; SQLAlchemy emits BEGIN itself
(pysqlite's own transaction handling disabled) so writes take the lock up front with BEGIN
IMMEDIATE and reads see one snapshot. PostgreSQL: reads run in REPEATABLE READ (one snapshot),
writes in READ COMMITTED guarded by a compare-and-set on the assessment's head revision.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from riskframe.store.errors import StoreError

BUSY_TIMEOUT_MS = 30_000
NO_PSYCOPG = ("a postgresql URL needs the psycopg driver, which is not installed: "
              "install riskframe with the postgres extra (pip install 'riskframe[postgres]')")
_BEGIN_OPTION = "riskframe_sqlite_begin"


def _sqlite_engine(url: Any) -> Engine:
    database = url.database or ""
    memory = database in ("", ":memory:")
    if not memory:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
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


class Database:
    """An engine plus the two transaction shapes the store uses."""

    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except Exception as exc:
            raise StoreError(f"database URL {url!r} is not a valid SQLAlchemy URL: {exc}") from None
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")  # the driver riskframe installs
        self.url = parsed
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(parsed)
        elif self.dialect == "postgresql":
            if parsed.get_driver_name() == "psycopg" and importlib.util.find_spec("psycopg") is None:
                raise StoreError(NO_PSYCOPG)
            self.engine = create_engine(parsed, pool_pre_ping=True)
        else:
            raise StoreError(f"database URL {url!r}: only sqlite and postgresql+psycopg are supported")
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
        except (OperationalError, ProgrammingError) as exc:
            session.rollback()
            hint = _explain(exc)
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


def _explain(exc: Exception) -> StoreError | None:
    """Turn 'no such table' into advice; None leaves every other database error as it is."""
    text = str(exc).lower()
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return StoreError("the database has no riskframe tables yet; run `riskframe db upgrade`")
    if "database is locked" in text:
        return StoreError("the SQLite database stayed locked by another writer for 30 s; try again")
    return None
