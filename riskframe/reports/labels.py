"""Human labels for the codes a report prints (workflow status, consultation category, measure type
and status, factor kind), translated when read. Every code the store keeps is labelled once, in
riskframe.domain.labels; only the workflow status is worded for a report here ("submitted, awaiting
review"). Codes the manifest labels are read from the framework."""

from __future__ import annotations

from riskframe.domain import labels as domain
from riskframe.i18n import N_, _

_STATUS = {"draft": N_("draft"), "submitted": N_("submitted, awaiting review"), "validated": N_("validated"),
           "returned": N_("returned with comments")}


def status_label(code: object) -> str:
    text = str(getattr(code, "value", code))
    return _(_STATUS[text]) if text in _STATUS else text


def category_label(code: object) -> str:
    return domain.consultation_category_label(code)


def measure_type_label(code: object) -> str:
    return domain.measure_type_label(code)


def measure_status_label(code: object) -> str:
    return domain.measure_status_label(code)


def kind_label(code: object) -> str:
    return domain.kind_label(code)
