"""Risk per crime, as the UN framework is built: common factors 1–8 plus each crime's specific factors.

For each crime (genocide: 9–10; crimes against humanity: 11–12; war crimes: 13–14):
- base level from the breadth of common risk (`method.breadth_levels`), at least
  `severe_factor_floor.level` when one common factor is that intense;
- + one step per `escalators.steps_at` threshold its specific factors reach (at most
  `max_steps_without_common` while fewer than `needs_common_present` common factors are present);
- at least the floors of its raised red flags (red_flags.py); an under-way flag at its level sets
  the status "atrocity crimes may be under way".
The headline is the highest crime (ties: under way first, then the stronger escalator, then manifest
order). The band recomputes all of it with unknowns and low-confidence scores at their low and high
bounds (`method.band`); coverage below the rules makes the level provisional (coverage.py).
Resilience is its own axis and does not lower any level (docs/methodology.md says why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework, tr
from riskframe.i18n import current_language
from riskframe.scoring.aggregation import breadth, method_of, count_at_least
from riskframe.scoring.coverage import coverage_by_group, justified_not_applicable
from riskframe.scoring.mirrors import resilience_axis
from riskframe.scoring.plan import NO_TEXT, plan_of, row_tuples, text_column
from riskframe.scoring.crime_plan import CrimePlan, crime_plan, derive_in_place, flag_floors
from riskframe.scoring.crime_plan import intensity as factor_intensity

if TYPE_CHECKING:
    from riskframe.scoring.engine import Grid


def _entry_grid(entries: pd.DataFrame, column: str, ids: pd.Index, fw: Framework) -> np.ndarray | None:
    """Assessment × indicator values of an optional entries column (object; None where absent)."""
    if column not in entries.columns:
        return None
    grid = np.full((len(ids), len(fw.indicators)), None, dtype=object)
    e = entries[entries["indicator_id"].notna()]
    rows = ids.get_indexer(e["assessment_id"])
    cols = pd.Index(list(fw.indicators)).get_indexer(e["indicator_id"])
    ok = (rows >= 0) & (cols >= 0)
    vals = e[column].astype(object).where(e[column].notna(), None).to_numpy()
    grid[rows[ok], cols[ok]] = vals[ok]
    return grid


def _notes(entries: pd.DataFrame, ids: pd.Index, fw: Framework) -> np.ndarray | None:
    """Assessment × indicator: the entry carries a note (evidence or comment) justifying it."""
    columns = [c for c in ("note", "evidence", "comment") if c in entries.columns]
    if not columns:
        return None
    has = pd.Series(False, index=entries.index)
    for c in columns:
        has |= entries[c].fillna("").astype(str).str.strip().ne("")
    grid = _entry_grid(entries.assign(_has_note=has), "_has_note", ids, fw)
    return np.asarray(grid == True, dtype=bool)  # noqa: E712  (None where no entry)


class _Levels:
    """Everything the per-crime rule computes from grids of values (point, low and high stacked as rows:
    every step works row by row, so one call over all three equals three calls). `vt` is the stacked
    grid transposed (indicator × row, each indicator's values contiguous); it is overwritten (mirrored
    risk sides are derived in place)."""

    def __init__(self, vt: np.ndarray, fw: Framework, cp: CrimePlan):
        m = method_of(fw)
        agg = m.aggregation
        rank = cp.rank
        derive_in_place(vt, cp)
        n_rows = vt.shape[1]
        at = {f: j for j, f in enumerate(cp.used)}
        intensity = factor_intensity(vt, cp, agg.max_weight)
        # C order, as a factor_intensity result is (fancy indexing may give F order, and sums then differ in the last bit)
        pick = lambda ids: np.ascontiguousarray(intensity[:, [at[f] for f in ids]])
        common = pick(m.common)
        self.common_intensity = common
        self.breadth = breadth(common)
        self.n_present = count_at_least(common, agg.present_at)
        self.n_strong = count_at_least(common, agg.strong_at)
        bounds = sorted((rank[t], lo) for t, lo in m.breadth_levels.items())
        base = np.zeros(n_rows, dtype=int)
        for r, lo in bounds:
            base = np.where(self.breadth >= lo, r, base)
        severe = np.nan_to_num(common, nan=0.0).max(axis=1, initial=0.0) >= m.severe_factor_floor.at
        base = np.where(severe, np.maximum(base, rank[m.severe_factor_floor.level]), base)
        present_count = {}
        for kind_id, kind in m.red_flags.items():
            among = kind.present_among or m.common
            present_count[kind_id] = self.n_present if list(among) == list(m.common) else count_at_least(
                pick(among), agg.present_at)
        floor, self.under_way, self.raised = flag_floors(vt, cp, present_count, len(m.crimes))
        top = max(rank.values())
        esc = m.escalators
        self.escalator = np.zeros((n_rows, len(m.crimes)))
        self.steps = np.zeros((n_rows, len(m.crimes)), dtype=int)
        self.level = np.zeros((n_rows, len(m.crimes)), dtype=int)
        self.specific_intensity = []
        for c, crime in enumerate(m.crimes):
            spec = pick(crime.specific)
            self.specific_intensity.append(spec)
            e = np.nan_to_num(spec, nan=0.0).max(axis=1, initial=0.0)
            steps = sum((e >= t).astype(int) for t in esc.steps_at)
            steps = np.where(self.n_present >= esc.needs_common_present, steps,
                             np.minimum(steps, esc.max_steps_without_common))
            self.escalator[:, c] = e
            self.steps[:, c] = steps
            self.level[:, c] = np.maximum(np.minimum(base + steps, top), floor[:, c])
        self.base = base
        self.floor = floor

    def part(self, k: int, n: int) -> _Levels:
        """The rows of the k-th stacked grid of `n` rows."""
        out = object.__new__(_Levels)
        for name, value in vars(self).items():
            setattr(out, name, [v[k * n:(k + 1) * n] for v in value] if isinstance(value, list)
                    else value[k * n:(k + 1) * n])
        return out


def crime_arrays(grid: Grid, fw: Framework) -> dict[str, Any]:
    """The per-crime rule over a grid as arrays and row lists (what `score_crimes` puts in frames)."""
    score, code, names = grid.score, grid.code, grid.names
    m = method_of(fw)
    cp = crime_plan(fw)
    specs = cp.specs
    ind_ids = plan_of(fw).ind_ids
    scored = ~np.isnan(score)
    justified = justified_not_applicable(code, names, grid.notes, fw)

    if grid.conf_code is not None:
        by_code = np.array([m.band.confidence_widen.get(c, 0.0) for c in grid.conf_names] + [0.0])
        widen = by_code[grid.conf_code]  # code -1 (none) picks the final 0
    else:
        widen = None
    n_a, n_i = score.shape
    # point, low and high side by side, transposed (indicator × row): the kernel reads each
    # indicator's values as one contiguous run
    vt = np.empty((n_i, 3 * n_a))
    point_t = vt[:, :n_a]
    point_t[...] = score.T
    missing_t = np.isnan(point_t) & ~justified.T
    widen_t = widen.T if widen is not None else None
    risk_rows = cp.risk_cols
    for k, unknown in ((1, m.band.unknown_low), (2, m.band.unknown_high)):
        out = vt[:, k * n_a:(k + 1) * n_a]
        if widen_t is None:
            np.clip(point_t, 0, 3, out=out)  # score ∓ 0 is the score
        else:
            np.clip(point_t - widen_t if k == 1 else point_t + widen_t, 0, 3, out=out)
        # unscored cells are NaN; the missing ones (unknown, not assessed, or not applicable without
        # grounds) take the bound
        np.copyto(out, unknown, where=missing_t)
        out[~risk_rows] = point_t[~risk_rows]  # the band is about risk; resilience does not move levels
    levels = _Levels(vt, fw, cp)
    point, lo, hi = levels.part(0, n_a), levels.part(1, n_a), levels.part(2, n_a)

    common_cov, crime_cov, reasons, unresolved = coverage_by_group(
        scored, justified, fw, [s.column for s in specs], ind_ids)

    n_c = len(m.crimes)
    key = point.level * 1000 + point.under_way * 100 + np.round(point.escalator * 10)
    head = np.argmax(key, axis=1) if n_c else np.zeros(n_a, dtype=int)
    return {"point": point, "lo": lo, "hi": hi, "head": head, "head_level": point.level[np.arange(n_a), head],
            "any_under_way": point.under_way.any(axis=1), "reasons": reasons, "unresolved": unresolved,
            "common_cov": common_cov, "crime_cov": crime_cov}


def score_crimes(grid: Grid, fw: Framework, like: Any = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per assessment: headline, status, provisional, band, unresolved red flags; per crime: the detail.

    `like`: the composite's raised flags (mask, labels, tuples), whose tuples rows raised alike reuse."""
    ids, score = grid.ids, grid.score
    m = method_of(fw)
    cp = crime_plan(fw)
    tiers, specs = cp.tiers, cp.specs
    r = crime_arrays(grid, fw)
    point, lo, hi, head, head_level = r["point"], r["lo"], r["hi"], r["head"], r["head_level"]
    any_under_way, reasons, unresolved = r["any_under_way"], r["reasons"], r["unresolved"]
    common_cov, crime_cov = r["common_cov"], r["crime_cov"]
    n_c, n_a = len(m.crimes), len(ids)
    crime_ids = [c.id for c in m.crimes]
    lang = current_language()  # the labels people read; ids and codes stay neutral
    crime_labels = [tr(c.label, lang) for c in m.crimes]
    tier_labels = [fw.tier(t).label(lang).lower() for t in tiers]
    headlines = [f"{c}: {t}" for c in crime_labels for t in tier_labels]  # crime × level
    flag_ids = np.array([s.indicator_id for s in specs], dtype=object)
    per = pd.DataFrame({
        "method_version": m.version,
        "headline_crime": text_column(crime_ids, head, empty=NO_TEXT),
        "headline_level": text_column(tiers, head_level, empty=NO_TEXT),
        "headline": text_column(headlines, head * len(tiers) + head_level, empty=[]),
        "headline_level_low": text_column(tiers, lo.level.max(axis=1), empty=NO_TEXT),
        "headline_level_high": text_column(tiers, hi.level.max(axis=1), empty=NO_TEXT),
        "status": text_column(["onset", "under_way"], any_under_way.astype(int)),
        "status_text": text_column([tr(m.status["onset"], lang), tr(m.status["under_way"], lang)],
                                   any_under_way.astype(int)),
        "provisional": [bool(r) for r in reasons],
        "provisional_reasons": reasons,
        "unresolved_red_flags": unresolved,
        "raised_red_flags": row_tuples(point.raised, flag_ids, like),
        "common_breadth": point.breadth,
        "common_breadth_low": lo.breadth,
        "common_breadth_high": hi.breadth,
        "common_present": point.n_present,
        "common_strong": point.n_strong,
        "resilience_axis": resilience_axis(score, fw),
    }, index=ids)
    extra = {}
    for j, f in enumerate(m.common):
        extra[f"coverage_f{f}"] = common_cov[f]
        extra[f"intensity_f{f}"] = point.common_intensity[:, j]
    for k, crime in enumerate(m.crimes):
        for j, f in enumerate(crime.specific):
            extra[f"intensity_f{f}"] = point.specific_intensity[k][:, j]
    per = pd.concat([per, pd.DataFrame(extra, index=ids)], axis=1)

    specific_present = [
        row_tuples(np.nan_to_num(point.specific_intensity[k], nan=-1.0) >= m.aggregation.present_at,
                   np.array(crime.specific, dtype=object))
        for k, crime in enumerate(m.crimes)]
    crimes = pd.DataFrame({
        "assessment_id": np.repeat(ids.to_numpy(), n_c),
        "crime": text_column(crime_ids, np.tile(np.arange(n_c), n_a), empty=NO_TEXT),
        "level": text_column(tiers, point.level.ravel(), empty=NO_TEXT),
        "level_low": text_column(tiers, lo.level.ravel(), empty=NO_TEXT),
        "level_high": text_column(tiers, hi.level.ravel(), empty=NO_TEXT),
        "breadth": np.repeat(point.breadth, n_c),
        "common_present": np.repeat(point.n_present, n_c),
        "escalator": point.escalator.ravel(),
        "escalation_steps": point.steps.ravel(),
        "escalators": [t for per_crime in zip(*specific_present) for t in per_crime] if n_c else [],
        "floor": text_column(tiers, point.floor.ravel(), empty=[]),
        "under_way": point.under_way.ravel(),
        "coverage": np.column_stack([crime_cov[c.id] for c in m.crimes]).ravel(),
    })
    return per, crimes
