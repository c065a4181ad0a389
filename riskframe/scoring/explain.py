"""Plain-sentence explanations: which factors and indicators drive an assessment's score.

An indicator's contribution is its share of the risk index: score / scale max × 100, divided by the number
of scored indicators in its factor and by the number of scored risk factors. Contributions of one
assessment's indicators add up to its risk index.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, current_language, format_decimal, format_percent, ngettext, use_language
from riskframe.scoring.engine import Scores
from riskframe.scoring.plan import plan_of


def contributions(scores: Scores, fw: Framework) -> pd.DataFrame:
    """Assessment × risk indicator: points each indicator adds to the risk index."""
    table = fw.indicator_table
    risk = table.index[table["kind"] == "risk"]
    values = contribution_array(scores.indicator_scores.to_numpy(dtype=float), fw)
    return pd.DataFrame(values, index=scores.indicator_scores.index, columns=risk)


def contribution_array(score: np.ndarray, fw: Framework) -> np.ndarray:
    """`contributions` of an assessment × indicator score array (columns: the risk indicators)."""
    plan = plan_of(fw)
    s = score[:, plan.risk_ind]
    factor_of = plan.risk_factor
    scored = ~np.isnan(s)
    per_factor = np.zeros((len(s), int(factor_of.max(initial=-1)) + 1), dtype=np.int64)
    for f in range(per_factor.shape[1]):
        per_factor[:, f] = scored[:, factor_of == f].sum(axis=1)
    n_factors = (per_factor > 0).sum(axis=1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = s * (100.0 / fw.manifest.scale.max) / per_factor[:, factor_of]
        return share / np.where(n_factors == 0, np.nan, n_factors)[:, None]


def top_contributors(scores: Scores, fw: Framework, assessment_id, n: int | None = None,
                     lang: str | None = None) -> list[dict]:
    """The indicators that add most to the risk index, highest first (ties by document order); their
    text in ``lang``, else the current language."""
    lang = lang or current_language()
    n = n or fw.manifest.scoring.explanation_top_n
    row = contributions(scores, fw).loc[assessment_id].dropna()
    row = row[row > 0]
    order = sorted(row.index, key=lambda i: (-row[i], list(fw.indicators).index(i)))[:n]
    return [
        {"indicator_id": i, "points": float(row[i]), "score": int(scores.indicator_scores.loc[assessment_id, i]),
         "factor_id": fw.indicators[i].factor_id, "text": tr(fw.indicators[i].text, lang)}
        for i in order
    ]


def _fmt(x: float) -> str:
    return _("n/a") if x is None or (isinstance(x, float) and np.isnan(x)) else format_decimal(x)


def explain(scores: Scores, fw: Framework, assessment_id, lang: str | None = None) -> list[str]:
    """Sentences an analyst can paste into a report to say where the number comes from (in ``lang``,
    else the current language)."""
    with use_language(lang):
        return _explain(scores, fw, assessment_id, current_language())


def _explain(scores: Scores, fw: Framework, assessment_id, lang: str) -> list[str]:
    a = scores.assessments.loc[assessment_id]
    scoring = fw.manifest.scoring
    out = []
    if np.isnan(a["composite"]):
        out.append(_("No risk indicator is scored yet, so there is no composite score; the uncertainty band is "
                     "{low}–{high}.").format(low=_fmt(a["band_low"]), high=_fmt(a["band_high"])))
    else:
        tier = fw.tier(a["tier"]).label(lang) if a["tier"] else _("n/a")
        out.append(_("Composite {composite} of 100 ({tier}); if every unknown or unassessed indicator took its lowest "
                     "or highest level it would lie between {low} and {high}.").format(
            composite=_fmt(a["composite"]), tier=tier, low=_fmt(a["band_low"]), high=_fmt(a["band_high"])))
        res = a["resilience_index"]
        if np.isnan(res):
            out.append(_("Risk index {risk}; no resilience indicator is scored, so no resilience is credited.").format(
                risk=_fmt(a["risk_index"])))
        else:
            cut = scoring.resilience_dampening * res
            out.append(_("Risk index {risk}, reduced by {cut} for a resilience index of {resilience}.").format(
                risk=_fmt(a["risk_index"]), cut=format_percent(cut / 100, 1), resilience=_fmt(res)))
    fac = scores.factors[(scores.factors["assessment_id"] == assessment_id) & (scores.factors["kind"] == "risk")]
    fac = fac.dropna(subset=["score"]).sort_values(["score", "factor_id"], ascending=[False, True], key=None).head(3)
    if len(fac):
        parts = [f"{r.factor_id} {tr(fw.factor_by_id[r.factor_id].title, lang)} ({format_decimal(r.score, 0)})"
                 for r in fac.itertuples()]
        out.append(_("Highest risk factors: {factors}.").format(factors="; ".join(parts)))
    top = top_contributors(scores, fw, assessment_id, lang=lang)
    if top:
        parts = [_("{id} ({text}, scored {score})").format(
            id=t["indicator_id"], text=t["text"][:80].rstrip() + "…" if len(t["text"]) > 80 else t["text"],
            score=t["score"]) for t in top]
        out.append(_("Indicators contributing most: {indicators}.").format(indicators="; ".join(parts)))
    flags = a["red_flags"]
    if flags:
        lifted = a["tier"] != a["tier_before_flags"]
        if lifted:
            tier_label = fw.tier(a["tier"]).label(lang) if a["tier"] else a["tier"]
            out.append(ngettext("Red flag raised: {flags}; it lifts the tier to {tier}.",
                                "Red flags raised: {flags}; they lift the tier to {tier}.", len(flags)).format(
                flags=", ".join(flags), tier=tier_label))
        else:
            out.append(ngettext("Red flag raised: {flags}.", "Red flags raised: {flags}.", len(flags)).format(
                flags=", ".join(flags)))
    if np.isnan(a["coverage"]):
        out.append(_("No indicator is applicable."))
    else:
        out.append(_("Coverage {coverage} ({scored} scored; {unknown} unknown, {not_assessed} not assessed, "
                     "{not_applicable} not applicable).").format(
            coverage=format_percent(a["coverage"]), scored=a["n_scored"], unknown=a["n_unknown"],
            not_assessed=a["n_not_assessed"], not_applicable=a["n_not_applicable"]))
    return out
