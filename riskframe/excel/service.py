"""The one Excel pipeline the app and the CLI call: authorize, check, read, plan, refuse, apply, audit.

Every door a spreadsheet passes through is here, once: an export or a template is authorized,
built and written to the audit log; an import is authorized, checked for hostile content
(hostile.py), read with every problem located (reader.py), planned as a three-way merge
(importer.py), refused with a sentence when it cannot go in, applied in one transaction and
audited. The callers get typed outcomes (pydantic models) and only render them; nothing here
raises for bad input, a refusal or a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field

from riskframe.accounts import trail
from riskframe.domain import Period, PeriodError, resolve_country
from riskframe.domain.countries import CountryError
from riskframe.excel.export import export_workbook
from riskframe.excel.export_data import Selection, SelectionError
from riskframe.excel.hostile import UnsafeFile
from riskframe.domain.status import status_label
from riskframe.excel.importer import Choice, ImportPlan, ImportRefused, apply_import, plan_import
from riskframe.excel.list_merge import ItemChange, ItemConflict, ItemKept
from riskframe.excel.lists import BY_NAME, field_label, shown
from riskframe.excel.problems import TemplateInvalid, located
from riskframe.excel.reader import read_template
from riskframe.excel.sanitize import CellTooLong
from riskframe.excel.template import template_bytes
from riskframe.framework.models import Framework
from riskframe.i18n import _, ngettext
from riskframe.store import Actor, Store, StoreError
from riskframe.store.errors import PermissionDenied

ImportStatus = Literal["unsafe", "invalid", "denied", "refused", "conflicts", "error", "nothing", "preview",
                       "applied"]
_EXIT = {"unsafe": 2, "invalid": 2, "denied": 2, "refused": 2, "conflicts": 2, "error": 1}


class LocatedProblem(BaseModel):
    """Something wrong in the file, where it is: sheet, row, column letter and the field it holds."""

    sheet: str
    row: int | None = None
    column: str | None = None
    field: str | None = None
    message: str

    def __str__(self) -> str:
        return located(self.sheet, self.row, self.column, self.message)


class FieldChangeOut(BaseModel):
    indicator_id: str
    field: str
    database: Any = None
    file: Any = None  # the value the import writes (the file's, or the one chosen in a conflict)


class KeptOut(BaseModel):
    """A colleague's change since the template was made, which the import keeps."""

    indicator_id: str
    field: str
    base: Any = None
    value: Any = None
    changed_by: str | None = None


class ConflictOut(BaseModel):
    """A field changed both in the file and in the database since the template's base revision.
    For a list item, `indicator_id` is empty and `sheet`, `row`, `item` say where; `label` names the
    field in words either way ("Indicator 1.6, score"; "Measures, row 7, “Train monitors”: Status")."""

    indicator_id: str
    field: str
    base: Any = None
    file: Any = None
    database: Any = None
    changed_by: str | None = None
    choice: Choice | None = None  # None: still to be chosen
    choice_key: str  # give {choice_key: "mine"|"theirs"} back to settle it
    sheet: str | None = None
    row: int | None = None
    item: str | None = None
    label: str = ""
    values: str = ""  # base, file and database values in words


class ItemChangeOut(BaseModel):
    """A list item the import adds, edits or removes, as a line of words (no ids, labels for codes)."""

    collection: str
    sheet: str
    row: int
    action: str  # add | edit | remove
    item: str
    fields: list[str] = Field(default_factory=list)  # the fields changed (edit)
    text: str


class ItemKeptOut(BaseModel):
    """A colleague's addition, edit or removal of a list item since the template was made; kept."""

    collection: str
    sheet: str
    action: str
    item: str
    changed_by: str | None = None
    text: str


