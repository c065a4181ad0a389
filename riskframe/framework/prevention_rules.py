"""Rules of the prevention catalogue: ids, links to the framework, actors, horizons and seed citations.

Every link an option makes (factor, indicator, theme, resilience indicator) must exist in the
framework, so a suggestion never points at something that is not scored; every option cites at
least one seed passage, so no option enters the catalogue without a source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from riskframe.framework.issues import FrameworkIssue
from riskframe.framework.models import FactorFile, Manifest
from riskframe.framework.prevention_models import PreventionFile, PreventionOption, PreventionSection
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
            c = _Option(rel, tree, n, opt.id)
            if opt.id in seen:
                c.add(("id",), f"duplicate option id (also in {seen[opt.id]})")
            seen.setdefault(opt.id, rel)
            _check_option(c, opt, manifest, section, factors, kind_of)
            issues += c.issues
    return issues


class _Option:
    """Collects the problems of one option, each with its file, line and field."""

    def __init__(self, rel: str, tree: Any, n: int, option_id: str):
        self.rel, self.tree, self.base, self.option_id = rel, tree, ("options", n), option_id
        self.issues: list[FrameworkIssue] = []

    def add(self, path: tuple, message: str) -> None:
        full = self.base + path
        self.issues.append(FrameworkIssue(file=self.rel, line=line_of(self.tree, full), field=field_name(full),
                                          message=f"option {self.option_id!r}: {message}"))


def _check_option(c: _Option, opt: PreventionOption, manifest: Manifest, section: PreventionSection,
                  factors: Mapping[str, str], kind_of: Mapping[str, str]) -> None:
    required = manifest.framework.required_language
    if not _OPTION_ID.match(opt.id):
        c.add(("id",), "ids are lower-case words joined by '_' (e.g. hate_speech_laws)")
    for name, text in (("title", opt.title), ("description", opt.description)):
        if not (text.get(required) or "").strip():
            c.add((name,), f"missing '{required}' {name}")
        for lang in text:
            if lang not in manifest.framework.languages:
                c.add((name, lang), f"language {lang!r} is not declared in manifest framework.languages")
    if not opt.actors:
        c.add(("actors",), f"name at least one actor: {', '.join(section.actors)}")
    for j, actor in enumerate(opt.actors):
        if actor not in section.actors:
            c.add(("actors", j), f"unknown actor {actor!r}; declared in manifest prevention.actors: "
                  f"{', '.join(section.actors)}")
    if opt.horizon not in section.horizons:
        c.add(("horizon",), f"unknown horizon {opt.horizon!r}; declared in manifest prevention.horizons: "
              f"{', '.join(section.horizons)}")
    a = opt.addresses
    if not (a.factors or a.indicators or a.themes):
        c.add(("addresses",), "link the option to at least one risk factor, indicator or theme")
    for j, f in enumerate(a.factors):
        if factors.get(f) != "risk":
            c.add(("addresses", "factors", j), f"unknown risk factor {f!r}")
    for j, i in enumerate(a.indicators):
        if kind_of.get(i) != "risk":
            c.add(("addresses", "indicators", j), f"unknown risk indicator {i!r}")
    for j, t in enumerate(a.themes):
        if t not in manifest.tags:
            c.add(("addresses", "themes", j), f"unknown theme {t!r}; themes are the manifest tags")
    for j, r in enumerate(opt.strengthens):
        if kind_of.get(r) != "resilience":
            c.add(("strengthens", j), f"unknown resilience indicator {r!r}")
    if not opt.sources:
        c.add(("sources",), "cite at least one seed passage (document and paragraph)")
    for j, src in enumerate(opt.sources):
        if src.document not in manifest.documents:
            c.add(("sources", j, "document"), f"unknown document {src.document!r}; declare it in manifest documents")
        if not src.ref.strip():
            c.add(("sources", j, "ref"), "say which paragraph of the seed the option comes from")
