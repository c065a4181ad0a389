"""Dashboards rescore history with the current method and say so: an assessment entered under
framework 1.0.0 is scored under the current version, labelled with the method and framework versions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from riskframe.domain import EntryIn


def test_an_older_assessment_is_rescored_and_labelled(store, actor, fw):
    assert fw.version != "1.0.0"  # the method made a new framework version
    a = store.create_assessment(actor, "XA", "2025-Q4", fw.id, "1.0.0")
    rev = store.save_entries(actor, a.id, a.revision, {"11.1": EntryIn(score=3, evidence="reports")}, fw).revision
    rev = store.transition(actor, a.id, "submitted", rev).revision
    store.transition(actor, a.id, "validated", rev)
    at = AppTest.from_string("from riskframe.app.pages import dashboards\ndashboards.country_page()\n",
                             default_timeout=90)
    at.query_params["country"] = "XA"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    note = " ".join(c.value for c in at.caption)
    assert f"method {fw.manifest.method.version}" in note and f"framework {fw.id} {fw.version}" in note
    assert "rescored" in note
