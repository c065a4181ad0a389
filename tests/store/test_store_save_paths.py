"""The save path's fast statements store and read exactly what the plain ones do, on both engines.

PostgreSQL inserts a save's rows as one `INSERT … SELECT FROM unnest(arrays)` per table and reads the
state of the saved keys with one index step per key (LATERAL … LIMIT 1); these tests compare both with
the plain forms (an executemany; DISTINCT ON over the whole history / a Python reference).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError
from store_helpers import FRAMEWORK, IDS, VERSION

from riskframe.domain import EntryIn
from riskframe.store import InvalidInput, MeasureIn, VulnerableGroupIn
from riskframe.store import models as m
from riskframe.store.errors import StoreError
from riskframe.store.fields import ENTRIES, MEASURES, VULNERABLE_GROUPS
from riskframe.store.revisions import state_at
from riskframe.store.rowwrite import insert_rows

AT = dt.datetime(2026, 12, 3, 23, 59, 58, 123456, tzinfo=dt.UTC)
TRICKY = ["", "plain", "ünïcödé ✓", 'quote " and \\ backslash', "{braces,comma}", "NULL", "  spaced  ", "line\nbreak"]
JSONS = [None, [], {}, "text", 0, 1.5, True, ["a", {"b": [1, None]}], {"k": "ü", "n": None}, "NULL", "{x}"]


def _rows(assessment_id: int) -> dict[type, list[dict]]:
    """Rows of every kind a save writes, with the awkward values each column can hold."""
    versions = [{"assessment_id": assessment_id, "indicator_id": f"1.{k + 1}", "revision": 2, "author": TRICKY[k],
                 "at": AT, "score": None if k % 3 == 0 else k % 4, "missing": "unknown" if k % 3 == 0 else None,
                 "confidence": [None, "low", "high"][k % 3], "evidence": TRICKY[-1 - k],
                 "sources": [[], [{"title": TRICKY[k], "url": None}], [{"n": 1}]][k % 3],
                 "comment": TRICKY[k], "trend": [None, "rising"][k % 2], "carried_over": k % 2 == 0}
                for k in range(len(TRICKY))]
    audit = [{"at": AT, "actor": "alice", "action": "entries.save", "assessment_id": assessment_id, "revision": 2,
              "field": f"entries.1.{k}.score", "old_value": old, "new_value": new, "detail": [None, {"d": old}][k % 2]}
             for k, (old, new) in enumerate(zip(JSONS, reversed(JSONS)))]
    measures = [{"assessment_id": assessment_id, "item_key": f"m{k}", "revision": 2, "author": "alice", "at": AT,
                 "title": TRICKY[k], "description": "", "linked_ids": [None, [], ["1.1", "R1.2"]][k % 3],
                 "type": [None, "dialogue"][k % 2], "owner": None, "due_date": [None, dt.date(2027, 2, 28)][k % 2],
                 "status": "planned", "follow_up": "", "previous_measure_id": None, "option_id": None,
                 "due_period": None, "status_reason": None, "upr_recommendation_id": None,
                 "upr_recommendation_text": None, "deleted": k == 3}
                for k in range(5)]
    return {m.EntryVersion: versions, m.AuditLog: audit, m.MeasureVersion: measures}


def _stored(store, model, assessment_id: int) -> list[tuple]:
    """Every column but the id of the rows written at revision 2 (the test's), as the database's own text
    on PostgreSQL (so JSON text and time zones compare exactly)."""
    table = model.__table__
    columns = [c for c in table.c if c.name not in ("id", "assessment_id")]
    on_pg = store.db.dialect == "postgresql"
    query = select(*[c.cast(m.Text) if on_pg else c for c in columns]).where(table.c.assessment_id == assessment_id,
                                                                                    table.c.revision == 2)
    with store.db.read() as session:
        return sorted(tuple(r) for r in session.execute(query.order_by(*columns[:3])))


def test_fast_insert_stores_exactly_what_an_executemany_stores(store, alice):
    fast = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    plain = store.create_assessment(alice, "KE", "2026-Q2", FRAMEWORK, VERSION)
    with store.db.write() as session:
        insert_rows(session, [(model, rows, None) for model, rows in _rows(fast.id).items()])
        for model, rows in _rows(plain.id).items():
            by_column = [{("measure_type" if k == "type" else k): v for k, v in row.items()} for row in rows]
            session.connection().execute(insert(model.__table__), by_column)
    for model in (m.EntryVersion, m.AuditLog, m.MeasureVersion):
        fast_rows, plain_rows = _stored(store, model, fast.id), _stored(store, model, plain.id)
        assert fast_rows == plain_rows, model.__tablename__
        assert len(fast_rows) == len(_rows(fast.id)[model])


def test_fast_upsert_moves_existing_heads_and_adds_new_ones(store, alice, ids):
    a = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    rev = store.save_entries(alice, a.id, 1, {"1.1": EntryIn(score=1), "1.2": EntryIn(score=2)}, ids).revision
    rev = store.save_entries(alice, a.id, rev, {"1.2": EntryIn(score=3), "1.3": EntryIn(score=0)}, ids).revision
    heads = m.EntryHead.__table__
    with store.db.read() as session:
        got = {k: r for k, r in session.execute(select(heads.c.indicator_id, heads.c.revision)  # noqa: C416 (a Result has keys(): dict() would index it)
                                                .where(heads.c.assessment_id == a.id))}
    assert got == {"1.1": 2, "1.2": 3, "1.3": 3}


def test_a_value_too_long_for_its_column_is_refused_or_kept_whole_never_cut(store, alice):
    """An explicit cast to VARCHAR(n) would cut silently; the arrays are text, so PostgreSQL's column
    refuses the value. SQLite does not enforce VARCHAR lengths: there the value is kept whole."""
    a = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    row = _rows(a.id)[m.EntryVersion][1]
    long_id = "9." + "9" * 60
    if store.db.is_sqlite:
        with store.db.write() as session:
            insert_rows(session, [(m.EntryVersion, [{**row, "indicator_id": long_id}], None)])
        assert [r[0] for r in _stored(store, m.EntryVersion, a.id)] == [long_id]
        return
    with pytest.raises((DBAPIError, StoreError)):
        with store.db.write() as session:
            insert_rows(session, [(m.EntryVersion, [{**row, "indicator_id": long_id}], None)])
    assert _stored(store, m.EntryVersion, a.id) == []


def test_nul_inside_an_array_parameter_is_refused_by_the_last_line(store, alice):
    a = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    row = _rows(a.id)[m.EntryVersion][1]
    with pytest.raises(InvalidInput, match="NUL character"):
        with store.db.write() as session:
            insert_rows(session, [(m.EntryVersion, [row, {**row, "indicator_id": "1.9", "comment": "a\x00b"}], None)])
    assert _stored(store, m.EntryVersion, a.id) == []


def _reference(store, coll, assessment_id: int, revision: int) -> dict:
    """The latest version of each key at `revision`, computed in Python from every stored version."""
    table = coll.model.__table__
    with store.db.read() as session:
        rows = session.execute(select(table).where(table.c.assessment_id == assessment_id)).mappings().all()
    key_column = coll.key_column.property.columns[0].name
    latest: dict = {}
    for row in sorted(rows, key=lambda r: r["revision"]):
        if row["revision"] <= revision:
            latest[row[key_column]] = row["revision"]
    return latest


def test_state_by_key_equals_the_whole_state_and_a_python_reference(store, alice):
    """Random saves of entries and list items, then at every revision and for random key sets: the
    by-key state (PostgreSQL: LATERAL per key) equals the whole state (DISTINCT ON) cut to those keys,
    and both name the version a Python scan of the history names."""
    rng = random.Random(18)
    ids = sorted(IDS)
    a = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    rev, groups = a.revision, []
    for n in range(25):
        if n % 4 == 3:
            items = [VulnerableGroupIn(name=f"group {n}")] + [g.model_copy(update={"deleted": True}) for g in groups[:1]]
            result = store.save_vulnerable_groups(alice, a.id, rev, items)
            groups = list(store.get_assessment(alice, a.id).vulnerable_groups)
            rev = result.revision
        elif n % 7 == 6:
            rev = store.save_measures(alice, a.id, rev, [MeasureIn(title=f"m{n}")]).revision
        else:
            picked = rng.sample(ids[:12], rng.randint(1, 5))
            rev = store.save_entries(alice, a.id, rev, {i: EntryIn(score=rng.randint(0, 3), evidence=f"{n}")
                                                        for i in picked}, IDS).revision
    with store.db.read() as session:
        for coll in (ENTRIES, VULNERABLE_GROUPS, MEASURES):
            for revision in range(1, rev + 1):
                whole = state_at(session, coll, a.id, revision)
                expected = _reference(store, coll, a.id, revision)
                assert {k: v.revision for k, v in whole.items()} == expected
                universe = sorted(expected) + ["absent", "9.9"]
                for _ in range(3):
                    keys = rng.sample(universe, rng.randint(1, len(universe)))
                    by_key = state_at(session, coll, a.id, revision, keys)
                    assert by_key == {k: v for k, v in whole.items() if k in keys}
    # the head state a save reads is what the view shows
    view = store.get_assessment(alice, a.id)
    with store.db.read() as session:
        head = state_at(session, ENTRIES, a.id, rev, list(view.entries))
    assert {k: v.flat["score"] for k, v in head.items()} == {k: e.score for k, e in view.entries.items()}


def _drop_connections(store) -> int:
    """Terminate every server process of the store's database but the caller's (a server restart)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    killer = create_engine(store.db.url, poolclass=NullPool)
    with killer.connect() as c:
        killed = c.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one()
    killer.dispose()
    return int(killed)


def test_connections_dropped_by_the_server_are_replaced(pg_store, alice, ids, monkeypatch):
    """Without a ping before every transaction: a save on a connection that died since its last use is
    run again once on a fresh one; a connection idle longer than PING_AFTER_S is pinged and replaced."""
    from riskframe.store import engine

    store = pg_store

    a = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    rev = store.save_entries(alice, a.id, a.revision, {"1.1": EntryIn(score=1)}, ids).revision
    assert _drop_connections(store) >= 1
    rev = store.save_entries(alice, a.id, rev, {"1.1": EntryIn(score=2)}, ids).revision
    assert store.write_retries == 1
    assert store.get_assessment(alice, a.id).entries["1.1"].score == 2
    monkeypatch.setattr(engine, "PING_AFTER_S", 0.0)  # every pooled connection counts as idle
    assert _drop_connections(store) >= 1
    view = store.get_assessment(alice, a.id)  # a read is never run twice: the ping finds the dead one
    assert (view.revision, view.entries["1.1"].score) == (rev, 2)
    assert store.write_retries == 1


def test_rows_naming_different_columns_are_refused_as_before(store, alice):
    """One array per column needs every row to name the same columns; other rows take the executemany
    path, which refuses a row lacking a value (nothing silently dropped or set to NULL)."""
    from sqlalchemy.exc import SQLAlchemyError

    a = store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    first, second = _rows(a.id)[m.AuditLog][:2]
    del second["detail"]
    with pytest.raises(SQLAlchemyError):
        with store.db.write() as session:
            insert_rows(session, [(m.AuditLog, [first, second], None)])
    assert _stored(store, m.AuditLog, a.id) == []
