"""The template's list sheets (issue 16): vulnerable groups, consultations and recommended measures
filled offline — added, edited and removed by a spreadsheet user — validated with located problems,
merged three-way per field of each item, saved with the indicators as one revision, and a prefilled
template re-imported unchanged changes nothing."""

from __future__ import annotations

import io

import click
import openpyxl
from click.testing import CliRunner

from riskframe.cli import excel_cmds
from riskframe.excel import layout
from riskframe.excel.service import import_file
from riskframe.excel.template import template_bytes
from riskframe.store import MeasureStatus
from tests.excel.helpers import ACTOR, OTHER, fill
from tests.excel.list_helpers import edit, first_empty_row, put, row_of, with_lists


def _import(store, fw, data: bytes, **kwargs):
    return import_file(store, ACTOR, fw, data, "offline.xlsx", channel="test", max_mb=10, **kwargs)


def test_list_sheets_hold_the_items_with_locked_ids_and_labelled_drop_downs(fw, store):
    view = with_lists(store, fw)
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(fw, "XA", "2026-Q3", view, prefill=True)))
    assert wb.sheetnames[:4] == ["Indicators", "Vulnerable groups", "Consultations", "Measures"]
    ws = wb["Measures"]
    row = row_of(ws, "title", "Train monitors")
    key = next(m.key for m in view.measures if m.title == "Train monitors")
    assert ws.cell(row, 1).value == key and ws.cell(row, 1).protection.locked
    assert not ws.cell(row, 3).protection.locked and ws.protection.sheet
    assert ws.row_dimensions[layout.KEY_ROW].hidden
    assert [c.value for c in ws[layout.HEADER_ROW]][:3] == ["Row id (do not change)", "Remove?", "Recommended measure"]
    assert ws.cell(row, 11).value == "Proposed" and ws.cell(row, 5).value == "1, 1.2"  # a label, not the code
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"Proposed,Agreed,In progress,Implemented,Dropped"' in lists and '"Yes,No"' in lists
    blank = first_empty_row(ws)
    assert blank > row and not ws.cell(blank, 3).protection.locked  # room for new items
    consultations = wb["Consultations"]
    assert consultations.cell(row_of(consultations, "name", "Women's network"), 3).value == "Women's organisations"


def test_a_prefilled_template_reimported_unchanged_changes_nothing(fw, store):
    view = with_lists(store, fw, hard=True)
    assert len(view.vulnerable_groups[0].description) > 19000
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    outcome = _import(store, fw, data, apply=True)
    assert outcome.status == "nothing", (outcome.message, outcome.item_changes, outcome.problems)
    assert store.get_assessment(ACTOR, view.id).revision == view.revision


