"""The scoring rules on small, hand-checked examples."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskframe.framework import load_framework
from riskframe.scoring import score_entries
from riskframe.scoring.explain import contributions, explain
from riskframe.scoring.oracle import score_one
from riskframe.scoring.report import assessment_report
from riskframe.settings import REPO_ROOT

N_INDICATORS = len(load_framework(REPO_ROOT / "indicators").indicators)  # the random batches' width


def frame(rows):
    return pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing"])


def one(fw, entries: dict, aid="A"):
    rows = [(aid, i, s if isinstance(s, int) else None, None if isinstance(s, int) else s) for i, s in entries.items()]
    return score_entries(frame(rows), fw, [aid])


def test_factor_score_is_mean_of_scored_on_0_100(fw):
    s = one(fw, {"1.1": 3, "1.2": 0, "1.3": "unknown", "1.4": "not_applicable"})
    f1 = s.factors.set_index("factor_id").loc["1"]
    assert f1["score"] == pytest.approx(50.0)
    n1 = len(fw.factor_by_id["1"].indicators)
    assert f1["coverage"] == pytest.approx(2 / (n1 - 1))  # not_applicable leaves the denominator
    # band: unknown and the unassessed rest at 0 vs 3
    n_band = n1 - 3
    assert f1["low"] == pytest.approx(3 / (2 + n_band) * 100 / 3)
    assert f1["high"] == pytest.approx((3 + 3 * n_band) / (2 + n_band) * 100 / 3)


def test_missing_is_never_read_as_zero(fw):
    only_scored = one(fw, {"1.1": 3})
    with_unknowns = one(fw, {"1.1": 3, "1.2": "unknown", "1.3": "not_assessed"})
    assert only_scored.assessments["composite"].iloc[0] == with_unknowns.assessments["composite"].iloc[0] == 100.0


def test_composite_is_risk_dampened_by_resilience(fw):
    s = one(fw, {"1.1": 3, "2.1": 1, "R1.1": 3})
    a = s.assessments.iloc[0]
    assert a["risk_index"] == pytest.approx((100 + 100 / 3) / 2)
    assert a["resilience_index"] == pytest.approx(100)
    d = fw.manifest.scoring.resilience_dampening
    assert a["composite"] == pytest.approx(a["risk_index"] * (1 - d))


def test_no_resilience_information_gives_no_credit(fw):
    a = one(fw, {"1.1": 2}).assessments.iloc[0]
    assert math.isnan(a["resilience_index"])
    assert a["composite"] == pytest.approx(200 / 3)


def test_nothing_scored_has_no_composite_and_the_widest_band(fw):
    a = one(fw, {}).assessments.iloc[0]
    assert math.isnan(a["composite"]) and a["tier"] is None
    assert a["band_low"] == 0 and a["band_high"] == 100
    assert a["coverage"] == 0


def test_tiers_follow_manifest_thresholds(fw):
    tiers = {t.id: t.min for t in fw.manifest.scoring.tiers}
    a = one(fw, {"1.1": 1}).assessments.iloc[0]  # composite 33.3
    assert tiers["moderate"] <= a["composite"] < tiers["elevated"]
    assert a["tier"] == "moderate"


def test_raised_red_flag_lifts_the_tier(fw):
    flag = next(i for i in fw.indicators.values() if i.red_flag)
    floor = flag.red_flag.min_tier or fw.manifest.scoring.red_flag.min_tier
    raised_at = fw.manifest.scoring.red_flag.raised_at
    base = {"1.1": 0, "1.2": 0, "1.3": 0, flag.id: raised_at}
    a = one(fw, base).assessments.iloc[0]
    assert a["red_flags"] == (flag.id,)
    ranks = [t.id for t in fw.manifest.scoring.tiers]
    assert ranks.index(a["tier"]) >= ranks.index(floor)
    below = one(fw, {**base, flag.id: raised_at - 1}).assessments.iloc[0]
    assert below["red_flags"] == ()


def test_drivers_follow_tagged_risk_indicators(fw):
    tagged = [i.id for i in fw.indicators.values() if "hate_speech" in i.tags and i.kind == "risk"]
    s = one(fw, {tagged[0]: 3, tagged[1]: 0})
    assert s.drivers["hate_speech"].iloc[0] == pytest.approx(50)
    assert math.isnan(one(fw, {"1.1": 2}).drivers["hate_speech"].iloc[0]) or "hate_speech" in fw.indicators["1.1"].tags


def test_contributions_add_up_to_the_risk_index(fw):
    s = one(fw, {"1.1": 3, "1.2": 1, "7.14": 2, "8.1": 3})
    total = contributions(s, fw).loc["A"].sum()
    assert total == pytest.approx(s.assessments.loc["A", "risk_index"])


def test_explanation_names_factors_indicators_and_flags(fw):
    s = one(fw, {"1.1": 3, "7.14": 3, "R1.1": 1})
    text = " ".join(explain(s, fw, "A"))
    assert "Composite" in text and "7.14" in text and "1.1" in text and "Coverage" in text


def test_report_shape(fw):
    s = one(fw, {"1.1": 3, "4.3": "unknown"})
    r = assessment_report(s, fw, "A")
    assert {"composite", "tier", "coverage", "band", "risk_index", "resilience_index", "factors",
            "drivers", "red_flags", "explanation"} <= set(r)
    assert len(r["band"]) == 2 and r["band"][0] <= r["composite"] <= r["band"][1]
    assert set(r["drivers"]) == {"hate_speech", "impunity", "civic_space", "discrimination"}


def test_unknown_indicator_and_duplicates_are_refused(fw):
    with pytest.raises(KeyError, match="99.9"):
        score_entries(frame([("A", "99.9", 1, None)]), fw)
    with pytest.raises(ValueError, match="twice"):
        score_entries(frame([("A", "1.1", 1, None), ("A", "1.1", 2, None)]), fw)


def test_engine_matches_the_reference_loop(fw):
    rng = np.random.default_rng(7)
    ids = list(fw.indicators)
    rows, per = [], {}
    for a in range(25):
        per[a] = {}
        for i in ids:
            r = rng.integers(0, 8)
            score, code = (int(r), None) if r < 4 else (None, ["unknown", "not_assessed", "not_applicable", None][r - 4])
            if code is None and score is None:
                continue  # absent row
            rows.append((a, i, score, code))
            per[a][i] = (score, code)
    s = score_entries(frame(rows), fw)
    for a, entries in per.items():
        ref = score_one(entries, fw)
        got = s.assessments.loc[a]
        for key in ("composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage"):
            assert got[key] == pytest.approx(ref[key], nan_ok=True), key
        assert got["tier"] == ref["tier"] and got["red_flags"] == ref["red_flags"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from([0, 1, 2, 3, "unknown", "not_assessed", "not_applicable", None]),
                         min_size=N_INDICATORS, max_size=N_INDICATORS), min_size=1, max_size=12))
def test_batches_match_the_reference_loop_factor_by_factor(fw, batch):
    """The vectorised engine (precomputed indicator → factor matrices, tuples built for all rows at
    once) against the plain loop, on random batches: indices, band, tier, red flags and every factor."""
    ids = list(fw.indicators)
    assert len(ids) == N_INDICATORS
    rows, per = [], {}
    for a, values in enumerate(batch):
        per[a] = {}
        for i, v in zip(ids, values):
            if v is None:
                continue
            score, code = (v, None) if isinstance(v, int) else (None, v)
            rows.append((a, i, score, code))
            per[a][i] = (score, code)
    s = score_entries(frame(rows), fw, list(per))
    factors = s.factors.set_index(["assessment_id", "factor_id"])
    for a, entries in per.items():
        ref = score_one(entries, fw)
        got = s.assessments.loc[a]
        for key in ("composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage"):
            assert got[key] == pytest.approx(ref[key], nan_ok=True), key
        assert (got["tier"] if isinstance(got["tier"], str) else None) == ref["tier"]
        assert got["red_flags"] == ref["red_flags"]
        for fid, f in ref["factors"].items():
            row = factors.loc[(a, fid)]
            assert row["kind"] == f["kind"]
            for key in ("score", "low", "high", "coverage"):
                assert row[key] == pytest.approx(f[key], nan_ok=True), (fid, key)


def test_row_tuples_and_text_columns_equal_the_row_by_row_build():
    from riskframe.scoring.plan import row_tuples, text_column

    rng = np.random.default_rng(3)
    mask = rng.random((50, 7)) < 0.3
    labels = np.array(list("abcdefg"), dtype=object)
    assert row_tuples(mask, labels) == [tuple(labels[m]) for m in mask]
    assert row_tuples(np.zeros((3, 0), dtype=bool), labels[:0]) == [(), (), ()]
    for shape, p in (((400, 2), 0.5), ((400, 44), 0.03), ((400, 44), 0.5), ((30, 70), 0.1)):
        # shared patterns (few distinct rows), mostly distinct rows, more columns than an int64 key holds
        mask = rng.random(shape) < p
        labels = np.array([f"i{j}" for j in range(shape[1])], dtype=object)
        assert row_tuples(mask, labels) == [tuple(labels[m]) for m in mask]
        assert row_tuples(np.asfortranarray(mask), labels) == [tuple(labels[m]) for m in mask]
        other = mask.copy()
        other[rng.random(shape) < 0.05] ^= True  # a few rows differ from the mask whose tuples are reused
        for like_labels in (labels, labels[::-1]):
            assert row_tuples(other, like_labels, (mask, labels, row_tuples(mask, labels))) == \
                [tuple(like_labels[m]) for m in other]
    codes = rng.integers(-1, 3, 40)
    names = ["low", "mid", "high"]
    built = pd.Series(text_column(names, codes))
    expected = pd.Series([names[c] if c >= 0 else None for c in codes])
    pd.testing.assert_series_equal(built, expected)
