"""One indicator entry as a user gives it: a score or an explicit missing code, never both.

The domain knows no framework. The scale (0–3 today) is the manifest's; entries are checked against
it where they enter the system (`Framework.entry_problem`: the scoring input, the Excel reader, and
`Store.save_entries` when given the Framework). What stays here is what the database can hold:
scores 0…SCORE_STORAGE_MAX, and the missing and confidence codes below. Their labels and order live
in the manifest; the framework check refuses a manifest whose scale or codes do not fit these.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from riskframe.i18n import _


SCORE_STORAGE_MAX = 3
"""The largest score the database holds (CHECK constraint `score_range`, riskframe/store/models.py).

A storage limit, not the scale: widening it takes a migration, and then the manifest may grow."""


class MissingCode(StrEnum):
    """Why an indicator has no score. None of these is ever read as 0."""

    NOT_ASSESSED = "not_assessed"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Confidence(StrEnum):
    """How sure the focal point is of a score (labels and order: manifest `scale.confidence`)."""

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
    score: int | None = Field(default=None, ge=0, le=SCORE_STORAGE_MAX)  # the scale itself: the manifest's
    missing: MissingCode | None = None
    confidence: Confidence | None = None
    trend: Trend | None = None
    evidence: str = Field(default="", max_length=20000)
    sources: list[SourceRef] = Field(default_factory=list)
    comment: str = Field(default="", max_length=5000)

    @field_validator("score", mode="before")
    @classmethod
    def _score_is_a_number(cls, value: object) -> object:
        """A score is a number, never text or true/false: "2" or true are refused, not coerced."""
        if isinstance(value, (str, bytes, bool)):
            raise ValueError(_("a score is a whole number of the scale, not {value}; give 2, not \"2\" or true").format(
                value=repr(value)))
        return value

    @model_validator(mode="after")
    def _score_or_missing(self) -> EntryIn:
        if self.score is not None and self.missing is not None:
            raise ValueError(_("give either a score or a missing code, not both"))
        if self.score is None and self.missing is None:
            self.missing = MissingCode.NOT_ASSESSED
        return self

    @property
    def is_scored(self) -> bool:
        return self.score is not None


def scale_problem(entry: EntryIn, low: int, high: int) -> str | None:
    """A sentence when the entry's score lies outside `low`…`high` (the framework's scale), else None."""
    if entry.score is None or low <= entry.score <= high:
        return None
    return _("score {score} is outside the scale: give a whole number from {low} to {high}, or a missing code").format(
        score=entry.score, low=low, high=high)
