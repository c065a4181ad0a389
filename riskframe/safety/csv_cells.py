"""CSV cells that a spreadsheet opens as text, never as a formula (CSV / formula injection).

Excel and LibreOffice run a cell that starts with "=", "+", "-", "@", a tab or a carriage return as a
formula. Every CSV riskframe writes (dashboard downloads, CLI output) passes through `csv_bytes`,
which prefixes such text with an apostrophe, the OWASP-recommended neutraliser that both programs
show as a plain text cell. Numbers stay numbers: only text is touched.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`value` unchanged unless it is text a spreadsheet would run; then the same text behind a '."""
    if isinstance(value, str) and value.startswith(RISKY_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells (and column names) are neutralised."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so Excel reads accents right) of a neutralised frame."""
    # A broken character (a lone surrogate, which the store never keeps) becomes "?", not a crash.
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig", errors="replace")
