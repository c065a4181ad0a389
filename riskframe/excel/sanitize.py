"""Write user text into cells as text, never as a formula (CSV/formula injection).

openpyxl turns any string starting with "=" into a formula, and Excel and LibreOffice treat text
starting with "+", "-", "@", a tab or a carriage return as a formula when a user edits the cell.
Every string we write goes through `put`, which forces the cell type to string (so the file holds
no <f> element) and sets Excel's quote prefix on risky text, so it stays text after editing too.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from riskframe.i18n import _

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_TEXT = 32767
_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


class CellTooLong(ValueError):
    """A value that cannot be written to one cell without losing part of it."""


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


def encode_exact(text: str) -> str:
    """Text for a template's input cell that comes back exactly: control characters (and a carriage
    return, which XML would turn into a line feed) as OOXML's `_xHHHH_` escapes, which Excel and
    LibreOffice show as the character; a literal `_xHHHH_` is escaped as `_x005F_xHHHH_`, as Excel does."""
    text = _LITERAL_ESCAPE.sub(r"_x005F_\1", text)
    return _UNWRITABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def cell_text(value: Any) -> str:
    """A cell as text to read: empty for None, whole floats without '.0', line breaks as \\n
    (the one reading of a text cell shared by the indicator and the list sheets)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def decode_exact(text: str) -> str:
    """The inverse of encode_exact (and of Excel's own escaping), applied when a template is read."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def put_exact(cell: Any, text: str, where: str, *, encoded: bool = False) -> Any:
    """Write user text to a template input cell so that it reads back unchanged, or refuse (CellTooLong).
    `encoded`: `text` is already encode_exact'ed (sources are encoded part by part)."""
    raw, written = (decode_exact(text), text) if encoded else (text, encode_exact(text))
    if len(written) > EXCEL_MAX_TEXT:
        raise CellTooLong(_("{where} is {length} characters long once written for Excel (control characters "
                            "count 7 each); a cell holds at most {limit}: shorten it in the app, then make the "
                            "template again").format(where=where, length=len(written), limit=EXCEL_MAX_TEXT))
    cell.value = written
    cell.data_type = "s"
    if is_risky(raw) or is_risky(written):
        cell.quotePrefix = True
    return cell
