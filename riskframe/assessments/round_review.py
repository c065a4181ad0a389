"""What the lead of a rating round reads before deciding: agreement, ranked disagreements, rater range.

Blindness is the store's (riskframe/store/rounds.py): every score read here goes through
`Rounds.reliability`, which refuses a rater who has not submitted. This module only combines what
the store allows with the scoring rules:

- agreement: Krippendorff's alpha at the round's level, overall and per factor, with a bootstrap interval;
- disagreements ranked by their *swing*: how far the composite moves between the lowest and the
  highest score the raters gave that indicator, all else held at the raters' median — the spread
  times the indicator's weight in the composite, measured by the scoring rules themselves rather
  than by a weight copied here;
- the rater range: the composite computed from each rater's sheet (the rest of the assessment as
  it stands), shown beside the missing-data band as a second kind of uncertainty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel

from riskframe.domain import EntryIn
from riskframe.framework.models import Framework, tr
from riskframe.i18n import current_language
from riskframe.scoring import score_entries
from riskframe.scoring.agreement import AgreementError, agreement, alpha_by_group, unit_spread
from riskframe.store.actor import Actor
from riskframe.store.api import Store
from riskframe.store.round_schemas import RoundOut
from riskframe.store.rounds import Rounds


class Alpha(BaseModel):
    """Krippendorff's alpha with its bootstrap interval; `value` is None when undefined (no variation)."""

    value: float | None
    low: float | None
    high: float | None
    units: int
    pairable: int


class Disagreement(BaseModel):
    indicator_id: str
    text: str
    low: int
    high: int
    range: int
    sd: float | None
    distribution: dict[int, int]
    flagged: bool  # raters differ by two levels or more
    swing: float  # composite points between the lowest and the highest rater score


class RaterComposite(BaseModel):
    rater: str
    composite: float | None
    tier: str | None


class RoundReview(BaseModel):
    round: RoundOut
    level: str
    raters: list[str]
    overall: Alpha | None
    by_factor: dict[str, Alpha | None]
    disagreements: list[Disagreement]  # ranked: largest swing first, then widest range
    rater_composites: list[RaterComposite]

    @property
    def rater_range(self) -> tuple[float, float] | None:
        values = [r.composite for r in self.rater_composites if r.composite is not None]
        return (min(values), max(values)) if values else None


def review_round(store: Store, fw: Framework, actor: Actor, round_id: int, n_boot: int = 1000,
                 seed: int = 0) -> RoundReview:
    """Everything the lead needs to reconcile a round (refused, and audited, to a blind rater)."""
    rounds = Rounds(store)
    table, units, raters = rounds.reliability(actor, round_id)  # the blindness check
    info = rounds.status(actor, round_id)
    current = store.get_assessment(actor, info.assessment_id).entries
    overall = _alpha(table, info.level, n_boot, seed)
    groups = [fw.indicators[u].factor_id if u in fw.indicators else "?" for u in units]
    by_factor = {}
    if table.size:
        for factor, result in alpha_by_group(table, groups, info.level, n_boot=n_boot, seed=seed).items():
            by_factor[factor] = _from_result(result) if result is not None else None
    medians = _medians(table, units)
    base: dict[str, EntryIn] = {iid: e for iid, e in current.items() if iid in fw.indicators}
    base.update({iid: EntryIn(score=score) for iid, score in medians.items()})
    spreads = [s for s in unit_spread(table, units) if s.range]
    scenarios: list[dict[str, EntryIn]] = []
    for s in spreads:
        for value in (s.low, s.high):
            scenarios.append({**base, s.unit: EntryIn(score=int(value or 0))})
    for j, _rater in enumerate(raters):
        sheet: dict[str, EntryIn] = dict(base)
        for i, iid in enumerate(units):
            if not np.isnan(table[i, j]):
                sheet[iid] = EntryIn(score=int(table[i, j]))
        scenarios.append(sheet)
    scored = _composites(fw, scenarios)
    lang = current_language()
    disagreements = []
    for k, s in enumerate(spreads):
        low, high = scored[2 * k][0], scored[2 * k + 1][0]
        swing = abs((high or 0.0) - (low or 0.0))
        ind = fw.indicators.get(s.unit)
        disagreements.append(Disagreement(
            indicator_id=s.unit, text=tr(ind.text, lang) if ind else s.unit, low=int(s.low or 0), high=int(s.high or 0),
            range=int(s.range or 0), sd=s.sd, distribution={int(v): n for v, n in s.distribution.items()},
            flagged=s.flagged, swing=round(swing, 2)))
    disagreements.sort(key=lambda d: (-d.swing, -d.range, d.indicator_id))
    offset = 2 * len(spreads)
    composites = [RaterComposite(rater=r, composite=scored[offset + j][0], tier=scored[offset + j][1])
                  for j, r in enumerate(raters)]
    return RoundReview(round=info, level=info.level, raters=raters, overall=overall, by_factor=by_factor,
                       disagreements=disagreements, rater_composites=composites)


def _alpha(table: np.ndarray, level: str, n_boot: int, seed: int) -> Alpha | None:
    if table.size == 0 or table.shape[1] < 2:
        return None
    try:
        return _from_result(agreement(table, level, n_boot=n_boot, seed=seed))
    except AgreementError:
        return None


def _from_result(result) -> Alpha:
    value = None if np.isnan(result.alpha) else round(float(result.alpha), 4)
    low, high = result.interval if result.interval else (None, None)
    return Alpha(value=value, low=None if low is None or np.isnan(low) else round(float(low), 4),
                 high=None if high is None or np.isnan(high) else round(float(high), 4),
                 units=result.units, pairable=result.pairable)


def _medians(table: np.ndarray, units: list[str]) -> dict[str, int]:
    """Each indicator at the raters' median (half up), where at least one rater scored it."""
    out = {}
    for i, iid in enumerate(units):
        given = table[i][~np.isnan(table[i])]
        if given.size:
            out[iid] = int(np.floor(np.median(given) + 0.5))
    return out


def _composites(fw: Framework, scenarios: Sequence[Mapping[str, EntryIn]]) -> list[tuple[float | None, str | None]]:
    """Composite and tier of each scenario, scored in one vectorised call."""
    if not scenarios:
        return []
    rows = [(k, iid, e.score, e.missing.value if e.missing else None)
            for k, entries in enumerate(scenarios) for iid, e in entries.items() if iid in fw.indicators]
    frame = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing"])
    found = score_entries(frame, fw, list(range(len(scenarios)))).assessments
    out: list[tuple[float | None, str | None]] = []
    for k in range(len(scenarios)):
        row = found.loc[k]
        composite = None if pd.isna(row["composite"]) else round(float(row["composite"]), 2)
        out.append((composite, None if pd.isna(row["tier"]) else str(row["tier"])))
    return out


def latest_rater_range(store: Store, fw: Framework, actor: Actor, assessment_id: int) -> RoundReview | None:
    """The last rating round of an assessment whose sheets the actor may read (a closed round with its
    consensus, or an open one the actor leads or reviews), for the rater range beside the band; None
    when there is none. Never a way round the blindness: the store decides what is readable."""
    from riskframe.store.errors import PermissionDenied

    rounds = Rounds(store)
    for r in reversed(rounds.list_rounds(actor, assessment_id)):
        if r.status == "closed" and r.consensus_revision is None:
            continue  # re-rated by a Delphi round: its successor speaks for it
        try:
            review = review_round(store, fw, actor, r.id, n_boot=0)
        except PermissionDenied:
            return None
        if review.rater_range is not None:
            return review
    return None
