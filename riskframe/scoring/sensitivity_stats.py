"""The statistics the sensitivity analysis reads off its draws: level probabilities, ranks within a
period, first-order indices. Pure numpy, no knowledge of the method (riskframe/scoring/sensitivity.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

N_BINS = 10  # bins of a varied parameter for its first-order sensitivity index


def first_order(y: np.ndarray, x: np.ndarray, discrete: bool) -> np.ndarray:
    """Var(E[y | x]) / Var(y) per column of y (D × N), x binned (D × N, or D broadcast)."""
    d, n = y.shape
    x = np.broadcast_to(x.reshape(d, -1), (d, n)) if x.ndim == 1 or x.shape[1] == 1 else x
    if discrete:
        bins = x.astype(int)
    else:
        order = np.argsort(x, axis=0, kind="stable")
        bins = np.empty((d, n), dtype=int)
        np.put_along_axis(bins, order, (np.arange(d) * N_BINS // d)[:, None], axis=0)
    nb = int(bins.max()) + 1 if bins.size else 1
    flat = bins * n + np.arange(n)[None, :]
    count = np.bincount(flat.ravel(), minlength=nb * n).reshape(nb, n)
    total = np.bincount(flat.ravel(), weights=y.ravel(), minlength=nb * n).reshape(nb, n)
    mean = y.mean(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        cond = np.where(count > 0, total / np.where(count > 0, count, 1), 0.0)
        between = (count * (cond - mean) ** 2).sum(axis=0) / d
        var = y.var(axis=0)
        return np.where(var > 1e-12, np.clip(between / var, 0, 1), 0.0)


def run_sums(x: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Row sums of x over the column runs [first[j], first[j + 1]) (one run per assessment)."""
    cum = np.concatenate([np.zeros((len(x), 1)), np.cumsum(x, axis=1, dtype=float)], axis=1)
    return np.diff(cum[:, first], axis=1)


def probabilities(codes: np.ndarray, n_levels: int) -> np.ndarray:
    """N × levels: share of draws at each level (rows sum to 1; a NaN composite's draws count nowhere)."""
    d, n = codes.shape
    ok = codes >= 0
    flat = np.where(ok, codes, 0) * n + np.arange(n)[None, :]
    counts = np.bincount(flat[ok], minlength=n_levels * n).reshape(n_levels, n).T
    total = counts.sum(axis=1, keepdims=True)
    return np.where(total > 0, counts / np.where(total > 0, total, 1), 0.0)


def ranks_within(key: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """D × N rank within each group, 1 = highest key; ties share the better rank."""
    out = np.empty(key.shape, dtype=int)
    for label in pd.unique(groups):
        cols = np.flatnonzero(groups == label)
        sub = key[:, cols]
        order = np.argsort(-sub, axis=1, kind="stable")
        ranked = np.take_along_axis(sub, order, axis=1)
        pos = np.broadcast_to(np.arange(len(cols)), ranked.shape)
        new_value = np.ones(ranked.shape, dtype=bool)
        new_value[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
        first = np.maximum.accumulate(np.where(new_value, pos, 0), axis=1)  # where each tie run starts
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, first + 1, axis=1)
        out[:, cols] = rank
    return out
