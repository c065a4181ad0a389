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

from riskframe.cli.choices import LANGUAGE, command_language
from riskframe.cli.common import error_line, fail, framework_or_fail
from riskframe.i18n import _, ngettext
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
        fail(_("--out {out!r} must end in .xlsx").format(out=out))
    return path


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        fail(_("cannot write {path}: {strerror}").format(path=path, strerror=exc.strerror))


@click.command("export")
@click.option("--assessment", "assessment_id", type=int, help="one assessment, by id")
@click.option("--country", help="one country across periods (with --from/--to)")
@click.option("--from", "period_from", metavar="PERIOD", help="first period, e.g. 2025-Q1 (with --country)")
@click.option("--to", "period_to", metavar="PERIOD", help="last period (with --country)")
@click.option("--period", help="compare countries in one period (with --countries)")
@click.option("--countries", help="comma-separated codes, e.g. KE,XA (with --period; default: every country)")
@click.option("--lang", type=LANGUAGE, default=None,
              help="language of the workbook (default: the global --lang or RISKFRAME_LANGUAGE, else en)")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="the .xlsx file to write")
def export_cmd(assessment_id, country, period_from, period_to, period, countries, lang, out) -> None:
    """Export assessments to a formatted Excel workbook (scores, indicators, trend chart, method)."""
    from riskframe.excel.export_data import Selection
    from riskframe.excel.service import export_file

    lang = command_language(lang)
    modes = [assessment_id is not None, bool(country), bool(period)]
    if sum(modes) != 1:
        fail(_("give exactly one of --assessment ID, --country CODE or --period PERIOD"))
    if (period_from or period_to) and not country:
        fail(_("--from/--to go with --country"))
    if countries and not period:
        fail(_("--countries goes with --period"))
    path = _check_out(out)
    sel = Selection(assessment_id=assessment_id, country=country, period_from=period_from, period_to=period_to,
                    period=period, countries=tuple(c.strip() for c in (countries or "").split(",") if c.strip()))
    fw = framework_or_fail()
    store, actor, _settings = _store_and_actor()
    with store:
        done = export_file(store, actor, fw, sel, lang=lang, file_name=path.name, channel="cli")
    if not done.ok:
        fail(done.message)
    _write(path, done.data)
    click.echo(_("wrote {path} ({summary})").format(path=out, summary=done.message))


@click.command("template")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code; XA–XZ for fictional countries")
@click.option("--period", required=True, help="e.g. 2026-Q3")
@click.option("--prefill", is_flag=True, help="fill in the values the database holds now")
@click.option("--lang", type=LANGUAGE, default=None,
              help="language of the template (default: the global --lang or RISKFRAME_LANGUAGE, else en)")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="the .xlsx file to write")
def template_cmd(country, period, prefill, lang, out) -> None:
    """Write an Excel template to fill offline and bring back with `riskframe import`: the indicators, and
    sheets for the vulnerable groups, consultations and recommended measures, in the chosen language."""
    from riskframe.excel.service import template_file

    lang = command_language(lang)
    path = _check_out(out)
    fw = framework_or_fail()
    store, actor, _settings = _store_and_actor()
    with store:
        made = template_file(store, actor, fw, country, period, prefill=prefill, lang=lang,
                             file_name=path.name, channel="cli")
    if not made.ok:
        fail(made.message)
    for note in made.notes:
        click.echo(_("note: {note}").format(note=note), err=True)
    _write(path, made.data)
    click.echo(_("wrote {path}: {summary}").format(path=out, summary=made.message))


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
        fail(_("{file}: {problem}; nothing was written").format(file=file, problem=exc))
    store, actor, _settings = _store_and_actor()
    with store:
        outcome = import_file(store, actor, fw, data, Path(file).name, channel="cli",
                              max_mb=settings.upload_max_mb, apply=yes and not dry_run, prefer=prefer,
                              country=country, period=period)
    for warning in outcome.warnings:
        click.echo(_("warning: {warning}").format(warning=warning), err=True)
    if outcome.status == "invalid":
        fail(_("{file}: {summary}:").format(file=file, summary=outcome.message) + "\n"
             + "\n".join(f"  {p}" for p in outcome.problems))
    if outcome.status == "conflicts":
        _print_conflicts(outcome)
        sys.exit(outcome.exit_code)
    if outcome.exit_code == 2:
        fail(outcome.message)
    if outcome.exit_code:
        click.echo(error_line(outcome.message), err=True)
        sys.exit(outcome.exit_code)
    _print_changes(outcome, fmt)
    if outcome.status == "preview" and not outcome.items:
        reason = _("dry run") if dry_run else _("re-run with --yes to apply them")
        click.echo(ngettext("{count} indicator would change; nothing was written ({reason})",
                            "{count} indicators would change; nothing was written ({reason})", outcome.indicators).format(
            count=outcome.indicators, reason=reason))
    elif outcome.status == "preview":  # list items too: the service's sentence counts both
        from riskframe.excel.preview import summary_line
        click.echo(summary_line(outcome, dry_run))
    else:
        click.echo(outcome.message)


