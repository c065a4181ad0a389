"""Who may do what: the roles, the actions each role allows, and the checks every store call makes.

This module is the one home of roles. An assessment names groups at risk, perpetrators and
sources, so the store itself refuses what a role or a country scope does not allow; the app and
the CLI only hide what would be refused, and which pages a role sees is derived from the actions
below (riskframe.app.page_access), never listed separately.

`Actor.countries` is the scope: empty means no country (deny by default) except for roles that
see every country (admin, system); "*" means every country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from riskframe.i18n import N_, _
from riskframe.store.actor import Actor
from riskframe.store.errors import PermissionDenied, StoreError

READ = "read"  # see an assessment, a country, its history
WRITE = "write"  # create and edit assessments and countries
SUBMIT = "submit"  # draft/returned -> submitted, returned -> draft
REVIEW = "review"  # validate, return, reopen
ADMIN = "admin"  # accounts, backups, restore, the whole audit log
CHANGE = "change"  # any of WRITE/SUBMIT/REVIEW/ADMIN: the entry check of every write transaction
LEAD_ROUND = "lead_round"  # WRITE or REVIEW: focal points and analysts lead rating rounds (store/rounds.py)
IMPORT_REFERENCE = "import_reference"  # REVIEW or ADMIN: add a public reference series (store/reference.py)
ACTIONS = (READ, WRITE, SUBMIT, REVIEW, ADMIN)
ALL_COUNTRIES = "*"


@dataclass(frozen=True)
class RoleSpec:
    """One role: its code (stored in accounts.role), its label, what it may do, and whether a
    person's account may hold it (system is for scripts only) and whether it spans every country."""

    code: str
    label: str
    actions: frozenset[str]
    account: bool = True
    every_country: bool = False


_EVERYTHING = frozenset(ACTIONS)
ROLE_SPECS: tuple[RoleSpec, ...] = (
    RoleSpec("admin", N_("Administrator"), _EVERYTHING, every_country=True),
    RoleSpec("analyst", N_("Analyst (review, validate)"), frozenset({READ, REVIEW})),
    RoleSpec("focal_point", N_("Focal point (assess, submit)"), frozenset({READ, WRITE, SUBMIT})),
    RoleSpec("viewer", N_("Viewer (read only)"), frozenset({READ})),
    RoleSpec("system", N_("System (command line, scripts)"), _EVERYTHING, account=False, every_country=True),
)
ROLE_ACTIONS: dict[str, frozenset[str]] = {r.code: r.actions for r in ROLE_SPECS}
ROLE_LABELS: dict[str, str] = {r.code: r.label for r in ROLE_SPECS}
ACCOUNT_ROLES: tuple[str, ...] = tuple(r.code for r in ROLE_SPECS if r.account)  # also the DB CHECK constraint
_EVERY_COUNTRY = frozenset(r.code for r in ROLE_SPECS if r.every_country)


def _actor(actor: object) -> Actor:
    if not isinstance(actor, Actor):
        raise StoreError(_("every store call needs an Actor first, got {name}").format(name=type(actor).__name__))
    return actor


def role_label(role: str) -> str:
    """A role as people read it, in the current language (the code is what is stored)."""
    label = ROLE_LABELS.get(role)
    return _(label) if label else role


def spans_every_country(role: str) -> bool:
    """True for roles that work on every country without a scope (an admin's account lists none)."""
    return role in _EVERY_COUNTRY


def role_allows(role: str, action: str) -> bool:
    """True when `role` may perform `action` in some country (no scope check)."""
    granted = ROLE_ACTIONS.get(role, frozenset())
    if action == CHANGE:
        return bool(granted - {READ})
    if action == LEAD_ROUND:
        return bool(granted & {WRITE, REVIEW})
    if action == IMPORT_REFERENCE:
        return bool(granted & {REVIEW, ADMIN})
    return action in granted


def all_countries(actor: Actor) -> bool:
    return spans_every_country(actor.role) or ALL_COUNTRIES in actor.countries


def in_scope(actor: Actor, country: str) -> bool:
    return all_countries(actor) or country.strip().upper() in actor.countries


def allows(actor: Actor, action: str) -> bool:
    """True when the actor's role may perform `action` in some country (no scope check)."""
    return role_allows(_actor(actor).role, action)


def check(actor: Actor, action: str, country: str | None = None, what: str | None = None) -> None:
    """Raise PermissionDenied if `actor` may not perform `action` on `country` (None: in principle).

    `what` names the object in the message (e.g. "assessment 7"); without it the country is named.
    """
    actor = _actor(actor)
    target = _target(what, country)
    if not allows(actor, action):
        raise PermissionDenied(_(_REFUSALS.get(action, _REFUSALS[CHANGE])).format(
            user=actor.username, role=actor.role, target=target),
            actor=actor.username, role=actor.role, action=action, country=country, what=what)
    if country is not None and not in_scope(actor, country):
        sentence = _(_REFUSALS.get(action, _REFUSALS[CHANGE])).format(user=actor.username, role=actor.role,
                                                                     target=target)
        raise PermissionDenied(_("{refusal}: it is outside your countries").format(refusal=sentence),
                               actor=actor.username, role=actor.role, action=action, country=country, what=what)


# One whole sentence per action, so that each language words it its own way.
_REFUSALS = {
    READ: N_("{user} ({role}) may not read {target}"),
    WRITE: N_("{user} ({role}) may not change {target}"),
    SUBMIT: N_("{user} ({role}) may not submit {target}"),
    REVIEW: N_("{user} ({role}) may not review {target}"),
    ADMIN: N_("{user} ({role}) may not administer {target}"),
    CHANGE: N_("{user} ({role}) may not change anything in {target}"),
    LEAD_ROUND: N_("{user} ({role}) may not lead a rating round in {target}"),
    IMPORT_REFERENCE: N_("{user} ({role}) may not import a reference series into {target}"),
}
_TARGETS = {"the demo data": N_("the demo data"), "accounts": N_("accounts"), "backups": N_("backups"),
            "restores": N_("restores"), "riskframe": N_("riskframe")}
_ASSESSMENT = re.compile(r"^assessment (\d+)$")


def _target(what: str | None, country: str | None) -> str:
    """What was refused, as people read it (the store passes codes and English ids such as "assessment 7")."""
    if what is None:
        return _("country {country}").format(country=country) if country else _("riskframe")
    if found := _ASSESSMENT.match(what):
        return _("assessment {id}").format(id=found.group(1))
    return _(_TARGETS[what]) if what in _TARGETS else what


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
