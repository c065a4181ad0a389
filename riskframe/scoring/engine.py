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
from functools import cached_property

import numpy as np
import pandas as pd

from riskframe.i18n import _
from riskframe.framework.models import Framework
from riskframe.scoring.crimes import score_crimes
from riskframe.scoring.positions import positions
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


def _codes(values: pd.Series, index: pd.Index) -> np.ndarray:
    """Positions of `values` in `index` (-1 when absent), hashing each distinct value once."""
    return positions(values, index)


@dataclass(frozen=True)
class Grid:
    """Entries laid out as assessment × indicator arrays, with where each entry row went."""

    ids: pd.Index            # assessment ids, in order
    score: np.ndarray        # float, NaN when missing
    code: np.ndarray         # int8 missing-code numbers (index into names)
    names: list[str]
    entries: pd.DataFrame    # the entries placed (rows with an indicator id)
    rows: np.ndarray         # per entry row: its assessment's row
    cols: np.ndarray         # per entry row: its indicator's column

    def column(self, column: str) -> np.ndarray | None:
        """Assessment × indicator values of an optional entries column (object; None where absent)."""
        if column not in self.entries.columns:
            return None
        grid = np.full(self.score.shape, None, dtype=object)
        values = self.entries[column]
        grid[self.rows, self.cols] = values.astype(object).where(values.notna(), None).to_numpy()
        return grid

    def notes(self) -> np.ndarray | None:
        """Assessment × indicator: the entry carries a note (evidence or comment) justifying it."""
        columns = [c for c in ("note", "evidence", "comment") if c in self.entries.columns]
        if not columns:
            return None
        has = np.zeros(len(self.entries), dtype=bool)
        for c in columns:
            has |= self.entries[c].fillna("").astype(str).str.strip().ne("").to_numpy(dtype=bool)
        grid = np.zeros(self.score.shape, dtype=bool)
        grid[self.rows, self.cols] = has
        return grid


