"""How an export sheet prints: A4, readable at 100 %, header rows on every page, no overlapping cells.

A sheet whose columns fit a portrait A4 page prints portrait, else landscape. A table wider than
landscape is shrunk to the page width only while the text stays at 8 pt or more (MIN_SCALE of the
9 pt body text); beyond that it prints at 100 % across pages, its first columns repeated on each.
Row heights are set from the text each wrapped cell holds (an estimate, on the generous side),
because neither LibreOffice nor Excel re-measures the rows of a file it opens for printing.
Widths are in Excel's column units (the width of one digit of the body font).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from openpyxl.utils import get_column_letter

from riskframe.excel import styles
from riskframe.excel.sheets import Col
from riskframe.i18n import _

A4 = 9  # the paperSize code of A4 in SpreadsheetML
MARGIN_IN = 0.5
# Column units that fit the printable width of A4 at 100 %, where the body font is as wide as DejaVu
# Sans (the widest of the fonts Arial maps to; with Arial or Liberation Sans a table uses less width).
PORTRAIT_UNITS = 84.0
LANDSCAPE_UNITS = 126.0
BODY_PT, MIN_PT = styles.PRINT_BODY_PT, 8.0
MIN_SCALE = MIN_PT / BODY_PT
LINE_EM = 1.2  # the height of one line, in font sizes (DejaVu Sans needs 1.17)
PAD_PT = 3.0  # a row's padding
CHARS_PER_UNIT = 1.2  # characters of prose per column unit, a little under the real width: rows err tall
BOLD_CHAR_UNITS = 1.15  # column units per character of a bold header word (capitals and all)
MAX_ROW_PT = 409.0  # Excel's tallest row


def page_units(orientation: str) -> float:
    return PORTRAIT_UNITS if orientation == "portrait" else LANDSCAPE_UNITS


def orientation_for(cols: Sequence[Col]) -> str:
    return "portrait" if sum(c.width for c in cols) <= PORTRAIT_UNITS else "landscape"


def header_need(header: str) -> float:
    """The width a header needs so that no word of it breaks (headers are bold and wrap between words)."""
    longest = max((len(w) for w in header.split()), default=0)
    return math.ceil(longest * BOLD_CHAR_UNITS + 1)


def fit_columns(cols: Sequence[Col], orientation: str | None = None) -> tuple[list[Col], str]:
    """The columns widened so that no header word breaks, then narrowed back to the page: the widest
    wrapped columns give the width back (down to two thirds of their own). Returns them and the
    orientation (portrait when the table as designed fits it)."""
    orientation = orientation or orientation_for(cols)
    out = [replace(c, width=max(c.width, header_need(c.header))) for c in cols]
    excess = sum(c.width for c in out) - max(page_units(orientation), sum(c.width for c in cols))
    while excess > 0:
        spare = [(c.width - max(2 * cols[j].width / 3, header_need(c.header)), j) for j, c in enumerate(out) if c.wrap]
        room, j = max(spare, default=(0.0, -1))
        if room < 1:
            break
        take = min(excess, room, 4.0)
        out[j] = replace(out[j], width=out[j].width - take)
        excess -= take
    return out, orientation


def setup(ws: Any, cols: Sequence[Col], *, title: str, fictional: bool, repeat_cols: int = 0,
          orientation: str | None = None) -> str:
    """Page set-up of a sheet, before its first row is written; returns the orientation used."""
    orientation = orientation or orientation_for(cols)
    width = sum(c.width for c in cols)
    ps = ws.page_setup
    ps.paperSize, ps.orientation = A4, orientation
    margins = ws.page_margins
    margins.left = margins.right = MARGIN_IN
    margins.top = margins.bottom = 0.75
    margins.header = margins.footer = 0.3
    scale = page_units(orientation) / width if width else 1.0
    if scale < 1 and scale >= MIN_SCALE:
        ps.fitToWidth, ps.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    elif scale < 1 and repeat_cols:
        ws.print_title_cols = f"A:{get_column_letter(repeat_cols)}"
    ws.print_options.horizontalCentered = False
    header, footer = ws.HeaderFooter.oddHeader, ws.HeaderFooter.oddFooter
    header.left.text = "&A"  # the sheet's name
    if fictional:
        header.right.text = _("Fictional data")
        header.right.color = "9C0006"
    footer.left.text = title.replace("&", "&&")
    footer.right.text = _("Page {page} of {pages}").format(page="&P", pages="&N")
    for part in (header.left, header.right, footer.left, footer.right):
        part.size = 9
    return orientation


def lines(text: object, width: float, *, size: float = BODY_PT) -> int:
    """Lines a wrapped cell `width` units wide needs for `text` at `size` points."""
    if text is None or text == "":
        return 1
    chars = max(1, int((width - 1.25) * CHARS_PER_UNIT * BODY_PT / size))
    text = str(text)
    if len(text) <= chars and "\n" not in text:
        return 1
    return _wrapped(text, chars)


@functools.lru_cache(maxsize=4096)  # a portfolio repeats each indicator's text once per country
def _wrapped(text: str, chars: int) -> int:
    """Lines of at most `chars` characters, broken between words as a spreadsheet does."""
    total = 0
    for part in text.split("\n"):
        words, line, count = part.split(" "), 0, 1
        for word in words:
            n = len(word)
            while n > chars:  # a word longer than the line breaks anywhere
                if line:
                    count += 1
                    line = 0
                n -= chars
                count += 1
            if line and line + 1 + n > chars:
                count += 1
                line = n
            else:
                line = line + (1 if line else 0) + n
        total += count
    return total


def row_height(values: Sequence[Any], cols: Sequence[Col], *, size: float = BODY_PT) -> float | None:
    """The height (points) a row of wrapped cells needs; None when one line does."""
    most = 1
    for value, col in zip(values, cols):
        if col.wrap and isinstance(value, str) and value:
            most = max(most, lines(value, col.width, size=size))
    if most == 1:
        return None
    return _height(most, size)


def spanning_height(text: str, width: float, *, size: float = BODY_PT) -> float:
    """The height of a row whose one cell spans `width` units (titles, notes, sentences)."""
    return _height(lines(text, width, size=size), size)


def _height(n: int, size: float) -> float:
    return min(MAX_ROW_PT, math.ceil(n * LINE_EM * size + PAD_PT))
