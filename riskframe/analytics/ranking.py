"""The ranking table for one period: every country's composite, tier, change and coverage."""

from __future__ import annotations

import pandas as pd

from riskframe.analytics.panel import Panel

COLUMNS = ["rank", "country", "name", "tier", "composite", "band_low", "band_high", "composite_delta",
           "tier_change", "risk_index", "resilience_index", "coverage", "confidence", "red_flags", "status"]


def ranking(panel: Panel, period: str, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Countries assessed in `period`, highest composite first (ties by code); rank 1 = highest risk.

    `composite_delta` and `tier_change` compare with each country's previous assessment in the
    panel's selection; a country with no composite (nothing scored) ranks last, unranked.
    """
    rows = panel.at_period(period)
    names = names or {}
    out = rows.assign(name=rows["country"].map(lambda c: names.get(c, c)),
                      red_flags=rows["red_flags"].map(", ".join))
    out = out.sort_values(["composite", "country"], ascending=[False, True], na_position="last", kind="stable")
    ranked = out["composite"].notna()
    out["rank"] = pd.array([i + 1 if r else pd.NA for i, r in enumerate(ranked)], dtype="Int64")
    return out[COLUMNS].reset_index(drop=True)


def default_period(panel: Panel, share: float = 0.5) -> str | None:
    """The latest period in which at least `share` of the busiest period's countries are assessed.

    The very latest period is often only partly assessed; ranking on it would compare few countries.
    """
    if panel.empty:
        return None
    counts = panel.assessments.groupby("period")["country"].nunique()
    periods = panel.periods()
    full = [p for p in periods if counts[p] >= share * counts.max()]
    return full[-1]
