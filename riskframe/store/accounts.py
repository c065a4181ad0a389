"""The accounts table behind the Store: reads and writes of accounts, each in one transaction with its audit row.

The Store inherits these methods (`AccountRecords`), so riskframe.accounts (sign-in, passwords,
the rules of a username) never opens a database session itself. Values arrive checked and hashed
by riskframe.accounts; what stays here is what needs the table: who exists, the last active
admin, the first account, lockout counters. Managing accounts needs the ADMIN action of
store.access, and a refusal is audited like every other. `at` lets the caller's clock (a test's)
stand in for the store's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from riskframe.i18n import _
from riskframe.store import access, events
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.engine import Database
from riskframe.store.errors import InvalidInput, NotFound, PermissionDenied

T = TypeVar("T")


class AccountOut(BaseModel):
    """An account as it leaves the store: never with its password hash."""

    username: str
    email: str | None = None
    role: str
    countries: list[str]
    active: bool
    failed_sign_ins: int
    locked_until: dt.datetime | None = None
    has_password: bool
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    password_changed_at: dt.datetime | None = None
    last_sign_in_at: dt.datetime | None = None
    language: str | None = None

    def actor(self) -> Actor:
        return actor_of(self.username, self.role, self.countries)


@dataclass(frozen=True)
class Credentials:
    """What a sign-in checks, read in one snapshot. Only riskframe.accounts sees the hash."""

    username: str
    active: bool
    locked_until: dt.datetime | None
    password_hash: str | None


def actor_of(username: str, role: str, countries: Any) -> Actor:
    """The Actor the store checks, built only from the account's row."""
    return Actor(username=username, role=role, countries=frozenset(countries or ()))


def find_row(session: Session, name: str, *, lock: bool = False) -> m.Account | None:
    """The account whose username or e-mail is `name` (case-insensitive); `lock` for an update."""
    key = str(name or "").strip().lower()
    query = select(m.Account).where(or_(m.Account.username == key, m.Account.email == key))
    return session.scalar(query.with_for_update() if lock else query)


def _out(row: m.Account) -> AccountOut:
    return AccountOut(username=row.username, email=row.email, role=row.role, countries=list(row.countries or []),
                      active=row.active, failed_sign_ins=row.failed_sign_ins, locked_until=row.locked_until,
                      has_password=bool(row.password_hash), created_by=row.created_by, created_at=row.created_at,
                      updated_at=row.updated_at, password_changed_at=row.password_changed_at,
                      last_sign_in_at=row.last_sign_in_at, language=row.language)


def _locked_row(session: Session, name: str) -> m.Account:
    row = find_row(session, name, lock=True)
    if row is None:
        raise NotFound(_("there is no account {name!r}").format(name=name))
    return row


def _keep_an_admin(session: Session, row: m.Account) -> None:
    if not access.role_allows(row.role, access.ADMIN) or not row.active:
        return
    others = session.scalar(select(func.count()).select_from(m.Account).where(
        m.Account.role == row.role, m.Account.active.is_(True), m.Account.id != row.id))
    if not others:
        raise InvalidInput("username", row.username, _("is the last active admin; make another admin first"))


