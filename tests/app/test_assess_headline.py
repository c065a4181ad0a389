"""The Assess preview leads with the method's headline: the crime, its level, the status, and a
provisional mark while coverage is below what the method requires."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from riskframe.domain import EntryIn


def _preview(store, actor, fw, entries: dict[str, EntryIn]) -> AppTest:
    a = store.create_assessment(actor, "XA", "2026-Q2", fw.id, fw.version)
    store.save_entries(actor, a.id, a.revision, entries, fw)
    at = AppTest.from_string("from riskframe.app.pages import assess\nassess.page()\n", default_timeout=90)
    at.query_params["country"], at.query_params["period"] = "XA", "2026-Q2"
    return at.run()


def test_attack_under_way_is_the_headline_and_the_status(store, actor, fw):
    entries = {i: EntryIn(score=0, evidence="checked") for i in fw.indicators if not i.startswith("R")}
    entries.update({i.id: EntryIn(score=3, evidence="reports") for f in fw.factors if f.id == "11" for i in f.indicators})
    at = _preview(store, actor, fw, entries)
    assert not at.exception, [e.value for e in at.exception]
    assert any(m.value.startswith("#### Crimes against humanity") for m in at.markdown), \
        [m.value for m in at.markdown][:8]
    assert any("may be under way" in e.value for e in at.error)


def test_a_one_factor_assessment_is_marked_provisional(store, actor, fw):
    factor7 = next(f for f in fw.factors if f.id == "7")
    at = _preview(store, actor, fw, {i.id: EntryIn(score=3, evidence="x") for i in factor7.indicators})
    assert not at.exception, [e.value for e in at.exception]
    assert any(w.value.startswith("Provisional") for w in at.warning)
