"""Lookup of interface text in the current language (see the package docstring)."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as stdlib_gettext
from collections.abc import Callable, Iterator
from pathlib import Path

from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("riskframe_language", default=DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language of the action under way (``en`` unless :func:`use_language` set another)."""
    return _language.get()


@contextlib.contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Translate everything inside the block into ``lang`` (``None`` or empty: keep the current one)."""
    token = _language.set(lang or _language.get())
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def set_language(lang: str | None) -> None:
    """Set the language for the rest of this context (one Streamlit run, one CLI call)."""
    _language.set(lang or DEFAULT_LANGUAGE)


def available_languages() -> list[str]:
    """Languages with interface catalogues, plus English (the source language)."""
    found = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir()) if LOCALE_DIR.is_dir() else []
    return [DEFAULT_LANGUAGE, *[lang for lang in found if lang != DEFAULT_LANGUAGE]]


@functools.lru_cache(maxsize=16)
def _catalogue(lang: str) -> dict[str, str | tuple[str, ...]]:
    """All of one language's .po files merged: msgid → msgstr (plural: msgid → forms)."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    table: dict[str, str | tuple[str, ...]] = {}
    if not folder.is_dir():
        return table
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            value = message.string
            if isinstance(value, (list, tuple)):
                if all(value):
                    table[key] = tuple(value)
            elif value:
                table[key] = value
    return table


def gettext(message: str) -> str:
    """``message`` in the current language; the English text when no translation exists."""
    lang = _language.get()
    if lang == DEFAULT_LANGUAGE:
        return message
    found = _catalogue(lang).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language's plural rules."""
    lang = _language.get()
    english = singular if n == 1 else plural
    if lang == DEFAULT_LANGUAGE:
        return english
    found = _catalogue(lang).get(singular)
    if not isinstance(found, tuple):
        return english
    return found[min(_plural_index(lang, n), len(found) - 1)]


@functools.lru_cache(maxsize=16)
def _plural_rule(lang: str) -> Callable[[int], int]:
    """The plural expression of ``lang``'s catalogues (their Plural-Forms header, else Babel's table),
    compiled safely by the stdlib."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        with path.open("rb") as handle:
            return stdlib_gettext.c2py(read_po(handle, locale=lang).plural_expr)
    return stdlib_gettext.c2py(get_plural(lang).plural_expr)


def _plural_index(lang: str, n: int) -> int:
    return int(_plural_rule(lang)(n))


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (module-level constants)."""
    return message


_ = gettext
