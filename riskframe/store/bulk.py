"""Loading many assessments at once (a synthetic portfolio for the benchmarks, a migration from another
tool): one transaction, bulk inserts, the same rows the workflow would leave behind.

Each assessment gets the revisions a real one would have — 1 create (draft), 2 import (its entries),
then one status revision per step to its status (submitted, validated) — its entries and their heads,
one audit row saying it was bulk-loaded (not one per field), and its derived scores. Entries are
validated as a save validates them (riskframe.store.saving.normalize_entries); any problem refuses
the whole load and nothing is written. Administrators only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from riskframe.domain import EntryIn
from riskframe.i18n import _
from riskframe.store import access, derived, workflow
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput
from riskframe.store.fields import ENTRIES
from riskframe.store.revisions import Ctx, audit_row
from riskframe.store.saving import entry_rows, normalize_entries

if TYPE_CHECKING:
    from riskframe.framework.models import Framework

_STEPS = {"draft": (), "submitted": ("submitted",), "validated": ("submitted", "validated")}
_CHUNK = 500  # assessments per batch of inserts and of scoring


@dataclass(frozen=True)
class BulkAssessment:
    """One assessment to load: country (ISO alpha-2), period label, status reached, entries by indicator id."""

    country: str
    period: str
    status: str
    entries: Mapping[str, EntryIn | dict[str, Any]]


def _table(model: Any) -> Table:
    """The Core table of an ORM class: executemany without the ORM's per-row bookkeeping."""
    return cast(Table, model.__table__)


def _load_chunk(session: Session, ctx: Ctx, fw: Framework, items: list[BulkAssessment],
                periods: dict[str, int]) -> list[int]:
    who, now = ctx.actor.username, ctx.now
    heads = []
    for item in items:
        if item.status not in _STEPS:
            raise InvalidInput("status", item.status, _("must be one of {items}").format(items=", ".join(_STEPS)))
        steps = _STEPS[item.status]
        heads.append((2 + len(steps), steps))
    rows = [{"country_code": item.country, "period_id": periods[item.period], "framework_id": fw.id,
             "framework_version": fw.version, "status": item.status, "revision": head, "created_by": who,
             "created_at": now, "updated_by": who, "updated_at": now,
             "submitted_by": who if steps else None, "submitted_at": now if steps else None,
             "validated_by": who if "validated" in steps else None,
             "validated_at": now if "validated" in steps else None}
            for item, (head, steps) in zip(items, heads)]
    ids = list(session.scalars(insert(m.Assessment).returning(m.Assessment.id, sort_by_parameter_order=True), rows))
    revisions, versions, entry_heads, audit = [], [], [], []
    for aid, item, (head, steps) in zip(ids, items, heads):
        kinds = [("create", "draft"), ("import", "draft"), *(("status", s) for s in steps)]
        revisions += [{"assessment_id": aid, "number": n, "author": who, "at": now, "kind": kind, "note": None,
                       "status": status} for n, (kind, status) in enumerate(kinds, start=1)]
        entries = entry_rows(normalize_entries(item.entries, fw))
        versions += [{"assessment_id": aid, "revision": 2, "author": who, "at": now, "indicator_id": iid,
                      **ENTRIES.column_values(flat)} for iid, flat in entries.items()]
        entry_heads += [{"assessment_id": aid, "indicator_id": iid, "revision": 2} for iid in entries]
        audit.append(audit_row(ctx, "assessment.bulk_load", aid, head, "status", None, item.status,
                               {"country": item.country, "period": item.period, "entries": len(entries)}))
    session.execute(insert(_table(m.Revision)), revisions)
    if versions:
        session.execute(insert(_table(m.EntryVersion)), versions)
        session.execute(insert(_table(m.EntryHead)), entry_heads)
    session.execute(insert(_table(m.AuditLog)), audit)
    derived.refresh(session, fw, ids, now)
    return ids


def bulk_load(session: Session, ctx: Ctx, fw: Framework, items: Iterable[BulkAssessment]) -> list[int]:
    """Write every item (see the module docstring) in the caller's transaction; their ids, in order."""
    access.check(ctx.actor, access.ADMIN)
    items = list(items)
    periods: dict[str, int] = {}
    codes = {c: workflow.ensure_country_row(session, ctx, c).code for c in sorted({i.country for i in items})}
    items = [i if codes[i.country] == i.country else BulkAssessment(codes[i.country], i.period, i.status, i.entries)
             for i in items]
    for label in sorted({i.period for i in items}):
        period = workflow.parse_period(label)
        periods[label] = workflow.ensure_period_row(session, period).id
    taken: dict[tuple[str, int], Any] = {
        (c, p): i for i, c, p in session.execute(select(m.Assessment.id, m.Assessment.country_code,
                                                        m.Assessment.period_id)).all()}
    for item in items:
        key = (item.country, periods[item.period])
        if key in taken:
            raise InvalidInput("period", item.period, _("{code} already has an assessment for {label} (id {existing})")
                               .format(code=item.country, label=item.period, existing=taken[key]))
        taken[key] = "—"  # twice in this load
    ids: list[int] = []
    for k in range(0, len(items), _CHUNK):
        ids += _load_chunk(session, ctx, fw, items[k:k + _CHUNK], periods)
    return ids


class BulkMixin:
    """Store.bulk_load (see the module docstring)."""

    if TYPE_CHECKING:
        def _write(self, actor: Actor, work: Any) -> Any: ...

    def bulk_load(self, actor: Actor, fw: Framework, items: Iterable[BulkAssessment]) -> list[int]:
        """Load many assessments in one transaction, with their derived scores; their ids."""
        items = list(items)
        return self._write(actor, lambda session, ctx: bulk_load(session, ctx, fw, items))
