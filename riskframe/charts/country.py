"""One country's detail charts: factor × period heatmap, drivers, risk vs resilience indices,
coverage and confidence. Pure plotly; rows come from `Panel.country(code)`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from riskframe.charts.theme import SCORE_MAX, frame, period_axis
from riskframe.charts.trend import DASHES, SERIES_COLOURS
from riskframe.framework.models import Framework, tr

# Sequential, colour-blind-safe scales; risk darkens toward danger, resilience toward strength.
HEATMAP_SCALES = {"risk": "YlOrRd", "resilience": "Blues"}
NOT_SCORED_COLOUR = "#e6e6e6"  # cells with no score show the grey background, never a score colour


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
    text = [[f"{full[i]}<br>{p}: " + ("not scored" if pd.isna(z.iat[i, j]) else
                                       f"{z.iat[i, j]:.1f} / 100") +
             ("" if pd.isna(cov.iat[i, j]) else f"<br>coverage {cov.iat[i, j] * 100:.0f}%")
             for j, p in enumerate(periods)] for i in range(len(ids))]
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(dtype=float, na_value=float("nan")), x=list(periods), y=labels, zmin=0, zmax=SCORE_MAX,
        colorscale=HEATMAP_SCALES[kind], hovertext=text, hoverinfo="text", xgap=1, ygap=1,
        colorbar=dict(title=dict(text="Score (0–100)"))))
    period_axis(fig, periods)
    fig.update_yaxes(autorange="reversed")
    return frame(fig, title, "Period", "Risk factor" if kind == "risk" else "Resilience section",
                 height=max(300, 26 * len(ids) + 140), plot_bgcolor=NOT_SCORED_COLOUR)


def driver_lines(rows: pd.DataFrame, drivers: tuple[str, ...], periods: list[str], title: str,
                 tags: dict | None = None, lang: str = "en") -> go.Figure:
    """The driver scores (mean of tagged risk indicators, 0–100) per period, one line each."""
    fig = go.Figure()
    for i, d in enumerate(drivers):
        label = tr(tags[d], lang) if tags and d in tags else d.replace("_", " ").capitalize()
        fig.add_trace(go.Scatter(
            x=rows["period"].tolist(), y=rows[d], mode="lines+markers", name=label,
            line=dict(color=SERIES_COLOURS[i % len(SERIES_COLOURS)], dash=DASHES[i % len(DASHES)], width=2),
            hovertemplate=f"{label}<br>%{{x}}: %{{y:.1f}} / 100<extra></extra>"))
    period_axis(fig, periods)
    fig.update_yaxes(range=[0, SCORE_MAX])
    return frame(fig, title, "Period", "Driver score (0–100)")


def index_lines(rows: pd.DataFrame, periods: list[str], title: str) -> go.Figure:
    """Risk index and resilience index per period (both 0–100), with the composite for reference."""
    fig = go.Figure()
    spec = (("risk_index", "Risk index", "#D55E00", "solid"),
            ("resilience_index", "Resilience index", "#0072B2", "dash"),
            ("composite", "Composite", "#555555", "dot"))
    for col, name, colour, dash in spec:
        fig.add_trace(go.Scatter(x=rows["period"].tolist(), y=rows[col], mode="lines+markers", name=name,
                                 line=dict(color=colour, dash=dash, width=2),
                                 hovertemplate=f"{name}<br>%{{x}}: %{{y:.1f}} / 100<extra></extra>"))
    period_axis(fig, periods)
    fig.update_yaxes(range=[0, SCORE_MAX])
    return frame(fig, title, "Period", "Index (0–100)")


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
    fig.add_trace(go.Bar(x=rows["period"].tolist(), y=rows["coverage"] * 100, name="Coverage (%)",
                         marker_color="#56B4E9", hovertemplate="Coverage<br>%{x}: %{y:.0f}%<extra></extra>"),
                  secondary_y=False)
    fig.add_trace(go.Scatter(x=rows["period"].tolist(), y=rows["confidence"], mode="lines+markers",
                             name=f"Mean confidence (1–{top})", line=dict(color="#000000", width=2),
                             hovertemplate=f"Mean confidence<br>%{{x}}: %{{y:.2f}} ({legend})<extra></extra>"),
                  secondary_y=True)
    period_axis(fig, periods)
    fig.update_yaxes(title_text="Coverage (% of applicable indicators scored)", range=[0, 100], secondary_y=False)
    fig.update_yaxes(title_text=f"Mean confidence ({legend})", range=[1, top], secondary_y=True,
                     tickvals=ticks, ticktext=list(confidence_labels), showgrid=False)
    return frame(fig, title, "Period", None)
