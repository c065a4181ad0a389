"""Measures beside risk: when measures were agreed and implemented, as marks on the composite trend."""

from __future__ import annotations

from types import SimpleNamespace as Step

from riskframe.analytics.measure_marks import addressed, chain_ends, measure_marks
from riskframe.charts import composite_trend


def _steps(*pairs):
    return [Step(period=p, status=s) for p, s in pairs]


def test_marks_are_the_first_period_agreed_and_the_first_implemented():
    marks = measure_marks([
        ("m1", "Hate speech law", _steps(("2025-Q3", "proposed"), ("2025-Q4", "agreed"), ("2025-Q4", "in_progress"),
                                         ("2026-Q1", "implemented"))),
        ("m2", "Focal point", _steps(("2025-Q3", "in_progress"), ("2025-Q4", "done"))),
        ("m3", "Still proposed", _steps(("2025-Q3", "proposed"))),
    ])
    got = sorted(zip(marks["key"], marks["kind"], marks["period"]))
    assert got == [("m1", "agreed", "2025-Q4"), ("m1", "implemented", "2026-Q1"),
                   ("m2", "agreed", "2025-Q3"), ("m2", "implemented", "2025-Q4")]


def test_the_trend_shows_agreed_and_implemented_markers_with_titles(scenario_panel, tiers):
    rows = scenario_panel.country("XA")
    periods = rows["period"].tolist()
    marks = measure_marks([
        ("m1", "Adopt a <b>national</b> action plan", _steps((periods[0], "agreed"), (periods[-1], "implemented"))),
        ("m2", "Appoint a focal point", _steps((periods[0], "agreed"))),
    ])
    fig = composite_trend(rows, tiers, "XA composite", periods, marks=marks)
    by_kind = {t.meta: t for t in fig.data if t.meta in ("agreed", "implemented")}
    assert set(by_kind) == {"agreed", "implemented"}
    agreed, done = by_kind["agreed"], by_kind["implemented"]
    assert list(agreed.x) == [periods[0]] and list(done.x) == [periods[-1]]
    assert "Appoint a focal point" in agreed.hovertext[0] and "national" in agreed.hovertext[0]
    assert "&lt;b&gt;national&lt;/b&gt;" in agreed.hovertext[0]  # titles are plain text, never markup
    assert agreed.name == "Measure agreed" and done.name == "Measure implemented"
    assert [t.meta for t in composite_trend(rows, tiers, "t", periods).data if t.meta] == []


def test_addressed_lists_indicators_with_their_latest_score():
    text = addressed(["7.14", "F2"], {"7.14": 3.0, "2.1": 2.0, "2.2": float("nan")}, {"F2": ["2.1", "2.2"]})
    assert text == "7.14 (3), 2.1 (2), 2.2 (—)"


def test_chain_ends_keep_measures_closed_in_an_earlier_period():
    m = Step  # measures and views as plain records
    q1 = m(id=1, measures=[m(key="a1", previous_measure_id=None), m(key="b1", previous_measure_id=None)])
    q2 = m(id=2, measures=[m(key="a2", previous_measure_id="a1")])  # b was implemented in q1, not carried
    assert [(v.id, x.key) for v, x in chain_ends([q1, q2])] == [(1, "b1"), (2, "a2")]
