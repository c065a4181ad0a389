"""One scored assessment as a plain dict (JSON-ready): what the CLI prints and exports reuse."""

from __future__ import annotations

import math

from riskframe.framework.models import Framework, tr
from riskframe.scoring.engine import Scores
from riskframe.scoring.explain import explain, top_contributors


def _num(x) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 2)


def crimes_report(scores: Scores, fw: Framework, assessment_id, lang: str = "en") -> dict:
    """The per-crime method's result (method 2): headline, status, provisional, crimes, band."""
    method = fw.manifest.method
    if method is None or scores.crimes is None:
        return {}
    a = scores.assessments.loc[assessment_id]
    rows = scores.crimes[scores.crimes["assessment_id"] == assessment_id].set_index("crime")
    crimes = {}
    for c in method.crimes:
        r = rows.loc[c.id]
        crimes[c.id] = {
            "label": tr(c.label, lang),
            "level": r["level"],
            "band": [r["level_low"], r["level_high"]],
            "breadth": _num(r["breadth"]),
            "common_factors_present": int(r["common_present"]),
            "escalators": {"factors": list(c.specific), "present": list(r["escalators"]),
                           "intensity": _num(r["escalator"]), "steps": int(r["escalation_steps"])},
            "red_flag_floor": r["floor"],
            "may_be_under_way": bool(r["under_way"]),
            "coverage": _num(r["coverage"]),
        }
    return {
        "method_version": method.version,
        "headline": a["headline"],
        "headline_crime": a["headline_crime"],
        "level": a["headline_level"],
        "level_band": [a["headline_level_low"], a["headline_level_high"]],
        "status": a["status"],
        "status_text": tr(method.status[a["status"]], lang),
        "provisional": bool(a["provisional"]),
        "provisional_reasons": list(a["provisional_reasons"]),
        "unresolved_red_flags": list(a["unresolved_red_flags"]),
        "raised_red_flags": list(a["raised_red_flags"]),
        "common_breadth": _num(a["common_breadth"]),
        "common_breadth_band": [_num(a["common_breadth_low"]), _num(a["common_breadth_high"])],
        "common_factors_present": int(a["common_present"]),
        "coverage_by_factor": {f: _num(a[f"coverage_f{f}"]) for f in method.common},
        "intensity_by_factor": {f: _num(a[f"intensity_f{f}"])
                                for f in [*method.common, *(f for c in method.crimes for f in c.specific)]},
        "resilience_axis": _num(a["resilience_axis"]),
        "crimes": crimes,
    }


def assessment_report(scores: Scores, fw: Framework, assessment_id, lang: str = "en") -> dict:
    """Everything about one assessment; the composite keys are kept, the per-crime keys added."""
    a = scores.assessments.loc[assessment_id]
    fac = scores.factors[scores.factors["assessment_id"] == assessment_id]
    return crimes_report(scores, fw, assessment_id, lang) | {
        "assessment": assessment_id,
        "framework": fw.id,
        "framework_version": fw.version,
        "composite": _num(a["composite"]),
        "band": [_num(a["band_low"]), _num(a["band_high"])],
        "tier": a["tier"],
        "tier_before_red_flags": a["tier_before_flags"],
        "risk_index": _num(a["risk_index"]),
        "resilience_index": _num(a["resilience_index"]),
        "coverage": _num(a["coverage"]),
        "factors": [
            {"id": r.factor_id, "kind": r.kind, "title": tr(fw.factor_by_id[r.factor_id].title, lang),
             "score": _num(r.score), "coverage": _num(r.coverage), "band": [_num(r.low), _num(r.high)]}
            for r in fac.itertuples()
        ],
        "drivers": {k: _num(v) for k, v in scores.drivers.loc[assessment_id].items()},
        "red_flags": [
            {"id": i, "text": tr(fw.indicators[i].text, lang),
             "reason": flag.reason_in(lang) if (flag := fw.indicators[i].red_flag) else ""}
            for i in a["red_flags"]
        ],
        "top_contributors": top_contributors(scores, fw, assessment_id),
        "explanation": explain(scores, fw, assessment_id, lang),
    }
