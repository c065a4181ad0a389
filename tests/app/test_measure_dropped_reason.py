"""Choosing "Dropped" on the Assess page without a reason is refused with a sentence, not a traceback
(the status form has a reason field; riskframe.assessments.measures.set_measure_status takes it)."""

from riskframe.store import MeasureIn
from tests.app.conftest import open_app
from tests.app.test_assess_flow import new_assessment, no_exception


def test_dropping_without_a_reason_says_so_and_changes_nothing(store, fw, actor):
    a = new_assessment(store, fw, actor)
    store.save_measures(actor, a.id, a.revision, [MeasureIn(title="Early-warning radio", status="agreed")])
    measure = store.get_assessment(actor, a.id).measures[0]
    at = open_app("assess", country="XA", period="2026-Q3", section="measures")
    no_exception(at)
    at.selectbox(key=f"st:{measure.key}").set_value("dropped")
    next(b for b in at.button if b.label == "Change status").click().run()
    no_exception(at)
    assert any("reason" in e.value for e in at.error), [e.value for e in at.error]
    assert store.get_assessment(actor, a.id).measures[0].status.value == "agreed"
