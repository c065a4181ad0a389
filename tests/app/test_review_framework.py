"""Analyst flows (validate, return, reopen) and the Framework page, in AppTest."""

import datetime as dt

from streamlit.testing.v1 import AppTest

from riskframe.domain import EntryIn
from riskframe.store import ConsultationIn
from riskframe.app.language import LANG_KEY
from tests.app.conftest import APP, open_app


def submitted(store, fw, actor, country="XB", period="2026-Q2"):
    store.ensure_country(actor, country, "Borlandia (fictional)")
    a = store.create_assessment(actor, country, period, fw.id, fw.version)
    entries = {i: EntryIn(score=2, evidence="Reported by the ombudsperson.") for i in fw.indicators}
    head = store.save_entries(actor, a.id, a.revision, entries, fw.indicator_ids()).revision
    head = store.save_consultations(actor, a.id, head, [ConsultationIn(category="youth", name="Youth council",
                                                                         date=dt.date(2026, 5, 2))]).revision
    store.transition(actor, a.id, "submitted", head)
    return a


def no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def test_validate_then_reopen_with_reason(store, fw, actor):
    a = submitted(store, fw, actor)
    at = open_app("review")
    no_exception(at)
    assert any("Composite" == m.label for m in at.metric)
    at.button(key=f"validate:{a.id}").click().run()
    no_exception(at)
    assert store.find_assessment(actor, "XB", "2026-Q2").status == "validated"
    # Read-only on Assess now.
    assess = open_app("assess", country="XB", period="2026-Q2")
    assert any("read-only" in i.value for i in assess.info)
    assert all(r.disabled for r in assess.radio)
    at = open_app("review")
    assert at.button(key=f"reopen:{a.id}").disabled  # a reason is required
    at.text_input(key=f"reopen_reason:{a.id}").input("New information on factor 7").run()
    at.button(key=f"reopen:{a.id}").click().run()
    no_exception(at)
    assert store.find_assessment(actor, "XB", "2026-Q2").status == "draft"


def test_return_with_comments(store, fw, actor):
    a = submitted(store, fw, actor)
    at = open_app("review")
    assert at.button(key=f"return:{a.id}").disabled  # comments first
    at.text_area(key=f"comment_text:{a.id}").input("Please add a source for the militia reports")
    at.button(key=f"comment_add:{a.id}").click().run()  # a form's inputs are sent with its submit
    no_exception(at)
    assert [c.text for c in store.list_comments(actor, a.id)] == ["Please add a source for the militia reports"]
    # Stored, not kept in the session: a reload (a new session) still lists it and can return with it.
    at = open_app("review")
    assert any("militia reports" in m.value for m in at.markdown)
    at.button(key=f"return:{a.id}").click().run()
    no_exception(at)
    assert store.find_assessment(actor, "XB", "2026-Q2").status == "returned"
    audit = store.audit_log(actor, assessment_id=a.id)
    assert any("militia" in str(x.detail) + str(x.new_value) for x in audit)
    # The focal point sees the comments on the Assess page.
    assess = open_app("assess", country="XB", period="2026-Q2")
    no_exception(assess)
    assert any("Returned by" in w.value for w in assess.warning)
    assert any("militia" in t.value for t in assess.text)
    assert any("militia reports" in m.value for m in assess.markdown)


def test_validate_refused_when_the_assessment_moved_after_the_page_was_drawn(store, fw, actor):
    a = submitted(store, fw, actor)
    at = open_app("review")
    seen = store.get_assessment(actor, a.id).revision
    # Someone returns it and the focal point resubmits different content meanwhile.
    rev = store.transition(actor, a.id, "returned", seen, reason="check 1.1").revision
    rev = store.save_entries(actor, a.id, rev, {"1.1": EntryIn(score=0, evidence="Calm now.")}, {"1.1"}).revision
    rev = store.transition(actor, a.id, "submitted", rev).revision
    at.button(key=f"validate:{a.id}").click().run()
    no_exception(at)
    assert any(f"you saw revision {seen}, it is now at revision {rev}" in e.value for e in at.error)
    assert store.get_assessment(actor, a.id).status == "submitted"  # nothing validated unseen
    at.button(key=f"validate:{a.id}").click().run()  # the page now shows the new content
    assert store.get_assessment(actor, a.id).status == "validated"


def test_framework_page_search_and_language(db_url):
    at = open_app("framework")
    no_exception(at)
    at.text_input(key="fw_query").input("militia").run()
    no_exception(at)
    text = " ".join(m.value for m in at.markdown)
    assert "7.5" in text
    at.session_state[LANG_KEY] = "fr"
    at.run()
    assert "Aucun indicateur ne correspond" in " ".join(i.value for i in at.info)  # the search reads French now
    at.text_input(key="fw_query").input("milices").run()
    assert "7.5" in " ".join(m.value for m in at.markdown)
    assert any("indicateur" in e.label for e in at.expander)  # "7 · … — 1 indicateur"


def test_app_navigation_lists_the_pages(db_url):
    at = AppTest.from_file(APP, default_timeout=60).run()
    no_exception(at)
    assert at.title[0].value == "riskframe"


def test_framework_page_lists_the_prevention_catalogue_with_search_and_filters(db_url, fw):
    """Issue 20 item 1: the catalogue of prevention options is a tab of the Framework page."""
    at = open_app("framework")
    no_exception(at)
    assert [t.label for t in at.tabs] == ["Factors and indicators", "Prevention options"]
    table = at.dataframe[0].value
    assert len(table) == len(fw.options) >= 25
    assert table["Source"].str.contains("SEED-").all() and (table["Addresses"] != "").all()
    at.text_input(key="fw_options_query").input("hate speech").run()
    found = at.dataframe[0].value
    assert 0 < len(found) < len(fw.options) and "hate_speech_laws" in set(found["Id"])
    at.selectbox(key="fw_options_horizon").select("immediate").run()
    immediate = at.dataframe[0].value
    assert len(immediate) < len(found) and len(set(immediate["Horizon"])) == 1
    at.session_state[LANG_KEY] = "fr"
    at.run()
    assert [t.label for t in at.tabs][1] == "Options de prévention"
