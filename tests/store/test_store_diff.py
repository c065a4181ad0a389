"""Diffs between two revisions of one assessment and between two assessments."""

from __future__ import annotations

import pytest
from store_helpers import FRAMEWORK, VERSION, validated

from riskframe.domain import EntryIn
from riskframe.store import MeasureIn, NotFound


def test_diff_between_revisions(store, alice, bob, draft, ids):
    r2 = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1, evidence="first look")}, ids).revision
    r3 = store.save_entries(bob, draft.id, r2, {"1.1": EntryIn(score=3, evidence="militia build-up")}, ids).revision
    r4 = store.save_measures(bob, draft.id, r3, [MeasureIn(key="m1", title="Hotline")]).revision
    changes = store.diff_revisions(alice, draft.id, r2, r4)
    by_field = {c.field: c for c in changes}
    assert set(by_field) == {"entries.1.1.score", "entries.1.1.evidence", "measures.m1"}
    score = by_field["entries.1.1.score"]
    assert (score.old, score.new, score.changed_by, score.evidence) == (1, 3, "bob", "militia build-up")
    assert by_field["measures.m1"].old is None and by_field["measures.m1"].new["title"] == "Hotline"
    assert store.diff_revisions(alice, draft.id, r4, r4) == []
    back = store.diff_revisions(alice, draft.id, r3, r2)
    assert {(c.field, c.old, c.new) for c in back} >= {("entries.1.1.score", 3, 1)}
    status = store.diff_revisions(alice, draft.id, r4, store.transition(alice, draft.id, "submitted", r4).revision)
    assert [(c.field, c.old, c.new, c.changed_by) for c in status] == [("status", "draft", "submitted", "alice")]
    with pytest.raises(NotFound):
        store.diff_revisions(alice, draft.id, 1, 99)


def test_diff_between_assessments(store, alice, bob, ids):
    last = validated(store, alice, "KE", "2025-Q4", {"1.1": EntryIn(score=1), "1.2": EntryIn(score=2),
                                                     "1.3": EntryIn(score=0)})
    now = store.copy_forward(bob, "KE", "2026-Q1", FRAMEWORK, VERSION)
    rev = store.save_entries(bob, now.id, now.revision, {"1.1": EntryIn(score=3, evidence="escalation"),
                                                         "1.4": EntryIn(missing="unknown")}, ids).revision
    changes = store.diff_assessments(alice, last.id, now.id)
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("entries.1.1.score", 1, 3), ("entries.1.1.evidence", "", "escalation"),
        ("entries.1.4.missing", "not_assessed", "unknown")]
    assert changes[0].changed_by == "bob" and changes[0].evidence == "escalation"
    assert store.diff_assessments(alice, now.id, now.id) == []
    other = store.create_assessment(alice, "UG", "2026-Q1", FRAMEWORK, VERSION)
    assert {c.field for c in store.diff_assessments(alice, now.id, other.id)} >= {"entries.1.2.score"}
    assert rev == 2
