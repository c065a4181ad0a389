"""The one door to reports for the app and the CLI: read (scoped), lay out, render, audit the export.

Callers get a typed outcome: the bytes and a file name, or a sentence saying why not. Nothing here
raises for a refusal, an unknown assessment or a bad choice of format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from riskframe.framework.models import Framework
from riskframe.i18n import _, use_language
from riskframe.reports.assemble import assemble
from riskframe.reports.briefs import country_document, portfolio_document
from riskframe.reports.document import Document
from riskframe.reports.docx_writer import render_docx
from riskframe.reports.layout import report_document
from riskframe.reports.pdf import render_pdf
from riskframe.reports.upr import upr_document
from riskframe.store import Store, StoreError
from riskframe.store.actor import Actor

Format = Literal["pdf", "docx"]
FORMATS: tuple[str, ...] = ("pdf", "docx")
MIME = {"pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class ReportOutcome(BaseModel):
    ok: bool
    data: bytes = b""
    file_name: str = ""
    mime: str = ""
    message: str = ""
    pages_hint: int | None = None


def render(doc: Document, fmt: str) -> bytes:
    return render_pdf(doc) if fmt == "pdf" else render_docx(doc)


def _refuse_format(fmt: str) -> ReportOutcome | None:
    if fmt in FORMATS:
        return None
    return ReportOutcome(ok=False, message=_("the format {fmt} is not offered; choose pdf or docx").format(fmt=fmt))


def produce(store: Store, actor: Actor, fmt: str, lang: str | None, channel: str, kind: str,
            build: Callable[[], tuple[Document, str, int | None]]) -> ReportOutcome:
    """Build a document in `lang`, render it as `fmt`, audit it; a refusal or bad input becomes a sentence."""
    refused = _refuse_format(fmt)
    if refused is not None:
        return refused
    with use_language(lang):
        try:
            doc, stem, assessment_id = build()
            data = render(doc, fmt)
            name = f"{stem}.{fmt}"
            store.record_event(actor, f"report.{kind}", {"format": fmt, "language": doc.language, "file": name,
                                                         "channel": channel}, assessment_id=assessment_id)
        except StoreError as exc:
            return ReportOutcome(ok=False, message=str(exc))
        except ValueError as exc:  # a report that cannot be made from this data, said in a sentence
            return ReportOutcome(ok=False, message=str(exc))
    return ReportOutcome(ok=True, data=data, file_name=name, mime=MIME[fmt],
                         message=f"{len(data) / 1024:.0f} KB")


def assessment_report(store: Store, actor: Actor, fw: Framework, assessment_id: int, fmt: str, *,
                      lang: str | None = None, channel: str = "cli", now: dt.datetime | None = None) -> ReportOutcome:
    """The report of one assessment as PDF or DOCX, read as `actor`, in `lang` (default: the current one)."""
    def build() -> tuple[Document, str, int | None]:
        data = assemble(store, actor, fw, assessment_id, now=now)
        stem = f"riskframe-{data.cover.country}-{data.cover.period}-{data.language}"
        return report_document(data), stem, data.assessment_id
    return produce(store, actor, fmt, lang, channel, "assessment", build)


def upr_section(store: Store, actor: Actor, fw: Framework, assessment_id: int, *, lang: str | None = None,
                channel: str = "cli", now: dt.datetime | None = None) -> ReportOutcome:
    """The atrocity-prevention section of a national UPR report, from one assessment (DOCX)."""
    def build() -> tuple[Document, str, int | None]:
        data = assemble(store, actor, fw, assessment_id, now=now, with_robustness=False)
        view = store.get_assessment(actor, assessment_id)
        stem = f"riskframe-upr-{data.cover.country}-{data.cover.period}-{data.language}"
        return upr_document(fw, data, view), stem, data.assessment_id
    return produce(store, actor, "docx", lang, channel, "upr", build)


def country_brief(store: Store, actor: Actor, fw: Framework, country: str, fmt: str, *, lang: str | None = None,
                  channel: str = "cli", validated_only: bool = True) -> ReportOutcome:
    """One country across its periods (PDF or DOCX)."""
    def build() -> tuple[Document, str, int | None]:
        doc = country_document(store, actor, fw, country, validated_only)
        return doc, f"riskframe-brief-{country.strip().upper()}-{doc.language}", None
    return produce(store, actor, fmt, lang, channel, "country", build)


def portfolio_brief(store: Store, actor: Actor, fw: Framework, fmt: str, *, lang: str | None = None,
                    channel: str = "cli", validated_only: bool = True) -> ReportOutcome:
    """One page per country whose tier rose or is high, in the order of the alerts (PDF or DOCX)."""
    def build() -> tuple[Document, str, int | None]:
        doc = portfolio_document(store, actor, fw, validated_only)
        return doc, f"riskframe-portfolio-{doc.language}", None
    return produce(store, actor, fmt, lang, channel, "portfolio", build)
