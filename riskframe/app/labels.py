"""Human labels for the codes people see in lists, diffs and history (never `womens_organisations`).

Codes stay language-neutral in the database and files; what is shown goes through gettext here, in
one place for the Assess lists, Review, the import preview and "what changed".
"""

from __future__ import annotations

from riskframe.i18n import N_, _

CATEGORY = {"civil_society": N_("Civil society"), "womens_organisations": N_("Women's organisations"),
            "youth": N_("Youth"), "religious_leaders": N_("Religious leaders"),
            "nhri": N_("National human-rights institution"), "academia": N_("Academia"),
            "government": N_("Government"), "other": N_("Other")}
MEASURE_STATUS = {"proposed": N_("Proposed"), "in_progress": N_("In progress"), "done": N_("Done"),
                  "dropped": N_("Dropped")}
MEASURE_TYPE = {"operational": N_("Operational"), "structural": N_("Structural")}
STATUS = {"draft": N_("Draft"), "submitted": N_("Submitted"), "validated": N_("Validated"),
          "returned": N_("Returned")}
MISSING = {"not_assessed": N_("Not assessed yet"), "unknown": N_("Unknown / insufficient information"),
           "not_applicable": N_("Not applicable")}
CONFIDENCE = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}
TREND = {"rising": N_("Rising"), "stable": N_("Stable"), "falling": N_("Falling")}
FIELD = {
    "score": N_("Score"), "missing": N_("Score"), "confidence": N_("Confidence"), "trend": N_("Direction"),
    "evidence": N_("Evidence"), "sources": N_("Sources"), "comment": N_("Comment"),
    "carried_over": N_("Carried over"), "deleted": N_("Removed"), "name": N_("Name"), "basis": N_("Basis"),
    "description": N_("Description"), "category": N_("With whom"), "date": N_("Date"), "summary": N_("Summary"),
    "title": N_("Measure"), "linked_ids": N_("Linked factors or indicators"), "type": N_("Type"),
    "owner": N_("Owner"), "due_date": N_("Due date"), "status": N_("Status"), "follow_up": N_("Follow-up"),
    "previous_measure_id": N_("Follows up"),
}
COLLECTION = {"entries": N_("Indicator"), "vulnerable_groups": N_("Vulnerable group"),
              "consultations": N_("Consultation"), "measures": N_("Measure")}
_BY_FIELD = {"category": CATEGORY, "status": MEASURE_STATUS, "type": MEASURE_TYPE, "missing": MISSING,
             "confidence": CONFIDENCE, "trend": TREND}


def code(table: dict[str, str], value: object) -> str:
    """The label of a code (the code itself, unchanged, when the table does not know it)."""
    text = getattr(value, "value", value)
    return _(table[text]) if isinstance(text, str) and text in table else str(text if text is not None else "")


def field(name: str) -> str:
    return _(FIELD[name]) if name in FIELD else name.replace("_", " ")


def value(name: str, raw: object) -> str:
    """A stored value of field `name` as a person reads it: labels for codes, lines for sources,
    "yes"/"no" for flags, "—" for nothing; never a Python repr."""
    if raw is None or raw == "" or raw == []:
        return "—"
    if name in _BY_FIELD:
        return code(_BY_FIELD[name], raw)
    if isinstance(raw, bool):
        return _("yes") if raw else _("no")
    if name == "sources" and isinstance(raw, list):
        return "\n".join(" | ".join(str(s.get(k) or "") for k in ("title", "url", "date")).rstrip(" |")
                         if isinstance(s, dict) else str(s) for s in raw)
    if isinstance(raw, list):
        return ", ".join(str(x) for x in raw)
    if isinstance(raw, dict):
        return "\n".join(f"{field(k)}: {value(k, v)}" for k, v in raw.items() if v not in (None, "", [], False))
    return str(raw)
