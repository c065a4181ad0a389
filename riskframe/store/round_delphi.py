"""Delphi and dissent: the second part of structured expert judgement (mixed into store/rounds.Rounds).

- `second_round`: while a round is open and at least two raters have submitted, its lead re-rates
  the indicators the raters disagree on. In one transaction the first round closes *without* a
  consensus and round N+1 opens on the disputed indicators, with the raters who submitted invited.
  Closing the second round writes the consensus of both (round 1's unanimous values stand).
- `distribution`: what the raters of the second round see first — per disputed indicator, how many
  raters gave each value in the round before. Counts only, never who: round 1's named sheets stay
  behind the same blindness rule as round 2 while it is open.
- `dissent`: after a round closes, a rater who submitted may record a dissent from the consensus on
  an indicator; it is kept beside the consensus, audited, and shown to everyone who may read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput, PermissionDenied, WorkflowError
from riskframe.store.revisions import Ctx, add_audit
from riskframe.store.round_rules import _check_lead_of, _ensure_open, _load, _out, _rater, _sheets
from riskframe.store.round_schemas import DissentIn, DissentOut, RoundOut
from riskframe.store.saving import ensure_editable, validation_error
from riskframe.store.views import natural_key

if TYPE_CHECKING:
    from riskframe.store.api import Store


class DelphiMixin:
    """Second rounds, the anonymised distribution and dissents (see the module docstring)."""

    store: Store

    def second_round(self, actor: Actor, round_id: int, indicator_ids: Iterable[str] | None = None) -> RoundOut:
        """Close the open round without a consensus and open the next on its disputed indicators."""
        chosen = None if indicator_ids is None else sorted({str(i).strip() for i in indicator_ids}, key=natural_key)

        def work(session: Session, ctx: Ctx) -> RoundOut:
            row, a = _load(session, round_id)
            _check_lead_of(ctx.actor, row, a)
            _ensure_open(row)
            ensure_editable(a)
            sheets = _sheets(session, row.id)
            if len(sheets) < 2:
                raise WorkflowError("round", row.number, _("a second round needs at least two submitted scoresheets "
                                                          "in round {number} ({count} so far)").format(
                                    number=row.number, count=len(sheets)))
            disputed = [iid for iid in row.indicator_ids
                        if len({(s[iid].score, s[iid].missing) for s in sheets.values() if iid in s}) > 1]
            wanted = disputed if chosen is None else chosen
            outside = [i for i in wanted if i not in row.indicator_ids]
            if outside:
                raise InvalidInput("indicator_ids", outside[0], _("not an indicator of round {number}").format(
                    number=row.number))
            if not wanted:
                raise WorkflowError("round", row.number, _("the raters agree on every indicator; close the round instead"))
            session.execute(update(m.RatingRound).where(m.RatingRound.id == row.id).values(
                status="closed", closed_by=ctx.actor.username, closed_at=ctx.now)
                .execution_options(synchronize_session=False))
            number = (session.scalar(select(func.max(m.RatingRound.number))
                                     .where(m.RatingRound.assessment_id == a.id)) or 0) + 1
            nxt = m.RatingRound(assessment_id=a.id, number=number, status="open", level=row.level,
                                indicator_ids=wanted, base_revision=a.revision, parent_round_id=row.id,
                                note=f"Delphi re-rating of round {row.number}", opened_by=row.opened_by,
                                opened_at=ctx.now)
            session.add(nxt)
            session.flush()
            for name in sorted(sheets):
                session.add(m.RatingRater(round_id=nxt.id, username=name, invited_by=ctx.actor.username,
                                          invited_at=ctx.now))
            add_audit(session, ctx, "round.second", a.id, detail={
                "round": row.id, "next": nxt.id, "number": number, "indicators": wanted, "raters": sorted(sheets)})
            session.flush()
            return _out(session, nxt)
        return self.store._write(actor, work)

    def distribution(self, actor: Actor, round_id: int) -> dict[str, dict[str, int]]:
        """indicator → {value: how many raters} in the round before this Delphi round (counts, no names);
        a value is a score "0".."3" or a missing code. For anyone who may read the assessment."""
        with self.store._read(actor) as session:
            row, a = _load(session, round_id)
            access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
            if row.parent_round_id is None:
                raise WorkflowError("round", row.number, _("this is a first round; the distribution is shown in the "
                                                          "round that re-rates it"))
            earlier = _sheets(session, row.parent_round_id)
            out: dict[str, dict[str, int]] = {}
            for iid in row.indicator_ids:
                counts: dict[str, int] = {}
                for sheet in earlier.values():
                    line = sheet.get(iid)
                    if line is not None:
                        value = str(line.score) if line.score is not None else str(line.missing)
                        counts[value] = counts.get(value, 0) + 1
                out[iid] = dict(sorted(counts.items()))
            return out

    def dissent(self, actor: Actor, round_id: int, indicator_id: str, text: Any) -> DissentOut:
        """Record the acting rater's dissent from the consensus of a closed round, on one indicator."""
        try:
            given = DissentIn.model_validate({"text": text})
        except ValidationError as exc:
            raise validation_error("dissent.text", exc) from None
        iid = str(indicator_id).strip()

        def work(session: Session, ctx: Ctx) -> DissentOut:
            row, a = _load(session, round_id)
            access.check(ctx.actor, access.READ, a.country_code, f"assessment {a.id}")
            rater = _rater(session, row, ctx.actor.username)
            if rater is None or rater.submitted_at is None:
                raise PermissionDenied(_("{username} did not submit a scoresheet in round {number} of assessment {id}; "
                                         "only its raters may dissent").format(
                                           username=ctx.actor.username, number=row.number, id=a.id),
                                       actor=ctx.actor.username,
                                       role=ctx.actor.role, action="round.dissent", country=a.country_code,
                                       what=f"round {row.id}")
            if row.consensus_revision is None:
                raise WorkflowError("round", row.number, _("there is no consensus to dissent from yet; the round is "
                                                          "open, or a second round re-rates it"))
            covered = set(row.indicator_ids)
            parent = session.get(m.RatingRound, row.parent_round_id) if row.parent_round_id is not None else None
            if parent is not None:
                covered |= set(parent.indicator_ids)
            if iid not in covered:
                raise InvalidInput("indicator_id", iid, _("not an indicator of round {number}").format(number=row.number))
            if session.scalar(select(m.RatingDissent.id).where(m.RatingDissent.round_id == row.id,
                                                               m.RatingDissent.rater == rater.username,
                                                               m.RatingDissent.indicator_id == iid)) is not None:
                raise WorkflowError("dissent", iid, _("you recorded a dissent on this indicator already"))
            session.add(m.RatingDissent(round_id=row.id, rater=rater.username, indicator_id=iid, text=given.text,
                                        at=ctx.now))
            add_audit(session, ctx, "round.dissent", a.id, row.consensus_revision,
                      detail={"round": row.id, "indicator": iid})
            session.flush()
            return DissentOut(round_id=row.id, rater=rater.username, indicator_id=iid, text=given.text)
        return self.store._write(actor, work)

    def dissents(self, actor: Actor, round_id: int) -> list[DissentOut]:
        """Every dissent recorded on a round, in indicator order."""
        with self.store._read(actor) as session:
            row, a = _load(session, round_id)
            access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
            rows = session.scalars(select(m.RatingDissent).where(m.RatingDissent.round_id == row.id))
            found = [DissentOut(round_id=r.round_id, rater=r.rater, indicator_id=r.indicator_id, text=r.text)
                     for r in rows]
            return sorted(found, key=lambda d: (natural_key(d.indicator_id), d.rater))
