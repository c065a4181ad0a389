"""An indicator entry as the text a spreadsheet shows, and back (sources as `title | url | date` lines).

The same line format as the app's Assess page, so focal points see one convention everywhere.
"""

from __future__ import annotations

from riskframe.domain import EntryIn, SourceRef
from riskframe.framework.models import Framework, Indicator, tr


def sources_text(sources: list[SourceRef]) -> str:
    return "\n".join(" | ".join(p for p in (s.title, s.url or "", s.date or "")).rstrip(" |") for s in sources)


def parse_sources(text: str) -> list[SourceRef]:
    """One source per non-empty line; raises ValueError (via pydantic) on a bad line."""
    out = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            if any(parts):
                raise ValueError(f"source line {line.strip()!r} has no title before the first '|'")
            continue
        if len(parts) > 3:
            raise ValueError(f"source line {line.strip()!r} has more than three parts (title | url | date)")
        out.append(SourceRef(title=parts[0], url=(parts[1] or None) if len(parts) > 1 else None,
                             date=(parts[2] or None) if len(parts) > 2 else None))
    return out


def entry_cells(entry: EntryIn | None) -> dict[str, object]:
    """The input cells of a prefilled row; not_assessed shows as empty (the default)."""
    if entry is None:
        return {}
    missing = entry.missing.value if entry.missing and entry.missing.value != "not_assessed" else None
    return {
        "score": entry.score,
        "missing": missing,
        "confidence": entry.confidence.value if entry.confidence else None,
        "evidence": entry.evidence or None,
        "sources": sources_text(entry.sources) or None,
        "comment": entry.comment or None,
    }


def entry_key(entry: EntryIn | None) -> dict[str, object]:
    """The comparable content of an entry (what a save would change)."""
    if entry is None:
        entry = EntryIn()
    return {
        "score": entry.score,
        "missing": entry.missing.value if entry.missing else None,
        "confidence": entry.confidence.value if entry.confidence else None,
        "evidence": entry.evidence,
        "sources": [s.model_dump(mode="json") for s in entry.sources],
        "comment": entry.comment,
    }


def as_entry_in(entry: EntryIn) -> EntryIn:
    """Strip store-only fields (revision, author…) from an EntryOut."""
    return EntryIn.model_validate({k: getattr(entry, k) for k in EntryIn.model_fields})


def factor_label(fw: Framework, ind: Indicator, lang: str = "en") -> str:
    return f"{ind.factor_id} · {tr(fw.factor_by_id[ind.factor_id].title, lang)}"


def guidance_text(fw: Framework, ind: Indicator, lang: str = "en") -> str:
    levels = fw.manifest.scale.levels[ind.kind]
    guidance = ind.guidance.get(lang) or ind.guidance["en"]
    return "\n".join(f"{lvl} {tr(levels[lvl], lang)}: {text}" for lvl, text in guidance.items())
