"""Human labels for the codes people see in lists, diffs and history (never `womens_organisations`).

Codes stay language-neutral in the database and files; the labels are riskframe.domain.labels'
(one place for each code); this module formats stored values with them for the Assess lists,
Review and "what changed" (sources as lines, flags as yes/no, never a Python repr).
"""

from __future__ import annotations

from riskframe.domain.labels import (
    CONSULTATION_CATEGORY_LABELS,
    FIELD_LABELS,
    MEASURE_STATUS_LABELS,
    MEASURE_TYPE_LABELS,
    TREND_LABELS,
)
from riskframe.domain.status import STATUS_LABELS
from riskframe.i18n import N_, _

# The domain's tables (riskframe.domain.labels: one place for each code), and the few the app adds.
CATEGORY = CONSULTATION_CATEGORY_LABELS
MEASURE_STATUS = MEASURE_STATUS_LABELS
MEASURE_TYPE = MEASURE_TYPE_LABELS
STATUS = STATUS_LABELS
TREND = TREND_LABELS
MISSING = {"not_assessed": N_("Not assessed yet"), "unknown": N_("Unknown / insufficient information"),
           "not_applicable": N_("Not applicable")}
CONFIDENCE = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}
FIELD = {**FIELD_LABELS, "carried_over": N_("Carried over")}
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
