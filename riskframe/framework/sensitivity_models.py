"""Typed parameters of the sensitivity analysis (manifest section `sensitivity`; docs/methodology.md).

Each range says how far a choice of the method is varied in the Monte Carlo draws; a range must
contain the method's own value, so a zero-width range reproduces the plain result exactly.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Strict):
    """A closed interval [low, high] a parameter is drawn from uniformly (low = high: not varied)."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) must not exceed high ({self.high})")
        return self

    @property
    def width(self) -> float:
        return self.high - self.low


class Sensitivity(_Strict):
    """How the method's choices, the unknowns and the raters are varied, and what counts as robust."""

    draws: int = Field(default=1000, ge=1, le=100_000)
    seed: int = Field(default=0, ge=0)
    interval: tuple[float, float] = (0.05, 0.95)      # quantiles reported as the interval
    robust_at: float = Field(default=0.8, gt=0, le=1)  # share of draws in the modal level for "robust"
    max_weight: Range                   # method.aggregation.max_weight
    breadth_shift: Range                # one shift added to every bound of method.breadth_levels
    resilience_dampening: Range         # scoring.resilience_dampening (the old composite)
    weights_concentration: float | None = Field(default=None, gt=0)  # Dirichlet(α…α) × n; None: equal weights
    geometric_share: float = Field(default=0.0, ge=0, le=1)  # share of draws aggregating factors geometrically
    geometric_offset: float = Field(default=1.0, gt=0)       # geometric mean of (x + offset), minus offset
    unknowns: bool = True      # draw unknown / not-assessed risk indicators within method.band
    unknowns_shared: float = Field(default=1.0, ge=0, le=1)  # share of unknowns taking the assessment's common draw
    confidence: bool = True    # draw scored risk levels within ± method.band.confidence_widen

    @model_validator(mode="after")
    def _interval(self) -> Sensitivity:
        lo, hi = self.interval
        if not 0 <= lo <= hi <= 1:
            raise ValueError(f"interval {list(self.interval)} must be two quantiles with 0 ≤ low ≤ high ≤ 1")
        return self
