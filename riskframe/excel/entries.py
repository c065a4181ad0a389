"""An indicator entry as the text a spreadsheet shows, and back (sources as `title | url | date` lines).

The same line format as the app's Assess page, so focal points see one convention everywhere.
"""

from __future__ import annotations

from riskframe.domain import EntryIn, SourceRef
from riskframe.excel.sanitize import EXCEL_MAX_TEXT, decode_exact, encode_exact
from riskframe.framework.models import Framework, Indicator, tr
from riskframe.i18n import N_, _

# Sources that do not fit in one cell continue, whole lines at a time, in extra columns after the last one.
SOURCES_MORE_HEADER = N_("Sources, continued ({n})")
SOURCES_MORE_KEY = "sources+{n}"


def sources_text(sources: list[SourceRef]) -> str:
    return "\n".join(" | ".join(p for p in (s.title, s.url or "", s.date or "")).rstrip(" |") for s in sources)


def _escape(char: str) -> str:
    return f"_x{ord(char):04X}_"


def _encode_part(part: str) -> str:
    """A title, URL or date as it must appear inside a source line to come back exactly: encode_exact,
    plus the line break and '|' (the line's separators) and edge whitespace (the reader strips it)."""
    text = encode_exact(part).replace("|", _escape("|")).replace("\n", _escape("\n"))
    core = text.strip()
    if core == text:
        return text
    start = text.index(core) if core else len(text)
    return "".join(map(_escape, text[:start])) + core + "".join(map(_escape, text[start + len(core):]))


def _encoded_sources(sources: list[SourceRef]) -> list[str]:
    """One line per source, each part encoded (_encode_part), so every character of a source survives."""
    return [" | ".join(_encode_part(p) for p in (s.title, s.url or "", s.date or "")).rstrip(" |") for s in sources]


def sources_cells(sources: list[SourceRef]) -> list[str]:
    """The sources as template cells: whole lines, each cell within Excel's limit (first one in Sources)."""
    cells: list[str] = []
    for line in _encoded_sources(sources):
        if cells and len(cells[-1]) + 1 + len(line) <= EXCEL_MAX_TEXT:
            cells[-1] += "\n" + line
        else:
            cells.append(line)  # one source is at most ~2,600 characters: it always fits a cell
    return cells


def parse_sources(text: str, *, exact: bool = False) -> list[SourceRef]:
    """One source per non-empty line; raises ValueError (via pydantic) on a bad line. `exact`: the text
    comes from a template cell written with encode_exact (each part is decoded after splitting)."""
    out = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if exact:
            parts = [decode_exact(p) for p in parts]
        if not parts[0]:
            if any(parts):
                raise ValueError(_("the source line “{line}” has no title before the first “|”; write "
                                   "title | url | date").format(line=_short(line)))
            continue
        if len(parts) > 3:
            raise ValueError(_("the source line “{line}” has more than three parts; write title | url | date, "
                               "and no other “|”").format(line=_short(line)))
        out.append(SourceRef(title=parts[0], url=(parts[1] or None) if len(parts) > 1 else None,
                             date=(parts[2] or None) if len(parts) > 2 else None))
    return out


def _short(line: str) -> str:
    text = " ".join(line.split())
    return text if len(text) <= 60 else text[:59] + "…"


def entry_cells(entry: EntryIn | None) -> dict[str, object]:
    """The input cells of a prefilled row; not_assessed shows as empty (the default). Text is returned
    as stored (the template writes it with sanitize.put_exact); sources already encoded, split into
    "sources", "sources+2", … when they do not fit one cell."""
    if entry is None:
        return {}
    missing = entry.missing.value if entry.missing and entry.missing.value != "not_assessed" else None
    cells: dict[str, object] = {
        "score": entry.score,
        "missing": missing,
        "confidence": entry.confidence.value if entry.confidence else None,
        "evidence": entry.evidence or None,
        "comment": entry.comment or None,
    }
    for n, text in enumerate(sources_cells(entry.sources), start=1):
        cells["sources" if n == 1 else SOURCES_MORE_KEY.format(n=n)] = text
    return cells


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
