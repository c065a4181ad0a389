"""Workflow transitions, read-only states, copy-forward and reverting to an old revision."""

from __future__ import annotations

import pytest
from store_helpers import FRAMEWORK, VERSION, validated

from riskframe.domain import EntryIn
from riskframe.store import MeasureIn, NotFound, InvalidInput, VulnerableGroupIn, WorkflowError


def test_full_cycle_with_return_and_reopen(store, alice, bob, draft, ids):
    rev = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1)}, ids).revision
    submitted = store.transition(alice, draft.id, "submitted", rev)
    assert (submitted.status.value, submitted.submitted_by) == ("submitted", "alice")
    with pytest.raises(WorkflowError, match="needs the reviewer's comments"):
        store.transition(bob, draft.id, "returned", submitted.revision)
    returned = store.transition(bob, draft.id, "returned", submitted.revision, reason="Evidence for 1.1 is thin")
    assert returned.status.value == "returned"
    rev = store.save_entries(alice, draft.id, returned.revision, {"1.1": EntryIn(score=2, evidence="more")}, ids).revision
    rev = store.transition(alice, draft.id, "submitted", rev).revision
    done = store.transition(bob, draft.id, "validated", rev)
    assert (done.validated_by, done.status.value) == ("bob", "validated")
    with pytest.raises(WorkflowError, match="only draft or returned"):
        store.save_entries(alice, draft.id, done.revision, {"1.1": EntryIn(score=3)}, ids)
    with pytest.raises(WorkflowError, match="needs a reason"):
        store.transition(bob, draft.id, "draft", done.revision)
    reopened = store.transition(bob, draft.id, "draft", done.revision, reason="New information on 1.1")
    assert reopened.status.value == "draft" and reopened.validated_by is None
    kinds = [(r.kind, r.status.value, r.note) for r in store.list_revisions(alice, draft.id)]
    assert ("status", "returned", "Evidence for 1.1 is thin") in kinds
    assert kinds[-1] == ("status", "draft", "New information on 1.1")
    audit = store.audit_log(alice, assessment_id=draft.id, action="status.")
    assert [(a.old_value, a.new_value) for a in reversed(audit)] == [
        ("draft", "submitted"), ("submitted", "returned"), ("returned", "submitted"),
        ("submitted", "validated"), ("validated", "draft")]
    as_validated = store.get_assessment(alice, draft.id, as_of_revision=done.revision)
    assert (as_validated.status.value, as_validated.validated_by) == ("validated", "bob")


def test_refused_jump_writes_nothing(store, alice, draft):
    with pytest.raises(WorkflowError) as caught:
        store.transition(alice, draft.id, "validated", 1)
    assert caught.value.field == "status" and "from draft to validated" in str(caught.value)
    with pytest.raises(WorkflowError, match="unknown status"):
        store.transition(alice, draft.id, "approved", 1)
    assert store.get_assessment(alice, draft.id).revision == 1


def test_copy_forward_carries_over(store, alice, bob, ids):
    old = validated(store, alice, "KE", "2025-Q4", {"1.1": EntryIn(score=2, evidence="x"), "1.2": EntryIn(score=1)})
    rev = store.transition(alice, old.id, "draft", old.revision, reason="add groups and measures").revision
    rev = store.save_vulnerable_groups(alice, old.id, rev, [VulnerableGroupIn(key="g1", name="Group A")]).revision
    rev = store.save_measures(alice, old.id, rev, [
        MeasureIn(key="m1", title="Hotline", status="in_progress"), MeasureIn(key="m2", title="Study", status="done"),
        MeasureIn(key="m3", title="Radio", status="proposed", due_period="2026-Q2", option_id="national_action_plan"),
        MeasureIn(key="m4", title="Old", status="dropped", status_reason="overtaken"),
        MeasureIn(key="m5", title="Plan", status="agreed", upr_recommendation_id="150.3")]).revision
    rev = store.transition(alice, old.id, "submitted", rev).revision
    store.transition(bob, old.id, "validated", rev)
    draft_earlier = store.create_assessment(alice, "KE", "2025-Q3", FRAMEWORK, VERSION)  # not validated: ignored
    new = store.copy_forward(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    assert (new.copied_from, new.status.value, new.revision) == (old.id, "draft", 1)
    view = store.get_assessment(alice, new.id)
    assert {k: (e.score, e.carried_over) for k, e in view.entries.items()} == {"1.1": (2, True), "1.2": (1, True)}
    assert [g.key for g in view.vulnerable_groups] == ["g1"]
    assert sorted((m.title, m.previous_measure_id, m.status.value) for m in view.measures) == [
        ("Hotline", "m1", "in_progress"), ("Plan", "m5", "agreed"), ("Radio", "m3", "proposed")]  # open ones only
    radio = next(m for m in view.measures if m.title == "Radio")
    assert (radio.due_period, radio.option_id) == ("2026-Q2", "national_action_plan")  # every field carried
    assert next(m for m in view.measures if m.title == "Plan").upr_recommendation_id == "150.3"
    # saving an indicator again (even unchanged) confirms it for this period
    result = store.save_entries(bob, new.id, 1, {"1.1": EntryIn(score=2, evidence="x")}, ids)
    assert result.changed_fields == ["entries.1.1.carried_over"]
    view = store.get_assessment(alice, new.id)
    assert (view.entries["1.1"].carried_over, view.entries["1.2"].carried_over) == (False, True)
    with pytest.raises(InvalidInput, match="already has an assessment"):
        store.copy_forward(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    with pytest.raises(NotFound, match="no validated assessment before 2025-Q4"):
        store.copy_forward(alice, "KE", "2025-Q4", FRAMEWORK, VERSION)
    assert draft_earlier.copied_from is None


def test_revert_to_an_old_revision(store, alice, draft, ids):
    r2 = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1)}, ids).revision
    r3 = store.save_entries(alice, draft.id, r2, {"1.1": EntryIn(score=3), "1.2": EntryIn(score=2)}, ids).revision
    result = store.revert_to_revision(alice, draft.id, r2, r3)
    assert result.revision == r3 + 1
    view = store.get_assessment(alice, draft.id)
    assert view.entries["1.1"].score == 1 and view.entries["1.2"].missing.value == "not_assessed"
    assert store.list_revisions(alice, draft.id)[-1].kind == "restore"
    assert store.get_assessment(alice, draft.id, as_of_revision=r3).entries["1.1"].score == 3  # history kept
