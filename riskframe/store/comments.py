"""Review comments in the database: added, listed and resolved per assessment and per indicator.

A comment is not assessment content: adding or resolving one writes no revision, so it never moves
the head a focal point is editing from; both are written to the audit log (`comment.add`,
`comment.resolve`). Reading needs READ in the assessment's country; adding needs REVIEW or WRITE
there (the analyst asks, the focal point answers); resolving likewise (the focal point or reviewer).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access, views
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput, NotFound, PermissionDenied
from riskframe.store.revisions import Ctx, add_audit

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager
    from typing import TypeVar

    T = TypeVar("T")

MAX_TEXT = 20_000
_INDICATOR_MAX = 40


class CommentOut(BaseModel):
    """One stored review comment; `indicator_id` None means it is about the whole assessment."""

    id: int
    assessment_id: int
    revision: int
    indicator_id: str | None = None
    text: str
    author: str
    at: dt.datetime
    resolved_by: str | None = None
    resolved_at: dt.datetime | None = None

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


def _out(row: m.ReviewComment) -> CommentOut:
    return CommentOut.model_validate(row, from_attributes=True)


def check_may_comment(actor: Actor, country: str, what: str) -> None:
    """REVIEW or WRITE in `country`: raises the PermissionDenied of the first right the actor lacks."""
    try:
        access.check(actor, access.REVIEW, country, what)
    except PermissionDenied:
        access.check(actor, access.WRITE, country, what)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("text", value, _("a comment needs some text"))
    if len(value.strip()) > MAX_TEXT:
        raise InvalidInput("text", f"{value.strip()[:40]}…", _("a comment is at most {MAX_TEXT} characters").format(
            MAX_TEXT=MAX_TEXT))
    return value.strip()


def _indicator(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value.strip()) > _INDICATOR_MAX:
        raise InvalidInput("indicator_id", value, _("must be an indicator id of at most {INDICATOR_MAX} characters").format(
            INDICATOR_MAX=_INDICATOR_MAX))
    return value.strip()


def add(session: Session, ctx: Ctx, assessment_id: int, text: Any, indicator_id: Any = None,
        revision: Any = None) -> CommentOut:
    """Store one comment on the revision the author was looking at (the head when not given)."""
    a = views.load_assessment(session, assessment_id)
    check_may_comment(ctx.actor, a.country_code, f"assessment {a.id}")
    body, indicator = _text(text), _indicator(indicator_id)
    if revision is None:
        revision = a.revision
    if isinstance(revision, bool) or not isinstance(revision, int) or not 1 <= revision <= a.revision:
        raise InvalidInput("revision", revision, _("must be a revision between 1 and the current head {revision}").format(
            revision=a.revision))
    row = m.ReviewComment(assessment_id=a.id, revision=revision, indicator_id=indicator, text=body,
                          author=ctx.actor.username, at=ctx.now)
    session.add(row)
    session.flush()
    add_audit(session, ctx, "comment.add", a.id, None, None, None, body,
              {"comment_id": row.id, "indicator_id": indicator, "seen_revision": revision})
    return _out(row)


def resolve(session: Session, ctx: Ctx, assessment_id: int, comment_id: Any) -> CommentOut:
    """Mark a comment resolved (kept, never deleted); resolving it twice changes nothing."""
    a = views.load_assessment(session, assessment_id)
    check_may_comment(ctx.actor, a.country_code, f"assessment {a.id}")
    if isinstance(comment_id, bool) or not isinstance(comment_id, int):
        raise InvalidInput("comment_id", comment_id, _("must be a comment id (a whole number)"))
    row = session.get(m.ReviewComment, comment_id)
    if row is None or row.assessment_id != a.id:
        raise NotFound(_("assessment {id} has no comment {comment_id}").format(id=a.id, comment_id=comment_id))
    if row.resolved_at is None:
        row.resolved_by, row.resolved_at = ctx.actor.username, ctx.now
        session.flush()
        add_audit(session, ctx, "comment.resolve", a.id, None, None, None, None,
                  {"comment_id": row.id, "indicator_id": row.indicator_id})
    return _out(row)


def list_for(session: Session, actor: Actor, assessment_id: int, *, indicator_id: str | None = None,
             unresolved_only: bool = False) -> list[CommentOut]:
    """Oldest first; `indicator_id` narrows to one indicator."""
    a = views.load_assessment(session, assessment_id)
    access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
    query = select(m.ReviewComment).where(m.ReviewComment.assessment_id == a.id)
    if indicator_id is not None:
        query = query.where(m.ReviewComment.indicator_id == indicator_id)
    if unresolved_only:
        query = query.where(m.ReviewComment.resolved_at.is_(None))
    return [_out(r) for r in session.scalars(query.order_by(m.ReviewComment.id))]


class CommentsMixin:
    """The Store's comment methods (kept here so store/api.py stays one screenful per concept)."""

    if TYPE_CHECKING:  # provided by Store (riskframe.store.api)
        def _write(self, actor: Actor, work: Callable[[Session, Ctx], T]) -> T: ...
        def _read(self, actor: Actor) -> AbstractContextManager[Session]: ...

    def add_comment(self, actor: Actor, assessment_id: int, text: str, *, indicator_id: str | None = None,
                    revision: int | None = None) -> CommentOut:
        """A review comment on the assessment (indicator_id None) or on one indicator; audited."""
        views.check_id(assessment_id)
        return self._write(actor, lambda s, ctx: add(s, ctx, assessment_id, text, indicator_id, revision))

    def resolve_comment(self, actor: Actor, assessment_id: int, comment_id: int) -> CommentOut:
        views.check_id(assessment_id)
        return self._write(actor, lambda s, ctx: resolve(s, ctx, assessment_id, comment_id))

    def list_comments(self, actor: Actor, assessment_id: int, *, indicator_id: str | None = None,
                      unresolved_only: bool = False) -> list[CommentOut]:
        with self._read(actor) as session:
            return list_for(session, actor, assessment_id, indicator_id=indicator_id,
                            unresolved_only=unresolved_only)
