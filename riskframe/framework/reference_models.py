"""Typed parameters of the reference comparison (manifest section `reference`; docs/reference.md).

A reference series (e.g. the Early Warning Project's forecast) is set beside the analysts' composite
by percentile among the countries of a period that have both; the two are said to diverge when
their percentiles differ by more than `divergence_percentile_points`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    divergence_percentile_points: float = Field(default=40.0, gt=0, le=100)
    # fewer countries with both numbers than this: percentiles are shown, no divergence is flagged
    min_countries: int = Field(default=5, ge=2)
