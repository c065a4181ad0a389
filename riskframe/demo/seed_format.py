"""The format of a demo seed file (seeds/demo/*.yaml), as pydantic models; reading.py reads and checks them.

One file per fictional country. Indicators that carry the country's story are written as *arcs*
(a value, evidence, confidence and sources per quarter); every other indicator takes its factor's
*baseline*, varied deterministically per indicator by the loader. See seeds/demo/README.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from riskframe.i18n import _
from riskframe.domain import Confidence, MissingCode, Period, PeriodError
from riskframe.domain.countries import is_user_assigned
from riskframe.store.schemas import ConsultationCategory, MeasureStatus, MeasureType

Score = Annotated[int, Field(ge=0, le=3)]
Value = Score | MissingCode
Title = Annotated[str, Field(min_length=1, max_length=400)]  # a source title; {quarter} is filled in
LongText = Annotated[str, Field(max_length=10000)]
Quarter = str  # "2025-Q3", checked by _quarter


class SeedIssue(BaseModel):
    """One problem in one seed file, naming the field (dotted path) at fault."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class SeedInvalid(Exception):
    """The seed files have problems; nothing was written."""

    def __init__(self, issues: list[SeedIssue]) -> None:
        self.issues = issues
        more = f" (+{len(issues) - 5} more)" if len(issues) > 5 else ""
        super().__init__("; ".join(str(i) for i in issues[:5]) + more)


def _quarter(value: Any) -> str:
    try:
        period = Period.parse(str(value))
    except PeriodError as exc:
        raise ValueError(str(exc)) from None
    if period.kind != "quarter":
        raise ValueError(_("period {value!r} must be a quarter such as 2025-Q3").format(value=value))
    return period.label


def _str_keys(value: Any) -> Any:
    """YAML reads `1:` as an int; every id and period key is text here."""
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuarterValue(_Strict):
    """One arc value: `[2, "evidence"]`, `[2, "evidence", high]` or a mapping of these fields."""

    value: Value
    evidence: str = Field(min_length=1, max_length=2000)
    confidence: Confidence | None = None
    sources: list[Title] | None = None
    comment: str = Field(default="", max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, (list, tuple)):
            if not 2 <= len(data) <= 3:
                raise ValueError(_("write [score or missing code, evidence] or [score, evidence, confidence]"))
            return dict(zip(("value", "evidence", "confidence"), data))
        if isinstance(data, dict) and "value" not in data:
            data = dict(data)
            score, missing = data.pop("score", None), data.pop("missing", None)
            if (score is None) == (missing is None):
                raise ValueError(_("give exactly one of score or missing"))
            data["value"] = score if score is not None else missing
        return data


class Arc(_Strict):
    confidence: Confidence = Confidence.MEDIUM
    sources: list[Title] = Field(default_factory=list)
    quarters: dict[Quarter, QuarterValue] = Field(min_length=1)

    @field_validator("quarters", mode="before")
    @classmethod
    def _periods(cls, value: Any) -> Any:
        return {_quarter(k): v for k, v in value.items()} if isinstance(value, dict) else value


class Periods(_Strict):
    first: Quarter
    last: Quarter

    @field_validator("first", "last", mode="before")
    @classmethod
    def _check(cls, value: Any) -> str:
        return _quarter(value)

    @model_validator(mode="after")
    def _order(self) -> Periods:
        if Period.parse(self.last) < Period.parse(self.first):
            raise ValueError(_("last ({last}) is before first ({first})").format(last=self.last, first=self.first))
        return self

    def labels(self) -> list[str]:
        out, current, last = [], Period.parse(self.first), Period.parse(self.last)
        while current <= last:
            out.append(current.label)
            current = current.next_quarter()
        return out


class Group(_Strict):
    name: str = Field(min_length=1, max_length=300)
    basis: str = Field(default="", max_length=200)
    description: LongText = ""
    since: Quarter | None = None

    @field_validator("since", mode="before")
    @classmethod
    def _check(cls, value: Any) -> str | None:
        return None if value is None else _quarter(value)


class Consultation(_Strict):
    category: ConsultationCategory
    name: str = Field(min_length=1, max_length=300)
    date: dt.date
    summary: str = Field(min_length=1, max_length=10000)


class UprRecommendation(_Strict):
    """A (fictional) UPR recommendation a demo measure implements."""

    id: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=5000)