class AccountRecords:
    """Account methods of the Store (mixed into riskframe.store.api.Store)."""

    db: Database
    _clock: Callable[[], dt.datetime]

    # -- plumbing ---------------------------------------------------------------------------
    def _account_write(self, actor: Actor | None, work: Callable[[Session, dt.datetime], T],
                       at: dt.datetime | None, need: str | None = access.ADMIN, what: str = "accounts") -> T:
        """`work` in one write transaction, after checking `need` (None: no check); refusals audited."""
        now = at or self._clock()
        try:
            if need is not None and actor is not None:
                access.check(actor, need, what=what)
            with self.db.write() as session:
                return work(session, now)
        except PermissionDenied as exc:
            events.record_denial(self.db, now, exc)
            raise
        except IntegrityError as exc:  # two admins adding the same username at once
            raise InvalidInput("username", "", _("the database refused the account: {orig}").format(orig=exc.orig)) from None

    def _account_read(self, actor: Actor, name: str | None = None) -> None:
        """Admins read any account; everyone else only their own (`name`)."""
        if name is not None and str(name).strip().lower() == actor.username.lower():
            return
        try:
            access.check(actor, access.ADMIN, what="accounts")
        except PermissionDenied as exc:
            events.record_denial(self.db, self._clock(), exc)
            raise

    # -- reading ----------------------------------------------------------------------------
    def accounts_exist(self) -> bool:
        """Whether any account exists: none means first run (the app asks for an admin)."""
        with self.db.read() as session:
            return bool(session.scalar(select(func.count()).select_from(m.Account)))

    def list_accounts(self, actor: Actor) -> list[AccountOut]:
        self._account_read(actor)
        with self.db.read() as session:
            return [_out(r) for r in session.scalars(select(m.Account).order_by(m.Account.username))]

    def get_account(self, actor: Actor, name: str) -> AccountOut:
        """One account by username or e-mail: admins see any, everyone else only their own."""
        self._account_read(actor, name)
        with self.db.read() as session:
            row = find_row(session, name)
            if row is None:
                raise NotFound(_("there is no account {name!r}").format(name=name))
            return _out(row)

    def account_actor(self, name: str) -> Actor | None:
        """The current Actor of an active account (role and scopes as they are now), else None."""
        with self.db.read() as session:
            row = find_row(session, name)
            return None if row is None or not row.active else actor_of(row.username, row.role, row.countries)

    def account_credentials(self, name: str) -> Credentials | None:
        """For riskframe.accounts.signin only: the state a password sign-in checks."""
        key = str(name or "").strip().lower()
        if not key:
            return None
        with self.db.read() as session:
            row = find_row(session, key)
            return None if row is None else Credentials(row.username, row.active, row.locked_until, row.password_hash)

    # -- managing ---------------------------------------------------------------------------
    def add_account(self, actor: Actor, username: str, password_hash: str | None, role: str, countries: list[str],
                    email: str | None = None, *, first_run: bool = False, at: dt.datetime | None = None) -> AccountOut:
        """Create an account (admins; anyone while none exists, and then it must be an admin).

        `first_run` refuses unless no account exists yet (the app's first-run page)."""
        def work(session: Session, now: dt.datetime) -> AccountOut:
            if not self.db.is_sqlite:  # two first-run forms at once: one admin only
                session.execute(text("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE"))
            first = not session.scalar(select(func.count()).select_from(m.Account))
            if first_run and not first:
                raise PermissionDenied(_("an account exists already: sign in instead"), actor=username, role="none",
                                       action=access.ADMIN, what="first-run")
            if not first:
                access.check(actor, access.ADMIN, what="accounts")
            elif not access.role_allows(role, access.ADMIN):
                raise InvalidInput("role", role, _("the first account must be an admin (it manages the others)"))
            if find_row(session, username) is not None or (email and find_row(session, email) is not None):
                raise InvalidInput("username", username, _("an account with this username or e-mail exists already"))
            by = username if first_run else actor.username
            row = m.Account(username=username, email=email, password_hash=password_hash, role=role,
                            countries=countries, active=True, failed_sign_ins=0, created_by=by, created_at=now,
                            updated_at=now, password_changed_at=now if password_hash else None)
            session.add(row)
            session.flush()
            events.add(session, by, now, "account.create",
                       {"username": username, "role": role, "countries": countries, "email": email, "first": first})
            return _out(row)
        return self._account_write(actor, work, at, need=None)

    def set_account_active(self, actor: Actor, name: str, active: bool, *, at: dt.datetime | None = None) -> AccountOut:
        """Disable (signs the person out at their next click) or enable an account (admins)."""
        def work(session: Session, now: dt.datetime) -> AccountOut:
            row = _locked_row(session, name)
            if not active:
                if row.username == actor.username.lower():
                    raise InvalidInput("username", row.username, _("you cannot disable your own account"))
                _keep_an_admin(session, row)
            if row.active != active:
                row.active, row.updated_at = active, now
                if active:
                    row.failed_sign_ins, row.locked_until = 0, None
                events.add(session, actor.username, now, "account.enable" if active else "account.disable",
                           {"username": row.username})
            return _out(row)
        return self._account_write(actor, work, at)

    def set_account_password(self, actor: Actor, name: str, password_hash: str, *,
                             at: dt.datetime | None = None) -> AccountOut:
        """Store a new hash and end any lockout: admins for anyone, everyone for themselves (the
        caller checks the current password of someone changing their own)."""
        own = str(name or "").strip().lower() == actor.username.lower()

        def work(session: Session, now: dt.datetime) -> AccountOut:
            row = _locked_row(session, name)
            row.password_hash, row.password_changed_at, row.updated_at = password_hash, now, now
            row.failed_sign_ins, row.locked_until = 0, None
            events.add(session, actor.username, now, "account.password", {"username": row.username, "reset": not own})
            return _out(row)
        return self._account_write(actor, work, at, need=None if own else access.ADMIN)

    def update_account(self, actor: Actor, name: str,
                       change: Callable[[AccountOut], tuple[str, list[str], str | None]], *,
                       at: dt.datetime | None = None) -> AccountOut:
        """Set an account's role, country scopes and e-mail (admins) to what `change` makes of the
        account as it is, read inside the same transaction (riskframe.accounts checks the values)."""
        def work(session: Session, now: dt.datetime) -> AccountOut:
            row = _locked_row(session, name)
            role, countries, email = change(_out(row))
            if not access.role_allows(role, access.ADMIN):
                _keep_an_admin(session, row)
            if email and email != row.email and find_row(session, email) is not None:
                raise InvalidInput("email", email, _("another account has this e-mail"))
            before = {"role": row.role, "countries": list(row.countries or []), "email": row.email}
            after = {"role": role, "countries": countries, "email": email}
            if before != after:
                row.role, row.countries, row.email, row.updated_at = role, countries, email, now
                events.add(session, actor.username, now, "account.update",
                           {"username": row.username, "before": before, "after": after})
            return _out(row)
        return self._account_write(actor, work, at)

    def account_language(self, name: str) -> str | None:
        """The interface language an account chose (None: none chosen, or no such account). Read for
        the session of whoever signed in as `name`, so it needs no Actor."""
        with self.db.read() as session:
            row = find_row(session, name)
            return None if row is None else row.language

    def set_account_language(self, actor: Actor, name: str, language: str | None, *,
                             at: dt.datetime | None = None) -> AccountOut:
        """Store the interface language of an account (None: back to the default): everyone for
        themselves, admins for anyone (riskframe.accounts checks the code)."""
        own = str(name or "").strip().lower() == actor.username.lower()

        def work(session: Session, now: dt.datetime) -> AccountOut:
            row = _locked_row(session, name)
            if row.language != language:
                events.add(session, actor.username, now, "account.language",
                           {"username": row.username, "before": row.language, "after": language})
                row.language, row.updated_at = language, now
            return _out(row)
        return self._account_write(actor, work, at, need=None if own else access.ADMIN)

    # -- signing in -------------------------------------------------------------------------
    def reserve_sign_in(self, username: str, channel: str, max_failures: int, lockout: dt.timedelta, *,
                        at: dt.datetime | None = None) -> str:
        """Count a password attempt BEFORE the password is checked, under the row lock, so parallel
        guesses can never get more than `max_failures` checks: 'granted', or why not ('locked',
        'disabled', 'unknown_account'). A right password then resets the count (record_sign_in).
        An expired lock starts the count afresh."""
        def work(session: Session, now: dt.datetime) -> str:
            row = find_row(session, username, lock=True)
            if row is None:
                return "unknown_account"
            if not row.active:
                return "disabled"
            if row.locked_until is not None:
                if row.locked_until > now:
                    return "locked"
                row.failed_sign_ins, row.locked_until = 0, None
            if row.failed_sign_ins >= max_failures:  # every allowed attempt is in flight or failed
                row.locked_until = now + lockout
                events.add(session, row.username, now, "auth.locked",
                           {"channel": channel, "after": row.failed_sign_ins, "until": row.locked_until.isoformat()})
                return "locked"
            row.failed_sign_ins += 1
            return "granted"
        return self._account_write(None, work, at, need=None)

    def record_failed_sign_in(self, username: str, channel: str, max_failures: int, lockout: dt.timedelta, *,
                              at: dt.datetime | None = None) -> None:
        """A wrong password (already counted by reserve_sign_in): audit it; the `max_failures`-th
        failure in a row locks the account for `lockout`."""
        def work(session: Session, now: dt.datetime) -> None:
            row = find_row(session, username, lock=True)
            if row is None:  # deleted meanwhile
                return
            events.add(session, row.username, now, "auth.sign_in_failed",
                       {"reason": "wrong_password", "channel": channel, "failed_in_a_row": row.failed_sign_ins})
            if row.failed_sign_ins >= max_failures and row.locked_until is None:
                row.locked_until = now + lockout
                events.add(session, row.username, now, "auth.locked",
                           {"channel": channel, "after": row.failed_sign_ins, "until": row.locked_until.isoformat()})
        self._account_write(None, work, at, need=None)

    def record_sign_in(self, username: str, channel: str, new_hash: str | None = None, *,
                       at: dt.datetime | None = None, respect_lock: bool = True) -> Actor | str:
        """A successful sign-in: reset the failure count, store `new_hash` (a re-hash with today's
        parameters) if given, audit it, and return the Actor. Refused (the reason returned, audited)
        when the account is gone, disabled, or — with `respect_lock` — locked meanwhile by guesses
        running in parallel with this right one."""
        def work(session: Session, now: dt.datetime) -> Actor | str:
            row = find_row(session, username, lock=True)
            if row is None or not row.active:
                return "disabled"
            if respect_lock and row.locked_until is not None and row.locked_until > now:
                events.add(session, row.username, now, "auth.sign_in_failed",
                           {"reason": "locked", "channel": channel, "locked_until": row.locked_until.isoformat()})
                return "locked"
            row.failed_sign_ins, row.locked_until, row.last_sign_in_at = 0, None, now
            if new_hash is not None:
                row.password_hash = new_hash
            events.add(session, row.username, now, "auth.sign_in", {"channel": channel})
            return actor_of(row.username, row.role, row.countries)
        return self._account_write(None, work, at, need=None)

    def record_session_event(self, who: str, action: str, detail: dict[str, Any] | None = None, *,
                             at: dt.datetime | None = None) -> None:
        """Audit a sign-in refusal or a session event (sign-out, expiry) of `who`, who may be nobody
        known: no Actor is needed, since the person is not (or no longer) signed in."""
        events.record(self.db, who or "?", at or self._clock(), action, detail)
