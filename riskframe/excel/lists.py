"""The template's list sheets (vulnerable groups, consultations, recommended measures): their columns,
and an item as cells and back.

Each sheet has one row per item. Column A holds the item's stable id (the store's key; locked,
greyed): a row without one is a new item. The "Remove" column (Yes/No drop-down) deletes an item;
any other changed cell edits it. Codes (category, measure type, status) show as labels in the
template's language and come back as codes (labels.py). Keys of the hidden key row name the columns
(layout.py), so a French or Spanish sheet reads like an English one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from riskframe.excel import labels
from riskframe.excel.layout import Column
from riskframe.i18n import N_, _
from riskframe.store.fields import CONSULTATIONS, MEASURES, VULNERABLE_GROUPS, Collection

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BLANK_ROWS = 30  # empty rows (unlocked, with drop-downs) below the items, for new ones
ID_COLUMN = Column("key", N_("Row id (do not change)"), 16)
REMOVE_COLUMN = Column("remove", N_("Remove?"), 11, True)


@dataclass(frozen=True)
class ListSheet:
    """One list sheet: the collection it edits, its name and note (English msgids), its columns."""

    coll: Collection
    title: str
    note: str
    fields: tuple[Column, ...]  # the item's fields, in sheet order
    required: str  # the field an item cannot do without (its name or title)
    required_message: str

    @property
    def name(self) -> str:
        return self.coll.name

    def sheet_name(self) -> str:
        return _(self.title)

    def columns(self) -> tuple[Column, ...]:
        """Every column, headers in the current language."""
        from dataclasses import replace
        return tuple(replace(c, header=_(c.header), choices=labels.labels(c.key) if c.key in labels.CODES else ())
                     for c in (ID_COLUMN, REMOVE_COLUMN, *self.fields))

    def template_fields(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.fields)


_NOTE = N_("One row per item. To add one, type in an empty row below the others; to change one, edit its "
           "cells; to delete one, choose Yes in “Remove?”. Leave the row id column as it is. Type values, "
           "not formulas; dates as YYYY-MM-DD.")

GROUPS = ListSheet(VULNERABLE_GROUPS, N_("Vulnerable groups"), _NOTE, (
    Column("name", N_("Group"), 30, True, wrap=True),
    Column("basis", N_("Basis (e.g. ethnic, religious, political)"), 24, True, wrap=True),
    Column("description", N_("Why the group is at risk"), 70, True, wrap=True),
), "name", N_("a vulnerable group needs a name: type it in this column, or choose Yes in “Remove?”"))
CONSULTED = ListSheet(CONSULTATIONS, N_("Consultations"), _NOTE, (
    Column("category", N_("Category"), 26, True),
    Column("name", N_("Organisation or person consulted"), 34, True, wrap=True),
    Column("date", N_("Date (YYYY-MM-DD)"), 14, True),
    Column("summary", N_("Summary"), 70, True, wrap=True),
), "name", N_("a consultation needs the organisation or person consulted: type it in this column, or choose "
              "Yes in “Remove?”"))
MEASURED = ListSheet(MEASURES, N_("Measures"), _NOTE, (
    Column("title", N_("Recommended measure"), 40, True, wrap=True),
    Column("description", N_("Description"), 60, True, wrap=True),
    Column("linked_ids", N_("Linked factors or indicators (ids, comma-separated)"), 20, True),
    Column("option_id", N_("Prevention option (id from the catalogue)"), 22, True),
    Column("type", N_("Type"), 22, True),
    Column("owner", N_("Owner"), 22, True, wrap=True),
    Column("due_date", N_("Due date (YYYY-MM-DD)"), 14, True),
    Column("due_period", N_("Due quarter (YYYY-Qn)"), 12, True),
    Column("status", N_("Status"), 14, True),
    Column("status_reason", N_("Reason for the status (required when dropped)"), 36, True, wrap=True),
    Column("follow_up", N_("Follow-up"), 50, True, wrap=True),
    Column("upr_recommendation_id", N_("UPR recommendation number"), 14, True),
    Column("upr_recommendation_text", N_("UPR recommendation text"), 50, True, wrap=True),
), "title", N_("a measure needs a title: type it in this column, or choose Yes in “Remove?”"))
SHEETS: tuple[ListSheet, ...] = (GROUPS, CONSULTED, MEASURED)
BY_NAME = {s.name: s for s in SHEETS}
DATE_FIELDS = ("date", "due_date")
TEXT_FIELDS = ("due_period", "upr_recommendation_id", "option_id")
"""Cells formatted as text, so a spreadsheet keeps "150.10" or "2027-Q2" as typed."""


def not_in_template(sheet: ListSheet) -> tuple[str, ...]:
    """Item fields the sheet has no column for (e.g. the measure it follows up): an import keeps them."""
    return tuple(f for f in sheet.coll.fields if f not in sheet.template_fields())


def item_cells(sheet: ListSheet, item: BaseModel) -> dict[str, Any]:
    """An item's cells: codes as labels, dates as dates, linked ids comma-separated, text as stored."""
    data = item.model_dump(mode="json")  # codes as their values, dates as YYYY-MM-DD
    out: dict[str, Any] = {"key": data.get("key"), "remove": None}
    for col in sheet.fields:
        value = data.get(col.key)
        if col.key in DATE_FIELDS and value:
            value = dt.date.fromisoformat(value)
        elif col.key in labels.CODES:
            value = labels.label(col.key, value)
        elif col.key == "linked_ids":
            value = ", ".join(value or [])
        out[col.key] = value if value not in ("", None) else None
    return out


def item_label(sheet: ListSheet, flat: dict[str, Any]) -> str:
    """How a person recognises an item in a message: its name or title, quoted and shortened."""
    text = _CONTROL.sub("�", " ".join(str(flat.get(sheet.required) or "").split()))
    if not text:
        return _("(no name)")
    return f"“{text}”" if len(text) <= 60 else f"“{text[:59]}…”"


def field_label(sheet: ListSheet, field: str) -> str:
    """A field's name as its column header says it (current language)."""
    if field == "deleted":
        return _("removed")
    col = next((c for c in sheet.fields if c.key == field), None)
    return _(col.header) if col else field


def shown(sheet: ListSheet, field: str, value: Any) -> str:
    """A stored value as words: labels for codes, dates as written, lists joined, '—' for nothing."""
    if field == "deleted":
        return _("yes") if value else _("no")
    if value in (None, "", []):
        return "—"
    if field in labels.CODES:
        return labels.label(field, value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _CONTROL.sub("�", " ".join(str(value).split()))  # a bell or escape would act on a terminal
    return text if len(text) <= 60 else text[:59] + "…"
