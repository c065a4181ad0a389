"""The assessment report as A4 PDF, read back with poppler: paper, content, type size, watermark, plain text."""

from __future__ import annotations

import re
import subprocess

from riskframe.reports import assessment_report
from riskframe.reports.pdf import MIN_PT, styles
from tests.reports.conftest import ADMIN, need, pdftotext
from tests.reports.helpers import HOSTILE, make_assessment


def test_pdf_is_a4_with_page_numbers(demo_pdf):
    info = subprocess.run([need("pdfinfo"), str(demo_pdf)], check=True, capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size[1]) - 595.3) < 1 and abs(float(size[2]) - 841.9) < 1, info
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert f"Page {pages} of {pages}" in pdftotext(demo_pdf, "-f", str(pages), "-l", str(pages))


def test_pdf_holds_composite_tier_red_flag_evidence_and_method(demo_pdf, demo_store, fw, validated_id):
    from riskframe.assessments import Assessments

    service = Assessments(demo_store, fw)
    view = service.get(ADMIN, validated_id)
    a = service.scores(view).assessments.loc[validated_id]
    text = " ".join(pdftotext(demo_pdf).split())
    assert f"The composite risk score is {a['composite']:.1f} of 100, in the tier {fw.tier(a['tier']).label()}" in text
    flag = a["red_flags"][0]
    assert " ".join(view.entries[flag].evidence.split())[:60] in text
    assert "Annex B. Methodology" in text and "Factor intensity" in text
    for heading in ("Summary", "Trend", "Risk and resilience factors", "Vulnerable groups",
                    "Consultations: who was heard", "Prevention measures and follow-up",
                    "Annex A. Indicators, evidence and sources", "Sources"):
        assert heading in text, heading


def test_no_text_below_8_points(demo_pdf):
    assert all(s.fontSize >= MIN_PT for s in styles().values())
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">',
                       pdftotext(demo_pdf, "-bbox"))
    heights = [float(y2) - float(y1) for _x1, y1, _x2, y2 in words]
    assert len(heights) > 1000
    # poppler gives each word a box as tall as its font size
    assert min(heights) >= MIN_PT - 0.01, min(heights)


def test_watermark_on_every_page_of_fictional_data_only(demo_pdf, small_store, fw, tmp_path):
    pages = pdftotext(demo_pdf).split("\f")
    assert all("FICTIONAL DATA" in p for p in pages if p.strip())
    real = make_assessment(small_store, fw, "KE")
    outcome = assessment_report(small_store, ADMIN, fw, real.id, "pdf")
    (tmp_path / "ke.pdf").write_bytes(outcome.data)
    text = pdftotext(tmp_path / "ke.pdf")
    assert "Kenya" in text and "FICTIONAL" not in text


def test_hostile_text_is_printed_as_typed(small_store, fw, tmp_path):
    view = make_assessment(small_store, fw, "XA", evidence=HOSTILE,
                           groups=[{"name": "<i>Group</i> & co", "basis": "ethnic"}])
    outcome = assessment_report(small_store, ADMIN, fw, view.id, "pdf")
    assert outcome.ok, outcome.message
    (tmp_path / "h.pdf").write_bytes(outcome.data)
    text = " ".join(pdftotext(tmp_path / "h.pdf").split())
    assert "<b>bold</b> & <font size=1>tiny</font> <a href='http://x'>link</a> \ufffdbell" in text
    assert "<i>Group</i> & co" in text


def test_the_summary_holds_on_one_page(demo_pdf):
    pages = pdftotext(demo_pdf, "-raw").split("\f")  # content order: the page's own text first
    assert pages[1].lstrip().startswith("Summary"), pages[1][:80]
    assert pages[2].lstrip().startswith("Trend"), pages[2][:80]
