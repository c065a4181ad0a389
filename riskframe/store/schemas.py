"""What the store takes in (besides EntryIn) and gives back: pydantic models, never ORM rows."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from riskframe.i18n import _
from riskframe.domain import EntryIn, Period, PeriodError, Status

ITEM_KEY_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"


class ConsultationCategory(StrEnum):
    CIVIL_SOCIETY = "civil_society"
    WOMENS_ORGANISATIONS = "womens_organisations"
    YOUTH = "youth"
    AFFECTED_COMMUNITIES = "affected_communities"
    RELIGIOUS_LEADERS = "religious_leaders"
    NHRI = "nhri"
    ACADEMIA = "academia"
    GOVERNMENT = "government"
    OTHER = "other"


class MeasureType(StrEnum):
    OPERATIONAL = "operational"
    STRUCTURAL = "structural"


class MeasureStatus(StrEnum):
    """Where a recommended measure stands: proposed → agreed → in_progress → implemented, or dropped."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    DROPPED = "dropped"


OPEN_MEASURE_STATUSES = frozenset({"proposed", "agreed", "in_progress"})
"""Measures still to act on: copy forward carries them, the checklist asks for their status, they can be overdue."""
MEASURE_STATUS_SYNONYMS = {"done": "implemented"}
"""Old codes still read (files, API callers) as today's; the database was converted by migration 0010."""
OPTION_ID_PATTERN = r"^[A-Za-z0-9_.-]{1,80}$"


class _ItemIn(BaseModel):
    """A versioned list item. No key: a new item. `deleted=True` with a key: remove it."""

    model_config = ConfigDict(extra="forbid")
    key: str | None = Field(default=None, pattern=ITEM_KEY_PATTERN)
    deleted: bool = False

    @model_validator(mode="after")
    def _delete_needs_key(self) -> _ItemIn:
        if self.deleted and not self.key:
            raise ValueError(_("deleting an item needs its key"))
        return self


class VulnerableGroupIn(_ItemIn):
    name: str = Field(default="", max_length=300)
    basis: str = Field(default="", max_length=200, description="e.g. ethnic, religious, political")
    description: str = Field(default="", max_length=20000)

    @model_validator(mode="after")
    def _name_required(self) -> VulnerableGroupIn:
        if not self.deleted and not self.name.strip():
            raise ValueError(_("a vulnerable group needs a name"))
        return self


class ConsultationIn(_ItemIn):
    category: ConsultationCategory = ConsultationCategory.OTHER
    name: str = Field(default="", max_length=300, description="who was consulted")
    date: dt.date | None = None
    summary: str = Field(default="", max_length=20000)

    @model_validator(mode="after")
    def _someone_heard(self) -> ConsultationIn:
        if not self.deleted and not self.name.strip():
            raise ValueError("a consultation needs the organisation or the person consulted")
        return self


