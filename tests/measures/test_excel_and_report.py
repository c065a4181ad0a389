"""The follow-up fields in the template (round trip, located problems), the printable export and the report."""

from __future__ import annotations

import io
import shutil

import docx
import openpyxl
import pytest

from riskframe.excel.service import import_file
from riskframe.excel.template import template_bytes
from riskframe.i18n import use_language
from riskframe.reports import upr_section
from riskframe.reports.assemble import assemble
from riskframe.reports.layout import report_document
from riskframe.store import open_store
from tests.excel.helpers import ACTOR, create
from tests.excel.list_helpers import edit, first_empty_row, key_columns, put, row_of

PLAN = {"title": "National action plan", "status": "agreed", "due_period": "2027-Q2", "option_id": "national_action_plan",
        "upr_recommendation_id": "150.12", "upr_recommendation_text": "Adopt a national action plan.",
        "linked_ids": ["1.1"]}


@pytest.fixture
def store(sqlite_template, tmp_path):
    path = tmp_path / "riskframe.db"
    shutil.copyfile(sqlite_template, path)
    with open_store(f"sqlite:///{path}") as opened:
        yield opened


def _with_plan(store, fw):
    view = create(store, fw)
    store.save_measures(ACTOR, view.id, view.revision, [PLAN])
    return store.get_assessment(ACTOR, view.id)


def _import(store, fw, data, **kwargs):
    return import_file(store, ACTOR, fw, data, "offline.xlsx", channel="test", max_mb=10, **kwargs)


def test_the_template_holds_the_new_columns_and_they_come_back(store, fw):
    view = _with_plan(store, fw)
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Measures"]
    cols, row = key_columns(ws), row_of(ws, "title", "National action plan")
    assert {k: ws.cell(row, cols[k]).value for k in ("option_id", "due_period", "status", "upr_recommendation_id",
                                                     "upr_recommendation_text")} == {
        "option_id": "national_action_plan", "due_period": "2027-Q2", "status": "Agreed",
        "upr_recommendation_id": "150.12", "upr_recommendation_text": "Adopt a national action plan."}
    assert ws.cell(row, cols["upr_recommendation_id"]).number_format == "@"  # 150.10 stays 150.10
    assert _import(store, fw, data, apply=True).status == "nothing"  # unchanged: nothing written

    def change(ws, cols):
        put(ws, cols, row_of(ws, "title", "National action plan"),
            {"status": "Dropped", "status_reason": "Merged into the NHRI plan.", "due_period": "2027-q3",
             "upr_recommendation_id": "150.10"})
    done = _import(store, fw, edit(data, "Measures", change), apply=True)
    assert done.status == "applied", (done.message, done.problems)
    m = store.get_assessment(ACTOR, view.id).measures[0]
    assert (m.status.value, m.status_reason, m.due_period, m.upr_recommendation_id, m.option_id) == (
        "dropped", "Merged into the NHRI plan.", "2027-Q3", "150.10", "national_action_plan")


def test_bad_follow_up_cells_are_located(store, fw):
    view = _with_plan(store, fw)
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    rows = {}

    def change(ws, cols):
        rows["plan"] = row_of(ws, "title", "National action plan")
        put(ws, cols, rows["plan"], {"status": "Dropped", "due_period": "May 2027"})
        rows["new"] = first_empty_row(ws)
        put(ws, cols, rows["new"], {"title": "Radio", "option_id": "no_such_option"})
        rows["letters"] = {k: ws.cell(1, c).column_letter for k, c in cols.items()}
    outcome = _import(store, fw, edit(data, "Measures", change), apply=True)
    assert outcome.status == "invalid"
    text = [str(p) for p in outcome.problems]
    letters = rows["letters"]
    assert any(t.startswith(f"[sheet “Measures”, row {rows['plan']}, column {letters['due_period']}] Due quarter")
               and "must be a quarter" in t for t in text), text
    assert any(t.startswith(f"[sheet “Measures”, row {rows['plan']}, column {letters['status_reason']}] a dropped "
                            "measure needs the reason") for t in text), text
    assert any(t.startswith(f"[sheet “Measures”, row {rows['new']}, column {letters['option_id']}] “no_such_option” "
                            "is not a prevention option") for t in text), text
    assert store.get_assessment(ACTOR, view.id).revision == view.revision


def test_the_report_and_the_upr_section_show_the_follow_up(store, fw):
    view = _with_plan(store, fw)
    with use_language("en"):
        data = assemble(store, ACTOR, fw, view.id, with_robustness=False)
        [row] = data.measures
        assert (row.status, row.due, row.upr) == ("Agreed", "2027-Q2", "150.12")
        doc = report_document(data)
    tables = [b for b in doc.blocks if getattr(b, "header", None) and "UPR" in b.header]
    assert tables and tables[0].rows[0][-1] == "150.12"
    outcome = upr_section(store, ACTOR, fw, view.id, lang="en")
    texts = " ".join(p.text for p in docx.Document(io.BytesIO(outcome.data)).paragraphs)
    assert "National action plan: Implements UPR recommendation 150.12: Adopt a national action plan." in texts


def test_the_printable_export_shows_the_follow_up(store, fw):
    from riskframe.excel.export import export_workbook
    from riskframe.excel.export_data import Selection

    view = _with_plan(store, fw)
    wb = openpyxl.load_workbook(io.BytesIO(export_workbook(store, ACTOR, fw, Selection(assessment_id=view.id))))
    values = [str(c.value) for ws in (wb["Measures"], wb["Measure details"]) for r in ws.iter_rows() for c in r
              if c.value is not None]
    for text in ("Due quarter", "2027-Q2", "national_action_plan", "150.12", "Agreed",
                 "150.12: Adopt a national action plan."):
        assert text in values, text
