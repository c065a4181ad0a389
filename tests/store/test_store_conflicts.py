"""No lost updates: the same field from the same base conflicts; disjoint fields both land;
two OS processes racing on one entry give exactly one winner on both engines."""

from __future__ import annotations

import multiprocessing
import threading

import pytest
from store_helpers import IDS, clean_main, save_in_process

from riskframe.domain import EntryIn
from riskframe.store import ConflictError, MeasureIn, open_store


def test_same_field_from_same_base_conflicts(store, alice, bob, draft, ids):
    base = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1, evidence="e")}, ids).revision
    mine = store.save_entries(alice, draft.id, base, {"1.1": EntryIn(score=2, evidence="e")}, ids)
    version = store.data_version()
    with pytest.raises(ConflictError) as caught:
        store.save_entries(bob, draft.id, base, {"1.1": EntryIn(score=3, evidence="e"), "1.2": EntryIn(score=1)}, ids)
    error = caught.value
    assert (error.base_revision, error.head_revision) == (base, mine.revision)
    [conflict] = error.conflicts
    assert (conflict.field, conflict.base, conflict.theirs, conflict.yours) == ("entries.1.1.score", 1, 2, 3)
    assert conflict.theirs_by == "alice" and conflict.theirs_at is not None
    assert "entries.1.1.score" in str(error)
    view = store.get_assessment(alice, draft.id)  # nothing written, not even the disjoint 1.2
    assert view.head_revision == mine.revision and "1.2" not in view.entries
    assert store.data_version() == version


def test_disjoint_fields_both_land(store, alice, bob, draft, ids):
    base = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1, evidence="old")}, ids).revision
    store.save_entries(alice, draft.id, base, {"1.1": EntryIn(score=2, evidence="old")}, ids)
    # bob edits the evidence of the same indicator and another indicator, from the same base
    result = store.save_entries(bob, draft.id, base, {"1.1": EntryIn(score=1, evidence="new"),
                                                      "2.1": EntryIn(score=3)}, ids)
    assert sorted(result.changed_fields) == ["entries.1.1.evidence", "entries.2.1.missing", "entries.2.1.score"]
    view = store.get_assessment(alice, draft.id)
    assert (view.entries["1.1"].score, view.entries["1.1"].evidence) == (2, "new")  # alice's score kept
    assert view.entries["2.1"].score == 3


def test_same_new_value_is_not_a_conflict(store, alice, bob, draft, ids):
    store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=2)}, ids)
    result = store.save_entries(bob, draft.id, 1, {"1.1": EntryIn(score=2)}, ids)
    assert result.changed_fields == []


def test_score_and_missing_conflict_together(store, alice, bob, draft, ids):
    store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(missing="unknown")}, ids)
    with pytest.raises(ConflictError) as caught:
        store.save_entries(bob, draft.id, 1, {"1.1": EntryIn(score=2)}, ids)
    assert {c.field for c in caught.value.conflicts} == {"entries.1.1.score", "entries.1.1.missing"}


def test_items_conflict_on_edit_versus_delete(store, alice, bob, draft):
    base = store.save_measures(alice, draft.id, 1, [MeasureIn(key="m1", title="Hotline"),
                                                     MeasureIn(key="m2", title="Radio")]).revision
    store.save_measures(alice, draft.id, base, [{"key": "m1", "deleted": True}])
    with pytest.raises(ConflictError) as caught:
        store.save_measures(bob, draft.id, base, [MeasureIn(key="m1", title="Hotline 24/7")])
    assert {c.field for c in caught.value.conflicts} == {"measures.m1.title", "measures.m1.deleted"}
    # a different item from the same base lands, and replace=True never deletes what bob never saw
    later = store.save_measures(bob, draft.id, base, [MeasureIn(key="m2", title="Radio shows"),
                                                      MeasureIn(key="m3", title="New")], replace=True)
    assert "measures.m1.deleted" not in later.changed_fields
    assert [m.key for m in store.get_assessment(bob, draft.id).measures] == ["m2", "m3"]


def test_stale_transition_is_a_conflict(store, alice, bob, draft, ids):
    store.save_entries(bob, draft.id, 1, {"4.1": EntryIn(score=1)}, ids)
    with pytest.raises(ConflictError) as caught:
        store.transition(alice, draft.id, "submitted", 1)
    assert [c.field for c in caught.value.conflicts] == ["entries.4.1.score", "entries.4.1.missing"]
    assert store.get_assessment(alice, draft.id).status.value == "draft"


