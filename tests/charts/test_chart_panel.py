"""The scored panel: one row per assessment, the same numbers as the scoring engine."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from riskframe.analytics import ALL_STATUSES, build_panel, default_period, empty_panel, ranking
from riskframe.analytics.hover import contributor_text, top_contributor_ids
from riskframe.scoring import score_entries
from riskframe.scoring.explain import top_contributors


def test_one_row_per_assessment_with_the_engines_numbers(scenario_entries, scenario_panel, fw):
    validated = scenario_entries[scenario_entries["status"] == "validated"]
    scores = score_entries(validated, fw)
    a = scenario_panel.assessments.set_index("assessment_id")
    assert sorted(a.index) == sorted(scores.assessments.index)
    for col in ("composite", "band_low", "band_high", "risk_index", "coverage"):
        pd.testing.assert_series_equal(a[col].sort_index(), scores.assessments[col].sort_index(),
                                       check_names=False, check_index_type=False)
    assert (a["tier"].sort_index() == scores.assessments["tier"].sort_index()).all()
    for theme in fw.manifest.scoring.drivers:
        assert theme in a


def test_rows_are_sorted_by_country_then_period(scenario_panel):
    a = scenario_panel.assessments
    assert list(a["country"]) == sorted(a["country"])
    for _, rows in a.groupby("country"):
        assert rows["period_start"].is_monotonic_increasing


def test_validated_only_by_default_and_drafts_on_request(scenario_entries, scenario_panel, fw):
    assert set(scenario_panel.assessments["status"]) == {"validated"}
    assert "XE" not in set(scenario_panel.assessments["country"])  # only a submitted assessment
    everything = build_panel(scenario_entries, fw, ALL_STATUSES)
    xa = everything.country("XA")
    assert list(xa["period"]) == ["2025-Q3", "2025-Q4", "2026-Q1"]
    assert xa.iloc[-1]["status"] == "draft"
    assert "XE" in set(everything.assessments["country"])


def test_previous_period_deltas(scenario_panel):
    xa = scenario_panel.country("XA")
    first, second = xa.iloc[0], xa.iloc[1]
    assert pd.isna(first["composite_delta"]) and pd.isna(first["prev_period"])
    assert second["prev_period"] == "2025-Q3"
    assert second["composite_delta"] == pytest.approx(200 / 3 - 100 / 3)
    assert (first["tier"], second["tier"], second["tier_change"]) == ("moderate", "high", 2)
    xb = scenario_panel.country("XB").iloc[-1]
    assert xb["new_red_flags"] == ("7.14",) and xb["tier_change"] == 0


def test_mean_confidence_counts_scored_indicators(scenario_panel):
    assert (scenario_panel.assessments["confidence"] == 2.0).all()  # every entry is 'medium'


def test_hover_names_the_same_top_contributors_as_explain(scenario_entries, fw):
    scores = score_entries(scenario_entries, fw)
    index, ids, points = top_contributor_ids(scores, fw, 5)
    text = contributor_text(scores, fw, 3)
    for k, aid in enumerate(index):
        expected = top_contributors(scores, fw, aid, 5)
        assert [i for i in ids[k] if i is not None] == [t["indicator_id"] for t in expected]
        for got, want in zip(points[k], expected):
            assert got == pytest.approx(want["points"])
        if expected:
            assert text[aid].startswith("Top contributors:<br>" + expected[0]["indicator_id"] + " ")


def test_nothing_scored_gives_no_contributors(fw):
    entries = pd.DataFrame({"assessment_id": [1], "indicator_id": ["1.1"], "score": [None], "missing": ["unknown"]})
    scores = score_entries(entries, fw)
    assert contributor_text(scores, fw)[1] == "No risk indicator scored"


def test_empty_entries_give_an_empty_panel_with_the_columns(fw, scenario_entries):
    panel = build_panel(scenario_entries.iloc[0:0], fw)
    assert panel.empty and panel.periods() == []
    assert set(empty_panel(panel.drivers).assessments.columns) >= {"composite", "tier", "hate_speech"}
    assert ranking(panel, "2025-Q4").empty and default_period(panel) is None


def test_ranking_orders_by_composite_and_carries_changes(scenario_panel):
    table = ranking(scenario_panel, "2025-Q4", {"XA": "Arvenia (fictional)"})
    assert list(table["country"]) == ["XA", "XB", "XD"]
    assert list(table["rank"]) == [1, 2, 3]
    assert table.loc[0, "name"] == "Arvenia (fictional)" and table.loc[1, "name"] == "XB"
    assert table.loc[0, "composite_delta"] == pytest.approx(100 / 3)
    assert table.loc[1, "red_flags"] == "7.14"


def test_default_period_skips_a_thinly_assessed_latest_period(scenario_panel, demo_panel):
    assert default_period(scenario_panel) == "2025-Q4"
    counts = demo_panel.assessments.groupby("period")["country"].nunique()
    chosen = default_period(demo_panel)
    assert counts[chosen] >= counts.max() / 2
    assert all(counts[p] < counts.max() / 2 for p in demo_panel.periods() if p > chosen)


def test_demo_panel_flags_its_countries_as_fictional(demo_panel):
    a = demo_panel.assessments
    assert len(a) > 10 and a["fictional"].all()
    assert not math.isnan(a["composite"].iloc[0])
