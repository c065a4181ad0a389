"""`riskframe measures catalogue|suggest`: the prevention catalogue, and the options suggested for an assessment
(the follow-up commands, `measures list|status|history|adopt|overdue|counts`: riskframe.cli.measures_follow_cmd).

`catalogue` reads only the framework files; `suggest` reads the assessment through the assessments
service (access and country scope as every store command) and ranks the options with
riskframe.prevention. Bad input exits 2 with a sentence on stderr and nothing on stdout.
"""

from __future__ import annotations

import click

from riskframe.assessments import Assessments
from riskframe.cli import measures_follow_cmd
from riskframe.cli.choices import LANGUAGE, command_language
from riskframe.cli.common import fail, framework_or_fail, print_json
from riskframe.cli.store_cmds import FORMATS, _actor, _errors, _open, _table
from riskframe.i18n import _, format_decimal
from riskframe.prevention import SuggestionReport, option_records, suggest


def register(cli: click.Group) -> None:
    measures_follow_cmd.attach(measures)
    cli.add_command(measures)


@click.group()
def measures() -> None:
    """Prevention options from the seeds (indicators/prevention/), where an assessment needs them, and the
    recommended measures followed up every period."""


@measures.command("catalogue")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--lang", type=LANGUAGE, default=None,
              help="Language of titles and labels (default: the global --lang; French and Spanish are "
                   "unofficial translations).")
def catalogue_cmd(fmt: str, lang: str) -> None:
    """Every prevention option: actors, horizon, what it addresses and strengthens, the seed passage it cites."""
    lang = command_language(lang)
    fw = framework_or_fail()
    if not fw.options:
        fail(_("the framework has no prevention options (indicators/prevention/*.yaml)"))
    records = option_records(fw, lang)
    if fmt == "json":
        print_json(records)
        return
    _table([_("id"), _("horizon"), _("actors"), _("addresses"), _("strengthens"), _("source"), _("title")],
           [[r["id"], r["horizon"], ", ".join(r["actors"]), _addresses(r), ", ".join(r["strengthens"]),
             "; ".join(r["sources"]), r["title"]] for r in records])


def _addresses(record: dict) -> str:
    """'factor 2; 2.3, 2.4; impunity' — the factors, indicators and themes an option addresses."""
    parts = [", ".join(_("factor {factor}").format(factor=f) for f in record["factors"]), ", ".join(record["indicators"]),
             ", ".join(record["themes"])]
    return "; ".join(p for p in parts if p)


def _print_report(report: SuggestionReport, fmt: str) -> None:
    if fmt == "json":
        print_json(report.model_dump(mode="json"))
        return
    if not report.triggers:
        t = report.thresholds
        click.echo(_("assessment {assessment}: no raised red flag, no risk factor at {factor_at} or more and no "
                     "theme at {theme_at} or more: nothing to suggest.").format(
            assessment=report.assessment, factor_at=format_decimal(t.get("factor_at", 0), 0),
            theme_at=format_decimal(t.get("theme_at", 0), 0)))
        return
    click.echo(_("assessment {assessment}: {triggers}.").format(assessment=report.assessment,
                                                             triggers="; ".join(t.label for t in report.triggers)))
    if report.unanswered:
        labels = [t.label for t in report.triggers if t.key in report.unanswered]
        click.echo(_("No option in the catalogue is linked to: {triggers}.").format(triggers="; ".join(labels)))
    if not report.suggestions:
        return
    shown = len(report.suggestions)
    if report.n_linked > shown:
        click.echo(_("The {shown} options addressing most of the current risk (of {n_linked} linked):").format(
            shown=shown, n_linked=report.n_linked))
    for n, s in enumerate(report.suggestions, 1):
        click.echo(_("{n}. {title} [{option}; {horizon}; {actors}; {points} points]").format(
            n=n, title=s.title, option=s.option_id, horizon=s.horizon, actors=", ".join(s.actors),
            points=format_decimal(s.points, 2)))
        click.echo("   " + _("why: {reason}").format(reason=s.reason))
        click.echo("   " + _("source: {sources}").format(sources="; ".join(s.sources)))


@measures.command("suggest")
@click.option("--assessment", "assessment_id", type=int, required=True, metavar="ID",
              help="the assessment (see `riskframe assessments list`)")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--lang", type=LANGUAGE, default=None,
              help="Language of option titles (default: the global --lang).")
@_errors
def suggest_cmd(assessment_id: int, fmt: str, lang: str) -> None:
    """Options linked to the assessment's raised red flags and its factors and themes above the manifest thresholds.

    Ranked by the summed contribution to the risk index of the high indicators each addresses, with the reason.
    """
    lang = command_language(lang)
    fw = framework_or_fail()
    if fw.manifest.prevention is None or not fw.options:
        fail(_("the framework has no prevention catalogue (manifest `prevention` and indicators/prevention/*.yaml)"))
    with _open() as store:
        service = Assessments(store, fw)
        view = service.get(_actor(store), assessment_id)
        report = suggest(service.scores(view), fw, view.id, lang)
    _print_report(report, fmt)
