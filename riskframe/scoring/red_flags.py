"""Graded red flags: the minimum level a raised sign sets, by its kind and the level it is scored at.

Kinds and floors live in the manifest (`method.red_flags`): triggers count only where enough common
factors are present; intent or preparation at 2 sets elevated, at 3 high; crimes under way at 2 set
high, at 3 very high and the status "atrocity crimes may be under way". A flag in a common factor
applies to all three crimes, one in a specific factor to its crime only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from riskframe.framework.models import Framework
from riskframe.scoring.aggregation import method_of


@dataclass(frozen=True)
class FlagSpec:
    column: int
    indicator_id: str
    kind: str
    raised_at: int
    crimes: np.ndarray          # bool over method.crimes: which crimes it applies to
    floors: tuple[tuple[int, int], ...]  # (indicator level, level rank), ascending


def flag_specs(fw: Framework, rank: dict[str, int]) -> list[FlagSpec]:
    """Every red-flag indicator with its kind, raising level and floors (ranks of manifest tiers)."""
    method = method_of(fw)
    specs = []
    for col, ind in enumerate(fw.indicators.values()):
        if ind.red_flag is None or ind.kind != "risk":
            continue
        kind = method.red_flags[ind.red_flag.kind or "intent"]
        floors = tuple(sorted((lvl, rank[t]) for lvl, t in kind.floors.items()))
        raised_at = ind.red_flag.raised_at or floors[0][0]
        common = ind.factor_id in method.common
        crimes = np.array([common or ind.factor_id in c.specific for c in method.crimes])
        specs.append(FlagSpec(col, ind.id, ind.red_flag.kind or "intent", raised_at, crimes, floors))
    return specs


def flag_floors(values: np.ndarray, specs: list[FlagSpec], fw: Framework, present_count: dict[str, np.ndarray]):
    """Floors (rank, −1 for none) and "may be under way" per assessment × crime, and raised flags.

    `present_count[kind]` is how many of the kind's `present_among` factors are present per assessment.
    """
    method = method_of(fw)
    n_a, n_c = values.shape[0], len(method.crimes)
    floor = np.full((n_a, n_c), -1)
    under_way = np.zeros((n_a, n_c), dtype=bool)
    if not specs:
        return floor, under_way, np.zeros((n_a, 0), dtype=bool)
    # All flags at once: flag columns side by side, one row of parameters per flag.
    v = np.nan_to_num(values[:, [s.column for s in specs]], nan=-1.0)
    raised = v >= np.array([s.raised_at for s in specs], dtype=float)
    for kind_id, kind in method.red_flags.items():
        of_kind = np.array([s.kind == kind_id for s in specs])
        if kind.needs_present and of_kind.any():
            raised[:, of_kind] &= (present_count[kind_id] >= kind.needs_present)[:, None]
    f = np.full(v.shape, -1)
    for slot in range(max(len(s.floors) for s in specs)):  # floors ascending: a later slot is higher
        lvl = np.array([max(s.floors[slot][0], s.raised_at) if slot < len(s.floors) else np.inf for s in specs])
        r = np.array([s.floors[slot][1] if slot < len(s.floors) else -1 for s in specs])
        f = np.where(raised & (v >= lvl), np.maximum(f, r), f)
    at = np.array([method.red_flags[s.kind].under_way_at if method.red_flags[s.kind].under_way_at is not None
                   else np.inf for s in specs], dtype=float)
    marks = raised & (v >= at)
    applies = np.array([s.crimes for s in specs], dtype=bool).reshape(len(specs), n_c)  # flag × crime
    for c in range(n_c):
        cols = applies[:, c]
        if cols.any():
            floor[:, c] = np.maximum(floor[:, c], f[:, cols].max(axis=1))
            under_way[:, c] = marks[:, cols].any(axis=1)
    return floor, under_way, raised
