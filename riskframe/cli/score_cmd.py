"""`riskframe score`: score assessments given as JSON, without touching the database."""

from __future__ import annotations

import sys

import click

from riskframe.cli.choices import LANGUAGE, command_language
from riskframe.cli.common import fail, framework_or_fail, print_json
from riskframe.scoring import ScoringInputError, entries_frame_from_inputs, parse_inputs, score_entries
from riskframe.i18n import _, format_decimal
from riskframe.scoring.report import assessment_report


def register(cli: click.Group) -> None:
    cli.add_command(score)


@click.command()
@click.option("--input", "input_path", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="JSON file with one assessment or a list of them; - for standard input.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--lang", type=LANGUAGE, default=None,
              help="Language of the labels (manifest framework.languages; default: the global --lang).")
def score(input_path: str, fmt: str, lang: str) -> None:
    """Score assessments: risk per crime (headline, status, provisional), composite, band, tier, factors …

    Input: {"country": "XA", "period": "2026-Q3", "scores": {"1.1": {"score": 2}, "4.3": {"missing": "unknown"}}}
    """
    lang = command_language(lang)
    fw = framework_or_fail()
    try:
        text = sys.stdin.read() if input_path == "-" else open(input_path, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError) as exc:
        fail(_("cannot read --input {path}: {reason}").format(path=input_path, reason=exc))
    try:
        inputs = parse_inputs(text, fw)
    except ScoringInputError as exc:
        fail(str(exc))
    if not inputs:
        fail(_("the input list is empty"))
    scores = score_entries(entries_frame_from_inputs(inputs), fw, [a.key for a in inputs])
    reports = [assessment_report(scores, fw, a.key, lang) for a in inputs]
    if fmt == "json":
        print_json(reports[0] if len(reports) == 1 and not text.lstrip().startswith("[") else reports)
        return
    for r in reports:
        band = "–".join(_("n/a") if b is None else format_decimal(b) for b in r["band"])
        if "headline" in r:
            mark = _(" (provisional)") if r["provisional"] else ""
            click.echo(_("{assessment}: {headline}{mark}, {status}; level band {low}–{high}").format(
                assessment=r["assessment"], headline=r["headline"], mark=mark, status=r["status_text"],
                low=r["level_band"][0], high=r["level_band"][1]))
            for c in r["crimes"].values():
                click.echo("  " + _("{crime}: {level} (breadth {breadth}, escalators {escalators})").format(
                    crime=c["label"], level=c["level"], breadth=c["breadth"],
                    escalators=", ".join(c["escalators"]["present"]) or _("none")))
            if r["unresolved_red_flags"]:
                click.echo("  " + _("red flags not scored: {ids}").format(ids=", ".join(r["unresolved_red_flags"])))
        click.echo(_("{assessment}: composite {composite} ({tier}), band {band}, risk {risk}, resilience "
                     "{resilience}, coverage {coverage}").format(
            assessment=r["assessment"], composite=r["composite"], tier=r["tier"], band=band, risk=r["risk_index"],
            resilience=r["resilience_index"], coverage=r["coverage"]))
        for line in r["explanation"]:
            click.echo(f"  {line}")
