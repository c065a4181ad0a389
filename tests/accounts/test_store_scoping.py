"""Scoping and roles in the store itself: whatever calls it (app, CLI, import), a focal point of
XA can neither read nor write XB, roles are enforced, and each refusal is audited (both engines)."""

from __future__ import annotations

import pytest

from riskframe.domain import EntryIn
from riskframe.store import Actor, NotFound
from riskframe.store.errors import PermissionDenied
from tests.accounts.conftest import (ADMIN, ANALYST_XA, FOCAL_XA, FOCAL_XB, FRAMEWORK, IDS, SECRET, VERSION,
                                     VIEWER_XA, fill)


def refused(call, *args, **kwargs) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as caught:
        call(*args, **kwargs)
    assert SECRET not in str(caught.value)
    return caught.value


def denials(store) -> list:
    return [r for r in store.audit_log(ADMIN, action="access.denied")]


def test_a_focal_point_reads_nothing_of_another_country(store, two_countries):
    xa, xb = two_countries["XA"], two_countries["XB"]
    assert [a.country for a in store.list_assessments(FOCAL_XA)] == ["XA"]
    assert store.list_assessments(FOCAL_XA, country="XB") == []
    assert store.find_assessment(FOCAL_XA, "XB", "2026-Q1") is None
    assert [c.code for c in store.list_countries(FOCAL_XA)] == ["XA"]
    assert set(store.entries_frame(FOCAL_XA, statuses=None)["country"]) == {"XA"}
    for call, args in ((store.get_assessment, (xb,)), (store.list_revisions, (xb,)),
                       (store.diff_revisions, (xb, 1, 2)), (store.diff_assessments, (xa, xb)),
                       (store.diff_assessments, (xb, xa))):
        exc = refused(call, FOCAL_XA, *args)
        assert exc.actor == FOCAL_XA.username and exc.action == "read"
    assert store.get_assessment(FOCAL_XA, xa).entries["1.1"].score == 2
    log = store.audit_log(FOCAL_XA)
    assert log and {r.assessment_id for r in log} == {xa}
    assert SECRET not in repr(log)


def test_a_focal_point_writes_nothing_in_another_country(store, two_countries):
    xb = two_countries["XB"]
    before = store.get_assessment(ADMIN, xb)
    refused(store.ensure_country, FOCAL_XA, "XB", "Renamed")
    refused(store.ensure_country, FOCAL_XA, "XC")
    refused(store.create_assessment, FOCAL_XA, "XB", "2026-Q2", FRAMEWORK, VERSION)
    refused(store.create_assessment, FOCAL_XA, "XC", "2026-Q2", FRAMEWORK, VERSION)
    refused(store.save_entries, FOCAL_XA, xb, before.revision, {"1.1": EntryIn(score=0)}, IDS)
    refused(store.save_vulnerable_groups, FOCAL_XA, xb, before.revision, [{"name": "x"}])
    refused(store.save_consultations, FOCAL_XA, xb, before.revision, [{"category": "youth", "name": "x"}])
    refused(store.save_measures, FOCAL_XA, xb, before.revision, [{"title": "x"}])
    refused(store.transition, FOCAL_XA, xb, "returned", before.revision, "no")
    refused(store.copy_forward, FOCAL_XA, "XB", "2026-Q2", FRAMEWORK, VERSION)
    assert store.get_assessment(ADMIN, xb) == before
    assert [c.code for c in store.list_countries(ADMIN)] == ["XA", "XB"]  # XC never created
    assert store.list_countries(ADMIN)[1].name == "XB (fictional)"
    assert len(denials(store)) == 10


def test_refusals_are_audited_with_who_what_when(store, two_countries):
    refused(store.get_assessment, FOCAL_XA, two_countries["XB"])
    refused(store.create_assessment, VIEWER_XA, "XA", "2026-Q3", FRAMEWORK, VERSION)
    first, second = denials(store)[::-1]
    assert first.actor == FOCAL_XA.username
    assert first.detail == {"action": "read", "role": "focal_point", "country": "XB",
                            "what": f"assessment {two_countries['XB']}"}
    assert (second.actor, second.detail["action"], second.detail["role"]) == (VIEWER_XA.username, "change", "viewer")
    assert first.at is not None and second.at >= first.at
    assert denials(store)[0].assessment_id is None  # no link: the refused user may not see it


