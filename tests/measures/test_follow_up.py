"""Follow-up every period (issue 20.3): statuses, the reason for dropping, history across copy forward."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from riskframe.assessments.measures import history_steps
from riskframe.store import InvalidInput, MeasureIn, MeasureStatus, NotFound
from tests.measures.conftest import FOCAL, validated


def test_the_status_vocabulary_and_the_old_code():
    assert [s.value for s in MeasureStatus] == ["proposed", "agreed", "in_progress", "implemented", "dropped"]
    assert MeasureIn(title="Hotline", status="done").status is MeasureStatus.IMPLEMENTED


def test_dropped_needs_a_reason_and_the_due_period_is_a_quarter():
    with pytest.raises(ValidationError, match="status_reason"):
        MeasureIn(title="Hotline", status="dropped")
    assert MeasureIn(title="Hotline", status="dropped", status_reason="Merged with the NHRI plan").status_reason
    with pytest.raises(ValidationError, match="quarter"):
        MeasureIn(title="Hotline", due_period="2027-05")
    assert MeasureIn(title="Hotline", due_period=" 2027-Q2 ").due_period == "2027-Q2"
    with pytest.raises(ValidationError):
        MeasureIn(title="Hotline", upr_recommendation_id="1" * 41)


def test_an_agreed_measure_keeps_its_history_after_copy_forward(service):
    q1 = validated(service, "2026-Q1", [
        {"title": "National action plan", "status": "agreed", "due_period": "2026-Q4",
         "option_id": service.framework.options[0].id, "upr_recommendation_id": "150.12",
         "upr_recommendation_text": "Adopt a national plan."},
        {"title": "Old study", "status": "implemented"}])
    q2 = service.copy_forward(FOCAL, "XA", "2026-Q2")
    carried = service.get(FOCAL, q2.id).measures
    assert [(m.title, m.status.value, m.due_period, m.upr_recommendation_id) for m in carried] == [
        ("National action plan", "agreed", "2026-Q4", "150.12")]  # the implemented one stays behind
    measure = carried[0]
    assert measure.option_id == service.framework.options[0].id
    result = service.set_measure_status(FOCAL, q2.id, q2.revision, measure.key, "in_progress")
    assert result.revision == q2.revision + 1 and result.changed_fields == [f"measures.{measure.key}.status"]
    steps = service.measure_history(FOCAL, q2.id, measure.key)
    assert [(s.period, s.status, s.carried) for s in steps] == [
        ("2026-Q1", "agreed", False), ("2026-Q2", "agreed", True), ("2026-Q2", "in_progress", False)]
    assert steps[0].assessment_id == q1 and steps[-1].revision == result.revision


def test_dropping_needs_a_reason_and_writes_nothing_without(service, store):
    a = service.create(FOCAL, "XA", "2026-Q3")
    head = service.save_list(FOCAL, a.id, a.revision, "measures", [{"title": "Radio", "status": "agreed"}]).revision
    key = service.get(FOCAL, a.id).measures[0].key
    with pytest.raises(InvalidInput, match="status_reason"):
        service.set_measure_status(FOCAL, a.id, head, key, "dropped")
    with pytest.raises(InvalidInput, match="proposed, agreed"):
        service.set_measure_status(FOCAL, a.id, head, key, "finished")
    with pytest.raises(NotFound):
        service.set_measure_status(FOCAL, a.id, head, "nokey", "agreed")
    assert len(store.list_revisions(FOCAL, a.id)) == head
    service.set_measure_status(FOCAL, a.id, head, key, "dropped", reason="Funding withdrawn")
    measure = service.get(FOCAL, a.id).measures[0]
    assert (measure.status.value, measure.status_reason) == ("dropped", "Funding withdrawn")


def test_an_option_id_must_be_in_the_catalogue(service):
    a = service.create(FOCAL, "XA", "2026-Q3")
    with pytest.raises(InvalidInput, match="catalogue"):
        service.save_list(FOCAL, a.id, a.revision, "measures", [{"title": "X", "option_id": "no_such_option"}])
    option = service.framework.options[0]
    key = service.adopt_option(FOCAL, a.id, a.revision, option.id, ["1.1"], lang="fr")
    m = service.get(FOCAL, a.id).measures[0]
    assert (m.key, m.option_id, m.linked_ids, m.status.value, m.title) == (
        key, option.id, ["1.1"], "proposed", option.title["fr"])


def test_overdue_measures_and_counts(service):
    validated(service, "2026-Q1", [{"title": "Late plan", "status": "in_progress", "due_period": "2025-Q4"},
                                   {"title": "On time", "status": "agreed", "due_period": "2026-Q3"},
                                   {"title": "Finished", "status": "implemented", "due_period": "2025-Q1"}])
    overdue = service.overdue_measures(FOCAL, today=dt.date(2026, 2, 1))
    assert [(o.country, o.title, o.due_period) for o in overdue] == [("XA", "Late plan", "2025-Q4")]
    later = service.overdue_measures(FOCAL, today=dt.date(2026, 12, 1))  # the current quarter moved on
    assert [o.title for o in later] == ["Late plan", "On time"]
    [counts] = service.measure_counts(FOCAL, today=dt.date(2026, 2, 1))
    assert counts.counts == {"proposed": 0, "agreed": 1, "in_progress": 1, "implemented": 1, "dropped": 0}
    assert (counts.open, counts.overdue) == (2, 1)


def test_history_steps_leave_out_unchanged_versions():
    class V:
        def __init__(self, aid, period, rev, status, reason="", prev=None, deleted=False):
            self.assessment_id, self.period, self.revision, self.status = aid, period, rev, status
            self.status_reason, self.previous_measure_id, self.deleted = reason, prev, deleted
            self.changed_by, self.changed_at = "x", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    steps = history_steps([V(1, "2026-Q1", 2, "proposed"), V(1, "2026-Q1", 3, "proposed"), V(1, "2026-Q1", 4, "done"),
                           V(2, "2026-Q2", 1, "implemented", prev="k")])
    assert [(s.period, s.status, s.carried) for s in steps] == [
        ("2026-Q1", "proposed", False), ("2026-Q1", "implemented", False), ("2026-Q2", "implemented", True)]


def _item(service, view):
    return next(i for i in service.checklist(view) if "open measure" in i.label)


def test_the_checklist_asks_for_the_status_of_carried_open_measures(service):
    validated(service, "2026-Q1", [{"title": "Hotline", "status": "in_progress"},
                                   {"title": "Radio", "status": "proposed"}])
    q2 = service.copy_forward(FOCAL, "XA", "2026-Q2")
    item = _item(service, service.get(FOCAL, q2.id))
    assert (item.ok, item.blocking) == (False, False)  # a warning: submitting is not refused for it
    assert "“Hotline”" in item.detail and "“Radio”" in item.detail and "2 open measures" in item.detail
    hotline = next(m for m in service.get(FOCAL, q2.id).measures if m.title == "Hotline")
    head = service.set_measure_status(FOCAL, q2.id, q2.revision, hotline.key, "implemented").revision
    item = _item(service, service.get(FOCAL, q2.id))
    assert not item.ok and "“Hotline”" not in item.detail and "“Radio”" in item.detail
    radio = next(m for m in service.get(FOCAL, q2.id).measures if m.title == "Radio")
    service.save_list(FOCAL, q2.id, head, "measures", [radio.model_copy(update={"follow_up": "Still on air."})])
    assert _item(service, service.get(FOCAL, q2.id)).ok
