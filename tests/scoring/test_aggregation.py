"""Aggregation: a severe indicator is not averaged away; indicator counts are not hidden weights."""

import numpy as np

from riskframe.framework import load_framework
from riskframe.scoring import score_entries
from riskframe.scoring.aggregation import factor_intensity
from riskframe.settings import REPO_ROOT
from tests.scoring import scenarios as sc

FW = load_framework(REPO_ROOT / "indicators")
M = FW.manifest.method


def test_one_indicator_at_3_keeps_its_factor_present_however_many_siblings():
    w = M.aggregation.max_weight
    for n in (1, 5, 14, 100):
        values = np.zeros((1, n))
        values[0, 0] = 3
        got = factor_intensity(values, [np.arange(n)], w)[0, 0]
        assert got >= 3 * w >= M.aggregation.present_at
        assert got - 3 * w <= (1 - w) * 3 / n + 1e-12


def test_unscored_indicators_are_not_zeros():
    values = np.array([[3.0, np.nan, np.nan]])
    assert factor_intensity(values, [np.arange(3)], M.aggregation.max_weight)[0, 0] == 3.0
    assert np.isnan(factor_intensity(np.full((1, 3), np.nan), [np.arange(3)], 0.5)[0, 0])


def breadth_with_one_at_3(ind_id: str) -> float:
    values = {**sc.base(FW, 0, None), ind_id: 3}
    s = score_entries(sc.entries(values, "XA/2026-Q1"), FW, ["XA/2026-Q1"])
    return float(s.assessments.loc["XA/2026-Q1", "common_breadth"])


def test_indicator_counts_do_not_weigh_factors():
    """One indicator at 3 in factor 7 (14 indicators) vs in factor 3 (10) vs factor 5 (8): the breadth
    moves by nearly the same amount, bounded by (1 − w) × 3 / n; the old mean moved 0.51 vs 1.43."""
    w = M.aggregation.max_weight
    moves = {f: breadth_with_one_at_3(f"{f}.1") for f in ("3", "5", "7")}
    assert max(moves.values()) - min(moves.values()) <= (1 - w) * 3 / 8 / (3 * len(M.common)) * 100 + 1e-9
    assert min(moves.values()) >= 3 * w / (3 * len(M.common)) * 100
