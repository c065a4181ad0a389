"""What the store takes in (besides EntryIn) and gives back: pydantic models, never ORM rows."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from riskframe.i18n import _
from riskframe.domain import EntryIn, Status

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
    PROPOSED = "proposed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


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

    @model_validator(mode="after")
    def _title_required(self) -> MeasureIn:
        if not self.deleted and not self.title.strip():
            raise ValueError(_("a measure needs a title"))
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
    key: str


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
