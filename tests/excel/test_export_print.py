"""Export workbooks printed as a reader would: demo exports converted to PDF by LibreOffice, then read
with poppler (pdfinfo, pdftohtml -xml, pdftotext -bbox) and openpyxl.

One module fixture loads the demo, writes three exports through the CLI (an XA draft with its
validated history, a portfolio of one period, and the XA draft in Spanish) and converts them in one
`soffice` call. Checks: A4 on every page; no text under 8 pt; header rows on every page; no raw codes
in what people read; straight chart lines; drafts marked and earlier drafts out of the trend; Spanish
headers. `make test` installs LibreOffice; without it the tests fail unless RISKFRAME_SKIP_LIBREOFFICE=1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from riskframe.excel.export import SHEETS
from riskframe.excel.export_print import MIN_SCALE, page_units
from tests.cli_support import cli_invoker

DRAFT_ID = 8  # XA 2026-Q2 in the demo: a draft after a submitted 2026-Q1 and six validated quarters
PERIOD = "2026-Q1"
CODES = {"civil_society", "womens_organisations", "religious_leaders", "in_progress", "not_assessed",
         "not_applicable", "unknown", "very_high", "elevated", "moderate", "draft", "submitted", "validated",
         "returned", "operational", "structural", "proposed", "low", "medium", "high", "risk", "resilience",
         "nhri", "youth", "academia"}
RAW_CODE = re.compile(r"\b(civil_society|womens_organisations|religious_leaders|in_progress|not_assessed|"
                      r"not_applicable|very_high)\b")
DRAFT_WORD = {"en": "draft", "es": "borrador"}
MIN_PT = 8.0
BOX_PER_PT = 1.3  # pdftotext -bbox word height per point of font size (9 pt body text: 11.7)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("RISKFRAME_SKIP_LIBREOFFICE") == "1":
            pytest.skip(f"RISKFRAME_SKIP_LIBREOFFICE=1: {name} not installed, print checks skipped")
        pytest.fail(f"{name} is not installed; run `make system-deps` or set RISKFRAME_SKIP_LIBREOFFICE=1")
    return found


@pytest.fixture(scope="module")
def printed(sqlite_template, tmp_path_factory):
    """{name: (xlsx path, pdf path)} for the three exports."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice") or _tool("soffice")
    _tool("pdfinfo")
    root = tmp_path_factory.mktemp("print")
    db = root / "riskframe.db"
    shutil.copyfile(sqlite_template, db)
    files = {"draft": root / "draft.xlsx", "portfolio": root / "portfolio.xlsx", "spanish": root / "spanish.xlsx"}
    with pytest.MonkeyPatch.context() as mp:
        invoke = cli_invoker(mp, f"sqlite:///{db}", root / "data")
        assert invoke("demo").exit_code == 0
        assert invoke("export", "--assessment", DRAFT_ID, "--out", files["draft"]).exit_code == 0
        assert invoke("export", "--period", PERIOD, "--out", files["portfolio"]).exit_code == 0
        done = invoke("--lang", "es", "export", "--assessment", DRAFT_ID, "--out", files["spanish"])
        assert done.exit_code == 0, done.output
    out = root / "pdf"
    run = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{root / 'profile'}",
                          "--convert-to", "pdf", "--outdir", str(out), *map(str, files.values())],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    pdfs = {name: out / f"{path.stem}.pdf" for name, path in files.items()}
    assert all(p.is_file() for p in pdfs.values()), run.stdout + run.stderr
    return {name: (files[name], pdfs[name]) for name in files}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _page_sizes(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return re.findall(r"Page\s+\d+ size:\s+(.*)", info)


def _font_sizes(pdf: Path) -> list[float]:
    """The size of every text fragment LibreOffice drew (pdftohtml's font table at zoom 1 is in points)."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    sizes = {m.group(1): float(m.group(2)) for m in re.finditer(r'<fontspec id="(\d+)" size="([\d.]+)"', xml)}
    return [sizes[m.group(1)] for m in re.finditer(r'<text [^>]*font="(\d+)"', xml)]


def _word_heights(pdf: Path) -> list[float]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', out)]


@pytest.mark.parametrize("name", ["draft", "portfolio", "spanish"])
def test_every_page_is_a4_and_no_text_is_under_8_pt(printed, name):
    _xlsx, pdf = printed[name]
    sizes = _page_sizes(pdf)
    assert sizes and all("(A4)" in s for s in sizes), sorted(set(sizes))
    fonts = _font_sizes(pdf)
    assert fonts and min(fonts) >= MIN_PT, sorted(set(fonts))
    assert min(_word_heights(pdf)) / BOX_PER_PT >= MIN_PT - 0.1
    print(f"{name}: {len(sizes)} pages, smallest text {min(fonts):g} pt")  # the report quotes these


@pytest.mark.parametrize("name", ["draft", "portfolio", "spanish"])
def test_page_setup_prints_at_readable_scale(printed, name):
    """A4 on every sheet, header rows repeated, fit-to-width only where 9 pt stays at 8 pt or more."""
    wb = openpyxl.load_workbook(printed[name][0])
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9 and ws.print_title_rows == "$3:$3", ws.title
        if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
            last = column_index_from_string(re.findall(r"\$([A-Z]+)\$\d+", ws.print_area)[-1]) if ws.print_area \
                else ws.max_column
            widths = sum(ws.column_dimensions[get_column_letter(j)].width for j in range(1, last + 1))
            assert page_units(ws.page_setup.orientation) / widths >= MIN_SCALE, ws.title


def test_header_rows_repeat_on_every_page_of_a_long_sheet(printed):
    pages = [p for p in _pages(printed["draft"][1]) if p.lstrip().startswith("Indicators")]
    assert len(pages) > 3
    assert all("Missing reason" in p for p in pages)


def test_what_people_read_has_labels_not_codes(printed):
    for name in ("draft", "portfolio"):
        xlsx, pdf = printed[name]
        text = "\n".join(_pages(pdf))
        assert not RAW_CODE.findall(text), sorted(set(RAW_CODE.findall(text)))
        wb = openpyxl.load_workbook(xlsx)
        for ws in wb.worksheets:
            raw = {c.value for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str)} & CODES
            assert not raw, (name, ws.title, raw)
    text = "\n".join(_pages(printed["portfolio"][1]))
    assert "Civil society" in text or "Women's organisations" in text  # the demo's consultations, labelled


def test_trend_lines_are_straight_validated_and_drafts_marked(printed):
    xlsx, pdf = printed["draft"]
    with zipfile.ZipFile(xlsx) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert charts and all('<c:smooth val="1"' not in c for c in charts)
    assert all(c.count('<c:smooth val="0"/>') == c.count("<c:ser>") for c in charts)
    wb = openpyxl.load_workbook(xlsx)
    trend = wb["Trend"]
    (chart,) = trend._charts
    assert all(s.smooth is False or s.smooth is None for s in chart.series)
    rows = {trend.cell(r, 1).value: r for r in range(4, trend.max_row + 1) if trend.cell(r, 1).value}
    assert "2026-Q1" not in rows  # submitted, not validated: out of the trend
    assert "2026-Q2" in rows and "2025-Q4" in rows
    assert "(draft)" in trend.cell(rows["2026-Q2"], 3).number_format
    assert "(draft)" not in trend.cell(rows["2025-Q4"], 3).number_format
    draft_series = chart.series[-1]
    assert draft_series.graphicalProperties.line.noFill  # marks only, never joined to the validated line
    trend_pages = [p for p in _pages(pdf) if p.lstrip().startswith("Trend")]
    assert trend_pages and "(draft)" in trend_pages[0] and "2026-Q1" not in trend_pages[0]


def test_spanish_export_reads_in_spanish(printed):
    xlsx, pdf = printed["spanish"]
    wb = openpyxl.load_workbook(xlsx)
    assert "Resumen" in wb.sheetnames and "Summary" not in wb.sheetnames and len(wb.sheetnames) == len(SHEETS)
    headers = {c.value for ws in wb.worksheets for c in ws[3] if c.value}
    assert {"País", "Período"} <= headers
    assert not headers & {"Country", "Period", "Country name", "Missing reason", "Evidence", "Composite"}
    text = "\n".join(_pages(pdf))
    assert "Página" in text and "Datos ficticios" in text and DRAFT_WORD["es"] in text
    assert "Missing reason" not in text and "Page 1 of" not in text
