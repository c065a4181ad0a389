"""The Alerts page raises indicator-level alerts: an indicator up two levels, or at 3 for the first time."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from riskframe.domain import EntryIn


def _validated(store, actor, fw, period: str, score: int) -> None:
    a = store.create_assessment(actor, "XA", period, fw.id, fw.version)
    rev = store.save_entries(actor, a.id, a.revision, {"1.1": EntryIn(score=score, evidence="seen"),
                                                       "1.2": EntryIn(score=0, evidence="seen")}, fw).revision
    rev = store.transition(actor, a.id, "submitted", rev).revision
    store.transition(actor, a.id, "validated", rev)


def test_an_indicator_rising_two_levels_is_an_alert(store, actor, fw):
    _validated(store, actor, fw, "2026-Q1", 0)
    _validated(store, actor, fw, "2026-Q2", 2)
    at = AppTest.from_string("from riskframe.app.pages import dashboards\ndashboards.alerts_page()\n",
                             default_timeout=90).run()
    assert not at.exception, [e.value for e in at.exception]
    details = " | ".join(at.dataframe[0].value["detail"])
    assert "1.1 up 2 or more levels since 2026-Q1" in details, details
