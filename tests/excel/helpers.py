"""Plain helpers for the Excel tests: deterministic stores, entries and filled templates."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import re
import zipfile
from pathlib import Path

import openpyxl

from riskframe.domain import EntryIn, SourceRef
from riskframe.excel import layout
from riskframe.store import Actor, open_store

ACTOR = Actor(username="focal.xa", role="admin")
# Another person editing XA at the same time (analysts review, they do not edit: riskframe.store.access).
OTHER = Actor(username="analyst.b", role="focal_point", countries=frozenset({"XA"}))
EXPORT_TIME = dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC)
RISKY = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
         "\t=1+1", "\r=1+1", "=1+1"]


def fixed_clock(start: dt.datetime = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)):
    ticks = itertools.count()
    return lambda: start + dt.timedelta(seconds=next(ticks))


def deterministic_store(url: str):
    return open_store(url, clock=fixed_clock())


def sample_entries(fw, salt: str = "", every: int = 1) -> dict[str, EntryIn]:
    """Every `every`-th indicator filled: scores, missing codes, sources and risky text mixed."""
    out = {}
    for n, iid in enumerate(fw.indicators):
        if n % every:
            continue
        h = hashlib.sha256(f"{salt}|{iid}".encode()).digest()[0]
        kind = h % 6
        entry = dict(confidence=["low", "medium", "high"][h % 3], evidence=f"Evidence {salt} for {iid}.")
        if kind < 4:
            entry["score"] = kind
        else:
            entry["missing"] = "unknown" if kind == 4 else "not_applicable"
        if h % 5 == 0:
            entry["sources"] = [SourceRef(title=f"Report on {iid}", url="https://example.org/r", date="2026-06-30")]
        if h % 7 == 0:
            entry["comment"] = "Checked with partners."
        out[iid] = EntryIn(**entry)
    return out


def create(store, fw, country="XA", period="2026-Q3", entries=None, actor=ACTOR):
    store.ensure_country(actor, country, f"{country} (fictional)" if country.startswith("X") else None)
    a = store.create_assessment(actor, country, period, fw.id, fw.version)
    if entries:
        store.save_entries(actor, a.id, a.revision, entries, fw)
    return store.get_assessment(actor, a.id)


def fill(data: bytes, values: dict[str, dict], *, formulas: dict[tuple[str, str], str] | None = None) -> bytes:
    """Fill a template with openpyxl as a user would: values by indicator id and column key."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[layout.SHEET]
    rows = {ws.cell(r, 1).value: r for r in range(layout.FIRST_ROW, ws.max_row + 1)}
    cols = {c.key: i for i, c in enumerate(layout.COLUMNS, start=1)}
    for iid, row_values in values.items():
        for key, value in row_values.items():
            c = ws.cell(rows[iid], cols[key])
            c.value = value
            if isinstance(value, str):
                c.data_type = "s"  # a typed value, even when it starts with '='
    for (iid, key), formula in (formulas or {}).items():
        ws.cell(rows[iid], cols[key]).value = formula  # openpyxl stores a real formula
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cells_of(entry: EntryIn) -> dict:
    from riskframe.excel.entries import sources_text
    return {"score": entry.score, "missing": entry.missing.value if entry.missing and entry.score is None else None,
            "confidence": entry.confidence.value if entry.confidence else None, "evidence": entry.evidence,
            "sources": sources_text(entry.sources), "comment": entry.comment}


def formula_elements(data: bytes) -> list[str]:
    """Every <f> element in any worksheet of an .xlsx (there must be none in what we write)."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += [f"{name}: {m}" for m in re.findall(rb"<f[ >].*?</f>|<f/>", z.read(name))]
    return found


def file_hash(path: Path, store=None) -> str:
    """sha256 of the SQLite file (and its WAL, if any). Pass the test's store to close it first, so
    its pending WAL pages are checkpointed and the hash compares the settled database."""
    if store is not None:
        store.close()  # the engine reconnects on next use
    digest = hashlib.sha256(Path(path).read_bytes())
    wal = Path(f"{path}-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()
