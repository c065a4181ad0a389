"""The template's structure: headers, drop-downs, protection, hidden metadata, prefill."""

from __future__ import annotations

import io

import openpyxl

from riskframe.excel import layout
from riskframe.excel.template import template_bytes
from tests.excel.helpers import ACTOR, create, formula_elements, sample_entries


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_one_row_per_indicator_with_locked_structure_and_open_inputs(fw):
    wb = load(template_bytes(fw, "XA", "2026-Q3"))
    ws = wb[layout.SHEET]
    assert [ws.cell(layout.HEADER_ROW, j).value for j in range(1, len(layout.COLUMNS) + 1)] == \
        [c.header for c in layout.columns(fw)]
    assert ws.cell(layout.HEADER_ROW, 5).value == "Score (0-3)"  # the manifest's scale, as templates always said
    ids = [ws.cell(r, 1).value for r in range(layout.FIRST_ROW, ws.max_row + 1)]
    assert ids == list(fw.indicators)
    row = layout.FIRST_ROW
    assert ws.cell(row, 2).value.startswith("1 · ") and ws.cell(row, 3).value
    assert ws.cell(row, 4).value.startswith("0 Absent: ")
    assert ws.protection.sheet and not ws.protection.password
    for j, col in enumerate(layout.COLUMNS, start=1):
        assert ws.cell(row, j).protection.locked is (not col.is_input), col.key
    assert ws.freeze_panes == "B5"
    assert ws.auto_filter.ref == f"A4:J{layout.FIRST_ROW + len(fw.indicators) - 1}"
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.orientation == "landscape"
    assert "FICTIONAL DATA" in ws.cell(layout.NOTE_ROW, 1).value
    assert wb.properties.creator == "riskframe"


def test_drop_downs_for_score_missing_reason_and_confidence(fw):
    ws = load(template_bytes(fw, "KE", "2026-Q3"))[layout.SHEET]
    last = layout.FIRST_ROW + len(fw.indicators) - 1
    found = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert found == {f"E5:E{last}": '"0,1,2,3"',
                     f"F5:F{last}": '"Not assessed yet,Unknown / insufficient information,Not applicable"',
                     f"G5:G{last}": '"Low,Medium,High"'}  # labels (the manifest's), not codes
    assert all(dv.type == "list" and dv.showErrorMessage for dv in ws.data_validations.dataValidation)
    assert "FICTIONAL" not in ws.cell(layout.NOTE_ROW, 1).value  # KE is a real country


def test_metadata_sheet_is_very_hidden_protected_and_complete(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=3))
    wb = load(template_bytes(fw, "XA", "2026-Q3", view))
    meta_ws = wb[layout.META_SHEET]
    assert meta_ws.sheet_state == "veryHidden" and meta_ws.protection.sheet
    assert wb.security.lockStructure
    meta = {r[0]: r[1] for r in meta_ws.iter_rows(values_only=True)}
    assert set(meta) == set(layout.META_KEYS)
    assert meta["framework_id"] == fw.id and meta["framework_version"] == fw.version
    assert (meta["country"], meta["period"]) == ("XA", "2026-Q3")
    assert meta["base_revision"] == str(view.revision) and meta["assessment_id"] == str(view.id)
    assert meta["ids_sha256"] == layout.ids_checksum(fw.indicators)
    assert len(meta["ids_sha256"]) == 64
    assert load(template_bytes(fw, "XB", "2026-Q3"))[layout.META_SHEET]["B7"].value == "0"  # no assessment yet


def test_prefill_writes_current_values_as_text(fw, store):
    entries = sample_entries(fw)
    entries["1.1"] = entries["1.1"].model_copy(update={"evidence": "=HYPERLINK(\"http://x\")", "score": 2,
                                                       "missing": None})
    view = create(store, fw, entries=entries)
    data = template_bytes(fw, "XA", "2026-Q3", store.get_assessment(ACTOR, view.id), prefill=True)
    assert formula_elements(data) == []
    ws = load(data)[layout.SHEET]
    row = {ws.cell(r, 1).value: r for r in range(layout.FIRST_ROW, ws.max_row + 1)}["1.1"]
    assert ws.cell(row, 5).value == 2 and ws.cell(row, 8).value == "=HYPERLINK(\"http://x\")"
    assert ws.cell(row, 8).data_type == "s"
    empty = load(template_bytes(fw, "XA", "2026-Q3", view, prefill=False))[layout.SHEET]
    assert all(empty.cell(r, 5).value is None for r in range(layout.FIRST_ROW, empty.max_row + 1))
