"""The one place every store read and write passes through: role and country scoping live here.

An assessment names groups at risk, perpetrators and sources, so the store itself refuses what a
role or a country scope does not allow; the app and the CLI only hide what would be refused.

Roles: admin and system may do everything; analysts read their countries and review (validate,
return, reopen); focal points read, create, edit and submit in their countries; viewers only read
their countries. `Actor.countries` is the scope: empty means no country (deny by default) except
for admin/system; "*" means every country.
"""

from __future__ import annotations

from riskframe.store.actor import Actor
from riskframe.store.errors import PermissionDenied, StoreError

READ = "read"  # see an assessment, a country, its history
WRITE = "write"  # create and edit assessments and countries
SUBMIT = "submit"  # draft/returned -> submitted, returned -> draft
REVIEW = "review"  # validate, return, reopen
ADMIN = "admin"  # accounts, backups, restore, the whole audit log
CHANGE = "change"  # any of WRITE/SUBMIT/REVIEW/ADMIN: the entry check of every write transaction
ALL_COUNTRIES = "*"

_EVERYTHING = frozenset({READ, WRITE, SUBMIT, REVIEW, ADMIN})
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "system": _EVERYTHING,
    "admin": _EVERYTHING,
    "analyst": frozenset({READ, REVIEW}),
    "focal_point": frozenset({READ, WRITE, SUBMIT}),
    "viewer": frozenset({READ}),
}
_VERBS = {READ: "read", WRITE: "change", SUBMIT: "submit", REVIEW: "review", ADMIN: "administer",
          CHANGE: "change anything in"}


def _actor(actor: object) -> Actor:
    if not isinstance(actor, Actor):
        raise StoreError(f"every store call needs an Actor first, got {type(actor).__name__}")
    return actor


def all_countries(actor: Actor) -> bool:
    return actor.role in ("admin", "system") or ALL_COUNTRIES in actor.countries


def in_scope(actor: Actor, country: str) -> bool:
    return all_countries(actor) or country.strip().upper() in actor.countries


def allows(actor: Actor, action: str) -> bool:
    """True when the role may perform `action` in some country (no scope check)."""
    granted = ROLE_ACTIONS.get(_actor(actor).role, frozenset())
    if action == CHANGE:
        return bool(granted - {READ})
    return action in granted


def check(actor: Actor, action: str, country: str | None = None, what: str | None = None) -> None:
    """Raise PermissionDenied if `actor` may not perform `action` on `country` (None: in principle).

    `what` names the object in the message (e.g. "assessment 7"); without it the country is named.
    """
    actor = _actor(actor)
    target = what or (f"country {country}" if country else "riskframe")
    if not allows(actor, action):
        raise PermissionDenied(f"{actor.username} ({actor.role}) may not {_VERBS.get(action, action)} {target}",
                               actor=actor.username, role=actor.role, action=action, country=country, what=what)
    if country is not None and not in_scope(actor, country):
        raise PermissionDenied(f"{actor.username} ({actor.role}) may not {_VERBS.get(action, action)} {target}: "
                               "it is outside your countries",
                               actor=actor.username, role=actor.role, action=action, country=country, what=what)


def transition_action(current: str, target: str) -> str:
    """Which right a status change needs: submitting is the focal point's, reviewing the analyst's."""
    if target == "submitted" or (current == "returned" and target == "draft"):
        return SUBMIT
    if target in ("validated", "returned") or (current == "validated" and target == "draft"):
        return REVIEW
    return CHANGE  # a move the workflow refuses anyway; it says why


def check_transition(actor: Actor, current: str, target: object, country: str, what: str | None = None) -> None:
    check(actor, transition_action(str(current), str(target)), country, what)


def visible_countries(actor: Actor) -> frozenset[str] | None:
    """Countries whose data `actor` may list; None means all."""
    actor = _actor(actor)
    return None if all_countries(actor) else frozenset(actor.countries)
