"""Human labels for the codes a report prints (workflow status, consultation category, measure type
and status, factor kind), translated when read; codes the manifest labels are read from the framework."""

from __future__ import annotations

from riskframe.domain.labels import consultation_category_label
from riskframe.i18n import N_, _

_STATUS = {"draft": N_("draft"), "submitted": N_("submitted, awaiting review"), "validated": N_("validated"),
           "returned": N_("returned with comments")}
_MEASURE_TYPE = {"operational": N_("operational"), "structural": N_("structural")}
_MEASURE_STATUS = {"proposed": N_("proposed"), "in_progress": N_("in progress"), "done": N_("done"),
                   "dropped": N_("dropped")}
_KIND = {"risk": N_("risk"), "resilience": N_("resilience")}


def _label(table: dict[str, str], code: object) -> str:
    text = str(getattr(code, "value", code))
    return _(table[text]) if text in table else text


def status_label(code: object) -> str:
    return _label(_STATUS, code)


def category_label(code: object) -> str:
    return consultation_category_label(code)  # the domain's label: one place for every code's label


def measure_type_label(code: object) -> str:
    return _label(_MEASURE_TYPE, code)


def measure_status_label(code: object) -> str:
    return _label(_MEASURE_STATUS, code)


def kind_label(code: object) -> str:
    return _label(_KIND, code)
