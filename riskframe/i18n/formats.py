"""Dates and numbers written the way the current language writes them (Babel locale data)."""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale, dates, numbers

from riskframe.i18n.core import current_language


@functools.lru_cache(maxsize=64)
def _pattern(digits: int, suffix: str) -> numbers.NumberPattern:
    """Parsed once: charts format thousands of numbers per figure, and babel parses the pattern (and the
    locale) on every call — half of its time. The output is babel's own (`NumberPattern.apply`)."""
    return numbers.parse_pattern("#,##0" + ("." + "0" * digits if digits > 0 else "") + suffix)


@functools.lru_cache(maxsize=16)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def format_decimal(value: float, digits: int = 1) -> str:
    """``1 234,5`` in French, ``1,234.5`` in English: a fixed number of decimals."""
    return _pattern(digits, "").apply(value, _locale(current_language()))


def format_percent(fraction: float, digits: int = 0) -> str:
    """A share (0.41) as the locale writes a percentage (``41 %`` in French)."""
    return _pattern(digits, "%").apply(fraction, _locale(current_language()))


def format_date(value: dt.date | dt.datetime, style: str = "medium") -> str:
    """A date in the locale's medium form (``3 déc. 2026``)."""
    return dates.format_date(value, format=style, locale=current_language())


def format_datetime(value: dt.datetime, style: str = "medium") -> str:
    """A timestamp in the locale's form, in the time zone it carries (UTC in the store)."""
    return dates.format_datetime(value, format=style, locale=current_language())
