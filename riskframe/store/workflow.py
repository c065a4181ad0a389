"""Creating assessments, moving them through the workflow, copying them forward, reverting them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.domain import Period, PeriodError, Status, StatusError, check_transition, resolve_country
from riskframe.domain.countries import CountryError
from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.errors import ConflictError, FieldConflict, InvalidInput, NotFound, WorkflowError
from riskframe.store.fields import COLLECTIONS, ENTRIES, MEASURES, VULNERABLE_GROUPS, Flat
from riskframe.store.revisions import (
    Ctx,
    add_audit,
    add_revision,
    bump_head,
    check_base,
    flats,
    state_at,
    write_rows,
)
from riskframe.store.saving import ensure_editable, new_item_key
from riskframe.store.schemas import OPEN_MEASURE_STATUSES
from riskframe.store.views import load_assessment

OPEN_MEASURES = OPEN_MEASURE_STATUSES  # carried forward with their status and every follow-up field


def parse_period(period: Any) -> Period:
    try:
        return Period.parse(period)
    except PeriodError as exc:
        raise InvalidInput("period", period, str(exc)) from None


def parse_country(code: Any, name: str | None = None) -> Any:
    try:
        return resolve_country(code, name)
    except CountryError as exc:
        raise InvalidInput("country", code, str(exc)) from None


def parse_status(status: Any) -> Status:
    try:
        return Status(status)
    except ValueError:
        raise InvalidInput("status", status, _("statuses are {items}").format(items=', '.join(s.value for s in Status))) from None


def ensure_country_row(session: Session, ctx: Ctx, code: Any, name: str | None = None) -> m.Country:
    """The country's row, created (and audited) on first use; a given name renames it."""
    country = parse_country(code, name)
    row = session.get(m.Country, country.code)
    if row is None:
        row = m.Country(code=country.code, name=country.name, user_assigned=country.user_assigned,
                        created_by=ctx.actor.username, created_at=ctx.now)
        session.add(row)
        session.flush()
        add_audit(session, ctx, "country.create", field=f"countries.{country.code}.name", new=country.name)
    elif name and name.strip() and row.name != name.strip():
        add_audit(session, ctx, "country.rename", field=f"countries.{row.code}.name", old=row.name, new=name.strip())
        row.name = name.strip()
        session.flush()
    return row


def ensure_period_row(session: Session, period: Period) -> m.Period:
    row = session.scalar(select(m.Period).where(m.Period.label == period.label))
    if row is None:
        row = m.Period(label=period.label, kind=period.kind, start=period.start, end=period.end)
        session.add(row)
        session.flush()
    return row


def _text(name: str, value: Any, limit: int) -> str:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
        raise InvalidInput(name, value, _("must be a non-empty text of at most {limit} characters").format(limit=limit))
    return value.strip()


def create(session: Session, ctx: Ctx, country: Any, period: Any, framework_id: Any, framework_version: Any,
           *, kind: str = "create", copied_from: int | None = None, note: str | None = None) -> m.Assessment:
    """Insert a draft assessment at revision 1; refuses a second one for the same country and period."""
    framework_id = _text("framework_id", framework_id, 100)
    framework_version = _text("framework_version", framework_version, 40)
    parsed = parse_period(period)
    country_row = ensure_country_row(session, ctx, country)
    access.check(ctx.actor, access.WRITE, country_row.code)
    period_row = ensure_period_row(session, parsed)
    existing = session.scalar(select(m.Assessment.id).where(
        m.Assessment.country_code == country_row.code, m.Assessment.period_id == period_row.id))
    if existing is not None:
        raise InvalidInput("period", parsed.label,
                           _("{code} already has an assessment for {label} (id {existing})").format(code=country_row.code,
                               label=parsed.label, existing=existing))
    a = m.Assessment(country_code=country_row.code, period_id=period_row.id, framework_id=framework_id,
                     framework_version=framework_version, status=Status.DRAFT.value, revision=1,
                     created_by=ctx.actor.username, created_at=ctx.now, updated_by=ctx.actor.username,
                     updated_at=ctx.now, copied_from_id=copied_from)
    session.add(a)
    session.flush()
    add_revision(session, ctx, a.id, 1, kind=kind, note=note, status=Status.DRAFT.value)
    add_audit(session, ctx, f"assessment.{kind}", a.id, 1, "status", None, Status.DRAFT.value,
              {"country": country_row.code, "period": parsed.label, "framework_id": framework_id,
               "framework_version": framework_version, "copied_from": copied_from})
    return a


def changes_since(session: Session, assessment_id: int, base: int, head: int) -> list[FieldConflict]:
    """Every field changed in (base, head], for a ConflictError on a whole-assessment action."""
    rows = session.execute(select(m.AuditLog).where(
        m.AuditLog.assessment_id == assessment_id, m.AuditLog.revision > base,
        m.AuditLog.revision <= head, m.AuditLog.field.is_not(None)).order_by(m.AuditLog.id)).scalars()
    out: dict[str, FieldConflict] = {}
    for row in rows:
        if row.field is None:
            continue
        first = out.get(row.field)
        out[row.field] = FieldConflict(field=row.field, base=first.base if first else row.old_value,
                                       theirs=row.new_value, theirs_by=row.actor, theirs_at=row.at)
    return list(out.values())


def _require_head(session: Session, a: m.Assessment, base_revision: Any) -> int:
    base = check_base(base_revision, a.revision)
    if base != a.revision:
        raise ConflictError(a.id, base, a.revision, changes_since(session, a.id, base, a.revision))
    return base


