"""Inserting a save's rows: one round trip, and on PostgreSQL one statement per table (unnest of one
array per column) instead of one per row."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import String, delete, insert, tuple_
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@contextmanager
def one_round_trip(session: Session) -> Iterator[None]:
    """On PostgreSQL, send the statements run inside as one pipeline (psycopg): the inserts of a save
    reach the server together and are answered together, instead of one round trip per table.
    Statements inside must not read results; an error surfaces when the block ends, as the same
    SQLAlchemy exception the statement would have raised on its own (so retries see it)."""
    if not is_postgresql(session):
        yield
        return
    raw = session.connection().connection.dbapi_connection
    pipeline = getattr(raw, "pipeline", None)
    if pipeline is None:  # another PostgreSQL driver: one statement at a time
        yield
        return
    try:
        with pipeline():
            yield
    except DBAPIError:
        raise
    except Exception as exc:  # raised by the driver at the pipeline's end
        base = getattr(importlib.import_module(type(raw).__module__.split(".")[0]), "Error", None)
        if base is not None and isinstance(exc, base):
            raise DBAPIError.instance(None, None, exc, base) from exc
        raise


def insert_rows(session: Session, parts: list[tuple[Any, list[dict[str, Any]], Upsert | None]]) -> None:
    """Insert each (model, rows, upsert) part in one round trip. PostgreSQL: one `INSERT … SELECT FROM
    unnest(<one array per column>)` per table — a statement per table instead of one per row, and no
    per-row work in SQLAlchemy (each column's values go through its type's own bind processor, so what
    is stored is what an executemany would have stored). SQLite: an executemany per table."""
    parts = [(model, rows, upsert) for model, rows, upsert in parts if rows]
    if is_postgresql(session):
        connection = session.connection()
        # Inline statements: a pipeline cannot answer RETURNING before it ends.
        with one_round_trip(session):
            for model, rows, upsert in parts:
                rows = _by_column(model, rows)
                if any(row.keys() != rows[0].keys() for row in rows):  # not one array per column
                    stmt: Any = pg_insert(model.__table__)
                    if upsert is not None:
                        stmt = stmt.on_conflict_do_update(index_elements=list(upsert[0]),
                                                          set_={c: stmt.excluded[c] for c in upsert[1]})
                    connection.execute(stmt.inline(), rows)
                    continue
                sql, params = _unnest_insert(connection.dialect, model, rows, upsert)
                connection.exec_driver_sql(sql, params)
        return
    for model, rows, upsert in parts:
        if upsert is not None:  # SQLite: delete the rows the upsert would replace, then insert
            index, _set = upsert
            keys = [tuple(row[c] for c in index) for row in rows]
            session.execute(delete(model).where(tuple_(*(getattr(model, c) for c in index)).in_(keys)))
        session.connection().execute(insert(model.__table__).inline(), _by_column(model, rows))


Upsert = tuple[tuple[str, ...], tuple[str, ...]]  # (conflict columns, columns the new row overwrites)
_UNNEST: dict[tuple[str, str, tuple[str, ...], Upsert | None], tuple[str, list[Any]]] = {}


def _unnest_insert(dialect: Any, model: Any, rows: list[dict[str, Any]],
                   upsert: Upsert | None) -> tuple[str, dict[str, list[Any]]]:
    """The SQL (built once per table, columns and upsert) and its parameters: one array per column."""
    table = model.__table__
    names = tuple(rows[0])
    key = (dialect.name, table.name, names, upsert)
    found = _UNNEST.get(key)
    if found is None:
        quote = dialect.identifier_preparer.quote
        columns = [table.c[name] for name in names]
        arrays = ", ".join(f"%(c{i})b::{_array_of(c.type, dialect)}[]" for i, c in enumerate(columns))
        sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(map(quote, names))}) "
               f"SELECT * FROM unnest({arrays})")
        if upsert is not None:
            sql += (f" ON CONFLICT ({', '.join(map(quote, upsert[0]))}) DO UPDATE SET "
                    + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in upsert[1]))
        found = _UNNEST[key] = (sql, [c.type._cached_bind_processor(dialect) for c in columns])
    sql, processors = found
    params: dict[str, list[Any]] = {}
    for i, (name, process) in enumerate(zip(names, processors)):
        values = [row[name] for row in rows]
        params[f"c{i}"] = values if process is None else [process(v) for v in values]
    return sql, params


def _array_of(type_: Any, dialect: Any) -> str:
    """The element type of a column's array: text for every string type, because an explicit cast to
    VARCHAR(n) would silently cut a longer value, where the INSERT into the column refuses it."""
    return "TEXT" if isinstance(type_, String) else str(type_.compile(dialect=dialect))


def _by_column(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows keyed by the model's attribute names, re-keyed by its columns (`type` → `measure_type`)."""
    names = {a.key: a.columns[0].key for a in sa_inspect(model).column_attrs}
    if all(names.get(k, k) == k for k in rows[0]):
        return rows
    return [{names.get(k, k): v for k, v in row.items()} for row in rows]
