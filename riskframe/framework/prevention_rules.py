"""Rules of the prevention catalogue: ids, links to the framework, actors, horizons and seed citations.

Every link an option makes (factor, indicator, theme, resilience indicator) must exist in the
framework, so a suggestion never points at something that is not scored; every option cites at
least one seed passage, so no option enters the catalogue without a source.
"""

from __future__ import annotations

import re
from typing import Any

from riskframe.framework.issues import FrameworkIssue
from riskframe.framework.models import FactorFile, Manifest
from riskframe.framework.prevention_models import PreventionFile
from riskframe.framework.yaml_lines import field_name, line_of

_OPTION_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def check_prevention(manifest: Manifest, factor_files: list[tuple[FactorFile, Any, str]],
                     option_files: list[tuple[PreventionFile, Any, str]]) -> list[FrameworkIssue]:
    """Every problem in the prevention files and the manifest's `prevention` section (empty: valid)."""
    section = manifest.prevention
    if section is None:
        if option_files:
            return [FrameworkIssue(file="manifest.yaml", field="prevention",
                                   message="prevention options exist but the manifest declares no `prevention` "
                                           "section (actors, horizons, thresholds)")]
        return []
    issues: list[FrameworkIssue] = []
    required = manifest.framework.required_language
    langs = manifest.framework.languages
    for kind, labels in (("actors", section.actors), ("horizons", section.horizons)):
        for code, text in labels.items():
            if not (text.get(required) or "").strip():
                issues.append(FrameworkIssue(file="manifest.yaml", field=f"prevention.{kind}.{code}",
                                             message=f"missing '{required}' label"))
    if section.thresholds.indicator_at > manifest.scale.max:
        issues.append(FrameworkIssue(file="manifest.yaml", field="prevention.thresholds.indicator_at",
                                     message=f"{section.thresholds.indicator_at} is above the scale's maximum "
                                             f"{manifest.scale.max}"))

    factors = {ff.factor.id: ff.factor.kind for ff, _t, _r in factor_files}
    kind_of = {ind.id: ff.factor.kind for ff, _t, _r in factor_files for ind in ff.indicators}
    seen: dict[str, str] = {}
    for pf, tree, rel in option_files:
        for n, opt in enumerate(pf.options):
            base: tuple = ("options", n)

            def add(path: tuple, message: str, _base: tuple = base) -> None:
                full = _base + path
                issues.append(FrameworkIssue(file=rel, line=line_of(tree, full), field=field_name(full),
                                             message=f"option {opt.id!r}: {message}"))

            if not _OPTION_ID.match(opt.id):
                add(("id",), "ids are lower-case words joined by '_' (e.g. hate_speech_laws)")
            if opt.id in seen:
                add(("id",), f"duplicate option id (also in {seen[opt.id]})")
            seen.setdefault(opt.id, rel)
            for name, text in (("title", opt.title), ("description", opt.description)):
                if not (text.get(required) or "").strip():
                    add((name,), f"missing '{required}' {name}")
                for lang in text:
                    if lang not in langs:
                        add((name, lang), f"language {lang!r} is not declared in manifest framework.languages")
            if not opt.actors:
                add(("actors",), f"name at least one actor: {', '.join(section.actors)}")
            for j, actor in enumerate(opt.actors):
                if actor not in section.actors:
                    add(("actors", j), f"unknown actor {actor!r}; declared in manifest prevention.actors: "
                        f"{', '.join(section.actors)}")
            if opt.horizon not in section.horizons:
                add(("horizon",), f"unknown horizon {opt.horizon!r}; declared in manifest prevention.horizons: "
                    f"{', '.join(section.horizons)}")
            a = opt.addresses
            if not (a.factors or a.indicators or a.themes):
                add(("addresses",), "link the option to at least one risk factor, indicator or theme")
            for j, f in enumerate(a.factors):
                if factors.get(f) != "risk":
                    add(("addresses", "factors", j), f"unknown risk factor {f!r}")
            for j, i in enumerate(a.indicators):
                if kind_of.get(i) != "risk":
                    add(("addresses", "indicators", j), f"unknown risk indicator {i!r}")
            for j, t in enumerate(a.themes):
                if t not in manifest.tags:
                    add(("addresses", "themes", j), f"unknown theme {t!r}; themes are the manifest tags")
            for j, r in enumerate(opt.strengthens):
                if kind_of.get(r) != "resilience":
                    add(("strengthens", j), f"unknown resilience indicator {r!r}")
            if not opt.sources:
                add(("sources",), "cite at least one seed passage (document and paragraph)")
            for j, s in enumerate(opt.sources):
                if s.document not in manifest.documents:
                    add(("sources", j, "document"), f"unknown document {s.document!r}; declare it in manifest documents")
                if not s.ref.strip():
                    add(("sources", j, "ref"), "say which paragraph of the seed the option comes from")
    return issues
