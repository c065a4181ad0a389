"""`riskframe` command line: framework, scoring, database, demo data, Excel, accounts."""

from __future__ import annotations

import click

from riskframe import __version__
from riskframe.cli import (agreement_cmd, app_cmd, demo_cmd, docs_cmd, excel_cmds, framework_cmds, i18n_cmd, measures_cmd,
                           reference_cmd, report_cmd, rounds_cmd, score_cmd, scores_cmd, sensitivity_cmd, store_cmds,
                           user_cmds)
from riskframe.cli.faults import run_guarded
from riskframe.cli.help_i18n import translate_help
from riskframe.cli.identity import as_user_option


def _early_language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Set the language as soon as --lang is read, so that `riskframe --lang fr --help` is French too."""
    if value:
        from riskframe.i18n.core import set_language

        set_language(value)
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


framework_cmds.register(cli)
score_cmd.register(cli)
scores_cmd.register(cli)
demo_cmd.register(cli)
store_cmds.register(cli)
excel_cmds.register(cli)
docs_cmd.register(cli)
user_cmds.register(cli)
agreement_cmd.register(cli)
sensitivity_cmd.register(cli)
app_cmd.register(cli)
measures_cmd.register(cli)
report_cmd.register(cli)
rounds_cmd.register(cli)
reference_cmd.register(cli)
cli.add_command(i18n_cmd.i18n)
as_user_option(cli)
translate_help(cli)


def main() -> None:
    """The console entry point: faults become one sentence and an exit code (riskframe.cli.faults)."""
    run_guarded(cli, "riskframe")
