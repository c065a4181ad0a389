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
from riskframe.excel.importer import Choice, ImportPlan, ImportRefused, apply_import, plan_import
from riskframe.excel.problems import TemplateInvalid
from riskframe.excel.reader import read_template
from riskframe.excel.sanitize import CellTooLong
from riskframe.excel.template import template_bytes
from riskframe.framework.models import Framework
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
        where = [f"sheet '{self.sheet}'"] + ([f"row {self.row}"] if self.row is not None else []) \
            + ([f"column {self.column}"] if self.column else [])
        return f"[{', '.join(where)}] {self.message}"


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
    """A field changed both in the file and in the database since the template's base revision."""

    indicator_id: str
    field: str
    base: Any = None
    file: Any = None
    database: Any = None
    changed_by: str | None = None
    choice: Choice | None = None  # None: still to be chosen
    choice_key: str  # give {choice_key: "mine"|"theirs"} back to settle it


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
    warnings: list[str] = Field(default_factory=list)
    problems: list[LocatedProblem] = Field(default_factory=list)
    changes: list[FieldChangeOut] = Field(default_factory=list)
    kept: list[KeptOut] = Field(default_factory=list)
    conflicts: list[ConflictOut] = Field(default_factory=list)

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
        return out.model_copy(update={"status": "unsafe", "message": f"{file_name} was refused: {exc}; nothing "
                                                                     "was written"})
    except TemplateInvalid as exc:
        return out.model_copy(update={
            "status": "invalid", "problems": [LocatedProblem(**p.__dict__) for p in exc.problems],
            "message": f"{file_name} cannot be imported ({len(exc.problems)} problem(s)); nothing was written"})
    out = out.model_copy(update={"country": parsed.country, "period": parsed.period, "warnings": parsed.warnings,
                                 "template_base": parsed.base_revision})
    try:
        plan = plan_import(store, actor, fw, parsed, prefer=prefer, choices=choices)
    except PermissionDenied as exc:  # e.g. a country outside the account's scope
        return out.model_copy(update={"status": "denied", "message": f"{exc}; nothing was written"})
    except StoreError as exc:
        return out.model_copy(update={"status": "error", "message": f"{exc}; nothing was written"})
    out = _with_plan(out, plan)
    if plan.refusal:
        return out.model_copy(update={"status": "refused", "message": f"{plan.refusal}; nothing was written"})
    if plan.open_conflicts:
        return _conflicted(out, plan)
    if not plan.entries:
        return out.model_copy(update={"status": "nothing", "message": "nothing to change: the database already "
                                      f"holds these values for {parsed.country} {parsed.period}"})
    if not apply:
        return out.model_copy(update={"message": f"{len(plan.entries)} indicator(s) would change in "
                                                 f"{parsed.country} {parsed.period}; nothing was written yet"})
    try:
        result = apply_import(store, actor, fw, plan, note=f"Excel import of {file_name}")
    except ImportRefused as exc:
        if plan.open_conflicts:
            return _conflicted(_with_plan(out, plan), plan)
        return out.model_copy(update={"status": "refused", "message": f"{exc}; nothing was written"})
    except PermissionDenied as exc:
        return out.model_copy(update={"status": "denied", "message": f"{exc}; nothing was written"})
    except StoreError as exc:
        return out.model_copy(update={"status": "error", "message": f"{exc}; nothing was written"})
    trail.imported(store, actor, plan, result.revision, file_name, channel)
    found = store.find_assessment(actor, parsed.country, parsed.period)
    return out.model_copy(update={
        "status": "applied", "revision": result.revision, "assessment_id": found.id if found else None,
        "message": f"imported {len(plan.entries)} indicator(s) into {parsed.country} {parsed.period}: "
                   f"revision {result.revision}"})


def _with_plan(out: ImportOutcome, plan: ImportPlan) -> ImportOutcome:
    a = plan.assessment
    return out.model_copy(update={
        "assessment_id": a.id if a else None, "creates": a is None, "revision": a.revision if a else None,
        "indicators": len(plan.entries),
        "changes": [FieldChangeOut(**c.__dict__) for c in plan.changes],
        "kept": [KeptOut(**k.__dict__) for k in plan.kept],
        "conflicts": [ConflictOut(indicator_id=c.indicator_id, field=c.field, base=c.base, file=c.file,
                                  database=c.database, changed_by=c.changed_by, choice=c.choice,
                                  choice_key=c.choice_key) for c in plan.conflicts]})


def _conflicted(out: ImportOutcome, plan: ImportPlan) -> ImportOutcome:
    n = len(plan.open_conflicts)
    return out.model_copy(update={"status": "conflicts", "message": (
        f"{n} field(s) were changed both in the file and by someone else since the template was made; "
        "nothing was written. Choose, for each, whether your value or theirs stays")})


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
                  lang: str, file_name: str, channel: str) -> FileOutcome:
    """A template for `country`/`period` (prefilled with the database's values if asked), audited."""
    target = template_target(store, actor, country, period)
    if not target.ok:
        return FileOutcome(ok=False, message=target.message)
    try:
        view = store.get_assessment(actor, target.assessment_id) if target.assessment_id else None
        data = template_bytes(fw, target.country, target.period, view, prefill=prefill, lang=lang)
        trail.template_made(store, actor, target.country, target.period, target.assessment_id, prefill,
                            file_name, channel)
    except CellTooLong as exc:  # refused at template time, never cut silently
        return FileOutcome(ok=False, message=f"the template cannot hold a value exactly: {exc}")
    except StoreError as exc:
        return FileOutcome(ok=False, message=str(exc))
    notes = []
    if view is None:
        notes.append(f"there is no assessment for {target.country} {target.period} yet; the import will create it")
    elif target.status not in ("draft", "returned"):
        notes.append(f"the assessment is {target.status}; it must be reopened or returned before an import")
    base = view.revision if view else 0
    return FileOutcome(ok=True, data=data, notes=notes, message=(
        f"{len(fw.indicators)} indicators, base revision {base}" + (", prefilled" if prefill and view else "")))


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
