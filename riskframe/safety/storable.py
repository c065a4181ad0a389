"""Text that both databases can store, checked the same way before SQLite or PostgreSQL sees it.

PostgreSQL refuses a NUL character in text and SQLite keeps it, so the same input used to be saved on
one engine and crash on the other. Lone surrogates (from broken UTF-16) cannot be encoded as UTF-8 on
either. Callers check every text field at the boundary and name the field in the refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from riskframe.i18n import _


class UnstorableText(ValueError):
    """A text value neither engine can store; `path` names the field (e.g. entries.1.1.evidence)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def unstorable_reason(text: str) -> str | None:
    """Why `text` cannot be stored, as a sentence for a person; None when it can be."""
    if "\x00" in text:
        return _("contains a NUL character (\\0), which cannot be stored; remove it and try again")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("contains a broken character (a lone UTF-16 surrogate); retype or re-paste the text")
    return None


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}.{index}")


def check_storable(value: Any, path: str) -> None:
    """Raise UnstorableText for the first text inside `value` (nested dicts/lists too) that cannot be stored."""
    for where, text in _walk(value, path):
        reason = unstorable_reason(text)
        if reason is not None:
            raise UnstorableText(where, reason)
