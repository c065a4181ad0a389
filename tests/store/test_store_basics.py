"""Creating, saving and reading assessments; as-of views; audit; refusals that write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from store_helpers import FRAMEWORK, VERSION

from riskframe.domain import EntryIn, MissingCode, SourceRef
from riskframe.store import (
    Actor,
    ConsultationIn,
    InvalidInput,
    MeasureIn,
    NotFound,
    StoreError,
    VulnerableGroupIn,
    WorkflowError,
)


def test_create_save_read(store, alice, draft, ids):
    assert (draft.country, draft.period, draft.status.value, draft.revision) == ("KE", "2026-Q1", "draft", 1)
    assert draft.country_name == "Kenya" and draft.period_kind == "quarter"
    entry = EntryIn(score=2, confidence="high", evidence="Hate speech on radio",
                    sources=[SourceRef(title="Monitor report", url="https://example.org/r", date="2026-02-01")],
                    comment="checked twice")
    result = store.save_entries(alice, draft.id, 1, {"1.1": entry, "2.3": {"missing": "unknown"}}, ids)
    assert result.revision == 2
    assert "entries.1.1.score" in result.changed_fields and "entries.2.3.missing" in result.changed_fields
    view = store.get_assessment(alice, draft.id)
    assert view.revision == view.head_revision == 2
    got = view.entries["1.1"]
    assert (got.score, got.missing, got.confidence.value, got.evidence) == (2, None, "high", "Hate speech on radio")
    assert got.sources[0].url == "https://example.org/r" and got.comment == "checked twice"
    assert (got.changed_by, got.revision, got.carried_over) == ("alice", 2, False)
    assert view.entries["2.3"].missing is MissingCode.UNKNOWN and view.entries["2.3"].score is None
    assert store.find_assessment(alice, "ke", "2026-Q1").id == draft.id
    assert store.find_assessment(alice, "KE", "2026-Q2") is None
    assert [a.id for a in store.list_assessments(alice, status="draft")] == [draft.id]
    assert store.list_assessments(alice, country="UG") == []


def test_identical_save_writes_no_revision(store, alice, draft, ids):
    first = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1)}, ids)
    version = store.data_version()
    again = store.save_entries(alice, draft.id, first.revision, {"1.1": EntryIn(score=1)}, ids)
    assert (again.revision, again.changed_fields) == (first.revision, [])
    assert store.get_assessment(alice, draft.id).head_revision == first.revision
    assert store.data_version() == version


def test_as_of_revision_and_date(store, alice, bob, draft, ids):
    r2 = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1)}, ids).revision
    r3 = store.save_entries(bob, draft.id, r2, {"1.1": EntryIn(score=3), "1.2": EntryIn(score=0)}, ids).revision
    old = store.get_assessment(alice, draft.id, as_of_revision=r2)
    assert (old.revision, old.head_revision, old.entries["1.1"].score) == (r2, r3, 1)
    assert "1.2" not in old.entries and not old.is_head
    assert store.get_assessment(alice, draft.id, as_of_revision=1).entries == {}
    revisions = store.list_revisions(alice, draft.id)
    assert [(r.number, r.kind, r.author) for r in revisions] == [(1, "create", "alice"), (2, "save", "alice"),
                                                                 (3, "save", "bob")]
    at_r2 = store.get_assessment(alice, draft.id, as_of=revisions[1].at)
    assert at_r2.revision == r2 and at_r2.entries["1.1"].score == 1
    assert store.get_assessment(alice, draft.id, as_of=revisions[2].at + dt.timedelta(days=1)).revision == r3
    with pytest.raises(NotFound, match="did not exist yet"):
        store.get_assessment(alice, draft.id, as_of=revisions[0].at - dt.timedelta(seconds=1))
    with pytest.raises(NotFound, match="no revision 9"):
        store.get_assessment(alice, draft.id, as_of_revision=9)


def test_audit_records_every_field_old_to_new(store, alice, bob, draft, ids):
    r2 = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1, evidence="a")}, ids).revision
    store.save_entries(bob, draft.id, r2, {"1.1": EntryIn(score=2, evidence="a", confidence="low")}, ids)
    rows = store.audit_log(alice, assessment_id=draft.id, action="entries.save")
    changes = {(r.revision, r.field): (r.old_value, r.new_value, r.actor) for r in rows}
    assert changes[(2, "entries.1.1.score")] == (None, 1, "alice")
    assert changes[(2, "entries.1.1.missing")] == ("not_assessed", None, "alice")
    assert changes[(2, "entries.1.1.evidence")] == ("", "a", "alice")
    assert changes[(3, "entries.1.1.score")] == (1, 2, "bob")
    assert changes[(3, "entries.1.1.confidence")] == (None, "low", "bob")
    assert (3, "entries.1.1.evidence") not in changes  # unchanged fields are not logged
    assert [r.actor for r in store.audit_log(alice, username="bob")] == ["bob", "bob"]
    created = store.audit_log(alice, assessment_id=draft.id, action="assessment.create")
    assert created[0].new_value == "draft" and created[0].detail["period"] == "2026-Q1"
    assert len(store.audit_log(alice, limit=1)) == 1


@pytest.mark.parametrize(("country", "period", "field"), [
    ("KEN", "2026-Q1", "country"), ("AB", "2026-Q1", "country"), ("KE", "2026-Q5", "period"),
    ("KE", "Q1 2026", "period"),
])
def test_bad_country_or_period_writes_nothing(store, alice, country, period, field):
    version = store.data_version()
    with pytest.raises(InvalidInput) as caught:
        store.create_assessment(alice, country, period, FRAMEWORK, VERSION)
    assert caught.value.field == field and repr(caught.value.value) in str(caught.value)
    assert store.list_assessments(alice) == [] and store.list_countries(alice) == []
    assert store.data_version() == version


def test_bad_entries_write_nothing(store, alice, draft, ids):
    version = store.data_version()
    with pytest.raises(InvalidInput, match=r"entries\.99\.1=“99\.1”: unknown indicator id"):
        store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1), "99.1": EntryIn(score=1)}, ids)
    with pytest.raises(InvalidInput, match=r"entries\.1\.1\.score=7"):
        store.save_entries(alice, draft.id, 1, {"1.1": {"score": 7}}, ids)
    with pytest.raises(InvalidInput, match="base_revision"):
        store.save_entries(alice, draft.id, 5, {"1.1": EntryIn(score=1)}, ids)
    with pytest.raises(NotFound):
        store.save_entries(alice, 999, 1, {"1.1": EntryIn(score=1)}, ids)
    with pytest.raises(StoreError, match="indicator ids"):
        store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=1)}, None)
    assert store.get_assessment(alice, draft.id).entries == {}
    assert store.data_version() == version


def test_framework_like_object_is_accepted(store, alice, draft, ids):
    class Framework:
        def indicator_ids(self):
            return ids

    assert store.save_entries(alice, draft.id, 1, {"3.2": EntryIn(score=3)}, Framework()).revision == 2


def test_duplicate_assessment_and_bad_filters_refused(store, alice, draft):
    with pytest.raises(InvalidInput, match="already has an assessment"):
        store.create_assessment(alice, "KE", "2026-Q1", FRAMEWORK, VERSION)
    with pytest.raises(InvalidInput, match="status=“done”"):
        store.list_assessments(alice, status="done")
    with pytest.raises(InvalidInput, match="framework_version"):
        store.create_assessment(alice, "KE", "2026-Q2", FRAMEWORK, "  ")
    with pytest.raises(StoreError, match="Actor"):
        store.list_assessments("alice")  # type: ignore[arg-type]


def test_countries(store, alice):
    assert store.ensure_country(alice, "ke").name == "Kenya"
    fictional = store.ensure_country(alice, "XA", "Freedonia")
    assert (fictional.code, fictional.name, fictional.user_assigned) == ("XA", "Freedonia", True)
    assert store.ensure_country(alice, "XA").name == "Freedonia"
    assert store.ensure_country(alice, "XA", "Sylvania").name == "Sylvania"
    assert [c.code for c in store.list_countries(alice)] == ["KE", "XA"]
    renamed = store.audit_log(alice, action="country.rename")[0]
    assert (renamed.old_value, renamed.new_value) == ("Freedonia", "Sylvania")


def test_items_create_update_delete(store, alice, draft):
    r = store.save_vulnerable_groups(alice, draft.id, 1, [VulnerableGroupIn(name="Group A", basis="ethnic"),
                                                          {"name": "Group B"}])
    view = store.get_assessment(alice, draft.id)
    assert [g.name for g in view.vulnerable_groups] == ["Group A", "Group B"]
    key_a, key_b = (g.key for g in view.vulnerable_groups)
    r = store.save_vulnerable_groups(alice, draft.id, r.revision, [{"key": key_a, "name": "Group A1", "basis": "ethnic"},
                                                                   {"key": key_b, "deleted": True}])
    assert sorted(r.changed_fields) == [f"vulnerable_groups.{key_a}.name", f"vulnerable_groups.{key_b}.deleted"]
    r = store.save_consultations(alice, draft.id, r.revision, [
        ConsultationIn(category="womens_organisations", name="Women's network", date=dt.date(2026, 2, 3),
                       summary="Concerns about militias")])
    r = store.save_measures(alice, draft.id, r.revision, [
        MeasureIn(title="Early-warning hotline", linked_ids=["7", "7.2"], type="structural", owner="Ministry",
                  due_date=dt.date(2026, 6, 30), status="in_progress")])
    view = store.get_assessment(alice, draft.id)
    assert [g.name for g in view.vulnerable_groups] == ["Group A1"]
    assert view.consultations[0].category.value == "womens_organisations"
    assert view.consultations[0].date == dt.date(2026, 2, 3)
    measure = view.measures[0]
    assert (measure.linked_ids, measure.type.value, measure.due_date) == (["7", "7.2"], "structural", dt.date(2026, 6, 30))
    # replace=True removes what you had and left out, keeps nothing else
    r = store.save_measures(alice, draft.id, r.revision, [], replace=True)
    assert store.get_assessment(alice, draft.id).measures == []
    with pytest.raises(InvalidInput, match=r"consultations\.0\.category"):
        store.save_consultations(alice, draft.id, r.revision, [{"category": "press"}])
    with pytest.raises(InvalidInput, match="needs a title"):
        store.save_measures(alice, draft.id, r.revision, [{"title": " "}])


def test_validated_is_read_only(store, alice, draft, ids):
    rev = store.transition(alice, draft.id, "submitted", 1).revision
    with pytest.raises(WorkflowError, match="only draft or returned"):
        store.save_entries(alice, draft.id, rev, {"1.1": EntryIn(score=1)}, ids)
    with pytest.raises(WorkflowError):
        store.save_measures(alice, draft.id, rev, [{"title": "x"}])


def test_actor_model():
    system = Actor.system()
    assert (system.username, system.role, system.countries) == ("cli", "system", frozenset())
    assert Actor(username=" amina ", role="focal_point", countries={"ke"}).countries == frozenset({"KE"})
    with pytest.raises(ValueError):
        Actor(username="x", role="king")
    with pytest.raises(ValueError):
        system.username = "other"  # frozen


def test_unupgraded_database_says_what_to_do(tmp_path):
    from riskframe.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'sub' / 'new.db'}") as empty:
        with pytest.raises(StoreError, match="db upgrade"):
            empty.list_assessments(Actor.system())
        assert (tmp_path / "sub").is_dir()  # parent directory created on first use
        assert empty.upgrade() == empty.upgrade() == empty.schema_revision()


def test_migrations_match_the_models(store):
    """The shipped Alembic scripts create exactly what models.py declares (no drift)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from riskframe.store.models import Base

    with store.db.read() as session:
        assert compare_metadata(MigrationContext.configure(session.connection()), Base.metadata) == []
