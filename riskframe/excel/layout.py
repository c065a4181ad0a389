"""The template's layout, shared by the writer (template.py) and the reader (reader.py).

Columns are found by the language-neutral keys of a hidden row above the header (KEY_ROW), not by
their header text (which is in the template's language) nor their position, so a spreadsheet that
moves a column, or a French or Spanish template, still imports (a template without the key row,
format 1, is read by its headers in any language); ids are checked against a sha256 of the sorted indicator ids kept in the hidden
metadata sheet, so added, removed or renamed rows are caught. The drop-down lists (scores,
missing reasons, confidence) come from the framework's manifest: `columns(fw)`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from openpyxl.utils import get_column_letter

from riskframe.framework.models import Framework
from riskframe.i18n import N_, _, available_languages, current_language, use_language

T = TypeVar("T")
TEMPLATE_FORMAT = "2"
SHEET = "Indicators"  # the sheet's name in an English template; see sheet_name()
SHEET_TITLE = N_("Indicators")
META_SHEET = "riskframe_meta"
TITLE_ROW, NOTE_ROW, KEY_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_ROW = HEADER_ROW + 1
KEY_SEARCH_ROWS = 10
META_KEYS = ("template_format", "framework_id", "framework_version", "country", "period", "assessment_id",
             "base_revision", "ids_sha256", "indicator_count", "created_at", "language", "sheet_indicators",
             "sheet_vulnerable_groups", "sheet_consultations", "sheet_measures")
TITLE_PATTERN = re.compile(r"(?P<country>\b[A-Z]{2}\b) · (?P<period>\d{4}(?:-\S+)?)")


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
            return _("one of {choices} (or empty)").format(choices=", ".join(self.choices))
        return _("free text")


COLUMNS: tuple[Column, ...] = (
    Column("id", N_("Indicator id"), 11),
    Column("factor", N_("Factor"), 28, wrap=True),
    Column("text", N_("Indicator"), 60, wrap=True),
    Column("guidance", N_("Guidance (what each score means)"), 60, wrap=True),
    Column("score", N_("Score"), 10, True),
    Column("missing", N_("Missing reason"), 16, True),
    Column("confidence", N_("Confidence"), 12, True),
    Column("evidence", N_("Evidence"), 60, True, wrap=True),
    Column("sources", N_("Sources (one per line: title | url | date)"), 45, True, wrap=True),
    Column("comment", N_("Comment"), 30, True, wrap=True),
)
"""The columns in order; `columns(fw)` gives them with the framework's choices and score header."""
BY_KEY = {c.key: c for c in COLUMNS}
INPUT_KEYS = tuple(c.key for c in COLUMNS if c.is_input)
CHOICE_KEYS = ("score", "missing", "confidence")


def scores(fw: Framework) -> tuple[str, ...]:
    """The scale's levels as the cell text a template accepts ("0" … "3")."""
    return tuple(str(n) for n in fw.scale.scores)


def columns(fw: Framework) -> tuple[Column, ...]:
    """The columns with the manifest's choices (scale levels; missing reasons and confidence levels as
    their labels in the current language, see code_label) and their headers in the current language."""
    lang = current_language()
    choices = {"score": scores(fw),
               "missing": tuple(code_label(fw.scale.missing_label(c, lang)) for c in fw.scale.missing),
               "confidence": tuple(code_label(fw.scale.confidence_label(c, lang)) for c in fw.scale.confidence)}
    header = {"score": _("Score ({low}-{high})").format(low=fw.scale.min, high=fw.scale.max)}
    return tuple(replace(c, header=header.get(c.key, _(c.header)), choices=choices.get(c.key, ()))
                 for c in COLUMNS)


def code_label(label: str) -> str:
    """A manifest label as a drop-down entry: a list validation separates entries by commas."""
    return label.replace(",", ";")


def choice_code(fw: Framework, key: str, value: object) -> str | None:
    """The missing-reason or confidence code a cell stands for: the code itself, or its label in any of
    the framework's languages; None when it is neither."""
    text = " ".join(str(value).split()).casefold()
    codes = fw.scale.missing if key == "missing" else fw.scale.confidence
    label_of = fw.scale.missing_label if key == "missing" else fw.scale.confidence_label
    if text.replace(" ", "_") in codes:
        return text.replace(" ", "_")
    return next((code for code in codes for lang in fw.languages
                 if " ".join(code_label(label_of(code, lang)).split()).casefold() == text), None)


def sheet_name() -> str:
    """The indicators sheet's name in the current language."""
    return _(SHEET_TITLE)


def in_every_language(make: Callable[[], T]) -> dict[str, T]:
    """`make()` evaluated in every interface language: what a reader accepts from any template."""
    out: dict[str, T] = {}
    for lang in available_languages():
        with use_language(lang):
            out[lang] = make()
    return out


def by_key(fw: Framework) -> dict[str, Column]:
    return {c.key: c for c in columns(fw)}


def letter(key: str) -> str:
    """The column letter a key has in a template riskframe wrote."""
    return get_column_letter(COLUMNS.index(BY_KEY[key]) + 1)


def ids_checksum(ids: Iterable[str]) -> str:
    """sha256 of the sorted ids: stable if a user sorts the rows, changed if rows come or go."""
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def title(country: str, period: str, framework: str) -> str:
    """The visible title; the reader falls back to it (country · period) when the metadata sheet is gone."""
    return _("riskframe assessment template · {country} · {period} · framework {framework}").format(
        country=country, period=period, framework=framework)
