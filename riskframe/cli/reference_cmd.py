"""`riskframe reference …`: import a reference series (the Early Warning Project's forecast, or a CSV) and list them.

Parsing and the country crosswalk are riskframe.reference's; storing is riskframe.store.reference's.
Every problem in the file is printed with its row and column and nothing is written; countries that
cannot be mapped to an ISO code are listed with their rows, and the rest is stored.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from riskframe.cli.common import fail, framework_or_fail
from riskframe.cli.store_cmds import FORMATS, _actor, _errors, _json, _open, _table
from riskframe.i18n import _
from riskframe.reference import load_crosswalk, read_series
from riskframe.reference.parse import EWP_WINDOW, KINDS
from riskframe.store.reference import References, ReferenceSeriesIn

EWP_SOURCE = "Early Warning Project (US Holocaust Memorial Museum, Dartmouth College), Statistical Risk Assessment"
EWP_LICENCE = "no licence published: imported from the user's own copy; do not redistribute the values"


def register(cli: click.Group) -> None:
    cli.add_command(reference)


@click.group()
def reference() -> None:
    """Reference series beside judgement: published statistical forecasts set beside the composite."""


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        fail(_("--retrieved {value}: give the date as YYYY-MM-DD").format(value=value))


@reference.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("--format", "kind", type=click.Choice(KINDS), required=True,
              help="ewp: an Early Warning Project forecast table (ewp_name, risk_1or2.from<YEAR>, optional "
                   "risk_rank.from<YEAR> and ccode); csv: columns country (ISO alpha-2/alpha-3), year, value")
@click.option("--name", default=None, help="name of the series (default: from the file)")
@click.option("--source", default=None, help="where the data come from (required for csv)")
@click.option("--licence", default=None, help="the licence or terms of use (required for csv)")
@click.option("--retrieved", default=None, metavar="YYYY-MM-DD", help="when you downloaded the file")
@_errors
def import_cmd(path: str, kind: str, name: str | None, source: str | None, licence: str | None,
               retrieved: str | None) -> None:
    """Import FILE as a reference series (one transaction: any problem, nothing written)."""
    when = _date(retrieved)
    if kind == "csv" and not (source and licence):
        fail(_("a csv series needs --source and --licence (they are shown wherever its values are)"))
    if not Path(path).is_file():
        fail(_("{path}: no such file").format(path=path))
    fw = framework_or_fail()
    parsed = read_series(path, kind, load_crosswalk(fw.root))
    if parsed.problems:
        click.echo(_("{path}: {n} problem(s); nothing was imported:").format(path=path, n=len(parsed.problems)),
                   err=True)
        for problem in parsed.problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(2)
    if not parsed.rows:
        for u in parsed.unmapped:
            click.echo(f"  {u}", err=True)
        fail(_("{path}: no row could be mapped to a country code; nothing was imported").format(path=path))
    default_name = (_("EWP statistical risk assessment {year}").format(year=(parsed.base_year or 0) + 1)
                    if kind == "ewp" else Path(path).stem)
    meta = ReferenceSeriesIn(name=name or default_name, kind=kind, source=source or EWP_SOURCE,
                             licence=licence or EWP_LICENCE, measure=parsed.measure, retrieved=when,
                             base_year=parsed.base_year, file_name=Path(path).name[:300])
    values = [{"country": r.country, "year": r.year, "covers_from": r.covers_from, "covers_to": r.covers_to,
               "value": r.value, "rank": r.rank, "label": r.label[:200]} for r in parsed.rows]
    with _open() as store:
        out = References(store).import_series(_actor(store), meta, values)
    click.echo(_("imported series {id} \"{name}\": {n} value(s)").format(id=out.id, name=out.name, n=out.n_values))
    if kind == "ewp" and parsed.base_year is not None:
        click.echo(_("base year {year}: each value is the forecast for {first}–{last} ({window}-year window)").format(
            year=parsed.base_year, first=parsed.base_year + 1, last=parsed.base_year + EWP_WINDOW, window=EWP_WINDOW))
    if parsed.unmapped:
        click.echo(_("{n} row(s) could not be mapped to an ISO country code and were not imported (add the name "
                     "to indicators/reference/name_aliases.csv and import again):").format(n=len(parsed.unmapped)))
        for u in parsed.unmapped:
            click.echo(f"  {u}")


@reference.command("list")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_errors
def list_cmd(fmt: str) -> None:
    """The reference series imported, newest first, with their source and licence note."""
    with _open() as store:
        found = References(store).list_series(_actor(store))
    if fmt == "json":
        _json([s.model_dump(mode="json") for s in found])
        return
    if not found:
        click.echo(_("no reference series yet: import one with `riskframe reference import FILE --format ewp`"))
        return
    _table(["id", "name", "kind", "values", "years", "retrieved", "source", "licence", "imported"],
           [[s.id, s.name, s.kind, s.n_values, f"{s.years[0]}–{s.years[1]}" if s.years else "",
             s.retrieved or "", s.source, s.licence, f"{s.imported_by} {s.imported_at:%Y-%m-%d}"] for s in found])
