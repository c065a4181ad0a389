"""Sign-in: lockout after repeated failures and unlock after the window (injected clock), the
same answer whatever the reason, and every attempt in the audit log (both engines)."""

from __future__ import annotations

import pytest

from riskframe.accounts import Accounts, SignInFailed
from riskframe.settings import Settings
from riskframe.store import Actor
from tests.accounts.conftest import ADMIN, FOCAL_XA, PASSWORD


def fail(accounts, name, password="wrong password!", channel="app") -> SignInFailed:
    with pytest.raises(SignInFailed) as caught:
        accounts.sign_in(name, password, channel)
    return caught.value


def test_five_failures_lock_for_fifteen_minutes_then_unlock(people, clock):
    for n in range(1, 5):
        assert fail(people, FOCAL_XA.username).reason == "wrong_password"
        assert people.get(ADMIN, FOCAL_XA.username).failed_sign_ins == n
    assert fail(people, FOCAL_XA.username).reason == "wrong_password"  # the fifth: locked now
    locked = people.get(ADMIN, FOCAL_XA.username)
    assert locked.locked_until == clock.now.replace(minute=15)
    assert fail(people, FOCAL_XA.username, PASSWORD).reason == "locked"  # even the right password
    clock.advance(minutes=14, seconds=59)
    assert fail(people, FOCAL_XA.username, PASSWORD).reason == "locked"
    clock.advance(seconds=1)
    assert people.sign_in(FOCAL_XA.username, PASSWORD) == FOCAL_XA
    after = people.get(ADMIN, FOCAL_XA.username)
    assert (after.failed_sign_ins, after.locked_until, after.last_sign_in_at) == (0, None, clock.now)


def test_an_expired_lock_counts_afresh_and_a_success_resets(people, clock):
    for _ in range(5):
        fail(people, FOCAL_XA.username)
    clock.advance(minutes=16)
    assert fail(people, FOCAL_XA.username).reason == "wrong_password"
    assert people.get(ADMIN, FOCAL_XA.username).failed_sign_ins == 1  # not locked again at once
    people.sign_in(FOCAL_XA.username, PASSWORD)
    for _ in range(4):
        fail(people, FOCAL_XA.username)
    assert people.sign_in(FOCAL_XA.username, PASSWORD).username == FOCAL_XA.username  # four is not five


def test_limits_come_from_the_settings(store, clock):
    accounts = Accounts(store, Settings(max_failed_sign_ins=2, lockout_minutes=1), clock=clock)
    accounts.add(Actor.system(), "admin.two", PASSWORD, "admin")
    fail(accounts, "admin.two")
    fail(accounts, "admin.two")
    assert fail(accounts, "admin.two", PASSWORD).reason == "locked"
    clock.advance(minutes=1)
    assert accounts.sign_in("admin.two", PASSWORD).role == "admin"


def test_an_admin_reset_ends_a_lockout(people):
    for _ in range(5):
        fail(people, FOCAL_XA.username)
    people.set_password(ADMIN, FOCAL_XA.username, "a brand new passphrase")
    assert people.sign_in(FOCAL_XA.username, "a brand new passphrase") == FOCAL_XA


def test_unknown_disabled_and_wrong_look_the_same(people):
    people.set_active(ADMIN, FOCAL_XA.username, False)
    answers = [fail(people, "nobody.at.all", PASSWORD), fail(people, FOCAL_XA.username, PASSWORD),
               fail(people, "viewer.xa"), fail(people, "", "")]
    assert [a.reason for a in answers] == ["unknown_account", "disabled", "wrong_password", "no_username"]
    assert len({str(a) for a in answers}) == 1
    people.set_active(ADMIN, FOCAL_XA.username, True)
    assert people.sign_in(FOCAL_XA.username.upper(), PASSWORD) == FOCAL_XA  # usernames ignore case


def test_every_attempt_is_audited(people, store, clock):
    people.sign_in(FOCAL_XA.username, PASSWORD, channel="cli")
    for _ in range(5):
        fail(people, FOCAL_XA.username)
    fail(people, "ghost", PASSWORD)
    rows = store.audit_log(ADMIN, action="auth.")
    seen = [(r.actor, r.action, (r.detail or {}).get("reason"), (r.detail or {}).get("channel")) for r in rows[::-1]]
    assert seen[0] == (FOCAL_XA.username, "auth.sign_in", None, "cli")
    assert seen[1:6] == [(FOCAL_XA.username, "auth.sign_in_failed", "wrong_password", "app")] * 5
    assert seen[6] == (FOCAL_XA.username, "auth.locked", None, "app")
    assert seen[7] == ("ghost", "auth.sign_in_failed", "unknown_account", "app")
    assert all(r.at == clock.now for r in rows)
    assert store.audit_log(FOCAL_XA, action="auth.") == []  # sign-ins are for admins to read
