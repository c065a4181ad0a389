"""Carried-over values (issue 16, item 4): shown as such, confirmed one by one or per section in
one click, recorded, and counted by the submit checklist until confirmed."""

from riskframe.assessments import Assessments
from riskframe.domain import EntryIn
from tests.app.conftest import open_app
from tests.app.test_assess_flow import no_exception


def carried(store, fw, actor):
    """XA 2026-Q2 validated with every indicator scored, then 2026-Q3 copied forward from it."""
    store.ensure_country(actor, "XA", "Arvenia (fictional)")
    old = store.create_assessment(actor, "XA", "2026-Q2", fw.id, fw.version)
    entries = {i: EntryIn(score=1, evidence="Seen in monitoring.") for i in fw.indicators}
    rev = store.save_entries(actor, old.id, old.revision, entries, fw.indicator_ids()).revision
    rev = store.transition(actor, old.id, "submitted", rev).revision
    store.transition(actor, old.id, "validated", rev)
    return Assessments(store, fw).copy_forward(actor, "XA", "2026-Q3")


def test_each_copied_entry_says_where_it_comes_from_and_is_confirmed_in_one_click(store, fw, actor):
    a = carried(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    no_exception(at)
    assert any("Carried over from 2026-Q2 — confirm or change" in c.value for c in at.caption)
    at.button(key=f"confirm:{a.id}:1.1").click().run()
    no_exception(at)
    view = store.get_assessment(actor, a.id)
    assert not view.entries["1.1"].carried_over and view.entries["1.2"].carried_over
    assert view.entries["1.1"].score == 1  # the value itself is kept
    last = store.list_revisions(actor, a.id)[-1]
    assert last.author == actor.username and "confirmed as carried over from 2026-Q2: 1.1" in (last.note or "")
    assert any(x.field == "entries.1.1.carried_over" for x in store.audit_log(actor, assessment_id=a.id))


def test_a_whole_section_is_confirmed_in_one_click(store, fw, actor):
    a = carried(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    at.button(key=f"confirm_all:{a.id}:1").click().run()
    no_exception(at)
    view = store.get_assessment(actor, a.id)
    section = [i.id for i in fw.factor_by_id["1"].indicators]
    assert not any(view.entries[i].carried_over for i in section)
    assert view.entries["2.1"].carried_over  # other sections wait for their own confirmation


def test_the_checklist_counts_unconfirmed_carried_over_values(store, fw, actor):
    a = carried(store, fw, actor)
    svc = Assessments(store, fw)
    view = store.get_assessment(actor, a.id)
    item = next(i for i in svc.checklist(view) if i.label == "Carried-over values confirmed")
    assert not item.ok and f"{len(fw.indicators)} value(s) carried over" in item.detail
    svc.confirm_carried_over(actor, a.id, view.revision)
    view = store.get_assessment(actor, a.id)
    assert next(i for i in svc.checklist(view) if i.label == "Carried-over values confirmed").ok
    at = open_app("assess", country="XA", period="2026-Q3", section="submit")
    assert any("Carried-over values confirmed" in m.value for m in at.markdown)