@pytest.mark.postgres
def test_a_second_writer_waits_for_the_first_and_then_merges(pg_cluster, pg_template, alice, bob, ids):
    """PostgreSQL, READ COMMITTED: a save locks the assessment's row, so bob, arriving while alice's
    save is under way, waits instead of racing for the head revision (and retrying); once alice
    commits, bob's save merges at field level — disjoint fields both land, the same field changed
    from a stale base conflicts. (SQLite: BEGIN IMMEDIATE serialises writers the same way.)"""
    name = pg_cluster.create_database(template=pg_template)
    main, other = open_store(pg_cluster.url(name)), open_store(pg_cluster.url(name))
    try:
        a = main.create_assessment(alice, "KE", "2026-Q1", "f", "1")
        outcome: list[object] = []
        started: list[threading.Thread] = []

        def bob_arrives(base: int, entries: dict) -> None:
            def save() -> None:
                try:
                    outcome.append(other.save_entries(bob, a.id, base, entries, ids))
                except ConflictError as exc:
                    outcome.append(exc)
            thread = threading.Thread(target=save)
            thread.start()
            thread.join(timeout=0.5)
            assert thread.is_alive(), "bob should be waiting for alice's transaction"
            started.append(thread)

        main._before_cas = lambda: None if started else bob_arrives(1, {"2.1": EntryIn(score=2)})
        result = main.save_entries(alice, a.id, 1, {"1.1": EntryIn(score=1)}, ids)
        started[0].join(timeout=30)
        assert result.revision == 2 and outcome[0].revision == 3  # type: ignore[attr-defined]
        assert main.write_retries == 0
        view = main.get_assessment(alice, a.id)
        assert (view.entries["1.1"].score, view.entries["2.1"].score) == (1, 2)

        started.clear()
        outcome.clear()
        main._before_cas = lambda: None if started else bob_arrives(3, {"1.1": EntryIn(score=3)})
        assert main.save_entries(alice, a.id, 3, {"1.1": EntryIn(score=0)}, ids).revision == 4
        started[0].join(timeout=30)
        assert isinstance(outcome[0], ConflictError) and "entries.1.1.score" in str(outcome[0])
        assert main.get_assessment(alice, a.id).entries["1.1"].score == 0
    finally:
        main.close()
        other.close()
        pg_cluster.drop_database(name)


@pytest.mark.postgres
def test_eight_writers_on_one_assessment_different_fields_all_land(pg_cluster, pg_template, alice, ids):
    """PostgreSQL: eight writers (threads, each with its own store and connections) save their own
    indicator of ONE assessment over and over, each from the head it last saw. Nothing they change
    overlaps, so every save must land (no give-up, no conflict) and the last value each wrote must
    be what the assessment holds (no lost update); the revision count proves no save was dropped."""
    name = pg_cluster.create_database(template=pg_template)
    url = pg_cluster.url(name)
    setup = open_store(url)
    writers, saves = 8, 6
    fields = [f"{factor}.1" for factor in range(1, writers + 1)]
    problems: list[BaseException] = []
    try:
        a = setup.create_assessment(alice, "KE", "2026-Q1", "f", "1")

        def writer(w: int) -> None:
            store = open_store(url)
            try:
                rev = a.revision
                for n in range(saves):
                    rev = store.save_entries(alice, a.id, rev, {fields[w]: EntryIn(score=n % 4, evidence=f"{n}:w{w}")},
                                             ids).revision
            except BaseException as exc:  # a give-up (StoreError) or a conflict: what the test forbids
                problems.append(exc)
            finally:
                store.close()

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not problems, problems
        view = setup.get_assessment(alice, a.id)
        assert {f: view.entries[f].evidence for f in fields} == {f: f"{saves - 1}:w{w}" for w, f in enumerate(fields)}
        assert view.revision == a.revision + writers * saves
    finally:
        setup.close()
        pg_cluster.drop_database(name)


def test_two_processes_one_winner(store, database_url, alice, draft):
    """Two OS processes save entry 1.1 from the same base revision at the same moment."""
    base = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=0)}, IDS).revision
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=save_in_process, args=(database_url, draft.id, base, score, name, barrier, results))
               for score, name in ((2, "p1"), (3, "p2"))]
    with clean_main():
        for worker in workers:
            worker.start()
    outcomes = sorted(results.get(timeout=90) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
    kinds = sorted(kind for _, kind, _, _ in outcomes)
    assert kinds == ["conflict", "saved"], outcomes
    winner = next(o for o in outcomes if o[1] == "saved")
    loser = next(o for o in outcomes if o[1] == "conflict")
    assert winner[2] == base + 1 and loser[3] == ["entries.1.1.score"]
    view = store.get_assessment(alice, draft.id)
    assert view.head_revision == base + 1
    assert view.entries["1.1"].score == {"p1": 2, "p2": 3}[winner[0]]
    assert view.entries["1.1"].changed_by == winner[0]
