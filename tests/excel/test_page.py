"""The Import / Export page in AppTest: downloads offered; an upload shows the diff and applies on confirm."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from riskframe.excel.template import template_bytes
from tests.excel.helpers import ACTOR, create, fill, sample_entries

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCRIPT = "from riskframe.app.pages import import_export\nimport_export.page()\n"


@pytest.fixture
def page_env(db_url, monkeypatch):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", db_url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.page")
    monkeypatch.setenv("RISKFRAME_AUTH", "off")  # no account: the page acts as the local admin focal.page


def open_page() -> AppTest:
    return AppTest.from_string(SCRIPT, default_timeout=60).run()


def no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def test_downloads_are_offered(fw, store, page_env):
    create(store, fw, entries=sample_entries(fw, every=5))
    at = open_page()
    no_exception(at)
    keys = {b.key for b in at.get("download_button")}
    assert {"excel_export_download", "excel_template_download"} <= keys
    assert any("Fictional data" in w.value for w in at.warning)


def test_upload_shows_the_diff_and_applies_on_confirm(fw, store, page_env):
    view = create(store, fw, entries=sample_entries(fw, every=2))
    data = fill(template_bytes(fw, "XA", "2026-Q3", view, prefill=True),
                {"1.1": {"score": 3, "missing": None}, "2.1": {"evidence": "=1+1 is text here"}})
    at = open_page()
    at.file_uploader(key="excel_upload").set_value(("filled.xlsx", data, XLSX)).run()
    no_exception(at)
    assert any("would change" in s.value for s in at.subheader)
    table = at.dataframe[0].value
    assert set(table["indicator"]) == {"1.1", "2.1"}
    assert store.get_assessment(ACTOR, view.id).revision == view.revision  # nothing written yet
    at.button(key="excel_import_apply").click().run()
    no_exception(at)
    assert any("Imported 2 indicator(s)" in s.value for s in at.success)
    after = store.get_assessment(ACTOR, view.id)
    assert after.revision == view.revision + 1
    assert after.entries["1.1"].score == 3 and after.entries["2.1"].evidence == "=1+1 is text here"
    assert after.entries["1.1"].changed_by == "focal.page"


def test_a_hostile_upload_is_refused_on_the_page(fw, store, page_env):
    create(store, fw)
    at = open_page()
    at.file_uploader(key="excel_upload").set_value(("evil.xlsx", b"not a workbook", XLSX)).run()
    no_exception(at)
    assert any("was refused" in e.value and "Nothing was written" in e.value for e in at.error)


def test_a_conflict_is_settled_field_by_field_and_colleagues_values_are_shown_as_merged(fw, store, page_env):
    from tests.excel.helpers import OTHER
    view = create(store, fw, entries=sample_entries(fw, every=2))
    template = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    theirs = next(x for x in (0, 1, 2) if x != view.entries["1.1"].score)
    store.save_entries(OTHER, view.id, view.revision, {"1.1": {"score": theirs, "evidence": "theirs"},
                                                       "1.3": {"score": 3, "evidence": "only theirs"}}, fw)
    data = fill(template, {"1.1": {"score": 3, "missing": None, "evidence": "mine"}, "2.1": {"evidence": "new"}})
    at = open_page()
    at.file_uploader(key="excel_upload").set_value(("filled.xlsx", data, XLSX)).run()
    no_exception(at)
    assert any("changed both in your file and by someone else" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == "excel_import_apply"]
    radios = {r.key.rsplit(":", 2)[-2] + ":" + r.key.rsplit(":", 1)[-1]: r
              for r in at.radio if r.key.startswith("excel_choice:")}
    assert set(radios) == {"1.1:missing+score", "1.1:evidence"}
    radios["1.1:missing+score"].set_value("theirs")
    radios["1.1:evidence"].set_value("mine")
    at.run()
    no_exception(at)
    assert any("would change" in s.value for s in at.subheader)
    assert any("Merged from colleagues" in c.value for c in at.caption)
    merged = next(d.value for d in at.dataframe if "value kept" in d.value.columns)
    assert "1.3" in set(merged["indicator"])
    at.button(key="excel_import_apply").click().run()
    no_exception(at)
    assert any("Imported 2 indicator(s)" in s.value for s in at.success)
    entries = store.get_assessment(ACTOR, view.id).entries
    assert (entries["1.1"].score, entries["1.1"].evidence) == (theirs, "mine")
    assert (entries["1.3"].score, entries["1.3"].evidence, entries["2.1"].evidence) == (3, "only theirs", "new")


def test_a_lists_only_upload_shows_the_items_in_words_and_applies(fw, store, page_env):
    from tests.excel.list_helpers import edit, put, row_of, with_lists

    view = with_lists(store, fw)
    data = edit(template_bytes(fw, "XA", "2026-Q3", view, prefill=True), "Measures",
                lambda ws, cols: put(ws, cols, row_of(ws, "title", "Train monitors"), {"status": "Done"}))
    at = open_page()
    at.file_uploader(key="excel_upload").set_value(("lists.xlsx", data, XLSX)).run()
    no_exception(at)
    assert any("0 indicator(s) and 1 list item(s) would change" in s.value for s in at.subheader)
    assert any("“Train monitors”: Status: Proposed → Implemented" in t.value for t in at.text)
    apply = at.button(key="excel_import_apply")
    assert apply.label == "Apply 1 change(s)"
    apply.click().run()
    no_exception(at)
    assert any("1 list item(s)" in s.value for s in at.success)
    after = store.get_assessment(ACTOR, view.id)
    assert next(m for m in after.measures if m.title == "Train monitors").status.value == "implemented"
