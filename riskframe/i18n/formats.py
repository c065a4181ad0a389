"""Dates and numbers written the way the current language writes them (Babel locale data)."""

from __future__ import annotations

import datetime as dt

from babel import dates, numbers

from riskframe.i18n.core import current_language


def format_decimal(value: float, digits: int = 1) -> str:
    """``1 234,5`` in French, ``1,234.5`` in English: a fixed number of decimals."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return numbers.format_decimal(value, format=pattern, locale=current_language())


def format_percent(fraction: float, digits: int = 0) -> str:
    """A share (0.41) as the locale writes a percentage (``41 %`` in French)."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return numbers.format_percent(fraction, format=pattern, locale=current_language())


def format_date(value: dt.date | dt.datetime, style: str = "medium") -> str:
    """A date in the locale's medium form (``3 déc. 2026``)."""
    return dates.format_date(value, format=style, locale=current_language())


def format_datetime(value: dt.datetime, style: str = "medium") -> str:
    """A timestamp in the locale's form, in the time zone it carries (UTC in the store)."""
    return dates.format_datetime(value, format=style, locale=current_language())