class Measure(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,24}$")
    title: str = Field(min_length=1, max_length=500)
    description: LongText = ""
    type: MeasureType
    owner: str = Field(min_length=1, max_length=300)
    due: dt.date
    linked: list[str] = Field(default_factory=list)
    status: dict[Quarter, MeasureStatus] = Field(min_length=1)
    follow_up: dict[Quarter, LongText] = Field(default_factory=dict)
    option: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]{1,80}$")  # a prevention option id
    due_period: Quarter | None = None
    reasons: dict[Quarter, str] = Field(default_factory=dict)  # why the status set that quarter (dropped: required)
    upr: UprRecommendation | None = None

    @field_validator("due_period", mode="before")
    @classmethod
    def _due(cls, value: Any) -> str | None:
        return None if value is None else _quarter(value)

    @model_validator(mode="after")
    def _dropped_has_reason(self) -> Measure:
        for quarter, status in self.status.items():
            if status is MeasureStatus.DROPPED and not self.reasons.get(quarter, "").strip():
                raise ValueError(f"dropped in {quarter}: give the reason under reasons.{quarter}")
        return self

    @field_validator("status", "follow_up", "reasons", mode="before")
    @classmethod
    def _periods(cls, value: Any) -> Any:
        return {_quarter(k): v for k, v in value.items()} if isinstance(value, dict) else value

    @field_validator("linked", mode="before")
    @classmethod
    def _linked_text(cls, value: Any) -> Any:
        return [str(i) for i in value] if isinstance(value, list) else value


class Step(_Strict):
    """The final workflow state of one quarter (quarters not listed end `validated`)."""

    status: Literal["draft", "submitted", "validated", "returned"]
    comments: str | None = None  # the reviewer's comments when the final state is `returned`
    returned_first: str | None = None  # returned once with these comments, then revised
    revised: list[str] = Field(default_factory=list)  # indicators revised after that (default: first arc)
    coverage: float = Field(default=1.0, gt=0, le=1)  # share of baseline indicators filled in

    @model_validator(mode="after")
    def _comments(self) -> Step:
        if self.status == "returned" and not (self.comments and self.comments.strip()):
            raise ValueError(_("a returned assessment needs the reviewer's comments"))
        if self.returned_first and self.status in ("draft", "returned"):
            raise ValueError(_("returned_first is for assessments submitted again (submitted or validated)"))
        return self


class CountrySeed(_Strict):
    country: str
    name: str = Field(min_length=1, max_length=200)
    narrative: str = Field(min_length=1)
    focal_point: str = Field(min_length=1, max_length=200)
    reviewer: str = Field(min_length=1, max_length=200)
    periods: Periods
    sources: list[Title] = Field(min_length=1)
    baseline_confidence: Confidence = Confidence.MEDIUM
    baseline: dict[str, Value | QuarterValue] = Field(min_length=1)  # factor id -> value
    baseline_changes: dict[Quarter, dict[str, Value | QuarterValue]] = Field(default_factory=dict)  # from then on
    overrides: dict[str, Value | QuarterValue] = Field(default_factory=dict)  # indicator id -> value
    arcs: dict[str, Arc] = Field(min_length=1)
    vulnerable_groups: list[Group] = Field(default_factory=list)
    consultations: dict[Quarter, list[Consultation]] = Field(default_factory=dict)
    measures: list[Measure] = Field(default_factory=list)
    workflow: dict[Quarter, Step] = Field(default_factory=dict)

    @field_validator("baseline", "overrides", "arcs", mode="before")
    @classmethod
    def _text_keys(cls, value: Any) -> Any:
        return _str_keys(value)

    @field_validator("country")
    @classmethod
    def _fictional_code(cls, value: str) -> str:
        code = value.strip().upper()
        if len(code) != 2 or not is_user_assigned(code):
            raise ValueError(_("demo countries use ISO user-assigned codes (XA–XZ, QM–QZ, AA, ZZ), never real ones"))
        return code

    @field_validator("name")
    @classmethod
    def _fictional_name(cls, value: str) -> str:
        if "fictional" not in value.lower():
            raise ValueError(_("mark the invented name as fictional, e.g. 'Arvenia (fictional)'"))
        return value.strip()

    @field_validator("consultations", "workflow", "baseline_changes", mode="before")
    @classmethod
    def _periods(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {_quarter(k): _str_keys(v) for k, v in value.items()}

    def baseline_at(self, factor_id: str, label: str) -> Value | QuarterValue | None:
        """The factor's baseline in quarter `label`: the latest change up to then, else `baseline`."""
        value = self.baseline.get(factor_id)
        period = Period.parse(label)
        for quarter in sorted(self.baseline_changes, key=Period.parse):
            if Period.parse(quarter) <= period and factor_id in self.baseline_changes[quarter]:
                value = self.baseline_changes[quarter][factor_id]
        return value
