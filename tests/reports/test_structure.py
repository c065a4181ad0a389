"""The structure of the documents: the ordered headings (golden), the same in PDF and Word, empty sections left out."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import docx

from riskframe.i18n import use_language
from riskframe.reports import assessment_report, upr_section
from riskframe.reports.assemble import assemble
from riskframe.reports.history import _periods
from riskframe.reports.layout import report_document
from tests.reports.conftest import ADMIN
from tests.reports.helpers import make_assessment

GOLDEN = Path(__file__).parent / "golden" / "assessment_headings.json"


def test_assessment_report_headings_match_the_golden(demo_store, fw, validated_id):
    """Regenerate with RISKFRAME_UPDATE_GOLDEN=1 after an intended change; review the diff."""
    with use_language("en"):
        doc = report_document(assemble(demo_store, ADMIN, fw, validated_id, with_robustness=False))
    got = [[level, text] for level, text in doc.headings()]
    if os.environ.get("RISKFRAME_UPDATE_GOLDEN") == "1":
        lines = ",\n".join(json.dumps(h, ensure_ascii=False) for h in got)
        GOLDEN.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    assert GOLDEN.exists(), f"no {GOLDEN}; run with RISKFRAME_UPDATE_GOLDEN=1 to write it"
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_word_headings_are_the_document_headings(demo_docx, demo_store, fw, validated_id):
    with use_language("en"):
        doc = report_document(assemble(demo_store, ADMIN, fw, validated_id, with_robustness=False))
    d = docx.Document(str(demo_docx))
    word = [[int(p.style.name.rsplit(" ", 1)[1]), p.text] for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert word == [[lv, t] for lv, t in doc.headings()]


def test_sections_with_nothing_to_show_are_left_out(small_store, fw):
    view = make_assessment(small_store, fw, "KE")
    with use_language("en"):
        headings = [t for _lv, t in report_document(assemble(small_store, ADMIN, fw, view.id,
                                                             with_robustness=False)).headings()]
    assert "Summary" in headings and "Annex B. Methodology" in headings
    for absent in ("Vulnerable groups", "Consultations: who was heard", "Recommended measures", "Rater agreement"):
        assert absent not in headings


def test_a_missing_quarter_is_a_gap_and_drafts_are_marked(small_store, fw):
    make_assessment(small_store, fw, "KE", "2025-Q3")
    last = make_assessment(small_store, fw, "KE", "2026-Q1")
    assert _periods(["2026-Q1", "2025-Q3"]) == ["2025-Q3", "2025-Q4", "2026-Q1"]
    with use_language("en"):
        data = assemble(small_store, ADMIN, fw, last.id, with_robustness=False)
    assert [p.period for p in data.trend] == ["2025-Q3", "2025-Q4", "2026-Q1"]
    assert data.trend[1].composite is None and data.trend[0].composite is not None
    assert not any(p.validated for p in data.trend)  # both are drafts: hollow marks


def test_french_report(demo_store, fw, validated_id, tmp_path):
    outcome = assessment_report(demo_store, ADMIN, fw, validated_id, "docx", lang="fr")
    assert outcome.ok and outcome.file_name.endswith("-fr.docx")
    d = docx.Document(io.BytesIO(outcome.data))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert "Résumé" in headings and "Summary" not in headings


def test_upr_section_names_only_measures_that_cite_the_review(small_store, fw):
    measures = [{"title": "Hate speech monitoring cell", "description": "Implements UPR recommendation 128.45 "
                 "(accepted). Staff trained.", "status": "in_progress"},
                {"title": "Radio licence reform", "description": "Amend the Media Act.", "status": "proposed"},
                {"title": "Focal point appointed", "linked_ids": ["upr_atrocity_dimension"], "status": "done"}]
    view = make_assessment(small_store, fw, "XA", measures=measures)
    outcome = upr_section(small_store, ADMIN, fw, view.id, lang="en")
    assert outcome.ok, outcome.message
    d = docx.Document(io.BytesIO(outcome.data))
    texts = [p.text for p in d.paragraphs]
    start = texts.index("Recommendations of the universal periodic review implemented")
    after = " ".join(texts[start:])
    assert "Hate speech monitoring cell: Implements UPR recommendation 128.45 (accepted)." in after
    assert "Focal point appointed" in after and "universal periodic review" in after
    assert "Radio licence reform" not in after
    assert "Radio licence reform" in " ".join(texts[:start])  # reported as a measure, not as a UPR one
