"""How sure the dashboards' tiers and ranks are (issue 22): tier probabilities, robustness, rank bands."""

from __future__ import annotations

import pandas as pd
import pytest

from riskframe.analytics import build_panel, select_statuses
from riskframe.analytics.robustness import panel_robustness
from riskframe.app.pages.dash_country import HOW_SURE_KEY
from riskframe.framework import load_framework
from riskframe.scoring.sensitivity import settings_of
from riskframe.store import open_store
from tests.app.conftest import open_app
from tests.app.test_dashboards_app import no_exception, use
from tests.charts.data import ADMIN, demo_template

FW = load_framework()


@pytest.fixture
def demo(db_url):
    use(demo_template(), db_url)
    store = open_store(db_url)
    statuses = select_statuses(False)
    entries = store.entries_frame(ADMIN, statuses=statuses)
    yield store, entries, build_panel(entries, FW, statuses)
    store.close()


def test_panel_robustness_per_period_sums_to_one_and_repeats_with_the_seed(demo):
    _store, entries, panel = demo
    period = str(panel.assessments["period"].iloc[-1])
    first = panel_robustness(entries, FW, panel, period, draws=300, seed=7)
    again = panel_robustness(entries, FW, panel, period, draws=300, seed=7)
    assert set(first.index) == set(panel.assessments.index[panel.assessments["period"] == period])
    tiers = [f"p_{t.id}" for t in FW.manifest.scoring.tiers]
    assert (first[tiers].sum(axis=1) - 1).abs().max() < 1e-9
    pd.testing.assert_frame_equal(first, again)
    assert (first["rank_low"] <= first["rank_median"]).all() and (first["rank_median"] <= first["rank_high"]).all()
    assert (first["rank_of"] == len(first)).all()


def test_country_dashboard_says_how_sure_the_tier_is(demo):
    _store, entries, panel = demo
    at = open_app("dash_country", country="XB")
    no_exception(at)
    [box] = [e for e in at.expander if e.label.startswith("How sure is this tier?")]
    latest = panel.country("XB").iloc[-1]
    found = panel_robustness(entries, FW, panel, str(latest["period"])).loc[latest.name]
    verdict = "robust" if found["tier_robust"] else "not robust"
    assert box.label.endswith(f"{settings_of(FW).draws} draws: {verdict}")
    # closed, its table and metrics are not drawn (issue 18: lazy); opened, they are
    assert not any(m.label.startswith("Rank in") for m in at.metric)
    frames = len(at.dataframe)
    at.session_state[HOW_SURE_KEY] = True
    at.run()
    no_exception(at)
    assert any(m.label.startswith("Rank in") for m in at.metric)
    assert len(at.dataframe) == frames + 1  # the tier probabilities


def test_comparison_ranking_carries_rank_bands(demo):
    at = open_app("dash_compare")
    no_exception(at)
    table = at.dataframe[0].value
    assert "rank_band" in table.columns and "tier_sure" in table.columns
    bands = table["rank_band"].dropna().tolist()
    assert bands and all("–" in b for b in bands)
    assert table["tier_sure"].between(0, 1).all()
