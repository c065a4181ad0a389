"""A backup checks itself before a single row is restored: every table, column, type, reference.

A backup restored into an empty database decides who may sign in; a file with the accounts table
removed used to restore "successfully" and let the next visitor become admin. `problems_in` lists
every problem with its place (table, row, column) so the refusal says what is wrong; the manifest's
row counts and SHA-256 per table catch a file changed or cut after it was written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Table, Text

from riskframe.i18n import _

MAX_LISTED = 10


def table_digest(rows: Iterable[list[Any]]) -> tuple[int, str]:
    """Row count and SHA-256 of a table's rows, each as the JSON line the backup holds."""
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count, digest.hexdigest()


def manifest_for(tables: dict[str, Any]) -> dict[str, Any]:
    """The manifest of a backup's `tables` block (used when writing and by tests that edit files)."""
    out = {}
    for name, block in tables.items():
        count, sha = table_digest(block.get("rows") or [])
        out[name] = {"rows": count, "sha256": sha}
    return {"tables": out}


def _type_problem(column: Any, value: Any) -> str | None:
    if value is None:
        return None if column.nullable else _("is empty but must have a value")
    kind = column.type
    impl = getattr(kind, "impl", None)
    if isinstance(kind, DateTime) or isinstance(impl, DateTime):
        try:
            dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return _("must be a date-time, not {value!r}").format(value=str(value)[:40])
        return None
    if isinstance(kind, Date):
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return _("must be a date, not {value!r}").format(value=str(value)[:40])
        return None
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else _("must be true or false, not {value!r}").format(value=str(value)[:40])
    if isinstance(kind, Integer) or isinstance(impl, Integer):
        return None if isinstance(value, int) and not isinstance(value, bool) else \
            _("must be a whole number, not {value!r}").format(value=str(value)[:40])
    if isinstance(kind, (String, Text)) and not isinstance(kind, JSON):
        if not isinstance(value, str):
            return _("must be text, not {value!r}").format(value=str(value)[:40])
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            return _("is longer than {length} characters").format(length=length)
        if "\x00" in value:
            return _("contains a NUL character")
    return None


def _structure(tables: dict[str, Any], known: list[Table]) -> list[str]:
    problems: list[str] = []
    names = {t.name for t in known}
    for name in sorted(set(tables) - names):
        problems.append(_("table {table}: this version of riskframe has no such table").format(table=name))
    for table in known:
        block = tables.get(table.name)
        if not isinstance(block, dict) or not isinstance(block.get("rows"), list) \
                or not isinstance(block.get("columns"), list):
            problems.append(_("table {table}: missing from the backup").format(table=table.name))
            continue
        expected = [c.name for c in table.columns]
        if sorted(block["columns"]) != sorted(expected):
            missing = sorted(set(expected) - set(block["columns"]))
            extra = sorted(set(block["columns"]) - set(expected))
            problems.append(_("table {table}: columns differ from this version's schema").format(table=table.name)
                            + (" " + _("(missing {columns})").format(columns=", ".join(missing)) if missing else "")
                            + (" " + _("(unknown {columns})").format(columns=", ".join(extra)) if extra else ""))
    return problems


def _values(tables: dict[str, Any], table: str, column: str) -> set[Any]:
    block = tables[table]
    index = block["columns"].index(column)
    width = len(block["columns"])
    return {r[index] for r in block["rows"] if isinstance(r, list) and len(r) == width}


def _rows(tables: dict[str, Any], known: list[Table]) -> list[str]:
    problems: list[str] = []
    for table in known:
        block = tables[table.name]
        columns = [table.columns[c] for c in block["columns"]]
        for number, row in enumerate(block["rows"], start=1):
            if not isinstance(row, list) or len(row) != len(columns):
                problems.append(_("table {table}, row {row}: has {values} values for {columns} columns").format(
                    table=table.name, row=number, values=len(row) if isinstance(row, list) else 0, columns=len(columns)))
                continue
            for column, value in zip(columns, row):
                problem = _type_problem(column, value)
                if problem:
                    problems.append(_("table {table}, row {row}, column {column}: {problem}").format(
                        table=table.name, row=number, column=column.name, problem=problem))
            if len(problems) > MAX_LISTED:
                return problems
    for table in known:
        for column in table.columns:
            for fk in column.foreign_keys:
                target = _values(tables, fk.column.table.name, fk.column.name)
                dangling = sorted((v for v in _values(tables, table.name, column.name)
                                   if v is not None and v not in target), key=str)
                if dangling:
                    problems.append(_("table {table}, column {column}: refers to {target} values that the backup "
                                      "does not hold ({values})").format(
                        table=table.name, column=column.name, target=f"{fk.column.table.name}.{fk.column.name}",
                        values=", ".join(map(str, dangling[:5]))))
    return problems


def _manifest(data: dict[str, Any]) -> list[str]:
    manifest = data.get("manifest")
    if data.get("format_version", 1) < 2:
        return []
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        return [_("the manifest (row counts and checksums) is missing: the file was cut short or edited")]
    problems = []
    expected = manifest["tables"]
    actual = manifest_for(data["tables"])["tables"]
    for name in sorted(set(expected) | set(actual)):
        if expected.get(name) != actual.get(name):
            problems.append(_("table {table}: rows or checksum differ from the manifest written with the backup "
                              "(the file was changed after it was written)").format(table=name))
    return problems


def problems_in(data: dict[str, Any], known: list[Table]) -> list[str]:
    """Every problem of a parsed backup, each naming its place; empty when it may be restored."""
    tables = data.get("tables")
    if not isinstance(tables, dict):
        return [_("the backup holds no tables")]
    problems = _structure(tables, known)
    if problems:
        return problems
    problems = _manifest(data)
    if problems:
        return problems
    return _rows(tables, known)
