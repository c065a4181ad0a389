"""Export workbooks: sheets, formatting, chart, fictional mark, injection safety, and a golden file."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from riskframe.excel.export import SHEETS, export_workbook
from riskframe.excel.export_data import Selection, SelectionError
from riskframe.store import ConsultationIn, MeasureIn, VulnerableGroupIn
from tests.excel.dump import dump
from tests.excel.helpers import ACTOR, EXPORT_TIME, RISKY, create, formula_elements, sample_entries

GOLDEN = Path(__file__).parent / "golden" / "export_assessment.json"


def rich_assessment(store, fw, country="XA", period="2026-Q3", salt=""):
    entries = sample_entries(fw, salt + period, every=2)
    for risky, iid in zip(RISKY, ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1"]):
        entries[iid] = entries.get(iid, entries["1.1"]).model_copy(update={"evidence": risky, "comment": risky})
    view = create(store, fw, country, period, entries)
    rev = store.save_vulnerable_groups(ACTOR, view.id, view.revision, [VulnerableGroupIn(
        name=RISKY[0], basis="ethnic", description="A minority in the north.")]).revision
    rev = store.save_consultations(ACTOR, view.id, rev, [ConsultationIn(
        category="civil_society", name="-Civil society platform", summary="@mention of rising slurs")]).revision
    store.save_measures(ACTOR, view.id, rev, [MeasureIn(title="+Monitoring channel", linked_ids=["7.14"],
                                                        description="=1+1", owner="Focal point")])
    return store.get_assessment(ACTOR, view.id)


@pytest.fixture
def history(store, fw):
    """XA over three quarters and XB in the last one."""
    views = [rich_assessment(store, fw, "XA", p) for p in ("2026-Q1", "2026-Q2", "2026-Q3")]
    views.append(rich_assessment(store, fw, "KE", "2026-Q3", salt="ke"))
    return views


def test_one_assessment_workbook_structure(fw, store, history):
    data = export_workbook(store, ACTOR, fw, Selection(assessment_id=history[2].id), now=EXPORT_TIME)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == list(SHEETS)
    assert wb.properties.creator == "riskframe" and "XA" in wb.properties.title and wb.properties.subject
    for ws in wb.worksheets:
        assert ws["A2"].value.startswith("FICTIONAL DATA: XA"), ws.title  # the mark on every sheet
        assert ws.oddHeader.right.text == "Fictional data" and ws.oddHeader.left.text == "&A"
        assert ws.oddFooter.right.text == "Page &P of &N"
        assert ws.freeze_panes.endswith("4") and ws.auto_filter.ref.startswith("A3:")
        assert ws.print_title_rows == "$3:$3" and ws.page_setup.paperSize == 9  # A4
        assert ws["A3"].font.bold
    summary = wb["Summary"]
    assert summary.page_setup.orientation == "portrait" and wb["Indicators"].page_setup.orientation == "landscape"
    headers = [c.value for c in summary[3]]
    assert headers[:4] == ["Country", "Country name", "Period", "Status"]
    assert {"Composite", "Tier", "Band low", "Band high", "Coverage"} <= set(headers)
    assert {"Red flags (indicators)", "Top drivers (themes, 0-100)"} <= {c.value for c in wb["Drivers"][3]}
    assert "Validated by" in [c.value for c in wb["Record"][3]]
    assert summary["A4"].value == "XA" and summary["C4"].value == "2026-Q3" and summary["D4"].value == "Draft"
    assert summary.max_row > 6  # explanation sentences below the table
    indicators, evidence = wb["Indicators"], wb["Evidence"]
    assert indicators.max_row == evidence.max_row == 3 + len(fw.indicators)
    evidence_col = [c.value for c in evidence[3]].index("Evidence") + 1
    assert evidence.cell(4, evidence_col).alignment.wrap_text
    assert [c.value for c in wb["Trend"]["A"][3:6]] == ["2026-Q3"]  # earlier drafts stay out of the trend
    chart = wb["Trend"]._charts[0]
    assert type(chart).__name__ == "LineChart" and len(chart.series) == 6
    assert any(r.type == "expression" for rng in summary.conditional_formatting for r in rng.rules)
    assert any(r.type == "cellIs" for rng in summary.conditional_formatting for r in rng.rules)
    assert wb["Measures"]["C4"].value == "+Monitoring channel"
    assert wb["Vulnerable groups"]["C4"].value == RISKY[0]
    assert "docs/methodology.md" in " ".join(str(c.value) for c in wb["Method"]["B"])


def test_no_formula_anywhere_and_risky_text_stays_text(fw, store, history):
    data = export_workbook(store, ACTOR, fw, Selection(assessment_id=history[2].id), now=EXPORT_TIME)
    assert formula_elements(data) == []
    ws = openpyxl.load_workbook(io.BytesIO(data))["Evidence"]
    col = [c.value for c in ws[3]].index("Evidence") + 1
    found = {ws.cell(r, col).value: ws.cell(r, col) for r in range(4, ws.max_row + 1)}
    for risky in RISKY:
        risky = risky.replace("\r", "\n")  # XML keeps no bare carriage return
        assert found[risky].data_type == "s" and found[risky].quotePrefix, repr(risky)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert any(b"<t>=HYPERLINK(" in x for x in sheets)  # stored as text (inline string), not <f>


def test_country_over_time_and_countries_in_a_period(fw, store, history):
    data = export_workbook(store, ACTOR, fw, Selection(country="XA", period_from="2026-Q2"), now=EXPORT_TIME)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in wb["Summary"]["C"][3:5]] == ["2026-Q2", "2026-Q3"]
    assert wb["Indicators"].max_row == 3 + 2 * len(fw.indicators)
    data = export_workbook(store, ACTOR, fw, Selection(period="2026-Q3", countries=("XA", "KE")), now=EXPORT_TIME)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert sorted(c.value for c in wb["Summary"]["A"][3:5]) == ["KE", "XA"]
    trend = wb["Trend"]
    # countries down, periods across; the drafts of 2026-Q1 and 2026-Q2 are not in the trend
    assert [c.value for c in trend[3]][:2] == ["Country", "2026-Q3"]
    assert [c.value for c in trend["A"][3:5]] == ["KE", "XA"]
    assert trend["B4"].number_format.endswith('" (draft)"')  # KE 2026-Q3 is a draft
    assert len(trend._charts[0].series) == 2
    assert "XA" in wb["Summary"]["A2"].value and "KE" not in wb["Summary"]["A2"].value


def test_real_countries_only_carry_no_fictional_mark(fw, store, history):
    data = export_workbook(store, ACTOR, fw, Selection(assessment_id=history[3].id), now=EXPORT_TIME)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert all("FICTIONAL" not in (ws["A2"].value or "") for ws in wb.worksheets)


def test_selections_that_name_nothing_are_refused(fw, store, history):
    with pytest.raises(SelectionError, match="no assessment in 2026-Q3 for: XC"):
        export_workbook(store, ACTOR, fw, Selection(period="2026-Q3", countries=("XA", "XC")))
    with pytest.raises(SelectionError, match="there is no assessment 999"):
        export_workbook(store, ACTOR, fw, Selection(assessment_id=999))
    with pytest.raises(SelectionError):
        export_workbook(store, ACTOR, fw, Selection())


def test_golden_export(fw, store):
    """A deterministic export (fixed clock, fixed export time) against golden/export_assessment.json.

    A change to the framework texts or the scoring rules changes it too: check the diff, then
    regenerate with RISKFRAME_UPDATE_GOLDEN=1.
    """
    view = rich_assessment(store, fw)
    current = dump(export_workbook(store, ACTOR, fw, Selection(assessment_id=view.id), now=EXPORT_TIME))
    text = json.dumps(current, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("RISKFRAME_UPDATE_GOLDEN") == "1":  # after an intended change; review the diff
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), f"no {GOLDEN}; run with RISKFRAME_UPDATE_GOLDEN=1 to write it"
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for name in expected["sheets"]:
        assert current["sheets"].get(name) == expected["sheets"][name], f"sheet {name} differs from {GOLDEN.name}"
    assert current == expected


def test_bulk_rows_give_the_same_workbook(fw, store, history, monkeypatch):
    """The fast path for very large sheets (bulk.py) writes what the openpyxl path writes."""
    from riskframe.excel import bulk

    sel = Selection(country="XA")
    normal = export_workbook(store, ACTOR, fw, sel, now=EXPORT_TIME)
    monkeypatch.setattr(bulk, "BULK_MIN_ROWS", 0)
    fast = export_workbook(store, ACTOR, fw, sel, now=EXPORT_TIME)
    assert fast != normal  # the other path was taken
    assert formula_elements(fast) == []
    a, b = dump(fast), dump(normal)
    for name in b["sheets"]:
        for key in b["sheets"][name]:
            assert a["sheets"][name][key] == b["sheets"][name][key], (name, key)
    assert a == b


def test_entries_from_an_older_framework_version_are_listed_not_scored(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=4))
    store.save_entries(ACTOR, view.id, view.revision, {"99.1": {"score": 3}}, set(fw.indicators) | {"99.1"})
    data = export_workbook(store, ACTOR, fw, Selection(assessment_id=view.id), now=EXPORT_TIME)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Indicators"]
    last = [c.value for c in ws[ws.max_row]]
    assert last[2] == "99.1" and last[5] == "(not in this framework version)" and last[7] == 3
