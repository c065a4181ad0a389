"""`riskframe export`, `riskframe template` and `riskframe import`: the Excel round trip.

Exit codes: 0 done (or nothing to do); 2 refused input (bad options, an unsafe or invalid file,
an assessment that cannot take an import, a role or country the account may not use), with every
problem on stderr; 1 a conflict (the assessment changed since the template was made) or another
store error. `import` writes nothing unless given --yes; without it (or with --dry-run) it prints
what would change and exits 0. Commands act as riskframe.cli.identity says; exports, templates and
imports are written to the audit log.
"""

from __future__ import annotations

import json
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


def _write(out: str, data: bytes) -> None:
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        fail(f"--out {out!r} must end in .xlsx")
    try:
        path.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")


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
    from riskframe.domain import PeriodError
    from riskframe.domain.countries import CountryError
    from riskframe.excel.export import export_workbook
    from riskframe.accounts import trail
    from riskframe.excel.export_data import Selection, SelectionError
    from riskframe.store import StoreError

    modes = [assessment_id is not None, bool(country), bool(period)]
    if sum(modes) != 1:
        fail("give exactly one of --assessment ID, --country CODE or --period PERIOD")
    if (period_from or period_to) and not country:
        fail("--from/--to go with --country")
    if countries and not period:
        fail("--countries goes with --period")
    sel = Selection(assessment_id=assessment_id, country=country, period_from=period_from, period_to=period_to,
                    period=period, countries=tuple(c.strip() for c in (countries or "").split(",") if c.strip()))
    fw = framework_or_fail()
    store, actor, _ = _store_and_actor()
    try:
        with store:
            data = export_workbook(store, actor, fw, sel, lang=lang)
            _write(out, data)
            trail.exported(store, actor, sel, Path(out).name, "cli")
    except (SelectionError, CountryError, PeriodError, StoreError) as exc:
        fail(str(exc))
    click.echo(f"wrote {out} ({len(data) / 1024:.0f} KB)")


@click.command("template")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code; XA–XZ for fictional countries")
@click.option("--period", required=True, help="e.g. 2026-Q3")
@click.option("--prefill", is_flag=True, help="fill in the values the database holds now")
@click.option("--lang", type=LANGUAGE, default="en", show_default=True, help="language of the indicator texts")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="the .xlsx file to write")
def template_cmd(country, period, prefill, lang, out) -> None:
    """Write an Excel template to fill offline and bring back with `riskframe import`."""
    from riskframe.domain import Period, PeriodError, resolve_country
    from riskframe.domain.countries import CountryError
    from riskframe.accounts import trail
    from riskframe.excel.template import template_bytes
    from riskframe.store import StoreError

    try:
        code, label = resolve_country(country).code, Period.parse(period).label
    except (CountryError, PeriodError) as exc:
        fail(str(exc))
    fw = framework_or_fail()
    store, actor, _ = _store_and_actor()
    with store:
        try:
            store.authorize(actor, "read", code)
            found = store.find_assessment(actor, code, label)
            view = store.get_assessment(actor, found.id) if found else None
            trail.template_made(store, actor, code, label, found.id if found else None, prefill, Path(out).name, "cli")
        except StoreError as exc:
            fail(str(exc))
    if found is None:
        click.echo(f"note: there is no assessment for {code} {label} yet; the import will create it", err=True)
    elif found.status.value not in ("draft", "returned"):
        click.echo(f"note: the assessment is {found.status.value}; it must be reopened or returned before an "
                   "import", err=True)
    _write(out, template_bytes(fw, code, label, view, prefill=prefill, lang=lang))
    base = view.revision if view else 0
    click.echo(f"wrote {out}: {len(fw.indicators)} indicators, base revision {base}"
               + (", prefilled" if prefill and view else ""))


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="check and show the changes; write nothing")
@click.option("--yes", is_flag=True, help="apply the changes (without it nothing is written)")
@click.option("--country", help="country, when a spreadsheet dropped the template's hidden sheet")
@click.option("--period", help="period, when a spreadsheet dropped the template's hidden sheet")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def import_cmd(file, dry_run, yes, country, period, fmt) -> None:
    """Import a filled template: validate everything, show the changes, apply them with --yes."""
    from riskframe.excel.hostile import UnsafeFile
    from riskframe.excel.importer import ImportRefused, apply_import, plan_import
    from riskframe.excel.problems import TemplateInvalid
    from riskframe.store.errors import PermissionDenied
    from riskframe.accounts import trail
    from riskframe.excel.reader import read_template
    from riskframe.store import StoreError

    fw = framework_or_fail()
    settings = load_settings()
    data = Path(file).read_bytes()
    try:
        parsed = read_template(data, fw, max_mb=settings.upload_max_mb, country=country, period=period)
    except UnsafeFile as exc:
        fail(f"{file}: {exc}; nothing was written")
    except TemplateInvalid as exc:
        fail(f"{file}: {exc}")
    for warning in parsed.warnings:
        click.echo(f"warning: {warning}", err=True)
    store, actor, _ = _store_and_actor()
    with store:
        try:
            plan = plan_import(store, actor, fw, parsed)
        except StoreError as exc:  # e.g. a country outside the account's scope
            fail(f"{exc}; nothing was written")
        if plan.refusal:
            fail(plan.refusal + "; nothing was written")
        if plan.conflicts:
            _print_conflicts(plan.conflicts)
            raise SystemExit(1)
        _print_changes(plan, fmt)
        if not plan.entries:
            click.echo(f"nothing to change: the database already holds these values for {parsed.country} "
                       f"{parsed.period}")
            return
        if dry_run or not yes:
            reason = "dry run" if dry_run else "re-run with --yes to apply them"
            click.echo(f"{len(plan.entries)} indicator(s) would change; nothing was written ({reason})")
            return
        try:
            result = apply_import(store, actor, fw, plan, note=f"Excel import of {Path(file).name}")
        except ImportRefused as exc:
            if plan.conflicts:
                _print_conflicts(plan.conflicts)
                raise SystemExit(1) from None
            fail(str(exc))
        except PermissionDenied as exc:
            fail(f"{exc}; nothing was written")
        except StoreError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(1) from None
        trail.imported(store, actor, plan, result.revision, Path(file).name, "cli")
    click.echo(f"imported {len(plan.entries)} indicator(s) into {parsed.country} {parsed.period}: "
               f"revision {result.revision}")


def _show(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):  # sources
        value = "; ".join(" | ".join(str(v) for v in s.values() if v) for s in value)
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
    text = text.replace("\n", " ")
    return text if len(text) <= 50 else text[:49] + "…"


def _print_changes(plan, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([{"indicator": c.indicator_id, "field": c.field, "database": c.database,
                                "file": c.file} for c in plan.changes], ensure_ascii=False, indent=2, default=str))
        return
    if plan.assessment is None:
        click.echo(f"{plan.parsed.country} {plan.parsed.period} has no assessment yet; the import creates it")
    if plan.changes:
        click.echo(f"{'indicator':<9} {'field':<11} {'database':<52}    file")
    for c in plan.changes:
        click.echo(f"{c.indicator_id:<9} {c.field:<11} {_show(c.database):<52} -> {_show(c.file)}")


def _print_conflicts(conflicts) -> None:
    click.echo(f"conflict: {len(conflicts)} field(s) were changed in the database since the template was made; "
               "nothing was written. Download a new template (--prefill) and copy your changes into it.", err=True)
    for c in conflicts:
        click.echo(f"  {c.field}: template base {_show(c.base)}, now {_show(c.theirs)} (by {c.theirs_by}), "
                   f"yours {_show(c.yours)}", err=True)
