"""Portfolio alerts and the 'what changed since last period' table."""

from __future__ import annotations

import datetime as dt

from riskframe.analytics import build_panel, indicator_moves, portfolio_alerts
from riskframe.store import Change
from tests.charts.data import ADMIN, TODAY


def kinds(alerts, country):
    return set(alerts.loc[alerts["country"] == country, "kind"])


def test_each_rule_fires_where_expected(scenario_panel, fw):
    alerts = portfolio_alerts(scenario_panel, fw, TODAY)
    assert kinds(alerts, "XA") == {"tier_rose", "composite_jump", "new_red_flags"}
    assert kinds(alerts, "XB") == {"new_red_flags"}
    assert kinds(alerts, "XC") == {"overdue"}
    assert kinds(alerts, "XD") == set()
    xb = alerts[alerts["country"] == "XB"].iloc[0]
    assert xb["detail"] == "7.14 raised since 2025-Q3"
    assert list(alerts["kind"]) == sorted(alerts["kind"], key=["tier_rose", "new_red_flags", "composite_jump",
                                                               "overdue"].index)


def test_thresholds_come_from_the_manifest(scenario_panel, fw):
    rules = fw.manifest.scoring.alerts
    strict = fw.model_copy(update={"manifest": fw.manifest.model_copy(update={"scoring": fw.manifest.scoring.model_copy(
        update={"alerts": rules.model_copy(update={"composite_jump": 50, "overdue_days": 10_000})})})})
    alerts = portfolio_alerts(scenario_panel, strict, TODAY)
    assert "composite_jump" not in set(alerts["kind"]) and "overdue" not in set(alerts["kind"])


def test_overdue_counts_from_the_end_of_the_latest_period(scenario_panel, fw):
    days = fw.manifest.scoring.alerts.overdue_days
    late = dt.date(2025, 12, 31) + dt.timedelta(days=days + 1)
    alerts = portfolio_alerts(scenario_panel, fw, late)
    assert {"XA", "XB", "XC", "XD"} <= set(alerts.loc[alerts["kind"] == "overdue", "country"])
    on_time = portfolio_alerts(scenario_panel, fw, dt.date(2025, 12, 31) + dt.timedelta(days=days))
    assert set(on_time.loc[on_time["kind"] == "overdue", "country"]) == {"XC"}


def test_drafts_change_what_is_latest(scenario_entries, fw):
    panel = build_panel(scenario_entries, fw)  # all statuses: XA's draft 2026-Q1 is now the latest
    alerts = portfolio_alerts(panel, fw, TODAY)
    xa = alerts[alerts["country"] == "XA"]
    assert set(xa["period"]) == {"2026-Q1"} and "tier_rose" in set(xa["kind"])
    assert "XE" not in set(alerts["country"])  # one recent submitted assessment, no red flag: nothing to say


def test_no_alerts_on_an_empty_panel(fw, scenario_entries):
    assert portfolio_alerts(build_panel(scenario_entries.iloc[0:0], fw), fw, TODAY).empty


def test_indicator_moves_from_the_store_diff(scenario_store, scenario_panel, fw):
    xb = scenario_panel.country("XB")
    prev, cur = int(xb.iloc[0]["assessment_id"]), int(xb.iloc[1]["assessment_id"])
    moves = indicator_moves(scenario_store.diff_assessments(ADMIN, prev, cur), fw)
    assert list(moves["indicator_id"]) == ["7.14"]
    row = moves.iloc[0]
    assert (row["before"], row["after"], row["change"]) == ("1", "3", 2)
    assert row["evidence"] == "7.14 scored 3." and row["changed_by"] == "test" and row["red_flag"]
    assert row["factor_id"] == "7"


def test_indicator_moves_pairs_score_and_missing_code(fw):
    changes = [
        Change(field="entries.1.1.score", old=2, new=None, changed_by="amina", evidence="No access."),
        Change(field="entries.1.1.missing", old=None, new="unknown", changed_by="amina", evidence="No access."),
        Change(field="entries.1.2.evidence", old="a", new="b"),  # reworded only: not a move
        Change(field="entries.R1.1.score", old=1, new=2, changed_by="bo", evidence="New law."),
        Change(field="entries.4.3.missing", old="not_assessed", new="not_applicable"),
        Change(field="measures.m1.status", old="proposed", new="done"),
    ]
    moves = indicator_moves(changes, fw).set_index("indicator_id")
    assert list(moves.index) == ["R1.1", "1.1", "4.3"]  # ±1 first, then moves to or from a missing code
    labels = fw.manifest.scale.missing  # the manifest's labels, not the codes
    assert (moves.loc["1.1", "before"], moves.loc["1.1", "after"]) == ("2", labels["unknown"]["en"])
    assert moves.loc["4.3", "before"] == labels["not_assessed"]["en"]
    assert moves.loc["4.3", "after"] == labels["not_applicable"]["en"]
    assert moves.loc["R1.1", "change"] == 1 and moves.loc["R1.1", "changed_by"] == "bo"


def test_no_moves_gives_an_empty_table_with_columns(fw):
    moves = indicator_moves([], fw)
    assert moves.empty and "evidence" in moves.columns
