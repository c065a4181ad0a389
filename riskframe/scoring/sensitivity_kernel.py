"""Fast forms of the red-flag rules the sensitivity analysis applies to every draw × assessment row.

The Monte Carlo applies the red-flag floors (red_flags.flag_floors) and the old composite's minimum
tiers to ~200,000 rows per period; written flag by flag (44 flags) they cost a fifth of its time.
A flag's floor only grows with its level, so flags that share their parameters (11 groups) are read
off their highest level: the same integers (tests/scoring/test_sensitivity_kernel.py), ~6× faster.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from riskframe.scoring.red_flags import FlagSpec


@dataclass(frozen=True)
class _FlagGroup:
    columns: np.ndarray
    kind: str
    raised_at: float
    floors: tuple[tuple[float, int], ...]  # (level reached, rank), ascending as in flag_floors
    crimes: np.ndarray


class FlagFloors:
    """red_flags.flag_floors' floors per row × crime, with flags of equal parameters read together."""

    def __init__(self, specs: list[FlagSpec], n_crimes: int):
        self.n_crimes = n_crimes
        groups: dict[tuple, list[int]] = {}
        for s in specs:
            slots = tuple((max(lvl, s.raised_at), r) for lvl, r in s.floors)
            groups.setdefault((s.kind, s.raised_at, slots, tuple(bool(c) for c in s.crimes)), []).append(s.column)
        self.groups = [_FlagGroup(np.array(cols), kind, float(at), slots, np.array(crimes, dtype=bool))
                       for (kind, at, slots, crimes), cols in groups.items()]

    def __call__(self, values: np.ndarray, present_ok: dict[str, np.ndarray]) -> np.ndarray:
        """`present_ok[kind]`: rows where the kind's needed factors are present (absent: no condition)."""
        floor = np.full((len(values), self.n_crimes), -1)
        for g in self.groups:
            top = np.nan_to_num(np.fmax.reduce(values[:, g.columns], axis=1), nan=-1.0)  # flag floors grow with v
            raised = top >= g.raised_at
            if g.kind in present_ok:
                raised &= present_ok[g.kind]
            f = np.full(len(values), -1)
            for lvl, r in g.floors:
                f = np.where(raised & (top >= lvl), np.maximum(f, r), f)
            floor[:, g.crimes] = np.maximum(floor[:, g.crimes], f[:, None])
        return floor


class MinTiers:
    """The old composite's minimum tier rank per row from raised red flags (-1: none), grouped as above."""

    def __init__(self, flag_at: np.ndarray, flag_rank: np.ndarray):
        flags = np.flatnonzero(flag_rank >= 0)
        keys: dict[tuple[float, int], list[int]] = {}
        for c in flags:
            keys.setdefault((float(flag_at[c]), int(flag_rank[c])), []).append(int(c))
        self.groups = [(np.array(cols), at, r) for (at, r), cols in keys.items()]

    def __call__(self, values: np.ndarray) -> np.ndarray:
        out = np.full(len(values), -1)
        for cols, at, r in self.groups:
            raised = np.fmax.reduce(values[:, cols], axis=1) >= at  # NaN (nothing scored) is not raised
            out = np.where(raised, np.maximum(out, r), out)
        return out
