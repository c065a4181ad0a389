"""Parallel guesses cannot overrun the lockout: at most `max_failed_sign_ins` passwords are checked,
and the right password sent in (or after) the burst is refused until the lock ends. Threads and two
processes, on SQLite and PostgreSQL; the attempts are counted atomically before the check."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from riskframe.accounts import Accounts, SignInFailed, passwords
from riskframe.settings import Settings
from riskframe.store import open_store
from tests.accounts.conftest import ADMIN, FOCAL_XA, PASSWORD

_FORK = multiprocessing.get_context("fork")
GUESSES = 24


def _wrong_checks(store) -> int:
    return sum(1 for e in store.audit_log(ADMIN, action="auth.sign_in_failed")
               if (e.detail or {}).get("reason") == "wrong_password")


def test_parallel_guesses_in_threads(people, store):
    checked: list[int] = []
    real = passwords.verify_password

    def counting(stored, given):
        checked.append(1)
        return real(stored, given)

    start = threading.Barrier(GUESSES)
    outcomes: list[str] = []

    def guess(n: int) -> None:
        accounts = Accounts(open_store(store.url), people.settings)
        password = f"wrong guess {n}"
        start.wait(timeout=30)
        try:
            accounts.sign_in(FOCAL_XA.username, password)
            outcomes.append("signed in")
        except SignInFailed as exc:
            outcomes.append(exc.reason)
        finally:
            accounts.store.close()

    passwords_verify = passwords.verify_password
    try:
        passwords.verify_password = counting  # type: ignore[assignment]
        threads = [threading.Thread(target=guess, args=(n,)) for n in range(1, GUESSES + 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        passwords.verify_password = passwords_verify  # type: ignore[assignment]
    assert len(checked) <= people.settings.max_failed_sign_ins, (len(checked), outcomes)
    assert _wrong_checks(store) <= people.settings.max_failed_sign_ins
    assert people.get(ADMIN, FOCAL_XA.username).locked_until is not None
    with pytest.raises(SignInFailed) as refused:  # the right password, now: still locked
        people.sign_in(FOCAL_XA.username, PASSWORD)
    assert refused.value.reason == "locked"


def _guess_in_process(url: str, barrier, results, n: int) -> None:
    settings = Settings(max_failed_sign_ins=5, lockout_minutes=15)
    accounts = Accounts(open_store(url), settings)
    barrier.wait(timeout=60)
    for k in range(GUESSES // 2):
        try:
            accounts.sign_in(FOCAL_XA.username, f"wrong {n}-{k}")
            results.put("signed in")
        except SignInFailed as exc:
            results.put(exc.reason)


def test_parallel_guesses_from_two_processes(people, store):
    barrier, results = _FORK.Barrier(2), _FORK.Queue()
    procs = [_FORK.Process(target=_guess_in_process, args=(store.url, barrier, results, n)) for n in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=180)
    reasons = [results.get(timeout=5) for _ in range(GUESSES)]
    assert reasons.count("wrong_password") <= 5 and "signed in" not in reasons, reasons
    assert _wrong_checks(store) <= 5
    with pytest.raises(SignInFailed) as refused:
        people.sign_in(FOCAL_XA.username, PASSWORD)
    assert refused.value.reason == "locked"


def test_a_right_password_refused_when_the_account_locked_meanwhile(people, store, clock):
    """The right password passed its check, but guesses locked the account before it was recorded."""
    for _ in range(4):
        with pytest.raises(SignInFailed):
            people.sign_in(FOCAL_XA.username, "wrong password!")
    real = passwords.verify_password

    def lock_meanwhile(stored, given):
        ok = real(stored, given)
        _lock(store, clock)
        return ok

    passwords_verify = passwords.verify_password
    try:
        passwords.verify_password = lock_meanwhile  # type: ignore[assignment]
        with pytest.raises(SignInFailed) as refused:
            people.sign_in(FOCAL_XA.username, PASSWORD)
    finally:
        passwords.verify_password = passwords_verify  # type: ignore[assignment]
    assert refused.value.reason == "locked"


def _lock(store, clock) -> None:
    """Someone else's fifth failure lands while the right password is being checked."""
    import datetime as dt

    store.record_failed_sign_in(FOCAL_XA.username, "app", 5, dt.timedelta(minutes=15), at=clock.now)
