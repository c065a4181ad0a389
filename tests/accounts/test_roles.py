"""Roles live in one place (store.access): the Actor, the accounts, the database constraint and the
app's navigation all follow it, and which pages a role sees is derived from its actions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from riskframe import accounts
from riskframe.accounts import schemas
from riskframe.app import page_access
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, InvalidInput, access
from riskframe.store.models import Account


def test_every_role_of_access_is_an_actor_role_and_nothing_else():
    for role in access.ROLE_ACTIONS:
        assert Actor(username="x", role=role).role == role
        assert access.role_label(role) != role  # every role has a label
    with pytest.raises(ValidationError, match="role must be one of admin, analyst"):
        Actor(username="x", role="king")


def test_account_roles_are_the_roles_of_access_a_person_may_hold():
    assert accounts.ROLES == access.ACCOUNT_ROLES and "system" not in accounts.ROLES
    assert set(accounts.ROLE_LABELS) == set(access.ROLE_ACTIONS)
    assert schemas.role("Focal point") == "focal_point"
    with pytest.raises(InvalidInput, match="roles are admin, analyst, focal_point, viewer"):
        schemas.role("system")


def test_the_database_constraint_lists_the_account_roles():
    """The CHECK constraint is schema (a migration changes it); it must name the same roles."""
    (check,) = [c for c in Account.__table__.constraints if str(getattr(c, "name", "")).endswith("role_known")]
    assert re.findall(r"'(\w+)'", str(check.sqltext)) == list(access.ACCOUNT_ROLES)
    migration = (REPO_ROOT / "riskframe/store/migrations/versions/0002_accounts.py").read_text(encoding="utf-8")
    assert str(check.sqltext) in migration


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", {"home", "assess", "review", "country", "compare", "alerts", "rounds", "reports", "import_export",
               "framework", "account", "admin"}),
    ("analyst", {"home", "review", "country", "compare", "alerts", "rounds", "reports", "import_export", "framework",
                 "account"}),
    ("focal_point", {"home", "assess", "country", "compare", "alerts", "rounds", "reports", "import_export",
                     "framework", "account"}),
    ("viewer", {"home", "country", "compare", "alerts", "rounds", "reports", "import_export", "framework", "account"}),
])
def test_pages_shown_are_the_actions_allowed(role, expected):
    assert set(page_access.visible_pages(role)) == expected
    for url in page_access.PAGE_ACTIONS:
        assert page_access.can_see(role, url) == access.role_allows(role, page_access.needed_action(url))


def test_changing_a_roles_actions_changes_its_pages_without_touching_the_app(monkeypatch):
    monkeypatch.setitem(access.ROLE_ACTIONS, "viewer", frozenset({access.READ, access.REVIEW}))
    monkeypatch.setitem(access.ROLE_ACTIONS, "auditor", frozenset({access.READ, access.ADMIN}))
    assert "review" in page_access.visible_pages("viewer") and "assess" not in page_access.visible_pages("viewer")
    assert {"admin", "home"} <= set(page_access.visible_pages("auditor"))
    assert not page_access.can_see("viewer", "a-page-nobody-declared")  # undeclared pages need ADMIN


def test_no_other_module_lists_roles():
    """A role code as a string literal in a tuple, set, list or dict outside store.access is a second home."""
    roles = set(access.ROLE_ACTIONS)
    offenders = []
    for path in sorted((REPO_ROOT / "riskframe").rglob("*.py")):
        if path.name == "access.py" and path.parent.name == "store" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            items = node.elts if isinstance(node, (ast.Tuple, ast.Set, ast.List)) else (
                node.keys if isinstance(node, ast.Dict) else [])
            named = {i.value for i in items if isinstance(i, ast.Constant) and i.value in roles}
            if len(named) >= 2:
                offenders.append(f"{Path(path).relative_to(REPO_ROOT)}:{node.lineno}")
    assert offenders == []


def test_accounts_reach_the_database_only_through_store_methods():
    for path in sorted((REPO_ROOT / "riskframe" / "accounts").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "sqlalchemy" not in source and ".db." not in source and "store.models" not in source, path.name


def test_security_md_describes_the_roles_access_defines():
    text = (REPO_ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert tuple(re.findall(r"^\| `(\w+)` \|", text, flags=re.M)) == access.ACCOUNT_ROLES