def test_add_edit_and_remove_rows_as_a_spreadsheet_user_in_one_revision(fw, store):
    view = with_lists(store, fw)
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)

    def measures(ws, cols):
        put(ws, cols, row_of(ws, "title", "Train monitors"), {"status": "Done", "follow_up": "Forty trained."})
        put(ws, cols, first_empty_row(ws), {"title": "Early-warning radio", "type": "Structural",
                                            "due_date": "2027-03-31"})

    data = edit(data, "Measures", measures)
    data = edit(data, "Consultations", lambda ws, cols: put(ws, cols, row_of(ws, "name", "National commission"),
                                                            {"remove": "Yes"}))
    data = edit(data, "Vulnerable groups", lambda ws, cols: put(ws, cols, first_empty_row(ws),
                                                                {"name": "Internally displaced people"}))
    data = fill(data, {"1.1": {"score": 2, "missing": None}})
    preview = _import(store, fw, data)
    assert preview.status == "preview" and preview.items == 4 and preview.indicators == 1
    texts = [c.text for c in preview.item_changes]
    # "Done" (the label before "implemented") still reads, as Implemented
    assert any("Measures, row" in t and "“Train monitors”: Status: Proposed → Implemented" in t for t in texts), texts
    assert any("adds “Early-warning radio”" in t for t in texts)
    assert any("removes “National commission”" in t for t in texts)
    key = next(m.key for m in view.measures if m.title == "Train monitors")
    assert not any(key in t or "in_progress" in t or "{" in t for t in texts)  # no ids, codes or reprs
    done = _import(store, fw, data, apply=True)
    assert done.status == "applied", done.message
    after = store.get_assessment(ACTOR, view.id)
    assert after.revision == view.revision + 1  # indicators and lists: one revision
    by_title = {m.title: m for m in after.measures}
    assert by_title["Train monitors"].status.value == "implemented"
    assert by_title["Train monitors"].follow_up == "Forty trained." and by_title["Train monitors"].key == key
    assert by_title["Early-warning radio"].type.value == "structural"
    assert str(by_title["Early-warning radio"].due_date) == "2027-03-31"
    assert [c.name for c in after.consultations] == ["Women's network"]
    assert "Internally displaced people" in [g.name for g in after.vulnerable_groups]
    assert after.entries["1.1"].score == 2
    again = _import(store, fw, data, apply=True)  # the same file again: the new rows are not added twice
    assert again.status == "nothing", ([c.text for c in again.item_changes], again.conflicts)
    assert len(store.get_assessment(ACTOR, view.id).measures) == 3
    assert any("“Early-warning radio” is already in the database" in w for w in again.warnings), again.warnings
    assert again.item_kept == []  # the file's own earlier addition is no colleague's change


def test_a_consultation_without_a_name_is_refused_naming_sheet_row_and_column(fw, store):
    view = with_lists(store, fw)
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    rows = {}

    def change(ws, cols):
        rows["new"] = first_empty_row(ws)
        put(ws, cols, rows["new"], {"category": "Youth", "summary": "Met the youth council."})
        rows["bad_date"] = row_of(ws, "name", "Women's network")
        put(ws, cols, rows["bad_date"], {"date": "next week"})

    outcome = _import(store, fw, edit(data, "Consultations", change), apply=True)
    assert outcome.status == "invalid"
    text = [str(p) for p in outcome.problems]
    assert f"[sheet “Consultations”, row {rows['new']}, column D] a consultation needs the organisation or " \
           "person consulted" in text[0] or any(t.startswith(f"[sheet “Consultations”, row {rows['new']}, column D] "
                                                             "a consultation needs") for t in text), text
    assert any(t.startswith(f"[sheet “Consultations”, row {rows['bad_date']}, column E] Date (YYYY-MM-DD) must be a "
                            "date") for t in text), text
    assert {p.field for p in outcome.problems} == {"name", "date"}
    assert store.get_assessment(ACTOR, view.id).revision == view.revision  # nothing written


def test_a_colleagues_change_to_another_item_is_kept(fw, store):
    view = with_lists(store, fw)
    data = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    police = next(m for m in view.measures if m.title == "Reform the police act")
    store.save_measures(OTHER, view.id, view.revision, [police.model_copy(update={
        "status": MeasureStatus.DROPPED, "status_reason": "Merged with another measure"})])
    data = edit(data, "Measures", lambda ws, cols: put(ws, cols, row_of(ws, "title", "Train monitors"),
                                                       {"owner": "OHCHR"}))
    preview = _import(store, fw, data)
    assert preview.status == "preview"
    assert any("“Reform the police act”" in k.text and "Dropped" in k.text and "analyst.b" in k.text
               for k in preview.item_kept), preview.item_kept
    assert _import(store, fw, data, apply=True).status == "applied"
    by_title = {m.title: m for m in store.get_assessment(ACTOR, view.id).measures}
    assert by_title["Reform the police act"].status.value == "dropped"  # the colleague's value stays
    assert by_title["Train monitors"].owner == "OHCHR"


def invoke(*args):
    group = click.Group("riskframe")
    excel_cmds.register(group)
    return CliRunner().invoke(group, [str(a) for a in args])


