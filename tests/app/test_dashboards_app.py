"""Dashboard pages in AppTest: demo data, a hand-made scenario, and an empty database."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from riskframe.app.pages.dash_common import csv_frame
from riskframe.app.pages.dash_compare import MAP_KEY, SMALL_KEY
from riskframe.app.pages.dash_country import FACTOR_TAB_KEY
from riskframe.store import open_store
from tests.app.conftest import open_app
from tests.charts.data import ADMIN, copy_to, demo_template, risk_entries, scenario_template

PAGES = ["dash_country", "dash_compare", "dash_alerts"]


def no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def use(template: Path, db_url: str) -> None:
    copy_to(template, Path(db_url.removeprefix("sqlite:///")))


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_demo_data_with_csv_and_banner(db_url, page):
    use(demo_template(), db_url)
    at = open_app(page)
    no_exception(at)
    assert "Fictional data" in texts(at.warning)
    assert "Showing validated assessments only." in texts(at.caption)
    charts, downloads = at.get("plotly_chart"), at.get("download_button")
    if page != "dash_alerts":
        assert charts, "no chart drawn"
    assert len(downloads) >= len(charts)  # every chart offers its data
    at.toggle(key="dash_include_drafts").set_value(True).run()
    no_exception(at)
    assert "including drafts" in texts(at.caption)


@pytest.mark.parametrize("page", PAGES)
def test_empty_database_says_what_to_do(store, page):
    at = open_app(page)
    no_exception(at)
    assert "No validated assessment" in texts(at.info) and "include drafts or validate one" in texts(at.info)
    assert not at.get("plotly_chart")
    at.toggle(key="dash_include_drafts").set_value(True).run()
    no_exception(at)
    assert "start one on the Assess page" in texts(at.info)


def test_country_with_only_a_draft(db_url):
    use(scenario_template(), db_url)
    at = open_app("dash_country", country="XE")
    no_exception(at)
    assert at.selectbox(key="country_dash_country").value == "XE"
    assert "No validated assessment for XE yet — include drafts or validate one." in texts(at.info)
    assert "Fictional data: XE" in texts(at.warning)
    assert not at.get("plotly_chart")
    at.toggle(key="dash_include_drafts").set_value(True).run()
    no_exception(at)
    assert at.get("plotly_chart")


def test_country_dashboard_shows_the_numbers_flags_and_changes(db_url):
    use(scenario_template(), db_url)
    at = open_app("dash_country", country="XB")
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tier"] == "Elevated" and metrics["Red flags raised"] == "1"
    assert metrics["Composite (0–100)"] == "54.7"  # method 2 changed which indicators are red flags
    frames = [d.value for d in at.dataframe]  # the tier probabilities stay closed (drawn when opened)
    flags = next(f for f in frames if "raised since" in f.columns)
    assert list(flags["indicator"]) == ["7.14"] and flags.iloc[0]["raised since"] == "2025-Q4"
    moves = next(f for f in frames if "indicator_id" in f.columns)
    assert list(moves["indicator_id"]) == ["7.14"] and moves.iloc[0]["evidence"] == "7.14 scored 3."
    # composite, indices, drivers, the open tab's risk heatmap, coverage (issue 18: the closed tab is not drawn)
    assert len(at.get("plotly_chart")) == 5
    assert "No resilience section of XB is scored" not in texts(at.info)  # its tab is not drawn until opened
    at.session_state[FACTOR_TAB_KEY] = "Resilience sections"  # the scenario scores no resilience indicator
    at.run()
    no_exception(at)
    assert "No resilience section of XB is scored" in texts(at.info)
    assert len(at.get("plotly_chart")) == 4  # the risk heatmap is not drawn while its tab is closed


def test_a_save_shows_at_once(db_url, fw):
    use(scenario_template(), db_url)
    at = open_app("dash_country", country="XA")
    at.toggle(key="dash_include_drafts").set_value(True).run()
    assert {m.label: m.value for m in at.metric}["Composite (0–100)"] == "100.0"  # the 2026-Q1 draft
    with open_store(db_url) as store:
        draft = store.find_assessment(ADMIN, "XA", "2026-Q1")
        store.save_entries(ADMIN, draft.id, draft.revision, risk_entries(fw, 0), fw.indicator_ids())
    at.run()
    no_exception(at)
    assert {m.label: m.value for m in at.metric}["Composite (0–100)"] == "0.0"


def test_alerts_link_to_the_country_dashboard(db_url):
    use(scenario_template(), db_url)
    at = open_app("dash_alerts")
    no_exception(at)
    table = at.dataframe[0].value
    assert {"XA", "XB", "XC"} <= set(table["country"])
    assert set(table["dashboard"]) == {f"country?country={c}" for c in table["country"]}
    links = at.get("page_link")
    assert {link.proto.query_string for link in links} == {f"country={c}" for c in table["country"]}
    assert all(link.proto.page == "country" for link in links)


def test_comparison_ranks_and_keeps_fictional_countries_off_the_map(db_url):
    use(scenario_template(), db_url)
    at = open_app("dash_compare")
    no_exception(at)
    assert at.selectbox(key="compare_period").value == "2025-Q4"
    ranking = at.dataframe[0].value
    assert list(ranking["country"]) == ["XA", "XB", "XD"]
    assert "No real country has an assessment in 2025-Q4" in texts(at.caption)
    assert "No country has a resilience score in 2025-Q4" in texts(at.info)
    beside = at.dataframe[1].value
    assert set(beside["country"]) == {"XA", "XB", "XD"} and beside["reason"].str.startswith("fictional").all()
    # issue 18: with no real country the empty map, and the small multiples, are drawn when opened
    drawn = {c.key for c in at.get("plotly_chart")}
    assert "compare_trend_chart" in drawn and not drawn & {"compare_map_chart", "compare_small_chart"}
    at.session_state[MAP_KEY] = True
    at.session_state[SMALL_KEY] = True
    at.run()
    no_exception(at)
    assert {"compare_map_chart", "compare_small_chart"} <= {c.key for c in at.get("plotly_chart")}


def test_csv_export_is_plain_text():
    frame = pd.DataFrame({"red_flags": [("7.14", "8.7"), ()], "top_contributors": ["Top contributors:<br>7.14 x", ""]})
    out = csv_frame(frame)
    assert list(out["red_flags"]) == ["7.14, 8.7", ""]
    assert out["top_contributors"][0] == "Top contributors:; 7.14 x"
