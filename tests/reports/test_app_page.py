"""The Reports page: choose an assessment, a format and a language, prepare, download; refusals as sentences."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from riskframe.app import page_access


@pytest.fixture
def app(monkeypatch, demo_url):
    monkeypatch.setenv("RISKFRAME_AUTH", "off")
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", demo_url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.test")
    return AppTest.from_string("from riskframe.app.pages import reports\nreports.page()\n", default_timeout=120)


def test_reports_page_prepares_a_download(app, demo_store):
    at = app.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Fictional data" in " ".join(str(w.value) for w in at.warning)
    at.radio(key="report_format:assessment").set_value("docx")
    at.selectbox(key="report_lang").set_value("fr")
    at.button(key="report_prepare").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    ready = at.session_state["report_ready"]
    assert ready[1].endswith("-fr.docx") and ready[2][:2] == b"PK"
    assert any("report.assessment" == e.action for e in demo_store.audit_log(demo_store_actor(), action="report."))


def test_every_role_that_reads_sees_the_reports_page():
    assert page_access.needed_action("reports") == "read"
    assert all(page_access.can_see(role, "reports") for role in ("admin", "analyst", "focal_point", "viewer"))


def demo_store_actor():
    from riskframe.store import Actor

    return Actor.system("test")


def test_reports_page_on_an_empty_database_says_so(monkeypatch, sqlite_template, tmp_path):
    import shutil

    shutil.copyfile(sqlite_template, tmp_path / "empty.db")
    monkeypatch.setenv("RISKFRAME_AUTH", "off")
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.test")
    at = AppTest.from_string("from riskframe.app.pages import reports\nreports.page()\n", default_timeout=60).run()
    assert not at.exception and "no assessment to report on yet" in " ".join(i.value for i in at.info)
