"""Rating rounds: several raters score an assessment's indicators blind; closing writes the consensus.

    rounds = Rounds(store)
    r = rounds.open(lead, assessment_id, ["1.1", "1.2"], framework)   # lead: may write or review there
    rounds.invite(lead, r.id, ["amina", "jonas", "li"])               # active accounts of that country
    rounds.submit_sheet(amina, r.id, {"1.1": {"score": 2, "rationale": "..."}, ...})
    rounds.close(lead, r.id, base_revision, {"1.2": {"score": 1, "rationale": "..."}})

Blindness lives here, not in a page: every read that returns scores (`sheets`, `sheet`,
`reliability`) goes through `_may_see_scores`. While a round is open, an invited rater who has not
submitted is refused everyone else's scores, whatever their role (PermissionDenied, written to the
audit log); someone who is not a rater sees them only as the round's lead or with the right to
review in that country (analysts, admins). Once
the round is closed, anyone who may read the assessment may read the sheets. `status` and
`list_rounds` show who has submitted, never what.

Closing writes, in one transaction, one revision of the assessment: per indicator the lead's
decision (value and rationale, the rationale becoming the entry's comment) or, where every submitted
sheet gave the same value, that value; evidence and sources of the entry are kept. The revision note
names the round, the round keeps the revision number, and the audit log has the close.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from pydantic import ValidationError
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.api import Store
from riskframe.store.errors import InvalidInput, NotFound, PermissionDenied, WorkflowError
from riskframe.store.fields import ENTRIES
from riskframe.store.round_delphi import DelphiMixin
from riskframe.store.round_rules import (_check_lead, _check_lead_of, _ensure_open, _load, _may_see_scores, _out, _rater,
                                        _sheets)
from riskframe.store.round_schemas import ConsensusIn, RoundOut, SheetLineIn, SheetLineOut, _Value
from riskframe.store.revisions import Ctx, add_audit, bump_head, check_base, conflict_error, flats, merge, state_at, write_rows
from riskframe.store.saving import ensure_editable, known_ids, validation_error
from riskframe.store.views import load_assessment, natural_key

LEVELS = ("nominal", "ordinal", "interval", "ratio")


class Rounds(DelphiMixin):
    """Rating rounds on a Store; every method takes the acting user first, like the Store's own."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- writing ------------------------------------------------------------------------------
    def open(self, actor: Actor, assessment_id: int, indicator_ids: Iterable[str], framework_ids: Any,
             level: str = "ordinal", note: str | None = None) -> RoundOut:
        """Open round 1 (or the next) on an editable assessment with no other open round."""
        known = known_ids(framework_ids)
        wanted = sorted({str(i).strip() for i in indicator_ids}, key=natural_key)
        if not wanted:
            raise InvalidInput("indicator_ids", [], _("a round needs at least one indicator to rate"))
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise InvalidInput("indicator_ids", unknown[0], _("unknown indicator id"))
        if level not in LEVELS:
            raise InvalidInput("level", level, _("must be one of {items}").format(items=', '.join(LEVELS)))

        def work(session: Session, ctx: Ctx) -> RoundOut:
            a = load_assessment(session, assessment_id)
            _check_lead(ctx.actor, a.country_code, f"assessment {a.id}")
            ensure_editable(a)
            if session.scalar(select(m.RatingRound.id).where(m.RatingRound.assessment_id == a.id,
                                                             m.RatingRound.status == "open")) is not None:
                raise WorkflowError("assessment_id", a.id, _("a rating round is already open on this assessment; "
                                                              "close it before opening another"))
            number = (session.scalar(select(func.max(m.RatingRound.number))
                                     .where(m.RatingRound.assessment_id == a.id)) or 0) + 1
            row = m.RatingRound(assessment_id=a.id, number=number, status="open", level=level, indicator_ids=wanted,
                                base_revision=a.revision, note=note, opened_by=ctx.actor.username, opened_at=ctx.now)
            session.add(row)
            session.flush()
            add_audit(session, ctx, "round.open", a.id, detail={"round": row.id, "number": number,
                                                                "indicators": len(wanted), "level": level})
            return _out(session, row)
        return self.store._write(actor, work)

    def invite(self, actor: Actor, round_id: int, usernames: Iterable[str]) -> RoundOut:
        """Invite raters: active accounts of the assessment's country that may change something (not viewers)."""
        names = [str(u).strip().lower() for u in usernames]
        if not names or not all(names):
            raise InvalidInput("usernames", list(usernames), _("name at least one rater, none blank"))

        def work(session: Session, ctx: Ctx) -> RoundOut:
            row, a = _load(session, round_id)
            _check_lead_of(ctx.actor, row, a)
            _ensure_open(row)
            invited = set(session.scalars(select(m.RatingRater.username).where(m.RatingRater.round_id == row.id)))
            for name in names:
                account = session.scalar(select(m.Account).where(m.Account.username == name))
                if account is None or not account.active:
                    raise InvalidInput("usernames", name, _("no active account with this username"))
                as_actor = Actor(username=account.username, role=account.role, countries=account.countries)
                if not (access.allows(as_actor, access.CHANGE) and access.in_scope(as_actor, a.country_code)):
                    raise InvalidInput("usernames", name, _("this account may not rate in country {country_code}: "
                                                             "raters are focal points, analysts or admins of the "
                                                             "country (not viewers)").format(country_code=a.country_code))
                if name in invited:
                    raise InvalidInput("usernames", name, _("already invited to round {number}").format(number=row.number))
                invited.add(name)
                session.add(m.RatingRater(round_id=row.id, username=name, invited_by=ctx.actor.username,
                                          invited_at=ctx.now))
                add_audit(session, ctx, "round.invite", a.id, detail={"round": row.id, "rater": name})
            session.flush()
            return _out(session, row)
        return self.store._write(actor, work)

    def submit_sheet(self, actor: Actor, round_id: int, sheet: Mapping[str, SheetLineIn | dict[str, Any]]) -> RoundOut:
        """Submit the acting rater's whole scoresheet, once: every indicator of the round, nothing else."""
        if not isinstance(sheet, Mapping):
            raise InvalidInput("sheet", type(sheet).__name__, _("must map indicator ids to lines"))
        lines = {str(k).strip(): _line(SheetLineIn, f"sheet.{k}", v) for k, v in sheet.items()}

        def work(session: Session, ctx: Ctx) -> RoundOut:
            row, a = _load(session, round_id)
            access.check(ctx.actor, access.READ, a.country_code, f"assessment {a.id}")
            rater = _rater(session, row, ctx.actor.username)
            if rater is None:
                raise PermissionDenied(_("{username} is not a rater of round {number} of assessment {id}").format(
                    username=ctx.actor.username,
                    number=row.number, id=a.id),
                                       actor=ctx.actor.username, role=ctx.actor.role, action="round.submit",
                                       country=a.country_code, what=f"round {row.id}")
            _ensure_open(row)
            if rater.submitted_at is not None:
                raise WorkflowError("sheet", ctx.actor.username, _("this scoresheet was submitted already"))
            _check_complete(row.indicator_ids, lines)
            session.execute(insert(m.RatingScore), [
                {"round_id": row.id, "rater": rater.username, "indicator_id": iid, "score": line.score,
                 "missing": None if line.missing is None else line.missing.value,
                 "confidence": None if line.confidence is None else line.confidence.value,
                 "rationale": line.rationale, "at": ctx.now} for iid, line in lines.items()])
            rater.submitted_at = ctx.now
            add_audit(session, ctx, "round.submit", a.id, detail={"round": row.id, "rater": rater.username})
            session.flush()
            return _out(session, row)
        return self.store._write(actor, work)

    def close(self, actor: Actor, round_id: int, base_revision: int,
              decisions: Mapping[str, ConsensusIn | dict[str, Any]] | None = None) -> RoundOut:
        """Close the round and write the consensus into the assessment as one revision.

        Indicators on which the submitted sheets disagree need a decision; the refusal lists them."""
        decided = {str(k).strip(): _line(ConsensusIn, f"decisions.{k}", v) for k, v in (decisions or {}).items()}

        def work(session: Session, ctx: Ctx) -> RoundOut:
            row, a = _load(session, round_id)
            _check_lead_of(ctx.actor, row, a)
            _ensure_open(row)
            ensure_editable(a)
            sheets = _sheets(session, row.id)
            if not sheets:
                raise WorkflowError("round", row.number, _("no rater has submitted a scoresheet yet; nothing to "
                                                            "close on"))
            # a Delphi round closes its parent's indicators too: those it did not re-rate keep round 1's sheets
            by_indicator = dict.fromkeys(row.indicator_ids, sheets)
            parent = session.get(m.RatingRound, row.parent_round_id) if row.parent_round_id else None
            if parent is not None:
                earlier = _sheets(session, parent.id)
                by_indicator = {**dict.fromkeys(parent.indicator_ids, earlier), **by_indicator}
            outside = sorted(set(decided) - set(by_indicator), key=natural_key)
            if outside:
                raise InvalidInput(f"decisions.{outside[0]}", outside[0], _("not an indicator of round {number}").format(
                    number=row.number))
            values, undecided = {}, []
            for iid, found in by_indicator.items():
                if iid in decided:
                    values[iid] = decided[iid]
                    continue
                given = {(s[iid].score, s[iid].missing) for s in found.values() if iid in s}
                if len(given) != 1:
                    undecided.append(iid)
                    continue
                score, missing = given.pop()
                values[iid] = _Value(score=score, missing=missing)
            if undecided:
                raise WorkflowError("decisions", undecided[0], _("the raters disagree on {count} indicator(s) "
                                                                  "({items}); give a consensus value with a "
                                                                  "rationale for each").format(count=len(undecided),
                                                                   items=', '.join(undecided[:10])))
            note = (f"consensus of rating round {row.number} (round id {row.id}): {len(sheets)} rater(s), "
                    f"{len(decided)} decided by {ctx.actor.username}, {len(values) - len(decided)} unanimous")
            revision = _write_consensus(session, ctx, a, base_revision, values, note)
            session.execute(update(m.RatingRound).where(m.RatingRound.id == row.id).values(
                status="closed", closed_by=ctx.actor.username, closed_at=ctx.now, consensus_revision=revision)
                .execution_options(synchronize_session=False))
            add_audit(session, ctx, "round.close", a.id, revision, detail={
                "round": row.id, "number": row.number, "raters": sorted(sheets), "decided": sorted(decided),
                "revision": revision})
            session.refresh(row)
            return _out(session, row)
        return self.store._write(actor, work)

    # -- reading ------------------------------------------------------------------------------
    def status(self, actor: Actor, round_id: int) -> RoundOut:
        """The round and who has submitted (never what): for anyone who may read the assessment."""
        with self.store._read(actor) as session:
            row, a = _load(session, round_id)
            access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
            return _out(session, row)

    def list_rounds(self, actor: Actor, assessment_id: int) -> list[RoundOut]:
        with self.store._read(actor) as session:
            a = load_assessment(session, assessment_id)
            access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
            rows = session.scalars(select(m.RatingRound).where(m.RatingRound.assessment_id == a.id)
                                   .order_by(m.RatingRound.number))
            return [_out(session, r) for r in rows]

    def sheets(self, actor: Actor, round_id: int) -> dict[str, dict[str, SheetLineOut]]:
        """Every submitted sheet (rater -> indicator -> line), if the actor may see others' scores."""
        with self.store._read(actor) as session:
            row, a = _load(session, round_id)
            _may_see_scores(session, actor, row, a)
            return _sheets(session, row.id)

    def sheet(self, actor: Actor, round_id: int, rater: str) -> dict[str, SheetLineOut]:
        """One rater's submitted sheet: always the actor's own, others' only as `sheets` allows."""
        name = str(rater).strip().lower()
        with self.store._read(actor) as session:
            row, a = _load(session, round_id)
            access.check(actor, access.READ, a.country_code, f"assessment {a.id}")
            if name != actor.username.lower():
                _may_see_scores(session, actor, row, a)
            found = _sheets(session, row.id, name)
            if name not in found:
                raise NotFound(_("{name} has not submitted a scoresheet in round {number}").format(name=name,
                                   number=row.number))
            return found[name]

    def reliability(self, actor: Actor, round_id: int) -> tuple[np.ndarray, list[str], list[str]]:
        """(table, indicator ids, raters): scores as indicators × raters, NaN for a missing code or no
        sheet, ready for riskframe.scoring.agreement. Blind like `sheets`."""
        found = self.sheets(actor, round_id)
        with self.store._read(actor) as session:
            row, _a = _load(session, round_id)
            units = list(row.indicator_ids)
        raters = sorted(found)
        table = np.full((len(units), len(raters)), np.nan)
        for j, name in enumerate(raters):
            for i, iid in enumerate(units):
                line = found[name].get(iid)
                if line is not None and line.score is not None:
                    table[i, j] = line.score
        return table, units, raters


