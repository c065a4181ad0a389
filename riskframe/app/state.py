"""Pure helpers for the Assess page: widget values ↔ entries, dirtiness, conflict merges.

Kept free of Streamlit so they are unit-tested like the rest of the business rules.
"""

from __future__ import annotations

from typing import Any

from riskframe.domain import EntryIn, MissingCode, SourceRef

NOT_ASSESSED = "not assessed"
SCORE_OPTIONS = [NOT_ASSESSED, "0", "1", "2", "3", "unknown", "not applicable"]
CONFIDENCE_OPTIONS = ["", "low", "medium", "high"]
_MISSING_LABEL = {MissingCode.NOT_ASSESSED: NOT_ASSESSED, MissingCode.UNKNOWN: "unknown",
                  MissingCode.NOT_APPLICABLE: "not applicable"}
_LABEL_MISSING = {v: k for k, v in _MISSING_LABEL.items()}


def score_option(entry: EntryIn | None) -> str:
    if entry is None:
        return NOT_ASSESSED
    if entry.score is not None:
        return str(entry.score)
    return _MISSING_LABEL.get(entry.missing or MissingCode.NOT_ASSESSED, NOT_ASSESSED)


def sources_text(entry: EntryIn | None) -> str:
    """Sources as editable lines: `title | url | date`."""
    if entry is None:
        return ""
    return "\n".join(" | ".join(p for p in (s.title, s.url or "", s.date or "") if p is not None).rstrip(" |")
                     for s in entry.sources)


def parse_sources(text: str) -> list[SourceRef]:
    out = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts or not parts[0]:
            continue
        out.append(SourceRef(title=parts[0], url=(parts[1] or None) if len(parts) > 1 else None,
                             date=(parts[2] or None) if len(parts) > 2 else None))
    return out


def widget_values(entry: EntryIn | None) -> dict[str, Any]:
    """What the four widgets of an indicator show for a stored entry."""
    return {
        "score": score_option(entry),
        "confidence": (entry.confidence.value if entry and entry.confidence else ""),
        "evidence": entry.evidence if entry else "",
        "sources": sources_text(entry),
    }


def entry_from_widgets(values: dict[str, Any], previous: EntryIn | None = None) -> EntryIn:
    """Build the entry a user means from the widget values (keeping the stored comment)."""
    opt = values.get("score") or NOT_ASSESSED
    score = int(opt) if opt in {"0", "1", "2", "3"} else None
    missing = None if score is not None else _LABEL_MISSING.get(opt, MissingCode.NOT_ASSESSED)
    return EntryIn(
        score=score,
        missing=missing,
        confidence=values.get("confidence") or None,
        evidence=values.get("evidence") or "",
        sources=parse_sources(values.get("sources") or ""),
        comment=previous.comment if previous else "",
    )


def is_dirty(values: dict[str, Any], stored: EntryIn | None) -> bool:
    """True when the widgets differ from what is stored (normalised the same way)."""
    return widget_values(entry_from_widgets(values, stored)) != widget_values(stored)


def merge_choices(yours: dict[str, EntryIn], conflicts: list, choices: dict[str, str],
                  theirs: dict[str, EntryIn]) -> dict[str, EntryIn]:
    """Apply per-field choices ('mine' or 'theirs') to a refused save; nothing is dropped.

    `conflicts` are the store's FieldConflict items, named `entries.<indicator>.<field>`.
    """
    merged = {k: v.model_copy(deep=True) for k, v in yours.items()}
    for c in conflicts:
        _, rest = c.field.split(".", 1)
        ind, name = rest.rsplit(".", 1)
        if choices.get(c.field, "mine") == "theirs" and ind in merged:
            data = merged[ind].model_dump()
            their_entry = theirs.get(ind)
            if name in ("score", "missing") and their_entry is not None:
                data["score"], data["missing"] = their_entry.score, their_entry.missing
            else:
                data[name] = getattr(their_entry, name) if their_entry is not None else c.theirs
            merged[ind] = EntryIn.model_validate({k: v for k, v in data.items() if k in EntryIn.model_fields})
    return merged
