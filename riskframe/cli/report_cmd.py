"""`riskframe report`: an assessment report, a country brief, a portfolio brief or a UPR section, as PDF or Word.

Reads through riskframe.reports (scoped to the account the CLI acts as, audited as an export) and
writes the file given with --out. Bad input and refusals exit 2 with a sentence on stderr; nothing
is written then.
"""

from __future__ import annotations

from pathlib import Path

import click

from riskframe.cli.choices import LANGUAGE
from riskframe.cli.common import fail, framework_or_fail
from riskframe.cli.store_cmds import _actor, _errors, _open
from riskframe.reports import (
    FORMATS,
    ReportOutcome,
    assessment_report,
    country_brief,
    portfolio_brief,
    upr_section,
)


def register(cli: click.Group) -> None:
    cli.add_command(report_cmd)


@click.command("report")
@click.option("--assessment", "assessment_id", type=int, default=None, metavar="ID",
              help="The assessment to report on (see `riskframe assessments list`).")
@click.option("--country", default=None, metavar="CODE",
              help="A country brief across periods instead: the country's ISO code, e.g. XA.")
@click.option("--portfolio", is_flag=True,
              help="A portfolio brief instead: one page per country whose tier rose or is high, in the order of the alerts.")
@click.option("--upr", is_flag=True,
              help="With --assessment: the atrocity-prevention section of a national UPR report (Word).")
@click.option("--validated-only/--all-statuses", default=True, show_default=True,
              help="Country and portfolio briefs: only validated assessments, or drafts too (marked).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--lang", type=LANGUAGE, default=None, help="Language of the document (default: riskframe --lang).")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="The file to write.")
@_errors
def report_cmd(assessment_id: int | None, country: str | None, portfolio: bool, upr: bool, validated_only: bool,
               fmt: str, lang: str | None, out: Path) -> None:
    """Documents to put in a national or UPR report: A4 PDF or Word (DOCX), charts drawn offline.

    \b
    riskframe report --assessment 6 --format pdf --out report.pdf
    riskframe report --assessment 6 --upr --format docx --out upr.docx
    riskframe report --country XA --format docx --out xa-brief.docx
    riskframe report --portfolio --format pdf --out portfolio.pdf
    """
    chosen = [name for name, given in (("--assessment", assessment_id is not None and not upr),
                                       ("--country", country is not None), ("--portfolio", portfolio),
                                       ("--upr", upr)) if given]
    if len(chosen) != 1:
        fail("give exactly one of --assessment ID, --assessment ID --upr, --country CODE or --portfolio "
             f"(given: {', '.join(chosen) or 'none'})")
    if upr and assessment_id is None:
        fail("--upr needs --assessment ID: the UPR section is written from one assessment")
    if upr and fmt != "docx":
        fail("the UPR section is a Word document for the national report: use --format docx")
    if not out.parent.is_dir():
        fail(f"--out {out}: the folder {out.parent} does not exist; create it or choose another path")
    fw = framework_or_fail()
    with _open() as store:
        me = _actor(store)
        outcome: ReportOutcome
        if upr and assessment_id is not None:
            outcome = upr_section(store, me, fw, assessment_id, lang=lang)
        elif assessment_id is not None:
            outcome = assessment_report(store, me, fw, assessment_id, fmt, lang=lang)
        elif country is not None:
            outcome = country_brief(store, me, fw, country, fmt, lang=lang, validated_only=validated_only)
        else:
            outcome = portfolio_brief(store, me, fw, fmt, lang=lang, validated_only=validated_only)
    if not outcome.ok:
        fail(outcome.message)
    try:
        out.write_bytes(outcome.data)
    except OSError as exc:
        fail(f"cannot write --out {out}: {exc.strerror or exc}")
    click.echo(f"wrote {out} ({outcome.message})")
