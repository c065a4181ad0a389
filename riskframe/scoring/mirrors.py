"""Mirror pairs scored once: a risk indicator and the resilience indicator recording the same fact.

The manifest (`method.mirrors`) declares each pair. The fact is scored on the risk side (the UN
framework); where the risk side is not scored and its resilience mirror(s) are, the risk side is
derived as 3 − their mean, and mirrored resilience indicators stay out of the resilience axis.
"""

from __future__ import annotations

import numpy as np

from riskframe.framework.models import Framework
from riskframe.scoring.aggregation import method_of

SCALE_MAX = 3.0


def derive_mirrored(values: np.ndarray, fw: Framework) -> tuple[np.ndarray, np.ndarray]:
    """Values with unscored risk sides derived from their mirrors, and a mask of the derived cells."""
    mirrors = method_of(fw).mirrors
    out = values.copy()
    derived = np.zeros(values.shape, dtype=bool)
    if not mirrors.derive_missing:
        return out, derived
    position = {i: n for n, i in enumerate(fw.indicators)}
    by_risk: dict[str, list[int]] = {}
    for p in mirrors.pairs:
        by_risk.setdefault(p.risk, []).append(position[p.resilience])
    for risk_id, res_cols in by_risk.items():
        r = position[risk_id]
        res = values[:, res_cols]
        n = (~np.isnan(res)).sum(axis=1)
        with np.errstate(invalid="ignore"):
            mean = np.nansum(res, axis=1) / np.where(n > 0, n, 1)
        fill = np.isnan(values[:, r]) & (n > 0)
        out[:, r] = np.where(fill, SCALE_MAX - mean, values[:, r])
        derived[:, r] = fill
    return out, derived


def resilience_axis_columns(fw: Framework) -> np.ndarray:
    """Boolean mask over indicators: resilience indicators that count on the resilience axis."""
    mirrored = {p.resilience for p in method_of(fw).mirrors.pairs}
    return np.array([ind.kind == "resilience" and ind.id not in mirrored for ind in fw.indicators.values()])


def resilience_axis(values: np.ndarray, fw: Framework) -> np.ndarray:
    """Resilience on its own axis, 0–100: mean over sections of the mean of their unmirrored indicators."""
    keep = resilience_axis_columns(fw)
    ids = list(fw.indicators)
    sections = []
    for f in fw.factors_of("resilience"):
        cols = [ids.index(i.id) for i in f.indicators if keep[ids.index(i.id)]]
        if not cols:
            continue
        sub = values[:, cols]
        n = (~np.isnan(sub)).sum(axis=1)
        sections.append(np.where(n > 0, np.nansum(sub, axis=1) / np.where(n > 0, n, 1), np.nan))
    if not sections:
        return np.full(len(values), np.nan)
    grid = np.column_stack(sections)
    n = (~np.isnan(grid)).sum(axis=1)
    return np.where(n > 0, np.nansum(grid, axis=1) / np.where(n > 0, n, 1), np.nan) / SCALE_MAX * 100.0
