"""Plan an import as a three-way merge (base = the template's revision, mine = the file, theirs = now) and apply it.

Per field, relative to the revision the template was made from: a field only the file changed is
applied; a field only colleagues changed keeps their value (listed as "kept" so the preview can say
so); a field both changed to different values is a conflict, settled by `prefer` ("mine"/"theirs")
or a per-field choice, else the plan cannot be applied. The merge itself is the store's
(`riskframe.store.revisions.merge`), so the import and every save agree on what a conflict is.
The list sheets (vulnerable groups, consultations, measures) are merged item by item the same way
(list_merge.py). The merged entries and items are saved from the head revision the plan was made
against, in one `Store.save_import` call (one transaction, one revision of kind "import"): all or
nothing, and a second import of the same file writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from riskframe.domain import EntryIn
from riskframe.domain.status import EDITABLE
from riskframe.excel import layout
from riskframe.excel.entries import as_entry_in
from riskframe.domain.status import status_label
from riskframe.excel.list_merge import ItemConflict, ListPlan, plan_list
from riskframe.excel.problems import Problem
from riskframe.excel.reader import ParsedTemplate
from riskframe.framework.models import Framework
from riskframe.i18n import _, ngettext
from riskframe.store import Actor, AssessmentOut, ConflictError, SaveResult, Store, StoreError
from riskframe.store.fields import ENTRIES, Flat
from riskframe.store.revisions import merge

Choice = Literal["mine", "theirs"]


@dataclass(frozen=True)
class FieldChange:
    """A field the import writes: the database's value now, and the value written (`file`)."""

    indicator_id: str
    field: str
    database: Any
    file: Any


@dataclass(frozen=True)
class KeptChange:
    """A field a colleague changed after the template was made; the import keeps their value."""

    indicator_id: str
    field: str
    base: Any
    value: Any
    changed_by: str | None


@dataclass(frozen=True)
class Conflict:
    """A field both the file and a colleague changed since the template's base, to different values."""

    indicator_id: str
    field: str
    base: Any
    file: Any
    database: Any
    changed_by: str | None
    changed_at: dt.datetime | None
    choice: Choice | None = None  # how it was settled; None: not settled, the plan cannot be applied

    @property
    def path(self) -> str:
        return ENTRIES.path(self.indicator_id, self.field)

    @property
    def choice_key(self) -> str:
        """Score and missing reason go together (one excludes the other), so they are chosen together."""
        return f"{self.indicator_id}:{'+'.join(_group(self.field))}"


