"""Drafts in the database: a person's unsaved input per assessment and indicator.

A draft is not assessment content: writing one adds no revision and no audit row (it is replaced on
every keystroke that reaches the server); saving the indicator or discarding the draft deletes it.
Only the person who typed it reads it back. Writing needs WRITE in the assessment's country.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from riskframe.safety.storable import UnstorableText, check_storable
from riskframe.store import access, views
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput
from riskframe.store.revisions import Ctx

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager
    from typing import TypeVar

    T = TypeVar("T")

MAX_VALUE = 200_000  # far above every field's limit: a draft keeps even text too long to save, to be shortened
_INDICATOR_MAX = 40


class DraftOut(BaseModel):
    indicator_id: str
    values: dict[str, str]
    saved_at: dt.datetime


def _values(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise InvalidInput("values", type(raw).__name__, "a draft is a set of named widget values")
    out = {k: "" if v is None else str(v) for k, v in raw.items()}
    for k, v in out.items():
        if len(v) > MAX_VALUE:
            raise InvalidInput(f"values.{k}", f"{v[:40]}…", f"a draft keeps at most {MAX_VALUE:,} characters per box")
    try:
        check_storable(out, "values")
    except UnstorableText as exc:
        raise InvalidInput(exc.path, "…", exc.reason) from None
    return out


def _indicator(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > _INDICATOR_MAX:
        raise InvalidInput("indicator_id", value, f"must be an indicator id of at most {_INDICATOR_MAX} characters")
    return value.strip()


def _writable(session: Session, actor: Actor, assessment_id: int) -> m.Assessment:
    a = views.load_assessment(session, assessment_id)
    access.check(actor, access.WRITE, a.country_code, f"assessment {a.id}")
    return a


def put(session: Session, ctx: Ctx, assessment_id: int, indicator_id: Any, values: Any) -> DraftOut:
    a = _writable(session, ctx.actor, assessment_id)
    ind, vals = _indicator(indicator_id), _values(values)
    row = session.scalar(select(m.Draft).where(m.Draft.username == ctx.actor.username,
                                               m.Draft.assessment_id == a.id, m.Draft.indicator_id == ind))
    if row is None:
        row = m.Draft(username=ctx.actor.username, assessment_id=a.id, indicator_id=ind)
        session.add(row)
    row.values, row.saved_at = vals, ctx.now
    session.flush()
    return DraftOut(indicator_id=ind, values=vals, saved_at=ctx.now)


def remove(session: Session, ctx: Ctx, assessment_id: int, indicator_ids: Any) -> int:
    a = _writable(session, ctx.actor, assessment_id)
    query = delete(m.Draft).where(m.Draft.username == ctx.actor.username, m.Draft.assessment_id == a.id)
    if indicator_ids is not None:
        query = query.where(m.Draft.indicator_id.in_([str(i) for i in indicator_ids]))
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def list_for(session: Session, actor: Actor, assessment_id: int) -> dict[str, DraftOut]:
    a = views.load_assessment(session, assessment_id)
    access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
    rows = session.scalars(select(m.Draft).where(m.Draft.username == actor.username, m.Draft.assessment_id == a.id))
    return {r.indicator_id: DraftOut(indicator_id=r.indicator_id, values=dict(r.values), saved_at=r.saved_at)
            for r in rows}


class DraftsMixin:
    """The Store's draft methods."""

    if TYPE_CHECKING:  # provided by Store (riskframe.store.api)
        def _write(self, actor: Actor, work: Callable[[Session, Ctx], T]) -> T: ...
        def _read(self, actor: Actor) -> AbstractContextManager[Session]: ...

    def save_draft(self, actor: Actor, assessment_id: int, indicator_id: str, values: dict[str, Any]) -> DraftOut:
        """Keep what `actor` typed for one indicator (replacing the previous draft of it)."""
        views.check_id(assessment_id)
        return self._write(actor, lambda s, ctx: put(s, ctx, assessment_id, indicator_id, values))

    def discard_drafts(self, actor: Actor, assessment_id: int, indicator_ids: Any = None) -> int:
        """Delete the actor's drafts of these indicators (all of the assessment when None)."""
        views.check_id(assessment_id)
        return self._write(actor, lambda s, ctx: remove(s, ctx, assessment_id, indicator_ids))

    def list_drafts(self, actor: Actor, assessment_id: int) -> dict[str, DraftOut]:
        """The actor's own drafts of one assessment, by indicator id."""
        views.check_id(assessment_id)
        with self._read(actor) as session:
            return list_for(session, actor, assessment_id)
