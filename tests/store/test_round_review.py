"""The lead's reading of a round (riskframe.assessments.round_review): alpha, ranked disagreements, rater range."""

from __future__ import annotations

import math

import pytest
from test_rating_rounds import ACTORS, ADMIN, AMINA, LEAD, SHEETS, submit_all
from test_rating_rounds import assessment, opened, rounds  # noqa: F401 - fixtures

from riskframe.assessments.round_review import review_round
from riskframe.assessments.scores import score_one
from riskframe.domain import EntryIn
from riskframe.framework import load_framework
from riskframe.scoring.agreement import alpha
from riskframe.store import PermissionDenied

FW = load_framework()


def test_review_ranks_disagreements_by_their_swing_in_the_composite(store, rounds, opened, assessment):  # noqa: F811
    submit_all(rounds, opened.id)
    review = review_round(store, FW, LEAD, opened.id, n_boot=200)
    assert [d.indicator_id for d in review.disagreements] == ["1.2"]  # 1.1 unanimous, 2.1 unknown for all
    d = review.disagreements[0]
    assert (d.low, d.high, d.range, d.flagged) == (0, 2, 2, True)
    assert d.distribution == {0: 1, 1: 1, 2: 1}
    # the swing is the composite at 1.2 = 2 minus at 1.2 = 0, the rest at the raters' median
    current = store.get_assessment(ADMIN, assessment.id).entries
    base = {**current, "1.1": EntryIn(score=2)}
    at = {v: score_one(FW, 1, {**base, "1.2": EntryIn(score=v)}).assessments.iloc[0]["composite"] for v in (0, 2)}
    assert d.swing == pytest.approx(abs(at[2] - at[0]), abs=0.01)
    assert d.swing > 0


def test_review_gives_alpha_and_the_rater_range(store, rounds, opened, assessment):  # noqa: F811
    submit_all(rounds, opened.id)
    review = review_round(store, FW, LEAD, opened.id, n_boot=200)
    table, _units, _raters = rounds.reliability(LEAD, opened.id)
    assert review.overall is not None and review.overall.value == pytest.approx(alpha(table, "ordinal"), abs=1e-4)
    assert review.overall.low is not None and review.overall.low <= review.overall.value <= review.overall.high
    assert [r.rater for r in review.rater_composites] == ["amina", "jonas", "kofi"]
    low, high = review.rater_range
    # jonas gave 1.2 a 2 and amina a 0: their composites bound the range
    by = {r.rater: r.composite for r in review.rater_composites}
    assert low == by["amina"] and high == by["jonas"] and low < high
    assert not math.isnan(high)


def test_a_rater_who_has_not_submitted_cannot_review(store, rounds, opened):  # noqa: F811
    rounds.submit_sheet(ACTORS["jonas"], opened.id, SHEETS["jonas"])
    with pytest.raises(PermissionDenied):
        review_round(store, FW, AMINA, opened.id, n_boot=50)
