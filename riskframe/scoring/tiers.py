"""Tiers from composite scores, with red-flag escalation; thresholds come from the manifest."""

from __future__ import annotations

import numpy as np

from riskframe.framework.models import Scoring


def tier_rank(scoring: Scoring) -> dict[str, int]:
    return {t.id: i for i, t in enumerate(scoring.tiers)}


def tier_codes(composite: np.ndarray, scoring: Scoring) -> np.ndarray:
    """Index of the tier for each composite; -1 where the composite is undefined (NaN)."""
    bounds = np.array([t.min for t in scoring.tiers], dtype=float)
    codes = np.searchsorted(bounds, composite, side="right") - 1
    return np.where(np.isnan(composite), -1, codes)


def tier_for(composite: float, scoring: Scoring) -> str | None:
    """The tier id of one composite (None when it is undefined)."""
    code = int(tier_codes(np.array([composite], dtype=float), scoring)[0])
    return scoring.tiers[code].id if code >= 0 else None
