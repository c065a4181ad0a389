"""Tiers lifted by a red flag stay visible at any scale: a red ring per point (one trace, one legend
entry), named in call-outs only on a one-country chart with few of them — hundreds of arrows cost the
browser seconds and cover the line (issue 18)."""

from __future__ import annotations

import pandas as pd

from riskframe.charts import composite_trend, small_multiples
from riskframe.charts.trend import CALLOUTS


def _rows(fw, countries: list[str], n_periods: int, lifted_every: int) -> pd.DataFrame:
    ids = [t.id for t in fw.manifest.scoring.tiers]
    out = []
    for country in countries:
        for q in range(n_periods):
            lifted = q % lifted_every == 0
            out.append({"country": country, "period": f"{2001 + q // 4}-Q{q % 4 + 1}", "status": "validated",
                        "composite": 30.0 + q % 7, "band_low": 25.0, "band_high": 40.0, "tier": ids[-1] if lifted
                        else ids[1], "tier_before_flags": ids[1], "coverage": 0.9,
                        "red_flags": ["7.14"] if lifted else [], "composite_delta": float("nan"),
                        "top_contributors": ""})
    return pd.DataFrame(out)


def _rings(fig) -> list:
    return [t for t in fig.data if t.legendgroup == "lifted"]


def _callouts(fig) -> list:
    return [a for a in fig.layout.annotations if "lifted by red flag" in (a.text or "")]


def test_many_lifted_points_are_rings_not_arrows(fw, tiers):
    rows = _rows(fw, ["XA", "XB", "XC"], 40, 2)
    fig = small_multiples(rows, tiers, sorted(rows["period"].unique()), "t")
    rings = _rings(fig)
    assert len(rings) == 3 and sum(len(t.x) for t in rings) == 60
    assert [t.showlegend for t in rings] == [True, False, False]
    assert all(t.hoverinfo == "skip" for t in rings)  # the point's own hover says from which tier
    assert _callouts(fig) == []
    one = composite_trend(rows[rows["country"] == "XA"], tiers, "XA")
    assert len(_rings(one)) == 1 and len(_rings(one)[0].x) == 20 and _callouts(one) == []


def test_a_few_lifted_points_on_one_country_are_also_named(fw, tiers):
    rows = _rows(fw, ["XA"], 4 * CALLOUTS, 4)
    fig = composite_trend(rows, tiers, "XA")
    assert len(_callouts(fig)) == CALLOUTS == len(_rings(fig)[0].x)
    none = _rows(fw, ["XA"], 8, 100)
    none = none.assign(tier=none["tier_before_flags"])
    fig = composite_trend(none, tiers, "XA")
    assert _rings(fig) == [] and _callouts(fig) == []
