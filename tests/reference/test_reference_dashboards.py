"""The reference series on the country and comparison dashboards and in the alerts (demo data, fictional)."""

from __future__ import annotations

import datetime as dt

import pytest

from riskframe.analytics import build_panel, portfolio_alerts, select_statuses
from riskframe.analytics.reference import compare, settings_of
from riskframe.framework import load_framework
from riskframe.store import open_store
from riskframe.store.reference import References
from tests.app.conftest import auth_off_without_accounts, db_url, open_app  # noqa: F401 (fixtures)
from tests.app.test_dashboards_app import no_exception, texts, use
from tests.charts.data import ADMIN, demo_template

FW = load_framework()
# invented values: XB (highest composite in 2026-Q1) gets the lowest reference value, so the two diverge
VALUES = {"XA": 0.20, "XB": 0.01, "XC": 0.30, "XD": 0.25, "XE": 0.05, "XF": 0.40}
META = {"name": "Invented test series", "kind": "ewp", "source": "invented for the tests",
        "licence": "test data, no licence", "measure": "probability (invented)", "base_year": 2025}


@pytest.fixture
def demo(db_url):  # noqa: F811
    use(demo_template(), db_url)
    store = open_store(db_url)
    References(store).import_series(ADMIN, META, [
        {"country": c, "year": 2025, "covers_from": 2026, "covers_to": 2027, "value": v, "rank": i + 1}
        for i, (c, v) in enumerate(sorted(VALUES.items(), key=lambda kv: -kv[1]))])
    statuses = select_statuses(False)
    entries = store.entries_frame(ADMIN, statuses=statuses)
    yield store, entries, build_panel(entries, FW, statuses)
    store.close()


def test_country_dashboard_shows_the_reference_beside_the_composite(demo):
    at = open_app("dash_country", country="XB")
    no_exception(at)
    assert "Reference: Invented test series" in texts(at.markdown)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reference value"] == "1% (rank 6)"
    assert metrics["Reference percentile"] == "0" and metrics["Composite percentile"] == "100"
    caption = texts(at.caption)
    assert "invented for the tests" in caption and "test data, no licence" in caption
    assert "diverge: 100 percentile points apart" in texts(at.warning)


def test_no_reference_series_no_reference_block(db_url):  # noqa: F811
    use(demo_template(), db_url)
    at = open_app("dash_country", country="XB")
    no_exception(at)
    assert "Reference:" not in texts(at.markdown)
    assert "Reference percentile" not in [m.label for m in at.metric]


def test_comparison_ranking_carries_the_reference_columns(demo):
    at = open_app("dash_compare")
    no_exception(at)
    table = at.dataframe[0].value.set_index("country")
    assert {"ref_value", "ref_pct"} <= set(table.columns)
    assert table.at["XB", "ref_pct"] == 0 and table.at["XF", "ref_pct"] == 100


def test_alerts_flag_the_divergence(demo):
    store, _entries, panel = demo
    refs = References(store)
    series = {s.id: s.name for s in refs.list_series(ADMIN)}
    reference = compare(panel.assessments, refs.values(ADMIN), series, settings_of(FW))
    alerts = portfolio_alerts(panel, FW, dt.date(2026, 4, 15), reference=reference)
    flagged = alerts[alerts["kind"] == "reference_diverges"]
    assert "XB" in set(flagged["country"])
    assert "Invented test series: percentile 0; composite: percentile 100 (among 5 countries)" in \
        flagged.set_index("country").at["XB", "detail"]
    without = portfolio_alerts(panel, FW, dt.date(2026, 4, 15))
    assert "reference_diverges" not in set(without["kind"])
