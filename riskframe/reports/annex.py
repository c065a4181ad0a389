"""The indicator annex: every indicator the assessment holds, with its value, evidence and numbered sources.

Sources are numbered in order of first use across the annex; one source cited by several
indicators keeps one number, so the list at the end reads like the references of a UN report.
"""

from __future__ import annotations

from riskframe.framework.models import Framework, tr
from riskframe.i18n import current_language
from riskframe.reports.model import AnnexRow, SourceItem
from riskframe.store import AssessmentView


def annex(fw: Framework, view: AssessmentView) -> tuple[list[AnnexRow], list[SourceItem]]:
    """Rows in framework order (ids the framework no longer has last), and the numbered sources."""
    lang = current_language()
    scale = fw.scale
    numbers: dict[tuple[str, str, str], int] = {}
    sources: list[SourceItem] = []
    order = {iid: n for n, iid in enumerate(fw.indicators)}
    rows = []
    for iid in sorted(view.entries, key=lambda i: (order.get(i, len(order)), i)):
        e = view.entries[iid]
        refs = []
        for s in e.sources:
            key = (s.title, s.url or "", s.date or "")
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                sources.append(SourceItem(number=numbers[key], title=s.title, url=s.url, date=s.date))
            if numbers[key] not in refs:
                refs.append(numbers[key])
        ind = fw.indicators.get(iid)
        value = str(e.score) if e.score is not None else scale.missing_label(e.missing.value if e.missing else
                                                                            "not_assessed", lang)
        rows.append(AnnexRow(indicator_id=iid, factor_id=ind.factor_id if ind else "",
                             text=tr(ind.text, lang) if ind else "", value=value,
                             confidence=scale.confidence_label(e.confidence.value, lang) if e.confidence else "",
                             evidence=e.evidence, sources=refs))
    return rows, sources
