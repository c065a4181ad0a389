"""`riskframe demo`: load the fictional demo countries into the database (idempotent)."""

from __future__ import annotations

from pathlib import Path

import click

from riskframe.cli.common import fail, framework_or_fail
from riskframe.domain.status import status_label
from riskframe.i18n import _, format_decimal
from riskframe.settings import load_settings


def register(cli: click.Group) -> None:
    cli.add_command(demo)


@click.command()
@click.option("--database-url", envvar="RISKFRAME_DATABASE_URL", default=None,
              help="SQLAlchemy URL (default: RISKFRAME_DATABASE_URL or riskframe.db in the data dir).")
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), default=None,
              help="Directory of demo seed files (default: seeds/demo).")
@click.option("--actor", "username", default=None, help="Who loads the data (default: RISKFRAME_ACTOR or 'demo').")
def demo(database_url: str | None, seeds_dir: str | None, username: str | None) -> None:
    """Load fictional demo countries (XA–XF) with two years of quarterly assessments.

    Upgrades the database schema first. Assessments already present for a country and period
    are left untouched, so running it again adds nothing. Once accounts exist, only an admin
    (`riskframe --as ADMIN demo`) may load it.
    """
    from riskframe.accounts import Accounts
    from riskframe.cli.identity import cli_actor
    from riskframe.store import Actor, StoreError, access, open_store
    from riskframe.demo import SeedInvalid, load_demo, read_seeds

    settings = load_settings()
    directory = Path(seeds_dir) if seeds_dir else settings.seeds_dir / "demo"
    if not directory.is_dir():
        fail(_("no demo seed directory at {directory}").format(directory=directory))
    fw = framework_or_fail()
    try:
        read_seeds(directory)  # refuse bad seed files before the database is even opened
        with open_store(database_url) as store:
            store.upgrade()
            if Accounts(store, settings).exist():
                actor = cli_actor(store, settings)
                store.authorize(actor, access.ADMIN, what="the demo data")
            else:
                actor = Actor.system(username or settings.actor or "demo")
            report = load_demo(store, fw, directory, actor)
    except SeedInvalid as exc:
        fail(_("the demo seed files in {directory} are invalid; nothing was loaded:").format(directory=directory)
             + "\n" + "\n".join(f"  {issue}" for issue in exc.issues))
    except StoreError as exc:
        fail(str(exc))
    for file, ids in report.unknown_ids.items():
        click.echo(_("note: {file}: skipped ids the framework does not have: {ids}").format(file=file, ids=", ".join(ids)),
                   err=True)
    click.echo(report.summary())
    if report.added:
        statuses = ", ".join(f"{n} {status_label(s)}" for s, n in sorted(report.statuses.items()))
        click.echo(_("countries {countries}; new assessments by status: {statuses} ({seconds} s)").format(
            countries=", ".join(report.countries), statuses=statuses, seconds=format_decimal(report.seconds)))
