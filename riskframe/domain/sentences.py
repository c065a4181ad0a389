"""Validation problems as sentences a person can act on, never library text or a URL.

pydantic's messages ("String should have at most 20000 characters", "For further information visit
https://errors.pydantic.dev/…") are for developers. Every layer that validates people's input turns
each error into `Problem(field, sentence)` here, so the app, the CLI and the Excel import say the same.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError


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
    return f"“{text}”" if len(text) <= limit else f"“{text[:limit - 1]}…” ({len(text):,} characters)"


def _sentence(error: Any) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "string_too_long":
        length = f" (it has {len(given):,})" if isinstance(given, str) else ""
        return f"is longer than the limit of {ctx.get('max_length', '?'):,} characters{length}; shorten it"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else \
            f"needs at least {ctx.get('min_length')} characters"
    if kind in ("too_long", "too_short"):
        return f"has {ctx.get('actual_length', '?')} items; allowed: {ctx.get('min_length', 0)} to {ctx.get('max_length', '?')}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bounds = {"greater_than_equal": "at least", "less_than_equal": "at most",
                  "greater_than": "more than", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "?")
        return f"must be {bounds} {limit}; {short(given)} is not"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"must be a whole number; {short(given)} is not"
    if kind in ("float_parsing", "float_type"):
        return f"must be a number; {short(given)} is not"
    if kind in ("bool_parsing", "bool_type"):
        return f"must be true or false; {short(given)} is not"
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected', 'the listed values')}; {short(given)} is not"
    if kind in ("missing",):
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field riskframe knows; remove it or check its spelling"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return f"must be a date written YYYY-MM-DD; {short(given)} is not"
    if kind == "string_unicode":
        return "contains a broken character (a lone UTF-16 surrogate); retype or re-paste the text"
    if kind in ("string_type",):
        return f"must be text; {short(given)} is not"
    if kind in ("list_type",):
        return "must be a list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a set of named fields"
    if kind == "value_error":  # our own validators: their message is already a sentence
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ")
    message = str(error.get("msg", "is not valid"))
    return message[:1].lower() + message[1:]


def problems(exc: ValidationError, prefix: str = "") -> list[Problem]:
    """Every error of `exc` as a Problem whose field starts with `prefix`."""
    out: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in error.get("loc", ()))
        field = ".".join(p for p in (prefix, loc) if p)
        out.append(Problem(field=field, sentence=_sentence(error)))
    return out


def settings_problems(exc: ValidationError) -> str:
    """An invalid RISKFRAME_* configuration as one sentence naming each variable (CLI and app alike)."""
    return "; ".join(f"RISKFRAME_{p.field.upper()} {p.sentence}" for p in problems(exc))