@dataclass
class ImportPlan:
    parsed: ParsedTemplate
    assessment: AssessmentOut | None  # None: the import creates it
    base_revision: int  # the revision the save is made from (the head the plan was computed against)
    entries: dict[str, EntryIn]  # merged entries that differ from the database
    changes: list[FieldChange] = field(default_factory=list)
    kept: list[KeptChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # every conflict, settled or not
    refusal: str | None = None  # e.g. the assessment is validated
    template_base: int | None = None  # the revision the template was made from (None: unknown)
    lists: dict[str, ListPlan] = field(default_factory=dict)  # collection name -> its sheet's plan

    @property
    def warnings(self) -> list[str]:
        return self.parsed.warnings + [w for p in self.lists.values() for w in p.warnings]

    @property
    def problems(self) -> list[Problem]:
        """Rows the database contradicts (an id that is not an item of this assessment)."""
        return [p for plan in self.lists.values() for p in plan.problems]

    @property
    def item_conflicts(self) -> list[ItemConflict]:
        return [c for p in self.lists.values() for c in p.conflicts]

    @property
    def open_conflicts(self) -> list[Conflict | ItemConflict]:
        both: list[Conflict | ItemConflict] = [*self.conflicts, *self.item_conflicts]
        return [c for c in both if c.choice is None]

    @property
    def items(self) -> dict[str, list[Any]]:
        """Collection name -> the items to save (only collections with something to save)."""
        return {name: p.items for name, p in self.lists.items() if p.items}

    @property
    def item_count(self) -> int:
        return sum(len(p.items) for p in self.lists.values())

    @property
    def empty(self) -> bool:
        return not self.entries and not self.item_count

    @property
    def can_apply(self) -> bool:
        return not self.open_conflicts and self.refusal is None and not self.problems


class ImportRefused(StoreError):
    """The plan cannot be applied (open conflicts or workflow); nothing was written."""


def plan_import(store: Store, actor: Actor, fw: Framework, parsed: ParsedTemplate, *,
                prefer: Choice | None = None, choices: Mapping[str, Choice] | None = None) -> ImportPlan:
    """What applying `parsed` would do to the database, computed without writing.

    Refuses (PermissionDenied, audited) unless `actor` may write `parsed.country`. `choices` maps a
    conflict's `choice_key` to "mine" or "theirs"; `prefer` settles every conflict not in it.
    """
    store.authorize(actor, "write", parsed.country)
    found = store.find_assessment(actor, parsed.country, parsed.period)
    if found is None:
        plan = ImportPlan(parsed, None, 0, {}, template_base=parsed.base_revision)
        if parsed.base_revision:
            plan.refusal = _("the template was made from revision {revision} of an assessment for {country} "
                             "{period}, which this database does not have").format(
                revision=parsed.base_revision, country=parsed.country, period=parsed.period)
        _merge(plan, {}, {}, {}, prefer, choices or {})
        _merge_lists(plan, None, None, prefer, choices or {})
        return plan
    head = store.get_assessment(actor, found.id)
    base = head.revision if parsed.base_revision is None else parsed.base_revision
    plan = ImportPlan(parsed, found, head.revision, {}, template_base=parsed.base_revision)
    if found.status not in EDITABLE:
        plan.refusal = _("the assessment {country} {period} is {status}; only a draft or returned assessment can "
                         "take an import (reopen or return it first)").format(
            country=found.country, period=found.period, status=status_label(found.status.value))
    if base > head.revision:
        plan.refusal = _("the template says base revision {base} but the assessment is only at revision {head}; "
                         "was it made from another database?").format(base=base, head=head.revision)
        return plan
    if base == head.revision:
        at_base: Any = head
    else:
        at_base = store.get_assessment(actor, head.id, as_of_revision=base) if base >= 1 else None
    _merge(plan, _flats(at_base.entries if at_base else {}), _flats(head.entries), dict(head.entries),
           prefer, choices or {})
    _merge_lists(plan, at_base, head, prefer, choices or {})
    return plan


def _merge_lists(plan: ImportPlan, base: Any, head: Any, prefer: Choice | None,
                 choices: Mapping[str, Choice]) -> None:
    for name, parsed in plan.parsed.lists.items():
        plan.lists[name] = plan_list(parsed, list(getattr(base, name, []) or []), list(getattr(head, name, []) or []),
                                     prefer, choices)


# Entry fields the template has no column for (e.g. the direction of change): the file leaves them alone.
NOT_IN_TEMPLATE = tuple(name for name in ENTRIES.fields if name not in layout.INPUT_KEYS)


def _flats(entries: Mapping[str, Any]) -> dict[str, Flat]:
    return {iid: ENTRIES.from_input(as_entry_in(e)) for iid, e in entries.items()}


def _group(name: str) -> tuple[str, ...]:
    return next((tuple(sorted(g)) for g in ENTRIES.coupled if name in g), (name,))


def _merge(plan: ImportPlan, base: dict[str, Flat], head: dict[str, Flat], outs: Mapping[str, Any],
           prefer: Choice | None, choices: Mapping[str, Choice]) -> None:
    """Merge every row of the file onto the head, one indicator at a time, settling conflicts as chosen."""
    empty = ENTRIES.empty
    rows = plan.parsed.rows
    for iid in sorted(plan.parsed.entries, key=lambda i: rows.get(i, 0)):
        b, h = dict(base.get(iid, empty)), head.get(iid, empty)
        y = ENTRIES.from_input(plan.parsed.entries[iid])
        for name in NOT_IN_TEMPLATE:  # a field the file cannot hold is not "changed to empty" by it
            y[name] = b[name]
        result = merge(ENTRIES, {iid: b}, {iid: h}, {iid: y})
        if result.conflicts:
            out = outs.get(iid)
            found = [Conflict(iid, name, bv, yv, hv, getattr(out, "changed_by", None),
                              getattr(out, "changed_at", None))
                     for _, name, bv, hv, yv in result.conflicts]
            found = [dataclasses.replace(c, choice=choices.get(c.choice_key, prefer)) for c in found]
            plan.conflicts.extend(found)
            if any(c.choice is None for c in found):
                continue
            for c in found:  # mine: the colleague's change is treated as seen; theirs: the file gives way
                for name in _group(c.field):
                    if c.choice == "mine":
                        b[name] = h[name]
                    else:
                        y[name] = h[name]
            result = merge(ENTRIES, {iid: b}, {iid: h}, {iid: y})
        if iid in result.rows:
            row = result.rows[iid]
            try:
                plan.entries[iid] = EntryIn.model_validate({k: row[k] for k in ENTRIES.fields})
            except ValidationError as exc:  # e.g. a choice mixing a score and a missing reason
                plan.refusal = _("indicator {id}: the chosen values do not fit together ({reason}); choose the "
                                 "same side for its score and missing reason").format(
                    id=iid, reason=exc.errors(include_url=False)[0]["type"])
                continue
            plan.changes.extend(FieldChange(iid, n, h[n], row[n]) for n in ENTRIES.fields if row[n] != h[n])
    _kept(plan, base, head, outs)


def _kept(plan: ImportPlan, base: dict[str, Flat], head: dict[str, Flat], outs: Mapping[str, Any]) -> None:
    """Colleagues' changes since the base that the import leaves as they are (for the preview)."""
    written = {(c.indicator_id, c.field) for c in plan.changes}
    settled = {(c.indicator_id, c.field) for c in plan.conflicts}
    empty = ENTRIES.empty
    for iid, h in head.items():
        b = base.get(iid, empty)
        for name in ENTRIES.fields:
            if b[name] != h[name] and (iid, name) not in written and (iid, name) not in settled:
                plan.kept.append(KeptChange(iid, name, b[name], h[name], getattr(outs.get(iid), "changed_by", None)))


def apply_import(store: Store, actor: Actor, fw: Framework, plan: ImportPlan, note: str = "Excel import") -> SaveResult:
    """Write the plan as one revision (creating the assessment first if there is none)."""
    if plan.refusal:
        raise ImportRefused(plan.refusal)
    if plan.problems:
        raise ImportRefused(str(plan.problems[0]))
    if plan.open_conflicts:
        n = len(plan.open_conflicts)
        raise ImportRefused(ngettext(
            "{n} field was changed both in the file and by someone else since the template was made",
            "{n} fields were changed both in the file and by someone else since the template was made",
            n).format(n=n))
    parsed = plan.parsed
    if plan.empty:
        rev = plan.assessment.revision if plan.assessment else 0
        return SaveResult(revision=rev, changed_fields=[])
    assessment = plan.assessment
    base = plan.base_revision
    if assessment is None:  # country, assessment and content in one transaction: all or nothing
        created = store.create_assessment(actor, parsed.country, parsed.period, fw.id, fw.version,
                                          entries=plan.entries, indicator_ids=fw, note=note, lists=plan.items)
        return SaveResult(revision=created.revision, changed_fields=[f"entries.{i}" for i in plan.entries])
    try:
        return store.save_import(actor, assessment.id, base, plan.entries, fw, lists=plan.items, note=note)
    except ConflictError as exc:  # someone saved the same fields between the plan and now
        plan.conflicts = [_from_store(c) for c in exc.conflicts if c.field.startswith(f"{ENTRIES.name}.")]
        raise ImportRefused(_("someone saved the assessment while the import was being applied; import the file "
                              "again to merge their changes")) from None


def _from_store(c: Any) -> Conflict:
    iid, name = c.field.removeprefix(f"{ENTRIES.name}.").rsplit(".", 1)
    return Conflict(iid, name, c.base, c.yours, c.theirs, c.theirs_by, c.theirs_at)
