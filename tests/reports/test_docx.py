"""The assessment report as Word: heading styles, tables, page-number field, plain text; LibreOffice opens it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import docx
import pytest

from riskframe.reports import assessment_report
from tests.reports.conftest import ADMIN, need
from tests.reports.helpers import HOSTILE, make_assessment


def test_docx_has_heading_styles_tables_and_page_numbers(demo_docx):
    d = docx.Document(str(demo_docx))
    styles = {p.style.name for p in d.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert "Summary" in headings and "Annex B. Methodology" in headings
    assert len(d.tables) >= 5
    section = d.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert "PAGE" in section.footer._element.xml
    assert d.inline_shapes, "the trend chart is an image"


def test_docx_text_stays_text(small_store, fw):
    view = make_assessment(small_store, fw, "XA", evidence=HOSTILE)
    outcome = assessment_report(small_store, ADMIN, fw, view.id, "docx")
    assert outcome.ok, outcome.message
    d = docx.Document(io.BytesIO(outcome.data))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert any("<b>bold</b> & <font size=1>tiny</font> <a href='http://x'>link</a> \ufffdbell" in c for c in cells)


def test_libreoffice_converts_the_docx_to_a4_pdf(demo_docx, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if os.environ.get("RISKFRAME_SKIP_LIBREOFFICE") == "1":
        pytest.skip("RISKFRAME_SKIP_LIBREOFFICE=1: LibreOffice conversion skipped on request")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed; run `make system-deps`")
    out = tmp_path / "out"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(out), str(demo_docx)], check=True, capture_output=True,
                   timeout=300)
    pdf = out / demo_docx.with_suffix(".pdf").name
    assert pdf.exists(), "LibreOffice wrote no PDF (is the Writer component installed?)"
    info = subprocess.run([need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info, info
