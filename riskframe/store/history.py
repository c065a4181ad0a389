"""The Store's history reads: diffs between revisions or assessments, the audit log, a measure's trail
(kept here so store/api.py stays one screenful per concept)."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access, diff, views
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput
from riskframe.store.measure_trail import MeasureVersionOut, measure_trail
from riskframe.store.schemas import AuditOut, Change


class HistoryMixin:
    """Read-only history methods of the Store."""

    if TYPE_CHECKING:  # provided by Store (riskframe.store.api)
        def _read(self, actor: Actor) -> AbstractContextManager[Session]: ...

    def diff_revisions(self, actor: Actor, assessment_id: int, rev_a: int, rev_b: int) -> list[Change]:
        with self._read(actor) as session:
            access.check(actor, access.READ, views.load_assessment(session, assessment_id).country_code,
                         f"assessment {assessment_id}")
            return diff.diff_revisions(session, assessment_id, rev_a, rev_b)

    def diff_assessments(self, actor: Actor, id_a: int, id_b: int) -> list[Change]:
        with self._read(actor) as session:
            for assessment_id, name in ((id_a, "id_a"), (id_b, "id_b")):
                views.check_id(assessment_id, name)
                access.check(actor, access.READ, views.load_assessment(session, assessment_id).country_code,
                             f"assessment {assessment_id}")
            return diff.diff_assessments(session, id_a, id_b)

    def audit_log(self, actor: Actor, assessment_id: int | None = None, username: str | None = None,
                  action: str | None = None, since: dt.datetime | None = None, limit: int = 500) -> list[AuditOut]:
        """Newest first. `action` matches exactly or as a prefix ending in '.' (e.g. 'status.').

        Admins see every row; others only the rows of assessments in their countries."""
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100_000:
            raise InvalidInput("limit", limit, _("must be between 1 and 100000"))
        query = select(m.AuditLog)
        if assessment_id is not None:
            query = query.where(m.AuditLog.assessment_id == views.check_id(assessment_id))
        if username is not None:
            query = query.where(m.AuditLog.actor == username)
        if action is not None:
            query = query.where(m.AuditLog.action.startswith(action) if action.endswith(".")
                                else m.AuditLog.action == action)
        if since is not None:
            query = query.where(m.AuditLog.at >= since)
        if not access.allows(actor, access.ADMIN):
            scoped = select(m.Assessment.id)
            visible = access.visible_countries(actor)
            if visible is not None:
                scoped = scoped.where(m.Assessment.country_code.in_(sorted(visible)))
            query = query.where(m.AuditLog.assessment_id.in_(scoped))
        with self._read(actor) as session:
            rows = session.scalars(query.order_by(m.AuditLog.id.desc()).limit(limit))
            return [AuditOut.model_validate(r, from_attributes=True) for r in rows]

    def measure_trail(self, actor: Actor, assessment_id: int, item_key: str) -> list[MeasureVersionOut]:
        """Every stored version of a measure and of the measures it follows up in earlier periods
        (through copy forward), oldest first (see riskframe.store.measure_trail)."""
        with self._read(actor) as session:
            return measure_trail(session, actor, assessment_id, item_key)
