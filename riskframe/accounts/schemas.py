"""What an account looks like outside the database, and the rules for its fields.

AccountOut has no password hash: nothing that leaves riskframe.accounts can carry one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pydantic import BaseModel

from riskframe.domain import CountryError, resolve_country
from riskframe.store.access import ALL_COUNTRIES
from riskframe.store.actor import Actor
from riskframe.store.errors import InvalidInput

ROLES = ("admin", "analyst", "focal_point", "viewer")
ROLE_LABELS = {"admin": "Administrator", "analyst": "Analyst (review, validate)",
               "focal_point": "Focal point (assess, submit)", "viewer": "Viewer (read only)"}
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@+-]{1,199}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class AccountOut(BaseModel):
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

    def actor(self) -> Actor:
        return actor_of(self.username, self.role, self.countries)


class SignInFailed(Exception):
    """A sign-in was refused. The message is the same whatever the reason (so it does not tell
    whether an account exists); `reason` is for the audit log and tests."""

    MESSAGE = ("Sign-in failed: wrong username or password, or the account is disabled or locked "
               "after too many failed attempts.")

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(self.MESSAGE)


def actor_of(username: str, role: str, countries: Iterable[str]) -> Actor:
    """The Actor the store checks, built only from the account's row."""
    return Actor(username=username, role=role, countries=frozenset(countries))  # type: ignore[arg-type]


def username(value: object) -> str:
    text = str(value or "").strip().lower()
    if not _USERNAME.fullmatch(text):
        raise InvalidInput("username", value, "use 2–200 letters, digits or . _ @ + - (an e-mail address works), "
                           "starting with a letter or digit")
    return text


def email(value: object) -> str | None:
    text = str(value or "").strip().lower()
    if not text:
        return None
    if len(text) > 320 or not _EMAIL.fullmatch(text):
        raise InvalidInput("email", value, "is not an e-mail address")
    return text


def role(value: object) -> str:
    text = str(value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if text not in ROLES:
        raise InvalidInput("role", value, f"roles are {', '.join(ROLES)}")
    return text


def countries(role_name: str, values: Iterable[object] | None) -> list[str]:
    """Sorted ISO codes (or ["*"]); admins need none, every other role at least one."""
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
    if role_name == "admin":
        return []
    if not codes:
        raise InvalidInput("countries", "", f"a {role_name.replace('_', ' ')} needs at least one country "
                           "(or * for every country)")
    return [ALL_COUNTRIES] if ALL_COUNTRIES in codes else sorted(codes)
