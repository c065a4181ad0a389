"""Indicator-level alerts: an indicator rising two levels, or reaching 3 for the first time."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from riskframe.analytics import build_panel, portfolio_alerts
from riskframe.analytics.alerts import indicator_changes
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT

FW = load_framework(REPO_ROOT / "indicators")
RISK = [i for i in FW.indicators if FW.indicators[i].kind == "risk"]
PERIODS = {1: ("2025-Q3", "2025-07-01"), 2: ("2025-Q4", "2025-10-01"), 3: ("2026-Q1", "2026-01-01")}


def entries(history: dict[int, tuple[str, dict[str, int]]]) -> pd.DataFrame:
    """{assessment id: (country, {indicator: level})}; every other risk indicator at 0."""
    rows = []
    for aid, (country, levels) in history.items():
        period, start = PERIODS[aid if aid <= 3 else aid - 10]
        for ind in RISK:
            rows.append({"assessment_id": aid, "country": country, "period": period,
                         "period_start": pd.Timestamp(start), "status": "validated", "revision": 1,
                         "indicator_id": ind, "score": levels.get(ind, 0), "missing": None,
                         "confidence": "high", "evidence": "fictional", "changed_by": "t",
                         "changed_at": pd.Timestamp("2026-01-02", tz="UTC")})
    frame = pd.DataFrame(rows)
    frame["score"] = frame["score"].astype("Int64")
    return frame


def test_rise_of_two_levels_and_first_time_at_3():
    e = entries({1: ("XA", {"1.1": 1, "2.1": 3}), 2: ("XA", {"1.1": 3, "2.1": 3, "3.3": 2}),
                 11: ("XB", {"4.1": 1}), 12: ("XB", {"4.1": 2})})
    panel = build_panel(e, FW)
    changes = indicator_changes(panel, e, FW)
    assert changes[2] == {"rose": ("1.1", "3.3"), "top": ("1.1",)}  # 2.1 was already at 3 before
    assert changes[12] == {"rose": (), "top": ()}                     # one level is not an alert
    alerts = portfolio_alerts(panel, FW, dt.date(2026, 1, 15), entries=e)
    xa = alerts[alerts["country"] == "XA"].set_index("kind")
    assert xa.loc["indicator_rose", "detail"] == "1.1, 3.3 up 2 or more levels since 2025-Q3"
    assert xa.loc["indicator_top", "detail"] == "1.1 at 3 for the first time"
    assert "indicator_rose" not in set(alerts.loc[alerts["country"] == "XB", "kind"])
    # without entries the alerts are the panel-level ones only (callers that do not pass them)
    assert not {"indicator_rose", "indicator_top"} & set(portfolio_alerts(panel, FW, dt.date(2026, 1, 15))["kind"])


def test_first_assessment_at_3_alerts():
    e = entries({1: ("XC", {"10.2": 3})})
    panel = build_panel(e, FW)
    assert indicator_changes(panel, e, FW)[1]["top"] == ("10.2",)
