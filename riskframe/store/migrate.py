"""Schema upgrades with Alembic, configured in code (no alembic.ini): scripts live in the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from riskframe.store.engine import Database

SCRIPT_LOCATION = Path(__file__).resolve().parent / "migrations"
_PG_LOCK_KEY = 0x7269736B  # 'risk': serialises concurrent upgrades on PostgreSQL


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def upgrade(db: Database) -> str:
    """Bring the schema to head in one write transaction (idempotent, safe to run concurrently)."""
    config = alembic_config()
    with db.write() as session:
        connection = session.connection()
        if not db.is_sqlite:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        return revision_on(connection) or ""


def revision_on(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def current_revision(db: Database) -> str | None:
    with db.read() as session:
        return revision_on(session.connection())
