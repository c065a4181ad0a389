"""The same rules as engine.py, written as a plain per-assessment Python loop.

It is the oracle the property tests compare the vectorised engine with, and the baseline the
benchmarks measure the engine against. Keep it obvious rather than fast.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from riskframe.framework.models import Framework
from riskframe.scoring.tiers import tier_for


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def score_one(entries: dict[str, tuple[int | None, str | None]], fw: Framework) -> dict:
    """Score one assessment given {indicator_id: (score, missing_code)}; absent = not assessed."""
    sc = fw.manifest.scoring
    band_codes = set(sc.band_missing_codes)
    factor_scores: dict[str, dict] = {}
    n_scored = n_applicable = 0
    raised = []
    for factor in fw.factors:
        scored, band = [], 0
        applicable = 0
        for ind in factor.indicators:
            score, code = entries.get(ind.id, (None, "not_assessed"))
            if score is None and code is None:
                code = "not_assessed"
            if code != "not_applicable":
                applicable += 1
            if score is not None:
                scored.append(score)
                if ind.red_flag and score >= (ind.red_flag.raised_at or sc.red_flag.raised_at):
                    raised.append(ind)
            elif code in band_codes:
                band += 1
        n_scored += len(scored)
        n_applicable += applicable
        top = fw.manifest.scale.max
        point = _mean(scored) * 100 / top
        low = _mean(scored + [0] * band) * 100 / top
        high = _mean(scored + [top] * band) * 100 / top
        factor_scores[factor.id] = {"kind": factor.kind, "score": point, "low": low, "high": high,
                                    "coverage": len(scored) / applicable if applicable else math.nan}

    def index(kind: str, key: str) -> float:
        return _mean([f[key] for f in factor_scores.values() if f["kind"] == kind and not math.isnan(f[key])])

    d = sc.resilience_dampening
    risk, res = index("risk", "score"), index("resilience", "score")
    composite = risk * (1 - d * (0 if math.isnan(res) else res) / 100)
    risk_low, risk_high = index("risk", "low"), index("risk", "high")
    res_low, res_high = index("resilience", "low"), index("resilience", "high")
    band_low = (0 if math.isnan(risk_low) else risk_low) * (1 - d * (100 if math.isnan(res_high) else res_high) / 100)
    band_high = (100 if math.isnan(risk_high) else risk_high) * (1 - d * (0 if math.isnan(res_low) else res_low) / 100)
    tier = tier_for(composite, sc)
    ranks = [t.id for t in sc.tiers]
    for ind in raised:
        floor = (ind.red_flag.min_tier if ind.red_flag else None) or sc.red_flag.min_tier
        if tier is None or ranks.index(floor) > ranks.index(tier):
            tier = floor
    return {
        "composite": composite, "band_low": band_low, "band_high": band_high,
        "risk_index": risk, "resilience_index": res, "tier": tier,
        "coverage": n_scored / n_applicable if n_applicable else math.nan,
        "red_flags": tuple(i.id for i in raised), "factors": factor_scores,
    }
