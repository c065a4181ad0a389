"""What scoring derives from a framework once (index arrays, indicator → factor matrices), and fast row helpers.

Scoring 3,860 assessments is ~600k numbers of arithmetic; building the same lookup arrays from the
framework on every call, and one Python tuple at a time, used to cost more than the arithmetic. A
plan is cached per Framework object (weakly: it goes with the framework) and holds only values the
framework defines, so a cached plan can never disagree with it.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework
from riskframe.scoring.tiers import tier_rank

NOT_ASSESSED, SCORED = "not_assessed", ""
NO_TEXT = np.array([], dtype=object)  # text_column's `empty` for columns that were object arrays


@dataclass(frozen=True)
class Plan:
    ind_ids: np.ndarray          # indicator ids (object), framework order
    ind_index: pd.Index          # the same, as an Index named indicator_id
    column_of: dict[str, int]    # indicator id -> its column
    names: tuple[str, ...]       # missing-code numbers: 0 scored, 1 not assessed, then the manifest's others
    factor_ids: list[str]
    member: np.ndarray           # indicator × factor, 1.0 where the indicator belongs to the factor
    kinds: np.ndarray            # per factor: risk / resilience
    is_flag: np.ndarray          # per indicator: a red-flag indicator
    raised_at: np.ndarray        # per indicator: the level that raises its flag
    flag_rank: np.ndarray        # per indicator: the rank of its flag's minimum tier (-1: none)
    tier_names: np.ndarray       # tier ids, then None (code -1)
    driver_themes: list[str]
    drivers: np.ndarray          # indicator × theme, 1.0 for risk indicators tagged with the theme
    flag_cols: np.ndarray        # columns of the red-flag indicators
    risk_ind: np.ndarray         # per indicator: a risk indicator
    risk_factor: np.ndarray      # per risk indicator: its factor, numbered from 0 in order of appearance
    f_starts: np.ndarray | None  # first column of each factor when every factor is one non-empty run of columns
    theme_cols: np.ndarray       # the columns of each theme's indicators, one theme after another
    theme_starts: np.ndarray     # where each theme's columns start in theme_cols (themes with one at least)
    theme_some: np.ndarray       # per theme: it has a column

    def by_factor(self, values: np.ndarray) -> np.ndarray:
        """Assessment × factor sums of `values` (assessment × indicator).

        Sums run left to right within each factor (a reduceat), not through BLAS: a threaded matrix
        product costs ~10 ms on a loaded 2-core machine and rounds differently for one row than for many."""
        if self.f_starts is not None:
            return np.add.reduceat(values, self.f_starts, axis=1)
        return values @ self.member

    def counts_by_factor(self, *masks: np.ndarray) -> list[np.ndarray]:
        """Per mask (assessment × indicator, bool): how many per assessment × factor (int64)."""
        if self.f_starts is None:
            return [(m.astype(float) @ self.member).astype(np.int64) for m in masks]
        stacked = np.stack([m.view(np.int8) for m in masks])  # one reduceat for all of them
        counts = np.add.reduceat(stacked, self.f_starts, axis=2, dtype=np.int64)
        return list(counts)

    def by_theme(self, values: np.ndarray, scored: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Assessment × driver theme: the sum of `values` and the count of `scored` over its indicators."""
        n_a, n_t = values.shape[0], len(self.theme_some)
        total, count = np.zeros((n_a, n_t)), np.zeros((n_a, n_t), dtype=np.int64)
        if len(self.theme_cols):
            total[:, self.theme_some] = np.add.reduceat(values[:, self.theme_cols], self.theme_starts, axis=1)
            count[:, self.theme_some] = np.add.reduceat(scored[:, self.theme_cols].view(np.int8), self.theme_starts,
                                                        axis=1, dtype=np.int64)
        return total, count


# id(framework) → (a weak reference to it, its plan); a Framework is not hashable, and the entry
# goes when the framework does (so a reused id never finds another framework's plan).
_PLANS: dict[int, tuple[weakref.ref, Plan]] = {}


