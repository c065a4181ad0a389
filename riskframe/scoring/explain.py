"""Plain-sentence explanations: which factors and indicators drive an assessment's score.

An indicator's contribution is its share of the risk index: score / scale max × 100, divided by the number
of scored indicators in its factor and by the number of scored risk factors. Contributions of one
assessment's indicators add up to its risk index.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework, tr
from riskframe.scoring.engine import Scores


def contributions(scores: Scores, fw: Framework) -> pd.DataFrame:
    """Assessment × risk indicator: points each indicator adds to the risk index."""
    table = fw.indicator_table
    risk = table.index[table["kind"] == "risk"]
    s = scores.indicator_scores[risk]
    factor_of = table.loc[risk, "factor_id"]
    n_in_factor = s.notna().T.groupby(factor_of.to_numpy()).transform("sum").T
    n_factors = s.notna().T.groupby(factor_of.to_numpy()).any().T.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = s * (100.0 / fw.manifest.scale.max) / n_in_factor
        return share.div(n_factors.replace(0, np.nan), axis=0)


def top_contributors(scores: Scores, fw: Framework, assessment_id, n: int | None = None) -> list[dict]:
    """The indicators that add most to the risk index, highest first (ties by document order)."""
    n = n or fw.manifest.scoring.explanation_top_n
    row = contributions(scores, fw).loc[assessment_id].dropna()
    row = row[row > 0]
    order = sorted(row.index, key=lambda i: (-row[i], list(fw.indicators).index(i)))[:n]
    return [
        {"indicator_id": i, "points": float(row[i]), "score": int(scores.indicator_scores.loc[assessment_id, i]),
         "factor_id": fw.indicators[i].factor_id, "text": tr(fw.indicators[i].text)}
        for i in order
    ]


def _fmt(x: float) -> str:
    return "n/a" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.1f}"


def explain(scores: Scores, fw: Framework, assessment_id, lang: str = "en") -> list[str]:
    """Sentences an analyst can paste into a report to say where the number comes from."""
    a = scores.assessments.loc[assessment_id]
    scoring = fw.manifest.scoring
    out = []
    if np.isnan(a["composite"]):
        out.append("No risk indicator is scored yet, so there is no composite score; "
                   f"the uncertainty band is {_fmt(a['band_low'])}–{_fmt(a['band_high'])}.")
    else:
        tier = fw.tier(a["tier"]).label(lang) if a["tier"] else "n/a"
        out.append(f"Composite {_fmt(a['composite'])} of 100 ({tier}); if every unknown or unassessed indicator "
                   f"took its lowest or highest level it would lie between {_fmt(a['band_low'])} and {_fmt(a['band_high'])}.")
        res = a["resilience_index"]
        if np.isnan(res):
            out.append(f"Risk index {_fmt(a['risk_index'])}; no resilience indicator is scored, so no resilience is credited.")
        else:
            cut = scoring.resilience_dampening * res
            out.append(f"Risk index {_fmt(a['risk_index'])}, reduced by {cut:.1f}% for a resilience index of {_fmt(res)}.")
    fac = scores.factors[(scores.factors["assessment_id"] == assessment_id) & (scores.factors["kind"] == "risk")]
    fac = fac.dropna(subset=["score"]).sort_values(["score", "factor_id"], ascending=[False, True], key=None).head(3)
    if len(fac):
        parts = [f"{r.factor_id} {tr(fw.factor_by_id[r.factor_id].title, lang)} ({r.score:.0f})" for r in fac.itertuples()]
        out.append("Highest risk factors: " + "; ".join(parts) + ".")
    top = top_contributors(scores, fw, assessment_id)
    if top:
        parts = [f"{t['indicator_id']} ({t['text'][:80].rstrip()}…, scored {t['score']})" if len(t["text"]) > 80
                 else f"{t['indicator_id']} ({t['text']}, scored {t['score']})" for t in top]
        out.append("Indicators contributing most: " + "; ".join(parts) + ".")
    flags = a["red_flags"]
    if flags:
        lifted = a["tier"] != a["tier_before_flags"]
        out.append(f"Red flag{'s' if len(flags) > 1 else ''} raised: {', '.join(flags)}"
                   + (f"; they lift the tier to {a['tier']}." if lifted else "."))
    out.append(f"Coverage {a['coverage'] * 100:.0f}% ({a['n_scored']} scored; {a['n_unknown']} unknown, "
               f"{a['n_not_assessed']} not assessed, {a['n_not_applicable']} not applicable)."
               if not np.isnan(a["coverage"]) else "No indicator is applicable.")
    return out
