"""Reports people can put in a national or UPR report: A4 PDF and Word documents, built offline.

    from riskframe.reports import assessment_report
    outcome = assessment_report(store, actor, framework, assessment_id, "pdf", lang="fr")
    if outcome.ok: Path(outcome.file_name).write_bytes(outcome.data)

assemble.py reads what a report shows (typed in model.py); layout.py, briefs.py and upr.py lay it
out as neutral blocks (document.py); pdf.py and docx_writer.py render the same blocks; charts.py
draws the images with matplotlib; service.py is the door for the app and the CLI (audit included).
"""

from riskframe.reports.service import (
    FORMATS,
    MIME,
    ReportOutcome,
    assessment_report,
    country_brief,
    portfolio_brief,
    upr_section,
)

__all__ = ["FORMATS", "MIME", "ReportOutcome", "assessment_report", "country_brief", "portfolio_brief",
           "upr_section"]
