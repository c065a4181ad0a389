"""Fixtures for the store tests (the `store` fixture itself lives in tests/conftest.py)."""

from __future__ import annotations

import pytest
from store_helpers import FRAMEWORK, IDS, VERSION

from riskframe.store import Actor, AssessmentOut, Store


# The store tests exercise data behaviour (versions, conflicts, workflow, backups) with two users
# who may do everything; roles and country scopes are tested in tests/accounts.
@pytest.fixture
def alice() -> Actor:
    return Actor(username="alice", role="admin")


@pytest.fixture
def bob() -> Actor:
    return Actor(username="bob", role="admin")


@pytest.fixture
def ids() -> set[str]:
    return set(IDS)


@pytest.fixture
def draft(store: Store, alice: Actor) -> AssessmentOut:
    return store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)


@pytest.fixture
def empty_url(database_url: str, request: pytest.FixtureRequest, tmp_path) -> str:
    """Another fresh, upgraded, empty database on the same engine as `database_url`."""
    if database_url.startswith("sqlite"):
        path = tmp_path / "other.db"
        with Store(f"sqlite:///{path}") as other:
            other.upgrade()
        return f"sqlite:///{path}"
    return request.getfixturevalue("pg_second_url")
