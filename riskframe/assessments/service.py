"""The assessments service: the one API the app pages and the CLI call for assessment work.

    service = Assessments(store, framework)
    a = service.create(actor, "XA", "2026-Q3")
    service.save_entries(actor, a.id, seen_revision, {"1.1": EntryIn(score=2, evidence="…")})
    service.submit(actor, a.id, seen_revision)      # checklist, then compare-and-set
    service.add_comment(reviewer, a.id, "Source?", indicator_id="1.1")
    service.return_(reviewer, a.id, seen_revision)  # with the unresolved comments

Rules live here (workflow, checklist) or below (store: access, revisions; scoring: numbers); the
pages and commands render what comes back and show refusals as the sentences they carry.
"""

from __future__ import annotations

from typing import Any

from riskframe.assessments.drafts import Drafts
from riskframe.assessments.editing import Editing
from riskframe.assessments.history import History
from riskframe.assessments.measures import Measures
from riskframe.assessments.scores import report_one, score_one
from riskframe.assessments.workflow import Workflow
from riskframe.domain import EntryIn
from riskframe.scoring import Scores
from riskframe.store import AssessmentView
from riskframe.store.actor import Actor


class Assessments(Workflow, Editing, Drafts, History, Measures):
    """Create, copy forward, save, submit, validate, return, reopen, comment, score, compare, follow up
    measures (riskframe.assessments.measures)."""

    def scores(self, view: AssessmentView, entries: dict[str, EntryIn] | None = None) -> Scores:
        """The scoring of a view (or of `entries`, e.g. stored plus unsaved input, under its id)."""
        return score_one(self.framework, view.id, view.entries if entries is None else entries)

    def score_report(self, actor: Actor, assessment_id: int, lang: str = "en") -> dict[str, Any]:
        """The scored head of an assessment as a JSON-ready dict (the CLI's `assessments score`)."""
        view = self.get(actor, assessment_id)
        return report_one(self.framework, view.id, view.entries, lang)
