"""Properties of the per-crime method over random assessments of the real framework (hypothesis)."""

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
RANK = {t.id: i for i, t in enumerate(FW.manifest.scoring.tiers)}
VALUES = st.sampled_from([0, 1, 2, 3, 3, "unknown", "not_assessed", "not_applicable", None])
CONF = st.sampled_from(["low", "medium", "high", None])
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

assessment = st.lists(VALUES, min_size=len(IDS), max_size=len(IDS)).map(lambda vs: dict(zip(IDS, vs)))


def frame(values: dict, aid="A", conf: dict | None = None) -> pd.DataFrame:
    rows = [(aid, i, v if isinstance(v, int) else None, v if isinstance(v, str) else None,
             (conf or {}).get(i), "note") for i, v in values.items() if v is not None]
    return pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing", "confidence", "evidence"])


def run(values: dict, conf: dict | None = None):
    s = score_entries(frame(values, conf=conf), FW, ["A"])
    return s.assessments.loc["A"], s.crimes.set_index("crime")


@SETTINGS
@given(assessment, st.sampled_from(RISK))
def test_raising_a_risk_indicator_never_lowers_any_crime_level(values, ind):
    assume(isinstance(values[ind], int) and values[ind] < 3)
    _, before = run(values)
    _, after = run({**values, ind: values[ind] + 1})
    for crime in before.index:
        assert RANK[after.loc[crime, "level"]] >= RANK[before.loc[crime, "level"]]


@SETTINGS
@given(assessment, st.sampled_from(RES))
def test_resilience_never_lowers_a_level(values, ind):
    """Resilience is its own axis: it can only fill an unscored mirrored risk indicator, never lower a level."""
    assume(isinstance(values[ind], int) and values[ind] < 3)
    before, _ = run(values)
    after, _ = run({**values, ind: values[ind] + 1})
    pair_risk = {p.risk for p in FW.manifest.method.mirrors.pairs if p.resilience == ind}
    if not pair_risk:
        assert after["headline_level"] == before["headline_level"]


@SETTINGS
@given(assessment, st.dictionaries(st.sampled_from(RISK), CONF, max_size=40))
def test_the_band_holds_the_level_and_confidence_only_widens_it(values, conf):
    a, crimes = run(values)
    for crime in crimes.index:
        r = crimes.loc[crime]
        assert RANK[r["level_low"]] <= RANK[r["level"]] <= RANK[r["level_high"]]
    sure, _ = run(values, {i: "high" for i in RISK})
    unsure, _ = run(values, {i: "low" for i in RISK})
    assert RANK[unsure["headline_level_low"]] <= RANK[sure["headline_level_low"]]
    assert RANK[unsure["headline_level_high"]] >= RANK[sure["headline_level_high"]]


@SETTINGS
@given(assessment, st.sampled_from(RISK))
def test_unknown_only_widens_and_never_clears_provisional(values, ind):
    assume(isinstance(values[ind], int))
    before, _ = run(values)
    after, _ = run({**values, ind: "unknown"})
    assert RANK[after["headline_level_high"]] >= RANK[before["headline_level_high"]] or values[ind] == 3
    assert after["provisional"] or not before["provisional"]


@SETTINGS
@given(st.lists(assessment, min_size=2, max_size=3))
def test_batch_equals_each_alone(batch):
    df = pd.concat([frame(v, f"a{n}") for n, v in enumerate(batch)], ignore_index=True)
    together = score_entries(df, FW, [f"a{n}" for n in range(len(batch))]).assessments
    for n, values in enumerate(batch):
        alone = score_entries(frame(values, f"a{n}"), FW, [f"a{n}"]).assessments.loc[f"a{n}"]
        for key in ("headline", "status", "provisional", "headline_level_low", "headline_level_high",
                    "unresolved_red_flags"):
            assert together.loc[f"a{n}", key] == alone[key]
