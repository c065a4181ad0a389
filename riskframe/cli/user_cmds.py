"""`riskframe user add|list|disable|enable|passwd`: accounts from the command line.

A password is never a command-line option (it would stay in the shell history and show in `ps`):
it is asked twice at a hidden prompt, or read from the first line of standard input with
`--password-stdin`. While no account exists, `user add` creates the first account (an admin) as
the system actor; afterwards these commands act as an admin (`riskframe --as ADMIN user …`),
except `passwd` on your own account.
"""

from __future__ import annotations

import sys

import click

from riskframe.accounts import ROLES, Accounts
from riskframe.accounts.schemas import AccountOut
from riskframe.cli.common import fail, print_json
from riskframe.cli.identity import cli_actor, cli_identity
from riskframe.cli.store_cmds import _errors, _table
from riskframe.i18n import _
from riskframe.store import Store, access, open_store


def register(cli: click.Group) -> None:
    cli.add_command(user)


def _open() -> Store:
    store = open_store()
    store.upgrade()
    return store


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            fail(_("--password-stdin: standard input has no password on its first line"))
        return line
    return click.prompt(_("New password"), hide_input=True, confirmation_prompt=_("Repeat the new password"), err=True)


def _stamp(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _describe(a: AccountOut) -> str:
    scope = _("every country") if access.spans_every_country(a.role) or "*" in a.countries else ", ".join(a.countries)
    return f"{a.username} ({a.role}; {scope})"


@click.group("user")
def user() -> None:
    """Accounts: who may sign in, with which role and countries."""


@user.command("add")
@click.option("--username", required=True, help="letters, digits, . _ @ + - (an e-mail address works)")
@click.option("--role", required=True, type=click.Choice(ROLES), help="what the account may do")
@click.option("--country", "countries", multiple=True, metavar="CODE",
              help="a country the account works on (repeat; * for every country; not for admins)")
@click.option("--email", default=None, help="e-mail, matched when signing in with single sign-on")
@click.option("--password-stdin", is_flag=True, help="read the password from the first line of standard input")
@click.option("--sso-only", is_flag=True, help="no password: the account signs in only with single sign-on")
@_errors
def add(username: str, role: str, countries: tuple[str, ...], email: str | None, password_stdin: bool,
        sso_only: bool) -> None:
    """Create an account (the first one must be an admin)."""
    with _open() as store:
        actor = cli_actor(store)
        password = None if sso_only else _new_password(password_stdin)
        made = Accounts(store).add(actor, username, password, role, countries, email)
    click.echo(_("account {account} created").format(account=_describe(made)))


@user.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_errors
def list_cmd(fmt: str) -> None:
    """List accounts (admins)."""
    with _open() as store:
        found = Accounts(store).list(cli_actor(store))
    if fmt == "json":
        print_json([a.model_dump(mode="json") for a in found])
        return
    _table([_("username"), _("role"), _("countries"), _("e-mail"), _("active"), _("locked until"), _("last sign-in")],
           [[a.username, a.role,
             ",".join(a.countries) or ("*" if access.spans_every_country(a.role) else ""), a.email or "",
             _("yes") if a.active else _("no"), _stamp(a.locked_until), _stamp(a.last_sign_in_at)] for a in found])


@user.command("disable")
@click.argument("username")
@_errors
def disable(username: str) -> None:
    """Disable an account: it can no longer sign in (admins)."""
    with _open() as store:
        done = Accounts(store).set_active(cli_actor(store), username, False)
    click.echo(_("account {username} disabled").format(username=done.username))


@user.command("enable")
@click.argument("username")
@_errors
def enable(username: str) -> None:
    """Enable a disabled account again, clearing any lockout (admins)."""
    with _open() as store:
        done = Accounts(store).set_active(cli_actor(store), username, True)
    click.echo(_("account {username} enabled").format(username=done.username))


@user.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="read the new password from the first line of standard input")
@_errors
def passwd(username: str, password_stdin: bool) -> None:
    """Set a new password: admins for anyone (also ends a lockout), everyone for themselves."""
    with _open() as store:
        actor, current = cli_identity(store)
        if actor.role not in ROLES:  # the system actor: no account to change
            fail(_("there is no account yet; create the first admin with `riskframe user add`"))
        password = _new_password(password_stdin)
        done = Accounts(store).set_password(actor, username, password, current_password=current)
    click.echo(_("password of {username} changed").format(username=done.username))