class ImportOutcome(BaseModel):
    """What an import did or would do; `status` says which, `message` says it in a sentence."""

    status: ImportStatus
    file_name: str
    message: str = ""
    country: str | None = None
    period: str | None = None
    assessment_id: int | None = None
    creates: bool = False  # the import creates the assessment
    template_base: int | None = None  # the revision the template was made from; None: unknown
    revision: int | None = None  # the database's revision now (after applying: the new one)
    indicators: int = 0  # indicators that change (or changed)
    items: int = 0  # list items (groups, consultations, measures) that change (or changed)
    warnings: list[str] = Field(default_factory=list)
    problems: list[LocatedProblem] = Field(default_factory=list)
    changes: list[FieldChangeOut] = Field(default_factory=list)
    kept: list[KeptOut] = Field(default_factory=list)
    conflicts: list[ConflictOut] = Field(default_factory=list)
    item_changes: list[ItemChangeOut] = Field(default_factory=list)
    item_kept: list[ItemKeptOut] = Field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 done or nothing to do; 2 refused input or an open conflict; 1 another store error."""
        return _EXIT.get(self.status, 0)

    @property
    def open_conflicts(self) -> list[ConflictOut]:
        return [c for c in self.conflicts if c.choice is None]


class FileOutcome(BaseModel):
    """A workbook built for download (export or template), or the sentence saying why not."""

    ok: bool
    message: str = ""
    data: bytes = b""
    notes: list[str] = Field(default_factory=list)


class TemplateTarget(BaseModel):
    """Which assessment a template for `country`/`period` would be based on."""

    ok: bool
    message: str = ""
    country: str = ""
    period: str = ""
    assessment_id: int | None = None
    status: str | None = None
    revision: int = 0  # the base revision a template made now records (0: no assessment yet)


def import_file(store: Store, actor: Actor, fw: Framework, data: bytes, file_name: str, *, channel: str,
                max_mb: int, apply: bool = False, prefer: Choice | None = None,
                choices: Mapping[str, Choice] | None = None, country: str | None = None,
                period: str | None = None) -> ImportOutcome:
    """Check, read and plan `data`; with `apply`, write it as one revision and audit it."""
    out = ImportOutcome(status="preview", file_name=file_name)
    try:
        store.authorize(actor, "write")
        parsed = read_template(data, fw, max_mb=max_mb, country=country, period=period)
    except PermissionDenied as exc:
        return out.model_copy(update={"status": "denied", "message": f"{exc}; nothing was written"})
    except UnsafeFile as exc:
        return out.model_copy(update={"status": "unsafe", "message": _(
            "{file} was refused: {reason}; nothing was written").format(file=file_name, reason=exc)})
    except TemplateInvalid as exc:
        return _invalid(out, file_name, exc.problems)
    out = out.model_copy(update={"country": parsed.country, "period": parsed.period, "warnings": parsed.warnings,
                                 "template_base": parsed.base_revision})
    try:
        plan = plan_import(store, actor, fw, parsed, prefer=prefer, choices=choices)
    except PermissionDenied as exc:  # e.g. a country outside the account's scope
        return out.model_copy(update={"status": "denied", "message": f"{exc}; nothing was written"})
    except StoreError as exc:
        return out.model_copy(update={"status": "error", "message": f"{exc}; nothing was written"})
    out = _with_plan(out, plan)
    if plan.problems:
        return _invalid(out, file_name, plan.problems)
    if plan.refusal:
        return out.model_copy(update={"status": "refused", "message": _nothing_written(plan.refusal)})
    if plan.open_conflicts:
        return _conflicted(out, plan)
    if plan.empty:
        return out.model_copy(update={"status": "nothing", "message": _(
            "nothing to change: the database already holds these values for {country} {period}").format(
            country=parsed.country, period=parsed.period)})
    if not apply:
        return out.model_copy(update={"message": _("{what} would change in {country} {period}; nothing was "
                                                   "written yet").format(what=_counts(plan), country=parsed.country,
                                                                         period=parsed.period)})
    try:
        result = apply_import(store, actor, fw, plan, note=f"Excel import of {file_name}")
    except ImportRefused as exc:
        if plan.open_conflicts:
            return _conflicted(_with_plan(out, plan), plan)
        return out.model_copy(update={"status": "refused", "message": _nothing_written(str(exc))})
    except PermissionDenied as exc:
        return out.model_copy(update={"status": "denied", "message": _nothing_written(str(exc))})
    except StoreError as exc:
        return out.model_copy(update={"status": "error", "message": _nothing_written(str(exc))})
    trail.imported(store, actor, plan, result.revision, file_name, channel)
    found = store.find_assessment(actor, parsed.country, parsed.period)
    return out.model_copy(update={
        "status": "applied", "revision": result.revision, "assessment_id": found.id if found else None,
        "message": _("imported {what} into {country} {period}: revision {revision}").format(
            what=_counts(plan), country=parsed.country, period=parsed.period, revision=result.revision)})


def _nothing_written(reason: str) -> str:
    return _("{reason}; nothing was written").format(reason=reason)


def _counts(plan: ImportPlan) -> str:
    """“2 indicator(s)”, “2 indicator(s) and 3 list item(s)”, “3 list item(s)”."""
    indicators = ngettext("{n} indicator", "{n} indicators", len(plan.entries)).format(n=len(plan.entries))
    items = ngettext("{n} list item", "{n} list items", plan.item_count).format(n=plan.item_count)
    if plan.entries and plan.item_count:
        return _("{indicators} and {items}").format(indicators=indicators, items=items)
    return items if plan.item_count else indicators


def _invalid(out: ImportOutcome, file_name: str, problems: list) -> ImportOutcome:
    n = len(problems)
    return out.model_copy(update={
        "status": "invalid", "problems": [LocatedProblem(**p.__dict__) for p in problems],
        "message": ngettext("{file} cannot be imported ({n} problem); nothing was written",
                            "{file} cannot be imported ({n} problems); nothing was written", n).format(
            file=file_name, n=n)})


def _with_plan(out: ImportOutcome, plan: ImportPlan) -> ImportOutcome:
    a = plan.assessment
    return out.model_copy(update={
        "assessment_id": a.id if a else None, "creates": a is None, "revision": a.revision if a else None,
        "indicators": len(plan.entries), "items": plan.item_count, "warnings": plan.warnings,
        "changes": [FieldChangeOut(**c.__dict__) for c in plan.changes],
        "kept": [KeptOut(**k.__dict__) for k in plan.kept],
        "conflicts": [ConflictOut(indicator_id=c.indicator_id, field=c.field, base=c.base, file=c.file,
                                  database=c.database, changed_by=c.changed_by, choice=c.choice,
                                  choice_key=c.choice_key,
                                  label=_("indicator {id}, {field}").format(id=c.indicator_id, field=c.field))
                      for c in plan.conflicts] + [_item_conflict(c) for c in plan.item_conflicts],
        "item_changes": [_item_change(c) for p in plan.lists.values() for c in p.changes],
        "item_kept": [_item_kept(k) for p in plan.lists.values() for k in p.kept]})


def _item_change(c: ItemChange) -> ItemChangeOut:
    sheet = BY_NAME[c.collection]
    where = _("{sheet}, row {row}").format(sheet=c.sheet, row=c.row)
    if c.action == "add":
        text = _("{where}: adds {item}").format(where=where, item=c.label)
    elif c.action == "remove":
        text = _("{where}: removes {item}").format(where=where, item=c.label)
    else:
        changes = "; ".join(_("{field}: {old} → {new}").format(field=field_label(sheet, f), old=shown(sheet, f, old),
                                                             new=shown(sheet, f, new)) for f, old, new in c.fields)
        text = _("{where}, {item}: {changes}").format(where=where, item=c.label, changes=changes)
    return ItemChangeOut(collection=c.collection, sheet=c.sheet, row=c.row, action=c.action, item=c.label,
                         fields=[f for f, _old, _new in c.fields], text=text)


def _item_kept(k: ItemKept) -> ItemKeptOut:
    sheet = BY_NAME[k.collection]
    who = k.changed_by or _("someone")
    if k.action == "add":
        text = _("{sheet}: {item} was added by {who}; it stays").format(sheet=k.sheet, item=k.label, who=who)
    elif k.action == "remove":
        text = _("{sheet}: {item} was removed by {who}; it stays removed").format(sheet=k.sheet, item=k.label,
                                                                                   who=who)
    else:
        changes = "; ".join(_("{field} is now {value}").format(field=field_label(sheet, f), value=shown(sheet, f, v))
                            for f, _base, v in k.fields)
        text = _("{sheet}, {item}: {changes} (changed by {who}); kept").format(sheet=k.sheet, item=k.label,
                                                                              changes=changes, who=who)
    return ItemKeptOut(collection=k.collection, sheet=k.sheet, action=k.action, item=k.label,
                       changed_by=k.changed_by, text=text)


def _item_conflict(c: ItemConflict) -> ConflictOut:
    sheet = BY_NAME[c.collection]
    label = _("{sheet}, row {row}, {item}: {field}").format(sheet=c.sheet, row=c.row, item=c.label,
                                                           field=field_label(sheet, c.field))
    values = _("template {base}, your file {file}, database now {database}").format(
        base=shown(sheet, c.field, c.base), file=shown(sheet, c.field, c.file),
        database=shown(sheet, c.field, c.database))
    return ConflictOut(indicator_id="", field=c.field, base=c.base, file=c.file, database=c.database,
                       changed_by=c.changed_by, choice=c.choice, choice_key=c.choice_key, sheet=c.sheet, row=c.row,
                       item=c.label, label=label, values=values)


def _conflicted(out: ImportOutcome, plan: ImportPlan) -> ImportOutcome:
    n = len(plan.open_conflicts)
    return out.model_copy(update={"status": "conflicts", "message": ngettext(
        "{n} field was changed both in the file and by someone else since the template was made; nothing was "
        "written. Choose whether your value or theirs stays",
        "{n} fields were changed both in the file and by someone else since the template was made; nothing was "
        "written. Choose, for each, whether your value or theirs stays", n).format(n=n)})


def template_target(store: Store, actor: Actor, country: str, period: str) -> TemplateTarget:
    """Resolve and authorize the country and period of a template; find the assessment it is based on."""
    try:
        code, label = resolve_country(country).code, Period.parse(period).label
        store.authorize(actor, "read", code)
        found = store.find_assessment(actor, code, label)
    except (CountryError, PeriodError, StoreError) as exc:
        return TemplateTarget(ok=False, message=str(exc))
    if found is None:
        return TemplateTarget(ok=True, country=code, period=label)
    return TemplateTarget(ok=True, country=code, period=label, assessment_id=found.id, status=found.status.value,
                          revision=found.revision)


def template_file(store: Store, actor: Actor, fw: Framework, country: str, period: str, *, prefill: bool,
                  lang: str | None = None, file_name: str, channel: str) -> FileOutcome:
    """A template for `country`/`period` (prefilled with the database's values if asked) in `lang` (default:
    the current language), audited."""
    target = template_target(store, actor, country, period)
    if not target.ok:
        return FileOutcome(ok=False, message=target.message)
    try:
        view = store.get_assessment(actor, target.assessment_id) if target.assessment_id else None
        data = template_bytes(fw, target.country, target.period, view, prefill=prefill, lang=lang)
        trail.template_made(store, actor, target.country, target.period, target.assessment_id, prefill,
                            file_name, channel)
    except CellTooLong as exc:  # refused at template time, never cut silently
        return FileOutcome(ok=False, message=_("the template cannot hold a value exactly: {reason}").format(
            reason=exc))
    except StoreError as exc:
        return FileOutcome(ok=False, message=str(exc))
    notes = []
    if view is None:
        notes.append(_("there is no assessment for {country} {period} yet; the import will create it").format(
            country=target.country, period=target.period))
    elif target.status not in ("draft", "returned"):
        notes.append(_("the assessment is {status}; it must be reopened or returned before an import").format(
            status=status_label(target.status or "")))
    base = view.revision if view else 0
    message = _("{n} indicators, base revision {base}").format(n=len(fw.indicators), base=base)
    if prefill and view:
        message = _("{n} indicators, base revision {base}, prefilled").format(n=len(fw.indicators), base=base)
    return FileOutcome(ok=True, data=data, notes=notes, message=message)


def export_file(store: Store, actor: Actor, fw: Framework, selection: Selection, *, lang: str, file_name: str,
                channel: str) -> FileOutcome:
    """An export workbook of `selection`, authorized country by country and audited."""
    try:
        store.authorize(actor, "read")
        for code in ([selection.country] if selection.country else []) + list(selection.countries):
            store.authorize(actor, "read", resolve_country(code).code)
        data = export_workbook(store, actor, fw, selection, lang=lang)
        trail.exported(store, actor, selection, file_name, channel)
    except (SelectionError, CountryError, PeriodError, StoreError) as exc:
        return FileOutcome(ok=False, message=str(exc))
    return FileOutcome(ok=True, data=data, message=f"{len(data) / 1024:.0f} KB")
