"""Accounts on a store's database: add, list, disable, re-key, change scope; the first admin.

Managing accounts needs the admin right, checked (and refusals audited) by Store.authorize like
every other store call; while no account exists the first one may be created by anyone who can
reach the database (the CLI's system actor, or the app's first-run page) and must be an admin.
Every change writes its audit row in the same transaction. Signing in lives in signin.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from riskframe.accounts import passwords, schemas, signin
from riskframe.accounts.rows import find_row, out
from riskframe.accounts.schemas import AccountOut
from riskframe.settings import Settings
from riskframe.store import access, events
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.api import Store
from riskframe.store.errors import InvalidInput, NotFound, PermissionDenied

T = TypeVar("T")
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
        with self.store.db.read() as session:
            return bool(session.scalar(select(func.count()).select_from(m.Account)))

    def list(self, actor: Actor) -> list[AccountOut]:
        self.store.authorize(actor, access.ADMIN, what="accounts")
        with self.store.db.read() as session:
            return [out(r) for r in session.scalars(select(m.Account).order_by(m.Account.username))]

    def get(self, actor: Actor, name: str) -> AccountOut:
        """One account: admins see any, everyone else only their own."""
        if str(name or "").strip().lower() != actor.username.lower():
            self.store.authorize(actor, access.ADMIN, what="accounts")
        with self.store.db.read() as session:
            row = find_row(session, name)
            if row is None:
                raise NotFound(f"there is no account {name!r}")
            return out(row)

    # -- signing in (signin.py) -------------------------------------------------------------
    def sign_in(self, name: str, password: str, channel: str = "app") -> Actor:
        return signin.sign_in(self, name, password, channel)

    def sign_in_sso(self, email: str) -> Actor:
        return signin.sign_in_sso(self, email)

    def actor_of(self, name: str) -> Actor | None:
        return signin.actor_of(self, name)

    def record(self, who: str, action: str, detail: dict[str, Any] | None = None) -> None:
        """Audit a session event (sign-out, expiry) for `who`."""
        events.record(self.store.db, who, self.now(), action, detail)

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

        def work(session: Session, now: datetime) -> AccountOut:
            if not self.store.db.is_sqlite:  # two first-run forms at once: one admin only
                session.execute(text("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE"))
            first = not session.scalar(select(func.count()).select_from(m.Account))
            if first_run and not first:
                raise PermissionDenied("an account exists already: sign in instead", actor=name, role="none",
                                       action=access.ADMIN, what="first-run")
            if not first:
                access.check(actor, access.ADMIN, what="accounts")
            elif kind != "admin":
                raise InvalidInput("role", kind, "the first account must be an admin (it manages the others)")
            if find_row(session, name) is not None or (mail and find_row(session, mail) is not None):
                raise InvalidInput("username", name, "an account with this username or e-mail exists already")
            by = name if first_run else actor.username
            row = m.Account(username=name, email=mail, password_hash=digest, role=kind, countries=scopes,
                            active=True, failed_sign_ins=0, created_by=by, created_at=now, updated_at=now,
                            password_changed_at=now if digest else None)
            session.add(row)
            session.flush()
            events.add(session, by, now, "account.create",
                       {"username": name, "role": kind, "countries": scopes, "email": mail, "first": first})
            return out(row)
        return self._write(actor, work)

    def set_active(self, actor: Actor, name: str, active: bool) -> AccountOut:
        """Disable (signs the person out at their next click) or enable an account."""
        def work(session: Session, now: datetime) -> AccountOut:
            row = self._row(session, name)
            if not active:
                if row.username == actor.username.lower():
                    raise InvalidInput("username", row.username, "you cannot disable your own account")
                self._keep_an_admin(session, row)
            if row.active != active:
                row.active, row.updated_at = active, now
                if active:
                    row.failed_sign_ins, row.locked_until = 0, None
                events.add(session, actor.username, now, "account.enable" if active else "account.disable",
                           {"username": row.username})
            return out(row)
        return self._admin_write(actor, work)

    def set_password(self, actor: Actor, name: str, password: str, current_password: str | None = None) -> AccountOut:
        """Admins reset anyone's password (and clear a lockout); others change their own, giving the
        current one."""
        target = str(name or "").strip().lower()
        own = target == actor.username.lower()
        if not own:
            self.store.authorize(actor, access.ADMIN, what="accounts")
        with self.store.db.read() as session:
            row = find_row(session, target)
            if row is None:
                raise NotFound(f"there is no account {name!r}")
            username, old_hash = row.username, row.password_hash
        checked = access.allows(actor, access.ADMIN) or passwords.verify_password(old_hash, current_password or "")
        if own and not checked:
            raise InvalidInput("current_password", passwords.HIDDEN, "is not your current password")
        digest = passwords.hash_password(passwords.check_policy(password, username, self.settings.password_min_length))

        def work(session: Session, now: datetime) -> AccountOut:
            row = self._row(session, username)
            row.password_hash, row.password_changed_at, row.updated_at = digest, now, now
            row.failed_sign_ins, row.locked_until = 0, None
            events.add(session, actor.username, now, "account.password", {"username": username, "reset": not own})
            return out(row)
        return self._write(actor, work)

    def update(self, actor: Actor, name: str, role: str | None = None, countries: Iterable[str] | None = None,
               email: str | None = _UNSET) -> AccountOut:
        """Change an account's role, country scopes or e-mail (admins)."""
        def work(session: Session, now: datetime) -> AccountOut:
            row = self._row(session, name)
            kind = schemas.role(role) if role is not None else row.role
            scopes = schemas.countries(kind, countries if countries is not None else row.countries)
            mail = row.email if email is _UNSET else schemas.email(email)
            if kind != "admin":
                self._keep_an_admin(session, row)
            if mail and mail != row.email and find_row(session, mail) is not None:
                raise InvalidInput("email", mail, "another account has this e-mail")
            before = {"role": row.role, "countries": list(row.countries or []), "email": row.email}
            after = {"role": kind, "countries": scopes, "email": mail}
            if before != after:
                row.role, row.countries, row.email, row.updated_at = kind, scopes, mail, now
                events.add(session, actor.username, now, "account.update",
                           {"username": row.username, "before": before, "after": after})
            return out(row)
        return self._admin_write(actor, work)

    # -- plumbing ---------------------------------------------------------------------------
    def _row(self, session: Session, name: str) -> m.Account:
        row = find_row(session, name, lock=True)
        if row is None:
            raise NotFound(f"there is no account {name!r}")
        return row

    @staticmethod
    def _keep_an_admin(session: Session, row: m.Account) -> None:
        if row.role != "admin" or not row.active:
            return
        others = session.scalar(select(func.count()).select_from(m.Account).where(
            m.Account.role == "admin", m.Account.active.is_(True), m.Account.id != row.id))
        if not others:
            raise InvalidInput("username", row.username, "is the last active admin; make another admin first")

    def _admin_write(self, actor: Actor, work: Callable[[Session, datetime], T]) -> T:
        self.store.authorize(actor, access.ADMIN, what="accounts")
        return self._write(actor, work)

    def _write(self, actor: Actor, work: Callable[[Session, datetime], T]) -> T:
        now = self.now()
        try:
            with self.store.db.write() as session:
                return work(session, now)
        except PermissionDenied as exc:
            events.record_denial(self.store.db, now, exc)
            raise
        except IntegrityError as exc:  # two admins adding the same username at once
            raise InvalidInput("username", "", f"the database refused the account: {exc.orig}") from None
