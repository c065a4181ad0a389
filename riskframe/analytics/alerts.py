"""Portfolio alerts: which countries need an analyst's attention now, and why.

Each country's latest assessment (in the selection shown) is compared with its previous one.
Thresholds come from the manifest (`scoring.alerts`), not from code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from riskframe.analytics.panel import Panel
from riskframe.domain.labels import measure_status_label
from riskframe.framework.models import Framework
from riskframe.i18n import N_, _, format_decimal

KINDS = {  # kind -> (label, order on screen); the label is translated when a row is made
    "tier_rose": (N_("Tier rose"), 0),
    "new_red_flags": (N_("New red flags"), 1),
    "indicator_rose": (N_("Indicator rose"), 2),
    "indicator_top": (N_("Indicator at its highest level for the first time"), 3),
    "composite_jump": (N_("Composite jump"), 4),
    "overdue": (N_("Overdue"), 5),
    "measure_overdue": (N_("Measure overdue"), 6),
    "reference_diverges": (N_("Reference and judgement diverge"), 7),
}
COLUMNS = ["country", "kind", "label", "period", "tier", "tier_prev", "composite", "composite_delta",
           "detail", "assessment_id"]


def _row(latest: pd.Series, kind: str, detail: str) -> dict:
    return {"country": latest["country"], "kind": kind, "label": _(KINDS[kind][0]), "period": latest["period"],
            "tier": latest["tier"], "tier_prev": latest["tier_prev"], "composite": latest["composite"],
            "composite_delta": latest["composite_delta"], "detail": detail,
            "assessment_id": int(latest["assessment_id"])}


def _tier_name(fw: Framework, tier, lang: str) -> str:
    return fw.tier(tier).label(lang) if isinstance(tier, str) else _("no tier")


def indicator_changes(panel: Panel, entries: pd.DataFrame, fw: Framework) -> dict[int, dict[str, tuple[str, ...]]]:
    """For each country's latest assessment: indicators that rose `indicator_rise` levels or more since
    the previous assessment, and those at `indicator_top` for the first time in the country's panel.

    `entries` is the frame the panel was built from (Store.entries_frame); only scored levels count.
    """
    rules = fw.manifest.scoring.alerts
    a = panel.assessments
    if panel.empty or entries.empty:
        return {}
    ids = a["assessment_id"].astype(int).to_numpy()
    e = entries[entries["assessment_id"].isin(ids) & entries["score"].notna()]
    levels = e.pivot_table(index="assessment_id", columns="indicator_id", values="score", aggfunc="max")
    levels = levels.reindex(ids).astype(float)
    out: dict[int, dict[str, tuple[str, ...]]] = {}
    for _country, rows in a.groupby("country", sort=False):  # rows are in period order
        hist = levels.loc[rows["assessment_id"].astype(int).to_numpy()]
        latest = hist.iloc[-1]
        rose: tuple[str, ...] = ()
        if len(hist) > 1:
            up = latest - hist.iloc[-2]
            rose = tuple(up.index[(up >= rules.indicator_rise).to_numpy()])
        earlier_top = (hist.iloc[:-1] >= rules.indicator_top).any(axis=0) if len(hist) > 1 else \
            pd.Series(False, index=hist.columns)
        top = tuple(latest.index[((latest >= rules.indicator_top) & ~earlier_top).to_numpy()])
        out[int(rows["assessment_id"].iloc[-1])] = {"rose": rose, "top": top}
    return out


def measure_overdue_detail(measure: Any) -> str:
    """The sentence of an overdue measure: which one, in which country, due when, standing where."""
    return _("“{title}” ({country}) was due by {due} and is still {status}").format(
        title=" ".join(str(measure.title).split()), country=measure.country, due=measure.due_period,
        status=measure_status_label(measure.status).lower())


def portfolio_alerts(panel: Panel, fw: Framework, today: dt.date | None = None, lang: str = "en",
                     entries: pd.DataFrame | None = None, reference: pd.DataFrame | None = None,
                     overdue_measures: Iterable[Any] | None = None) -> pd.DataFrame:
    """One row per alert (columns COLUMNS), most serious kind first, then by country.

    With `entries` (the frame the panel was built from), indicator-level alerts are added: an
    indicator rising two levels, or reaching 3 for the first time (manifest `scoring.alerts`).
    With `reference` (riskframe.analytics.reference.compare), a latest assessment whose composite and
    reference series diverge by percentile gets an alert (manifest `reference`).
    With `overdue_measures` (riskframe.assessments' OverdueMeasure: open measures past their due
    quarter), each gets an alert on its country's row, naming the measure and the quarter.
    """
    rules = fw.manifest.scoring.alerts
    today = today or dt.date.today()
    rows: list[dict] = []
    if panel.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    changes = indicator_changes(panel, entries, fw) if entries is not None else {}
    late: dict[str, list[Any]] = {}
    for measure in overdue_measures or ():
        late.setdefault(measure.country, []).append(measure)
    for _i, a in panel.latest().iterrows():
        has_prev = isinstance(a["prev_period"], str)
        if has_prev and a["tier_change"] > 0:
            rows.append(_row(a, "tier_rose", _("{before} → {after} since {period}").format(
                before=_tier_name(fw, a["tier_prev"], lang), after=_tier_name(fw, a["tier"], lang),
                period=a["prev_period"])))
        if a["new_red_flags"]:
            flags = ", ".join(a["new_red_flags"])
            detail = _("{flags} raised since {period}").format(flags=flags, period=a["prev_period"]) if has_prev \
                else _("{flags} raised in the first assessment").format(flags=flags)
            rows.append(_row(a, "new_red_flags", detail))
        change = changes.get(int(a["assessment_id"]), {})
        if change.get("rose"):
            rows.append(_row(a, "indicator_rose", _("{indicators} up {levels} or more levels since {period}").format(
                indicators=", ".join(change["rose"]), levels=rules.indicator_rise, period=a["prev_period"])))
        if change.get("top"):
            rows.append(_row(a, "indicator_top", _("{indicators} at {level} for the first time").format(
                indicators=", ".join(change["top"]), level=rules.indicator_top)))
        if has_prev and not np.isnan(a["composite_delta"]) and a["composite_delta"] > rules.composite_jump:
            rows.append(_row(a, "composite_jump", _("+{delta} points since {period} (alert above +{threshold})").format(
                delta=format_decimal(a["composite_delta"]), period=a["prev_period"],
                threshold=format_decimal(rules.composite_jump, 0 if float(rules.composite_jump).is_integer() else 1))))
        aid = int(a["assessment_id"])
        if reference is not None and aid in reference.index and bool(reference.at[aid, "diverges"]):
            r = reference.loc[aid]
            rows.append(_row(a, "reference_diverges", _(
                "{series}: percentile {ref}; composite: percentile {judged} (among {n} countries)").format(
                series=r["series"], ref=format_decimal(r["ref_pct"], 0), judged=format_decimal(r["judgement_pct"], 0),
                n=int(r["n_compared"]))))
        days = (pd.Timestamp(today) - a["period_end"]).days
        if days > rules.overdue_days:
            rows.append(_row(a, "overdue", _("latest assessment {period} ended {days} days ago (due within {due})").format(
                period=a["period"], days=days, due=rules.overdue_days)))
        for measure in late.get(a["country"], []):
            rows.append(_row(a, "measure_overdue", measure_overdue_detail(measure)))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["_k"] = out["kind"].map(lambda k: KINDS[k][1])
    return out.sort_values(["_k", "country"], kind="stable").drop(columns="_k").reset_index(drop=True)
