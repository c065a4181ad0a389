"""Assessment periods: a quarter (2026-Q3), a month (2026-07), a year (2026) or custom dates.

Periods are compared by their dates, so a country's assessments sort the same whatever their kind.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from riskframe.i18n import N_, _

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^(\d{4})$")
_CUSTOM = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")

PERIOD_FORMS = N_("YYYY-Qn (2026-Q3), YYYY-MM (2026-07), YYYY (2026) or YYYY-MM-DD..YYYY-MM-DD")


class PeriodError(ValueError):
    """A period label that is not one of the accepted forms."""


@dataclass(frozen=True, order=True)
class Period:
    """A labelled date range; ordering is by start date, then end date."""

    start: date
    end: date
    label: str
    kind: str

    @classmethod
    def parse(cls, label: str) -> Period:
        """Parse a period label, raising PeriodError that names the accepted forms."""
        text = str(label).strip()
        if m := _QUARTER.match(text):
            year, q = int(m[1]), int(m[2])
            first = 3 * (q - 1) + 1
            last = first + 2
            return cls(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), text, "quarter")
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), text, "month")
        if m := _YEAR.match(text):
            year = int(m[1])
            return cls(date(year, 1, 1), date(year, 12, 31), text, "year")
        if m := _CUSTOM.match(text):
            try:
                start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            except ValueError as exc:
                raise PeriodError(_("period {period}: {problem}").format(period=repr(label), problem=exc)) from None
            if end < start:
                raise PeriodError(_("period {period}: the end date is before the start date").format(period=repr(label)))
            return cls(start, end, text, "custom")
        raise PeriodError(_("period {period} is not in a known form; use {forms}").format(period=repr(label),
                                                                                        forms=_(PERIOD_FORMS)))

    def previous_quarter(self) -> Period:
        """The quarter before this period's start (used to suggest the next period to assess)."""
        q = (self.start.month - 1) // 3 + 1
        year, q = (self.start.year - 1, 4) if q == 1 else (self.start.year, q - 1)
        return Period.parse(f"{year}-Q{q}")

    def next_quarter(self) -> Period:
        q = (self.end.month - 1) // 3 + 1
        year, q = (self.end.year + 1, 1) if q == 4 else (self.end.year, q + 1)
        return Period.parse(f"{year}-Q{q}")

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        return cls.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")

    def __str__(self) -> str:
        return self.label
