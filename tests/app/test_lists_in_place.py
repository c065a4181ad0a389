"""Lists edited in place (issue 16, item 5): same key, a new version, visible history; a measure's
status changes in one step, also after copy forward."""

from riskframe.assessments import Assessments
from riskframe.domain import EntryIn
from riskframe.store import MeasureIn, VulnerableGroupIn
from tests.app.conftest import open_app
from tests.app.test_assess_flow import new_assessment, no_exception


def test_a_group_is_edited_in_place_and_its_history_says_who_changed_what(store, fw, actor):
    a = new_assessment(store, fw, actor)
    saved = store.save_vulnerable_groups(actor, a.id, a.revision, [VulnerableGroupIn(name="Herders", basis="ethnic")])
    key = store.get_assessment(actor, a.id).vulnerable_groups[0].key
    at = open_app("assess", country="XA", period="2026-Q3", section="groups")
    no_exception(at)
    name = next(t for t in at.text_input if t.key.startswith(f"edit:{key}:") and t.key.endswith(":name"))
    assert name.value == "Herders"
    name.input("Pastoralist herders")
    next(b for b in at.button if b.label == "Save changes").click().run()
    no_exception(at)
    groups = store.get_assessment(actor, a.id).vulnerable_groups
    assert [(g.key, g.name, g.basis) for g in groups] == [(key, "Pastoralist herders", "ethnic")]
    assert groups[0].revision > saved.revision
    history = " ".join(m.value for m in at.markdown)
    assert "Name: Herders → Pastoralist herders" in history and "focal\\.test" in history


def test_an_edit_that_empties_the_name_says_so_and_changes_nothing(store, fw, actor):
    a = new_assessment(store, fw, actor)
    store.save_vulnerable_groups(actor, a.id, a.revision, [VulnerableGroupIn(name="Herders")])
    at = open_app("assess", country="XA", period="2026-Q3", section="groups")
    next(t for t in at.text_input if t.key.startswith("edit:") and t.key.endswith(":name")).input("  ")
    next(b for b in at.button if b.label == "Save changes").click().run()
    no_exception(at)
    assert any("vulnerable group needs a name" in e.value for e in at.error)
    assert store.get_assessment(actor, a.id).vulnerable_groups[0].name == "Herders"


def test_a_measure_status_changes_in_one_step_after_copy_forward(store, fw, actor):
    store.ensure_country(actor, "XA", "Arvenia (fictional)")
    old = store.create_assessment(actor, "XA", "2026-Q2", fw.id, fw.version)
    rev = store.save_entries(actor, old.id, old.revision, {"1.1": EntryIn(score=1)}, fw.indicator_ids()).revision
    rev = store.save_measures(actor, old.id, rev, [MeasureIn(title="Early-warning radio", owner="UNDP",
                                                             status="proposed")]).revision
    rev = store.transition(actor, old.id, "submitted", rev).revision
    store.transition(actor, old.id, "validated", rev)
    new = Assessments(store, fw).copy_forward(actor, "XA", "2026-Q3")
    measure = store.get_assessment(actor, new.id).measures[0]
    assert measure.title == "Early-warning radio"  # carried: nothing to re-enter
    at = open_app("assess", country="XA", period="2026-Q3", section="measures")
    no_exception(at)
    at.selectbox(key=f"st:{measure.key}").set_value("in_progress")
    next(b for b in at.button if b.label == "Change status").click().run()  # one action
    no_exception(at)
    after = store.get_assessment(actor, new.id).measures
    assert [(m.key, m.status.value, m.owner, m.title) for m in after] == [
        (measure.key, "in_progress", "UNDP", "Early-warning radio")]
    assert store.get_assessment(actor, old.id).measures[0].status.value == "proposed"  # per period
    assert any("In progress" in s.value for s in at.success)
