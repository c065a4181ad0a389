"""Plan a list sheet's import as a three-way merge per field of each item (base = the template's
revision, mine = the file, theirs = the database now), as the indicators are merged (importer.py).

A row with an id edits that item: only fields the file changed apply; fields only colleagues changed
keep their value; a field both changed to different values is a conflict (an edit against a removal
too), settled per item by `prefer` or a choice, else the import stops. A row without an id adds an
item (unless the database already holds one exactly like it that the template did not: the same
file imported twice adds it once). "Remove?" = Yes deletes. An item the template had but the file
lost stays as it is (said in a warning). Colleagues' additions, edits and removals are kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from riskframe.excel.list_reader import ParsedList
from riskframe.excel.lists import ListSheet, item_label, not_in_template
from riskframe.excel.problems import Problem
from riskframe.i18n import _
from riskframe.store.fields import Flat
from riskframe.store.revisions import merge

Choice = Literal["mine", "theirs"]
Action = Literal["add", "edit", "remove"]


@dataclass(frozen=True)
class ItemChange:
    """An item the import adds, edits or removes; `fields`: (field, database, file) for an edit."""

    collection: str
    sheet: str
    row: int
    action: Action
    label: str
    fields: tuple[tuple[str, Any, Any], ...] = ()


@dataclass(frozen=True)
class ItemKept:
    """A colleague's addition, edit or removal since the template was made, which the import keeps."""

    collection: str
    sheet: str
    action: Action
    label: str
    fields: tuple[tuple[str, Any, Any], ...]  # (field, base, value)
    changed_by: str | None


@dataclass(frozen=True)
class ItemConflict:
    """A field of an item both the file and a colleague changed since the template's base."""

    collection: str
    sheet: str
    row: int
    key: str
    label: str
    field: str
    base: Any
    file: Any
    database: Any
    changed_by: str | None
    changed_at: dt.datetime | None
    choice: Choice | None = None

    @property
    def choice_key(self) -> str:
        """One choice per item: its fields (and its removal) go together."""
        return f"{self.collection}:{self.key}"