class MeasureIn(_ItemIn):
    title: str = Field(default="", max_length=500)
    description: str = Field(default="", max_length=20000)
    linked_ids: list[str] = Field(default_factory=list, description="risk factor or indicator ids")
    type: MeasureType = MeasureType.OPERATIONAL
    owner: str = Field(default="", max_length=300)
    due_date: dt.date | None = None
    status: MeasureStatus = MeasureStatus.PROPOSED
    follow_up: str = Field(default="", max_length=20000)
    previous_measure_id: str | None = Field(default=None, pattern=ITEM_KEY_PATTERN)
    option_id: str | None = Field(default=None, pattern=OPTION_ID_PATTERN,
                                  description="the prevention option of the catalogue it comes from")
    due_period: str | None = Field(default=None, max_length=20, description="the quarter it is due by, e.g. 2027-Q2")
    status_reason: str = Field(default="", max_length=2000, description="why the status is what it is (required "
                                                                        "when dropped)")
    upr_recommendation_id: str = Field(default="", max_length=40, description="e.g. 150.12")
    upr_recommendation_text: str = Field(default="", max_length=5000)

    @field_validator("status", mode="before")
    @classmethod
    def _old_codes(cls, value: object) -> object:
        text = getattr(value, "value", value)
        return MEASURE_STATUS_SYNONYMS.get(text, value) if isinstance(text, str) else value

    @field_validator("status_reason", "upr_recommendation_id", "upr_recommendation_text", mode="before")
    @classmethod
    def _none_is_blank(cls, value: object) -> object:
        return "" if value is None else value

    @field_validator("option_id", "due_period", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("due_period")
    @classmethod
    def _a_quarter(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            period = Period.parse(value)
        except PeriodError:
            period = None
        if period is None or period.kind != "quarter":
            raise ValueError(_("the due period must be a quarter written YYYY-Qn, e.g. 2027-Q2"))
        return period.label

    @model_validator(mode="after")
    def _title_required(self) -> MeasureIn:
        if not self.deleted and not self.title.strip():
            raise ValueError(_("a measure needs a title"))
        return self

    @model_validator(mode="after")
    def _dropped_needs_reason(self) -> MeasureIn:
        if not self.deleted and self.status is MeasureStatus.DROPPED and not self.status_reason.strip():
            raise ValueError(_("a dropped measure needs the reason it was dropped (status_reason)"))
        return self


class _Versioned(BaseModel):
    revision: int
    changed_by: str
    changed_at: dt.datetime


class EntryOut(EntryIn, _Versioned):
    """An indicator's value as stored, with who last changed it and whether it was carried over."""

    carried_over: bool = False


class VulnerableGroupOut(VulnerableGroupIn, _Versioned):
    key: str


class ConsultationOut(ConsultationIn, _Versioned):
    key: str


class MeasureOut(MeasureIn, _Versioned):
    """A measure as stored. Rows dropped before reasons were recorded (before migration 0010) have
    none; they are read as they are, and saving such a row again asks for the reason."""

    key: str

    @model_validator(mode="after")
    def _dropped_needs_reason(self) -> MeasureOut:  # overrides MeasureIn's: stored rows are read as they are
        return self

    @property
    def is_open(self) -> bool:
        return self.status.value in OPEN_MEASURE_STATUSES


class CountryOut(BaseModel):
    code: str
    name: str
    user_assigned: bool


class AssessmentOut(BaseModel):
    id: int
    country: str
    country_name: str
    period: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    framework_id: str
    framework_version: str
    status: Status
    revision: int
    created_by: str
    created_at: dt.datetime
    updated_by: str
    updated_at: dt.datetime
    submitted_by: str | None = None
    submitted_at: dt.datetime | None = None
    validated_by: str | None = None
    validated_at: dt.datetime | None = None
    copied_from: int | None = None


class AssessmentView(AssessmentOut):
    """An assessment as of `revision` (the head unless asked otherwise)."""

    head_revision: int
    entries: dict[str, EntryOut] = Field(default_factory=dict)
    vulnerable_groups: list[VulnerableGroupOut] = Field(default_factory=list)
    consultations: list[ConsultationOut] = Field(default_factory=list)
    measures: list[MeasureOut] = Field(default_factory=list)

    @property
    def is_head(self) -> bool:
        return self.revision == self.head_revision


class SaveResult(BaseModel):
    """The revision after a save; unchanged (and `changed_fields` empty) when nothing differed."""

    revision: int
    changed_fields: list[str] = Field(default_factory=list)


RevisionKind = Literal["create", "save", "status", "copy_forward", "import", "restore", "consensus"]


class RevisionOut(BaseModel):
    assessment_id: int
    number: int
    author: str
    at: dt.datetime
    kind: RevisionKind
    note: str | None = None
    status: Status


class AuditOut(BaseModel):
    id: int
    at: dt.datetime
    actor: str
    action: str
    assessment_id: int | None = None
    revision: int | None = None
    field: str | None = None
    old_value: Any = None
    new_value: Any = None
    detail: dict[str, Any] | None = None


class Change(BaseModel):
    """One field that differs between two revisions or two assessments."""

    field: str
    old: Any = None
    new: Any = None
    changed_by: str | None = None
    changed_at: dt.datetime | None = None
    evidence: str | None = None
