"""The reference comparison (pure): percentiles among the same countries, the series window, divergence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from riskframe.analytics.reference import compare, percentiles
from riskframe.framework.reference_models import Reference

SETTINGS = Reference(divergence_percentile_points=40, min_countries=3)


def _assessments(period: str, composites: dict[str, float], start: int = 1) -> pd.DataFrame:
    end = pd.Timestamp(f"{period[:4]}-06-30")
    rows = [{"country": c, "period": period, "composite": v, "period_end": end} for c, v in composites.items()]
    return pd.DataFrame(rows, index=pd.Index(range(start, start + len(rows)), name="assessment_id"))


def _values(series_id: int, base: int, window: tuple[int, int], values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame([{"series_id": series_id, "country": c, "year": base, "covers_from": window[0],
                          "covers_to": window[1], "value": v, "rank": None, "label": c} for c, v in values.items()])


def test_percentiles_rank_from_0_to_100_with_ties_and_nan():
    got = percentiles(pd.Series([3.0, 1.0, 2.0, np.nan, 2.0]))
    assert got.tolist()[:3] == [100.0, 0.0, 50.0] and np.isnan(got.iloc[3]) and got.iloc[4] == 50.0
    assert percentiles(pd.Series([7.0])).tolist() == [50.0]


def test_same_order_means_no_divergence_and_reversed_order_diverges():
    a = _assessments("2025-Q2", {"XA": 10, "XB": 20, "XC": 30, "XD": 40})
    same = compare(a, _values(1, 2024, (2025, 2026), {"XA": .01, "XB": .02, "XC": .03, "XD": .04}), {1: "s"}, SETTINGS)
    assert (same["gap"] == 0).all() and not same["diverges"].any()
    rev = compare(a, _values(1, 2024, (2025, 2026), {"XA": .04, "XB": .03, "XC": .02, "XD": .01}), {1: "s"}, SETTINGS)
    assert rev.set_index("country").loc[["XA", "XD"], "diverges"].all()
    assert rev.set_index("country").at["XA", "gap"] == 100.0
    assert not rev.set_index("country").loc[["XB", "XC"], "diverges"].any()  # 33 points apart: under 40


def test_only_countries_with_both_numbers_are_ranked():
    a = _assessments("2025-Q2", {"XA": 10, "XB": 20, "XC": np.nan, "XD": 40})
    got = compare(a, _values(1, 2024, (2025, 2026), {"XA": .3, "XB": .2, "XC": .9, "XE": .5}), {1: "s"},
                  SETTINGS).set_index("country")
    assert set(got.index) == {"XA", "XB", "XC"}  # XD has no reference value; XE no assessment
    assert (got["n_compared"] == 2).all() and np.isnan(got.at["XC", "ref_pct"])
    assert got.at["XA", "ref_pct"] == 100 and got.at["XA", "judgement_pct"] == 0
    assert not got["diverges"].any()  # 2 countries < min_countries 3


def test_the_series_window_must_cover_the_period_year_and_the_newest_series_wins():
    a = pd.concat([_assessments("2025-Q2", {"XA": 1, "XB": 2, "XC": 3}),
                   _assessments("2027-Q1", {"XA": 1, "XB": 2, "XC": 3}, start=10)])
    old = _values(1, 2023, (2024, 2025), {"XA": .1, "XB": .2, "XC": .3})
    new = _values(2, 2024, (2025, 2026), {"XA": .3, "XB": .2, "XC": .1})
    got = compare(a, pd.concat([old, new]), {2: "new", 1: "old"}, SETTINGS)
    assert set(got["period"]) == {"2025-Q2"}  # nothing covers 2027
    assert set(got["series"]) == {"new"} and set(got["ref_year"]) == {2024}
    only_old = compare(a, pd.concat([old, new]), {1: "old", 2: "new"}, SETTINGS)
    assert set(only_old["series"]) == {"old"}


@pytest.mark.parametrize("threshold, flagged", [(40, True), (100, False)])
def test_the_threshold_comes_from_the_settings(threshold, flagged):
    a = _assessments("2025-Q2", {"XA": 10, "XB": 20, "XC": 30})
    v = _values(1, 2024, (2025, 2026), {"XA": .3, "XB": .2, "XC": .1})
    got = compare(a, v, {1: "s"}, Reference(divergence_percentile_points=threshold, min_countries=3))
    assert bool(got.set_index("country").at["XA", "diverges"]) is flagged


def test_nothing_to_compare_gives_an_empty_frame():
    a = _assessments("2025-Q2", {"XA": 1})
    assert compare(a, pd.DataFrame(), {}, SETTINGS).empty
    assert compare(a.iloc[0:0], _values(1, 2024, (2025, 2026), {"XA": .1}), {1: "s"}, SETTINGS).empty


def test_the_manifest_carries_the_reference_section_and_it_is_validated():
    from pydantic import ValidationError

    from riskframe.framework import load_framework

    assert load_framework().manifest.reference == Reference(divergence_percentile_points=40, min_countries=5)
    for bad in ({"divergence_percentile_points": 0}, {"divergence_percentile_points": 120}, {"min_countries": 1},
                {"threshold": 40}):
        with pytest.raises(ValidationError):
            Reference.model_validate(bad)
