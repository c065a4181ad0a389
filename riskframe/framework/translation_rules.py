"""The rule for translations: every framework text a person reads exists in a given language.

`riskframe framework check --lang fr` lists each text that has no French version (factor title and
description, indicator text, every guidance level, evidence sources, red-flag reason, the manifest's
labels, the prevention options), with file, line, field and the factor or indicator it belongs to.
Missing text is not an error of the framework (it falls back to English); it is a gap to fill.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from riskframe.framework.issues import FrameworkIssue
from riskframe.framework.models import FactorFile, Manifest
from riskframe.framework.prevention_models import PreventionFile
from riskframe.framework.yaml_lines import field_name, line_of

MANIFEST = "manifest.yaml"

Path = tuple
"""A path into a YAML tree, e.g. ("indicators", 3, "text")."""


def _has(text: Any, lang: str) -> bool:
    return isinstance(text, dict) and isinstance(text.get(lang), str) and bool(text[lang].strip())


def _manifest_texts(m: Manifest) -> Iterator[tuple[Path, Any, str]]:
    """Every per-language label of the manifest: its path, its text by language, and what it labels."""
    fw = m.framework
    yield ("framework", "title"), fw.title, "framework title"
    if fw.translations is not None:
        yield ("framework", "translations", "note"), fw.translations.note, "translations note"
    for key, text in m.groups.items():
        yield ("groups", key), text, f"group {key}"
    for key, text in m.tags.items():
        yield ("tags", key), text, f"tag {key}"
    for kind, levels in m.scale.levels.items():
        for lvl, text in levels.items():
            yield ("scale", "levels", kind, lvl), text, f"{kind} level {lvl}"
    for section in ("missing", "confidence"):
        for code, text in getattr(m.scale, section).items():
            yield ("scale", section, code), text, f"{section} code {code}"
    for i, tier in enumerate(m.scoring.tiers):
        yield ("scoring", "tiers", i), tier.model_extra or {}, f"tier {tier.id}"
    if m.method is not None:
        for i, crime in enumerate(m.method.crimes):
            yield ("method", "crimes", i, "label"), crime.label, f"crime {crime.id}"
        for flag_kind, rule in m.method.red_flags.items():
            yield ("method", "red_flags", flag_kind, "label"), rule.label, f"red-flag kind {flag_kind}"
        for key, text in m.method.status.items():
            yield ("method", "status", key), text, f"status {key}"
    if m.prevention is not None:
        if m.prevention.note:
            yield ("prevention", "note"), m.prevention.note, "prevention note"
        for section in ("actors", "horizons"):
            for key, text in getattr(m.prevention, section).items():
                yield ("prevention", section, key), text, f"{section[:-1]} {key}"


def _factor_texts(ff: FactorFile) -> Iterator[tuple[Path, Any, str, str]]:
    """Every text of a factor file a person reads: its path, its text by language, its factor or
    indicator, and what it is (a guidance level as its text by language, so one rule serves all)."""
    h = ff.factor
    yield ("factor", "title"), h.title, f"factor {h.id}", "title"
    yield ("factor", "description"), h.description, f"factor {h.id}", "description"
    for i, ind in enumerate(ff.indicators):
        base, who = ("indicators", i), f"indicator {ind.id}"
        yield base + ("text",), ind.text, who, "text"
        for lvl in ind.guidance.get("en", {}):
            by_lang = {code: g.get(lvl, "") for code, g in ind.guidance.items()}
            yield base + ("guidance", lvl), by_lang, who, f"guidance for level {lvl}"
        if ind.red_flag is not None:
            yield base + ("red_flag", "reason"), ind.red_flag.reason, who, "red-flag reason"


def _where(path: Path, lang: str) -> Path:
    """The path of the missing translation: guidance is by language first (guidance.fr."0")."""
    if "guidance" in path:
        k = path.index("guidance")
        return path[: k + 1] + (lang,) + path[k + 1:]
    return path + (lang,)


def missing_translations(
    manifest: Manifest,
    manifest_tree: Any,
    files: list[tuple[FactorFile, Any, str]],
    option_files: list[tuple[PreventionFile, Any, str]],
    lang: str,
) -> list[FrameworkIssue]:
    """Every framework text that has English but no `lang` version, each with its place."""
    if lang == manifest.framework.required_language:
        return []
    name = manifest.framework.languages.get(lang, lang)
    out: list[FrameworkIssue] = []

    def add(rel: str, tree: Any, path: Path, who: str, what: str) -> None:
        where = _where(path, lang)
        out.append(FrameworkIssue(file=rel, line=line_of(tree, where), field=field_name(where),
                                  message=f"{who}: {what} not translated into {name} ({lang})"))

    for path, text, who in _manifest_texts(manifest):
        if _has(text, "en") and not _has(text, lang):
            add(MANIFEST, manifest_tree, path, who, "label")
    for ff, tree, rel in files:
        for path, text, who, what in _factor_texts(ff):
            if _has(text, "en") and not _has(text, lang):
                add(rel, tree, path, who, what)
        for i, ind in enumerate(ff.indicators):
            english, translated = ind.evidence_sources["en"], ind.evidence_sources.get(lang) or []
            path = ("indicators", i, "evidence_sources")
            if not translated:
                add(rel, tree, path, f"indicator {ind.id}", "evidence sources")
            elif len(translated) != len(english) or not all(s.strip() for s in translated):
                out.append(FrameworkIssue(
                    file=rel, line=line_of(tree, path + (lang,)), field=field_name(path + (lang,)),
                    message=f"indicator {ind.id}: {len(english)} English evidence sources but "
                            f"{sum(1 for s in translated if s.strip())} in {name} ({lang}); translate each one"))
    for pf, tree, rel in option_files:
        for i, option in enumerate(pf.options):
            for field in ("title", "description"):
                text = getattr(option, field)
                if _has(text, "en") and not _has(text, lang):
                    add(rel, tree, ("options", i, field), f"prevention option {option.id}", field)
    files_in_order = list(dict.fromkeys(issue.file for issue in out))
    return sorted(out, key=lambda issue: (files_in_order.index(issue.file), issue.line or 0))
