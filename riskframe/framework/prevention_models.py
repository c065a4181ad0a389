"""Typed models of the prevention catalogue (indicators/prevention/*.yaml) and its manifest section.

A prevention option is something a State or its partners can do once risk is known, paraphrased
from a seed passage it cites. It names the risk factors, indicators and themes it addresses and the
resilience indicators it strengthens, so suggestions can be linked to what an assessment found.
The manifest section `prevention` declares the actors and horizons (with labels) and the
thresholds suggestions use.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

Text = dict[str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Strict):
    """When suggestions are made, and which indicators count as high (scores on the framework scale)."""

    indicator_at: int = Field(ge=0)      # a risk indicator scored at or above this level is "high"
    factor_at: float = Field(ge=0, le=100)  # a risk factor scored at or above this (0–100) asks for options
    theme_at: float = Field(ge=0, le=100)   # a driver theme at or above this (0–100) asks for options
    max_suggestions: int = Field(default=10, ge=1)


class PreventionSection(_Strict):
    """Manifest `prevention`: who acts, over what horizon, and the suggestion thresholds."""

    note: Text = Field(default_factory=dict)   # what the catalogue is; says that translations are unofficial
    actors: dict[str, Text] = Field(min_length=1)
    horizons: dict[str, Text] = Field(min_length=1)
    thresholds: Thresholds


class Citation(_Strict):
    document: str      # a key of manifest `documents` (the seed file)
    ref: str           # the paragraph: "para 31", or "paragraph beginning '…'" where the seed has no numbers
    checked_against: str = ""


class Addresses(_Strict):
    factors: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)


class PreventionOption(_Strict):
    id: str
    title: Text
    description: Text
    actors: list[str] = Field(default_factory=list)
    horizon: str
    addresses: Addresses = Addresses()
    strengthens: list[str] = Field(default_factory=list)   # resilience indicator ids
    sources: list[Citation] = Field(default_factory=list)
    file: str = ""   # filled by the loader


class PreventionFile(_Strict):
    options: list[PreventionOption] = Field(min_length=1)
