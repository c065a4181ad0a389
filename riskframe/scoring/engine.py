"""Vectorised scoring of one or many assessments in one call.

The rules (docs/methodology.md):
- an indicator is scored 0–3 or carries a missing code; a missing code is never read as 0;
- factor score = mean of its scored indicators, on 0–100; coverage = scored / applicable
  (not_applicable leaves the denominator);
- risk index = unweighted mean of the risk factors that have a score; resilience index likewise;
- composite = risk index × (1 − dampening × resilience index / 100); no resilience information
  gives no dampening (resilience is never assumed);
- band = the composite with every band-missing indicator (unknown, not assessed) at its lowest vs
  its highest level, risk and resilience each taken in the direction that moves the composite;
- tier from composite thresholds; a raised red flag lifts the tier to at least its minimum tier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from functools import cached_property

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework
from riskframe.scoring.crimes import score_crimes
from riskframe.scoring.grid import Grid, grid_of
from riskframe.scoring.plan import NO_TEXT, NOT_ASSESSED, SCORED, plan_of, row_tuples, text_column
from riskframe.scoring.tiers import tier_codes

ENTRY_COLUMNS = ["assessment_id", "indicator_id", "score", "missing"]


@dataclass(frozen=True)
class Scores:
    """What scoring returns; frames are indexed by assessment id (in first-seen input order)."""

    assessments: pd.DataFrame   # composite, band, indices, coverage, tier, red flags …
    factors: pd.DataFrame       # long: assessment_id, factor_id, kind, score, coverage, low, high, n_*
    drivers: pd.DataFrame       # assessment_id × theme, 0–100 (NaN when no tagged indicator is scored)
    indicator_scores: pd.DataFrame  # assessment_id × indicator_id, scores (NaN when missing)
    _codes: np.ndarray              # assessment × indicator: index into _code_names
    _code_names: tuple[str, ...]
    crimes: pd.DataFrame | None = None  # long: assessment_id, crime, level, band, breadth, escalators …

    @cached_property
    def missing_codes(self) -> pd.DataFrame:
        """Assessment × indicator: the missing code, or "" where scored (built on first use)."""
        names = np.array(self._code_names, dtype=object)
        s = self.indicator_scores
        return pd.DataFrame(names[self._codes], index=s.index, columns=s.columns, dtype=object)


__all__ = ["ENTRY_COLUMNS", "NOT_ASSESSED", "SCORED", "Scores", "score_entries"]


def _grid(entries: pd.DataFrame, fw: Framework, assessment_ids=None):
    """(ids, score, code, names) of `grid_of` (sensitivity.py's form)."""
    g = grid_of(entries, fw, assessment_ids, detail=False)
    return g.ids, g.score, g.code, g.names


def _mean_or_nan(total: np.ndarray, count: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)


def _sum_in_column_order(x: np.ndarray) -> np.ndarray:
    """Row sums ignoring NaN, adding column after column: what numpy does with the fancy-indexed
    (Fortran-ordered) copy of many rows, written out so that one row sums in the same order (numpy
    would sum a lone row pairwise, and a sum of thirds can then differ in the last bit)."""
    zero = np.where(np.isnan(x), 0.0, x)
    total = np.zeros(x.shape[0])
    for j in range(x.shape[1]):
        total += zero[:, j]
    return total


def score_entries(entries: pd.DataFrame, fw: Framework, assessment_ids=None) -> Scores:
    """Score every assessment in a long frame of entries (columns: ENTRY_COLUMNS).

    `assessment_ids` lists the assessments to score (default: those in `entries`), so one with no
    entry at all is still scored. Entries for indicators an assessment does not list count as not
    assessed. The result does not
    depend on the order of the rows, and scoring a batch equals scoring each assessment alone.
    """
    missing_columns = [c for c in ENTRY_COLUMNS if c not in entries.columns]
    if missing_columns:
        raise KeyError(f"entries lack the column(s): {', '.join(missing_columns)}")
    return scores_of(grid_of(entries, fw, assessment_ids), fw)


def score_arrays(grid: Grid, fw: Framework) -> dict[str, Any]:
    """The composite rule over a grid, as plain arrays (one row per assessment): what `scores_of` puts
    in frames, and what the derived scores of a single saved assessment encode without any frame."""
    scoring = fw.manifest.scoring
    plan = plan_of(fw)
    score, code, names = grid.score, grid.code, grid.names

    scored = ~np.isnan(score)
    applicable = code != names.index("not_applicable")
    in_band = np.zeros(code.shape, dtype=bool)  # np.isin would sort the grid
    for c in dict.fromkeys(scoring.band_missing_codes):
        in_band |= code == names.index(c)
    s0 = np.where(scored, score, 0.0)

    f_sum, (f_scored, f_appl, f_band) = plan.by_factor(s0), plan.counts_by_factor(scored, applicable, in_band)
    scale_max = float(fw.manifest.scale.max)  # the scale starts at 0 (checked by the framework loader)
    to100 = 100.0 / scale_max
    f_score = _mean_or_nan(f_sum, f_scored) * to100
    f_low = _mean_or_nan(f_sum, f_scored + f_band) * to100
    f_high = _mean_or_nan(f_sum + scale_max * f_band, f_scored + f_band) * to100
    f_cov = _mean_or_nan(f_scored, f_appl)

    kinds = plan.kinds
    idx = {}
    for kind in ("risk", "resilience"):
        cols = kinds == kind
        for name, arr in (("", f_score), ("_low", f_low), ("_high", f_high)):
            sub = arr[:, cols]
            idx[kind + name] = _mean_or_nan(_sum_in_column_order(sub), (~np.isnan(sub)).sum(axis=1).astype(float))

    d = scoring.resilience_dampening
    damp = lambda res: 1.0 - d * np.nan_to_num(res, nan=0.0) / 100.0
    composite = idx["risk"] * damp(idx["resilience"])
    # Unknown resilience bounds: none at all is [0, 100].
    res_low = np.where(np.isnan(idx["resilience_low"]), 0.0, idx["resilience_low"])
    res_high = np.where(np.isnan(idx["resilience_high"]), 100.0, idx["resilience_high"])
    risk_low = np.nan_to_num(idx["risk_low"], nan=0.0)
    risk_high = np.where(np.isnan(idx["risk_high"]), 100.0, idx["risk_high"])

    # Red flags: red-flag indicators scored at or above the manifest's level.
    fc = plan.flag_cols
    raised = scored[:, fc] & (s0[:, fc] >= plan.raised_at[fc])
    min_rank = np.where(raised, plan.flag_rank[fc], -1).max(axis=1, initial=-1)
    base_codes = tier_codes(composite, scoring)
    total_scored = f_scored.sum(axis=1)  # every indicator is in one factor: the factors' counts add up
    total_appl = f_appl.sum(axis=1)
    return {
        "composite": composite,
        "band_low": risk_low * damp(res_high),
        "band_high": risk_high * damp(res_low),
        "risk_index": idx["risk"],
        "resilience_index": idx["resilience"],
        "coverage": _mean_or_nan(total_scored.astype(float), total_appl.astype(float)),
        "tier_code": np.maximum(base_codes, min_rank),
        "tier_before_flags_code": base_codes,
        "raised": raised,  # assessment × red-flag indicator (plan.flag_cols)
        "n_scored": total_scored,
        "n_unknown": (code == names.index("unknown")).sum(axis=1),
        "n_not_assessed": (code == names.index(NOT_ASSESSED)).sum(axis=1),
        "n_not_applicable": code.shape[1] - total_appl,
        "f_score": f_score, "f_cov": f_cov, "f_low": f_low, "f_high": f_high, "f_scored": f_scored,
        "f_appl": f_appl,
        "drivers": _mean_or_nan(*plan.by_theme(s0, scored)) * to100,
    }


def scores_of(grid: Grid, fw: Framework) -> Scores:
    """`score_entries` of a grid."""
    plan = plan_of(fw)
    ids = grid.ids
    r = score_arrays(grid, fw)
    tiers = list(plan.tier_names[:-1])
    flag_labels = plan.ind_ids[plan.flag_cols]
    red_flags = row_tuples(r["raised"], flag_labels)
    assessments = pd.DataFrame(
        {
            **{k: r[k] for k in ("composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage")},
            "tier": text_column(tiers, r["tier_code"], empty=NO_TEXT),
            "tier_before_flags": text_column(tiers, r["tier_before_flags_code"], empty=NO_TEXT),
            "red_flags": red_flags,
            **{k: r[k] for k in ("n_scored", "n_unknown", "n_not_assessed", "n_not_applicable")},
        },
        index=ids,
    )

    factor_ids = plan.factor_ids
    n_a, n_f = len(ids), len(factor_ids)
    factors = pd.DataFrame(
        {
            "assessment_id": np.repeat(ids.to_numpy(), n_f),
            "factor_id": text_column(factor_ids, np.tile(np.arange(n_f), n_a)),
            "kind": text_column(list(plan.kinds), np.tile(np.arange(n_f), n_a)),
            "score": r["f_score"].ravel(),
            "coverage": r["f_cov"].ravel(),
            "low": r["f_low"].ravel(),
            "high": r["f_high"].ravel(),
            "n_scored": r["f_scored"].ravel().astype(int),
            "n_applicable": r["f_appl"].ravel().astype(int),
        }
    )
    d_scores = r["drivers"]
    drivers_frame = pd.DataFrame({theme: d_scores[:, t] for t, theme in enumerate(plan.driver_themes)}, index=ids)

    crimes = None
    if fw.manifest.method is not None:  # the per-crime method (crimes.py); the composite stays as it was
        per_crime, crimes = score_crimes(grid, fw, like=(r["raised"], flag_labels, red_flags))
        assessments = assessments.join(per_crime)

    return Scores(
        assessments=assessments,
        factors=factors,
        drivers=drivers_frame,
        indicator_scores=pd.DataFrame(grid.score, index=ids, columns=fw.indicator_table.index),
        _codes=grid.code,
        _code_names=tuple(grid.names),
        crimes=crimes,
    )
