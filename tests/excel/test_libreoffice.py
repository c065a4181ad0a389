"""A LibreOffice round trip: an export and a filled template re-saved by LibreOffice Calc.

One `soffice --headless --convert-to xlsx` call converts both files (LibreOffice starts slowly),
with a private user profile so the test never touches (or waits on) a desktop profile.
`make test` installs LibreOffice; without it the test fails unless RISKFRAME_SKIP_LIBREOFFICE=1.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import openpyxl
import pytest

from riskframe.excel.entries import as_entry_in
from riskframe.excel.export import SHEETS, export_workbook
from riskframe.excel.export_data import Selection
from riskframe.excel.importer import apply_import, plan_import
from riskframe.excel.reader import read_template
from riskframe.excel.template import template_bytes
from tests.excel.helpers import ACTOR, EXPORT_TIME, RISKY, cells_of, create, fill, formula_elements, sample_entries


@pytest.fixture
def soffice():
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("RISKFRAME_SKIP_LIBREOFFICE") == "1":
            pytest.skip("RISKFRAME_SKIP_LIBREOFFICE=1: LibreOffice round trip skipped on request")
        pytest.fail("LibreOffice (soffice) is not installed; run `make system-deps` "
                    "or set RISKFRAME_SKIP_LIBREOFFICE=1")
    return found


def convert(soffice: str, tmp_path, files: dict[str, bytes]) -> dict[str, bytes]:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    for name, data in files.items():
        (src / name).write_bytes(data)
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    *[str(src / n) for n in files]], check=True, capture_output=True, timeout=300)
    return {name: (out / name).read_bytes() for name in files}


def test_export_and_filled_template_survive_libreoffice(fw, store, soffice, tmp_path, monkeypatch):
    from riskframe.excel import bulk

    view = create(store, fw, entries=sample_entries(fw, "lo", every=2))
    monkeypatch.setattr(bulk, "BULK_MIN_ROWS", 0)  # the spliced rows must open in a real spreadsheet too
    export = export_workbook(store, ACTOR, fw, Selection(assessment_id=view.id), now=EXPORT_TIME)
    wanted = sample_entries(fw, "filled")
    wanted["1.1"] = wanted["1.1"].model_copy(update={"evidence": RISKY[0], "comment": RISKY[3]})
    filled = template_bytes(fw, "XA", "2026-Q3", view)
    filled = fill(filled, {iid: cells_of(e) for iid, e in wanted.items()})

    converted = convert(soffice, tmp_path, {"export.xlsx": export, "template.xlsx": filled})

    wb = openpyxl.load_workbook(io.BytesIO(converted["export.xlsx"]))
    assert wb.sheetnames == list(SHEETS)
    assert wb["Summary"]["A4"].value == "XA"
    indicators = wb["Indicators"]
    assert indicators.max_row == 3 + len(fw.indicators) and indicators["C4"].value == "1.1"
    assert all(ws["A2"].value.startswith("FICTIONAL DATA") for ws in wb.worksheets)
    assert len(wb["Trend"]._charts) == 1
    assert formula_elements(converted["export.xlsx"]) == []

    parsed = read_template(converted["template.xlsx"], fw, max_mb=10)
    assert any("LibreOffice" in w for w in parsed.warnings)
    assert (parsed.country, parsed.period, parsed.base_revision) == ("XA", "2026-Q3", view.revision)
    plan = plan_import(store, ACTOR, fw, parsed)
    assert not plan.conflicts and plan.refusal is None
    apply_import(store, ACTOR, fw, plan)
    stored = {iid: as_entry_in(e) for iid, e in store.get_assessment(ACTOR, view.id).entries.items()}
    assert stored == wanted
