"""Alembic environment: always runs on the connection riskframe.store.migrate hands over."""

from __future__ import annotations

from alembic import context

from riskframe.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through riskframe.store (Store.upgrade / `riskframe db upgrade`)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
context.run_migrations()
