"""Cross-country charts that are not trends: the risk-vs-resilience scatter for one period."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from riskframe.charts.theme import SCORE_MAX, TierScale, frame
from riskframe.charts.trend import point_hover
from riskframe.i18n import _


def risk_resilience_scatter(rows: pd.DataFrame, tiers: TierScale, title: str) -> go.Figure:
    """Resilience index (x) against risk index (y), one point per country, coloured by tier.

    One trace per tier so the legend is the tier scale; countries without a resilience score are
    left out (their count is in the title the page gives) rather than drawn at 0.
    """
    fig = go.Figure()
    shown = rows.dropna(subset=["risk_index", "resilience_index"])
    for tid in (*tiers.ids, None):
        sub = shown[shown["tier"] == tid] if tid is not None else shown[shown["tier"].isna()]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(
            x=sub["resilience_index"], y=sub["risk_index"], mode="markers+text", name=tiers.label(tid),
            text=sub["country"].tolist(), textposition="top center",
            marker=dict(size=14, color=tiers.colour(tid), line=dict(color="#222", width=1)),
            hovertext=point_hover(sub, tiers), hoverinfo="text"))
    fig.update_xaxes(range=[0, SCORE_MAX])
    fig.update_yaxes(range=[0, SCORE_MAX])
    return frame(fig, title, _("Resilience index (0–100, higher = stronger)"),
                 _("Risk index (0–100, higher = more risk)"), legend=dict(title=dict(text=_("Tier"))))
