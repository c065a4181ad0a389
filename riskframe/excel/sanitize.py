"""Write user text into cells as text, never as a formula (CSV/formula injection).

openpyxl turns any string starting with "=" into a formula, and Excel and LibreOffice treat text
starting with "+", "-", "@", a tab or a carriage return as a formula when a user edits the cell.
Every string we write goes through `put`, which forces the cell type to string (so the file holds
no <f> element) and sets Excel's quote prefix on risky text, so it stays text after editing too.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_TEXT = 32767


def clean_text(text: str) -> str:
    """Drop the control characters XML cannot hold; line ends as \n (XML turns a bare \r into \n
    anyway); cut at Excel's cell limit."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_MAX_TEXT]


def is_risky(text: str) -> bool:
    return text.startswith(RISKY_START)


def put(cell: Any, value: Any) -> Any:
    """Set `value` on an openpyxl cell (normal or write-only); strings are always stored as text."""
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"  # also stops "#N/A" & co. from becoming error cells
        if is_risky(value) or is_risky(text):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell
