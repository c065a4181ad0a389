"""ORM tables. Content tables are append-only: a save adds version rows, it never updates them.

The only row updated in place is `assessments` (head revision, status and who/when columns),
and only through a compare-and-set on its `revision` column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit id.
BigId: TypeEngine[int] = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC on the way in and out, on both engines (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Country(Base):
    __tablename__ = "countries"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    user_assigned: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Period(Base):
    __tablename__ = "periods"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    start: Mapped[dt.date] = mapped_column("start_date", Date)
    end: Mapped[dt.date] = mapped_column("end_date", Date)


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("country_code", "period_id"),
        CheckConstraint("revision >= 1", name="revision_positive"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    framework_id: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    validated_by: Mapped[str | None] = mapped_column(String(200))
    validated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))


class Revision(Base):
    """One numbered change of an assessment; `status` is the status after it (for as-of views)."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("assessment_id", "number"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    number: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))


class _Versioned:
    """Columns shared by every append-only version table."""

    id: Mapped[int] = mapped_column(BigId, primary_key=True, sort_order=-10)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), sort_order=-9)
    revision: Mapped[int] = mapped_column(Integer, sort_order=-7)
    author: Mapped[str] = mapped_column(String(200), sort_order=-6)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, sort_order=-5)


class EntryVersion(_Versioned, Base):
    __tablename__ = "entry_versions"
    __table_args__ = (
        UniqueConstraint("assessment_id", "indicator_id", "revision"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 3)", name="score_range"),
        CheckConstraint("(score IS NULL) <> (missing IS NULL)", name="score_xor_missing"),
    )
    indicator_id: Mapped[str] = mapped_column(String(40), sort_order=-8)
    score: Mapped[int | None] = mapped_column(SmallInteger)
    missing: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[str | None] = mapped_column(String(10))
    evidence: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    comment: Mapped[str] = mapped_column(Text, default="")
    trend: Mapped[str | None] = mapped_column(String(10))  # rising | stable | falling (migration 0004)
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False)


class EntryHead(Base):
    """Which revision of each entry is current: a derived index kept by every entry write, so the
    all-countries DataFrame is a plain join instead of a GROUP BY over the whole history."""

    __tablename__ = "entry_heads"
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)


class _Item(_Versioned):
    item_key: Mapped[str] = mapped_column(String(40), sort_order=-8)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, sort_order=-4)


class VulnerableGroupVersion(_Item, Base):
    __tablename__ = "vulnerable_group_versions"
    __table_args__ = (UniqueConstraint("assessment_id", "item_key", "revision"),)
    name: Mapped[str | None] = mapped_column(String(300))
    basis: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)


class ConsultationVersion(_Item, Base):
    __tablename__ = "consultation_versions"
    __table_args__ = (UniqueConstraint("assessment_id", "item_key", "revision"),)
    category: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str | None] = mapped_column(String(300))
    date: Mapped[dt.date | None] = mapped_column("held_on", Date)
    summary: Mapped[str | None] = mapped_column(Text)


class MeasureVersion(_Item, Base):
    __tablename__ = "measure_versions"
    __table_args__ = (UniqueConstraint("assessment_id", "item_key", "revision"),)
    title: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    linked_ids: Mapped[list[str] | None] = mapped_column(JSON)
    type: Mapped[str | None] = mapped_column("measure_type", String(20))
    owner: Mapped[str | None] = mapped_column(String(300))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(20))
    follow_up: Mapped[str | None] = mapped_column(Text)
    previous_measure_id: Mapped[str | None] = mapped_column(String(40))
    # follow-up every period (migration 0010)
    option_id: Mapped[str | None] = mapped_column(String(80))
    due_period: Mapped[str | None] = mapped_column(String(20))
    status_reason: Mapped[str | None] = mapped_column(Text)
    upr_recommendation_id: Mapped[str | None] = mapped_column(String(40))
    upr_recommendation_text: Mapped[str | None] = mapped_column(Text)


