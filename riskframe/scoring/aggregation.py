"""Aggregation that cannot dilute a severe sign: factor intensity and the breadth of common risk.

Factor intensity (0–3) = w × the highest scored indicator + (1 − w) × their mean (w =
`method.aggregation.max_weight`): one indicator at 3 keeps its factor at ≥ 3w however many of its
siblings are absent, and the number of indicators in a factor moves it by at most (1 − w) × 3 / n,
so indicator counts are not hidden weights. Breadth (0–100) = the sum of the common factors'
intensities over its maximum: more factors present, and more strongly, means more risk (the UN
framework's own guidance); a factor nobody scored adds nothing here and shows up in the band and
in coverage instead.
"""

from __future__ import annotations

import numpy as np

from riskframe.i18n import _
from riskframe.framework.method_models import Method
from riskframe.framework.models import Framework

SCALE_MAX = 3.0


def method_of(fw: Framework) -> Method:
    """The manifest's `method` section (the per-crime method needs it)."""
    if fw.manifest.method is None:
        raise ValueError(_("indicators/manifest.yaml has no `method` section: the per-crime method cannot run"))
    return fw.manifest.method


def factor_columns(fw: Framework, factor_ids: list[str]) -> list[np.ndarray]:
    """For each factor, the column positions of its indicators in `fw.indicators` order."""
    position = {i: n for n, i in enumerate(fw.indicators)}
    return [np.array([position[ind.id] for ind in fw.factor_by_id[f].indicators], dtype=int) for f in factor_ids]


def factor_intensity(values: np.ndarray, columns: list[np.ndarray], max_weight: float | np.ndarray) -> np.ndarray:
    """Assessment × factor intensity on 0–3; NaN where the factor has no scored indicator (max_weight: one, or one per row)."""
    out = np.full((values.shape[0], len(columns)), np.nan)
    for j, cols in enumerate(columns):
        sub = values[:, cols]
        scored = ~np.isnan(sub)
        n = scored.sum(axis=1)
        has = n > 0
        top = np.where(scored, sub, -np.inf).max(axis=1) if cols.size else np.full(len(values), -np.inf)
        mean = np.where(scored, sub, 0.0).sum(axis=1) / np.where(has, n, 1)
        out[:, j] = np.where(has, max_weight * top + (1.0 - max_weight) * mean, np.nan)
    return out


def breadth(common_intensity: np.ndarray) -> np.ndarray:
    """Breadth of common risk, 0–100: Σ intensities of the common factors / (3 × their number)."""
    n = common_intensity.shape[1]
    return np.nansum(common_intensity, axis=1) / (SCALE_MAX * n) * 100.0 if n else np.zeros(len(common_intensity))


def count_at_least(intensity: np.ndarray, threshold: float) -> np.ndarray:
    """How many factors per assessment reach `threshold` (NaN never counts)."""
    return (np.nan_to_num(intensity, nan=-1.0) >= threshold).sum(axis=1)
