"""What a report shows, as typed values: built once from the store (assemble.py), laid out by layout.py.

Everything here is already in the reader's language and already rounded for print; renderers
(pdf.py, docx_writer.py) never compute or translate. An empty list or None means "nothing to show":
the layout leaves that section out.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class Cover(BaseModel):
    country: str
    country_name: str
    period: str
    status: str                       # the workflow status, in words
    validated: bool
    validated_by: str | None = None
    validated_at: str | None = None   # formatted date
    framework: str                    # title and version
    method_version: str | None = None
    fictional: bool
    generated_at: str                 # formatted date


class TrendPoint(BaseModel):
    period: str
    composite: float | None           # None: no assessment in that period (a gap in the line)
    tier: str | None = None           # tier id
    validated: bool = False


class Flag(BaseModel):
    indicator_id: str
    text: str
    score: int | None
    evidence: str


class Move(BaseModel):
    """One indicator whose value moved since the previous period, with the evidence behind the new value."""

    indicator_id: str
    text: str
    before: str
    after: str
    evidence: str


class Summary(BaseModel):
    composite: float | None
    tier: str | None                  # tier id
    tier_label: str | None
    tier_before_flags_label: str | None = None
    band_low: float | None
    band_high: float | None
    coverage: float | None            # 0–1
    headline: str | None = None       # per-crime method: "Genocide: elevated"
    crime_status: str | None = None
    provisional: bool = False
    robustness: str | None = None     # a sentence on how robust the tier is (sensitivity), None when not run
    previous_period: str | None = None
    previous_composite: float | None = None
    previous_tier_label: str | None = None
    moves: list[Move] = Field(default_factory=list)
    drivers: list[str] = Field(default_factory=list)   # sentences: top factors and contributors
    red_flags: list[Flag] = Field(default_factory=list)
    heard: str | None = None          # whether women and young people were consulted (HRC panel report para. 42)


class FactorRow(BaseModel):
    factor_id: str
    title: str
    kind: str                         # in words
    score: float | None
    coverage: float | None
    low: float | None
    high: float | None


class ThemeRow(BaseModel):
    theme: str
    score: float | None


class CrimeRow(BaseModel):
    crime: str
    level: str
    band: str
    escalators: str
    under_way: bool


class GroupRow(BaseModel):
    name: str
    basis: str
    description: str


class ConsultationRow(BaseModel):
    category: str
    name: str
    date: str
    summary: str


class MeasureRow(BaseModel):
    title: str
    description: str
    type: str
    status: str
    owner: str
    due: str
    linked: str
    follow_up: str
    upr: str = ""      # the UPR recommendation it implements: its number
    reason: str = ""   # why its status is what it is (a dropped measure always has one)


class AgreementRow(BaseModel):
    round_number: int
    raters: int
    units: int
    alpha: float | None
    interval: tuple[float, float] | None
    level: str
    flagged: list[str] = Field(default_factory=list)   # indicators where raters differ by two levels or more


class SourceItem(BaseModel):
    number: int
    title: str
    url: str | None = None
    date: str | None = None


class AnnexRow(BaseModel):
    indicator_id: str
    factor_id: str = ""               # "" for an id the framework no longer has
    text: str
    value: str                        # score or the label of the missing code
    confidence: str
    evidence: str
    sources: list[int] = Field(default_factory=list)   # numbers into ReportData.sources


class SuggestedOption(BaseModel):
    title: str
    reason: str


class ReportData(BaseModel):
    """Everything one assessment report shows, in the reader's language."""

    assessment_id: int
    language: str
    cover: Cover
    summary: Summary
    trend: list[TrendPoint] = Field(default_factory=list)
    factors: list[FactorRow] = Field(default_factory=list)
    themes: list[ThemeRow] = Field(default_factory=list)
    crimes: list[CrimeRow] = Field(default_factory=list)
    groups: list[GroupRow] = Field(default_factory=list)
    consultations: list[ConsultationRow] = Field(default_factory=list)
    measures: list[MeasureRow] = Field(default_factory=list)
    suggestions: list[SuggestedOption] = Field(default_factory=list)
    agreement: list[AgreementRow] = Field(default_factory=list)
    annex: list[AnnexRow] = Field(default_factory=list)
    sources: list[SourceItem] = Field(default_factory=list)
    method: list[tuple[str, str]] = Field(default_factory=list)
    tier_colours: dict[str, str] = Field(default_factory=dict)
    tier_bounds: list[tuple[str, float, str]] = Field(default_factory=list)  # (id, lower bound, label)
    made_at: dt.datetime | None = None
