"""Signing in: password check, lockout after repeated failures, single sign-on, session refresh.

Every attempt is audited (who, when, by which channel, and for a refusal why). After
`max_failed_sign_ins` failures in a row an account is locked for `lockout_minutes`; while locked
even the right password is refused, and the count starts again once the lock has expired. The
person is only ever told "sign-in failed", whatever the reason, so the answer does not say which
accounts exist.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from riskframe.accounts import passwords
from riskframe.accounts.rows import find_row
from riskframe.accounts.schemas import SignInFailed, actor_of as make_actor
from riskframe.store import events
from riskframe.store.actor import Actor

if TYPE_CHECKING:
    from riskframe.accounts.service import Accounts


def _fail(accounts: Accounts, who: str, reason: str, channel: str, **extra: object) -> SignInFailed:
    events.record(accounts.store.db, who or "?", accounts.now(), "auth.sign_in_failed",
                  {"reason": reason, "channel": channel, **extra})
    return SignInFailed(reason)


def sign_in(accounts: Accounts, name: str, password: str, channel: str = "app") -> Actor:
    """The account's Actor when `password` is right; SignInFailed (audited) otherwise."""
    key = str(name or "").strip().lower()[:320]
    password = password if isinstance(password, str) else ""
    now = accounts.now()
    with accounts.store.db.read() as session:
        row = find_row(session, key) if key else None
        state = None if row is None else (row.username, row.active, row.locked_until, row.password_hash)
    if state is None:
        passwords.burn_time(password)
        raise _fail(accounts, key, "unknown_account" if key else "no_username", channel)
    username, active, locked_until, digest = state
    if not active:
        passwords.burn_time(password)
        raise _fail(accounts, username, "disabled", channel)
    if locked_until is not None and locked_until > now:
        passwords.burn_time(password)
        raise _fail(accounts, username, "locked", channel, locked_until=locked_until.isoformat())
    if not passwords.verify_password(digest, password):
        _count_failure(accounts, username, now, channel)
        raise SignInFailed("wrong_password")
    return _succeed(accounts, username, now, channel, password)


def _count_failure(accounts: Accounts, username: str, now: dt.datetime, channel: str) -> None:
    limit, minutes = accounts.settings.max_failed_sign_ins, accounts.settings.lockout_minutes
    with accounts.store.db.write() as session:
        row = find_row(session, username, lock=True)
        if row is None:  # deleted meanwhile
            return
        if row.locked_until is not None and row.locked_until <= now:  # an expired lock: count afresh
            row.failed_sign_ins, row.locked_until = 0, None
        row.failed_sign_ins += 1
        events.add(session, username, now, "auth.sign_in_failed",
                   {"reason": "wrong_password", "channel": channel, "failed_in_a_row": row.failed_sign_ins})
        if row.failed_sign_ins >= limit and row.locked_until is None:
            row.locked_until = now + dt.timedelta(minutes=minutes)
            events.add(session, username, now, "auth.locked",
                       {"channel": channel, "after": row.failed_sign_ins, "until": row.locked_until.isoformat()})


def _succeed(accounts: Accounts, username: str, now: dt.datetime, channel: str, password: str | None) -> Actor:
    with accounts.store.db.write() as session:
        row = find_row(session, username, lock=True)
        if row is None or not row.active:
            raise SignInFailed("disabled")
        row.failed_sign_ins, row.locked_until, row.last_sign_in_at = 0, None, now
        if password is not None and row.password_hash and passwords.needs_rehash(row.password_hash):
            row.password_hash = passwords.hash_password(password)
        events.add(session, username, now, "auth.sign_in", {"channel": channel})
        return make_actor(row.username, row.role, row.countries or [])


def sign_in_sso(accounts: Accounts, email: str) -> Actor:
    """The Actor of the account whose e-mail (or username) the identity provider vouched for.

    The provider proved who it is; riskframe's table still decides whether they may come in
    and with which role and countries. A lockout (against password guessing) does not apply."""
    key = str(email or "").strip().lower()
    with accounts.store.db.read() as session:
        row = find_row(session, key) if key else None
        state = None if row is None else (row.username, row.active)
    if state is None:
        raise _fail(accounts, key, "no_account_for_sso_identity", "sso")
    if not state[1]:
        raise _fail(accounts, state[0], "disabled", "sso")
    return _succeed(accounts, state[0], accounts.now(), "sso", None)


def actor_of(accounts: Accounts, name: str) -> Actor | None:
    """The current Actor of a signed-in account (role and scopes as they are now), or None when
    it no longer exists or was disabled: read on every page run so a change applies at once."""
    with accounts.store.db.read() as session:
        row = find_row(session, name)
        if row is None or not row.active:
            return None
        return make_actor(row.username, row.role, row.countries or [])
