"""What people read for the assessment statuses the app shows with their meaning (`submitted — awaiting
review`). The one-word labels of statuses, consultation categories, measure types and statuses are
the core domain's (riskframe.domain.status, riskframe.domain.labels), re-exported here for the pages.
"""

from __future__ import annotations

from riskframe.domain.labels import consultation_category_label, measure_status_label, measure_type_label
from riskframe.domain.status import status_label as status_name
from riskframe.i18n import N_, _

__all__ = ["consultation_category_label", "measure_status_label", "measure_type_label", "status_label",
           "status_name"]

STATUS_LABELS = {"draft": N_("draft"), "submitted": N_("submitted — awaiting review"),
                 "validated": N_("validated (locked)"), "returned": N_("returned with comments")}


def status_label(status: object) -> str:
    """An assessment status with what it means for the person (`validated (locked)`)."""
    text = str(getattr(status, "value", status))
    return _(STATUS_LABELS[text]) if text in STATUS_LABELS else status_name(text)
