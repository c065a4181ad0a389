"""What people read in an export instead of a code: statuses, consultation categories, measure types
and statuses, indicator kinds, missing reasons, confidence levels and tiers, in the current language.

Missing reasons, confidence levels and tiers are labelled by the framework's manifest; the store's
own codes (statuses, categories, measure types and statuses) are labelled here until the domain
layer offers label functions for them. An unknown code is shown as it is, never dropped.
"""

from __future__ import annotations

from riskframe.domain.labels import CONSULTATION_CATEGORY_LABELS, MEASURE_STATUS_LABELS, MEASURE_TYPE_LABELS
from riskframe.framework.models import Framework, tr
from riskframe.i18n import N_, _, current_language

STATUS = {"draft": N_("Draft"), "submitted": N_("Submitted (awaiting review)"), "validated": N_("Validated"),
          "returned": N_("Returned with comments")}
CATEGORY = CONSULTATION_CATEGORY_LABELS  # the domain's labels: one place for every code's label
MEASURE_TYPE = MEASURE_TYPE_LABELS
MEASURE_STATUS = MEASURE_STATUS_LABELS
KIND = {"risk": N_("Risk"), "resilience": N_("Resilience")}


def _from(table: dict[str, str], code: object) -> str:
    text = "" if code is None else str(getattr(code, "value", code))
    return _(table[text]) if text in table else text


def status(code: object) -> str:
    return _from(STATUS, code)


def category(code: object) -> str:
    return _from(CATEGORY, code)


def measure_type(code: object) -> str:
    return _from(MEASURE_TYPE, code)


def measure_status(code: object) -> str:
    return _from(MEASURE_STATUS, code)


def kind(code: object) -> str:
    return _from(KIND, code)


def yes_no(flag: object) -> str:
    return _("yes") if flag else _("no")


def missing(fw: Framework, code: str | None) -> str | None:
    return fw.manifest.scale.missing_label(code, current_language()) if code else None


def confidence(fw: Framework, code: str | None) -> str | None:
    return fw.manifest.scale.confidence_label(code, current_language()) if code else None


def tier(fw: Framework, code: str | None) -> str | None:
    """A tier's label (the manifest's); None for no tier."""
    if not code or not isinstance(code, str):
        return None
    found = {t.id: t for t in fw.manifest.scoring.tiers}.get(code)
    return found.label(current_language()) if found else code


def tag(fw: Framework, key: str) -> str:
    return tr(fw.manifest.tags.get(key, {"en": key}), current_language())
