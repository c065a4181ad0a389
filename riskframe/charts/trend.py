"""Composite-over-time charts: one country with its tier bands and uncertainty band, several
countries on one chart, and small multiples. Pure plotly: rows come from the analytics panel."""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from riskframe.charts.theme import SCORE_MAX, TierScale, frame, full_periods, period_axis
from riskframe.domain.status import status_label
from riskframe.i18n import N_, _, format_decimal

BAND_FILL = "rgba(90, 90, 90, 0.18)"
# Okabe–Ito: distinguishable with every common colour-vision deficiency; dashes add a second cue.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
Y_TITLE = N_("Composite score (0–100)")


def _fmt(x, digits: int = 1) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else format_decimal(float(x), digits)


def _signed(x: float) -> str:
    return ("+" if x >= 0 else "-") + format_decimal(abs(float(x)), 1)


def tier_bands(fig: go.Figure, tiers: TierScale, row=None, col=None, labels: bool = True) -> None:
    """Shade each tier's range of the composite in its colour, behind the data."""
    xref, yref = "x", "y"
    if row is not None:
        subplot = fig.get_subplot(row, col)
        xref, yref = _ref(subplot.xaxis.plotly_name), _ref(subplot.yaxis.plotly_name)
    add_shapes(fig, [dict(type="rect", xref=f"{xref} domain", yref=yref, x0=0, x1=1, y0=low, y1=high,
                          fillcolor=colour, opacity=0.22, line=dict(width=0), layer="below")
                     for low, high, _tid, _label, colour in tiers.bands()])
    if labels:
        add_annotations(fig, [dict(x=1.01, xref="paper", xanchor="left", y=(low + high) / 2, yref="y", text=label,
                                   showarrow=False, font=dict(size=11, color="#444"))
                              for low, high, _tid, label, _colour in tiers.bands()])


def _ref(axis_name: str) -> str:
    """'xaxis7' -> 'x7', 'yaxis' -> 'y' (how shapes and annotations name an axis)."""
    return axis_name[0] + axis_name[5:]


def add_shapes(fig: go.Figure, shapes: list[dict]) -> None:
    """Append shapes in one step: plotly's add_hrect/add_shape re-validate every shape already on the
    figure at each call, which made a figure of many panels cost seconds to build."""
    if shapes:
        fig.layout.shapes = (*fig.layout.shapes, *shapes)


def add_annotations(fig: go.Figure, annotations: list[dict]) -> None:
    """Append annotations in one step (see add_shapes)."""
    if annotations:
        fig.layout.annotations = (*fig.layout.annotations, *annotations)


def point_hover(rows: pd.DataFrame, tiers: TierScale) -> list[str]:
    """One hover text per assessment: composite, tier, band, coverage and top contributors."""
    out = []
    for r in rows.itertuples(index=False):
        flags = ("<br>" + _("Red flags raised: {ids}").format(ids=", ".join(r.red_flags))) if r.red_flags else ""
        delta = "" if pd.isna(r.composite_delta) else " " + _("({change} vs previous)").format(
            change=_signed(r.composite_delta))
        lifted = (" " + _("(lifted by red flags from {tier})").format(tier=tiers.label(r.tier_before_flags))
                  if r.tier != r.tier_before_flags and isinstance(r.tier_before_flags, str) else "")
        coverage = _fmt(r.coverage * 100 if pd.notna(r.coverage) else float("nan"), 0)
        out.append(
            f"<b>{r.country} {r.period}</b> · {status_label(str(r.status))}<br>"
            + _("Composite {value}").format(value=_fmt(r.composite)) + f"{delta} — {tiers.label(r.tier)}{lifted}<br>"
            + _("Uncertainty band {low}–{high}").format(low=_fmt(r.band_low), high=_fmt(r.band_high)) + "<br>"
            + _("Coverage {pct}%").format(pct=coverage) + f"{flags}<br>{r.top_contributors}")
    return out


def _band_traces(rows: pd.DataFrame, name: str, showlegend: bool = True, legendgroup: str = "band",
                 periods: list[str] | None = None) -> list[go.Scatter]:
    x = periods or rows["period"].tolist()
    high = aligned(rows, x, "band_high") if periods else rows["band_high"]
    low = aligned(rows, x, "band_low") if periods else rows["band_low"]
    upper = go.Scatter(x=x, y=high, mode="lines", line=dict(width=0), hoverinfo="skip", connectgaps=False,
                       showlegend=False, legendgroup=legendgroup, name=_("{name} (upper)").format(name=name))
    lower = go.Scatter(x=x, y=low, mode="lines", line=dict(width=0), fill="tonexty", connectgaps=False,
                       fillcolor=BAND_FILL, hoverinfo="skip", name=name, showlegend=showlegend,
                       legendgroup=legendgroup)
    return [upper, lower]


