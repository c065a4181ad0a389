"""Dashboards rescore history with the current method and say so: an assessment entered under
framework 1.0.0 is scored under the current version, labelled with the method and framework versions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from riskframe.domain import EntryIn


def _validated_country_page(store, actor, fw, period: str, version: str, entries: dict) -> AppTest:
    """Validate one assessment of XA with `entries` (entered under `version`); run its country dashboard."""
    a = store.create_assessment(actor, "XA", period, fw.id, version)
    rev = store.save_entries(actor, a.id, a.revision, entries, fw).revision
    rev = store.transition(actor, a.id, "submitted", rev).revision
    store.transition(actor, a.id, "validated", rev)
    at = AppTest.from_string("from riskframe.app.pages import dashboards\ndashboards.country_page()\n",
                             default_timeout=90)
    at.query_params["country"] = "XA"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_older_assessment_is_rescored_and_labelled(store, actor, fw):
    assert fw.version != "1.0.0"  # the method made a new framework version
    at = _validated_country_page(store, actor, fw, "2025-Q4", "1.0.0",
                                 {"11.1": EntryIn(score=3, evidence="reports")})
    note = " ".join(c.value for c in at.caption)
    assert f"method {fw.manifest.method.version}" in note and f"framework {fw.id} {fw.version}" in note
    assert "rescored" in note


def test_the_country_dashboard_leads_with_the_level_per_crime(store, actor, fw):
    entries = {i: EntryIn(score=0, evidence="checked") for i in fw.indicators if not i.startswith("R")}
    entries.update({i.id: EntryIn(score=3, evidence="reports") for f in fw.factors if f.id == "11"
                    for i in f.indicators})
    at = _validated_country_page(store, actor, fw, "2026-Q1", fw.version, entries)
    assert any(m.value.startswith("#### Crimes against humanity") for m in at.markdown)
    assert any("may be under way" in c.value for c in at.caption)