def test_the_same_field_changed_by_both_exits_2_naming_it_unless_prefer(fw, store, db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", db_url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.cli")
    view = with_lists(store, fw)
    template = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    train = next(m for m in view.measures if m.title == "Train monitors")
    store.save_measures(OTHER, view.id, view.revision, [train.model_copy(update={
        "status": MeasureStatus.DROPPED, "status_reason": "Merged with another measure"})])
    rows = {}

    def change(ws, cols):
        rows["train"] = row_of(ws, "title", "Train monitors")
        put(ws, cols, rows["train"], {"status": "Done"})

    path = tmp_path / "offline.xlsx"
    path.write_bytes(edit(template, "Measures", change))
    head = store.get_assessment(ACTOR, view.id).revision
    refused = invoke("import", path, "--yes")
    assert refused.exit_code == 2
    assert f"Measures, row {rows['train']}, “Train monitors”: Status" in refused.stderr
    assert "your file Implemented, database now Dropped" in refused.stderr and "analyst.b" in refused.stderr
    assert store.get_assessment(ACTOR, view.id).revision == head
    mine = invoke("import", path, "--yes", "--prefer", "mine")
    assert mine.exit_code == 0, mine.stderr
    assert {m.title: m.status.value for m in store.get_assessment(ACTOR, view.id).measures}["Train monitors"] == "implemented"


def test_removing_an_item_a_colleague_edited_is_a_conflict(fw, store):
    view = with_lists(store, fw)
    template = template_bytes(fw, "XA", "2026-Q3", view, prefill=True)
    group = next(g for g in view.vulnerable_groups if g.name == "Pastoralists")
    store.save_vulnerable_groups(OTHER, view.id, view.revision, [group.model_copy(update={"basis": "livelihood"})])
    data = edit(template, "Vulnerable groups", lambda ws, cols: put(ws, cols, row_of(ws, "name", "Pastoralists"),
                                                                    {"remove": "yes"}))
    outcome = _import(store, fw, data, apply=True)
    assert outcome.status == "conflicts" and outcome.exit_code == 2
    assert {c.field for c in outcome.conflicts} >= {"basis", "deleted"}
    kept = _import(store, fw, data, apply=True, prefer="theirs")
    assert kept.status == "nothing"
    assert "Pastoralists" in [g.name for g in store.get_assessment(ACTOR, view.id).vulnerable_groups]


def test_a_template_for_a_new_assessment_creates_it_with_its_lists_in_one_revision(fw, store):
    store.ensure_country(ACTOR, "XB", "XB (fictional)")
    data = template_bytes(fw, "XB", "2026-Q3")
    data = edit(data, "Vulnerable groups", lambda ws, cols: put(ws, cols, first_empty_row(ws), {"name": "Fishers"}))
    outcome = _import(store, fw, data, apply=True)
    assert outcome.status == "applied" and outcome.creates, outcome.message
    found = store.find_assessment(ACTOR, "XB", "2026-Q3")
    view = store.get_assessment(ACTOR, found.id)
    assert [g.name for g in view.vulnerable_groups] == ["Fishers"] and view.revision == 2  # create + import


def test_save_import_is_all_or_nothing_across_indicators_and_lists(fw, store):
    """A conflict in one list refuses the indicators saved with it too: one transaction."""
    import pytest

    from riskframe.store import ConflictError

    view = with_lists(store, fw)
    train = next(m for m in view.measures if m.title == "Train monitors")
    store.save_measures(OTHER, view.id, view.revision, [train.model_copy(update={"owner": "someone else"})])
    head = store.get_assessment(ACTOR, view.id).revision
    with pytest.raises(ConflictError):
        store.save_import(ACTOR, view.id, view.revision, {"1.1": {"score": 3}}, fw,
                          lists={"measures": [train.model_copy(update={"owner": "mine"})]})
    after = store.get_assessment(ACTOR, view.id)
    assert after.revision == head and "1.1" not in after.entries
