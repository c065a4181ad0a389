"""A process killed at any point of a write leaves all of it or none of it, on both engines.

Each case runs one action (save a section, copy forward, restore a backup) in a forked child that
dies with os._exit — as abruptly as `kill -9`, no clean-up, no rollback of its own — just before its
k-th SQL statement, for k spread over the whole action. The parent then checks the database holds the
state from before or the state from after, nothing in between, and passes an integrity check.
"""

from __future__ import annotations

import multiprocessing
import os
import random

import pytest
from sqlalchemy import event, text
from store_helpers import FRAMEWORK, IDS, VERSION, validated

from riskframe.domain import EntryIn
from riskframe.store import Actor, Store, open_store

ADMIN = Actor(username="alice", role="admin")
SECTION = {f"{f}.{n}": {"score": (f + n) % 4, "evidence": f"kill test {f}.{n}"} for f in (1, 2, 3) for n in (1, 2, 3)}
_FORK = multiprocessing.get_context("fork")


def _die_at(store: Store, k: int) -> None:
    """Make this process die, as kill -9 would, just before its k-th statement (1-based)."""
    seen = {"n": 0}

    @event.listens_for(store.db.engine, "before_cursor_execute")
    def _count(*_args: object) -> None:
        seen["n"] += 1
        if seen["n"] == k:
            os._exit(9)


def _child(url: str, action: str, k: int, arg: object) -> None:
    store = open_store(url)
    _die_at(store, k)
    if action == "save":
        store.save_entries(ADMIN, int(arg), 1, SECTION, IDS)  # type: ignore[call-overload]
    elif action == "copy_forward":
        store.copy_forward(ADMIN, "KE", "2026-Q1", FRAMEWORK, VERSION)
    elif action == "restore":
        store.restore(ADMIN, str(arg))
    elif action == "import":
        _import(store, arg)
    os._exit(0)


def _import(store: Store, data: object) -> None:
    from riskframe.excel.importer import apply_import, plan_import
    from riskframe.excel.reader import read_template
    from riskframe.framework import load_framework

    fw = load_framework()
    apply_import(store, ADMIN, fw, plan_import(store, ADMIN, fw, read_template(data, fw, max_mb=10)))


def _statements(url: str, action: str, arg: object) -> int:
    """How many statements the whole action runs (a dry run in a child that never dies)."""
    queue = _FORK.Queue()

    def count() -> None:
        store = open_store(url)
        seen = {"n": 0}

        @event.listens_for(store.db.engine, "before_cursor_execute")
        def _count(*_args: object) -> None:
            seen["n"] += 1

        if action == "save":
            store.save_entries(ADMIN, int(arg), 1, SECTION, IDS)  # type: ignore[call-overload]
        elif action == "copy_forward":
            store.copy_forward(ADMIN, "KE", "2026-Q1", FRAMEWORK, VERSION)
        elif action == "import":
            _import(store, arg)
        else:
            store.restore(ADMIN, str(arg))
        queue.put(seen["n"])

    proc = _FORK.Process(target=count)
    proc.start()
    proc.join(120)
    return queue.get(timeout=5)


def _kill_points(total: int) -> list[int]:
    rng = random.Random(total)
    inner = rng.sample(range(2, total), min(3, max(total - 2, 0))) if total > 2 else []
    return sorted({1, total, *inner})


def _integrity(store: Store) -> None:
    with store.db.read() as session:
        if store.db.is_sqlite:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    for a in store.list_assessments(ADMIN):
        revisions = store.list_revisions(ADMIN, a.id)
        assert [r.number for r in revisions] == list(range(1, a.revision + 1)), a
        store.get_assessment(ADMIN, a.id)


def _state(store: Store) -> list[tuple]:
    out: list[tuple] = [tuple(c.code for c in store.list_countries(ADMIN))]
    for a in store.list_assessments(ADMIN):
        view = store.get_assessment(ADMIN, a.id)
        out.append((a.country, a.period, a.revision, a.status,
                    sorted((i, e.score, e.evidence, e.carried_over) for i, e in view.entries.items())))
    return out


def _run_killed(url: str, action: str, arg: object, reset, expected_before, expected_after) -> None:
    total = _statements(url, action, arg)
    reset()
    for k in _kill_points(total):
        proc = _FORK.Process(target=_child, args=(url, action, k, arg))
        proc.start()
        proc.join(120)
        assert proc.exitcode == 9, f"the child should have died at statement {k} of {total}"
        with open_store(url) as store:
            _integrity(store)
            state = _state(store)
        assert state in (expected_before, expected_after), f"half-written after a kill at statement {k}/{total}"
        reset()


