"""A measure's stored versions across periods: its own, then those of the measure it follows up in the
country's earlier assessment (copy forward keeps the old key in previous_measure_id), and so on back.

Read-only and scoped like every read: the actor must be able to read the country. The trail stops
where the previous measure cannot be found (it was never stored, or the chain loops).
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput, NotFound
from riskframe.store.schemas import ITEM_KEY_PATTERN
from riskframe.store.views import check_id, load_assessment

_MAX_PERIODS = 400  # a guard against a chain that loops through edited previous_measure_id values


class MeasureVersionOut(BaseModel):
    """One stored version of a measure, with the assessment and period it belongs to."""

    assessment_id: int
    country: str
    period: str
    period_start: dt.date
    key: str
    revision: int
    changed_by: str
    changed_at: dt.datetime
    title: str | None = None
    status: str | None = None
    status_reason: str | None = None
    due_period: str | None = None
    option_id: str | None = None
    deleted: bool = False
    previous_measure_id: str | None = None


def _versions(session: Session, a: m.Assessment, period: m.Period, key: str) -> list[MeasureVersionOut]:
    rows = session.scalars(select(m.MeasureVersion).where(
        m.MeasureVersion.assessment_id == a.id, m.MeasureVersion.item_key == key)
        .order_by(m.MeasureVersion.revision))
    return [MeasureVersionOut(assessment_id=a.id, country=a.country_code, period=period.label,
                              period_start=period.start, key=key, revision=r.revision, changed_by=r.author,
                              changed_at=r.at, title=r.title, status=r.status, status_reason=r.status_reason,
                              due_period=r.due_period, option_id=r.option_id, deleted=r.deleted,
                              previous_measure_id=r.previous_measure_id) for r in rows]


def _earlier_with(session: Session, a: m.Assessment, start: dt.date, key: str) -> m.Assessment | None:
    """The assessment the measure `key` was copied from: the one `a` was copied from when it holds the
    key, else the country's latest earlier assessment that does."""
    holds = select(m.MeasureVersion.assessment_id).where(m.MeasureVersion.item_key == key)
    if a.copied_from_id is not None:
        source = session.scalar(select(m.Assessment).where(m.Assessment.id == a.copied_from_id,
                                                            m.Assessment.id.in_(holds)))
        if source is not None:
            return source
    return session.scalar(
        select(m.Assessment).join(m.Period, m.Period.id == m.Assessment.period_id)
        .where(m.Assessment.country_code == a.country_code, m.Period.start < start, m.Assessment.id.in_(holds))
        .order_by(m.Period.start.desc(), m.Period.end.desc()).limit(1))


def measure_trail(session: Session, actor: Actor, assessment_id: int, key: str) -> list[MeasureVersionOut]:
    """Every version of the measure and of those it follows up, oldest period first, by revision."""
    check_id(assessment_id)
    if not isinstance(key, str) or not re.match(ITEM_KEY_PATTERN, key):
        raise InvalidInput("item_key", key, _("a measure key is the row id riskframe gave it (letters, digits, - "
                                              "and _)"))
    a = load_assessment(session, assessment_id)
    access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
    periods: list[list[MeasureVersionOut]] = []
    seen: set[tuple[int, str]] = set()
    current: m.Assessment | None = a
    while current is not None and (current.id, key) not in seen and len(periods) < _MAX_PERIODS:
        seen.add((current.id, key))
        period = session.get(m.Period, current.period_id)
        assert period is not None
        versions = _versions(session, current, period, key)
        if not versions:
            if not periods:
                raise NotFound(_("assessment {id} has no measure {key}").format(id=assessment_id, key=key))
            break
        periods.append(versions)
        previous = next((v.previous_measure_id for v in reversed(versions) if v.previous_measure_id), None)
        if previous is None:
            break
        current, key = _earlier_with(session, current, period.start, previous), previous
    return [v for versions in reversed(periods) for v in versions]
