"""The "How sure" sheet of an export: how robust each tier is, the rank band, and the rater range.

Issue 22 (sensitivity) and issue 21 (rating rounds) both say the uncertainty travels with the
numbers into exports. The numbers come from the same places as the dashboards':
riskframe.analytics.robustness (the Monte Carlo over the method's choices, ranked within each period
among the assessments the exporting person may see) and riskframe.assessments.round_review (the
composite from each rater's sheet of the latest readable rating round; the store decides what is
readable, so an export never shows a blind round's scores).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from riskframe.analytics import select_statuses
from riskframe.analytics.robustness import RANKED_BY
from riskframe.assessments.round_review import latest_rater_range
from riskframe.excel import export_labels as labels
from riskframe.excel.export_robustness import period_robustness
from riskframe.excel.export_table import table
from riskframe.excel.sheets import Col, Frame
from riskframe.framework.models import Framework
from riskframe.i18n import N_, _
from riskframe.scoring.sensitivity import settings_of
from riskframe.store import Actor, Store
from riskframe.store.schemas import AssessmentView

HOW_SURE = N_("How sure")
COLUMNS = ["tier_modal", "tier_modal_share", "tier_robust", "composite_low", "composite_high", "rank_low", "rank_high",
           "rank_of", "rater_low", "rater_high", "rater_round", "raters"]


def certainty_of(store: Store, actor: Actor, fw: Framework, views: list[AssessmentView]) -> pd.DataFrame:
    """One row per exported assessment (indexed by id) with the columns in COLUMNS.

    Ranks are within a period, so only the exported periods' assessments are analysed, each period
    once per data version (export_robustness keeps the result until something is saved)."""
    if not views:
        return pd.DataFrame(columns=COLUMNS)
    statuses = select_statuses(True)
    parts = [period_robustness(store, actor, fw, period, statuses) for period in sorted({v.period for v in views})]
    parts = [p for p in parts if not p.empty]
    robust = pd.concat(parts) if parts else pd.DataFrame()
    rows = {}
    for v in views:
        row: dict[str, Any] = dict.fromkeys(COLUMNS)
        if not robust.empty and v.id in robust.index:
            r = robust.loc[v.id]
            row.update(tier_modal=r["tier_modal"], tier_modal_share=float(r["tier_modal_share"]),
                       tier_robust=bool(r["tier_robust"]), composite_low=float(r["composite_low"]),
                       composite_high=float(r["composite_high"]), rank_low=int(r["rank_low"]),
                       rank_high=int(r["rank_high"]), rank_of=int(r["rank_of"]))
        review = latest_rater_range(store, fw, actor, v.id)
        if review is not None and review.rater_range is not None:
            row.update(rater_low=review.rater_range[0], rater_high=review.rater_range[1],
                       rater_round=review.round.number, raters=len(review.raters))
        rows[v.id] = row
    return pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS)


def how_sure(wb: Any, data: Any, frame: Frame) -> None:
    """Write the sheet: per assessment, the tier's share of the draws, robust or not, the composite's
    interval, the rank band in its period and the rater range of its latest rating round."""
    found = data.certainty
    if found is None or found.empty:
        return
    fw = data.framework
    s = settings_of(fw)
    cols = [Col(_("Country"), 8), Col(_("Period"), 9), Col(_("Most frequent tier"), 11, wrap=True),
            Col(_("Share of draws"), 8, wrap=True), Col(_("Robust"), 7, wrap=True),
            Col(_("Composite interval"), 11, wrap=True), Col(_("Rank band"), 9, wrap=True),
            Col(_("Rater range"), 11, wrap=True), Col(_("Rating round"), 8, wrap=True)]
    rows = []
    for v in data.views:
        r = found.loc[v.id] if v.id in found.index else None
        if r is None:
            continue
        share = None if pd.isna(r["tier_modal_share"]) else f"{float(r['tier_modal_share']):.0%}"
        interval = None if pd.isna(r["composite_low"]) else f"{r['composite_low']:.1f}–{r['composite_high']:.1f}"
        band = None if pd.isna(r["rank_low"]) else _("{low}–{high} of {of}").format(
            low=int(r["rank_low"]), high=int(r["rank_high"]), of=int(r["rank_of"]))
        raters = None if pd.isna(r["rater_low"]) else f"{r['rater_low']:.1f}–{r['rater_high']:.1f}"
        round_ = None if pd.isna(r["rater_round"]) else _("round {n}, {raters} raters").format(
            n=int(r["rater_round"]), raters=int(r["raters"]))
        robust = None if r["tier_robust"] is None or pd.isna(r["tier_robust"]) else labels.yes_no(bool(r["tier_robust"]))
        rows.append([v.country, v.period, labels.tier(fw, r["tier_modal"]) if isinstance(r["tier_modal"], str) else None,
                     share, robust, interval, band, raters, round_])
    note = _("The composite recomputed {draws} times with other reasonable choices of the method and every unknown "
             "indicator drawn within its range (seed {seed}); a tier is robust when at least {robust} of the draws "
             "give it. Ranks are taken within each period among the assessments you may see, by {by}. The rater range "
             "is the composite from each rater's sheet of the latest rating round.").format(
        draws=s.draws, seed=s.seed, robust=f"{s.robust_at:.0%}", by=_(RANKED_BY))
    title = _("How sure are these numbers: {what}").format(what=data.description)
    table(wb, HOW_SURE, title, frame, cols, rows, freeze_cols=2, note=note)