class AuditLog(Base):
    """Who changed what, field by field (old → new); also logins to data such as backups."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_assessment_revision", "assessment_id", "revision"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(60))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    revision: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(300))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Account(Base):
    """A person who signs in. The role and country scopes become the Actor the store checks;
    the password is only ever stored as an argon2 hash (NULL for single-sign-on-only accounts)."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'analyst', 'focal_point', 'viewer')", name="role_known"),
        CheckConstraint("failed_sign_ins >= 0", name="failed_sign_ins_positive"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)  # stored lower-case
    email: Mapped[str | None] = mapped_column(String(320), unique=True)  # lower-case; matched for SSO
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO codes, or ["*"] for all
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(16))  # interface language chosen; NULL: the default


class ReviewComment(Base):
    """A reviewer's comment on an assessment (indicator_id None) or on one indicator.

    Stored, not kept in a browser session, so the focal point sees it after any reload; resolving a
    comment sets `resolved_by`/`resolved_at` and never deletes it (the audit log holds both events).
    """

    __tablename__ = "review_comments"
    __table_args__ = (Index("ix_review_comments_assessment", "assessment_id", "id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    revision: Mapped[int] = mapped_column(Integer)  # the revision the reviewer was looking at
    indicator_id: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ReferenceSeries(Base):
    """An imported reference series (e.g. the Early Warning Project's forecast): public data shown
    beside the analysts' judgement, with where it came from. Written once, by import; never edited."""

    __tablename__ = "reference_series"
    __table_args__ = (CheckConstraint("kind IN ('ewp', 'csv')", name="kind_known"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    measure: Mapped[str] = mapped_column(Text, default="")  # what a value is (e.g. a 2-year onset probability)
    source: Mapped[str] = mapped_column(Text)
    licence: Mapped[str] = mapped_column(Text)
    retrieved: Mapped[dt.date | None] = mapped_column(Date)
    base_year: Mapped[int | None] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ReferenceValue(Base):
    """One country's value in a series: `year` is the data year, [covers_from, covers_to] the years it
    speaks about (EWP: the two years after its base year)."""

    __tablename__ = "reference_values"
    __table_args__ = (UniqueConstraint("series_id", "country_code", "year"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("reference_series.id"))
    country_code: Mapped[str] = mapped_column(String(2))
    year: Mapped[int] = mapped_column(Integer)
    covers_from: Mapped[int] = mapped_column(Integer)
    covers_to: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    rank: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200), default="")


class Draft(Base):
    """What a person typed for one indicator and has not saved yet: the widget values, replaced on
    every change and deleted when the indicator is saved or the draft discarded. Not assessment
    content (no revision); kept per person so a reload or a new sign-in brings it back."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("username", "assessment_id", "indicator_id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    username: Mapped[str] = mapped_column(String(200))
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    indicator_id: Mapped[str] = mapped_column(String(40))
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)



class AppSession(Base):
    """A browser's sign-in that survives a reload: the cookie holds a signed random token, this row
    its SHA-256 (never the token). Sign-out, an idle time longer than the timeout, or disabling the
    account ends it (`ended_at`); a one-time ticket (hash, short expiry) lets the page ask the server
    to set the HttpOnly cookie."""

    __tablename__ = "app_sessions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # set when the cookie is made
    username: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_why: Mapped[str | None] = mapped_column(String(40))
    ticket_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    ticket_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


# The rating-round tables live in round_models.py (one concept); imported here so that `models.X`
# names every table and Base.metadata holds them all.
from riskframe.store.round_models import RatingDissent, RatingRater, RatingRound, RatingScore  # noqa: E402

VERSION_TABLES = (EntryVersion, VulnerableGroupVersion, ConsultationVersion, MeasureVersion)
ROUND_TABLES = (RatingRound, RatingRater, RatingScore, RatingDissent)
# Dependency order: parents before children (used by backup/restore).
ALL_TABLES = (Country, Period, Assessment, Revision, *VERSION_TABLES, EntryHead, AuditLog, Account,
              ReviewComment, *ROUND_TABLES, ReferenceSeries, ReferenceValue, Draft, AppSession)
from riskframe.store.derived_models import DerivedScore  # noqa: E402,F401  (derived, not backed up)
