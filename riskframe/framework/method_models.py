"""Typed parameters of the per-crime method (manifest section `method`; docs/methodology.md).

Kept apart from the older `scoring` section so the composite and the per-crime levels can be
read, changed and versioned separately. Every number the per-crime method uses is here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Text = dict[str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Crime(_Strict):
    """One crime: its specific risk factors (the escalators) on top of the common factors."""

    id: str
    label: Text
    specific: list[str] = Field(min_length=1)


class FactorAggregation(_Strict):
    """Factor intensity (0–3) = max_weight × highest scored indicator + (1 − max_weight) × their mean."""

    max_weight: float = Field(ge=0, le=1)
    present_at: float = Field(gt=0, le=3)   # a factor at or above this intensity is "present"
    strong_at: float = Field(gt=0, le=3)    # … and "strongly present"


class SevereFactorFloor(_Strict):
    """One common factor this intense lifts the common-risk level to at least `level` (no dilution)."""

    at: float = Field(gt=0, le=3)
    level: str


class Escalators(_Strict):
    """Specific factors raise the level of their crime by one step per threshold reached."""

    steps_at: list[float] = Field(min_length=1)
    needs_common_present: int = Field(ge=0)      # common factors present for the full escalation
    max_steps_without_common: int = Field(ge=0)  # escalation allowed below that


class RedFlagKind(_Strict):
    """Floors a raised red flag of this kind sets: {indicator level: minimum level of its crime(s)}."""

    label: Text
    floors: dict[int, str]
    needs_present: int = 0                 # common factors (among `present_among`) that must be present
    present_among: list[str] = Field(default_factory=list)
    under_way_at: int | None = None        # at or above this level: "atrocity crimes may be under way"


class CoverageRule(_Strict):
    common_min: float = Field(ge=0, le=1)        # scored share required in EACH common factor
    specific_min: float = Field(ge=0, le=1)      # … and in each crime's specific factors together
    red_flags_resolved: bool = True              # every red-flag indicator scored or justified
    not_applicable_factors: list[str] = Field(default_factory=list)  # where "not applicable" may be used
    not_applicable_needs_note: bool = True


class BandRule(_Strict):
    """What the band fills unknowns with, and how far low/medium confidence widens a scored level."""

    unknown_low: float = Field(ge=0, le=3)
    unknown_high: float = Field(ge=0, le=3)
    confidence_widen: dict[str, float] = Field(default_factory=dict)


class MirrorPair(_Strict):
    risk: str
    resilience: str
    note: str = ""


class Mirrors(_Strict):
    """Risk and resilience indicators that record the same fact; each pair is scored once."""

    watched_factors: list[str]
    scored_on: Literal["risk"] = "risk"
    derive_missing: bool = True   # a risk side left unscored is derived as 3 − its resilience mirror(s)
    pairs: list[MirrorPair] = Field(default_factory=list)
    no_mirror: list[str] = Field(default_factory=list)  # reviewed, found to record nothing the other side does


class Method(_Strict):
    version: str
    common: list[str] = Field(min_length=1)
    crimes: list[Crime] = Field(min_length=1)
    aggregation: FactorAggregation
    breadth_levels: dict[str, float]   # level id → lowest breadth (0–100) of that level
    severe_factor_floor: SevereFactorFloor
    escalators: Escalators
    red_flags: dict[str, RedFlagKind]
    coverage: CoverageRule
    band: BandRule
    mirrors: Mirrors
    status: dict[Literal["onset", "under_way"], Text]
