"""What people read in an export instead of a code: statuses, consultation categories, measure types
and statuses, indicator kinds, missing reasons, confidence levels and tiers, in the current language.

Missing reasons, confidence levels and tiers are labelled by the framework's manifest; the store's
own codes (categories, measure types and statuses, kinds) by riskframe.domain.labels (one place for
every code's label); only the workflow status is worded for an export here. An unknown code is shown
as it is, never dropped.
"""

from __future__ import annotations

from riskframe.domain import labels as domain
from riskframe.framework.models import Framework, tr
from riskframe.i18n import N_, _, current_language

STATUS = {"draft": N_("Draft"), "submitted": N_("Submitted (awaiting review)"), "validated": N_("Validated"),
          "returned": N_("Returned with comments")}


def _from(table: dict[str, str], code: object) -> str:
    text = "" if code is None else str(getattr(code, "value", code))
    return _(table[text]) if text in table else text


def status(code: object) -> str:
    return _from(STATUS, code)


def _none(code: object) -> bool:
    return code is None or code == ""


def category(code: object) -> str:
    return "" if _none(code) else domain.consultation_category_label(code)


def measure_type(code: object) -> str:
    return "" if _none(code) else domain.measure_type_label(code)


def measure_status(code: object) -> str:
    return "" if _none(code) else domain.measure_status_label(code)


def kind(code: object) -> str:
    """Risk or Resilience: the domain's label, capitalised as a table cell starts."""
    text = "" if _none(code) else domain.kind_label(code)
    return text[:1].upper() + text[1:]


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
