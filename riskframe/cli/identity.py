"""Who the command line acts as, so the store's role and country checks apply to it too.

- While the database has no account at all, the CLI is the system actor (named RISKFRAME_ACTOR,
  default "cli"): that is how a fresh install is set up (`db upgrade`, `user add` of the first
  admin, `demo`, `restore` into an empty database).
- Once an account exists, every command that reads or writes assessments signs in first: the
  account is `--as USER` (before the command: `riskframe --as amina assessments list`) or
  RISKFRAME_USER; the password is RISKFRAME_PASSWORD or, in a terminal, a hidden prompt. The
  sign-in is audited and counts towards the lockout like one in the app.
- `db upgrade` never asks: changing the schema needs the database credentials, not an account.
"""

from __future__ import annotations

import sys

from typing import TYPE_CHECKING

import click

from riskframe.cli.common import fail
from riskframe.i18n import _
from riskframe.settings import Settings, load_settings

if TYPE_CHECKING:  # imported when a command signs in: the root group only needs `as_user_option` (issue 18)
    from riskframe.store import Actor, Store

AS_USER = "riskframe.as_user"


def as_user_option(group: click.Group) -> click.Group:
    """Add `--as USER` to the main group; it applies to every command below it."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            ctx.meta[AS_USER] = value
        return value

    return click.option("--as", "as_user", metavar="USER", default=None, expose_value=False, is_eager=True,
                        callback=remember, help="the account to act as (else RISKFRAME_USER); "
                        "its password comes from RISKFRAME_PASSWORD or a prompt")(group)


def requested_user(settings: Settings) -> str | None:
    ctx = click.get_current_context(silent=True)
    return (ctx.meta.get(AS_USER) if ctx is not None else None) or settings.user


def password_for(user: str, settings: Settings) -> str:
    if settings.password is not None:
        return settings.password.get_secret_value()
    if not sys.stdin.isatty():
        fail(_("no password for {user}: set RISKFRAME_PASSWORD, or run the command in a terminal to be asked").format(
            user=user))
    return click.prompt(_("Password for {user}").format(user=user), hide_input=True, err=True)


def cli_identity(store: Store, settings: Settings | None = None) -> tuple[Actor, str | None]:
    """The Actor of this command and the password it signed in with (None for the system actor)."""
    from riskframe.accounts import Accounts, SignInFailed
    from riskframe.store import Actor

    settings = settings or load_settings()
    accounts = Accounts(store, settings)
    user = requested_user(settings)
    if not accounts.exist():
        if user:
            fail(_("--as/RISKFRAME_USER names {user!r} but this database has no account yet; create the first admin "
                    "with `riskframe user add --role admin --username NAME`").format(user=user))
        return Actor.system(settings.actor or "cli"), None
    if not user:
        fail(_("this database has accounts: say who you are with `riskframe --as USER …` or RISKFRAME_USER "
                "(password from RISKFRAME_PASSWORD or a prompt)"))
    password = password_for(user, settings)
    try:
        return accounts.sign_in(user, password, channel="cli"), password
    except SignInFailed as exc:
        fail(str(exc))


def cli_actor(store: Store, settings: Settings | None = None) -> Actor:
    """The Actor of this command: system while no account exists, else the signed-in account."""
    return cli_identity(store, settings)[0]
