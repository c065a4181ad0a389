"""Typed values shared by every layer: periods, countries, indicator entries, workflow states."""

from riskframe.domain.countries import Country, CountryError, resolve_country
from riskframe.domain.entries import (
    Confidence,
    EntryIn,
    MissingCode,
    SourceRef,
    scale_problem,
    Trend,
)
from riskframe.domain.periods import Period, PeriodError
from riskframe.domain.status import Status, StatusError, check_transition

__all__ = [
    "Confidence",
    "Country",
    "CountryError",
    "EntryIn",
    "MissingCode",
    "Period",
    "PeriodError",
    "SourceRef",
    "Status",
    "StatusError",
    "Trend",
    "check_transition",
    "resolve_country",
    "scale_problem",
]
