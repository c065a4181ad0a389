"""Assessments as JSON (the `riskframe score` input), validated with errors naming field and value."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from riskframe.i18n import _
from riskframe.domain import EntryIn, Period, PeriodError, resolve_country
from riskframe.domain.countries import CountryError
from riskframe.domain.sentences import error_sentence
from riskframe.framework.models import Framework


class ScoringInputError(ValueError):
    """Bad scoring input; the message names the field and the value."""


class AssessmentInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    country: str
    period: str
    framework_version: str | None = None
    scores: dict[str, EntryIn] = Field(default_factory=dict)

    @field_validator("country")
    @classmethod
    def _country(cls, v: str) -> str:
        try:
            return resolve_country(v).code
        except CountryError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        try:
            return Period.parse(v).label
        except PeriodError as exc:
            raise ValueError(str(exc)) from None

    @property
    def key(self) -> str:
        return f"{self.country}/{self.period}"


def _where(prefix: str, loc: tuple) -> str:
    return prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def parse_inputs(text: str, fw: Framework) -> list[AssessmentInput]:
    """Parse one assessment or a list of them; raise ScoringInputError naming what is wrong."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScoringInputError(_("input is not valid JSON: {problem} at line {line}, column {column}").format(
            problem=exc.msg, line=exc.lineno, column=exc.colno)) from None
    items = data if isinstance(data, list) else [data]
    out, problems = [], []
    for n, item in enumerate(items):
        prefix = f"[{n}]" if isinstance(data, list) else ""
        if not isinstance(item, dict):
            problems.append(_("{where}: expected an object with country, period and scores").format(
                where=prefix or _("input")))
            continue
        try:
            parsed = AssessmentInput.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                problems.append(f"{_where(prefix, tuple(err['loc'])).lstrip('.')}: {error_sentence(err)}")
            continue
        for ind_id, entry in parsed.scores.items():
            if ind_id not in fw.indicators:
                problems.append(_("{where}: unknown indicator id {id!r}; see `riskframe framework list`").format(
                    where=_where(prefix, ("scores", ind_id)).lstrip("."), id=ind_id))
            elif (problem := fw.entry_problem(entry)) is not None:
                problems.append(f"{_where(prefix, ('scores', ind_id, 'score')).lstrip('.')}: {problem}")
        if parsed.framework_version and parsed.framework_version != fw.version:
            problems.append(_("{where}: {given!r} is not the loaded framework version {loaded!r}").format(
                where=_where(prefix, ("framework_version",)).lstrip("."), given=parsed.framework_version,
                loaded=fw.version))
        out.append(parsed)
    keys = [a.key for a in out]
    for k in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(_("assessment {id} appears more than once").format(id=k))
    if problems:
        raise ScoringInputError("\n".join(problems))
    return out


def entries_frame_from_inputs(inputs: list[AssessmentInput]) -> pd.DataFrame:
    """The long entries frame the engine takes; assessment ids are 'COUNTRY/PERIOD'."""
    rows = [
        {"assessment_id": a.key, "indicator_id": ind, "score": e.score,
         "missing": e.missing.value if e.missing else None,
         "confidence": e.confidence.value if e.confidence else None,
         "evidence": (e.evidence or e.comment or "").strip()}
        for a in inputs for ind, e in a.scores.items()
    ]
    frame = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing", "confidence", "evidence"])
    frame["score"] = frame["score"].astype("Float64")
    return frame
