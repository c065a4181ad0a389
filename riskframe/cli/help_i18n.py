"""`--help` in the language of the call: click reads help texts when a module is imported, so they
are kept in English on the commands and translated only while help is being shown.

`translate_help(cli)` gives every command of the tree a help formatter that swaps its own text, its
options' texts and its subcommands' summaries for the current language (riskframe.i18n) for the time
it writes the help, and translates click's own headings (Usage, Options, Commands). The English
texts stay what `riskframe cli-docs` renders. The catalogue sees the help texts through
riskframe/cli/help_catalogue.py, generated from the tree by `write_catalogue()` (tests/i18n fails when it
is stale).
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from riskframe.i18n import N_, _

# click's own words on a help page, translated with ours.
CLICK_WORDS = (N_("Usage:"), N_("Options"), N_("Commands"), N_("Arguments"), N_("Show this message and exit."),
               N_("Show the version and exit."), N_("default"), N_("required"))
_EXTRA = re.compile(r"\[(default: [^\]]*?|required|default: [^\]]*?; required)\]$")
CATALOGUE = Path(__file__).resolve().parent / "help_catalogue.py"


def _key(text: str) -> str:
    """A help text as the catalogue holds it: the docstring cleaned, without click's `\\f` tail."""
    return inspect.cleandoc(text).partition("\f")[0].strip()


class _Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    def section(self, name: str) -> Any:
        return super().section(_(name))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _EXTRA.sub(_extra, text)) for term, text in rows], col_max, col_spacing)


def _extra(found: re.Match[str]) -> str:
    """click's `[default: x]` / `[required]` tail of an option's help, in the current language."""
    parts = []
    for part in found.group(1).split("; "):
        if part == "required":
            parts.append(_("required"))
        else:
            parts.append(_("default") + part.removeprefix("default"))
    return "[" + "; ".join(parts) + "]"


class _Context(click.Context):
    formatter_class = _Formatter


@contextlib.contextmanager
def _swapped(targets: list[tuple[Any, str]]) -> Iterator[None]:
    saved = []
    for obj, attr in targets:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value.strip():
            saved.append((obj, attr, value))
            key = _key(value)
            translated = _(key)
            setattr(obj, attr, translated if translated != key else value)
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)


class TranslatedHelp:
    """Mixin for click commands and groups: help written in the current language."""

    context_class = _Context

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command: Any = self
        targets: list[tuple[Any, str]] = [(command, "help"), (command, "epilog")]
        targets += [(p, "help") for p in command.get_params(ctx) if isinstance(p, click.Option)]
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    targets += [(sub, "help"), (sub, "short_help")]
        with _swapped(targets):
            super().format_help(ctx, formatter)  # type: ignore[misc]


_CLASSES: dict[type, type] = {}


def translate_help(command: click.Command) -> None:
    """Give every command of the tree the translating help (once, after every command is added)."""
    if not isinstance(command, TranslatedHelp):
        base = type(command)
        if base not in _CLASSES:
            _CLASSES[base] = type(f"Translated{base.__name__}", (TranslatedHelp, base), {})
        command.__class__ = _CLASSES[base]
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


def help_texts(command: click.Command) -> list[str]:
    """Every help text of the tree (commands and options), as the catalogue keys them, sorted."""
    found: set[str] = set()

    def visit(cmd: click.Command) -> None:
        for text in (cmd.help, cmd.short_help, cmd.epilog):
            if text and text.strip():
                found.add(_key(text))
        for param in cmd.params:
            if isinstance(param, click.Option) and param.help and param.help.strip():
                found.add(_key(param.help))
        for sub in getattr(cmd, "commands", {}).values():
            visit(sub)

    visit(command)
    return sorted(found)


def render_catalogue(command: click.Command) -> str:
    """The source of help_catalogue.py: every help text marked for extraction."""
    lines = ['"""Every `riskframe` help text, marked for the cli catalogue.', "",
             "Generated by riskframe.cli.help_i18n.write_catalogue(); do not edit.", '"""', "",
             "from riskframe.i18n import N_", "", "HELP_TEXTS = ("]
    for text in help_texts(command):
        line = f"    N_({text!r}),"
        lines.append(line if len(line) <= 120 else line + "  # noqa: E501")
    lines += [")", ""]
    return "\n".join(lines)


def write_catalogue() -> Path:
    """Regenerate help_catalogue.py from the command tree (then run `riskframe i18n update`)."""
    root: click.Command = importlib.import_module("riskframe.cli").cli
    CATALOGUE.write_text(render_catalogue(root), encoding="utf-8")
    return CATALOGUE