def plan_of(fw: Framework) -> Plan:
    """The framework's plan, built on first use."""
    found = _PLANS.get(id(fw))
    if found is not None and found[0]() is fw:
        return found[1]
    scoring = fw.manifest.scoring
    table = fw.indicator_table
    ind_ids = np.array(table.index, dtype=object)
    factor_ids = list(fw.factor_by_id)
    f_index = {f: j for j, f in enumerate(factor_ids)}
    member = np.zeros((len(ind_ids), len(factor_ids)))
    member[np.arange(len(ind_ids)), [f_index[f] for f in table["factor_id"]]] = 1.0
    rank = tier_rank(scoring)
    risk = (table["kind"] == "risk").to_numpy()
    themes = list(scoring.drivers)
    drivers = np.array([[theme in tags for theme in themes] for tags in table["tags"]], dtype=float).reshape(
        len(ind_ids), len(themes)) * risk[:, None]
    f_of = np.array([f_index[f] for f in table["factor_id"]], dtype=np.int64)
    runs = np.flatnonzero(np.r_[True, f_of[1:] != f_of[:-1]]) if len(f_of) else np.array([], dtype=np.int64)
    contiguous = len(runs) == len(factor_ids) and bool((f_of[runs] == np.arange(len(factor_ids))).all())
    theme_of = [np.flatnonzero(drivers[:, t]) for t in range(len(themes))]
    some = np.array([len(c) > 0 for c in theme_of], dtype=bool)
    plan = Plan(
        ind_ids=ind_ids,
        ind_index=pd.Index(list(fw.indicators), name="indicator_id"),
        column_of={i: n for n, i in enumerate(fw.indicators)},
        names=(SCORED, NOT_ASSESSED, *[c for c in fw.manifest.scale.missing if c != NOT_ASSESSED]),
        factor_ids=factor_ids,
        member=member,
        kinds=np.array([fw.factor_by_id[f].kind for f in factor_ids]),
        is_flag=table["red_flag"].to_numpy(dtype=bool),
        raised_at=np.array([(i.red_flag.raised_at if i.red_flag else None) or scoring.red_flag.raised_at
                            for i in fw.indicators.values()], dtype=float),
        flag_rank=np.array([rank[t] if isinstance(t, str) else -1 for t in table["red_flag_min_tier"]]),
        tier_names=np.array([t.id for t in scoring.tiers] + [None], dtype=object),
        driver_themes=themes,
        drivers=drivers,
        flag_cols=np.flatnonzero(table["red_flag"].to_numpy(dtype=bool)),
        risk_ind=risk,
        risk_factor=pd.factorize(table.loc[risk, "factor_id"].to_numpy())[0].astype(np.int64),
        f_starts=runs if contiguous and len(runs) else None,
        theme_cols=np.concatenate(theme_of).astype(np.int64) if some.any() else np.array([], dtype=np.int64),
        theme_starts=np.cumsum([0] + [len(c) for c in theme_of if len(c)])[:-1].astype(np.int64),
        theme_some=some,
    )
    key = id(fw)
    _PLANS[key] = (weakref.ref(fw, lambda _ref: _PLANS.pop(key, None)), plan)
    return plan


@lru_cache(maxsize=1)
def _text_dtype():  # asked once: building a Series (or reading the option) costs ~0.3 ms a column
    return pd.Series(["x"]).dtype  # what pandas makes of a column of text (pandas 3: "str", on pyarrow)


def text_column(labels: Sequence[str | None], codes: np.ndarray, *, empty: Any = None) -> Any:
    """`labels[codes]` as the column pandas would build from those strings (code -1: missing).

    `empty`: what to give for no codes at all (default: an empty array of text), so that a frame of
    no rows keeps the dtype it always had (a column built from an empty list is float).

    With pyarrow-backed text, an Arrow take from the few distinct labels: converting 70k repeated
    Python strings one by one costs ten times more than the arithmetic they label."""
    codes = np.asarray(codes, dtype=np.int64)
    if not len(codes):
        return np.array([], dtype=str) if empty is None else empty
    dtype = _text_dtype()
    if getattr(dtype, "storage", None) != "pyarrow" or any(label is None for label in labels) \
            or not (codes >= 0).any():  # no text at all: pandas keeps such a column as objects
        return np.array([*labels, None], dtype=object)[codes]  # -1 picks the final None
    import pyarrow as pa

    taken = pa.array(list(labels), type=pa.large_string()).take(pa.array(codes, mask=codes < 0))
    return pd.array(taken, dtype=dtype)


def row_tuples(mask: np.ndarray, labels: np.ndarray,
               like: tuple[np.ndarray, np.ndarray, list[tuple]] | None = None) -> list[tuple]:
    """Per row of a boolean matrix, the tuple of `labels` where it is True (in column order).

    Rows repeat a few patterns (a crime's escalators: at most 4), so each distinct row is built once
    (one np.nonzero over those rows) and shared: a tuple per row, each allocated and later scanned by
    the garbage collector, cost more than the scoring arithmetic. `like` = (mask, labels, their
    tuples) of another column (raised flags: the composite's and the per-crime rule's mostly agree):
    rows equal to it reuse its tuples."""
    n_rows, n_cols = mask.shape
    if not n_cols or not n_rows:
        return [()] * n_rows
    if like is not None and like[0].shape == mask.shape and list(like[1]) == list(labels):
        differ = np.flatnonzero((like[0] != mask).any(axis=1))
        out = list(like[2])
        for i, t in zip(differ.tolist(), row_tuples(mask[differ], labels)):
            out[i] = t
        return out
    if n_cols > 62:  # no int64 key per row: build every row
        return _tuples_of(mask, labels)
    key = mask.astype(np.int64) @ (np.int64(1) << np.arange(n_cols, dtype=np.int64))
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    if len(uniq) * 2 > n_rows:  # mostly distinct rows: sharing saves nothing
        return _tuples_of(mask, labels)
    shared = np.empty(len(uniq), dtype=object)
    for u, t in enumerate(_tuples_of(mask[first], labels)):
        shared[u] = t
    return shared[inverse.reshape(-1)].tolist()


def _tuples_of(mask: np.ndarray, labels: np.ndarray) -> list[tuple]:
    """row_tuples built row by row: one np.nonzero for the whole matrix, then a slice per row."""
    rows, cols = np.nonzero(mask)
    flat = np.asarray(labels, dtype=object)[cols].tolist()
    ends = np.cumsum(np.bincount(rows, minlength=mask.shape[0])).tolist()
    return [tuple(flat[s:e]) for s, e in zip([0, *ends], ends)]  # an empty slice gives the shared ()
