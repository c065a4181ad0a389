"""Small stores for report tests: one assessment with given entries and lists, any country."""

from __future__ import annotations

from riskframe.domain import EntryIn, SourceRef
from riskframe.store import Actor

ADMIN = Actor.system("test")
HOSTILE = "<b>bold</b> & <font size=1>tiny</font> <a href='http://x'>link</a> \x07bell"


def make_assessment(store, fw, country: str = "KE", period: str = "2026-Q1", evidence: str = "Evidence.",
                    measures: list[dict] | None = None, groups: list[dict] | None = None):
    """An assessment scoring every risk indicator 2 (red flags raised), with sources and lists."""
    store.ensure_country(ADMIN, country, f"{country} (fictional)" if country.startswith("X") else None)
    a = store.create_assessment(ADMIN, country, period, fw.id, fw.version)
    entries = {iid: EntryIn(score=2, confidence="medium", evidence=f"{evidence} ({iid})",
                            sources=[SourceRef(title="Monitoring report", url="https://example.org/r")])
               for iid, ind in fw.indicators.items() if ind.kind == "risk"}
    rev = store.save_entries(ADMIN, a.id, a.revision, entries, fw).revision
    if groups:
        rev = store.save_vulnerable_groups(ADMIN, a.id, rev, groups).revision
    if measures:
        rev = store.save_measures(ADMIN, a.id, rev, measures).revision
    return store.get_assessment(ADMIN, a.id)