@dataclass
class ListPlan:
    sheet: ListSheet
    items: list[BaseModel] = field(default_factory=list)  # input models for Store.save_import
    changes: list[ItemChange] = field(default_factory=list)
    kept: list[ItemKept] = field(default_factory=list)
    conflicts: list[ItemConflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plan_list(parsed: ParsedList, base_outs: list[BaseModel], head_outs: list[BaseModel],
              prefer: Choice | None, choices: Mapping[str, Choice]) -> ListPlan:
    """Merge the file's rows of one list sheet onto the database's items (see the module docstring)."""
    sheet, coll = parsed.sheet, parsed.sheet.coll
    plan = ListPlan(sheet)
    base = {o.key: coll.from_input(o) for o in base_outs}  # type: ignore[attr-defined]
    head = {o.key: coll.from_input(o) for o in head_outs}  # type: ignore[attr-defined]
    who = {o.key: (o.changed_by, o.changed_at) for o in head_outs}  # type: ignore[attr-defined]
    for key, flat in base.items():  # the head lists only live items: one missing there was removed since
        head.setdefault(key, {**flat, "deleted": True})
    in_file = {i.key for i in parsed.items if i.key}
    touched: set[str] = set()
    newcomers = {k: h for k, h in head.items() if k not in base and k not in in_file}
    for item in sorted(parsed.items, key=lambda i: i.row):
        if item.key is None:
            same = _add(plan, parsed, item.values, item.row, newcomers)
            if same is not None:
                touched.add(same)  # the file's own row, added before: not a colleague's change
            continue
        if item.key not in base and item.key not in head:
            plan.problems.append(Problem(parsed.sheet_name, item.row, parsed.columns.get("key"), _(
                "this row id is not an item of this assessment (was the row copied from another template?); "
                "empty the id cell to add the row as a new item"), "key"))
            continue
        key = item.key
        b, h = dict(base.get(key, coll.empty)), head.get(key, coll.empty)
        if item.remove:
            y = {**(b if key in base else h), "deleted": True}
        else:
            y = {**item.values, "deleted": False}
            for name in not_in_template(sheet):  # a field the sheet cannot hold is not "emptied" by it
                y[name] = b[name] if key in base else h[name]
        result = merge(coll, {key: b}, {key: h}, {key: y})
        if result.conflicts:
            by, at = who.get(key, (None, None))
            label = item_label(sheet, h if key in head else b)
            found = [ItemConflict(coll.name, parsed.sheet_name, item.row, key, label, name, bv, yv, hv, by, at)
                     for _, name, bv, hv, yv in result.conflicts]
            found = [dataclasses.replace(c, choice=choices.get(c.choice_key, prefer)) for c in found]
            plan.conflicts.extend(found)
            touched.add(key)
            if any(c.choice is None for c in found):
                continue
            for c in found:  # mine: the colleague's change counts as seen; theirs: the file gives way
                if c.choice == "mine":
                    b[c.field] = h[c.field]
                else:
                    y[c.field] = h[c.field]
            result = merge(coll, {key: b}, {key: h}, {key: y})
        if key in result.rows:
            touched.add(key)
            _changed(plan, parsed, item.row, key, h, result.rows[key])
        elif all(y[f] == h[f] for f in coll.merge_fields if b[f] != h[f]):
            touched.add(key)  # the database already says what the file says: nothing kept from anyone
    _kept(plan, parsed, base, head, who, touched)
    for key, flat in base.items():
        if key not in in_file and not flat["deleted"]:
            plan.warnings.append(_("{sheet}: {item} is not in the file and stays as it is (to delete an item, "
                                   "choose Yes in “Remove?”)").format(sheet=parsed.sheet_name,
                                                                     item=item_label(sheet, flat)))
    return plan


def _model(sheet: ListSheet, key: str | None, flat: Flat) -> BaseModel:
    data = {name: flat[name] for name in sheet.coll.fields}
    return sheet.coll.input_model.model_validate({**data, "key": key, "deleted": bool(flat["deleted"])})


def _add(plan: ListPlan, parsed: ParsedList, values: Flat, row: int, newcomers: dict[str, Flat]) -> str | None:
    """Plan a new item; if the database already holds the same one (not in the template), return its key."""
    sheet = parsed.sheet
    mine = {name: values[name] for name in sheet.template_fields()}
    same = next((k for k, h in newcomers.items()
                 if not h["deleted"] and {n: h[n] for n in sheet.template_fields()} == mine), None)
    if same is not None:  # the same new row, imported before (or typed in the app identically)
        newcomers.pop(same)
        plan.warnings.append(_("{sheet}, row {row}: {item} is already in the database; it was not added "
                               "again").format(sheet=parsed.sheet_name, row=row, item=item_label(sheet, values)))
        return same
    plan.items.append(_model(sheet, None, {**values, "deleted": False}))
    plan.changes.append(ItemChange(sheet.name, parsed.sheet_name, row, "add", item_label(sheet, values)))
    return None


def _changed(plan: ListPlan, parsed: ParsedList, row: int, key: str, h: Flat, new: Flat) -> None:
    sheet = parsed.sheet
    plan.items.append(_model(sheet, key, new))
    if new["deleted"] and not h["deleted"]:
        plan.changes.append(ItemChange(sheet.name, parsed.sheet_name, row, "remove", item_label(sheet, h)))
    elif h["deleted"]:
        plan.changes.append(ItemChange(sheet.name, parsed.sheet_name, row, "add", item_label(sheet, new)))
    else:
        fields = tuple((n, h[n], new[n]) for n in sheet.coll.fields if h[n] != new[n])
        plan.changes.append(ItemChange(sheet.name, parsed.sheet_name, row, "edit", item_label(sheet, new), fields))


def _kept(plan: ListPlan, parsed: ParsedList, base: dict[str, Flat], head: dict[str, Flat],
          who: dict[str, tuple[str, dt.datetime]], touched: set[str]) -> None:
    coll = parsed.sheet.coll
    for key in [*head, *(k for k in base if k not in head)]:
        if key in touched:
            continue
        b, h = base.get(key, coll.empty), head.get(key, coll.empty)
        if b == h:
            continue
        by = who.get(key, (None, None))[0]
        if h["deleted"] and not b["deleted"]:
            plan.kept.append(ItemKept(coll.name, parsed.sheet_name, "remove", item_label(parsed.sheet, b), (), by))
        elif b["deleted"] and not h["deleted"]:
            plan.kept.append(ItemKept(coll.name, parsed.sheet_name, "add", item_label(parsed.sheet, h), (), by))
        else:
            fields = tuple((n, b[n], h[n]) for n in coll.fields if b[n] != h[n])
            plan.kept.append(ItemKept(coll.name, parsed.sheet_name, "edit", item_label(parsed.sheet, h), fields, by))
