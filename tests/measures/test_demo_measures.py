"""The demo data (fictional countries XA…XF) show measures followed up: options, due quarters, an
agreed → implemented progression, one dropped with its reason, one overdue, one UPR recommendation."""

from __future__ import annotations

import datetime as dt

import pytest

from riskframe.assessments import Assessments
from riskframe.demo import load_demo
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, open_store

ADMIN = Actor.system("test")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    fw = load_framework(REPO_ROOT / "indicators")
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    store.upgrade()
    load_demo(store, fw, REPO_ROOT / "seeds" / "demo", ADMIN)
    yield Assessments(store, fw)
    store.close()


def test_demo_measures_carry_the_follow_up_fields(demo):
    measures = [m for a in demo.list_assessments(ADMIN) for m in demo.get(ADMIN, a.id).measures]
    option_ids = {o.id for o in demo.framework.options}
    assert any(m.option_id for m in measures) and all(m.option_id in option_ids for m in measures if m.option_id)
    assert any(m.due_period for m in measures)
    assert any(m.status.value == "dropped" and m.status_reason for m in measures)
    assert all(m.status_reason for m in measures if m.status.value == "dropped")
    assert any(m.upr_recommendation_id and m.upr_recommendation_text for m in measures)
    assert not any(m.status.value == "done" for m in measures)


def test_a_demo_measure_moves_from_agreed_to_implemented_and_one_is_overdue(demo):
    latest = demo.find(ADMIN, "XA", "2026-Q1")
    cell = next(m for m in demo.get(ADMIN, latest.id).measures if m.title.startswith("Election-period hate speech"))
    statuses = [(s.period, s.status) for s in demo.measure_history(ADMIN, latest.id, cell.key)]
    assert statuses[0] == ("2024-Q4", "proposed") and ("2025-Q1", "agreed") in statuses
    assert ("2025-Q2", "in_progress") in statuses and statuses[-1] == ("2026-Q1", "implemented")
    overdue = demo.overdue_measures(ADMIN, today=dt.date(2026, 6, 1))
    assert [(o.country, o.title, o.due_period) for o in overdue] == [
        ("XA", "Community dialogue forums in Northern Korvath", "2026-Q1")]
