"""Logical backups: every table as JSON, read in one snapshot; restore into an empty database.

The file is plain JSON (gzip-compressed when the name ends in .gz) so a backup taken on SQLite can
be restored on PostgreSQL and the other way round.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Date, DateTime, Table, func, insert, select, text
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import models as m
from riskframe.store.backup_check import MAX_LISTED, problems_in
from riskframe.store.errors import InvalidInput, StoreError

FORMAT = "riskframe-backup"
FORMAT_VERSION = 2  # 2: a manifest of row counts and SHA-256 per table follows the tables
READABLE_VERSIONS = (1, 2)
TABLES: list[Table] = [model.__table__ for model in m.ALL_TABLES]  # type: ignore[misc]
_CHUNK = 5000


def _open(path: Path, mode: str, compressed: bool | None = None) -> IO[str]:
    if mode == "w":  # a backup holds password hashes: readable by its owner only
        raw: IO[bytes] = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")
        if path.suffix == ".gz" if compressed is None else compressed:
            return gzip.open(raw, "wt", encoding="utf-8")
        return io.TextIOWrapper(raw, encoding="utf-8")
    if path.suffix == ".gz" if compressed is None else compressed:
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return open(path, mode, encoding="utf-8")


def _encode(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def _rows(session: Session, table: Table) -> Iterator[list[Any]]:
    result = session.execute(select(table).order_by(*table.primary_key.columns).execution_options(yield_per=_CHUNK))
    for row in result:
        yield [_encode(v) for v in row]


def write_backup(session: Session, path: Path, meta: dict[str, Any]) -> dict[str, int]:
    """Write every table from this (read, single-snapshot) session to `path`, atomically."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InvalidInput("path", str(path), _("the folder {parent} does not exist; create it first (riskframe "
                                                 "does not create folders for backups)").format(parent=path.parent))
    tmp = path.with_name(path.name + ".partial")
    counts: dict[str, int] = {}
    digests: dict[str, Any] = {}
    with _open(tmp, "w", compressed=path.suffix == ".gz") as out:
        header = {"format": FORMAT, "format_version": FORMAT_VERSION, **meta}
        out.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "tables": {\n')
        for t_index, table in enumerate(TABLES):
            columns = [c.name for c in table.columns]
            out.write(("" if t_index == 0 else ",\n") + json.dumps(table.name) + ': {"columns": '
                      + json.dumps(columns) + ', "rows": [\n')
            count = 0
            digest = hashlib.sha256()
            for row in _rows(session, table):
                line = json.dumps(row, ensure_ascii=False)
                digest.update(line.encode("utf-8") + b"\n")
                out.write(("" if count == 0 else ",\n") + line)
                count += 1
            out.write("\n]}")
            counts[table.name] = count
            digests[table.name] = {"rows": count, "sha256": digest.hexdigest()}
        out.write('\n}, "manifest": ' + json.dumps({"tables": digests}) + "}\n")
    os.replace(tmp, path)
    return counts


def read_backup(path: Path) -> dict[str, Any]:
    """The parsed backup, refused with a sentence when it is unreadable, cut short or inconsistent."""
    path = Path(path)
    try:
        with _open(path, "r") as source:
            data = json.load(source)
    except FileNotFoundError:
        raise InvalidInput("path", str(path), _("no such file")) from None
    except IsADirectoryError:
        raise InvalidInput("path", str(path), _("is a folder, not a backup file")) from None
    except PermissionError:
        raise InvalidInput("path", str(path), _("you may not read this file")) from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput("path", str(path), _("the file is damaged or incomplete (cut short, or not a riskframe "
                                                 "backup); nothing was restored — use another backup")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput("path", str(path), _("not a riskframe backup (no 'format: riskframe-backup')"))
    if data.get("format_version") not in READABLE_VERSIONS:
        raise InvalidInput("path", str(path), _("backup format version {value} is not supported").format(
            value=data.get('format_version')))
    found = problems_in(data, TABLES)
    if found:
        listed = "; ".join(found[:MAX_LISTED]) + (f"; and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else "")
        raise InvalidInput("path", str(path), _("the backup fails its checks, nothing was restored: {listed}").format(
            listed=listed))
    return data


def _decoder(table: Table, columns: list[str]) -> list[Any]:
    decoders: list[Any] = []
    for name in columns:
        if name not in table.columns:
            raise StoreError(_("backup column {name}.{name2} does not exist in this schema").format(name=table.name,
                                 name2=name))
        col_type = table.columns[name].type
        if isinstance(col_type, DateTime) or isinstance(getattr(col_type, "impl", None), DateTime):
            decoders.append(lambda v: None if v is None else dt.datetime.fromisoformat(v))
        elif isinstance(col_type, Date):
            decoders.append(lambda v: None if v is None else dt.date.fromisoformat(v))
        else:
            decoders.append(lambda v: v)
    return decoders


def is_empty(session: Session) -> bool:
    return all(session.scalar(select(func.count()).select_from(t)) == 0 for t in TABLES)


def load_backup(session: Session, data: dict[str, Any], is_postgres: bool) -> dict[str, int]:
    """Insert every table of `data` (already checked) in dependency order; the caller commits."""
    tables = data.get("tables") or {}
    unknown = set(tables) - {t.name for t in TABLES}
    if unknown:
        raise StoreError(_("backup has tables this version does not know: {items}").format(items=', '.join(sorted(unknown))))
    counts: dict[str, int] = {}
    for table in TABLES:
        block = tables.get(table.name) or {"columns": [], "rows": []}
        columns, rows = block["columns"], block["rows"]
        decoders = _decoder(table, columns)
        records = [{c: dec(v) for c, dec, v in zip(columns, decoders, row)} for row in rows]
        for start in range(0, len(records), _CHUNK):
            session.execute(insert(table), records[start:start + _CHUNK])
        counts[table.name] = len(records)
        if is_postgres and "id" in table.columns and records:
            session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT max(id) FROM {table.name}))"))
    return counts
