"""Fixtures for accounts, roles and scoping: a clock to move, accounts on the `store` fixture
(SQLite and PostgreSQL), and two countries' worth of assessments to keep apart."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner, Result

from riskframe.accounts import Accounts, passwords
from riskframe.domain import EntryIn
from riskframe.settings import Settings
from riskframe.store import Actor, Store, VulnerableGroupIn

FRAMEWORK, VERSION = "un-foa-2014", "1.0.0"
IDS = frozenset({f"{f}.{n}" for f in range(1, 15) for n in range(1, 6)})
PASSWORD = "correct horse battery"  # every test account's password unless a test says otherwise
SECRET = "Militia list naming the Qatabi elders"  # XB evidence that must never reach an XA user
ADMIN = Actor(username="root.admin", role="admin")
FOCAL_XA = Actor(username="focal.xa", role="focal_point", countries=frozenset({"XA"}))
FOCAL_XB = Actor(username="focal.xb", role="focal_point", countries=frozenset({"XB"}))
ANALYST_XA = Actor(username="analyst.xa", role="analyst", countries=frozenset({"XA"}))
VIEWER_XA = Actor(username="viewer.xa", role="viewer", countries=frozenset({"XA"}))


REAL_HASHER = passwords._hasher  # what riskframe uses; test_passwords checks its strength
# The same algorithm (argon2id) at a fraction of the cost: every test here hashes and verifies
# many passwords, and the cost parameters are not what these tests are about.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(passwords, "_hasher", FAST_HASHER)
    passwords._dummy_hash.cache_clear()  # the dummy hash is made by the hasher in use
    yield
    passwords._dummy_hash.cache_clear()


class Clock:
    """A clock the test moves by hand (lockout windows)."""

    def __init__(self, start: dt.datetime = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings() -> Settings:
    return Settings(max_failed_sign_ins=5, lockout_minutes=15, password_min_length=12)


@pytest.fixture
def accounts(store: Store, settings: Settings, clock: Clock) -> Accounts:
    return Accounts(store, settings, clock=clock)


@pytest.fixture
def people(accounts: Accounts) -> Accounts:
    """An admin, focal points of XA and XB, an analyst and a viewer of XA (all with PASSWORD)."""
    accounts.add(Actor.system("setup"), ADMIN.username, PASSWORD, "admin")
    for who in (FOCAL_XA, FOCAL_XB, ANALYST_XA, VIEWER_XA):
        accounts.add(ADMIN, who.username, PASSWORD, who.role, who.countries)
    return accounts


def fill(store: Store, actor: Actor, country: str, period: str = "2026-Q1", evidence: str = "Observed.",
         submit: bool = False) -> int:
    """Create an assessment with two entries and a vulnerable group; returns its id."""
    store.ensure_country(actor, country, f"{country} (fictional)")
    a = store.create_assessment(actor, country, period, FRAMEWORK, VERSION)
    rev = store.save_entries(actor, a.id, a.revision, {"1.1": EntryIn(score=2, evidence=evidence),
                                                       "1.2": EntryIn(score=1)}, IDS).revision
    rev = store.save_vulnerable_groups(actor, a.id, rev, [VulnerableGroupIn(name=f"group of {evidence}")]).revision
    if submit:
        store.transition(actor, a.id, "submitted", rev)
    return a.id


@pytest.fixture
def two_countries(store: Store) -> dict[str, int]:
    """XA and XB each with one submitted assessment (by their focal points); XB holds SECRET."""
    return {"XA": fill(store, FOCAL_XA, "XA", submit=True),
            "XB": fill(store, FOCAL_XB, "XB", evidence=SECRET, submit=True)}


@pytest.fixture(scope="session")
def fw():
    from riskframe.framework import load_framework
    from riskframe.settings import REPO_ROOT

    return load_framework(REPO_ROOT / "indicators")


def run_cli(url: str, *args: object, user: str | None = None, password: str = PASSWORD, stdin: str | None = None,
            data_dir: Path | None = None) -> Result:
    """`riskframe ARGS` in this process with click's runner, as a user would run it: only the
    RISKFRAME_* variables given here are set (Settings reads them from the environment), standard
    input is not a terminal, and an unexpected exception fails the test instead of becoming exit 1.
    The result also answers to `returncode`, like a finished subprocess."""
    from riskframe.cli import cli

    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("RISKFRAME_")}
    env["RISKFRAME_DATABASE_URL"] = url
    if data_dir is not None:
        env["RISKFRAME_DATA_DIR"] = str(data_dir)
    if user:
        env.update(RISKFRAME_USER=user, RISKFRAME_PASSWORD=password)
    result = CliRunner().invoke(cli, [str(a) for a in args], input=stdin, env=env, catch_exceptions=False,
                                prog_name="riskframe")
    result.returncode = result.exit_code  # type: ignore[attr-defined]
    return result
