"""The rules for an account's fields (username, e-mail, role, countries) and the sign-in refusal.

Roles and what each may do live in riskframe.store.access; AccountOut (which never carries a
password hash) in riskframe.store.accounts; both are re-exported here for callers of accounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from riskframe.i18n import N_, _
from riskframe.domain import CountryError, resolve_country
from riskframe.store.access import ACCOUNT_ROLES, ALL_COUNTRIES, ROLE_LABELS, spans_every_country
from riskframe.store.accounts import AccountOut, actor_of
from riskframe.store.errors import InvalidInput

ROLES = ACCOUNT_ROLES  # the roles an account may hold (system is for scripts only)
__all__ = ["ROLES", "ROLE_LABELS", "AccountOut", "SignInFailed", "actor_of", "countries", "email", "role", "username"]
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@+-]{1,199}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class SignInFailed(Exception):
    """A sign-in was refused. The message is the same whatever the reason (so it does not tell
    whether an account exists); `reason` is for the audit log and tests."""

    MESSAGE = N_("Sign-in failed: wrong username or password, or the account is disabled or locked "
                 "after too many failed attempts.")

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(_(self.MESSAGE))


def username(value: object) -> str:
    text = str(value or "").strip().lower()
    if not _USERNAME.fullmatch(text):
        raise InvalidInput("username", value, _("use 2–200 letters, digits or . _ @ + - (an e-mail address works), "
                                                 "starting with a letter or digit"))
    return text


def email(value: object) -> str | None:
    text = str(value or "").strip().lower()
    if not text:
        return None
    if len(text) > 320 or not _EMAIL.fullmatch(text):
        raise InvalidInput("email", value, _("is not an e-mail address"))
    return text


def role(value: object) -> str:
    text = str(value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if text not in ROLES:
        raise InvalidInput("role", value, _("roles are {items}").format(items=', '.join(ROLES)))
    return text


def countries(role_name: str, values: Iterable[object] | None) -> list[str]:
    """Sorted ISO codes (or ["*"]); admins (every country) need none, every other role at least one."""
    codes: set[str] = set()
    for value in values or ():
        text = str(value).strip().upper()
        if not text:
            continue
        if text == ALL_COUNTRIES:
            codes.add(ALL_COUNTRIES)
            continue
        try:
            codes.add(resolve_country(text).code)
        except CountryError as exc:
            raise InvalidInput("countries", value, str(exc)) from None
    if spans_every_country(role_name):
        if codes:  # contradictory: refused, not silently dropped
            raise InvalidInput("countries", ", ".join(sorted(codes)), _(
                "the role {role} works on every country; give no country for this role").format(role=role_name))
        return []
    if not codes:
        raise InvalidInput("countries", "", _("the role {role} needs at least one country (or * for every country)").format(
            role=role_name))
    return [ALL_COUNTRIES] if ALL_COUNTRIES in codes else sorted(codes)
