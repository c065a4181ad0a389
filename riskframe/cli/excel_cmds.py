"""`riskframe export`, `riskframe template` and `riskframe import`: the Excel round trip.

The commands parse options and print what riskframe.excel.service returns; the pipeline itself
(authorize, check, read, plan, merge, apply, audit) lives there, shared with the Import / Export page.
Exit codes: 0 done (or nothing to do); 2 refused input (bad options, an unsafe or invalid file, an
assessment that cannot take an import, a role or country the account may not use, or a field both
the file and a colleague changed, unless --prefer settles it), with every problem on stderr; 1
another store error. `import` writes nothing unless given --yes; without it (or with --dry-run) it
prints what would change and exits 0. Commands act as riskframe.cli.identity says.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from riskframe.cli.choices import LANGUAGE
from riskframe.cli.common import fail, framework_or_fail
from riskframe.settings import load_settings


def register(cli: click.Group) -> None:
    for command in (export_cmd, template_cmd, import_cmd):
        cli.add_command(command)


def _store_and_actor():
    from riskframe.cli.identity import cli_actor
    from riskframe.store import open_store

    settings = load_settings()
    store = open_store()
    store.upgrade()
    try:
        return store, cli_actor(store, settings), settings
    except BaseException:
        store.close()
        raise


def _check_out(out: str) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        fail(f"--out {out!r} must end in .xlsx")
    return path


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror}")


@click.command("export")
@click.option("--assessment", "assessment_id", type=int, help="one assessment, by id")
@click.option("--country", help="one country across periods (with --from/--to)")
@click.option("--from", "period_from", metavar="PERIOD", help="first period, e.g. 2025-Q1 (with --country)")
@click.option("--to", "period_to", metavar="PERIOD", help="last period (with --country)")
@click.option("--period", help="compare countries in one period (with --countries)")
@click.option("--countries", help="comma-separated codes, e.g. KE,XA (with --period; default: every country)")
@click.option("--lang", type=LANGUAGE, default="en", show_default=True, help="language of the framework text")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="the .xlsx file to write")
def export_cmd(assessment_id, country, period_from, period_to, period, countries, lang, out) -> None:
    """Export assessments to a formatted Excel workbook (scores, indicators, trend chart, method)."""
    from riskframe.excel.export_data import Selection
    from riskframe.excel.service import export_file

    modes = [assessment_id is not None, bool(country), bool(period)]
    if sum(modes) != 1:
        fail("give exactly one of --assessment ID, --country CODE or --period PERIOD")
    if (period_from or period_to) and not country:
        fail("--from/--to go with --country")
    if countries and not period:
        fail("--countries goes with --period")
    path = _check_out(out)
    sel = Selection(assessment_id=assessment_id, country=country, period_from=period_from, period_to=period_to,
                    period=period, countries=tuple(c.strip() for c in (countries or "").split(",") if c.strip()))
    fw = framework_or_fail()
    store, actor, _ = _store_and_actor()
    with store:
        done = export_file(store, actor, fw, sel, lang=lang, file_name=path.name, channel="cli")
    if not done.ok:
        fail(done.message)
    _write(path, done.data)
    click.echo(f"wrote {out} ({done.message})")


@click.command("template")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code; XA–XZ for fictional countries")
@click.option("--period", required=True, help="e.g. 2026-Q3")
@click.option("--prefill", is_flag=True, help="fill in the values the database holds now")
@click.option("--lang", type=LANGUAGE, default=None,
              help="language of the template (headers, instructions, drop-downs, indicator texts); default: "
                   "riskframe --lang / RISKFRAME_LANGUAGE")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="the .xlsx file to write")
def template_cmd(country, period, prefill, lang, out) -> None:
    """Write an Excel template to fill offline and bring back with `riskframe import`: the indicators, and
    sheets for the vulnerable groups, consultations and recommended measures, in the chosen language."""
    from riskframe.excel.service import template_file

    path = _check_out(out)
    fw = framework_or_fail()
    store, actor, _ = _store_and_actor()
    with store:
        made = template_file(store, actor, fw, country, period, prefill=prefill, lang=lang, file_name=path.name,
                             channel="cli")
    if not made.ok:
        fail(made.message)
    for note in made.notes:
        click.echo(f"note: {note}", err=True)
    _write(path, made.data)
    click.echo(f"wrote {out}: {made.message}")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="check and show the changes; write nothing")
@click.option("--yes", is_flag=True, help="apply the changes (without it nothing is written)")
@click.option("--country", help="country, when a spreadsheet dropped the template's hidden sheet")
@click.option("--period", help="period, when a spreadsheet dropped the template's hidden sheet")
@click.option("--prefer", type=click.Choice(["mine", "theirs"]),
              help="for a field both the file and a colleague changed: keep the file's value (mine) or the "
                   "database's (theirs); without it such fields stop the import (exit 2)")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def import_cmd(file, dry_run, yes, country, period, prefer, fmt) -> None:
    """Import a filled template: validate everything, show the changes, apply them with --yes.

    The indicators and the list sheets (vulnerable groups, consultations, recommended measures: rows
    added, edited or marked for removal) are saved together as one revision. Three-way merge against
    the revision the template was made from: fields only a colleague changed keep their value, fields
    only the file changed apply, fields both changed need --prefer.
    """
    from riskframe.excel.hostile import UnsafeFile, read_upload
    from riskframe.excel.service import import_file

    fw = framework_or_fail()
    settings = load_settings()
    try:
        data = read_upload(file, max_mb=settings.upload_max_mb)
    except UnsafeFile as exc:
        fail(f"{file}: {exc}; nothing was written")
    store, actor, _ = _store_and_actor()
    with store:
        outcome = import_file(store, actor, fw, data, Path(file).name, channel="cli",
                              max_mb=settings.upload_max_mb, apply=yes and not dry_run, prefer=prefer,
                              country=country, period=period)
    from riskframe.excel.preview import change_lines, conflict_lines, summary_line

    for warning in outcome.warnings:
        click.echo(f"warning: {warning}", err=True)
    if outcome.status == "invalid":
        fail(f"{file}: {outcome.message}:\n" + "\n".join(f"  {p}" for p in outcome.problems))
    if outcome.status == "conflicts":
        for line in conflict_lines(outcome):
            click.echo(line, err=True)
        sys.exit(outcome.exit_code)
    if outcome.exit_code == 2:
        fail(outcome.message)
    if outcome.exit_code:
        click.echo(f"error: {outcome.message}", err=True)
        sys.exit(outcome.exit_code)
    if fmt == "json":
        click.echo(json.dumps({"status": outcome.status,
                               "changes": [c.model_dump(mode="json") for c in outcome.changes],
                               "item_changes": [c.model_dump(mode="json") for c in outcome.item_changes],
                               "kept": [k.model_dump(mode="json") for k in outcome.kept],
                               "item_kept": [k.model_dump(mode="json") for k in outcome.item_kept],
                               "conflicts": [c.model_dump(mode="json") for c in outcome.conflicts]},
                              ensure_ascii=False, indent=2))
    else:
        for line in change_lines(outcome):
            click.echo(line)
    click.echo(summary_line(outcome, dry_run))
