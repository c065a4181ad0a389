"""Assessment work in one place: create, save, submit, validate, return, reopen, comment, score.

The app pages and the CLI call `Assessments(store, framework)`; it enforces the workflow (the
submission checklist, the revision the person saw) and refuses with typed errors carrying sentences.
"""

from riskframe.assessments.comments import GENERAL, comment_line
from riskframe.assessments.errors import ChecklistFailed, StaleRevision, UnmetItem
from riskframe.assessments.measures import MeasureCounts, MeasureStep, OverdueMeasure
from riskframe.assessments.scores import report_one, score_one
from riskframe.assessments.service import Assessments
from riskframe.store.comments import CommentOut

__all__ = ["GENERAL", "Assessments", "ChecklistFailed", "CommentOut", "MeasureCounts", "MeasureStep",
           "OverdueMeasure", "StaleRevision", "UnmetItem",
           "comment_line", "report_one", "score_one"]
