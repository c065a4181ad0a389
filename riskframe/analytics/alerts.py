"""Portfolio alerts: which countries need an analyst's attention now, and why.

Each country's latest assessment (in the selection shown) is compared with its previous one.
Thresholds come from the manifest (`scoring.alerts`), not from code.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from riskframe.analytics.panel import Panel
from riskframe.framework.models import Framework

KINDS = {  # kind -> (label, order on screen)
    "tier_rose": ("Tier rose", 0),
    "new_red_flags": ("New red flags", 1),
    "composite_jump": ("Composite jump", 2),
    "overdue": ("Overdue", 3),
}
COLUMNS = ["country", "kind", "label", "period", "tier", "tier_prev", "composite", "composite_delta",
           "detail", "assessment_id"]


def _row(latest: pd.Series, kind: str, detail: str) -> dict:
    return {"country": latest["country"], "kind": kind, "label": KINDS[kind][0], "period": latest["period"],
            "tier": latest["tier"], "tier_prev": latest["tier_prev"], "composite": latest["composite"],
            "composite_delta": latest["composite_delta"], "detail": detail,
            "assessment_id": int(latest["assessment_id"])}


def _tier_name(fw: Framework, tier, lang: str) -> str:
    return fw.tier(tier).label(lang) if isinstance(tier, str) else "no tier"


def portfolio_alerts(panel: Panel, fw: Framework, today: dt.date | None = None, lang: str = "en") -> pd.DataFrame:
    """One row per alert (columns COLUMNS), most serious kind first, then by country."""
    rules = fw.manifest.scoring.alerts
    today = today or dt.date.today()
    rows: list[dict] = []
    if panel.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    for _, a in panel.latest().iterrows():
        has_prev = isinstance(a["prev_period"], str)
        if has_prev and a["tier_change"] > 0:
            rows.append(_row(a, "tier_rose", f"{_tier_name(fw, a['tier_prev'], lang)} → "
                             f"{_tier_name(fw, a['tier'], lang)} since {a['prev_period']}"))
        if a["new_red_flags"]:
            since = f"since {a['prev_period']}" if has_prev else "in the first assessment"
            rows.append(_row(a, "new_red_flags", f"{', '.join(a['new_red_flags'])} raised {since}"))
        if has_prev and not np.isnan(a["composite_delta"]) and a["composite_delta"] > rules.composite_jump:
            rows.append(_row(a, "composite_jump", f"+{a['composite_delta']:.1f} points since {a['prev_period']} "
                             f"(alert above +{rules.composite_jump:g})"))
        days = (pd.Timestamp(today) - a["period_end"]).days
        if days > rules.overdue_days:
            rows.append(_row(a, "overdue", f"latest assessment {a['period']} ended {days} days ago "
                             f"(due within {rules.overdue_days})"))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["_k"] = out["kind"].map(lambda k: KINDS[k][1])
    return out.sort_values(["_k", "country"], kind="stable").drop(columns="_k").reset_index(drop=True)
