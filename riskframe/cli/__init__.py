"""`riskframe` command line: framework, scoring, database, demo data, Excel, accounts."""

from __future__ import annotations

import click

from riskframe import __version__
from riskframe.cli.faults import run_guarded
from riskframe.cli.help_i18n import TranslatedHelp, translate_help
from riskframe.cli.identity import as_user_option
from riskframe.cli.lazy import LazyGroup


class RootGroup(TranslatedHelp, LazyGroup):  # type: ignore[misc]  # as translate_help makes them
    """The `riskframe` group: help in the caller's language, each command's module imported on use."""


def _early_language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Set the language as soon as --lang is read, so that `riskframe --lang fr --help` is French too."""
    if value:
        from riskframe.i18n.core import set_language

        set_language(value)
    return value


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="riskframe")
@click.option("--lang", "language", default=None, metavar="LANG", is_eager=True, callback=_early_language,
              help="Language of messages and files (a code from the manifest, e.g. fr); default RISKFRAME_LANGUAGE, else en.")
def cli(language: str | None) -> None:
    """riskframe: periodic national assessments of atrocity risk and resilience.

    Scores a country against the UN Framework of Analysis for Atrocity Crimes (2014) plus
    resilience indicators. Configure with RISKFRAME_* environment variables.
    """
    from riskframe.i18n.core import set_language
    from riskframe.settings import load_settings

    set_language(language or load_settings().language)


# The commands are added by their modules' register() when first used (riskframe.cli.lazy.COMMANDS).
cli.on_load = translate_help
as_user_option(cli)


def main() -> None:
    """The console entry point: faults become one sentence and an exit code (riskframe.cli.faults)."""
    run_guarded(cli, "riskframe")