@pytest.mark.parametrize("action", ["save", "copy_forward"])
def test_kill_during_a_write_leaves_all_or_nothing(store, database_url, action):
    if action == "save":
        a = store.create_assessment(ADMIN, "KE", "2026-Q1", FRAMEWORK, VERSION)
        arg: object = a.id
    else:
        validated(store, ADMIN, "KE", "2025-Q4", {"1.1": EntryIn(score=2, evidence="kept")})
        arg = None
    before = _state(store)
    after_store = _snapshot_after(store, action, arg)
    after = _state(after_store)
    assert after != before

    def reset() -> None:
        _restore_state(store, action, arg)

    reset()
    _run_killed(database_url, action, arg, reset, before, after)


def _snapshot_after(store: Store, action: str, arg: object) -> Store:
    if action == "save":
        store.save_entries(ADMIN, int(arg), 1, SECTION, IDS)  # type: ignore[call-overload]
    else:
        store.copy_forward(ADMIN, "KE", "2026-Q1", FRAMEWORK, VERSION)
    return store


def _restore_state(store: Store, action: str, arg: object) -> None:
    """Bring the database back to the state before the action (delete what the action added)."""
    with store.db.write() as session:
        if action == "save":
            later = {"entry_heads": "1=1", "revisions": "number > 1"}
            for table in ("entry_heads", "entry_versions", "audit_log", "revisions"):
                session.execute(text(f"DELETE FROM {table} WHERE assessment_id = :a AND "
                                     + later.get(table, "revision > 1")), {"a": arg})
            session.execute(text("UPDATE assessments SET revision = 1 WHERE id = :a"), {"a": arg})
        else:
            ids = [r[0] for r in session.execute(text(
                "SELECT a.id FROM assessments a JOIN periods p ON p.id = a.period_id WHERE p.label = '2026-Q1'"))]
            for table in ("entry_heads", "entry_versions", "vulnerable_group_versions", "consultation_versions",
                          "measure_versions", "audit_log", "revisions"):
                for a in ids:
                    session.execute(text(f"DELETE FROM {table} WHERE assessment_id = :a"), {"a": a})
            for a in ids:
                session.execute(text("DELETE FROM assessments WHERE id = :a"), {"a": a})


def test_kill_during_a_restore_leaves_an_empty_database(store, empty_url, tmp_path):
    validated(store, ADMIN, "KE", "2025-Q4", {"1.1": EntryIn(score=2, evidence="kept")})
    path = tmp_path / "b.json"
    store.backup(ADMIN, path)
    after = _state(store)

    def reset() -> None:
        with open_store(empty_url) as target, target.db.write() as session:
            from riskframe.store.models import Base

            for table in reversed(Base.metadata.sorted_tables):
                session.execute(table.delete())

    _run_killed(empty_url, "restore", path, reset, [()], after)


def test_kill_during_an_import_that_creates_the_assessment(store, database_url):
    """The import creates the country, the assessment and its content: all in one transaction."""
    from riskframe.excel.template import template_bytes
    from riskframe.framework import load_framework
    from tests.excel.helpers import fill

    fw = load_framework()
    data = fill(template_bytes(fw, "XA", "2026-Q3"), {"1.1": {"score": 2, "evidence": "from the field"},
                                                      "2.3": {"score": 1}})
    before = _state(store)
    _import(store, data)
    after = _state(store)
    assert after != before and "XA" in after[0]

    def reset() -> None:
        with store.db.write() as session:
            ids = [r[0] for r in session.execute(text("SELECT id FROM assessments WHERE country_code = 'XA'"))]
            for table in ("entry_heads", "entry_versions", "audit_log", "revisions"):
                for a in ids:
                    session.execute(text(f"DELETE FROM {table} WHERE assessment_id = :a"), {"a": a})
            session.execute(text("DELETE FROM assessments WHERE country_code = 'XA'"))
            session.execute(text("DELETE FROM audit_log WHERE assessment_id IS NULL"))
            session.execute(text("DELETE FROM countries WHERE code = 'XA'"))

    reset()
    _run_killed(database_url, "import", data, reset, before, after)
