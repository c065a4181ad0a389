"""CLI commands on the store: `db upgrade`, `assessments list|show|diff`, `backup`, `restore`
(the workflow commands of `assessments` are in riskframe.cli.workflow_cmds).

`register(cli)` adds them to the main click group. Bad input and refusals (role or country
scope) exit 2 with the message on stderr and nothing on stdout; other store errors exit 1.
Who the commands act as: riskframe.cli.identity.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from riskframe.cli.common import error_line
from riskframe.cli.identity import cli_actor
from riskframe.domain.status import status_label
from riskframe.i18n import _, format_datetime, ngettext
from riskframe.store import Actor, ConflictError, InvalidInput, NotFound, Store, StoreError, open_store
from riskframe.store.errors import PermissionDenied

FORMATS = click.Choice(["json", "table"])


def _actor(store: Store) -> Actor:
    return cli_actor(store)


def _open() -> Store:
    return open_store()


def _errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Store errors become one line on stderr: exit 2 for bad input, 1 for the rest."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (InvalidInput, NotFound, ConflictError, PermissionDenied) as exc:
            click.echo(error_line(exc), err=True)
            raise SystemExit(2) from None
        except StoreError as exc:
            click.echo(error_line(exc), err=True)
            raise SystemExit(1) from None

    return wrapper


def _json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in row] for row in rows]
    widths = [min(60, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(headers)]
    line = lambda values: "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()
    click.echo(line(list(headers)))
    click.echo(line(["-" * w for w in widths]))
    for row in cells:
        click.echo(line(row))


def _stamp(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ") if value else ""


def _parse_as_of(value: str | None) -> tuple[int | None, dt.datetime | None]:
    if value is None:
        return None, None
    text = value.strip()
    if text.isdigit():
        return int(text), None
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput("--as-of", value, _("is neither a revision number nor an ISO date-time")) from None
    return None, when if when.tzinfo else when.replace(tzinfo=dt.UTC)


@click.command("upgrade")
@_errors
def db_upgrade() -> None:
    """Create or upgrade the database schema (safe to repeat)."""
    with _open() as store:
        revision = store.upgrade()
        click.echo(_("database at schema revision {revision}: {url}").format(
            revision=revision, url=store.db.url.render_as_string(hide_password=True)))


@click.command("list")
@click.option("--country", default=None, help="ISO 3166-1 alpha-2 code, e.g. KE")
@click.option("--period", default=None, help="e.g. 2026-Q3")
@click.option("--status", default=None, help="draft, submitted, validated or returned")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_errors
def assessments_list(country: str | None, period: str | None, status: str | None, fmt: str) -> None:
    """List assessments."""
    with _open() as store:
        found = store.list_assessments(_actor(store), country=country, period=period, status=status)
    if fmt == "json":
        _json([a.model_dump(mode="json") for a in found])
        return
    _table([_("id"), _("country"), _("period"), _("status"), _("rev"), _("framework"), _("updated by"), _("updated at")],
           [[a.id, a.country, a.period, status_label(a.status), a.revision, f"{a.framework_id} {a.framework_version}",
             a.updated_by, _stamp(a.updated_at)] for a in found])


@click.command("show")
@click.argument("assessment_id", type=int)
@click.option("--as-of", "as_of", default=None, metavar="REVISION|ISO-DATETIME",
              help="show the assessment as it was at this revision number or date-time (UTC if no offset)")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_errors
def assessments_show(assessment_id: int, as_of: str | None, fmt: str) -> None:
    """Show one assessment with its entries."""
    revision, when = _parse_as_of(as_of)
    with _open() as store:
        view = store.get_assessment(_actor(store), assessment_id, as_of_revision=revision, as_of=when)
    if fmt == "json":
        _json(view.model_dump(mode="json"))
        return
    click.echo(_("assessment {id}: {country} {country_name}, {period} ({framework} {version})").format(
        id=view.id, country=view.country, country_name=view.country_name, period=view.period,
        framework=view.framework_id, version=view.framework_version))
    click.echo(_("status {status}, revision {revision} of {head}, last changed by {user} at {when}").format(
        status=status_label(view.status), revision=view.revision, head=view.head_revision, user=view.updated_by,
        when=format_datetime(view.updated_at)))
    _table([_("indicator"), _("value"), _("confidence"), _("carried"), _("changed by"), _("changed at"), _("evidence")],
           [[iid, e.score if e.score is not None else (e.missing.value if e.missing else ""),
             e.confidence.value if e.confidence else "", _("yes") if e.carried_over else "", e.changed_by,
             _stamp(e.changed_at), e.evidence] for iid, e in view.entries.items()])
    click.echo(", ".join([
        ngettext("{count} vulnerable group", "{count} vulnerable groups", len(view.vulnerable_groups)).format(
            count=len(view.vulnerable_groups)),
        ngettext("{count} consultation", "{count} consultations", len(view.consultations)).format(
            count=len(view.consultations)),
        ngettext("{count} measure", "{count} measures", len(view.measures)).format(count=len(view.measures))]))


@click.command("diff")
@click.argument("id_a", type=int)
@click.argument("id_b", type=int)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@_errors
def assessments_diff(id_a: int, id_b: int, fmt: str) -> None:
    """What changed from assessment A (e.g. last period) to assessment B."""
    with _open() as store:
        changes = store.diff_assessments(_actor(store), id_a, id_b)
    if fmt == "json":
        _json([c.model_dump(mode="json") for c in changes])
        return
    _table([_("field"), _("old"), _("new"), _("changed by"), _("changed at")],
           [[c.field, json.dumps(c.old, default=str), json.dumps(c.new, default=str), c.changed_by,
             _stamp(c.changed_at)] for c in changes])


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@_errors
def backup_cmd(path: str) -> None:
    """Write a consistent JSON snapshot of the whole database to PATH (.gz compresses)."""
    with _open() as store:
        counts = store.backup(_actor(store), path)
    click.echo(_("backup written to {path}: {rows} rows in {tables} tables").format(
        path=path, rows=sum(counts.values()), tables=len(counts)))


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@_errors
def restore_cmd(path: str) -> None:
    """Load a backup into an empty database (upgraded first); all or nothing."""
    with _open() as store:
        store.upgrade()
        counts = store.restore(_actor(store), path)
    click.echo(_("restored {rows} rows from {path}").format(rows=sum(counts.values()), path=path))


def _group(cli: click.Group, name: str, help_text: str) -> click.Group:
    existing = cli.commands.get(name)
    if isinstance(existing, click.Group):
        return existing
    group = click.Group(name, help=help_text)
    cli.add_command(group)
    return group


def register(cli: click.Group) -> None:
    """Add the store's commands to the main `riskframe` group."""
    _group(cli, "db", "The database schema.").add_command(db_upgrade)
    assessments = _group(cli, "assessments", "List, show, compare, create and move assessments through the workflow.")
    for command in (assessments_list, assessments_show, assessments_diff):
        assessments.add_command(command)
    from riskframe.cli import workflow_cmds  # it builds on this module's helpers

    workflow_cmds.attach(assessments)
    cli.add_command(backup_cmd)
    cli.add_command(restore_cmd)
