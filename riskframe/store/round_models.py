"""ORM tables of rating rounds (riskframe/store/rounds.py): a round, its invited raters, their submitted
scoresheet lines and their dissents from the consensus. Same Base and column types as models.py."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from riskframe.store.models import Base, BigId, UTCDateTime


class RatingRound(Base):
    """A rating round: invited raters score the same indicators of one assessment independently.

    Blind until it closes (see store/rounds.py); closing writes the consensus into the assessment as
    one revision, whose number is kept here (`consensus_revision`) with the round named in its note."""

    __tablename__ = "rating_rounds"
    __table_args__ = (
        UniqueConstraint("assessment_id", "number"),
        CheckConstraint("status IN ('open', 'closed')", name="status_known"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … within the assessment (round 2: Delphi re-rating)
    status: Mapped[str] = mapped_column(String(10))
    level: Mapped[str] = mapped_column(String(10))  # level of measurement for agreement (ordinal by default)
    indicator_ids: Mapped[list[str]] = mapped_column(JSON)
    base_revision: Mapped[int] = mapped_column(Integer)  # the assessment's revision when the round opened
    note: Mapped[str | None] = mapped_column(Text)
    opened_by: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    consensus_revision: Mapped[int | None] = mapped_column(Integer)
    # Delphi: round 2 re-rates the disputed indicators of round 1, which closes without a consensus.
    parent_round_id: Mapped[int | None] = mapped_column(ForeignKey("rating_rounds.id"))


class RatingRater(Base):
    """An invited rater of a round; `submitted_at` is set once, when the sheet is submitted."""

    __tablename__ = "rating_raters"
    __table_args__ = (UniqueConstraint("round_id", "username"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rating_rounds.id"))
    username: Mapped[str] = mapped_column(String(200))
    invited_by: Mapped[str] = mapped_column(String(200))
    invited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class RatingScore(Base):
    """One line of a rater's submitted scoresheet. Written once, on submission; never updated."""

    __tablename__ = "rating_scores"
    __table_args__ = (
        UniqueConstraint("round_id", "rater", "indicator_id"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 3)", name="score_range"),
        CheckConstraint("(score IS NULL) <> (missing IS NULL)", name="score_xor_missing"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rating_rounds.id"))
    rater: Mapped[str] = mapped_column(String(200))
    indicator_id: Mapped[str] = mapped_column(String(40))
    score: Mapped[int | None] = mapped_column(SmallInteger)
    missing: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[str | None] = mapped_column(String(10))
    rationale: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class RatingDissent(Base):
    """A rater's dissent from a round's consensus on one indicator: kept beside the consensus, never edited."""

    __tablename__ = "rating_dissents"
    __table_args__ = (UniqueConstraint("round_id", "rater", "indicator_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rating_rounds.id"))
    rater: Mapped[str] = mapped_column(String(200))
    indicator_id: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