# -- helpers ----------------------------------------------------------------------------------

def _line(model: type[Any], where: str, value: Any) -> Any:
    try:
        return value if isinstance(value, model) else model.model_validate(value)
    except ValidationError as exc:
        raise validation_error(where, exc) from None


def _check_complete(indicator_ids: list[str], lines: Mapping[str, Any]) -> None:
    extra = sorted(set(lines) - set(indicator_ids), key=natural_key)
    if extra:
        raise InvalidInput(f"sheet.{extra[0]}", extra[0], _("not an indicator of this round"))
    absent = [i for i in indicator_ids if i not in lines]
    if absent:
        raise InvalidInput(f"sheet.{absent[0]}", None, _("{count} indicator(s) of the round have no line (give a "
                                                          "score or a missing code for each)").format(count=len(absent)))


def _write_consensus(session: Session, ctx: Ctx, a: m.Assessment, base_revision: int,
                     values: Mapping[str, _Value], note: str) -> int:
    """Merge the consensus onto the head from `base_revision` (like a save) as one revision; its number."""
    head = a.revision
    base = check_base(base_revision, head)
    keys = list(values)
    base_state = flats(state_at(session, ENTRIES, a.id, base, keys))
    head_state = base_state if head == base else flats(state_at(session, ENTRIES, a.id, head, keys))
    mine = {}
    for iid, value in values.items():
        flat = dict(head_state.get(iid, ENTRIES.empty))
        score, missing = value.key()
        flat.update(score=score, missing=missing, carried_over=False)
        if value.confidence is not None:
            flat["confidence"] = value.confidence.value
        if isinstance(value, ConsensusIn):
            flat["comment"] = value.rationale
        mine[iid] = flat
    result = merge(ENTRIES, base_state, head_state, mine)
    if result.conflicts:
        raise conflict_error(session, ENTRIES, a.id, base, head, result.conflicts)
    if not result.rows:
        return head
    new = bump_head(session, ctx, a, kind="consensus", note=note, status=a.status)
    write_rows(session, ctx, ENTRIES, a.id, new, result.rows, head_state, "entries.consensus")
    return new