def grid_of(entries: pd.DataFrame, fw: Framework, assessment_ids=None) -> Grid:
    """Scores (float, NaN when missing) and missing-code numbers as assessment × indicator arrays.

    Code numbers index `names`: 0 is "scored", 1 "not_assessed", then the manifest's other codes.
    An indicator an assessment does not list is not assessed.
    """
    ind = entries["indicator_id"]
    if ind.isna().any():
        entries = entries[ind.notna()]
    if assessment_ids is None:
        assessment_ids = pd.unique(entries["assessment_id"])
    ids = pd.Index(assessment_ids, name="assessment_id")
    if ids.has_duplicates:
        raise ValueError(_("assessment ids must be unique"))
    plan = plan_of(fw)
    ind_index = plan.ind_index
    rows = _codes(entries["assessment_id"], ids)
    cols = _codes(entries["indicator_id"], ind_index)
    if (cols < 0).any():
        bad = sorted(set(entries.loc[cols < 0, "indicator_id"].astype(str)))
        raise KeyError(f"unknown indicator id(s): {', '.join(bad)}")
    if (rows < 0).any():
        raise KeyError("entries name assessments that are not in assessment_ids")
    n_a, n_i = len(ids), len(ind_index)
    flat = rows * n_i + cols
    counts = np.bincount(flat, minlength=n_a * n_i)
    if counts.max(initial=0) > 1:
        cell = int(np.argmax(counts))
        raise ValueError(_("indicator {value!r} appears twice in assessment {value2!r}").format(value=ind_index[cell % n_i],
                             value2=ids[cell // n_i]))
    names = list(plan.names)
    score = np.full(n_a * n_i, np.nan)
    given = entries["score"]
    if given.dtype.kind != "f":
        given = pd.to_numeric(given, errors="coerce")
    score[flat] = given.to_numpy(dtype=float, na_value=np.nan)
    miss = _codes(entries["missing"], pd.Index(names))
    miss = np.where(miss < 0, 1, miss)  # no code given (or an unknown one): not assessed
    code = np.ones(n_a * n_i, dtype=np.int8)
    code[flat] = miss
    code[~np.isnan(score)] = 0
    return Grid(ids, score.reshape(n_a, n_i), code.reshape(n_a, n_i), names, entries, rows, cols)


def _grid(entries: pd.DataFrame, fw: Framework, assessment_ids=None):
    """(ids, score, code, names) of `grid_of` (sensitivity.py's form)."""
    g = grid_of(entries, fw, assessment_ids)
    return g.ids, g.score, g.code, g.names


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
    plan = plan_of(fw)
    missing_columns = [c for c in ENTRY_COLUMNS if c not in entries.columns]
    if missing_columns:
        raise KeyError(f"entries lack the column(s): {', '.join(missing_columns)}")
    grid = grid_of(entries, fw, assessment_ids)
    ids, score, code, names = grid.ids, grid.score, grid.code, grid.names

    scored = ~np.isnan(score)
    applicable = code != names.index("not_applicable")
    in_band = np.isin(code, [names.index(c) for c in scoring.band_missing_codes])
    s0 = np.where(scored, score, 0.0)

    factor_ids = plan.factor_ids
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
            idx[kind + name] = _mean_or_nan(np.nansum(sub, axis=1), (~np.isnan(sub)).sum(axis=1).astype(float))

    d = scoring.resilience_dampening
    damp = lambda res: 1.0 - d * np.nan_to_num(res, nan=0.0) / 100.0
    composite = idx["risk"] * damp(idx["resilience"])
    # Unknown resilience bounds: none at all is [0, 100].
    res_low = np.where(np.isnan(idx["resilience_low"]), 0.0, idx["resilience_low"])
    res_high = np.where(np.isnan(idx["resilience_high"]), 100.0, idx["resilience_high"])
    risk_low = np.nan_to_num(idx["risk_low"], nan=0.0)
    risk_high = np.where(np.isnan(idx["risk_high"]), 100.0, idx["risk_high"])
    band_low = risk_low * damp(res_high)
    band_high = risk_high * damp(res_low)

    # Red flags: red-flag indicators scored at or above the manifest's level.
    fc = plan.flag_cols
    raised = scored[:, fc] & (s0[:, fc] >= plan.raised_at[fc])
    min_rank = np.where(raised, plan.flag_rank[fc], -1).max(axis=1, initial=-1)
    base_codes = tier_codes(composite, scoring)
    final_codes = np.maximum(base_codes, min_rank)
    tiers = list(plan.tier_names[:-1])

    red_flags = row_tuples(raised, plan.ind_ids[fc])
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
            "tier": text_column(tiers, final_codes, empty=NO_TEXT),
            "tier_before_flags": text_column(tiers, base_codes, empty=NO_TEXT),
            "red_flags": red_flags,
            "n_scored": total_scored,
            "n_unknown": (code == names.index("unknown")).sum(axis=1),
            "n_not_assessed": (code == names.index(NOT_ASSESSED)).sum(axis=1),
            "n_not_applicable": (~applicable).sum(axis=1),
        },
        index=ids,
    )

    n_a, n_f = len(ids), len(factor_ids)
    factors = pd.DataFrame(
        {
            "assessment_id": np.repeat(ids.to_numpy(), n_f),
            "factor_id": text_column(factor_ids, np.tile(np.arange(n_f), n_a)),
            "kind": text_column(list(kinds), np.tile(np.arange(n_f), n_a)),
            "score": f_score.ravel(),
            "coverage": f_cov.ravel(),
            "low": f_low.ravel(),
            "high": f_high.ravel(),
            "n_scored": f_scored.ravel().astype(int),
            "n_applicable": f_appl.ravel().astype(int),
        }
    )

    d_scores = _mean_or_nan(*plan.by_theme(s0, scored)) * to100
    drivers_frame = pd.DataFrame({theme: d_scores[:, t] for t, theme in enumerate(plan.driver_themes)}, index=ids)

    crimes = None
    if fw.manifest.method is not None:  # the per-crime method (crimes.py); the composite stays as it was
        per_crime, crimes = score_crimes(grid, fw)
        assessments = assessments.join(per_crime)

    return Scores(
        assessments=assessments,
        factors=factors,
        drivers=drivers_frame,
        indicator_scores=pd.DataFrame(score, index=ids, columns=fw.indicator_table.index),
        _codes=code,
        _code_names=tuple(names),
        crimes=crimes,
    )
