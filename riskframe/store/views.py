"""Reading assessments: headers as AssessmentOut, and full views as of a revision or a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, func, select
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import models as m
from riskframe.store.errors import InvalidInput, NotFound
from riskframe.store.fields import COLLECTIONS, ENTRIES
from riskframe.store.revisions import state_at
from riskframe.store.schemas import AssessmentOut, AssessmentView, RevisionOut


def natural_key(indicator_id: str) -> tuple[Any, ...]:
    """Sort '2.10' after '2.9' and 'R1.1' after '14.3'."""
    parts = indicator_id.replace("R", "R.", 1).split(".") if indicator_id.startswith("R") else indicator_id.split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


MAX_ID = 2**31 - 1  # ids are INTEGER columns (32-bit on PostgreSQL)


def check_id(assessment_id: Any, name: str = "assessment_id") -> int:
    if isinstance(assessment_id, bool) or not isinstance(assessment_id, int) or assessment_id < 1:
        raise InvalidInput(name, assessment_id, _("must be a positive assessment id"))
    if assessment_id > MAX_ID:  # past the integer columns of both engines: it cannot exist
        raise NotFound(_("assessment {assessment_id} does not exist").format(assessment_id=assessment_id))
    return assessment_id


def load_assessment(session: Session, assessment_id: Any, *, for_update: bool = False) -> m.Assessment:
    """The assessment's row; `for_update` locks it (PostgreSQL) so writers to one assessment queue
    instead of racing for the head revision and retrying (SQLite's BEGIN IMMEDIATE already queues)."""
    found = session.get(m.Assessment, check_id(assessment_id), with_for_update=for_update or None)
    if found is None:
        raise NotFound(_("assessment {assessment_id} does not exist").format(assessment_id=assessment_id))
    return found


@dataclass(frozen=True)
class Head:
    """What a save needs of the assessment's row (read with load_head, locked)."""

    id: int
    country_code: str
    status: str
    revision: int
    updated_at: dt.datetime


_HEAD: list[Any] = []


def load_head(session: Session, assessment_id: Any) -> Head:
    """The assessment's row for a save, locked like load_assessment(for_update=True), as plain columns:
    one cached statement, no ORM object (this is every save's first statement)."""
    if not _HEAD:
        a = cast(Table, m.Assessment.__table__).c
        _HEAD.append(select(a.id, a.country_code, a.status, a.revision, a.updated_at)
                     .where(a.id == bindparam("aid")).with_for_update())
    row = session.connection().execute(_HEAD[0], {"aid": check_id(assessment_id)}).one_or_none()
    if row is None:
        raise NotFound(_("assessment {assessment_id} does not exist").format(assessment_id=assessment_id))
    return Head(*row)


def header_query() -> Select[Any]:
    return cast("Select[Any]", select(m.Assessment, m.Country, m.Period).join(
        m.Country, m.Country.code == m.Assessment.country_code
    ).join(m.Period, m.Period.id == m.Assessment.period_id))


def assessment_out(a: m.Assessment, country: m.Country, period: m.Period) -> AssessmentOut:
    return AssessmentOut(
        id=a.id, country=a.country_code, country_name=country.name, period=period.label,
        period_kind=period.kind, period_start=period.start, period_end=period.end,
        framework_id=a.framework_id, framework_version=a.framework_version, status=a.status,
        revision=a.revision, created_by=a.created_by, created_at=a.created_at,
        updated_by=a.updated_by, updated_at=a.updated_at, submitted_by=a.submitted_by,
        submitted_at=a.submitted_at, validated_by=a.validated_by, validated_at=a.validated_at,
        copied_from=a.copied_from_id,
    )


def get_out(session: Session, assessment_id: int) -> AssessmentOut:
    query = header_query().where(m.Assessment.id == check_id(assessment_id))
    row = session.execute(query.execution_options(populate_existing=True)).one_or_none()  # fresh after a CAS
    if row is None:
        raise NotFound(_("assessment {assessment_id} does not exist").format(assessment_id=assessment_id))
    return assessment_out(*row)


def revision_at(session: Session, assessment_id: int, when: dt.datetime) -> int:
    """The revision that was current at `when` (naive datetimes are UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    number = session.scalar(select(func.max(m.Revision.number)).where(
        m.Revision.assessment_id == assessment_id, m.Revision.at <= when))
    if number is None:
        raise NotFound(_("assessment {assessment_id} did not exist yet at {value}").format(assessment_id=assessment_id,
                           value=when.isoformat()))
    return number


def list_revisions(session: Session, assessment_id: int, upto: int | None = None) -> list[RevisionOut]:
    query = select(m.Revision).where(m.Revision.assessment_id == assessment_id)
    if upto is not None:
        query = query.where(m.Revision.number <= upto)
    return [
        RevisionOut(assessment_id=r.assessment_id, number=r.number, author=r.author, at=r.at,
                    kind=r.kind, note=r.note, status=r.status)
        for r in session.scalars(query.order_by(m.Revision.number))
    ]


def view(session: Session, assessment_id: int, revision: int | None = None,
         when: dt.datetime | None = None) -> AssessmentView:
    """The assessment as of `revision`, or as of date-time `when`, or its head."""
    header = get_out(session, assessment_id)
    head = header.revision
    if when is not None:
        revision = revision_at(session, assessment_id, when)
    if revision is None:
        revision = head
    if isinstance(revision, bool) or not isinstance(revision, int) or not 1 <= revision <= head:
        raise NotFound(_("assessment {assessment_id} has revisions 1 to {head}; there is no revision {revision!r}").format(
            assessment_id=assessment_id,
            head=head, revision=revision))
    data = header.model_dump()
    if revision != head:
        data.update(_header_as_of(list_revisions(session, assessment_id, revision)))
    data["head_revision"] = head
    for coll in COLLECTIONS:
        state = state_at(session, coll, assessment_id, revision)
        outs = [coll.output(key, v.flat, v.revision, v.author, v.at) for key, v in state.items()
                if not (coll.is_item and v.flat["deleted"])]
        if coll is ENTRIES:
            data["entries"] = dict(sorted(zip(state, outs), key=lambda kv: natural_key(kv[0])))
        else:
            data[coll.name] = sorted(outs, key=lambda o: o.key)
    return AssessmentView.model_validate(data)


def _header_as_of(revisions: list[RevisionOut]) -> dict[str, Any]:
    """Status and who/when columns as they were at the last of `revisions`."""
    last = revisions[-1]
    out: dict[str, Any] = {"revision": last.number, "status": last.status, "updated_by": last.author,
                           "updated_at": last.at, "submitted_by": None, "submitted_at": None,
                           "validated_by": None, "validated_at": None}
    for r in revisions:
        if r.kind == "status" and r.status == "submitted":
            out["submitted_by"], out["submitted_at"] = r.author, r.at
    if last.status == "validated":
        done = [r for r in revisions if r.kind == "status" and r.status == "validated"]
        if done:
            out["validated_by"], out["validated_at"] = done[-1].author, done[-1].at
    return out