def test_viewers_read_their_countries_and_write_nothing(store, two_countries):
    xa = two_countries["XA"]
    view = store.get_assessment(VIEWER_XA, xa)
    assert view.country == "XA"
    refused(store.get_assessment, VIEWER_XA, two_countries["XB"])
    refused(store.save_entries, VIEWER_XA, xa, view.revision, {"1.1": EntryIn(score=0)}, IDS)
    refused(store.ensure_country, VIEWER_XA, "XA")
    refused(store.transition, VIEWER_XA, xa, "validated", view.revision)


def test_analysts_review_in_scope_and_do_not_edit(store, two_countries):
    xa, xb = two_countries["XA"], two_countries["XB"]
    rev = store.get_assessment(ANALYST_XA, xa).revision
    refused(store.save_entries, ANALYST_XA, xa, rev, {"1.1": EntryIn(score=0)}, IDS)
    refused(store.transition, ANALYST_XA, xb, "validated", store.get_assessment(ADMIN, xb).revision)
    rev = store.transition(ANALYST_XA, xa, "returned", rev, "add sources").revision
    refused(store.transition, ANALYST_XA, xa, "submitted", rev)  # submitting is the focal point's
    rev = store.transition(FOCAL_XA, xa, "submitted", rev).revision
    refused(store.transition, FOCAL_XA, xa, "validated", rev)  # validating is the analyst's
    rev = store.transition(ANALYST_XA, xa, "validated", rev).revision
    refused(store.transition, FOCAL_XA, xa, "draft", rev, "reopen")  # so is reopening
    assert store.transition(ANALYST_XA, xa, "draft", rev, "new facts").status == "draft"


def test_scopes_all_countries_and_none(store, two_countries):
    everywhere = Actor(username="analyst.all", role="analyst", countries=frozenset({"*"}))
    assert [a.country for a in store.list_assessments(everywhere)] == ["XA", "XB"]
    assert store.get_assessment(everywhere, two_countries["XB"]).entries["1.1"].evidence == SECRET
    nowhere = Actor(username="focal.none", role="focal_point")
    assert store.list_assessments(nowhere) == [] and store.list_countries(nowhere) == []
    refused(store.get_assessment, nowhere, two_countries["XA"])
    refused(store.create_assessment, nowhere, "XA", "2026-Q4", FRAMEWORK, VERSION)


def test_missing_and_refused_stay_distinct_errors(store, two_countries):
    with pytest.raises(NotFound):
        store.get_assessment(FOCAL_XA, 999)
    assert not isinstance(refused(store.get_assessment, FOCAL_XA, two_countries["XB"]), NotFound)


def test_backups_and_accounts_are_for_admins(store, people, tmp_path):
    refused(store.backup, ANALYST_XA, tmp_path / "b.json")
    refused(people.list, FOCAL_XA)
    refused(people.add, FOCAL_XA, "intruder", "a long enough password", "admin")
    refused(people.set_active, ANALYST_XA, FOCAL_XB.username, False)
    refused(people.set_password, VIEWER_XA, FOCAL_XB.username, "a long enough password")
    refused(people.update, FOCAL_XA, FOCAL_XA.username, countries=["XA", "XB"])
    assert not (tmp_path / "b.json").exists()
    assert people.get(ADMIN, FOCAL_XA.username).countries == ["XA"]
    assert len(denials(store)) == 6


def test_account_changes_apply_to_the_next_call(store, people):
    xb = fill(store, FOCAL_XB, "XB")
    people.update(ADMIN, FOCAL_XA.username, countries=["XA", "XB"])
    widened = people.actor_of(FOCAL_XA.username)
    assert store.get_assessment(widened, xb).country == "XB"
    people.set_active(ADMIN, FOCAL_XA.username, False)
    assert people.actor_of(FOCAL_XA.username) is None


def test_the_last_admin_cannot_be_removed(people):
    from riskframe.store import InvalidInput

    with pytest.raises(InvalidInput, match="own account"):
        people.set_active(ADMIN, ADMIN.username, False)
    with pytest.raises(InvalidInput, match="last active admin"):
        people.update(ADMIN, ADMIN.username, role="viewer", countries=["XA"])
    people.add(ADMIN, "second.admin", "another long password", "admin")
    people.set_active(Actor(username="second.admin", role="admin"), ADMIN.username, False)
    assert not people.get(Actor(username="second.admin", role="admin"), ADMIN.username).active
