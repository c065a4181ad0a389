"""Read a list sheet of a filled template (vulnerable groups, consultations, measures) into items,
every problem located by sheet, row, column and field, with what to do.

A row with no id and nothing typed is skipped; a row with no id is a new item; "Remove?" = Yes
deletes the item of that row; any other row is the item as the file has it. Nothing here touches
the database: whether an id exists is the importer's question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from riskframe.excel import labels
from riskframe.excel.lists import DATE_FIELDS, ListSheet
from riskframe.excel.sanitize import cell_text as _text
from riskframe.excel.sanitize import decode_exact
from riskframe.framework.models import Framework
from riskframe.i18n import _
from riskframe.store.fields import Flat
from riskframe.store.schemas import ITEM_KEY_PATTERN

Report = Callable[[int | None, str | None, str | None, str], None]  # row, column key, field, sentence
_KEY = re.compile(ITEM_KEY_PATTERN)
_SPLIT = re.compile(r"[,;\s]+")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


@dataclass
class ItemRow:
    """One row of a list sheet: its Excel row, the item's id (None: new), removal, its fields (flat)."""

    row: int
    key: str | None
    remove: bool
    values: Flat  # every template field of the item, as the store's flat dicts hold them


@dataclass
class ParsedList:
    sheet: ListSheet
    sheet_name: str  # as the file calls it
    items: list[ItemRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # column key -> Excel letter


def read_rows(sheet: ListSheet, rows: list, header_row: int, columns: dict[str, int], fw: Framework,
              report: Report) -> list[ItemRow]:
    """Every item row below `header_row`; problems go to `report` (nothing returned for a bad row)."""
    out: list[ItemRow] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows, start=1):
        n = header_row + offset
        values: dict[str, Any] = {}
        bad = False
        for name, i in columns.items():
            cell = row[i] if i < len(row) else None
            if cell is not None and cell.data_type == "f":
                report(n, name, name, _("a formula ({formula}) is not accepted; type the value itself").format(
                    formula=str(cell.value)[:60]))
                bad = True
                continue
            values[name] = None if cell is None else cell.value
        raw_key = values.get("key")
        key = None if raw_key in (None, "") else str(raw_key).strip()
        typed = [k for k in sheet.template_fields() if values.get(k) not in (None, "")]
        remove_text = values.get("remove")
        remove = False
        if remove_text not in (None, ""):
            code = labels.code_of("remove", remove_text)
            if code is None:
                report(n, "remove", "remove", _("“Remove?” must be {choices} or empty; found {value}").format(
                    choices=labels.choices_text("remove"), value=_quote(remove_text)))
                bad = True
            remove = code == "yes"
        if key is None and not typed:
            continue  # an empty row (or one only marked for removal: nothing to remove)
        if key is not None:
            if not _KEY.match(key):
                report(n, "key", "key", _("the row id {value} is not one riskframe wrote; put back the id the "
                                          "template had, or empty the cell for a new item").format(value=_quote(key)))
                continue
            if key in seen:
                report(n, "key", "key", _("this row id also appears on row {other}: each item has one row; "
                                          "empty the id of a copied row to add it as a new item").format(
                    other=seen[key]))
                continue
            seen[key] = n
        if bad:
            continue
        if remove:
            if key is not None:
                out.append(ItemRow(n, key, True, {}))
            continue
        flat = _item(sheet, n, values, fw, report)
        if flat is not None:
            out.append(ItemRow(n, key, False, flat))
    return out


def _item(sheet: ListSheet, n: int, values: dict[str, Any], fw: Framework, report: Report) -> Flat | None:
    problems = 0
    data: dict[str, Any] = {}
    for col in sheet.fields:
        value = values.get(col.key)
        if col.key in labels.CODES:
            if value in (None, ""):
                continue  # the model's default
            code = labels.code_of(col.key, value)
            if code is None:
                report(n, col.key, col.key, _("{column} must be one of {choices}; found {value}").format(
                    column=_(col.header), choices=labels.choices_text(col.key), value=_quote(value)))
                problems += 1
            data[col.key] = code
        elif col.key in DATE_FIELDS:
            day, ok = _date(value)
            if not ok:
                report(n, col.key, col.key, _("{column} must be a date written YYYY-MM-DD (e.g. 2026-07-31); "
                                              "found {value}").format(column=_(col.header), value=_quote(value)))
                problems += 1
            data[col.key] = day
        elif col.key == "option_id":
            text = _text(value).strip()
            if text and text not in {o.id for o in fw.options}:
                report(n, col.key, col.key, _("{value} is not a prevention option of the catalogue; write an id "
                                              "that `riskframe measures catalogue` lists, or leave it empty").format(
                    value=_quote(text)))
                problems += 1
            data[col.key] = text or None
        elif col.key == "due_period":
            text = _text(value).strip().upper()
            if text and not _QUARTER.match(text):
                report(n, col.key, col.key, _("{column} must be a quarter written YYYY-Qn (e.g. 2027-Q2); found "
                                              "{value}").format(column=_(col.header), value=_quote(value)))
                problems += 1
            data[col.key] = text or None
        elif col.key == "linked_ids":
            ids = [i for i in _SPLIT.split(_text(value)) if i]
            known = set(fw.factor_by_id) | set(fw.indicators)
            unknown = [i for i in ids if i not in known]
            if unknown:
                report(n, col.key, col.key, _("{ids}: not a factor or indicator id of the framework; write ids "
                                              "such as 1 or 1.2, separated by commas").format(ids=", ".join(unknown)))
                problems += 1
            data[col.key] = list(dict.fromkeys(ids))
        else:
            data[col.key] = decode_exact(_text(value))
    if not str(data.get(sheet.required) or "").strip():
        report(n, sheet.required, sheet.required, _(sheet.required_message))
        problems += 1
    if data.get("status") == "dropped" and not str(data.get("status_reason") or "").strip():
        report(n, "status_reason", "status_reason", _("a dropped measure needs the reason it was dropped: type it "
                                                      "in this column, or choose another status"))
        problems += 1
    if problems:
        return None
    try:
        model = sheet.coll.input_model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            name = str(err["loc"][0]) if err["loc"] else sheet.required
            report(n, name, name, _sentence(sheet, name, err))
        return None
    return sheet.coll.from_input(model)


def _sentence(sheet: ListSheet, name: str, err: Any) -> str:
    col = next((c for c in sheet.fields if c.key == name), None)
    return invalid_sentence(_(col.header) if col else name, err)


def invalid_sentence(column: str, err: Any) -> str:
    """A pydantic error on a cell as a sentence naming the column (and the limit, for a long text)."""
    if err.get("type") == "string_too_long":
        given = err.get("input")
        return _("{column} is {length} characters long; at most {limit} fit: shorten it").format(
            column=column, length=len(given) if isinstance(given, str) else "?",
            limit=(err.get("ctx") or {}).get("max_length", "?"))
    return _("{column} is not valid here; type it again as the template asks").format(column=column)


def _date(value: Any) -> tuple[dt.date | None, bool]:
    if value in (None, ""):
        return None, True
    if isinstance(value, dt.datetime):
        return value.date(), True
    if isinstance(value, dt.date):
        return value, True
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]), True
    except ValueError:
        return None, False


def _quote(value: Any) -> str:
    text = " ".join(str(value).split())
    return f"“{text}”" if len(text) <= 40 else f"“{text[:39]}…”"
