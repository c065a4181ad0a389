"""Validation problems as sentences a person can act on, never library text or a URL.

pydantic's messages ("String should have at most 20000 characters", "For further information visit
https://errors.pydantic.dev/…") are for developers. Every layer that validates people's input turns
each error into `Problem(field, sentence)` here, so the app, the CLI and the Excel import say the same.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from riskframe.domain.labels import field_label
from riskframe.i18n import N_, _, format_decimal


class Problem(BaseModel):
    """One thing wrong with an input: where (a dotted field path) and what to do."""

    field: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.field}: {self.sentence}" if self.field else self.sentence


def short(value: Any, limit: int = 60) -> str:
    """A value as a short quotation for a message (long texts are not echoed back whole)."""
    if not isinstance(value, str):  # numbers, lists, None: as Python shows them, unquoted
        text = repr(value)
        return text if len(text) <= limit else text[:limit - 1] + "…"
    text = value.replace("\n", " ").replace("\r", " ")
    if len(text) <= limit:
        return f"“{text}”"
    return _("“{start}…” ({n} characters)").format(start=text[:limit - 1], n=_number(len(text)))


def _number(value: Any) -> str:
    """A limit or a count as the current language writes numbers (20,000 / 20 000)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return format_decimal(value, digits=0 if float(value).is_integer() else 2)


_BOUNDS = {
    "greater_than_equal": N_("{field} must be at least {limit}; {value} is not"),
    "less_than_equal": N_("{field} must be at most {limit}; {value} is not"),
    "greater_than": N_("{field} must be more than {limit}; {value} is not"),
    "less_than": N_("{field} must be less than {limit}; {value} is not"),
}


def _sentence(error: Any, field: str) -> str:
    """One pydantic error as a sentence naming the field (its human label) and, where there is one, the limit."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    given = error.get("input")
    value = short(given)
    if kind == "string_too_long":
        limit = _number(ctx.get("max_length", "?"))
        if isinstance(given, str):
            return _("{field} is longer than the limit of {limit} characters (it has {length}); shorten it").format(
                field=field, limit=limit, length=_number(len(given)))
        return _("{field} is longer than the limit of {limit} characters; shorten it").format(field=field, limit=limit)
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return _("{field} must not be empty").format(field=field)
        return _("{field} needs at least {limit} characters").format(field=field, limit=_number(ctx.get("min_length")))
    if kind in ("too_long", "too_short"):
        return _("{field} has {count} items; allowed: {low} to {high}").format(
            field=field, count=ctx.get("actual_length", "?"), low=ctx.get("min_length", 0), high=ctx.get("max_length", "?"))
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "?")
        return _(_BOUNDS[kind]).format(field=field, limit=_number(limit), value=value)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("{field} must be a whole number; {value} is not").format(field=field, value=value)
    if kind in ("float_parsing", "float_type"):
        return _("{field} must be a number; {value} is not").format(field=field, value=value)
    if kind in ("bool_parsing", "bool_type"):
        return _("{field} must be true or false; {value} is not").format(field=field, value=value)
    if kind in ("enum", "literal_error"):
        return _("{field} must be one of {allowed}; {value} is not").format(
            field=field, allowed=ctx.get("expected", _("the listed values")), value=value)
    if kind in ("missing",):
        return _("{field} is required").format(field=field)
    if kind == "extra_forbidden":
        return _("{field} is not a field riskframe knows; remove it or check its spelling").format(field=field)
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return _("{field} must be a date written YYYY-MM-DD; {value} is not").format(field=field, value=value)
    if kind == "string_unicode":
        return _("{field} contains a broken character (a lone UTF-16 surrogate); retype or re-paste the text").format(
            field=field)
    if kind in ("string_type",):
        return _("{field} must be text; {value} is not").format(field=field, value=value)
    if kind in ("list_type",):
        return _("{field} must be a list").format(field=field)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("{field} must be a set of named fields").format(field=field)
    if kind == "value_error":  # our own validators: their message is already a sentence (translated there)
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ")
    return _("{field} is not valid").format(field=field)


def error_sentence(error: Any, field: str | None = None) -> str:
    """One pydantic error (an item of ``exc.errors()``) as a sentence in the current language, naming
    ``field`` (a label; default: the human label of the error's location)."""
    if field is None:
        loc = ".".join(str(p) for p in error.get("loc", ()))
        field = field_label(loc) or _("The input")
    return _sentence(error, field)


def problems(exc: ValidationError, prefix: str = "") -> list[Problem]:
    """Every error of `exc` as a Problem whose field starts with `prefix`."""
    out: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in error.get("loc", ()))
        field = ".".join(p for p in (prefix, loc) if p)
        out.append(Problem(field=field, sentence=_sentence(error, field_label(loc or prefix) or _("The input"))))
    return out


def settings_problems(exc: ValidationError) -> str:
    """An invalid RISKFRAME_* configuration as one sentence naming each variable (CLI and app alike)."""
    out = []
    for error in exc.errors(include_url=False):
        name = "RISKFRAME_" + ".".join(str(p) for p in error.get("loc", ())).upper()
        out.append(_sentence(error, name))
    return "; ".join(out)
