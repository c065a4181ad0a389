"""What the per-crime rule (crimes.py) derives from a framework once, and its whole-array passes.

Like plan.py for the composite: column positions of every factor, mirror pair and red flag, built
once per Framework object (weakly cached), so scoring a portfolio or a single saved assessment runs
a few array passes instead of rebuilding lookups and looping factor by factor. Every pass does the
same float operations, on the same runs of values, as aggregation.py, mirrors.py and red_flags.py
(which sensitivity.py still calls): results are bit for bit the same.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from riskframe.framework.models import Framework
from riskframe.scoring.aggregation import factor_columns, method_of
from riskframe.scoring.mirrors import SCALE_MAX
from riskframe.scoring.red_flags import FlagSpec, flag_specs


@dataclass(frozen=True)
class CrimePlan:
    tiers: list[str]
    rank: dict[str, int]
    specs: list[FlagSpec]
    used: list[str]                      # every factor the rule reads
    used_cols: list[np.ndarray]          # their columns
    used_runs: list[tuple[int, int] | None]  # per used factor: (start, stop) when its columns are one run
    mirror_groups: list[tuple[np.ndarray, np.ndarray]]  # (risk columns (T,), their mirrors (T, k)) by k
    flag_cols: np.ndarray
    flag_raised_at: np.ndarray
    flag_kinds: list[tuple[np.ndarray, int, str]]  # (flags of the kind, needs_present, kind id)
    flag_slots: list[tuple[np.ndarray, np.ndarray]]  # per floor slot: (level per flag, rank per flag)
    flag_under_way_at: np.ndarray
    flag_applies: np.ndarray             # flag × crime
    risk_cols: np.ndarray                # bool per indicator


_PLANS: dict[int, tuple[weakref.ref, CrimePlan]] = {}


def _run(cols: np.ndarray) -> tuple[int, int] | None:
    """(first, last + 1) when `cols` is one ascending run of columns (a slice, no copy), else None."""
    if len(cols) and bool((np.diff(cols) == 1).all()):
        return int(cols[0]), int(cols[-1]) + 1
    return None


def crime_plan(fw: Framework) -> CrimePlan:
    """The framework's per-crime plan, built on first use."""
    found = _PLANS.get(id(fw))
    if found is not None and found[0]() is fw:
        return found[1]
    m = method_of(fw)
    tiers = [t.id for t in fw.manifest.scoring.tiers]
    rank = {t: i for i, t in enumerate(tiers)}
    specs = flag_specs(fw, rank)
    used = list(dict.fromkeys([*m.common, *(f for c in m.crimes for f in c.specific),
                               *(f for k in m.red_flags.values() for f in (k.present_among or m.common))]))
    position = {i: n for n, i in enumerate(fw.indicators)}
    by_risk: dict[str, list[int]] = {}
    if m.mirrors.derive_missing:
        for p in m.mirrors.pairs:
            by_risk.setdefault(p.risk, []).append(position[p.resilience])
    groups = []
    for k in sorted({len(v) for v in by_risk.values()}):
        targets = [r for r, v in by_risk.items() if len(v) == k]
        groups.append((np.array([position[r] for r in targets], dtype=np.int64),
                       np.array([by_risk[r] for r in targets], dtype=np.int64).reshape(len(targets), k)))
    used_cols = factor_columns(fw, used)
    n_slots = max((len(s.floors) for s in specs), default=0)
    plan = CrimePlan(
        tiers=tiers, rank=rank, specs=specs, used=used, used_cols=used_cols, used_runs=[_run(c) for c in used_cols],
        mirror_groups=groups,
        flag_cols=np.array([s.column for s in specs], dtype=np.int64),
        flag_raised_at=np.array([s.raised_at for s in specs], dtype=float),
        flag_kinds=[(np.array([s.kind == kind_id for s in specs], dtype=bool), kind.needs_present, kind_id)
                    for kind_id, kind in m.red_flags.items()],
        flag_slots=[(np.array([max(s.floors[slot][0], s.raised_at) if slot < len(s.floors) else np.inf
                               for s in specs]),
                     np.array([s.floors[slot][1] if slot < len(s.floors) else -1 for s in specs]))
                    for slot in range(n_slots)],
        flag_under_way_at=np.array([m.red_flags[s.kind].under_way_at if m.red_flags[s.kind].under_way_at is not None
                                    else np.inf for s in specs], dtype=float),
        flag_applies=np.array([s.crimes for s in specs], dtype=bool).reshape(len(specs), len(m.crimes)),
        risk_cols=np.array([ind.kind == "risk" for ind in fw.indicators.values()]),
    )
    key = id(fw)
    _PLANS[key] = (weakref.ref(fw, lambda _ref: _PLANS.pop(key, None)), plan)
    return plan


