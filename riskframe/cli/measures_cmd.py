"""`riskframe measures catalogue|suggest`: the prevention catalogue, and the options suggested for an assessment.

`catalogue` reads only the framework files; `suggest` reads the assessment through the assessments
service (access and country scope as every store command) and ranks the options with
riskframe.prevention. Bad input exits 2 with a sentence on stderr and nothing on stdout.
"""

from __future__ import annotations

import click

from riskframe.assessments import Assessments
from riskframe.cli.choices import LANGUAGE
from riskframe.cli.common import fail, framework_or_fail, print_json
from riskframe.cli.store_cmds import FORMATS, _actor, _errors, _open, _table
from riskframe.prevention import SuggestionReport, option_records, suggest


def register(cli: click.Group) -> None:
    cli.add_command(measures)


@click.group()
def measures() -> None:
    """Prevention options from the seeds (indicators/prevention/) and where an assessment needs them."""


@measures.command("catalogue")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--lang", type=LANGUAGE, default="en", show_default=True,
              help="Language of titles and labels (French and Spanish are unofficial translations).")
def catalogue_cmd(fmt: str, lang: str) -> None:
    """Every prevention option: actors, horizon, what it addresses and strengthens, the seed passage it cites."""
    fw = framework_or_fail()
    if not fw.options:
        fail("the framework has no prevention options (indicators/prevention/*.yaml)")
    records = option_records(fw, lang)
    if fmt == "json":
        print_json(records)
        return
    _table(["id", "horizon", "actors", "addresses", "strengthens", "source", "title"],
           [[r["id"], r["horizon"], ", ".join(r["actors"]), _addresses(r), ", ".join(r["strengthens"]),
             "; ".join(r["sources"]), r["title"]] for r in records])


def _addresses(record: dict) -> str:
    """'factor 2; 2.3, 2.4; impunity' — the factors, indicators and themes an option addresses."""
    parts = [", ".join(f"factor {f}" for f in record["factors"]), ", ".join(record["indicators"]),
             ", ".join(record["themes"])]
    return "; ".join(p for p in parts if p)


def _print_report(report: SuggestionReport, fmt: str) -> None:
    if fmt == "json":
        print_json(report.model_dump(mode="json"))
        return
    if not report.triggers:
        t = report.thresholds
        click.echo(f"assessment {report.assessment}: no raised red flag, no risk factor at {t.get('factor_at', 0):.0f} "
                   f"or more and no theme at {t.get('theme_at', 0):.0f} or more: nothing to suggest.")
        return
    click.echo(f"assessment {report.assessment}: " + "; ".join(t.label for t in report.triggers) + ".")
    if report.unanswered:
        labels = [t.label for t in report.triggers if t.key in report.unanswered]
        click.echo("No option in the catalogue is linked to: " + "; ".join(labels) + ".")
    if not report.suggestions:
        return
    shown = len(report.suggestions)
    if report.n_linked > shown:
        click.echo(f"The {shown} options addressing most of the current risk (of {report.n_linked} linked):")
    for n, s in enumerate(report.suggestions, 1):
        click.echo(f"{n}. {s.title} [{s.option_id}; {s.horizon}; {', '.join(s.actors)}; {s.points:.2f} points]")
        click.echo(f"   why: {s.reason}")
        click.echo(f"   source: {'; '.join(s.sources)}")


@measures.command("suggest")
@click.option("--assessment", "assessment_id", type=int, required=True, metavar="ID",
              help="the assessment (see `riskframe assessments list`)")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--lang", type=LANGUAGE, default="en", show_default=True, help="Language of option titles.")
@_errors
def suggest_cmd(assessment_id: int, fmt: str, lang: str) -> None:
    """Options linked to the assessment's raised red flags and its factors and themes above the manifest thresholds.

    Ranked by the summed contribution to the risk index of the high indicators each addresses, with the reason.
    """
    fw = framework_or_fail()
    if fw.manifest.prevention is None or not fw.options:
        fail("the framework has no prevention catalogue (manifest `prevention` and indicators/prevention/*.yaml)")
    with _open() as store:
        service = Assessments(store, fw)
        view = service.get(_actor(store), assessment_id)
        report = suggest(service.scores(view), fw, view.id, lang)
    _print_report(report, fmt)
