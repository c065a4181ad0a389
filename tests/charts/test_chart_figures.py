"""Figure builders: traces, titles, axis labels and values match the scored panel."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from riskframe.palette import relative_luminance
from riskframe.charts import (
    composite_trend,
    coverage_confidence,
    driver_lines,
    empty_figure,
    factor_heatmap,
    index_lines,
    multi_country_trend,
    risk_resilience_scatter,
    small_multiples,
    tier_scale,
)
from riskframe.charts.theme import NO_TIER_COLOUR


def titled(fig: go.Figure, title: str, x: str | None = None, y: str | None = None) -> None:
    assert fig.layout.title.text == title
    if x is not None:
        assert fig.layout.xaxis.title.text == x
    if y is not None:
        assert fig.layout.yaxis.title.text == y


from riskframe.charts.theme import full_periods  # noqa: E402


def values(trace_values) -> list:
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) else round(float(v), 6) for v in trace_values]


def test_tier_scale_follows_the_manifest_tiers_and_colours(fw, tiers):
    assert tiers.ids == tuple(t.id for t in fw.manifest.scoring.tiers)
    assert tiers.colours == tuple(t.colour for t in fw.manifest.scoring.tiers)
    assert tier_scale(fw, "fr").labels == tuple(t.label("fr") for t in fw.manifest.scoring.tiers)
    bands = tiers.bands()
    assert bands[0][:2] == (0.0, 20.0) and bands[-1][1] == 100.0
    assert tiers.colour(None) == NO_TIER_COLOUR and tiers.label(None) == "no tier"


def test_tier_colours_darken_tier_by_tier(tiers):
    """Sequential: readable with colour blindness because lightness alone orders the tiers."""
    lum = [relative_luminance(c) for c in tiers.colours]
    assert lum == sorted(lum, reverse=True) and len(set(lum)) == len(lum)


def test_composite_trend_has_tier_bands_band_and_explained_points(scenario_panel, tiers):
    rows = scenario_panel.country("XA")
    fig = composite_trend(rows, tiers, "XA composite", rows["period"].tolist())
    titled(fig, "XA composite", "Period", "Composite score (0–100)")
    names = [t.name for t in fig.data]
    assert names[-1] == "Composite" and any(n.startswith("Uncertainty band") for n in names)
    line = fig.data[-1]
    assert values(line.y) == values(rows["composite"])
    assert list(line.x) == ["2025-Q3", "2025-Q4"]
    assert list(line.marker.color) == [tiers.colour("moderate"), tiers.colour("high")]
    upper, lower = fig.data[0], fig.data[1]
    assert values(upper.y) == values(rows["band_high"]) and values(lower.y) == values(rows["band_low"])
    assert lower.fill == "tonexty"
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(s.y0, s.y1, s.fillcolor) for s in rects] == [(lo, hi, c) for lo, hi, _, _, c in tiers.bands()]
    assert "Top contributors" in line.hovertext[0] and "Composite 33.3" in line.hovertext[0]
    assert "High" in line.hovertext[1] and "+33.3 vs previous" in line.hovertext[1]
    assert tuple(fig.layout.yaxis.range) == (0, 100)


def test_hover_says_when_red_flags_lift_the_tier(scenario_panel, tiers):
    row = scenario_panel.country("XC").assign(tier="elevated", tier_before_flags="moderate", red_flags=[("7.14",)])
    line = next(t for t in composite_trend(row, tiers, "t").data if t.name == "Composite")
    hover = line.hovertext[0]
    assert "Elevated (lifted by red flags from Moderate)" in hover and "Red flags raised: 7.14" in hover


def test_factor_heatmap_is_factor_by_period(scenario_panel, fw):
    factors = scenario_panel.factors[scenario_panel.factors["country"] == "XA"]
    fig = factor_heatmap(factors, fw, "risk", ["2025-Q3", "2025-Q4"], "XA risk factors")
    titled(fig, "XA risk factors", "Period", "Risk factor")
    heat = fig.data[0]
    assert len(heat.y) == 14 and heat.y[0].startswith("1 · ") and heat.y[-1].startswith("14 · ")
    z = np.array(heat.z, dtype=float)
    assert z.shape == (14, 2)
    assert np.allclose(z[:, 0], 100 / 3) and np.allclose(z[:, 1], 200 / 3)
    assert heat.colorbar.title.text == "Score (0–100)"
    res = factor_heatmap(factors, fw, "resilience", ["2025-Q3", "2025-Q4"], "XA resilience")
    assert len(res.data[0].y) == 5 and np.isnan(np.array(res.data[0].z, dtype=float)).all()
    assert "not scored" in res.data[0].hovertext[0][0]


def test_driver_lines_one_per_theme(scenario_panel, fw):
    rows = scenario_panel.country("XA")
    fig = driver_lines(rows, scenario_panel.drivers, rows["period"].tolist(), "Drivers", fw.manifest.tags)
    titled(fig, "Drivers", "Period", "Driver score (0–100)")
    assert len(fig.data) == len(fw.manifest.scoring.drivers) == 4
    for trace, theme in zip(fig.data, scenario_panel.drivers):
        assert values(trace.y) == values(rows[theme])
        assert trace.name == fw.manifest.tags[theme]["en"]


def test_index_lines_and_coverage_confidence(scenario_panel):
    rows = scenario_panel.country("XB")
    periods = rows["period"].tolist()
    fig = index_lines(rows, periods, "Indices")
    titled(fig, "Indices", "Period", "Index (0–100)")
    assert [t.name for t in fig.data] == ["Risk index", "Resilience index", "Composite"]
    assert values(fig.data[0].y) == values(rows["risk_index"])
    cov = coverage_confidence(rows, periods, "Coverage", ["Low", "Medium", "High"])
    assert cov.layout.title.text == "Coverage"
    assert values(cov.data[0].y) == values(rows["coverage"] * 100)
    assert values(cov.data[1].y) == values(rows["confidence"])
    assert "Coverage" in cov.layout.yaxis.title.text and "confidence" in cov.layout.yaxis2.title.text
    assert cov.layout.xaxis.title.text == "Period"
    assert list(cov.layout.yaxis2.ticktext) == ["Low", "Medium", "High"] and list(cov.layout.yaxis2.range) == [1, 3]


def test_multi_country_trend_and_small_multiples(scenario_panel, tiers):
    periods = scenario_panel.periods()
    fig = multi_country_trend(scenario_panel.assessments, tiers, periods, "All", {"XA": "Arvenia"})
    titled(fig, "All", "Period", "Composite score (0–100)")
    assert [t.name for t in fig.data] == ["Arvenia", "XB", "XC", "XD"]
    axis = full_periods(periods)  # every quarter from the first to the last: 2024-Q2 … 2025-Q2 had none
    assert axis[0] == "2024-Q1" and axis[-1] == "2025-Q4" and len(axis) == 8

    def on_axis(code):  # a period without an assessment is a gap (None), never joined over
        rows = scenario_panel.country(code)
        return values([dict(zip(rows["period"], rows["composite"])).get(p) for p in axis])

    assert values(fig.data[0].y) == on_axis("XA") and fig.data[0].connectgaps is False
    assert values(fig.data[0].y)[:6] == [None] * 6
    assert list(fig.layout.xaxis.categoryarray) == axis
    assert len({t.line.color for t in fig.data}) == 4
    sm = small_multiples(scenario_panel.assessments, tiers, periods, "Small", cols=2)
    assert sm.layout.title.text == "Small"
    assert [a.text for a in sm.layout.annotations][:4] == ["XA", "XB", "XC", "XD"]
    composites = [t for t in sm.data if t.name == "Composite"]
    assert len(composites) == 4 and values(composites[3].y) == on_axis("XD")
    assert sm.layout.xaxis.title.text == "Period" and sm.layout.yaxis.title.text == "Composite (0–100)"


def test_scatter_one_trace_per_tier(scenario_panel, tiers):
    rows = scenario_panel.latest()
    rows = rows.assign(resilience_index=[10.0, 20.0, 30.0, float("nan")])
    fig = risk_resilience_scatter(rows, tiers, "Scatter")
    titled(fig, "Scatter")
    assert "Resilience index" in fig.layout.xaxis.title.text and "Risk index" in fig.layout.yaxis.title.text
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"Moderate", "Elevated", "High"}  # XD (low) has no resilience score: left out
    assert by_name["High"].marker.color == tiers.colour("high")
    assert list(by_name["High"].text) == ["XA"] and values(by_name["High"].y) == values(rows.loc[["XA"], "risk_index"])


def test_empty_figure_says_what_to_do():
    fig = empty_figure("Composite", "No validated assessment for XB yet — include drafts or validate one.")
    assert fig.layout.title.text == "Composite"
    assert fig.layout.annotations[0].text.startswith("No validated assessment for XB")
    assert not fig.data


def test_index_and_driver_lines_leave_a_gap_and_draw_drafts_hollow(scenario_panel, fw):
    code = next(c for c in sorted(scenario_panel.assessments["country"].unique())
                if len(scenario_panel.country(c)) >= 2)
    kept = scenario_panel.country(code).iloc[[0, -1]].copy()
    kept["period"] = ["2025-Q1", "2025-Q3"]  # 2025-Q2 has no assessment
    kept["status"] = ["validated", "draft"]
    for fig in (index_lines(kept, kept["period"].tolist(), "Indices"),
                driver_lines(kept, scenario_panel.drivers, kept["period"].tolist(), "Drivers", fw.manifest.tags)):
        trace = fig.data[0]
        assert len(trace.x) == 3 and trace.y[1] is None and trace.connectgaps is False
        assert list(trace.marker.symbol) == ["circle", "circle", "circle-open"]
