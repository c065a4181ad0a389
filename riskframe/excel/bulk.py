"""Very large tables (a 193-country portfolio: 30k+ rows) written as sheet XML directly.

openpyxl, even in write-only mode, spends ~50 µs per cell building objects and serialising them
with et_xmlfile; a portfolio's Indicators sheet has half a million cells. Here openpyxl still
writes the sheet (title, note, header, freeze panes, filter, print set-up) with two prototype
rows, one plain and one with risky text, so every column's style ids exist; the data rows are
then generated as strings and spliced in place of the prototypes after saving. Strings are only
ever inline text (never <f>), cleaned by sanitize.clean_text and quote-prefixed like sanitize.put
does; tests check that both paths give the same workbook.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from riskframe.excel.sanitize import clean_text, is_risky
from riskframe.excel.sheets import FIRST_ROW, HEADER_ROW, Col, Frame, table_sheet

BULK_MIN_ROWS = 2000


@dataclass
class Pending:
    """A sheet whose prototype rows are replaced by `rows` once the workbook is saved."""

    ws: Any
    rows: Sequence[Sequence[Any]]
    heights: Sequence[float | None] = ()  # points per data row (None: the default height)


def bulk_table_sheet(wb: Any, name: str, title: str, frame: Frame, cols: Sequence[Col],
                     rows: Sequence[Sequence[Any]], *, freeze_cols: int = 0) -> Pending:
    plain = [dt.datetime(2000, 1, 1) if c.fmt and "yy" in c.fmt else 1.0 if c.fmt else "x" for c in cols]
    ws, _ = table_sheet(wb, name, title, frame, cols, [plain, ["=x"] * len(cols)], freeze_cols=freeze_cols)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(cols))}{max(HEADER_ROW + len(rows), HEADER_ROW + 1)}"
    return Pending(ws, rows)


def splice(data: bytes, pending: list[Pending]) -> bytes:
    """Return the saved workbook with each pending sheet's data rows in place."""
    if not pending:
        return data
    by_path = {p.ws.path.lstrip("/"): p for p in pending}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            level = None
            if info.filename in by_path:
                p = by_path[info.filename]
                content = _replace_rows(content.decode("utf-8"), p.rows, p.heights).encode("utf-8")
                level = 1  # tens of MB of XML: fast compression matters more than the last few percent
            dst.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
    return out.getvalue()


def _styles(xml: str, row: int) -> dict[str, str]:
    found = re.search(rf'<row r="{row}"[^>]*>(.*?)</row>', xml, re.S)
    cells = re.findall(rf'<c r="([A-Z]+){row}"(?: s="(\d+)")?', found.group(1)) if found else []
    return {letter: f' s="{s}"' if s else "" for letter, s in cells}


def _replace_rows(xml: str, rows: Sequence[Sequence[Any]], heights: Sequence[float | None] = ()) -> str:
    plain, risky = _styles(xml, FIRST_ROW), _styles(xml, FIRST_ROW + 1)
    start = xml.index(f'<row r="{FIRST_ROW}"')
    end = xml.index("</sheetData>")
    width = max((len(r) for r in rows), default=0)
    letters = [get_column_letter(j) for j in range(1, width + 1)]
    # A portfolio repeats each indicator's text, label and evidence once per country: the part of a
    # cell after its reference is built once per distinct (column, value) and reused.
    tails: list[dict[Any, str]] = [{} for _letter in letters]
    styles = [(plain.get(letter, ""), risky.get(letter, "")) for letter in letters]
    parts: list[str] = []
    append = parts.append
    for n, values in enumerate(rows, start=FIRST_ROW):
        height = heights[n - FIRST_ROW] if n - FIRST_ROW < len(heights) else None
        append(f'<row r="{n}" ht="{height}" customHeight="1">' if height else f'<row r="{n}">')
        row = str(n)
        for j, value in enumerate(values[:width]):
            if value is None or value == "":
                continue
            key = (type(value), value) if isinstance(value, (str, int, float, bool)) else None
            tail = tails[j].get(key) if key is not None else None
            if tail is None:
                tail = _tail(value, *styles[j])
                if key is not None:
                    tails[j][key] = tail
            if tail:
                append(f'<c r="{letters[j]}{row}"{tail}')
        append("</row>")
    return xml[:start] + "".join(parts) + xml[end:]


def _cell(value: Any, ref: str, style: str, risky_style: str) -> str:
    tail = _tail(value, style, risky_style)
    return f'<c r="{ref}"{tail}' if tail else ""


def _tail(value: Any, style: str, risky_style: str) -> str:
    """A cell's XML after its reference (`<c r="B7"` + this); "" for no cell."""
    if value is None or value == "" or isinstance(value, bool):
        return "" if value is None or value == "" else _text(str(value), style, risky_style)
    if isinstance(value, str):
        return _text(value, style, risky_style)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return f'{style} t="n"><v>{to_excel(value)}</v></c>'
    if isinstance(value, dt.date):
        return f'{style} t="n"><v>{to_excel(value)}</v></c>'
    if isinstance(value, float) and math.isnan(value):
        return ""
    return f'{style} t="n"><v>{value}</v></c>'


def _text(value: str, style: str, risky_style: str) -> str:
    text = clean_text(value)
    if is_risky(value) or is_risky(text):
        style = risky_style
    return f'{style} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
