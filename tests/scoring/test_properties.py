"""Properties of the rules, over random assessments of the real framework (hypothesis)."""

import math

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from riskframe.framework import load_framework
from riskframe.scoring import score_entries
from riskframe.settings import REPO_ROOT

FW = load_framework(REPO_ROOT / "indicators")
IDS = list(FW.indicators)
RISK = [i for i in IDS if FW.indicators[i].kind == "risk"]
RES = [i for i in IDS if FW.indicators[i].kind == "resilience"]
VALUES = st.sampled_from([0, 1, 2, 3, "unknown", "not_assessed", "not_applicable", None])
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

assessment = st.lists(VALUES, min_size=len(IDS), max_size=len(IDS)).map(lambda vs: dict(zip(IDS, vs)))


def rows(aid, values: dict):
    return [(aid, i, v if isinstance(v, int) else None, v if isinstance(v, str) else None)
            for i, v in values.items() if v is not None]


def score(values: dict, aid="A"):
    df = pd.DataFrame(rows(aid, values), columns=["assessment_id", "indicator_id", "score", "missing"])
    return score_entries(df, FW, [aid]).assessments.loc[aid]


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


@SETTINGS
@given(assessment)
def test_bounded(values):
    a = score(values)
    for key in ("composite", "band_low", "band_high", "risk_index", "resilience_index"):
        assert math.isnan(a[key]) or 0 <= a[key] <= 100
    assert 0 <= a["band_low"] <= a["band_high"] <= 100
    if not math.isnan(a["composite"]):
        assert a["band_low"] - 1e-9 <= a["composite"] <= a["band_high"] + 1e-9
    assert 0 <= a["coverage"] <= 1 or math.isnan(a["coverage"])


@SETTINGS
@given(assessment, st.sampled_from(RISK))
def test_raising_a_risk_indicator_never_lowers_the_composite(values, ind):
    assume(isinstance(values[ind], int) and values[ind] < 3)
    before = score(values)["composite"]
    after = score({**values, ind: values[ind] + 1})["composite"]
    assert after >= before - 1e-9


@SETTINGS
@given(assessment, st.sampled_from(RES))
def test_raising_a_resilience_indicator_never_raises_the_composite(values, ind):
    assume(isinstance(values[ind], int) and values[ind] < 3)
    before = score(values)["composite"]
    after = score({**values, ind: values[ind] + 1})["composite"]
    assert same(after, before) or after <= before + 1e-9


@SETTINGS
@given(assessment, st.sampled_from(IDS))
def test_unknown_never_narrows_the_band_nor_raises_coverage(values, ind):
    assume(isinstance(values[ind], int))
    before = score(values)
    after = score({**values, ind: "unknown"})
    assert after["band_low"] <= before["band_low"] + 1e-9
    assert after["band_high"] >= before["band_high"] - 1e-9
    assert after["coverage"] <= before["coverage"] + 1e-12


@SETTINGS
@given(assessment)
def test_deterministic(values):
    a, b = score(values), score(values)
    assert all(same(a[k], b[k]) for k in ("composite", "band_low", "band_high")) and a["tier"] == b["tier"]


@SETTINGS
@given(st.lists(assessment, min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_batch_equals_each_alone_and_ignores_row_order(batch, rnd):
    all_rows = [r for n, values in enumerate(batch) for r in rows(f"a{n}", values)]
    rnd.shuffle(all_rows)
    df = pd.DataFrame(all_rows, columns=["assessment_id", "indicator_id", "score", "missing"])
    ids = [f"a{n}" for n in range(len(batch))]
    together = score_entries(df, FW, ids).assessments
    for n, values in enumerate(batch):
        alone = score(values, f"a{n}")
        for key in ("composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage"):
            assert same(together.loc[f"a{n}", key], alone[key]) or abs(together.loc[f"a{n}", key] - alone[key]) < 1e-9
        assert together.loc[f"a{n}", "tier"] == alone["tier"]
        assert together.loc[f"a{n}", "red_flags"] == alone["red_flags"]