def derive_in_place(vt: np.ndarray, cp: CrimePlan) -> None:
    """mirrors.derive_mirrored on the transposed grid (indicator × row), writing into `vt`.

    The few mirror rows are laid out as derive_mirrored reads them (row × risk side × mirror) before
    their mean is taken, so it is summed in the same order (numpy sums a short contiguous run and a
    strided axis differently)."""
    for targets, mirrors in cp.mirror_groups:
        res = np.ascontiguousarray(vt[mirrors].transpose(2, 0, 1))  # row × target × mirror, as before
        n = (~np.isnan(res)).sum(axis=2)
        with np.errstate(invalid="ignore"):
            mean = np.nansum(res, axis=2) / np.where(n > 0, n, 1)
        own = vt[targets]
        fill = np.isnan(own) & (n.T > 0)
        vt[targets] = np.where(fill, SCALE_MAX - mean.T, own)


def intensity(vt: np.ndarray, cp: CrimePlan, max_weight: float) -> np.ndarray:
    """aggregation.factor_intensity of every used factor from the transposed grid (indicator × row);
    returns rows × used factors, C order.

    Each indicator's values are contiguous, so a factor's sum is a reduction over a run of rows, which
    numpy adds row after row: the order factor_intensity sums its F-ordered fancy-indexed copy in
    (numpy's pairwise sum of one row would round a sum of thirds differently in the last bit)."""
    n_rows = vt.shape[1]
    out = np.full((len(cp.used), n_rows), np.nan)
    for j, cols in enumerate(cp.used_cols):
        if not len(cols):
            continue
        run = cp.used_runs[j]
        sub = vt[run[0]:run[1]] if run is not None else vt[cols]
        scored = ~np.isnan(sub)
        n = scored.sum(axis=0)
        has = n > 0
        total = np.where(scored, sub, 0.0).sum(axis=0)
        top = np.fmax.reduce(sub, axis=0)  # NaN only where nothing is scored (masked below)
        mean = total / np.where(has, n, 1)
        out[j] = np.where(has, max_weight * top + (1.0 - max_weight) * mean, np.nan)
    return np.ascontiguousarray(out.T)


def flag_floors(vt: np.ndarray, cp: CrimePlan, present_count: dict[str, np.ndarray], n_crimes: int):
    """red_flags.flag_floors with the plan's arrays on the transposed grid (indicator × row): floors and
    "may be under way" (row × crime), raised flags (row × flag; a transposed view)."""
    n_a = vt.shape[1]
    if not cp.specs:
        return np.full((n_a, n_crimes), -1), np.zeros((n_a, n_crimes), dtype=bool), np.zeros((n_a, 0), dtype=bool)
    v = vt[cp.flag_cols]  # flag × row
    if cp.flag_raised_at.min() <= -1.0:  # a level at -1 or below would count an unscored flag (NaN as -1)
        v = np.nan_to_num(v, nan=-1.0)
    raised = v >= cp.flag_raised_at[:, None]  # NaN never reaches a level: unscored flags stay down
    for of_kind, needs, kind_id in cp.flag_kinds:
        if needs and of_kind.any():
            raised[of_kind] &= (present_count[kind_id] >= needs)[None, :]
    f = np.full(v.shape, -1, dtype=np.int8)  # ranks of a few tiers
    for lvl, r in cp.flag_slots:
        hit = raised & (v >= lvl[:, None])
        np.copyto(f, np.maximum(f, r.astype(np.int8)[:, None]), where=hit)
    marks = raised & (v >= cp.flag_under_way_at[:, None])
    floor = np.full((n_crimes, n_a), -1)
    under_way = np.zeros((n_crimes, n_a), dtype=bool)
    for c in range(n_crimes):
        rows = cp.flag_applies[:, c]
        if rows.any():
            floor[c] = np.maximum(floor[c], f[rows].max(axis=0))
            under_way[c] = marks[rows].any(axis=0)
    return np.ascontiguousarray(floor.T), np.ascontiguousarray(under_way.T), raised.T
