"""Write one export table sheet that reads on screen and on A4 paper (openpyxl write-only mode).

Rows 1–3 are a title, a note (the fictional-data mark when a user-assigned country is in the
export) and the header; data starts on row 4. The title and the note span the table's width and
wrap; every row is as tall as its wrapped text; header rows are frozen and repeated on each printed
page; export_print chooses the paper orientation. Sheet names, titles, notes and headers come in
the current language; strings always go through sanitize.put (sheets.cell).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from riskframe.excel import bulk, export_print, styles
from riskframe.excel.sheets import FIRST_ROW, HEADER_ROW, Col, Frame, _RowMaker, cell
from riskframe.framework.models import Framework
from riskframe.i18n import _, current_language, ngettext

TITLE_PT, NOTE_PT = float(styles.PRINT_TITLE_FONT.sz), styles.PRINT_BODY_PT
SPAN = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Styled:
    """A value with a number format of its own (a draft's "41.2 (draft)")."""

    value: Any
    fmt: str


def fictional_mark(codes: Sequence[str]) -> str:
    """The sentence every sheet of an export with invented countries carries (empty without any)."""
    if not codes:
        return ""
    return ngettext("FICTIONAL DATA: {codes} is an invented country (ISO user-assigned code); the figures "
                    "describe no real country.",
                    "FICTIONAL DATA: {codes} are invented countries (ISO user-assigned codes); the figures "
                    "describe no real country.", len(codes)).format(codes=", ".join(codes))


def sheet_name(name: str) -> str:
    """A sheet's name in the current language, within Excel's rules (31 characters, no []:*?/\\)."""
    text = _(name)
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return text[:31]


def table(wb: Any, name: str, title: str, frame: Frame, cols: Sequence[Col], rows: Iterable[Sequence[Any]], *,
          freeze_cols: int = 0, note: str | None = None, orientation: str | None = None,
          print_cols: int | None = None) -> tuple[Any, int]:
    """Write the sheet `name` (English, translated here); returns it and the last data row.

    `print_cols`: print only the first columns (the rest feed a chart)."""
    ws = wb.create_sheet(sheet_name(name))
    n_printed = print_cols or len(cols)
    fitted, orientation = export_print.fit_columns(cols[:n_printed], orientation)
    cols = [*fitted, *cols[n_printed:]]
    printed = fitted
    for j, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.freeze_panes = f"{get_column_letter(freeze_cols + 1)}{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    export_print.setup(ws, printed, title=title, fictional=bool(frame.mark), repeat_cols=freeze_cols,
                       orientation=orientation)
    span = export_print.page_units(ws.page_setup.orientation) if len(printed) == 1 else \
        sum(c.width for c in printed)
    span = min(span, export_print.page_units(ws.page_setup.orientation))
    last_letter = get_column_letter(max(1, len(printed)))
    text = " ".join(t for t in (frame.mark, note or frame.note) if t)
    _spanning(ws, 1, title, span, last_letter, font=styles.PRINT_TITLE_FONT, size=TITLE_PT)
    _spanning(ws, 2, text, span, last_letter, font=styles.PRINT_FICTIONAL_FONT if frame.mark else styles.PRINT_NOTE_FONT,
              fill=styles.FICTIONAL_FILL if frame.mark else None)
    header_h = export_print.row_height([c.header for c in cols], [Col(c.header, c.width - 1, wrap=True) for c in cols])
    if header_h:
        ws.row_dimensions[HEADER_ROW].height = header_h
    ws.append([cell(ws, c.header, font=styles.PRINT_HEADER_FONT, fill=styles.HEADER_FILL, wrap=True) for c in cols])
    last = HEADER_ROW
    maker = _RowMaker(ws, cols)
    for proto in maker.protos:
        if proto is not None and not proto.alignment.wrap_text:
            proto.alignment = styles.TOP  # numbers and dates at the top of a tall row, like the text
    for row in rows:
        last += 1
        styled = {j: v for j, v in enumerate(row) if isinstance(v, Styled)}
        if styled:
            row = [v.value if isinstance(v, Styled) else v for v in row]
        height = export_print.row_height(row, cols)
        if height:
            ws.row_dimensions[last].height = height
        out = maker.row(row)
        for j, v in styled.items():
            out[j] = cell(ws, v.value, fmt=v.fmt)
        ws.append(out)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(cols))}{max(last, HEADER_ROW + 1)}"
    return ws, last


def _spanning(ws: Any, row: int, text: str, span: float, last_letter: str, *, font: Any, fill: Any = None,
              size: float = NOTE_PT) -> None:
    """A title or note row: one cell merged across the printed columns, wrapped, as tall as its text."""
    c = cell(ws, text, font=font, fill=fill)
    c.alignment = SPAN
    if text:
        ws.row_dimensions[row].height = export_print.spanning_height(text, span, size=size)
    if last_letter != "A":
        ws.merged_cells.add(f"A{row}:{last_letter}{row}")
    ws.append([c])


def bulk_table(wb: Any, name: str, title: str, frame: Frame, cols: Sequence[Col], rows: Sequence[Sequence[Any]], *,
               freeze_cols: int = 0) -> bulk.Pending:
    """`table` for very large sheets: rows are spliced in after saving (bulk.py), with their heights."""
    plain = [dt.datetime(2000, 1, 1) if c.fmt and "yy" in c.fmt else 1.0 if c.fmt else "x" for c in cols]
    ws, _last = table(wb, name, title, frame, cols, [plain, ["=x"] * len(cols)], freeze_cols=freeze_cols)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(cols))}{max(HEADER_ROW + len(rows), HEADER_ROW + 1)}"
    fitted, _orientation = export_print.fit_columns(cols)  # the widths `table` gave the sheet
    return bulk.Pending(ws, rows, _heights(rows, fitted))


def _heights(rows: Sequence[Sequence[Any]], cols: Sequence[Col]) -> list[float | None]:
    """export_print.row_height of every row, measured once per distinct text in the wrapped columns
    (a portfolio repeats each indicator's row text once per country)."""
    wrapped = [j for j, c in enumerate(cols) if c.wrap]
    seen: dict[tuple[Any, ...], float | None] = {}
    out: list[float | None] = []
    for r in rows:
        key = tuple(r[j] if j < len(r) and isinstance(r[j], str) else None for j in wrapped)
        if key not in seen:
            seen[key] = export_print.row_height(r, cols)
        out.append(seen[key])
    return out


def tier_label_rules(ws: Any, column: int, last: int, fw: Framework) -> None:
    """Colour a column of tier labels (as `tier` writes them) in the tiers' colours."""
    if last < FIRST_ROW:
        return
    letter = get_column_letter(column)
    lang = current_language()
    for tier in sorted(fw.manifest.scoring.tiers, key=lambda t: -t.min):
        label = tier.label(lang).replace('"', '""')
        ws.conditional_formatting.add(f"{letter}{FIRST_ROW}:{letter}{last}", CellIsRule(
            operator="equal", formula=[f'"{label}"'], fill=styles.tier_fill(tier.colour),
            font=styles.tier_font(tier.colour)))
