"""Command-line choices read from the manifest (languages), so the CLI offers what the framework declares.

Click builds option types when the module is imported; the manifest is read only when a choice is
needed (help, parsing), from the configured indicators directory. When the framework cannot be
loaded any value passes here, and the command itself reports the framework's problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import click

from riskframe.framework import Framework, FrameworkInvalid, load_framework
from riskframe.i18n import current_language
from riskframe.i18n.core import set_language
from riskframe.settings import load_settings


@lru_cache(maxsize=4)
def _framework(root: str, _stamp: int) -> Framework | None:
    try:
        return load_framework(root)
    except (FrameworkInvalid, OSError):
        return None


def configured_framework() -> Framework | None:
    """The framework of the configured indicators directory (cached until its manifest changes)."""
    root = Path(load_settings().indicators_dir)
    try:
        stamp = (root / "manifest.yaml").stat().st_mtime_ns
    except OSError:
        return None
    return _framework(str(root), stamp)


class FrameworkChoice(click.Choice):
    """A click.Choice whose values come from the loaded framework when they are needed."""

    def __init__(self, pick: Callable[[Framework], Iterable[str]]) -> None:
        self._pick = pick
        super().__init__((), case_sensitive=True)

    @property
    def choices(self) -> tuple[str, ...]:
        fw = configured_framework()
        return tuple(self._pick(fw)) if fw is not None else ()

    @choices.setter
    def choices(self, _value: Any) -> None:  # click.Choice.__init__ assigns; the manifest decides
        pass

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not self.choices:
            return value  # no framework: the command reports why
        return super().convert(value, param, ctx)


LANGUAGE = FrameworkChoice(lambda fw: fw.languages)
"""`--lang`: a language declared in manifest framework.languages."""


def command_language(lang: str | None) -> str:
    """The language of a subcommand: its own ``--lang`` when given (its messages follow it too), else
    the language of this call (``riskframe --lang``, RISKFRAME_LANGUAGE, else en)."""
    if lang:
        set_language(lang)
    return current_language()
