"""Turn a parsed template into a plan (what would change, what conflicts) and apply it in one save.

A plan compares the file with the database before anything is written. A template made at base
revision B is stale when the assessment's head is past B; a field someone changed since B whose
value in the file differs from the database is a conflict (whether the file changed it too or
still holds the old value): nothing is written and each is listed (value at B, theirs and who,
yours). Only entries that differ from the head are sent to
`Store.save_entries` (kind "import"), in one call, so an import is all or nothing and importing
the same file twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskframe.domain import EntryIn
from riskframe.domain.status import EDITABLE
from riskframe.excel.entries import as_entry_in, entry_key
from riskframe.excel.reader import ParsedTemplate
from riskframe.framework.models import Framework
from riskframe.store import Actor, AssessmentOut, ConflictError, FieldConflict, SaveResult, Store, StoreError


@dataclass(frozen=True)
class FieldChange:
    indicator_id: str
    field: str
    database: Any
    file: Any


@dataclass
class ImportPlan:
    parsed: ParsedTemplate
    assessment: AssessmentOut | None  # None: the import creates it
    base_revision: int  # what the save is based on
    entries: dict[str, EntryIn]  # entries that differ from the database
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[FieldConflict] = field(default_factory=list)
    refusal: str | None = None  # e.g. the assessment is validated

    @property
    def warnings(self) -> list[str]:
        return self.parsed.warnings

    @property
    def can_apply(self) -> bool:
        return not self.conflicts and self.refusal is None


class ImportRefused(StoreError):
    """The plan cannot be applied (conflicts or workflow); nothing was written."""


def plan_import(store: Store, actor: Actor, fw: Framework, parsed: ParsedTemplate) -> ImportPlan:
    """What applying `parsed` would do to the database, computed without writing.

    Refuses (PermissionDenied, audited) unless `actor` may write `parsed.country`."""
    store.authorize(actor, "write", parsed.country)
    found = store.find_assessment(actor, parsed.country, parsed.period)
    if found is None:
        plan = ImportPlan(parsed, None, 0, {})
        if parsed.base_revision:
            plan.refusal = (f"the template was made from revision {parsed.base_revision} of an assessment for "
                            f"{parsed.country} {parsed.period}, which this database does not have")
        _changes(plan, {}, parsed.entries)
        return plan
    head = store.get_assessment(actor, found.id)
    base = head.revision if parsed.base_revision is None else parsed.base_revision
    plan = ImportPlan(parsed, found, base, {})
    if found.status not in EDITABLE:
        plan.refusal = (f"the assessment {found.country} {found.period} is {found.status.value}; only a draft or "
                        "returned assessment can take an import (reopen or return it first)")
    if base > head.revision:
        plan.refusal = (f"the template says base revision {base} but the assessment is only at revision "
                        f"{head.revision}; was it made from another database?")
        return plan
    current = {iid: as_entry_in(e) for iid, e in head.entries.items()}
    _changes(plan, current, parsed.entries)
    if base < head.revision:
        _conflicts(store, actor, plan, head, base, current)
    if base == 0:
        plan.base_revision = 1  # the revision that created it, which holds no entries
    return plan


def _changes(plan: ImportPlan, current: dict[str, EntryIn], incoming: dict[str, EntryIn]) -> None:
    for iid, entry in incoming.items():
        old, new = entry_key(current.get(iid)), entry_key(entry)
        if old != new:
            plan.entries[iid] = entry
            plan.changes.extend(FieldChange(iid, name, old[name], new[name]) for name in new if old[name] != new[name])


def _conflicts(store: Store, actor: Actor, plan: ImportPlan, head: Any, base: int,
               current: dict[str, EntryIn]) -> None:
    """Fields changed after `base` (by anyone) whose value in the file differs from the head."""
    theirs = {iid for iid, e in head.entries.items() if e.revision > base and iid in plan.entries}
    if not theirs:
        return
    at_base = store.get_assessment(actor, head.id, as_of_revision=base).entries if base >= 1 else {}
    for iid in [i for i in plan.parsed.rows if i in theirs]:
        b, h, y = entry_key(at_base.get(iid)), entry_key(current[iid]), entry_key(plan.entries[iid])
        for name in y:
            if h[name] != b[name] and y[name] != h[name]:  # they changed it, and the file says otherwise
                plan.conflicts.append(FieldConflict(field=f"entries.{iid}.{name}", base=b[name], theirs=h[name],
                                                    theirs_by=head.entries[iid].changed_by,
                                                    theirs_at=head.entries[iid].changed_at, yours=y[name]))


def apply_import(store: Store, actor: Actor, fw: Framework, plan: ImportPlan, note: str = "Excel import") -> SaveResult:
    """Write the plan as one revision (creating the assessment first if there is none)."""
    if plan.refusal:
        raise ImportRefused(plan.refusal)
    if plan.conflicts:
        raise ImportRefused(f"{len(plan.conflicts)} field(s) were changed by someone else since the template was "
                            "made; nothing was written")
    parsed = plan.parsed
    if not plan.entries:
        rev = plan.assessment.revision if plan.assessment else 0
        return SaveResult(revision=rev, changed_fields=[])
    assessment = plan.assessment
    base = plan.base_revision
    if assessment is None:
        store.ensure_country(actor, parsed.country)
        assessment = store.create_assessment(actor, parsed.country, parsed.period, fw.id, fw.version)
        base = assessment.revision
    try:
        return store.save_entries(actor, assessment.id, base, plan.entries, fw, note=note, kind="import")
    except ConflictError as exc:  # someone saved between the plan and now
        plan.conflicts = list(exc.conflicts)
        raise ImportRefused(str(exc)) from None
