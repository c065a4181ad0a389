"""Passwords: argon2id hashes only, a policy that never echoes the password, and no plaintext
anywhere in the database after every path that handles one (both engines)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from riskframe.accounts import SignInFailed, passwords
from riskframe.store import Actor, InvalidInput
from riskframe.store.models import Base
from tests.accounts.conftest import ADMIN, PASSWORD, REAL_HASHER


def dump(store) -> str:
    """Every row of every table as text."""
    out = []
    with store.db.read() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                out.append(f"{table.name}: {tuple(row)!r}")
    return "\n".join(out)


def test_riskframe_hashes_with_at_least_argon2s_recommended_cost():
    """The other tests here use a cheaper hasher (conftest.fast_hashing); this one checks the real one."""
    from argon2 import DEFAULT_MEMORY_COST, DEFAULT_TIME_COST, Type

    assert REAL_HASHER.type is Type.ID
    assert REAL_HASHER.time_cost >= DEFAULT_TIME_COST and REAL_HASHER.memory_cost >= DEFAULT_MEMORY_COST
    assert REAL_HASHER.hash(PASSWORD).startswith("$argon2id$v=19$m=65536,t=3")


def test_hash_is_argon2id_and_verifies():
    digest = passwords.hash_password(PASSWORD)
    assert digest.startswith("$argon2id$") and PASSWORD not in digest
    assert passwords.verify_password(digest, PASSWORD)
    assert not passwords.verify_password(digest, PASSWORD + "!")
    assert not passwords.verify_password(None, PASSWORD) and not passwords.verify_password("junk", PASSWORD)
    assert passwords.hash_password(PASSWORD) != digest  # salted


@pytest.mark.parametrize("bad,rule", [("short-pw", "at least 12"), (" " * 14, "only spaces"),
                                      ("someone.long.name", "not be the username")])
def test_policy_names_the_rule_never_the_password(accounts, bad, rule):
    accounts.add(Actor.system(), "first.admin", PASSWORD, "admin")
    with pytest.raises(InvalidInput, match=rule) as caught:
        accounts.add(Actor(username="first.admin", role="admin"), "someone.long.name", bad, "viewer", ["XA"])
    assert caught.value.value == passwords.HIDDEN
    if bad.strip() and bad != "someone.long.name":
        assert bad not in str(caught.value)
    assert [a.username for a in accounts.list(Actor(username="first.admin", role="admin"))] == ["first.admin"]


def test_no_plaintext_password_anywhere_in_the_database(store, accounts, tmp_path: Path):
    chosen = {"admin": "Adm1n-plaintext-Zebra", "focal": "F0cal-plaintext-Quokka", "wrong": "Wr0ng-plaintext-Okapi",
              "new": "N3w-plaintext-Narwhal", "own": "0wn-plaintext-Axolotl", "mistyped": "M1styped-plaintext-Ibis"}
    accounts.add(Actor.system(), "admin.one", chosen["admin"], "admin", email="admin@example.org")
    admin = accounts.sign_in("admin@example.org", chosen["admin"])
    accounts.add(admin, "focal.one", chosen["focal"], "focal_point", ["XA"])
    for attempt in (chosen["wrong"], chosen["mistyped"]):
        with pytest.raises(SignInFailed):
            accounts.sign_in("focal.one", attempt)
    with pytest.raises(SignInFailed):
        accounts.sign_in("nobody.here", chosen["wrong"])
    accounts.set_password(admin, "focal.one", chosen["new"])
    focal = accounts.sign_in("focal.one", chosen["new"])
    accounts.set_password(focal, "focal.one", chosen["own"], current_password=chosen["new"])
    with pytest.raises(InvalidInput):
        accounts.set_password(focal, "focal.one", "x", current_password=chosen["own"])
    text = dump(store)
    assert "$argon2id$" in text and "focal.one" in text
    for password in chosen.values():
        assert password not in text, f"{password} found in the database"
        assert password.lower() not in text.lower()
    if store.db.is_sqlite:  # the file itself, pages not yet checkpointed included
        database = Path(store.db.url.database)
        raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
        for password in chosen.values():
            assert password.encode() not in raw


def test_account_out_never_carries_the_hash(people):
    for account in people.list(ADMIN):
        assert "$argon2" not in account.model_dump_json() and account.has_password
