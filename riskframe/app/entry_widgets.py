"""The Assess form's widgets ↔ entries: options and labels from the manifest, dirtiness, conflict merges.

Kept free of Streamlit so they are unit-tested like the rest of the business rules. A score
widget's options are codes: the manifest's levels ("0" … "3") and its missing codes; their labels
come from the manifest through the Framework, in the user's language.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from riskframe.domain import EntryIn, MissingCode, SourceRef, Trend
from riskframe.domain.sentences import problems
from riskframe.framework.models import Framework, Kind
from riskframe.i18n import _

NOT_ASSESSED = MissingCode.NOT_ASSESSED.value


def score_options(fw: Framework) -> list[str]:
    """Not assessed first (the default), then every level of the scale, then the other missing codes."""
    others = [code for code in fw.scale.missing if code != NOT_ASSESSED]
    return [NOT_ASSESSED, *(str(n) for n in fw.scale.scores), *others]


def confidence_options(fw: Framework) -> list[str]:
    """"" (no confidence given) and the manifest's confidence codes, lowest first."""
    return ["", *fw.scale.confidence]


TREND_LABELS = {"": "—", "rising": "Rising", "stable": "Stable", "falling": "Falling"}


def trend_options() -> list[str]:
    """"" (not said) and the directions of change an entry records (riskframe.domain.Trend)."""
    return ["", *(t.value for t in Trend)]


def score_label(fw: Framework, kind: Kind, option: str, lang: str = "en") -> str:
    """`2 · Moderate` for a level, the manifest's label for a missing code."""
    if option.isdigit():
        return f"{option} · {fw.scale.level_label(kind, int(option), lang)}"
    return fw.scale.missing_label(option, lang)


def confidence_label(fw: Framework, option: str, lang: str = "en") -> str:
    return fw.scale.confidence_label(option, lang) if option else "—"


def score_option(entry: EntryIn | None) -> str:
    """The option a stored entry shows: its score as text, or its missing code."""
    if entry is None:
        return NOT_ASSESSED
    if entry.score is not None:
        return str(entry.score)
    return (entry.missing or MissingCode.NOT_ASSESSED).value


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




def widget_problems(values: dict[str, Any]) -> list[str]:
    """What the widgets hold that no entry can hold, as sentences naming the field and the limit.

    Checked before anything is built from the widgets, so over-long or broken input gives a
    sentence next to the indicator and never an exception (the text stays in the widget).
    """
    out: list[str] = []
    for number, line in enumerate((values.get("sources") or "").splitlines(), 1):
        parts = [p.strip() for p in line.split("|")]
        if not parts or not parts[0]:
            continue
        try:
            SourceRef(title=parts[0], url=(parts[1] or None) if len(parts) > 1 else None,
                      date=(parts[2] or None) if len(parts) > 2 else None)
        except ValidationError as exc:
            for p in problems(exc):  # the sentence names the part: "Title is longer than …"
                out.append(_("Sources, line {line}: {problem}.").format(line=number, problem=p.sentence))
    try:
        EntryIn(evidence=values.get("evidence") or "")
    except ValidationError as exc:
        out.extend(f"{p.sentence}." for p in problems(exc))  # "Evidence is longer than the limit of …"
    return out


def widget_values(entry: EntryIn | None) -> dict[str, Any]:
    """What the widgets of an indicator show for a stored entry."""
    return {
        "score": score_option(entry),
        "confidence": (entry.confidence.value if entry and entry.confidence else ""),
        "trend": (entry.trend.value if entry and entry.trend else ""),
        "evidence": entry.evidence if entry else "",
        "sources": sources_text(entry),
    }


def entry_from_widgets(values: dict[str, Any], previous: EntryIn | None = None) -> EntryIn:
    """Build the entry a user means from the widget values (keeping the stored comment)."""
    opt = str(values.get("score") or NOT_ASSESSED)
    score = int(opt) if opt.isdigit() else None
    missing = None if score is not None else MissingCode(opt)
    return EntryIn(
        score=score,
        missing=missing,
        confidence=values.get("confidence") or None,
        trend=values.get("trend") or None,
        evidence=values.get("evidence") or "",
        sources=parse_sources(values.get("sources") or ""),
        comment=previous.comment if previous else "",
    )


def is_dirty(values: dict[str, Any], stored: EntryIn | None) -> bool:
    """True when the widgets differ from what is stored (normalised the same way); input that cannot
    be saved as it is counts as a change (it is kept, and the save says what to fix)."""
    if widget_problems(values):
        return True
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
