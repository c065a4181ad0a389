"""entries_frame: one query, long format, stable dtypes; data_version moves on every write."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import event
from store_helpers import FRAMEWORK, VERSION, validated

from riskframe.domain import EntryIn

EXPECTED = {
    "assessment_id": "int64", "country": "string", "period": "string", "period_start": "datetime64[ns]",
    "status": "string", "revision": "int64", "indicator_id": "string", "score": "Int64", "missing": "string",
    "confidence": "string", "evidence": "string", "changed_by": "string", "changed_at": "datetime64[ns, UTC]",
}


def test_entries_frame_shape_and_dtypes(store, alice, ids):
    empty = store.entries_frame(alice)
    assert list(empty.columns) == list(EXPECTED) and len(empty) == 0
    assert {c: str(t) for c, t in empty.dtypes.items()} == EXPECTED
    old = validated(store, alice, "KE", "2025-Q4", {"1.1": EntryIn(score=2), "1.2": EntryIn(missing="unknown")})
    new = store.create_assessment(alice, "UG", "2026-Q1", FRAMEWORK, VERSION)
    rev = store.save_entries(alice, new.id, 1, {"1.1": EntryIn(score=0, confidence="low", evidence="calm")}, ids).revision
    store.save_entries(alice, new.id, rev, {"1.1": EntryIn(score=1, confidence="low", evidence="calm")}, ids)

    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(store.db.engine, "before_cursor_execute", listener)
    try:
        frame = store.entries_frame(alice)
    finally:
        event.remove(store.db.engine, "before_cursor_execute", listener)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert {c: str(t) for c, t in frame.dtypes.items()} == EXPECTED
    assert len(frame) == 3  # the head version only: UG 1.1 appears once
    ug = frame[frame["country"] == "UG"].iloc[0]
    assert (ug["score"], ug["confidence"], ug["revision"], ug["changed_by"]) == (1, "low", 3, "alice")
    ke = frame[frame["country"] == "KE"].set_index("indicator_id")
    assert pd.isna(ke.loc["1.2", "score"]) and ke.loc["1.2", "missing"] == "unknown"
    assert ke.loc["1.1", "period_start"] == pd.Timestamp("2025-10-01")
    assert set(store.entries_frame(alice, statuses=["validated"])["assessment_id"]) == {old.id}
    assert len(store.entries_frame(alice, statuses="draft")) == 1


def test_data_version_changes_on_every_write(store, alice, draft, ids):
    seen = {store.data_version()}
    store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1)}, ids)
    seen.add(store.data_version())
    store.ensure_country(alice, "XA", "Freedonia")
    seen.add(store.data_version())
    store.transition(alice, draft.id, "submitted", 2)
    seen.add(store.data_version())
    assert len(seen) == 4
    assert store.data_version() == store.data_version()
