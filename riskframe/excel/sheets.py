"""Write one table sheet the way every export sheet looks, in openpyxl's write-only (streaming) mode.

Rows 1–3 are a title, a note (the fictional-data mark when a user-assigned country is in the
export) and the header; data starts on row 4. Header rows are frozen and repeated on every printed
page, the table has an autofilter, pages print landscape fitted to the width, and the print header
repeats the fictional-data mark. Strings always go through sanitize.put.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from riskframe.excel import styles
from riskframe.excel.sanitize import EXCEL_MAX_TEXT, is_risky, put

HEADER_ROW = 3
FIRST_ROW = 4


@dataclass(frozen=True)
class Col:
    header: str
    width: float = 14
    fmt: str | None = None
    wrap: bool = False


@dataclass(frozen=True)
class Frame:
    """What every sheet repeats: the fictional-data mark (empty when all countries are real)."""

    mark: str
    note: str


def fictional_mark(codes: Sequence[str]) -> str:
    if not codes:
        return ""
    what = "is an invented country" if len(codes) == 1 else "are invented countries"
    return (f"FICTIONAL DATA: {', '.join(codes)} {what} (ISO user-assigned codes); "
            "the figures describe no real country.")


def _excel(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)  # Excel has no time zones: UTC, said in the header
    if isinstance(value, float) and value != value:  # NaN: no value, not a number
        return None
    return value


def cell(ws: Any, value: Any, *, font=None, fill=None, fmt: str | None = None, wrap: bool = False) -> WriteOnlyCell:
    value = _excel(value)
    c = put(WriteOnlyCell(ws), value)
    if font is not None:
        c.font = font
    if fill is not None:
        c.fill = fill
    if fmt and value is not None:
        c.number_format = fmt
    if wrap:
        c.alignment = styles.WRAP
    return c


class _RowMaker:
    """Fast cells for big tables: plain values pass straight through; only styled or risky ones get
    a WriteOnlyCell, whose style is copied from a prototype instead of being looked up per cell."""

    def __init__(self, ws: Any, cols: Sequence[Col]) -> None:
        self.ws = ws
        self.protos = [cell(ws, "x", fmt=c.fmt, wrap=c.wrap) if (c.fmt or c.wrap) else None for c in cols]

    def row(self, values: Sequence[Any]) -> list[Any]:
        out: list[Any] = []
        for value, proto in zip(values, self.protos):
            if value is None or value == "" or (isinstance(value, float) and value != value):
                out.append(None)
            elif proto is None and isinstance(value, (int, float)) and not isinstance(value, bool):
                out.append(value)
            elif proto is None and isinstance(value, str) and _plain(value):
                out.append(value)
            else:
                c = WriteOnlyCell(self.ws)
                if proto is not None:
                    c._style = copy(proto._style)
                out.append(put(c, _excel(value)))  # after the style: put may add the quote prefix
        return out


def _plain(text: str) -> bool:
    """Text openpyxl stores as a plain string by itself (no formula, no error code, nothing to clean)."""
    return not is_risky(text) and text not in ERROR_CODES and "\r" not in text \
        and not ILLEGAL_CHARACTERS_RE.search(text) and len(text) <= EXCEL_MAX_TEXT


def table_sheet(wb: Workbook, name: str, title: str, frame: Frame, cols: Sequence[Col],
                rows: Iterable[Sequence[Any]], *, freeze_cols: int = 0, note: str | None = None) -> tuple[Any, int]:
    """Write the sheet; returns it and the last data row (HEADER_ROW when there is no data)."""
    ws = wb.create_sheet(name)
    for j, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.freeze_panes = f"{get_column_letter(freeze_cols + 1)}{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if frame.mark:
        ws.HeaderFooter.oddHeader.center.text = "FICTIONAL DATA"
    ws.HeaderFooter.oddFooter.left.text = title.replace("&", "&&")
    ws.HeaderFooter.oddFooter.right.text = "&P / &N"
    ws.append([cell(ws, title, font=styles.TITLE_FONT)])
    text = " ".join(t for t in (frame.mark, note or frame.note) if t)
    ws.append([cell(ws, text, font=styles.FICTIONAL_FONT if frame.mark else styles.NOTE_FONT,
                    fill=styles.FICTIONAL_FILL if frame.mark else None)])
    ws.append([cell(ws, c.header, font=styles.HEADER_FONT, fill=styles.HEADER_FILL, wrap=True) for c in cols])
    last = HEADER_ROW
    maker = _RowMaker(ws, cols)
    for row in rows:
        ws.append(maker.row(row))
        last += 1
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(cols))}{max(last, HEADER_ROW + 1)}"
    return ws, last


def tier_rules(ws: Any, column: int, last: int, tiers: Sequence[Any], *, by_value: bool) -> None:
    """Colour a column by tier: its text (tier ids) or its 0–100 value against the tier thresholds."""
    if last < FIRST_ROW:
        return
    letter = get_column_letter(column)
    ref = f"{letter}{FIRST_ROW}:{letter}{last}"
    first = f"{letter}{FIRST_ROW}"
    for tier in sorted(tiers, key=lambda t: -t.min):
        fill, font = styles.tier_fill(tier.colour), styles.tier_font(tier.colour)
        if by_value:
            rule = FormulaRule(formula=[f"AND(ISNUMBER({first}),{first}>={tier.min})"], stopIfTrue=True,
                               fill=fill, font=font)
        else:
            rule = CellIsRule(operator="equal", formula=[f'"{tier.id}"'], fill=fill, font=font)
        ws.conditional_formatting.add(ref, rule)
