"""`riskframe report` end to end on the demo data, its refusals, and the country and portfolio briefs."""

from __future__ import annotations

import io
import re

import docx
import pytest

from riskframe.analytics import build_panel, portfolio_alerts
from riskframe.i18n import use_language
from riskframe.reports.briefs import country_document, portfolio_document
from tests.cli_support import cli_invoker
from tests.reports.conftest import ADMIN, pdftotext


@pytest.fixture
def run(monkeypatch, demo_url, tmp_path):
    return cli_invoker(monkeypatch, demo_url, tmp_path / "data")


def test_report_command_writes_a_pdf_and_audits_it(run, tmp_path, validated_id, demo_store):
    out = tmp_path / "r.pdf"
    result = run("report", "--assessment", validated_id, "--format", "pdf", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF") and "Annex B. Methodology" in pdftotext(out)
    events = demo_store.audit_log(ADMIN, assessment_id=validated_id, action="report.")
    assert events and events[0].detail["format"] == "pdf"


def test_report_command_in_spanish_docx(run, tmp_path, validated_id):
    out = tmp_path / "r.docx"
    assert run("report", "--assessment", validated_id, "--format", "docx", "--lang", "es", "--out", out).exit_code == 0
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert "Resumen" in headings and "Anexo B. Metodología" in headings


@pytest.mark.parametrize("args, says", [
    (["--assessment", "99999"], "assessment 99999 does not exist"),
    ([], "give exactly one of"),
    (["--assessment", "1", "--country", "XA"], "give exactly one of"),
    (["--assessment", "1", "--upr", "--format", "pdf"], "use --format docx"),
])
def test_report_command_refuses_with_a_sentence(run, tmp_path, args, says):
    out = tmp_path / "x.pdf"
    result = run("report", *args, "--out", out)
    assert result.exit_code == 2 and says in result.stderr and not out.exists()
    assert result.stdout == ""


def test_country_brief_lists_every_validated_period(demo_store, fw, run, tmp_path):
    with use_language("en"):
        doc = country_document(demo_store, ADMIN, fw, "XA", validated_only=True)
    table = next(b for b in doc.blocks if getattr(b, "header", None) and b.header[0] == "Period")
    periods = [r[0] for r in table.rows]
    validated = [a.period for a in demo_store.list_assessments(ADMIN, country="XA", status="validated")]
    assert periods == validated and doc.watermark
    out = tmp_path / "xa.docx"
    assert run("report", "--country", "XA", "--format", "docx", "--out", out).exit_code == 0


def test_portfolio_brief_follows_the_alerts(demo_store, fw):
    with use_language("en"):
        doc = portfolio_document(demo_store, ADMIN, fw, validated_only=True)
    entries = demo_store.entries_frame(ADMIN, ["validated"])
    panel = build_panel(entries, fw, ["validated"])
    alerts = portfolio_alerts(panel, fw, demo_store.now().date(), "en", entries)
    pages = [t for lv, t in doc.headings() if lv == 2]
    countries = [re.search(r"\(([A-Z]{2})\) · ", t)[1] for t in pages]
    in_alert_order = [c for c in dict.fromkeys(alerts["country"]) if c in countries]
    assert countries[:len(in_alert_order)] == in_alert_order
    latest = panel.latest()
    for c in countries:  # each page: the tier rose, or it is one of the two highest
        rose = bool(((alerts["country"] == c) & (alerts["kind"] == "tier_rose")).any())
        assert rose or {latest.at[c, "tier"], latest.at[c, "headline_level"]} & {"high", "very_high"}
    assert countries and "XE" not in countries  # Estrovia: low and stable


def test_upr_section_in_the_app_language(demo_store, fw, validated_id):
    from riskframe.reports import upr_section

    outcome = upr_section(demo_store, ADMIN, fw, validated_id, lang="fr")
    assert outcome.ok, outcome.message
    d = docx.Document(io.BytesIO(outcome.data))
    assert d.paragraphs[0].text == "Prévention des atrocités criminelles"
