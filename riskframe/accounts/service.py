"""Accounts on a store: add, list, disable, re-key, change scope; the first admin.

The rules of an account's fields (schemas.py) and of passwords (passwords.py) are applied here;
the rows themselves are read and written only through Store methods (riskframe.store.accounts),
each in one transaction with its audit row, and managing accounts needs the admin action of
riskframe.store.access like every other store call. While no account exists the first one may be
created by anyone who can reach the database (the CLI's system actor, or the app's first-run
page) and must be an admin. Signing in lives in signin.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from riskframe.i18n import _
from riskframe.accounts import passwords, schemas, signin
from riskframe.accounts.schemas import AccountOut
from riskframe.settings import Settings
from riskframe.store import access
from riskframe.store.actor import Actor
from riskframe.store.api import Store
from riskframe.store.errors import InvalidInput, NotFound

_UNSET: Any = object()


class Accounts:
    """Accounts of one Store. `clock` defaults to the store's (inject one to test lockouts)."""

    def __init__(self, store: Store, settings: Settings | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._clock = clock or store.now

    def now(self) -> datetime:
        return self._clock()

    # -- reading ----------------------------------------------------------------------------
    def exist(self) -> bool:
        """Whether any account exists: none means first run (the app asks for an admin)."""
        return self.store.accounts_exist()

    def list(self, actor: Actor) -> list[AccountOut]:
        return self.store.list_accounts(actor)

    def get(self, actor: Actor, name: str) -> AccountOut:
        """One account: admins see any, everyone else only their own."""
        return self.store.get_account(actor, name)

    # -- signing in (signin.py) -------------------------------------------------------------
    def sign_in(self, name: str, password: str, channel: str = "app") -> Actor:
        return signin.sign_in(self, name, password, channel)

    def sign_in_sso(self, email: str) -> Actor:
        return signin.sign_in_sso(self, email)

    def actor_of(self, name: str) -> Actor | None:
        """The current Actor of a signed-in account, or None when it no longer exists or was
        disabled: read on every page run so a change of role or scope applies at once."""
        return self.store.account_actor(name)

    def record(self, who: str, action: str, detail: dict[str, Any] | None = None) -> None:
        """Audit a session event (sign-out, expiry) for `who`."""
        self.store.record_session_event(who, action, detail, at=self.now())

    # -- managing ---------------------------------------------------------------------------
    def add(self, actor: Actor, username: str, password: str | None, role: str,
            countries: Iterable[str] = (), email: str | None = None, *, first_run: bool = False) -> AccountOut:
        """Create an account (admins; anyone while none exists, and then it must be an admin).

        `password` None makes a single-sign-on-only account. `first_run` refuses unless no
        account exists yet (the app's first-run page)."""
        name, mail, kind = schemas.username(username), schemas.email(email), schemas.role(role)
        scopes = schemas.countries(kind, countries)
        digest = None
        if password is not None or first_run:
            digest = passwords.hash_password(passwords.check_policy(password, name, self.settings.password_min_length))
        return self.store.add_account(actor, name, digest, kind, scopes, mail, first_run=first_run, at=self.now())

    def set_active(self, actor: Actor, name: str, active: bool) -> AccountOut:
        """Disable (signs the person out at their next click) or enable an account."""
        return self.store.set_account_active(actor, name, active, at=self.now())

    def set_password(self, actor: Actor, name: str, password: str, current_password: str | None = None) -> AccountOut:
        """Admins reset anyone's password (and clear a lockout); others change their own, giving the
        current one."""
        target = str(name or "").strip().lower()
        own = target == actor.username.lower()
        if not own:
            self.store.authorize(actor, access.ADMIN, what="accounts")
        found = self.store.account_credentials(target)
        if found is None:
            raise NotFound(_("there is no account {name!r}").format(name=name))
        checked = access.allows(actor, access.ADMIN) or passwords.verify_password(found.password_hash,
                                                                                  current_password or "")
        if own and not checked:
            raise InvalidInput("current_password", passwords.HIDDEN, _("is not your current password"))
        policy = passwords.check_policy(password, found.username, self.settings.password_min_length)
        return self.store.set_account_password(actor, found.username, passwords.hash_password(policy), at=self.now())

    def language(self, name: str) -> str | None:
        """The interface language `name` chose, or None (the RISKFRAME_LANGUAGE default applies)."""
        return self.store.account_language(name)

    def set_language(self, actor: Actor, name: str, language: str | None, known: Iterable[str]) -> AccountOut:
        """Set the interface language of an account: a person their own, admins anyone's. `known` are
        the languages offered (the manifest's); None or "" goes back to the default."""
        code = str(language or "").strip().lower() or None
        offered = list(known)
        if code is not None and code not in offered:
            raise InvalidInput("language", language, f"languages are {', '.join(offered)}")
        return self.store.set_account_language(actor, name, code, at=self.now())

    def update(self, actor: Actor, name: str, role: str | None = None, countries: Iterable[str] | None = None,
               email: str | None = _UNSET) -> AccountOut:
        """Change an account's role, country scopes or e-mail (admins); what is not given stays."""
        def change(current: AccountOut) -> tuple[str, list[str], str | None]:
            kind = schemas.role(role) if role is not None else current.role
            scopes = schemas.countries(kind, countries if countries is not None else current.countries)
            return kind, scopes, current.email if email is _UNSET else schemas.email(email)
        return self.store.update_account(actor, name, change, at=self.now())
