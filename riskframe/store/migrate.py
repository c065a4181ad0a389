"""Schema upgrades with Alembic, configured in code (no alembic.ini): scripts live in the package.

Every process that opens the app or a command upgrades first, and almost always the database is
already at head. That case is answered without Alembic (issue 18: importing it and reading every
script cost ~0.15 s of the app's cold start): the head is read from the scripts' `revision` /
`down_revision` lines (`script_head`), the database's revision with one SELECT; only when they
differ (or the scripts have several heads) does Alembic run, under its lock, as before.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from riskframe.store.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps
_PG_LOCK_KEY = 0x7269736B  # 'risk': serialises concurrent upgrades on PostgreSQL


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def _revision_lines(path: Path) -> tuple[str, tuple[str, ...]] | None:
    """A script's (revision, down revisions) from its module-level assignments; None if not literal."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("revision", "down_revision"):
                try:
                    found[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    return None
    revision, down = found.get("revision"), found.get("down_revision")
    if not isinstance(revision, str):
        return None
    downs = () if down is None else (down,) if isinstance(down, str) else down
    if not isinstance(downs, tuple) or not all(isinstance(d, str) for d in downs):
        return None
    return revision, downs


@lru_cache(maxsize=4)
def script_head(versions: Path = SCRIPT_LOCATION / "versions") -> str | None:
    """The one head of the migration scripts, read without Alembic; None when it cannot be told
    (several heads, a script whose revision is not a plain literal): then Alembic decides."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in sorted(versions.glob("*.py")):
        if path.name == "__init__.py":
            continue
        lines = _revision_lines(path)
        if lines is None:
            return None
        revisions.add(lines[0])
        downs.update(lines[1])
    heads = revisions - downs
    return next(iter(heads)) if len(heads) == 1 else None


def stored_revisions(connection: Connection) -> list[str]:
    """The revisions recorded in the database (none before the first upgrade), by one plain SELECT."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return []
    return [row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]


def at_head(db: Database) -> str | None:
    """The head revision if the database is already there (nothing to do), else None."""
    head = script_head()
    if head is None:
        return None
    with db.read() as session:
        return head if stored_revisions(session.connection()) == [head] else None


def upgrade(db: Database) -> str:
    """Bring the schema to head in one write transaction (idempotent, safe to run concurrently)."""
    done = at_head(db)
    if done is not None:
        return done
    from alembic import command

    config = alembic_config()
    with db.write() as session:
        connection = session.connection()
        if not db.is_sqlite:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        return revision_on(connection) or ""


def revision_on(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def current_revision(db: Database) -> str | None:
    with db.read() as session:
        return revision_on(session.connection())
