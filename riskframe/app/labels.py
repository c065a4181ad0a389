"""What people read for the codes the app shows: assessment statuses, consultation categories, measure
types and statuses. The codes stay language-neutral (database, files, URLs); only these labels are
translated. Kept here, in the app, until the core domain offers label functions for them.
"""

from __future__ import annotations

from riskframe.i18n import N_, _

STATUS_LABELS = {"draft": N_("draft"), "submitted": N_("submitted — awaiting review"),
                 "validated": N_("validated (locked)"), "returned": N_("returned with comments")}
STATUS_NAMES = {"draft": N_("draft"), "submitted": N_("submitted"), "validated": N_("validated"),
                "returned": N_("returned")}
CONSULTATION_LABELS = {"civil_society": N_("civil society"), "womens_organisations": N_("women's organisations"),
                       "youth": N_("youth"), "religious_leaders": N_("religious leaders"),
                       "nhri": N_("national human-rights institution"), "academia": N_("academia"),
                       "government": N_("government"), "other": N_("other")}
MEASURE_TYPE_LABELS = {"operational": N_("operational"), "structural": N_("structural")}
MEASURE_STATUS_LABELS = {"proposed": N_("proposed"), "in_progress": N_("in progress"), "done": N_("done"),
                         "dropped": N_("dropped")}


def _label(table: dict[str, str], code: object) -> str:
    text = str(getattr(code, "value", code))
    return _(table[text]) if text in table else text.replace("_", " ")


def status_label(status: object) -> str:
    """An assessment status with what it means (`submitted — awaiting review`)."""
    return _label(STATUS_LABELS, status)


def status_name(status: object) -> str:
    """An assessment status in one word (`submitted`)."""
    return _label(STATUS_NAMES, status)


def consultation_label(category: object) -> str:
    return _label(CONSULTATION_LABELS, category)


def measure_type_label(kind: object) -> str:
    return _label(MEASURE_TYPE_LABELS, kind)


def measure_status_label(status: object) -> str:
    return _label(MEASURE_STATUS_LABELS, status)
