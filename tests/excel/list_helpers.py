"""Helpers for the list sheets' tests: an assessment with groups, consultations and measures, and a
template edited with openpyxl as a spreadsheet user would (by the visible sheet and row)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import openpyxl

from riskframe.excel import layout
from riskframe.store import ConsultationIn, MeasureIn, VulnerableGroupIn
from tests.excel.helpers import ACTOR, create

CONTROL = "bell\x07 tab\tend; CR\r and CRLF\r\n; _x0041_ literal; =1+1 "


def with_lists(store, fw, *, hard: bool = False):
    """XA 2026-Q3 with two items in each list (long and unusual text when `hard`)."""
    view = create(store, fw)
    long = ("Δ Ünïcødé “quotes” 中文 — " * 800)[:19990] if hard else "Displacement after the floods."
    rev = store.save_vulnerable_groups(ACTOR, view.id, view.revision, [
        VulnerableGroupIn(name="Pastoralists", basis="ethnic", description=long),
        VulnerableGroupIn(name="=Religious minority" if hard else "Religious minority", basis="religious",
                          description=CONTROL if hard else "Attacks on places of worship.")]).revision
    rev = store.save_consultations(ACTOR, view.id, rev, [
        ConsultationIn(category="womens_organisations", name="Women's network", date=dt.date(2026, 7, 2),
                       summary="Reports of threats." + (CONTROL if hard else "")),
        ConsultationIn(category="nhri", name="National commission", summary="")]).revision
    store.save_measures(ACTOR, view.id, rev, [
        MeasureIn(title="Train monitors", description=long, linked_ids=["1", "1.2"], type="operational",
                  owner="UNCT", due_date=dt.date(2026, 12, 31), status="proposed", follow_up=""),
        MeasureIn(title="Reform the police act", type="structural", status="in_progress",
                  follow_up=CONTROL if hard else "Draft shared.")])
    return store.get_assessment(ACTOR, view.id)


def key_columns(ws) -> dict[str, int]:
    """Column key -> column number, from the template's hidden key row."""
    return {c.value: c.column for c in ws[layout.KEY_ROW] if c.value}


def row_of(ws, column: str, text: str) -> int:
    """The row whose cell in `column` (a key) holds `text`."""
    col = key_columns(ws)[column]
    return next(r for r in range(layout.FIRST_ROW, ws.max_row + 1) if ws.cell(r, col).value == text)


def first_empty_row(ws) -> int:
    cols = key_columns(ws)
    return next(r for r in range(layout.FIRST_ROW, ws.max_row + 2)
                if all(ws.cell(r, c).value in (None, "") for c in cols.values()))


def edit(data: bytes, sheet: str, change: Callable) -> bytes:
    """Open the workbook, let `change(ws, cols)` type into sheet `sheet`, save it."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    change(ws, key_columns(ws))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def put(ws, cols, row: int, values: dict) -> None:
    for key, value in values.items():
        ws.cell(row, cols[key]).value = value
