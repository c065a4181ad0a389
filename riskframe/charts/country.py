"""One country's detail charts: factor × period heatmap, drivers, risk vs resilience indices,
coverage and confidence. Pure plotly; rows come from `Panel.country(code)`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from riskframe.charts.theme import SCORE_MAX, frame, full_periods, period_axis
from riskframe.charts.trend import DASHES, SERIES_COLOURS, aligned
from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, format_decimal, format_percent

# Sequential, colour-blind-safe scales; risk darkens toward danger, resilience toward strength.
HEATMAP_SCALES = {"risk": "YlOrRd", "resilience": "Blues"}
NOT_SCORED_COLOUR = "#e6e6e6"  # cells with no score show the grey background, never a score colour


def _hover(name: str, value: str) -> str:
    """A plotly hover template: the series, then period and value (`value` holds plotly's %{y…} fields)."""
    return f"{name}<br>%{{x}}: {value}<extra></extra>"


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def factor_heatmap(factors: pd.DataFrame, fw: Framework, kind: str, periods: list[str], title: str,
                   lang: str = "en") -> go.Figure:
    """Factor (rows, framework order) × period (columns): factor scores 0–100, blank where unscored."""
    ordered = [f for f in sorted(fw.factors, key=lambda f: f.sort_key) if f.kind == kind]
    sub = factors[factors["kind"] == kind]
    z = sub.pivot_table(index="factor_id", columns="period", values="score", aggfunc="first", dropna=False)
    cov = sub.pivot_table(index="factor_id", columns="period", values="coverage", aggfunc="first", dropna=False)
    ids = [f.id for f in ordered]
    z = z.reindex(index=ids, columns=periods)
    cov = cov.reindex(index=ids, columns=periods)
    labels = [f"{f.id} · {_short(tr(f.title, lang))}" for f in ordered]
    full = [tr(f.title, lang) for f in ordered]
    text = [[f"{full[i]}<br>{p}: " + (_("not scored") if pd.isna(z.iat[i, j]) else
                                       f"{format_decimal(float(z.iat[i, j]), 1)} / 100") +
             ("" if pd.isna(cov.iat[i, j]) else "<br>" + _("coverage {pct}").format(
                 pct=format_percent(float(cov.iat[i, j]))))
             for j, p in enumerate(periods)] for i in range(len(ids))]
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(dtype=float, na_value=float("nan")), x=list(periods), y=labels, zmin=0, zmax=SCORE_MAX,
        colorscale=HEATMAP_SCALES[kind], hovertext=text, hoverinfo="text", xgap=1, ygap=1,
        colorbar=dict(title=dict(text=_("Score (0–100)")))))
    period_axis(fig, periods)
    fig.update_yaxes(autorange="reversed")
    return frame(fig, title, _("Period"), _("Risk factor") if kind == "risk" else _("Resilience section"),
                 height=max(300, 26 * len(ids) + 140), plot_bgcolor=NOT_SCORED_COLOUR)


def _on_axis(rows: pd.DataFrame, periods: list[str]) -> tuple[list[str], list[str]]:
    """Every quarter between the first and the last (a missing one is a gap), and each point's marker:
    filled for a validated assessment, hollow for a draft, submitted or returned one."""
    axis = full_periods(periods or rows["period"].tolist())
    validated = dict(zip(rows["period"], [str(s) == "validated" for s in rows["status"]] if "status" in rows
                         else [True] * len(rows), strict=False))
    return axis, ["circle" if validated.get(p, True) else "circle-open" for p in axis]


def driver_lines(rows: pd.DataFrame, drivers: tuple[str, ...], periods: list[str], title: str,
                 tags: dict | None = None, lang: str = "en") -> go.Figure:
    """The driver scores (mean of tagged risk indicators, 0–100) per period, one line each; a missing
    quarter is a gap, drafts are hollow markers."""
    fig = go.Figure()
    axis, symbols = _on_axis(rows, periods)
    for i, d in enumerate(drivers):
        label = tr(tags[d], lang) if tags and d in tags else d.replace("_", " ").capitalize()
        fig.add_trace(go.Scatter(
            x=axis, y=aligned(rows, axis, d), mode="lines+markers", name=label, connectgaps=False,
            line=dict(color=SERIES_COLOURS[i % len(SERIES_COLOURS)], dash=DASHES[i % len(DASHES)], width=2),
            marker=dict(symbol=symbols, size=8), hovertemplate=_hover(label, "%{y:.1f} / 100")))
    period_axis(fig, axis)
    fig.update_yaxes(range=[0, SCORE_MAX])
    return frame(fig, title, _("Period"), _("Driver score (0–100)"))


def index_lines(rows: pd.DataFrame, periods: list[str], title: str) -> go.Figure:
    """Risk index and resilience index per period (both 0–100), with the composite for reference; a
    missing quarter is a gap, drafts are hollow markers."""
    fig = go.Figure()
    axis, symbols = _on_axis(rows, periods)
    spec = (("risk_index", _("Risk index"), "#D55E00", "solid"),
            ("resilience_index", _("Resilience index"), "#0072B2", "dash"),
            ("composite", _("Composite"), "#555555", "dot"))
    for col, name, colour, dash in spec:
        fig.add_trace(go.Scatter(x=axis, y=aligned(rows, axis, col), mode="lines+markers", name=name,
                                 connectgaps=False, line=dict(color=colour, dash=dash, width=2),
                                 marker=dict(symbol=symbols, size=8),
                                 hovertemplate=_hover(name, "%{y:.1f} / 100")))
    period_axis(fig, axis)
    fig.update_yaxes(range=[0, SCORE_MAX])
    return frame(fig, title, _("Period"), _("Index (0–100)"))


def coverage_confidence(rows: pd.DataFrame, periods: list[str], title: str,
                        confidence_labels: Sequence[str]) -> go.Figure:
    """Coverage (% of applicable indicators scored, bars) and mean confidence (line).

    `confidence_labels` are the manifest's confidence levels, lowest first (`Scale.confidence`):
    level n counts as n, so the mean runs from 1 to their number.
    """
    top = max(len(confidence_labels), 1)
    ticks = list(range(1, top + 1))
    legend = ", ".join(f"{n} {label}" for n, label in zip(ticks, confidence_labels))
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    coverage, confidence = _("Coverage"), _("Mean confidence")
    fig.add_trace(go.Bar(x=rows["period"].tolist(), y=rows["coverage"] * 100, name=_("Coverage (%)"),
                         marker_color="#56B4E9", hovertemplate=_hover(coverage, "%{y:.0f}%")),
                  secondary_y=False)
    fig.add_trace(go.Scatter(x=rows["period"].tolist(), y=rows["confidence"], mode="lines+markers",
                             name=_("Mean confidence (1–{top})").format(top=top), line=dict(color="#000000", width=2),
                             hovertemplate=_hover(confidence, f"%{{y:.2f}} ({legend})")),
                  secondary_y=True)
    period_axis(fig, periods)
    fig.update_yaxes(title_text=_("Coverage (% of applicable indicators scored)"), range=[0, 100], secondary_y=False)
    fig.update_yaxes(title_text=_("Mean confidence ({levels})").format(levels=legend), range=[1, top],
                     secondary_y=True, tickvals=ticks, ticktext=list(confidence_labels), showgrid=False)
    return frame(fig, title, _("Period"), None)