def transition(session: Session, ctx: Ctx, assessment_id: int, to_status: Any, base_revision: Any,
               reason: str | None) -> None:
    """Move along the workflow; only from the head revision the caller has seen."""
    a = load_assessment(session, assessment_id, for_update=True)
    access.check_transition(ctx.actor, a.status, to_status, a.country_code, f"assessment {a.id}")
    current = a.status
    try:
        target = check_transition(current, to_status, reason)
    except StatusError as exc:
        raise WorkflowError("status", to_status, str(exc)) from None
    _require_head(session, a, base_revision)
    ctx.not_before(a.updated_at)
    columns: dict[str, Any] = {}
    if target is Status.SUBMITTED:
        columns.update(submitted_by=ctx.actor.username, submitted_at=ctx.now)
    if target is Status.VALIDATED:
        columns.update(validated_by=ctx.actor.username, validated_at=ctx.now)
    elif current == Status.VALIDATED.value:
        columns.update(validated_by=None, validated_at=None)
    note = reason.strip() if reason and reason.strip() else None
    new = bump_head(session, ctx, a, kind="status", note=note, status=target.value, **columns)
    add_audit(session, ctx, f"status.{target.value}", a.id, new, "status", current, target.value,
              {"reason": note} if note else None)


def latest_validated_before(session: Session, country: str, period: Period) -> m.Assessment | None:
    return session.scalar(
        select(m.Assessment).join(m.Period, m.Period.id == m.Assessment.period_id)
        .where(m.Assessment.country_code == country, m.Assessment.status == Status.VALIDATED.value,
               m.Period.start < period.start)
        .order_by(m.Period.start.desc(), m.Period.end.desc()).limit(1)
    )


def copy_forward(session: Session, ctx: Ctx, country: Any, period: Any, framework_id: Any,
                 framework_version: Any, mapper: Any = None) -> m.Assessment:
    """New draft from the latest validated earlier assessment: entries carried over (flagged),
    vulnerable groups kept, open measures (proposed, agreed, in progress) carried as follow-ups with
    their status, option, due period, reason and UPR recommendation (previous_measure_id: the old key).

    `mapper(entries, from_version, to_version) -> (entries, MappingReport)` maps indicator ids when
    the framework version changed; unmapped entries are kept under their old ids and reported.
    """
    code = parse_country(country).code
    parsed = parse_period(period)
    framework_id = _text("framework_id", framework_id, 100)
    framework_version = _text("framework_version", framework_version, 40)
    access.check(ctx.actor, access.WRITE, code)
    source = latest_validated_before(session, code, parsed)
    if source is None:
        raise NotFound(_("{code} has no validated assessment before {label} to copy forward").format(code=code,
                           label=parsed.label))
    entries = flats(state_at(session, ENTRIES, source.id, source.revision))
    report = None
    if mapper is not None and source.framework_version != framework_version:
        entries, report = mapper(entries, source.framework_version, framework_version)
    note = f"copied from assessment {source.id} revision {source.revision}"
    if report is not None and report.unmapped:
        note += f"; not mapped to framework {framework_version}, kept as they were: {', '.join(report.unmapped)}"
    a = create(session, ctx, code, parsed.label, framework_id, framework_version,
               kind="copy_forward", copied_from=source.id, note=note)
    if report is not None:
        add_audit(session, ctx, "assessment.map_framework", a.id, 1, detail=report.model_dump())
    rows = {iid: {**flat, "carried_over": True} for iid, flat in entries.items()}
    write_rows(session, ctx, ENTRIES, a.id, 1, rows, {}, "entries.copy_forward")
    groups = {k: f for k, f in flats(state_at(session, VULNERABLE_GROUPS, source.id, source.revision)).items()
              if not f["deleted"]}
    write_rows(session, ctx, VULNERABLE_GROUPS, a.id, 1, groups, {}, "vulnerable_groups.copy_forward")
    measures: dict[str, Flat] = {}
    old_measures = flats(state_at(session, MEASURES, source.id, source.revision))
    for key, flat in sorted(old_measures.items()):
        if not flat["deleted"] and flat["status"] in OPEN_MEASURES:
            measures[new_item_key()] = {**flat, "previous_measure_id": key, "follow_up": ""}
    write_rows(session, ctx, MEASURES, a.id, 1, measures, {}, "measures.copy_forward")
    return a


def revert(session: Session, ctx: Ctx, assessment_id: int, to_revision: Any, base_revision: Any,
           note: str | None) -> tuple[int, list[str]]:
    """Make the content of an old revision the new head (kind 'restore'); history is kept."""
    a = load_assessment(session, assessment_id, for_update=True)
    access.check(ctx.actor, access.WRITE, a.country_code, f"assessment {a.id}")
    ensure_editable(a)
    head = _require_head(session, a, base_revision)
    if isinstance(to_revision, bool) or not isinstance(to_revision, int) or not 1 <= to_revision <= head:
        raise InvalidInput("to_revision", to_revision, _("must be a revision between 1 and {head}").format(head=head))
    target = to_revision
    plans = []
    for coll in COLLECTIONS:
        old, current = flats(state_at(session, coll, a.id, target)), flats(state_at(session, coll, a.id, head))
        rows = {k: old.get(k, coll.empty) for k in current if old.get(k, coll.empty) != current[k]}
        plans.append((coll, rows, current))
    if not any(rows for _, rows, _ in plans):
        return head, []
    new = bump_head(session, ctx, a, kind="restore", status=a.status,
                    note=note or f"content of revision {target} restored")
    changed: list[str] = []
    for coll, rows, current in plans:
        changed += write_rows(session, ctx, coll, a.id, new, rows, current, f"{coll.name}.restore")
    return new, changed
