"""One output-encoding rule: CSV cells open as text in a spreadsheet, whatever a person typed."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pandas as pd
import pytest

from riskframe.safety.csv_cells import RISKY_START, csv_bytes, neutralise

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x.invalid","y")']


@pytest.mark.parametrize("text", HOSTILE)
def test_risky_text_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text
    assert text.startswith(RISKY_START)


def test_numbers_and_harmless_text_stay_as_they_are():
    assert neutralise(-2.5) == -2.5 and neutralise(3) == 3 and neutralise("Evidence: 1 = 1") == "Evidence: 1 = 1"


def test_csv_bytes_neutralises_every_text_cell_and_header():
    frame = pd.DataFrame({"=evil": ["=1+1", "plain"], "score": [-1.5, 2]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows[0] == ["'=evil", "score"]
    assert rows[1] == ["'=1+1", "-1.5"] and rows[2] == ["plain", "2.0"]


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is installed by make test; missing only outside it")
def test_libreoffice_opens_the_csv_cell_as_text(tmp_path):
    """Convert the CSV with LibreOffice, as a person opening it would, and read the cell back."""
    path = tmp_path / "evidence.csv"
    path.write_bytes(csv_bytes(pd.DataFrame({"evidence": ["=1+1"], "n": [1]})))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=120)
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "evidence.xlsx").active["A2"]
    assert cell.data_type == "s" and "1+1" in str(cell.value) and cell.value != 2