def aligned(rows: pd.DataFrame, periods: list[str], column: str) -> list:
    """`rows[column]` placed on `periods` (None where a period has no row: drawn as a gap)."""
    by_period = dict(zip(rows["period"], rows[column], strict=False))
    return [by_period.get(p) for p in periods]


def _validated(rows: pd.DataFrame) -> list[bool]:
    return [str(s) == "validated" for s in rows["status"]] if "status" in rows else [True] * len(rows)


# A one-country chart names a lifted tier in a call-out when there are at most this many; beyond, the
# red rings alone say it (hundreds of arrows cost the browser seconds and cover the line: issue 18).
CALLOUTS = 5


def honest_marks(fig: go.Figure, rows: pd.DataFrame, tiers: TierScale, size: int = 11, callouts: int = 0,
                 **where) -> None:
    """What the points do not say by themselves: drafts (not validated) as hollow markers, and every
    point whose tier a red flag lifted above its band circled in red — one trace each, with a legend
    entry (the point's own hover says from which tier). Up to `callouts` lifted points are also named
    in a call-out."""
    drafts = rows[[not v for v in _validated(rows)]]
    if len(drafts):
        fig.add_trace(go.Scatter(
            x=drafts["period"].tolist(), y=drafts["composite"], mode="markers",
            name=_("Draft or submitted, not validated (hollow)"), legendgroup="draft", hoverinfo="skip",
            showlegend=not any(t.legendgroup == "draft" for t in fig.data),
            marker=dict(size=size + 4, symbol="circle-open", color="#222", line=dict(width=2))), **where)
    if "tier_before_flags" not in rows:
        return
    lifted = rows[[isinstance(before, str) and tier != before and pd.notna(value) for before, tier, value
                   in zip(rows["tier_before_flags"], rows["tier"], rows["composite"], strict=True)]]
    if lifted.empty:
        return
    fig.add_trace(go.Scatter(
        x=lifted["period"].tolist(), y=lifted["composite"].tolist(), mode="markers",
        name=_("Tier lifted by a red flag (red ring)"), legendgroup="lifted", hoverinfo="skip",
        showlegend=not any(t.legendgroup == "lifted" for t in fig.data),
        marker=dict(size=size + 8, symbol="circle-open", color="#B00020", line=dict(width=2))), **where)
    if len(lifted) > callouts:
        return
    refs = {}
    if where:
        subplot = fig.get_subplot(where["row"], where["col"])
        refs = {"xref": _ref(subplot.xaxis.plotly_name), "yref": _ref(subplot.yaxis.plotly_name)}
    add_annotations(fig, [dict(x=r.period, y=r.composite, text=_("tier lifted by red flag: {tier}").format(
        tier=tiers.label(r.tier)), showarrow=True, arrowhead=2, ax=0, ay=-34, font=dict(size=10, color="#B00020"),
        **refs) for r in lifted.itertuples(index=False)])


def composite_trend(rows: pd.DataFrame, tiers: TierScale, title: str, periods: list[str] | None = None,
                    marks: pd.DataFrame | None = None) -> go.Figure:
    """One country's composite per period over shaded tier bands, with its uncertainty band.

    Markers take the tier colour; a tier lifted by a red flag above the band its point sits in says
    so; drafts are hollow; a quarter without an assessment is a gap in the line. `marks`
    (analytics.measure_marks: period, kind, title) adds when measures were agreed and implemented.
    """
    fig = go.Figure()
    tier_bands(fig, tiers)
    axis = full_periods(periods or rows["period"].tolist())
    for t in _band_traces(rows, _("Uncertainty band (unknown / not assessed at lowest vs highest)"), periods=axis):
        fig.add_trace(t)
    hover = dict(zip(rows["period"], point_hover(rows, tiers), strict=False))
    colours = dict(zip(rows["period"], [tiers.colour(t) for t in rows["tier"]], strict=False))
    fig.add_trace(go.Scatter(
        x=axis, y=aligned(rows, axis, "composite"), mode="lines+markers", name=_("Composite"), connectgaps=False,
        line=dict(color="#222222", width=2.5),
        marker=dict(size=11, color=[colours.get(p, "rgba(0,0,0,0)") for p in axis], line=dict(color="#222", width=1)),
        hovertext=[hover.get(p, _("{period}: no assessment").format(period=p)) for p in axis], hoverinfo="text"))
    honest_marks(fig, rows, tiers, callouts=CALLOUTS)
    if marks is not None and len(marks):
        measure_marks(fig, marks, axis)
    period_axis(fig, axis)
    fig.update_yaxes(range=[0, SCORE_MAX])
    return frame(fig, title, _("Period"), _(Y_TITLE))


# kind -> (legend name, symbol, colour, height on the chart): a row of marks along the foot of the chart
MEASURE_MARKS = {"agreed": (N_("Measure agreed"), "triangle-up", "#0072B2", 4.0),
                 "implemented": (N_("Measure implemented"), "star", "#009E73", 9.0)}


