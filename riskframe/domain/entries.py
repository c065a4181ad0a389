"""One indicator entry as a user gives it: a score 0–3 or an explicit missing code, never both."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class MissingCode(StrEnum):
    """Why an indicator has no score. None of these is ever read as 0."""

    NOT_ASSESSED = "not_assessed"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Trend(StrEnum):
    """Direction of change since the previous assessment, kept apart from the level itself."""

    RISING = "rising"
    STABLE = "stable"
    FALLING = "falling"


class SourceRef(BaseModel):
    """A source of evidence: a title, and where possible a URL and a date."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    date: str | None = Field(default=None, max_length=40)


class EntryIn(BaseModel):
    """The value of one indicator in one assessment."""

    model_config = ConfigDict(extra="forbid")
    score: int | None = Field(default=None, ge=0, le=3)
    missing: MissingCode | None = None
    confidence: Confidence | None = None
    trend: Trend | None = None
    evidence: str = Field(default="", max_length=20000)
    sources: list[SourceRef] = Field(default_factory=list)
    comment: str = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _score_or_missing(self) -> EntryIn:
        if self.score is not None and self.missing is not None:
            raise ValueError("give either a score or a missing code, not both")
        if self.score is None and self.missing is None:
            self.missing = MissingCode.NOT_ASSESSED
        return self

    @property
    def is_scored(self) -> bool:
        return self.score is not None
