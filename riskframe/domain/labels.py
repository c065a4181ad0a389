"""Human labels for the codes the store keeps, in the current language: one place for each.

Codes stay language-neutral in the database, files and URLs; what people read goes through these
functions (app, CLI, Excel, reports alike). Statuses: riskframe.domain.status.status_label. Missing
and confidence codes have their labels in the manifest (``missing_label``/``confidence_label`` below
read them through the framework's scale in the current language).
"""

from __future__ import annotations

from typing import Protocol

from riskframe.i18n import N_, _, current_language

CONSULTATION_CATEGORY_LABELS: dict[str, str] = {
    "civil_society": N_("Civil society"),
    "womens_organisations": N_("Women's organisations"),
    "youth": N_("Youth"),
    "affected_communities": N_("Affected communities"),
    "religious_leaders": N_("Religious leaders"),
    "nhri": N_("National human rights institution"),
    "academia": N_("Academia"),
    "government": N_("Government"),
    "other": N_("Other"),
}

MEASURE_TYPE_LABELS: dict[str, str] = {
    "operational": N_("Operational"),
    "structural": N_("Structural"),
}

MEASURE_STATUS_LABELS: dict[str, str] = {  # in the order a measure moves (drop-downs keep it)
    "proposed": N_("Proposed"),
    "agreed": N_("Agreed"),
    "in_progress": N_("In progress"),
    "implemented": N_("Implemented"),
    "dropped": N_("Dropped"),
}
MEASURE_STATUS_SYNONYMS: dict[str, str] = {"done": "implemented"}
"""Old measure status codes (before migration 0010, e.g. in the audit log) and the code they became."""
MEASURE_STATUS_OLD_LABELS: dict[str, str] = {"done": N_("Done")}
"""Labels of old codes, still read back from templates written before migration 0010."""

REVISION_KIND_LABELS: dict[str, str] = {
    "create": N_("created"),
    "save": N_("saved"),
    "status": N_("status changed"),
    "copy_forward": N_("copied forward"),
    "import": N_("imported from Excel"),
    "restore": N_("restored from a backup"),
}

KIND_LABELS: dict[str, str] = {
    "risk": N_("risk"),
    "resilience": N_("resilience"),
}

TREND_LABELS: dict[str, str] = {
    "rising": N_("Rising"),
    "stable": N_("Stable"),
    "falling": N_("Falling"),
}

# Field names of what people enter (entries, vulnerable groups, consultations, measures, sources,
# accounts) → the label a sentence names them by.
FIELD_LABELS: dict[str, str] = {
    "score": N_("Score"),
    "missing": N_("Missing reason"),
    "confidence": N_("Confidence"),
    "trend": N_("Trend"),
    "evidence": N_("Evidence"),
    "sources": N_("Sources"),
    "comment": N_("Comment"),
    "title": N_("Title"),
    "url": N_("Web address"),
    "date": N_("Date"),
    "name": N_("Name"),
    "basis": N_("Basis"),
    "description": N_("Description"),
    "category": N_("Category"),
    "summary": N_("Summary"),
    "linked_ids": N_("Linked factors or indicators"),
    "type": N_("Type"),
    "owner": N_("Owner"),
    "due_date": N_("Due date"),
    "status": N_("Status"),
    "follow_up": N_("Follow-up"),
    "previous_measure_id": N_("Previous measure"),
    "option_id": N_("Prevention option"),
    "due_period": N_("Due period"),
    "status_reason": N_("Reason for the status"),
    "upr_recommendation_id": N_("UPR recommendation number"),
    "upr_recommendation_text": N_("UPR recommendation text"),
    "key": N_("Key"),
    "deleted": N_("Deleted"),
    "username": N_("User name"),
    "password": N_("Password"),
    "email": N_("E-mail"),
    "role": N_("Role"),
    "countries": N_("Countries"),
    "country": N_("Country"),
    "period": N_("Period"),
    "reason": N_("Reason"),
    "text": N_("Text"),
}

VULNERABLE_GROUP_FIELDS = ("name", "basis", "description")


def _label(table: dict[str, str], code: object) -> str:
    text = str(getattr(code, "value", code))
    label = table.get(text)
    return _(label) if label else text


def consultation_category_label(code: object) -> str:
    """A consultation category (civil_society …) as people read it."""
    return _label(CONSULTATION_CATEGORY_LABELS, code)


def measure_type_label(code: object) -> str:
    """A measure type (operational, structural) as people read it."""
    return _label(MEASURE_TYPE_LABELS, code)


def measure_status_label(code: object) -> str:
    """A measure status (proposed, agreed, in_progress …) as people read it; an old code ("done") as
    the status it became."""
    text = str(getattr(code, "value", code))
    return _label(MEASURE_STATUS_LABELS, MEASURE_STATUS_SYNONYMS.get(text, text))


def revision_kind_label(code: object) -> str:
    """What a revision did (create, save, status …) as people read it."""
    return _label(REVISION_KIND_LABELS, code)


def trend_label(code: object) -> str:
    """A trend (rising, stable, falling) as people read it."""
    return _label(TREND_LABELS, code)


def kind_label(code: object) -> str:
    """An indicator or factor kind (risk, resilience) as people read it."""
    return _label(KIND_LABELS, code)


def field_label(name: str) -> str:
    """A field's label (``evidence`` → Evidence); a dotted path is named by its last named part."""
    parts = [p for p in str(name).split(".") if p and not p.isdigit()]
    last = parts[-1] if parts else str(name)
    return _label(FIELD_LABELS, last)


def vulnerable_group_field_label(name: str) -> str:
    """A vulnerable group's field (name, basis, description) as people read it."""
    return field_label(name)


class _Scale(Protocol):
    def missing_label(self, code: str, lang: str = "en") -> str: ...

    def confidence_label(self, code: str, lang: str = "en") -> str: ...


def missing_label(scale: _Scale, code: object) -> str:
    """A missing code (not_assessed, unknown, not_applicable) with the manifest's label in the
    current language; ``scale`` is ``framework.manifest.scale``."""
    return scale.missing_label(str(getattr(code, "value", code)), current_language())


def confidence_label(scale: _Scale, code: object) -> str:
    """A confidence code with the manifest's label in the current language (``framework.manifest.scale``)."""
    return scale.confidence_label(str(getattr(code, "value", code)), current_language())
