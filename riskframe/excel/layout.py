"""The template's layout, shared by the writer (template.py) and the reader (reader.py).

Columns are found by their header text, not their position, so a spreadsheet that moves a column
still imports; ids are checked against a sha256 of the sorted indicator ids kept in the hidden
metadata sheet, so added, removed or renamed rows are caught. The drop-down lists (scores,
missing reasons, confidence) come from the framework's manifest: `columns(fw)`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from openpyxl.utils import get_column_letter

from riskframe.framework.models import Framework

TEMPLATE_FORMAT = "1"
SHEET = "Indicators"
META_SHEET = "riskframe_meta"
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
FIRST_ROW = HEADER_ROW + 1
META_KEYS = ("template_format", "framework_id", "framework_version", "country", "period", "assessment_id",
             "base_revision", "ids_sha256", "indicator_count", "created_at")
TITLE_PATTERN = re.compile(r"country (?P<country>[A-Z]{2}) · period (?P<period>\S+)")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    is_input: bool = False
    choices: tuple[str, ...] = ()
    wrap: bool = False

    def expected(self) -> str:
        if self.choices:
            return "one of " + ", ".join(self.choices) + " (or empty)"
        return "text"


COLUMNS: tuple[Column, ...] = (
    Column("id", "Indicator id", 11),
    Column("factor", "Factor", 28, wrap=True),
    Column("text", "Indicator", 60, wrap=True),
    Column("guidance", "Guidance (what each score means)", 60, wrap=True),
    Column("score", "Score", 10, True),
    Column("missing", "Missing reason", 16, True),
    Column("confidence", "Confidence", 12, True),
    Column("evidence", "Evidence", 60, True, wrap=True),
    Column("sources", "Sources (one per line: title | url | date)", 45, True, wrap=True),
    Column("comment", "Comment", 30, True, wrap=True),
)
"""The columns in order; `columns(fw)` gives them with the framework's choices and score header."""
BY_KEY = {c.key: c for c in COLUMNS}
INPUT_KEYS = tuple(c.key for c in COLUMNS if c.is_input)
CHOICE_KEYS = ("score", "missing", "confidence")


def scores(fw: Framework) -> tuple[str, ...]:
    """The scale's levels as the cell text a template accepts ("0" … "3")."""
    return tuple(str(n) for n in fw.scale.scores)


def columns(fw: Framework) -> tuple[Column, ...]:
    """The columns with the manifest's choices: scale levels, missing codes, confidence levels."""
    choices = {"score": scores(fw), "missing": tuple(fw.scale.missing), "confidence": tuple(fw.scale.confidence)}
    header = {"score": f"Score ({fw.scale.min}-{fw.scale.max})"}
    return tuple(replace(c, header=header.get(c.key, c.header), choices=choices.get(c.key, ()))
                 for c in COLUMNS)


def by_key(fw: Framework) -> dict[str, Column]:
    return {c.key: c for c in columns(fw)}


def letter(key: str) -> str:
    """The column letter a key has in a template riskframe wrote."""
    return get_column_letter(COLUMNS.index(BY_KEY[key]) + 1)


def ids_checksum(ids: Iterable[str]) -> str:
    """sha256 of the sorted ids: stable if a user sorts the rows, changed if rows come or go."""
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def title(country: str, period: str, framework: str) -> str:
    """The visible title; the reader falls back to it when the metadata sheet is gone."""
    return f"riskframe assessment template · country {country} · period {period} · framework {framework}"