def _show(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):  # sources
        value = "; ".join(" | ".join(str(v) for v in s.values() if v) for s in value)
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
    text = text.replace("\n", " ")
    return text if len(text) <= 50 else text[:49] + "…"


def _print_changes(outcome, fmt: str) -> None:
    from riskframe.excel.preview import conflict_line, item_lines, kept_lines

    if fmt == "json":
        click.echo(json.dumps({"status": outcome.status,
                               "changes": [c.model_dump(mode="json") for c in outcome.changes],
                               "item_changes": [c.model_dump(mode="json") for c in outcome.item_changes],
                               "kept": [k.model_dump(mode="json") for k in outcome.kept],
                               "item_kept": [k.model_dump(mode="json") for k in outcome.item_kept],
                               "conflicts": [c.model_dump(mode="json") for c in outcome.conflicts]},
                              ensure_ascii=False, indent=2))
        return
    if outcome.creates:
        click.echo(_("{country} {period} has no assessment yet; the import creates it").format(
            country=outcome.country, period=outcome.period))
    if outcome.changes:
        click.echo(f"{_('indicator'):<9} {_('field'):<11} {_('database'):<52}    {_('file')}")
    for c in outcome.changes:
        click.echo(f"{c.indicator_id:<9} {c.field:<11} {_show(c.database):<52} -> {_show(c.file)}")
    for line in item_lines(outcome):  # list items: a sentence each, in the excel domain's words
        click.echo(line)
    for c in outcome.conflicts:
        if not c.indicator_id:
            click.echo(conflict_line(c))
            continue
        kept = _("both changed: kept yours") if c.choice == "mine" else _("both changed: kept theirs")
        click.echo(f"{c.indicator_id:<9} {c.field:<11} {kept}"
                   f" ({_show(c.file if c.choice == 'mine' else c.database)}; --prefer {c.choice})")
    if outcome.kept:
        click.echo(ngettext("kept from colleagues (changed since the template was made, not in your file): {count} field",
                            "kept from colleagues (changed since the template was made, not in your file): {count} fields",
                            len(outcome.kept)).format(count=len(outcome.kept)))
    for k in outcome.kept:
        by = _("by {user}").format(user=k.changed_by or _("unknown"))
        click.echo(f"  {k.indicator_id:<9} {k.field:<11} {_show(k.value)} ({by})")
    for line in kept_lines(outcome):
        click.echo(line)


def _print_conflicts(outcome) -> None:
    conflicts = outcome.open_conflicts
    click.echo(ngettext(
        "conflict: {count} field was changed both in your file and in the database since the template was made; "
        "nothing was written. Re-run with --prefer mine (keep the file's values) or --prefer theirs (keep the "
        "database's).",
        "conflict: {count} fields were changed both in your file and in the database since the template was made; "
        "nothing was written. Re-run with --prefer mine (keep the file's values) or --prefer theirs (keep the "
        "database's).", len(conflicts)).format(count=len(conflicts)), err=True)
    for c in conflicts:
        if not c.indicator_id:  # a list item: where and what in words (riskframe.excel.preview)
            from riskframe.excel.preview import open_conflict_line
            click.echo(open_conflict_line(c), err=True)
            continue
        click.echo("  " + _("indicator {indicator} {field}: template base {base}, file {file}, database {database} "
                            "(changed by {user})").format(
            indicator=c.indicator_id, field=c.field, base=_show(c.base), file=_show(c.file), database=_show(c.database),
            user=c.changed_by or _("unknown")), err=True)
