"""Signing in: password check, lockout after repeated failures, single sign-on.

Every attempt is audited (who, when, by which channel, and for a refusal why). After
`max_failed_sign_ins` failures in a row an account is locked for `lockout_minutes`; while locked
even the right password is refused, and the count starts again once the lock has expired. The
person is only ever told "sign-in failed", whatever the reason, so the answer does not say which
accounts exist. The account rows are read and written through Store methods only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from riskframe.accounts import passwords
from riskframe.accounts.schemas import SignInFailed
from riskframe.store.actor import Actor

if TYPE_CHECKING:
    from riskframe.accounts.service import Accounts

FAILED = "auth.sign_in_failed"


def _fail(accounts: Accounts, who: str, reason: str, channel: str, **extra: object) -> SignInFailed:
    accounts.store.record_session_event(who, FAILED, {"reason": reason, "channel": channel, **extra},
                                        at=accounts.now())
    return SignInFailed(reason)


def sign_in(accounts: Accounts, name: str, password: str, channel: str = "app") -> Actor:
    """The account's Actor when `password` is right; SignInFailed (audited) otherwise.

    The attempt is counted before the (slow) password check, atomically in the store, so N guesses
    sent at once get at most `max_failed_sign_ins` checks; a right password that arrives while the
    account locked meanwhile is refused too."""
    key = str(name or "").strip().lower()[:320]
    password = password if isinstance(password, str) else ""
    now = accounts.now()
    settings = accounts.settings
    lockout = dt.timedelta(minutes=settings.lockout_minutes)
    found = accounts.store.account_credentials(key)
    if found is None:
        passwords.burn_time(password)
        raise _fail(accounts, key, "unknown_account" if key else "no_username", channel)
    if not found.active:
        passwords.burn_time(password)
        raise _fail(accounts, found.username, "disabled", channel)
    slot = accounts.store.reserve_sign_in(found.username, channel, settings.max_failed_sign_ins, lockout, at=now)
    if slot != "granted":
        passwords.burn_time(password)
        locked = {"locked_until": found.locked_until.isoformat()} if slot == "locked" and found.locked_until else {}
        raise _fail(accounts, found.username, slot, channel, **locked)
    if not passwords.verify_password(found.password_hash, password):
        accounts.store.record_failed_sign_in(found.username, channel, settings.max_failed_sign_ins, lockout, at=now)
        raise SignInFailed("wrong_password")
    rehash = None
    if found.password_hash and passwords.needs_rehash(found.password_hash):
        rehash = passwords.hash_password(password)
    return _succeed(accounts, found.username, channel, rehash, now)


def _succeed(accounts: Accounts, username: str, channel: str, rehash: str | None, now: dt.datetime,
             respect_lock: bool = True) -> Actor:
    outcome = accounts.store.record_sign_in(username, channel, rehash, at=now, respect_lock=respect_lock)
    if isinstance(outcome, str):  # disabled, removed or locked between the check and now
        raise SignInFailed(outcome)
    return outcome


def sign_in_sso(accounts: Accounts, email: str) -> Actor:
    """The Actor of the account whose e-mail (or username) the identity provider vouched for.

    The provider proved who it is; riskframe's table still decides whether they may come in
    and with which role and countries. A lockout (against password guessing) does not apply."""
    key = str(email or "").strip().lower()
    found = accounts.store.account_credentials(key)
    if found is None:
        raise _fail(accounts, key, "no_account_for_sso_identity", "sso")
    if not found.active:
        raise _fail(accounts, found.username, "disabled", "sso")
    return _succeed(accounts, found.username, "sso", None, accounts.now(), respect_lock=False)
