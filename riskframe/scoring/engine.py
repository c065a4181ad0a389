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

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework
from riskframe.scoring.tiers import tier_codes, tier_rank

ENTRY_COLUMNS = ["assessment_id", "indicator_id", "score", "missing"]
SCALE_MAX = 3.0


@dataclass(frozen=True)
class Scores:
    """What scoring returns; frames are indexed by assessment id (in first-seen input order)."""

    assessments: pd.DataFrame   # composite, band, indices, coverage, tier, red flags …
    factors: pd.DataFrame       # long: assessment_id, factor_id, kind, score, coverage, low, high, n_*
    drivers: pd.DataFrame       # assessment_id × theme, 0–100 (NaN when no tagged indicator is scored)
    indicator_scores: pd.DataFrame  # assessment_id × indicator_id, scores (NaN when missing)
    missing_codes: pd.DataFrame     # assessment_id × indicator_id, missing code or ""


def _grid(entries: pd.DataFrame, fw: Framework, assessment_ids=None) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Scores and missing codes as assessment × indicator arrays; absent entries are not_assessed."""
    entries = entries[entries["indicator_id"].notna()]
    dup = entries.duplicated(["assessment_id", "indicator_id"], keep=False)
    if dup.any():
        first = entries.loc[dup].iloc[0]
        raise ValueError(f"indicator {first['indicator_id']!r} appears twice in assessment {first['assessment_id']!r}")
    if assessment_ids is None:
        assessment_ids = pd.unique(entries["assessment_id"])
    ids = pd.Index(assessment_ids, name="assessment_id")
    if ids.has_duplicates:
        raise ValueError("assessment ids must be unique")
    ind_index = pd.Index(list(fw.indicators), name="indicator_id")
    rows = ids.get_indexer(entries["assessment_id"])
    if (rows < 0).any():
        raise KeyError("entries name assessments that are not in assessment_ids")
    cols = ind_index.get_indexer(entries["indicator_id"])
    if (cols < 0).any():
        bad = sorted(set(entries.loc[cols < 0, "indicator_id"].astype(str)))
        raise KeyError(f"unknown indicator id(s): {', '.join(bad)}")
    score = np.full((len(ids), len(ind_index)), np.nan)
    score[rows, cols] = pd.to_numeric(entries["score"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    missing = np.full((len(ids), len(ind_index)), "not_assessed", dtype=object)
    codes = entries["missing"].astype(object).where(entries["missing"].notna(), None).to_numpy()
    missing[rows, cols] = np.where(pd.isna(codes), "", codes)
    missing[~np.isnan(score)] = ""
    # A row with neither a score nor a code is not assessed.
    missing[np.isnan(score) & (missing == "")] = "not_assessed"
    return ids, score, missing


def _mean_or_nan(total: np.ndarray, count: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)


def score_entries(entries: pd.DataFrame, fw: Framework, assessment_ids=None) -> Scores:
    """Score every assessment in a long frame of entries (columns: ENTRY_COLUMNS).

    `assessment_ids` lists the assessments to score (default: those in `entries`), so one with no
    entry at all is still scored. Entries for indicators an assessment does not list count as not
    assessed. The result does not
    depend on the order of the rows, and scoring a batch equals scoring each assessment alone.
    """
    scoring = fw.manifest.scoring
    table = fw.indicator_table
    ids, score, missing = _grid(entries[ENTRY_COLUMNS], fw, assessment_ids)
    n_ind = score.shape[1]

    scored = ~np.isnan(score)
    applicable = missing != "not_applicable"
    in_band = np.isin(missing, scoring.band_missing_codes)
    s0 = np.where(scored, score, 0.0)

    factor_ids = list(fw.factor_by_id)
    f_index = {f: j for j, f in enumerate(factor_ids)}
    member = np.zeros((n_ind, len(factor_ids)))
    member[np.arange(n_ind), [f_index[f] for f in table["factor_id"]]] = 1.0

    f_sum = s0 @ member
    f_scored = scored.astype(float) @ member
    f_appl = applicable.astype(float) @ member
    f_band = in_band.astype(float) @ member
    to100 = 100.0 / SCALE_MAX
    f_score = _mean_or_nan(f_sum, f_scored) * to100
    f_low = _mean_or_nan(f_sum, f_scored + f_band) * to100
    f_high = _mean_or_nan(f_sum + SCALE_MAX * f_band, f_scored + f_band) * to100
    f_cov = _mean_or_nan(f_scored, f_appl)

    kinds = np.array([fw.factor_by_id[f].kind for f in factor_ids])
    idx = {}
    for kind in ("risk", "resilience"):
        cols = kinds == kind
        for name, arr in (("", f_score), ("_low", f_low), ("_high", f_high)):
            sub = arr[:, cols]
            idx[kind + name] = _mean_or_nan(np.nansum(sub, axis=1), (~np.isnan(sub)).sum(axis=1).astype(float))

    d = scoring.resilience_dampening
    damp = lambda res: 1.0 - d * np.nan_to_num(res, nan=0.0) / 100.0  # noqa: E731 - no resilience, no credit
    composite = idx["risk"] * damp(idx["resilience"])
    # Unknown resilience bounds: none at all is [0, 100].
    res_low = np.where(np.isnan(idx["resilience_low"]), 0.0, idx["resilience_low"])
    res_high = np.where(np.isnan(idx["resilience_high"]), 100.0, idx["resilience_high"])
    risk_low = np.nan_to_num(idx["risk_low"], nan=0.0)
    risk_high = np.where(np.isnan(idx["risk_high"]), 100.0, idx["risk_high"])
    band_low = risk_low * damp(res_high)
    band_high = risk_high * damp(res_low)

    # Red flags: red-flag indicators scored at or above the manifest's level.
    is_flag = table["red_flag"].to_numpy()
    raised = scored & (s0 >= scoring.red_flag.raised_at) & is_flag
    rank = tier_rank(scoring)
    flag_rank = np.array([rank[t] if isinstance(t, str) else -1 for t in table["red_flag_min_tier"]])
    min_rank = np.where(raised, flag_rank, -1).max(axis=1) if n_ind else np.full(len(ids), -1)
    base_codes = tier_codes(composite, scoring)
    final_codes = np.maximum(base_codes, min_rank)
    tier_names = np.array([t.id for t in scoring.tiers] + [None], dtype=object)  # -1 → None

    ind_ids = np.array(table.index, dtype=object)
    red_flags = [tuple(ind_ids[row]) for row in raised]
    total_scored = scored.sum(axis=1)
    total_appl = applicable.sum(axis=1)

    assessments = pd.DataFrame(
        {
            "composite": composite,
            "band_low": band_low,
            "band_high": band_high,
            "risk_index": idx["risk"],
            "resilience_index": idx["resilience"],
            "coverage": _mean_or_nan(total_scored.astype(float), total_appl.astype(float)),
            "tier": tier_names[final_codes],
            "tier_before_flags": tier_names[base_codes],
            "red_flags": red_flags,
            "n_scored": total_scored,
            "n_unknown": (missing == "unknown").sum(axis=1),
            "n_not_assessed": (missing == "not_assessed").sum(axis=1),
            "n_not_applicable": (~applicable).sum(axis=1),
        },
        index=ids,
    )

    factors = pd.DataFrame(
        {
            "assessment_id": np.repeat(ids.to_numpy(), len(factor_ids)),
            "factor_id": np.tile(factor_ids, len(ids)),
            "kind": np.tile(kinds, len(ids)),
            "score": f_score.ravel(),
            "coverage": f_cov.ravel(),
            "low": f_low.ravel(),
            "high": f_high.ravel(),
            "n_scored": f_scored.ravel().astype(int),
            "n_applicable": f_appl.ravel().astype(int),
        }
    )

    risk_cols = (table["kind"] == "risk").to_numpy()
    drivers = {}
    for theme in scoring.drivers:
        has = np.array([theme in tags for tags in table["tags"]]) & risk_cols
        drivers[theme] = _mean_or_nan((s0 * has).sum(axis=1), (scored & has).sum(axis=1).astype(float)) * to100
    drivers_frame = pd.DataFrame(drivers, index=ids)

    return Scores(
        assessments=assessments,
        factors=factors,
        drivers=drivers_frame,
        indicator_scores=pd.DataFrame(score, index=ids, columns=table.index),
        missing_codes=pd.DataFrame(missing, index=ids, columns=table.index, dtype=object),
    )
