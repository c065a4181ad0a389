"""The focal point's journey in AppTest: save a section, see it after a rerun, conflicts, submit."""

import datetime as dt

from riskframe.domain import EntryIn
from riskframe.store import ConsultationIn
from tests.app.conftest import open_app


def new_assessment(store, fw, actor, country="XA", period="2026-Q3"):
    store.ensure_country(actor, country, "Arvenia (fictional)")
    return store.create_assessment(actor, country, period, fw.id, fw.version)


def no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def radio(at, ind):
    return next(r for r in at.radio if r.key.endswith(f":{ind}:score"))


def test_empty_database_offers_demo_and_first_assessment(db_url):
    at = open_app()
    no_exception(at)
    labels = [b.label for b in at.button]
    assert "Load the fictional demo data" in labels and "Start my first assessment" in labels


def test_create_then_fill_and_save_a_section_and_see_it_after_rerun(store, fw, actor):
    at = open_app("assess", country="XA", period="2026-Q3")
    no_exception(at)
    at.button(key="assess_create").click().run()
    no_exception(at)
    a = store.find_assessment(actor, "XA", "2026-Q3")
    assert a is not None and a.status == "draft"
    radio(at, "1.1").set_value("2").run()
    assert any("1 unsaved change" in c.value for c in at.caption)
    at.button(key=f"save:{a.id}:1").click().run()
    no_exception(at)
    assert store.get_assessment(actor, a.id).entries["1.1"].score == 2
    # A fresh session (a browser refresh) shows the value from the database.
    again = open_app("assess", country="XA", period="2026-Q3")
    assert radio(again, "1.1").value == "2"
    assert any("Fictional data" in w.value for w in again.warning)


def test_leaving_a_section_with_unsaved_input_warns_and_stays(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3")
    radio(at, "1.2").set_value("3").run()
    at.selectbox(key=f"assess_section:{a.id}").set_value("2").run()
    no_exception(at)
    assert any("unsaved changes" in w.value for w in at.warning)
    assert at.selectbox(key=f"assess_section:{a.id}").value == "1"
    assert radio(at, "1.2").value == "3"


def test_conflict_between_two_sessions_shows_both_and_merges(store, fw, actor):
    a = new_assessment(store, fw, actor)
    mine = open_app("assess", country="XA", period="2026-Q3")
    theirs = open_app("assess", country="XA", period="2026-Q3")
    radio(theirs, "1.1").set_value("1").run()
    theirs.button(key=f"save:{a.id}:1").click().run()
    radio(mine, "1.1").set_value("3").run()
    mine.button(key=f"save:{a.id}:1").click().run()
    no_exception(mine)
    assert any("Someone else saved" in e.value for e in mine.error)
    assert store.get_assessment(actor, a.id).entries["1.1"].score == 1  # nothing overwritten
    mine.radio(key="choice:%d:entries.1.1.score" % a.id).set_value("mine").run()
    mine.button(key=f"resolve:{a.id}:1").click().run()
    no_exception(mine)
    assert store.get_assessment(actor, a.id).entries["1.1"].score == 3


def test_submit_names_what_is_missing_then_succeeds(store, fw, actor):
    a = new_assessment(store, fw, actor)
    at = open_app("assess", country="XA", period="2026-Q3", section="submit")
    no_exception(at)
    text = " ".join(m.value for m in at.markdown)
    assert ":red[:material/cancel:] **Coverage at least 80%**" in text and "no consultation recorded" in text
    assert at.button(key=f"submit:{a.id}").disabled
    # Complete it through the store, as another section would.
    head = store.get_assessment(actor, a.id).revision
    entries = {i: EntryIn(score=1, evidence="Observed in monitoring reports.") for i in fw.indicators}
    head = store.save_entries(actor, a.id, head, entries, fw.indicator_ids()).revision
    store.save_consultations(actor, a.id, head, [ConsultationIn(category="civil_society", name="Network of NGOs",
                                                                   date=dt.date(2026, 8, 1), summary="Round table")])
    at = open_app("assess", country="XA", period="2026-Q3", section="submit")
    assert not at.button(key=f"submit:{a.id}").disabled
    at.button(key=f"submit:{a.id}").click().run()
    no_exception(at)
    assert store.find_assessment(actor, "XA", "2026-Q3").status == "submitted"


def test_submit_refused_when_someone_saved_after_the_page_was_drawn(store, fw, actor):
    a = new_assessment(store, fw, actor)
    entries = {i: EntryIn(score=1, evidence="Observed in monitoring reports.") for i in fw.indicators}
    head = store.save_entries(actor, a.id, a.revision, entries, fw.indicator_ids()).revision
    head = store.save_consultations(actor, a.id, head, [ConsultationIn(category="youth", name="Youth council",
                                                                          date=dt.date(2026, 8, 1))]).revision
    at = open_app("assess", country="XA", period="2026-Q3", section="submit")
    assert not at.button(key=f"submit:{a.id}").disabled
    now = store.save_entries(actor, a.id, head, {"1.1": EntryIn(score=3, evidence="Militia drills.")},
                             fw.indicator_ids()).revision
    at.button(key=f"submit:{a.id}").click().run()
    no_exception(at)
    assert any(f"you saw revision {head}, it is now at revision {now}" in e.value for e in at.error)
    assert store.find_assessment(actor, "XA", "2026-Q3").status == "draft"


def test_the_direction_of_change_is_recorded_apart_from_the_level(store, fw, actor):
    a = store.create_assessment(actor, "XA", "2026-Q3", fw.id, fw.version)
    at = open_app("assess", country="XA", period="2026-Q3")
    radio(at, "1.1").set_value("3").run()
    next(s for s in at.selectbox if s.key.endswith(":1.1:trend")).set_value("falling").run()
    at.button(key=f"save:{a.id}:1").click().run()
    saved = store.get_assessment(actor, a.id).entries["1.1"]
    assert (saved.score, saved.trend) == (3, "falling")  # a high but falling level is still high
