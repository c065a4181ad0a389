"""`riskframe score`: score assessments given as JSON, without touching the database."""

from __future__ import annotations

import sys

import click

from riskframe.cli.choices import LANGUAGE
from riskframe.cli.common import fail, framework_or_fail, print_json
from riskframe.scoring import ScoringInputError, entries_frame_from_inputs, parse_inputs, score_entries
from riskframe.scoring.report import assessment_report


def register(cli: click.Group) -> None:
    cli.add_command(score)


@click.command()
@click.option("--input", "input_path", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="JSON file with one assessment or a list of them; - for standard input.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--lang", type=LANGUAGE, default="en", show_default=True,
              help="Language of the labels (manifest framework.languages).")
def score(input_path: str, fmt: str, lang: str) -> None:
    """Score assessments: risk per crime (headline, status, provisional), composite, band, tier, factors …

    Input: {"country": "XA", "period": "2026-Q3", "scores": {"1.1": {"score": 2}, "4.3": {"missing": "unknown"}}}
    """
    fw = framework_or_fail()
    try:
        text = sys.stdin.read() if input_path == "-" else open(input_path, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read --input {input_path}: {exc}")
    try:
        inputs = parse_inputs(text, fw)
    except ScoringInputError as exc:
        fail(str(exc))
    if not inputs:
        fail("the input list is empty")
    scores = score_entries(entries_frame_from_inputs(inputs), fw, [a.key for a in inputs])
    reports = [assessment_report(scores, fw, a.key, lang) for a in inputs]
    if fmt == "json":
        print_json(reports[0] if len(reports) == 1 and not text.lstrip().startswith("[") else reports)
        return
    for r in reports:
        band = "–".join("n/a" if b is None else f"{b:.1f}" for b in r["band"])
        if "headline" in r:
            mark = " (provisional)" if r["provisional"] else ""
            click.echo(f"{r['assessment']}: {r['headline']}{mark}, {r['status_text']}; "
                       f"level band {r['level_band'][0]}–{r['level_band'][1]}")
            for c in r["crimes"].values():
                click.echo(f"  {c['label']}: {c['level']} (breadth {c['breadth']}, escalators "
                           f"{', '.join(c['escalators']['present']) or 'none'})")
            if r["unresolved_red_flags"]:
                click.echo(f"  red flags not scored: {', '.join(r['unresolved_red_flags'])}")
        click.echo(f"{r['assessment']}: composite {r['composite']} ({r['tier']}), band {band}, "
                   f"risk {r['risk_index']}, resilience {r['resilience_index']}, coverage {r['coverage']}")
        for line in r["explanation"]:
            click.echo(f"  {line}")