def measure_marks(fig: go.Figure, marks: pd.DataFrame, axis: list[str]) -> None:
    """One marker per period of `axis` and kind, hovering the titles of the measures agreed or
    implemented then (periods not on the chart are left out, as their scores are)."""
    for kind, (name, symbol, colour, y) in MEASURE_MARKS.items():
        these = marks[marks["kind"] == kind]
        if these.empty:
            continue
        by_period = these.groupby("period", sort=False)["title"].apply(list)
        periods = [p for p in axis if p in by_period.index]
        hover = [f"<b>{p}</b> · {_(name)}<br>" + "<br>".join(html.escape(str(t)) for t in by_period[p])
                 for p in periods]
        fig.add_trace(go.Scatter(
            x=periods, y=[y] * len(periods), mode="markers", name=_(name), legendgroup=f"measure_{kind}",
            marker=dict(size=13, symbol=symbol, color=colour, line=dict(color="#FFFFFF", width=1)),
            hovertext=hover, hoverinfo="text", meta=kind))


def multi_country_trend(panel_rows: pd.DataFrame, tiers: TierScale, periods: list[str], title: str,
                        names: dict[str, str] | None = None) -> go.Figure:
    """Several countries' composites on one chart (one line each) over the tier bands."""
    names = names or {}
    fig = go.Figure()
    tier_bands(fig, tiers)
    periods = full_periods(periods)
    for i, (code, rows) in enumerate(panel_rows.groupby("country", sort=True)):
        hover = dict(zip(rows["period"], point_hover(rows, tiers), strict=False))
        fig.add_trace(go.Scatter(
            x=periods, y=aligned(rows, periods, "composite"), mode="lines+markers", name=names.get(code, code),
            connectgaps=False, line=dict(color=SERIES_COLOURS[i % len(SERIES_COLOURS)], width=2,
                                         dash=DASHES[(i // len(SERIES_COLOURS)) % len(DASHES)]),
            marker=dict(size=8, symbol=["circle" if v else "circle-open" for v in
                                        aligned(rows.assign(_v=_validated(rows)), periods, "_v")]),
            hovertext=[hover.get(p, "") for p in periods], hoverinfo="text"))
    period_axis(fig, periods)
    fig.update_yaxes(range=[0, SCORE_MAX])
    return frame(fig, title, _("Period"), _(Y_TITLE))


def small_multiples(panel_rows: pd.DataFrame, tiers: TierScale, periods: list[str], title: str,
                    names: dict[str, str] | None = None, cols: int = 4) -> go.Figure:
    """One small panel per country on shared axes: the composite and its band over tier bands."""
    names = names or {}
    periods = full_periods(periods)
    codes = sorted(panel_rows["country"].unique())
    n_rows = max(1, math.ceil(len(codes) / cols))
    row_px, gap_px = 240, 120  # the gap holds rotated period labels and the next row's title
    plot_px = n_rows * row_px + (n_rows - 1) * gap_px
    fig = make_subplots(rows=n_rows, cols=cols, shared_xaxes=False, shared_yaxes=True,
                        subplot_titles=[names.get(c, c) for c in codes],
                        vertical_spacing=gap_px / plot_px if n_rows > 1 else 0.0, horizontal_spacing=0.03)
    for i, code in enumerate(codes):
        r, c = i // cols + 1, i % cols + 1
        rows = panel_rows[panel_rows["country"] == code]
        tier_bands(fig, tiers, row=r, col=c, labels=False)
        for t in _band_traces(rows, _("Uncertainty band"), showlegend=i == 0, periods=periods):
            fig.add_trace(t, row=r, col=c)
        hover = dict(zip(rows["period"], point_hover(rows, tiers), strict=False))
        colours = dict(zip(rows["period"], [tiers.colour(t) for t in rows["tier"]], strict=False))
        fig.add_trace(go.Scatter(
            x=periods, y=aligned(rows, periods, "composite"), mode="lines+markers", name=_("Composite"),
            connectgaps=False, legendgroup="composite", showlegend=i == 0, line=dict(color="#222", width=2),
            marker=dict(size=6, color=[colours.get(p, "rgba(0,0,0,0)") for p in periods]),
            hovertext=[hover.get(p, "") for p in periods], hoverinfo="text"), row=r, col=c)
        honest_marks(fig, rows, tiers, size=6, row=r, col=c)
    period_axis(fig, periods, tickangle=-45, tickfont=dict(size=9))
    fig.update_yaxes(range=[0, SCORE_MAX])
    fig.update_xaxes(title_text=_("Period"), title_standoff=4)
    fig.update_yaxes(title_text=_("Composite (0–100)"), col=1)
    return frame(fig, title, None, None, height=plot_px + 200)
