"""The rules rating rounds share: who leads a round, the blindness rule, loading and showing a round.

Used by riskframe/store/rounds.py (open, invite, submit, close, reads) and
riskframe/store/round_delphi.py (the Delphi second round and dissents)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import NotFound, PermissionDenied, WorkflowError
from riskframe.store.round_schemas import RaterOut, RoundOut, SheetLineOut
from riskframe.store.views import check_id, load_assessment


def _check_lead(actor: Actor, country: str, what: str) -> None:
    """Lead a round: focal points (write) and analysts (review) of the country, admins, system."""
    access.check(actor, access.LEAD_ROUND, country, what)


def _check_lead_of(actor: Actor, row: m.RatingRound, a: m.Assessment) -> None:
    _check_lead(actor, a.country_code, f"round {row.number} of assessment {a.id}")
    if actor.username != row.opened_by and not access.allows(actor, access.ADMIN):
        raise PermissionDenied(_("{username} did not open round {number} of assessment {id}; {opened_by} leads it")
                               .format(username=actor.username, number=row.number, id=a.id, opened_by=row.opened_by),
                               actor=actor.username, role=actor.role,
                               action="round.lead", country=a.country_code, what=f"round {row.id}")


def _may_see_scores(session: Session, actor: Actor, row: m.RatingRound, a: m.Assessment) -> None:
    """The blindness rule (see the module docstring); a refusal names the round, never a score."""
    access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
    child = session.scalar(select(m.RatingRound).where(m.RatingRound.parent_round_id == row.id,
                                                        m.RatingRound.status == "open"))
    if child is not None:  # round 1 of an open Delphi round: its named sheets stay as blind as round 2
        row = child
    if row.status == "closed":
        return
    rater = _rater(session, row, actor.username)  # a rater is blind whatever the role
    if rater is not None:
        if rater.submitted_at is not None:
            return
        reason = _("submit your own scoresheet first; the others' stay hidden until you have, or the round closes")
    elif actor.username == row.opened_by or access.allows(actor, access.REVIEW):
        return
    else:
        reason = _("only its raters (after submitting), its lead and reviewers see the scores while it is open")
    raise PermissionDenied(_("{username} may not see the scores of round {number} of assessment {id}: {reason}").format(
                               username=actor.username, number=row.number, id=a.id, reason=reason),
                           actor=actor.username, role=actor.role, action="round.read_scores",
                           country=a.country_code, what=f"round {row.id}")


def _load(session: Session, round_id: Any) -> tuple[m.RatingRound, m.Assessment]:
    row = session.get(m.RatingRound, check_id(round_id, "round_id"))
    if row is None:
        raise NotFound(_("rating round {round_id} does not exist").format(round_id=round_id))
    return row, load_assessment(session, row.assessment_id)


def _ensure_open(row: m.RatingRound) -> None:
    if row.status != "open":
        raise WorkflowError("round", row.number, _("this rating round is closed"))


def _rater(session: Session, row: m.RatingRound, username: str) -> m.RatingRater | None:
    return session.scalar(select(m.RatingRater).where(m.RatingRater.round_id == row.id,
                                                      m.RatingRater.username == username.lower()))


def _sheets(session: Session, round_id: int, rater: str | None = None) -> dict[str, dict[str, SheetLineOut]]:
    query = select(m.RatingScore).where(m.RatingScore.round_id == round_id)
    if rater is not None:
        query = query.where(m.RatingScore.rater == rater)
    out: dict[str, dict[str, SheetLineOut]] = {}
    for r in session.scalars(query.order_by(m.RatingScore.rater, m.RatingScore.id)):
        out.setdefault(r.rater, {})[r.indicator_id] = SheetLineOut(
            score=r.score, missing=r.missing, confidence=r.confidence, rationale=r.rationale)
    return out


def _out(session: Session, row: m.RatingRound) -> RoundOut:
    raters = session.scalars(select(m.RatingRater).where(m.RatingRater.round_id == row.id)
                             .order_by(m.RatingRater.username))
    return RoundOut(id=row.id, assessment_id=row.assessment_id, number=row.number, status=row.status, level=row.level,
                    indicator_ids=list(row.indicator_ids), base_revision=row.base_revision, opened_by=row.opened_by,
                    parent_round_id=row.parent_round_id,
                    closed_by=row.closed_by, consensus_revision=row.consensus_revision,
                    raters=[RaterOut(username=r.username, submitted=r.submitted_at is not None) for r in raters])
