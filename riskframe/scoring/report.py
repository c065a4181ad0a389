"""One scored assessment as a plain dict (JSON-ready): what the CLI prints and exports reuse."""

from __future__ import annotations

import math

from riskframe.framework.models import Framework, tr
from riskframe.scoring.engine import Scores
from riskframe.scoring.explain import explain, top_contributors


def _num(x) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 2)


def assessment_report(scores: Scores, fw: Framework, assessment_id, lang: str = "en") -> dict:
    a = scores.assessments.loc[assessment_id]
    fac = scores.factors[scores.factors["assessment_id"] == assessment_id]
    return {
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
            {"id": i, "text": tr(fw.indicators[i].text, lang), "reason": fw.indicators[i].red_flag.reason}
            for i in a["red_flags"]
        ],
        "top_contributors": top_contributors(scores, fw, assessment_id),
        "explanation": explain(scores, fw, assessment_id, lang),
    }
