"""Overdue measures on the portfolio alerts: one alert per open measure past its due quarter."""

from __future__ import annotations

import datetime as dt

from riskframe.analytics import build_panel, portfolio_alerts, select_statuses
from tests.measures.conftest import FOCAL, validated


def test_an_overdue_measure_is_an_alert_naming_it(service, store, fw):
    validated(service, "2026-Q1", [{"title": "Late plan", "status": "agreed", "due_period": "2025-Q4"},
                                   {"title": "Done plan", "status": "implemented", "due_period": "2025-Q4"}])
    today = dt.date(2026, 2, 1)
    statuses = select_statuses(False)
    panel = build_panel(store.entries_frame(FOCAL, statuses=statuses), fw, statuses)
    overdue = service.overdue_measures(FOCAL, today=today)
    alerts = portfolio_alerts(panel, fw, today, "en", overdue_measures=overdue)
    rows = alerts[alerts["kind"] == "measure_overdue"]
    assert list(rows["detail"]) == ["“Late plan” (XA) was due by 2025-Q4 and is still agreed"]
    assert list(rows["label"]) == ["Measure overdue"] and list(rows["country"]) == ["XA"]
    assert "measure_overdue" not in set(portfolio_alerts(panel, fw, today, "en")["kind"])


def test_the_alerts_page_shows_an_overdue_demo_measure(tmp_path, monkeypatch):
    """The demo's XA measure due 2026-Q1 and still in progress is on the Alerts page (the page judges
    against today, so this holds from 2026-Q2 on)."""
    from pathlib import Path

    from tests.app.conftest import open_app
    from tests.charts.data import copy_to, demo_template

    url = copy_to(demo_template(), Path(tmp_path / "app.db"))
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.test")
    monkeypatch.setenv("RISKFRAME_AUTH", "off")  # the page, not signing in (as tests/app do)
    at = open_app("dash_alerts")
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    late = table[table["label"] == "Measure overdue"]
    assert any("Community dialogue forums in Northern Korvath" in d and "2026-Q1" in d for d in late["detail"]), \
        list(table["detail"])
