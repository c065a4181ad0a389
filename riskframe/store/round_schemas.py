"""What rating rounds take in and give out: a scoresheet line, a consensus decision, a round's state.

Kept apart from riskframe/store/rounds.py (the workflow and its blindness rules)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from riskframe.i18n import _
from riskframe.domain.entries import Confidence, MissingCode


class _Value(BaseModel):
    """A score 0-3 or a missing code (never both); neither means not assessed."""

    model_config = ConfigDict(extra="forbid")
    score: int | None = Field(default=None, ge=0, le=3)
    missing: MissingCode | None = None
    confidence: Confidence | None = None

    @model_validator(mode="after")
    def _score_or_missing(self) -> Any:
        if self.score is not None and self.missing is not None:
            raise ValueError(_("give either a score or a missing code, not both"))
        if self.score is None and self.missing is None:
            self.missing = MissingCode.NOT_ASSESSED
        return self

    def key(self) -> tuple[int | None, str | None]:
        return self.score, None if self.missing is None else self.missing.value


class SheetLineIn(_Value):
    """One indicator of a rater's scoresheet."""

    rationale: str = Field(default="", max_length=2000)


class ConsensusIn(_Value):
    """The lead's decision on one indicator; the rationale is required and becomes the entry's comment."""

    rationale: str = Field(min_length=1, max_length=5000)


class DissentIn(BaseModel):
    """A rater's dissent from the consensus on one indicator."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=5000)


class DissentOut(BaseModel):
    round_id: int
    rater: str
    indicator_id: str
    text: str


class SheetLineOut(BaseModel):
    score: int | None
    missing: str | None
    confidence: str | None
    rationale: str


class RaterOut(BaseModel):
    username: str
    submitted: bool


class RoundOut(BaseModel):
    id: int
    assessment_id: int
    number: int
    status: str
    level: str
    indicator_ids: list[str]
    base_revision: int
    opened_by: str
    closed_by: str | None
    consensus_revision: int | None
    raters: list[RaterOut]
    parent_round_id: int | None = None  # a Delphi round: the round whose disputed indicators it re-rates
